//! The query language: lex → parse → plan → execute, over an opened index. The language
//! is described for users in `docs/QUERY.md`, which changes with this module.

pub mod error;
pub mod exec;
pub mod lex;
pub mod parse;
pub mod plan;
pub mod row;
pub mod suggest;
/// The words a query reads, which an index records ([`crate::store::vocabulary`]).
pub use crate::store::vocabulary;

use serde::Serialize;

use crate::search::SearchError;
use crate::store::{Store, StoreError};
pub use error::{QueryError, Span};
pub use plan::Plan;
pub use row::ResultRow;
pub use vocabulary::Vocabulary;

/// A query's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub query: String,
    pub interpretation: Plan,
    /// How many results there were in all; `results` holds the first `limit` of them.
    pub total: usize,
    pub results: Vec<ResultRow>,
    /// What the user should know about how the question was answered (a correction, a
    /// relaxed filter, a word this index does not know): stderr for people, `messages`
    /// in JSON.
    pub messages: Vec<String>,
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

/// Checks a query's syntax (quotes, filters, forms) before any index is opened; whether
/// it asks to be explained. What its filters name is checked against an index's own
/// vocabulary by [`interpret`].
pub fn check(query: &str) -> Result<bool, QueryError> {
    Ok(parse::parse(lex::lex(query)?)?.explain)
}

/// Reads a query without running it, against `vocabulary`: what `explain` shows.
pub fn interpret(query: &str, vocabulary: &Vocabulary) -> Result<(bool, Plan), QueryError> {
    let tokens = lex::lex(query)?;
    let parsed = parse::parse(tokens)?;
    let plan = plan::plan(&parsed, vocabulary)?;
    Ok((parsed.explain, plan))
}

/// How many results a query takes when the user set no limit: a list the question's
/// structure defines (a checklist, the challenges of a workload) is taken whole; a search
/// by words, its best 50.
pub fn default_limit(plan: &Plan) -> usize {
    if plan.terms.is_empty() && plan.phrases.is_empty() && plan.has_structure() {
        WHOLE_LIST
    } else {
        50
    }
}

/// The most a list is allowed to hold: more than any list the guidance has.
pub const WHOLE_LIST: usize = 10_000;

/// Answers `query` from `store`, keeping the best `limit` results (`None`: see
/// [`default_limit`]). Searches read the full-text index only; traversals load the graph.
pub fn answer(store: &Store, query: &str, limit: Option<usize>) -> Result<Answer, Failure> {
    answer_with(store, query, limit, false)
}

/// [`answer`], keeping drafts in checklists when `drafts` is set.
pub fn answer_with(
    store: &Store,
    query: &str,
    limit: Option<usize>,
    drafts: bool,
) -> Result<Answer, Failure> {
    let vocabulary = store.vocabulary();
    let links = store.links();
    let (_, mut plan) = interpret(query, vocabulary).map_err(Failure::Syntax)?;
    plan.drafts = drafts;
    let mut messages: Vec<String> = Vec::new();
    let (results, total) = match &plan.form.form {
        parse::Form::Search => {
            let limit = limit.unwrap_or_else(|| default_limit(&plan));
            let mut found = exec::search(&store.text, vocabulary, &links, &plan, limit)?;
            // Spelling: only words the index does not hold are corrected.
            let corrected = correct(store, &plan, query)?;
            if let Some((fixed, said)) = &corrected {
                // Corrected when the question found nothing, or when the correction names
                // what the misspelling could not (`chalenges` → the kind challenge): words
                // only rank, so a misspelt vocabulary word would otherwise go unnoticed.
                if let Ok((_, mut fixed_plan)) = interpret(fixed, vocabulary)
                    && (found.1 == 0 || structure_of(&fixed_plan) > structure_of(&plan))
                {
                    fixed_plan.drafts = drafts;
                    let again = exec::search(&store.text, vocabulary, &links, &fixed_plan, limit)?;
                    if again.1 > 0 {
                        let note =
                            format!("no results for `{query}`; showing results for `{fixed}`");
                        fixed_plan.notes.push(note.clone());
                        messages.push(note);
                        plan = fixed_plan;
                        found = again;
                    }
                }
                for s in said {
                    push_new(&mut plan.suggestions, s.clone());
                }
            }
            if found.1 == 0 {
                found = relax(store, &mut plan, limit, &mut messages)?;
            }
            if found.1 == 0 && (plan.pinned.kind || plan.pinned.scope) {
                let note = format!(
                    "nothing matches all of `{query}`; what a key:value filter asks is never loosened"
                );
                plan.notes.push(note.clone());
                messages.push(note);
            }
            // In a structured question the words only rank: say so when none of them
            // is anywhere in the index, as the list then comes in its own order.
            if plan.has_structure() && !plan.terms.is_empty() && found.1 > 0 {
                let mut held = false;
                for t in &plan.terms {
                    held |= store.text.has_word(t)?;
                }
                if !held {
                    let note = format!(
                        "no result holds the words {}; showing the whole list",
                        plan.terms.join(" ")
                    );
                    plan.notes.push(note.clone());
                    messages.push(note);
                }
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
                let rows =
                    hits.into_iter()
                        .take(limit.unwrap_or(50))
                        .filter_map(|h| {
                            graph.inner.node_weight(h.index).map(|n| {
                                ResultRow::from_node(n, h.score, h.relation).linked(n, &links)
                            })
                        })
                        .collect();
                (rows, total)
            }
        }
    };
    for s in &plan.suggestions {
        push_new(&mut messages, s.clone());
    }
    Ok(Answer {
        query: query.to_string(),
        interpretation: plan,
        total,
        results,
        messages,
    })
}

/// How many constraints a plan's vocabulary words set.
fn structure_of(plan: &Plan) -> usize {
    plan.kinds.len()
        + usize::from(plan.checklist)
        + plan.pillars.len()
        + plan.platforms.len()
        + plan.workloads.len()
        + plan.services.len()
        + plan.codes.len()
}

fn push_new(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// The query with its misspelt words corrected, and a "did you mean" for each. A word is
/// misspelt only when neither the index nor the vocabulary holds it and a known word is
/// one or two edits away (the vocabulary's words first, then the most frequent title words).
fn correct(
    store: &Store,
    plan: &Plan,
    query: &str,
) -> Result<Option<(String, Vec<String>)>, Failure> {
    let vocabulary = store.vocabulary();
    let mut fixed = query.to_string();
    let mut said = Vec::new();
    for term in &plan.terms {
        if term.chars().any(|c| !c.is_alphabetic()) || store.text.has_word(term)? {
            continue;
        }
        // A name the vocabulary knows is no misspelling, though the guidance may never
        // write it ("postgres" names Azure Database for PostgreSQL).
        if vocabulary
            .phrase_at(std::slice::from_ref(term))
            .is_some_and(|(n, _)| n == 1)
        {
            continue;
        }
        let Some(better) = suggest::closest(term, vocabulary.spelling_candidates()) else {
            continue;
        };
        said.push(format!("did you mean `{better}` for `{term}`?"));
        fixed = replace_word(&fixed, term, better);
    }
    Ok((!said.is_empty()).then_some((fixed, said)))
}

/// `text` with the word `from` (any letter case) replaced by `to`.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    text.split(' ')
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            if core.eq_ignore_ascii_case(from) {
                w.replacen(core, to, 1)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A strict reading found nothing: loosen it a step at a time — the kind asked for, then
/// the workload, service and platform, then the need for the words to match — and say
/// what was loosened. Explicit `key:value` filters and quoted phrases are never loosened.
fn relax(
    store: &Store,
    plan: &mut Plan,
    limit: usize,
    messages: &mut Vec<String>,
) -> Result<(Vec<ResultRow>, usize), Failure> {
    type Step = fn(&mut Plan) -> Option<String>;
    let steps: [Step; 4] = [
        // A product without a guide that belongs to a platform (Power Apps) and that
        // nothing of the kind asked for names: the platform's answer, what names the
        // product first ("security checklist for power apps" is Power Platform's).
        |p| {
            if p.pinned.scope
                || p.services.is_empty()
                || !p.platforms.is_empty()
                || p.boosts.platforms.is_empty()
            {
                return None;
            }
            p.platforms.append(&mut p.boosts.platforms);
            p.boosts.services.append(&mut p.services);
            let names: Vec<&str> = p
                .platforms
                .iter()
                .map(|id| crate::vocab::platform(id).map_or(id.as_str(), |x| x.name))
                .collect();
            Some(format!(
                "nothing names that product; showing {}'s, what names it first",
                names.join(" and ")
            ))
        },
        |p| {
            if (p.kinds.is_empty() && !p.checklist) || p.pinned.kind {
                return None;
            }
            let asked: Vec<&str> = if p.checklist {
                vec!["checklist item"]
            } else {
                p.kinds.iter().map(|k| k.name()).collect()
            };
            let note = format!(
                "nothing of kind {} matched; showing every kind",
                asked.join(" or ")
            );
            p.boosts.kinds.append(&mut p.kinds);
            p.checklist = false;
            Some(note)
        },
        |p| {
            if (p.workloads.is_empty() && p.services.is_empty() && p.platforms.is_empty())
                || p.pinned.scope
            {
                return None;
            }
            p.boosts.workloads.append(&mut p.workloads);
            p.boosts.services.append(&mut p.services);
            p.boosts.platforms.append(&mut p.platforms);
            Some("nothing matched on that platform, workload or service; showing matches anywhere, theirs first".into())
        },
        |p| {
            if p.terms.is_empty() || p.reading == plan::Reading::Sentence || !p.has_structure() {
                return None;
            }
            p.reading = plan::Reading::Sentence;
            Some(format!(
                "no result has the words {}; showing every match, ranked by them",
                p.terms.join(" ")
            ))
        },
    ];
    let mut found = (Vec::new(), 0);
    for step in steps {
        let before = plan.clone();
        let Some(note) = step(plan) else { continue };
        // A product without a guide (Key Vault) was only ever a name to find: loosened, its
        // name is searched as words.
        let vocabulary = store.vocabulary();
        for id in plan.boosts.services.clone() {
            if let Some(s) = vocabulary.service_named(&id).map(|i| vocabulary.service(i))
                && !s.guide
            {
                for w in s.name.to_lowercase().split_whitespace() {
                    if !plan.terms.iter().any(|t| t == w) && !plan::is_stopword(w) {
                        plan.terms.push(w.to_string());
                    }
                }
            }
        }
        // A reading with nothing left to ask would list the whole index: that is no answer.
        if !plan.has_structure() && plan.terms.is_empty() && plan.phrases.is_empty() {
            *plan = before;
            break;
        }
        plan.notes.push(format!("relaxed: {note}"));
        messages.push(note);
        found = exec::search(&store.text, store.vocabulary(), &store.links(), plan, limit)?;
        if found.1 > 0 {
            break;
        }
    }
    Ok(found)
}

fn form_arity(form: &parse::Form) -> usize {
    match form {
        parse::Form::Path(..) => 2,
        _ => 1,
    }
}
