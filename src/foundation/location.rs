//! Where the index and the corpus are when the user does not say.
//!
//! The rule, also in `guidegraph --help` and the README: the index is `./index` when the
//! current folder has an `index/` folder (the repository ships one), else
//! `$GUIDEGRAPH_INDEX`, else `guidegraph/index` in the user's data folder (XDG on Linux).
//! The corpus is chosen in `crate::corpora`: the corpora an existing index was built from,
//! the guidance `guidegraph fetch` got, `./corpus`, the articles built into the binary.

use std::path::{Path, PathBuf};

/// The index folder to use when `--index` is not given.
pub fn default_index() -> PathBuf {
    let local = Path::new("index");
    if local.is_dir() {
        return local.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("GUIDEGRAPH_INDEX").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    data_dir().map_or_else(|| local.to_path_buf(), |d| d.join("index"))
}

/// guidegraph's folder in the user's data directory.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "guidegraph").map(|p| p.data_dir().to_path_buf())
}

/// Where the index is, and whether the user said so.
#[derive(Debug, Clone)]
pub struct IndexPlace {
    pub dir: PathBuf,
    /// `--index` was given: the folder is the user's choice, never built implicitly.
    pub given: bool,
}

impl IndexPlace {
    pub fn resolve(flag: Option<&Path>) -> IndexPlace {
        match flag {
            Some(dir) => IndexPlace {
                dir: dir.to_path_buf(),
                given: true,
            },
            None => IndexPlace {
                dir: default_index(),
                given: false,
            },
        }
    }
}
