//! Which corpora an index is built from when the user names none, what the manifest
//! records of each, and the command that rebuilds an index.
//!
//! The order (issue 12): the corpora the existing index was built from, so re-indexing
//! never swaps a real index for the three embedded articles; then the fetched copies
//! (`guidegraph fetch`); then `./corpus`, unless it holds just the embedded articles (a
//! clone of this repository), which are then read as such; then the embedded articles.
//! An index of the
//! embedded articles or of `./corpus` (the repository's three founding articles) was
//! the fallback of a machine without the guidance, not a choice, so it gives way to
//! fetched copies once there are some.

use std::path::Path;

use crate::corpus::Root;
use crate::{fetch, store};

/// What an index records of one of its corpora (kept in [`published`], which reads it).
pub use crate::published::Origin;

/// Where the corpora came from, said to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The corpora the index at `--index` was built from.
    Recorded,
    /// The copies `guidegraph fetch` made.
    Fetched,
    /// `./corpus`.
    Local,
    /// The articles compiled into guidegraph.
    Embedded,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Recorded => "the corpora the index was built from",
            Reason::Fetched => "the guidance fetched with `guidegraph fetch`",
            Reason::Local => "./corpus",
            Reason::Embedded => {
                "the three articles built into guidegraph (`guidegraph fetch` gets the whole guidance)"
            }
        }
    }
}

/// The corpora to index into `index` when no `--corpus` is given, and why.
pub fn choose(index: &Path) -> (Vec<Root>, Reason) {
    if let Some(m) = store::read_manifest(index) {
        let roots: Vec<Root> = m.roots.iter().map(|r| Root::from_description(r)).collect();
        // A fallback index gives way to fetched guidance.
        let superseded = is_fallback(&m.roots) && !fetched_roots().is_empty();
        if !roots.is_empty() && !superseded {
            return (roots, Reason::Recorded);
        }
    }
    fallback()
}

/// True when an index of `roots` (as a manifest names them) was built from what is there
/// without the guidance: the embedded articles, `./corpus`.
pub fn is_fallback(roots: &[String]) -> bool {
    let local = Root::Dir(Path::new("corpus").to_path_buf());
    let local = Path::new("corpus").is_dir().then(|| local.describe());
    roots
        .iter()
        .all(|r| matches!(Root::from_description(r), Root::Embedded) || Some(r) == local.as_ref())
}

/// The corpora to use when no index says: fetched, `./corpus`, embedded.
pub fn fallback() -> (Vec<Root>, Reason) {
    let fetched = fetched_roots();
    if !fetched.is_empty() {
        return (fetched, Reason::Fetched);
    }
    let local = Path::new("corpus");
    if local.is_dir() && !is_embedded_copy(local) {
        return (vec![Root::Dir(local.to_path_buf())], Reason::Local);
    }
    (vec![Root::Embedded], Reason::Embedded)
}

/// Whether `dir` holds just the embedded articles (a clone of guidegraph's repository, run
/// from its root): they are then indexed as the embedded corpus, whose sources read by
/// where each article is published (`azure-waf/ai/get-started.md:76`) rather than by the
/// repository's file names (`corpus/002_ecc6711b5b6f4809.txt:76`).
fn is_embedded_copy(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut matched = vec![false; crate::corpus::embedded::FILES.len()];
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if name == "readme.md" || name.starts_with('.') {
            continue;
        }
        let Ok(bytes) =
            crate::bounded::read(&path, MAX_EMBEDDED_BYTES, crate::bounded::Links::Refuse)
        else {
            return false;
        };
        match crate::corpus::embedded::FILES
            .iter()
            .position(|(_, text)| text.as_bytes() == bytes.as_slice())
        {
            Some(i) if !matched[i] => matched[i] = true,
            _ => return false,
        }
    }
    matched.iter().all(|&m| m)
}

/// The largest file that could be one of the embedded articles.
const MAX_EMBEDDED_BYTES: u64 = 1 << 20;

/// The folders of articles of the fetched copies.
pub fn fetched_roots() -> Vec<Root> {
    fetch::corpus_folder()
        .map(|base| fetch::copies(&base))
        .unwrap_or_default()
        .into_iter()
        .map(|c| Root::Dir(c.root))
        .collect()
}

/// The command that rebuilds the index at `index` from `roots` (as a manifest names them).
pub fn rebuild_command(index: &Path, roots: &[String]) -> String {
    let mut cmd = format!(
        "guidegraph index --index {}",
        quote(&index.display().to_string())
    );
    for r in roots {
        if let Root::Dir(p) = Root::from_description(r) {
            cmd.push_str(" --corpus ");
            cmd.push_str(&quote(&p.display().to_string()));
        }
    }
    cmd
}

/// The command that rebuilds the index at `index`, from what its manifest records when it
/// can be read (else `--index` alone, which then picks the corpora as [`choose`] does).
pub fn rebuild_command_for(index: &Path) -> String {
    match store::read_manifest(index) {
        Some(m) => rebuild_command(index, &m.roots),
        None => rebuild_command(index, &[]),
    }
}

/// A path as a shell reads it back.
fn quote(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c));
    if plain && !s.is_empty() {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Names the roots for a message.
pub fn names(roots: &[Root]) -> String {
    roots
        .iter()
        .map(Root::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuild_commands_name_every_folder_and_quote_spaces() {
        let cmd = rebuild_command(
            Path::new("/data/my index"),
            &["/c/azure-waf".into(), "embedded".into()],
        );
        assert!(
            cmd.starts_with("guidegraph index --index '/data/my index' --corpus /c/azure-waf"),
            "{cmd}"
        );
    }
}
