//! The answer row: one result as every output format prints it (the result object of the
//! JSON contract, `docs/answer.schema.json`). It is worked out at answer time, from the
//! index's [`StoredRow`] or a graph node: display names from the vocabulary, the page on
//! Learn from the index's corpora, so the answer can change without the index (issue 18).

use serde::{Deserialize, Serialize};

use crate::graph::{Node, NodeKind, NodeLink, Source};
use crate::published::Links;
use crate::search::row::StoredRow;
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
    pub links: Vec<NodeLink>,
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
    /// The answer row of what the index stores: pillars, platforms and workloads by their
    /// names, and the page on Learn when `links` knows the row's corpus.
    pub fn answer(
        row: StoredRow,
        score: f32,
        relation: Option<String>,
        links: &Links,
    ) -> ResultRow {
        let url = row.sources.first().and_then(|s| links.url_of(row.kind, s));
        let names = |ids: Vec<String>, name: fn(&str) -> Option<&'static str>| -> Vec<String> {
            ids.into_iter()
                .map(|id| name(&id).map_or(id, str::to_string))
                .collect()
        };
        ResultRow {
            id: row.id,
            kind: row.kind,
            title: row.title,
            code: row.code,
            summary: row.summary,
            pillars: names(row.pillars, |p| vocab::pillar(p).map(|x| x.name)),
            platforms: names(row.platforms, |p| vocab::platform(p).map(|x| x.name)),
            workloads: names(row.workloads, |w| vocab::workload(w).map(|x| x.name)),
            services: row.services,
            sources: row.sources,
            group: row.group,
            scope: row.scope,
            benefit: row.benefit,
            draft: row.draft,
            links: row.links,
            score: (score * 1000.0).round() / 1000.0,
            relation,
            url,
        }
    }

    /// The answer row of a graph node, without its page on Learn (see [`ResultRow::linked`]).
    pub fn from_node(node: &Node, score: f32, relation: Option<String>) -> ResultRow {
        ResultRow::answer(StoredRow::of(node), score, relation, &Links::default())
    }

    /// The row with its page on Learn, when its corpus has one.
    pub fn linked(mut self, node: &Node, links: &Links) -> ResultRow {
        self.url = links.url(node);
        self
    }
}
