//! Writing answers: a compact table for people, JSON for scripts ([`json`], where the
//! contract is written down), a Markdown checklist for review, CSV for spreadsheets.
//! Output reads query results only, never the store.

pub mod architecture;
pub mod explain;
pub mod export;
pub mod json;
pub mod node;
pub mod summary;
pub use crate::terminal;
pub mod wrap;

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

/// `corpus/path:line` of a result's first source, and how many more it has (a section
/// copied into several articles, an item two articles list): `… (+2)`.
pub fn source_ref(row: &ResultRow) -> String {
    let Some(s) = row.sources.first() else {
        return String::new();
    };
    let first = format!("{}/{}:{}", s.corpus, s.path, s.line);
    match row.sources.len() - 1 {
        0 => first,
        more => format!("{first} (+{more})"),
    }
}

/// Writes one answer in `format`.
pub fn answer(w: &mut dyn Write, a: &Answer, format: Format, style: Style) -> io::Result<()> {
    match format {
        Format::Table => table(w, &a.results, style),
        Format::Json => json::answer(w, a),
        Format::Markdown => checklist_section(w, None, a, &[]),
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
    /// The resources of an architecture its items apply to (`--architecture`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub applies_to: &'a [crate::scope::ResourceRef],
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
                checklist_section(w, p.heading, p.answer, p.applies_to)?;
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

/// Text for a Markdown code span: one line, backticks taken out (a path holding one would
/// end the span).
pub fn md_code(s: &str) -> String {
    terminal::line(s).replace('`', "'")
}

/// Text inside an HTML comment: it must not close the comment.
fn in_comment(s: &str) -> String {
    terminal::line(s).replace("--", "- -").replace('>', "&gt;")
}

/// A Markdown section of an answer; with `applies_to`, the resources of an architecture
/// its items apply to, under the heading and on each item.
pub(crate) fn checklist_section(
    w: &mut dyn Write,
    heading: Option<&str>,
    a: &Answer,
    applies_to: &[crate::scope::ResourceRef],
) -> io::Result<()> {
    writeln!(w, "## {}", md(heading.unwrap_or(&a.query)))?;
    writeln!(w)?;
    writeln!(w, "<!-- query: {} -->", in_comment(&a.query))?;
    if !applies_to.is_empty() {
        writeln!(w)?;
        let all: Vec<String> = applies_to.iter().map(architecture::md_resource).collect();
        writeln!(w, "Applies to: {}", all.join(", "))?;
    }
    let applies: Vec<String> = applies_to
        .iter()
        .map(|r| format!("`{}`", md_code(&r.location())))
        .collect();
    if a.results.is_empty() {
        writeln!(w)?;
        writeln!(w, "_No results._")?;
        return Ok(());
    }
    writeln!(w)?;
    let guides = guides_start(&a.results);
    for (i, r) in a.results.iter().enumerate() {
        if guides == Some(i) {
            writeln!(w)?;
            writeln!(w, "_{}_", md(GUIDES_LINE))?;
            writeln!(w)?;
        }
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
        if !applies.is_empty() {
            tags.push(applies.join(" "));
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

/// `s` cut to `width` characters from the left, keeping its end: a source keeps its file
/// name and line number (`…/azure-application-gateway.md:118`).
fn clip_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.to_string();
    }
    let keep = width.saturating_sub(1);
    let mut out = String::from("…");
    out.extend(s.chars().skip(n - keep));
    out
}

/// The fewest characters of a title a one-line row shows before rows take two lines.
const MIN_TITLE: usize = 40;

/// Rows for a narrow terminal: the number and title on one line, the rest indented under
/// it, each line within `total` characters and the source never cut on the right.
fn narrow_table(
    w: &mut dyn Write,
    cells: &[[String; 7]],
    total: usize,
    style: Style,
    guides: Option<usize>,
) -> io::Result<()> {
    let number = cells.iter().map(|c| c[0].len()).max().unwrap_or(1);
    let indent = number + 2;
    let room = total.saturating_sub(indent).max(16);
    for (i, row) in cells.iter().enumerate() {
        if guides == Some(i) {
            writeln!(w, "{:indent$}{GUIDES_LINE}", "")?;
        }
        let title = clip(&row[1], room);
        let title = if style.color {
            format!("\x1b[1m{title}\x1b[0m")
        } else {
            title
        };
        writeln!(w, "{:<number$}  {title}", row[0])?;
        let facts: Vec<&str> = [&row[2], &row[3], &row[4], &row[5]]
            .into_iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        let facts = facts.join(" · ");
        let source = clip_left(&row[6], room);
        // The source goes last on the line when both fit, else on a line of its own.
        if facts.chars().count() + 3 + source.chars().count() <= room {
            writeln!(w, "{:indent$}{facts} · {source}", "")?;
        } else {
            writeln!(w, "{:indent$}{}", "", clip(&facts, room))?;
            writeln!(w, "{:indent$}{source}", "")?;
        }
    }
    Ok(())
}

/// Takes what `widths` overflow `total` by (columns two apart) from the columns of
/// `order` in turn, each down to no less than its least width, until they fit.
fn shrink(widths: &mut [usize], total: usize, order: &[(usize, usize)]) {
    let fits = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    for &(col, least) in order {
        let over = fits(widths).saturating_sub(total);
        if over == 0 {
            break;
        }
        widths[col] = widths[col].saturating_sub(over).max(least.min(widths[col]));
    }
}

/// A table row: each cell cut to its column's width (column `from_left` from the left,
/// so a source keeps its file and line) and padded, columns two apart.
fn padded(row: &[String], widths: &[usize], from_left: usize) -> String {
    row.iter()
        .enumerate()
        .map(|(i, c)| {
            let c = if i == from_left {
                clip_left(c, widths[i])
            } else {
                clip(c, widths[i])
            };
            format!("{c:<width$}", width = widths[i])
        })
        .collect::<Vec<_>>()
        .join("  ")
        .trim_end()
        .to_string()
}

/// A table's header line, bold where colour is on.
fn bold(s: String, style: Style) -> String {
    if style.color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s
    }
}

/// Where a list of the framework's own items gives way to those of workload and service
/// guides ("design principles of performance efficiency": the pillar's four, then the
/// AI, mission-critical and SaaS ones): the first guide's row, when every row before it
/// is the framework's and every row from it a guide's.
pub fn guides_start(rows: &[ResultRow]) -> Option<usize> {
    let scoped = |r: &ResultRow| !r.workloads.is_empty() || !r.services.is_empty();
    let at = rows.iter().position(scoped)?;
    (at > 0 && rows.iter().all(|r| r.kind.is_item()) && rows[at..].iter().all(scoped)).then_some(at)
}

/// The line a table or checklist puts before [`guides_start`].
pub const GUIDES_LINE: &str = "from workload and service guides:";

/// A compact numbered table: #, title, kind, code, pillars, platform, source, fitted to
/// the terminal's width (see [`narrow_table`] for terminals too narrow for one line a
/// row).
pub fn table(w: &mut dyn Write, rows: &[ResultRow], style: Style) -> io::Result<()> {
    table_from(w, rows, style, 1)
}

/// [`table`] numbering its rows from `first`: several answers shown one after the other
/// number their results as one list.
pub fn table_from(
    w: &mut dyn Write,
    rows: &[ResultRow],
    style: Style,
    first: usize,
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let cells: Vec<[String; 7]> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            [
                (i + first).to_string(),
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
        // Fit the terminal: give up title width first (down to a readable part), then
        // the pillars, the platform and the source's folders (a source is cut from the
        // left, so its file and line stay). What still does not fit gets two lines a row.
        let fits = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
        // A source is cut no further than its file name and line.
        let file_names = cells
            .iter()
            .map(|c| c[6].rsplit('/').next().map_or(0, |f| f.chars().count() + 2))
            .max()
            .unwrap_or(0);
        shrink(
            &mut widths,
            total,
            &[(1, MIN_TITLE), (6, file_names), (4, 12), (5, 14)],
        );
        if fits(&widths) > total {
            return narrow_table(w, &cells, total, style, guides_start(rows));
        }
    }
    let line = |row: &[String]| padded(row, &widths, 6);
    let head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    writeln!(w, "{}", bold(line(&head), style))?;
    // The address goes on a line of its own under the title: at 80 to 120 characters it
    // would push every other column off the screen.
    let urls = style.wide || style.width.is_some_and(|n| n >= URL_WIDTH);
    let indent = widths[0] + 2;
    let guides = guides_start(rows);
    for (i, (row, r)) in cells.iter().zip(rows).enumerate() {
        if guides == Some(i) {
            writeln!(w, "{:indent$}{GUIDES_LINE}", "")?;
        }
        writeln!(w, "{}", line(row))?;
        // An address is never cut; one longer than the terminal waits for --wide.
        let fits =
            |u: &str| style.wide || style.width.is_none_or(|n| indent + u.chars().count() <= n);
        if let Some(url) = r.url.as_deref().filter(|u| urls && fits(u)) {
            writeln!(w, "{:indent$}{}", "", terminal::line(url))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{NodeKind, Source};

    fn row(title: &str, path: &str, line: u32) -> ResultRow {
        ResultRow {
            id: format!("recommendation:{line}"),
            kind: NodeKind::Recommendation,
            title: title.into(),
            code: Some("SE:07".into()),
            summary: String::new(),
            pillars: vec!["Security".into(), "Performance Efficiency".into()],
            platforms: vec!["Azure".into()],
            workloads: Vec::new(),
            services: vec!["Azure Application Gateway".into()],
            sources: vec![Source {
                corpus: "azure-waf".into(),
                path: path.into(),
                heading: "Checklist".into(),
                line,
            }],
            group: None,
            scope: None,
            benefit: None,
            draft: false,
            links: Vec::new(),
            score: 0.0,
            relation: None,
            url: Some("https://learn.microsoft.com/azure/well-architected/service-guides/azure-application-gateway#checklist".into()),
        }
    }

    /// Issue 16: the framework's own items first, then the guides' under a line that says so.
    #[test]
    fn a_line_sets_the_guides_items_apart() {
        let own = |t: &str| ResultRow {
            services: Vec::new(),
            ..row(t, "security/principles.md", 1)
        };
        let guide = |t: &str| row(t, "service-guides/azure-application-gateway.md", 2);
        let rows = vec![own("Plan"), own("Protect"), guide("Use WAF")];
        assert_eq!(guides_start(&rows), Some(2));
        let mut out = Vec::new();
        table(&mut out, &rows, Style::default()).unwrap();
        let out = String::from_utf8(out).unwrap();
        let at = |s: &str| out.find(s).unwrap();
        assert!(
            at("Protect") < at(GUIDES_LINE) && at(GUIDES_LINE) < at("Use WAF"),
            "{out}"
        );
        // Mixed, all the guides', or all the framework's: no line.
        assert_eq!(guides_start(&[guide("a"), own("b")]), None);
        assert_eq!(guides_start(&[own("a"), guide("b"), own("c")]), None);
        assert_eq!(guides_start(&[guide("a"), guide("b")]), None);
        assert_eq!(guides_start(&[own("a"), own("b")]), None);
    }

    /// Issue 19: a table fits the terminal's width and never cuts a source's line number.
    #[test]
    fn tables_fit_the_width_and_keep_line_numbers() {
        let rows = [
            row(
                "Encrypt data by using modern, industry-standard methods to guard confidentiality and integrity",
                "service-guides/azure-application-gateway.md",
                118,
            ),
            row("Short", "security/checklist.md", 2),
        ];
        for width in [60, 80, 120, 200] {
            let mut out = Vec::new();
            let style = Style {
                width: Some(width),
                color: false,
                wide: false,
            };
            table(&mut out, &rows, style).unwrap();
            let text = String::from_utf8(out).unwrap();
            for l in text.lines() {
                assert!(
                    l.chars().count() <= width,
                    "{width}: {l:?} is {}",
                    l.chars().count()
                );
            }
            assert!(
                text.contains("azure-application-gateway.md:118"),
                "{width}:\n{text}"
            );
            assert!(
                text.contains("checklist.md:2\n") || text.contains("checklist.md:2 "),
                "{width}:\n{text}"
            );
        }
    }
}
