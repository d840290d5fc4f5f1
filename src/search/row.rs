//! The result row: what the index stores for each node and every output format prints
//! (the result object of the JSON contract).

use serde::{Deserialize, Serialize};

use crate::graph::{Node, NodeKind, Source};
use crate::vocab;

/// One result as every output format sees it (the JSON contract's result object).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResultRow {
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    pub code: Option<String>,
    pub summary: String,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    pub workloads: Vec<String>,
    /// Names of the services the result is about (the guide it sits in).
    #[serde(default)]
    pub services: Vec<String>,
    pub sources: Vec<Source>,
    /// The list the item sits in, in a service guide ("Configuration recommendations").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// What a service guide's row applies to ("Cluster", "Workload").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The benefit a recommendation table gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<String>,
    /// A placeholder the source has not written yet (TBD).
    #[serde(default)]
    pub draft: bool,
    /// Pages the node points to: a service's example architectures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<crate::graph::NodeLink>,
    #[serde(default)]
    pub score: f32,
    /// For exploration: how the node relates to the one explored from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// The page on Microsoft Learn, with the heading's anchor (see `crate::published`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl ResultRow {
    pub fn from_node(node: &Node, score: f32, relation: Option<String>) -> ResultRow {
        ResultRow {
            id: node.id.clone(),
            kind: node.kind,
            title: node.title.clone(),
            code: node.code.clone(),
            summary: node.summary.clone(),
            pillars: node
                .pillars
                .iter()
                .map(|p| vocab::pillar(p).map_or(p.clone(), |x| x.name.to_string()))
                .collect(),
            platforms: node
                .platforms
                .iter()
                .map(|p| vocab::platform(p).map_or(p.clone(), |x| x.name.to_string()))
                .collect(),
            workloads: node
                .workloads
                .iter()
                .map(|w| vocab::workload(w).map_or(w.clone(), |x| x.name.to_string()))
                .collect(),
            services: node.services.clone(),
            sources: node.sources.clone(),
            group: node.group.clone(),
            scope: node.scope.clone(),
            benefit: node.benefit.clone(),
            draft: node.draft,
            links: node.links.clone(),
            score: (score * 1000.0).round() / 1000.0,
            relation,
            url: None,
        }
    }

    /// The row with its page on Learn, when its corpus has one.
    pub fn linked(mut self, node: &Node, links: &crate::published::Links) -> ResultRow {
        self.url = links.url(node);
        self
    }
}
