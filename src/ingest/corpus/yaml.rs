//! YAML from the corpus (front matter, `index.yml` landing pages), parsed within bounds.
//!
//! The YAML parser's cost grows with the square of nesting: 200 KB of `[[[…]]]` takes 21 s
//! and an `index.yml` of it slows every `stats` (issue 11). Guidance needs neither deep
//! nesting nor megabytes, so text over a size or with nesting past a depth is refused with
//! a reason before the parser sees it.

/// Deeper than any real front matter or landing page (they nest three or four levels).
pub const MAX_DEPTH: usize = 32;

/// Why YAML was not parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YamlError {
    /// A 100 KB `title:` line in front matter whose cap is 64 KB.
    #[error("larger than the {limit} byte limit ({bytes} bytes); not read")]
    TooLarge { bytes: usize, limit: usize },
    /// `[[[[…]]]]` more than [`MAX_DEPTH`] levels deep.
    #[error("nested more than {MAX_DEPTH} levels deep; not read")]
    TooDeep,
    /// Anything the YAML parser itself refuses.
    #[error("{0}")]
    Syntax(String),
}

/// How deep `yaml` nests, counting both flow brackets (`[`, `{`) outside quotes and
/// comments, and block structure (indentation and `- ` items opening a line). Stops
/// counting once past `stop`.
pub fn depth(yaml: &str, stop: usize) -> usize {
    let mut deepest = 0;
    let mut flow = 0usize;
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let mut rest = line.trim_start_matches([' ', '\t']);
        let mut dashes = 0;
        while let Some(r) = rest
            .strip_prefix("- ")
            .or_else(|| rest.strip_prefix("? "))
            .or_else(|| rest.strip_prefix(": "))
        {
            dashes += 1;
            rest = r.trim_start_matches(' ');
        }
        // Two columns of indentation make a level in practice; a tab is one.
        deepest = deepest.max(indent / 2 + dashes);
        let mut quote: Option<char> = None;
        for c in rest.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow += 1;
                    deepest = deepest.max(flow + indent / 2 + dashes);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
        if deepest > stop {
            return deepest;
        }
    }
    deepest
}

/// Parses `yaml` when it is at most `max_bytes` long and at most [`MAX_DEPTH`] deep.
pub fn parse(yaml: &str, max_bytes: usize) -> Result<serde_norway::Value, YamlError> {
    if yaml.len() > max_bytes {
        return Err(YamlError::TooLarge {
            bytes: yaml.len(),
            limit: max_bytes,
        });
    }
    if depth(yaml, MAX_DEPTH) > MAX_DEPTH {
        return Err(YamlError::TooDeep);
    }
    serde_norway::from_str(yaml).map_err(|e| YamlError::Syntax(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_flow_and_block_nesting() {
        assert_eq!(depth("title: x\n", 99), 0);
        assert_eq!(depth("a:\n  b:\n    c: 1\n", 99), 2);
        assert_eq!(depth("k: [1, {a: [2]}]\n", 99), 3);
        assert_eq!(depth("k: '[[[['\n# [[[[\n", 99), 0);
        assert_eq!(depth("- - - x\n", 99), 3);
        assert!(depth(&"[".repeat(100_000), 40) > 32);
    }

    #[test]
    fn deep_or_large_yaml_is_refused_quickly() {
        let started = std::time::Instant::now();
        let deep = format!("t: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&deep, 1 << 20), Err(YamlError::TooDeep));
        let block: String = (0..200)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        assert_eq!(parse(&block, 1 << 20), Err(YamlError::TooDeep));
        assert!(matches!(
            parse("title: x\n", 4),
            Err(YamlError::TooLarge { bytes: 9, limit: 4 })
        ));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert!(parse("title: [a, b]\n", 1 << 20).is_ok());
    }
}
