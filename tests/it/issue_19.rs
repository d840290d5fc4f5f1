//! Issue 19, output that fits the terminal: the REPL driven through a real pseudo-terminal
//! of 80, 120 and 200 columns. Answers, `:show`, `:open` and `:help` never print a line
//! wider than the terminal and never cut a source's `file:line`; `:show` and `:open` break
//! only between words; long output pages (built in, or `$PAGER`) and `q` quits; a pasted
//! block of three lines gives three answers; a session that is not on a terminal never
//! pages.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

use crate::common::{fixture_index, piped_repl};

const WIDTHS: [u16; 3] = [80, 120, 200];

/// Switched on by rustyline when it starts reading a line and off when the line is
/// entered: what a command printed lies between the two.
const EDITING_ON: &str = "\x1b[?2004h";
const EDITING_OFF: &str = "\x1b[?2004l";

/// The built-in pager's prompt (`repl::pager::PROMPT`).
const MORE: &str = "-- more";

/// A REPL over the fixture index on a terminal `cols` wide and `rows` high (set with stty
/// on the pseudo-terminal before guidegraph starts), `$PAGER` as given.
fn session(tmp: &Path, cols: u16, rows: u16, pager: Option<&str>) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols {cols} rows {rows} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_guidegraph"))
        .arg("repl")
        .arg("--index")
        .arg(fixture_index())
        .current_dir(tmp)
        .env("XDG_DATA_HOME", tmp.join("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("COLUMNS")
        .env_remove("LINES")
        .env_remove("LESS");
    match pager {
        Some(p) => cmd.env("PAGER", p),
        None => cmd.env_remove("PAGER"),
    };
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string(EDITING_ON).unwrap();
    p
}

/// The screen text of terminal output, as far as these tests need a terminal: a carriage
/// return goes back to the line's start, `ESC [ K` erases to its end, `ESC [ n C` moves
/// right, other escape sequences show nothing.
fn screen(raw: &str) -> String {
    // rexpect hands over each byte as a char; the terminal reads them as UTF-8.
    let bytes: Vec<u8> = raw.chars().map(|c| c as u8).collect();
    let raw = String::from_utf8_lossy(&bytes);
    let mut out = String::new();
    let mut line: Vec<char> = Vec::new();
    let mut col = 0;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.peek() != Some(&'[') {
                    continue;
                }
                chars.next();
                let mut arg = String::new();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() || c == '~' {
                        match c {
                            'K' => line.truncate(col),
                            'C' => col += arg.parse::<usize>().unwrap_or(1),
                            _ => {}
                        }
                        break;
                    }
                    arg.push(c);
                }
            }
            '\r' => col = 0,
            '\n' => {
                out.extend(line.drain(..));
                out.push('\n');
                col = 0;
            }
            c => {
                if col < line.len() {
                    line[col] = c;
                } else {
                    line.resize(col, ' ');
                    line.push(c);
                }
                col += 1;
            }
        }
    }
    out.extend(line);
    out
}

/// What was printed after the entered line, as the screen shows it.
fn printed(raw: &str) -> String {
    let text = screen(raw.rsplit(EDITING_OFF).next().unwrap_or(raw));
    // The newline that ended the entered line.
    text.strip_prefix('\n').map(str::to_string).unwrap_or(text)
}

/// Enters `line` and returns what it printed.
fn ask(p: &mut PtySession, line: &str) -> String {
    p.send_line(line).unwrap();
    printed(&p.exp_string(EDITING_ON).unwrap())
}

fn assert_fits(text: &str, cols: u16, what: &str) {
    for l in text.lines() {
        let n = l.chars().count();
        assert!(
            n <= usize::from(cols),
            "{what} at {cols} columns: a line of {n}:\n{l}\n---\n{text}"
        );
    }
}

/// `text` holds `reference` whole: not cut on the left, and its line number not cut.
fn assert_whole(text: &str, reference: &str, what: &str) {
    let found = text.match_indices(reference).any(|(i, _)| {
        let after = text[i + reference.len()..].chars().next();
        !after.is_some_and(|c| c.is_ascii_digit())
    });
    assert!(found, "{what}: `{reference}` not whole in\n{text}");
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn answers_show_open_and_help_fit_80_120_and_200_columns() {
    // What a pipe gets: the same text, never wrapped.
    let piped = piped_repl(b"challenges related to cost\n:open 1\n");
    let piped_open = String::from_utf8_lossy(&piped.stdout).into_owned();
    for cols in WIDTHS {
        let tmp = tempfile::tempdir().unwrap();
        let mut p = session(tmp.path(), cols, 200, None);

        let answer = ask(&mut p, "challenges related to cost");
        assert_fits(&answer, cols, "answer");
        assert!(answer.contains("Licence spend"), "{answer}");
        // The table may shorten a source's folders on a narrow terminal, never its file
        // name or line.
        assert_whole(&answer, "gen-ai-workload/overview.md:13", "answer");
        assert_whole(&answer, "azure-waf/ai/overview.md:13", "answer");

        let show = ask(&mut p, ":show 1");
        assert_fits(&show, cols, ":show");
        assert_whole(
            &show,
            "power-platform-waf/gen-ai-workload/overview.md:13",
            ":show",
        );
        assert!(
            show.contains("Licence spend: AI capacity is costly"),
            "{show}"
        );

        let open = ask(&mut p, ":open 1");
        assert_fits(&open, cols, ":open");
        assert_whole(
            &open,
            "power-platform-waf/gen-ai-workload/overview.md:13",
            ":open",
        );
        // Broken between words only: the same words, in the same order, as a pipe gets.
        assert!(
            words(&piped_open).ends_with(&words(&open)),
            "{cols}: :open changed words\n{open}\n---\n{piped_open}"
        );
        if cols == 80 {
            assert!(
                open.contains(
                    "- **Security concerns**: Protecting the data that the AI features read is a\n  critical challenge."
                ),
                "a list item's wrapped line hangs under its text:\n{open}"
            );
        }

        let help = ask(&mut p, ":help");
        assert_fits(&help, cols, ":help");

        p.send_control('d').unwrap();
        p.exp_eof().unwrap();
    }
}

#[test]
fn open_shows_an_article_and_a_pillar_its_own_article() {
    let tmp = tempfile::tempdir().unwrap();
    let mut p = session(tmp.path(), 120, 200, None);
    ask(&mut p, "kind:article security tradeoffs");
    let open = ask(&mut p, ":open 1");
    // The text after the front matter, not the front matter alone.
    assert!(open.contains("azure-waf/security/tradeoffs.md:"), "{open}");
    assert!(!open.contains("ms.topic"), "{open}");
    assert!(open.contains("# Security tradeoffs"), "{open}");

    ask(&mut p, "kind:pillar reliability");
    let open = ask(&mut p, ":open 1");
    assert!(
        open.contains("azure-waf/reliability/principles.md:"),
        "{open}"
    );
    assert!(open.contains("Design for resilience"), "{open}");
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn long_output_pages_and_q_quits_at_80_120_and_200_columns() {
    let rows = 12;
    for cols in WIDTHS {
        let tmp = tempfile::tempdir().unwrap();
        let mut p = session(tmp.path(), cols, rows, None);
        p.send_line("kind:section").unwrap();
        let first = printed(&p.exp_string(MORE).unwrap());
        // One screen less the pager's own row.
        assert!(
            first.lines().count() < usize::from(rows),
            "{cols}: a page of {} lines:\n{first}",
            first.lines().count()
        );
        assert_fits(&first, cols, "a page");
        assert!(first.contains("Data design for AI workloads"), "{first}");
        assert!(!first.contains("Next steps"), "{cols}: not paged:\n{first}");
        // Space shows the next page; q leaves the rest unshown and gives the prompt back.
        p.send(" ").unwrap();
        p.flush().unwrap();
        let second = screen(&p.exp_string(MORE).unwrap());
        assert_fits(&second, cols, "a page");
        p.send("q").unwrap();
        p.flush().unwrap();
        let rest = screen(&p.exp_string(EDITING_ON).unwrap());
        assert!(rest.trim().is_empty(), "{cols}: shown after q: {rest:?}");
        // The session goes on.
        let answer = ask(&mut p, "SE:02");
        assert!(answer.contains("Control identities and access"), "{answer}");
        p.send_control('d').unwrap();
        p.exp_eof().unwrap();
    }
}

#[test]
fn pager_from_the_environment_gets_long_output() {
    let tmp = tempfile::tempdir().unwrap();
    let paged = tmp.path().join("paged.txt");
    let pager = format!("cat > '{}'", paged.display());
    let mut p = session(tmp.path(), 80, 12, Some(&pager));
    let shown = ask(&mut p, ":help");
    assert!(!shown.contains(MORE), "{shown}");
    let text = std::fs::read_to_string(&paged).unwrap();
    assert!(text.starts_with("Type a query and press Enter."), "{text}");
    // Short output is not paged.
    let short = ask(&mut p, "SE:02");
    assert!(short.contains("Control identities"), "{short}");
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();

    // An empty $PAGER turns paging off.
    let mut p = session(tmp.path(), 80, 12, Some(""));
    let shown = ask(&mut p, ":help");
    assert!(!shown.contains(MORE), "{shown}");
    assert!(shown.contains("Tab completes"), "{shown}");
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn a_paste_of_three_lines_gives_three_answers() {
    for cols in WIDTHS {
        let tmp = tempfile::tempdir().unwrap();
        let mut p = session(tmp.path(), cols, 200, None);
        // A bracketed paste, as a terminal sends it, then Enter.
        p.send("\x1b[200~SE:01\nSE:02\r\nchallenges related to cost\n\x1b[201~")
            .unwrap();
        p.flush().unwrap();
        let out = ask(&mut p, "");
        let at = |s: &str| {
            out.find(s)
                .unwrap_or_else(|| panic!("{cols}: no `{s}` in\n{out}"))
        };
        let order = [
            at("» SE:01"),
            at("Keep a security baseline"),
            at("» SE:02"),
            at("Control identities and access"),
            at("» challenges related to cost"),
            at("Licence spend"),
        ];
        assert!(order.is_sorted(), "{cols}: out of order:\n{out}");
        assert_fits(&out, cols, "three answers");
        p.send_control('d').unwrap();
        p.exp_eof().unwrap();
    }

    // Lines typed ahead (a terminal without bracketed paste) are each answered too.
    let tmp = tempfile::tempdir().unwrap();
    let mut p = session(tmp.path(), 80, 200, None);
    p.send("SE:01\rSE:02\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Keep a security baseline").unwrap();
    p.exp_string("Control identities and access").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn a_session_on_a_pipe_never_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("paged");
    let out = crate::common::gg(tmp.path())
        .args(["repl", "--index"])
        .arg(fixture_index())
        .env("PAGER", format!("touch '{}'", marker.display()))
        .env("LINES", "5")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"kind:section\n:help\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!marker.exists(), "$PAGER ran");
    assert!(!text.contains(MORE), "{text}");
    assert!(text.contains("Next steps"), "{text}");
    assert!(text.contains("Tab completes"), "{text}");
}
