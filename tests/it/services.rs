//! Service guides (`service-guides/widget-queue.md`, a fictional service): the service
//! node, its items scoped by the heading they sit under, and the ranking rules of
//! docs/QUERY.md.

use crate::common::{codes, query_json, result_titled, results, titles};

#[test]
fn a_service_guide_is_a_service_named_by_its_title() {
    assert_eq!(titles("services"), ["Azure Widget Queue"]);
    let first = &results(&query_json("AWQ"))[0];
    assert_eq!(first["kind"], "service");
    assert_eq!(first["title"], "Azure Widget Queue");
    assert_eq!(
        first["links"][0]["target"],
        "/azure/architecture/widget-queue-baseline"
    );
}

#[test]
fn a_service_checklist_is_its_guides_checklist_without_sub_bullets() {
    assert_eq!(
        titles("reliability checklist for AWQ"),
        ["Replicate queues across zones", "Retry with backoff"]
    );
    assert_eq!(
        titles("reliability checklist for Azure Widget Queue"),
        titles("reliability checklist for AWQ")
    );
    let replicate = result_titled(
        "reliability checklist for AWQ",
        "Replicate queues across zones",
    );
    assert_eq!(replicate["scope"], "Queue");
    assert_eq!(
        replicate["services"],
        serde_json::json!(["Azure Widget Queue"])
    );
    assert!(
        replicate["summary"]
            .as_str()
            .unwrap()
            .contains("second zone"),
        "{replicate}"
    );
    // A platform's checklist holds no service's items.
    assert_eq!(
        codes("security checklist for Azure"),
        ["SE:01", "SE:02", "SE:03"]
    );
    assert_eq!(titles("security checklist for Azure").len(), 3);
}

#[test]
fn configuration_rows_keep_scope_and_benefit_as_fields() {
    let row = result_titled(
        "configuration recommendations for reliability of AWQ",
        "Turn on zone redundancy for the queue namespace",
    );
    assert_eq!(row["scope"], "Queue");
    assert_eq!(row["benefit"], "A zone outage leaves the queue working.");
    assert_eq!(row["group"], "Configuration recommendations");
    assert_eq!(row["pillars"], serde_json::json!(["Reliability"]));
}

#[test]
fn policies_tradeoffs_and_the_service_filter() {
    assert_eq!(
        titles("Azure policies for AWQ")[0],
        "Widget queues should disable public network access"
    );
    assert_eq!(
        titles("service:awq kind:tradeoff"),
        ["Customer-managed keys add a key rotation chore to operations"]
    );
}

#[test]
fn ranking_puts_the_frameworks_checklist_first_then_its_items_then_guides() {
    // docs/QUERY.md, "Ranking": checklist rows of the pillar in code order, then the
    // framework's other items, then items of workload and service guides.
    let v = query_json("recommendations for security");
    let rows = results(&v);
    let codes: Vec<&str> = rows.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["SE:01", "SE:02", "SE:03"]);
    assert!(rows[..3].iter().all(|r| r["code"].is_string()), "{v}");
    let service_at = rows
        .iter()
        .position(|r| r["title"] == "Encrypt queued widgets")
        .unwrap();
    assert!(service_at >= 3, "{v}");
    let after: Vec<&serde_json::Value> = rows[service_at..].iter().collect();
    assert!(
        after
            .iter()
            .all(|r| r["services"] != serde_json::json!([])
                || r["workloads"] != serde_json::json!([])),
        "framework items come before guide items: {v}"
    );
}

#[test]
fn in_a_sentence_a_title_naming_the_service_weighs_as_a_text_does() {
    // The service's name says which guide; the other words say what answers. The service
    // node and the article are titled with the name and hold none of the other words.
    let q = "our widget queue clients keep failing to send, what should they do";
    let ranked = titles(q);
    let at = |t: &str| ranked.iter().position(|r| r == t);
    let answer = at("Set a retry policy on every client").expect("the retry policy row");
    for named_only in [
        "Azure Widget Queue",
        "Architecture Best Practices for Azure Widget Queue",
    ] {
        assert!(
            at(named_only).is_none_or(|i| i > answer),
            "{named_only} above the answer: {ranked:?}"
        );
    }
}
