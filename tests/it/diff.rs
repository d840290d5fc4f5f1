//! `guidegraph diff` over two fixture corpora that differ by one item of each kind of
//! change (issue 12).

use std::path::{Path, PathBuf};

use crate::common::{build_index, copy_dir, fixtures, gg, run, stderr, stdout};

/// Replaces `from` by `to` in `file`, which must contain it.
fn replace(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// Indexes of the fixture Azure corpus and of a copy with one change of each kind.
fn two_indexes(dir: &Path) -> (PathBuf, PathBuf) {
    let old = dir.join("old/azure-waf");
    let new = dir.join("new/azure-waf");
    copy_dir(&fixtures().join("azure-waf"), &old);
    copy_dir(&fixtures().join("azure-waf"), &new);
    let checklist = new.join("security/checklist.md");
    // A title.
    replace(
        &checklist,
        "**Keep a security baseline**",
        "**Maintain a security baseline**",
    );
    // A code (its id goes with it: matched by its words).
    replace(&checklist, "[SE:03](./secrets.md)", "[SE:13](./secrets.md)");
    // A text.
    replace(
        &new.join("reliability/principles.md"),
        "comes back after an outage.",
        "comes back after an outage, and rehearse it twice a year.",
    );
    let tradeoffs = new.join("security/tradeoffs.md");
    // Removed.
    replace(
        &tradeoffs,
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Slower recovery.** Restoring a locked-down system takes more steps.\n",
        "",
    );
    // Added.
    replace(
        &tradeoffs,
        "## Related links",
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Longer onboarding.** New engineers wait for their access to be approved.\n\n## Related links",
    );
    // Pillars: a tradeoff with Reliability becomes one with Cost Optimization.
    replace(
        &tradeoffs,
        "## Security tradeoffs with Cost Optimization\n",
        "## Security tradeoffs with Cost Optimization\n\n> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: More moving parts.** Every control is another component that can fail.\n",
    );
    replace(
        &tradeoffs,
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: More moving parts.** Every control is another component that can fail.\n\n- Firewalls",
        "- Firewalls",
    );
    // Moved to another article.
    let principles = new.join("reliability/principles.md");
    replace(
        &principles,
        "|**Find the critical path** and keep it short.|Fewer components can take the flow down.|\n",
        "",
    );
    std::fs::write(
        new.join("reliability/critical-path.md"),
        "---\ntitle: Reliability design principles for the critical path\n---\n\n# Reliability design principles for the critical path\n\n## Design for resilience\n\n|Approach|Benefit|\n|-|-|\n|**Find the critical path** and keep it short.|Fewer components can take the flow down.|\n",
    )
    .unwrap();
    let (a, b) = (dir.join("idx-old"), dir.join("idx-new"));
    build_index(dir, &a, &[old]);
    build_index(dir, &b, &[new]);
    (a, b)
}

fn diff_json(dir: &Path, a: &Path, b: &Path) -> serde_json::Value {
    let out = run(gg(dir).args(["diff", "--format", "json"]).arg(a).arg(b));
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn titled<'a>(list: &'a serde_json::Value, title: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no {title:?} in {list:#}"))
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn each_kind_of_change_is_found_and_reported_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_indexes(dir.path());
    let v = diff_json(dir.path(), &a, &b);
    let names = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["kind"].as_str().unwrap(),
                    e["title"].as_str().unwrap()
                )
            })
            .collect()
    };
    // The article the principle moved to is new too (articles are compared, issue 17).
    assert_eq!(
        names("added"),
        [
            "article Reliability design principles for the critical path",
            "tradeoff Longer onboarding"
        ]
    );
    assert_eq!(names("removed"), ["tradeoff Slower recovery"]);
    for list in ["added", "removed", "changed"] {
        for e in v[list].as_array().unwrap() {
            for field in ["id", "kind", "title", "code"] {
                assert!(e.get(field).is_some(), "{list} entry without {field}: {e}");
            }
        }
    }
    let changed = &v["changed"];

    // A title, matched by its stable id.
    let e = titled(changed, "Maintain a security baseline");
    assert_eq!(e["code"], "SE:01");
    assert_eq!(e["before"]["title"], "Keep a security baseline");
    assert_eq!(e["after"]["title"], "Maintain a security baseline");

    // A code, matched by its words: changed, not removed + added.
    let e = titled(
        changed,
        "Rotate secrets on a schedule and audit who read them",
    );
    assert_eq!(keys(&e["before"]), ["code", "id"]);
    assert_eq!(e["before"]["code"], "SE:03");
    assert_eq!(e["after"]["code"], "SE:13");

    // A text only.
    let e = titled(changed, "Design for recovery");
    assert_eq!(keys(&e["before"]), ["text"]);
    assert!(e["after"]["text"].as_str().unwrap().contains("rehearse it"));

    // Pillars.
    let e = titled(changed, "More moving parts");
    assert!(
        e["before"]["pillars"].to_string().contains("reliability"),
        "{e}"
    );
    assert!(
        e["after"]["pillars"]
            .to_string()
            .contains("cost-optimization"),
        "{e}"
    );

    // Moved to another article.
    let e = titled(changed, "Find the critical path");
    assert_eq!(
        e["before"]["article"],
        "azure-waf/reliability/principles.md"
    );
    assert_eq!(
        e["after"]["article"],
        "azure-waf/reliability/critical-path.md"
    );
    assert!(e["before"].get("title").is_none(), "{e}");
}

#[test]
fn table_and_markdown_group_by_pillar_and_article() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_indexes(dir.path());
    let table = run(gg(dir.path()).arg("diff").arg(&a).arg(&b));
    assert!(table.status.success(), "{}", stderr(&table));
    let t = stdout(&table);
    assert!(t.contains("2 added, 1 removed, 6 changed"), "{t}");
    let group = t
        .split("\n\n")
        .find(|g| g.starts_with("Security · azure-waf/security/tradeoffs.md"))
        .unwrap_or_else(|| panic!("no tradeoffs group in {t}"));
    assert!(
        group.contains("+ added    tradeoff          Longer onboarding"),
        "{group}"
    );
    assert!(
        group.contains("- removed  tradeoff          Slower recovery"),
        "{group}"
    );
    assert!(t.contains("code: SE:03 → SE:13"), "{t}");
    assert!(
        t.contains("pillars: Security, Reliability → Security, Cost Optimization"),
        "{t}"
    );

    let md = run(gg(dir.path())
        .args(["diff", "--format", "markdown"])
        .arg(&a)
        .arg(&b));
    let m = stdout(&md);
    assert!(m.starts_with("# Changes in the guidance\n"), "{m}");
    let security = m.find("\n## Security\n").unwrap();
    let reliability = m.find("\n## Reliability\n").unwrap();
    assert!(reliability < security, "{m}");
    assert!(
        m[security..].contains("### azure-waf/security/checklist.md"),
        "{m}"
    );
    assert!(
        m.contains("- **changed** recommendation SE:01 Maintain a security baseline — title: “Keep a security baseline” → “Maintain a security baseline”"),
        "{m}"
    );
}

#[test]
fn an_index_compared_with_itself_has_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let index = crate::common::fixture_index();
    let v = diff_json(dir.path(), index, index);
    assert_eq!(v["added"], serde_json::json!([]));
    assert_eq!(v["removed"], serde_json::json!([]));
    assert_eq!(v["changed"], serde_json::json!([]));
}

#[test]
fn diff_needs_two_indexes_or_a_revision_range() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(gg(dir.path()).args(["diff", "only-one"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("two index folders"),
        "{}",
        stderr(&out)
    );
    let out = run(gg(dir.path()).args(["diff", "--rev", "main", "azure"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("OLD..NEW"), "{}", stderr(&out));
    let out = run(gg(dir.path()).args(["diff", "--rev", "a..b", "azure"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("guidegraph fetch azure"),
        "{}",
        stderr(&out)
    );
}
