//! `guidegraph architecture`: the resources infrastructure as code declares, and the
//! service guide that covers each (issue 21). The templates are read by [`crate::iac`]
//! (never run), and placed against the index's services by the engine.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::cli::{ArchitectureArgs, ArchitectureFormat};
use crate::config;
use crate::error::Error;
use crate::iac::{self, Architecture};
use crate::output;

pub fn execute(args: &ArchitectureArgs) -> Result<(), Error> {
    // The templates are read before an index is opened or built: a wrong path fails fast.
    let arch = read(&args.paths)?;
    let engine = super::open(args.location.index.as_deref())?;
    let placed = engine.place(arch);
    let mut out = io::stdout().lock();
    output::architecture::placed(
        &mut out,
        &placed,
        args.format == ArchitectureFormat::Json,
        config::style(),
    )?;
    out.flush()?;
    Ok(())
}

/// Reads the architecture in `paths`, its warnings on stderr (`file:line: what`).
pub fn read(paths: &[PathBuf]) -> Result<Architecture, Error> {
    let arch = iac::read(paths)?;
    for w in &arch.warnings {
        crate::diag!("guidegraph: {}", crate::terminal::line(&w.to_string()));
    }
    if arch.files == 0 {
        crate::diag!(
            "guidegraph: no template (ARM JSON, Bicep or Terraform) in {}",
            arch.paths.join(", ")
        );
    }
    Ok(arch)
}
