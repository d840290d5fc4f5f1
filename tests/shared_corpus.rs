//! Checks over the real guidance in `../shared/corpus`, which a fresh clone does not have.
//! Every test here is ignored by a plain `cargo test`; `.ci/run` runs them with
//! `GUIDEGRAPH_SHARED=../shared cargo test --release --test shared_corpus -- --ignored`.
//!
//! Where it can, a test derives what it expects from the articles by a plain line scan,
//! independent of guidegraph's parser, so a rule that silently drops an item fails here.

// Test helpers unwrap: a failure there is a failed test, with the panic as its report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use guidegraph::corpus::Root;
use guidegraph::graph::{EdgeKind, Node, NodeKind};
use guidegraph::store::Store;
use petgraph::visit::EdgeRef;

fn shared() -> PathBuf {
    let dir = std::env::var_os("GUIDEGRAPH_SHARED")
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    assert!(
        dir.join("corpus").is_dir(),
        "{} has no corpus/; set GUIDEGRAPH_SHARED",
        dir.display()
    );
    dir
}

fn roots() -> Vec<Root> {
    let corpus = shared().join("corpus");
    vec![
        Root::Dir(corpus.join("azure-waf")),
        Root::Dir(corpus.join("power-platform-waf")),
    ]
}

struct Built {
    _dir: tempfile::TempDir,
    index: PathBuf,
    store: Store,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        guidegraph::indexer::run(&roots(), &index, false, || {})
            .expect("the shared corpus indexes");
        let store = Store::open(&index).expect("the index opens");
        Built {
            _dir: dir,
            index,
            store,
        }
    })
}

fn store() -> &'static Store {
    &built().store
}

/// The engine over the same index as [`store`].
fn engine() -> guidegraph::engine::Engine {
    guidegraph::engine::Engine::from_store(Store::open(&built().index).expect("the index opens"))
}

fn nodes(kind: NodeKind) -> impl Iterator<Item = &'static Node> {
    store()
        .graph()
        .expect("the graph loads")
        .nodes()
        .map(|(_, n)| n)
        .filter(move |n| n.kind == kind)
}

fn on(n: &Node, platform: &str) -> bool {
    n.platforms.iter().any(|p| p == platform)
}

fn titles(it: impl Iterator<Item = &'static Node>) -> BTreeSet<String> {
    it.map(|n| n.title.clone()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// (code, linked file) of each checklist row of a checklist article, by a line scan.
fn checklist_rows(path: &Path) -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| l.trim_start().starts_with('|')) {
        let cells: Vec<&str> = line.split('|').collect();
        let Some(code_cell) = cells.iter().find(|c| {
            let t = c.trim().trim_start_matches('[');
            t.len() >= 5
                && t.as_bytes()[2] == b':'
                && t[..2].chars().all(|c| c.is_ascii_uppercase())
                && t[3..5].chars().all(|c| c.is_ascii_digit())
        }) else {
            continue;
        };
        let code = code_cell.trim().trim_start_matches('[')[..5].to_string();
        let links = code_cell
            .split("](")
            .skip(1)
            .filter_map(|s| s.split(')').next())
            .map(|s| s.trim_start_matches("./").to_string())
            .collect();
        rows.push((code, links));
    }
    rows
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_checklist_is_complete_and_linked_to_its_articles() {
    let g = &store().graph().unwrap();
    let corpus = shared().join("corpus");
    let mut seen_azure: BTreeMap<String, usize> = BTreeMap::new();
    for (root, platform) in [
        ("azure-waf", "azure"),
        ("power-platform-waf", "power-platform"),
    ] {
        for entry in fs::read_dir(corpus.join(root)).unwrap().flatten() {
            let checklist = entry.path().join("checklist.md");
            if !checklist.exists() {
                continue;
            }
            let folder = entry.file_name().to_string_lossy().into_owned();
            for (code, links) in checklist_rows(&checklist) {
                let item = g
                    .nodes()
                    .find(|(_, n)| {
                        n.code.as_deref() == Some(code.as_str()) && on(n, platform) && n.checklist
                    })
                    .unwrap_or_else(|| panic!("{root}/{folder}: no checklist item {code}"));
                if platform == "azure" {
                    *seen_azure.entry(code[..2].to_string()).or_default() += 1;
                }
                for link in links.iter().filter(|l| entry.path().join(l).exists()) {
                    let target = format!("{folder}/{link}");
                    let linked = g.inner.edges(item.0).any(|e| {
                        e.weight().kind == EdgeKind::DetailedIn
                            && g.inner[e.target()].sources.iter().any(|s| s.path == target)
                    });
                    assert!(linked, "{root}: {code} is not linked to {target}");
                }
            }
        }
    }
    let want: BTreeMap<String, usize> =
        [("CO", 14), ("OE", 11), ("PE", 12), ("RE", 10), ("SE", 12)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
    assert_eq!(seen_azure, want);
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn azure_checklist_codes_are_exactly_the_published_ones() {
    for (prefix, count) in [("RE", 10), ("SE", 12), ("CO", 14), ("OE", 11), ("PE", 12)] {
        let codes: BTreeSet<String> = nodes(NodeKind::Recommendation)
            .filter(|n| n.checklist && on(n, "azure"))
            .filter_map(|n| n.code.clone())
            .filter(|c| c.starts_with(prefix))
            .collect();
        let want: BTreeSet<String> = (1..=count).map(|i| format!("{prefix}:{i:02}")).collect();
        assert_eq!(codes, want);
    }
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn ai_workloads_on_azure_have_their_ten_design_areas_and_seven_challenges() {
    let ai = |n: &&Node| on(n, "azure") && n.workloads.iter().any(|w| w == "ai");
    assert_eq!(
        titles(nodes(NodeKind::DesignArea).filter(ai)),
        set(&[
            "Application design",
            "Application platform",
            "Training data design",
            "Grounding data design",
            "Data platform",
            "Machine learning operations and Generative AI operations",
            "Workload operations",
            "Testing and evaluation",
            "Workload personas",
            "Responsible AI",
        ])
    );
    assert_eq!(
        titles(nodes(NodeKind::Challenge).filter(ai)),
        set(&[
            "Compute costs",
            "Security and compliance requirements",
            "Volume of data",
            "Model decay",
            "Skill challenges",
            "Pace of AI innovation",
            "Ethical requirements",
        ])
    );
    // Each design area points at the article that details it.
    let g = &store().graph().unwrap();
    for (i, n) in g
        .nodes()
        .filter(|(_, n)| n.kind == NodeKind::DesignArea && ai(n))
    {
        assert!(
            g.inner
                .edges(i)
                .any(|e| e.weight().kind == EdgeKind::DetailedIn),
            "{} has no article",
            n.title
        );
    }
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn power_platform_generative_ai_challenges_belong_to_power_platform() {
    let genai = |n: &&Node| n.workloads.iter().any(|w| w == "gen-ai");
    let found: Vec<&Node> = nodes(NodeKind::Challenge).filter(genai).collect();
    assert!(found.iter().all(|n| n.platforms == ["power-platform"]));
    assert_eq!(
        titles(found.into_iter()),
        set(&[
            "Data quality and availability",
            "Integration with existing systems",
            "Ethical and compliance issues",
            "Skills and expertise",
            "Cultural resistance and change management",
            "Cost and resource allocation",
            "Security concerns",
            "User Interface design",
        ])
    );
}

/// Each framework has the pillars it publishes: Azure five, Power Platform five with
/// Experience Optimization instead of Cost Optimization, whatever single items sound like.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn each_platform_has_the_pillars_its_framework_publishes() {
    let pillars_on = |platform: &str| titles(nodes(NodeKind::Pillar).filter(|n| on(n, platform)));
    assert_eq!(
        pillars_on("azure"),
        set(&[
            "Reliability",
            "Security",
            "Cost Optimization",
            "Operational Excellence",
            "Performance Efficiency",
        ])
    );
    assert_eq!(
        pillars_on("power-platform"),
        set(&[
            "Reliability",
            "Security",
            "Operational Excellence",
            "Performance Efficiency",
            "Experience Optimization",
        ])
    );
    // Items carry only the pillars their platform publishes: a Power Platform challenge
    // about cost mentions Cost Optimization, which Power Platform does not publish.
    let cost = nodes(NodeKind::Challenge)
        .find(|n| n.title == "Cost and resource allocation")
        .expect("the gen AI cost challenge");
    assert!(!cost.pillars.iter().any(|p| p == "cost-optimization"));
    assert!(cost.mentions().iter().any(|p| p == "cost-optimization"));
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn ai_design_principles_are_filed_per_pillar() {
    let by_pillar = |pillar: &str| {
        titles(nodes(NodeKind::DesignPrinciple).filter(|n| {
            on(n, "azure")
                && n.workloads.iter().any(|w| w == "ai")
                && n.pillars.first().is_some_and(|p| p == pillar)
        }))
    };
    assert_eq!(
        by_pillar("security"),
        set(&[
            "Earn user trust",
            "Protect data at rest, in transit, and in use, according to the sensitivity requirements of the workload",
            "Invest in robust access management for identities (user and system) that access the system",
            "Protect the integrity of the design by implementing segmentation",
            "Conduct security testing",
            "Reduce the attack surface by enforcing strict user access and API design",
        ])
    );
    for (pillar, at_least) in [
        ("reliability", 5),
        ("cost-optimization", 4),
        ("operational-excellence", 6),
        ("performance-efficiency", 4),
    ] {
        let got = by_pillar(pillar);
        assert!(got.len() >= at_least, "{pillar}: {got:?}");
    }
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_pillar_has_its_tradeoffs_with_their_pillar_pairs() {
    let corpus = shared().join("corpus").join("azure-waf");
    let tradeoffs: Vec<&Node> = nodes(NodeKind::Tradeoff)
        .filter(|n| on(n, "azure"))
        .collect();
    for pillar in [
        "reliability",
        "security",
        "cost-optimization",
        "operational-excellence",
        "performance-efficiency",
    ] {
        let path = format!("{pillar}/tradeoffs.md");
        let text = fs::read_to_string(corpus.join(&path)).unwrap();
        // Count the callouts under each "X tradeoffs with Y" heading by a line scan.
        let mut want: BTreeMap<String, usize> = BTreeMap::new();
        let mut heading = String::new();
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                heading = h.trim().to_string();
            } else if line.contains("**Tradeoff") && heading.contains("tradeoffs with") {
                *want.entry(heading.clone()).or_default() += 1;
            }
        }
        assert_eq!(want.len(), 4, "{path}: {want:?}");
        for (heading, count) in want {
            let (own, other) = heading.split_once(" tradeoffs with ").unwrap();
            let pair = [
                own.to_lowercase().replace(' ', "-"),
                other.to_lowercase().replace(' ', "-"),
            ];
            let here: Vec<&&Node> = tradeoffs
                .iter()
                .filter(|n| {
                    n.sources
                        .iter()
                        .any(|s| s.path == path && s.heading == heading)
                })
                .collect();
            assert_eq!(here.len(), count, "{path} `{heading}`");
            for n in here {
                let mut got = n.pillars.clone();
                got.sort();
                let mut want = pair.to_vec();
                want.sort();
                assert_eq!(got, want, "{}", n.title);
            }
        }
    }
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn indexing_twice_gives_identical_graph_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut graphs = Vec::new();
    for name in ["a", "b"] {
        let index = dir.path().join(name);
        guidegraph::indexer::run(&roots(), &index, false, || {}).unwrap();
        let store = Store::open(&index).unwrap();
        graphs.push(fs::read(store.generation.join("graph.bin")).unwrap());
    }
    assert!(graphs[0] == graphs[1]);
    let ids_a: Vec<String> = store()
        .graph()
        .unwrap()
        .nodes()
        .map(|(_, n)| n.id.clone())
        .collect();
    let reopened = Store::open(&dir.path().join("a")).unwrap();
    let ids_b: Vec<String> = reopened
        .graph()
        .unwrap()
        .nodes()
        .map(|(_, n)| n.id.clone())
        .collect();
    assert_eq!(ids_a, ids_b);
}

/// Per pillar heading of a service guide, by a line scan: the top-level items of its
/// checklist callout and the rows of its recommendation tables (wherever the table sits:
/// some guides leave out the "Configuration recommendations" heading).
fn service_guide_lists(path: &Path) -> BTreeMap<String, (usize, usize)> {
    let text = fs::read_to_string(path).unwrap();
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut pillar = None::<String>;
    let mut in_table = false;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            pillar = guidegraph::vocab::pillar_named(h.trim()).map(|p| p.id.to_string());
            continue;
        }
        // A GFM table goes on while lines hold a pipe, with or without a leading one.
        let table_line = line.trim_start().starts_with('|') || (in_table && line.contains('|'));
        let header = table_line && !in_table;
        in_table = table_line;
        let Some(p) = &pillar else { continue };
        let counts = out.entry(p.clone()).or_default();
        if let Some(rest) = line.trim_start().strip_prefix('>') {
            let indent = rest.len() - rest.trim_start().len();
            if indent <= 2 && rest.trim_start().starts_with("- ") {
                counts.0 += 1;
            }
        } else if table_line && !header && !line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        {
            counts.1 += 1;
        }
    }
    out
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_service_guide_is_a_service_with_its_lists_scoped_to_it() {
    let dir = shared().join("corpus/azure-waf/service-guides");
    let mut guides: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guides.sort();
    assert_eq!(guides.len(), 32);
    let services: Vec<&Node> = nodes(NodeKind::Service).collect();
    assert_eq!(services.len(), 32, "{:?}", titles(nodes(NodeKind::Service)));
    let items: Vec<&Node> = store()
        .graph()
        .unwrap()
        .nodes()
        .map(|(_, n)| n)
        .filter(|n| n.kind.is_item())
        .collect();
    for guide in guides {
        let rel = format!(
            "service-guides/{}",
            guide.file_name().unwrap().to_string_lossy()
        );
        let of_guide: Vec<&&Node> = services
            .iter()
            .filter(|s| s.sources.iter().any(|src| src.path == rel))
            .collect();
        assert_eq!(of_guide.len(), 1, "{rel}: one service node");
        let service = &of_guide[0].title;
        let here: Vec<&&Node> = items
            .iter()
            .filter(|n| n.sources.iter().any(|s| s.path == rel))
            .collect();
        for n in &here {
            assert_eq!(
                n.services,
                vec![service.clone()],
                "{rel}: `{}` is scoped to its guide's service only",
                n.title
            );
        }
        for (pillar, (checklist, configuration)) in service_guide_lists(&guide) {
            let count = |rows: bool| {
                here.iter()
                    .filter(|n| n.kind == NodeKind::Recommendation)
                    .filter(|n| n.pillars.iter().any(|p| *p == pillar))
                    .filter(|n| n.sources.iter().any(|s| s.path == rel))
                    .filter(|n| n.benefit().is_some() == rows && (rows || n.checklist))
                    .count()
            };
            assert_eq!(count(false), checklist, "{rel}: {pillar} checklist items");
            assert_eq!(
                count(true),
                configuration,
                "{rel}: {pillar} configuration rows"
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn saas_design_areas_come_from_its_table_and_platforms_keep_their_pillars() {
    let saas: BTreeSet<String> =
        titles(nodes(NodeKind::DesignArea).filter(|n| n.workloads.iter().any(|w| w == "saas")));
    assert_eq!(
        saas,
        set(&[
            "Billing and cost management",
            "Governance",
            "Resource organization",
            "Identity and access management",
            "Compute",
            "Networking",
            "Data",
            "DevOps practices",
            "Incident management",
        ])
    );
    let graph = store().graph().unwrap();
    for (_, n) in graph.nodes() {
        if n.kind.is_item() && on(n, "azure") && !on(n, "power-platform") {
            assert!(
                !n.pillars.iter().any(|p| p == "experience-optimization"),
                "Azure item `{}` carries Experience Optimization",
                n.title
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn no_draft_row_appears_in_a_checklist() {
    let store = store();
    for q in [
        "reliability checklist for Power Platform",
        "security checklist for Power Platform",
        "recommendations for reliability",
    ] {
        let a = guidegraph::query::answer(store, q, None).unwrap();
        assert!(!a.results.is_empty(), "{q}");
        assert!(
            a.results.iter().all(|r| !r.draft),
            "{q}: a draft row is listed"
        );
    }
    // RE:01, a placeholder in
    // the checklist, is written in full in the article that details it, and named by it.
    let a = guidegraph::query::answer_with(
        store,
        "reliability checklist for Power Platform",
        None,
        true,
    )
    .unwrap();
    let re01 = a
        .results
        .iter()
        .find(|r| r.code.as_deref() == Some("RE:01"))
        .unwrap();
    assert!(
        !re01.draft && re01.title.starts_with("Design your workload"),
        "{re01:?}"
    );
    // Every placeholder row of that checklist is written in full in a detail article.
    assert!(a.results.iter().all(|r| !r.draft), "{:?}", a.results);
}

/// The gold questions, each with phrasings people use for it: question forms, letter
/// case, plurals, typos, a trailing `?`, filler words. Each phrasing must lead with the
/// same results as its canonical form.
const PHRASINGS: &[(&str, &[&str])] = &[
    (
        "challenges for AI workloads on Azure",
        &[
            "What are the challenges for AI workloads on Azure?",
            "challenges of ai workloads in azure",
            "CHALLENGES FOR AI WORKLOADS ON AZURE",
            "which challenges should I consider for AI workloads on Azure",
            "list the challenges for AI workloads on Azure",
            "challenge for AI workload on Azure",
            "chalenges for AI workloads on Azure",
            "show me the challenges for Azure AI workloads",
        ],
    ),
    (
        "design areas for AI workloads on Azure",
        &[
            "what are the design areas for AI workloads on Azure?",
            "Design Areas of AI workloads in Azure",
            "design area for an AI workload on Azure",
            "give me the key design areas for AI workloads on Azure",
            "which design areas apply to AI workloads on Azure",
        ],
    ),
    (
        "challenges related to security for Power Platform",
        &[
            "what challenges should I consider for security on Power Platform",
            "security challenges for Power Platform",
            "Power Platform security challenges?",
            "challenges about security in power platform",
            "what are the security related challenges on PP",
        ],
    ),
    (
        "design principles for security in AI workloads on Azure",
        &[
            "What are the design principles for security in AI workloads on Azure?",
            "security design principles for AI workloads on Azure",
            "design principle of security for Azure AI workloads",
            "which security principles apply to AI workloads on Azure",
        ],
    ),
    (
        "security checklist for Azure",
        &[
            "Azure security checklist",
            "what is the security checklist for Azure?",
            "show me the security checklist for azure",
            "security checklists on Azure",
            "the design review checklist for security on Azure",
        ],
    ),
    (
        "reliability checklist for Azure",
        &[
            "Azure reliability checklist",
            "reliability check list for Azure",
            "what's in the reliability checklist for Azure?",
            "relability checklist for Azure",
        ],
    ),
    (
        "cost optimization checklist for Azure",
        &[
            "cost checklist for Azure",
            "Azure cost optimization checklist?",
            "list the cost-optimization checklist for Azure",
        ],
    ),
    (
        "tradeoffs between reliability and security",
        &[
            "What are the tradeoffs between reliability and security?",
            "trade-offs between security and reliability",
            "reliability vs security tradeoffs",
            "trade offs of reliability and security",
        ],
    ),
    (
        "tradeoffs between reliability and cost optimization",
        &[
            "tradeoffs between reliability and cost",
            "what are the trade-offs between cost and reliability?",
            "reliability versus cost optimization tradeoffs",
        ],
    ),
    (
        "challenges for generative AI Power Platform workloads",
        &[
            "What are the challenges for generative AI Power Platform workloads?",
            "challenges for gen AI workloads on Power Platform",
            "generative ai challenges in power platform",
            "challenges of Generative AI workloads on PP",
        ],
    ),
    (
        "experience optimization checklist",
        &[
            "Experience Optimization checklist?",
            "what is the experience optimization checklist",
            "UX checklist",
            "experience checklist for Power Platform",
        ],
    ),
    (
        "security checklist for Power Platform",
        &[
            "Power Platform security checklist",
            "security checklist on PP",
            "which items are in the security checklist for Power Platform?",
        ],
    ),
    (
        "SE:05",
        &["SE05", "se:05", "se 5", "SE-05", "SE:5", "what is SE:05?"],
    ),
    (
        "which pillars apply to power platform",
        &[
            "pillars of Power Platform",
            "What pillars does Power Platform have?",
            "Power Platform pillars",
        ],
    ),
    (
        "recommendations for reliability",
        &[
            "what recommendations exist for reliability",
            "reliability recommendations",
            "Recommendations for Reliability?",
            "give me the reliability recommendations",
        ],
    ),
    (
        "design principles of cost optimization",
        &[
            "what are the design principles of cost optimization",
            // ("Cost optimization design principles" is an article's title, which comes
            // first by rule.)
            "what are the cost optimization design principles?",
            "cost principles",
        ],
    ),
    (
        "reliability checklist for AKS",
        &[
            "AKS reliability checklist",
            "reliability checklist for Azure Kubernetes Service",
            "What is the reliability checklist for AKS?",
        ],
    ),
];

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn phrasings_of_a_question_lead_with_the_same_results() {
    let store = store();
    let ids = |q: &str| -> Vec<String> {
        guidegraph::query::answer(store, q, None)
            .unwrap()
            .results
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    let mut failed = Vec::new();
    let mut count = 0;
    for (canonical, phrasings) in PHRASINGS {
        let want = ids(canonical);
        assert!(!want.is_empty(), "{canonical} finds nothing");
        let lead = &want[..want.len().min(5)];
        for p in *phrasings {
            count += 1;
            let got = ids(p);
            if got.len() < lead.len() || got[..lead.len()] != *lead {
                failed.push(format!(
                    "{p:?} (as {canonical:?}): {:?}",
                    &got[..got.len().min(5)]
                ));
            }
        }
    }
    assert!(count >= 60, "{count} phrasings");
    assert!(
        failed.is_empty(),
        "{} of {count} phrasings lead differently:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Every result has its page on Learn, and the page is its article's (issue 12).
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_result_links_to_its_published_page() {
    let bases = [
        (
            "azure-waf",
            "https://learn.microsoft.com/azure/well-architected/",
        ),
        (
            "power-platform-waf",
            "https://learn.microsoft.com/power-platform/well-architected/",
        ),
    ];
    let mut checked = BTreeMap::new();
    for q in [
        "security checklist for Azure",
        "security checklist for Power Platform",
        "SE:05",
        "tradeoffs between reliability and cost",
        "challenges of generative AI on Power Platform",
        "Azure Kubernetes Service",
        "experience optimization",
    ] {
        let answer = guidegraph::query::answer_with(store(), q, Some(200), true).unwrap();
        assert!(!answer.results.is_empty(), "{q}: no results");
        for r in &answer.results {
            let s = &r.sources[0];
            let base = bases
                .iter()
                .find(|(c, _)| *c == s.corpus)
                .map(|(_, b)| *b)
                .unwrap_or_else(|| panic!("{q}: unknown corpus {}", s.corpus));
            let url = r
                .url
                .as_deref()
                .unwrap_or_else(|| panic!("{q}: {} has no url", r.id));
            let stem = s.path.strip_suffix(".md").unwrap_or(&s.path);
            let page = match stem.strip_suffix("index") {
                Some(folder) if folder.is_empty() || folder.ends_with('/') => {
                    format!("{base}{folder}")
                }
                _ => format!("{base}{stem}"),
            };
            assert!(
                url == page || url.starts_with(&format!("{page}#")),
                "{q}: {url} is not the page of {}/{}",
                s.corpus,
                s.path
            );
            *checked.entry(s.corpus.clone()).or_insert(0) += 1;
        }
    }
    assert_eq!(checked.len(), 2, "{checked:?}");
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// `diff` of the real Azure guidance against a copy with three edits finds exactly those
/// three, and nothing else (issue 12).
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn diff_of_the_real_guidance_finds_the_edits_made_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let original = shared().join("corpus/azure-waf");
    let copy = dir.path().join("new/azure-waf");
    copy_tree(&original, &copy);
    edit(
        &copy.join("security/checklist.md"),
        "**Establish a security baseline**",
        "**Set and keep a security baseline**",
    );
    let tradeoffs = copy.join("security/tradeoffs.md");
    edit(
        &tradeoffs,
        "**Tradeoff: Increased rate of change.**",
        "**Tradeoff: Faster change.**",
    );
    edit(
        &tradeoffs,
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Additional infrastructure.**",
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Longer reviews.** Every change to a control waits for a security review.\n\n> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Additional infrastructure.**",
    );
    let (old, new) = (dir.path().join("old-index"), dir.path().join("new-index"));
    guidegraph::indexer::run(&[Root::Dir(original)], &old, false, || {}).unwrap();
    guidegraph::indexer::run(&[Root::Dir(copy)], &new, false, || {}).unwrap();
    let (old, new) = (Store::open(&old).unwrap(), Store::open(&new).unwrap());
    let links = |s: &Store| guidegraph::published::Links::new(&s.manifest.corpora);
    let report = guidegraph::diff::compare(
        old.graph().unwrap(),
        new.graph().unwrap(),
        &links(&old),
        &links(&new),
    );
    let titles =
        |v: &[guidegraph::diff::Entry]| v.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&report.added), ["Longer reviews"], "{report:#?}");
    assert!(report.removed.is_empty(), "{:#?}", report.removed);
    let mut changed = titles(&report.changed);
    changed.sort();
    assert_eq!(
        changed,
        ["Faster change", "Set and keep a security baseline"],
        "{:#?}",
        report.changed
    );
    let se01 = report
        .changed
        .iter()
        .find(|e| e.code.as_deref() == Some("SE:01"))
        .unwrap();
    assert_eq!(
        se01.before.as_ref().unwrap().title.as_deref(),
        Some("Establish a security baseline")
    );
    assert!(
        se01.url
            .as_deref()
            .unwrap()
            .starts_with("https://learn.microsoft.com/azure/well-architected/security/checklist")
    );
}

/// The `query = "…"` lines of a gold file (TOML basic strings, the only form the files
/// use), read without a TOML parser.
fn gold_queries(file: &str) -> Vec<String> {
    let text = fs::read_to_string(shared().join("gold").join(file)).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("query = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .map(|q| q.replace("\\\"", "\"").replace("\\\\", "\\"))
        .collect()
}

/// Issue 16: the first results never depend on how many are asked for.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn the_top_ten_never_depends_on_the_limit() {
    let mut checked = 0;
    for file in [
        "queries.toml",
        "questions-azure.toml",
        "questions-workloads.toml",
    ] {
        for q in gold_queries(file) {
            let top = |limit: usize| -> Vec<String> {
                guidegraph::query::answer(store(), &q, Some(limit))
                    .unwrap()
                    .results
                    .into_iter()
                    .take(10)
                    .map(|r| r.id)
                    .collect()
            };
            let ten = top(10);
            assert_eq!(ten, top(50), "{file}: {q}");
            assert_eq!(ten, top(1000), "{file}: {q}");
            checked += 1;
        }
    }
    assert!(checked >= 150, "{checked} queries checked");
}

/// Issue 18: the services' resource types (`src/vocab/services.yml`) are real ones: each
/// is in the Azure Verified Modules index or the AzureRM Terraform type map of
/// `../shared/data`, and each service guide of the corpus has its entry there.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn service_resource_types_are_known_to_the_public_indexes() {
    let data = shared().join("data");
    let mut known: BTreeSet<String> = BTreeSet::new();
    let avm = fs::read_to_string(data.join("avm/BicepResourceModules.csv")).unwrap();
    for line in avm.lines().skip(1) {
        let mut cols = line.split(',');
        if let (Some(ns), Some(ty)) = (cols.next(), cols.next()) {
            known.insert(format!("{ns}/{ty}").to_lowercase());
        }
    }
    let map: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data.join("aztft/map.json")).unwrap()).unwrap();
    for entry in map.as_object().unwrap().values() {
        let plane = &entry["management_plane"];
        let provider = plane["provider"].as_str().unwrap_or_default();
        for ty in plane["types"].as_array().into_iter().flatten() {
            known.insert(format!("{provider}/{}", ty.as_str().unwrap()).to_lowercase());
        }
    }
    assert!(known.len() > 500, "{} types read", known.len());
    let services = guidegraph::vocab::services();
    for s in services {
        for ty in &s.types {
            assert!(known.contains(&ty.to_lowercase()), "{}: {ty}", s.name);
        }
    }
    for guide in nodes(NodeKind::Service) {
        let entry = services.iter().find(|s| s.name == guide.title);
        assert!(
            entry.is_some_and(|s| !s.types.is_empty()),
            "{} has no resource types in services.yml",
            guide.title
        );
    }
}

/// Issue 19: `:open` of a pillar shows its design principles, of a platform the page that
/// introduces its framework, not the front matter of whichever article came first.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn pillars_and_platforms_open_their_own_articles() {
    let engine = engine();
    let opened = |id: &str| {
        let a = engine
            .own_article(id)
            .unwrap()
            .unwrap_or_else(|| panic!("{id} has no article"));
        let s = a.row.sources[0].clone();
        (format!("{}/{}", s.corpus, s.path), a.text)
    };
    for pillar in nodes(NodeKind::Pillar) {
        let (path, text) = opened(&pillar.id);
        let folder = pillar.id.trim_start_matches("pillar:");
        assert!(
            path.ends_with(&format!("/{folder}/principles.md")),
            "{}: {path}",
            pillar.id
        );
        assert!(
            text.contains(&format!("# {} design principles", pillar.title)),
            "{path}"
        );
    }
    assert_eq!(
        opened("platform:azure").0,
        "azure-waf/what-is-well-architected-framework.md"
    );
    assert_eq!(
        opened("platform:power-platform").0,
        "power-platform-waf/what-is-power-well-architected.md"
    );
    // An article opens as itself, text and all.
    let (path, text) = opened("article:azure-reliability-checklist-md");
    assert_eq!(path, "azure-waf/reliability/checklist.md");
    assert!(text.contains("RE:01"), "{text}");
}

// Issue 21: the guidance for an architecture.

#[path = "../examples/iac_tables.rs"]
#[allow(dead_code)]
mod iac_tables;

/// The tables compiled into guidegraph are what the generator makes of `../shared/data`
/// now: regenerate them with `cargo run --example iac_tables -- ../shared/data`.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn the_generated_iac_tables_are_up_to_date() {
    let t = iac_tables::generate(&shared().join("data")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model/iac");
    for (name, made) in [("avm.tsv", &t.avm), ("azurerm.tsv", &t.azurerm)] {
        let committed = fs::read_to_string(root.join(name)).unwrap();
        assert!(
            committed == *made,
            "src/model/iac/{name} is out of date; run `cargo run --example iac_tables -- ../shared/data`"
        );
    }
}

/// One of the two folders of `iac/aks-store-demo/infra`, placed against the guidance.
fn aks_store_demo(folder: &str) -> guidegraph::scope::Placed {
    let dir = shared().join("iac/aks-store-demo/infra").join(folder);
    let arch = guidegraph::iac::read(&[dir]).unwrap();
    assert!(arch.warnings.is_empty(), "{folder}: {:#?}", arch.warnings);
    assert!(arch.files > 5, "{folder}: {} files", arch.files);
    engine().place(arch)
}

/// The same architecture in Bicep and in Terraform, mostly through Azure Verified Modules,
/// gives the same service guides, and lists the same products without one.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn aks_store_demo_in_bicep_and_terraform_gives_the_same_service_guides() {
    use guidegraph::scope::Standing;
    let bicep = aks_store_demo("bicep");
    let terraform = aks_store_demo("terraform");
    let guides = |p: &guidegraph::scope::Placed| -> BTreeSet<String> {
        p.services.iter().map(|s| s.service.name.clone()).collect()
    };
    assert_eq!(guides(&bicep), guides(&terraform));
    for must in [
        "Azure Kubernetes Service",
        "Azure Cosmos DB",
        "Azure Service Bus",
        "Log Analytics",
    ] {
        assert!(
            guides(&bicep).contains(must),
            "{must}: {:?}",
            guides(&bicep)
        );
    }
    // What no guide covers is listed, never dropped: the same products from both, and the
    // managed identity in each.
    let products = |p: &guidegraph::scope::Placed| -> BTreeSet<String> {
        p.resources
            .iter()
            .filter(|r| r.standing == Standing::NoGuide)
            .flat_map(|r| r.products.clone())
            .collect()
    };
    assert_eq!(products(&bicep), products(&terraform));
    assert!(
        products(&bicep).contains("Azure Container Registry"),
        "{:?}",
        products(&bicep)
    );
    for p in [&bicep, &terraform] {
        assert!(p.resources.iter().any(|r| {
            r.standing == Standing::NoGuide
                && r.resource.arm_type.as_deref()
                    == Some("Microsoft.ManagedIdentity/userAssignedIdentities")
        }));
        assert!(
            !p.resources.iter().any(|r| r.standing == Standing::Unknown),
            "{:#?}",
            p.resources
                .iter()
                .filter(|r| r.standing == Standing::Unknown)
                .collect::<Vec<_>>()
        );
    }
}

/// `reliability checklist --architecture` over the Bicep sample: the Azure reliability
/// checklist, then each guide's reliability checklist whole and in the guide's order
/// (counted by a line scan of the guide), each naming the guide's resources; in table,
/// Markdown and JSON.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn reliability_checklist_for_the_sample_architecture_is_each_guides_own() {
    let placed = aks_store_demo("bicep");
    let engine = engine();
    let a = engine
        .answer_within(
            "reliability checklist",
            guidegraph::engine::Options::default(),
            &placed,
        )
        .unwrap();
    let corpus = shared().join("corpus/azure-waf");
    let pillar: Vec<String> = checklist_rows(&corpus.join("reliability/checklist.md"))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let codes: Vec<String> = a.parts[0]
        .answer
        .results
        .iter()
        .filter_map(|r| r.code.clone())
        .collect();
    assert_eq!(codes, pillar);
    assert_eq!(a.parts.len(), 1 + placed.services.len());
    for (part, s) in a.parts[1..].iter().zip(&placed.services) {
        let name = &s.service.name;
        assert_eq!(part.service.as_ref().map(|x| &x.name), Some(name));
        let guide = nodes(NodeKind::Service)
            .find(|n| &n.title == name)
            .and_then(|n| n.sources.first())
            .map(|s| s.path.to_string())
            .unwrap();
        let expected = service_guide_lists(&corpus.join(&guide))
            .get("reliability")
            .map_or(0, |c| c.0);
        let rows = &part.answer.results;
        assert!(expected > 0, "{name}");
        assert_eq!(
            rows.len(),
            expected,
            "{name}: the guide's reliability checklist"
        );
        let lines: Vec<u32> = rows
            .iter()
            .map(|r| {
                let src = &r.sources[0];
                assert_eq!(src.path, guide, "{name}: {}", r.title);
                src.line
            })
            .collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "{name}: {lines:?}");
        let applies: Vec<String> = part.applies_to.iter().map(|r| r.location()).collect();
        let mine: Vec<String> = placed
            .resources_of(&s.service.id)
            .iter()
            .map(|r| r.resource.location())
            .collect();
        assert_eq!(applies, mine, "{name}");
    }
    let render = |format| {
        let mut out = Vec::new();
        guidegraph::output::architecture::scoped(
            &mut out,
            &a,
            format,
            guidegraph::output::Style::default(),
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    };
    let md = render(guidegraph::output::Format::Markdown);
    for part in &a.parts[1..] {
        let section = md
            .split(&format!("## {}\n", part.heading))
            .nth(1)
            .unwrap()
            .split("\n## ")
            .next()
            .unwrap();
        let items: Vec<&str> = section.lines().filter(|l| l.starts_with("- [ ]")).collect();
        assert_eq!(items.len(), part.answer.results.len(), "{}", part.heading);
        for item in items {
            for r in &part.applies_to {
                assert!(item.contains(&format!("`{}`", r.location())), "{item}");
            }
        }
    }
    let table = render(guidegraph::output::Format::Table);
    for part in &a.parts {
        assert!(table.contains(&part.heading), "{}", part.heading);
    }
    let json: serde_json::Value =
        serde_json::from_str(&render(guidegraph::output::Format::Json)).unwrap();
    assert_eq!(json["parts"].as_array().unwrap().len(), a.parts.len());
}

/// `tradeoffs between cost and reliability --architecture`: the pillars' tradeoffs, then
/// each guide's tradeoffs between the two, and nothing else (no other kind stands in).
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn tradeoffs_for_the_sample_architecture_are_tradeoffs_between_both_pillars() {
    let placed = aks_store_demo("terraform");
    let a = engine()
        .answer_within(
            "tradeoffs between cost and reliability",
            guidegraph::engine::Options::default(),
            &placed,
        )
        .unwrap();
    assert!(!a.parts[0].answer.results.is_empty());
    assert_eq!(a.parts.len(), 1 + placed.services.len());
    for part in &a.parts {
        for r in &part.answer.results {
            assert_eq!(r.kind, NodeKind::Tradeoff, "{}: {}", part.heading, r.title);
            for p in ["Cost Optimization", "Reliability"] {
                assert!(
                    r.pillars.iter().any(|x| x == p),
                    "{}: {}",
                    part.heading,
                    r.title
                );
            }
        }
        // As many as the graph holds of the guide's tradeoffs between the two (the
        // sample's guides have none: their parts are empty, and no other kind stands in).
        if let Some(s) = &part.service {
            let held = nodes(NodeKind::Tradeoff)
                .filter(|n| n.services.iter().any(|x| *x == s.name))
                .filter(|n| {
                    ["cost-optimization", "reliability"]
                        .iter()
                        .all(|p| n.pillars.iter().any(|x| x == p))
                })
                .count();
            assert_eq!(part.answer.results.len(), held, "{}", part.heading);
        }
    }
}

/// Every service guide's node holds its resource types, and each type names it in a query
/// (`service:Microsoft.Network/azureFirewalls`); a type two guides share names one of them.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn service_nodes_hold_their_resource_types_and_queries_read_them() {
    let guides: Vec<&Node> = nodes(NodeKind::Service).collect();
    for g in &guides {
        assert!(!g.resource_types().is_empty(), "{}", g.title);
        for t in g.resource_types() {
            let claimants: Vec<String> = guides
                .iter()
                .filter(|o| {
                    o.resource_types()
                        .iter()
                        .any(|x| x.arm.eq_ignore_ascii_case(&t.arm))
                })
                .map(|o| guidegraph::corpus::text::slug(&o.title))
                .collect();
            let q = format!("service:{}", t.arm);
            let answer = guidegraph::query::answer(store(), &q, Some(5)).unwrap();
            let asked = &answer.interpretation.services;
            assert_eq!(asked.len(), 1, "{q}: {asked:?}");
            assert!(
                claimants.contains(&asked[0]),
                "{q}: {asked:?} not of {claimants:?}"
            );
            assert!(!answer.results.is_empty(), "{q}");
        }
    }
}

/// A question that names a Power Platform product (Power Automate, Copilot Studio) is
/// answered from the Power Platform guidance first, though it never says "Power Platform"
/// and the Azure guidance shares its words (secrets, agents, retries).
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn a_power_platform_product_leads_with_its_platform() {
    let store = store();
    let questions = [
        "where should power automate flows keep API keys and other secrets",
        "securing a copilot studio agent that answers from company documents",
        "how do we handle errors and retries in power automate flows",
    ];
    for q in questions {
        let answer = guidegraph::query::answer(store, q, None).unwrap();
        let lead: Vec<(String, Vec<String>)> = answer
            .results
            .iter()
            .take(3)
            .map(|r| (r.title.clone(), r.platforms.clone()))
            .collect();
        let ours = |p: &Vec<String>| p.iter().any(|p| p == "Power Platform");
        assert!(
            lead.iter().all(|(_, p)| ours(p)),
            "{q:?} leads with {lead:?}"
        );
    }
}
