//! Known-item retrieval: does a question made of an item's own words find that item?
//! For every recommendation, design principle, challenge and article of the guidance, the
//! query is its title and the first sentence of its text, as a user pastes them; the
//! benchmark reports recall at 1 and at 10 of finding the item itself and of finding its
//! file, side by side with a plain BM25 ranking of whole files (tantivy, one document per
//! file, English stemming) over the same articles.
//!
//! `cargo bench --bench known_item` (over `../shared/corpus`, else the fixtures); prints,
//! asserts nothing. `KNOWN_ITEM_MISSES=N` also prints the first N misses at 1.

// Benchmark set-up unwraps: a failure there is a broken benchmark, reported by the panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// Each benchmark uses part of the shared support module.
#[allow(dead_code)]
#[path = "support.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use guidegraph::corpus::{Root, text};
use guidegraph::graph::{Node, NodeKind};
use guidegraph::store::Store;
use guidegraph::{indexer, query};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::{Index, TantivyDocument};

/// One known item: the query pasted for it and where it is.
struct Case {
    kind: NodeKind,
    id: String,
    file: String,
    query: String,
}

/// The words a user pastes for `n`: its title and the first sentence that follows it.
fn pasted(n: &Node) -> String {
    let body = if n.text.is_empty() {
        &n.summary
    } else {
        &n.text
    };
    let rest = body.strip_prefix(n.title.as_str()).unwrap_or(body);
    let rest = rest.trim_start_matches([':', '.', ' ', '-', '—']);
    let first = text::first_sentence(rest);
    // A quote in a pasted sentence is punctuation, not a phrase the user typed.
    format!("{}. {first}", n.title).replace('"', " ")
}

/// A plain BM25 index of whole files, for the baseline.
fn baseline(roots: &[Root], dir: &Path) -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
    let mut s = Schema::builder();
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
    );
    let path = s.add_text_field("path", STRING | STORED);
    let body = s.add_text_field("body", text_opts);
    let index = Index::create_in_dir(dir, s.build()).unwrap();
    let mut w: tantivy::IndexWriter = index.writer(100_000_000).unwrap();
    for root in roots {
        let Root::Dir(d) = root else { continue };
        let label = root.label();
        for entry in walk(d) {
            let rel = entry
                .strip_prefix(d)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let mut doc = TantivyDocument::default();
            doc.add_text(path, format!("{label}/{rel}"));
            doc.add_text(body, std::fs::read_to_string(&entry).unwrap_or_default());
            w.add_document(doc).unwrap();
        }
    }
    w.commit().unwrap();
    (index, path, body)
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[derive(Default, Clone, Copy)]
struct Recall {
    n: usize,
    at1: usize,
    at10: usize,
}

impl Recall {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if rank == Some(0) {
            self.at1 += 1;
        }
        if rank.is_some_and(|r| r < 10) {
            self.at10 += 1;
        }
    }
    fn show(&self) -> String {
        let f = |k: usize| k as f64 / self.n.max(1) as f64;
        format!("{:>5.3} {:>6.3}", f(self.at1), f(self.at10))
    }
}

fn main() {
    let (roots, what) = support::roots();
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    indexer::run(&roots, &index, false, || {}).unwrap();
    let store = Store::open(&index).unwrap();
    let graph = store.graph().unwrap();
    let cases: Vec<Case> = graph
        .nodes()
        .map(|(_, n)| n)
        .filter(|n| {
            matches!(
                n.kind,
                NodeKind::Recommendation
                    | NodeKind::DesignPrinciple
                    | NodeKind::Challenge
                    | NodeKind::Tradeoff
                    | NodeKind::Article
            ) && !n.draft
        })
        .filter_map(|n| {
            let s = n.sources.first()?;
            Some(Case {
                kind: n.kind,
                id: n.id.clone(),
                file: format!("{}/{}", s.corpus, s.path),
                query: pasted(n),
            })
        })
        .collect();
    let base_dir = tempfile::tempdir().unwrap();
    let (bm25, path_f, body_f) = baseline(&roots, base_dir.path());
    let reader = bm25.reader().unwrap();
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&bm25, vec![body_f]);
    parser.set_conjunction_by_default();
    let parser_or = QueryParser::for_index(&bm25, vec![body_f]);
    let _ = &mut parser;

    // Items the guidance states twice word for word (a Power Platform article adapted from
    // its Azure twin): a pasted question cannot tell them apart.
    let by_id: std::collections::HashMap<&str, &guidegraph::graph::Node> =
        graph.nodes().map(|(_, n)| (n.id.as_str(), n)).collect();
    let twins = |a: &str, b: &str| {
        a == b
            || match (by_id.get(a), by_id.get(b)) {
                (Some(x), Some(y)) => x.kind == y.kind && x.title == y.title && x.text == y.text,
                _ => false,
            }
    };
    let mut ours: BTreeMap<&str, (Recall, Recall)> = BTreeMap::new();
    let mut twin: BTreeMap<&str, Recall> = BTreeMap::new();
    let mut base: BTreeMap<&str, Recall> = BTreeMap::new();
    let misses_wanted: usize = std::env::var("KNOWN_ITEM_MISSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut misses = Vec::new();
    let started = Instant::now();
    for c in &cases {
        let a = query::answer(&store, &c.query, Some(10));
        let (item_rank, file_rank) = match &a {
            Ok(a) => (
                a.results.iter().position(|r| r.id == c.id),
                a.results.iter().position(|r| {
                    r.sources
                        .first()
                        .is_some_and(|s| format!("{}/{}", s.corpus, s.path) == c.file)
                }),
            ),
            Err(_) => (None, None),
        };
        let twin_rank = a
            .as_ref()
            .ok()
            .and_then(|a| a.results.iter().position(|r| twins(&r.id, &c.id)));
        if item_rank != Some(0) && misses.len() < misses_wanted {
            let top = a
                .as_ref()
                .ok()
                .and_then(|a| {
                    a.results
                        .first()
                        .map(|r| format!("{} ({})", r.title, r.kind))
                })
                .unwrap_or_else(|| "nothing".into());
            misses.push(format!("{:?} → {top}; item at {item_rank:?}", c.query));
        }
        let words: String = c
            .query
            .chars()
            .map(|ch| if ch.is_alphanumeric() { ch } else { ' ' })
            .collect();
        let q = parser_or.parse_query(&words).unwrap();
        let top: Vec<(f32, tantivy::DocAddress)> = searcher
            .search(&q, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let base_rank = top.iter().position(|(_, addr)| {
            let d: TantivyDocument = searcher.doc(*addr).unwrap();
            d.get_first(path_f).and_then(|v| v.as_str()) == Some(c.file.as_str())
        });
        for key in [c.kind.name(), "all"] {
            let e = ours.entry(key).or_default();
            e.0.add(item_rank);
            e.1.add(file_rank);
            twin.entry(key).or_default().add(twin_rank);
            base.entry(key).or_default().add(base_rank);
        }
    }
    println!(
        "known-item retrieval over {what}: {} queries in {:.1} s",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<17} {:>6}  {:>12}  {:>12}  {:>12}  {:>12}",
        "kind", "n", "item R@1 R@10", "twin R@1 R@10", "file R@1 R@10", "BM25 R@1 R@10"
    );
    for (kind, (item, file)) in &ours {
        println!(
            "{kind:<17} {:>6}  {}  {}  {}  {}",
            item.n,
            item.show(),
            twin[kind].show(),
            file.show(),
            base[kind].show()
        );
    }
    println!(
        "item: guidegraph finds the item itself; twin: the item or a word-for-word copy of it (same kind, title and text, on another platform); file: its first result from the item's file; BM25: whole files"
    );
    for m in misses {
        println!("miss: {m}");
    }
}
