//! What changed in the guidance between two indexes: items added, removed and changed.
//!
//! Items (design areas, principles, challenges, recommendations, tradeoffs) of the old
//! index are matched to the new one's in three passes, each over what the previous left:
//!
//! 1. the same stable id (ids come from what an item is: `recommendation:azure-se-05`);
//! 2. the same code, kind and platforms (a checklist row whose title was rewritten);
//! 3. the most similar text of the same kind and platforms, at least [`SIMILAR`] of their
//!    words shared, so a reworded recommendation shows as changed, not as removed + added.
//!
//! A matched pair is changed when its title, text, code, pillars or article differ.
//!
//! Articles are what a reader of the guidance follows, so they are compared too, by id
//! (their platform and path): an article only one side has is added or removed, and one
//! whose title changed is changed (issue 17).
//!
//! # JSON
//! `diff --format json` prints `{"old", "new", "added", "removed", "changed"}`; each entry
//! has `id`, `kind`, `title`, `code` (string or null), `pillars`, `platforms`, `article`
//! (`corpus/path`) and `url` when published; a changed entry describes the new item and has
//! `before` and `after`, objects holding only the fields that differ (of `id`, `title`,
//! `text`, `code`, `pillars`, `article`).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::graph::{Graph, Node, NodeKind};

/// The share of words two texts must have in common to be the same item reworded.
pub const SIMILAR: f64 = 0.5;

/// One item as the comparison shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    pub code: Option<String>,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    /// `corpus/path` of the article the item is in.
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Fields>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Fields>,
}

/// The fields of a changed item that differ, on one side.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fields {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The code; `Some(None)` when the item has none on this side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pillars: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

impl Fields {
    /// The names of the fields set, for a one-line summary (`title, pillars`).
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        for (set, name) in [
            (self.title.is_some(), "title"),
            (self.text.is_some(), "text"),
            (self.code.is_some(), "code"),
            (self.pillars.is_some(), "pillars"),
            (self.article.is_some(), "article"),
        ] {
            if set {
                v.push(name);
            }
        }
        v
    }
}

/// What changed between two indexes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub changed: Vec<Entry>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An item's text as compared: whitespace collapsed.
fn text_of(n: &Node) -> String {
    let t = if n.text.is_empty() {
        &n.summary
    } else {
        &n.text
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn article_of(n: &Node) -> String {
    n.sources
        .first()
        .map(|s| format!("{}/{}", s.corpus, s.path))
        .unwrap_or_default()
}

fn entry(n: &Node, links: &crate::published::Links) -> Entry {
    Entry {
        id: n.id.clone(),
        kind: n.kind,
        title: n.title.clone(),
        code: n.code.clone(),
        pillars: crate::graph::to_strings(&n.pillars),
        platforms: crate::graph::to_strings(&n.platforms),
        article: article_of(n),
        url: links.url(n),
        before: None,
        after: None,
    }
}

/// The words of a text, for similarity (short words say little).
fn word_set(text: &str) -> HashSet<String> {
    crate::corpus::text::words(text)
        .filter(|w| w.chars().count() > 2)
        .collect()
}

/// An item's words: of its title, and of its title and text.
struct Words {
    title: HashSet<String>,
    all: HashSet<String>,
}

fn words(n: &Node) -> Words {
    Words {
        title: word_set(&n.title),
        all: word_set(&format!("{} {}", n.title, text_of(n))),
    }
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// How alike two items read: the words they share, or, when one lost or gained a
/// paragraph, their titles and texts weighed half each (an item with the same title and
/// a shortened text is the same item).
fn similarity(a: &Words, b: &Words) -> f64 {
    let all = jaccard(&a.all, &b.all);
    let halves = 0.5 * jaccard(&a.title, &b.title) + 0.5 * all;
    all.max(halves)
}

/// An article's path within its corpus: the corpus folder's name may differ between the
/// two indexes (a copy, another checkout), and an item moved only when this did.
fn within(article: &str) -> String {
    article
        .split_once('/')
        .map_or(article.to_string(), |(_, p)| p.to_string())
}

/// What items must share to be matched by code or by text.
fn family(n: &Node) -> (NodeKind, Vec<String>) {
    (n.kind, crate::graph::to_strings(&n.platforms))
}

/// Compares the items of two graphs. `old_links` and `new_links` give each side's pages.
pub fn compare(
    old: &Graph,
    new: &Graph,
    old_links: &crate::published::Links,
    new_links: &crate::published::Links,
) -> Report {
    let items = |g: &Graph| -> Vec<Node> {
        let mut v: Vec<Node> = g
            .nodes()
            .map(|(_, n)| n)
            .filter(|n| n.kind.is_item())
            .cloned()
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    let (olds, news) = (items(old), items(new));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut old_left: BTreeSet<usize> = (0..olds.len()).collect();
    let mut new_left: BTreeSet<usize> = (0..news.len()).collect();

    // 1. Stable ids.
    let new_by_id: HashMap<&str, usize> = news
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for (i, n) in olds.iter().enumerate() {
        if let Some(&j) = new_by_id.get(n.id.as_str()) {
            pairs.push((i, j));
            old_left.remove(&i);
            new_left.remove(&j);
        }
    }

    // 2. Codes, within a kind and platform.
    let mut new_by_code: HashMap<(NodeKind, Vec<String>, String), Vec<usize>> = HashMap::new();
    for &j in &new_left {
        if let Some(c) = &news[j].code {
            let (k, p) = family(&news[j]);
            new_by_code.entry((k, p, c.clone())).or_default().push(j);
        }
    }
    for i in old_left.clone() {
        let Some(c) = &olds[i].code else { continue };
        let (k, p) = family(&olds[i]);
        // A code is quoted in several articles (a checklist row, its own article): the
        // item in the same article first.
        let here = within(&article_of(&olds[i]));
        if let Some(list) = new_by_code.get_mut(&(k, p, c.clone()))
            && let Some(pos) = list
                .iter()
                .position(|j| within(&article_of(&news[*j])) == here)
                .or_else(|| list.iter().position(|j| new_left.contains(j)))
        {
            let j = list.remove(pos);
            pairs.push((i, j));
            old_left.remove(&i);
            new_left.remove(&j);
        }
    }

    // 3. Text similarity, best pairs first.
    let old_words: HashMap<usize, Words> = old_left.iter().map(|&i| (i, words(&olds[i]))).collect();
    let new_words: HashMap<usize, Words> = new_left.iter().map(|&j| (j, words(&news[j]))).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &old_left {
        for &j in &new_left {
            if family(&olds[i]) != family(&news[j]) {
                continue;
            }
            let s = similarity(&old_words[&i], &new_words[&j]);
            if s >= SIMILAR {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    for (_, i, j) in candidates {
        if old_left.contains(&i) && new_left.contains(&j) {
            pairs.push((i, j));
            old_left.remove(&i);
            new_left.remove(&j);
        }
    }

    let mut report = Report {
        added: new_left
            .iter()
            .map(|&j| entry(&news[j], new_links))
            .collect(),
        removed: old_left
            .iter()
            .map(|&i| entry(&olds[i], old_links))
            .collect(),
        changed: Vec::new(),
    };
    for (i, j) in pairs {
        let (a, b) = (&olds[i], &news[j]);
        let (mut before, mut after) = (Fields::default(), Fields::default());
        if a.id != b.id {
            before.id = Some(a.id.clone());
            after.id = Some(b.id.clone());
        }
        if a.title != b.title {
            before.title = Some(a.title.clone());
            after.title = Some(b.title.clone());
        }
        let (ta, tb) = (text_of(a), text_of(b));
        if ta != tb {
            before.text = Some(ta);
            after.text = Some(tb);
        }
        if a.code != b.code {
            before.code = Some(a.code.clone());
            after.code = Some(b.code.clone());
        }
        let sorted = |v: &[crate::graph::Shared]| {
            let mut v = crate::graph::to_strings(v);
            v.sort();
            v
        };
        if sorted(&a.pillars) != sorted(&b.pillars) {
            before.pillars = Some(crate::graph::to_strings(&a.pillars));
            after.pillars = Some(crate::graph::to_strings(&b.pillars));
        }
        let (pa, pb) = (article_of(a), article_of(b));
        if within(&pa) != within(&pb) {
            before.article = Some(pa);
            after.article = Some(pb);
        }
        if before != Fields::default() || after != Fields::default() {
            let mut e = entry(b, new_links);
            e.before = Some(before);
            e.after = Some(after);
            report.changed.push(e);
        }
    }
    articles(old, new, old_links, new_links, &mut report);
    report.added.sort_by(|a, b| a.id.cmp(&b.id));
    report.removed.sort_by(|a, b| a.id.cmp(&b.id));
    report.changed.sort_by(|a, b| a.id.cmp(&b.id));
    report
}

/// Adds the articles only one side has, and those whose title changed, to `report`.
fn articles(
    old: &Graph,
    new: &Graph,
    old_links: &crate::published::Links,
    new_links: &crate::published::Links,
    report: &mut Report,
) {
    let by_id = |g: &Graph| -> HashMap<String, Node> {
        g.nodes()
            .map(|(_, n)| n)
            .filter(|n| n.kind == NodeKind::Article)
            .map(|n| (n.id.clone(), n.clone()))
            .collect()
    };
    let (olds, news) = (by_id(old), by_id(new));
    for (id, n) in &news {
        match olds.get(id) {
            None => report.added.push(entry(n, new_links)),
            Some(o) if o.title != n.title => {
                let mut e = entry(n, new_links);
                e.before = Some(Fields {
                    title: Some(o.title.clone()),
                    ..Fields::default()
                });
                e.after = Some(Fields {
                    title: Some(n.title.clone()),
                    ..Fields::default()
                });
                report.changed.push(e);
            }
            Some(_) => {}
        }
    }
    for (id, o) in &olds {
        if !news.contains_key(id) {
            report.removed.push(entry(o, old_links));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Source;

    fn item(id: &str, code: Option<&str>, title: &str, text: &str, path: &str) -> Node {
        let mut node = Node::new(id, NodeKind::Recommendation, title);
        node.text = text.into();
        node.code = code.map(str::to_string);
        node.checklist = true;
        node.pillars = vec!["security".into()];
        node.platforms = vec!["azure".into()];
        node.sources = vec![Source {
            corpus: "waf".into(),
            path: path.into(),
            heading: "Checklist".into(),
            line: 1,
        }];
        node
    }

    fn graph(nodes: Vec<Node>) -> Graph {
        let mut g = petgraph::graph::DiGraph::new();
        for n in nodes {
            g.add_node(n);
        }
        Graph::new(g)
    }

    #[test]
    fn items_match_by_id_then_code_then_words() {
        let links = crate::published::Links::default();
        let old = graph(vec![
            item(
                "r:a",
                Some("SE:01"),
                "Keep a baseline",
                "Keep a security baseline.",
                "c.md",
            ),
            item(
                "r:b",
                Some("SE:02"),
                "Control access",
                "Grant only what is needed.",
                "c.md",
            ),
            item(
                "r:c",
                None,
                "Rotate secrets",
                "Rotate secrets on a schedule and audit who reads them in the vault.",
                "s.md",
            ),
            item(
                "r:d",
                None,
                "Old idea",
                "Something nobody does any more.",
                "s.md",
            ),
        ]);
        let new = graph(vec![
            item(
                "r:a",
                Some("SE:01"),
                "Keep a baseline",
                "Keep a security baseline.",
                "c.md",
            ),
            item(
                "r:b2",
                Some("SE:02"),
                "Control identities",
                "Grant only what is needed.",
                "c.md",
            ),
            item(
                "r:c2",
                None,
                "Rotate secrets regularly",
                "Rotate secrets on a schedule and audit who reads them in the key vault.",
                "s.md",
            ),
            item(
                "r:e",
                None,
                "New idea",
                "Something entirely different appears.",
                "n.md",
            ),
        ]);
        let r = compare(&old, &new, &links, &links);
        let ids = |v: &[Entry]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&r.added), ["r:e"]);
        assert_eq!(ids(&r.removed), ["r:d"]);
        assert_eq!(ids(&r.changed), ["r:b2", "r:c2"]);
        let b = r.changed[0].before.as_ref().unwrap();
        assert_eq!(b.title.as_deref(), Some("Control access"));
        assert_eq!(b.names(), ["title"]);
    }
}
