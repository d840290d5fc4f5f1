//! Progress of long steps: on a terminal's stderr, never on a pipe (issue 12).

use std::path::Path;

use crate::common::{gg, run, stderr};

/// A corpus large enough that indexing it takes longer than the delay before progress
/// shows, in a debug build.
fn big_corpus(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("azure-waf");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..1500 {
        std::fs::write(
            root.join(format!("article-{i}.md")),
            format!(
                "# Recommendations for part {i}\n\n## Design for resilience {i}\n\n{}\n",
                "Replicate data across zones and test the failover. ".repeat(40)
            ),
        )
        .unwrap();
    }
    root
}

#[cfg(unix)]
#[test]
fn index_shows_progress_on_a_terminal_only() {
    use rexpect::session::spawn_command;

    let dir = tempfile::tempdir().unwrap();
    let corpus = big_corpus(dir.path());

    let piped = run(gg(dir.path())
        .args(["index", "--index"])
        .arg(dir.path().join("idx-piped"))
        .arg("--corpus")
        .arg(&corpus));
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(!stderr(&piped).contains("indexing"), "{}", stderr(&piped));
    assert!(!stderr(&piped).contains('\r'), "{}", stderr(&piped));

    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_guidegraph"));
    cmd.args(["index", "--index"])
        .arg(dir.path().join("idx-tty"))
        .arg("--corpus")
        .arg(&corpus)
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(60_000)).unwrap();
    p.exp_string("guidegraph: indexing").unwrap();
    p.exp_string("files read: 1500").unwrap();
    p.exp_eof().unwrap();
}
