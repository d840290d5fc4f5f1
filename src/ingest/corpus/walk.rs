//! Walking one corpus folder, within bounds (issue 11).
//!
//! - A symbolic link that leads out of the root is not followed unless the user asks
//!   (`index --follow-links`): a link to a private file must not make it searchable, and a
//!   link to `/` must not walk `/sys`.
//! - A folder or file reached a second time (two links to one folder, each level of a
//!   tree doubling) is read once; the repeat is a warning.
//! - The walk stops, with a warning, past [`MAX_DEPTH`] levels or [`MAX_ENTRIES`] entries.
//! - Two files whose names differ only in bytes that are not UTF-8 would share one
//!   relative path; the second is skipped with a warning naming both.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{FileEntry, Origin, Scan, Warning, is_article, landing_title, relative};

/// Deeper than any real documentation tree.
pub const MAX_DEPTH: usize = 64;

/// Entries (files and folders) one root may have; ten times the largest real corpus.
pub const MAX_ENTRIES: usize = 500_000;

/// What identifies a file or folder whatever path reaches it.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Shows a path whatever bytes it holds (invalid UTF-8 as `\xFF` escapes).
fn shown(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_string(),
        None => format!("{path:?}"),
    }
}

pub(super) fn scan_dir(root: usize, label: &str, dir: &Path, follow: bool, out: &mut Scan) {
    let mut warn = |path: &Path, message: String| {
        out.warnings.push(Warning {
            path: shown(path),
            line: None,
            message,
        });
    };
    let root_real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut rels: HashMap<String, PathBuf> = HashMap::new();
    let mut files = Vec::new();
    let mut titles = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter();
    let mut entries = 0usize;
    while let Some(entry) = it.next() {
        entries += 1;
        if entries > MAX_ENTRIES {
            warn(
                dir,
                format!("more than {MAX_ENTRIES} files and folders; the rest is not read"),
            );
            break;
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let message = if e.loop_ancestor().is_some() {
                    "symlink loop; not followed".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string)
                    )
                };
                warn(&path, message);
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if entry.path_is_symlink() && !follow {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&root_real));
            if !inside {
                warn(
                    entry.path(),
                    "a link to outside the corpus folder; not followed (`guidegraph index --follow-links` follows it)".into(),
                );
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir && entry.depth() + 1 > MAX_DEPTH {
            warn(
                entry.path(),
                format!("more than {MAX_DEPTH} folders deep; not read further"),
            );
        }
        if !is_dir && !entry.file_type().is_file() {
            continue;
        }
        if let Some(id) = entry.metadata().ok().as_ref().and_then(identity)
            && !seen.insert(id)
        {
            warn(
                entry.path(),
                "the same file or folder as one already read (through a link); read once".into(),
            );
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        if is_dir {
            continue;
        }
        let rel = relative(dir, entry.path());
        let name = entry.file_name().to_string_lossy();
        if name.eq_ignore_ascii_case("index.yml") {
            titles.push((rel, entry.path().to_path_buf()));
            continue;
        }
        if !is_article(&name) {
            continue;
        }
        if let Some(first) = rels.get(&rel) {
            warn(
                entry.path(),
                format!(
                    "its name reads the same as {} (they differ only in bytes that are not UTF-8); skipped",
                    shown(first)
                ),
            );
            continue;
        }
        rels.insert(rel.clone(), entry.path().to_path_buf());
        files.push(FileEntry {
            root,
            root_label: label.to_string(),
            rel,
            origin: Origin::Disk(entry.path().to_path_buf()),
        });
    }
    for (rel, path) in titles {
        match landing_title(&path) {
            Ok(Some(title)) => {
                let folder = rel
                    .rsplit_once('/')
                    .map_or(String::new(), |(f, _)| f.to_string());
                out.folder_titles.insert((root, folder), title);
            }
            Ok(None) => {}
            Err(message) => out.warnings.push(Warning {
                path: shown(&path),
                line: None,
                message,
            }),
        }
    }
    out.files.extend(files);
}
