//! For teams who keep the graph in Neo4j: the two CSV files of
//! `neo4j-admin database import full` ([`nodes_csv`], [`relationships_csv`]) and a
//! Cypher script of `MERGE` statements for cypher-shell ([`cypher`]).
//!
//! Every node has the label `Guidance` and the label of its kind (`Recommendation`,
//! `DesignPrinciple`); its `id` is unique (the script creates the constraint). A
//! relationship's type is its kind in capitals (`IN_PILLAR`), with its `evidence` as a
//! property.
//!
//! The CSV files use neo4j-admin's defaults: `,` between fields, `"` around them (a
//! quote inside doubled), `;` between the items of an array (`pillars:string[]`). Every
//! present text is quoted; an absent one (no code, no page) is an empty field, which
//! neo4j-admin leaves unset, as it does an empty array. Neo4j has no escape for `;` in
//! an array item, so one becomes `,`. A title holding a line break stays one field over
//! two lines, which neo4j-admin reads with `--multiline-fields=true`. Unlike the `csv`
//! answer format, a field starting with `=` gets no `'`: these files are data for
//! Neo4j, not for a spreadsheet.
//!
//! In the script, every value is a double-quoted Cypher string literal with `\`, `"` and
//! control characters escaped (`\n`, `\u0007`), so no title can end its string or the
//! statement. Labels and relationship types come from guidegraph's own kinds.

use std::io::{self, Write};

use super::{NODE_ATTRIBUTES, Value, node_values};
use crate::engine::Subgraph;
use crate::graph::{EdgeKind, NodeKind};

/// The label every node has, on which the id is unique.
pub const LABEL: &str = "Guidance";

/// `nodes.csv`: `id:ID`, `:LABEL`, then the other attributes, the lists typed `string[]`.
pub fn nodes_csv(w: &mut dyn Write, g: &Subgraph) -> io::Result<()> {
    let mut header = vec!["id:ID".to_string(), ":LABEL".to_string()];
    for (name, list) in NODE_ATTRIBUTES.iter().skip(1) {
        header.push(if *list {
            format!("{name}:string[]")
        } else {
            (*name).to_string()
        });
    }
    writeln!(w, "{}", header.join(","))?;
    for row in &g.nodes {
        let mut fields = Vec::with_capacity(NODE_ATTRIBUTES.len() + 1);
        for (i, value) in node_values(row).into_iter().enumerate() {
            fields.push(match value {
                Value::Text(Some(t)) => csv_field(&t),
                Value::Text(None) | Value::List([]) => String::new(),
                Value::List(items) => csv_field(
                    &items
                        .iter()
                        .map(|s| s.replace(';', ","))
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
            });
            if i == 0 {
                fields.push(csv_field(&format!("{LABEL};{}", label(row.kind))));
            }
        }
        writeln!(w, "{}", fields.join(","))?;
    }
    Ok(())
}

/// `relationships.csv`: `:START_ID`, `:END_ID`, `:TYPE`, `evidence`.
pub fn relationships_csv(w: &mut dyn Write, g: &Subgraph) -> io::Result<()> {
    writeln!(w, ":START_ID,:END_ID,:TYPE,evidence")?;
    for e in &g.edges {
        writeln!(
            w,
            "{},{},{},{}",
            csv_field(&e.source),
            csv_field(&e.target),
            rel_type(e.kind),
            csv_field(&e.evidence)
        )?;
    }
    Ok(())
}

/// A script of `MERGE` statements, one a line, for `cypher-shell -f`: the uniqueness
/// constraint on ids, the nodes (their properties set anew, so running the script of a
/// newer index again updates them), then the relationships, one per kind and evidence
/// between two nodes (two identical edges would be one relationship; the guidance has
/// none). A relationship's two ends are two `MATCH` clauses, not one with two patterns,
/// which Neo4j's linter warns of as a cartesian product.
pub fn cypher(w: &mut dyn Write, g: &Subgraph) -> io::Result<()> {
    writeln!(
        w,
        "// guidegraph export: {} nodes, {} relationships. Run with: cypher-shell -f FILE",
        g.nodes.len(),
        g.edges.len()
    )?;
    writeln!(
        w,
        "CREATE CONSTRAINT guidance_id IF NOT EXISTS FOR (n:{LABEL}) REQUIRE n.id IS UNIQUE;"
    )?;
    for row in &g.nodes {
        let mut props = Vec::new();
        for ((name, _), value) in NODE_ATTRIBUTES.iter().zip(node_values(row)).skip(1) {
            let v = match value {
                Value::Text(Some(t)) => string(&t),
                Value::Text(None) => "null".to_string(),
                Value::List(items) => format!(
                    "[{}]",
                    items
                        .iter()
                        .map(|s| string(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            props.push(format!("{name}: {v}"));
        }
        writeln!(
            w,
            "MERGE (n:{LABEL} {{id: {}}}) SET n:{}, n += {{{}}};",
            string(&row.id),
            label(row.kind),
            props.join(", ")
        )?;
    }
    for e in &g.edges {
        writeln!(
            w,
            "MATCH (a:{LABEL} {{id: {}}}) MATCH (b:{LABEL} {{id: {}}}) MERGE (a)-[:{} {{evidence: {}}}]->(b);",
            string(&e.source),
            string(&e.target),
            rel_type(e.kind),
            string(&e.evidence)
        )?;
    }
    Ok(())
}

/// The label of a kind: `design-principle` → `DesignPrinciple`.
pub fn label(kind: NodeKind) -> String {
    kind.name()
        .split('-')
        .map(|part| {
            let mut cs = part.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The relationship type of a kind: `in-pillar` → `IN_PILLAR`.
pub fn rel_type(kind: EdgeKind) -> String {
    kind.name().replace('-', "_").to_uppercase()
}

/// A CSV field in quotes, a quote inside doubled.
fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A Cypher string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_neo4j_conventions() {
        assert_eq!(label(NodeKind::DesignPrinciple), "DesignPrinciple");
        assert_eq!(label(NodeKind::Pillar), "Pillar");
        assert_eq!(rel_type(EdgeKind::InPillar), "IN_PILLAR");
        assert_eq!(rel_type(EdgeKind::Has), "HAS");
    }

    #[test]
    fn strings_cannot_end_their_quotes_or_statements() {
        assert_eq!(string(r#"a "b"; \"#), r#""a \"b\"; \\""#);
        assert_eq!(string("x\ny\u{7}'"), r#""x\ny\u0007'""#);
        assert_eq!(csv_field("say \"hi\", ok"), r#""say ""hi"", ok""#);
    }
}
