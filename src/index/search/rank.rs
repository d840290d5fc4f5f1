//! The ranking policy: where a result stands in an answer and how its words' score, its
//! pillar cues and its standing order a page of results. It reads only what the fast
//! fields hold (the `order` key, the [`Cues`]) and the words' coverage, never a stored
//! field; [`super::TextIndex::search`] gathers the candidates and hands them here.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use tantivy::DocAddress;

use super::cues::Cues;
use super::docbits::DocBits;
use super::order;

/// How results are ordered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// By the words' BM25 and the graph's boosts, raised by standing: a search by words
    /// or a pasted sentence.
    #[default]
    Words,
    /// By standing (see [`standing`]), then the words and the pillar cues, then source
    /// order: a question. With no words, a framework checklist reads in code order.
    Structure,
}

/// Where a result stands in a structured answer, best first: a checklist row of the
/// framework filed under an asked pillar (1), another item of the framework itself (2), an
/// item of a workload or service guide (3), a pillar, platform, workload or service (4),
/// an article (5), a section (6). 0 is kept for a node titled as the question.
pub fn standing(order: u64, cues: Cues, pillars: &[usize]) -> u8 {
    match order::rank_of(order) {
        order::ITEM
            if cues.checklist()
                && !cues.scoped()
                && (pillars.is_empty() || pillars.iter().any(|&p| cues.filed_under(p))) =>
        {
            1
        }
        order::ITEM if !cues.scoped() => 2,
        order::ITEM => 3,
        order::GROUPING => 4,
        order::ARTICLE => 5,
        _ => 6,
    }
}

/// An order key that puts a node's platform first (see [`Cues::platform_rank`]),
/// then what `order` holds below its kind: Azure's SE:01…SE:12, then Power Platform's,
/// rather than the two interleaved code by code. Where it is used the standing already
/// tells kinds apart, so the platform takes the kind's two bits.
fn grouped(order: u64, c: Cues) -> u64 {
    order::led_by(c.platform_rank(), order)
}

/// An item above what holds it: a container `movable` allows (a section or article) that
/// ranked above the best of its items that matched takes that item's place, just below it
/// (ties go to items, see [`super::order`]). The section holds the item's words and more;
/// the item is the answer (issue 16: "an item should beat its own section when both
/// match").
fn below_items(
    ranked: &mut [Ranked],
    containers: &[Vec<u64>],
    movable: impl Fn(&Ranked) -> bool,
    cmp: impl Fn(&Ranked, &Ranked) -> Ordering,
) {
    let at: HashMap<u64, usize> = ranked.iter().enumerate().map(|(i, r)| (r.3, i)).collect();
    // Each container's best item.
    let mut best: HashMap<usize, usize> = HashMap::new();
    for (i, held_by) in containers.iter().enumerate() {
        for c in held_by {
            let Some(&j) = at.get(c) else { continue };
            let slot = best.entry(j).or_insert(i);
            if cmp(&ranked[i], &ranked[*slot]) == Ordering::Less {
                *slot = i;
            }
        }
    }
    for (j, i) in best {
        // A node titled as the question (standing 0) stays first.
        if ranked[j].0 > 0 && movable(&ranked[j]) && cmp(&ranked[j], &ranked[i]) == Ordering::Less {
            (ranked[j].0, ranked[j].1) = (ranked[i].0, ranked[i].1);
        }
    }
}

/// A candidate placed: (standing, score, order key, node, address), best first.
type Ranked = (u8, f32, u64, u64, DocAddress);

/// One text, one result: a node and the section that repeats it (a principle stated as a
/// heading, an article and its first heading) are one result, the node, at the better
/// place of the two. Done over every candidate, so a page never depends on its length.
fn once_each(
    mut ranked: Vec<Ranked>,
    twins: &[u64],
    cmp: impl Fn(&Ranked, &Ranked) -> Ordering,
) -> Vec<Ranked> {
    let at: HashMap<u64, usize> = ranked.iter().enumerate().map(|(i, r)| (r.3, i)).collect();
    let mut gone = vec![false; ranked.len()];
    for (i, twin) in twins.iter().enumerate() {
        let Some(&j) = at.get(twin) else { continue };
        if i == j || gone[i] || gone[j] {
            continue;
        }
        if cmp(&ranked[j], &ranked[i]) == Ordering::Less {
            (ranked[i].0, ranked[i].1) = (ranked[j].0, ranked[j].1);
        }
        gone[j] = true;
    }
    ranked
        .into_iter()
        .zip(gone)
        .filter_map(|(r, gone)| (!gone).then_some(r))
        .collect()
}

/// A text copied word for word into several articles is one result, the best placed of
/// its copies (`copies`: node → [`super::schema::copy_hash`]); with it, for each result
/// kept, the addresses of the copies it stands for, best placed first.
fn one_of_copies(
    ranked: Vec<Ranked>,
    copies: &HashMap<u64, u64>,
    cmp: impl Fn(&Ranked, &Ranked) -> Ordering,
) -> (Vec<Ranked>, HashMap<DocAddress, Vec<DocAddress>>) {
    let mut groups: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, r) in ranked.iter().enumerate() {
        if let Some(c) = copies.get(&r.3) {
            groups.entry(*c).or_default().push(i);
        }
    }
    let mut gone = vec![false; ranked.len()];
    let mut also: HashMap<DocAddress, Vec<DocAddress>> = HashMap::new();
    for mut members in groups.into_values().filter(|m| m.len() > 1) {
        members.sort_by(|&a, &b| cmp(&ranked[a], &ranked[b]));
        let kept = ranked[members[0]].4;
        for &m in &members[1..] {
            gone[m] = true;
            also.entry(kept).or_default().push(ranked[m].4);
        }
    }
    let kept = ranked
        .into_iter()
        .zip(gone)
        .filter_map(|(r, gone)| (!gone).then_some(r))
        .collect();
    (kept, also)
}

/// How much a standing raises the words' score when words rank: enough to lift a
/// checklist row over a section or a service item that repeats its words, not enough to
/// lift an item the words fit worse.
fn standing_weight(standing: u8) -> f32 {
    match standing {
        1 => 1.3,
        2 => 1.15,
        3 => 1.05,
        _ => 1.0,
    }
}

/// How much of a question's words a document holds, each word weighed by how rare it is:
/// holding "grounding" says more than holding "data".
pub(super) struct Coverage {
    pub(super) sets: Vec<(f32, DocBits)>,
    /// Per word, the documents holding it in their title.
    pub(super) titled: Vec<DocBits>,
    /// The weight of all the words.
    pub(super) total: f32,
}

impl Coverage {
    /// The share (0 to 1) of the words' weight `addr` holds.
    fn of(&self, addr: &DocAddress) -> f32 {
        let total = self.total;
        let held: f32 = self
            .sets
            .iter()
            .filter(|(_, docs)| docs.contains(addr))
            .map(|(w, _)| w)
            .sum();
        if total > 0.0 { held / total } else { 0.0 }
    }

    /// Whether `addr`'s title holds every word.
    fn in_title(&self, addr: &DocAddress) -> bool {
        self.titled.iter().all(|docs| docs.contains(addr))
    }

    /// Whether `addr`'s title holds any word.
    fn any_in_title(&self, addr: &DocAddress) -> bool {
        self.titled.iter().any(|docs| docs.contains(addr))
    }
}

/// A result holding at least this share of a structured question's word weight ranks by
/// standing with the results that hold all of it.
const MOST_WORDS: f32 = 0.5;

/// What a result that holds none of the words' weight keeps of its score when words rank
/// (one that holds all of it gets `1 + COVERAGE_FLOOR`).
const COVERAGE_FLOOR: f32 = 0.5;

/// The weight of a result on another platform than the one a sentence names.
const OTHER_PLATFORM: f32 = 0.75;

/// The weight of an item of another guide than the service's a sentence names.
const OTHER_GUIDE: f32 = 0.75;

/// The weight of a result of a kind a sentence's words ask for.
const PREFERRED_KIND: f32 = 1.25;

/// A document that matched, with what ranking reads of it.
pub(super) struct Candidate {
    /// Its words' score (BM25 and boosts); 0 when nothing scored it.
    pub(super) bm25: f32,
    /// Its [`order`] key.
    pub(super) order: u64,
    /// Its node's position in the graph.
    pub(super) node: u64,
    pub(super) cues: Cues,
    /// The node of the section whose text this node repeats ([`super::schema::NO_TWIN`]:
    /// none).
    pub(super) twin: u64,
    /// The nodes of the sections and article an item sits in.
    pub(super) containers: Vec<u64>,
    /// What a reader sees of it, hashed ([`super::schema::copy_hash`]).
    pub(super) copy: u64,
    pub(super) addr: DocAddress,
}

/// What a request asks of the ranking.
pub(super) struct Policy<'a> {
    pub(super) ranking: Ranking,
    /// Positions (in `vocab::PILLARS`) of the pillars asked for.
    pub(super) pillars: &'a [usize],
    /// Words, phrases or boosts scored the candidates.
    pub(super) scored: bool,
    /// The request has words (typed, added or named).
    pub(super) wants_text: bool,
    /// How much of the words each document holds (`None`: fewer than two words to weigh).
    pub(super) covered: Option<&'a Coverage>,
    /// The documents titled as the question: first, whatever else they hold.
    pub(super) titled: &'a HashSet<DocAddress>,
    /// The platforms a sentence names, or names a product of: others rank lower.
    pub(super) platforms: &'a [&'a str],
    /// The documents of the kinds a sentence's words ask for: they weigh more.
    pub(super) preferred: Option<&'a DocBits>,
    /// The items of the guides of other services or workloads than the services a
    /// sentence names: they weigh less.
    pub(super) other_guides: Option<&'a DocBits>,
    pub(super) limit: usize,
}

/// The first `p.limit` candidates, best first.
pub(super) fn page(mut candidates: Vec<Candidate>, p: &Policy<'_>) -> Vec<Placed> {
    let (covered, wants_text, scored) = (p.covered, p.wants_text, p.scored);
    let mut ranked: Vec<Ranked> = Vec::with_capacity(candidates.len());
    let twins: Vec<u64> = candidates.iter().map(|c| c.twin).collect();
    let copies: HashMap<u64, u64> = candidates
        .iter()
        .filter(|c| c.copy != super::schema::NO_COPY)
        .map(|c| (c.node, c.copy))
        .collect();
    let containers: Vec<Vec<u64>> = candidates
        .iter_mut()
        .map(|c| std::mem::take(&mut c.containers))
        .collect();
    for Candidate {
        bm25,
        order: o,
        node: n,
        cues: c,
        addr,
        ..
    } in candidates
    {
        let mut place = standing(o, c, p.pillars);
        // A section or article whose title holds every word of the question is an
        // answer as much as a checklist row is (BM25F's lesson: the title says what a
        // text is about); the words' score orders them. Items keep their standing:
        // lifting every item whose title holds the words over the checklist buries
        // the checklist a question asks for.
        if place > 4 && covered.is_some_and(|c| c.in_title(&addr)) {
            place = 1;
        }
        if p.titled.contains(&addr) {
            ranked.push((0, bm25, o, n, addr));
            continue;
        }
        let cue = c.pillar_score(p.pillars);
        let item = match p.ranking {
            // A checklist reads in code order, a platform's rows together.
            Ranking::Structure if place == 1 && !scored => (1, 0.0, grouped(o, c), n, addr),
            // Within a structured answer the words rank what they match first, as
            // they would alone; what they miss follows in standing order.
            Ranking::Structure
                if wants_text
                    && bm25 > 0.0
                    && covered.is_none_or(|c| c.of(&addr) >= MOST_WORDS) =>
            {
                (place, bm25 + cue, o, n, addr)
            }
            Ranking::Structure if wants_text && bm25 > 0.0 => {
                (10, (bm25 + cue) * standing_weight(place), o, n, addr)
            }
            Ranking::Structure if wants_text => (20 + place, cue, o, n, addr),
            // A list with no words to rank it keeps a platform's items together.
            Ranking::Structure if !wants_text => (place, bm25 + cue, grouped(o, c), n, addr),
            Ranking::Structure => (place, bm25 + cue, o, n, addr),
            // How much of the question a result holds weighs as much as how well it
            // holds it: a section holding every word of a long question beats an item
            // whose short title repeats one of them.
            Ranking::Words => {
                let held = covered.map_or(1.0, |c| c.of(&addr));
                // A question that names a platform (or a product of one) is seldom
                // answered by another platform's guidance: it ranks lower, not out.
                let elsewhere = !p.platforms.is_empty()
                    && c.platform().is_some_and(|id| !p.platforms.contains(&id));
                let platform = if elsewhere { OTHER_PLATFORM } else { 1.0 };
                // A kind the sentence's words ask for ("… or …?": tradeoffs) weighs more.
                let asked = p.preferred.is_some_and(|d| d.contains(&addr));
                let kind = if asked { PREFERRED_KIND } else { 1.0 };
                let guide = if p.other_guides.is_some_and(|d| d.contains(&addr)) {
                    OTHER_GUIDE
                } else {
                    1.0
                };
                let score = (bm25 + cue)
                    * standing_weight(place)
                    * (COVERAGE_FLOOR + held)
                    * platform
                    * kind
                    * guide;
                (1, score, o, n, addr)
            }
        };
        ranked.push(item);
    }
    let cmp = |a: &Ranked, b: &Ranked| -> Ordering {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    };
    if p.ranking == Ranking::Words {
        // Only a section its words matched by its text alone: a title holding them says
        // the section is about them ("Assign a criticality rating to each flow").
        let untitled = |r: &Ranked| {
            order::rank_of(r.2) == order::SECTION && covered.is_some_and(|c| !c.any_in_title(&r.4))
        };
        below_items(&mut ranked, &containers, untitled, cmp);
    }
    let ranked = once_each(ranked, &twins, cmp);
    let (mut ranked, mut also) = one_of_copies(ranked, &copies, cmp);
    let limit = p.limit.min(ranked.len());
    if limit < ranked.len() && limit > 0 {
        ranked.select_nth_unstable_by(limit - 1, cmp);
        ranked.truncate(limit);
    }
    ranked.sort_by(cmp);
    ranked.truncate(p.limit);
    ranked
        .into_iter()
        .map(|(_, score, _, node, addr)| Placed {
            score,
            node,
            addr,
            copies: also.remove(&addr).unwrap_or_default(),
        })
        .collect()
}

/// A result of a page.
pub(super) struct Placed {
    pub(super) score: f32,
    pub(super) node: u64,
    pub(super) addr: DocAddress,
    /// Word-for-word copies of it elsewhere, which it stands for.
    pub(super) copies: Vec<DocAddress>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(standing: u8, score: f32, node: u64) -> Ranked {
        (standing, score, node, node, DocAddress::new(0, node as u32))
    }

    fn by_place(a: &Ranked, b: &Ranked) -> Ordering {
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1))
    }

    #[test]
    fn a_node_and_the_section_repeating_it_are_one_result_at_the_better_place() {
        const NONE: u64 = super::super::schema::NO_TWIN;
        // Node 1 is a principle whose heading is section 2, which matched better; node 3
        // repeats section 4, which matched worse; node 5 repeats a section not found.
        let ranked = vec![
            at(1, 10.0, 1),
            at(1, 30.0, 2),
            at(1, 20.0, 3),
            at(1, 5.0, 4),
            at(1, 1.0, 5),
        ];
        let twins = [2, NONE, 4, NONE, 9];
        let mut once = once_each(ranked, &twins, by_place);
        once.sort_by(by_place);
        let placed: Vec<(u64, f32)> = once.iter().map(|r| (r.3, r.1)).collect();
        assert_eq!(placed, [(1, 30.0), (3, 20.0), (5, 1.0)]);
    }

    #[test]
    fn a_container_matched_no_better_than_its_item_ranks_below_it() {
        // Section 1 holds items 2 and 3; article 4 holds item 5 but is titled as the
        // question (standing 0); section 6 holds nothing that matched; section 7 may not
        // move (its title holds the words).
        let mut ranked = vec![
            at(1, 40.0, 1),
            at(1, 10.0, 2),
            at(1, 25.0, 3),
            at(0, 5.0, 4),
            at(1, 1.0, 5),
            at(1, 30.0, 6),
            at(1, 35.0, 7),
            at(1, 8.0, 8),
        ];
        let containers = [
            vec![],
            vec![1],
            vec![1, 4],
            vec![],
            vec![4],
            vec![],
            vec![],
            vec![7],
        ];
        // Ties go to the smaller order key: items before sections.
        for r in ranked.iter_mut().filter(|r| [1, 4, 6, 7].contains(&r.3)) {
            r.2 += 100;
        }
        let cmp = |a: &Ranked, b: &Ranked| by_place(a, b).then(a.2.cmp(&b.2));
        below_items(&mut ranked, &containers, |r| r.3 != 7, cmp);
        ranked.sort_by(cmp);
        let order: Vec<u64> = ranked.iter().map(|r| r.3).collect();
        assert_eq!(order, [4, 7, 6, 3, 1, 2, 8, 5]);
    }
}
