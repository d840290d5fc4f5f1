//! Regression tests for issue 11 (never lose a user's file, never reach outside the corpus,
//! never crash): one test or more per item, each over input generated here.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use crate::common::{build_index, fixture_index, gg, piped_repl, run, stderr, stdout};

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
    let out = piped_repl(b"SE:\xff\xfe01\nSE:02\n");
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

    let out = piped_repl(b":limit 4611686018427387904\n:limit 0\nSE:02\n");
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

/// Every file below `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        out.push(e.path());
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        }
    }
    out
}

/// Item 1: a folder of someone else's files is never built in nor pruned, whether it is
/// a plain `index/` in the current folder or given with `--index`.
#[test]
fn a_folder_that_is_not_ours_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let theirs = tmp.path().join("index");
    write(&theirs, "notes.txt", b"my notes");
    write(&theirs, ".tmp-draft/keep.txt", b"draft");
    write(&theirs, "gen-000001/photo.jpg", b"jpeg");
    let before = tree(&theirs);

    // The default ./index, found by a plain query.
    let out = run(gg(tmp.path()).args(["query", "SE:02"]));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not a guidegraph index folder"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("notes.txt"), "{}", stderr(&out));
    // Named with --index, to build in.
    let mut cmd = gg(tmp.path());
    cmd.args(["index", "--index"]).arg(&theirs);
    for r in crate::common::fixture_roots() {
        cmd.arg("--corpus").arg(r);
    }
    let out = run(&mut cmd);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(tree(&theirs), before);
}

/// Item 1: in a folder that is ours, names guidegraph did not give survive rebuilds; an
/// index from before markers is recognised and marked.
#[test]
fn only_what_guidegraph_wrote_is_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let roots = crate::common::fixture_roots();
    build_index(tmp.path(), &index, &roots);
    assert!(index.join(".guidegraph-index").exists());
    write(&index, "gen-backup/copy.txt", b"keep");
    write(&index, ".tmp-mine", b"keep");
    write(&index, "gen-000000-old/x", b"keep");
    for _ in 0..3 {
        let mut cmd = gg(tmp.path());
        cmd.args(["index", "--force", "--index"]).arg(&index);
        for r in &roots {
            cmd.arg("--corpus").arg(r);
        }
        let out = run(&mut cmd);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let files = tree(&index);
    for kept in ["gen-backup/copy.txt", ".tmp-mine", "gen-000000-old/x"] {
        assert!(
            files.contains(&kept.to_string()),
            "{kept} was deleted: {files:?}"
        );
    }
    assert!(!files.contains(&"gen-000001".to_string()), "{files:?}");

    // An index built before markers: still ours.
    fs::remove_file(index.join(".guidegraph-index")).unwrap();
    let mut cmd = gg(tmp.path());
    cmd.args(["index", "--force", "--index"]).arg(&index);
    for r in &roots {
        cmd.arg("--corpus").arg(r);
    }
    let out = run(&mut cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(index.join(".guidegraph-index").exists());
}

/// Item 14: `--index` naming a file says so, for reading and for building.
#[test]
fn an_index_that_is_a_file_is_named_as_one() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "file.md", b"# Not an index\n");
    for args in [&["query", "SE:02"][..], &["index"][..], &["stats"][..]] {
        let out = run(gg(tmp.path())
            .args(&args[..1])
            .args(["--index", "file.md"])
            .args(&args[1..]));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("file.md is a file, not an index folder"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("rebuild"), "{}", stderr(&out));
    }
    assert_eq!(
        fs::read(tmp.path().join("file.md")).unwrap(),
        b"# Not an index\n"
    );
}

fn live_generation(index: &Path) -> std::path::PathBuf {
    index.join(fs::read_to_string(index.join("CURRENT")).unwrap().trim())
}

/// Item 11: querying writes nothing to the index. The tests run as root, whom file modes
/// do not stop, so tantivy's reader lock path is made a folder: any attempt to take the
/// lock fails there, as it does on a read-only mount.
#[test]
fn a_read_only_index_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &crate::common::fixture_roots());
    let text = live_generation(&index).join("text");
    let _ = fs::remove_file(text.join(".tantivy-meta.lock"));
    fs::create_dir(text.join(".tantivy-meta.lock")).unwrap();
    let before = tree(&index);
    let out = run(gg(tmp.path())
        .args(["query", "--format", "json", "--index"])
        .arg(&index)
        .arg("SE:02"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Control identities and access"));
    assert_eq!(tree(&index), before, "a query wrote to the index");
}

/// Item 14: a copy of an index without its file times (`cp -r`) is verified in full once
/// and stamped with its new times, not rehashed on every open.
#[test]
fn a_copied_index_is_restamped_after_one_full_check() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &crate::common::fixture_roots());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let copy = tmp.path().join("copy");
    crate::common::copy_dir(&index, &copy);
    let manifest = || -> serde_json::Value {
        serde_json::from_slice(&fs::read(live_generation(&copy).join("manifest.json")).unwrap())
            .unwrap()
    };
    let stale = |m: &serde_json::Value| -> Vec<String> {
        m["text_files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                let meta = fs::metadata(
                    live_generation(&copy)
                        .join("text")
                        .join(s["name"].as_str().unwrap()),
                )
                .unwrap();
                let now = meta
                    .modified()
                    .unwrap()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64;
                s["modified_ns"].as_u64() != Some(now)
            })
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!stale(&manifest()).is_empty(), "the copy kept its times");
    let out = run(gg(tmp.path())
        .args(["query", "--index"])
        .arg(&copy)
        .arg("SE:02"));
    assert!(out.status.success(), "{}", stderr(&out));
    let after = manifest();
    assert_eq!(stale(&after), Vec::<String>::new());
    // Only the stamps changed.
    let mut before: serde_json::Value =
        serde_json::from_slice(&fs::read(live_generation(&index).join("manifest.json")).unwrap())
            .unwrap();
    before["text_files"] = after["text_files"].clone();
    assert_eq!(before, after);
}

/// Indexes `roots` into `index` with extra arguments; the output, which must succeed.
fn index_with(cwd: &Path, index: &Path, roots: &[&Path], extra: &[&str]) -> std::process::Output {
    let mut cmd = gg(cwd);
    cmd.args(["index", "--format", "json", "--index"])
        .arg(index)
        .args(extra);
    for r in roots {
        cmd.arg("--corpus").arg(r);
    }
    let out = run(&mut cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

fn titles_in(cwd: &Path, index: &Path, q: &str) -> Vec<String> {
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(index)
        .arg(q));
    assert!(out.status.success(), "{}", stderr(&out));
    crate::common::results(&serde_json::from_slice(&out.stdout).unwrap())
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

/// Item 8: a link out of the corpus is not followed unless asked; a tree whose every
/// level links twice to the next is read once per folder.
#[cfg(unix)]
#[test]
fn links_stay_inside_the_corpus_and_repeats_are_read_once() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write(&corpus, "public.md", b"# Public page\n\nNothing secret.\n");
    write(
        tmp.path(),
        "private/secret.md",
        b"# Payroll zanzibar\n\nSalaries.\n",
    );
    symlink(
        tmp.path().join("private/secret.md"),
        corpus.join("secret.md"),
    )
    .unwrap();
    symlink(tmp.path().join("private"), corpus.join("private-dir")).unwrap();
    // 16 levels, each linking twice to the next: 2^16 paths, 17 folders.
    for level in 0..16 {
        let here = corpus.join(format!("l{level}"));
        write(
            &here,
            "page.md",
            format!("# Level {level} page\n").as_bytes(),
        );
        let next = corpus.join(format!("l{}", level + 1));
        fs::create_dir_all(&next).unwrap();
        symlink(&next, here.join("a")).unwrap();
        symlink(&next, here.join("b")).unwrap();
    }
    let index = tmp.path().join("index");
    let started = std::time::Instant::now();
    let out = index_with(tmp.path(), &index, &[&corpus], &[]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files"], 17, "{summary}");
    assert!(
        stderr(&out).contains("secret.md: a link to outside the corpus folder; not followed"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("read once"), "{}", stderr(&out));
    assert!(titles_in(tmp.path(), &index, "zanzibar").is_empty());

    let out = index_with(tmp.path(), &index, &[&corpus], &["--follow-links"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files"], 18, "{summary}");
    assert!(titles_in(tmp.path(), &index, "zanzibar").contains(&"Payroll zanzibar".to_string()));
}

/// Item 8: `:open` does not follow a link made since indexing out of the corpus.
#[cfg(unix)]
#[test]
fn open_does_not_follow_a_new_link_out_of_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write(
        &corpus,
        "zebra.md",
        b"# Zebra guidance\n\n## Zebra crossings\n\nLook.\n",
    );
    write(
        tmp.path(),
        "private.txt",
        b"# Zebra\n\n## Zebra crossings\n\nTOP SECRET\n",
    );
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    fs::remove_file(corpus.join("zebra.md")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("private.txt"), corpus.join("zebra.md")).unwrap();
    let out = repl(tmp.path(), &index, b"zebra crossings\n:open 1\n");
    assert!(!stdout(&out).contains("TOP SECRET"), "{}", stdout(&out));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
}

/// Item 2: two corpora with the same folder name get distinct names, and the same file
/// in both is a warning naming both files.
#[test]
fn two_corpora_with_one_name_are_told_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a/docs"), tmp.path().join("b/docs"));
    write(&a, "x.md", b"# Alpha page\n\n## Alpha quokka\n\nFrom a.\n");
    write(&b, "x.md", b"# Beta page\n\n## Beta quokka\n\nFrom b.\n");
    write(
        &b,
        "y.md",
        b"# Gamma page\n\n## Gamma quokka\n\nFrom b too.\n",
    );
    // The same file in both is one article, and said so (a different file at the same
    // path is another article, issue 17).
    for dir in [&a, &b] {
        write(
            dir,
            "same.md",
            b"# Shared page\n\n## Shared quokka\n\nIn both.\n",
        );
    }
    let index = tmp.path().join("index");
    let out = index_with(tmp.path(), &index, &[&a, &b], &[]);
    let err = stderr(&out);
    assert!(err.contains("another corpus is also named `docs`"), "{err}");
    let clash = format!(
        "{}: read as one article with {}",
        b.join("same.md").display(),
        a.join("same.md").display()
    );
    assert!(err.contains(&clash), "{err}");
    assert!(
        !err.contains(&b.join("x.md").display().to_string()),
        "{err}"
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files"], 5);
    // The second corpus's sources are filed under its own name, and `:open` finds them.
    let out = repl(
        tmp.path(),
        &index,
        b"gamma quokka\n:open 1\nalpha quokka\n:open 1\n",
    );
    let shown = stdout(&out);
    assert!(
        shown.contains("docs-2/y.md") && shown.contains("From b too."),
        "{shown}"
    );
    assert!(
        shown.contains("docs/x.md") && shown.contains("From a."),
        "{shown}"
    );
}

/// Item 2: file names that differ only in bytes that are not UTF-8 are not silently one.
#[cfg(target_os = "linux")]
#[test]
fn names_that_differ_only_in_invalid_bytes_are_warned_about() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for (byte, title) in [(0xffu8, "First"), (0xfe, "Second")] {
        let bytes = [b'n', byte, b'.', b'm', b'd'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        fs::write(corpus.join(name), format!("# {title} page\n")).unwrap();
    }
    let index = tmp.path().join("index");
    let out = index_with(tmp.path(), &index, &[&corpus], &[]);
    let err = stderr(&out);
    assert!(
        err.contains("differ only in bytes that are not UTF-8"),
        "{err}"
    );
    assert!(err.contains("\\xFE") && err.contains("\\xFF"), "{err}");
}

/// Item 9: escape sequences and newlines from titles, text and file names never reach
/// the terminal raw; CSV cells cannot run as formulas; raw HTML in titles is escaped in
/// Markdown.
#[cfg(target_os = "linux")]
#[test]
fn hostile_text_is_escaped_in_every_output() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let article = "# \u{1b}]0;pwned\u{7}Evil \u{1b}[2J walrus\n\n\
        Intro with \u{1b}[31m red \u{9b}2J text.\n\n\
        ## =HYPERLINK(\"http://x\") walrus <script>alert(1)</script>\n\n\
        Body \u{1b}]8;;http://x\u{7} text.\n";
    write(&corpus, "evil.md", article.as_bytes());
    write(
        &corpus,
        "html.md",
        b"---\ntitle: '<img src=x onerror=alert(1)> walrus'\n---\nText.\n",
    );
    // A name with a newline and an escape, and a warning to print it in.
    write(
        &corpus,
        "bad\nwarning: forged \u{1b}[2J.md",
        b"---\ntitle: [unclosed\n---\n# Walrus two\n",
    );
    let index = tmp.path().join("index");
    let out = build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    let raw = |bytes: &[u8]| {
        bytes.iter().any(|&b| b == 0x1b || b == 0x07)
            || String::from_utf8_lossy(bytes).contains('\u{9b}')
    };
    assert!(!raw(&out.stderr), "{}", stderr(&out));
    assert!(
        !stderr(&out)
            .lines()
            .any(|l| l.starts_with("warning: forged")),
        "{}",
        stderr(&out)
    );
    for format in ["table", "markdown", "csv"] {
        let out = run(gg(tmp.path())
            .args(["query", "--format", format, "--index"])
            .arg(&index)
            .arg("walrus"));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!raw(&out.stdout), "{format}: {}", stdout(&out));
        let text = stdout(&out);
        match format {
            "csv" => assert!(text.contains("'=HYPERLINK"), "{text}"),
            "markdown" => {
                assert!(
                    // Parentheses are escaped too, so no link can be spelled (issue 17).
                    text.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"),
                    "{text}"
                );
                assert!(!text.contains("<img"), "{text}");
            }
            _ => {}
        }
    }
    let out = repl(
        tmp.path(),
        &index,
        b"walrus\n:show 1\n:open 1\n:show 2\n:open 2\n:show 3\n:open 3\n",
    );
    assert!(!raw(&out.stdout), "{}", stdout(&out));
    assert!(!raw(&out.stderr), "{}", stderr(&out));
    assert!(stdout(&out).contains("walrus"), "{}", stdout(&out));
}

/// Item 14: `İstanbul` finds the section about it first; lower-casing the query must not
/// split the word where the index did not.
#[test]
fn a_dotted_capital_i_is_read_alike_in_text_and_query() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write(
        &corpus,
        "a.md",
        "# Travel\n\n## Visiting İstanbul\n\nİstanbul is a city.\n\n\
         ## Decoy\n\nI say stanbul, stanbul, i stanbul i stanbul.\n"
            .as_bytes(),
    );
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, std::slice::from_ref(&corpus));
    for q in ["İstanbul", "visiting İstanbul"] {
        let titles = titles_in(tmp.path(), &index, q);
        assert_eq!(
            titles.first().map(String::as_str),
            Some("Visiting İstanbul"),
            "{q}: {titles:?}"
        );
        assert!(!titles.contains(&"Decoy".to_string()), "{q}: {titles:?}");
    }
}

/// Runs guidegraph as the unprivileged user `nobody` (via `setpriv`), when the tests run
/// as root and `setpriv` is there; `None` otherwise.
#[cfg(target_os = "linux")]
fn as_nobody(cwd: &Path, args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    let root = run(std::process::Command::new("id").arg("-u"));
    if stdout(&root).trim() != "0" || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("not root or no setpriv: the permission checks are skipped");
        return None;
    }
    let mut cmd = std::process::Command::new("/usr/bin/setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_guidegraph"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("HOME", cwd)
        .stdin(Stdio::null());
    Some(run(&mut cmd))
}

/// Item 11, as a user without root: an index that is read-only for them answers, and one
/// they may not read is named as a permission problem, not as damage to rebuild.
#[cfg(target_os = "linux")]
#[test]
fn permissions_of_another_users_index() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &crate::common::fixture_roots());
    let chmod = |mode: &str| {
        let out = run(std::process::Command::new("chmod")
            .args(["-R", mode])
            .arg(&index));
        assert!(out.status.success());
    };
    let query = [
        std::ffi::OsStr::new("query"),
        std::ffi::OsStr::new("--index"),
        index.as_os_str(),
        std::ffi::OsStr::new("SE:02"),
    ];
    chmod("a+rX,a-w");
    let Some(out) = as_nobody(tmp.path(), &query) else {
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Control identities and access"));

    // The whole folder, then CURRENT alone, then the full-text index alone, unreadable.
    let text = live_generation(&index).join("text");
    for (mode, only) in [
        ("go-rwx", None),
        ("go-r", Some(index.join("CURRENT"))),
        ("go-rwx", Some(text.clone())),
    ] {
        chmod("a+rX");
        match &only {
            None => chmod(mode),
            Some(path) => {
                let out = run(std::process::Command::new("chmod")
                    .args(["-R", mode])
                    .arg(path));
                assert!(out.status.success());
            }
        }
        let out = as_nobody(tmp.path(), &query).unwrap();
        assert_eq!(out.status.code(), Some(1), "{mode}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("cannot read the index") && err.contains("Permission denied"),
            "{mode}: {err}"
        );
        assert!(
            !err.contains("damaged") && !err.contains("rebuild"),
            "{mode}: {err}"
        );
    }
    chmod("u+rwX");
}

/// Item 12: a disk that fills up at any point of a build. Each run gets a tmpfs of a
/// given size in a mount namespace of its own (`unshare -m`, when the tests run as root
/// and may mount); sizes grow until a build fits. Every build that fails says "No space
/// left on device" and leaves nothing of itself behind.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_at_any_point_of_a_build() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("mnt");
    fs::create_dir(&mnt).unwrap();
    let roots = crate::common::fixture_roots();
    let mut failures = 0;
    for kb in (16..=1024).step_by(8) {
        let script = format!(
            "mount -t tmpfs -o size={kb}k tmpfs \"$MNT\" || exit 99; \
             \"$GG\" index --index \"$MNT/ix\" --corpus \"$A\" --corpus \"$B\" >/dev/null; \
             status=$?; ls -A \"$MNT/ix\"; exit $status"
        );
        let out = run(std::process::Command::new("unshare")
            .args(["-m", "sh", "-c", &script])
            .env("MNT", &mnt)
            .env("GG", env!("CARGO_BIN_EXE_guidegraph"))
            .env("A", &roots[0])
            .env("B", &roots[1])
            .env("NO_COLOR", "1")
            .env("XDG_DATA_HOME", tmp.path()));
        match out.status.code() {
            Some(0) => break,
            Some(99) | None => {
                eprintln!("cannot mount a tmpfs here: the full-disk check is skipped");
                return;
            }
            Some(_) if stderr(&out).contains("unshare") => {
                eprintln!("no mount namespace here: the full-disk check is skipped");
                return;
            }
            Some(_) => {
                failures += 1;
                let err = stderr(&out);
                assert!(err.contains("No space left on device"), "{kb} KB: {err}");
                assert!(!err.contains("serialize buffer"), "{kb} KB: {err}");
                let left: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
                assert!(
                    left.iter()
                        .all(|n| [".guidegraph-index", ".lock"].contains(n)),
                    "{kb} KB left {left:?}"
                );
            }
        }
    }
    if failures > 0 {
        eprintln!("{failures} builds ran out of space, each cleanly");
    }
}
