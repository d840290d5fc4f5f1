//! `guidegraph man`: manual pages in roff, made by clap_mangen from the definition that
//! parses the command line, so they never fall behind it (issue 19). With no argument,
//! the page of `guidegraph` on stdout; with a command, that command's page
//! (`guidegraph-export(1)`, which the first page's SUBCOMMANDS section names); with
//! `--out DIR`, every page written into DIR.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Error;

pub fn execute(args: &ManArgs) -> Result<(), Error> {
    // `help` is no page of its own; built, the subcommands know their display names
    // (`guidegraph-export`).
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    if let Some(dir) = &args.out {
        return write_all(&cli, dir);
    }
    let cmd = match &args.command {
        None => &cli,
        Some(name) => cli.find_subcommand(name).ok_or_else(|| {
            Error::Usage(format!(
                "guidegraph has no command `{name}`; `guidegraph --help` lists them"
            ))
        })?,
    };
    let mut page = Vec::new();
    man(cmd).render(&mut page)?;
    let mut out = io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(())
}

fn man(cmd: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd.clone())
        .source(format!("guidegraph {}", env!("CARGO_PKG_VERSION")))
        .manual("guidegraph manual")
}

/// Writes guidegraph.1 and a page for each command into `dir`.
fn write_all(cli: &clap::Command, dir: &Path) -> Result<(), Error> {
    let failed = |e: io::Error| Error::Runtime(format!("cannot write to {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut n = 0;
    for cmd in std::iter::once(cli).chain(cli.get_subcommands()) {
        man(cmd).generate_to(dir).map_err(failed)?;
        n += 1;
    }
    crate::diag!("guidegraph: wrote {n} manual pages to {}", dir.display());
    Ok(())
}
