//! `guidegraph review` (issue 20): a review written, edited by hand, counted, brought up
//! to date over a changed index, given a milestone and reported, over the fixture
//! corpora; and the mistakes of a hand-edited file, each with its line.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{build_index, copy_dir, fixtures, gg, run, stderr, stdout};

const QUERIES: [&str; 3] = [
    "security checklist for Azure",
    "tradeoffs of security",
    "experience optimization checklist",
];

/// Runs `guidegraph review ARGS` in `dir` on a fixed day.
fn review(dir: &Path, args: &[&str]) -> Output {
    run(gg(dir)
        .env("GUIDEGRAPH_TODAY", "2026-12-01")
        .arg("review")
        .args(args))
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "failed: {}{}", stderr(&o), stdout(&o));
    o
}

fn replace(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// A copy of the fixture corpora in `dir/name`, and an index of it.
fn corpus_and_index(dir: &Path, name: &str) -> (Vec<PathBuf>, PathBuf) {
    let roots = vec![
        dir.join(name).join("azure-waf"),
        dir.join(name).join("power-platform-waf"),
    ];
    copy_dir(&fixtures().join("azure-waf"), &roots[0]);
    copy_dir(&fixtures().join("power-platform-waf"), &roots[1]);
    let index = dir.join(format!("{name}-index"));
    build_index(dir, &index, &roots);
    (roots, index)
}

/// A new review of [`QUERIES`] over an index of the fixtures, as `r.md` in `dir`.
fn new_review(dir: &Path, index: &Path) -> PathBuf {
    let mut args = vec!["new", "r.md", "--title", "Widget shop", "--index"];
    let index = index.to_str().unwrap();
    args.push(index);
    for q in QUERIES {
        args.extend(["--query", q]);
    }
    ok(review(dir, &args));
    dir.join("r.md")
}

fn status_json(dir: &Path, index: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["status", "r.md", "--format", "json", "--index"];
    args.push(index.to_str().unwrap());
    args.extend(extra);
    let o = ok(review(dir, &args));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn codes(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["code"]
                .as_str()
                .map_or_else(|| i["title"].as_str().unwrap().to_string(), str::to_string)
        })
        .collect()
}

/// The line holding `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
}

/// Edits `file` as a team would: statuses, risks, notes, a reworded line, an item of
/// their own.
fn edit_by_hand(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = String::new();
    for l in text.lines() {
        if l.contains("**SE:01**") {
            // Done, a high risk, and the visible text reworded.
            let l = l.replacen("- [ ]", "- [x]", 1).replacen(
                " <!--",
                " (baseline v2) risk: high <!--",
                1,
            );
            out.push_str(&l);
            out.push('\n');
        } else if l.contains("**SE:02**") {
            out.push_str(&l.replacen("- [ ]", "- [~]", 1));
            out.push_str("\n  - Entra ID groups done; service principals next.\n  - Owner: Ana\n");
        } else if l.contains("Slower recovery") {
            out.push_str(&l.replacen("- [ ]", "- [-]", 1));
            out.push('\n');
        } else if l.contains("**XO:01**") {
            out.push_str(&l.replacen(" <!--", " Risk: Medium <!--", 1));
            out.push('\n');
        } else {
            out.push_str(l);
            out.push('\n');
            if l.starts_with("<!-- query: tradeoffs") {
                out.push_str("\n- [ ] Our own item: write the runbook\n");
            }
        }
    }
    std::fs::write(file, out).unwrap();
}

/// The guidance of `roots` changed: SE:01 retitled, SE:02 rewritten, SE:03 renumbered
/// (SE:13: a new id), one tradeoff removed and one added.
fn change_guidance(roots: &[PathBuf]) {
    let checklist = roots[0].join("security/checklist.md");
    replace(
        &checklist,
        "**Keep a security baseline**",
        "**Maintain a security baseline**",
    );
    replace(
        &checklist,
        "Grant only what is needed.",
        "Grant only what is needed, for as long as it is needed.",
    );
    replace(&checklist, "[SE:03](./secrets.md)", "[SE:13](./secrets.md)");
    let tradeoffs = roots[0].join("security/tradeoffs.md");
    replace(
        &tradeoffs,
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Slower recovery.** Restoring a locked-down system takes more steps.\n",
        "",
    );
    replace(
        &tradeoffs,
        "## Related links",
        "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Longer onboarding.** New engineers wait for their access to be approved.\n\n## Related links",
    );
}

#[test]
fn review_new_writes_front_matter_sections_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let (_, index) = corpus_and_index(dir.path(), "v1");
    let file = new_review(dir.path(), &index);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("---\nguidegraph-review: 1\ntitle: \"Widget shop\"\ncreated: \"2026-12-01\"\nqueries:\n  - query: \"security checklist for Azure\"\n"), "{text}");
    assert!(
        text.contains("corpora:\n  - label: \"azure-waf\"\n"),
        "{text}"
    );
    assert_eq!(text.matches("\n## ").count(), 3, "{text}");
    let se01 = line_with(&text, "**SE:01**");
    assert!(
        se01.starts_with(
            "- [ ] **SE:01** [Keep a security baseline](<https://learn.microsoft.com/"
        ) || se01.starts_with("- [ ] **SE:01** Keep a security baseline <!--"),
        "{se01}"
    );
    assert!(
        se01.contains("<!-- id=recommendation:azure-se-01 fp=")
            && se01.ends_with(" pillar=security -->"),
        "{se01}"
    );
    // A second `new` does not overwrite the review.
    let again = review(
        dir.path(),
        &[
            "new",
            "r.md",
            "--query",
            "SE:01",
            "--index",
            index.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("review update"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // `--force` replaces it, keeping the old one as r.md.bak.
    ok(review(
        dir.path(),
        &[
            "new",
            "r.md",
            "--force",
            "--query",
            "SE:01",
            "--index",
            index.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.md.bak")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(&file)
            .unwrap()
            .matches("\n- [ ] ")
            .count(),
        1
    );

    // The `run` format: `## Heading` titles a section.
    std::fs::write(
        dir.path().join("review.txt"),
        "# ours\n## Security\nsecurity checklist for Azure\n",
    )
    .unwrap();
    ok(review(
        dir.path(),
        &[
            "new",
            "s.md",
            "--script",
            "review.txt",
            "--index",
            index.to_str().unwrap(),
        ],
    ));
    let s = std::fs::read_to_string(dir.path().join("s.md")).unwrap();
    assert!(
        s.contains("\n## Security\n\n<!-- query: security checklist for Azure -->\n"),
        "{s}"
    );
    assert!(s.contains("    heading: \"Security\"\n"), "{s}");
}

/// Issue 20's whole story: new → edit by hand → status → milestone → update over a
/// changed index → status since the milestone → report.
#[test]
fn review_from_new_to_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, v1) = corpus_and_index(d, "v1");
    let file = new_review(d, &v1);
    edit_by_hand(&file);

    let s = status_json(d, &v1, &[]);
    assert_eq!(s["items"], 10, "{s:#}");
    assert_eq!(
        (&s["done"], &s["partial"], &s["open"], &s["not_applicable"]),
        (&1.into(), &1.into(), &7.into(), &1.into()),
        "{s:#}"
    );
    assert_eq!(codes(&s["high_risk"]), ["SE:01"]);
    assert_eq!(codes(&s["medium_risk"]), ["XO:01"]);
    assert_eq!(s["by_pillar"]["Security"]["items"], 8, "{s:#}");
    assert_eq!(s["by_pillar"]["Security"]["done"], 1);
    assert_eq!(s["by_pillar"]["Experience Optimization"]["items"], 1);
    assert_eq!(
        s["by_pillar"]["(no pillar)"]["items"], 1,
        "the team's own item"
    );
    assert_eq!(s["changed"], serde_json::json!([]));
    assert_eq!(s["removed"], serde_json::json!([]));
    let table = stdout(&ok(review(
        d,
        &["status", "r.md", "--index", v1.to_str().unwrap()],
    )));
    assert!(
        table.starts_with("Widget shop: 10 items, 1 done, 1 partial, 7 open, 1 n/a"),
        "{table}"
    );
    assert!(
        table.contains("High risk:\n  [done] SE:01 Keep a security baseline (baseline v2)"),
        "{table}"
    );

    ok(review(d, &["milestone", "r.md", "baseline"]));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("milestones:\n  - name: \"baseline\"\n    date: \"2026-12-01\"\n    done: \"recommendation:azure-se-01\"\n"), "{text}");
    // Progress after the milestone.
    let text = text.replacen("- [~] **SE:02**", "- [x] **SE:02**", 1);
    std::fs::write(&file, &text).unwrap();

    // The guidance changes; the review is counted against the new index, then updated.
    let (roots2, _) = (
        vec![d.join("v2/azure-waf"), d.join("v2/power-platform-waf")],
        (),
    );
    copy_dir(&fixtures().join("azure-waf"), &roots2[0]);
    copy_dir(&fixtures().join("power-platform-waf"), &roots2[1]);
    change_guidance(&roots2);
    let v2 = d.join("v2-index");
    build_index(d, &v2, &roots2);
    let s = status_json(d, &v2, &[]);
    let changed: Vec<(String, String)> = s["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_string(),
                c["fields"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            ("SE:01".into(), "title".into()),
            ("SE:02".into(), "text".into())
        ],
        "{s:#}"
    );
    assert_eq!(codes(&s["removed"]), ["SE:03", "Slower recovery"], "{s:#}");

    let before = std::fs::read_to_string(&file).unwrap();
    let o = ok(review(
        d,
        &["update", "r.md", "--index", v2.to_str().unwrap()],
    ));
    let said = stdout(&o);
    assert!(said.contains("2 new, 2 changed, 2 removed"), "{said}");
    assert_eq!(std::fs::read_to_string(d.join("r.md.bak")).unwrap(), before);
    let after = std::fs::read_to_string(&file).unwrap();
    // Statuses, risks, notes and reworded text kept; changes flagged and shown.
    let se01 = line_with(&after, "**SE:01**");
    assert!(
        se01.starts_with("- [x] **SE:01**")
            && se01.contains("(baseline v2) risk: high _(guidance changed)_ <!--"),
        "{se01}"
    );
    assert!(
        after.contains(
            "  - _2026-12-01: the guidance's title and text changed; now: “Maintain a security baseline”"
        ),
        "{after}"
    );
    let se02 = line_with(&after, "**SE:02**");
    assert!(
        se02.starts_with("- [x] **SE:02**") && se02.contains("_(guidance changed)_"),
        "{se02}"
    );
    assert!(after.contains("  - Entra ID groups done; service principals next.\n  - Owner: Ana\n  - _2026-12-01: the guidance's text changed;"), "{after}");
    assert!(line_with(&after, "**SE:03**").contains("_(guidance removed)_"));
    assert!(line_with(&after, "Slower recovery").starts_with("- [-]"));
    assert!(line_with(&after, "Slower recovery").contains("_(guidance removed)_"));
    let se13 = line_with(&after, "**SE:13**");
    assert!(
        se13.starts_with("- [ ] **SE:13**") && se13.contains("_(new)_"),
        "{se13}"
    );
    // New items go in their query's section.
    let security = after.find("## security checklist").unwrap();
    let tradeoffs = after.find("## tradeoffs of security").unwrap();
    let at = after.find("**SE:13**").unwrap();
    assert!(security < at && at < tradeoffs, "{after}");
    assert!(after[tradeoffs..].contains("Longer onboarding"));
    assert!(line_with(&after, "**XO:01**").contains("Risk: Medium"));
    assert!(after.contains("- [ ] Our own item: write the runbook\n"));
    assert!(after.contains("updated: \"2026-12-01\"\n"), "{after}");
    // An update that finds nothing new changes nothing but the date it ran.
    ok(review(
        d,
        &["update", "r.md", "--index", v2.to_str().unwrap()],
    ));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), after);

    // After the update the changes are recorded in the file: still listed as changed.
    let s = status_json(d, &v2, &["--since", "baseline"]);
    assert_eq!(s["items"], 12, "{s:#}");
    assert_eq!(codes(&s["changed"]), ["SE:01", "SE:02"]);
    let since = &s["since"];
    assert_eq!(since["milestone"], "baseline");
    assert_eq!(since["then"]["done"], 1);
    assert_eq!(since["then"]["partial"], 1);
    let moves: Vec<(String, serde_json::Value, serde_json::Value)> = since["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["title"].as_str().unwrap().to_string(),
                m["from"].clone(),
                m["to"].clone(),
            )
        })
        .collect();
    assert!(
        moves
            .iter()
            .any(|(t, f, to)| t.starts_with("Control identities")
                && f == "partial"
                && to == "done"),
        "{moves:?}"
    );
    assert!(
        moves
            .iter()
            .any(|(t, f, _)| t.starts_with("Rotate secrets") && f.is_null()),
        "{moves:?}"
    );
    let table = stdout(&ok(review(
        d,
        &[
            "status",
            "r.md",
            "--since",
            "baseline",
            "--index",
            v2.to_str().unwrap(),
        ],
    )));
    assert!(
        table.contains("Since baseline (2026-12-01): done 1 → 2"),
        "{table}"
    );
    assert!(table.contains("  partial → done: SE:02"), "{table}");

    // Reports.
    let report = |format: &str| {
        stdout(&ok(review(
            d,
            &[
                "report",
                "r.md",
                "--format",
                format,
                "--index",
                v2.to_str().unwrap(),
            ],
        )))
    };
    let md = report("md");
    assert!(md.starts_with("# Widget shop — review report\n"), "{md}");
    assert!(
        md.contains("| Security | 10 | 2 | 0 | 7 | 1 | 22% |"),
        "{md}"
    );
    assert!(md.contains("## High risks\n\n- **SE:01** "), "{md}");
    assert!(md.contains("## Open items\n"), "{md}");
    assert!(
        md.contains("Rotate secrets") || md.contains("SE:13"),
        "{md}"
    );
    let html = report("html");
    assert!(
        html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{html}"
    );
    assert!(
        !html.contains("<script") && !html.contains(" src="),
        "nothing from the network"
    );
    assert!(html.contains("<h2>High risks</h2>"), "{html}");
    let csv = report("csv");
    assert!(
        csv.starts_with("section,id,code,title,status,risk,pillar,state,url,line\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 13, "{csv}");
    assert!(line_with(&csv, "SE:03").contains(",removed,"), "{csv}");
    assert!(line_with(&csv, "SE:13").contains(",new,"), "{csv}");
    assert!(line_with(&csv, "SE:01").contains(",changed,"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(json["items"], 12);
    assert!(
        json["open_items"].as_array().unwrap().len() >= 5,
        "{json:#}"
    );
}

#[test]
fn review_report_escapes_what_the_file_says() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, index) = corpus_and_index(d, "v1");
    let ix = index.to_str().unwrap();
    ok(review(
        d,
        &[
            "new",
            "r.md",
            "--title",
            "<script>alert(1)</script> & co",
            "--query",
            "security checklist for Azure",
            "--index",
            ix,
        ],
    ));
    let file = d.join("r.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text + "- [ ] <img src=x onerror=alert(2)> [x](javascript:alert(3))\n",
    )
    .unwrap();
    let html = stdout(&ok(review(
        d,
        &["report", "r.md", "--format", "html", "--index", ix],
    )));
    assert!(
        !html.contains("<script>alert") && !html.contains("<img") && !html.contains("javascript:"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{html}"
    );
}

/// A hand-edited file's mistakes, each with its line; the file is left as it was.
#[test]
fn review_mistakes_name_their_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, index) = corpus_and_index(d, "v1");
    let ix = index.to_str().unwrap();
    let file = new_review(d, &index);
    let good = std::fs::read_to_string(&file).unwrap();
    let n = |needle: &str| good.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let se01 = n("**SE:01**");
    let se02 = n("**SE:02**");
    let dup = line_with(&good, "**SE:01**").to_string();
    let cases: Vec<(String, String)> = vec![
        (
            good.replacen("- [ ] **SE:01**", "- [done] **SE:01**", 1),
            format!("r.md:{se01}: unknown status box `[done]`"),
        ),
        (
            good.replacen(
                &line_with(&good, "**SE:02**").to_string(),
                &format!("{}\n{dup}", line_with(&good, "**SE:02**")),
                1,
            ),
            format!(
                "r.md:{}: the id recommendation:azure-se-01 is already on line {se01}",
                se02 + 1
            ),
        ),
        (
            good.replacen("- [ ] **SE:02**", "- [x] risk: low **SE:02**", 1),
            format!("r.md:{se02}: unknown risk `low`"),
        ),
        (
            good.replacen("title: \"Widget shop\"", "title: [Widget", 1),
            "r.md:3: the front matter is not a review's".to_string(),
        ),
        (
            good.replacen("---\n\n# Widget", "\n# Widget", 1),
            "r.md:1: the front matter opened here is never closed".to_string(),
        ),
        (
            good.replacen("guidegraph-review: 1", "guidegraph-review: 7", 1),
            "r.md:2: this review is of format 7".to_string(),
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&file, &text).unwrap();
        for args in [
            vec!["status", "r.md", "--index", ix],
            vec!["update", "r.md", "--index", ix],
            vec!["milestone", "r.md", "m1"],
            vec!["report", "r.md", "--index", ix],
        ] {
            let o = review(d, &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(&expected),
                "{args:?}: expected {expected:?} in\n{}",
                stderr(&o)
            );
            assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
            assert_eq!(
                std::fs::read_to_string(&file).unwrap(),
                text,
                "{args:?} left the file alone"
            );
            assert!(!d.join("r.md.bak").exists());
        }
    }
    // Several mistakes are reported at once.
    std::fs::write(
        &file,
        good.replacen("- [ ] **SE:01**", "- [?] **SE:01**", 1)
            .replacen("- [ ] **SE:02**", "- [o] **SE:02**", 1),
    )
    .unwrap();
    let o = review(d, &["status", "r.md", "--index", ix]);
    assert!(
        stderr(&o).contains(&format!("r.md:{se01}:"))
            && stderr(&o).contains(&format!("r.md:{se02}:")),
        "{}",
        stderr(&o)
    );
    // An unknown milestone.
    std::fs::write(&file, &good).unwrap();
    let o = review(d, &["status", "r.md", "--since", "q9", "--index", ix]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no milestone `q9`"), "{}", stderr(&o));
}

/// An item still in the guidance that no query of the review finds any more is flagged
/// by `update`, and the flag is taken back when a query finds it again.
#[test]
fn review_update_flags_items_no_query_lists() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, index) = corpus_and_index(d, "v1");
    let ix = index.to_str().unwrap();
    let file = new_review(d, &index);
    let text = std::fs::read_to_string(&file).unwrap();
    let fewer = text.replacen("  - query: \"tradeoffs of security\"\n", "", 1);
    std::fs::write(&file, &fewer).unwrap();
    let said = stdout(&ok(review(d, &["update", "r.md", "--index", ix])));
    assert!(said.contains("5 no longer listed"), "{said}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        line_with(&after, "More moving parts").contains(" _(no longer listed)_ <!--"),
        "{after}"
    );
    let s = status_json(d, &index, &[]);
    assert_eq!(s["unlisted"].as_array().unwrap().len(), 5, "{s:#}");
    // The query back: the flags go.
    std::fs::write(
        &file,
        after.replacen(
            "  - query: \"security checklist for Azure\"\n",
            "  - query: \"security checklist for Azure\"\n  - query: \"tradeoffs of security\"\n",
            1,
        ),
    )
    .unwrap();
    let said = stdout(&ok(review(d, &["update", "r.md", "--index", ix])));
    assert!(
        said.contains("0 new, 0 changed, 0 removed, 0 no longer listed"),
        "{said}"
    );
    let back = std::fs::read_to_string(&file).unwrap();
    assert!(!back.contains("_(no longer listed)_"), "{back}");
    assert_eq!(
        back.lines()
            .filter(|l| l.starts_with("- ["))
            .collect::<Vec<_>>(),
        text.lines()
            .filter(|l| l.starts_with("- ["))
            .collect::<Vec<_>>(),
        "the items as they were"
    );
}

/// A headless Chromium, when the machine has one (Debian's `chromium-headless-shell` or
/// `chromium`).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium-headless-shell", "chromium", "chromium-browser"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Renders `html` to a PNG with `browser`; its bytes.
fn screenshot(browser: &Path, dir: &Path, name: &str, html: &str) -> Vec<u8> {
    let page = dir.join(format!("{name}.html"));
    let png = dir.join(format!("{name}.png"));
    std::fs::write(&page, html).unwrap();
    let o = std::process::Command::new(browser)
        .env("HOME", dir)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1000,900",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join(format!("{name}-profile")).display()
        ))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(png.is_file(), "no screenshot: {}", stderr(&o));
    std::fs::read(png).unwrap()
}

/// The HTML report renders in a real browser (issue 20): a screenshot that is a PNG, and
/// more than an empty page's. Skipped, saying so, where no Chromium is installed.
#[test]
fn review_html_report_renders_in_a_browser() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: no chromium-headless-shell or chromium on PATH (apt-get install chromium-headless-shell)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, index) = corpus_and_index(d, "v1");
    let ix = index.to_str().unwrap();
    new_review(d, &index);
    edit_by_hand(&d.join("r.md"));
    let html = stdout(&ok(review(
        d,
        &["report", "r.md", "--format", "html", "--index", ix],
    )));
    let report = screenshot(&browser, d, "report", &html);
    let blank = screenshot(
        &browser,
        d,
        "blank",
        "<!DOCTYPE html><html><body></body></html>",
    );
    assert!(report.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        report.len() > 4 * blank.len() && report.len() > 10_000,
        "the report ({} bytes) looks empty next to a blank page ({} bytes)",
        report.len(),
        blank.len()
    );
}

/// The review file as `new` writes it, and the table `status` prints for it once edited.
#[test]
fn review_file_and_status_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, index) = corpus_and_index(d, "v1");
    let file = new_review(d, &index);
    insta::assert_snapshot!("review_new_file", std::fs::read_to_string(&file).unwrap());
    edit_by_hand(&file);
    let table = stdout(&ok(review(
        d,
        &["status", "r.md", "--index", index.to_str().unwrap()],
    )));
    insta::assert_snapshot!("review_status_table", table);
}

/// Lines a hand-edited review may hold, and pieces of broken ones.
fn review_line() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop::sample::select(vec![
        "- [ ] ",
        "- [x] ",
        "- [~] ",
        "- [-] ",
        "- [X] ",
        "- [?] ",
        "- [",
        "* [ ] ",
        "  - ",
        "## ",
        "```",
        "<!-- ",
        "-->",
        "<!-- id=a:b fp=1.2 -->",
        "<!-- id=",
        "id=%zz",
        "<!-- query: q -->",
        "risk: high",
        "risk: medium",
        "risk:",
        "risk: low",
        "**SE:01**",
        "[t](<u>)",
        "_(guidance changed)_",
        "é",
        "\t",
        " ",
        "x",
        "%",
        "\\(",
        "---",
    ]);
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any body after a good front matter is read or refused with lines that exist; a
    /// file read is written back as it was.
    #[test]
    fn review_files_are_read_losslessly_or_refused_with_a_line(
        lines in proptest::collection::vec(review_line(), 0..30)
    ) {
        let mut text = String::from("---\nguidegraph-review: 1\ntitle: \"T\"\ncreated: \"2026-12-01\"\n---\n");
        for l in &lines {
            text.push_str(l);
            text.push('\n');
        }
        let count = text.lines().count();
        match guidegraph::review::parse::parse(&text) {
            Ok(r) => {
                for item in r.items() {
                    let _ = (item.plain_title(), item.code());
                }
                proptest::prop_assert_eq!(guidegraph::review::write::render(&r), text);
            }
            Err(errors) => {
                proptest::prop_assert!(!errors.is_empty());
                for e in errors {
                    proptest::prop_assert!(e.line >= 1 && e.line <= count, "{:?} of {}", e, count);
                }
            }
        }
    }
}
