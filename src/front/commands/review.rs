//! `guidegraph review`: write a review file from queries, show its progress, bring it up
//! to date with the guidance, record milestones, report (issue 20). The file's format is
//! [`crate::review`]'s; the guidance is read through the engine only.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::{
    ReportFormat, ReviewCommand, ReviewFileArgs, ReviewMilestoneArgs, ReviewNewArgs,
    ReviewReportArgs, ReviewStatusArgs, ReviewStatusFormat,
};
use crate::engine::{Engine, Guidance, Options};
use crate::error::Error;
use crate::output::md;
use crate::review::report::{self, changed_fields};
use crate::review::{
    FLAG_CHANGED, FLAG_NEW, FLAG_REMOVED, FLAG_UNLISTED, Line, MAX_REVIEW_BYTES, Milestone,
    QuerySpec, Review, Status, parse, today, write,
};
use crate::scope::{Placed, ResourceRef, ScopedQuery};
use crate::script::{self, MAX_SCRIPT_BYTES};

pub fn execute(cmd: &ReviewCommand) -> Result<(), Error> {
    match cmd {
        ReviewCommand::New(a) => new(a),
        ReviewCommand::Status(a) => status(a),
        ReviewCommand::Update(a) => update(a),
        ReviewCommand::Milestone(a) => milestone(a),
        ReviewCommand::Report(a) => report_cmd(a),
    }
}

fn read_text(path: &Path, max: u64, what: &str) -> Result<String, Error> {
    let label = path.display();
    let bytes = crate::bounded::read_stream(path, max)
        .map_err(|e| Error::Usage(format!("cannot read the {what} {label}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::Usage(format!(
            "the {what} {label} is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Reads and parses a review file; its mistakes are a usage error naming their lines.
fn read_review(path: &Path) -> Result<Review, Error> {
    let text = read_text(path, MAX_REVIEW_BYTES, "review")?;
    parse::parse(&text).map_err(|errors| {
        Error::Usage(format!(
            "{}\nnothing was written; fix the file and run again",
            parse::render(&path.display().to_string(), &errors)
        ))
    })
}

/// Checks every query's syntax before an index is opened.
fn check_queries(label: &str, specs: &[(QuerySpec, usize)]) -> Result<(), Error> {
    crate::error::QueryProblems::check_all(
        specs
            .iter()
            .map(|(q, line)| (format!("{label}:{line}"), q.query.as_str())),
        crate::query::check,
    )
}

/// One section of a review: the query its comment names, and for an architecture the
/// question as scoped to it (issue 21).
struct Asked {
    spec: QuerySpec,
    scoped: Option<ScopedQuery>,
}

impl Asked {
    fn applies_to(&self) -> Vec<ResourceRef> {
        self.scoped
            .as_ref()
            .map(|s| s.applies_to.clone())
            .unwrap_or_default()
    }
}

/// The sections `specs` stand for: one a query, or with an architecture a section for the
/// pillars and one per service guide of each query.
fn asked(
    engine: &Engine,
    specs: &[QuerySpec],
    placed: Option<&Placed>,
) -> Result<Vec<Asked>, Error> {
    let Some(placed) = placed else {
        return Ok(specs
            .iter()
            .map(|s| Asked {
                spec: s.clone(),
                scoped: None,
            })
            .collect());
    };
    let mut out = Vec::new();
    for s in specs {
        let label = s.heading.as_deref().unwrap_or(&s.query);
        let (parts, notes) = engine.scope(&s.query, label, placed)?;
        for n in notes {
            crate::diag!("guidegraph: `{}`: {n}", s.query);
        }
        for p in parts {
            out.push(Asked {
                spec: QuerySpec {
                    query: p.query.clone(),
                    heading: Some(p.heading.clone()),
                },
                scoped: Some(p),
            });
        }
    }
    Ok(out)
}

/// The architecture a review names, its paths relative to the review file's folder.
fn placed_of(engine: &Engine, review: &Path, recorded: &[String]) -> Result<Option<Placed>, Error> {
    if recorded.is_empty() {
        return Ok(None);
    }
    let base = review.parent().unwrap_or(Path::new(""));
    let paths: Vec<PathBuf> = recorded.iter().map(|p| base.join(p)).collect();
    let arch = super::architecture::read(&paths)?;
    Ok(Some(engine.place(arch)))
}

/// `given` as the review file `review` records it: relative to the review's folder when
/// both can be resolved, else as given.
fn recorded(review: &Path, given: &Path) -> String {
    let base = match review.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match (base.canonicalize(), given.canonicalize()) {
        (Ok(base), Ok(target)) => {
            let common = base
                .components()
                .zip(target.components())
                .take_while(|(a, b)| a == b)
                .count();
            let mut rel = PathBuf::new();
            for _ in base.components().skip(common) {
                rel.push("..");
            }
            for c in target.components().skip(common) {
                rel.push(c);
            }
            if rel.as_os_str().is_empty() {
                rel.push(".");
            }
            rel.to_string_lossy().into_owned()
        }
        _ => given.to_string_lossy().into_owned(),
    }
}

/// The guidance each section's query finds now, in its order.
fn answer_all(engine: &Engine, asked: &[Asked]) -> Result<Vec<Vec<Guidance>>, Error> {
    let mut out = Vec::new();
    for a in asked {
        let q = &a.spec;
        let answer = match &a.scoped {
            Some(s) => engine.answer_scoped_query(s, Options::default())?,
            None => engine.answer(&q.query, Options::default())?,
        };
        for m in &answer.messages {
            crate::diag!("guidegraph: `{}`: {m}", q.query);
        }
        if answer.results.is_empty() {
            crate::diag!("guidegraph: no results for `{}`", q.query);
        }
        let ids: Vec<&str> = answer.results.iter().map(|r| r.id.as_str()).collect();
        out.push(engine.guidance(&ids)?.into_iter().flatten().collect());
    }
    Ok(out)
}

/// The guidance of every item of `r` (and of `more`) the index holds now, by id.
fn guidance_of(
    engine: &Engine,
    r: &Review,
    more: &[&str],
) -> Result<HashMap<String, Guidance>, Error> {
    let ids: Vec<&str> = r
        .items()
        .filter_map(|i| i.id.as_deref())
        .chain(more.iter().copied())
        .collect();
    Ok(engine
        .guidance(&ids)?
        .into_iter()
        .flatten()
        .map(|g| (g.id.clone(), g))
        .collect())
}

fn new(a: &ReviewNewArgs) -> Result<(), Error> {
    if a.file.exists() && !a.force {
        return Err(Error::Usage(format!(
            "{} exists; `review update` brings a review up to date, `--force` replaces it",
            a.file.display()
        )));
    }
    let (label, specs) = match &a.script {
        Some(path) => {
            let text = read_text(path, MAX_SCRIPT_BYTES, "script")?;
            let specs: Vec<(QuerySpec, usize)> = script::parse_script(&text)
                .into_iter()
                .map(|q| {
                    (
                        QuerySpec {
                            query: q.query,
                            heading: q.heading,
                        },
                        q.line,
                    )
                })
                .collect();
            (path.display().to_string(), specs)
        }
        None => (
            "--query".to_string(),
            a.queries
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    (
                        QuerySpec {
                            query: q.trim().to_string(),
                            heading: None,
                        },
                        i + 1,
                    )
                })
                .collect(),
        ),
    };
    if specs.is_empty() {
        return Err(Error::Usage(format!("{label} holds no query")));
    }
    check_queries(&label, &specs)?;
    // The templates are read before an index is opened: a wrong path fails fast.
    let arch = if a.architecture.is_empty() {
        None
    } else {
        Some(super::architecture::read(&a.architecture)?)
    };
    let engine = super::open(a.location.index.as_deref())?;
    let specs: Vec<QuerySpec> = specs.into_iter().map(|(q, _)| q).collect();
    let placed = arch.map(|arch| engine.place(arch));
    let sections = asked(&engine, &specs, placed.as_ref())?;
    let found = answer_all(&engine, &sections)?;
    let title = a.title.clone().unwrap_or_else(|| {
        a.file.file_stem().map_or_else(
            || "Review".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let answers: Vec<(QuerySpec, Vec<Guidance>, Vec<ResourceRef>)> = sections
        .iter()
        .zip(found)
        .map(|(s, f)| (s.spec.clone(), f, s.applies_to()))
        .collect();
    let mut review = write::new_review(&title, &answers, &engine.corpora());
    // The front matter records the queries as asked, and the templates, so that `update`
    // reads them again and scopes anew.
    review.front.queries = specs;
    review.front.architecture = a
        .architecture
        .iter()
        .map(|p| recorded(&a.file, p))
        .collect();
    // A review replaced with `--force` is kept as FILE.bak.
    write::atomic_write(&a.file, &write::render(&review), a.force)?;
    let items = review.items().count();
    crate::diag!(
        "guidegraph: wrote {} ({items} items in {} sections)",
        a.file.display(),
        review.sections.len()
    );
    Ok(())
}

fn status(a: &ReviewStatusArgs) -> Result<(), Error> {
    let r = read_review(&a.file)?;
    let since = match &a.since {
        Some(name) => Some(find_milestone(&r, name)?),
        None => None,
    };
    let engine = super::open(a.location.index.as_deref())?;
    let now = guidance_of(&engine, &r, &[])?;
    let p = report::progress(&r, &now, since);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match a.format {
        ReviewStatusFormat::Table => report::status_table(&mut out, &p)?,
        ReviewStatusFormat::Json => report::json(&mut out, &p)?,
    }
    out.flush()?;
    Ok(())
}

fn find_milestone<'a>(r: &'a Review, name: &str) -> Result<&'a Milestone, Error> {
    r.front
        .milestones
        .iter()
        .find(|m| m.name == name.trim())
        .ok_or_else(|| {
            let known: Vec<&str> = r.front.milestones.iter().map(|m| m.name.as_str()).collect();
            Error::Usage(if known.is_empty() {
                format!("no milestone `{name}`: the review has none yet (`review milestone FILE NAME` records one)")
            } else {
                format!("no milestone `{name}`; the review has {}", known.join(", "))
            })
        })
}

fn update(a: &ReviewFileArgs) -> Result<(), Error> {
    let mut r = read_review(&a.file)?;
    let label = a.file.display().to_string();
    let specs: Vec<(QuerySpec, usize)> = r.front.queries.iter().map(|q| (q.clone(), 0)).collect();
    check_queries(&label, &specs)?;
    let engine = super::open(a.location.index.as_deref())?;
    let placed = placed_of(&engine, &a.file, &r.front.architecture)?;
    let sections = asked(&engine, &r.front.queries, placed.as_ref())?;
    let found = answer_all(&engine, &sections)?;
    let now = guidance_of(&engine, &r, &[])?;
    let date = today();
    let mut out = io::BufWriter::new(io::stdout().lock());

    let answered: HashSet<&str> = found.iter().flatten().map(|g| g.id.as_str()).collect();
    let (mut changed, mut removed, mut unlisted) = (0, 0, 0);
    for item in r.items_mut() {
        let Some(id) = item.id.clone() else { continue };
        let where_ = format!("{label}:{}", item.line);
        let Some(g) = now.get(&id) else {
            item.flag(FLAG_REMOVED);
            removed += 1;
            writeln!(out, "removed   {where_}  {}", line(&item.plain_title()))?;
            continue;
        };
        item.unflag(FLAG_REMOVED);
        if answered.contains(id.as_str()) {
            item.unflag(FLAG_UNLISTED);
        } else {
            item.flag(FLAG_UNLISTED);
            unlisted += 1;
            writeln!(
                out,
                "unlisted  {where_}  {} (no query of the review finds it now)",
                line(&item.plain_title())
            )?;
        }
        let fields = changed_fields(item.fingerprint.as_deref(), &g.fingerprint);
        if fields.is_empty() {
            continue;
        }
        changed += 1;
        item.flag(FLAG_CHANGED);
        item.fingerprint = Some(g.fingerprint.clone());
        item.pillar = g.pillar.clone();
        item.raw = None;
        let summary = crate::corpus::text::summarize(&g.summary, 200);
        item.notes.push(format!(
            "  - _{date}: the guidance's {} changed; now: “{}”{}_",
            fields.join(" and "),
            md(&g.title),
            if summary.is_empty() {
                String::new()
            } else {
                format!(" — {}", md(&summary))
            }
        ));
        writeln!(
            out,
            "changed   {where_}  {} ({}); now “{}”",
            line(&item.plain_title()),
            fields.join(", "),
            line(&g.title)
        )?;
    }

    // New items go at the end of their query's section.
    let mut seen: HashSet<String> = r.items().filter_map(|i| i.id.clone()).collect();
    let mut added = 0;
    let mut fresh_sections = Vec::new();
    for (asked, found) in sections.iter().zip(&found) {
        let spec = &asked.spec;
        let comment = write::query_comment(&spec.query);
        let section = r
            .sections
            .iter()
            .position(|s| s.query.as_deref() == Some(comment.as_str()));
        let new: Vec<&Guidance> = found.iter().filter(|g| seen.insert(g.id.clone())).collect();
        if new.is_empty() {
            continue;
        }
        let Some(si) = section else {
            fresh_sections.push((
                spec.clone(),
                new.into_iter().cloned().collect::<Vec<_>>(),
                asked.applies_to(),
            ));
            continue;
        };
        let at = r
            .lines
            .iter()
            .rposition(|l| matches!(l, Line::Item(i) if i.section == Some(si)))
            .map(|p| p + 1)
            .or_else(|| {
                r.lines
                    .iter()
                    .position(|l| matches!(l, Line::Text(t) if t.trim() == comment))
                    .map(|p| p + 2)
            })
            .unwrap_or(r.lines.len())
            .min(r.lines.len());
        for (k, g) in new.iter().enumerate() {
            let mut item = write::new_item(g, Some(si));
            item.text = format!("{} {FLAG_NEW}", item.text);
            writeln!(out, "new       {}  {}", line(&spec.query), line(&g.title))?;
            r.lines.insert(at + k, Line::Item(item));
            added += 1;
        }
    }
    for (spec, gs, applies_to) in fresh_sections {
        let mut ignore = HashSet::new();
        for g in &gs {
            writeln!(out, "new       {}  {}", line(&spec.query), line(&g.title))?;
        }
        added += gs.len();
        write::section_lines(&mut r, &spec, &gs, &applies_to, &mut ignore);
    }

    r.front.updated = Some(date);
    r.front.corpora = write::corpora(&engine.corpora());
    r.front_raw = None;
    write::atomic_write(&a.file, &write::render(&r), true)?;
    writeln!(
        out,
        "{label}: {added} new, {changed} changed, {removed} removed, {unlisted} no longer listed; statuses, risks and notes kept; the previous file is {label}.bak"
    )?;
    out.flush()?;
    Ok(())
}

fn line(s: &str) -> String {
    crate::terminal::line(s).into_owned()
}

fn milestone(a: &ReviewMilestoneArgs) -> Result<(), Error> {
    let mut r = read_review(&a.file)?;
    let name = a.name.trim();
    if name.is_empty() || name.chars().any(|c| c.is_control()) {
        return Err(Error::Usage(
            "a milestone's name is a word or a few, on one line".into(),
        ));
    }
    if r.front.milestones.iter().any(|m| m.name == name) {
        return Err(Error::Usage(format!(
            "the review already has a milestone `{name}`; choose another name"
        )));
    }
    let mut m = Milestone {
        name: name.to_string(),
        date: today(),
        ..Milestone::default()
    };
    for item in r.items() {
        let Some(id) = &item.id else { continue };
        let list = match item.status {
            Status::Done => &mut m.done,
            Status::Partial => &mut m.partial,
            Status::Open => &mut m.open,
            Status::NotApplicable => &mut m.not_applicable,
        };
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(id);
    }
    r.front.milestones.push(m);
    r.front_raw = None;
    write::atomic_write(&a.file, &write::render(&r), true)?;
    crate::diag!(
        "guidegraph: recorded milestone `{name}` in {}; `review status --since {name}` shows the progress since",
        a.file.display()
    );
    Ok(())
}

fn report_cmd(a: &ReviewReportArgs) -> Result<(), Error> {
    let r = read_review(&a.file)?;
    let engine = super::open(a.location.index.as_deref())?;
    let now = guidance_of(&engine, &r, &[])?;
    let mut p = report::progress(&r, &now, None);
    p.open_items = Some(report::open_items(&r, &now));
    let mut out = io::BufWriter::new(io::stdout().lock());
    match a.format {
        ReportFormat::Md => report::markdown(&mut out, &p)?,
        ReportFormat::Html => report::html(&mut out, &p)?,
        ReportFormat::Csv => report::csv(&mut out, &r, &now)?,
        ReportFormat::Json => report::json(&mut out, &p)?,
    }
    out.flush()?;
    Ok(())
}
