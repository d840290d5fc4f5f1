//! A node for people: its text, sources and relations (`:show`), a source's section and
//! an article's text (`:open`). Everything read from the corpus is shown with control
//! characters escaped. The REPL wraps what these write to the terminal's width
//! (`output::wrap`).

use std::io::{self, Write};

use super::terminal;
use crate::corpus::frontmatter;
use crate::engine::{ArticleText, NodeView, SourceText};
use crate::query::ResultRow;

/// How many relations `:show` lists before pointing at `:neighbors`.
const RELATIONS_SHOWN: usize = 30;

pub fn show(out: &mut dyn Write, view: &NodeView, row: &ResultRow) -> io::Result<()> {
    let node = &view.node;
    let clean = terminal::line;
    let code = node
        .code
        .as_deref()
        .map(|c| format!("{c}  "))
        .unwrap_or_default();
    writeln!(out, "{}{}", clean(&code), clean(&node.title))?;
    writeln!(out, "kind: {}   id: {}", node.kind, clean(&node.id))?;
    for (label, list) in [
        ("pillars", &row.pillars),
        ("platforms", &row.platforms),
        ("workloads", &row.workloads),
        ("services", &row.services),
    ] {
        if !list.is_empty() {
            writeln!(out, "{label}: {}", clean(&list.join(", ")))?;
        }
    }
    for (label, value) in [("scope", node.scope()), ("benefit", node.benefit())] {
        if let Some(v) = value {
            writeln!(out, "{label}: {}", clean(v))?;
        }
    }
    if node.draft {
        writeln!(out, "draft: the guidance has not written this yet")?;
    }
    writeln!(out)?;
    let body = if node.text.is_empty() {
        &node.summary
    } else {
        &node.text
    };
    if !body.is_empty() {
        writeln!(out, "{}", terminal::text(body))?;
        writeln!(out)?;
    }
    writeln!(out, "sources:")?;
    for s in &node.sources {
        writeln!(
            out,
            "  {}/{}:{}  ({})",
            clean(&s.corpus),
            clean(&s.path),
            s.line,
            clean(&s.heading)
        )?;
    }
    for l in node.links() {
        writeln!(out, "see: {} ({})", clean(&l.text), clean(&l.target))?;
    }
    if !view.relations.is_empty() {
        writeln!(out, "relations:")?;
        for r in view.relations.iter().take(RELATIONS_SHOWN) {
            let line = match r.direction {
                "out" => format!(
                    "  {} → {} [{}]: {}",
                    r.kind, r.title, r.node_kind, r.evidence
                ),
                _ => format!("  ← {} {} [{}]", r.kind, r.title, r.node_kind),
            };
            writeln!(out, "{}", clean(&line))?;
        }
        let more = view.relations.len().saturating_sub(RELATIONS_SHOWN);
        if more > 0 {
            writeln!(out, "  … and {more} more (:neighbors N lists them all)")?;
        }
    }
    Ok(())
}

pub fn source(out: &mut dyn Write, text: &SourceText) -> io::Result<()> {
    writeln!(
        out,
        "{}/{}:{}",
        terminal::line(&text.corpus),
        terminal::line(&text.path),
        text.line
    )?;
    writeln!(out)?;
    for line in &text.lines {
        writeln!(out, "{}", terminal::text(line))?;
    }
    Ok(())
}

/// An article's text, from the line after its front matter (the metadata Learn reads,
/// which says nothing a reader needs), under `corpus/path:line` of its first line.
pub fn article(out: &mut dyn Write, article: &ArticleText) -> io::Result<()> {
    let split = frontmatter::split(&article.text);
    let skipped = article.text[..split.body_start].matches('\n').count();
    let body = split.body.trim_start_matches(['\n', '\r']);
    let blank = split.body.len() - body.len();
    let line = skipped + split.body[..blank].matches('\n').count() + 1;
    let (corpus, path) = article
        .row
        .sources
        .first()
        .map(|s| (s.corpus.as_str(), s.path.as_str()))
        .unwrap_or_default();
    writeln!(
        out,
        "{}/{}:{line}",
        terminal::line(corpus),
        terminal::line(path)
    )?;
    writeln!(out)?;
    for l in body.lines() {
        writeln!(out, "{}", terminal::text(l))?;
    }
    Ok(())
}
