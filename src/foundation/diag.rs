//! Diagnostics on stderr. Writing them never panics: when stderr is full (`2>/dev/full`)
//! or a closed pipe, the message is dropped and the run goes on to its own exit status,
//! as a closed stdout ends a run quietly (issue 11). Control characters are escaped, since
//! messages quote file names and text from the corpus.

use std::fmt;
use std::io::{self, Write};

use crate::terminal;

/// Writes one diagnostic line to stderr, ignoring a stderr that cannot be written.
pub fn emit(args: fmt::Arguments<'_>) {
    let msg = args.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", terminal::text(&msg));
}

/// Writes text that ends its own lines (a rendered query error with its caret).
pub fn emit_text(text: &str) {
    let _ = write!(io::stderr().lock(), "{}", terminal::text(text));
}

/// `eprintln!` that neither panics on an unwritable stderr nor passes control characters.
#[macro_export]
macro_rules! diag {
    ($($arg:tt)*) => {
        $crate::diag::emit(format_args!($($arg)*))
    };
}

/// stderr as a writer that swallows its own failures, for code that reports through a
/// `&mut dyn Write` (the REPL): a lost diagnostic must not end the session. C0 control
/// bytes and DEL but newline and tab are escaped on the way (they never occur inside a
/// UTF-8 sequence, so bytes can be escaped one by one).
pub struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let _ = escape_into(&mut io::stderr().lock(), buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        let _ = io::stderr().flush();
        Ok(())
    }
}

/// A writer that escapes as [`Stderr`] does on the way to another writer: the REPL keeps
/// its diagnostics in place among the text it pages.
pub struct Escaped<W>(pub W);

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        escape_into(&mut self.0, buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes `buf` to `w` with C0 control bytes but newline and tab, and DEL, escaped.
fn escape_into(w: &mut dyn Write, buf: &[u8]) -> io::Result<()> {
    let mut rest = buf;
    while let Some(i) = rest
        .iter()
        .position(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f)
    {
        w.write_all(&rest[..i])?;
        write!(w, "\\u{{{:x}}}", rest[i])?;
        rest = &rest[i + 1..];
    }
    w.write_all(rest)
}
