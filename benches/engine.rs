//! In-process benchmarks (divan): parsing one large article, building the graph from parsed
//! articles, opening an index, and each query of the mix. `cargo bench --bench engine`.

// Benchmark set-up unwraps: a failure there is a broken benchmark, reported by the panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support.rs"]
mod support;

use std::sync::OnceLock;

use guidegraph::corpus::{self, Document, FileEntry, Scan};
use guidegraph::store::Store;
use guidegraph::{extract, indexer, query};

fn main() {
    println!("benchmarks over {}", support::roots().1);
    divan::main();
}

struct Loaded {
    scan: Scan,
    docs: Vec<Document>,
}

fn loaded() -> &'static Loaded {
    static L: OnceLock<Loaded> = OnceLock::new();
    L.get_or_init(|| {
        let scan = corpus::scan(&support::roots().0).unwrap();
        let docs = scan
            .files
            .iter()
            .filter_map(|f| corpus::parse(f, &corpus::read(f).unwrap(), &scan).0)
            .collect();
        Loaded { scan, docs }
    })
}

fn store() -> &'static Store {
    static S: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        indexer::run(&support::roots().0, &dir.path().join("index"), false, || {}).unwrap();
        let store = Store::open(&dir.path().join("index")).unwrap();
        (dir, store)
    })
    .1
}

#[divan::bench]
fn parse_largest_article(bencher: divan::Bencher) {
    let l = loaded();
    let (entry, bytes): (&FileEntry, Vec<u8>) = l
        .scan
        .files
        .iter()
        .map(|f| (f, corpus::read(f).unwrap().into_owned()))
        .max_by_key(|(_, b)| b.len())
        .unwrap();
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| corpus::parse(entry, &bytes, &l.scan));
}

#[divan::bench(sample_count = 20)]
fn build_graph(bencher: divan::Bencher) {
    let docs = &loaded().docs;
    bencher.bench(|| extract::extract(docs));
}

#[divan::bench]
fn open_index(bencher: divan::Bencher) {
    let dir = store().dir.clone();
    bencher.bench(|| Store::open(&dir).unwrap());
}

#[divan::bench(args = support::QUERIES)]
fn query(bencher: divan::Bencher, q: &str) {
    let store = store();
    // The graph is loaded once per session; exclude that first load from the timings.
    store.graph().unwrap();
    bencher.bench(|| query::answer(store, q, Some(20)).unwrap());
}
