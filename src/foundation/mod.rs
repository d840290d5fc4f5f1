//! The foundation layer: what every other layer may use and which uses nothing of
//! guidegraph's — bounded reads, default folders, escaping for a terminal, stderr notes,
//! the progress line, the queries of a `run` script.

pub mod bounded;
pub mod diag;
pub mod location;
pub mod progress;
pub mod script;
pub mod terminal;
