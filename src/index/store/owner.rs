//! Which folders are guidegraph's to write in and delete from.
//!
//! An index folder must be recognisably ours before anything is written or deleted in it
//! (issue 11): a plain `guidegraph query` in a folder with an unrelated `index/` once
//! built there and deleted `.tmp-*` and `gen-*` entries it had never written. A folder is
//! ours when it holds the [`MARKER`] file, when it is new or empty (the marker is written
//! first), or when it is an index written before markers existed (`CURRENT` naming a
//! generation with a manifest; the marker is added). Anything else is refused with an
//! error that names what is there. Within our folder, only names this tool gives are ever
//! deleted (see `is_generation` and `is_unfinished`).

use std::fs;
use std::io::Write;
use std::path::Path;

use super::{CURRENT, MANIFEST, StoreError, disp};

/// The marker file of an index folder.
pub const MARKER: &str = ".guidegraph-index";

/// How the marker's text begins; the rest says what the folder is for.
const MARKER_HEAD: &str = "guidegraph index folder";

/// The marker says what the folder is for, not which format its index has: it is written
/// once and outlives every rebuild (the manifest records the format).
fn marker_text() -> String {
    format!(
        "{MARKER_HEAD}: guidegraph writes and deletes its own files here \
         (CURRENT, gen-NNNNNN/, .tmp-gen-*, .lock) and leaves any other file alone.\n"
    )
}

/// True for a generation folder's name as [`super::Pending`] gives it: `gen-` and digits.
pub fn is_generation(name: &str) -> bool {
    name.strip_prefix("gen-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// True for an unfinished generation's name: `.tmp-gen-NNNNNN-PID`.
pub fn is_unfinished(name: &str) -> bool {
    name.strip_prefix(".tmp-")
        .and_then(|n| n.rsplit_once('-'))
        .is_some_and(|(generation, pid)| {
            is_generation(generation) && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
        })
}

/// An index written by a guidegraph from before markers: `CURRENT` names a generation
/// folder holding a manifest with a format number.
fn is_unmarked_index(dir: &Path) -> bool {
    let Ok(name) = super::read_small(&dir.join(CURRENT), super::MAX_CURRENT) else {
        return false;
    };
    let name = String::from_utf8_lossy(&name);
    let name = name.trim();
    if !is_generation(name) {
        return false;
    }
    super::read_small(&dir.join(name).join(MANIFEST), super::MAX_MANIFEST)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get("format").is_some())
}

/// Fails unless `dir` is a folder (or is not there at all).
pub fn check_folder(dir: &Path) -> Result<(), StoreError> {
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(StoreError::NotAFolder(disp(dir))),
        _ => Ok(()),
    }
}

/// Makes sure `dir` is an index folder of ours, creating it (with its marker) when it is
/// new or empty. Called before anything is written to or deleted from it.
pub fn claim(dir: &Path) -> Result<(), StoreError> {
    let write_err = |source| StoreError::Write {
        path: disp(dir),
        source,
    };
    check_folder(dir)?;
    let marker = dir.join(MARKER);
    match super::read_small(&marker, 4096) {
        Ok(text) if text.starts_with(MARKER_HEAD.as_bytes()) => return Ok(()),
        Ok(_) => return Err(not_ours(dir)),
        Err(_) if marker.exists() => return Err(not_ours(dir)),
        Err(_) => {}
    }
    fs::create_dir_all(dir).map_err(write_err)?;
    // Another `guidegraph index` may be claiming the same new folder right now: its
    // marker (whole or being written) does not make the folder anyone else's.
    let tmp_prefix = format!("{MARKER}.tmp-");
    let foreign = fs::read_dir(dir).map_err(write_err)?.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name != MARKER && !name.starts_with(&tmp_prefix)
    });
    let marked =
        || super::read_small(&marker, 4096).is_ok_and(|t| t.starts_with(MARKER_HEAD.as_bytes()));
    // A run that claimed the folder between the first look and the listing has written
    // its marker and then its own files (the lock): those are ours too.
    if foreign && !is_unmarked_index(dir) && !marked() {
        return Err(not_ours(dir));
    }
    if marked() {
        return Ok(());
    }
    // Written whole then renamed, so a half-written marker never disowns the folder.
    let tmp = dir.join(format!("{MARKER}.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(marker_text().as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, &marker)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        write_err(e)
    })
}

/// The error for a folder that holds files guidegraph did not write, naming a few.
fn not_ours(dir: &Path) -> StoreError {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let mut found = names.join(", ");
    if more > 0 {
        found.push_str(&format!(" and {more} more"));
    }
    StoreError::NotOurs {
        path: disp(dir),
        found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_are_ours() {
        assert!(is_generation("gen-000007"));
        assert!(!is_generation("gen-"));
        assert!(!is_generation("gen-backup"));
        assert!(!is_generation("generations"));
        assert!(is_unfinished(".tmp-gen-000007-4242"));
        assert!(!is_unfinished(".tmp-notes"));
        assert!(!is_unfinished(".tmp-gen-000007"));
        assert!(!is_unfinished(".tmp-gen-x-1"));
    }

    #[test]
    fn new_and_empty_folders_are_claimed_others_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let new = tmp.path().join("a/b");
        claim(&new).unwrap();
        assert!(new.join(MARKER).exists());
        claim(&new).unwrap();

        let theirs = tmp.path().join("theirs");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("notes.txt"), "mine").unwrap();
        let e = claim(&theirs).unwrap_err().to_string();
        assert!(e.contains("notes.txt"), "{e}");
        assert!(!theirs.join(MARKER).exists());

        let forged = tmp.path().join("forged");
        fs::create_dir(&forged).unwrap();
        fs::write(forged.join(MARKER), "something else").unwrap();
        assert!(claim(&forged).is_err());

        let file = tmp.path().join("file.md");
        fs::write(&file, "# x").unwrap();
        assert!(matches!(claim(&file), Err(StoreError::NotAFolder(_))));
    }
}
