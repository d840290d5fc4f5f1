//! guidegraph: a knowledge-graph query engine over the Microsoft Well-Architected guidance.
//!
//! Data flows one way, and every front end goes through the engine. The modules sit in
//! eight layers, each using only its own and those below (docs/ARCHITECTURE.md draws
//! them; `tests/it/layers.rs` checks them):
//!
//! ```text
//! front ends   cli config commands repl review mcp
//! rendering    output
//! answer       engine scope query diff error        (the engine: the only way in)
//! index        search store indexer corpora         (index/ on disk)
//! model        graph extract published iac
//! vocabulary   vocab
//! ingest       corpus fetch                         (Markdown files, git)
//! foundation   bounded location terminal diag progress script
//! ```
//!
//! `main.rs` only parses arguments and calls [`commands::run`], so tests drive the same
//! code.

pub mod bounded;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpora;
pub mod corpus;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod graph;
pub mod iac;
pub mod indexer;
pub mod location;
pub mod mcp;
pub mod output;
pub mod progress;
pub mod published;
pub mod query;
pub mod repl;
pub mod review;
pub mod scope;
pub mod script;
pub mod search;
pub mod store;
pub mod terminal;
pub mod vocab;
