//! Output formats and `run` scripts, as snapshots.

use std::fs;

use crate::common::{fixture_index, gg, run, stderr, stdout};

fn query_as(format: &str, q: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path())
        .args(["query", "--format", format, "--index"])
        .arg(fixture_index())
        .arg(q));
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn table() {
    insta::assert_snapshot!(query_as("table", "security checklist"));
}

#[test]
fn markdown_checklist() {
    insta::assert_snapshot!(query_as("markdown", "security checklist"));
}

#[test]
fn csv() {
    insta::assert_snapshot!(query_as("csv", "challenges for AI workloads on Azure"));
}

#[test]
fn json_contract() {
    let v: serde_json::Value =
        serde_json::from_str(&query_as("json", "tradeoffs between security and cost")).unwrap();
    assert_eq!(v["query"], "tradeoffs between security and cost");
    assert!(v["interpretation"].is_object());
    let r = &v["results"][0];
    for key in [
        "id",
        "kind",
        "title",
        "code",
        "summary",
        "pillars",
        "platforms",
        "workloads",
        "sources",
        "score",
    ] {
        assert!(r.get(key).is_some(), "result lacks {key}: {r}");
    }
    assert!(r["code"].is_null());
    insta::assert_snapshot!(serde_json::to_string_pretty(&v["results"]).unwrap());
}

const SCRIPT: &str = "\
# Review script for the fixture workload.
# Comments and blank lines are skipped.

## Security checklist
security checklist for Azure

challenges for AI workloads on Azure
## Cost tradeoffs
tradeoffs between security and cost
";

fn run_script(format: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("review.txt");
    fs::write(&script, SCRIPT).unwrap();
    let out = run(gg(tmp.path())
        .args(["run", "--format", format, "--index"])
        .arg(fixture_index())
        .arg(&script));
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn run_prints_one_checklist_with_a_section_per_query() {
    let md = run_script("markdown");
    assert_eq!(
        md,
        run_script("markdown"),
        "two runs over one index are identical"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn run_as_json_is_a_list_of_answers_with_headings() {
    let v: serde_json::Value = serde_json::from_str(&run_script("json")).unwrap();
    let answers = v.as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0]["heading"], "Security checklist");
    assert!(answers[1].get("heading").is_none());
    assert_eq!(answers[2]["results"][0]["title"], "Paying for protection");
}

#[test]
fn run_as_csv_names_the_section_of_each_row() {
    let csv = run_script("csv");
    assert!(csv.starts_with("section,id,kind,code,title"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Cost tradeoffs,tradeoff:")),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 3 + 3 + 1);
}

#[test]
fn a_bad_query_in_a_script_names_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("bad.txt");
    fs::write(&script, "SE:01\n\nkind:nope\n").unwrap();
    let out = run(gg(tmp.path())
        .args(["run", "--index"])
        .arg(fixture_index())
        .arg(&script));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.txt:3: error: `kind:nope` names no kind"),
        "{}",
        stderr(&out)
    );
}
