//! Pasted input, one query a line (issue 19). The line editor takes a paste as one piece
//! (bracketed paste: a pasted newline does not press Enter, so nothing runs before the
//! person has seen what they pasted), and Enter then hands over every line at once; run
//! as one query, three pasted questions gave one mixed answer.
//!
//! A line whose quote is still open goes on on the next line, as it does when typed (the
//! editor's validator asks for more input then), so a quoted title spanning two lines is
//! one query.

/// The queries and commands in `input`: each non-empty line, with the lines after an open
/// quote joined to it, trimmed, in order.
pub fn statements(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<String> = None;
    for line in input.lines() {
        let joined = match open.take() {
            Some(mut s) => {
                s.push('\n');
                s.push_str(line);
                s
            }
            None => line.to_string(),
        };
        if joined.matches('"').count() % 2 == 1 {
            open = Some(joined);
        } else if !joined.trim().is_empty() {
            out.push(joined.trim().to_string());
        }
    }
    // A quote never closed: the engine reports it, as for a typed line.
    if let Some(s) = open.filter(|s| !s.trim().is_empty()) {
        out.push(s.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_a_statement() {
        assert_eq!(
            statements("SE:01\n\n  RE:02 \r\nCO:03\n"),
            ["SE:01", "RE:02", "CO:03"]
        );
        assert_eq!(statements("one line"), ["one line"]);
        assert!(statements(" \n\n").is_empty());
    }

    #[test]
    fn an_open_quote_goes_on_to_the_next_line() {
        assert_eq!(
            statements("\"model\ndecay\"\n:show 1"),
            ["\"model\ndecay\"", ":show 1"]
        );
        assert_eq!(statements("a \"b"), ["a \"b"]);
    }
}
