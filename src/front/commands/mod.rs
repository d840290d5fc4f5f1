//! One module per command, each with an `execute` that takes its arguments, calls the
//! [`Engine`](crate::engine::Engine) or the indexer, writes results to stdout and returns
//! an [`Error`] for the edge to render. [`run`] dispatches and turns the outcome into an
//! exit status: 0 success (and a closed stdout), 1 runtime error, 2 usage or query error.

pub mod architecture;
mod completions;
pub mod diff;
mod export;
pub mod fetch;
mod index;
mod man;
mod mcp;
mod query;
mod repl;
mod review;
mod run;
mod stats;

use crate::cli::{Cli, Command};
use crate::error::Error;

/// Runs the command line; returns the exit status.
pub fn run(cli: Cli) -> u8 {
    let prints_answer = match &cli.command {
        Some(
            Command::Stats(_)
            | Command::Query(_)
            | Command::Architecture(_)
            | Command::Run(_)
            | Command::Diff(_)
            | Command::Completions(_)
            | Command::Review(
                crate::cli::ReviewCommand::Status(_) | crate::cli::ReviewCommand::Report(_),
            ),
        ) => true,
        Some(Command::Man(args)) => args.out.is_none(),
        // CSV goes to files in a folder.
        Some(Command::Export(args)) => args.out.is_none(),
        _ => false,
    };
    if prints_answer && stdout_closed() {
        let e = Error::Runtime(
            "stdout is closed, so the answer would be lost; send it to a file, a pipe or /dev/null"
                .into(),
        );
        report(&e);
        return e.exit_code();
    }
    let result = match cli.command {
        Some(Command::Index(args)) => index::execute(&args),
        Some(Command::Stats(args)) => stats::execute(&args),
        Some(Command::Query(args)) => query::execute(&args),
        Some(Command::Architecture(args)) => architecture::execute(&args),
        Some(Command::Run(args)) => run::execute(&args),
        Some(Command::Repl(args)) => repl::execute(args.location.index.as_deref()),
        Some(Command::Fetch(args)) => fetch::execute(&args),
        Some(Command::Diff(args)) => diff::execute(&args),
        Some(Command::Export(args)) => export::execute(&args),
        Some(Command::Completions(args)) => completions::execute(&args),
        Some(Command::Man(args)) => man::execute(&args),
        Some(Command::Mcp(args)) => mcp::execute(&args),
        Some(Command::Review(cmd)) => review::execute(&cmd),
        None => repl::execute(None),
    };
    match result {
        Ok(()) => 0,
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

/// Whether stdout was closed when guidegraph started (`guidegraph query … >&-`): the
/// answer would be lost, and that is an error (issue 17), unlike a reader that stops
/// reading (a closed pipe), which is not. Rust reopens a closed stdout as `/dev/null`
/// for reading and writing before `main`, so writes to it succeed; that reopened
/// `/dev/null` is what is looked for (on Linux, through /proc). `> /dev/null` opens it
/// for writing only, and is not an error; a caller that hands over a read-write
/// `/dev/null` (Python's `subprocess.DEVNULL`) for a command whose output is its answer
/// is told so.
fn stdout_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        let null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|p| p == std::path::Path::new("/dev/null"));
        null && std::fs::read_to_string("/proc/self/fdinfo/1")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            })
            .is_some_and(|flags| flags & 0o3 == 0o2)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Renders an error for people on stderr (see [`message`]).
fn report(e: &Error) {
    crate::diag::emit_text(&format!("{}\n", e.for_people()));
}

/// Opens the engine for a command, passing its notes to stderr and showing its long steps
/// as progress (on a terminal).
fn open(flag: Option<&std::path::Path>) -> Result<crate::engine::Engine, Error> {
    use crate::engine::Notice;
    let place = crate::config::IndexPlace::resolve(flag);
    let mut progress = crate::progress::Progress::none();
    crate::engine::Engine::open(&place, &mut |notice| match notice {
        Notice::Note(note) => crate::diag!("guidegraph: {note}"),
        Notice::Started(what) => progress = crate::progress::Progress::start(what),
        Notice::Finished => progress = crate::progress::Progress::none(),
    })
}
