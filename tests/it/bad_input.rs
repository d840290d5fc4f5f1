//! Hostile corpora: every bad file gives one warning with its path, nothing panics, and
//! the good files are indexed all the same.

use std::fs;
use std::path::Path;

use crate::common::{gg, run, stderr, stdout};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

const GOOD: &str = "---\ntitle: A good article\n---\n# A good article\n\n## What are the common challenges?\n\n- **Survivor challenge**: It was indexed.\n";

#[test]
fn hostile_files_are_warned_about_and_the_rest_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write(&corpus, "good.md", GOOD.as_bytes());
    write(
        &corpus,
        "latin1.md",
        b"# Caf\xe9 menu\n\nSome \xff bytes.\n",
    );
    write(&corpus, "binary.md", b"\x00\x01\x02 not text");
    write(
        &corpus,
        "frontmatter.md",
        b"---\ntitle: [unclosed\n: : :\n---\n# Still read\n",
    );
    write(
        &corpus,
        "fence.md",
        b"# Fence\n\n```rust\nfn never_closed() {}\n",
    );
    write(&corpus, "odd name — \"quoted\" #1.md", b"# Odd name\n");
    let deep = format!(
        "{}deep\n{}deeper\n",
        "> ".repeat(100_000),
        "- ".repeat(100_000)
    );
    write(&corpus, "deep.md", deep.as_bytes());
    let wide = format!(
        "|{}\n|{}\n|{}\n",
        "h|".repeat(10_000),
        "-|".repeat(10_000),
        "x|".repeat(10_000)
    );
    write(&corpus, "wide.md", wide.as_bytes());
    // 50 MB on one line.
    write(&corpus, "huge.md", &vec![b'a'; 50 * 1024 * 1024]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&corpus, corpus.join("loop")).unwrap();
        std::os::unix::fs::symlink(corpus.join("missing.md"), corpus.join("dangling.md")).unwrap();
    }
    let index = tmp.path().join("index");
    let out = run(gg(tmp.path())
        .args(["index", "--index"])
        .arg(&index)
        .arg("--corpus")
        .arg(&corpus));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for (file, says) in [
        ("latin1.md:1", "not valid UTF-8"),
        ("binary.md", "binary"),
        ("frontmatter.md:1", "not valid YAML"),
        ("fence.md:3", "never closed"),
        ("huge.md", "larger than"),
    ] {
        let line = err.lines().find(|l| l.contains(file));
        assert!(
            line.is_some_and(|l| l.contains(says)),
            "no warning `{says}` for {file} in:\n{err}"
        );
    }
    #[cfg(unix)]
    {
        assert!(err.contains("symlink loop"), "{err}");
        assert!(
            err.lines()
                .any(|l| l.contains("dangling.md") && l.contains("cannot read")),
            "{err}"
        );
    }
    assert!(stdout(&out).contains("warnings: "));
    let q = run(gg(tmp.path())
        .args(["query", "--format", "json", "--index"])
        .arg(&index)
        .arg("Survivor challenge"));
    assert!(
        stdout(&q).contains("\"title\": \"Survivor challenge\""),
        "{}",
        stdout(&q)
    );
    let q = run(gg(tmp.path())
        .args(["query", "--index"])
        .arg(&index)
        .arg("Still read"));
    assert!(stdout(&q).contains("Still read"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write(&corpus, "good.md", GOOD.as_bytes());
    write(&corpus, "secret.md", b"# Secret\n");
    let secret = corpus.join("secret.md");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test.
        return;
    }
    let out = run(gg(tmp.path())
        .args(["index", "--index"])
        .arg(tmp.path().join("i"))
        .arg("--corpus")
        .arg(&corpus));
    assert!(out.status.success());
    assert!(
        stderr(&out)
            .lines()
            .any(|l| l.contains("secret.md") && l.contains("cannot read"))
    );
}

#[test]
fn a_corpus_folder_that_does_not_exist_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path()).args(["index", "--index", "i", "--corpus", "nowhere"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`nowhere` does not exist"),
        "{}",
        stderr(&out)
    );
}
