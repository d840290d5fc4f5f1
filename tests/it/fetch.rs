//! `guidegraph fetch` against local git repositories built by the tests with the real `git`
//! (no network): a first fetch, an update, `--rev`, unreachable and wrong repositories, a
//! killed fetch; and `index`/`query` with no `--corpus` reading what was fetched (issue 12).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{copy_dir, fixtures, gg, run, stderr, stdout};

/// Runs git in `dir` as a fixed author; panics with git's message if it fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A repository shaped like MicrosoftDocs/well-architected: the fixture articles in
/// `well-architected/`, something else beside them; one commit. Returns its path.
pub fn docs_repo(dir: &Path) -> PathBuf {
    let repo = dir.join("upstream");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    copy_dir(
        &fixtures().join("azure-waf"),
        &repo.join("well-architected"),
    );
    std::fs::create_dir_all(repo.join("other")).unwrap();
    std::fs::write(repo.join("other/unrelated.md"), "# Not guidance\n").unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "first"]);
    repo
}

/// [`add_article`], for the other modules' tests.
pub fn add_article_for_tests(repo: &Path, word: &str) -> String {
    add_article(repo, word)
}

/// Adds an article with a word found nowhere else and commits it; returns the commit.
fn add_article(repo: &Path, word: &str) -> String {
    std::fs::write(
        repo.join(format!("well-architected/security/{word}.md")),
        format!(
            "---\ntitle: Recommendations for {word}\nms.topic: conceptual\n---\n\n# Recommendations for {word}\n\nUse {word} for every workload that stores customer data.\n"
        ),
    )
    .unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", word]);
    git(repo, &["rev-parse", "HEAD"])
}

fn copy_of(cwd: &Path) -> PathBuf {
    cwd.join("data/guidegraph/corpus/azure")
}

fn fetch(cwd: &Path, args: &[&str]) -> std::process::Output {
    run(gg(cwd).arg("fetch").args(args))
}

fn record(cwd: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(copy_of(cwd).join(".guidegraph-fetch.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn query_titles(cwd: &Path, q: &str) -> Vec<String> {
    let out = run(gg(cwd).args(["query", "--format", "json", q]));
    assert!(out.status.success(), "query failed: {}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn fetch_updates_in_place_and_index_reads_it_without_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let first = git(&repo, &["rev-parse", "HEAD"]);

    let out = fetch(cwd, &["azure", "--from", repo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&first[..12]), "{}", stdout(&out));
    assert_eq!(record(cwd)["commit"], first.as_str());
    assert!(copy_of(cwd).join("security/checklist.md").is_file());
    // Only the source's folder is kept, as the corpus root.
    assert!(!copy_of(cwd).join("other").exists());
    assert!(!copy_of(cwd).join(".git").exists());

    let second = add_article(&repo, "tokenization");
    let out = fetch(cwd, &["azure", "--from", repo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("updated from {}", &first[..12])),
        "{}",
        stdout(&out)
    );
    assert_eq!(record(cwd)["commit"], second.as_str());

    let index = cwd.join("idx");
    let out = run(gg(cwd).arg("index").arg("--index").arg(&index));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("fetched"), "{}", stderr(&out));
    let store = guidegraph::store::Store::open(&index).unwrap();
    let origin = &store.manifest.corpora[0];
    assert_eq!(origin.source.as_deref(), Some("azure"));
    assert_eq!(origin.commit.as_deref(), Some(second.as_str()));
    assert_eq!(
        origin.repository.as_deref(),
        Some(repo.canonicalize().unwrap().to_str().unwrap())
    );

    // A first query with no index builds the default one from the fetched copy.
    let titles = query_titles(cwd, "tokenization");
    assert!(
        titles.iter().any(|t| t.contains("tokenization")),
        "{titles:?}"
    );
    // The copy is named after its source, which cites it and places it on its platform.
    let out = run(gg(cwd).args(["query", "--format", "json", "SE:02"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["results"][0];
    assert_eq!(first["sources"][0]["corpus"], "azure", "{first}");
    assert_eq!(first["platforms"][0], "Azure", "{first}");
}

#[test]
fn rev_picks_a_commit_a_tag_or_a_branch() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let first = git(&repo, &["rev-parse", "HEAD"]);
    git(&repo, &["tag", "-a", "v1", "-m", "v1"]);
    let second = add_article(&repo, "tokenization");
    let from = repo.to_str().unwrap();
    let article = copy_of(cwd).join("security/tokenization.md");

    let out = fetch(cwd, &["azure", "--from", from, "--rev", &first]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(record(cwd)["commit"], first.as_str());
    assert!(!article.exists());

    let out = fetch(cwd, &["azure", "--from", from, "--rev", "main"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(record(cwd)["commit"], second.as_str());
    assert!(article.is_file());

    let out = fetch(cwd, &["azure", "--from", from, "--rev", "v1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(record(cwd)["commit"], first.as_str());
    assert!(!article.exists());

    let out = fetch(cwd, &["azure", "--from", from, "--rev", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-such-branch"), "{}", stderr(&out));
    assert_eq!(record(cwd)["commit"], first.as_str());
}

/// Names of what is in the corpus folder (copies and leftovers; not the lock files).
fn entries(cwd: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(cwd.join("data/guidegraph/corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    v.sort();
    v
}

#[test]
fn an_unreachable_repository_leaves_the_copy_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let first = git(&repo, &["rev-parse", "HEAD"]);
    let out = fetch(cwd, &["azure", "--from", repo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let checklist = copy_of(cwd).join("security/checklist.md");
    let before = std::fs::read(&checklist).unwrap();

    for bad in [
        cwd.join("nowhere").display().to_string(),
        format!("file://{}/nowhere", cwd.display()),
    ] {
        let out = fetch(cwd, &["azure", "--from", &bad]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("cannot fetch azure from"), "{err}");
        assert!(err.contains("nowhere"), "{err}");
        assert_eq!(record(cwd)["commit"], first.as_str());
        assert_eq!(std::fs::read(&checklist).unwrap(), before);
        assert_eq!(entries(cwd), ["azure"]);
    }
}

#[test]
fn a_repository_without_the_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    // power-platform's articles are in power-platform/well-architected/, not here.
    let out = fetch(cwd, &["power-platform", "--from", repo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("has no folder `power-platform/well-architected` for power-platform"),
        "{err}"
    );
    assert!(entries(cwd).is_empty(), "{:?}", entries(cwd));
}

#[test]
fn from_and_rev_need_one_source_and_names_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = fetch(dir.path(), &["--from", "/somewhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--from is for one source"),
        "{}",
        stderr(&out)
    );
    let out = fetch(dir.path(), &["azur"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no source called `azur`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_killed_fetch_leaves_a_copy_that_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let from = repo.to_str().unwrap().to_string();
    let out = fetch(cwd, &["azure", "--from", &from]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A larger commit, so that a fetch takes a while and is killed at some point in it.
    for i in 0..400 {
        std::fs::write(
            repo.join(format!("well-architected/bulk-{i}.md")),
            format!(
                "# Bulk {i}\n\n{}\n",
                "Some words about reliability. ".repeat(50)
            ),
        )
        .unwrap();
    }
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "bulk"]);
    for wait_ms in [5, 40, 150] {
        let mut child = gg(cwd)
            .args(["fetch", "azure", "--from", &from])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = child.kill();
        let _ = child.wait();
        let index = cwd.join(format!("idx-{wait_ms}"));
        let out = run(gg(cwd).arg("index").arg("--index").arg(&index));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("fetched"), "{}", stderr(&out));
    }

    // Killed between moving the old copy aside and moving the new one in: the old copy
    // is found and put back.
    let base = cwd.join("data/guidegraph/corpus");
    std::fs::rename(base.join("azure"), base.join(".azure.old-1")).unwrap();
    std::fs::create_dir_all(base.join(".azure.partial-2/checkout/well-architected")).unwrap();
    let index = cwd.join("idx-swap");
    let out = run(gg(cwd).arg("index").arg("--index").arg(&index));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("fetched"), "{}", stderr(&out));

    // The next fetch completes and clears what the killed ones left.
    let out = fetch(cwd, &["azure", "--from", &from]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(entries(cwd), ["azure"]);
    assert!(copy_of(cwd).join("bulk-399.md").is_file());
}

#[test]
fn index_keeps_the_corpora_an_index_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let index = cwd.join("idx");
    crate::common::build_index(cwd, &index, &crate::common::fixture_roots());
    let out = run(gg(cwd)
        .arg("index")
        .arg("--index")
        .arg(&index)
        .arg("--force"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the corpora the index was built from"),
        "{}",
        stderr(&out)
    );
    let store = guidegraph::store::Store::open(&index).unwrap();
    assert_eq!(store.manifest.roots.len(), 2);
    assert!(store.manifest.roots[0].ends_with("azure-waf"));
}

#[test]
fn diff_compares_two_commits_of_a_fetched_source() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let first = git(&repo, &["rev-parse", "HEAD"]);
    let checklist = repo.join("well-architected/security/checklist.md");
    let text = std::fs::read_to_string(&checklist).unwrap();
    std::fs::write(
        &checklist,
        text.replace(
            "**Keep a security baseline**",
            "**Maintain a security baseline**",
        ),
    )
    .unwrap();
    git(&repo, &["commit", "-q", "-am", "reword SE:01"]);
    let out = fetch(cwd, &["azure", "--from", repo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let range = format!("{}..main", &first);
    let out = run(gg(cwd).args(["diff", "--format", "json", "--rev", &range]));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["added"], serde_json::json!([]), "{v:#}");
    assert_eq!(v["removed"], serde_json::json!([]), "{v:#}");
    let changed = v["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{v:#}");
    assert_eq!(changed[0]["code"], "SE:01");
    assert_eq!(changed[0]["before"]["title"], "Keep a security baseline");
    // The fetched copy itself is left as it was.
    assert_eq!(
        record(cwd)["commit"],
        git(&repo, &["rev-parse", "HEAD"]).as_str()
    );
}

/// The README's first steps in the repository's folder (an `index/` folder and a
/// `corpus/` of three articles): a query, a fetch, and the next query answers from the
/// fetched guidance.
#[test]
fn a_query_after_fetch_answers_from_the_fetched_guidance() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    std::fs::create_dir_all(cwd.join("index")).unwrap();
    copy_dir(&fixtures().join("power-platform-waf"), &cwd.join("corpus"));
    let repo = docs_repo(cwd);
    add_article(&repo, "tokenization");

    assert!(query_titles(cwd, "tokenization").is_empty());
    let out = fetch(cwd, &["azure", "--from", repo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(gg(cwd).args(["query", "--format", "json", "tokenization"]));
    assert!(
        stderr(&out).contains("building it from the fetched guidance"),
        "{}",
        stderr(&out)
    );
    let titles = query_titles(cwd, "tokenization");
    assert!(
        titles.iter().any(|t| t.contains("tokenization")),
        "{titles:?}"
    );
    // And `index` keeps to the fetched guidance from then on.
    let out = run(gg(cwd).arg("index"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the corpora the index was built from"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("data/guidegraph/corpus/azure"),
        "{}",
        stdout(&out)
    );
}

/// The advice to rebuild a damaged index names the command that rebuilds that index,
/// with its corpora, not one that would index the founding articles instead.
#[test]
fn rebuild_advice_names_the_corpora_of_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let index = cwd.join("idx");
    let roots = crate::common::fixture_roots();
    crate::common::build_index(cwd, &index, &roots);
    let current = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let graph = index.join(current.trim()).join("graph.bin");
    let bytes = std::fs::read(&graph).unwrap();
    std::fs::write(&graph, &bytes[..bytes.len() / 2]).unwrap();
    let out = run(gg(cwd)
        .args(["query", "--index"])
        .arg(&index)
        .arg("neighbors of SE:01"));
    assert_eq!(out.status.code(), Some(1));
    let expected = format!(
        "`guidegraph index --index {} --corpus {} --corpus {}`",
        index.display(),
        roots[0].canonicalize().unwrap().display(),
        roots[1].canonicalize().unwrap().display()
    );
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
}

#[test]
fn two_fetches_at_once_both_finish_with_one_complete_copy() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let second = add_article(&repo, "tokenization");
    let from = repo.to_str().unwrap().to_string();
    let children: Vec<_> = (0..2)
        .map(|_| {
            gg(cwd)
                .args(["fetch", "azure", "--from", &from])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(entries(cwd), ["azure"]);
    assert_eq!(record(cwd)["commit"], second.as_str());
    assert!(copy_of(cwd).join("security/tokenization.md").is_file());
}
