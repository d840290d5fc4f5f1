//! What an item sits in: the sections above it and its article. Each of them holds the
//! item's words, and more, so a question the item answers also matches them; an answer
//! puts the item above a section its words matched by text alone (see `search::rank`).
//! The index records, for an item, the graph indices of its containers.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::graph::{EdgeKind, Graph, NodeKind};

/// The sections and article that contain the item at `index`, nearest first; none for a
/// node that is no item.
pub fn of(graph: &Graph, index: NodeIndex) -> Vec<u64> {
    let mut out = Vec::new();
    if !graph.inner[index].kind.is_item() {
        return out;
    }
    let mut at = index;
    // A node has one container; the bound guards against a cycle the graph should never
    // hold.
    while out.len() < 32 {
        let parent = graph
            .inner
            .edges_directed(at, Direction::Incoming)
            .find(|e| {
                e.weight().kind == EdgeKind::Contains
                    && matches!(
                        graph.inner[e.source()].kind,
                        NodeKind::Section | NodeKind::Article
                    )
            })
            .map(|e| e.source());
        let Some(parent) = parent else { break };
        out.push(parent.index() as u64);
        at = parent;
    }
    out
}
