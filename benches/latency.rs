//! The REPL's view of speed: start-up (open the index, answer a first query) and the p50 /
//! p99 latency of a mix of twenty queries of every form, as a session runs them.
//! `cargo bench --bench latency`; prints a table, asserts nothing.

// Benchmark set-up unwraps: a failure there is a broken benchmark, reported by the panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support.rs"]
mod support;

use std::time::{Duration, Instant};

use guidegraph::store::Store;
use guidegraph::{indexer, query};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    // `cargo bench` passes --bench; the harness takes no other arguments.
    let (roots, what) = support::roots();
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    indexer::run(&roots, &index, false, || {}).unwrap();

    let mut startups = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let store = Store::open(&index).unwrap();
        query::answer(&store, support::QUERIES[0], Some(20)).unwrap();
        startups.push(t.elapsed());
    }
    startups.sort();

    let store = Store::open(&index).unwrap();
    let mut all = Vec::new();
    let mut worst = (Duration::ZERO, "");
    for _round in 0..50 {
        for q in support::QUERIES {
            let t = Instant::now();
            query::answer(&store, q, Some(20)).unwrap();
            let d = t.elapsed();
            if d > worst.0 {
                worst = (d, q);
            }
            all.push(d);
        }
    }
    all.sort();
    println!(
        "latency over {what}, {} queries (20 kinds x 50 rounds)",
        all.len()
    );
    println!(
        "  start-up (open + first query): p50 {:?}",
        percentile(&startups, 0.5)
    );
    println!(
        "  query p50 {:?}  p99 {:?}  max {:?} ({})",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        worst.0,
        worst.1
    );
}
