//! Reading a review file. Every mistake is reported with its line, all of them at once,
//! and nothing is written when there is one:
//!
//! - no front matter, or one never closed (`---` on line 1 and no second `---`);
//! - front matter that is not YAML, lacks `title`, or names another format version;
//! - an unknown status box (`- [done] …`, `- [?] …`);
//! - an unknown risk (`risk: low`);
//! - an item comment not closed (`<!-- id=… `) or with a broken escape;
//! - the same id on two items.

use std::collections::HashMap;

use crate::review::write::dec;
use crate::review::{FORMAT, Front, Item, Line, Review, Risk, Section, Status};

/// A mistake in a review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// Renders errors as `FILE:LINE: message`, one a line.
pub fn render(label: &str, errors: &[ParseError]) -> String {
    errors
        .iter()
        .map(|e| format!("{label}:{}: {}", e.line, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a review file.
pub fn parse(text: &str) -> Result<Review, Vec<ParseError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let crlf = text.contains("\r\n");
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    // A final newline does not make a last, empty line.
    let lines = match lines.split_last() {
        Some((&"", rest)) => rest.to_vec(),
        _ => lines,
    };
    let mut errors = Vec::new();
    let err = |line: usize, message: String| ParseError { line, message };

    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(vec![err(
            1,
            "a review starts with its front matter, a line `---`".into(),
        )]);
    }
    let Some(close) = lines.iter().skip(1).position(|l| l.trim_end() == "---") else {
        return Err(vec![err(
            1,
            "the front matter opened here is never closed by a line `---`".into(),
        )]);
    };
    let close = close + 1;
    let yaml = lines[1..close].join("\n");
    // The YAML parser's time grows with the square of nesting (issue 11); no review's
    // front matter nests past a few levels.
    if crate::corpus::yaml::depth(&yaml, crate::corpus::yaml::MAX_DEPTH + 1)
        > crate::corpus::yaml::MAX_DEPTH
    {
        return Err(vec![err(
            2,
            format!(
                "the front matter nests more than {} levels deep",
                crate::corpus::yaml::MAX_DEPTH
            ),
        )]);
    }
    let front: Front = match serde_norway::from_str(&yaml) {
        Ok(f) => f,
        Err(e) => {
            let line = e.location().map_or(1, |l| l.line() + 1);
            let message = e.to_string();
            // The parser's own position is given by the line number already.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            return Err(vec![err(
                line,
                format!("the front matter is not a review's: {message}"),
            )]);
        }
    };
    if front.format != FORMAT {
        errors.push(err(
            2,
            format!(
                "this review is of format {}; this guidegraph reads format {FORMAT}",
                front.format
            ),
        ));
    }
    let mut front_raw = lines[..=close].join("\n");
    front_raw.push('\n');

    let mut review = Review {
        front,
        front_raw: Some(front_raw),
        lines: Vec::new(),
        sections: Vec::new(),
        crlf,
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut fence = false;
    let mut after_item = false;
    for (i, &line) in lines.iter().enumerate().skip(close + 1) {
        let n = i + 1;
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
        }
        let indented = line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if indented
            && after_item
            && !fence_opened_here(line)
            && let Some(Line::Item(item)) = review.lines.last_mut()
        {
            item.notes.push(line.to_string());
            continue;
        }
        after_item = false;
        if fence || line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            review.lines.push(Line::Text(line.to_string()));
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            review.sections.push(Section {
                heading: h.trim().to_string(),
                query: None,
                line: n,
            });
        } else if line.trim_start().starts_with("<!-- query:") {
            if let Some(s) = review.sections.last_mut()
                && s.query.is_none()
            {
                s.query = Some(line.trim().to_string());
            }
        } else if line.starts_with("- [") || line.starts_with("* [") || line.starts_with("+ [") {
            match item(line, n, review.sections.len().checked_sub(1)) {
                Ok(it) => {
                    if let Some(id) = &it.id {
                        if let Some(first) = ids.get(id) {
                            errors.push(err(
                                n,
                                format!("the id {id} is already on line {first}; an item is in a review once"),
                            ));
                        } else {
                            ids.insert(id.clone(), n);
                        }
                    }
                    review.lines.push(Line::Item(it));
                    after_item = true;
                    continue;
                }
                Err(message) => errors.push(err(n, message)),
            }
        }
        review.lines.push(Line::Text(line.to_string()));
    }
    if errors.is_empty() {
        Ok(review)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn fence_opened_here(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

/// Reads one item line (it starts with `- [`).
fn item(line: &str, n: usize, section: Option<usize>) -> Result<Item, String> {
    let rest = &line[3..];
    let Some(close) = rest.find(']') else {
        return Err(
            "an item's status box is not closed; use `- [ ]`, `- [x]`, `- [~]` or `- [-]`".into(),
        );
    };
    let mark = &rest[..close];
    let Some(status) = Status::from_box(mark) else {
        return Err(format!(
            "unknown status box `[{}]`; use `[ ]` open, `[x]` done, `[~]` partial or `[-]` not applicable",
            crate::terminal::line(mark)
        ));
    };
    let body = &rest[close + 1..];
    let (text, tail, fields) = match body.rfind("<!--") {
        Some(open) if body[open..].contains("id=") => {
            let Some(end) = body[open..].find("-->") else {
                return Err("the item's comment `<!-- id=…` is not closed with `-->`".into());
            };
            let inside = &body[open + 4..open + end];
            let mut fields: HashMap<&str, String> = HashMap::new();
            for token in inside.split_whitespace() {
                if let Some((k, v)) = token.split_once('=') {
                    let v = dec(v).ok_or_else(|| {
                        format!(
                            "the item's comment has a broken value `{}`",
                            crate::terminal::line(token)
                        )
                    })?;
                    fields.insert(k, v);
                }
            }
            (
                body[..open].trim().to_string(),
                body[open + end + 3..].to_string(),
                fields,
            )
        }
        _ => (body.trim().to_string(), String::new(), HashMap::new()),
    };
    let risk = risk_of(&text)?;
    Ok(Item {
        line: n,
        status,
        text,
        tail,
        id: fields.get("id").cloned().filter(|s| !s.is_empty()),
        fingerprint: fields.get("fp").cloned(),
        pillar: fields.get("pillar").cloned(),
        risk,
        notes: Vec::new(),
        section,
        raw: Some(line.to_string()),
    })
}

/// The risk written in an item's text: `risk: high` or `risk: medium`, any case.
fn risk_of(text: &str) -> Result<Option<Risk>, String> {
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find("risk:") else {
        return Ok(None);
    };
    let word: String = lower[at + 5..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    match word.as_str() {
        "high" => Ok(Some(Risk::High)),
        "medium" => Ok(Some(Risk::Medium)),
        _ => Err(format!(
            "unknown risk `{word}`; write `risk: high` or `risk: medium`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str = "---\nguidegraph-review: 1\ntitle: \"T\"\ncreated: \"2026-12-07\"\nqueries:\n  - query: \"q\"\n---\n";

    #[test]
    fn items_statuses_risks_and_notes() {
        let text = format!(
            "{FRONT}\n## S\n\n<!-- query: q -->\n\n- [x] **SE:01** [A](<u>) Risk: High <!-- id=r:a fp=1.2 pillar=security -->\n  - our note\n- [~] own item\n- [-] B <!-- id=r:b -->\n"
        );
        let r = parse(&text).unwrap();
        let items: Vec<&Item> = r.items().collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].status, Status::Done);
        assert_eq!(items[0].risk, Some(Risk::High));
        assert_eq!(items[0].notes, ["  - our note"]);
        assert_eq!(items[0].code(), Some("SE:01"));
        assert_eq!(items[0].plain_title(), "A");
        assert_eq!(items[1].id, None);
        assert_eq!(items[2].status, Status::NotApplicable);
        assert_eq!(
            crate::review::write::render(&r),
            text,
            "read and written unchanged"
        );
    }

    #[test]
    fn mistakes_carry_their_line() {
        let text = format!(
            "{FRONT}- [?] a <!-- id=x -->\n- [x] b <!-- id=y -->\n- [ ] c <!-- id=y -->\n- [ ] d risk: low\n"
        );
        let e = parse(&text).unwrap_err();
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [8, 10, 11], "{e:?}");
        assert!(e[1].message.contains("already on line 9"));
        assert!(parse("# no front matter\n").unwrap_err()[0].line == 1);
        let broken = parse("---\ntitle: [\n---\n").unwrap_err();
        assert!(broken[0].message.contains("front matter"), "{broken:?}");
    }
}
