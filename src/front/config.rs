//! Settings resolved once from the command line and the environment, so every command and
//! front end sees the same ones. The rules, in one place:
//!
//! - **Index folder**: `--index DIR`; else `./index` when the current folder has an
//!   `index/` folder (the repository ships one); else `$GUIDEGRAPH_INDEX`; else
//!   `guidegraph/index` in the user's data folder (`$XDG_DATA_HOME`, `~/.local/share`).
//!   A default index that does not exist yet is built on first use
//!   ([`crate::engine::Engine::open`]); one named with `--index` never is.
//! - **Corpora** (for `index` without `--corpus`): the corpora the existing index was
//!   built from, else the guidance `guidegraph fetch` got, else `./corpus`, else the
//!   articles built into guidegraph ([`crate::corpora::choose`]).
//! - **Colour**: only on a terminal, and never with `NO_COLOR` set or `TERM=dumb`.
//! - **Width**: `$COLUMNS`, else 100 on a terminal, else unbounded (a pipe gets whole
//!   lines).
//! - **Limits**: `--limit`/`:limit` from 1 to 10 000; none given, a structured question
//!   takes its whole list and a search by words its best 50 ([`crate::query::default_limit`]).

use std::io::IsTerminal;

use crate::output::Style;

pub use crate::location::IndexPlace;

/// How output looks on this stdout.
pub fn style() -> Style {
    let tty = std::io::stdout().is_terminal();
    // COLUMNS when the user sets it; else the terminal's own width; a pipe gets none.
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            tty.then(|| terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0)))
        });
    Style {
        width,
        color: tty && color_allowed(),
        wide: false,
    }
}

/// Colour is allowed unless the environment says no (`NO_COLOR`, `TERM=dumb`); callers
/// also require a terminal.
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::env::var("TERM").map_or(true, |t| t != "dumb")
}
