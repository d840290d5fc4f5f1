//! `url` on results: the article's page on Microsoft Learn with the heading's anchor,
//! derived from the corpus's own metadata (issue 12).

use std::path::Path;

use crate::common::{build_index, copy_dir, fixtures, gg, run, stderr, stdout};

/// The fixture corpora with the metadata the published docsets have: Azure's breadcrumb,
/// Power Platform's landing page.
pub fn published_corpora(dir: &Path) -> Vec<std::path::PathBuf> {
    let azure = dir.join("azure-waf");
    copy_dir(&fixtures().join("azure-waf"), &azure);
    std::fs::create_dir_all(azure.join("breadcrumb")).unwrap();
    std::fs::write(
        azure.join("breadcrumb/toc.yml"),
        "- name: Azure\n  tocHref: /azure/\n  topicHref: /azure/index\n  items:\n  - name: Well-Architected Framework\n    tocHref: /azure/well-architected/\n    topicHref: /azure/well-architected/index\n    items:\n    - name: Security\n      tocHref: /azure/well-architected/security/\n      topicHref: /azure/well-architected/security/index\n    - name: AI\n      tocHref: /azure/well-architected/ai/\n",
    )
    .unwrap();
    let power = dir.join("power-platform-waf");
    copy_dir(&fixtures().join("power-platform-waf"), &power);
    std::fs::write(
        power.join("index.yml"),
        "### YamlMime:Landing\ntitle: Power Platform Well-Architected\nmetadata:\n  ms.service: power-platform\n  ms.subservice: well-architected\n",
    )
    .unwrap();
    vec![azure, power]
}

fn json(cwd: &Path, index: &Path, q: &str) -> Vec<serde_json::Value> {
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(index)
        .arg(q));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["results"].as_array().unwrap().clone()
}

#[test]
fn every_result_of_a_published_corpus_links_to_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let index = cwd.join("idx");
    build_index(cwd, &index, &published_corpora(cwd));
    let mut seen = 0;
    for q in [
        "security checklist",
        "SE:02",
        "experience optimization",
        "tradeoffs",
    ] {
        for r in json(cwd, &index, q) {
            let s = &r["sources"][0];
            let path = s["path"].as_str().unwrap().trim_end_matches(".md");
            let base = match s["corpus"].as_str().unwrap() {
                "azure-waf" => "https://learn.microsoft.com/azure/well-architected/",
                "power-platform-waf" => {
                    "https://learn.microsoft.com/power-platform/well-architected/"
                }
                other => panic!("unexpected corpus {other}"),
            };
            let url = r["url"].as_str().unwrap_or_else(|| panic!("no url: {r}"));
            let page = format!("{base}{path}");
            assert!(
                url == page || url.starts_with(&format!("{page}#")),
                "{url} is not the page of {path}"
            );
            seen += 1;
        }
    }
    assert!(seen > 5, "too few results checked: {seen}");
    let r = json(cwd, &index, "SE:02")
        .into_iter()
        .find(|r| r["kind"] == "recommendation")
        .unwrap();
    assert_eq!(
        r["url"],
        "https://learn.microsoft.com/azure/well-architected/security/checklist#checklist"
    );
}

#[test]
fn checklists_link_titles_and_wide_tables_show_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let index = cwd.join("idx");
    build_index(cwd, &index, &published_corpora(cwd));
    let url = "https://learn.microsoft.com/azure/well-architected/security/checklist#checklist";
    let md = run(gg(cwd)
        .args(["query", "--format", "markdown", "--index"])
        .arg(&index)
        .arg("SE:02"));
    assert!(
        stdout(&md).contains(&format!("](<{url}>)")),
        "{}",
        stdout(&md)
    );
    let narrow = run(gg(cwd).args(["query", "--index"]).arg(&index).arg("SE:02"));
    assert!(!stdout(&narrow).contains(url), "{}", stdout(&narrow));
    let wide = run(gg(cwd)
        .args(["query", "--wide", "--index"])
        .arg(&index)
        .arg("SE:02"));
    assert!(stdout(&wide).contains(url), "{}", stdout(&wide));
}

#[test]
fn a_corpus_without_publishing_metadata_gets_no_url() {
    let v = crate::common::query_json("security checklist");
    let results = crate::common::results(&v);
    assert!(!results.is_empty());
    assert!(
        results.iter().all(|r| r.get("url").is_none()),
        "{results:?}"
    );
}
