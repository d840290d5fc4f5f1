//! guidegraph's integration tests: one binary, each module a part of the tool. Tests run
//! the built `guidegraph` over the fixtures in `tests/fixtures` (or over corpora they
//! generate in temporary folders), never over `../shared`.

// Test helpers unwrap: a failure there is a failed test, with the panic as its report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod architecture;
mod bad_input;
mod common;
mod diff;
mod export;
mod extract;
mod fetch;
mod formats;
mod issue_11;
mod issue_17;
mod issue_19;
mod layers;
mod mcp;
mod progress;
mod property;
mod query;
mod reliability;
mod repl;
mod review;
mod services;
mod shell;
mod store;
mod urls;
