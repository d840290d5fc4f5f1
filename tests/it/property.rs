//! Random input never panics the parser, the planner or the executor.

use std::sync::OnceLock;

use guidegraph::store::Store;
use proptest::prelude::*;

use crate::common::fixture_index;

#[path = "../shared/query_props.rs"]
mod query_props;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| Store::open(fixture_index()).expect("fixture index opens"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_query_is_answered_or_refused(q in query_props::queries()) {
        query_props::check(store(), &q)?;
    }
}

/// Issue 16: a limit only cuts a ranking; it never changes it. Every prefix of the answer
/// to a query is the answer with that limit, for questions, sentences, words and lists.
#[test]
fn a_limit_never_changes_the_order() {
    for q in [
        "security",
        "model drift",
        "challenges for AI workloads",
        "security checklist for Azure",
        "tradeoffs between security and reliability",
        "how do we keep secrets out of our code and rotate them",
        "queue zone redundancy",
        "recommendations about encryption of widgets",
        "Cluster architecture: use zone redundancy for every queue namespace in production workloads.",
    ] {
        let all: Vec<String> = guidegraph::query::answer(store(), q, Some(1000))
            .unwrap()
            .results
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert!(all.len() >= 2, "{q}: {all:?}");
        for limit in 1..all.len() {
            let cut: Vec<String> = guidegraph::query::answer(store(), q, Some(limit))
                .unwrap()
                .results
                .into_iter()
                .map(|r| r.id)
                .collect();
            assert_eq!(cut, all[..limit], "{q} with --limit {limit}");
        }
    }
}
