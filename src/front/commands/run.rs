//! `guidegraph run`: a file of queries in, one checklist out.

use std::io::{self, Write};

use crate::cli::RunArgs;
use crate::engine::Options;
use crate::error::{Error, QueryProblems};
use crate::output::{self, Titled};
use crate::query;
use crate::script::{self, MAX_SCRIPT_BYTES};

pub fn execute(args: &RunArgs) -> Result<(), Error> {
    let label = args.file.display().to_string();
    // Read within a bound: `run /dev/zero` must not fill memory.
    let bytes = crate::bounded::read_stream(&args.file, MAX_SCRIPT_BYTES)
        .map_err(|e| Error::Usage(format!("cannot read the script {label}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Usage(format!(
            "the script {label} is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let script = script::parse_script(&text);
    // Every query's syntax is checked before an index is opened or built, so a typo on
    // line 30 fails fast; what their filters name is checked against the index next.
    QueryProblems::check_all(
        script
            .iter()
            .map(|q| (format!("{label}:{}", q.line), q.query.as_str())),
        query::check,
    )?;
    let title = args.file.file_stem().map_or_else(
        || "Checklist".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    if !args.architecture.is_empty() {
        return within(args, &label, &title, &script);
    }
    let engine = super::open(args.location.index.as_deref())?;
    // Each answer is written as it comes and dropped: a script of a thousand broad
    // queries held them all and took gigabytes (issue 17). A query that fails stops the
    // script after what was answered before it.
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut checklist: Option<output::Checklist> = None;
    let mut empty = false;
    // A query repeated on consecutive lines (with no heading of its own) is answered once
    // and its section written as often as it stands: a script of a thousand copies of one
    // broad query took 15 s answering the same thing (issue 17).
    let mut unique: Vec<script::ScriptQuery> = Vec::new();
    let mut copies: Vec<usize> = Vec::new();
    for q in script {
        match (unique.last(), copies.last_mut()) {
            (Some(last), Some(n)) if last.query == q.query && q.heading.is_none() => *n += 1,
            _ => {
                unique.push(q);
                copies.push(1);
            }
        }
    }
    let mut part = 0;
    engine.checklist_each(
        &label,
        &unique,
        Options {
            limit: args.limit,
            drafts: args.drafts,
            strict: false,
        },
        |a| {
            for m in &a.answer.messages {
                crate::diag!("guidegraph: {label}:{}: {m}", a.query.line);
            }
            if a.answer.results.is_empty() {
                empty = true;
                crate::diag!(
                    "guidegraph: {label}:{}: no results for `{}`",
                    a.query.line,
                    a.query.query
                );
            }
            let c = match checklist.as_mut() {
                Some(c) => c,
                None => checklist.insert(output::Checklist::begin(&mut out, &title, args.format)?),
            };
            let times = copies.get(part).copied().unwrap_or(1);
            part += 1;
            let section = Titled {
                heading: a.query.heading.as_deref(),
                answer: &a.answer,
                applies_to: &[],
            };
            c.part(&mut out, &section)?;
            // Each copy is written as the format writes a part (a JSON array's commas
            // included): the first as any part, the next rendered once and written again.
            if times > 1 {
                let mut again: Vec<u8> = Vec::new();
                c.part(&mut again, &section)?;
                for _ in 1..times {
                    out.write_all(&again)?;
                }
            }
            Ok(())
        },
    )?;
    let checklist = match checklist {
        Some(c) => c,
        None => output::Checklist::begin(&mut out, &title, args.format)?,
    };
    checklist.end(&mut out)?;
    out.flush()?;
    if args.fail_on_empty && empty {
        return Err(Error::NoResults);
    }
    Ok(())
}

/// `run --architecture`: each query of the script answered for the pillars and for each
/// service guide of the architecture, a section each (issue 21), then the resources no
/// guide covers.
fn within(
    args: &RunArgs,
    label: &str,
    title: &str,
    script: &[script::ScriptQuery],
) -> Result<(), Error> {
    let arch = super::architecture::read(&args.architecture)?;
    let engine = super::open(args.location.index.as_deref())?;
    // What the queries name is checked against the index before any is answered.
    engine.check_script(label, script)?;
    let placed = engine.place(arch);
    let options = Options {
        limit: args.limit,
        drafts: args.drafts,
        strict: false,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut checklist = output::Checklist::begin(&mut out, title, args.format)?;
    let mut empty = false;
    for q in script {
        let heading = q.heading.as_deref().unwrap_or(&q.query);
        let (parts, notes) = engine.scope(&q.query, heading, &placed)?;
        for n in &notes {
            crate::diag!("guidegraph: {label}:{}: {n}", q.line);
        }
        for part in parts {
            let answer = engine.answer_scoped_query(&part, options)?;
            for m in &answer.messages {
                crate::diag!("guidegraph: {label}:{}: {}: {m}", q.line, part.heading);
            }
            if answer.results.is_empty() {
                empty = true;
            }
            checklist.part(
                &mut out,
                &Titled {
                    heading: Some(&part.heading),
                    answer: &answer,
                    applies_to: &part.applies_to,
                },
            )?;
        }
    }
    checklist.end(&mut out)?;
    if matches!(
        args.format,
        output::Format::Markdown | output::Format::Table
    ) {
        let without: Vec<crate::scope::PlacedResource> = placed.without_guide().cloned().collect();
        output::architecture::without_guide_markdown(&mut out, &without)?;
    }
    out.flush()?;
    if args.fail_on_empty && empty {
        return Err(Error::NoResults);
    }
    Ok(())
}
