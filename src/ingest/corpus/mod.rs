//! The corpus: finding article files under one or more roots (or in the embedded default
//! corpus), reading them safely, and parsing each into a [`Document`].
//!
//! Bad input never stops a run: every file that cannot be read or parsed well becomes one
//! [`Warning`] with its path (and line where known), and the rest is loaded. Only a root that
//! does not exist is an error.

pub mod embedded;
pub mod frontmatter;
pub mod markdown;
pub mod text;
mod walk;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use frontmatter::FrontMatter;
use markdown::Tree;

/// Files larger than this are skipped with a warning: no real article comes near it, and a
/// 50 MB single-line file would only slow every query down.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

const EMBEDDED: &str = "<embedded corpus>";

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// A folder on disk, walked recursively.
    Dir(PathBuf),
    /// The three founding articles compiled into the binary.
    Embedded,
}

impl Root {
    /// The name sources are filed under: the folder's own name, or `corpus`.
    pub fn label(&self) -> String {
        match self {
            Root::Dir(p) => p
                .canonicalize()
                .ok()
                .as_deref()
                .unwrap_or(p)
                .file_name()
                .map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
            Root::Embedded => "corpus".into(),
        }
    }
    /// How the root is written in the manifest and in messages: an absolute path, so the
    /// manifest names the same folder whatever the current folder is later.
    pub fn describe(&self) -> String {
        match self {
            Root::Dir(p) => p
                .canonicalize()
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
            Root::Embedded => EMBEDDED.into(),
        }
    }

    /// The root a manifest line names.
    pub fn from_description(s: &str) -> Root {
        if s == EMBEDDED {
            Root::Embedded
        } else {
            Root::Dir(PathBuf::from(s))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// `--corpus nowhere/` when `nowhere/` does not exist or is not a folder.
    #[error("corpus folder `{0}` does not exist or is not a folder")]
    MissingRoot(String),
}

/// Something wrong with one file; the file is skipped or read as well as it could be.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub path: String,
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    /// One line whatever the path and message hold: a file name with a newline cannot
    /// forge a second warning, nor an escape sequence reach the terminal (issue 11).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::terminal::line as clean;
        match self.line {
            Some(line) => write!(
                f,
                "{}:{}: {}",
                clean(&self.path),
                line,
                clean(&self.message)
            ),
            None => write!(f, "{}: {}", clean(&self.path), clean(&self.message)),
        }
    }
}

/// A file found under a root, not yet read.
#[derive(Debug, Clone)]
pub struct FileEntry {
    /// Index of the root in the list given to [`scan`].
    pub root: usize,
    pub root_label: String,
    /// Path relative to the root, `/`-separated.
    pub rel: String,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub enum Origin {
    Disk(PathBuf),
    Embedded(&'static str),
}

/// One parsed article.
#[derive(Debug, Clone)]
pub struct Document {
    pub root_label: String,
    /// Path relative to its root, `/`-separated.
    pub path: String,
    /// What tells the article apart from others on its platform, in node keys: its path,
    /// unless an earlier corpus holds another file at the same platform and path, when
    /// the extractor makes it `label:path` (two files are two articles unless they are
    /// the same file, issue 17).
    pub key: String,
    pub front: FrontMatter,
    /// The front matter title, else the first heading, else the file name.
    pub title: String,
    /// Title of the folder's landing page (`index.yml`), when there is one.
    pub folder_title: Option<String>,
    pub tree: Tree,
}

/// The outcome of scanning roots.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<FileEntry>,
    /// Titles of folder landing pages, keyed by (root, folder path).
    pub folder_titles: BTreeMap<(usize, String), String>,
    pub warnings: Vec<Warning>,
}

/// Articles are Markdown files (`.md`, `.markdown`) and the plain-text exports the founding
/// articles came as (`.txt`). A folder's README describes the folder, not the guidance.
fn is_article(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let readme = lower.starts_with("readme.");
    !readme && (lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt"))
}

/// Finds the article files under `roots`, in a stable order (roots in the order given, files
/// sorted by path), without following links out of a root (see [`scan_with`]).
pub fn scan(roots: &[Root]) -> Result<Scan, CorpusError> {
    scan_with(roots, false)
}

/// [`scan`], following symbolic links that lead out of a root when `follow_links` is set.
/// Missing roots are an error; unreadable entries, links not followed, repeated targets
/// and clashing names are warnings.
pub fn scan_with(roots: &[Root], follow_links: bool) -> Result<Scan, CorpusError> {
    let mut out = Scan::default();
    let labels = labels(roots);
    let mut described: Vec<String> = Vec::new();
    for (i, (root, label)) in roots.iter().zip(&labels).enumerate() {
        let description = root.describe();
        if described.contains(&description) {
            out.warnings.push(Warning {
                path: description,
                line: None,
                message: "given twice as a corpus; read once".into(),
            });
            continue;
        }
        described.push(description);
        match root {
            Root::Embedded => {
                for (name, text) in embedded::FILES {
                    out.files.push(FileEntry {
                        root: i,
                        root_label: label.clone(),
                        rel: (*name).to_string(),
                        origin: Origin::Embedded(text),
                    });
                }
            }
            Root::Dir(dir) => {
                if !dir.is_dir() {
                    return Err(CorpusError::MissingRoot(dir.display().to_string()));
                }
                if *label != root.label() {
                    out.warnings.push(Warning {
                        path: root.describe(),
                        line: None,
                        message: format!(
                            "another corpus is also named `{}` ({}); this one's sources are filed as `{label}`",
                            root.label(),
                            first_named(roots, &root.label()),
                        ),
                    });
                }
                walk::scan_dir(i, label, dir, follow_links, &mut out);
            }
        }
    }
    Ok(out)
}

/// The first root labelled `label`, described.
fn first_named(roots: &[Root], label: &str) -> String {
    roots
        .iter()
        .find(|r| r.label() == label)
        .map_or_else(String::new, Root::describe)
}

/// The names sources are filed under, one a root: each root's [`Root::label`], with `-2`,
/// `-3`… added to a name an earlier root already has, so `a/docs/x.md` and `b/docs/x.md`
/// stay two sources (issue 11). `:open` maps sources back to roots the same way.
pub fn labels(roots: &[Root]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(roots.len());
    let mut described: Vec<String> = Vec::new();
    for root in roots {
        let base = root.label();
        let description = root.describe();
        // The same folder given twice keeps one name (it is read once).
        if let Some(i) = described.iter().position(|d| *d == description) {
            let same = out[i].clone();
            out.push(same);
            described.push(description);
            continue;
        }
        let mut label = base.clone();
        let mut n = 1;
        while out.contains(&label) {
            n += 1;
            label = format!("{base}-{n}");
        }
        out.push(label);
        described.push(description);
    }
    out
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The largest landing page (`index.yml`) read; real ones are a few kilobytes.
pub const MAX_YML_BYTES: u64 = 1024 * 1024;

/// The `title` of a Learn landing page (`index.yml`); a warning when the file cannot be
/// read or is too large or deep to parse (a 59 MB one took 2 GB, issue 11).
pub fn landing_title(path: &Path) -> Result<Option<String>, String> {
    let text = read_at_most(path, MAX_YML_BYTES).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8_lossy(&text);
    match landing_title_in(&text) {
        Ok(title) => Ok(title),
        // A landing page that is not YAML only lacks a title, as before.
        Err(yaml::YamlError::Syntax(_)) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// The `title` of landing page text, if it has one.
pub fn landing_title_in(text: &str) -> Result<Option<String>, yaml::YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = yaml::parse(text, usize::try_from(MAX_YML_BYTES).unwrap_or(usize::MAX))?;
    Ok(value
        .get("title")
        .and_then(serde_norway::Value::as_str)
        .map(|s| s.trim().to_string()))
}

/// A file's bytes when it holds at most `max`; an error naming the limit otherwise. Reads
/// at most `max + 1` bytes whatever the file claims (`/dev/zero` claims 0).
/// Only a regular file is read, and a FIFO does not block (issue 17); the walk has already
/// decided whether a link is followed.
pub fn read_at_most(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    crate::bounded::read(path, max, crate::bounded::Links::Follow)
}

/// A file's bytes, or the warning that says why they could not be had.
pub fn read(entry: &FileEntry) -> Result<std::borrow::Cow<'static, [u8]>, Warning> {
    let warn = |message: String| Warning {
        path: entry.display_path(),
        line: None,
        message,
    };
    match &entry.origin {
        Origin::Embedded(text) => Ok(std::borrow::Cow::Borrowed(text.as_bytes())),
        Origin::Disk(path) => {
            let meta = std::fs::metadata(path).map_err(|e| warn(format!("cannot read: {e}")))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(warn(format!(
                    "skipped: {} bytes is larger than the {} byte limit for one article",
                    meta.len(),
                    MAX_FILE_BYTES
                )));
            }
            read_at_most(path, MAX_FILE_BYTES)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| warn(format!("cannot read: {e}")))
        }
    }
}

impl FileEntry {
    /// The path shown in warnings: the root's label joined with the relative path.
    pub fn display_path(&self) -> String {
        match &self.origin {
            Origin::Disk(p) => p.display().to_string(),
            Origin::Embedded(_) => format!("{}/{}", self.root_label, self.rel),
        }
    }
}

/// Parses one file's bytes into a document. Binary files are refused; invalid UTF-8 is read
/// with replacement characters; broken front matter and unclosed code fences are reported.
pub fn parse(entry: &FileEntry, bytes: &[u8], scan: &Scan) -> (Option<Document>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let path = entry.display_path();
    let mut warn = |line: Option<u32>, message: String| {
        warnings.push(Warning {
            path: path.clone(),
            line,
            message,
        });
    };
    let sniff = &bytes[..bytes.len().min(8192)];
    if sniff.contains(&0) {
        warn(None, "skipped: binary file (it holds NUL bytes)".into());
        return (None, warnings);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            warn(
                Some(u32::try_from(line).unwrap_or(u32::MAX)),
                "not valid UTF-8; invalid bytes were replaced".into(),
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let text = text::blank_directive_lines(&text);
    let split = frontmatter::split(&text);
    if let Some((line, message)) = &split.problem {
        warn(Some(u32::try_from(*line).unwrap_or(0)), message.clone());
    }
    if let Some(line) = unclosed_fence(split.body) {
        let body_line = text[..split.body_start].matches('\n').count();
        warn(
            Some(u32::try_from(line + body_line).unwrap_or(u32::MAX)),
            "code fence is never closed; the rest of the file is read as code".into(),
        );
    }
    let lines = markdown::LineIndex::new(&text);
    let tree = markdown::parse(
        split.body,
        &OffsetLines {
            inner: &lines,
            base: split.body_start,
        },
    );
    if let Some(what) = &tree.truncated {
        warn(None, what.clone());
    }
    let file_name = entry.rel.rsplit('/').next().unwrap_or(&entry.rel);
    // A title is copied into many nodes; a front matter title is cut as headings are.
    let title = split
        .front
        .title()
        .map(|t| text::summarize(t, markdown::MAX_HEADING_CHARS))
        .or_else(|| tree.h1.clone())
        .unwrap_or_else(|| file_name.to_string());
    let folder = entry
        .rel
        .rsplit_once('/')
        .map_or(String::new(), |(f, _)| f.to_string());
    let folder_title = scan.folder_titles.get(&(entry.root, folder)).cloned();
    let doc = Document {
        root_label: entry.root_label.clone(),
        path: entry.rel.clone(),
        key: entry.rel.clone(),
        front: split.front,
        title,
        folder_title,
        tree,
    };
    (Some(doc), warnings)
}

/// Line lookup for a body that starts `base` bytes into the file.
struct OffsetLines<'a> {
    inner: &'a markdown::LineIndex,
    base: usize,
}

impl markdown::Lines for OffsetLines<'_> {
    fn line(&self, offset: usize) -> u32 {
        self.inner.line(self.base + offset)
    }
}

/// The 1-based line (within `body`) of a code fence that is never closed.
fn unclosed_fence(body: &str) -> Option<usize> {
    let mut open: Option<(usize, char, usize)> = None;
    for (i, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        for fence in ['`', '~'] {
            let run = trimmed.chars().take_while(|&c| c == fence).count();
            if run < 3 {
                continue;
            }
            match open {
                None => open = Some((i + 1, fence, run)),
                Some((_, f, n)) if f == fence && run >= n && trimmed[run..].trim().is_empty() => {
                    open = None;
                }
                _ => {}
            }
        }
    }
    open.map(|(line, _, _)| line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences() {
        assert_eq!(unclosed_fence("a\n```\nb\n```\n"), None);
        assert_eq!(unclosed_fence("a\n```rust\nb\n"), Some(2));
        assert_eq!(unclosed_fence("~~~\n```\n~~~\n"), None);
    }
}
