//! The REPL driven from a pipe: queries in, answers out, no prompts or colour.

use crate::common::{fixture_index, piped_repl};

#[test]
fn piped_queries_are_answered_line_by_line() {
    let out = piped_repl(b"challenges related to cost\n:limit 1\nSE:02\nkind:nope\n:quit\nSE:01\n");
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout), @r"
    #  title          kind       code  pillars            platform        source
    1  Licence spend  challenge                           Power Platform  …wer-platform-waf/gen-ai-workload/overview.md:13
    2  Compute bills  challenge        Cost Optimization  Azure           azure-waf/ai/overview.md:13
    #  title                          kind            code   pillars   platform  source
    1  Control identities and access  recommendation  SE:02  Security  Azure     azure-waf/security/checklist.md:17 (+1)
    ");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`kind:nope` names no kind"), "{err}");
}

/// Drives a real session through a pseudo-terminal, as a person would.
#[cfg(unix)]
#[test]
fn an_interactive_session_through_a_terminal() {
    use rexpect::session::spawn_command;

    let tmp = tempfile::tempdir().unwrap();
    let saved = tmp.path().join("review.md");
    let session = |tmp: &std::path::Path| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_guidegraph"));
        cmd.arg("repl")
            .arg("--index")
            .arg(fixture_index())
            .current_dir(tmp)
            .env("XDG_DATA_HOME", tmp.join("data"))
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        spawn_command(cmd, Some(15_000)).unwrap()
    };
    let mut p = session(tmp.path());
    p.exp_string("guidegraph> ").unwrap();
    p.send_line("challenges for AI workloads on Azure").unwrap();
    p.exp_string("Model drift").unwrap();
    p.exp_string("guidegraph> ").unwrap();
    // Tab after a partial pillar name completes it.
    p.send("challenges related to secu").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("security").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Security concerns").unwrap();
    p.exp_string("guidegraph> ").unwrap();
    p.send_line(":show 1").unwrap();
    p.exp_string("sources:").unwrap();
    p.exp_string("gen-ai-workload/overview.md:10").unwrap();
    p.exp_string("guidegraph> ").unwrap();
    p.send_line(&format!(":save {}", saved.display())).unwrap();
    p.exp_string("saved 3 item(s)").unwrap();
    p.exp_string("guidegraph> ").unwrap();
    p.send_line(":explain SE:02").unwrap();
    p.exp_string("checklist code SE:02").unwrap();
    p.exp_string("guidegraph> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();

    let checklist = std::fs::read_to_string(&saved).unwrap();
    assert!(
        checklist.starts_with("# guidegraph checklist"),
        "{checklist}"
    );
    assert!(checklist.contains("- [ ] Security concerns"), "{checklist}");
    assert!(checklist.contains("- [ ] Data leakage"), "{checklist}");

    // A second session finds the first one's history: Up recalls the last line.
    let mut p = session(tmp.path());
    p.exp_string("guidegraph> ").unwrap();
    p.send("\x1b[A").unwrap();
    p.flush().unwrap();
    p.exp_string(":explain SE:02").unwrap();
    // Ctrl-C cancels the line and gives a fresh prompt; Ctrl-D then leaves. (Each key waits
    // for the prompt: rustyline asks the terminal for the cursor position before drawing
    // it, and a key sent during that exchange would be read as the terminal's reply.)
    p.send_control('c').unwrap();
    p.exp_string("guidegraph> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}
