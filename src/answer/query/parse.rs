//! Parsing tokens into a query: the `explain` prefix, the graph-exploration forms
//! (`neighbors of X`, `links to X`, `path from X to Y`), and everything else as a search
//! whose words the planner reads against the vocabulary.

use super::error::{QueryError, Span};
use super::lex::{Token, TokenKind};

/// What kind of question it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "form", content = "targets")]
pub enum Form {
    /// Find nodes by kind, filters and words.
    Search,
    /// `neighbors of X`: the nodes one edge away from X.
    Neighbors(String),
    /// `links to X`: the nodes with an edge into X.
    LinksTo(String),
    /// `path from X to Y`: the shortest chain of edges between them.
    Path(String, String),
}

/// A parsed query.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub explain: bool,
    pub form: Form,
    /// The tokens a search is made of (empty for the exploration forms).
    pub tokens: Vec<Token>,
}

fn word(t: &Token) -> Option<String> {
    match &t.kind {
        TokenKind::Word(w) => Some(w.to_lowercase()),
        _ => None,
    }
}

fn text_of(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| match &t.kind {
            TokenKind::Word(w) | TokenKind::Quoted(w) => w.clone(),
            TokenKind::Filter { key, value, .. } => format!("{key}:{value}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Errors: an exploration form without its target (`neighbors of`, `path from A`).
pub fn parse(mut tokens: Vec<Token>) -> Result<Parsed, QueryError> {
    let mut explain = false;
    if tokens.len() > 1 && tokens.first().and_then(word).as_deref() == Some("explain") {
        explain = true;
        tokens.remove(0);
    }
    let words: Vec<Option<String>> = tokens.iter().map(word).collect();
    let first = words.first().cloned().flatten().unwrap_or_default();
    let second = words.get(1).cloned().flatten().unwrap_or_default();
    let end = tokens.last().map_or(0, |t| t.span.end);
    let missing = |what: &str, at: usize| {
        QueryError::new(
            format!("`{what}` needs something to start from"),
            Span::new(at, at + 1),
        )
        .label("expected a title, code or id here")
    };
    let form = match (first.as_str(), second.as_str()) {
        ("neighbors" | "neighbours" | "neighbor" | "neighbour", _) => {
            let skip = if second == "of" { 2 } else { 1 };
            if tokens.len() <= skip {
                return Err(missing("neighbors of", end));
            }
            Form::Neighbors(text_of(&tokens[skip..]))
        }
        ("links", "to") => {
            if tokens.len() <= 2 {
                return Err(missing("links to", end));
            }
            Form::LinksTo(text_of(&tokens[2..]))
        }
        ("path", "from") => {
            let to = words.iter().rposition(|w| w.as_deref() == Some("to"));
            match to {
                Some(i) if i > 2 && i + 1 < tokens.len() => {
                    Form::Path(text_of(&tokens[2..i]), text_of(&tokens[i + 1..]))
                }
                _ => {
                    return Err(QueryError::new(
                        "`path from` needs two ends: `path from A to B`",
                        Span::new(0, end.max(1)),
                    ));
                }
            }
        }
        _ => Form::Search,
    };
    if form != Form::Search {
        tokens.clear();
    }
    Ok(Parsed {
        explain,
        form,
        tokens,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::lex::lex;

    fn form(q: &str) -> Form {
        parse(lex(q).unwrap()).unwrap().form
    }

    #[test]
    fn forms() {
        assert_eq!(form("neighbors of SE:05"), Form::Neighbors("SE:05".into()));
        assert_eq!(
            form("links to Model decay"),
            Form::LinksTo("Model decay".into())
        );
        assert_eq!(
            form("path from Model decay to Testing and evaluation"),
            Form::Path("Model decay".into(), "Testing and evaluation".into())
        );
        assert_eq!(form("model decay"), Form::Search);
        let p = parse(lex("explain SE:05").unwrap()).unwrap();
        assert!(p.explain);
        assert_eq!(p.tokens.len(), 1);
    }

    #[test]
    fn forms_without_targets_are_errors() {
        assert!(parse(lex("neighbors of").unwrap()).is_err());
        assert!(parse(lex("path from a").unwrap()).is_err());
    }
}
