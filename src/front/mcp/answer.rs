//! What the MCP tools return: structured content with a JSON schema (`outputSchema`),
//! made from the engine's answers. The result object keeps the names of the JSON answer
//! (`docs/answer.schema.json`) so a client that reads one reads the other:
//!
//! - every list tool: `{query, total, results: [Item], messages}`, `query` being the
//!   query-language text the tool asked (run it with `guidegraph query` to see the same);
//! - `get`: `{result: Item, text, section, relations: [Relation], messages}`;
//! - `service_guide`: `{service, query, total, pillars: [{pillar, checklist,
//!   configuration, policies, tradeoffs, other}], links, messages}`.
//!
//! An item's `sources` name the article as an MCP resource (`resource`), which
//! `resources/read` returns whole.

use rmcp::schemars::JsonSchema;
use serde::Serialize;

use crate::engine::{NodeView, Relation as EngineRelation};
use crate::graph::{NodeKind, NodeLink, Source};
use crate::query::{Answer, ResultRow};

/// The scheme and prefix of an article's resource URI.
pub const ARTICLE_URI: &str = "guidegraph://article/";

/// The resource URI of an article: `guidegraph://article/<corpus>/<path>`.
pub fn article_uri(corpus: &str, path: &str) -> String {
    format!("{ARTICLE_URI}{corpus}/{path}")
}

/// One result: a node of the graph.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct Item {
    /// The node's id, for `get` and `neighbors`.
    pub id: String,
    /// recommendation, design-principle, challenge, tradeoff, design-area, article,
    /// section, pillar, platform, workload, service, framework.
    pub kind: String,
    pub title: String,
    /// A checklist code (`SE:05`).
    pub code: Option<String>,
    /// One or two sentences.
    pub summary: String,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    pub workloads: Vec<String>,
    /// The services whose guide holds the item.
    pub services: Vec<String>,
    /// The list it sits in, in a service guide ("Configuration recommendations").
    pub group: Option<String>,
    /// What a service guide's row applies to ("Cluster").
    pub scope: Option<String>,
    /// The benefit a recommendation table gives.
    pub benefit: Option<String>,
    /// The guidance has not written it yet (TBD).
    pub draft: bool,
    /// For `neighbors`: how it relates to the node asked about.
    pub relation: Option<String>,
    /// Where it was read, first the article that states it.
    pub sources: Vec<SourceRef>,
    /// Its page on Microsoft Learn, when the corpus is published there.
    pub url: Option<String>,
}

/// Where a result was read.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct SourceRef {
    /// The corpus's label (`azure-waf`).
    pub corpus: String,
    /// The article's path in its corpus.
    pub path: String,
    /// The heading above it.
    pub heading: String,
    /// Its line in the article (1-based).
    pub line: u32,
    /// The article as an MCP resource.
    pub resource: String,
}

impl From<&Source> for SourceRef {
    fn from(s: &Source) -> SourceRef {
        SourceRef {
            corpus: s.corpus.to_string(),
            path: s.path.to_string(),
            heading: s.heading.to_string(),
            line: s.line,
            resource: article_uri(&s.corpus, &s.path),
        }
    }
}

impl From<&ResultRow> for Item {
    fn from(r: &ResultRow) -> Item {
        Item {
            id: r.id.clone(),
            kind: r.kind.name().to_string(),
            title: r.title.clone(),
            code: r.code.clone(),
            summary: r.summary.clone(),
            pillars: r.pillars.clone(),
            platforms: r.platforms.clone(),
            workloads: r.workloads.clone(),
            services: r.services.clone(),
            group: r.group.clone(),
            scope: r.scope.clone(),
            benefit: r.benefit.clone(),
            draft: r.draft,
            relation: r.relation.clone(),
            sources: r.sources.iter().map(SourceRef::from).collect(),
            url: r.url.clone(),
        }
    }
}

/// A list of results, as every list tool returns it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct List {
    /// The query-language text answered (`guidegraph query` answers it the same).
    pub query: String,
    /// How many results there were in all; `results` holds the first `limit`.
    pub total: usize,
    pub results: Vec<Item>,
    /// What to know about how it was answered: a correction, a word the index lacks,
    /// a filter that matched nothing.
    pub messages: Vec<String>,
}

impl From<&Answer> for List {
    fn from(a: &Answer) -> List {
        List {
            query: a.query.clone(),
            total: a.total,
            results: a.results.iter().map(Item::from).collect(),
            messages: a.messages.clone(),
        }
    }
}

/// One node with its text and relations.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct NodeAnswer {
    pub result: Item,
    /// The item's own text as the guidance writes it (empty for articles and sections).
    pub text: String,
    /// The lines of the section it was read from, from its heading (at most 80), when
    /// the corpus can still be read.
    pub section: Vec<String>,
    /// Its edges, outgoing first.
    pub relations: Vec<Relation>,
    pub messages: Vec<String>,
}

/// An edge of a node, seen from it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct Relation {
    /// `out` (this node → other) or `in`.
    pub direction: String,
    /// contains, in-pillar, on-platform, in-workload, …
    pub kind: String,
    /// The other node's id, kind and title.
    pub id: String,
    pub node_kind: String,
    pub title: String,
    /// Why the edge is there, as the extraction found it.
    pub evidence: String,
}

impl From<&EngineRelation> for Relation {
    fn from(r: &EngineRelation) -> Relation {
        Relation {
            direction: r.direction.to_string(),
            kind: r.kind.to_string(),
            id: r.id.clone(),
            node_kind: r.node_kind.to_string(),
            title: r.title.clone(),
            evidence: r.evidence.clone(),
        }
    }
}

impl NodeAnswer {
    pub fn new(view: &NodeView, section: Vec<String>, messages: Vec<String>) -> NodeAnswer {
        NodeAnswer {
            result: Item::from(&view.row),
            text: view.node.text.clone(),
            section,
            relations: view.relations.iter().map(Relation::from).collect(),
            messages,
        }
    }
}

/// A service's guide, pillar by pillar, as Azure MCP's service guide tool gives it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct ServiceGuide {
    /// The service's name (`Azure Kubernetes Service`).
    pub service: String,
    /// The query-language text answered.
    pub query: String,
    /// How many items the guide has.
    pub total: usize,
    /// Its pillars in the guide's order; items filed under no pillar (most policies)
    /// last, with `pillar` null.
    pub pillars: Vec<GuidePillar>,
    /// Pages the guide points to: its example architectures.
    pub links: Vec<Link>,
    pub messages: Vec<String>,
}

/// One pillar's part of a service guide.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct GuidePillar {
    pub pillar: Option<String>,
    /// The workload design checklist.
    pub checklist: Vec<Item>,
    /// Configuration recommendations.
    pub configuration: Vec<Item>,
    /// Azure Policy definitions.
    pub policies: Vec<Item>,
    pub tradeoffs: Vec<Item>,
    /// Anything else the guide lists.
    pub other: Vec<Item>,
}

/// A link as the article writes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct Link {
    pub text: String,
    pub target: String,
}

impl From<&NodeLink> for Link {
    fn from(l: &NodeLink) -> Link {
        Link {
            text: l.text.clone(),
            target: l.target.clone(),
        }
    }
}

impl ServiceGuide {
    /// Files a guide's items (an answer in the guide's order) under their first pillar,
    /// and within it by the list they sit in.
    pub fn new(service: &ResultRow, guide: &Answer) -> ServiceGuide {
        let mut pillars: Vec<GuidePillar> = Vec::new();
        for row in &guide.results {
            let pillar = row.pillars.first().cloned();
            let at = match pillars.iter().position(|p| p.pillar == pillar) {
                Some(i) => i,
                None => {
                    pillars.push(GuidePillar {
                        pillar: pillar.clone(),
                        ..GuidePillar::default()
                    });
                    pillars.len() - 1
                }
            };
            let part = &mut pillars[at];
            let group = row.group.as_deref().unwrap_or("").to_lowercase();
            let list = if row.kind == NodeKind::Tradeoff {
                &mut part.tradeoffs
            } else if group.contains("checklist") {
                &mut part.checklist
            } else if group.contains("polic") {
                &mut part.policies
            } else if group.contains("configuration") || group.contains("recommendation") {
                &mut part.configuration
            } else {
                &mut part.other
            };
            list.push(Item::from(row));
        }
        // What no pillar holds (policies) comes after the pillars.
        pillars.sort_by_key(|p| p.pillar.is_none());
        ServiceGuide {
            service: service.title.clone(),
            query: guide.query.clone(),
            total: guide.total,
            pillars,
            links: service.links.iter().map(Link::from).collect(),
            messages: guide.messages.clone(),
        }
    }
}

/// An error as structured content, beside the message in the text content: the same
/// `{"error": {"code", "message", "advice"?, "problems"?}}` as the command line's JSON.
#[derive(Debug, Serialize)]
pub struct ErrorAnswer {
    pub error: crate::error::ErrorJson,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An [`Item`] is a second contract, for MCP clients (a schema they read, kinds as
    /// text, each source with its resource), not a copy of [`ResultRow`]'s: what it shares
    /// with the answer row keeps the answer row's names, so a client that reads one reads
    /// the other. Every field of the row set, so that none is skipped.
    #[test]
    fn an_item_keeps_the_names_of_the_answer_row() {
        let row: ResultRow = serde_json::from_value(serde_json::json!({
            "id": "recommendation:azure-se-05", "kind": "recommendation",
            "title": "Identity", "code": "SE:05", "summary": "Manage identities.",
            "pillars": ["Security"], "platforms": ["Azure"], "workloads": ["AI"],
            "services": ["Azure Kubernetes Service"],
            "sources": [{"corpus": "azure-waf", "path": "security/checklist.md",
                         "heading": "Checklist", "line": 3}],
            "group": "Configuration recommendations", "scope": "Cluster",
            "benefit": "Fewer secrets", "draft": false,
            "links": [{"text": "Baseline", "target": "https://example.com"}],
            "score": 1.5, "relation": "in pillar",
            "url": "https://learn.microsoft.com/azure/well-architected/security/checklist"
        }))
        .unwrap();
        let answer = serde_json::to_value(&row).unwrap();
        let item = serde_json::to_value(Item::from(&row)).unwrap();
        for (name, value) in item.as_object().unwrap() {
            assert!(
                answer.get(name).is_some(),
                "`{name}` is not a field of the answer row"
            );
            if name != "sources" && name != "kind" {
                assert_eq!(value, &answer[name], "{name}");
            }
        }
        assert_eq!(item["kind"], answer["kind"]);
        let mut source = item["sources"][0].clone();
        let resource = source.as_object_mut().unwrap().remove("resource");
        assert_eq!(source, answer["sources"][0]);
        assert_eq!(
            resource,
            Some(serde_json::json!(
                "guidegraph://article/azure-waf/security/checklist.md"
            ))
        );
    }
}
