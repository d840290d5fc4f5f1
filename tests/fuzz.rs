//! Fuzzing by property tests, run for a time budget: random Markdown-ish input through the
//! loader and extractor, random YAML through the front matter and `index.yml` readers,
//! random scripts through the `run` script reader, random strings through the query
//! engine, random ARM JSON, Bicep and Terraform through the architecture scanners. None may panic or take long on one input. (cargo-fuzz would need a nightly toolchain, which this project's
//! machines do not have; proptest runs on stable.)
//!
//! Ignored by `cargo test`; `.ci/run` runs them briefly, and a long run is
//! `FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored --nocapture`.

// Test helpers unwrap: a failure there is a failed test, with the panic as its report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use guidegraph::corpus::frontmatter;
use guidegraph::corpus::{self, FileEntry, Origin, Root, Scan};
use guidegraph::store::Store;
use guidegraph::{extract, indexer, script};
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

/// YAML pieces: flow and block structure, anchors and aliases, quotes, scalars.
const YAML: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "- ",
    "? ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "title: ",
    "description: ",
    "ms.topic: ",
    "items:\n",
    "'",
    "\"",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!map ",
    "<<: ",
    "|\n",
    ">\n",
    "# c",
    "---",
    "...",
    "\u{feff}",
    "\u{0}",
    "é",
    "漢字",
    "x",
    "1",
    "1.5",
    "null",
    "~",
    "true",
    "%YAML 1.2\n",
    "\\",
    "@",
    "`",
];

fn yaml() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(YAML), 0..300).prop_map(|p| p.concat()),
        ".{0,2000}",
        // Deep nesting, the quadratic case (issue 11).
        (1usize..5000).prop_map(|n| format!("title: {}{}", "[".repeat(n), "]".repeat(n))),
        (1usize..400).prop_map(|n| (0..n).map(|i| format!("{}k:\n", "  ".repeat(i))).collect()),
        // Aliases that multiply (billion laughs).
        (1usize..12).prop_map(|n| {
            let mut y = "a0: &a0 [x, x]\n".to_string();
            for i in 1..n {
                y.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
            }
            y
        }),
    ]
}

#[test]
#[ignore = "fuzzing; run by .ci/run with a short budget"]
fn fuzz_front_matter() {
    let cases = fuzz(yaml(), |y| {
        let text = format!("---\n{y}\n---\n# Body\n");
        let started = Instant::now();
        let split = frontmatter::split(&text);
        prop_assert!(split.body_start <= text.len());
        prop_assert!(text.is_char_boundary(split.body_start));
        prop_assert!(
            started.elapsed() < Duration::from_secs(1),
            "slow front matter"
        );
        Ok(())
    });
    println!(
        "fuzz front matter: {cases} cases in {:?}, no failure",
        budget()
    );
}

#[test]
#[ignore = "fuzzing; run by .ci/run with a short budget"]
fn fuzz_index_yml() {
    let cases = fuzz(yaml(), |y| {
        let started = Instant::now();
        let title = corpus::landing_title_in(&y);
        if let Ok(Some(t)) = title {
            prop_assert_eq!(t.trim(), t.as_str());
        }
        prop_assert!(started.elapsed() < Duration::from_secs(1), "slow index.yml");
        Ok(())
    });
    println!(
        "fuzz index.yml: {cases} cases in {:?}, no failure",
        budget()
    );
}

/// Script pieces: queries, headings, comments and every line ending.
const SCRIPT: &[&str] = &[
    "SE:05",
    "security checklist for Azure",
    "## ",
    "### ",
    "# ",
    "#",
    "Heading",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    " ",
    "\t",
    "é",
    "\u{0}",
    "\u{1b}[2J",
    "kind:challenge",
    "\"",
    "'",
];

#[test]
#[ignore = "fuzzing; run by .ci/run with a short budget"]
fn fuzz_run_script_reader() {
    let strategy = prop_oneof![
        proptest::collection::vec(proptest::sample::select(SCRIPT), 0..200)
            .prop_map(|p| p.concat()),
        ".{0,2000}",
    ];
    let cases = fuzz(strategy, |text| {
        let script = script::parse_script(&text);
        let lines = text
            .split(['\n'])
            .map(|l| l.split('\r').count())
            .sum::<usize>();
        let mut last = 0;
        for q in &script {
            prop_assert!(!q.query.is_empty());
            prop_assert!(!q.query.contains(['\n', '\r']), "{:?}", q.query);
            prop_assert!(!q.query.starts_with('#'));
            prop_assert!(q.line > last && q.line <= lines.max(1), "line {}", q.line);
            last = q.line;
        }
        Ok(())
    });
    println!(
        "fuzz run scripts: {cases} cases in {:?}, no failure",
        budget()
    );
}

/// Pieces of ARM JSON, Bicep and Terraform the architecture scanners must take apart.
const IAC: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ",",
    ":",
    "=",
    "\n",
    " ",
    "\"",
    "'",
    "'''",
    "\\",
    "${",
    "%{",
    "$${",
    "<<EOF\n",
    "<<-EOT\n",
    "EOF\n",
    "EOT",
    "//",
    "/*",
    "*/",
    "#",
    "resource ",
    "module ",
    "data ",
    "existing ",
    "for ",
    "if ",
    "kind",
    "params",
    "\"resources\"",
    "\"type\"",
    "\"name\"",
    "\"copy\"",
    "\"properties\"",
    "\"template\"",
    "\"$schema\": \"deploymentTemplate.json\"",
    "\"contentVersion\"",
    "true",
    "null",
    "'Microsoft.Web/sites@2023-01-01'",
    "\"Microsoft.Resources/deployments\"",
    "'br/public:avm/res/web/site:0.1.0'",
    "'./m.bicep'",
    "\"azurerm_kubernetes_cluster\"",
    "\"azapi_resource\"",
    "type = \"Microsoft.App/containerApps@2024-03-01\"",
    "source = \"Azure/avm-res-web-site/azurerm\"",
    "x",
    "\u{feff}",
    "é",
];

#[test]
#[ignore = "fuzzing; run by .ci/run with a short budget"]
fn fuzz_architecture_scanners() {
    use guidegraph::iac::{self, Language};
    let strategy = prop_oneof![
        proptest::collection::vec(proptest::sample::select(IAC), 0..300)
            .prop_map(|p| p.concat().into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..3000),
    ];
    let cases = fuzz(strategy, |bytes| {
        let lines = u32::try_from(bytes.iter().filter(|&&b| b == b'\n').count()).unwrap() + 1;
        for language in [Language::Arm, Language::Bicep, Language::Terraform] {
            let started = Instant::now();
            let a = iac::scan(language, "fuzz", &bytes);
            prop_assert!(started.elapsed() < Duration::from_secs(2), "slow input");
            for r in &a.resources {
                prop_assert!(
                    r.line >= 1 && r.line <= lines,
                    "{language:?}: line {}",
                    r.line
                );
            }
            for w in &a.warnings {
                let line = w.line.unwrap_or(1);
                prop_assert!(line >= 1 && line <= lines, "{language:?}: {w}");
            }
        }
        Ok(())
    });
    println!(
        "fuzz architecture scanners: {cases} cases in {:?}, no failure",
        budget()
    );
}
