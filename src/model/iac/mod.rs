//! Reading an architecture from its infrastructure as code — ARM JSON templates, Bicep and
//! Terraform — without ever running anything (issue 21): no `bicep build`, no `terraform
//! init`, no network. What comes out is the list of resources the files declare, each with
//! its file and line and, where it can be told, its ARM resource type.
//!
//! - [`arm`], [`bicep`] and [`terraform`] are scanners written for the job: they read a
//!   file a byte at a time ([`bytes`]), keep only what names a resource, and carry on past
//!   what they do not understand. A full parser would build the whole file in memory and
//!   give up on its first error; `hcl-rs`/`hcl-edit`, the maintained HCL parsers, do both
//!   (`parse_body(&str) -> Result<Body, Error>`), and Bicep has no Rust parser at all.
//! - Modules are resolved from tables generated from the public indexes in
//!   `../shared/data` by `examples/iac_tables.rs` and committed beside this file
//!   ([`tables`]): an Azure Verified Module (`br/public:avm/res/…`,
//!   `Azure/avm-res-…/azurerm`) is the resource type it deploys, an `azurerm_*` Terraform
//!   resource the ARM type it manages. A local module (`module m './x.bicep'`,
//!   `source = "./modules/x"`) is read too, once however often it is used.
//! - Bad input is reported and passed over: a file that does not parse gets a warning with
//!   its file and line, and what was read of it before and every other file are kept. A
//!   resource whose type cannot be told is listed with why, never dropped.
//! - Bounds: a symbolic link is never followed out of the folders given (one that stays in
//!   them is read where it points); folders whose names start with `.` (`.terraform`,
//!   `.git`) and `node_modules` are not entered; at most [`MAX_ENTRIES`] files and folders
//!   are looked at, [`MAX_FILE_BYTES`] read of a file, [`MAX_RESOURCES`] resources and
//!   [`MAX_WARNINGS`] warnings kept, and modules followed [`MAX_MODULE_DEPTH`] deep.
//!   Memory holds one buffer a file and the resources found, whatever the files' size.

pub mod arm;
pub mod bicep;
mod bytes;
pub mod tables;
pub mod terraform;

use std::collections::{HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::vocab::KindSaid;

/// Files and folders looked at under the folders given, as for a corpus.
pub const MAX_ENTRIES: usize = 500_000;
/// The largest file read; past it a file is passed over with a warning.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// Resources kept; the rest are counted in a warning.
pub const MAX_RESOURCES: usize = 100_000;
/// Warnings kept; the rest are counted in one more.
pub const MAX_WARNINGS: usize = 1_000;
/// How many modules deep a chain of local modules is followed.
pub const MAX_MODULE_DEPTH: usize = 32;

/// The language a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Arm,
    Bicep,
    Terraform,
}

impl Language {
    fn of(path: &Path) -> Option<Language> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".bicep") {
            Some(Language::Bicep)
        } else if name.ends_with(".tf") {
            Some(Language::Terraform)
        } else if name.ends_with(".json") && !name.ends_with(".tf.json") {
            Some(Language::Arm)
        } else {
            None
        }
    }
}

/// What a resource says of its kind (`kind: 'functionapp'`), as a scanner read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Absent,
    Literal(String),
    /// An expression, known only when deployed.
    Computed,
}

/// One resource a file declares.
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// The file, as the path given reaches it (`infra/bicep/kubernetes.bicep`).
    pub file: String,
    pub line: u32,
    pub language: Language,
    /// As the file declares it: `Microsoft.Network/applicationGateways@2024-01-01`,
    /// `azurerm_kubernetes_cluster`, `br/public:avm/res/network/application-gateway:0.5.0`,
    /// `Azure/avm-res-containerservice-managedcluster/azurerm`.
    pub declared: String,
    /// Its symbolic name (`managedCluster`, `example`) or, in ARM JSON, its `name`.
    pub name: String,
    /// Its ARM resource type, without API version; `None` when it cannot be told (a
    /// module from a private registry, a resource of another Terraform provider).
    #[serde(rename = "type")]
    pub arm_type: Option<String>,
    /// Its `kind` when the file gives it as a literal (`functionapp`).
    pub kind: Option<String>,
    /// Its `kind` is an expression, known only when deployed.
    pub kind_computed: bool,
    /// An `existing` resource, a Terraform `data` source: used, not deployed, here.
    pub existing: bool,
    /// Declared in a loop (`copy`, `[for …]`, `count`, `for_each`).
    pub repeated: bool,
    /// The module references and inline deployments that lead to it, outermost first
    /// (`infra/main.bicep:95`), when it was reached through them rather than found in the
    /// folders given.
    pub via: Vec<String>,
    /// Why its type is not known, or what it is instead.
    pub note: Option<String>,
    /// Not an Azure resource: one of another Terraform provider (`random_pet`).
    pub not_azure: bool,
}

impl Resource {
    /// `file:line`.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    pub fn kind_said(&self) -> KindSaid<'_> {
        match (&self.kind, self.kind_computed) {
            (_, true) => KindSaid::Computed,
            (Some(k), false) => KindSaid::Literal(k),
            (None, false) => KindSaid::Absent,
        }
    }
}

/// Something a reader should know about the input: a file that does not parse, a link not
/// followed, a module not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub file: String,
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What the files of an architecture declare.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Architecture {
    /// The files and folders given, as given.
    pub paths: Vec<String>,
    /// How many files were read as templates (ARM, Bicep, Terraform).
    pub files: usize,
    /// In file and line order.
    pub resources: Vec<Resource>,
    pub warnings: Vec<Warning>,
}

/// What a scanner found in one file.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub resources: Vec<Found>,
    pub modules: Vec<LocalModule>,
    /// Lines the scanner could not read past, or did not understand.
    pub problems: Vec<(u32, String)>,
    /// For JSON: the file is an ARM template; anything else (`package.json`, a parameters
    /// file) is passed over without a word.
    pub template: bool,
    /// For JSON: a template `bicep build` wrote (its Bicep is read instead when beside it).
    pub from_bicep: bool,
}

/// A resource as a scanner sees it, before it is placed in its file.
#[derive(Debug, Default, Clone)]
pub(crate) struct Found {
    pub line: u32,
    pub declared: String,
    pub name: String,
    pub arm_type: Option<String>,
    pub kind: Kind,
    pub existing: bool,
    pub repeated: bool,
    /// Lines of this file's inline deployments that lead to it, outermost first.
    pub deployments: Vec<u32>,
    pub note: Option<String>,
    pub not_azure: bool,
}

/// A module whose source is a local path, to be read too.
#[derive(Debug, Clone)]
pub(crate) struct LocalModule {
    pub line: u32,
    pub path: String,
}

/// One file to read, and how it was reached.
struct Queued {
    path: PathBuf,
    /// As shown: the path given, or the referencing file's folder joined with the
    /// module's path.
    shown: String,
    via: Vec<String>,
}

/// A path given as the architecture that cannot be read (it does not exist): a usage
/// error for the front end.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the architecture at {path}: {source}")]
pub struct ReadError {
    pub path: String,
    pub source: std::io::Error,
}

/// Reads the architecture in `paths` (files or folders). A path that does not exist is a
/// [`ReadError`]; everything past that is a warning.
pub fn read(paths: &[PathBuf]) -> Result<Architecture, ReadError> {
    let mut arch = Architecture {
        paths: paths.iter().map(|p| shown(p)).collect(),
        ..Architecture::default()
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    for p in paths {
        let real = p.canonicalize().map_err(|source| ReadError {
            path: p.display().to_string(),
            source,
        })?;
        roots.push(real);
    }
    let mut reader = Reader {
        roots,
        arch: &mut arch,
        queue: VecDeque::new(),
        read: HashSet::new(),
        dropped_resources: 0,
        dropped_warnings: 0,
    };
    for p in paths {
        if p.is_dir() {
            reader.walk(p);
        } else {
            reader.queue.push_back(Queued {
                path: p.clone(),
                shown: shown(p),
                via: Vec::new(),
            });
        }
    }
    reader.drain();
    let (dropped_resources, dropped_warnings) = (reader.dropped_resources, reader.dropped_warnings);
    if dropped_resources > 0 {
        arch.warnings.push(Warning {
            file: arch.paths.join(", "),
            line: None,
            message: format!(
                "{dropped_resources} more resources past the first {MAX_RESOURCES} are not listed"
            ),
        });
    }
    if dropped_warnings > 0 {
        arch.warnings.push(Warning {
            file: arch.paths.join(", "),
            line: None,
            message: format!("{dropped_warnings} more warnings are not shown"),
        });
    }
    arch.resources.sort_by(|a, b| {
        a.file
            .cmp(&b.file)
            .then(a.line.cmp(&b.line))
            .then(a.declared.cmp(&b.declared))
    });
    Ok(arch)
}

struct Reader<'a> {
    /// The folders and files given, resolved.
    roots: Vec<PathBuf>,
    arch: &'a mut Architecture,
    queue: VecDeque<Queued>,
    /// Files read or queued, resolved: each is read once.
    read: HashSet<PathBuf>,
    dropped_resources: usize,
    dropped_warnings: usize,
}

impl Reader<'_> {
    fn warn(&mut self, file: &str, line: Option<u32>, message: String) {
        if self.arch.warnings.len() >= MAX_WARNINGS {
            self.dropped_warnings += 1;
            return;
        }
        self.arch.warnings.push(Warning {
            file: file.to_string(),
            line,
            message,
        });
    }

    fn inside_roots(&self, real: &Path) -> bool {
        self.roots.iter().any(|r| real.starts_with(r))
    }

    /// Queues the templates under `dir`, in name order.
    fn walk(&mut self, dir: &Path) {
        let it = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .max_depth(64)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !e.file_type().is_dir()
                    || !e
                        .file_name()
                        .to_str()
                        .is_some_and(|n| n.starts_with('.') || n == "node_modules")
            });
        let mut entries = 0usize;
        for entry in it {
            entries += 1;
            if entries > MAX_ENTRIES {
                self.warn(
                    &shown(dir),
                    None,
                    format!("more than {MAX_ENTRIES} files and folders; the rest is not read"),
                );
                break;
            }
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().map_or_else(|| shown(dir), shown);
                    self.warn(&at, None, format!("cannot read: {e}"));
                    continue;
                }
            };
            let path = entry.path();
            if entry.path_is_symlink() {
                let real = path.canonicalize();
                match real {
                    // Read where it points, as any file of the folders is.
                    Ok(real) if self.inside_roots(&real) => {}
                    _ if Language::of(path).is_none() && !path.is_dir() => {}
                    _ => self.warn(
                        &shown(path),
                        None,
                        "a symbolic link out of the folders given; not followed".into(),
                    ),
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if name.ends_with(".tf.json") {
                self.warn(
                    &shown(path),
                    None,
                    "Terraform's JSON syntax is not read; only .tf files are".into(),
                );
                continue;
            }
            if Language::of(path).is_some() {
                self.queue.push_back(Queued {
                    path: path.to_path_buf(),
                    shown: shown(path),
                    via: Vec::new(),
                });
            }
        }
    }

    fn drain(&mut self) {
        while let Some(q) = self.queue.pop_front() {
            let Ok(real) = q.path.canonicalize() else {
                self.warn(&q.shown, None, "cannot be read: not found".into());
                continue;
            };
            if !self.read.insert(real.clone()) {
                continue;
            }
            self.file(q, &real);
        }
    }

    fn file(&mut self, q: Queued, real: &Path) {
        let Some(language) = Language::of(&q.path) else {
            self.warn(
                &q.shown,
                None,
                "not a template guidegraph reads (.json, .bicep or .tf); passed over".into(),
            );
            return;
        };
        let file = match crate::bounded::open(real, crate::bounded::Links::Follow) {
            Ok(f) => f,
            Err(e) => {
                self.warn(&q.shown, None, format!("cannot be read: {e}"));
                return;
            }
        };
        let size = file.metadata().map_or(0, |m| m.len());
        if size > MAX_FILE_BYTES {
            self.warn(
                &q.shown,
                None,
                format!(
                    "{} MB, more than the {} MB read of a file; passed over",
                    size / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            );
            return;
        }
        let src = std::io::Read::take(file, MAX_FILE_BYTES);
        let findings = match language {
            Language::Arm => arm::scan(src),
            Language::Bicep => bicep::scan(src),
            Language::Terraform => terraform::scan(src),
        };
        if language == Language::Arm {
            if !findings.template {
                return;
            }
            if findings.from_bicep && real.with_extension("bicep").is_file() {
                self.warn(
                    &q.shown,
                    None,
                    "built by `bicep build` from the .bicep file beside it, which is read instead"
                        .into(),
                );
                return;
            }
        }
        self.arch.files += 1;
        for (line, message) in &findings.problems {
            self.warn(&q.shown, Some(*line), message.clone());
        }
        for f in findings.resources {
            if self.arch.resources.len() >= MAX_RESOURCES {
                self.dropped_resources += 1;
                continue;
            }
            let mut via = q.via.clone();
            via.extend(f.deployments.iter().map(|l| format!("{}:{l}", q.shown)));
            self.arch.resources.push(Resource {
                file: q.shown.clone(),
                line: f.line,
                language,
                declared: f.declared,
                name: f.name,
                arm_type: f.arm_type,
                kind: match &f.kind {
                    Kind::Literal(k) => Some(k.clone()),
                    _ => None,
                },
                kind_computed: f.kind == Kind::Computed,
                existing: f.existing,
                repeated: f.repeated,
                via,
                note: f.note,
                not_azure: f.not_azure,
            });
        }
        for m in findings.modules {
            self.module(&q, real, language, &m);
        }
    }

    /// Queues the file (Bicep, ARM) or the folder's `.tf` files (Terraform) a local
    /// module names.
    fn module(&mut self, q: &Queued, real: &Path, language: Language, m: &LocalModule) {
        let at = format!("{}:{}", q.shown, m.line);
        if q.via.len() >= MAX_MODULE_DEPTH {
            self.warn(
                &q.shown,
                Some(m.line),
                format!(
                    "modules nested more than {MAX_MODULE_DEPTH} deep; `{}` is not read",
                    m.path
                ),
            );
            return;
        }
        let dir_real = real.parent().unwrap_or(Path::new("/"));
        let dir_shown = Path::new(&q.shown).parent().unwrap_or(Path::new(""));
        let target = dir_real.join(&m.path);
        let target_shown = normalized(&dir_shown.join(&m.path));
        let Ok(target_real) = target.canonicalize() else {
            self.warn(
                &q.shown,
                Some(m.line),
                format!(
                    "module `{}` not found; its resources are not listed",
                    m.path
                ),
            );
            return;
        };
        // A module reached by its own path is read wherever it is (it is the project's
        // code); one reached through a symbolic link only while the link stays in the
        // folders given.
        if normalized(&target) != target_real && !self.inside_roots(&target_real) {
            self.warn(
                &q.shown,
                Some(m.line),
                format!(
                    "module `{}` is a symbolic link out of the folders given; not followed",
                    m.path
                ),
            );
            return;
        }
        let mut via = q.via.clone();
        via.push(at);
        match language {
            Language::Terraform => {
                if !target_real.is_dir() {
                    self.warn(
                        &q.shown,
                        Some(m.line),
                        format!("module source `{}` is not a folder", m.path),
                    );
                    return;
                }
                let mut files: Vec<PathBuf> = match std::fs::read_dir(&target_real) {
                    Ok(rd) => rd
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| {
                            Language::of(p) == Some(Language::Terraform)
                                && std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file())
                        })
                        .collect(),
                    Err(e) => {
                        self.warn(
                            &q.shown,
                            Some(m.line),
                            format!("module `{}` cannot be read: {e}", m.path),
                        );
                        return;
                    }
                };
                files.sort();
                for f in files {
                    let name = f.file_name().map(|n| n.to_os_string()).unwrap_or_default();
                    self.queue.push_back(Queued {
                        shown: shown(&target_shown.join(&name)),
                        path: f,
                        via: via.clone(),
                    });
                }
            }
            Language::Bicep | Language::Arm => self.queue.push_back(Queued {
                path: target_real,
                shown: shown(&target_shown),
                via,
            }),
        }
    }
}

/// What one template in memory declares, read as a file named `name` in `language` would
/// be (its local modules are not followed): for tests and fuzzing.
pub fn scan(language: Language, name: &str, bytes: &[u8]) -> Architecture {
    let findings = match language {
        Language::Arm => arm::scan(bytes),
        Language::Bicep => bicep::scan(bytes),
        Language::Terraform => terraform::scan(bytes),
    };
    let resources = findings
        .resources
        .into_iter()
        .map(|f| Resource {
            file: name.to_string(),
            line: f.line,
            language,
            declared: f.declared,
            name: f.name,
            arm_type: f.arm_type,
            kind: match &f.kind {
                Kind::Literal(k) => Some(k.clone()),
                _ => None,
            },
            kind_computed: f.kind == Kind::Computed,
            existing: f.existing,
            repeated: f.repeated,
            via: f
                .deployments
                .iter()
                .map(|l| format!("{name}:{l}"))
                .collect(),
            note: f.note,
            not_azure: f.not_azure,
        })
        .collect();
    Architecture {
        paths: vec![name.to_string()],
        files: 1,
        resources,
        warnings: findings
            .problems
            .into_iter()
            .map(|(line, message)| Warning {
                file: name.to_string(),
                line: Some(line),
                message,
            })
            .collect(),
    }
}

/// A path as people read it, whatever bytes it holds.
fn shown(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_string(),
        None => format!("{path:?}"),
    }
}

/// `path` with `.` and `x/..` taken out, without asking the file system.
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// The ARM type of a declared `Namespace/type@version` (the version dropped), and whether
/// a nested declaration (`'databases@…'` inside a server) is relative to its parent's.
pub(crate) fn arm_type(declared: &str, parent: Option<&str>) -> String {
    let ty = declared.split('@').next().unwrap_or(declared).trim();
    match parent {
        Some(p) if !ty.split('/').next().unwrap_or("").contains('.') => format!("{p}/{ty}"),
        _ => ty.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_without_the_file_system() {
        assert_eq!(
            normalized(Path::new("infra/./bicep/../modules/x.bicep")),
            PathBuf::from("infra/modules/x.bicep")
        );
        assert_eq!(normalized(Path::new("../a/b")), PathBuf::from("../a/b"));
        assert_eq!(
            arm_type("databases@2021-01-01", Some("Microsoft.Sql/servers")),
            "Microsoft.Sql/servers/databases"
        );
        assert_eq!(
            arm_type(
                "Microsoft.Sql/servers/databases@2021",
                Some("Microsoft.Sql/servers")
            ),
            "Microsoft.Sql/servers/databases"
        );
        assert_eq!(arm_type("Microsoft.Web/sites", None), "Microsoft.Web/sites");
    }
}
