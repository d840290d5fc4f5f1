//! The query language: lex → parse → plan → execute, over an opened index. The language
//! is described for users in `docs/QUERY.md`, which changes with this module.

pub mod error;
pub mod exec;
pub mod lex;
pub mod parse;
pub mod plan;
pub mod suggest;

use serde::Serialize;

use crate::search::SearchError;
pub use crate::search::row::ResultRow;
use crate::store::{Store, StoreError};
pub use error::{QueryError, Span};
pub use plan::Plan;

/// A query's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub query: String,
    pub interpretation: Plan,
    pub results: Vec<ResultRow>,
    /// How many results there were before `--limit` cut them.
    #[serde(skip)]
    pub total: usize,
    /// When nothing of the asked kind matched: what would match without the kind filter,
    /// so the user knows whether to widen the question.
    #[serde(skip)]
    pub hint: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The query itself is wrong (exit status 2).
    #[error("{0}")]
    Syntax(QueryError),
    /// The index could not answer (exit status 1).
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The graph a traversal needs could not be loaded (exit status 1).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads a query without running it: what `explain` shows.
pub fn interpret(query: &str) -> Result<(bool, Plan), QueryError> {
    let tokens = lex::lex(query)?;
    let parsed = parse::parse(tokens)?;
    let plan = plan::plan(&parsed)?;
    Ok((parsed.explain, plan))
}

/// Answers `query` from `store`, keeping the best `limit` results. Searches read the
/// full-text index only; traversals load the graph.
pub fn answer(store: &Store, query: &str, limit: usize) -> Result<Answer, Failure> {
    let (_, plan) = interpret(query).map_err(Failure::Syntax)?;
    let mut hint = None;
    let (results, total) = match &plan.form.form {
        parse::Form::Search => {
            let found = exec::search(&store.text, &plan, limit)?;
            if found.1 == 0 {
                hint = widen_hint(store, &plan)?;
            }
            found
        }
        form => {
            let targets: Vec<&String> = match form {
                parse::Form::Neighbors(t) | parse::Form::LinksTo(t) => vec![t],
                parse::Form::Path(a, b) => vec![a, b],
                parse::Form::Search => Vec::new(),
            };
            let mut ends = Vec::new();
            for t in targets {
                ends.extend(exec::resolve(&store.text, t)?);
            }
            if ends.len() < form_arity(form) {
                (Vec::new(), 0)
            } else {
                let graph = store.graph()?;
                let hits = exec::explore(graph, form, &ends);
                let total = hits.len();
                let rows = hits
                    .into_iter()
                    .take(limit)
                    .filter_map(|h| {
                        graph
                            .inner
                            .node_weight(h.index)
                            .map(|n| ResultRow::from_node(n, h.score, h.relation))
                    })
                    .collect();
                (rows, total)
            }
        }
    };
    Ok(Answer {
        query: query.to_string(),
        interpretation: plan,
        results,
        total,
        hint,
    })
}

/// How many results a search that found nothing would have without its kind filter, and
/// of which kinds: "no recommendation mentions AKS" is an answer, but the user should
/// learn that sections do.
fn widen_hint(store: &Store, plan: &Plan) -> Result<Option<String>, Failure> {
    if plan.kinds.is_empty() && !plan.checklist {
        return Ok(None);
    }
    let mut wider = plan.clone();
    wider.kinds.clear();
    wider.checklist = false;
    if !wider.has_structure() && wider.terms.is_empty() && wider.phrases.is_empty() {
        return Ok(None);
    }
    let (rows, total) = exec::search(&store.text, &wider, 50)?;
    if total == 0 {
        return Ok(None);
    }
    // The kinds of the best matches, best first.
    let mut seen: Vec<&str> = Vec::new();
    for r in &rows {
        if !seen.contains(&r.kind.name()) {
            seen.push(r.kind.name());
        }
    }
    let asked: Vec<&str> = if plan.checklist {
        vec!["checklist item"]
    } else {
        plan.kinds.iter().map(|k| k.name()).collect()
    };
    Ok(Some(format!(
        "nothing of kind {} matched; without that filter {} result{} match ({}{})",
        asked.join(" or "),
        total,
        if total == 1 { "" } else { "s" },
        seen.join(", "),
        if rows.len() < total { ", …" } else { "" },
    )))
}

fn form_arity(form: &parse::Form) -> usize {
    match form {
        parse::Form::Path(..) => 2,
        _ => 1,
    }
}
