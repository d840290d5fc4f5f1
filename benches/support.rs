//! What the benchmarks run over: the real guidance in `../shared/corpus` (or
//! `$GUIDEGRAPH_SHARED/corpus`) when it is there, else the test fixtures.

use std::path::{Path, PathBuf};

use guidegraph::corpus::Root;

pub fn roots() -> (Vec<Root>, &'static str) {
    let shared = std::env::var_os("GUIDEGRAPH_SHARED")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
            PathBuf::from,
        )
        .join("corpus");
    if shared.join("azure-waf").is_dir() {
        let dirs = ["azure-waf", "power-platform-waf"].map(|d| Root::Dir(shared.join(d)));
        return (dirs.to_vec(), "the shared corpus (1x)");
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dirs = ["azure-waf", "power-platform-waf"].map(|d| Root::Dir(fixtures.join(d)));
    (dirs.to_vec(), "the test fixtures (../shared not found)")
}

/// Twenty queries of every form.
pub const QUERIES: [&str; 20] = [
    "challenges related to security for Power Platform",
    "design areas for AI workloads on Azure",
    "design principles for security in AI workloads on Azure",
    "security checklist for Azure",
    "recommendations for reliability",
    "tradeoffs between reliability and cost",
    "tradeoffs between security and performance",
    "SE:05",
    "RE:09",
    "model decay",
    "grounding data freshness",
    "disaster recovery plan",
    "kind:challenge pillar:security platform:\"power platform\"",
    "kind:recommendation \"identity\"",
    "challenges for gen AI",
    "recommendations for AKS",
    "neighbors of SE:05",
    "links to Model decay",
    "path from Model decay to Testing and evaluation",
    "experience optimization checklist",
];
