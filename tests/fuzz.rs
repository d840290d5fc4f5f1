//! Fuzzing by property tests, run for a time budget: random Markdown-ish input through the
//! loader and extractor, random strings through the query engine. Neither may panic or take
//! long on one input. (cargo-fuzz would need a nightly toolchain, which this project's
//! machines do not have; proptest runs on stable.)
//!
//! Ignored by `cargo test`; `.ci/run` runs them briefly, and a long run is
//! `FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored --nocapture`.

// Test helpers unwrap: a failure there is a failed test, with the panic as its report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use guidegraph::corpus::{self, FileEntry, Origin, Root, Scan};
use guidegraph::store::Store;
use guidegraph::{extract, indexer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[path = "shared/query_props.rs"]
mod query_props;

fn budget() -> Duration {
    let secs = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

/// Markdown pieces the loader must take apart, Learn syntax included.
const PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "- ",
    "  - ",
    "1. ",
    "> ",
    ">",
    "|",
    "|-|-|\n",
    "**",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "---\n",
    "\n",
    "\n\n",
    "    ",
    ":::",
    ":::image type=\"icon\" source=\"../_images/trade-off.svg\":::",
    ":::row:::",
    "[!NOTE]",
    "[!div class=\"checklist\"]",
    "<br>",
    "<div>",
    "&#9744;",
    "&nbsp;",
    "&amp;",
    "[link](../a.md)",
    "[SE:05](x.md)",
    "SE:05",
    "Tradeoff:",
    "**Tradeoff: ",
    "challenges",
    "design areas",
    "Design principle",
    "Recommendation",
    "Code",
    "Security",
    "Reliability",
    "title: x\n",
    "é",
    "漢字",
    "\u{0}",
    "\u{feff}",
    "\r",
    "\t",
    "word ",
    "Power Platform",
    "Azure",
    "AI workloads",
];

fn markdown() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PIECES), 0..200)
            .prop_map(|p| p.concat().into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..2000),
    ]
}

/// Runs `cases` of `strategy` through `check` until the budget is spent; returns how many.
fn fuzz<S: Strategy>(strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>) -> u64
where
    S::Value: std::fmt::Debug,
{
    let start = Instant::now();
    let mut cases = 0u64;
    while start.elapsed() < budget() {
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        runner.run(&strategy, &check).unwrap();
        cases += 256;
    }
    cases
}

#[test]
#[ignore = "fuzzing; run by .ci/run with a short budget"]
fn fuzz_markdown_loader_and_extractor() {
    let scan = Scan::default();
    let cases = fuzz(markdown(), |bytes| {
        // The bytes are passed to parse directly; the origin only names the file.
        let entry = FileEntry {
            root: 0,
            root_label: "azure-waf".into(),
            rel: "security/fuzz.md".into(),
            origin: Origin::Embedded(""),
        };
        let started = Instant::now();
        let (doc, _warnings) = corpus::parse(&entry, &bytes, &scan);
        if let Some(doc) = doc {
            let g = extract::extract(&[doc]).graph;
            prop_assert!(g.node_count() >= 1);
        }
        prop_assert!(started.elapsed() < Duration::from_secs(2), "slow input");
        Ok(())
    });
    println!("fuzz markdown: {cases} cases in {:?}, no failure", budget());
}

#[test]
#[ignore = "fuzzing; run by .ci/run with a short budget"]
fn fuzz_query_engine() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let roots = vec![
        Root::Dir(fixtures.join("azure-waf")),
        Root::Dir(fixtures.join("power-platform-waf")),
    ];
    indexer::run(&roots, &index, false, || {}).unwrap();
    let store = Store::open(&index).unwrap();
    let cases = fuzz(query_props::queries(), |q| query_props::check(&store, &q));
    println!("fuzz queries: {cases} cases in {:?}, no failure", budget());
}
