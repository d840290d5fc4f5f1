//! The model layer: the graph's node and edge kinds, the rules that find them in
//! articles, an article's page on Learn, and infrastructure as code read into an
//! architecture.

pub mod extract;
pub mod graph;
pub mod iac;
pub mod published;
