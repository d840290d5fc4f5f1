//! `guidegraph fetch`: copies of the guidance's git repositories in the user's data folder
//! (`…/guidegraph/corpus/<source>`), and what each copy was fetched from.
//!
//! The user's own `git` does the work: everyone who follows a docs repository has it, and it
//! already knows shallow, sparse and partial clones, proxies and credentials, where a git
//! library would add a heavy dependency for the same result. A copy is fetched into a new
//! folder beside the old one and swapped in only once it is complete, so an unreachable
//! repository, a wrong folder or a killed fetch leaves the previous copy as it was.
//!
//! ```text
//! corpus/
//!   azure/                      the source's folder at one commit: the corpus root
//!     .guidegraph-fetch.json    source, repository, folder, commit ([`Record`])
//!     security/checklist.md …
//!   power-platform/
//!   .azure.partial-1234/        a fetch in progress (or killed): never read
//!   .azure.lock                 held by the one fetch of `azure` that may run
//! ```
//!
//! The folder is moved out of the checkout and named after the source, because the name of
//! a corpus folder is what results cite (`azure/security/checklist.md`) and the first thing
//! that places an article on its platform; both sources' folders are called
//! `well-architected` in their repositories.
//!
//! A repository is hostile input (issue 17): a fork someone sent, a `--rev` pasted from a
//! chat. So a revision is never handed to git where it could be read as an option; the
//! source's folder is moved only when no part of its path in the checkout is a symbolic
//! link (a `power-platform -> ../../..` once moved the user's own `~/well-architected` in,
//! and the next fetch deleted it); the record is written to a new file renamed into
//! place, never through a link the repository holds; and only entries directly inside
//! the corpus folder, by their real path, are ever removed, links as links.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

/// A repository of guidance guidegraph knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The name given on the command line (`azure`).
    pub name: &'static str,
    pub repository: &'static str,
    /// The folder of the repository that holds the articles.
    pub folder: &'static str,
}

/// The built-in sources, in the order `fetch` with no name fetches them.
pub const SOURCES: [Source; 2] = [
    Source {
        name: "azure",
        repository: "https://github.com/MicrosoftDocs/well-architected",
        folder: "well-architected",
    },
    // About 900 MB in all: fetched shallow, without blobs, and checked out sparsely, so only
    // the Well-Architected folder comes over the network.
    Source {
        name: "power-platform",
        repository: "https://github.com/MicrosoftDocs/power-platform",
        folder: "power-platform/well-architected",
    },
];

/// The built-in source called `name`.
pub fn source(name: &str) -> Option<Source> {
    SOURCES.into_iter().find(|s| s.name == name)
}

/// The file in a copy that says where it came from.
pub const RECORD: &str = ".guidegraph-fetch.json";

/// What a copy was fetched from (the `.guidegraph-fetch.json` in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub source: String,
    pub repository: String,
    pub folder: String,
    pub commit: String,
    /// The `--rev` asked for, if any (else the repository's default branch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
}

/// A fetched copy: its record and the folder of articles to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub record: Record,
    pub root: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// `guidegraph fetch azur`.
    #[error("there is no source called `{0}`; the sources are {list}", list = names())]
    UnknownSource(String),
    /// No home folder, no `$XDG_DATA_HOME`.
    #[error(
        "cannot find the user's data folder to keep the guidance in; set XDG_DATA_HOME or HOME"
    )]
    NoDataFolder,
    /// `git` is not installed or not on the PATH.
    #[error("cannot run `git` ({0}); install git (https://git-scm.com/downloads) and fetch again")]
    NoGit(String),
    /// Offline, a mistyped URL, a revision the repository does not have.
    #[error(
        "cannot fetch {name} from {repository}{rev}: {why}\nnothing was changed; check the address and the network, or give another with --from"
    )]
    Git {
        name: String,
        repository: String,
        rev: String,
        why: String,
    },
    /// The repository has no folder where the source's articles should be.
    #[error(
        "{repository} (commit {commit}) has no folder `{folder}` for {name}; nothing was changed. Is --from the right repository?"
    )]
    NoFolder {
        name: String,
        repository: String,
        folder: String,
        commit: String,
    },
    /// A fork whose `well-architected` (or a folder above it) is a link to `../../..`.
    #[error(
        "{repository} (commit {commit}) has `{path}` as a symbolic link, not a folder; guidegraph does not follow links in a fetched repository, and nothing was changed"
    )]
    Link {
        repository: String,
        commit: String,
        path: String,
    },
    /// `--rev=-q`, `--rev '--upload-pack=…'`, `--rev 'a b'`.
    #[error(
        "`{0}` is not a commit, tag or branch name; --rev takes a full commit id, a tag or a branch"
    )]
    BadRev(String),
    /// `--from=--upload-pack=…`.
    #[error("`{0}` is not a repository address or folder")]
    BadRepository(String),
    #[error("cannot write the copy of {name} in {path}: {why}")]
    Write {
        name: String,
        path: String,
        why: String,
    },
}

fn names() -> String {
    SOURCES
        .iter()
        .map(|s| format!("`{}`", s.name))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Where fetched copies live: `corpus/` in guidegraph's data folder.
pub fn corpus_folder() -> Option<PathBuf> {
    crate::location::data_dir().map(|d| d.join("corpus"))
}

/// What one fetch is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub source: Source,
    /// Another repository for the source: a mirror, a fork, a local path or `file://` URL.
    pub from: Option<String>,
    /// A commit (its full id), tag or branch; the repository's default branch when `None`.
    pub rev: Option<String>,
}

/// What a fetch did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub copy: Copy,
    /// The commit the copy was at before, if there was one.
    pub previous: Option<String>,
}

/// Checks that `rev` can only be read as a revision: not an option (`-q`,
/// `--upload-pack=…`), nothing git forbids in a ref name (spaces, control characters,
/// `~^:?*[\`), so it cannot become a refspec either.
pub fn check_rev(rev: &str) -> Result<(), FetchError> {
    let bad = rev.is_empty()
        || rev.starts_with('-')
        || rev.len() > 1024
        || rev.contains("..")
        || rev.contains("@{")
        || rev
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "~^:?*[\\".contains(c));
    if bad {
        Err(FetchError::BadRev(rev.to_string()))
    } else {
        Ok(())
    }
}

/// Checks that `--from` names a repository rather than an option for git.
pub fn check_from(from: &str) -> Result<(), FetchError> {
    if from.is_empty() || from.starts_with('-') || from.chars().any(char::is_control) {
        Err(FetchError::BadRepository(from.to_string()))
    } else {
        Ok(())
    }
}

/// Fetches `req` into `base/<source>`, replacing the copy there only once the new one is
/// complete. `step` hears what is being done, for progress.
pub fn fetch(
    req: &Request,
    base: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Outcome, FetchError> {
    let name = req.source.name;
    if let Some(rev) = &req.rev {
        check_rev(rev)?;
    }
    if let Some(from) = &req.from {
        check_from(from)?;
    }
    let repository = req.from.as_deref().map_or_else(
        || req.source.repository.to_string(),
        |from| {
            // git runs in the new copy's folder, where a relative path would mean another
            // place: a repository on disk is named by its absolute path.
            Path::new(from)
                .canonicalize()
                .map_or_else(|_| from.to_string(), |p| p.display().to_string())
        },
    );
    let write_err = |path: &Path, e: std::io::Error| FetchError::Write {
        name: name.to_string(),
        path: path.display().to_string(),
        why: e.to_string(),
    };
    fs::create_dir_all(base).map_err(|e| write_err(base, e))?;
    // One fetch of a source at a time: the next waits, rather than sweep away the folder
    // the first is filling. The OS lets go of the lock when a fetch is killed.
    let lock_path = base.join(format!(".{name}.lock"));
    let _lock = SourceLock::acquire(&lock_path, &mut || {
        step(&format!("waiting for another fetch of {name} to finish"));
    })
    .map_err(|e| write_err(&lock_path, e))?;
    recover(base, name);
    // What killed fetches left (partial copies of hundreds of megabytes, old copies) goes
    // now, not only after a fetch that succeeds (issue 17).
    sweep(base, name);
    let dest = base.join(name);
    let previous = read_record(&dest).map(|r| r.commit);
    let partial = base.join(format!(".{name}.partial-{}", std::process::id()));
    remove_inside(base, &partial).map_err(|e| write_err(&partial, e))?;
    fs::create_dir(&partial).map_err(|e| write_err(&partial, e))?;
    let ready = partial.join("ready");
    let checkout = partial.join("checkout");
    let result = fetch_into(req, &repository, &checkout, step).and_then(|r| {
        // fetch_into found every part of the folder's path a real folder of the checkout,
        // so this moves the checkout's own folder, never one a link leads to.
        fs::rename(checkout.join(&r.folder), &ready)
            .and_then(|()| write_record(&partial, &ready, &r))
            .map_err(|e| write_err(&ready, e))?;
        Ok(r)
    });
    let record = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = remove_inside(base, &partial);
            return Err(e);
        }
    };
    step("replacing the previous copy");
    swap(base, &ready, &dest).map_err(|e| write_err(&dest, e))?;
    let _ = remove_inside(base, &partial);
    sweep(base, name);
    Ok(Outcome {
        copy: Copy { root: dest, record },
        previous,
    })
}

/// The lock of one source's fetches: the file `.NAME.lock`, held locked, and removed when
/// the fetch is done, so no lock file outlives it (issue 17). A fetch that waited on a
/// file the one before it removed locks the new file instead.
struct SourceLock {
    path: PathBuf,
    _file: fs::File,
}

impl SourceLock {
    fn acquire(path: &Path, on_wait: &mut dyn FnMut()) -> std::io::Result<SourceLock> {
        let mut waited = false;
        loop {
            let file = fs::File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !waited {
                        on_wait();
                        waited = true;
                    }
                    file.lock()?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            if same_file(&file, path) {
                return Ok(SourceLock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
    }
}

impl Drop for SourceLock {
    /// Removed while still held (the file is closed after this runs).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Runs git to fill `dir` with the source's folder at the asked revision.
fn fetch_into(
    req: &Request,
    repository: &str,
    dir: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Record, FetchError> {
    let name = req.source.name;
    let folder = req.source.folder;
    let rev = req.rev.clone().unwrap_or_else(|| "HEAD".to_string());
    let git_err = |why: String| FetchError::Git {
        name: name.to_string(),
        repository: repository.to_string(),
        rev: req
            .rev
            .as_ref()
            .map_or_else(String::new, |r| format!(" at `{r}`")),
        why,
    };
    step(&format!("fetching {name} from {repository}"));
    git(
        None,
        [OsStr::new("init"), OsStr::new("-q"), dir.as_os_str()],
    )
    .map_err(&git_err)?;
    git(
        Some(dir),
        ["remote", "add", "--end-of-options", "origin", repository],
    )
    .map_err(&git_err)?;
    // Only what is indexed is checked out, so only its blobs come over: the articles and
    // the YAML metadata of the source's folder, not its images (a mirror on disk made
    // without its large images could not serve them, issue 17).
    let patterns: Vec<String> = ["md", "markdown", "yml"]
        .iter()
        .map(|ext| format!("/{folder}/**/*.{ext}"))
        .collect();
    let mut sparse = vec!["sparse-checkout", "set", "--no-cone", "--end-of-options"];
    sparse.extend(patterns.iter().map(String::as_str));
    git(Some(dir), sparse).map_err(&git_err)?;
    // Shallow and without blobs: only the commit's trees come over, and the checkout then
    // asks for the blobs it needs. The -c settings let a local repository (a test, a
    // mirror on disk) serve a filter and a commit id as GitHub does; git does not pass
    // them on to the upload-pack of a repository on disk, so that one gets them on its
    // command line.
    let local = is_local(repository);
    let mut args = vec![
        "-c",
        "uploadpack.allowFilter=true",
        "-c",
        "uploadpack.allowAnySHA1InWant=true",
        "-c",
        "protocol.ext.allow=never",
        "fetch",
        "-q",
        "--depth",
        "1",
        "--no-tags",
    ];
    if local {
        args.push(LOCAL_UPLOAD_PACK);
    }
    // Whatever `--rev` says, git reads it as a revision, never as an option
    // (`--upload-pack=sh -c …` ran a command, issue 17).
    let tail = ["--end-of-options", "origin", rev.as_str()];
    let filtered: Vec<&str> = args
        .iter()
        .copied()
        .chain(["--filter=blob:none"])
        .chain(tail)
        .collect();
    if let Err(why) = git(Some(dir), filtered) {
        // A server that cannot filter: fetched whole instead, which costs more but works.
        if !why.contains("filter") {
            return Err(git_err(explain(&why, repository)));
        }
        step(&format!(
            "{repository} cannot filter; fetching the whole commit"
        ));
        let whole: Vec<&str> = args.iter().copied().chain(tail).collect();
        git(Some(dir), whole).map_err(|why| git_err(explain(&why, repository)))?;
    }
    // A link on the way to the folder is refused before anything is checked out: the
    // sparse patterns would leave it out, and the copy would lack the folder for a
    // reason nobody could guess.
    let mut prefix = String::new();
    for part in folder.split('/') {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        let entry = git(
            Some(dir),
            ["ls-tree", "--end-of-options", "FETCH_HEAD", prefix.as_str()],
        )
        .map_err(&git_err)?;
        if entry.starts_with("120000 ") {
            let commit = git(
                Some(dir),
                [
                    "rev-parse",
                    "--verify",
                    "--end-of-options",
                    "FETCH_HEAD^{commit}",
                ],
            )
            .map_err(&git_err)?;
            return Err(FetchError::Link {
                repository: repository.to_string(),
                commit: commit.trim().to_string(),
                path: prefix,
            });
        }
    }
    step(&format!("checking out {folder}"));
    git(Some(dir), ["checkout", "-q", "--detach", "FETCH_HEAD"])
        .map_err(|why| git_err(explain(&why, repository)))?;
    let commit = git(
        Some(dir),
        ["rev-parse", "--verify", "--end-of-options", "HEAD^{commit}"],
    )
    .map_err(&git_err)?;
    let commit = commit.trim().to_string();
    // Each part of the folder's path must be a folder of the checkout, not a link: a
    // `power-platform -> ../../..` made the rename below move a folder of the user's.
    let mut path = dir.to_path_buf();
    for part in folder.split('/') {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(FetchError::Link {
                    repository: repository.to_string(),
                    commit,
                    path: path
                        .strip_prefix(dir)
                        .unwrap_or(&path)
                        .display()
                        .to_string(),
                });
            }
            Ok(m) if m.is_dir() => {}
            _ => {
                return Err(FetchError::NoFolder {
                    name: name.to_string(),
                    repository: repository.to_string(),
                    folder: folder.to_string(),
                    commit,
                });
            }
        }
    }
    Ok(Record {
        source: name.to_string(),
        repository: repository.to_string(),
        folder: folder.to_string(),
        commit,
        rev: req.rev.clone(),
    })
}

/// The upload-pack a repository on disk is served by, with what GitHub allows.
const LOCAL_UPLOAD_PACK: &str = "--upload-pack=git -c uploadpack.allowFilter=true -c uploadpack.allowAnySHA1InWant=true upload-pack";

/// A repository on disk: a path or a `file://` URL, served by an upload-pack git starts
/// itself rather than a server.
fn is_local(repository: &str) -> bool {
    repository.starts_with("file://")
        || (!repository.contains("://") && Path::new(repository).is_dir())
}

/// git's words for a repository that lacks objects, in plain words.
fn explain(why: &str, repository: &str) -> String {
    let missing = [
        "possible repository corruption",
        "did not send all necessary objects",
        "bad pack header",
        "missing blob",
        "could not fetch",
        "promisor remote",
    ];
    if missing.iter().any(|m| why.contains(m)) {
        format!(
            "{repository} does not hold every file of the guidance at that commit (a mirror made with --filter or --depth leaves some out); fetch from a complete copy, or from the network without --from (git said: {why})"
        )
    } else {
        why.to_string()
    }
}

/// Runs git, in `dir` when given; its stdout, or what it said went wrong.
fn git<I, S>(dir: Option<&Path>, args: I) -> Result<String, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    // Never stop to ask for a password: a repository that wants one is, for a public
    // docs repository, a wrong address.
    cmd.args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GCM_INTERACTIVE", "never")
        .stdin(Stdio::null());
    let out = cmd
        .output()
        .map_err(|e| format!("git cannot be run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        // git's last lines say why; its warnings before them do not.
        let why: Vec<&str> = err
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("warning:") && !l.starts_with("hint:"))
            .collect();
        Err(if why.is_empty() {
            format!("git exited with {}", out.status)
        } else {
            why[why.len().saturating_sub(3)..].join("; ")
        })
    }
}

/// Checks that git can be run at all, so a missing git is said once, plainly.
pub fn check_git() -> Result<(), FetchError> {
    Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| FetchError::NoGit(e.to_string()))
        .and_then(|s| {
            if s.success() {
                Ok(())
            } else {
                Err(FetchError::NoGit(format!(
                    "`git --version` exited with {s}"
                )))
            }
        })
}

/// Writes the copy's record into `ready` as a new file made in `partial` (a folder this
/// fetch created) and renamed over whatever the repository had at that name: a record
/// the repository made a link to `/some/file` is replaced, not written through.
fn write_record(partial: &Path, ready: &Path, record: &Record) -> std::io::Result<()> {
    use std::io::Write;
    let json = serde_json::to_string_pretty(record).map_err(std::io::Error::other)?;
    let tmp = partial.join("record.tmp");
    let mut file = fs::File::options()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    file.write_all(json.as_bytes())?;
    file.sync_all()?;
    let target = ready.join(RECORD);
    if let Ok(meta) = fs::symlink_metadata(&target) {
        if meta.is_dir() {
            fs::remove_dir_all(&target)?;
        } else {
            fs::remove_file(&target)?;
        }
    }
    fs::rename(&tmp, &target)
}

/// Removes `path`, an entry guidegraph named directly inside `base`, without following a
/// link (a link is removed as a link). Anything whose folder is not `base` by its real
/// path is refused: nothing outside the corpus folder is ever deleted.
fn remove_inside(base: &Path, path: &Path) -> std::io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        other => other?,
    };
    let parent = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent folder"))?
        .canonicalize()?;
    if parent != base.canonicalize()? {
        return Err(std::io::Error::other(format!(
            "{} is not inside {}; not removed",
            path.display(),
            base.display()
        )));
    }
    if meta.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// Makes `new` the copy at `dest`: the old copy is moved aside, the new one renamed into
/// place, the old one removed. A kill between the two renames leaves the old copy aside,
/// and [`recover`] puts it back.
fn swap(base: &Path, new: &Path, dest: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(dest).is_ok() {
        let aside = aside_name(dest);
        fs::rename(dest, &aside)?;
        if let Err(e) = fs::rename(new, dest) {
            let _ = fs::rename(&aside, dest);
            return Err(e);
        }
        let _ = remove_inside(base, &aside);
        Ok(())
    } else {
        fs::rename(new, dest)
    }
}

fn aside_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!(".{name}.old-{}", std::process::id()))
}

/// Puts back a copy a killed swap left aside.
fn recover(base: &Path, name: &str) {
    let dest = base.join(name);
    if fs::symlink_metadata(&dest).is_ok() {
        return;
    }
    let prefix = format!(".{name}.old-");
    if let Some(aside) = leftovers(base, &prefix)
        .into_iter()
        .find(|p| read_record(p).is_some())
    {
        let _ = fs::rename(aside, dest);
    }
}

/// Removes what killed fetches left behind (their partial copies and old copies); the
/// caller holds the source's lock, so none of them is in use.
fn sweep(base: &Path, name: &str) {
    for prefix in [format!(".{name}.partial-"), format!(".{name}.old-")] {
        for p in leftovers(base, &prefix) {
            let _ = remove_inside(base, &p);
        }
    }
}

fn leftovers(base: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(base) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect()
}

/// The record of the copy in `dir`, when it is a complete one.
pub fn read_record(dir: &Path) -> Option<Record> {
    // A record is a few hundred bytes; a link or a FIFO in its place is no record.
    let text =
        crate::bounded::read(&dir.join(RECORD), 64 * 1024, crate::bounded::Links::Refuse).ok()?;
    serde_json::from_slice(&text).ok()
}

/// The fetched copies in `base`, in the order of [`SOURCES`], then any others by name.
/// A copy is its own corpus root.
pub fn copies(base: &Path) -> Vec<Copy> {
    let mut names: Vec<String> = SOURCES.iter().map(|s| s.name.to_string()).collect();
    if let Ok(entries) = fs::read_dir(base) {
        let mut others: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && !names.contains(n))
            .collect();
        others.sort();
        names.extend(others);
    }
    for n in &names {
        // Put back a copy a killed fetch left aside, unless a fetch is running (it holds
        // the lock, and is about to swap its own copy in).
        let free = fs::File::options()
            .write(true)
            .open(base.join(format!(".{n}.lock")))
            .map_or(true, |f| f.try_lock().is_ok());
        if free {
            recover(base, n);
        }
    }
    names
        .iter()
        .filter_map(|n| {
            let root = base.join(n);
            let record = read_record(&root)?;
            Some(Copy { record, root })
        })
        .collect()
}

/// The record of the fetched copy at `root`, if it is one.
pub fn record_of(root: &Path) -> Option<Record> {
    read_record(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_found_by_name() {
        assert_eq!(source("azure").map(|s| s.folder), Some("well-architected"));
        assert!(source("azur").is_none());
        let e = FetchError::UnknownSource("azur".into()).to_string();
        assert!(e.contains("`azure` and `power-platform`"), "{e}");
    }
}
