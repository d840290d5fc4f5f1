//! `guidegraph export`: the graph, or the neighbourhood of a node, written for other tools
//! (issue 19): GraphML and DOT to stdout, neo4j-admin's two CSV files into a folder, a
//! Cypher script to stdout. What is written comes from the engine; how, from
//! [`output::export`].

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::cli::{ExportArgs, ExportFormat};
use crate::engine::Subgraph;
use crate::error::Error;
use crate::output::export;

pub fn execute(args: &ExportArgs) -> Result<(), Error> {
    // Arguments are checked before an index is opened, or built.
    match (args.format, &args.out) {
        (ExportFormat::Csv, None) => {
            return Err(Error::Usage(
                "--format csv writes two files, nodes.csv and relationships.csv: give the folder for them with --out DIR".into(),
            ));
        }
        (ExportFormat::Graphml | ExportFormat::Dot | ExportFormat::Cypher, Some(_)) => {
            return Err(Error::Usage(
                "--out is for --format csv; the other formats print to stdout (redirect it to a file)".into(),
            ));
        }
        _ => {}
    }
    if args.around.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Usage(
            "--around needs a node: an id, a checklist code or a title".into(),
        ));
    }
    let engine = super::open(args.location.index.as_deref())?;
    let graph = match &args.around {
        Some(target) => engine.around(target, args.depth)?.ok_or_else(|| {
            Error::Usage(format!(
                "`{target}` names no node of this index; give an id (`recommendation:azure-se-05`), a checklist code (`SE:05`) or a title"
            ))
        })?,
        None => engine.graph()?,
    };
    // Words that are not a node's id, code or title are read as `neighbors of` reads
    // them, the best match winning: say which node that was.
    if let (Some(target), Some(centre)) = (&args.around, &graph.around)
        && let Some(node) = graph.nodes.iter().find(|n| &n.id == centre)
    {
        let t = target.trim();
        let exact = t == node.id
            || node
                .code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(t))
            || node.title.eq_ignore_ascii_case(t);
        if !exact {
            crate::diag!(
                "guidegraph: `{target}` is read as {centre} ({})",
                node.title
            );
        }
    }
    match (args.format, &args.out) {
        (ExportFormat::Csv, Some(dir)) => write_csv(dir, &graph),
        (format, _) => {
            let mut out = BufWriter::new(io::stdout().lock());
            match format {
                ExportFormat::Graphml => export::graphml::write(&mut out, &graph)?,
                ExportFormat::Dot => export::dot::write(&mut out, &graph)?,
                ExportFormat::Cypher | ExportFormat::Csv => {
                    export::neo4j::cypher(&mut out, &graph)?
                }
            }
            out.flush()?;
            Ok(())
        }
    }
}

/// Writes nodes.csv and relationships.csv into `dir`, saying on stderr where they went.
fn write_csv(dir: &Path, graph: &Subgraph) -> Result<(), Error> {
    let failed =
        |path: &Path, e: io::Error| Error::Runtime(format!("cannot write {}: {e}", path.display()));
    fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let nodes = dir.join("nodes.csv");
    let relationships = dir.join("relationships.csv");
    write_file(&nodes, |w| export::neo4j::nodes_csv(w, graph)).map_err(|e| failed(&nodes, e))?;
    write_file(&relationships, |w| {
        export::neo4j::relationships_csv(w, graph)
    })
    .map_err(|e| failed(&relationships, e))?;
    crate::diag!(
        "guidegraph: wrote {} nodes to {} and {} relationships to {}",
        graph.nodes.len(),
        nodes.display(),
        graph.edges.len(),
        relationships.display()
    );
    Ok(())
}

fn write_file(path: &Path, body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    body(&mut w)?;
    w.flush()
}
