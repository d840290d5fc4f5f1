//! The knowledge graph: what kinds of node and edge there are, and the graph itself
//! (petgraph) with a lookup from stable ids to nodes.
//!
//! Node ids are derived from what a node *is* (its kind and identifying key), never from the
//! order it was found in, so the same corpus gives the same ids on every run and machine.

pub mod builder;
mod lookup;
pub mod shared;

use std::collections::HashMap;
use std::sync::OnceLock;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

pub use shared::{Shared, to_strings};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Framework,
    Platform,
    Pillar,
    Workload,
    Service,
    DesignArea,
    DesignPrinciple,
    Challenge,
    Recommendation,
    Tradeoff,
    Article,
    Section,
}

impl NodeKind {
    pub const ALL: [NodeKind; 12] = [
        NodeKind::Framework,
        NodeKind::Platform,
        NodeKind::Pillar,
        NodeKind::Workload,
        NodeKind::Service,
        NodeKind::DesignArea,
        NodeKind::DesignPrinciple,
        NodeKind::Challenge,
        NodeKind::Recommendation,
        NodeKind::Tradeoff,
        NodeKind::Article,
        NodeKind::Section,
    ];

    /// Everything known about the kind, from [`KINDS`].
    pub fn info(self) -> &'static KindInfo {
        &KINDS[self as usize]
    }

    /// The kebab-case name used in ids, JSON and queries (`design-area`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Entities the guidance names (as opposed to the articles and sections holding them,
    /// and the pillars, platforms, workloads and services that organise them).
    pub fn is_item(self) -> bool {
        self.info().item
    }
}

/// What the planner, the full-text index, REPL completion and the docs know of a kind of
/// node: one table, so a new kind is one line here.
#[derive(Debug)]
pub struct KindInfo {
    pub kind: NodeKind,
    /// In ids, JSON, `kind:` filters and the full-text index's `kind` facet.
    pub name: &'static str,
    /// How a question asks for several (`design areas`); REPL completion offers it.
    pub plural: &'static str,
    /// Every spelling a question may use for the kind.
    pub words: &'static [&'static str],
    /// Asks for the kind only when no other kind is named: "challenges for AI workloads"
    /// asks for challenges, not workloads.
    pub generic: bool,
    /// An entity the guidance names ([`NodeKind::is_item`]).
    pub item: bool,
}

/// The kinds, in [`NodeKind`] order.
pub const KINDS: [KindInfo; 12] = [
    KindInfo {
        kind: NodeKind::Framework,
        name: "framework",
        plural: "frameworks",
        words: &["framework", "frameworks"],
        generic: true,
        item: false,
    },
    KindInfo {
        kind: NodeKind::Platform,
        name: "platform",
        plural: "platforms",
        words: &["platform", "platforms"],
        generic: true,
        item: false,
    },
    KindInfo {
        kind: NodeKind::Pillar,
        name: "pillar",
        plural: "pillars",
        words: &["pillar", "pillars"],
        generic: true,
        item: false,
    },
    KindInfo {
        kind: NodeKind::Workload,
        name: "workload",
        plural: "workloads",
        words: &["workload", "workloads"],
        generic: true,
        item: false,
    },
    KindInfo {
        kind: NodeKind::Service,
        name: "service",
        plural: "services",
        words: &["service", "services", "service guides"],
        generic: true,
        item: false,
    },
    KindInfo {
        kind: NodeKind::DesignArea,
        name: "design-area",
        plural: "design areas",
        words: &[
            "design area",
            "design areas",
            "design-area",
            "design-areas",
            "key design areas",
        ],
        generic: false,
        item: true,
    },
    KindInfo {
        kind: NodeKind::DesignPrinciple,
        name: "design-principle",
        plural: "design principles",
        words: &[
            "design principle",
            "design principles",
            "design-principle",
            "design-principles",
            "principle",
            "principles",
        ],
        generic: false,
        item: true,
    },
    KindInfo {
        kind: NodeKind::Challenge,
        name: "challenge",
        plural: "challenges",
        words: &["challenge", "challenges"],
        generic: false,
        item: true,
    },
    KindInfo {
        kind: NodeKind::Recommendation,
        name: "recommendation",
        plural: "recommendations",
        words: &[
            "recommendation",
            "recommendations",
            "best practice",
            "best practices",
        ],
        generic: false,
        item: true,
    },
    KindInfo {
        kind: NodeKind::Tradeoff,
        name: "tradeoff",
        plural: "tradeoffs",
        words: &[
            "tradeoff",
            "tradeoffs",
            "trade-off",
            "trade-offs",
            "trade off",
            "trade offs",
        ],
        generic: false,
        item: true,
    },
    KindInfo {
        kind: NodeKind::Article,
        name: "article",
        plural: "articles",
        words: &["article", "articles"],
        generic: false,
        item: false,
    },
    KindInfo {
        kind: NodeKind::Section,
        name: "section",
        plural: "sections",
        words: &["section", "sections"],
        generic: false,
        item: false,
    },
];

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a node was seen: a file (relative to its corpus root), the heading above it, a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    /// The corpus root's folder name (`azure-waf`).
    pub corpus: Shared,
    pub path: Shared,
    pub heading: Shared,
    pub line: u32,
}

/// An entity of the guidance.
///
/// The fields most nodes leave empty (a service guide's group, scope and benefit, aliases,
/// mentions, links, resource types) are boxed in [`Rare`], read through methods of the
/// same names: a node was 416 bytes before its strings, 168 of them empty on most nodes,
/// and `index` holds every node at once (issue 22). It serializes as the flat record it
/// was ([`NodeRecord`]), so the graph file did not change.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// The item's own full text (empty for articles and sections, whose text lives in the
    /// full-text index only).
    pub text: String,
    pub code: Option<String>,
    /// A row of a design review checklist (not just an item that quotes a code).
    pub checklist: bool,
    /// Pillar ids, strongest evidence first: only pillars the item's platform publishes.
    /// (These four lists name a few dozen things between them, on every node: shared.)
    pub pillars: Vec<Shared>,
    pub platforms: Vec<Shared>,
    pub workloads: Vec<Shared>,
    /// Service names (`Azure Kubernetes Service`): the service guide the item sits in, or
    /// the service itself for a service node. Filters use their slugs.
    pub services: Vec<Shared>,
    pub sources: Vec<Source>,
    /// The source marks the item as a placeholder (TBD, "Recommendation 01").
    pub draft: bool,
    /// `None` when every field of [`Rare`] is empty (so equal nodes compare equal); set
    /// through [`Node::set_rare`] or [`Node::rare_mut`].
    rare: Option<Box<Rare>>,
}

/// What few nodes have: see [`Node`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rare {
    /// The heading of the list the item sits in ("Workload design checklist",
    /// "Configuration recommendations", "Azure policies"), for items of a service guide.
    pub group: Option<String>,
    /// What the item applies to, when its row says ("Cluster", "Workload").
    pub scope: Option<String>,
    /// The benefit column of a recommendation table.
    pub benefit: Option<String>,
    /// Other names users type for the node (service abbreviations such as `aks`).
    pub aliases: Vec<String>,
    /// Pillars the item's words speak of that its platform does not publish (an Azure
    /// item about user experience): weaker than `pillars`, for ranking and filters only.
    pub mentions: Vec<String>,
    /// Pages the node points readers to: a service guide's example architectures.
    pub links: Vec<NodeLink>,
    /// The ARM resource types a service is deployed as (`services.yml`), on service nodes
    /// only: what `guidegraph architecture` maps templates' resources through.
    pub resource_types: Vec<crate::vocab::ResourceType>,
}

impl Rare {
    fn is_empty(&self) -> bool {
        self.group.is_none()
            && self.scope.is_none()
            && self.benefit.is_none()
            && self.aliases.is_empty()
            && self.mentions.is_empty()
            && self.links.is_empty()
            && self.resource_types.is_empty()
    }
}

impl Node {
    /// A node with nothing but its id, kind and title.
    pub fn new(id: impl Into<String>, kind: NodeKind, title: impl Into<String>) -> Node {
        Node {
            id: id.into(),
            kind,
            title: title.into(),
            summary: String::new(),
            text: String::new(),
            code: None,
            checklist: false,
            pillars: Vec::new(),
            platforms: Vec::new(),
            workloads: Vec::new(),
            services: Vec::new(),
            sources: Vec::new(),
            draft: false,
            rare: None,
        }
    }

    /// See [`Rare::group`].
    pub fn group(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.group.as_deref())
    }

    /// See [`Rare::scope`].
    pub fn scope(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.scope.as_deref())
    }

    /// See [`Rare::benefit`].
    pub fn benefit(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.benefit.as_deref())
    }

    /// See [`Rare::aliases`].
    pub fn aliases(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.aliases)
    }

    /// See [`Rare::mentions`].
    pub fn mentions(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.mentions)
    }

    /// See [`Rare::links`].
    pub fn links(&self) -> &[NodeLink] {
        self.rare.as_ref().map_or(&[], |r| &r.links)
    }

    /// See [`Rare::resource_types`].
    pub fn resource_types(&self) -> &[crate::vocab::ResourceType] {
        self.rare.as_ref().map_or(&[], |r| &r.resource_types)
    }

    /// The rare fields, to change; [`Node::tidy`] once done keeps nodes comparable.
    pub fn rare_mut(&mut self) -> &mut Rare {
        self.rare.get_or_insert_default()
    }

    /// Sets every rare field at once.
    pub fn set_rare(&mut self, rare: Rare) {
        self.rare = Some(Box::new(rare));
        self.tidy();
    }

    /// Drops the box of rare fields when all of them are empty.
    pub fn tidy(&mut self) {
        if self.rare.as_ref().is_some_and(|r| r.is_empty()) {
            self.rare = None;
        }
    }
}

/// A [`Node`] as the graph file and JSON hold it: every field in the order it always had.
#[derive(Serialize)]
struct NodeRecordRef<'a> {
    id: &'a str,
    kind: NodeKind,
    title: &'a str,
    summary: &'a str,
    text: &'a str,
    code: &'a Option<String>,
    checklist: bool,
    pillars: &'a [Shared],
    platforms: &'a [Shared],
    workloads: &'a [Shared],
    services: &'a [Shared],
    sources: &'a [Source],
    group: Option<&'a str>,
    scope: Option<&'a str>,
    benefit: Option<&'a str>,
    draft: bool,
    aliases: &'a [String],
    mentions: &'a [String],
    links: &'a [NodeLink],
    resource_types: &'a [crate::vocab::ResourceType],
}

/// [`NodeRecordRef`], owned, to read a node back.
#[derive(Deserialize)]
struct NodeRecord {
    id: String,
    kind: NodeKind,
    title: String,
    summary: String,
    text: String,
    code: Option<String>,
    checklist: bool,
    pillars: Vec<Shared>,
    platforms: Vec<Shared>,
    workloads: Vec<Shared>,
    services: Vec<Shared>,
    sources: Vec<Source>,
    group: Option<String>,
    scope: Option<String>,
    benefit: Option<String>,
    draft: bool,
    aliases: Vec<String>,
    mentions: Vec<String>,
    links: Vec<NodeLink>,
    resource_types: Vec<crate::vocab::ResourceType>,
}

impl Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NodeRecordRef {
            id: &self.id,
            kind: self.kind,
            title: &self.title,
            summary: &self.summary,
            text: &self.text,
            code: &self.code,
            checklist: self.checklist,
            pillars: &self.pillars,
            platforms: &self.platforms,
            workloads: &self.workloads,
            services: &self.services,
            sources: &self.sources,
            group: self.group(),
            scope: self.scope(),
            benefit: self.benefit(),
            draft: self.draft,
            aliases: self.aliases(),
            mentions: self.mentions(),
            links: self.links(),
            resource_types: self.resource_types(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = NodeRecord::deserialize(d)?;
        let mut node = Node {
            id: r.id,
            kind: r.kind,
            title: r.title,
            summary: r.summary,
            text: r.text,
            code: r.code,
            checklist: r.checklist,
            pillars: r.pillars,
            platforms: r.platforms,
            workloads: r.workloads,
            services: r.services,
            sources: r.sources,
            draft: r.draft,
            rare: None,
        };
        node.set_rare(Rare {
            group: r.group,
            scope: r.scope,
            benefit: r.benefit,
            aliases: r.aliases,
            mentions: r.mentions,
            links: r.links,
            resource_types: r.resource_types,
        });
        Ok(node)
    }
}

/// A link as the article writes it: its text and target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeLink {
    pub text: String,
    pub target: String,
}

/// How two nodes relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// article → section, section → subsection, section → item found in it.
    Contains,
    /// item → pillar.
    InPillar,
    /// node → platform; framework → platform.
    OnPlatform,
    /// item or article → workload.
    InWorkload,
    /// workload → design area.
    HasDesignArea,
    /// workload → challenge.
    HasChallenge,
    /// checklist item, design area → the article that details it.
    DetailedIn,
    /// tradeoff → each of its two pillars.
    TradesOff,
    /// article → article it links to.
    LinksTo,
    /// platform → pillar; platform → workload; framework → pillar; platform → service.
    Has,
    /// item → the service whose guide lists it.
    ForService,
    /// item → a pillar its words speak of but its platform does not publish.
    Mentions,
}

impl EdgeKind {
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Contains => "contains",
            EdgeKind::InPillar => "in-pillar",
            EdgeKind::OnPlatform => "on-platform",
            EdgeKind::InWorkload => "in-workload",
            EdgeKind::HasDesignArea => "has-design-area",
            EdgeKind::HasChallenge => "has-challenge",
            EdgeKind::DetailedIn => "detailed-in",
            EdgeKind::TradesOff => "trades-off",
            EdgeKind::LinksTo => "links-to",
            EdgeKind::Has => "has",
            EdgeKind::ForService => "for-service",
            EdgeKind::Mentions => "mentions",
        }
    }
}

/// The evidence of a pillar edge drawn from an item's own words rather than from where
/// the item stands; ranking tells the two apart.
pub const WORDS_EVIDENCE: &str = "the item's own words";

/// An edge, with why it was drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub kind: EdgeKind,
    /// The evidence: "section heading `Security`", "code prefix SE", "words: cost".
    pub evidence: Shared,
}

/// The graph with its id lookup.
#[derive(Debug, Default)]
pub struct Graph {
    pub inner: DiGraph<Node, Edge>,
    /// Made on the first look-up by id: `index` never looks a node up, and a copy of every
    /// id was a tenth of its peak memory over ten copies of the guidance (issue 22).
    by_id: OnceLock<HashMap<String, NodeIndex>>,
}

impl Graph {
    pub fn new(inner: DiGraph<Node, Edge>) -> Self {
        Graph {
            inner,
            by_id: OnceLock::new(),
        }
    }

    fn by_id(&self) -> &HashMap<String, NodeIndex> {
        self.by_id.get_or_init(|| {
            self.inner
                .node_indices()
                .map(|i| (self.inner[i].id.clone(), i))
                .collect()
        })
    }

    pub fn get(&self, id: &str) -> Option<&Node> {
        self.by_id().get(id).map(|&i| &self.inner[i])
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.by_id().get(id).copied()
    }

    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.inner.node_indices().map(move |i| (i, &self.inner[i]))
    }

    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// Nodes per kind, in kind order.
    pub fn counts(&self) -> Vec<(NodeKind, usize)> {
        let mut counts = [0usize; NodeKind::ALL.len()];
        for node in self.inner.node_weights() {
            counts[node.kind as usize] += 1;
        }
        NodeKind::ALL.into_iter().zip(counts).collect()
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn the_kind_table_is_in_kind_order_and_the_docs_name_every_kind() {
        let docs = include_str!("../../../docs/QUERY.md");
        for (i, info) in KINDS.iter().enumerate() {
            assert_eq!(info.kind as usize, i, "{}", info.name);
            assert_eq!(NodeKind::ALL[i], info.kind);
            assert!(
                info.words.contains(&info.plural) || info.plural == "frameworks",
                "{}",
                info.name
            );
            let singular = info.plural.trim_end_matches('s');
            assert!(
                docs.contains(singular),
                "docs/QUERY.md does not name the kind {}",
                info.name
            );
        }
    }
}
