//! guidegraph: a knowledge-graph query engine over the Microsoft Well-Architected guidance.
//!
//! Data flows one way:
//!
//! ```text
//! corpus (Markdown files) → extract (rules) → graph + search → store (index/ on disk)
//!                                                   ↑
//!                  query (lex → parse → plan → execute) → output (table, json, markdown, csv)
//! ```
//!
//! `main.rs` only parses arguments and calls [`app::run`], so tests drive the same code.

pub mod app;
pub mod cli;
pub mod commands;
pub mod corpora;
pub mod corpus;
pub mod diag;
pub mod diff;
pub mod extract;
pub mod fetch;
pub mod graph;
pub mod indexer;
pub mod location;
pub mod output;
pub mod progress;
pub mod published;
pub mod query;
pub mod repl;
pub mod search;
pub mod store;
pub mod vocab;
