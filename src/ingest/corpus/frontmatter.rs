//! YAML front matter: the `---`-fenced block that opens a Learn article.

use std::collections::BTreeMap;

use super::yaml::YamlError;

/// The front matter fields guidegraph reads, plus every scalar field kept as text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, String>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }
    pub fn title(&self) -> Option<&str> {
        self.get("title")
    }
    pub fn description(&self) -> Option<&str> {
        self.get("description")
    }
}

/// The outcome of splitting a file into front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front: FrontMatter,
    /// Byte offset of the body in the original text.
    pub body_start: usize,
    pub body: &'a str,
    /// Why the front matter could not be read, with the line it starts on.
    pub problem: Option<(usize, String)>,
}

/// Splits `text` into front matter and body. A file without front matter is all body. Front
/// matter that is not YAML, or never closed, is reported and skipped, never fatal.
pub fn split(text: &str) -> Split<'_> {
    // A byte-order mark (editors on Windows write one) comes before the fence, and is no
    // part of the body either.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let whole = |problem| Split {
        front: FrontMatter::default(),
        body_start: bom,
        body: &text[bom..],
        problem,
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[bom..first_line_end].trim_end() != "---" {
        return whole(None);
    }
    // Find the closing fence: a line that is exactly `---` (or `...`).
    let mut pos = first_line_end + 1;
    let mut close = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            close = Some((pos, (end + 1).min(text.len())));
            break;
        }
        pos = end + 1;
    }
    let Some((yaml_end, body_start)) = close else {
        return whole(Some((
            1,
            "front matter opened with `---` is never closed".into(),
        )));
    };
    let yaml = &text[first_line_end + 1..yaml_end];
    let (front, problem) = match parse_yaml(yaml) {
        Ok(front) => (front, None),
        Err(YamlError::Syntax(e)) => (
            FrontMatter::default(),
            Some((1, format!("front matter is not valid YAML: {e}"))),
        ),
        Err(e) => (
            FrontMatter::default(),
            Some((1, format!("front matter {e}"))),
        ),
    };
    Split {
        front,
        body_start,
        body: &text[body_start..],
        problem,
    }
}

/// The largest front matter read; Learn's are under 2 KB.
pub const MAX_BYTES: usize = 64 * 1024;

fn parse_yaml(yaml: &str) -> Result<FrontMatter, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let value = super::yaml::parse(yaml, MAX_BYTES)?;
    let serde_norway::Value::Mapping(map) = value else {
        return Err(YamlError::Syntax("expected `key: value` pairs".into()));
    };
    let mut fields = BTreeMap::new();
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let text = match v {
            serde_norway::Value::String(s) => s,
            serde_norway::Value::Number(n) => n.to_string(),
            serde_norway::Value::Bool(b) => b.to_string(),
            _ => continue,
        };
        fields.insert(key.to_string(), text.trim().to_string());
    }
    Ok(FrontMatter { fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_body_offset() {
        let text = "---\ntitle: Hello\nms.date: 11/15/2024\n---\n# Body\n";
        let s = split(text);
        assert_eq!(s.front.title(), Some("Hello"));
        assert_eq!(s.front.get("ms.date"), Some("11/15/2024"));
        assert_eq!(s.body, "# Body\n");
        assert!(s.problem.is_none());
    }

    #[test]
    fn broken_yaml_is_reported_and_body_kept() {
        let s = split("---\ntitle: [unclosed\n---\ntext\n");
        assert!(s.problem.unwrap().1.contains("not valid YAML"));
        assert_eq!(s.body, "text\n");
    }

    #[test]
    fn unclosed_front_matter_is_all_body() {
        let s = split("---\ntitle: x\n");
        assert!(s.problem.unwrap().1.contains("never closed"));
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn a_byte_order_mark_before_the_fence_is_skipped() {
        let text = "\u{feff}---\ntitle: Hello\n---\n# Body\n";
        let s = split(text);
        assert_eq!(s.front.title(), Some("Hello"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(&text[s.body_start..], "# Body\n");
        assert!(s.problem.is_none());
        let s = split("\u{feff}# Only body\n");
        assert_eq!(s.body, "# Only body\n");
    }

    #[test]
    fn deep_front_matter_is_reported_not_parsed() {
        let deep = format!("---\ntitle: {}\n---\ntext\n", "[".repeat(30_000));
        let started = std::time::Instant::now();
        let s = split(&deep);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert!(s.problem.unwrap().1.contains("nested more than 32 levels"));
        assert_eq!(s.body, "text\n");
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Title\n");
        assert!(s.problem.is_none());
        assert_eq!(s.body, "# Title\n");
    }
}
