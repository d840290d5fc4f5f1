//! `guidegraph index`: build or refresh an index from folders of articles.

use std::io::{self, Write};

use crate::cli::{IndexArgs, SummaryFormat};
use crate::config::IndexPlace;
use crate::corpus::Root;
use crate::error::Error;
use crate::{indexer, output};

pub fn execute(args: &IndexArgs) -> Result<(), Error> {
    let dir = IndexPlace::resolve(args.location.index.as_deref()).dir;
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
                &output::summary::json(&dir, &summary.manifest, Some(&summary), &summary.warnings),
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
            output::summary::text(&mut out, &dir, &summary.manifest)?;
            if !summary.up_to_date {
                writeln!(out, "time: {} ms", summary.elapsed_ms)?;
            }
        }
    }
    Ok(())
}
