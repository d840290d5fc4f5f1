//! The ingest layer: the guidance as files — walking corpus folders, front matter,
//! Markdown → document trees, and fetching the guidance with git.

pub mod corpus;
pub mod fetch;
