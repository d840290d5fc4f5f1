//! Helpers: the binary, the fixture corpus, and a fixture index built once per run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// How many articles the fixture corpora hold.
pub fn fixture_files() -> usize {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() {
                    count(&p)
                } else {
                    usize::from(p.extension().is_some_and(|x| x == "md"))
                }
            })
            .sum()
    }
    fixture_roots().iter().map(|r| count(r)).sum()
}

/// The fixture corpora: Azure and Power Platform.
pub fn fixture_roots() -> Vec<PathBuf> {
    vec![
        fixtures().join("azure-waf"),
        fixtures().join("power-platform-waf"),
    ]
}

/// A `guidegraph` command run in an empty temporary folder, so no default `./index` or
/// `./corpus` of the repository is picked up, with its data folder there too.
pub fn gg(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guidegraph"));
    cmd.current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("HOME", cwd)
        .env_remove("GUIDEGRAPH_INDEX")
        .env_remove("COLUMNS")
        .stdin(Stdio::null());
    cmd
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the guidegraph binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Builds an index of `roots` into `index`; panics with stderr if it fails.
pub fn build_index(cwd: &Path, index: &Path, roots: &[PathBuf]) -> Output {
    let mut cmd = gg(cwd);
    cmd.arg("index").arg("--index").arg(index);
    for r in roots {
        cmd.arg("--corpus").arg(r);
    }
    let out = run(&mut cmd);
    assert!(out.status.success(), "index failed: {}", stderr(&out));
    out
}

struct Shared {
    _dir: tempfile::TempDir,
    index: PathBuf,
}

/// An index of the fixture corpora, built once and shared by read-only tests.
pub fn fixture_index() -> &'static Path {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    let s = SHARED.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("index");
        build_index(dir.path(), &index, &fixture_roots());
        Shared { _dir: dir, index }
    });
    &s.index
}

/// Runs a query against the fixture index and returns its JSON.
pub fn query_json(q: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(gg(dir.path())
        .args(["query", "--format", "json", "--index"])
        .arg(fixture_index())
        .arg(q));
    assert!(out.status.success(), "query {q:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("query prints JSON")
}

pub fn results(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["results"].as_array().cloned().unwrap_or_default()
}

/// Titles of a query's results, in order.
pub fn titles(q: &str) -> Vec<String> {
    results(&query_json(q))
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Codes of a query's results, in order.
pub fn codes(q: &str) -> Vec<String> {
    results(&query_json(q))
        .iter()
        .filter_map(|r| r["code"].as_str().map(str::to_string))
        .collect()
}

/// The one result titled `title` of query `q`.
pub fn result_titled(q: &str, title: &str) -> serde_json::Value {
    let found: Vec<_> = results(&query_json(q))
        .into_iter()
        .filter(|r| r["title"] == title)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one result titled {title:?} for {q:?}, got {found:?}"
    );
    found[0].clone()
}

/// Copies a folder tree (file times are not kept).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for e in std::fs::read_dir(from).expect("read the folder").flatten() {
        let target = to.join(e.file_name());
        if e.file_type().expect("file type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy a file");
        }
    }
}

/// A REPL over the fixture index fed `input` through a pipe, run to its end.
pub fn piped_repl(input: &[u8]) -> Output {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = gg(tmp.path())
        .args(["repl", "--index"])
        .arg(fixture_index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}
