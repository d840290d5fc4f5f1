//! `guidegraph index`: corpus → graph + full-text index → a new live generation on disk.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use crate::corpus::{self, CorpusError, FileEntry, Root, Scan, Warning};
use crate::extract;
use crate::graph::Node;
use crate::search;
use crate::store::{self, FileRecord, Lock, Manifest, Pending, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a run of `index` did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub manifest: Manifest,
    /// The index already matched the corpus and was left as it was.
    pub up_to_date: bool,
    pub elapsed_ms: u64,
}

/// Indexes `roots` into the index folder `dir`. `on_wait` is called if another `index` run
/// holds the folder and this one has to wait for it.
pub fn run(
    roots: &[Root],
    dir: &Path,
    force: bool,
    on_wait: impl FnOnce(),
) -> Result<Summary, IndexError> {
    let started = Instant::now();
    let scan = corpus::scan(roots)?;
    let lock = Lock::acquire(dir, on_wait)?;
    let Read {
        contents,
        records,
        mut warnings,
    } = read_all(&scan);
    let root_names: Vec<String> = roots.iter().map(Root::describe).collect();
    if !force
        && let Some(m) = store::read_manifest(dir)
        && m.same_input(&root_names, &records)
        && store::Store::open(dir).is_ok()
    {
        return Ok(Summary {
            manifest: m,
            up_to_date: true,
            elapsed_ms: elapsed(started),
        });
    }

    let mut docs = Vec::with_capacity(contents.len());
    for (entry, bytes) in &contents {
        let (doc, w) = corpus::parse(entry, bytes, &scan);
        warnings.extend(w);
        docs.extend(doc);
    }
    drop(contents);
    let extracted = extract::extract(&docs);
    drop(docs);
    let graph = extracted.graph;
    let texts: HashMap<String, String> = extracted.texts.into_iter().collect();

    let pending = Pending::begin(dir, &lock)?;
    let text_dir = pending.text_dir();
    let text_of = |n: &Node| texts.get(&n.id).map(String::as_str);
    if let Err(source) = search::build(&text_dir, graph.inner.node_weights(), text_of) {
        pending.abandon();
        return Err(StoreError::Text {
            path: text_dir.display().to_string(),
            source,
        }
        .into());
    }
    let bytes = store::graph_bytes(&graph);
    let manifest = Manifest {
        format: store::FORMAT,
        guidegraph: env!("CARGO_PKG_VERSION").into(),
        roots: root_names,
        files: records,
        counts: graph
            .counts()
            .into_iter()
            .map(|(k, n)| (k.name().to_string(), n))
            .collect(),
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        warnings,
        graph_hash: String::new(),
        build_ms: elapsed(started),
    };
    pending.commit(&bytes, manifest.clone())?;
    let manifest = store::read_manifest(dir).unwrap_or(manifest);
    Ok(Summary {
        manifest,
        up_to_date: false,
        elapsed_ms: elapsed(started),
    })
}

/// The corpus files' bytes and records, and warnings for the ones that could not be read.
struct Read<'a> {
    contents: Vec<(&'a FileEntry, Cow<'static, [u8]>)>,
    records: Vec<FileRecord>,
    warnings: Vec<Warning>,
}

fn read_all(scan: &Scan) -> Read<'_> {
    let mut read = Read {
        contents: Vec::with_capacity(scan.files.len()),
        records: Vec::with_capacity(scan.files.len()),
        warnings: scan.warnings.clone(),
    };
    for entry in &scan.files {
        match corpus::read(entry) {
            Ok(bytes) => {
                read.records.push(FileRecord {
                    root: entry.root_label.clone(),
                    path: entry.rel.clone(),
                    bytes: bytes.len() as u64,
                    hash: blake3::hash(&bytes).to_hex().to_string(),
                });
                read.contents.push((entry, bytes));
            }
            Err(w) => read.warnings.push(w),
        }
    }
    read
}

/// How many corpus files were added, changed or removed since `manifest` was built, read
/// from the roots it names.
pub fn changed_files(manifest: &Manifest) -> Result<usize, IndexError> {
    let roots: Vec<Root> = manifest
        .roots
        .iter()
        .map(|r| Root::from_description(r))
        .collect();
    let scan = corpus::scan(&roots)?;
    let now: HashSet<FileRecord> = read_all(&scan).records.into_iter().collect();
    let then: HashSet<FileRecord> = manifest.files.iter().cloned().collect();
    let changed: HashSet<(&String, &String)> = now
        .symmetric_difference(&then)
        .map(|r| (&r.root, &r.path))
        .collect();
    Ok(changed.len())
}

fn elapsed(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
