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
