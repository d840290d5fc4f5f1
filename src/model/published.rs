//! Where a corpus's articles are published on Microsoft Learn, and the address of one
//! result there (its article's page and its heading's anchor).
//!
//! The address comes from the docset's own metadata, never from a table of files:
//!
//! 1. `breadcrumb/toc.yml`, the docset's place in Learn's navigation: of the addresses it
//!    lists (`tocHref: /azure/well-architected/`), the one under which most of the other
//!    listed addresses name folders and articles that exist in the corpus is the docset's
//!    root (`/azure/well-architected/reliability/` ↔ `reliability/`).
//! 2. Else the root `index.yml` landing page's `ms.service` and `ms.subservice`, which a
//!    docset of a product's subservice is published under (`power-platform` +
//!    `well-architected` → `/power-platform/well-architected/`).
//!
//! A corpus with neither (the fixtures, the embedded articles, a folder of notes) gets no
//! address, and its results no `url`.

use std::collections::HashMap;
use std::path::Path;

use serde_norway::Value;

use crate::graph::{Node, NodeKind, Source};

/// What an index records of one of its corpora.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// The root as the manifest's `roots` names it.
    pub root: String,
    /// The root's label, which results' sources name (`azure-waf`, `well-architected`).
    #[serde(default)]
    pub label: String,
    /// The built-in source it was fetched as (`azure`), if it was fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The address its articles are published under on Microsoft Learn, when the corpus's
    /// metadata says (see [`base`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

impl Origin {
    /// Reads what can be known of `root`: its fetch record and its publishing metadata.
    pub fn of(root: &crate::corpus::Root) -> Origin {
        let mut o = Origin {
            root: root.describe(),
            label: root.label(),
            ..Origin::default()
        };
        if let crate::corpus::Root::Dir(dir) = root {
            if let Some(r) = crate::fetch::record_of(dir) {
                o.source = Some(r.source);
                o.repository = Some(r.repository);
                o.commit = Some(r.commit);
            }
            o.published = base(dir);
        }
        o
    }
}

/// Where Learn serves pages.
pub const LEARN: &str = "https://learn.microsoft.com";

/// Metadata files larger than this are not the small YAML files a docset has.
const MAX_YAML: usize = 256 * 1024;

/// The address the articles in `root` are published under (ending in `/`), when the
/// corpus's metadata says.
pub fn base(root: &Path) -> Option<String> {
    // A toc.yml is the corpus's to write: its address is percent-encoded like the rest,
    // so a space, a line break, an escape or `<script>` in it cannot reach a `url`
    // (issue 17).
    from_breadcrumb(root)
        .or_else(|| from_landing_page(root))
        .map(|path| format!("{LEARN}{}", escape(&path)))
}

/// A metadata file of the corpus at `root`: a regular file inside it, not a link, within
/// the size bound. A `toc.yml` linked to `/dev/zero` or made a FIFO was read without end
/// (issue 17).
fn read_yaml(root: &Path, path: &Path) -> Option<Value> {
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => false,
    };
    if !inside {
        return None;
    }
    let max = u64::try_from(MAX_YAML).unwrap_or(u64::MAX);
    let text = crate::bounded::read_to_string(path, max, crate::bounded::Links::Refuse).ok()?;
    crate::corpus::yaml::parse(&text, MAX_YAML).ok()
}

/// Every `tocHref`/`topicHref`/`href` in a breadcrumb tree.
fn hrefs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Sequence(items) => items.iter().for_each(|i| hrefs(i, out)),
        Value::Mapping(m) => {
            for (k, v) in m {
                match (k.as_str(), v.as_str()) {
                    (Some("tocHref" | "topicHref" | "href"), Some(h)) => out.push(h.to_string()),
                    _ => hrefs(v, out),
                }
            }
        }
        _ => {}
    }
}

/// The longest `href` read from a breadcrumb, and the most folders deep one is looked
/// into: Learn's are a few dozen characters and levels.
const MAX_HREF: usize = 1024;
const MAX_HREF_DEPTH: usize = 32;

/// In time linear in the breadcrumb's size (issue 17: 256 KB of repeated entries took
/// 79 s, every listed base compared with every listed address, each pair a `stat`): each
/// address is split at its own `/`s into the bases it lies under, and each path is looked
/// up on disk once.
fn from_breadcrumb(root: &Path) -> Option<String> {
    let toc = read_yaml(root, &root.join("breadcrumb").join("toc.yml"))?;
    let mut all = Vec::new();
    hrefs(&toc, &mut all);
    all.retain(|h| h.len() <= MAX_HREF);
    // The bases: addresses of folders (`/azure/well-architected/`), each once, in the
    // order first listed.
    let mut bases: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for h in &all {
        if h.starts_with('/') && h.ends_with('/') && !bases.contains_key(h.as_str()) {
            bases.insert(h, order.len());
            order.push(h);
        }
    }
    let mut found = vec![0usize; order.len()];
    let mut on_disk: HashMap<&str, bool> = HashMap::new();
    for h in &all {
        for (depth, (at, _)) in h.match_indices('/').enumerate() {
            if depth >= MAX_HREF_DEPTH {
                break;
            }
            let (base, rest) = h.split_at(at + 1);
            let Some(&b) = bases.get(base) else { continue };
            let there = *on_disk.entry(rest).or_insert_with(|| exists(root, rest));
            if there {
                found[b] += 1;
            }
        }
    }
    // The most found; of equals, the first listed (the outermost).
    let mut best: Option<(usize, usize)> = None;
    for (b, &n) in found.iter().enumerate() {
        if n > 0 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, b));
        }
    }
    best.map(|(_, b)| order[b].to_string())
}

/// Whether `rest`, the part of an address under a base, names a folder or article of the
/// corpus at `root`.
fn exists(root: &Path, rest: &str) -> bool {
    let rest = rest.trim_end_matches('/');
    !rest.is_empty()
        && !rest.contains("..")
        && (root.join(rest).exists()
            || root.join(format!("{rest}.md")).is_file()
            || root.join(format!("{rest}.yml")).is_file())
}

fn from_landing_page(root: &Path) -> Option<String> {
    let index = read_yaml(root, &root.join("index.yml"))?;
    let meta = index.get("metadata")?;
    let part = |key: &str| {
        meta.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .map(str::to_string)
    };
    Some(format!(
        "/{}/{}/",
        part("ms.service")?,
        part("ms.subservice")?
    ))
}

/// The page of the article at `path` (relative to its corpus root) under `base`: without
/// its extension, and a folder's `index` page as the folder.
pub fn page(base: &str, path: &str) -> String {
    let stem = [".md", ".markdown", ".yml"]
        .iter()
        .find_map(|ext| path.strip_suffix(ext))
        .unwrap_or(path);
    // A folder's landing page is served as the folder (`reliability/`).
    let stem = if stem == "index" {
        ""
    } else {
        stem.strip_suffix("index")
            .filter(|s| s.ends_with('/'))
            .unwrap_or(stem)
    };
    format!("{base}{}", escape(stem))
}

/// A path as it may stand in an address: characters other than letters, digits and
/// `-._~/` percent-encoded.
fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Learn's anchor for a heading: lower case, spaces to `-`, punctuation other than `-` and
/// `_` dropped (`What's new` → `whats-new`).
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c.is_whitespace() {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

/// The Learn addresses of an index's corpora, by the label results' sources name them by.
#[derive(Debug, Clone, Default)]
pub struct Links {
    bases: HashMap<String, String>,
}

impl Links {
    /// From what an index records of its corpora.
    pub fn new<'a>(corpora: impl IntoIterator<Item = &'a Origin>) -> Links {
        Links {
            bases: corpora
                .into_iter()
                .filter_map(|o| Some((o.label.clone(), o.published.clone()?)))
                .collect(),
        }
    }

    /// The page of a node, with its heading's anchor: an article is its page; anything in
    /// it is at its heading (an item right under the article's title gets the title's
    /// anchor, which Learn opens at the top of the page, where the item is).
    pub fn url(&self, node: &Node) -> Option<String> {
        self.url_of(node.kind, node.sources.first()?)
    }

    /// [`Links::url`] of a node of `kind` first seen at `s`.
    pub fn url_of(&self, kind: NodeKind, s: &Source) -> Option<String> {
        let base = self.bases.get(s.corpus.as_str())?;
        let page = page(base, &s.path);
        // A tab has no anchor of its own: the page opens at the heading above its group.
        let heading = s
            .heading
            .split_once(crate::corpus::markdown::TAB_SEPARATOR)
            .map_or(s.heading.as_str(), |(above, _)| above);
        let a = anchor(heading);
        if kind == NodeKind::Article || a.is_empty() {
            Some(page)
        } else {
            Some(format!("{page}#{a}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_learn() {
        assert_eq!(anchor("What's new"), "whats-new");
        assert_eq!(
            anchor("Use case: Personas for AI"),
            "use-case-personas-for-ai"
        );
        assert_eq!(
            anchor("Don't reinvent the wheel"),
            "dont-reinvent-the-wheel"
        );
        assert_eq!(anchor("SE:05 Identity & access"), "se05-identity--access");
    }

    #[test]
    fn pages_drop_the_extension_and_index() {
        let b = "https://learn.microsoft.com/azure/well-architected/";
        assert_eq!(
            page(b, "security/checklist.md"),
            "https://learn.microsoft.com/azure/well-architected/security/checklist"
        );
        assert_eq!(
            page(b, "reliability/index.md"),
            "https://learn.microsoft.com/azure/well-architected/reliability/"
        );
        assert_eq!(page(b, "index.md"), b);
        assert_eq!(page(b, "a b/(x).md"), format!("{b}a%20b/%28x%29"));
    }

    #[test]
    fn the_base_comes_from_the_breadcrumb_or_the_landing_page() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("breadcrumb")).unwrap();
        std::fs::create_dir_all(root.join("reliability")).unwrap();
        std::fs::write(root.join("pillars.md"), "# Pillars").unwrap();
        std::fs::write(
            root.join("breadcrumb/toc.yml"),
            "- name: Azure\n  tocHref: /azure/\n  topicHref: /azure/index\n  items:\n  - name: WAF\n    tocHref: /docs/waf/\n    topicHref: /docs/waf/index\n    items:\n    - name: Pillars\n      tocHref: /docs/waf/pillars/\n      topicHref: /docs/waf/pillars\n    - name: Reliability\n      tocHref: /docs/waf/reliability/\n",
        )
        .unwrap();
        assert_eq!(
            base(root).as_deref(),
            Some("https://learn.microsoft.com/docs/waf/")
        );
        std::fs::remove_dir_all(root.join("breadcrumb")).unwrap();
        assert_eq!(base(root), None);
        std::fs::write(
            root.join("index.yml"),
            "### YamlMime:Landing\ntitle: X\nmetadata:\n  ms.service: power-platform\n  ms.subservice: well-architected\n",
        )
        .unwrap();
        assert_eq!(
            base(root).as_deref(),
            Some("https://learn.microsoft.com/power-platform/well-architected/")
        );
    }
}
