//! Stamps of the full-text index's files — length, modification time and blake3 — taken
//! when a generation is written and checked when it is opened, so a file truncated or
//! overwritten since is reported as damage before tantivy reads it (tantivy trusts its
//! files and can panic or answer wrongly on scrambled ones).
//!
//! Checking costs a `stat` a file; a file is rehashed only when its modification time
//! moved (say, an index copied without keeping times), so opening stays cheap at any size.
//! After such a rehash the new times are handed back to be stamped, so a copy is
//! rehashed once, not on every open.

use std::fs::{self, File};
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub name: String,
    pub bytes: u64,
    /// Nanoseconds since the epoch, where the file system keeps it.
    pub modified_ns: Option<u64>,
    pub hash: String,
}

fn modified_ns(meta: &fs::Metadata) -> Option<u64> {
    let since = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    u64::try_from(since.as_nanos()).ok()
}

fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(File::open(path)?)?;
    Ok(hasher.finalize().to_hex().to_string())
}

/// Stamps every data file of `dir`, in name order. Hidden files are tantivy's locks and
/// bookkeeping for writers, which readers never read.
pub fn take(dir: &Path) -> std::io::Result<Vec<FileStamp>> {
    let mut stamps = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = entry.metadata()?;
        if name.starts_with('.') || !meta.is_file() {
            continue;
        }
        stamps.push(FileStamp {
            hash: hash_file(&entry.path())?,
            bytes: meta.len(),
            modified_ns: modified_ns(&meta),
            name,
        });
    }
    stamps.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(stamps)
}

/// Checks the files of `dir` against their stamps; the first difference, in words. When
/// files had to be rehashed (their times moved) and all matched, the stamps as they are
/// now, for the caller to keep.
pub fn check(
    dir: &Path,
    label: &str,
    stamps: &[FileStamp],
) -> Result<Option<Vec<FileStamp>>, String> {
    let mut fresh = stamps.to_vec();
    let mut moved = false;
    for (s, now) in stamps.iter().zip(fresh.iter_mut()) {
        let path = dir.join(&s.name);
        let meta = fs::metadata(&path).map_err(|e| format!("{label}/{}: {e}", s.name))?;
        if meta.len() != s.bytes {
            return Err(format!(
                "{label}/{} is {} bytes, not the {} written",
                s.name,
                meta.len(),
                s.bytes
            ));
        }
        if s.modified_ns.is_none() || modified_ns(&meta) != s.modified_ns {
            let hash = hash_file(&path).map_err(|e| format!("{label}/{}: {e}", s.name))?;
            if hash != s.hash {
                return Err(format!("{label}/{} does not match its checksum", s.name));
            }
            now.modified_ns = modified_ns(&meta);
            moved |= now.modified_ns.is_some();
        }
    }
    Ok(moved.then_some(fresh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_pass_and_changed_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.idx"), b"postings").unwrap();
        fs::write(dir.path().join(".lock"), b"").unwrap();
        let stamps = take(dir.path()).unwrap();
        assert_eq!(stamps.len(), 1, "hidden files are not stamped");
        assert_eq!(check(dir.path(), "text", &stamps), Ok(None));

        // Same length, new bytes: the moved modification time makes it rehash.
        fs::write(dir.path().join("a.idx"), b"POSTINGS").unwrap();
        let mut old = stamps.clone();
        old[0].modified_ns = old[0].modified_ns.map(|t| t.wrapping_sub(1));
        assert_eq!(
            check(dir.path(), "text", &old),
            Err("text/a.idx does not match its checksum".into())
        );

        fs::write(dir.path().join("a.idx"), b"post").unwrap();
        assert_eq!(
            check(dir.path(), "text", &stamps),
            Err("text/a.idx is 4 bytes, not the 8 written".into())
        );

        fs::remove_file(dir.path().join("a.idx")).unwrap();
        assert!(check(dir.path(), "text", &stamps).is_err());
    }

    #[test]
    fn a_copy_with_new_times_but_the_same_bytes_passes() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.store"), b"rows").unwrap();
        let mut stamps = take(dir.path()).unwrap();
        let now = stamps.clone();
        stamps[0].modified_ns = Some(1);
        assert_eq!(
            check(dir.path(), "text", &stamps),
            Ok(Some(now.clone())),
            "verified, and stamped with the times it has now"
        );
        assert_eq!(check(dir.path(), "text", &now), Ok(None));
    }
}
