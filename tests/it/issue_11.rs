//! Regression tests for issue 11 (never lose a user's file, never reach outside the corpus,
//! never crash): one test or more per item, each over input generated here.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use crate::common::{build_index, fixture_index, gg, run, stderr, stdout};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

/// Item 7: an unwritable stderr is no reason to panic.
#[cfg(unix)]
#[test]
fn a_full_stderr_does_not_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(gg(tmp.path())
        .args(["query", "--index"])
        .arg(tmp.path().join("nowhere"))
        .arg("SE:05")
        .stderr(Stdio::from(full)));
    assert_eq!(out.status.code(), Some(1), "{:?}", out.status);

    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(gg(tmp.path())
        .args(["query", "--index"])
        .arg(fixture_index())
        .arg("kind:nope")
        .stderr(Stdio::from(full)));
    assert_eq!(out.status.code(), Some(2), "{:?}", out.status);
}

/// Item 7: a piped REPL reports a line that is not UTF-8 and answers the next one.
#[test]
fn a_piped_repl_skips_an_invalid_utf8_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = gg(tmp.path())
        .args(["repl", "--index"])
        .arg(fixture_index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SE:\xff\xfe01\nSE:02\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Control identities and access"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("line 1: not valid UTF-8; skipped"),
        "{}",
        stderr(&out)
    );
}

/// Items 3 and 14: limits are whole numbers from 1 to 10000; anything else is a usage
/// error before a byte is allocated, in `query`, `run` and the REPL's `:limit`.
#[test]
fn limits_out_of_range_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    for limit in [
        "0",
        "1000000000",
        "4611686018427387904",
        "18446744073709551615",
    ] {
        let out = run(gg(tmp.path())
            .args(["query", "--limit", limit, "--index"])
            .arg(fixture_index())
            .arg("security"));
        assert_eq!(
            out.status.code(),
            Some(2),
            "--limit {limit}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("10000"), "{}", stderr(&out));
    }
    let out = run(gg(tmp.path())
        .args(["run", "--limit", "0", "--index"])
        .arg(fixture_index())
        .arg("script.txt"));
    assert_eq!(out.status.code(), Some(2));

    let mut child = gg(tmp.path())
        .args(["repl", "--index"])
        .arg(fixture_index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b":limit 4611686018427387904\n:limit 0\nSE:02\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("usage: :limit N").count(),
        2,
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("Control identities and access"));
}

/// Pipes `input` into `guidegraph repl --index index`; the finished output.
fn repl(cwd: &Path, index: &Path, input: &[u8]) -> std::process::Output {
    let mut child = gg(cwd)
        .arg("repl")
        .arg("--index")
        .arg(index)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Item 4: `:open` on a source that has since become empty, or shorter, gives a message.
#[test]
fn open_on_a_file_emptied_since_indexing_gives_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let article = "# Zebra guidance\n\nIntro.\n\n## Zebra crossings\n\nLook both ways.\n";
    write(&corpus, "zebra.md", article.as_bytes());
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    for now in ["", "# Zebra guidance\n"] {
        fs::write(corpus.join("zebra.md"), now).unwrap();
        let out = repl(tmp.path(), &index, b"zebra crossings\n:open 1\n:open 1\n");
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            stderr(&out)
                .matches("has changed since it was indexed")
                .count(),
            2,
            "{}",
            stderr(&out)
        );
    }
}

/// Item 5: `run /dev/zero` stops at the script size cap instead of reading forever.
#[cfg(unix)]
#[test]
fn run_reads_a_bounded_script() {
    let tmp = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = run(gg(tmp.path())
        .args(["run", "--index"])
        .arg(fixture_index())
        .arg("/dev/zero"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("byte limit"), "{}", stderr(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// Items 10 and 14: a byte-order mark and CR-only line endings in a `run` script.
#[test]
fn run_scripts_with_a_bom_or_cr_line_endings() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, script) in [
        ("bom.txt", "\u{feff}SE:02\n"),
        ("cr.txt", "## Review\rSE:02\rSE:01\r"),
    ] {
        write(tmp.path(), name, script.as_bytes());
        let out = run(gg(tmp.path())
            .args(["run", "--format", "json", "--index"])
            .arg(fixture_index())
            .arg(name));
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let parts = v.as_array().unwrap();
        assert_eq!(parts[0]["query"], "SE:02", "{name}");
        assert_eq!(parts[0]["results"][0]["code"], "SE:02", "{name}: {v}");
        if name == "cr.txt" {
            assert_eq!(parts.len(), 2);
            assert_eq!(parts[0]["heading"], "Review");
        }
    }
}

/// Items 6 and 10: front matter behind a byte-order mark is read; front matter and
/// `index.yml` nested thousands deep are refused with a warning, fast.
#[test]
fn front_matter_with_a_bom_and_deep_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write(
        &corpus,
        "bom.md",
        "\u{feff}---\ntitle: Marked title\n---\n# Heading\n\nText.\n".as_bytes(),
    );
    let deep = format!("{}{}", "[".repeat(30_000), "]".repeat(30_000));
    write(
        &corpus,
        "deep.md",
        format!("---\ntitle: {deep}\n---\n# Deep\n").as_bytes(),
    );
    write(
        &corpus,
        "sub/index.yml",
        format!("title: {deep}\n").as_bytes(),
    );
    write(&corpus, "sub/a.md", b"# A\n");
    let index = tmp.path().join("index");
    let started = std::time::Instant::now();
    let out = build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let err = stderr(&out);
    assert!(
        err.contains("deep.md:1: front matter nested more than 32 levels"),
        "{err}"
    );
    assert!(
        err.contains("index.yml: nested more than 32 levels"),
        "{err}"
    );
    assert!(!err.contains("bom.md"), "{err}");
    let out = run(gg(tmp.path())
        .args(["query", "--format", "json", "--index"])
        .arg(&index)
        .arg("kind:article"));
    let titles: Vec<String> = crate::common::results(&serde_json::from_slice(&out.stdout).unwrap())
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&"Marked title".to_string()), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("title:")), "{titles:?}");
}
