//! The graph builder's look-ups (a node by its kind and key; whether an id is taken)
//! without a `String` of each key and id: over ten copies of the guidance the two maps
//! held ~150,000 strings, a tenth of what `index` held at its peak (issue 22).
//!
//! Each map goes from a hash to the first node that had it, and the node's own key or id
//! confirms a hit, so an answer is exact: a key whose hash an earlier, different key
//! already had is kept whole in a small overflow map, and an id whose hash another id
//! had is looked for among all the nodes.

use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::BuildHasher;

use petgraph::graph::{DiGraph, NodeIndex};

use super::{Edge, Node, NodeKind};

/// The nodes by (kind, key), in the order they were made.
#[derive(Debug, Default)]
pub struct Keys<S = RandomState> {
    hasher: S,
    first: HashMap<u64, u32>,
    /// The keys one after another; `ends[i]` is where node `i`'s ends.
    text: String,
    ends: Vec<usize>,
    kinds: Vec<NodeKind>,
    overflow: HashMap<(NodeKind, String), usize>,
}

impl<S: BuildHasher> Keys<S> {
    fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The node made for (`kind`, `key`).
    pub fn get(&self, kind: NodeKind, key: &str) -> Option<usize> {
        let i = *self.first.get(&self.hasher.hash_one((kind, key)))? as usize;
        if self.kinds[i] == kind && self.key(i) == key {
            return Some(i);
        }
        self.overflow.get(&(kind, key.to_string())).copied()
    }

    /// Records that node `i`, the next one made (`i` is how many came before), stands for
    /// (`kind`, `key`), which [`Keys::get`] did not know.
    pub fn insert(&mut self, kind: NodeKind, key: &str, i: usize) {
        debug_assert_eq!(i, self.ends.len());
        self.text.push_str(key);
        self.ends.push(self.text.len());
        self.kinds.push(kind);
        match self.first.entry(self.hasher.hash_one((kind, key))) {
            Entry::Vacant(slot) => {
                slot.insert(u32::try_from(i).unwrap_or(u32::MAX));
            }
            Entry::Occupied(_) => {
                self.overflow.insert((kind, key.to_string()), i);
            }
        }
    }
}

/// The ids given so far, by hash; the nodes themselves hold the ids.
#[derive(Debug, Default)]
pub struct Ids<S = RandomState> {
    hasher: S,
    first: HashMap<u64, u32>,
}

impl<S: BuildHasher> Ids<S> {
    /// Whether a node of `graph` has `id`.
    pub fn taken(&self, id: &str, graph: &DiGraph<Node, Edge>) -> bool {
        match self.first.get(&self.hasher.hash_one(id)) {
            None => false,
            Some(&i) if graph[NodeIndex::new(i as usize)].id == id => true,
            // Another id of the same hash: rare enough to look at every node.
            Some(_) => graph.node_weights().any(|n| n.id == id),
        }
    }

    /// Records that node `i` has `id`.
    pub fn insert(&mut self, id: &str, i: usize) {
        self.first
            .entry(self.hasher.hash_one(id))
            .or_insert(u32::try_from(i).unwrap_or(u32::MAX));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value hashes alike, so every look-up after the first meets a collision.
    #[derive(Default)]
    struct Alike;

    impl BuildHasher for Alike {
        type Hasher = Zero;
        fn build_hasher(&self) -> Zero {
            Zero
        }
    }

    struct Zero;

    impl std::hash::Hasher for Zero {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn keys_are_found_by_kind_and_key_when_hashes_collide() {
        let mut keys = Keys::<Alike>::default();
        keys.insert(NodeKind::Section, "azure/a.md#1", 0);
        keys.insert(NodeKind::Article, "azure/a.md#1", 1);
        keys.insert(NodeKind::Section, "azure/b.md#1", 2);
        assert_eq!(keys.get(NodeKind::Section, "azure/a.md#1"), Some(0));
        assert_eq!(keys.get(NodeKind::Article, "azure/a.md#1"), Some(1));
        assert_eq!(keys.get(NodeKind::Section, "azure/b.md#1"), Some(2));
        assert_eq!(keys.get(NodeKind::Section, "azure/c.md#1"), None);
        assert_eq!(keys.key(2), "azure/b.md#1");
    }

    #[test]
    fn ids_are_taken_once_given_when_hashes_collide() {
        let mut graph = DiGraph::new();
        let mut ids = Ids::<Alike>::default();
        for id in ["challenge:a-b", "challenge:c"] {
            let i = graph
                .add_node(Node::new(id, NodeKind::Challenge, id))
                .index();
            ids.insert(id, i);
        }
        assert!(ids.taken("challenge:a-b", &graph));
        assert!(ids.taken("challenge:c", &graph));
        assert!(!ids.taken("challenge:a-c", &graph));
    }

    #[test]
    fn keys_and_ids_with_the_usual_hasher() {
        let mut keys = Keys::<RandomState>::default();
        keys.insert(NodeKind::Pillar, "security", 0);
        assert_eq!(keys.get(NodeKind::Pillar, "security"), Some(0));
        assert_eq!(keys.get(NodeKind::Workload, "security"), None);
    }
}
