//! `guidegraph query`: answer one query, or say how it is read (`--explain`).

use std::io::{self, Write};

use crate::cli::QueryArgs;
use crate::config::{self, IndexPlace};
use crate::engine::{Engine, Options};
use crate::error::Error;
use crate::output;
use crate::query;
use crate::store::Store;

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
    let explain = query::check(&text).map_err(|e| Error::Query(e.render(&text)))?;
    if args.explain || explain {
        // Read against the index's own vocabulary when there is one; explaining never
        // builds an index.
        let place = IndexPlace::resolve(args.location.index.as_deref());
        let plan = match Store::open(&place.dir) {
            Ok(store) => Engine::from_store(store).explain(&text)?,
            Err(_) => query::interpret(&text, &query::Vocabulary::standalone())
                .map(|(_, p)| p)
                .map_err(|e| Error::Query(e.render(&text)))?,
        };
        let mut out = io::stdout().lock();
        output::explain::explain(&mut out, &text, &plan, args.format)?;
        return Ok(());
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
    let mut out = io::stdout().lock();
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
