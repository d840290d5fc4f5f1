//! Exports of the graph for other tools (issue 19): [`graphml`] for networkx, Gephi and
//! yEd, [`dot`] for Graphviz, [`neo4j`] for `neo4j-admin database import` and cypher-shell.
//! Each writes an [`engine::Subgraph`](crate::engine::Subgraph) — nodes sorted by id,
//! edges by their ends — as it comes, so the same index gives the same bytes.
//!
//! Every format carries the same node attributes ([`NODE_ATTRIBUTES`]): id, kind, title,
//! code, pillars, platforms, workloads, services (names, as in answers), source
//! (`corpus/path:line` of the first place the node was seen) and url (its page on
//! Learn); and the same edge attributes: kind and evidence.

pub mod dot;
pub mod graphml;
pub mod neo4j;

use crate::query::ResultRow;

/// The names of the node attributes, in the order every format writes them, each with
/// whether it is a list ([`Value::List`]).
pub const NODE_ATTRIBUTES: [(&str, bool); 10] = [
    ("id", false),
    ("kind", false),
    ("title", false),
    ("code", false),
    ("pillars", true),
    ("platforms", true),
    ("workloads", true),
    ("services", true),
    ("source", false),
    ("url", false),
];

/// The value of a node attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Text, absent when the node has none (no code, no page on Learn).
    Text(Option<String>),
    /// A list, perhaps empty.
    List(&'a [String]),
}

/// The node's attributes, named as [`NODE_ATTRIBUTES`] and in its order.
pub fn node_values(row: &ResultRow) -> [Value<'_>; 10] {
    let source = row
        .sources
        .first()
        .map(|s| format!("{}/{}:{}", s.corpus, s.path, s.line));
    [
        Value::Text(Some(row.id.clone())),
        Value::Text(Some(row.kind.name().to_string())),
        Value::Text(Some(row.title.clone())),
        Value::Text(row.code.clone()),
        Value::List(&row.pillars),
        Value::List(&row.platforms),
        Value::List(&row.workloads),
        Value::List(&row.services),
        Value::Text(source),
        Value::Text(row.url.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Node, NodeKind};

    #[test]
    fn the_attribute_table_says_which_values_are_lists() {
        let node = Node::new("pillar:security", NodeKind::Pillar, "Security");
        let row = ResultRow::from_node(&node, 0.0, None);
        for ((name, list), value) in NODE_ATTRIBUTES.iter().zip(node_values(&row)) {
            assert_eq!(*list, matches!(value, Value::List(_)), "{name}");
        }
    }
}
