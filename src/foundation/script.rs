//! `run` scripts: one query a line, `#` comments, `## Heading` titling the next query.

/// The largest `run` script read: a thousand queries fit in a tenth of it.
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// One query of a `run` script, with the heading that titles it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ScriptQuery {
    pub heading: Option<String>,
    pub query: String,
    pub line: usize,
}

/// Reads a `run` script: one query a line; blank lines and `# comments` are skipped, and
/// so is what follows ` #` on a query's line; `## Heading` (two or more `#`) titles the
/// query after it.
/// Lines may end in `\n`, `\r\n` or a lone `\r` (old Mac editors); a byte-order mark
/// before the first line is not part of it.
pub fn parse_script(text: &str) -> Vec<ScriptQuery> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut heading = None;
    let lines = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    for (i, line) in lines.enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(h) = line.strip_prefix("##") {
            heading = Some(h.trim_start_matches('#').trim().to_string()).filter(|h| !h.is_empty());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        // `query  # why it is asked`: a `#` after a blank starts a comment (a `#` inside a
        // word, as in `C#`, does not).
        let line = match line.find(" #").or_else(|| line.find("\t#")) {
            Some(at) => line[..at].trim_end(),
            None => line,
        };
        out.push(ScriptQuery {
            heading: heading.take(),
            query: line.to_string(),
            line: i + 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_skip_comments_and_take_headings() {
        let s = parse_script(
            "# a comment\n\n## Security review\nsecurity checklist for Azure\nSE:05\n",
        );
        assert_eq!(
            s,
            vec![
                ScriptQuery {
                    heading: Some("Security review".into()),
                    query: "security checklist for Azure".into(),
                    line: 4
                },
                ScriptQuery {
                    heading: None,
                    query: "SE:05".into(),
                    line: 5
                },
            ]
        );
    }

    #[test]
    fn a_comment_may_close_a_query_line() {
        let s = parse_script("security checklist for Azure  # the pillar's own\nC# apps\n");
        assert_eq!(s[0].query, "security checklist for Azure");
        assert_eq!(s[1].query, "C# apps");
    }

    #[test]
    fn scripts_read_any_line_ending_and_a_byte_order_mark() {
        let unix = parse_script("## Security\nSE:05\nSE:06\n");
        assert_eq!(parse_script("\u{feff}## Security\rSE:05\rSE:06\r"), unix);
        assert_eq!(parse_script("## Security\r\nSE:05\r\nSE:06\r\n"), unix);
        assert_eq!(parse_script("\u{feff}SE:05\n")[0].query, "SE:05");
    }
}
