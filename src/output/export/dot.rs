//! Graphviz DOT: a `digraph` whose nodes are boxes filled with the colour of their kind,
//! labelled with their code and title (wrapped at word boundaries), linked to their page
//! on Learn (`URL`, clickable in SVG) and with their id as tooltip; each edge is labelled
//! with its kind and has its evidence as tooltip. A legend cluster names the colours of
//! the kinds present.
//!
//! Every id and attribute is a double-quoted string. Inside one DOT itself only unescapes
//! `\"`, but labels, tooltips and URLs are "escString"s whose backslash sequences
//! (`\n`, `\l`, `\N`, `\G`…) Graphviz interprets; so a backslash is doubled, a quote
//! escaped, a line break written `\n`, and other control characters become spaces. The
//! same escaping applies to ids, so a title or an id ending in a backslash cannot swallow
//! the closing quote.

use std::io::{self, Write};

use crate::engine::Subgraph;
use crate::graph::NodeKind;

/// How wide a label's lines are, in characters.
const LABEL_WIDTH: usize = 30;

pub fn write(w: &mut dyn Write, g: &Subgraph) -> io::Result<()> {
    writeln!(w, "digraph guidegraph {{")?;
    writeln!(w, r#"  graph [fontname="Helvetica", overlap=false];"#)?;
    writeln!(
        w,
        r#"  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];"#
    )?;
    writeln!(
        w,
        r#"  edge [fontname="Helvetica", fontsize=8, color="gray40", fontcolor="gray30"];"#
    )?;
    for row in &g.nodes {
        let title = match &row.code {
            Some(code) => format!("{code} {}", row.title),
            None => row.title.clone(),
        };
        let label = format!("{}\n({})", wrap(&title, LABEL_WIDTH), row.kind.name());
        write!(
            w,
            r#"  "{}" [label="{}", fillcolor="{}", tooltip="{}""#,
            quoted(&row.id),
            quoted(&label),
            colour(row.kind),
            quoted(&row.id)
        )?;
        if let Some(url) = &row.url {
            write!(w, r#", URL="{}""#, quoted(url))?;
        }
        writeln!(w, "];")?;
    }
    for e in &g.edges {
        writeln!(
            w,
            r#"  "{}" -> "{}" [label="{}", tooltip="{}"];"#,
            quoted(&e.source),
            quoted(&e.target),
            e.kind.name(),
            quoted(&e.evidence)
        )?;
    }
    let mut kinds: Vec<NodeKind> = g.nodes.iter().map(|r| r.kind).collect();
    kinds.sort();
    kinds.dedup();
    if !kinds.is_empty() {
        writeln!(w, "  subgraph cluster_legend {{")?;
        writeln!(
            w,
            r#"    label="kinds"; fontsize=10; style="rounded"; color="gray60";"#
        )?;
        for kind in kinds {
            writeln!(
                w,
                r#"    "legend:{0}" [label="{0}", fillcolor="{1}"];"#,
                kind.name(),
                colour(kind)
            )?;
        }
        writeln!(w, "  }}")?;
    }
    writeln!(w, "}}")
}

/// The fill colour of a kind (X11 colour names, which every Graphviz knows). A match
/// rather than a table, so a new kind cannot be forgotten.
fn colour(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Framework => "gray75",
        NodeKind::Platform => "lightskyblue",
        NodeKind::Pillar => "gold",
        NodeKind::Workload => "palegreen",
        NodeKind::Service => "lightsalmon",
        NodeKind::DesignArea => "plum",
        NodeKind::DesignPrinciple => "khaki",
        NodeKind::Challenge => "lightpink",
        NodeKind::Recommendation => "lightcyan",
        NodeKind::Tradeoff => "orange",
        NodeKind::Article => "white",
        NodeKind::Section => "whitesmoke",
    }
}

/// A string for between double quotes: backslash doubled, quote escaped, line breaks as
/// `\n`, other control characters as spaces.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `s` broken into lines of at most `width` characters at spaces (a longer word stands
/// on a line of its own).
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, para) in s.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = 0;
        for word in para.split_whitespace() {
            let n = word.chars().count();
            if line > 0 && line + 1 + n > width {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_end_their_quotes() {
        assert_eq!(quoted(r#"a "b" \ c\"#), r#"a \"b\" \\ c\\"#);
        assert_eq!(quoted("one\r\ntwo\nthree\u{7}"), r"one\ntwo\nthree ");
    }

    #[test]
    fn labels_wrap_at_word_boundaries() {
        assert_eq!(
            wrap("Use managed identities for every service", 20),
            "Use managed\nidentities for every\nservice"
        );
        assert_eq!(wrap("a\nb", 20), "a\nb");
    }
}
