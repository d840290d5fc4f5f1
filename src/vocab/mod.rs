//! The domain vocabulary: pillars, platforms, workloads and services of the Well-Architected
//! guidance, with the names and aliases users type for them and the words that show an item
//! is about a pillar. Extraction uses it to file items; the query language uses it to read
//! questions. It describes the frameworks, not any one article, so it holds for articles
//! not yet written. One module per concept.

mod everyday;
mod pillars;
mod platforms;
mod services;
mod workloads;

pub use everyday::*;
pub use pillars::*;
pub use platforms::*;
pub use services::*;
pub use workloads::*;
