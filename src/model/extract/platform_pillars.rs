//! Pillars by platform: an item carries only pillars its platform publishes. A pillar an
//! item's words merely suggest, on a platform whose guidance is not organised by that
//! pillar (Experience Optimization on Azure, Cost Optimization on Power Platform), becomes
//! a `mentions` relation: ranking and pillar filters may still use it, but the item is not
//! listed as belonging to the pillar.
//!
//! Which pillars a platform publishes is read off the graph itself — the `has` edges that
//! only structure (an article's folder or title, a section heading) draws — so it runs once
//! every article has been seen.

use std::collections::{HashMap, HashSet};

use petgraph::visit::EdgeRef;

use crate::graph::builder::GraphBuilder;
use crate::graph::{EdgeKind, NodeKind, Shared, WORDS_EVIDENCE};

pub fn keep_published(b: &mut GraphBuilder) {
    let nodes = b.graph();
    let mut published: HashMap<Shared, HashSet<Shared>> = HashMap::new();
    let mut moves: Vec<(usize, usize, Shared)> = Vec::new();
    for e in nodes.edge_references() {
        let (from, to, edge) = (e.source(), e.target(), e.weight());
        if edge.kind == EdgeKind::Has
            && nodes[from].kind == NodeKind::Platform
            && nodes[to].kind == NodeKind::Pillar
            && let (Some(platform), Some(pillar)) =
                (nodes[from].platforms.first(), nodes[to].pillars.first())
        {
            published
                .entry(platform.clone())
                .or_default()
                .insert(pillar.clone());
        }
    }
    for e in nodes.edge_references() {
        let (from, to, edge) = (e.source(), e.target(), e.weight());
        let by_words = matches!(edge.kind, EdgeKind::InPillar | EdgeKind::TradesOff)
            && edge.evidence == WORDS_EVIDENCE;
        if !by_words {
            continue;
        }
        let (item, pillar) = (&nodes[from], &nodes[to]);
        let Some(pillar_id) = pillar.pillars.first() else {
            continue;
        };
        // A platform whose pillars this corpus does not show (a few articles without
        // pillar folders or titles) is taken to publish what its framework does.
        let publishes = |platform: &Shared| match published.get(platform) {
            Some(set) => set.contains(pillar_id),
            None => crate::vocab::platform(platform)
                .is_none_or(|p| p.pillars.contains(&pillar_id.as_str())),
        };
        // An item on no known platform keeps what its words say.
        if !item.platforms.is_empty() && !item.platforms.iter().any(publishes) {
            moves.push((e.id().index(), from.index(), pillar_id.clone()));
        }
    }
    for (edge, item, pillar) in moves {
        b.edge_mut(edge).kind = EdgeKind::Mentions;
        let node = b.node_mut(item);
        node.pillars.retain(|p| *p != pillar);
        let mentions = &mut node.rare_mut().mentions;
        if !mentions.iter().any(|m| *m == pillar) {
            mentions.push(pillar.to_string());
        }
    }
}
