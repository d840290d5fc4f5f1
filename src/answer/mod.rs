//! The answer layer: the engine (the only door to an index), answers for an
//! architecture, the query pipeline, comparing two indexes, and errors as data.

pub mod diff;
pub mod engine;
pub mod error;
pub mod query;
pub mod scope;
