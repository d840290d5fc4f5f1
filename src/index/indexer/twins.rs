//! Sections that repeat another node: an article's first heading is its title, a design
//! principle or an item stated as a heading is also that heading's section, a maturity
//! model's list item is detailed under a heading of the same words. Each is one text to
//! a reader, so an answer shows it once (see `search::rank`); the index records, for the
//! article or item, which section it repeats.

use std::collections::HashMap;

use crate::graph::{Graph, Node, NodeKind};
use crate::search::normalize;

/// A file's section by its title: (corpus, path, normalized title).
type Key<'g> = (&'g str, &'g str, String);

/// The sections of each file by their normalized title: (line, graph index) in line order.
pub struct Twins<'g> {
    sections: HashMap<Key<'g>, Vec<(u32, u64)>>,
}

impl<'g> Twins<'g> {
    pub fn of(graph: &'g Graph) -> Twins<'g> {
        let mut sections: HashMap<Key, Vec<(u32, u64)>> = HashMap::new();
        for (index, node) in graph.nodes() {
            if node.kind != NodeKind::Section {
                continue;
            }
            for s in &node.sources {
                sections
                    .entry((s.corpus.as_str(), s.path.as_str(), normalize(&node.title)))
                    .or_default()
                    .push((s.line, index.index() as u64));
            }
        }
        Twins { sections }
    }

    /// The section of `node`'s file titled as `node`, the nearest to it when several are:
    /// `None` for a section, or a node no section repeats.
    pub fn of_node(&self, node: &Node) -> Option<u64> {
        if node.kind == NodeKind::Section {
            return None;
        }
        let title = normalize(&node.title);
        node.sources.iter().find_map(|s| {
            self.sections
                .get(&(s.corpus.as_str(), s.path.as_str(), title.clone()))?
                .iter()
                .min_by_key(|(line, _)| line.abs_diff(s.line))
                .map(|&(_, index)| index)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Source;

    fn node(id: &str, kind: NodeKind, title: &str, path: &str, line: u32) -> Node {
        let mut node = Node::new(id, kind, title);
        node.sources = vec![Source {
            corpus: "waf".into(),
            path: path.into(),
            heading: title.into(),
            line,
        }];
        node
    }

    #[test]
    fn a_node_repeats_the_nearest_section_of_its_file_titled_as_it() {
        let mut g = petgraph::graph::DiGraph::new();
        let far = g.add_node(node(
            "s1",
            NodeKind::Section,
            "Build cost reports",
            "a.md",
            10,
        ));
        let near = g.add_node(node(
            "s2",
            NodeKind::Section,
            "Build  cost reports!",
            "a.md",
            40,
        ));
        let other_file = g.add_node(node(
            "s3",
            NodeKind::Section,
            "Build cost reports",
            "b.md",
            31,
        ));
        let g = Graph::new(g);
        let item = node(
            "i",
            NodeKind::Recommendation,
            "Build cost reports",
            "a.md",
            31,
        );
        let article = node("a", NodeKind::Article, "Cost", "a.md", 1);
        let twins = Twins::of(&g);
        assert_eq!(twins.of_node(&item), Some(near.index() as u64));
        assert_ne!(twins.of_node(&item), Some(far.index() as u64));
        assert_ne!(twins.of_node(&item), Some(other_file.index() as u64));
        assert_eq!(twins.of_node(&article), None);
        let section = node("s4", NodeKind::Section, "Build cost reports", "a.md", 40);
        assert_eq!(twins.of_node(&section), None);
    }
}
