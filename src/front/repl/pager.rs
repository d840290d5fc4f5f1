//! Long output in the REPL, a screen at a time (issue 19): an answer of 90 rows or a long
//! article used to scroll past, leaving its first rows out of sight.
//!
//! What one input printed is shown at once when it fits the terminal (with a row left for
//! the next prompt). Longer text goes to `$PAGER` when it is set (run by the shell, so
//! `PAGER='less -S'` works; `LESS=FRX` is set for it unless the user has a `LESS`, as git
//! does, so colours show and the text stays on screen after `q`), and to the built-in
//! pager otherwise: it needs no `less` installed. An empty `$PAGER` turns paging off.
//! A session whose stdout is not a terminal never gets here (see `repl::run`).

use std::io::{self, Write};
use std::process::{Command, Stdio};

use crate::output::wrap::columns;

/// The terminal the text is shown on.
#[derive(Debug, Clone, Copy)]
pub struct Screen {
    pub width: usize,
    pub height: usize,
    /// The pager's prompt in reverse video.
    pub color: bool,
}

/// A key pressed at the built-in pager's prompt, by what it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Space, `f`, Page Down, and any key not listed below.
    Page,
    /// Enter, `j`, Down.
    Line,
    /// `q`, Esc, Ctrl-C, Ctrl-D, or the end of input.
    Quit,
}

/// The key a read from the terminal holds: a key that sends an escape sequence (Down, Page
/// Down) arrives in one read.
pub fn key_of(bytes: &[u8]) -> Key {
    match bytes {
        [] | [b'q' | b'Q' | 0x1b | 0x03 | 0x04] => Key::Quit,
        [b'\r' | b'\n' | b'j'] | b"\x1b[B" | b"\x1bOB" => Key::Line,
        _ => Key::Page,
    }
}

/// The prompt the built-in pager shows between pages; tests look for its start.
pub const PROMPT: &str = "-- more";

/// Shows `text` on the terminal, a screen at a time when it does not fit.
pub fn show(out: &mut dyn Write, text: &str, screen: Screen) -> io::Result<()> {
    // A terminal that says it has no rows (a serial console's 0) gets the text whole.
    if screen.height < 2 || rows(text, screen.width) < screen.height {
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    match std::env::var("PAGER") {
        Ok(cmd) if cmd.trim().is_empty() => {
            out.write_all(text.as_bytes())?;
            return out.flush();
        }
        Ok(cmd) => {
            out.flush()?;
            if external(&cmd, text)? {
                return Ok(());
            }
            crate::diag!("$PAGER ({cmd}) did not run; paging with guidegraph's own pager");
        }
        Err(_) => {}
    }
    match keys::Terminal::open() {
        Ok(mut terminal) => builtin(out, text, screen, &mut || terminal.key()),
        // No keys to be had one at a time: the text whole is better than none.
        Err(_) => {
            out.write_all(text.as_bytes())?;
            out.flush()
        }
    }
}

/// Runs `cmd` with the shell and writes `text` to it; false when the shell found no such
/// command (status 127), so the text was not shown.
fn external(cmd: &str, text: &str) -> io::Result<bool> {
    let mut command = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.arg("/C").arg(cmd);
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c").arg(cmd);
        c
    };
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let Ok(mut child) = command.stdin(Stdio::piped()).spawn() else {
        return Ok(false);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A pager left early (`q` in less) closes its input: that is not an error.
        match stdin.write_all(text.as_bytes()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
    }
    let status = child.wait()?;
    Ok(status.code() != Some(127))
}

/// The built-in pager: a screen of `text` less one row, then a prompt, until the text
/// ends or a key quits. `key` waits for the next key.
pub fn builtin(
    out: &mut dyn Write,
    text: &str,
    screen: Screen,
    key: &mut dyn FnMut() -> io::Result<Key>,
) -> io::Result<()> {
    let lines: Vec<&str> = text.lines().collect();
    let page = screen.height.saturating_sub(1).max(1);
    let mut shown = 0;
    let mut room = page;
    loop {
        while shown < lines.len() && room > 0 {
            writeln!(out, "{}", lines[shown])?;
            room = room.saturating_sub(line_rows(lines[shown], screen.width));
            shown += 1;
        }
        if shown >= lines.len() {
            return out.flush();
        }
        let prompt = clip(
            &format!(
                "{PROMPT} ({}%) -- space: next page, enter: next line, q: quit",
                shown * 100 / lines.len()
            ),
            screen.width.saturating_sub(1),
        );
        if screen.color {
            write!(out, "\x1b[7m{prompt}\x1b[0m")?;
        } else {
            write!(out, "{prompt}")?;
        }
        out.flush()?;
        let pressed = key()?;
        // The prompt is erased, so the text reads on as if it had never been there.
        write!(out, "\r\x1b[K")?;
        match pressed {
            Key::Quit => return out.flush(),
            Key::Line => room = 1,
            Key::Page => room = page,
        }
    }
}

/// The rows `text` takes on a terminal `width` columns wide.
pub fn rows(text: &str, width: usize) -> usize {
    text.lines().map(|l| line_rows(l, width)).sum()
}

/// The rows one line takes: a line wider than the terminal wraps onto more.
fn line_rows(line: &str, width: usize) -> usize {
    columns(&visible(line)).div_ceil(width.max(1)).max(1)
}

/// `line` without its colour sequences (`ESC [ … letter`), which take no columns.
fn visible(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn clip(s: &str, width: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if columns(&out) + columns(c.encode_utf8(&mut [0; 4])) > width {
            break;
        }
        out.push(c);
    }
    out
}

/// Keys read one at a time from the terminal, without echo and without waiting for Enter.
#[cfg(unix)]
mod keys {
    use std::fs::File;
    use std::io::{self, Read};
    use std::os::fd::AsFd;

    use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};

    use super::{Key, key_of};

    /// The terminal in non-canonical mode; its settings come back when this is dropped.
    pub struct Terminal {
        /// A duplicate of stdin, read without a buffer: anything typed after the key
        /// stays for the line editor.
        input: File,
        saved: Termios,
    }

    impl Terminal {
        pub fn open() -> io::Result<Terminal> {
            let input = File::from(io::stdin().as_fd().try_clone_to_owned()?);
            let saved = termios::tcgetattr(&input)?;
            let mut raw = saved.clone();
            // ISIG off too: Ctrl-C at the prompt quits the pager, and does not kill the
            // session as a signal would.
            raw.local_modes
                .remove(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG);
            raw.special_codes[SpecialCodeIndex::VMIN] = 1;
            raw.special_codes[SpecialCodeIndex::VTIME] = 0;
            termios::tcsetattr(&input, OptionalActions::Now, &raw)?;
            Ok(Terminal { input, saved })
        }

        pub fn key(&mut self) -> io::Result<Key> {
            let mut buf = [0u8; 16];
            loop {
                match self.input.read(&mut buf) {
                    Ok(n) => return Ok(key_of(&buf[..n])),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
        }
    }

    impl Drop for Terminal {
        fn drop(&mut self) {
            let _ = termios::tcsetattr(&self.input, OptionalActions::Now, &self.saved);
        }
    }
}

/// Elsewhere a key is a line: Enter for the next page, `q` Enter to quit.
#[cfg(not(unix))]
mod keys {
    use std::io::{self, BufRead};

    use super::Key;

    pub struct Terminal;

    impl Terminal {
        pub fn open() -> io::Result<Terminal> {
            Ok(Terminal)
        }

        pub fn key(&mut self) -> io::Result<Key> {
            let mut line = String::new();
            io::stdin().lock().read_line(&mut line)?;
            Ok(match line.trim() {
                "q" | "Q" => Key::Quit,
                _ if line.is_empty() => Key::Quit,
                _ => Key::Page,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(n: usize) -> String {
        (1..=n).map(|i| format!("line {i}\n")).collect()
    }

    fn paged(text: &str, height: usize, keys: &[Key]) -> String {
        let mut keys = keys.iter().copied();
        let mut out = Vec::new();
        let screen = Screen {
            width: 80,
            height,
            color: false,
        };
        builtin(&mut out, text, screen, &mut || {
            Ok(keys.next().expect("asked for a key no test pressed"))
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_page_is_a_screen_less_the_prompt_row() {
        let out = paged(&numbered(25), 10, &[Key::Quit]);
        assert!(out.starts_with("line 1\n"));
        assert!(out.contains("line 9\n-- more (36%)"), "{out}");
        assert!(!out.contains("line 10"), "{out}");
    }

    #[test]
    fn space_shows_the_next_page_enter_one_line() {
        let out = paged(&numbered(25), 10, &[Key::Page, Key::Line, Key::Quit]);
        assert!(out.contains("line 18\n"), "{out}");
        assert!(out.contains("line 19\n"), "{out}");
        assert!(!out.contains("line 20"), "{out}");
    }

    #[test]
    fn the_pager_ends_with_the_text() {
        let out = paged(&numbered(12), 10, &[Key::Page]);
        assert!(out.ends_with("line 12\n"), "{out}");
    }

    #[test]
    fn wide_lines_count_the_rows_they_take() {
        let text = format!("{}\n{}", "x".repeat(200), numbered(5));
        assert_eq!(rows(&text, 80), 3 + 5);
        assert_eq!(rows("\x1b[1mbold\x1b[0m", 4), 1);
    }

    #[test]
    fn keys_are_read_by_what_they_ask() {
        assert_eq!(key_of(b"q"), Key::Quit);
        assert_eq!(key_of(b"\x03"), Key::Quit);
        assert_eq!(key_of(b"\x1b"), Key::Quit);
        assert_eq!(key_of(b"\r"), Key::Line);
        assert_eq!(key_of(b"\x1b[B"), Key::Line);
        assert_eq!(key_of(b" "), Key::Page);
        assert_eq!(key_of(b"\x1b[6~"), Key::Page);
    }
}
