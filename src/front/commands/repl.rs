//! `guidegraph repl` (and `guidegraph` alone): an interactive session over the engine.

use std::path::Path;

use crate::error::Error;

pub fn execute(index: Option<&Path>) -> Result<(), Error> {
    let engine = super::open(index)?;
    crate::repl::run(engine).map_err(Error::from)
}
