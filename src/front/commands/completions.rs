//! `guidegraph completions SHELL`: a completion script for bash, zsh, fish, PowerShell or
//! elvish on stdout, made by clap_complete from the same definition that parses the
//! command line, so it never falls behind (issue 19).

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;

pub fn execute(args: &CompletionsArgs) -> Result<(), Error> {
    // clap_complete panics when a write fails; made in memory first, a closed pipe is
    // an error like any other (and exits quietly).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "guidegraph", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
