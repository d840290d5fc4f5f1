//! Writing review files: a new review from the answers to its queries, and a review read
//! and changed written back, with every line nobody changed as it was read.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use crate::engine::{CorpusVersion, Guidance};
use crate::error::Error;
use crate::output::{md, md_target};
use crate::review::{
    CorpusRef, FORMAT, Front, Item, Line, QuerySpec, Review, Section, Status, today,
};
use crate::scope::ResourceRef;

/// A value in an item's comment: no space, `%`, `>` or `--`, which would end it.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_dash = false;
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '>' => out.push_str("%3E"),
            '-' if last_dash => out.push_str("%2D"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
        last_dash = c == '-' && !out.ends_with("%2D");
    }
    out
}

/// Undoes [`enc`]; `None` for a broken escape.
pub fn dec(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// An item's comment: `<!-- id=… fp=… pillar=… -->`.
pub fn comment(item: &Item) -> String {
    let mut parts = Vec::new();
    for (key, value) in [
        ("id", &item.id),
        ("fp", &item.fingerprint),
        ("pillar", &item.pillar),
    ] {
        if let Some(v) = value {
            parts.push(format!("{key}={}", enc(v)));
        }
    }
    format!("<!-- {} -->", parts.join(" "))
}

/// The line of an item as it is now.
pub fn item_line(item: &Item) -> String {
    if let Some(raw) = &item.raw {
        return raw.clone();
    }
    let text = item.text.trim();
    let comment = if item.id.is_some() {
        format!(" {}", comment(item))
    } else {
        String::new()
    };
    format!(
        "- [{}] {text}{comment}{}",
        item.status.box_char(),
        item.tail
    )
}

/// The visible text of a new item: its code in bold, its title linked to its page.
pub fn item_text(g: &Guidance) -> String {
    let code = g
        .code
        .as_deref()
        .map(|c| format!("**{}** ", md(c)))
        .unwrap_or_default();
    let title = match g.url.as_deref() {
        Some(url) => format!("[{}](<{}>)", md(&g.title), md_target(url)),
        None => md(&g.title),
    };
    format!("{code}{title}")
}

/// A new open item for a piece of guidance.
pub fn new_item(g: &Guidance, section: Option<usize>) -> Item {
    Item {
        line: 0,
        status: Status::Open,
        text: item_text(g),
        tail: String::new(),
        id: Some(g.id.clone()),
        fingerprint: Some(g.fingerprint.clone()),
        pillar: g.pillar.clone(),
        risk: None,
        notes: Vec::new(),
        section,
        raw: None,
    }
}

/// A string as YAML: JSON's double-quoted form is YAML too.
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The front matter, `---` lines included.
pub fn front_matter(f: &Front) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("guidegraph-review: {}\n", f.format));
    out.push_str(&format!("title: {}\n", yaml(&f.title)));
    out.push_str(&format!("created: {}\n", yaml(&f.created)));
    if let Some(u) = &f.updated {
        out.push_str(&format!("updated: {}\n", yaml(u)));
    }
    out.push_str("queries:\n");
    for q in &f.queries {
        out.push_str(&format!("  - query: {}\n", yaml(&q.query)));
        if let Some(h) = &q.heading {
            out.push_str(&format!("    heading: {}\n", yaml(h)));
        }
    }
    if !f.architecture.is_empty() {
        out.push_str("architecture:\n");
        for p in &f.architecture {
            out.push_str(&format!("  - {}\n", yaml(p)));
        }
    }
    if !f.corpora.is_empty() {
        out.push_str("corpora:\n");
        for c in &f.corpora {
            out.push_str(&format!("  - label: {}\n", yaml(&c.label)));
            if let Some(commit) = &c.commit {
                out.push_str(&format!("    commit: {}\n", yaml(commit)));
            }
        }
    }
    if !f.milestones.is_empty() {
        out.push_str("milestones:\n");
        for m in &f.milestones {
            out.push_str(&format!("  - name: {}\n", yaml(&m.name)));
            out.push_str(&format!("    date: {}\n", yaml(&m.date)));
            for (key, ids) in [
                ("done", &m.done),
                ("partial", &m.partial),
                ("open", &m.open),
                ("not_applicable", &m.not_applicable),
            ] {
                if !ids.is_empty() {
                    out.push_str(&format!("    {key}: {}\n", yaml(ids)));
                }
            }
        }
    }
    out.push_str("---\n");
    out
}

/// The whole file.
pub fn render(r: &Review) -> String {
    let mut out = match &r.front_raw {
        Some(raw) => raw.clone(),
        None => front_matter(&r.front),
    };
    for l in &r.lines {
        match l {
            Line::Text(t) => {
                out.push_str(t);
                out.push('\n');
            }
            Line::Item(i) => {
                out.push_str(&item_line(i));
                out.push('\n');
                for n in &i.notes {
                    out.push_str(n);
                    out.push('\n');
                }
            }
        }
    }
    if r.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// The corpora of an index, as a review records them.
pub fn corpora(v: &[CorpusVersion]) -> Vec<CorpusRef> {
    v.iter()
        .map(|c| CorpusRef {
            label: c.label.clone(),
            commit: c.commit.clone(),
        })
        .collect()
}

/// The comment under a section's heading naming its query.
pub fn query_comment(q: &str) -> String {
    let q = crate::terminal::line(q)
        .replace("--", "- -")
        .replace('>', "&gt;");
    format!("<!-- query: {q} -->")
}

/// A section's lines: heading, query comment, the resources of the architecture its items
/// apply to (if any), its items. An item already listed in an earlier section is not
/// listed again (an id is in a review once); the section says how many were.
pub fn section_lines(
    r: &mut Review,
    spec: &QuerySpec,
    found: &[Guidance],
    applies_to: &[ResourceRef],
    seen: &mut HashSet<String>,
) {
    let heading = spec.heading.as_deref().unwrap_or(&spec.query);
    let index = r.sections.len();
    r.sections.push(Section {
        heading: heading.to_string(),
        query: Some(spec.query.clone()),
        line: 0,
    });
    r.lines.push(Line::Text(String::new()));
    r.lines.push(Line::Text(format!("## {}", md(heading))));
    r.lines.push(Line::Text(String::new()));
    r.lines.push(Line::Text(query_comment(&spec.query)));
    r.lines.push(Line::Text(String::new()));
    if !applies_to.is_empty() {
        let all: Vec<String> = applies_to
            .iter()
            .map(crate::output::architecture::md_resource)
            .collect();
        r.lines
            .push(Line::Text(format!("Applies to: {}", all.join(", "))));
        r.lines.push(Line::Text(String::new()));
    }
    let mut earlier = 0;
    let mut listed = 0;
    for g in found {
        if !seen.insert(g.id.clone()) {
            earlier += 1;
            continue;
        }
        r.lines.push(Line::Item(new_item(g, Some(index))));
        listed += 1;
    }
    if listed == 0 && earlier == 0 {
        r.lines.push(Line::Text("_No results._".into()));
    }
    if earlier > 0 {
        if listed > 0 {
            r.lines.push(Line::Text(String::new()));
        }
        r.lines.push(Line::Text(format!(
            "_{earlier} more {} listed in an earlier section._",
            if earlier == 1 { "item is" } else { "items are" }
        )));
    }
}

/// A new review of `answers`: each section's query, the guidance it found, and the
/// resources of the architecture its items apply to (none without one).
pub fn new_review(
    title: &str,
    answers: &[(QuerySpec, Vec<Guidance>, Vec<ResourceRef>)],
    corpora_now: &[CorpusVersion],
) -> Review {
    let mut r = Review {
        front: Front {
            format: FORMAT,
            title: title.to_string(),
            created: today(),
            updated: None,
            queries: answers.iter().map(|(q, _, _)| q.clone()).collect(),
            architecture: Vec::new(),
            corpora: corpora(corpora_now),
            milestones: Vec::new(),
        },
        front_raw: None,
        lines: Vec::new(),
        sections: Vec::new(),
        crlf: false,
    };
    r.lines.push(Line::Text(String::new()));
    r.lines.push(Line::Text(format!("# {}", md(title))));
    r.lines.push(Line::Text(String::new()));
    r.lines.push(Line::Text(
        "Status boxes: `[ ]` open, `[x]` done, `[~]` partial, `[-]` not applicable. Add `risk: high` or `risk: medium` to a line, and notes indented under it; keep the `<!-- id=… -->` comments."
            .into(),
    ));
    let mut seen = HashSet::new();
    for (spec, found, applies_to) in answers {
        section_lines(&mut r, spec, found, applies_to, &mut seen);
    }
    r
}

/// Writes `text` to `path` atomically: a temporary file beside it, synced, renamed over
/// it. With `backup`, the file there before is kept as `PATH.bak` first.
pub fn atomic_write(path: &Path, text: &str, backup: bool) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| Error::Runtime(format!("cannot write {}: {e}", path.display()));
    let mut tmp = tempfile::Builder::new()
        .prefix(".review-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if backup && path.exists() {
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        std::fs::copy(path, &bak).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_values_round_trip() {
        for s in ["recommendation:azure-se-01", "a b", "x-->y", "100%", "a--b"] {
            let e = enc(s);
            assert!(
                !e.contains(' ') && !e.contains("--") && !e.contains('>'),
                "{e}"
            );
            assert_eq!(dec(&e).as_deref(), Some(s));
        }
    }
}
