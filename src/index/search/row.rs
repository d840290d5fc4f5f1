//! The stored row: what the full-text index keeps of each node so that a query can answer
//! without the graph. It holds the node's own facts only, as the graph has them (pillar,
//! platform and workload ids, not their display names; no page on Learn): the answer row
//! (`query::ResultRow`, the JSON contract) is built from it at answer time, so a field
//! added to an answer, or a new rule for urls, needs no new index format (issue 18).
//!
//! Encoded with postcard (the graph file's encoding): a field added here changes the bytes
//! an index holds, so it bumps `store::FORMAT`.

use serde::{Deserialize, Serialize};

use crate::graph::{Node, NodeKind, NodeLink, Source, to_strings};

/// What the index stores of one node for its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRow {
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    pub code: Option<String>,
    pub summary: String,
    /// Pillar ids, as [`Node::pillars`].
    pub pillars: Vec<String>,
    /// Platform ids.
    pub platforms: Vec<String>,
    /// Workload ids.
    pub workloads: Vec<String>,
    /// Service names.
    pub services: Vec<String>,
    pub sources: Vec<Source>,
    pub group: Option<String>,
    pub scope: Option<String>,
    pub benefit: Option<String>,
    pub draft: bool,
    pub links: Vec<NodeLink>,
}

impl StoredRow {
    /// What an answer needs of `node`.
    pub fn of(node: &Node) -> StoredRow {
        StoredRow {
            id: node.id.clone(),
            kind: node.kind,
            title: node.title.clone(),
            code: node.code.clone(),
            summary: node.summary.clone(),
            pillars: to_strings(&node.pillars),
            platforms: to_strings(&node.platforms),
            workloads: to_strings(&node.workloads),
            services: to_strings(&node.services),
            sources: node.sources.clone(),
            group: node.group().map(str::to_string),
            scope: node.scope().map(str::to_string),
            benefit: node.benefit().map(str::to_string),
            draft: node.draft,
            links: node.links().to_vec(),
        }
    }

    /// The bytes the index stores; the error says why there are none.
    pub fn encode(&self) -> Result<Vec<u8>, String> {
        postcard::to_stdvec(self).map_err(|e| e.to_string())
    }

    /// The row of stored bytes; the error says what is wrong with them.
    pub fn decode(bytes: &[u8]) -> Result<StoredRow, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_back_as_written() {
        let row = StoredRow {
            id: "recommendation:azure-se-05".into(),
            kind: NodeKind::Recommendation,
            title: "Identity and access management".into(),
            code: Some("SE:05".into()),
            summary: "Implement strict identity management.".into(),
            pillars: vec!["security".into()],
            platforms: vec!["azure".into()],
            workloads: Vec::new(),
            services: vec!["Azure Kubernetes Service".into()],
            sources: vec![Source {
                corpus: "azure-waf".into(),
                path: "security/checklist.md".into(),
                heading: "Checklist".into(),
                line: 12,
            }],
            group: None,
            scope: Some("Cluster".into()),
            benefit: None,
            draft: true,
            links: vec![NodeLink {
                text: "Baseline".into(),
                target: "https://example.com".into(),
            }],
        };
        assert_eq!(StoredRow::decode(&row.encode().unwrap()), Ok(row));
        assert!(StoredRow::decode(b"\xff").is_err());
    }
}
