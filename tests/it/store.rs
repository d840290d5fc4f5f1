//! The on-disk index: determinism, re-index, atomic replacement, damaged and foreign
//! indexes, and building on first use.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{build_index, copy_dir, fixture_roots, gg, run, stderr, stdout};

fn live(index: &Path) -> PathBuf {
    index.join(fs::read_to_string(index.join("CURRENT")).unwrap().trim())
}

fn query_ok(cwd: &Path, index: &Path, q: &str) -> String {
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(index)
        .arg(q));
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_same_corpus_gives_byte_identical_graphs_and_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_index(tmp.path(), &a, &fixture_roots());
    build_index(tmp.path(), &b, &fixture_roots());
    let ga = fs::read(live(&a).join("graph.bin")).unwrap();
    let gb = fs::read(live(&b).join("graph.bin")).unwrap();
    assert!(!ga.is_empty());
    assert!(ga == gb, "graph files differ");
    assert_eq!(
        query_ok(tmp.path(), &a, "SE:02"),
        query_ok(tmp.path(), &b, "SE:02")
    );
}

#[test]
fn an_unchanged_corpus_is_not_reindexed_and_a_changed_one_is() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(corpus.join("a.md"), "# First title\n").unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    let again = build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    assert!(stdout(&again).contains("up to date"), "{}", stdout(&again));
    fs::write(corpus.join("a.md"), "# Second title\n").unwrap();
    let changed = build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    assert!(!stdout(&changed).contains("up to date"));
    assert!(query_ok(tmp.path(), &index, "Second title").contains("Second title"));
}

#[test]
fn a_failed_build_leaves_the_previous_index_answering() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let before = query_ok(tmp.path(), &index, "security checklist");
    let out = run(gg(tmp.path())
        .args(["index", "--index"])
        .arg(&index)
        .args(["--corpus", "vanished"]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(query_ok(tmp.path(), &index, "security checklist"), before);
    let leftovers: Vec<_> = fs::read_dir(&index)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

fn query_in(index: &Path, cwd: &Path, q: &str) -> (Option<i32>, String, String) {
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(index)
        .arg(q));
    (out.status.code(), stdout(&out), stderr(&out))
}

fn damaged_query(index: &Path, cwd: &Path) -> (Option<i32>, String) {
    let (code, _, err) = query_in(index, cwd, "SE:01");
    (code, err)
}

fn damage(path: &Path, how: &str) {
    let mut bytes = fs::read(path).unwrap();
    if how == "truncate" {
        bytes.truncate(bytes.len() / 2);
    } else {
        for b in bytes.iter_mut().skip(3).step_by(7) {
            *b = b.wrapping_add(13);
        }
    }
    fs::write(path, bytes).unwrap();
}

/// Every damaged file makes a query that reads it fail with the fix named, never panic and
/// never answer wrongly. Searches do not read the graph file (traversals do, and check its
/// checksum first), so a scrambled graph leaves searches answering exactly as before.
#[test]
fn truncated_or_scrambled_files_are_reported_with_the_fix() {
    for (file, how, search_reads_it) in [
        ("graph.bin", "truncate", true),
        ("graph.bin", "scramble", false),
        ("manifest.json", "truncate", true),
        ("manifest.json", "scramble", true),
        ("CURRENT", "scramble", true),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        build_index(tmp.path(), &index, &fixture_roots());
        let (_, before, _) = query_in(&index, tmp.path(), "SE:01");
        let path = if file == "CURRENT" {
            index.join(file)
        } else {
            live(&index).join(file)
        };
        damage(&path, how);
        let (code, _, err) = query_in(&index, tmp.path(), "neighbors of SE:01");
        assert_eq!(code, Some(1), "{file} {how}, traversal: {err}");
        assert!(err.contains("guidegraph index"), "{file} {how}: {err}");
        assert!(!err.contains("panicked"), "{file} {how}: {err}");
        let (code, out, err) = query_in(&index, tmp.path(), "SE:01");
        if search_reads_it {
            assert_eq!(code, Some(1), "{file} {how}, search: {err}");
            assert!(err.contains("guidegraph index"), "{file} {how}: {err}");
        } else {
            assert_eq!(code, Some(0), "{file} {how}, search: {err}");
            assert_eq!(out, before, "{file} {how}: the search changed");
        }
        assert!(!err.contains("panicked"), "{file} {how}: {err}");
    }
}

/// The file records serve `stats` and `index`, not answers: damaged, they fail `stats`
/// with the fix and leave queries answering.
#[test]
fn damaged_file_records_fail_stats_but_not_queries() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let (_, before, _) = query_in(&index, tmp.path(), "SE:01");
    damage(&live(&index).join("files.json"), "scramble");
    for format in ["text", "json"] {
        let out = run(gg(tmp.path())
            .args(["stats", "--format", format, "--index"])
            .arg(&index));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        assert!(
            err.contains("files.json") && err.contains("guidegraph index --index"),
            "{format}: {err}"
        );
    }
    let (code, after, err) = query_in(&index, tmp.path(), "SE:01");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(after, before);
}

#[test]
fn damaged_file_records_make_the_next_index_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    damage(&live(&index).join("files.json"), "scramble");
    let again = build_index(tmp.path(), &index, &fixture_roots());
    assert!(!stdout(&again).contains("up to date"), "{}", stdout(&again));
    let (code, _, err) = query_in(&index, tmp.path(), "neighbors of SE:01");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn text_index_damage_is_reported_too() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let text = live(&index).join("text");
    for e in fs::read_dir(&text).unwrap().flatten() {
        let len = e.metadata().unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(e.path())
            .unwrap()
            .set_len(len / 3)
            .unwrap();
    }
    let out = run(gg(tmp.path())
        .args(["query", "--index"])
        .arg(&index)
        .arg("secrets"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("guidegraph index"),
        "{}",
        stderr(&out)
    );
}

/// Bytes changed inside a full-text file, its length and footer kept, would pass tantivy's
/// own checks on open and then panic or answer wrongly; the stamps catch every one.
#[test]
fn text_index_files_scrambled_in_place_are_reported_too() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let text = live(&index).join("text");
    let names: Vec<_> = fs::read_dir(&text)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(names.len() > 5, "{names:?}");
    for name in names {
        let copy = tmp.path().join("copy");
        let _ = fs::remove_dir_all(&copy);
        copy_dir(&index, &copy);
        let file = live(&copy).join("text").join(&name);
        let mut bytes = fs::read(&file).unwrap();
        let n = bytes.len();
        for b in bytes[n / 4..n * 3 / 4].iter_mut().step_by(5) {
            *b = b.wrapping_add(13);
        }
        fs::write(&file, bytes).unwrap();
        for q in ["secrets", "SE:01", "challenges for AI workloads on Azure"] {
            let (code, _, err) = query_in(&copy, tmp.path(), q);
            assert_eq!(code, Some(1), "{name:?} [{q}]: {err}");
            assert!(
                err.contains("does not match its checksum") && err.contains("guidegraph index"),
                "{name:?} [{q}]: {err}"
            );
        }
    }
}

#[test]
fn an_index_of_another_format_says_to_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let manifest = live(&index).join("manifest.json");
    let text = fs::read_to_string(&manifest).unwrap().replacen(
        &format!("\"format\": {}", guidegraph::store::FORMAT),
        "\"format\": 999",
        1,
    );
    fs::write(&manifest, text).unwrap();
    let (code, err) = damaged_query(&index, tmp.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("format 999") && err.contains("guidegraph index --index"),
        "{err}"
    );
}

#[test]
fn a_missing_index_names_the_command_to_build_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, err) = damaged_query(&tmp.path().join("none"), tmp.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no index at") && err.contains("guidegraph index --index"),
        "{err}"
    );
}

#[test]
fn the_default_index_is_built_from_the_embedded_corpus_on_first_query() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path()).args([
        "query",
        "--format",
        "json",
        "design areas for AI workloads on Azure",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("building it from <embedded corpus>"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stdout(&out).matches("\"kind\": \"design-area\"").count(),
        10
    );
    assert!(tmp.path().join("data/guidegraph/index/CURRENT").exists());
    // The second query opens what the first built.
    let again = run(gg(tmp.path()).args(["query", "SE:05"]));
    assert!(!stderr(&again).contains("building"));
}

#[test]
fn stats_reports_counts_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let out = run(gg(tmp.path())
        .args(["stats", "--format", "json", "--index"])
        .arg(&index));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"], crate::common::fixture_files());
    assert_eq!(v["kinds"]["challenge"], 7);
    assert!(v["edges"].as_u64().unwrap() > 50);
    assert_eq!(v["changed_files"], 0);
}

#[test]
fn stats_says_when_the_corpus_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(corpus.join("a.md"), "# One\n").unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    fs::write(corpus.join("a.md"), "# Two\n").unwrap();
    fs::write(corpus.join("b.md"), "# Three\n").unwrap();
    let out = run(gg(tmp.path()).args(["stats", "--index"]).arg(&index));
    assert!(
        stdout(&out).contains("corpus: 2 file(s) added, changed or removed"),
        "{}",
        stdout(&out)
    );
}
