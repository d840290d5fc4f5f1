//! Running a command: validated settings in, results on stdout, diagnostics on stderr, an
//! exit status out (0 success, 1 runtime error, 2 usage or query error).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, IndexArgs, QueryArgs, RunArgs, StatsArgs, SummaryFormat};
use crate::corpus::Root;
use crate::indexer::{self, IndexError, Summary};
use crate::output::{self, Format, Style, Titled};
use crate::query::{self, Failure};
use crate::store::{Manifest, Store, StoreError};
use crate::{location, repl};

/// What went wrong, and which exit status it earns.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The user asked for something that cannot be (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A query that does not parse; already rendered with its caret (exit 2).
    #[error("{0}")]
    Query(String),
    /// Anything else (exit 1).
    #[error("{0}")]
    Runtime(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl AppError {
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Usage(_) | AppError::Query(_) => 2,
            AppError::Runtime(_) | AppError::Io(_) => 1,
        }
    }
}

impl From<IndexError> for AppError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::Corpus(e) => AppError::Usage(e.to_string()),
            IndexError::Store(e) => AppError::from(e),
            e @ IndexError::CorpusChanged(_) => AppError::Runtime(e.to_string()),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            // The user pointed at the wrong folder: a usage error.
            StoreError::NotOurs { .. } | StoreError::NotAFolder(_) => {
                AppError::Usage(e.to_string())
            }
            // The advice to rebuild names the whole command, with the corpora the index
            // was built from when its manifest can still say (issue 12).
            StoreError::Damaged { ref path, .. } | StoreError::Version { ref path, .. } => {
                let short = format!("`guidegraph index --index {path}`");
                let full = format!("`{}`", crate::corpora::rebuild_command_for(Path::new(path)));
                AppError::Runtime(e.to_string().replace(&short, &full))
            }
            e => AppError::Runtime(e.to_string()),
        }
    }
}

/// Runs the command line; returns the exit status.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Some(Command::Index(args)) => index(&args),
        Some(Command::Stats(args)) => stats(&args),
        Some(Command::Query(args)) => query_cmd(&args),
        Some(Command::Run(args)) => run_file(&args),
        Some(Command::Repl(args)) => repl_cmd(args.location.index),
        Some(Command::Fetch(args)) => crate::commands::fetch::execute(&args),
        Some(Command::Diff(args)) => crate::commands::diff::execute(&args),
        None => repl_cmd(None),
    };
    match result {
        Ok(()) => 0,
        Err(AppError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(AppError::Query(rendered)) => {
            crate::diag::emit_text(&rendered);
            2
        }
        Err(e) => {
            crate::diag!("guidegraph: {e}");
            e.exit_code()
        }
    }
}

fn index(args: &IndexArgs) -> Result<(), AppError> {
    let dir = args
        .location
        .index
        .clone()
        .unwrap_or_else(location::default_index);
    let roots: Vec<Root> = if args.corpus.is_empty() {
        let (roots, why) = crate::corpora::choose(&dir);
        crate::diag!(
            "guidegraph: no --corpus; indexing {}: {}",
            why.describe(),
            crate::corpora::names(&roots)
        );
        roots
    } else {
        args.corpus.iter().cloned().map(Root::Dir).collect()
    };
    let options = indexer::Options {
        force: args.force,
        follow_links: args.follow_links,
    };
    // Progress on a terminal, never with JSON: a script reading it wants the result only.
    let progress = match args.format {
        SummaryFormat::Json => crate::progress::Progress::none(),
        SummaryFormat::Text => {
            crate::progress::Progress::start(format!("indexing {}", crate::corpora::names(&roots)))
        }
    };
    let summary = indexer::run_with(&roots, &dir, &options, || {
        crate::diag!(
            "guidegraph: another `guidegraph index` is writing {}; waiting for it",
            dir.display()
        );
    });
    drop(progress);
    let summary = summary?;
    for w in &summary.warnings {
        crate::diag!("warning: {w}");
    }
    let mut out = io::stdout().lock();
    match args.format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &summary_json(&dir, &summary.manifest, Some(&summary), &summary.warnings),
            )
            .map_err(io::Error::from)?;
            writeln!(out)?;
        }
        SummaryFormat::Text => {
            if summary.up_to_date {
                writeln!(
                    out,
                    "index at {} is up to date ({} ms)",
                    dir.display(),
                    summary.elapsed_ms
                )?;
            }
            write_summary(&mut out, &dir, &summary.manifest)?;
            if !summary.up_to_date {
                writeln!(out, "time: {} ms", summary.elapsed_ms)?;
            }
        }
    }
    Ok(())
}

fn summary_json(
    dir: &Path,
    m: &Manifest,
    run: Option<&Summary>,
    warnings: &[crate::corpus::Warning],
) -> serde_json::Value {
    serde_json::json!({
        "index": dir.display().to_string(),
        "format": m.format,
        "roots": m.roots,
        "corpora": m.corpora,
        "files": m.files,
        "nodes": m.nodes,
        "edges": m.edges,
        "kinds": m.counts.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "warnings": warnings,
        "build_ms": m.build_ms,
        "up_to_date": run.map(|s| s.up_to_date),
        "elapsed_ms": run.map(|s| s.elapsed_ms),
    })
}

fn write_summary(out: &mut dyn Write, dir: &Path, m: &Manifest) -> io::Result<()> {
    writeln!(out, "index: {} (format {})", dir.display(), m.format)?;
    writeln!(out, "corpus: {}", m.roots.join(", "))?;
    for c in &m.corpora {
        if let (Some(source), Some(repository), Some(commit)) =
            (&c.source, &c.repository, &c.commit)
        {
            writeln!(
                out,
                "  {}: fetched as {source} from {repository} at {commit}",
                c.label
            )?;
        }
    }
    writeln!(out, "files read: {}", m.files)?;
    writeln!(out, "nodes: {}", m.nodes)?;
    for (kind, n) in &m.counts {
        writeln!(out, "  {kind:<17} {n}")?;
    }
    writeln!(out, "edges: {}", m.edges)?;
    writeln!(out, "warnings: {}", m.warnings)?;
    writeln!(out, "built in: {} ms", m.build_ms)
}

fn stats(args: &StatsArgs) -> Result<(), AppError> {
    let dir = args
        .location
        .index
        .clone()
        .unwrap_or_else(location::default_index);
    let store = Store::open(&dir)?;
    let files = store.files()?;
    let mut out = io::stdout().lock();
    match args.format {
        SummaryFormat::Json => {
            let mut v = summary_json(&dir, &store.manifest, None, &files.warnings);
            v["changed_files"] = indexer::changed_files(&store.manifest, &files).ok().into();
            serde_json::to_writer_pretty(&mut out, &v).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        SummaryFormat::Text => {
            write_summary(&mut out, &dir, &store.manifest)?;
            match indexer::changed_files(&store.manifest, &files) {
                Ok(0) => writeln!(out, "corpus: unchanged since the index was built")?,
                Ok(n) => writeln!(
                    out,
                    "corpus: {n} file(s) added, changed or removed since the index was built; run `{}`",
                    crate::corpora::rebuild_command(&dir, &store.manifest.roots)
                )?,
                Err(e) => writeln!(out, "corpus: cannot be checked ({e})")?,
            }
        }
    }
    Ok(())
}

/// Opens the index; when the default index is missing, builds it from the default corpus
/// first (saying so), as a first `guidegraph query` on a fresh machine should just work.
pub fn open_store(index: Option<&PathBuf>) -> Result<Store, AppError> {
    let dir = index.cloned().unwrap_or_else(location::default_index);
    match Store::open(&dir) {
        Err(StoreError::Missing(_)) if index.is_none() => {
            let (roots, _) = crate::corpora::fallback();
            let what: Vec<String> = roots.iter().map(Root::describe).collect();
            crate::diag!(
                "guidegraph: no index at {}; building it from {}",
                dir.display(),
                what.join(", ")
            );
            let progress = crate::progress::Progress::start("indexing");
            let built = indexer::run(&roots, &dir, false, || {});
            drop(progress);
            built?;
            Ok(Store::open(&dir)?)
        }
        other => {
            let store = other?;
            if store.manifest.guidegraph != env!("CARGO_PKG_VERSION") {
                crate::diag!(
                    "guidegraph: the index at {} was built by guidegraph {}; rebuild it with `{}` to use this version's rules",
                    dir.display(),
                    store.manifest.guidegraph,
                    crate::corpora::rebuild_command(&dir, &store.manifest.roots)
                );
            }
            // The default index of the embedded articles was the fallback of a machine
            // without the guidance; once it has been fetched, the index is of it.
            if index.is_none() && crate::corpora::is_fallback(&store.manifest.roots) {
                let fetched = crate::corpora::fetched_roots();
                if !fetched.is_empty() {
                    crate::diag!(
                        "guidegraph: the index at {} holds only the founding articles; building it from the fetched guidance: {}",
                        dir.display(),
                        crate::corpora::names(&fetched)
                    );
                    let progress = crate::progress::Progress::start("indexing");
                    let built = indexer::run(&fetched, &dir, false, || {});
                    drop(progress);
                    built?;
                    return Ok(Store::open(&dir)?);
                }
            }
            Ok(store)
        }
    }
}

fn style() -> Style {
    let tty = io::stdout().is_terminal();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or(if tty { Some(100) } else { None });
    Style {
        wide: false,
        width,
        color: tty
            && std::env::var_os("NO_COLOR").is_none()
            && std::env::var("TERM").map_or(true, |t| t != "dumb"),
    }
}

fn query_error(query: &str, e: &query::QueryError) -> AppError {
    AppError::Query(e.render(query))
}

fn query_cmd(args: &QueryArgs) -> Result<(), AppError> {
    let text = args.query.join(" ");
    // The query's syntax is checked before any index is opened or built.
    let (explain_prefix, plan) = query::interpret(&text, &query::Vocabulary::standalone())
        .map_err(|e| query_error(&text, &e))?;
    if args.explain || explain_prefix {
        // Read against the index's own vocabulary when there is one.
        let dir = args
            .location
            .index
            .clone()
            .unwrap_or_else(location::default_index);
        let plan = match Store::open(&dir) {
            Ok(store) => query::interpret(&text, store.vocabulary())
                .map(|(_, p)| p)
                .unwrap_or(plan),
            Err(_) => plan,
        };
        let mut out = io::stdout().lock();
        return explain(&mut out, &text, &plan, args.format);
    }
    let store = open_store(args.location.index.as_ref())?;
    let answer =
        query::answer_with(&store, &text, args.limit, args.drafts).map_err(|e| match e {
            Failure::Syntax(e) => query_error(&text, &e),
            Failure::Search(e) => AppError::Runtime(e.to_string()),
            Failure::Store(e) => AppError::from(e),
        })?;
    for m in &answer.messages {
        crate::diag!("guidegraph: {m}");
    }
    if answer.results.is_empty() {
        crate::diag!("guidegraph: no results");
    } else if answer.total > answer.results.len() {
        crate::diag!(
            "guidegraph: showing {} of {} results (--limit)",
            answer.results.len(),
            answer.total
        );
    }
    let mut out = io::stdout().lock();
    let style = Style {
        wide: args.wide,
        ..style()
    };
    output::answer(&mut out, &answer, args.format, style)?;
    out.flush()?;
    Ok(())
}

/// Prints how a query was read.
pub fn explain(
    out: &mut dyn Write,
    text: &str,
    plan: &query::Plan,
    format: Format,
) -> Result<(), AppError> {
    if format == Format::Json {
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({"query": text, "interpretation": plan}),
        )
        .map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "query: {}", crate::output::terminal::line(text))?;
    match &plan.form.form {
        query::parse::Form::Search => writeln!(out, "form: search")?,
        query::parse::Form::Neighbors(t) => {
            writeln!(out, "form: neighbors of `{t}` (nodes one edge away)")?
        }
        query::parse::Form::LinksTo(t) => {
            writeln!(out, "form: links to `{t}` (nodes with an edge into it)")?
        }
        query::parse::Form::Path(a, b) => writeln!(
            out,
            "form: path from `{a}` to `{b}` (shortest chain of edges)"
        )?,
    }
    for n in &plan.notes {
        writeln!(out, "  {n}")?;
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "any".to_string()
        } else {
            v.join(", ")
        }
    };
    let kinds: Vec<String> = plan.kinds.iter().map(|k| k.name().to_string()).collect();
    writeln!(
        out,
        "kinds: {}{}",
        list(&kinds),
        if plan.checklist {
            " (checklist items only)"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "pillars: {}{}",
        list(&plan.pillars),
        if plan.all_pillars {
            " (all of them)"
        } else {
            ""
        }
    )?;
    writeln!(out, "platforms: {}", list(&plan.platforms))?;
    writeln!(out, "workloads: {}", list(&plan.workloads))?;
    if !plan.services.is_empty() {
        writeln!(out, "services: {}", plan.services.join(", "))?;
    }
    writeln!(
        out,
        "read as: {}",
        match plan.reading {
            query::plan::Reading::Question => "a question (vocabulary words filter)",
            query::plan::Reading::Sentence => "a sentence (vocabulary words only raise results)",
        }
    )?;
    if !plan.codes.is_empty() {
        writeln!(out, "codes: {}", plan.codes.join(", "))?;
    }
    writeln!(
        out,
        "full-text terms: {}",
        if plan.terms.is_empty() {
            "none".into()
        } else {
            plan.terms.join(" ")
        }
    )?;
    if !plan.phrases.is_empty() {
        writeln!(
            out,
            "phrases: {}",
            plan.phrases
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(" ")
        )?;
    }
    for s in &plan.suggestions {
        writeln!(out, "hint: {s}")?;
    }
    Ok(())
}

/// The largest `run` script read: a thousand queries fit in a tenth of it.
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// One query of a `run` script, with the heading that titles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptQuery {
    pub heading: Option<String>,
    pub query: String,
    pub line: usize,
}

/// Reads a `run` script: one query a line; blank lines and `# comments` are skipped;
/// `## Heading` (two or more `#`) titles the query after it.
/// Lines may end in `\n`, `\r\n` or a lone `\r` (old Mac editors); a byte-order mark
/// before the first line is not part of it.
pub fn parse_script(text: &str) -> Vec<ScriptQuery> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut heading = None;
    let lines = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    for (i, line) in lines.enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(h) = line.strip_prefix("##") {
            heading = Some(h.trim_start_matches('#').trim().to_string()).filter(|h| !h.is_empty());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        out.push(ScriptQuery {
            heading: heading.take(),
            query: line.to_string(),
            line: i + 1,
        });
    }
    out
}

fn run_file(args: &RunArgs) -> Result<(), AppError> {
    // Read within a bound: `run /dev/zero` must not fill memory.
    let bytes = crate::corpus::read_at_most(&args.file, MAX_SCRIPT_BYTES).map_err(|e| {
        AppError::Usage(format!(
            "cannot read the script {}: {e}",
            args.file.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        AppError::Usage(format!(
            "the script {} is not UTF-8 text (byte {})",
            args.file.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let script = parse_script(&text);
    // Check every query before answering any, so a typo on line 30 fails fast.
    let mut errors = String::new();
    for q in &script {
        if let Err(e) = query::interpret(&q.query, &query::Vocabulary::standalone()) {
            errors.push_str(&format!("{}:{}: ", args.file.display(), q.line));
            errors.push_str(&e.render(&q.query));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Query(errors));
    }
    let store = open_store(args.location.index.as_ref())?;
    let mut answers = Vec::with_capacity(script.len());
    for q in &script {
        let a = query::answer_with(&store, &q.query, args.limit, args.drafts)
            .map_err(|e| AppError::Runtime(e.to_string()))?;
        for m in &a.messages {
            crate::diag!("guidegraph: {}:{}: {m}", args.file.display(), q.line);
        }
        if a.results.is_empty() {
            crate::diag!(
                "guidegraph: {}:{}: no results for `{}`",
                args.file.display(),
                q.line,
                q.query
            );
        }
        answers.push(a);
    }
    let parts: Vec<Titled<'_>> = script
        .iter()
        .zip(&answers)
        .map(|(q, a)| Titled {
            heading: q.heading.as_deref(),
            answer: a,
        })
        .collect();
    let title = args.file.file_stem().map_or_else(
        || "Checklist".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut out = io::stdout().lock();
    output::checklist(&mut out, &title, &parts, args.format)?;
    out.flush()?;
    Ok(())
}

fn repl_cmd(index: Option<PathBuf>) -> Result<(), AppError> {
    let store = open_store(index.as_ref())?;
    repl::run(store).map_err(AppError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_skip_comments_and_take_headings() {
        let s = parse_script(
            "# a comment\n\n## Security review\nsecurity checklist for Azure\nSE:05\n",
        );
        assert_eq!(
            s,
            vec![
                ScriptQuery {
                    heading: Some("Security review".into()),
                    query: "security checklist for Azure".into(),
                    line: 4
                },
                ScriptQuery {
                    heading: None,
                    query: "SE:05".into(),
                    line: 5
                },
            ]
        );
    }

    #[test]
    fn scripts_read_any_line_ending_and_a_byte_order_mark() {
        let unix = parse_script("## Security\nSE:05\nSE:06\n");
        assert_eq!(parse_script("\u{feff}## Security\rSE:05\rSE:06\r"), unix);
        assert_eq!(parse_script("## Security\r\nSE:05\r\nSE:06\r\n"), unix);
        assert_eq!(parse_script("\u{feff}SE:05\n")[0].query, "SE:05");
    }
}
