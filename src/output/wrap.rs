//! Text broken at word boundaries to fit a terminal's width, for the REPL's `:show` and
//! `:open` (issue 19). A terminal wraps a long line wherever the width ends, mid-word, and
//! the next line starts at column 0, so a list item's second line lost its indent; here a
//! continuation line is indented under the text of its list item or quote.
//!
//! Width is counted in terminal columns (a CJK character takes two), not characters. A
//! word wider than a whole line (a long address) is broken where the line ends, as the
//! terminal would have done, so no line is ever wider than the width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many columns a tab advances to: Markdown's own tab stop.
const TAB: usize = 4;

/// `text` with no line wider than `width` columns: lines that fit are kept as they are,
/// longer ones are broken between words. Tabs become spaces, since a terminal's tab
/// stops would make a line wider than its characters say.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(8);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let body = expand_tabs(body);
        if body.width() <= width {
            out.push_str(&body);
        } else {
            wrap_line(&mut out, &body, width);
        }
        out.push_str(end);
    }
    out
}

/// Columns taken by the characters in `s`.
pub fn columns(s: &str) -> usize {
    s.width()
}

fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        if c == '\t' {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += c.width().unwrap_or(0);
        }
    }
    out
}

/// The indent a continuation of `line` takes: under the text of a list item (`- `, `* `,
/// `1. `) or a quote (`> `); two more than an indented line's own indent, so it does not
/// read as the next entry of a list (`:show`'s sources and relations); none for a
/// paragraph. Never more than half the width, so a deep indent leaves room for words.
fn hanging_indent(line: &str, width: usize) -> usize {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[lead..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if ["- ", "* ", "+ ", "> "].iter().any(|m| rest.starts_with(m)) {
        2
    } else if digits > 0 && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") ")) {
        digits + 2
    } else if lead > 0 {
        2
    } else {
        0
    };
    let hang = lead + marker;
    if hang > width / 2 { 0 } else { hang }
}

/// Appends `line` (wider than `width`, no newline) broken into lines of at most `width`
/// columns, each but the last ending in a newline. Words that stay on one line keep the
/// spaces between them.
fn wrap_line(out: &mut String, line: &str, width: usize) {
    let hang = hanging_indent(line, width);
    let lead = line.len() - line.trim_start_matches(' ').len();
    // The first line keeps its own indent; each later one starts at the hanging indent.
    let mut current = line[..lead].to_string();
    let mut used = lead;
    let mut has_word = false;
    let mut rest = &line[lead..];
    while !rest.is_empty() {
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        let after = &rest[gap..];
        let end = after.find(' ').unwrap_or(after.len());
        let (word, spaces) = (&after[..end], &rest[..gap]);
        rest = &after[end..];
        if word.is_empty() {
            break;
        }
        let w = word.width();
        if has_word && used + gap + w <= width {
            current.push_str(spaces);
            current.push_str(word);
            used += gap + w;
            continue;
        }
        if has_word {
            out.push_str(current.trim_end());
            out.push('\n');
            current = " ".repeat(hang);
            used = hang;
        }
        if used + w <= width {
            current.push_str(word);
            used += w;
        } else {
            // A word wider than the room left: broken where the line ends.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > hang {
                    out.push_str(&current);
                    out.push('\n');
                    current = " ".repeat(hang);
                    used = hang;
                }
                current.push(c);
                used += cw;
            }
        }
        has_word = true;
    }
    out.push_str(current.trim_end());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(s: &str) -> usize {
        s.lines().map(columns).max().unwrap_or(0)
    }

    #[test]
    fn lines_that_fit_are_kept() {
        let text = "# Title\n\n  indented   spacing kept\n";
        assert_eq!(wrap("aaa  bbb  ccc", 10), "aaa  bbb\nccc");
        assert_eq!(wrap(text, 40), text);
    }

    #[test]
    fn long_lines_break_between_words() {
        let text = "Design the workload so that it keeps running when one of its parts fails.";
        let wrapped = wrap(text, 30);
        assert_eq!(
            wrapped,
            "Design the workload so that it\nkeeps running when one of its\nparts fails."
        );
        assert!(widest(&wrapped) <= 30);
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let wrapped = wrap(
            "- Use availability zones to keep the workload running\n  1. Then test it",
            24,
        );
        assert_eq!(
            wrapped,
            "- Use availability zones\n  to keep the workload\n  running\n  1. Then test it"
        );
    }

    #[test]
    fn a_source_reference_is_never_split_when_it_fits() {
        let line = "  azure-waf/service-guides/azure-application-gateway.md:118  (Checklist for the gateway)";
        let wrapped = wrap(line, 60);
        assert_eq!(
            wrapped,
            "  azure-waf/service-guides/azure-application-gateway.md:118\n    (Checklist for the gateway)"
        );
        assert!(
            wrapped
                .lines()
                .any(|l| l.contains("azure-waf/service-guides/azure-application-gateway.md:118")),
            "{wrapped}"
        );
        assert!(widest(&wrapped) <= 60);
    }

    #[test]
    fn words_wider_than_the_line_are_broken_and_tabs_expanded() {
        let url = format!("see https://example.com/{}", "a".repeat(50));
        let wrapped = wrap(&url, 20);
        assert!(widest(&wrapped) <= 20, "{wrapped}");
        assert_eq!(wrapped.replace(['\n', ' '], ""), url.replace(' ', ""));
        assert_eq!(wrap("a\tb", 20), "a   b");
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let text = "設計 設計 設計 設計 設計 設計";
        let wrapped = wrap(text, 10);
        assert!(widest(&wrapped) <= 10, "{wrapped}");
    }
}
