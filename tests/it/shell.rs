//! Shell integration (issue 19): completion scripts and the manual page, printed to
//! stdout, name every command.

use crate::common::{gg, run, stderr, stdout};

const COMMANDS: [&str; 10] = [
    "index",
    "stats",
    "query",
    "run",
    "repl",
    "fetch",
    "diff",
    "export",
    "completions",
    "man",
];

fn printed(args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path()).args(args));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn completions_name_every_command_and_export_format() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = printed(&["completions", shell]);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        // clap_complete's PowerShell script completes commands and flags, not values.
        if shell != "powershell" {
            for format in ["graphml", "cypher"] {
                assert!(script.contains(format), "{shell} lacks {format}");
            }
        }
    }
    assert!(printed(&["completions", "bash"]).contains("complete -F _guidegraph"));
    assert!(printed(&["completions", "zsh"]).starts_with("#compdef guidegraph"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path()).args(["completions", "tcsh"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bash"), "{}", stderr(&out));
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let page = printed(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH guidegraph"),
        "{page}"
    );
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!("guidegraph\\-{command}")),
            "lacks {command}"
        );
    }
}

#[test]
fn each_command_has_a_page_and_all_can_be_written_to_a_folder() {
    let page = printed(&["man", "export"]);
    assert!(page.contains(".TH guidegraph-export 1"), "{page}");
    assert!(page.contains("graphml"), "{page}");

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man/man1");
    let out = run(gg(tmp.path()).args(["man", "--out"]).arg(&dir));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    for command in COMMANDS {
        let page = std::fs::read_to_string(dir.join(format!("guidegraph-{command}.1"))).unwrap();
        assert!(page.contains(&format!(".TH guidegraph-{command} 1")));
    }
    assert!(dir.join("guidegraph.1").is_file());
    assert!(!dir.join("guidegraph-help.1").exists());

    let out = run(gg(tmp.path()).args(["man", "nope"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no command `nope`"),
        "{}",
        stderr(&out)
    );
}
