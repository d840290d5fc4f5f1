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
use super::plan::Plan;
use crate::graph::{EdgeKind, Graph, Node, NodeKind, WORDS_EVIDENCE};
use crate::search::{Filters, SearchError, TextIndex};
use crate::vocab;

/// One result: a node, its score and, for exploration, how it relates to the start.
#[derive(Debug, Clone)]
pub struct Hit {
    pub index: NodeIndex,
    pub score: f32,
    pub relation: Option<String>,
}

/// How far down the full-text ranking to look when words narrow a structured query.
const TEXT_DEPTH: usize = 2000;

fn kind_rank(kind: NodeKind) -> u8 {
    match kind {
        k if k.is_item() => 0,
        NodeKind::Pillar | NodeKind::Platform | NodeKind::Workload | NodeKind::Framework => 1,
        NodeKind::Article => 2,
        _ => 3,
    }
}

fn matches(node: &Node, plan: &Plan) -> bool {
    if !plan.kinds.is_empty() && !plan.kinds.contains(&node.kind) {
        return false;
    }
    if plan.checklist && !node.checklist {
        return false;
    }
    if !plan.codes.is_empty()
        && !node
            .code
            .as_ref()
            .is_some_and(|c| plan.codes.iter().any(|x| x.eq_ignore_ascii_case(c)))
    {
        return false;
    }
    let has = |list: &[String], want: &String| list.contains(want);
    if !plan.pillars.is_empty() {
        let ok = if plan.all_pillars {
            plan.pillars.iter().all(|p| has(&node.pillars, p))
        } else {
            plan.pillars.iter().any(|p| has(&node.pillars, p))
        };
        if !ok {
            return false;
        }
    }
    if !plan.platforms.is_empty() && !plan.platforms.iter().any(|p| has(&node.platforms, p)) {
        return false;
    }
    if !plan.workloads.is_empty() && !plan.workloads.iter().any(|w| has(&node.workloads, w)) {
        return false;
    }
    true
}

/// How firmly an item is filed under the pillars asked for: an edge drawn from where the
/// item stands (a "Security tradeoffs with Reliability" heading, a checklist code) is an
/// exact graph match and outweighs anything its words say.
fn filing_strength(graph: &Graph, index: NodeIndex, plan: &Plan) -> f32 {
    if plan.pillars.is_empty() {
        return 0.0;
    }
    let mut strength = 0.0;
    for e in graph.inner.edges(index) {
        let kind = e.weight().kind;
        if !matches!(kind, EdgeKind::InPillar | EdgeKind::TradesOff)
            || e.weight().evidence == WORDS_EVIDENCE
        {
            continue;
        }
        let pillar = &graph.inner[e.target()];
        if plan
            .pillars
            .iter()
            .any(|p| pillar.pillars.first() == Some(p))
        {
            strength += 25.0;
        }
    }
    strength
}

/// Whether an item's own words are about the pillars asked for: a title that is about one
/// outranks a text that is, which outranks an item only filed under it. Counting cues would
/// rank by wordiness, so each pillar counts once.
fn pillar_relevance(node: &Node, plan: &Plan) -> f32 {
    plan.pillars
        .iter()
        .filter_map(|id| vocab::pillar(id))
        .map(|p| {
            if vocab::cue_hits(p, &node.title) > 0 {
                10.0
            } else if vocab::cue_hits(p, &node.text) > 0 {
                1.0
            } else {
                0.0
            }
        })
        // An empty f32 sum is -0.0; start from +0.0 so scores print as 0.
        .fold(0.0, |a, b| a + b)
}

fn tie_break(graph: &Graph, a: &Hit, b: &Hit) -> std::cmp::Ordering {
    let (x, y) = (&graph.inner[a.index], &graph.inner[b.index]);
    b.score
        .total_cmp(&a.score)
        .then(kind_rank(x.kind).cmp(&kind_rank(y.kind)))
        .then(x.code.cmp(&y.code))
        .then(x.sources.first().cmp(&y.sources.first()))
        .then(x.title.to_lowercase().cmp(&y.title.to_lowercase()))
        .then(x.id.cmp(&y.id))
}

/// Runs a search plan.
pub fn search(
    graph: &Graph,
    text: &TextIndex,
    plan: &Plan,
    limit: usize,
) -> Result<Vec<Hit>, SearchError> {
    let words = plan.terms.join(" ");
    let mut groups: Vec<Vec<String>> = plan.phrases.iter().map(|p| vec![p.clone()]).collect();
    let service_names: Vec<String> = plan
        .services
        .iter()
        .filter_map(|id| vocab::service(id))
        .flat_map(|s| s.aliases.iter().map(|a| (*a).to_string()))
        .collect();
    if !service_names.is_empty() {
        groups.push(service_names);
    }
    let wants_text = !plan.terms.is_empty() || !groups.is_empty();
    let text_scores: Option<HashMap<String, f32>> = if wants_text {
        let kinds: Vec<&str> = plan.kinds.iter().map(|k| k.name()).collect();
        let pillars: Vec<&str> = if plan.all_pillars {
            Vec::new()
        } else {
            plan.pillars.iter().map(String::as_str).collect()
        };
        let platforms: Vec<&str> = plan.platforms.iter().map(String::as_str).collect();
        let workloads: Vec<&str> = plan.workloads.iter().map(String::as_str).collect();
        let filters = Filters {
            kinds: &kinds,
            pillars: &pillars,
            platforms: &platforms,
            workloads: &workloads,
        };
        let depth = if plan.has_structure() {
            TEXT_DEPTH
        } else {
            (limit * 4).max(50)
        };
        Some(
            text.search(&words, &groups, &filters, depth)?
                .into_iter()
                .collect(),
        )
    } else {
        None
    };
    let lowered = words.to_lowercase();
    let mut hits: Vec<Hit> = Vec::new();
    match (&text_scores, plan.has_structure()) {
        (Some(scores), _) => {
            for (id, score) in scores {
                let Some(index) = graph.index_of(id) else {
                    continue;
                };
                let node = &graph.inner[index];
                if !matches(node, plan) {
                    continue;
                }
                // A node titled exactly by the words is what was asked for.
                let exact = if node.title.to_lowercase() == lowered {
                    5.0
                } else {
                    0.0
                };
                hits.push(Hit {
                    index,
                    score: score
                        + exact
                        + pillar_relevance(node, plan)
                        + filing_strength(graph, index, plan),
                    relation: None,
                });
            }
        }
        (None, true) => {
            for (index, node) in graph.nodes() {
                if matches(node, plan) {
                    let score = if plan.checklist {
                        0.0
                    } else {
                        pillar_relevance(node, plan) + filing_strength(graph, index, plan)
                    };
                    hits.push(Hit {
                        index,
                        score,
                        relation: None,
                    });
                }
            }
        }
        (None, false) => {}
    }
    hits.sort_by(|a, b| tie_break(graph, a, b));
    Ok(hits)
}

/// Finds the node a user means by `target`: an id, a code, a title, a pillar, platform or
/// workload name, else the best full-text match.
pub fn resolve(
    graph: &Graph,
    text: &TextIndex,
    target: &str,
) -> Result<Option<NodeIndex>, SearchError> {
    let t = target.trim();
    if let Some(i) = graph.index_of(t) {
        return Ok(Some(i));
    }
    let lower = t.to_lowercase();
    let mut best: Option<(u8, &str, NodeIndex)> = None;
    for (i, node) in graph.nodes() {
        let code = node
            .code
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(t));
        let title = node.title.to_lowercase() == lower;
        if code || title {
            let rank = kind_rank(node.kind);
            if best.is_none_or(|(r, id, _)| (rank, node.id.as_str()) < (r, id)) {
                best = Some((rank, node.id.as_str(), i));
            }
        }
    }
    if let Some((_, _, i)) = best {
        return Ok(Some(i));
    }
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
    if let Some(i) = named.and_then(|id| graph.index_of(&id)) {
        return Ok(Some(i));
    }
    let hits = text.search(t, &[], &Filters::default(), 1)?;
    Ok(hits.first().and_then(|(id, _)| graph.index_of(id)))
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

/// Breadth-first over edges in either direction; the path's nodes in order.
fn shortest_path(graph: &Graph, from: NodeIndex, to: NodeIndex) -> Vec<Hit> {
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
