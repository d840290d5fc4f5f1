//! guidegraph: a knowledge-graph query engine over the Microsoft Well-Architected guidance.
//!
//! Data flows one way, and every front end goes through the engine. The modules sit in
//! eight layers, each using only its own and those below (docs/ARCHITECTURE.md draws
//! them; `tests/it/layers.rs` checks them). A layer of several modules is a folder of
//! `src/` (`foundation/`, `ingest/`, `model/`, `index/`, `answer/`, `front/`); `vocab`
//! and `output` are layers of one module each. Every module is re-exported here, so a
//! path names the module, not its layer (`crate::engine`, `guidegraph::query`):
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

pub mod answer;
pub mod foundation;
pub mod front;
pub mod index;
pub mod ingest;
pub mod model;
pub mod output;
pub mod vocab;

pub use answer::{diff, engine, error, query, scope};
pub use foundation::{bounded, diag, location, progress, script, terminal};
pub use front::{cli, commands, config, mcp, repl, review};
pub use index::{corpora, indexer, search, store};
pub use ingest::{corpus, fetch};
pub use model::{extract, graph, iac, published};
