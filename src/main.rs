//! The `guidegraph` binary: parse arguments, run, exit with the status the run earned.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = guidegraph::cli::Cli::parse();
    ExitCode::from(guidegraph::commands::run(cli))
}
