//! Random input never panics the parser, the planner or the executor.

use std::sync::OnceLock;

use guidegraph::query;
use guidegraph::store::Store;
use proptest::prelude::*;

use crate::common::fixture_index;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| Store::open(fixture_index()).expect("fixture index opens"))
}

const WORDS: &[&str] = &[
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
    "x",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_string_is_answered_or_refused(q in "\\PC{0,80}") {
        let _ = query::answer(store(), &q, 10);
    }

    #[test]
    fn any_sequence_of_query_words_is_answered_or_refused(
        words in proptest::collection::vec(proptest::sample::select(WORDS), 0..12)
    ) {
        let q = words.join(" ");
        match query::answer(store(), &q, 10) {
            Ok(a) => prop_assert!(a.results.len() <= 10),
            Err(query::Failure::Syntax(e)) => {
                // Every error can be rendered against its query.
                prop_assert!(e.render(&q).starts_with("error: "));
            }
            Err(e) => prop_assert!(false, "runtime error on {q:?}: {e}"),
        }
    }
}
