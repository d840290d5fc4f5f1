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
    let destination = destination(args)?;
    if args.around.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Usage(
            "--around needs a node: an id, a checklist code or a title".into(),
        ));
    }
    let engine = super::open(args.location.index.as_deref())?;
    let graph = match &args.around {
        Some(target) => {
            let graph = engine.around(target, args.depth)?.ok_or_else(|| {
                Error::Usage(format!(
                    "`{target}` names no node of this index; give an id (`recommendation:azure-se-05`), a checklist code (`SE:05`) or a title"
                ))
            })?;
            say_what_was_read(target, &graph);
            graph
        }
        None => engine.graph()?,
    };
    match destination {
        Destination::Folder(dir) => write_csv(dir, &graph),
        Destination::Stdout(write) => {
            let mut out = BufWriter::new(io::stdout().lock());
            write(&mut out, &graph)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Where a format goes, and the writer of those that go to stdout.
enum Destination<'a> {
    Stdout(fn(&mut dyn Write, &Subgraph) -> io::Result<()>),
    /// The folder of the two CSV files.
    Folder(&'a Path),
}

fn destination(args: &ExportArgs) -> Result<Destination<'_>, Error> {
    match (args.format, args.out.as_deref()) {
        (ExportFormat::Csv, Some(dir)) => Ok(Destination::Folder(dir)),
        (ExportFormat::Csv, None) => Err(Error::Usage(
            "--format csv writes two files, nodes.csv and relationships.csv: give the folder for them with --out DIR".into(),
        )),
        (_, Some(_)) => Err(Error::Usage(
            "--out is for --format csv; the other formats print to stdout (redirect it to a file)"
                .into(),
        )),
        (ExportFormat::Graphml, None) => Ok(Destination::Stdout(export::graphml::write)),
        (ExportFormat::Dot, None) => Ok(Destination::Stdout(export::dot::write)),
        (ExportFormat::Cypher, None) => Ok(Destination::Stdout(export::neo4j::cypher)),
    }
}

/// Words that are not the id, code or title of the node they found were read as
/// `neighbors of` reads them, the best match winning: says on stderr which node that was.
fn say_what_was_read(target: &str, graph: &Subgraph) {
    let Some(node) = graph
        .around
        .as_ref()
        .and_then(|centre| graph.nodes.iter().find(|n| &n.id == centre))
    else {
        return;
    };
    let t = target.trim();
    let exact = t == node.id
        || node
            .code
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(t))
        || node.title.eq_ignore_ascii_case(t);
    if !exact {
        crate::diag!(
            "guidegraph: `{target}` is read as {} ({})",
            node.id,
            node.title
        );
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
