//! Executing a plan over the graph and the full-text index, and ranking the answer.
//!
//! Ranking: graph matches whose own words are about the asked pillar come before those only
//! filed under it; full-text relevance adds to that; ties go to items before articles and
//! sections, then by code, title and id, so the same index always gives the same order.

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::parse::Form;
use super::plan::{Plan, Reading};
use super::row::ResultRow;
use super::vocabulary::Vocabulary;
use crate::graph::{Graph, NodeKind};
use crate::published::Links;
use crate::search::{self, Boosts, Ranking, Request, SearchError, TextIndex};
use crate::vocab;

/// One result of an exploration: a node and how it relates to the start.
#[derive(Debug, Clone)]
pub struct Hit {
    pub index: NodeIndex,
    pub score: f32,
    pub relation: Option<String>,
}

/// How far down the full-text ranking to look for candidates when words rank a structured
/// query. Never derived from the number of results asked for: the first N results must not
/// depend on how many are asked for (issue 16).
const TEXT_DEPTH: usize = 2000;

/// How many of a question's first sentences, run together, may be a title it pastes.
const MAX_TITLE_SENTENCES: usize = 4;

/// How far down the full-text ranking to look when words alone rank.
const WORDS_DEPTH: usize = 1000;

/// Runs a search plan over the full-text index alone; the page of `limit` results, best
/// first (each with its page on Learn as `links` has it), and how many matched.
pub fn search(
    text: &TextIndex,
    vocabulary: &Vocabulary,
    links: &Links,
    plan: &Plan,
    limit: usize,
) -> Result<(Vec<ResultRow>, usize), SearchError> {
    let words = plan.terms.join(" ");
    let extra = plan.expansions.join(" ");
    let groups: Vec<Vec<String>> = plan.phrases.iter().map(|p| vec![p.clone()]).collect();
    let services: Vec<(String, Vec<String>, bool)> = plan
        .services
        .iter()
        .map(
            |id| match vocabulary.service_named(id).map(|i| vocabulary.service(i)) {
                Some(s) => (id.clone(), s.aliases.clone(), s.guide),
                None => (id.clone(), Vec::new(), false),
            },
        )
        .collect();
    fn strs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let kinds: Vec<&str> = plan.kinds.iter().map(|k| k.name()).collect();
    let boost_kinds: Vec<&str> = plan.boosts.kinds.iter().map(|k| k.name()).collect();
    let (pillars, platforms, workloads, codes) = (
        strs(&plan.pillars),
        strs(&plan.platforms),
        strs(&plan.workloads),
        strs(&plan.codes),
    );
    let b = &plan.boosts;
    let (bp, bpl, bw, bs) = (
        strs(&b.pillars),
        strs(&b.platforms),
        strs(&b.workloads),
        strs(&b.services),
    );
    let rank_pillars: Vec<usize> = plan
        .pillars
        .iter()
        .chain(&b.pillars)
        .filter_map(|id| vocab::PILLARS.iter().position(|p| p.id == id))
        .collect();
    let question = plan.reading == Reading::Question;
    // The question may be a title, or a title pasted with the sentences that follow it
    // ("Reliability design principles. Understand the design principles of …"); a title
    // may hold a full stop itself ("Use what you pay for. Minimize waste."), so every
    // run of whole sentences from the start is a title it may be. Those it is rank by
    // their words, so the title the question holds more of comes first.
    let whole = plan.title.trim();
    // A question made only of vocabulary words that names a kind asks for that kind: an
    // article titled "Experience Optimization design principles" is not one of them.
    let whole = if plan.terms.is_empty() && !plan.kinds.is_empty() {
        ""
    } else {
        whole
    };
    let titles = title_forms(whole);
    let request = Request {
        words: &words,
        extra: &extra,
        named: &plan.named,
        subjects: &plan.subjects,
        synonyms: &plan.synonyms,
        // Words rank; they never filter a structured answer (issue 16). Without structure
        // they choose the candidates (any of them must match), so that boosts only rank.
        words_required: !plan.has_structure(),
        lists: question,
        groups: &groups,
        kinds: &kinds,
        pillars: &pillars,
        all_pillars: plan.all_pillars,
        platforms: &platforms,
        workloads: &workloads,
        codes: &codes,
        services: &services,
        checklist: plan.checklist,
        framework_only: plan.checklist && plan.services.is_empty() && plan.workloads.is_empty(),
        drafts: plan.drafts || !plan.checklist,
        boosts: Boosts {
            kinds: &boost_kinds,
            pillars: &bp,
            platforms: &bpl,
            workloads: &bw,
            services: &bs,
        },
        rank_pillars: &rank_pillars,
        ranking: if plan.has_structure() && question {
            Ranking::Structure
        } else {
            Ranking::Words
        },
        titles: &titles,
        depth: if plan.has_structure() {
            TEXT_DEPTH
        } else {
            WORDS_DEPTH
        },
        limit,
    };
    let (found, total) = text.search(&request)?;
    let rows = found
        .into_iter()
        .map(|f| {
            let mut row = ResultRow::answer(f.row, f.score, None, links);
            // No `-0` in the JSON.
            row.score += 0.0;
            row
        })
        .collect();
    Ok((rows, total))
}

/// The titles a question may be: the whole of it, and each run of its first sentences
/// (up to [`MAX_TITLE_SENTENCES`]), normalized; one word only when it is the whole.
fn title_forms(whole: &str) -> Vec<String> {
    let heads = whole
        .match_indices(['.', '?', '!', ':', '\n'])
        .map(|(at, _)| &whole[..at])
        .take(MAX_TITLE_SENTENCES);
    let all = search::normalize(whole);
    let mut titles: Vec<String> = Vec::new();
    for t in std::iter::once(whole).chain(heads).map(search::normalize) {
        let long_enough = t.split(' ').count() >= 2 || (!t.is_empty() && t == all);
        if long_enough && !titles.contains(&t) {
            titles.push(t);
        }
    }
    titles
}

fn tie_break(graph: &Graph, a: &Hit, b: &Hit) -> std::cmp::Ordering {
    let (x, y) = (&graph.inner[a.index], &graph.inner[b.index]);
    search::order::kind_rank(x.kind)
        .cmp(&search::order::kind_rank(y.kind))
        .then(x.code.cmp(&y.code))
        .then(x.sources.first().cmp(&y.sources.first()))
        .then(x.title.to_lowercase().cmp(&y.title.to_lowercase()))
        .then(x.id.cmp(&y.id))
}

/// Finds the node a user means by `target`: an id, a code, a title, a pillar, platform or
/// workload name, else the best full-text match.
pub fn resolve(text: &TextIndex, target: &str) -> Result<Option<NodeIndex>, SearchError> {
    let t = target.trim();
    let lower = t.to_lowercase();
    let mut found = text.lookup("id", t)?;
    // An id names one node: one this index lacks is not a search for similar words.
    if found.is_none() && super::lex::is_id(t) {
        return Ok(None);
    }
    if found.is_none() && super::lex::is_code(t) {
        found = text.lookup("code", t)?;
    }
    if found.is_none() {
        found = text.lookup("title", t)?;
    }
    if found.is_none() {
        let named = vocab::PILLARS
            .iter()
            .find(|p| p.aliases.contains(&lower.as_str()))
            .map(|p| format!("pillar:{}", p.id))
            .or_else(|| {
                vocab::PLATFORMS
                    .iter()
                    .find(|p| p.aliases.contains(&lower.as_str()))
                    .map(|p| format!("platform:{}", p.id))
            })
            .or_else(|| {
                vocab::WORKLOADS
                    .iter()
                    .find(|w| w.aliases.contains(&lower.as_str()))
                    .map(|w| format!("workload:{}", w.id))
            });
        if let Some(id) = named {
            found = text.lookup("id", &id)?;
        }
    }
    if found.is_none() {
        found = text.best(t)?;
    }
    Ok(found
        .and_then(|n| usize::try_from(n).ok())
        .map(NodeIndex::new))
}

/// Runs an exploration form from resolved ends.
pub fn explore(graph: &Graph, form: &Form, ends: &[NodeIndex]) -> Vec<Hit> {
    let g = &graph.inner;
    match (form, ends) {
        (Form::Neighbors(_), [start]) => {
            let mut hits: Vec<Hit> = g
                .edges_directed(*start, Direction::Outgoing)
                .map(|e| (e.target(), format!("{} →", e.weight().kind.name())))
                .chain(
                    g.edges_directed(*start, Direction::Incoming)
                        .map(|e| (e.source(), format!("← {}", e.weight().kind.name()))),
                )
                .map(|(index, relation)| Hit {
                    index,
                    score: 0.0,
                    relation: Some(relation),
                })
                .collect();
            hits.sort_by(|a, b| {
                a.relation
                    .cmp(&b.relation)
                    .then_with(|| tie_break(graph, a, b))
            });
            hits
        }
        (Form::LinksTo(_), [target]) => {
            let mut hits: Vec<Hit> = g
                .edges_directed(*target, Direction::Incoming)
                .filter(|e| e.weight().kind != crate::graph::EdgeKind::Contains)
                .map(|e| Hit {
                    index: e.source(),
                    score: 0.0,
                    relation: Some(e.weight().kind.name().to_string()),
                })
                .collect();
            hits.sort_by(|a, b| tie_break(graph, a, b));
            hits.dedup_by_key(|h| h.index);
            hits
        }
        (Form::Path(..), [from, to]) => shortest_path(graph, *from, *to),
        _ => Vec::new(),
    }
}

/// The shortest path between two nodes, over edges in either direction. A path through a
/// framework or platform node, or any node with thousands of edges, says nothing (every
/// item of a platform is two steps from every other), so such hubs are passed through only
/// when nothing else connects the two ends.
fn shortest_path(graph: &Graph, from: NodeIndex, to: NodeIndex) -> Vec<Hit> {
    let g = &graph.inner;
    let hub = |n: NodeIndex| {
        matches!(g[n].kind, NodeKind::Framework | NodeKind::Platform)
            || g.neighbors_undirected(n).count() > HUB_EDGES
    };
    let path = bfs(graph, from, to, &|n| n != from && n != to && hub(n));
    if path.is_empty() {
        bfs(graph, from, to, &|_| false)
    } else {
        path
    }
}

/// Nodes with more edges than this are hubs that a meaningful path avoids.
const HUB_EDGES: usize = 1000;

/// Breadth-first over edges in either direction, never stepping onto a node `avoid`
/// names; the path's nodes in order, or nothing.
fn bfs(
    graph: &Graph,
    from: NodeIndex,
    to: NodeIndex,
    avoid: &dyn Fn(NodeIndex) -> bool,
) -> Vec<Hit> {
    let g = &graph.inner;
    let mut prev: HashMap<NodeIndex, (NodeIndex, String)> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = std::collections::HashSet::from([from]);
    while let Some(n) = queue.pop_front() {
        if n == to {
            break;
        }
        let mut next: Vec<(NodeIndex, String)> = g
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (e.target(), format!("{} →", e.weight().kind.name())))
            .chain(
                g.edges_directed(n, Direction::Incoming)
                    .map(|e| (e.source(), format!("← {}", e.weight().kind.name()))),
            )
            .filter(|(m, _)| !avoid(*m))
            .collect();
        next.sort_by(|a, b| g[a.0].id.cmp(&g[b.0].id));
        for (m, rel) in next {
            if seen.insert(m) {
                prev.insert(m, (n, rel));
                queue.push_back(m);
            }
        }
    }
    if !seen.contains(&to) {
        return Vec::new();
    }
    let mut path = vec![Hit {
        index: to,
        score: 0.0,
        relation: None,
    }];
    let mut cur = to;
    while let Some((p, rel)) = prev.get(&cur) {
        if let Some(last) = path.last_mut() {
            last.relation = Some(rel.clone());
        }
        path.push(Hit {
            index: *p,
            score: 0.0,
            relation: None,
        });
        cur = *p;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_may_run_over_several_sentences() {
        assert_eq!(
            title_forms("Use what you pay for. Minimize waste. Monitor utilization metrics."),
            vec![
                "use what you pay for minimize waste monitor utilization metrics",
                "use what you pay for",
                "use what you pay for minimize waste",
            ]
        );
        // One word is a title only when it is the whole question.
        assert_eq!(
            title_forms("Segment. Isolate traffic."),
            vec!["segment isolate traffic"]
        );
        assert_eq!(title_forms("Segment"), vec!["segment"]);
        assert!(title_forms("").is_empty());
    }
}
