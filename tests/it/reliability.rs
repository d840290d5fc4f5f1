//! Interruption and concurrency: a killed build, two builds at once, and a reader open
//! while the index is rebuilt.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use guidegraph::corpus::Root;
use guidegraph::store::Store;
use guidegraph::{indexer, query};

use crate::common::{build_index, copy_dir, fixture_roots, gg, run, stderr, stdout};

/// A corpus larger than the fixtures (so a build takes a while) whose answers differ from
/// theirs: `copies` copies of the fixture corpora, each under its own folder.
fn big_corpus(dir: &Path, copies: usize) -> PathBuf {
    let out = dir.join("big");
    for k in 0..copies {
        for root in fixture_roots() {
            let name = root.file_name().unwrap().to_owned();
            copy_dir(&root, &out.join(format!("copy-{k:03}")).join(name));
        }
    }
    out
}

fn answer(cwd: &Path, index: &Path) -> (Option<i32>, String, String) {
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(index)
        .arg("security checklist"));
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn killing_index_at_random_points_leaves_a_working_index() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_corpus(tmp.path(), 40);
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let (_, before, _) = answer(tmp.path(), &index);
    let other = tmp.path().join("other");
    build_index(tmp.path(), &other, std::slice::from_ref(&big));
    let (_, after, _) = answer(tmp.path(), &other);
    assert_ne!(before, after);
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("seed {seed}");
    for round in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(seed % 400);
        let mut child = gg(tmp.path())
            .args(["index", "--force", "--index"])
            .arg(&index)
            .arg("--corpus")
            .arg(&big)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let (code, now, err) = answer(tmp.path(), &index);
        assert_eq!(code, Some(0), "round {round}, killed after {wait:?}: {err}");
        assert!(
            now == before || now == after,
            "round {round}: an answer that is neither index's"
        );
    }
    // The next complete build cleans up what killed builds left behind.
    build_index(tmp.path(), &index, std::slice::from_ref(&big));
    let leftovers = fs::read_dir(&index)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
    assert_eq!(answer(tmp.path(), &index).1, after);
}

#[test]
fn two_index_runs_on_one_folder_take_turns() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_corpus(tmp.path(), 20);
    let index = tmp.path().join("index");
    let spawn = |corpus: &[PathBuf]| {
        let mut cmd = gg(tmp.path());
        cmd.args(["index", "--force", "--index"]).arg(&index);
        for c in corpus {
            cmd.arg("--corpus").arg(c);
        }
        cmd.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = spawn(std::slice::from_ref(&big));
    let second = spawn(&fixture_roots());
    let (a, b) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert!(
        a.status.success() && b.status.success(),
        "{}{}",
        stderr(&a),
        stderr(&b)
    );
    // Whichever finished last is the index, whole: its manifest, records and answers agree.
    let store = Store::open(&index).unwrap();
    let files = store.files().unwrap();
    assert_eq!(files.files.len(), store.manifest.files);
    let big_root = big.canonicalize().unwrap().display().to_string();
    let from_big = store.manifest.roots == [big_root];
    let n = crate::common::fixture_files();
    assert_eq!(files.files.len(), if from_big { 20 * n } else { n });
    let a = query::answer(&store, "SE:01", Some(10)).unwrap();
    let sources = a.results[0].sources.len();
    assert_eq!(sources, if from_big { 20 } else { 1 });
}

#[test]
fn a_reader_keeps_answering_from_the_index_it_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_corpus(tmp.path(), 5);
    let index = tmp.path().join("index");
    let fixtures: Vec<Root> = fixture_roots().into_iter().map(Root::Dir).collect();
    indexer::run(&fixtures, &index, false, || {}).unwrap();
    let store = Store::open(&index).unwrap();
    let before = query::answer(&store, "security checklist", Some(10)).unwrap();
    // Two rebuilds: the generation the reader opened is pruned from the folder.
    for _ in 0..2 {
        indexer::run(&[Root::Dir(big.clone())], &index, true, || {}).unwrap();
    }
    let after = query::answer(&store, "security checklist", Some(10)).unwrap();
    let ids = |a: &query::Answer| {
        a.results
            .iter()
            .map(|r| (r.id.clone(), r.sources.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&before), ids(&after));
    // Its graph still loads, from the file it opened.
    assert!(
        query::answer(&store, "neighbors of SE:01", Some(10))
            .unwrap()
            .results
            .len()
            > 2
    );
    // A new reader sees the new index.
    let fresh = Store::open(&index).unwrap();
    assert_ne!(
        ids(&query::answer(&fresh, "security checklist", Some(10)).unwrap()),
        ids(&before)
    );
}

#[test]
fn a_corpus_that_vanishes_mid_build_keeps_the_previous_index() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &fixture_roots());
    let (_, mut current, _) = answer(tmp.path(), &index);
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut failures = 0;
    for round in 0..6 {
        let big = big_corpus(&tmp.path().join(format!("round-{round}")), 60);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let child = gg(tmp.path())
            .args(["index", "--force", "--index"])
            .arg(&index)
            .arg("--corpus")
            .arg(&big)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + (seed >> 33) % 300));
        fs::remove_dir_all(&big).unwrap();
        let out = child.wait_with_output().unwrap();
        let (code, now, err) = answer(tmp.path(), &index);
        assert_eq!(code, Some(0), "round {round}: {err}");
        if out.status.success() {
            // Finished (or read everything) before the corpus went: a whole new index.
            current = now;
            continue;
        }
        failures += 1;
        assert_eq!(now, current, "round {round}: the previous index changed");
        let why = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "round {round}: {why}");
        assert!(
            why.contains("vanished") && why.contains("previous index is kept"),
            "{why}"
        );
        assert!(!why.contains("panicked"), "{why}");
        let leftovers = fs::read_dir(&index)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
            .count();
        assert_eq!(
            leftovers, 0,
            "round {round}: a half-written generation was left"
        );
    }
    println!("{failures} of 6 builds lost their corpus mid-way");
}
