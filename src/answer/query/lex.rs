//! Lexing a query: words, quoted phrases and `key:value` filters, each with its position so
//! errors can point at the text that caused them.

use super::error::{QueryError, Span};

/// Queries longer than this are refused: no question needs it, and a pasted file should
/// get a clear error rather than a slow answer.
pub const MAX_QUERY_BYTES: usize = 4096;

/// The filter names scripts can rely on.
pub const FILTER_KEYS: &[&str] = &["kind", "pillar", "platform", "workload", "service", "code"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    Word(String),
    /// `"exact phrase"`.
    Quoted(String),
    /// `key:value` or `key:"a value"`.
    Filter {
        key: String,
        value: String,
        value_span: Span,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// A checklist code such as `SE:05` (any letter case).
pub fn is_code(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 5
        && b[0].is_ascii_alphabetic()
        && b[1].is_ascii_alphabetic()
        && b[2] == b':'
        && b[3].is_ascii_digit()
        && b[4].is_ascii_digit()
}

/// Splits `input` into tokens. Errors:
/// - `"open phrase` → unbalanced quote, pointing at the opening quote;
/// - `kind:` → a filter without a value;
/// - an input over [`MAX_QUERY_BYTES`] or with nothing in it.
pub fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(QueryError::new(
            format!(
                "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
                input.len()
            ),
            Span::new(MAX_QUERY_BYTES, MAX_QUERY_BYTES + 1),
        )
        .help("ask a shorter question, or split it into several queries in a `run` file"));
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    let bytes = input.as_bytes();
    while i < bytes.len() {
        let c = input[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c == '"' {
            let (text, end) = quoted(input, i)?;
            tokens.push(Token {
                kind: TokenKind::Quoted(text),
                span: Span::new(i, end),
            });
            i = end;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            let c = input[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || c == '"' {
                break;
            }
            i += c.len_utf8();
        }
        let word = &input[start..i];
        // A filter's name and a colon, then a space and more words, is a sentence's
        // punctuation too ("the data and application platform: volume of data"); typed
        // with nothing after it (`kind:`) it is a filter missing its value.
        let punctuation = word.ends_with(':')
            && word.find(':') == Some(word.len() - 1)
            && !input[i..].trim().is_empty()
            && !input[i..].trim_start().starts_with('"');
        match word.find(':') {
            Some(colon) if !is_code(word) && is_filter_key(&word[..colon]) && !punctuation => {
                let token = filter(input, start, start + colon)?;
                i = token.span.end;
                tokens.push(token);
            }
            // A node's id (`section:any-hub-md-1`) is one word: split at its colon, it
            // named another node (issue 17).
            Some(_) if is_id(word) => tokens.push(Token {
                kind: TokenKind::Word(word.to_string()),
                span: Span::new(start, i),
            }),
            Some(_) if !is_code(word) => {
                // `word:` that is not a filter: the colon is punctuation.
                let mut at = start;
                for part in word.split(':') {
                    if !part.is_empty() {
                        tokens.push(Token {
                            kind: TokenKind::Word(part.to_string()),
                            span: Span::new(at, at + part.len()),
                        });
                    }
                    at += part.len() + 1;
                }
            }
            _ => tokens.push(Token {
                kind: TokenKind::Word(word.to_string()),
                span: Span::new(start, i),
            }),
        }
    }
    if tokens.is_empty() {
        return Err(
            QueryError::new("the query is empty", Span::new(0, input.len().max(1)))
                .help("try `challenges for AI workloads on Azure`, `SE:05` or `model decay`"),
        );
    }
    Ok(tokens)
}

/// A node id as ids are made: a kind's name, `:`, and a slug of lower-case letters,
/// digits and `-` (`recommendation:azure-se-05`).
pub fn is_id(word: &str) -> bool {
    word.split_once(':').is_some_and(|(kind, slug)| {
        crate::graph::NodeKind::from_name(kind).is_some()
            && !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

/// A word followed by `:` is a filter only when it is a filter's name: in a pasted
/// sentence ("Parallelize training workloads: Consider …") a colon is punctuation.
fn is_filter_key(word: &str) -> bool {
    FILTER_KEYS.contains(&word.to_ascii_lowercase().as_str())
}

fn quoted(input: &str, open: usize) -> Result<(String, usize), QueryError> {
    match input[open + 1..].find('"') {
        Some(len) => Ok((input[open + 1..open + 1 + len].to_string(), open + len + 2)),
        None => Err(
            QueryError::new("unbalanced quote", Span::new(open, open + 1))
                .label("this quote is never closed")
                .help("close the phrase with another `\"`"),
        ),
    }
}

fn filter(input: &str, start: usize, colon: usize) -> Result<Token, QueryError> {
    let key = input[start..colon].to_ascii_lowercase();
    let vstart = colon + 1;
    let (value, end) = if input[vstart..].starts_with('"') {
        quoted(input, vstart)?
    } else {
        let len = input[vstart..]
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(input.len() - vstart);
        (input[vstart..vstart + len].to_string(), vstart + len)
    };
    if value.trim().is_empty() {
        return Err(QueryError::new(
            format!("the filter `{key}:` has no value"),
            Span::new(start, end.max(vstart + 1)),
        )
        .help(format!(
            "write it as `{key}:VALUE`, or `{key}:\"two words\"`"
        )));
    }
    let value_span = Span::new(vstart, end);
    Ok(Token {
        kind: TokenKind::Filter {
            key,
            value,
            value_span,
        },
        span: Span::new(start, end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<TokenKind> {
        lex(q).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn words_phrases_filters_codes() {
        assert_eq!(
            kinds(r#"kind:challenge "exact phrase" SE:05 platform:"power platform""#),
            vec![
                TokenKind::Filter {
                    key: "kind".into(),
                    value: "challenge".into(),
                    value_span: Span::new(5, 14)
                },
                TokenKind::Quoted("exact phrase".into()),
                TokenKind::Word("SE:05".into()),
                TokenKind::Filter {
                    key: "platform".into(),
                    value: "power platform".into(),
                    value_span: Span::new(45, 61)
                },
            ]
        );
    }

    #[test]
    fn colon_after_plain_word_is_punctuation() {
        assert_eq!(
            kinds("note: decay"),
            vec![
                TokenKind::Word("note".into()),
                TokenKind::Word("decay".into())
            ]
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = lex("kind:challenge \"open").unwrap_err();
        assert_eq!(e.message, "unbalanced quote");
        assert_eq!(e.span, Span::new(15, 16));
        // Only a filter's own name before a colon makes a filter (issue: pasted sentences).
        assert_eq!(
            kinds("kindd:challenge"),
            vec![
                TokenKind::Word("kindd".into()),
                TokenKind::Word("challenge".into())
            ]
        );
        assert_eq!(
            kinds("Parallelize training workloads: Consider")[2],
            TokenKind::Word("workloads".into())
        );
        assert_eq!(lex("   ").unwrap_err().message, "the query is empty");
        assert!(
            lex(&"a ".repeat(60_000))
                .unwrap_err()
                .message
                .contains("limit")
        );
        assert!(lex("kind:").unwrap_err().message.contains("no value"));
        // A filter's name, a colon and a space inside a sentence is punctuation.
        assert_eq!(
            kinds("factors of the application platform: - volume of data")[4],
            TokenKind::Word("platform".into())
        );
        assert!(lex("platform: ").unwrap_err().message.contains("no value"));
    }
}
