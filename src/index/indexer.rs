//! `guidegraph index`: corpus → graph + full-text index → a new live generation on disk.
//!
//! Files are hashed first, so an unchanged corpus costs one read of each file and nothing
//! more. A changed one is parsed in parallel, a chunk of files at a time, and streamed
//! through the extractor: section text goes straight into the full-text index and only
//! the graph stays in memory, so a corpus a hundred times the guidance fits in well under
//! a gigabyte. The graph is written, and dropped, before the full-text index is committed
//! and its segments merged.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use petgraph::visit::EdgeRef;
use rayon::prelude::*;

use crate::corpus::{self, CorpusError, FileEntry, Root, Scan, Warning};
use crate::extract::Extractor;
use crate::extract::abbreviations::Tally;
use crate::graph::{EdgeKind, Graph, Node, NodeKind, Shared, WORDS_EVIDENCE};
use crate::search::cues::Cues;
use crate::search::{IndexDoc, SearchError, TextWriter, order_key};
use crate::store::{self, FileRecord, Files, Lock, Manifest, Pending, StoreError};
use crate::vocab;
use twins::Twins;

mod containers;
mod twins;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file that was there when the build began could not be read later in it.
    #[error(
        "{0} changed or vanished while it was being indexed; the previous index is kept. Run `guidegraph index` again once the corpus is settled"
    )]
    CorpusChanged(String),
}

/// A parsed file (when it was an article) and what it warned about.
type Parsed = (Option<corpus::Document>, Vec<Warning>);

/// Why a build stopped.
enum BuildError {
    Search(SearchError),
    Vanished(String),
    Store(StoreError),
}

impl From<SearchError> for BuildError {
    fn from(e: SearchError) -> Self {
        BuildError::Search(e)
    }
}

/// What a run of `index` did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub manifest: Manifest,
    pub warnings: Vec<Warning>,
    /// The index already matched the corpus and was left as it was.
    pub up_to_date: bool,
    pub elapsed_ms: u64,
}

/// Files parsed together: enough to keep both cores busy, few enough to bound memory.
const CHUNK: usize = 64;

/// Bytes of files parsed together. Parsing takes up to fifty times an article's size (an
/// 8 MB paragraph of links and emphasis peaks near 450 MB), so memory is bounded by bytes,
/// not only by files: two such articles at once passed a gigabyte (issue 11). An article
/// of the largest size read (`corpus::MAX_FILE_BYTES`) is parsed alone.
const CHUNK_BYTES: u64 = crate::corpus::MAX_FILE_BYTES;

/// Indexes `roots` into the index folder `dir`. `on_wait` is called if another `index` run
/// holds the folder and this one has to wait for it.
pub fn run(
    roots: &[Root],
    dir: &Path,
    force: bool,
    on_wait: impl FnOnce(),
) -> Result<Summary, IndexError> {
    run_with(
        roots,
        dir,
        &Options {
            force,
            follow_links: false,
        },
        on_wait,
    )
}

/// How `index` was asked to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Rebuild even when the corpus has not changed.
    pub force: bool,
    /// Follow symbolic links out of the corpus folders.
    pub follow_links: bool,
}

/// [`run`] with every option.
pub fn run_with(
    roots: &[Root],
    dir: &Path,
    options: &Options,
    on_wait: impl FnOnce(),
) -> Result<Summary, IndexError> {
    let Options {
        force,
        follow_links,
    } = *options;
    let started = Instant::now();
    let scan = corpus::scan_with(roots, follow_links)?;
    let lock = Lock::acquire(dir, on_wait)?;
    let (records, read_warnings) = fingerprint(&scan);
    let root_names: Vec<String> = roots.iter().map(Root::describe).collect();
    if !force
        && let Some(m) = store::read_manifest(dir)
        && let Some(files) = store::read_files(dir)
        && m.same_build(&root_names, &build_id())
        && m.follow_links == follow_links
        && files.files == records
        && store::Store::open(dir).is_ok()
    {
        return Ok(Summary {
            manifest: m,
            warnings: files.warnings,
            up_to_date: true,
            elapsed_ms: elapsed(started),
        });
    }

    let mut pending = Pending::begin(dir, &lock)?;
    let text_dir = pending.text_dir();
    let text_err = |source: SearchError| StoreError::Text {
        path: text_dir.display().to_string(),
        source,
    };
    let readable: HashMap<(&str, &str), u64> = records
        .iter()
        .map(|r| ((r.root.as_str(), r.path.as_str()), r.bytes))
        .collect();
    let corpora: Vec<crate::published::Origin> =
        roots.iter().map(crate::published::Origin::of).collect();
    let hashes: HashMap<(&str, &str), &str> = records
        .iter()
        .map(|r| ((r.root.as_str(), r.path.as_str()), r.hash.as_str()))
        .collect();
    let (built, mut warnings) = match build(&scan, &readable, &hashes, &mut pending) {
        Ok(b) => b,
        Err(e) => {
            let e = match e {
                // tantivy can lose the I/O error of a writer thread ("an index writer was
                // killed"); a full disk is then found by trying to write, and named.
                BuildError::Search(e) => match pending.out_of_space() {
                    Some(full) => StoreError::Write {
                        path: dir.display().to_string(),
                        source: full,
                    }
                    .into(),
                    None => text_err(e).into(),
                },
                BuildError::Vanished(path) => IndexError::CorpusChanged(path),
                BuildError::Store(e) => e.into(),
            };
            pending.abandon();
            return Err(e);
        }
    };
    // Unreadable files are warned about once, in walk order, before parse warnings.
    let mut all_warnings = read_warnings;
    all_warnings.append(&mut warnings);
    let manifest = Manifest {
        format: store::FORMAT,
        guidegraph: env!("CARGO_PKG_VERSION").into(),
        build: build_id(),
        roots: root_names,
        files: records.len(),
        counts: built.counts,
        nodes: built.nodes,
        edges: built.edges,
        warnings: all_warnings.len(),
        graph_hash: String::new(),
        graph_bytes: 0,
        text_files: Vec::new(),
        vocabulary: built.vocabulary,
        follow_links,
        corpora,
        build_ms: elapsed(started),
    };
    let files = Files {
        files: records,
        warnings: all_warnings.clone(),
    };
    pending.commit(manifest, &files)?;
    let manifest = store::read_manifest(dir).ok_or_else(|| StoreError::Damaged {
        path: dir.display().to_string(),
        why: "the manifest just written cannot be read back".into(),
    })?;
    Ok(Summary {
        manifest,
        warnings: all_warnings,
        up_to_date: false,
        elapsed_ms: elapsed(started),
    })
}

/// Hashes every file (in parallel); the records in scan order, and warnings for files that
/// could not be read.
fn fingerprint(scan: &Scan) -> (Vec<FileRecord>, Vec<Warning>) {
    let read: Vec<Result<FileRecord, Warning>> = scan
        .files
        .par_iter()
        .map(|entry| {
            corpus::read(entry).map(|bytes| FileRecord {
                root: entry.root_label.clone(),
                path: entry.rel.clone(),
                bytes: bytes.len() as u64,
                hash: blake3::hash(&bytes).to_hex().to_string(),
            })
        })
        .collect();
    let mut warnings = scan.warnings.clone();
    let mut records = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(rec) => records.push(rec),
            Err(w) => warnings.push(w),
        }
    }
    (records, warnings)
}

/// The files of `scan` in chunks of at most [`CHUNK`] files and [`CHUNK_BYTES`] bytes (a
/// file larger than that is a chunk of its own), by the sizes read at the start.
fn chunks<'a>(scan: &'a Scan, sizes: &HashMap<(&str, &str), u64>) -> Vec<&'a [FileEntry]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, f) in scan.files.iter().enumerate() {
        let size = sizes
            .get(&(f.root_label.as_str(), f.rel.as_str()))
            .copied()
            .unwrap_or(0);
        if i > start && (i - start >= CHUNK || bytes + size > CHUNK_BYTES) {
            out.push(&scan.files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < scan.files.len() {
        out.push(&scan.files[start..]);
    }
    out
}

/// What the manifest says of a graph written and dropped.
struct Built {
    counts: Vec<(String, usize)>,
    nodes: usize,
    edges: usize,
    vocabulary: vocab::IndexVocabulary,
}

/// Parses, extracts, writes the graph file and the full-text index; returns what the
/// manifest says of the graph, and parse warnings.
/// Files read at the start (`readable`, with their sizes) must still be readable: a corpus
/// that changes under a build stops it, rather than leave an index of half the corpus.
fn build(
    scan: &Scan,
    readable: &HashMap<(&str, &str), u64>,
    hashes: &HashMap<(&str, &str), &str>,
    pending: &mut Pending,
) -> Result<(Built, Vec<Warning>), BuildError> {
    let corpus_bytes: u64 = readable.values().sum();
    let mut writer = TextWriter::create(&pending.text_dir(), corpus_bytes)?;
    let mut ex = Extractor::default();
    let mut warnings = Vec::new();
    let ordinal: HashMap<(&str, &str), u32> = scan
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            (
                (f.root_label.as_str(), f.rel.as_str()),
                u32::try_from(i).unwrap_or(u32::MAX),
            )
        })
        .collect();
    let file_of = |n: &Node| {
        n.sources.first().map_or((u32::MAX, 0), |s| {
            (
                ordinal
                    .get(&(s.corpus.as_str(), s.path.as_str()))
                    .copied()
                    .unwrap_or(u32::MAX),
                s.line,
            )
        })
    };
    let mut failed: Option<SearchError> = None;
    // The abbreviations the sections define, for the vocabulary.
    let mut abbreviations = Tally::default();
    for chunk in chunks(scan, readable) {
        let parsed: Vec<Result<Parsed, String>> = chunk
            .par_iter()
            .map(|entry: &FileEntry| match corpus::read(entry) {
                Ok(bytes) => Ok(corpus::parse(entry, &bytes, scan)),
                Err(w)
                    if readable.contains_key(&(entry.root_label.as_str(), entry.rel.as_str())) =>
                {
                    Err(w.path)
                }
                // Unreadable from the start: already warned about by the fingerprint.
                Err(_) => Ok((None, Vec::new())),
            })
            .collect();
        for result in parsed {
            let (doc, w) = result.map_err(BuildError::Vanished)?;
            warnings.extend(w);
            let Some(doc) = doc else { continue };
            let hash = hashes
                .get(&(doc.root_label.as_str(), doc.path.as_str()))
                .copied();
            ex.add_file(&doc, hash, &mut |node, index, body| {
                if failed.is_some() {
                    return;
                }
                abbreviations.add(body);
                let (file, line) = file_of(node);
                // A "Next steps" or "Related resources" section holds other pages' titles:
                // searched, its words would answer for those pages.
                let pointer = node.kind == NodeKind::Section
                    && crate::extract::item::is_pointer_heading(&node.title);
                let d = IndexDoc {
                    node,
                    index: index as u64,
                    body: if pointer { NO_TEXT } else { body },
                    // A section sits in its article: "mission-critical design methodology"
                    // asks for the sections of the article so titled.
                    context: &doc.title,
                    order: order_key(node.kind, None, file, line),
                    cues: cues(node, &node.summary, node.pillars.iter().map(Shared::as_str)),
                    twin: None,
                    containers: &[],
                };
                if let Err(e) = writer.add(&d) {
                    failed = Some(e);
                }
            });
        }
        if let Some(e) = failed.take() {
            return Err(e.into());
        }
    }
    let extracted = ex.finish();
    let graph = extracted.graph;
    warnings.extend(merged_articles(scan, &graph));
    let article_texts: HashMap<String, String> = extracted.article_texts.into_iter().collect();
    // What each node's document needs is worked out on both cores; tantivy takes the
    // documents one at a time.
    let prepared: Vec<(usize, u64, u64)> = graph
        .inner
        .node_indices()
        .collect::<Vec<_>>()
        .par_iter()
        .filter(|&&index| graph.inner[index].kind != NodeKind::Section)
        .map(|&index| {
            let node = &graph.inner[index];
            let filed = graph
                .inner
                .edges(index)
                .filter(|e| matches!(e.weight().kind, EdgeKind::InPillar | EdgeKind::TradesOff))
                .filter(|e| e.weight().evidence != WORDS_EVIDENCE)
                .filter_map(|e| graph.inner[e.target()].pillars.first().map(Shared::as_str));
            let text = if node.text.is_empty() {
                &node.summary
            } else {
                &node.text
            };
            let (file, line) = file_of(node);
            (
                index.index(),
                order_key(node.kind, node.code.as_deref(), file, line),
                cues(node, text, filed),
            )
        })
        .collect();
    // An item's context: its article's title and its section's heading.
    let article_titles: HashMap<(&str, &str), &str> = graph
        .nodes()
        .filter(|(_, n)| n.kind == NodeKind::Article)
        .flat_map(|(_, n)| {
            n.sources
                .iter()
                .map(move |s| ((s.corpus.as_str(), s.path.as_str()), n.title.as_str()))
        })
        .collect();
    // An article's headings say what it covers: a checklist row that links to the article
    // detailing it covers the same (SE:07 → "Encrypt data at rest").
    let mut headings: HashMap<(&str, &str), String> = HashMap::new();
    for (_, n) in graph.nodes().filter(|(_, n)| n.kind == NodeKind::Section) {
        if let Some(s) = n.sources.first() {
            let h = headings
                .entry((s.corpus.as_str(), s.path.as_str()))
                .or_default();
            h.push_str(&n.title);
            h.push(' ');
        }
    }
    let twins = Twins::of(&graph);
    for (index, order, cues) in prepared {
        let ix = petgraph::graph::NodeIndex::new(index);
        let node = &graph.inner[ix];
        let mut context = String::new();
        if node.kind.is_item() {
            if let Some(s) = node.sources.first() {
                let key = (s.corpus.as_str(), s.path.as_str());
                context.push_str(article_titles.get(&key).copied().unwrap_or_default());
                context.push(' ');
                context.push_str(&s.heading);
            }
            for e in graph.inner.edges(ix) {
                let target = &graph.inner[e.target()];
                if e.weight().kind != EdgeKind::DetailedIn || target.kind != NodeKind::Article {
                    continue;
                }
                if let Some(s) = target.sources.first() {
                    context.push(' ');
                    context.push_str(&target.title);
                    context.push(' ');
                    let key = (s.corpus.as_str(), s.path.as_str());
                    context.push_str(headings.get(&key).map_or("", String::as_str));
                }
            }
        }
        writer.add(&IndexDoc {
            node,
            index: index as u64,
            body: article_texts.get(&node.id).map_or("", String::as_str),
            context: &context,
            order,
            cues,
            twin: twins.of_node(node),
            containers: &containers::of(&graph, ix),
        })?;
    }
    let built = Built {
        counts: graph
            .counts()
            .into_iter()
            .map(|(k, n)| (k.name().to_string(), n))
            .collect(),
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        vocabulary: vocabulary(&graph, abbreviations),
    };
    pending.write_graph(&graph).map_err(BuildError::Store)?;
    // Gone, with what was made of it, before tantivy merges its segments (see
    // `Pending::write_graph`).
    drop((headings, article_titles, article_texts, twins));
    drop(graph);
    writer.commit()?;
    Ok((built, warnings))
}

/// A document body that holds no words (an empty one stands for the node's own text).
const NO_TEXT: &str = " ";

/// What the graph holds of the vocabulary (see [`vocab::IndexVocabulary`]).
fn vocabulary(graph: &Graph, abbreviations: Tally) -> vocab::IndexVocabulary {
    let mut v = vocab::IndexVocabulary {
        abbreviations: abbreviations.most_common(),
        ..Default::default()
    };
    let mut words: HashMap<String, u32> = HashMap::new();
    for (_, n) in graph.nodes() {
        match n.kind {
            NodeKind::Service => v.services.push(vocab::ServiceName {
                id: crate::corpus::text::slug(&n.title),
                name: n.title.clone(),
                aliases: n.aliases().to_vec(),
                guide: true,
                types: n.resource_types().to_vec(),
            }),
            NodeKind::Workload => v
                .workloads
                .extend(n.workloads.first().map(Shared::to_string)),
            NodeKind::Pillar => v.pillars.extend(n.pillars.first().map(Shared::to_string)),
            NodeKind::Platform => v
                .platforms
                .extend(n.platforms.first().map(Shared::to_string)),
            _ => {}
        }
        for w in crate::corpus::text::words(&n.title) {
            if w.len() >= 3 && w.chars().all(char::is_alphabetic) {
                *words.entry(w).or_default() += 1;
            }
        }
    }
    for list in [&mut v.workloads, &mut v.pillars, &mut v.platforms] {
        list.sort();
        list.dedup();
    }
    v.services.sort_by(|a, b| a.id.cmp(&b.id));
    let mut words: Vec<(String, u32)> = words.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.words = words
        .into_iter()
        .map(|(w, _)| w)
        .collect::<Vec<_>>()
        .join(" ");
    v
}

/// Two corpora holding the same file at the same path (`a/docs/x.md`, `b/docs/x.md`) on
/// one platform make one article (issue 11). Each such merge is a warning naming both
/// files.
fn merged_articles(scan: &Scan, graph: &Graph) -> Vec<Warning> {
    let shown: HashMap<(&str, &str), String> = scan
        .files
        .iter()
        .map(|f| ((f.root_label.as_str(), f.rel.as_str()), f.display_path()))
        .collect();
    let mut out = Vec::new();
    for (_, node) in graph.nodes() {
        if node.kind != NodeKind::Article {
            continue;
        }
        let mut files: Vec<String> = Vec::new();
        for s in &node.sources {
            let file = shown
                .get(&(s.corpus.as_str(), s.path.as_str()))
                .cloned()
                .unwrap_or_else(|| format!("{}/{}", s.corpus, s.path));
            if !files.contains(&file) {
                files.push(file);
            }
        }
        if let [first, rest @ ..] = files.as_slice() {
            for other in rest {
                out.push(Warning {
                    path: other.clone(),
                    line: None,
                    message: format!(
                        "read as one article with {first} (the same file: same path within its corpus, same bytes, same platform); `:open` shows {first}"
                    ),
                });
            }
        }
    }
    out
}

/// The cue bits of a node (see [`Cues`]).
fn cues<'a>(node: &Node, text: &str, filed: impl Iterator<Item = &'a str>) -> u64 {
    let scoped = !node.workloads.is_empty() || !node.services.is_empty();
    Cues::of(&node.title, text, filed, node.checklist, scoped)
        .on_platform(node.platforms.first().map(Shared::as_str))
        .0
}

/// How many corpus files were added, changed or removed since the index was built (its
/// manifest names the roots, `files` holds what they held then).
pub fn changed_files(manifest: &Manifest, files: &Files) -> Result<usize, IndexError> {
    let roots: Vec<Root> = manifest
        .roots
        .iter()
        .map(|r| Root::from_description(r))
        .collect();
    let scan = corpus::scan_with(&roots, manifest.follow_links)?;
    let records = fingerprint(&scan).0;
    let now: HashSet<&FileRecord> = records.iter().collect();
    let then: HashSet<&FileRecord> = files.files.iter().collect();
    let changed: HashSet<(&String, &String)> = now
        .symmetric_difference(&then)
        .map(|r| (&r.root, &r.path))
        .collect();
    Ok(changed.len())
}

/// A hash of the running executable: what `index` compares to decide whether an index
/// was written by these very extraction rules. (The version number alone is not enough
/// between releases.) Hashing the binary costs a few milliseconds, once per `index`.
fn build_id() -> String {
    std::env::current_exe()
        .and_then(std::fs::read)
        .map(|bytes| blake3::hash(&bytes).to_hex()[..16].to_string())
        .unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_string())
}

fn elapsed(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;

    #[test]
    fn chunks_are_bounded_by_files_and_by_bytes() {
        let scan = Scan {
            files: (0..200)
                .map(|i| FileEntry {
                    root: 0,
                    root_label: "c".into(),
                    rel: format!("{i}.md"),
                    origin: Origin::Embedded(""),
                })
                .collect(),
            ..Scan::default()
        };
        let big = 8 * 1024 * 1024;
        let sizes: HashMap<(&str, &str), u64> = scan
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                (
                    (f.root_label.as_str(), f.rel.as_str()),
                    if i < 100 { 10 } else { big },
                )
            })
            .collect();
        let chunks = chunks(&scan, &sizes);
        assert_eq!(chunks.iter().map(|c| c.len()).sum::<usize>(), 200);
        assert_eq!(chunks[0].len(), CHUNK);
        for c in &chunks {
            let bytes: u64 = c
                .iter()
                .map(|f| sizes[&(f.root_label.as_str(), f.rel.as_str())])
                .sum();
            assert!(
                c.len() == 1 || bytes <= CHUNK_BYTES,
                "{} files, {bytes} bytes",
                c.len()
            );
        }
    }
}
