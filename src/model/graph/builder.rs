//! Assembling the graph: one node per entity however often it is seen, edges without
//! duplicates, everything in a deterministic order.

use std::collections::HashSet;

use petgraph::graph::{DiGraph, NodeIndex};

use super::lookup::{Ids, Keys};
use super::shared::Strings;
use super::{Edge, EdgeKind, Graph, Node, NodeKind, Rare, Shared, Source};
use crate::corpus::text;

/// What an extraction rule knows about one sighting of an entity.
#[derive(Debug, Clone, Default)]
pub struct Sighting {
    pub title: String,
    pub text: String,
    pub summary: Option<String>,
    pub code: Option<String>,
    pub checklist: bool,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    pub workloads: Vec<String>,
    pub services: Vec<String>,
    pub group: Option<String>,
    pub scope: Option<String>,
    pub benefit: Option<String>,
    pub draft: bool,
    pub aliases: Vec<String>,
    /// A service's ARM resource types.
    pub resource_types: Vec<crate::vocab::ResourceType>,
    pub source: Option<Source>,
    /// How authoritative this sighting is for the title and text: a checklist row (2) beats
    /// the "applies to" box of a detail article (1) that quotes it. The source of the
    /// strongest sighting is listed first, so it is the one results point at.
    pub strength: u8,
}

/// The nodes and edges go straight into the finished graph's storage, in the order they
/// are made: copying them into it at the end held every node twice, the peak of `index`
/// (issue 22).
#[derive(Default)]
pub struct GraphBuilder {
    graph: DiGraph<Node, Edge>,
    strength: Vec<u8>,
    by_key: Keys,
    ids: Ids,
    /// (from, to, kind) of the edges drawn; petgraph's indices are 32 bits.
    edge_seen: HashSet<(u32, u32, EdgeKind)>,
    /// Evidence and sources, each string held once.
    strings: Strings,
}

/// Summaries are kept short: they are for result lists, not reading.
const SUMMARY_CHARS: usize = 240;

impl GraphBuilder {
    /// The node for (`kind`, `key`), created from `sighting` or merged with it.
    pub fn upsert(&mut self, kind: NodeKind, key: &str, mut sighting: Sighting) -> usize {
        sighting.source = sighting.source.map(|s| self.shared(s));
        let summary = sighting
            .summary
            .take()
            .unwrap_or_else(|| text::summarize(&sighting.text, SUMMARY_CHARS));
        if let Some(i) = self.by_key.get(kind, key) {
            let node = &mut self.graph[NodeIndex::new(i)];
            // A placeholder never names a node that has been written somewhere else.
            let stronger = match (node.draft, sighting.draft) {
                (true, false) => true,
                (false, true) => false,
                _ => sighting.strength > self.strength[i],
            };
            if stronger {
                node.title = tight(sighting.title);
                node.text = tight(sighting.text);
                node.summary = tight(summary);
                if sighting.code.is_some() {
                    node.code = sighting.code;
                }
                self.strength[i] = sighting.strength;
            } else if node.summary.is_empty() && !summary.is_empty() {
                node.summary = tight(summary);
                node.text = tight(sighting.text);
            }
            node.checklist |= sighting.checklist;
            let strings = &mut self.strings;
            merge(&mut node.pillars, share(strings, sighting.pillars));
            merge(&mut node.platforms, share(strings, sighting.platforms));
            merge(&mut node.workloads, share(strings, sighting.workloads));
            merge(&mut node.services, share(strings, sighting.services));
            let rare = node.rare_mut();
            merge(&mut rare.aliases, sighting.aliases);
            merge(&mut rare.resource_types, sighting.resource_types);
            rare.group = rare.group.take().or(sighting.group);
            rare.scope = rare.scope.take().or(sighting.scope);
            rare.benefit = rare.benefit.take().or(sighting.benefit);
            node.tidy();
            // A node is a draft only while every sighting of it is.
            node.draft &= sighting.draft;
            if let Some(source) = sighting.source
                && !node.sources.contains(&source)
            {
                if stronger {
                    node.sources.insert(0, source);
                } else {
                    node.sources.push(source);
                }
            }
            return i;
        }
        let id = self.fresh_id(kind, key);
        let mut node = Node {
            summary: tight(summary),
            text: tight(sighting.text),
            code: sighting.code,
            checklist: sighting.checklist,
            pillars: share(&mut self.strings, dedup(sighting.pillars)),
            platforms: share(&mut self.strings, dedup(sighting.platforms)),
            workloads: share(&mut self.strings, dedup(sighting.workloads)),
            services: share(&mut self.strings, dedup(sighting.services)),
            sources: sighting.source.into_iter().collect(),
            draft: sighting.draft,
            ..Node::new(id, kind, tight(sighting.title))
        };
        node.set_rare(Rare {
            group: sighting.group,
            scope: sighting.scope,
            benefit: sighting.benefit,
            aliases: dedup(sighting.aliases),
            mentions: Vec::new(),
            links: Vec::new(),
            resource_types: sighting.resource_types,
        });
        let i = self.graph.add_node(node).index();
        self.strength.push(sighting.strength);
        self.by_key.insert(kind, key, i);
        i
    }

    /// Looks a node up by its key without creating it.
    pub fn find(&self, kind: NodeKind, key: &str) -> Option<usize> {
        self.by_key.get(kind, key)
    }

    pub fn node(&self, i: usize) -> &Node {
        &self.graph[NodeIndex::new(i)]
    }

    pub fn node_mut(&mut self, i: usize) -> &mut Node {
        &mut self.graph[NodeIndex::new(i)]
    }

    /// The nodes and edges made so far (indices in the order they were made), for a pass
    /// over the whole graph before it is finished.
    pub fn graph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// The `i`th edge drawn, to be re-typed by such a pass.
    pub fn edge_mut(&mut self, i: usize) -> &mut Edge {
        &mut self.graph[petgraph::graph::EdgeIndex::new(i)]
    }

    /// Adds an edge unless one of the same kind already joins the two nodes.
    pub fn edge(&mut self, from: usize, to: usize, kind: EdgeKind, evidence: impl AsRef<str>) {
        let seen = (
            u32::try_from(from).unwrap_or(u32::MAX),
            u32::try_from(to).unwrap_or(u32::MAX),
            kind,
        );
        if from == to || !self.edge_seen.insert(seen) {
            return;
        }
        let evidence = self.strings.get(evidence.as_ref());
        self.graph.add_edge(
            NodeIndex::new(from),
            NodeIndex::new(to),
            Edge { kind, evidence },
        );
    }

    /// `source` with its strings shared with every other source naming them.
    fn shared(&mut self, source: Source) -> Source {
        Source {
            corpus: self.strings.get(&source.corpus),
            path: self.strings.get(&source.path),
            heading: self.strings.get(&source.heading),
            line: source.line,
        }
    }

    fn fresh_id(&mut self, kind: NodeKind, key: &str) -> String {
        let mut id = format!("{}:{}", kind.name(), text::slug(key));
        if self.ids.taken(&id, &self.graph) {
            let hash = blake3::hash(key.as_bytes()).to_hex();
            id = format!("{id}-{}", &hash.as_str()[..8]);
        }
        self.ids.insert(&id, self.graph.node_count());
        id
    }

    pub fn finish(self) -> Graph {
        Graph::new(self.graph)
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

/// `s` without room to grow: a node's strings are final, and the rules build many with
/// `format!`, which can leave half of an allocation unused (issue 22).
fn tight(mut s: String) -> String {
    s.shrink_to_fit();
    s
}

/// `v`, each string the one copy `strings` holds.
fn share(strings: &mut Strings, v: Vec<String>) -> Vec<Shared> {
    v.iter().map(|s| strings.get(s)).collect()
}

fn merge<T: PartialEq>(into: &mut Vec<T>, more: Vec<T>) {
    for x in more {
        if !into.contains(&x) {
            into.push(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sighting(title: &str, strength: u8, path: &str) -> Sighting {
        Sighting {
            title: title.into(),
            text: format!("{title} text"),
            strength,
            pillars: vec!["security".into()],
            source: Some(Source {
                corpus: "c".into(),
                path: path.into(),
                heading: "h".into(),
                line: 1,
            }),
            ..Sighting::default()
        }
    }

    #[test]
    fn same_entity_is_one_node_with_several_sources() {
        let mut b = GraphBuilder::default();
        let a = b.upsert(
            NodeKind::Recommendation,
            "azure/SE:05",
            sighting("Quoted", 1, "x.md"),
        );
        let c = b.upsert(
            NodeKind::Recommendation,
            "azure/SE:05",
            sighting("Checklist", 2, "checklist.md"),
        );
        assert_eq!(a, c);
        let node = b.node(a);
        assert_eq!(
            node.title, "Checklist",
            "the stronger sighting names the node"
        );
        let paths: Vec<&str> = node.sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            ["checklist.md", "x.md"],
            "the stronger sighting's source comes first"
        );
        assert_eq!(node.pillars, vec!["security"]);
        assert_eq!(node.id, "recommendation:azure-se-05");
    }

    #[test]
    fn colliding_slugs_get_distinct_ids_and_edges_are_unique() {
        let mut b = GraphBuilder::default();
        let x = b.upsert(NodeKind::Challenge, "a b", sighting("A", 1, "p"));
        let y = b.upsert(NodeKind::Challenge, "a-b", sighting("B", 1, "p"));
        assert_ne!(b.node(x).id, b.node(y).id);
        b.edge(x, y, EdgeKind::LinksTo, "one");
        b.edge(x, y, EdgeKind::LinksTo, "two");
        b.edge(x, x, EdgeKind::LinksTo, "self");
        assert_eq!(b.finish().edge_count(), 1);
    }
}
