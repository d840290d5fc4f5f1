//! `guidegraph query`: answer one query, or say how it is read (`--explain`).

use std::io::{self, Write};

use crate::cli::QueryArgs;
use crate::config::{self, IndexPlace};
use crate::engine::{Engine, Options};
use crate::error::{Error, QueryProblems};
use crate::output;
use crate::query;

pub fn execute(args: &QueryArgs) -> Result<(), Error> {
    let result = answer(args);
    // A script reading JSON gets the failure as JSON too; people get it on stderr.
    // An empty answer under --fail-on-empty was written already, as JSON too.
    if let Err(e) = &result
        && args.format == output::Format::Json
        && !e.is_broken_pipe()
        && !matches!(e, Error::NoResults)
    {
        output::json::error(&mut io::stdout().lock(), e)?;
    }
    result
}

fn answer(args: &QueryArgs) -> Result<(), Error> {
    let text = args.query.join(" ");
    // The syntax is checked before any index is opened or built.
    let explain = query::check(&text).map_err(|e| Error::Query(QueryProblems::of(&text, e)))?;
    if args.explain || explain {
        // Read against the index's own vocabulary when there is one; explaining never
        // builds an index.
        let place = IndexPlace::resolve(args.location.index.as_deref());
        let plan = match Engine::open_existing(&place.dir) {
            Ok(engine) => engine.explain(&text)?,
            Err(_) => query::interpret(&text, &query::Vocabulary::standalone())
                .map(|(_, p)| p)
                .map_err(|e| Error::Query(QueryProblems::of(&text, e)))?,
        };
        let mut out = io::stdout().lock();
        output::explain::explain(&mut out, &text, &plan, args.format)?;
        return Ok(());
    }
    if !args.architecture.is_empty() {
        return within(args, &text);
    }
    let engine = super::open(args.location.index.as_deref())?;
    let answer = engine.answer(
        &text,
        Options {
            limit: args.limit,
            drafts: args.drafts,
            strict: false,
        },
    )?;
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
    // One write for the whole answer, not one a line (stdout is line-buffered).
    let mut out = io::BufWriter::new(io::stdout().lock());
    let style = output::Style {
        wide: args.wide,
        ..config::style()
    };
    output::answer(&mut out, &answer, args.format, style)?;
    out.flush()?;
    if args.fail_on_empty && answer.results.is_empty() {
        return Err(Error::NoResults);
    }
    Ok(())
}

/// `query --architecture`: the question for the pillars and each service guide of the
/// architecture (issue 21).
fn within(args: &QueryArgs, text: &str) -> Result<(), Error> {
    let arch = super::architecture::read(&args.architecture)?;
    let engine = super::open(args.location.index.as_deref())?;
    let placed = engine.place(arch);
    let answer = engine.answer_within(
        text,
        Options {
            limit: args.limit,
            drafts: args.drafts,
            strict: false,
        },
        &placed,
    )?;
    for m in &answer.messages {
        crate::diag!("guidegraph: {m}");
    }
    for p in &answer.parts {
        for m in &p.answer.messages {
            crate::diag!("guidegraph: {}: {m}", p.heading);
        }
        if p.answer.total > p.answer.results.len() {
            crate::diag!(
                "guidegraph: {}: showing {} of {} results (--limit)",
                p.heading,
                p.answer.results.len(),
                p.answer.total
            );
        }
    }
    let empty = answer.parts.iter().all(|p| p.answer.results.is_empty());
    if empty {
        crate::diag!("guidegraph: no results");
    }
    let mut out = io::stdout().lock();
    let style = output::Style {
        wide: args.wide,
        ..config::style()
    };
    output::architecture::scoped(&mut out, &answer, args.format, style)?;
    out.flush()?;
    if args.fail_on_empty && empty {
        return Err(Error::NoResults);
    }
    Ok(())
}
