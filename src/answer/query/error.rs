//! Query errors that point at the offending part of the query.

use std::fmt;

/// A byte range of the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// A usage or syntax error in a query (exit status 2). As JSON: `message`, `span`
/// (`start`, `end`: bytes of the query), `label` and `help` when there are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QueryError {
    pub message: String,
    pub span: Span,
    /// Said under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl QueryError {
    pub fn new(message: impl Into<String>, span: Span) -> QueryError {
        QueryError {
            message: message.into(),
            span,
            label: None,
            help: None,
        }
    }
    pub fn label(mut self, label: impl Into<String>) -> QueryError {
        self.label = Some(label.into());
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> QueryError {
        self.help = Some(help.into());
        self
    }

    /// The error with the query quoted and a caret line under the offending text:
    ///
    /// ```text
    /// error: unbalanced quote
    ///   | kind:challenge "open
    ///   |                ^ this quote is never closed
    ///   = help: close the phrase with another `"`
    /// ```
    pub fn render(&self, query: &str) -> String {
        let mut out = format!("error: {}\n", self.message);
        // Show at most 100 characters of the query around the error.
        let start = floor_char(query, self.span.start.saturating_sub(40).min(query.len()));
        let end = floor_char(query, (start + 100).min(query.len()));
        let shown = &query[start..end];
        let prefix = if start > 0 { "…" } else { "" };
        out.push_str(&format!(
            "  | {prefix}{}\n",
            shown.replace(['\n', '\t'], " ")
        ));
        let from = self.span.start.clamp(start, end);
        let to = self.span.end.clamp(from, end.max(from + 1));
        let pad = query[start..floor_char(query, from)].chars().count() + prefix.chars().count();
        let width = query[floor_char(query, from)..floor_char(query, to)]
            .chars()
            .count()
            .max(1);
        out.push_str(&format!("  | {}{}", " ".repeat(pad), "^".repeat(width)));
        if let Some(label) = &self.label {
            out.push(' ');
            out.push_str(label);
        }
        out.push('\n');
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_span() {
        let e = QueryError::new("unbalanced quote", Span::new(15, 16)).label("never closed");
        assert_eq!(
            e.render("kind:challenge \"open"),
            "error: unbalanced quote\n  | kind:challenge \"open\n  |                ^ never closed\n"
        );
    }
}
