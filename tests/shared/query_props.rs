//! What random queries must satisfy, shared by the property test (`tests/it/property.rs`)
//! and the long fuzzing run (`tests/fuzz.rs`).

use std::time::{Duration, Instant};

use guidegraph::query;
use guidegraph::store::Store;
use proptest::prelude::*;

/// Words of the query language, shuffled into queries that reach deep into the parser.
pub const WORDS: &[&str] = &[
    "challenges",
    "for",
    "security",
    "kind:",
    "pillar:",
    "\"",
    "tradeoffs",
    "between",
    "and",
    "SE:05",
    "neighbors",
    "of",
    "path",
    "from",
    "to",
    "links",
    "explain",
    "AI",
    "workloads",
    "Power",
    "Platform",
    "checklist",
    "ops",
    "perf",
    ":",
    "::",
    "kind:challenge",
    "code:",
    "platform:\"power",
    "x",
    "é",
    "AKS",
];

/// Sequences of query words, free text and arbitrary strings.
pub fn queries() -> impl Strategy<Value = String> {
    let words =
        proptest::collection::vec(proptest::sample::select(WORDS), 0..16).prop_map(|w| w.join(" "));
    prop_oneof![words, "\\PC{0,120}", any::<String>()]
}

/// A query is answered (within the limit) or refused with a renderable error, quickly, and
/// never fails at run time or panics.
pub fn check(store: &Store, q: &str) -> Result<(), TestCaseError> {
    let started = Instant::now();
    match query::answer(store, q, Some(10)) {
        Ok(a) => prop_assert!(a.results.len() <= 10),
        Err(query::Failure::Syntax(e)) => prop_assert!(e.render(q).starts_with("error: ")),
        Err(e) => prop_assert!(false, "runtime error on {q:?}: {e}"),
    }
    prop_assert!(
        started.elapsed() < Duration::from_secs(2),
        "slow query {q:?}"
    );
    Ok(())
}
