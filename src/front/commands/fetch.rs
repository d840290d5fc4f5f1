//! `guidegraph fetch`: checks the arguments, fetches each source (see [`crate::fetch`]),
//! and says on stdout where each copy is and at which commit.

use std::io::{self, Write};

use crate::cli::FetchArgs;
use crate::error::Error as AppError;
use crate::fetch::{self, FetchError, Request, Source};
use crate::progress::Progress;

pub fn execute(args: &FetchArgs) -> Result<(), AppError> {
    let sources = chosen(args)?;
    fetch::check_git().map_err(|e| AppError::Runtime(e.to_string()))?;
    let base = fetch::corpus_folder()
        .ok_or_else(|| AppError::Runtime(FetchError::NoDataFolder.to_string()))?;
    let mut failed = Vec::new();
    let mut out = io::stdout().lock();
    for source in sources {
        let req = Request {
            source,
            from: args.from.clone(),
            rev: args.rev.clone(),
        };
        // Each step replaces the progress line of the one before (shown on a terminal only).
        let mut progress = Progress::none();
        let mut step = |s: &str| progress = Progress::start(s);
        let result = fetch::fetch(&req, &base, &mut step);
        drop(progress);
        match result {
            Ok(done) => {
                let r = &done.copy.record;
                let what = match done.previous.as_deref() {
                    None => "fetched".to_string(),
                    Some(p) if p == r.commit => "already at this commit".to_string(),
                    Some(p) => format!("updated from {}", short(p)),
                };
                writeln!(
                    out,
                    "{}: {} at {} ({what}) in {}",
                    r.source,
                    r.repository,
                    short(&r.commit),
                    done.copy.root.display()
                )?;
            }
            Err(e) => {
                crate::diag!("guidegraph: {e}");
                if let Some(r) = fetch::read_record(&base.join(source.name)) {
                    crate::diag!(
                        "guidegraph: the copy of {} in {} stays at {}",
                        source.name,
                        base.join(source.name).display(),
                        short(&r.commit)
                    );
                }
                failed.push(source.name);
            }
        }
    }
    out.flush()?;
    if failed.is_empty() {
        crate::diag!(
            "guidegraph: `guidegraph index` indexes what was fetched (a first `guidegraph query` does it when the index holds only the founding articles)"
        );
        Ok(())
    } else {
        Err(AppError::Runtime(format!(
            "{} not fetched",
            failed.join(" and ")
        )))
    }
}

/// The sources asked for; `--from` and `--rev` name one repository's address and commits,
/// so they need exactly one source.
fn chosen(args: &FetchArgs) -> Result<Vec<Source>, AppError> {
    let usage = |e: FetchError| AppError::Usage(e.to_string());
    if let Some(rev) = &args.rev {
        fetch::check_rev(rev).map_err(usage)?;
    }
    if let Some(from) = &args.from {
        fetch::check_from(from).map_err(usage)?;
    }
    let mut out = Vec::new();
    for name in &args.sources {
        let s = fetch::source(name)
            .ok_or_else(|| AppError::Usage(FetchError::UnknownSource(name.clone()).to_string()))?;
        if !out.contains(&s) {
            out.push(s);
        }
    }
    if out.len() != 1 {
        for (flag, given) in [
            ("--from", args.from.is_some()),
            ("--rev", args.rev.is_some()),
        ] {
            if given {
                return Err(AppError::Usage(format!(
                    "{flag} is for one source; name it, as in `guidegraph fetch azure {flag} …`"
                )));
            }
        }
    }
    if out.is_empty() {
        out = fetch::SOURCES.to_vec();
    }
    Ok(out)
}

/// A commit id as people quote it.
fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}
