//! `guidegraph stats`: what an index holds, and whether its corpus changed since.

use std::io::{self, Write};

use crate::cli::{StatsArgs, SummaryFormat};
use crate::config::IndexPlace;
use crate::engine::Engine;
use crate::error::Error;
use crate::output;

pub fn execute(args: &StatsArgs) -> Result<(), Error> {
    let dir = IndexPlace::resolve(args.location.index.as_deref()).dir;
    let stats = Engine::open_existing(&dir)?.stats()?;
    let mut out = io::stdout().lock();
    match args.format {
        SummaryFormat::Json => {
            let mut v = output::summary::json(&dir, &stats.manifest, None, &stats.warnings);
            v["changed_files"] = stats.changed_files.as_ref().ok().copied().into();
            serde_json::to_writer_pretty(&mut out, &v).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        SummaryFormat::Text => {
            output::summary::text(&mut out, &dir, &stats.manifest)?;
            match &stats.changed_files {
                Ok(0) => writeln!(out, "corpus: unchanged since the index was built")?,
                Ok(n) => writeln!(
                    out,
                    "corpus: {n} file(s) added, changed or removed since the index was built; run `{}`",
                    crate::corpora::rebuild_command(&dir, &stats.manifest.roots)
                )?,
                Err(e) => writeln!(out, "corpus: cannot be checked ({e})")?,
            }
        }
    }
    Ok(())
}
