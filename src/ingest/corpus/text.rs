//! Turning Learn-flavoured Markdown residue into clean text.
//!
//! Microsoft Learn articles carry syntax that CommonMark does not know: `:::image …:::`
//! directives, `:::row:::` layout lines, `[!div class="…"]` markers, checkbox entities
//! (`&#9744;`) and `<br>` inside table cells. The Markdown parser hands most of it to us as
//! plain text; this module removes it so titles and summaries read like prose.

/// Lines that hold only a Learn layout directive (`:::row:::`, `:::column-end:::`) are blanked
/// before parsing. An indented `:::column:::` would otherwise open a code block and swallow
/// the real text after it. Line count is preserved so source lines stay right.
pub fn blank_directive_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let lone_directive = trimmed.starts_with(":::")
            && trimmed.ends_with(":::")
            && trimmed.len() >= 6
            && !trimmed.starts_with(":::image");
        if lone_directive {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(cap_table_row(line));
            if line.ends_with('\n') && !out.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

/// The most `|` a line keeps. The Markdown parser holds every table cell of a document at
/// once, so a 3900-column table took hundreds of megabytes before a cell was read (issue
/// 11); guidegraph keeps at most `markdown::MAX_COLUMNS` columns anyway.
pub const MAX_ROW_PIPES: usize = 256;

/// `line` cut just after its [`MAX_ROW_PIPES`]th `|` (its newline is the caller's).
fn cap_table_row(line: &str) -> &str {
    if line.len() <= MAX_ROW_PIPES {
        return line;
    }
    match line.match_indices('|').nth(MAX_ROW_PIPES - 1) {
        Some((i, _)) => &line[..=i],
        None => line,
    }
}

/// What a `:::image …:::` directive told us before it was removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Directives {
    /// The text held the trade-off icon (`source="../_images/trade-off.svg"`).
    pub tradeoff_icon: bool,
}

/// Removes `:::…:::` directives from inline text, reporting the ones that carry meaning.
pub fn strip_directives(text: &str) -> (String, Directives) {
    let mut found = Directives::default();
    if !text.contains(":::") {
        return (text.to_string(), found);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(":::") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        match after.find(":::") {
            Some(end) => {
                let directive = &after[..end];
                if directive.contains("trade-off") || directive.contains("tradeoff") {
                    found.tradeoff_icon = true;
                }
                rest = &after[end + 3..];
            }
            None => {
                // An unterminated directive: keep the text rather than lose the rest of it.
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out, found)
}

/// Removes a leading `[!NOTE]` / `[!div class="checklist"]` marker, returning its name in
/// lower case (`note`, `div class="checklist"`).
pub fn strip_callout_marker(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    // A marker names a callout in a few words; a longer "marker" is text (and would be
    // copied into every block of its quote).
    if let Some(body) = trimmed.strip_prefix("[!")
        && let Some(end) = body.find(']')
        && end <= 100
    {
        let marker = body[..end].trim().to_lowercase();
        return (Some(marker), &body[end + 1..]);
    }
    (None, text)
}

/// Collapses white space, drops checkbox and tick symbols that stand for table decorations,
/// and trims. Non-breaking spaces count as spaces.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let ch = match ch {
            '\u{00a0}' | '\t' | '\n' | '\r' => ' ',
            '\u{2610}'..='\u{2612}' | '\u{2713}' | '\u{2714}' | '\u{2705}' | '\u{fe0f}' => ' ',
            c => c,
        };
        if ch == ' ' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// The first sentence of `text`: up to the first `.`, `!` or `?` followed by a space or the
/// end, or the whole text when it has none. Abbreviations such as "e.g." are rare enough in
/// lead sentences that a simple rule serves.
pub fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            return &text[..=i];
        }
    }
    text
}

/// Trims the punctuation that ends a title: "Focus on simplicity." → "Focus on simplicity".
pub fn trim_title(text: &str) -> String {
    let t = text.trim().trim_end_matches(['.', ':', ';', ',']).trim();
    let t = t.strip_suffix(" ?").unwrap_or(t);
    t.to_string()
}

/// Shortens `text` to at most `max` characters on a word boundary, marking the cut with `…`.
pub fn summarize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut end = 0;
    for (count, (i, ch)) in text.char_indices().enumerate() {
        if count >= max {
            break;
        }
        if ch == ' ' {
            end = i;
        }
    }
    if end == 0 {
        end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    }
    // Sized to fit: `format!` gave the ellipsis a second allocation of twice the size, and
    // every section and item keeps its summary (issue 22).
    let head = text[..end].trim_end_matches([',', ';', ':', ' ']);
    let mut out = String::with_capacity(head.len() + '…'.len_utf8());
    out.push_str(head);
    out.push('…');
    out
}

/// A lower-case, ASCII slug: "Cost Optimization" → "cost-optimization".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Words of `text` lower-cased, for matching: letters and digits only.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn very_wide_table_rows_are_cut_keeping_lines() {
        let wide = format!("|{}\n|{}\nafter\n", "x|".repeat(1000), "y|".repeat(10));
        let out = blank_directive_lines(&wide);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].matches('|').count(), MAX_ROW_PIPES);
        assert_eq!(lines[1], format!("|{}", "y|".repeat(10)));
        assert_eq!(lines[2], "after");
    }

    #[test]
    fn directives_are_removed_and_tradeoff_icon_noticed() {
        let (text, d) = strip_directives(
            r#":::image type="icon" source="../_images/trade-off.svg"::: **Tradeoff**: costs"#,
        );
        assert_eq!(text.trim(), "**Tradeoff**: costs");
        assert!(d.tradeoff_icon);
        let (text, d) = strip_directives("plain :::image source=\"a.png\"::: text");
        assert_eq!(normalize_space(&text), "plain text");
        assert!(!d.tradeoff_icon);
    }

    #[test]
    fn unterminated_directive_keeps_text() {
        assert_eq!(strip_directives("a ::: b").0, "a ::: b");
    }

    #[test]
    fn layout_lines_are_blanked_keeping_line_count() {
        let src = "a\n    :::column:::\nb\n:::row-end:::\n";
        let out = blank_directive_lines(src);
        assert_eq!(out, "a\n\nb\n\n");
    }

    #[test]
    fn callout_marker() {
        assert_eq!(
            strip_callout_marker("[!NOTE] hi"),
            (Some("note".into()), " hi")
        );
        assert_eq!(strip_callout_marker("no marker"), (None, "no marker"));
    }

    #[test]
    fn space_and_checkboxes() {
        assert_eq!(normalize_space(" \u{2610}  a\u{a0}b \n"), "a b");
    }

    #[test]
    fn sentences_titles_slugs() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("No end"), "No end");
        assert_eq!(trim_title(" Focus. "), "Focus");
        assert_eq!(slug("Cost Optimization (CO)"), "cost-optimization-co");
        assert_eq!(summarize("alpha beta gamma", 11), "alpha beta…");
    }
}
