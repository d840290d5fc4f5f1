//! guidegraph: a knowledge-graph query engine over the Microsoft Well-Architected guidance.
//!
//! Data flows one way, and every front end goes through the engine
//! (docs/ARCHITECTURE.md draws the layers):
//!
//! ```text
//! corpus (Markdown files) → extract (rules) → graph + search → store (index/ on disk)
//!                                                                  ↑
//!        engine: query (lex → parse → plan → execute), nodes, sources, checklists
//!                                                                  ↑
//!        front ends: commands (CLI), repl; output renders what they get back
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
pub mod vocab;
