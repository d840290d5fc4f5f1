//! The query language: lex → parse → plan → execute, over an opened index. The language
//! is described for users in `docs/QUERY.md`, which changes with this module.

pub mod error;
pub mod exec;
pub mod lex;
pub mod parse;
pub mod plan;
pub mod suggest;

use serde::Serialize;

use crate::graph::{Graph, Node, NodeKind, Source};
use crate::search::SearchError;
use crate::store::Store;
use crate::vocab;
pub use error::{QueryError, Span};
pub use plan::Plan;

/// One result as every output format sees it (the JSON contract's result object).
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    pub code: Option<String>,
    pub summary: String,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    pub workloads: Vec<String>,
    pub sources: Vec<Source>,
    pub score: f32,
    /// For exploration: how the node relates to the one explored from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
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
            sources: node.sources.clone(),
            score: (score * 1000.0).round() / 1000.0,
            relation,
        }
    }
}

/// A query's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub query: String,
    pub interpretation: Plan,
    pub results: Vec<ResultRow>,
    /// How many results there were before `--limit` cut them.
    #[serde(skip)]
    pub total: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The query itself is wrong (exit status 2).
    #[error("{0}")]
    Syntax(QueryError),
    /// The index could not answer (exit status 1).
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Reads a query without running it: what `explain` shows.
pub fn interpret(query: &str) -> Result<(bool, Plan), QueryError> {
    let tokens = lex::lex(query)?;
    let parsed = parse::parse(tokens)?;
    let plan = plan::plan(&parsed)?;
    Ok((parsed.explain, plan))
}

/// Answers `query` from `store`, keeping the best `limit` results.
pub fn answer(store: &Store, query: &str, limit: usize) -> Result<Answer, Failure> {
    let (_, plan) = interpret(query).map_err(Failure::Syntax)?;
    let hits = run(&store.graph, &store.text, &plan, limit)?;
    let total = hits.len();
    let results = hits
        .into_iter()
        .take(limit)
        .map(|h| ResultRow::from_node(&store.graph.inner[h.index], h.score, h.relation))
        .collect();
    Ok(Answer {
        query: query.to_string(),
        interpretation: plan,
        results,
        total,
    })
}

fn run(
    graph: &Graph,
    text: &crate::search::TextIndex,
    plan: &Plan,
    limit: usize,
) -> Result<Vec<exec::Hit>, SearchError> {
    match &plan.form.form {
        parse::Form::Search => exec::search(graph, text, plan, limit),
        form => {
            let targets: Vec<&String> = match form {
                parse::Form::Neighbors(t) | parse::Form::LinksTo(t) => vec![t],
                parse::Form::Path(a, b) => vec![a, b],
                parse::Form::Search => Vec::new(),
            };
            let mut ends = Vec::new();
            for t in targets {
                match exec::resolve(graph, text, t)? {
                    Some(i) => ends.push(i),
                    None => return Ok(Vec::new()),
                }
            }
            Ok(exec::explore(graph, form, &ends))
        }
    }
}
