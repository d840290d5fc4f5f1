//! `guidegraph diff`: loads the two sides (two index folders, or two commits of a fetched
//! source, fetched and indexed in a temporary folder), compares them with [`crate::diff`]
//! and prints the report as a table, Markdown or JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use crate::cli::{DiffArgs, DiffFormat};
use crate::corpus::Root;
use crate::diff::{Entry, Report};
use crate::engine::Engine;
use crate::error::Error as AppError;
use crate::fetch::{self, Request};
use crate::output::{md, md_target, terminal};
use crate::progress::Progress;
use crate::store::StoreError;

pub fn execute(args: &DiffArgs) -> Result<(), AppError> {
    let (old_name, new_name, report) = match &args.rev {
        Some(range) => by_revisions(args, range)?,
        None => match args.args.as_slice() {
            [old, new] => {
                let report = compare_dirs(Path::new(old), Path::new(new))?;
                (old.clone(), new.clone(), report)
            }
            _ => {
                return Err(AppError::Usage(
                    "diff compares two index folders (`guidegraph diff OLD NEW`), or two commits of a fetched source (`guidegraph diff --rev A..B azure`)".into(),
                ));
            }
        },
    };
    let mut out = io::stdout().lock();
    match args.format {
        DiffFormat::Json => {
            let v = serde_json::json!({
                "old": old_name,
                "new": new_name,
                "added": report.added,
                "removed": report.removed,
                "changed": report.changed,
            });
            serde_json::to_writer_pretty(&mut out, &v).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        DiffFormat::Table => table(&mut out, &old_name, &new_name, &report)?,
        DiffFormat::Markdown => markdown(&mut out, &old_name, &new_name, &report)?,
    }
    out.flush()?;
    Ok(())
}

fn compare_dirs(old: &Path, new: &Path) -> Result<Report, AppError> {
    let old = open_side(old, "OLD")?;
    let new = open_side(new, "NEW")?;
    new.compare(&old)
}

/// Opens one side of `diff OLD NEW`. The store's own errors give advice for the options
/// of `query` and `index` (`give --index a folder`), which `diff` does not have; these
/// speak of diff's arguments (issue 17).
fn open_side(dir: &Path, side: &str) -> Result<Engine, AppError> {
    const USE: &str =
        "`guidegraph diff OLD NEW` compares two index folders, each made by `guidegraph index`";
    Engine::open_existing(dir).map_err(|e| match e {
        AppError::Store(StoreError::Missing(path)) => {
            AppError::Usage(format!("{side}: there is no index at {path}; {USE}"))
        }
        AppError::Store(StoreError::NotAFolder(path)) => AppError::Usage(format!(
            "{side}: {path} is a file, not an index folder; {USE}"
        )),
        AppError::Store(StoreError::NotOurs { path, found }) => AppError::Usage(format!(
            "{side}: {path} is not an index folder (it holds {found}); {USE}"
        )),
        other => other,
    })
}

/// Fetches both commits of a source from the repository its copy came from, indexes each,
/// and compares them.
fn by_revisions(args: &DiffArgs, range: &str) -> Result<(String, String, Report), AppError> {
    let (a, b) = range
        .split_once("..")
        .filter(|(a, b)| !a.is_empty() && !b.is_empty() && !b.starts_with('.'))
        .ok_or_else(|| {
            AppError::Usage(format!(
                "--rev takes two revisions as OLD..NEW (`1353bbb6..main`), not `{range}`"
            ))
        })?;
    for rev in [a, b] {
        fetch::check_rev(rev).map_err(|e| AppError::Usage(e.to_string()))?;
    }
    let copies = fetch::corpus_folder()
        .map(|base| fetch::copies(&base))
        .unwrap_or_default();
    let copy = match args.args.as_slice() {
        [] if copies.len() == 1 => copies[0].clone(),
        [] => {
            return Err(AppError::Usage(if copies.is_empty() {
                "diff --rev compares two commits of a fetched source; fetch one first (`guidegraph fetch azure`)".into()
            } else {
                "several sources are fetched; name the one to compare (`guidegraph diff --rev A..B azure`)".into()
            }));
        }
        [name] => copies
            .iter()
            .find(|c| &c.record.source == name)
            .cloned()
            .ok_or_else(|| {
                AppError::Usage(format!(
                    "`{name}` has not been fetched; run `guidegraph fetch {name}` first"
                ))
            })?,
        _ => {
            return Err(AppError::Usage(
                "with --rev, name one fetched source (`guidegraph diff --rev A..B azure`)".into(),
            ));
        }
    };
    let source = fetch::source(&copy.record.source).ok_or_else(|| {
        AppError::Usage(format!(
            "`{}` is not a source guidegraph knows",
            copy.record.source
        ))
    })?;
    check(fetch::check_git())?;
    // The two checkouts and indexes go in a new folder only this user can enter, with a
    // name nobody can guess (a fixed name in /tmp could be made in advance by someone
    // else, issue 17); it is removed when the comparison is done.
    let mut builder = tempfile::Builder::new();
    builder.prefix("guidegraph-diff-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let scratch = builder
        .tempdir()
        .map_err(|e| AppError::Runtime(format!("cannot make a temporary folder: {e}")))?;
    // Each step replaces the progress line of the one before (shown on a terminal only).
    let mut progress = Progress::none();
    let mut step = |s: &str| progress = Progress::start(s);
    let mut engines = Vec::new();
    for (i, rev) in [a, b].into_iter().enumerate() {
        let req = Request {
            source,
            from: Some(copy.record.repository.clone()),
            rev: Some(rev.to_string()),
        };
        let done = check(fetch::fetch(
            &req,
            &scratch.path().join(format!("copy-{i}")),
            &mut step,
        ))?;
        step(&format!("indexing {} at {rev}", source.name));
        let index = scratch.path().join(format!("index-{i}"));
        crate::indexer::run(&[Root::Dir(done.copy.root)], &index, false, || {})?;
        engines.push(Engine::open_existing(&index)?);
    }
    drop(progress);
    let report = engines[1].compare(&engines[0])?;
    let name = |r: &str| format!("{} {r}", source.name);
    Ok((name(a), name(b), report))
}

fn check<T>(r: Result<T, fetch::FetchError>) -> Result<T, AppError> {
    r.map_err(|e| AppError::Runtime(e.to_string()))
}

/// How an entry was changed, for the grouped forms.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    fn word(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
    fn mark(self) -> char {
        match self {
            Change::Added => '+',
            Change::Removed => '-',
            Change::Changed => '~',
        }
    }
}

/// The entries grouped by pillar (its name, the first the item is filed under) and
/// article, in that order.
fn groups(report: &Report) -> BTreeMap<(String, String), Vec<(Change, &Entry)>> {
    let mut out: BTreeMap<(String, String), Vec<(Change, &Entry)>> = BTreeMap::new();
    let all = report
        .added
        .iter()
        .map(|e| (Change::Added, e))
        .chain(report.removed.iter().map(|e| (Change::Removed, e)))
        .chain(report.changed.iter().map(|e| (Change::Changed, e)));
    for (c, e) in all {
        let pillar = e
            .pillars
            .first()
            .map_or_else(|| "(no pillar)".to_string(), |p| pillar_name(p));
        out.entry((pillar, e.article.clone()))
            .or_default()
            .push((c, e));
    }
    out
}

fn counts(report: &Report) -> String {
    format!(
        "{} added, {} removed, {} changed",
        report.added.len(),
        report.removed.len(),
        report.changed.len()
    )
}

/// A changed field, old → new, for a line of text (long text is only named).
fn details(e: &Entry) -> Vec<String> {
    let (Some(b), Some(a)) = (&e.before, &e.after) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    if let (Some(x), Some(y)) = (&b.title, &a.title) {
        v.push(format!("title: “{x}” → “{y}”"));
    }
    if let (Some(x), Some(y)) = (&b.code, &a.code) {
        let c = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".into());
        v.push(format!("code: {} → {}", c(x), c(y)));
    }
    if let (Some(x), Some(y)) = (&b.pillars, &a.pillars) {
        v.push(format!(
            "pillars: {} → {}",
            pillar_names(x),
            pillar_names(y)
        ));
    }
    if let (Some(x), Some(y)) = (&b.article, &a.article) {
        v.push(format!("moved: {x} → {y}"));
    }
    if b.text.is_some() {
        v.push("text reworded".into());
    }
    v
}

fn pillar_name(id: &str) -> String {
    crate::vocab::pillar(id).map_or_else(|| id.to_string(), |p| p.name.to_string())
}

fn pillar_names(ids: &[String]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    ids.iter()
        .map(|p| pillar_name(p))
        .collect::<Vec<_>>()
        .join(", ")
}

fn label(e: &Entry) -> String {
    match &e.code {
        Some(c) => format!("{c} {}", e.title),
        None => e.title.clone(),
    }
}

fn table(w: &mut dyn Write, old: &str, new: &str, report: &Report) -> io::Result<()> {
    let line = |s: &str| terminal::line(s).into_owned();
    writeln!(w, "{} → {}: {}", line(old), line(new), counts(report))?;
    for ((pillar, article), entries) in groups(report) {
        writeln!(w)?;
        writeln!(w, "{} · {}", line(&pillar), line(&article))?;
        for (c, e) in entries {
            writeln!(
                w,
                "  {} {:<8} {:<17} {}",
                c.mark(),
                c.word(),
                e.kind.name(),
                line(&label(e))
            )?;
            for d in details(e) {
                writeln!(w, "      {}", line(&d))?;
            }
        }
    }
    Ok(())
}

fn markdown(w: &mut dyn Write, old: &str, new: &str, report: &Report) -> io::Result<()> {
    writeln!(w, "# Changes in the guidance")?;
    writeln!(w)?;
    writeln!(w, "{} → {}: {}", md(old), md(new), counts(report))?;
    let mut last_pillar = String::new();
    for ((pillar, article), entries) in groups(report) {
        if pillar != last_pillar {
            writeln!(w)?;
            writeln!(w, "## {}", md(&pillar))?;
            last_pillar = pillar;
        }
        writeln!(w)?;
        writeln!(w, "### {}", md(&article))?;
        writeln!(w)?;
        for (c, e) in entries {
            let title = match &e.url {
                Some(u) => format!("[{}](<{}>)", md(&label(e)), md_target(u)),
                None => md(&label(e)),
            };
            let details = details(e);
            let details = if details.is_empty() {
                String::new()
            } else {
                format!(" — {}", md(&details.join("; ")))
            };
            writeln!(w, "- **{}** {} {title}{details}", c.word(), e.kind.name())?;
        }
    }
    Ok(())
}
