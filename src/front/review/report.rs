//! Progress of a review: counts per section and per pillar, the risks, the items whose
//! guidance changed or went away, progress since a milestone; rendered for `review
//! status` (table, JSON) and `review report` (Markdown, HTML, CSV, JSON).
//!
//! # JSON
//! `review status --format json` and `review report --format json` print one object:
//! `title`, `items`, `done`, `partial`, `open`, `not_applicable` (numbers); `high_risk`,
//! `medium_risk` (lists of items); `by_pillar` (pillar name → `{items, done, partial,
//! open, not_applicable}`, an item counted under its strongest pillar, `(no pillar)` for
//! the team's own items); `by_section` (list of `{heading, counts}`); `changed` (items
//! with `fields`: `title` and/or `text`, or `flagged` when `review update` recorded the
//! change, and `now`, the guidance's title now); `removed`; `unlisted`;
//! `since` when asked for (`milestone`, `date`, `then` counts, `changes`: items with
//! `from` and `to`). The report adds `open_items`. An item is `{id, code, title, line,
//! status, section, pillar, risk}`; `id` is null for the team's own items, `url` is there
//! when known.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use crate::engine::Guidance;
use crate::review::{FLAG_CHANGED, FLAG_NEW, FLAG_UNLISTED, Item, Milestone, Review, Risk, Status};

/// Counts of items by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub items: usize,
    pub done: usize,
    pub partial: usize,
    pub open: usize,
    pub not_applicable: usize,
}

impl Counts {
    fn add(&mut self, s: Status) {
        self.items += 1;
        match s {
            Status::Done => self.done += 1,
            Status::Partial => self.partial += 1,
            Status::Open => self.open += 1,
            Status::NotApplicable => self.not_applicable += 1,
        }
    }

    /// Done, with partial items as half, of the items that apply; a whole percent.
    pub fn percent(&self) -> usize {
        let apply = self.items - self.not_applicable;
        if apply == 0 {
            return 100;
        }
        (self.done * 200 + self.partial * 100) / (apply * 2)
    }
}

/// One item as listings show it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub id: Option<String>,
    pub code: Option<String>,
    pub title: String,
    pub line: usize,
    pub status: Status,
    pub section: Option<String>,
    pub pillar: String,
    pub risk: Option<Risk>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The guidance's summary now, for the report's open items.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub guidance: String,
}

/// An item whose guidance changed.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    #[serde(flatten)]
    pub item: Listed,
    /// `title`, `text`, or `flagged` when the file says so and the fingerprint agrees.
    pub fields: Vec<&'static str>,
    /// The guidance's title now.
    pub now: String,
}

impl Changed {
    /// What changed, in words: `title and text changed`, `flagged by review update`.
    pub fn what(&self) -> String {
        if self.fields == ["flagged"] {
            "flagged by review update".to_string()
        } else {
            format!("{} changed", self.fields.join(" and "))
        }
    }
}

/// A section's progress.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCounts {
    pub heading: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// A status change since a milestone.
#[derive(Debug, Clone, Serialize)]
pub struct Move {
    #[serde(flatten)]
    pub item: Listed,
    /// `null` for an item added since.
    pub from: Option<Status>,
    pub to: Status,
}

/// Progress since a milestone.
#[derive(Debug, Clone, Serialize)]
pub struct Since {
    pub milestone: String,
    pub date: String,
    pub then: Counts,
    pub changes: Vec<Move>,
}

/// Everything `review status` and `review report` tell.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub title: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub high_risk: Vec<Listed>,
    pub medium_risk: Vec<Listed>,
    pub by_pillar: BTreeMap<String, Counts>,
    pub by_section: Vec<SectionCounts>,
    pub changed: Vec<Changed>,
    pub removed: Vec<Listed>,
    /// Items `review update` found no query of the review lists any more.
    pub unlisted: Vec<Listed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Since>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_items: Option<Vec<Listed>>,
}

/// The name progress is counted under for an item's pillar id.
pub fn pillar_name(id: Option<&str>) -> String {
    match id {
        Some(id) => crate::vocab::pillar(id).map_or_else(|| id.to_string(), |p| p.name.to_string()),
        None => "(no pillar)".to_string(),
    }
}

fn listed(r: &Review, item: &Item, now: Option<&Guidance>) -> Listed {
    let pillar = item
        .pillar
        .as_deref()
        .or_else(|| now.and_then(|g| g.pillar.as_deref()));
    Listed {
        id: item.id.clone(),
        code: item.code().map(|c| c.replace('\\', "")),
        title: item.plain_title(),
        line: item.line,
        status: item.status,
        section: item
            .section
            .and_then(|s| r.sections.get(s))
            .map(|s| s.heading.clone()),
        pillar: pillar_name(pillar),
        risk: item.risk,
        url: now.and_then(|g| g.url.clone()),
        guidance: String::new(),
    }
}

/// Progress of `r`, its items' guidance now being `now` (by id; absent: not in the index).
pub fn progress(
    r: &Review,
    now: &HashMap<String, Guidance>,
    since: Option<&Milestone>,
) -> Progress {
    let mut p = Progress {
        title: r.front.title.clone(),
        counts: Counts::default(),
        high_risk: Vec::new(),
        medium_risk: Vec::new(),
        by_pillar: BTreeMap::new(),
        by_section: r
            .sections
            .iter()
            .map(|s| SectionCounts {
                heading: s.heading.clone(),
                counts: Counts::default(),
            })
            .collect(),
        changed: Vec::new(),
        removed: Vec::new(),
        unlisted: Vec::new(),
        since: None,
        open_items: None,
    };
    for item in r.items() {
        let g = item.id.as_ref().and_then(|id| now.get(id));
        let l = listed(r, item, g);
        p.counts.add(item.status);
        p.by_pillar
            .entry(l.pillar.clone())
            .or_default()
            .add(item.status);
        if let Some(s) = item.section.and_then(|s| p.by_section.get_mut(s)) {
            s.counts.add(item.status);
        }
        match item.risk {
            Some(Risk::High) => p.high_risk.push(l.clone()),
            Some(Risk::Medium) => p.medium_risk.push(l.clone()),
            None => {}
        }
        if item.id.is_none() {
            continue;
        }
        if item.has_flag(FLAG_UNLISTED) && g.is_some() {
            p.unlisted.push(l.clone());
        }
        match g {
            None => p.removed.push(l),
            Some(g) => {
                let mut fields = changed_fields(item.fingerprint.as_deref(), &g.fingerprint);
                if fields.is_empty() && item.has_flag(FLAG_CHANGED) {
                    fields.push("flagged");
                }
                if !fields.is_empty() {
                    p.changed.push(Changed {
                        item: l,
                        fields,
                        now: g.title.clone(),
                    });
                }
            }
        }
    }
    if let Some(m) = since {
        let then: HashMap<&str, Status> = m.statuses().into_iter().collect();
        let mut counts = Counts::default();
        for s in then.values() {
            counts.add(*s);
        }
        let changes = r
            .items()
            .filter_map(|item| {
                let id = item.id.as_deref()?;
                let from = then.get(id).copied();
                (from != Some(item.status)).then(|| Move {
                    item: listed(r, item, now.get(id)),
                    from,
                    to: item.status,
                })
            })
            .collect();
        p.since = Some(Since {
            milestone: m.name.clone(),
            date: m.date.clone(),
            then: counts,
            changes,
        });
    }
    p
}

/// Which halves of a fingerprint (`TITLE.TEXT`) differ.
pub fn changed_fields(was: Option<&str>, now: &str) -> Vec<&'static str> {
    let Some(was) = was else {
        return Vec::new();
    };
    if was == now {
        return Vec::new();
    }
    let (wt, wx) = was.split_once('.').unwrap_or((was, ""));
    let (nt, nx) = now.split_once('.').unwrap_or((now, ""));
    let mut out = Vec::new();
    if wt != nt {
        out.push("title");
    }
    if wx != nx {
        out.push("text");
    }
    out
}

fn line_of(l: &Listed) -> String {
    let code = l
        .code
        .as_deref()
        .map(|c| format!("{c} "))
        .unwrap_or_default();
    crate::terminal::line(&format!("{code}{} (line {})", l.title, l.line)).into_owned()
}

/// `review status` for people.
pub fn status_table(w: &mut dyn Write, p: &Progress) -> io::Result<()> {
    let c = &p.counts;
    writeln!(
        w,
        "{}: {} items, {} done, {} partial, {} open, {} n/a ({}% done)",
        crate::terminal::line(&p.title),
        c.items,
        c.done,
        c.partial,
        c.open,
        c.not_applicable,
        c.percent()
    )?;
    let rows = |w: &mut dyn Write, head: &str, rows: Vec<(String, Counts)>| -> io::Result<()> {
        let width = rows
            .iter()
            .map(|(n, _)| n.chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0);
        writeln!(w)?;
        writeln!(w, "{head:<width$}  items  done  partial  open  n/a  done%")?;
        for (name, c) in rows {
            let name = crate::terminal::line(&name).into_owned();
            writeln!(
                w,
                "{name:<width$}  {:>5}  {:>4}  {:>7}  {:>4}  {:>3}  {:>4}%",
                c.items,
                c.done,
                c.partial,
                c.open,
                c.not_applicable,
                c.percent()
            )?;
        }
        Ok(())
    };
    rows(
        w,
        "section",
        p.by_section
            .iter()
            .map(|s| (s.heading.clone(), s.counts))
            .collect(),
    )?;
    rows(
        w,
        "pillar",
        p.by_pillar.iter().map(|(k, v)| (k.clone(), *v)).collect(),
    )?;
    let list = |w: &mut dyn Write, head: &str, items: &[Listed]| -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        writeln!(w)?;
        writeln!(w, "{head}:")?;
        for l in items {
            writeln!(w, "  [{}] {}", l.status.label(), line_of(l))?;
        }
        Ok(())
    };
    list(w, "High risk", &p.high_risk)?;
    list(w, "Medium risk", &p.medium_risk)?;
    if !p.changed.is_empty() {
        writeln!(w)?;
        writeln!(w, "Guidance changed since the review was written:")?;
        for ch in &p.changed {
            let what = ch.what();
            writeln!(
                w,
                "  {} — {what}; now “{}”",
                line_of(&ch.item),
                crate::terminal::line(&ch.now)
            )?;
        }
    }
    list(w, "Guidance removed (not in the index)", &p.removed)?;
    list(
        w,
        "No longer listed by the review's queries (found by `review update`)",
        &p.unlisted,
    )?;
    if let Some(s) = &p.since {
        writeln!(w)?;
        let t = &s.then;
        writeln!(
            w,
            "Since {} ({}): done {} → {}, partial {} → {}, open {} → {}, n/a {} → {}",
            crate::terminal::line(&s.milestone),
            crate::terminal::line(&s.date),
            t.done,
            c.done,
            t.partial,
            c.partial,
            t.open,
            c.open,
            t.not_applicable,
            c.not_applicable
        )?;
        for m in &s.changes {
            let from = m.from.map_or("new", Status::label);
            writeln!(w, "  {from} → {}: {}", m.to.label(), line_of(&m.item))?;
        }
    }
    Ok(())
}

/// The progress as one JSON object (see the module's doc).
pub fn json(w: &mut dyn Write, p: &Progress) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, p)?;
    writeln!(w)
}

/// The items still open or partial, with their guidance now.
pub fn open_items(r: &Review, now: &HashMap<String, Guidance>) -> Vec<Listed> {
    r.items()
        .filter(|i| matches!(i.status, Status::Open | Status::Partial))
        .map(|i| {
            let g = i.id.as_ref().and_then(|id| now.get(id));
            let mut l = listed(r, i, g);
            l.guidance = g
                .map(|g| crate::corpus::text::summarize(&g.summary, 240))
                .unwrap_or_default();
            l
        })
        .collect()
}

/// A Markdown link to an item's page, or its title.
fn md_item(l: &Listed) -> String {
    let code = l
        .code
        .as_deref()
        .map(|c| format!("**{}** ", crate::output::md(c)))
        .unwrap_or_default();
    let title = crate::output::md(&l.title);
    match &l.url {
        Some(u) => format!("{code}[{title}](<{}>)", crate::output::md_target(u)),
        None => format!("{code}{title}"),
    }
}

/// The report in Markdown.
pub fn markdown(w: &mut dyn Write, p: &Progress) -> io::Result<()> {
    use crate::output::md;
    let c = &p.counts;
    writeln!(w, "# {} — review report", md(&p.title))?;
    writeln!(w)?;
    writeln!(
        w,
        "{} items: {} done, {} partial, {} open, {} not applicable — **{}% done**.",
        c.items,
        c.done,
        c.partial,
        c.open,
        c.not_applicable,
        c.percent()
    )?;
    writeln!(w)?;
    writeln!(w, "## Progress per pillar")?;
    writeln!(w)?;
    writeln!(
        w,
        "| pillar | items | done | partial | open | n/a | progress |"
    )?;
    writeln!(w, "|---|---:|---:|---:|---:|---:|---:|")?;
    for (name, c) in &p.by_pillar {
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {}% |",
            md(name).replace('|', "\\|"),
            c.items,
            c.done,
            c.partial,
            c.open,
            c.not_applicable,
            c.percent()
        )?;
    }
    for (head, items) in [
        ("High risks", &p.high_risk),
        ("Medium risks", &p.medium_risk),
    ] {
        writeln!(w)?;
        writeln!(w, "## {head}")?;
        writeln!(w)?;
        if items.is_empty() {
            writeln!(w, "_None._")?;
        }
        for l in items {
            writeln!(w, "- {} ({})", md_item(l), l.status.label())?;
        }
    }
    if !p.changed.is_empty() || !p.removed.is_empty() || !p.unlisted.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Guidance changed since the review")?;
        writeln!(w)?;
        for ch in &p.changed {
            writeln!(
                w,
                "- {} — {}; now “{}”",
                md_item(&ch.item),
                md(&ch.what()),
                md(&ch.now)
            )?;
        }
        for l in &p.removed {
            writeln!(w, "- {} — removed from the guidance", md_item(l))?;
        }
        for l in &p.unlisted {
            writeln!(
                w,
                "- {} — no longer listed by the review's queries",
                md_item(l)
            )?;
        }
    }
    writeln!(w)?;
    writeln!(w, "## Open items")?;
    writeln!(w)?;
    let open = p.open_items.as_deref().unwrap_or_default();
    if open.is_empty() {
        writeln!(w, "_None._")?;
    }
    for l in open {
        let risk = match l.risk {
            Some(Risk::High) => " **high risk**",
            Some(Risk::Medium) => " **medium risk**",
            None => "",
        };
        writeln!(w, "- [{}] {}{risk}", l.status.box_char(), md_item(l))?;
        if !l.guidance.is_empty() {
            writeln!(w, "  {}", md(&l.guidance))?;
        }
    }
    Ok(())
}

/// Text for HTML: `<`, `>`, `&`, `"` and `'` as entities, control characters escaped.
pub fn esc(s: &str) -> String {
    let s = crate::terminal::line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link target for HTML: only `http(s)` addresses are links.
fn href(url: &str) -> Option<String> {
    (url.starts_with("https://") || url.starts_with("http://"))
        .then(|| esc(&crate::output::md_target(url)))
}

fn html_item(l: &Listed) -> String {
    let code = l
        .code
        .as_deref()
        .map(|c| format!("<code>{}</code> ", esc(c)))
        .unwrap_or_default();
    match l.url.as_deref().and_then(href) {
        Some(u) => format!("{code}<a href=\"{u}\">{}</a>", esc(&l.title)),
        None => format!("{code}{}", esc(&l.title)),
    }
}

/// The progress per pillar as a stacked bar chart in SVG: done, partial, open, n/a.
pub fn svg_chart(p: &Progress) -> String {
    const COLOURS: [(&str, &str); 4] = [
        ("done", "#2e7d32"),
        ("partial", "#f9a825"),
        ("open", "#c62828"),
        ("n/a", "#9e9e9e"),
    ];
    let (label_w, bar_w, row_h) = (220usize, 440usize, 28usize);
    let rows = p.by_pillar.len();
    let height = rows * row_h + 40;
    let width = label_w + bar_w + 80;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Progress per pillar\">\n"
    );
    for (i, (name, c)) in p.by_pillar.iter().enumerate() {
        let y = i * row_h + 4;
        s.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\" font-family=\"sans-serif\">{}</text>\n",
            y + 17,
            esc(name)
        ));
        // Each segment ends where the items before it and its own end, so the segments
        // fill the bar exactly.
        let mut before = 0;
        for ((key, colour), n) in COLOURS
            .iter()
            .zip([c.done, c.partial, c.open, c.not_applicable])
        {
            if n == 0 || c.items == 0 {
                continue;
            }
            let x = label_w + before * bar_w / c.items;
            before += n;
            let w = label_w + before * bar_w / c.items - x;
            s.push_str(&format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{colour}\"><title>{key}: {n}</title></rect>\n",
                row_h - 8
            ));
        }
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-family=\"sans-serif\">{}%</text>\n",
            label_w + bar_w + 8,
            y + 16,
            c.percent()
        ));
    }
    let y = rows * row_h + 20;
    for (i, (key, colour)) in COLOURS.iter().enumerate() {
        let x = label_w + i * 90;
        s.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" font-family=\"sans-serif\">{key}</text>\n",
            x + 16,
            y + 11
        ));
    }
    s.push_str("</svg>");
    s
}

/// The report as one HTML page: no script, no style sheet or font from the network.
pub fn html(w: &mut dyn Write, p: &Progress) -> io::Result<()> {
    let c = &p.counts;
    let title = esc(&p.title);
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(
        w,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(w, "<title>{title} — review report</title>")?;
    writeln!(
        w,
        "<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}}td:first-child,th:first-child{{text-align:left}}li{{margin:.3rem 0}}.g{{color:#555}}</style>"
    )?;
    writeln!(w, "</head><body>")?;
    writeln!(w, "<h1>{title} — review report</h1>")?;
    writeln!(
        w,
        "<p>{} items: {} done, {} partial, {} open, {} not applicable — <strong>{}% done</strong>.</p>",
        c.items,
        c.done,
        c.partial,
        c.open,
        c.not_applicable,
        c.percent()
    )?;
    writeln!(w, "<h2>Progress per pillar</h2>")?;
    writeln!(w, "{}", svg_chart(p))?;
    writeln!(
        w,
        "<table><tr><th>pillar</th><th>items</th><th>done</th><th>partial</th><th>open</th><th>n/a</th></tr>"
    )?;
    for (name, c) in &p.by_pillar {
        writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(name),
            c.items,
            c.done,
            c.partial,
            c.open,
            c.not_applicable
        )?;
    }
    writeln!(w, "</table>")?;
    for (head, items) in [
        ("High risks", &p.high_risk),
        ("Medium risks", &p.medium_risk),
    ] {
        writeln!(w, "<h2>{head}</h2>")?;
        if items.is_empty() {
            writeln!(w, "<p>None.</p>")?;
            continue;
        }
        writeln!(w, "<ul>")?;
        for l in items {
            writeln!(w, "<li>{} ({})</li>", html_item(l), l.status.label())?;
        }
        writeln!(w, "</ul>")?;
    }
    if !p.changed.is_empty() || !p.removed.is_empty() || !p.unlisted.is_empty() {
        writeln!(w, "<h2>Guidance changed since the review</h2><ul>")?;
        for ch in &p.changed {
            writeln!(
                w,
                "<li>{} — {}; now “{}”</li>",
                html_item(&ch.item),
                esc(&ch.what()),
                esc(&ch.now)
            )?;
        }
        for l in &p.removed {
            writeln!(w, "<li>{} — removed from the guidance</li>", html_item(l))?;
        }
        for l in &p.unlisted {
            writeln!(
                w,
                "<li>{} — no longer listed by the review's queries</li>",
                html_item(l)
            )?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "<h2>Open items</h2>")?;
    let open = p.open_items.as_deref().unwrap_or_default();
    if open.is_empty() {
        writeln!(w, "<p>None.</p>")?;
    } else {
        writeln!(w, "<ul>")?;
        for l in open {
            let risk = match l.risk {
                Some(Risk::High) => " <strong>high risk</strong>",
                Some(Risk::Medium) => " <strong>medium risk</strong>",
                None => "",
            };
            write!(w, "<li>[{}] {}{risk}", l.status.label(), html_item(l))?;
            if !l.guidance.is_empty() {
                write!(w, "<br><span class=\"g\">{}</span>", esc(&l.guidance))?;
            }
            writeln!(w, "</li>")?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</body></html>")
}

/// One CSV cell, as `run --format csv` writes them: a cell a spreadsheet would run as a
/// formula gets a leading `'`.
fn cell(s: &str) -> String {
    let s = crate::terminal::line(s).replace('\t', " ");
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    };
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Every item as a CSV row.
pub fn csv(w: &mut dyn Write, r: &Review, now: &HashMap<String, Guidance>) -> io::Result<()> {
    writeln!(w, "section,id,code,title,status,risk,pillar,state,url,line")?;
    for i in r.items() {
        let g = i.id.as_ref().and_then(|id| now.get(id));
        let l = listed(r, i, g);
        // What happened to the item's guidance: `removed`, `changed`, `no longer listed`,
        // `new`, joined by `; `.
        let mut state: Vec<&str> = Vec::new();
        if i.id.is_some() {
            match g {
                None => state.push("removed"),
                Some(g) => {
                    if !changed_fields(i.fingerprint.as_deref(), &g.fingerprint).is_empty()
                        || i.has_flag(FLAG_CHANGED)
                    {
                        state.push("changed");
                    }
                    if i.has_flag(FLAG_UNLISTED) {
                        state.push("no longer listed");
                    }
                }
            }
            if i.has_flag(FLAG_NEW) {
                state.push("new");
            }
        }
        let state = state.join("; ");
        let risk = match l.risk {
            Some(Risk::High) => "high",
            Some(Risk::Medium) => "medium",
            None => "",
        };
        let fields = [
            l.section.clone().unwrap_or_default(),
            l.id.clone().unwrap_or_default(),
            l.code.clone().unwrap_or_default(),
            l.title.clone(),
            l.status.name().to_string(),
            risk.to_string(),
            l.pillar.clone(),
            state,
            l.url.clone().unwrap_or_default(),
            l.line.to_string(),
        ];
        let row: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        writeln!(w, "{}", row.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_title_from_text() {
        assert_eq!(changed_fields(Some("a.b"), "a.b"), Vec::<&str>::new());
        assert_eq!(changed_fields(Some("a.b"), "c.b"), ["title"]);
        assert_eq!(changed_fields(Some("a.b"), "a.c"), ["text"]);
        assert_eq!(changed_fields(None, "a.c"), Vec::<&str>::new());
    }
}
