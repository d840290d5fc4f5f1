//! The index layer: the full-text index (tantivy), the on-disk index (manifest, graph,
//! vocabulary, lock, swap), building it, and which corpora it is built from.

pub mod corpora;
pub mod indexer;
pub mod search;
pub mod store;
