//! Each extraction rule over the fixture corpus, seen through queries.

use crate::common::{codes, query_json, result_titled, results, titles};

#[test]
fn checklist_rows_become_coded_recommendations_titled_by_their_lead() {
    assert_eq!(codes("security checklist"), ["SE:01", "SE:02", "SE:03"]);
    assert_eq!(
        titles("security checklist"),
        [
            "Keep a security baseline",
            "Control identities and access",
            // No bold lead-in: the first sentence is the title.
            "Rotate secrets on a schedule and audit who read them",
        ]
    );
}

#[test]
fn an_item_quoted_by_its_detail_article_is_one_node_with_both_sources() {
    let se02 = result_titled("SE:02", "Control identities and access");
    let paths: Vec<&str> = se02["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["security/checklist.md", "security/identity.md"]);
    assert_eq!(se02["pillars"], serde_json::json!(["Security"]));
    assert_eq!(se02["platforms"], serde_json::json!(["Azure"]));
}

#[test]
fn checklist_items_link_to_the_article_that_details_them() {
    let linked = titles("links to Recommendations for identity and access");
    assert!(
        linked.contains(&"Control identities and access".to_string()),
        "{linked:?}"
    );
}

#[test]
fn a_code_quoted_outside_the_checklist_is_a_recommendation_but_not_a_checklist_item() {
    // XO:02 is a placeholder ("Recommendation 02 … TBD"): a checklist leaves it out.
    assert_eq!(codes("experience optimization checklist"), ["XO:01"]);
    assert!(codes("recommendations for experience optimization").contains(&"XO:03".to_string()));
    // Drafts keep their placeholder text rather than vanish, flagged as drafts.
    assert_eq!(titles("XO:02"), ["Recommendation 02"]);
    assert_eq!(result_titled("XO:02", "Recommendation 02")["draft"], true);
}

#[test]
fn tradeoffs_take_their_pillar_pair_from_the_heading() {
    let between = titles("tradeoffs between security and reliability");
    // "Slower recovery" is about reliability in its own title, so it ranks first.
    assert_eq!(between, ["Slower recovery", "More moving parts"]);
    let t = result_titled(
        "tradeoffs between security and reliability",
        "More moving parts",
    );
    assert_eq!(t["pillars"], serde_json::json!(["Security", "Reliability"]));
    assert!(
        t["summary"]
            .as_str()
            .unwrap()
            .starts_with("Every control is another component")
    );
    assert_eq!(
        titles("tradeoffs between security and cost"),
        ["Paying for protection"]
    );
}

#[test]
fn inline_tradeoffs_are_named_by_their_first_sentence() {
    let all = titles("tradeoffs for security");
    assert!(
        all.contains(&"Strict access slows onboarding".to_string()),
        "{all:?}"
    );
}

#[test]
fn challenges_of_a_workload_and_their_pillars_from_their_words() {
    assert_eq!(
        titles("challenges for AI workloads on Azure"),
        ["Compute bills", "Data leakage", "Model drift"]
    );
    let security = titles("challenges related to security");
    for want in [
        "Data leakage",
        "Security concerns",
        "Ethical and compliance issues",
    ] {
        assert!(
            security.contains(&want.to_string()),
            "{want} missing from {security:?}"
        );
    }
    for unwanted in ["Model drift", "Change management", "Compute bills"] {
        assert!(
            !security.contains(&unwanted.to_string()),
            "{unwanted} in {security:?}"
        );
    }
    // A title about the pillar ranks before a text that only mentions it.
    assert_eq!(security[0], "Security concerns");
    // "spend" in the title outranks "expensive" in the text.
    assert_eq!(
        titles("challenges related to cost"),
        ["Licence spend", "Compute bills"]
    );
}

#[test]
fn power_platform_challenges_belong_to_power_platform() {
    assert_eq!(
        titles("challenges for generative AI Power Platform workloads"),
        [
            "Security concerns",
            "Ethical and compliance issues",
            "Change management",
            "Licence spend"
        ]
    );
    assert!(
        titles("challenges for Azure")
            .iter()
            .all(|t| t != "Security concerns")
    );
}

#[test]
fn a_heading_that_only_mentions_challenges_yields_none() {
    assert!(titles("challenges").iter().all(|t| !t.contains("worked")));
}

#[test]
fn design_areas_are_named_by_their_link_and_point_to_their_article() {
    assert_eq!(
        titles("design areas for AI workloads on Azure"),
        ["Data design", "Operations"]
    );
    let n = titles("neighbors of Data design");
    assert!(
        n.contains(&"Data design for AI workloads".to_string()),
        "{n:?}"
    );
    assert!(n.contains(&"AI workloads".to_string()), "{n:?}");
}

#[test]
fn design_principles_from_tables_per_pillar_section_and_from_pillar_articles() {
    assert_eq!(
        titles("design principles for security in AI workloads on Azure"),
        ["Protect the training data", "Limit who can call the model"]
    );
    let reliability = titles("design principles for reliability");
    for want in [
        "Design for resilience",
        "Design for recovery",
        "Avoid a single model endpoint",
    ] {
        assert!(
            reliability.contains(&want.to_string()),
            "{want} missing from {reliability:?}"
        );
    }
    assert!(!reliability.iter().any(|t| t == "Next steps"));
}

#[test]
fn recommendation_tables_and_checklist_callouts() {
    let ai = titles("recommendations for AI workloads");
    for want in [
        "Version every dataset",
        "Refresh grounding data often",
        "Catalogue the data sources",
    ] {
        assert!(ai.contains(&want.to_string()), "{want} missing from {ai:?}");
    }
    let rel = titles("recommendations for reliability");
    for want in ["Find the critical path", "Add redundancy in layers"] {
        assert!(
            rel.contains(&want.to_string()),
            "{want} missing from {rel:?}"
        );
    }
}

#[test]
fn a_pillar_points_first_at_an_article_about_it_not_the_first_that_names_it() {
    // ai/ articles name Security before security/ comes in path order.
    let security = result_titled("kind:pillar security", "Security");
    let sources = security["sources"].as_array().unwrap();
    assert!(sources.len() > 1, "{sources:?}");
    assert_eq!(
        sources[0],
        serde_json::json!({
            "corpus": "azure-waf",
            "path": "security/checklist.md",
            "heading": "Design review checklist for Security",
            "line": 1
        })
    );
}

#[test]
fn a_platform_has_a_pillar_its_guidance_is_organised_by_not_one_an_item_sounds_like() {
    // Cost Optimization heads a section of Azure's security tradeoffs; on Power Platform
    // only the words of a gen AI challenge ("Licence spend") speak of cost.
    let cost = result_titled("kind:pillar cost", "Cost Optimization");
    assert_eq!(cost["platforms"], serde_json::json!(["Azure"]));
    // An item carries only the pillars its platform publishes; its words' cost stays a
    // weaker mention, which a cost question still finds.
    let spend = result_titled("challenges for gen AI", "Licence spend");
    assert!(
        !spend["pillars"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("Cost Optimization")),
        "{spend}"
    );
    assert_eq!(
        titles("challenges related to cost for PP"),
        ["Licence spend"]
    );
}

#[test]
fn sources_carry_path_heading_and_line() {
    let c = result_titled("challenges for AI workloads on Azure", "Compute bills");
    assert_eq!(
        c["sources"],
        serde_json::json!([{
            "corpus": "azure-waf",
            "path": "ai/overview.md",
            "heading": "What are the common challenges?",
            "line": 13
        }])
    );
}

#[test]
fn learn_syntax_comes_out_as_clean_text() {
    let all = query_json("kind:section");
    for r in results(&all) {
        for field in ["title", "summary"] {
            let text = r[field].as_str().unwrap();
            assert!(!text.contains(":::"), "{field} {text:?}");
            assert!(!text.contains("&#"), "{field} {text:?}");
            assert!(!text.contains("[!"), "{field} {text:?}");
            assert!(!text.contains("<br"), "{field} {text:?}");
        }
    }
    // Text inside `:::row:::` layout is kept, not read as code.
    assert!(!titles("\"Kept text inside a layout row\"").is_empty());
}

#[test]
fn empty_pillar_bullets_and_trailing_iot_text_do_not_mislabel() {
    let a = result_titled("kind:article workload:ai", "Widget AI workloads on Azure");
    assert_eq!(a["workloads"], serde_json::json!(["AI"]));
    assert!(titles("kind:workload").iter().all(|t| t != "IoT workloads"));
}

/// Issue 16: the first answer a newcomer sees. Over the embedded default corpus, an Azure
/// challenge is never filed under Power Platform's Experience Optimization pillar, and its
/// source names the article's published path.
#[test]
fn the_embedded_articles_have_published_paths_and_their_platforms_pillars() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    guidegraph::indexer::run(&[guidegraph::corpus::Root::Embedded], &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a = guidegraph::query::answer(&store, "Pace of AI innovation", Some(1)).unwrap();
    let pace = &a.results[0];
    assert_eq!(pace.title, "Pace of AI innovation");
    assert!(
        !pace.pillars.iter().any(|p| p == "Experience Optimization"),
        "{:?}",
        pace.pillars
    );
    assert_eq!(pace.sources[0].path, "azure-waf/ai/get-started.md");
    let graph = store.graph().unwrap();
    for (_, n) in graph.nodes() {
        for s in &n.sources {
            assert!(s.path.ends_with(".md"), "{}: {}", n.id, s.path);
        }
    }
}

/// A workload's article named after a pillar (`cost-optimization.md`) is that pillar's,
/// though its title says only "Cost considerations".
#[test]
fn an_article_named_after_a_pillar_is_filed_under_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("azure-waf").join("widget-lake");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("cost-optimization.md"),
        "---\ntitle: Cost considerations for widget lakes\n---\n\n\
         # Cost considerations for widget lakes\n\n## Identify key cost drivers\n\n\
         Capacity units drive the bill.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let roots = [guidegraph::corpus::Root::Dir(tmp.path().join("azure-waf"))];
    guidegraph::indexer::run(&roots, &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a =
        guidegraph::query::answer(&store, "kind:section pillar:cost-optimization", None).unwrap();
    let drivers = a
        .results
        .iter()
        .find(|r| r.title == "Identify key cost drivers")
        .expect("the section is found");
    assert_eq!(drivers.pillars, ["Cost Optimization"]);
}

/// A bold line over the lead-in to a list ("**Technology scope**" over "This review
/// focuses on … the following Azure resources:") is a label, not an item; a bold line
/// over paragraphs that explain it is one.
#[test]
fn a_bold_line_over_a_list_lead_in_is_no_item() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("azure-waf").join("service-guides");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("azure-widget-bus.md"),
        "---\ntitle: Architecture best practices for Azure Widget Bus\n---\n\n\
         # Architecture best practices for Azure Widget Bus\n\n\
         Azure Widget Bus moves widgets between applications.\n\n\
         **Technology scope**\n\n\
         This review focuses on the interrelated decisions for the following Azure resources:\n\n\
         - Azure Widget Bus\n\n\
         ## Reliability\n\n\
         **Widget replay protection**\n\n\
         Keep a record of the widgets delivered so that a retried send is not applied twice.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let roots = [guidegraph::corpus::Root::Dir(tmp.path().join("azure-waf"))];
    guidegraph::indexer::run(&roots, &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a = guidegraph::query::answer(&store, "kind:recommendation", None).unwrap();
    let titles: Vec<&str> = a.results.iter().map(|r| r.title.as_str()).collect();
    assert!(titles.contains(&"Widget replay protection"), "{titles:?}");
    assert!(!titles.contains(&"Technology scope"), "{titles:?}");
}
