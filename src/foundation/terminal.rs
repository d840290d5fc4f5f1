//! Text that a hostile article controls (titles, text, file names), made safe to print on
//! a terminal: control characters, escape sequences and bidirectional overrides are shown
//! as visible escapes (`\u{1b}`), so an article cannot retitle the window (`\e]0;…\a`),
//! clear the screen (`\e[2J`) or forge a second warning line with a newline (issue 11).

use std::borrow::Cow;

/// Characters that steer a terminal rather than show: C0 and C1 controls, DEL, and the
/// bidirectional marks and overrides that reorder what is shown ("Trojan Source").
fn steers(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| steers(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if steers(c) && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of output (a title, a path, a cell): every control character is escaped,
/// newlines and tabs included.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Several lines (an article's text, a rendered error): newlines and tabs are kept, every
/// other control character is escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_steer_nothing() {
        assert_eq!(line("plain — text"), "plain — text");
        assert_eq!(line("\u{1b}]0;pwned\u{7}x"), "\\u{1b}]0;pwned\\u{7}x");
        assert_eq!(line("a\nb\r"), "a\\u{a}b\\u{d}");
        assert_eq!(text("a\nb\u{1b}[2J\tc"), "a\nb\\u{1b}[2J\tc");
        assert_eq!(line("\u{9b}31m \u{202e}"), "\\u{9b}31m \\u{202e}");
        assert!(matches!(line("ok"), Cow::Borrowed(_)));
    }
}
