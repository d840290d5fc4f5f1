//! What an index holds and how its build went: `index` and `stats` output, as text or JSON.

use std::io::{self, Write};
use std::path::Path;

use crate::corpus::Warning;
use crate::engine::Manifest;
use crate::indexer::Summary;

/// The JSON object of `index --format json` and `stats --format json`.
pub fn json(
    dir: &Path,
    m: &Manifest,
    run: Option<&Summary>,
    warnings: &[Warning],
) -> serde_json::Value {
    serde_json::json!({
        "index": dir.display().to_string(),
        "format": m.format,
        "roots": m.roots,
        "corpora": m.corpora,
        "files": m.files,
        "nodes": m.nodes,
        "edges": m.edges,
        "kinds": m.counts.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "warnings": warnings,
        "build_ms": m.build_ms,
        "up_to_date": run.map(|s| s.up_to_date),
        "elapsed_ms": run.map(|s| s.elapsed_ms),
    })
}

/// The text form: folder, corpus, counts per kind, build time.
pub fn text(out: &mut dyn Write, dir: &Path, m: &Manifest) -> io::Result<()> {
    writeln!(out, "index: {} (format {})", dir.display(), m.format)?;
    writeln!(out, "corpus: {}", m.roots.join(", "))?;
    for c in &m.corpora {
        if let (Some(source), Some(repository), Some(commit)) =
            (&c.source, &c.repository, &c.commit)
        {
            writeln!(
                out,
                "  {}: fetched as {source} from {repository} at {commit}",
                c.label
            )?;
        }
    }
    writeln!(out, "files read: {}", m.files)?;
    writeln!(out, "nodes: {}", m.nodes)?;
    for (kind, n) in &m.counts {
        writeln!(out, "  {kind:<17} {n}")?;
    }
    writeln!(out, "edges: {}", m.edges)?;
    writeln!(out, "warnings: {}", m.warnings)?;
    writeln!(out, "built in: {} ms", m.build_ms)
}
