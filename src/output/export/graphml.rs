//! GraphML (<http://graphml.graphdrawing.org/>), as networkx's `read_graphml`, Gephi,
//! yEd and Cytoscape read it: one directed `<graph>`, a `<key>` per attribute, every
//! attribute a string. GraphML has no list type, so a list (pillars, services…) is one
//! string with its items joined by `;`; an empty list or an absent value is no `<data>`
//! at all. `label` repeats the title, as Gephi labels nodes with it. Edges have ids
//! `e0`, `e1`… in their sorted order, so two edges of one kind between the same nodes
//! stay two (networkx reads such a graph as a multigraph).
//!
//! Text is escaped here rather than with an XML crate: five entities, and the characters
//! XML 1.0 does not allow at all (most control characters), which even a correct
//! escaper passes through and every parser then rejects, become U+FFFD.

use std::io::{self, Write};

use super::{NODE_ATTRIBUTES, Value, node_values};
use crate::engine::Subgraph;

pub fn write(w: &mut dyn Write, g: &Subgraph) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        w,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    for (name, _) in NODE_ATTRIBUTES {
        writeln!(
            w,
            r#"  <key id="n_{name}" for="node" attr.name="{name}" attr.type="string"/>"#
        )?;
    }
    for name in ["kind", "evidence"] {
        writeln!(
            w,
            r#"  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="string"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="guidegraph" edgedefault="directed">"#)?;
    for row in &g.nodes {
        writeln!(w, r#"    <node id="{}">"#, attribute(&row.id))?;
        data(w, "label", &row.title)?;
        for ((name, _), value) in NODE_ATTRIBUTES.iter().zip(node_values(row)) {
            let text = match value {
                Value::Text(Some(t)) => t,
                Value::Text(None) => continue,
                Value::List([]) => continue,
                Value::List(items) => items.join(";"),
            };
            data(w, &format!("n_{name}"), &text)?;
        }
        writeln!(w, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            attribute(&e.source),
            attribute(&e.target)
        )?;
        data(w, "e_kind", e.kind.name())?;
        data(w, "e_evidence", &e.evidence)?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")
}

fn data(w: &mut dyn Write, key: &str, text: &str) -> io::Result<()> {
    writeln!(w, r#"      <data key="{key}">{}</data>"#, content(text))
}

/// Text for element content: `&`, `<` and `>` as entities, a carriage return as a
/// character reference (a parser would turn a raw one into a line feed).
pub fn content(s: &str) -> String {
    escape(s, false)
}

/// Text for a double-quoted attribute: also `"` and `'`, and line feeds and tabs as
/// character references (a parser turns raw ones into spaces).
pub fn attribute(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if allowed_in_xml(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char`: tab, line feed, carriage return, and everything from U+0020 but the
/// surrogates (which a Rust `char` never is), U+FFFE and U+FFFF.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_where_it_stands() {
        assert_eq!(
            content("a < b & \"c\"\r\nd"),
            "a &lt; b &amp; \"c\"&#13;\nd"
        );
        assert_eq!(
            attribute("x\"y'z\n\t<&>"),
            "x&quot;y&apos;z&#10;&#9;&lt;&amp;&gt;"
        );
        assert_eq!(
            content("nul\u{0}bell\u{7}\u{FFFF}"),
            "nul\u{FFFD}bell\u{FFFD}\u{FFFD}"
        );
    }
}
