//! Writing answers: a compact table for people, JSON for scripts ([`json`], where the
//! contract is written down), a Markdown checklist for review, CSV for spreadsheets.
//! Output reads query results only, never the store.

pub mod explain;
pub mod export;
pub mod json;
pub mod node;
pub mod summary;
pub mod terminal;

use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::text::summarize;
use crate::query::{Answer, ResultRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Csv,
}

/// Layout of the table format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Terminal width to fit, if known.
    pub width: Option<usize>,
    pub color: bool,
    /// Show each result's page on Learn (`--wide`); also shown when the terminal is at
    /// least [`URL_WIDTH`] columns.
    pub wide: bool,
}

/// A terminal this wide has room for the addresses of results' pages.
pub const URL_WIDTH: usize = 160;

/// `corpus/path:line` of a result's first source.
pub fn source_ref(row: &ResultRow) -> String {
    row.sources
        .first()
        .map(|s| format!("{}/{}:{}", s.corpus, s.path, s.line))
        .unwrap_or_default()
}

/// Writes one answer in `format`.
pub fn answer(w: &mut dyn Write, a: &Answer, format: Format, style: Style) -> io::Result<()> {
    match format {
        Format::Table => table(w, &a.results, style),
        Format::Json => json::answer(w, a),
        Format::Markdown => checklist_section(w, None, a),
        Format::Csv => {
            csv_header(w)?;
            csv_rows(w, None, &a.results)
        }
    }
}

/// An answer with the heading a `run` script gave it.
#[derive(Serialize)]
pub struct Titled<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<&'a str>,
    #[serde(flatten)]
    pub answer: &'a Answer,
}

/// Writes the answers of a `run` script as one checklist.
pub fn checklist(
    w: &mut dyn Write,
    title: &str,
    parts: &[Titled<'_>],
    format: Format,
) -> io::Result<()> {
    let mut c = Checklist::begin(w, title, format)?;
    for p in parts {
        c.part(w, p)?;
    }
    c.end(w)
}

/// A `run` checklist written one answer at a time, as the answers come: the same output
/// as [`checklist`], without holding every answer.
pub struct Checklist {
    format: Format,
    parts: usize,
}

impl Checklist {
    /// Writes what comes before the first answer.
    pub fn begin(w: &mut dyn Write, title: &str, format: Format) -> io::Result<Checklist> {
        match format {
            Format::Json => {}
            Format::Csv => csv_header(w)?,
            Format::Markdown | Format::Table => writeln!(w, "# {}", md(title))?,
        }
        Ok(Checklist { format, parts: 0 })
    }

    /// Writes one answer.
    pub fn part(&mut self, w: &mut dyn Write, p: &Titled<'_>) -> io::Result<()> {
        match self.format {
            Format::Json => json::answers_item(w, p, self.parts == 0)?,
            Format::Csv => csv_rows(
                w,
                Some(p.heading.unwrap_or(&p.answer.query)),
                &p.answer.results,
            )?,
            Format::Markdown | Format::Table => {
                writeln!(w)?;
                checklist_section(w, p.heading, p.answer)?;
            }
        }
        self.parts += 1;
        Ok(())
    }

    /// Writes what comes after the last answer.
    pub fn end(self, w: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::answers_end(w, self.parts),
            _ => Ok(()),
        }
    }
}

/// Text for Markdown: one line, control characters escaped, `<`, `>` and `&` as
/// entities, so raw HTML in a title shows as text rather than running in a Markdown
/// viewer or the HTML made from it (issue 11), and the characters that make links and
/// code spans (`\ [ ] ( ) \``) backslash-escaped, so a title such as
/// `[pwn](javascript:alert(1))` shows as text rather than as a live link (issue 17).
/// Only links guidegraph builds itself are links.
pub fn md(s: &str) -> String {
    let line = terminal::line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '[' | ']' | '(' | ')' | '`' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The target of a link guidegraph builds (a page's address, a source file's path), for
/// Markdown: every byte but letters, digits and `-._~/:#%?=&` percent-encoded, so no
/// character of a file name or an address from the corpus can end the link or start
/// another (issue 17).
pub fn md_target(s: &str) -> String {
    percent_encode(s, b"-._~/:#%?=&")
}

/// A path as it may stand in a link: letters, digits and `-._~/` kept, every other byte
/// (`#`, `(`, `]`, spaces, newlines) percent-encoded.
pub fn md_path(s: &str) -> String {
    percent_encode(s, b"-._~/")
}

fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Text inside an HTML comment: it must not close the comment.
fn in_comment(s: &str) -> String {
    terminal::line(s).replace("--", "- -").replace('>', "&gt;")
}

fn checklist_section(w: &mut dyn Write, heading: Option<&str>, a: &Answer) -> io::Result<()> {
    writeln!(w, "## {}", md(heading.unwrap_or(&a.query)))?;
    writeln!(w)?;
    writeln!(w, "<!-- query: {} -->", in_comment(&a.query))?;
    if a.results.is_empty() {
        writeln!(w)?;
        writeln!(w, "_No results._")?;
        return Ok(());
    }
    writeln!(w)?;
    for r in &a.results {
        let code = r
            .code
            .as_deref()
            .map(|c| format!("**{}** ", md(c)))
            .unwrap_or_default();
        let summary = md(&summarize(&r.summary, 160));
        let dash = if summary.is_empty() {
            String::new()
        } else {
            format!(" — {summary}")
        };
        let src = r
            .sources
            .first()
            .map(|s| {
                format!(
                    " ([{}:{}]({}/{}#L{}))",
                    md(&s.path),
                    s.line,
                    md_path(&s.corpus),
                    md_path(&s.path),
                    s.line,
                )
            })
            .unwrap_or_default();
        // What a reviewer needs to place the item: the service whose guide lists it and
        // what the row applies to; a placeholder says it is one.
        let mut tags: Vec<String> = r.services.iter().map(|s| md(s)).collect();
        if let Some(scope) = &r.scope {
            tags.push(md(scope));
        }
        if r.draft {
            tags.push("draft".into());
        }
        let tags = if tags.is_empty() {
            String::new()
        } else {
            format!(" _({})_", tags.join(", "))
        };
        // The title links to the published page, so a checklist saved anywhere links to
        // the guidance; `<…>` keeps any character of the address from ending the link.
        let title = match r.url.as_deref() {
            Some(url) => format!("[{}](<{}>)", md(&r.title), md_target(url)),
            None => md(&r.title),
        };
        writeln!(
            w,
            "- [ ] {code}{title}{tags}{dash}{src} <!-- {} -->",
            in_comment(&r.id)
        )?;
    }
    if a.total > a.results.len() {
        writeln!(w)?;
        writeln!(
            w,
            "_{} of {} results; the rest were cut by the limit (`--limit`, `:limit`)._",
            a.results.len(),
            a.total
        )?;
    }
    Ok(())
}

/// One CSV cell. Control characters but newlines are escaped; a cell a spreadsheet would
/// run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`, as OWASP advises, so opening the file runs nothing (issue 11).
fn csv_field(s: &str) -> String {
    let s = terminal::text(s).replace('\t', " ");
    let s = if s.starts_with(['=', '+', '-', '@', '\r']) {
        format!("'{s}")
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_header(w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "section,id,kind,code,title,summary,pillars,platforms,workloads,source,score"
    )
}

fn csv_rows(w: &mut dyn Write, section: Option<&str>, rows: &[ResultRow]) -> io::Result<()> {
    for r in rows {
        let fields = [
            section.unwrap_or("").to_string(),
            r.id.clone(),
            r.kind.name().to_string(),
            r.code.clone().unwrap_or_default(),
            r.title.clone(),
            r.summary.clone(),
            r.pillars.join("; "),
            r.platforms.join("; "),
            r.workloads.join("; "),
            source_ref(r),
            r.score.to_string(),
        ];
        let score = fields.len() - 1;
        let line: Vec<String> = fields
            .iter()
            .enumerate()
            // The score is a number of ours, written as it is.
            .map(|(i, f)| if i == score { f.clone() } else { csv_field(f) })
            .collect();
        writeln!(w, "{}", line.join(","))?;
    }
    Ok(())
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A compact numbered table: #, title, kind, code, pillars, platform, source. The title
/// column takes what the terminal width leaves.
pub fn table(w: &mut dyn Write, rows: &[ResultRow], style: Style) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let cells: Vec<[String; 7]> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            [
                (i + 1).to_string(),
                terminal::line(&if r.draft {
                    format!("{} (draft)", r.title)
                } else {
                    r.title.clone()
                })
                .into_owned(),
                r.relation.as_deref().map_or_else(
                    || r.kind.name().to_string(),
                    |rel| format!("{} ({})", r.kind, terminal::line(rel)),
                ),
                terminal::line(r.code.as_deref().unwrap_or_default()).into_owned(),
                terminal::line(&r.pillars.join(", ")).into_owned(),
                // An item of a service guide is placed by its service, which says more
                // than its platform.
                terminal::line(&if r.services.is_empty()
                    || r.kind == crate::graph::NodeKind::Service
                {
                    r.platforms.join(", ")
                } else {
                    r.services.join(", ")
                })
                .into_owned(),
                terminal::line(&source_ref(r)).into_owned(),
            ]
        })
        .collect();
    let header = [
        "#", "title", "kind", "code", "pillars", "platform", "source",
    ];
    let mut header = header;
    if rows
        .iter()
        .any(|r| !r.services.is_empty() && r.kind != crate::graph::NodeKind::Service)
    {
        header[5] = "platform/service";
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    widths[4] = widths[4].min(32);
    widths[6] = widths[6].min(48);
    if let Some(total) = style.width {
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 1)
            .map(|(_, w)| w + 2)
            .sum();
        widths[1] = widths[1].min(total.saturating_sub(others).max(20));
    }
    let bold = |s: String| {
        if style.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s
        }
    };
    let line = |row: &[String]| {
        row.iter()
            .enumerate()
            .map(|(i, c)| format!("{:<width$}", clip(c, widths[i]), width = widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    writeln!(w, "{}", bold(line(&head)))?;
    // The address goes on a line of its own under the title: at 80 to 120 characters it
    // would push every other column off the screen.
    let urls = style.wide || style.width.is_some_and(|n| n >= URL_WIDTH);
    let indent = widths[0] + 2;
    for (row, r) in cells.iter().zip(rows) {
        writeln!(w, "{}", line(row))?;
        if let Some(url) = r.url.as_deref().filter(|_| urls) {
            writeln!(w, "{:indent$}{}", "", terminal::line(url))?;
        }
    }
    Ok(())
}
