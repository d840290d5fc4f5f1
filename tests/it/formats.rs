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
    run_text(SCRIPT, format)
}

/// `run` of a script holding `text`, in `format`; its stdout.
fn run_text(text: &str, format: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("review.txt");
    fs::write(&script, text).unwrap();
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

/// Checks `v` against the subset of JSON Schema that docs/answer.schema.json uses: `type`
/// (one or several), `enum`, `required`, `properties`, `additionalProperties: false`,
/// `items` and local `$ref`s. Returns every violation, with its path.
fn violations(
    schema: &serde_json::Value,
    root: &serde_json::Value,
    v: &serde_json::Value,
    at: &str,
) -> Vec<String> {
    use serde_json::Value;
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/definitions/");
            &root["definitions"][name]
        }
        None => schema,
    };
    let mut out = Vec::new();
    let type_of = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    if let Some(t) = schema.get("type") {
        let allowed: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = type_of(v);
        let ok = allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !ok {
            out.push(format!("{at}: {actual}, not {allowed:?}"));
            return out;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(v)
    {
        out.push(format!("{at}: {v} is not one of {values:?}"));
    }
    if let Value::Object(map) = v {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !map.contains_key(r) {
                out.push(format!("{at}: `{r}` is missing"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, child) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => out.extend(violations(s, root, child, &format!("{at}.{k}"))),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{at}: `{k}` is not in the contract"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            out.extend(violations(s, root, item, &format!("{at}[{i}]")));
        }
    }
    out
}

#[test]
fn json_answers_keep_the_written_contract() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/answer.schema.json")).unwrap();
    let mut checked = 0;
    for q in [
        "security checklist for Azure",
        "challenges for gen AI",
        "tradeoffs between security and reliability",
        "neighbors of SE:02",
        "path from Model drift to SE:02",
        "AWQ",
        "reliability checklist for AWQ",
        "XO:02",
        "chalenges for power platform",
        "Cluster architecture: use zone redundancy for every queue namespace in production workloads.",
        "zzzyzzy",
    ] {
        let v = crate::common::query_json(q);
        let found = violations(&schema, &schema, &v, "answer");
        assert!(found.is_empty(), "{q}: {found:#?}");
        checked += crate::common::results(&v).len();
    }
    assert!(checked > 20, "{checked} results checked");
    // A field the contract does not name is caught.
    let mut v = crate::common::query_json("SE:01");
    v["results"][0]["surprise"] = serde_json::json!(1);
    assert!(!violations(&schema, &schema, &v, "answer").is_empty());
}

#[test]
fn a_json_query_that_fails_prints_a_failure_object() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::common::run(
        crate::common::gg(tmp.path())
            .args(["query", "--format", "json", "--index"])
            .arg(tmp.path().join("nowhere"))
            .arg("SE:05"),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "index-missing", "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("guidegraph index --index")
    );
}

/// Issue 17: a query repeated on consecutive lines is answered once, and its section is
/// written as often as it stands, in every format, exactly as a script holding it once
/// per line would have it (a thousand copies of a broad query took 15 s).
#[test]
fn repeated_lines_write_the_same_sections() {
    for format in ["markdown", "csv"] {
        let once = run_text("SE:01\nSE:02\n", format);
        let twice = run_text("SE:01\nSE:01\nSE:02\n", format);
        let single = run_text("SE:01\n", format);
        // The first line(s) before the first section are the same; the repeated section
        // is the single script's body written twice.
        let (head, body) = match format {
            "markdown" => single.split_at(single.find("\n## ").unwrap()),
            _ => single.split_at(single.find('\n').unwrap() + 1),
        };
        let second = once.strip_prefix(&single).unwrap();
        assert_eq!(twice, format!("{head}{body}{body}{second}"), "{format}");
    }
    let json = run_text("SE:01\nSE:01\nSE:02\n", "json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let parts = v.as_array().unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], parts[1]);
}

/// Issue 18: a query error reaches JSON as data, with the fields its text is made of: the
/// span under the caret, the label and the help, and the query they point into.
#[test]
fn a_json_query_error_keeps_its_span_and_help() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::common::run(
        crate::common::gg(tmp.path())
            .args(["query", "--format", "json", "--index"])
            .arg(crate::common::fixture_index())
            .arg("kind:challenge \"open"),
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "query", "{v}");
    let p = &v["error"]["problems"][0];
    assert_eq!(p["query"], "kind:challenge \"open", "{v}");
    assert_eq!(p["span"]["start"], 15, "{v}");
    assert!(p["message"].as_str().unwrap().contains("quote"), "{v}");
    assert!(p["help"].is_string(), "{v}");
    // The message is the text people read on stderr, caret and all.
    assert!(v["error"]["message"].as_str().unwrap().contains('^'), "{v}");
}
