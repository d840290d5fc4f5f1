//! The on-disk index: a folder holding generations of (manifest, graph, full-text index),
//! a `CURRENT` file naming the live one, and a lock.
//!
//! ```text
//! index/
//!   CURRENT            "gen-000007"
//!   gen-000007/        manifest.json, files.json, graph.bin, text/
//!   gen-000006/        the previous generation, kept so a reader that opened it goes on
//!   .lock              held by the one `guidegraph index` that may write
//! ```
//!
//! A new generation is written beside the live one and made live by renaming a new
//! `CURRENT` over the old: a killed or failed build leaves the previous index as it was.
//!
//! Opening reads only the small manifest, checks the full-text index's files against the
//! stamps it holds (see `stamps`), and memory-maps them: they answer searches on their
//! own. The graph (`graph.bin`) is loaded, and its checksum verified, the first time a
//! traversal needs it. The per-file records (`files.json`) are read only by `index` and
//! `stats`.

mod owner;
mod stamps;
pub mod vocabulary;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use petgraph::graph::NodeIndex;

use crate::corpus::Warning;
use crate::graph::{Edge, Graph, Node};
use crate::search::{SearchError, TextIndex};
pub use owner::MARKER;
pub use stamps::FileStamp;

/// Bumped whenever the files' layout or meaning changes; an index of another format is
/// rebuilt, never misread.
pub const FORMAT: u32 = 6;

const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "manifest.json";
const FILES: &str = "files.json";
const GRAPH: &str = "graph.bin";
const TEXT: &str = "text";
const LOCK: &str = ".lock";

/// The largest `CURRENT` read: it names a generation.
const MAX_CURRENT: u64 = 4096;
/// The largest manifest read; a whole guidance's is well under a megabyte.
const MAX_MANIFEST: u64 = 64 << 20;
/// The largest `files.json` read: a record and the warnings of each of at most
/// `corpus::walk::MAX_ENTRIES` files.
const MAX_FILES: u64 = 1 << 30;

/// One of the index's small files: a regular file, not a link, within `max` bytes. A
/// `CURRENT` linked to `/dev/zero` or made a FIFO filled memory or hung (issue 17).
fn read_small(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    crate::bounded::read(path, max, crate::bounded::Links::Refuse)
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `guidegraph query --index empty/`.
    #[error("no index at {0}; build it with `guidegraph index --index {0}`")]
    Missing(String),
    /// An index written by a guidegraph with another format number.
    #[error(
        "the index at {path} has format {found}, this guidegraph reads format {FORMAT}; rebuild it with `guidegraph index --index {path}`"
    )]
    Version { path: String, found: u32 },
    /// A truncated or scrambled file.
    #[error(
        "the index at {path} is damaged ({why}); rebuild it with `guidegraph index --index {path}`"
    )]
    Damaged { path: String, why: String },
    /// `--index notes/` where `notes/` holds files guidegraph did not write.
    #[error(
        "{path} is not a guidegraph index folder (it holds {found}, which guidegraph did not write); give --index a new or empty folder, or one guidegraph built"
    )]
    NotOurs { path: String, found: String },
    /// `--index article.md`.
    #[error(
        "{0} is a file, not an index folder; give --index a folder (a new or empty one to build an index in)"
    )]
    NotAFolder(String),
    /// An index in a folder the user may not read (another user's, a private share).
    #[error(
        "cannot read the index at {path} ({why}); ask the folder's owner for read access, or build an index of your own with `guidegraph index --index DIR`"
    )]
    Permission { path: String, why: String },
    #[error("cannot write the index at {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write the full-text index at {path}: {source}")]
    Text { path: String, source: SearchError },
}

/// One corpus file as it was indexed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileRecord {
    pub root: String,
    pub path: String,
    pub bytes: u64,
    pub hash: String,
}

/// What an index was built from and holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub guidegraph: String,
    /// Which build of guidegraph wrote the index (a hash of its executable): extraction
    /// rules change between builds without the format changing.
    pub build: String,
    pub roots: Vec<String>,
    /// How many files were indexed (their records are in files.json).
    pub files: usize,
    pub counts: Vec<(String, usize)>,
    pub nodes: usize,
    pub edges: usize,
    /// How many warnings the build gave (their text is in files.json).
    pub warnings: usize,
    /// blake3 and length of graph.bin, so a damaged graph file is caught, not decoded.
    pub graph_hash: String,
    pub graph_bytes: u64,
    pub build_ms: u64,
    /// The full-text index's files as written, checked on every open.
    #[serde(default)]
    pub text_files: Vec<FileStamp>,
    /// What the index holds of the vocabulary, for reading queries against it.
    #[serde(default)]
    pub vocabulary: crate::vocab::IndexVocabulary,
    /// The corpus was walked following links out of its folders (`--follow-links`).
    #[serde(default)]
    pub follow_links: bool,
    /// Per corpus: the source and commit it was fetched at, where it is published.
    #[serde(default)]
    pub corpora: Vec<crate::published::Origin>,
}

impl Manifest {
    /// True when this index was built from `roots` by this very build of guidegraph.
    pub fn same_build(&self, roots: &[String], build: &str) -> bool {
        self.format == FORMAT
            && self.guidegraph == env!("CARGO_PKG_VERSION")
            && self.build == build
            && self.roots == roots
    }
}

/// The files an index was built from, and the warnings the build gave.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Files {
    pub files: Vec<FileRecord>,
    pub warnings: Vec<Warning>,
}

/// The graph as stored: nodes in order and edges by node position.
#[derive(Serialize, Deserialize)]
struct GraphFile {
    format: u32,
    nodes: Vec<Node>,
    edges: Vec<(u32, u32, Edge)>,
}

/// The stored graph, borrowed from a live one for writing (encodes as [`GraphFile`]).
#[derive(Serialize)]
struct GraphFileRef<'a> {
    format: u32,
    nodes: Vec<&'a Node>,
    edges: Vec<(u32, u32, &'a Edge)>,
}

/// A writer that hashes and counts what passes through it, and keeps the last write
/// error: postcard reports any failed write as "the serialize buffer is full", and the
/// user should read "no space left on device" when that is what happened (issue 11).
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
    len: u64,
    failed: Option<std::io::Error>,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf).map_err(|e| self.keep(e))?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        // postcard flushes at the end, where a full disk shows up as often as in a write.
        self.inner.flush().map_err(|e| self.keep(e))
    }
}

impl<W> Hashing<W> {
    /// Keeps a copy of a write error for the caller, and passes it on.
    fn keep(&mut self, e: std::io::Error) -> std::io::Error {
        self.failed = Some(e.raw_os_error().map_or_else(
            || std::io::Error::new(e.kind(), e.to_string()),
            std::io::Error::from_raw_os_error,
        ));
        e
    }
}

/// Writes a graph in its stored encoding (deterministic for the same graph), streaming
/// rather than building the bytes in memory; returns their blake3 and length.
pub fn write_graph(graph: &Graph, out: impl Write) -> std::io::Result<(String, u64)> {
    use petgraph::visit::EdgeRef;
    let file = GraphFileRef {
        format: FORMAT,
        nodes: graph.inner.node_weights().collect(),
        edges: graph
            .inner
            .edge_references()
            .map(|e| {
                (
                    u32::try_from(e.source().index()).unwrap_or(u32::MAX),
                    u32::try_from(e.target().index()).unwrap_or(u32::MAX),
                    e.weight(),
                )
            })
            .collect(),
    };
    let mut w = Hashing {
        inner: std::io::BufWriter::new(out),
        hasher: blake3::Hasher::new(),
        len: 0,
        failed: None,
    };
    if let Err(e) = postcard::to_io(&file, &mut w) {
        return Err(w.failed.take().unwrap_or_else(|| std::io::Error::other(e)));
    }
    w.flush()?;
    Ok((w.hasher.finalize().to_hex().to_string(), w.len))
}

fn graph_from_bytes(bytes: &[u8]) -> Result<Graph, String> {
    let file: GraphFile = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
    if file.format != FORMAT {
        return Err(format!("graph format {}", file.format));
    }
    let n = file.nodes.len();
    let mut inner = petgraph::graph::DiGraph::with_capacity(n, file.edges.len());
    for node in file.nodes {
        inner.add_node(node);
    }
    for (a, b, e) in file.edges {
        let (a, b) = (a as usize, b as usize);
        if a >= n || b >= n {
            return Err("an edge points outside the graph".into());
        }
        inner.add_edge(NodeIndex::new(a), NodeIndex::new(b), e);
    }
    Ok(Graph::new(inner))
}

/// An index opened for reading. It keeps reading the generation it opened even if a new
/// one is made live meanwhile.
pub struct Store {
    pub dir: PathBuf,
    pub generation: PathBuf,
    pub manifest: Manifest,
    pub text: TextIndex,
    /// The graph file, opened with the rest so a later re-index cannot swap it away.
    graph_file: std::sync::Mutex<Option<File>>,
    graph: std::sync::OnceLock<Graph>,
    vocabulary: std::sync::OnceLock<vocabulary::Vocabulary>,
}

fn disp(p: &Path) -> String {
    p.display().to_string()
}

/// The live generation's folder, if the index has one.
fn live_generation(dir: &Path) -> Option<PathBuf> {
    let name = read_small(&dir.join(CURRENT), MAX_CURRENT).ok()?;
    let name = String::from_utf8(name).ok()?;
    let name = name.trim();
    if name.is_empty() || name.contains('/') || name.contains("..") {
        return None;
    }
    Some(dir.join(name))
}

/// Reads the live generation's file records, if they are readable.
pub fn read_files(dir: &Path) -> Option<Files> {
    let generation = live_generation(dir)?;
    let text = read_small(&generation.join(FILES), MAX_FILES).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Reads the live manifest, if there is a readable one.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let generation = live_generation(dir)?;
    let text = read_small(&generation.join(MANIFEST), MAX_MANIFEST).ok()?;
    serde_json::from_slice(&text).ok()
}

/// How many times a reader follows a moved `CURRENT` before giving up.
const OPEN_ATTEMPTS: usize = 4;

/// A failure to open, in words: a permission problem is named as one (rebuilding cannot
/// fix it), anything else is damage.
fn open_error(path: &str, why: String) -> StoreError {
    if why.contains("Permission denied") || why.contains("os error 13") {
        StoreError::Permission {
            path: path.to_string(),
            why,
        }
    } else {
        StoreError::Damaged {
            path: path.to_string(),
            why,
        }
    }
}

impl Store {
    /// Opens the live generation of the index in `dir`, for reading only: nothing in the
    /// folder is written, so a read-only or shared index answers too.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(dir, live_generation)
    }

    /// [`Store::open`], reading `CURRENT` with `current`. A generation can vanish between
    /// reading `CURRENT` and opening its files (two rebuilds made newer ones live and
    /// pruned it); then `CURRENT` names another, which is tried before any damage is
    /// reported (issue 11).
    fn open_with(
        dir: &Path,
        mut current: impl FnMut(&Path) -> Option<PathBuf>,
    ) -> Result<Store, StoreError> {
        let path = disp(dir);
        owner::check_folder(dir)?;
        match fs::metadata(dir.join(CURRENT)) {
            Ok(_) => {}
            // A folder the user may not look into is not a missing index to build.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(open_error(&path, format!("{CURRENT}: {e}")));
            }
            Err(_) => return Err(StoreError::Missing(path)),
        }
        let mut attempts = 1;
        loop {
            let Some(generation) = current(dir) else {
                return Err(match read_small(&dir.join(CURRENT), MAX_CURRENT) {
                    Err(e) => open_error(&path, format!("{CURRENT}: {e}")),
                    Ok(_) => StoreError::Damaged {
                        path: path.clone(),
                        why: "CURRENT is unreadable".into(),
                    },
                });
            };
            match Store::open_generation(dir, generation.clone()) {
                Err(e @ StoreError::Damaged { .. }) if attempts < OPEN_ATTEMPTS => {
                    if current(dir).as_ref() == Some(&generation) {
                        return Err(e);
                    }
                    attempts += 1;
                }
                other => return other,
            }
        }
    }

    fn open_generation(dir: &Path, generation: PathBuf) -> Result<Store, StoreError> {
        let path = disp(dir);
        let damaged = |why: String| open_error(&path, why);
        let manifest_text = read_small(&generation.join(MANIFEST), MAX_MANIFEST)
            .and_then(|b| String::from_utf8(b).map_err(std::io::Error::other))
            .map_err(|e| damaged(format!("{MANIFEST}: {e}")))?;
        // Only the format number is read first (the rest is skipped, not built as a
        // `Value`): it decides whether the rest can be read as this version's manifest.
        #[derive(Deserialize)]
        struct FormatOnly {
            format: Option<serde_json::Value>,
        }
        let format = serde_json::from_str::<FormatOnly>(&manifest_text)
            .map_err(|e| damaged(format!("{MANIFEST}: {e}")))?
            .format
            .as_ref()
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| damaged(format!("{MANIFEST} has no format number")))?;
        if format != u64::from(FORMAT) {
            return Err(StoreError::Version {
                path,
                found: u32::try_from(format).unwrap_or(u32::MAX),
            });
        }
        let mut manifest: Manifest = serde_json::from_str(&manifest_text)
            .map_err(|e| damaged(format!("{MANIFEST}: {e}")))?;
        let graph_file =
            crate::bounded::open(&generation.join(GRAPH), crate::bounded::Links::Refuse)
                .map_err(|e| damaged(format!("{GRAPH}: {e}")))?;
        let len = graph_file
            .metadata()
            .map_err(|e| damaged(format!("{GRAPH}: {e}")))?
            .len();
        if len != manifest.graph_bytes {
            return Err(damaged(format!(
                "{GRAPH} is {len} bytes, not the {} written",
                manifest.graph_bytes
            )));
        }
        let text_dir = generation.join(TEXT);
        let fresh = stamps::check(&text_dir, TEXT, &manifest.text_files).map_err(damaged)?;
        let text = TextIndex::open(&text_dir).map_err(|e| damaged(format!("{TEXT}/: {e}")))?;
        if let Some(fresh) = fresh {
            // A copy (`cp -r`) gave the files new times; their bytes were just verified,
            // so the new times are stamped and the next open costs a stat a file again.
            manifest.text_files = fresh;
            restamp(&generation, &manifest);
        }
        Ok(Store {
            dir: dir.to_path_buf(),
            generation,
            manifest,
            text,
            graph_file: std::sync::Mutex::new(Some(graph_file)),
            graph: std::sync::OnceLock::new(),
            vocabulary: std::sync::OnceLock::new(),
        })
    }

    /// The words queries are read against: the framework's, and this index's services and
    /// workloads. Built on first use.
    pub fn vocabulary(&self) -> &vocabulary::Vocabulary {
        self.vocabulary
            .get_or_init(|| vocabulary::Vocabulary::of(&self.manifest.vocabulary))
    }

    /// The pages on Learn of this index's corpora, for its answers' urls.
    pub fn links(&self) -> crate::published::Links {
        crate::published::Links::new(&self.manifest.corpora)
    }

    /// The graph, loaded and checked on first use.
    pub fn graph(&self) -> Result<&Graph, StoreError> {
        if let Some(g) = self.graph.get() {
            return Ok(g);
        }
        let damaged = |why: String| StoreError::Damaged {
            path: disp(&self.dir),
            why,
        };
        // The lock is held while loading, so a second caller waits and then finds the graph.
        let mut guard = self
            .graph_file
            .lock()
            .map_err(|_| damaged("the graph file handle was poisoned".into()))?;
        if let Some(g) = self.graph.get() {
            return Ok(g);
        }
        let Some(mut file) = guard.take() else {
            // The file is taken once: loading failed before, and it is still damaged.
            return Err(damaged(format!("{GRAPH} could not be loaded")));
        };
        let mut bytes = Vec::with_capacity(usize::try_from(self.manifest.graph_bytes).unwrap_or(0));
        std::io::Read::read_to_end(&mut file, &mut bytes)
            .map_err(|e| damaged(format!("{GRAPH}: {e}")))?;
        if blake3::hash(&bytes).to_hex().as_str() != self.manifest.graph_hash {
            return Err(damaged(format!("{GRAPH} does not match its checksum")));
        }
        let graph = graph_from_bytes(&bytes).map_err(|e| damaged(format!("{GRAPH}: {e}")))?;
        Ok(self.graph.get_or_init(|| graph))
    }

    /// The files the index was built from and the warnings the build gave.
    pub fn files(&self) -> Result<Files, StoreError> {
        let damaged = |why: String| StoreError::Damaged {
            path: disp(&self.dir),
            why: format!("{FILES}: {why}"),
        };
        let text = read_small(&self.generation.join(FILES), MAX_FILES)
            .map_err(|e| damaged(e.to_string()))?;
        serde_json::from_slice(&text).map_err(|e| damaged(e.to_string()))
    }
}

/// The write lock of an index folder, held for the life of the value.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock, waiting for another writer to finish; `on_wait` is called once if
    /// it has to wait. Unfinished generations left by killed builds are removed.
    pub fn acquire(dir: &Path, on_wait: impl FnOnce()) -> Result<Lock, StoreError> {
        let write_err = |source| StoreError::Write {
            path: disp(dir),
            source,
        };
        owner::claim(dir)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK))
            .map_err(write_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(write_err)?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(write_err(e)),
        }
        // Half-written generations of killed builds go as soon as the lock is ours, even
        // when the index turns out to be up to date and nothing is built (issue 17).
        clean_stale(dir);
        Ok(Lock { _file: file })
    }
}

/// A generation being written. Nothing is visible to readers until [`Pending::commit`].
pub struct Pending {
    dir: PathBuf,
    tmp: PathBuf,
    name: String,
    /// The blake3 and length of the graph file, once [`Pending::write_graph`] wrote it.
    graph: Option<(String, u64)>,
}

impl Pending {
    /// Starts a new generation beside the live one. The caller holds the [`Lock`].
    pub fn begin(dir: &Path, _lock: &Lock) -> Result<Pending, StoreError> {
        let write_err = |source| StoreError::Write {
            path: disp(dir),
            source,
        };
        clean_stale(dir);
        let next = live_generation(dir)
            .and_then(|g| {
                g.file_name()?
                    .to_str()?
                    .strip_prefix("gen-")?
                    .parse::<u64>()
                    .ok()
            })
            .map_or(1, |n| n + 1);
        let name = format!("gen-{next:06}");
        let tmp = dir.join(format!(".tmp-{name}-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(write_err)?;
        }
        if let Err(e) = fs::create_dir_all(tmp.join(TEXT)) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(write_err(e));
        }
        Ok(Pending {
            dir: dir.to_path_buf(),
            tmp,
            name,
            graph: None,
        })
    }

    /// The folder the full-text index is written to.
    pub fn text_dir(&self) -> PathBuf {
        self.tmp.join(TEXT)
    }

    /// Writes the graph file, so the graph can be dropped before the full-text index is
    /// committed: its segments are merged then, and the graph held beside the merge was
    /// 40 MB of the peak of `index` over ten copies of the guidance (issue 22).
    pub fn write_graph(&mut self, graph: &Graph) -> Result<(), StoreError> {
        let write_err = |source| StoreError::Write {
            path: disp(&self.dir),
            source,
        };
        let file = File::create(self.tmp.join(GRAPH)).map_err(write_err)?;
        let written = write_graph(graph, &file).map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
        self.graph = Some(written);
        Ok(())
    }

    /// Writes the manifest, then makes the generation live; the graph file must have been
    /// written ([`Pending::write_graph`]). On any error the unfinished generation is
    /// removed (by `Drop`), so a full disk is not kept full.
    pub fn commit(self, mut manifest: Manifest, files: &Files) -> Result<(), StoreError> {
        let write_err = |source| StoreError::Write {
            path: disp(&self.dir),
            source,
        };
        let Some((hash, len)) = self.graph.clone() else {
            return Err(write_err(std::io::Error::other(
                "the graph was not written before the index was committed",
            )));
        };
        share_like(&self.tmp.join(GRAPH), &self.text_dir()).map_err(write_err)?;
        manifest.graph_hash = hash;
        manifest.graph_bytes = len;
        manifest.text_files = stamps::take(&self.text_dir()).map_err(write_err)?;
        let files_json = serde_json::to_vec(files).unwrap_or_default();
        write_synced(&self.tmp.join(FILES), &files_json).map_err(write_err)?;
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        write_synced(&self.tmp.join(MANIFEST), &json).map_err(write_err)?;
        let final_dir = self.dir.join(&self.name);
        if final_dir.exists() {
            fs::remove_dir_all(&final_dir).map_err(write_err)?;
        }
        fs::rename(&self.tmp, &final_dir).map_err(write_err)?;
        let current_tmp = self.dir.join(format!("{CURRENT}.tmp"));
        if let Err(e) = write_synced(&current_tmp, self.name.as_bytes())
            .and_then(|()| fs::rename(&current_tmp, self.dir.join(CURRENT)))
        {
            // Not live: the renamed generation is as unfinished as the folder it was.
            let _ = fs::remove_file(&current_tmp);
            let _ = fs::remove_dir_all(&final_dir);
            return Err(write_err(e));
        }
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        prune(&self.dir, &self.name);
        Ok(())
    }

    /// The full-disk error, if the generation's file system has no room left for a small
    /// file (written inside the unfinished generation, so it goes with it).
    pub fn out_of_space(&self) -> Option<std::io::Error> {
        let probe = self.tmp.join("space-probe");
        let result = write_synced(&probe, &[0u8; 64 * 1024]);
        let _ = fs::remove_file(&probe);
        result
            .err()
            .filter(|e| e.kind() == std::io::ErrorKind::StorageFull)
    }

    /// Throws the unfinished generation away.
    pub fn abandon(self) {}
}

impl Drop for Pending {
    /// Whatever stopped the build (an error, a panic), the unfinished generation goes; after
    /// a commit it has been renamed and there is nothing left to remove.
    fn drop(&mut self) {
        if self.tmp.exists() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Rewrites a generation's manifest with fresh stamps, whole or not at all. Best effort:
/// a read-only index stays as it is, and a manifest of another version is not rewritten
/// (fields this version does not know would be lost).
fn restamp(generation: &Path, manifest: &Manifest) {
    if manifest.guidegraph != env!("CARGO_PKG_VERSION") {
        return;
    }
    let Ok(json) = serde_json::to_vec_pretty(manifest) else {
        return;
    };
    let tmp = generation.join(format!("{MANIFEST}.tmp-{}", std::process::id()));
    if write_synced(&tmp, &json)
        .and_then(|()| fs::rename(&tmp, generation.join(MANIFEST)))
        .is_err()
    {
        let _ = fs::remove_file(&tmp);
    }
}

/// Gives the files of `dir` the permissions of `like`, a file created with the user's
/// umask. tantivy writes `meta.json` and `.managed.json` through temporary files made
/// 0600, so an index built by one user could not be read by another even where the umask
/// allows it (a team's server, a CI cache, issue 17).
#[cfg(unix)]
fn share_like(like: &Path, dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(like)?.permissions().mode() & 0o777;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_file() && meta.permissions().mode() & 0o777 != mode {
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode))?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn share_like(_like: &Path, _dir: &Path) -> std::io::Result<()> {
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Removes half-written generations left by a killed build (only called under the lock,
/// in a folder [`owner::claim`] has found ours).
fn clean_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if owner::is_unfinished(&e.file_name().to_string_lossy()) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Keeps the live generation and the one before it; readers that opened the older one
/// keep their open files either way.
fn prune(dir: &Path, live: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut gens: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| owner::is_generation(n) && n.as_str() < live)
        .collect();
    gens.sort();
    gens.pop();
    for g in gens {
        let _ = fs::remove_dir_all(dir.join(g));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Root;

    /// A writer on a full disk.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::from_raw_os_error(28))
        }
    }

    fn built(dir: &Path) {
        crate::indexer::run(&[Root::Embedded], dir, false, || {}).unwrap();
    }

    #[test]
    fn a_full_disk_is_named_as_one() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        built(&index);
        let store = Store::open(&index).unwrap();
        let e = write_graph(store.graph().unwrap(), Full).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        assert!(e.to_string().contains("No space left on device"), "{e}");
        // A small graph is buffered whole and fails only when flushed.
        let small = Graph::new(petgraph::graph::DiGraph::new());
        let e = write_graph(&small, Full).unwrap_err();
        assert!(e.to_string().contains("No space left on device"), "{e}");
    }

    #[test]
    fn a_failed_commit_leaves_no_unfinished_generation() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        built(&index);
        let live = fs::read_to_string(index.join(CURRENT)).unwrap();
        let store = Store::open(&index).unwrap();
        let lock = Lock::acquire(&index, || {}).unwrap();
        let mut pending = Pending::begin(&index, &lock).unwrap();
        // A folder where the manifest should go makes writing it fail.
        fs::create_dir_all(pending.tmp.join(MANIFEST).join("x")).unwrap();
        let files = store.files().unwrap();
        pending.write_graph(store.graph().unwrap()).unwrap();
        let e = pending.commit(store.manifest.clone(), &files);
        assert!(e.is_err());
        let left: Vec<String> = fs::read_dir(&index)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(fs::read_to_string(index.join(CURRENT)).unwrap(), live);
    }

    #[test]
    fn a_reader_follows_current_past_a_vanished_generation() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        built(&index);
        let live = live_generation(&index).unwrap();
        let gone = index.join("gen-000000");
        // The first read of CURRENT names a generation pruned since; the next, the live one.
        let mut reads = 0;
        let store = Store::open_with(&index, |_| {
            reads += 1;
            Some(if reads == 1 {
                gone.clone()
            } else {
                live.clone()
            })
        })
        .unwrap();
        assert_eq!(store.generation, live);
        // CURRENT that stays on a missing generation is damage.
        let e = Store::open_with(&index, |_| Some(gone.clone()))
            .err()
            .unwrap();
        assert!(matches!(e, StoreError::Damaged { .. }), "{e}");
    }

    #[test]
    fn permission_problems_are_not_called_damage() {
        let e = open_error(
            "ix",
            "manifest.json: Permission denied (os error 13)".into(),
        );
        assert!(matches!(e, StoreError::Permission { .. }));
        assert!(e.to_string().contains("read access"), "{e}");
        assert!(!e.to_string().contains("rebuild"), "{e}");
        let e = open_error(
            "ix",
            "graph.bin: No such file or directory (os error 2)".into(),
        );
        assert!(matches!(e, StoreError::Damaged { .. }));
    }
}
