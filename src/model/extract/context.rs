//! What an article is about as a whole: its platform, pillar and workload, each with the
//! evidence that decided it. Item rules start from these and refine them per section.

use crate::corpus::Document;
use crate::vocab::{self, Pillar, Platform, ServiceName, Workload};

/// The evidence of a fact read off the article's folders, the strongest kind.
pub const FOLDER_EVIDENCE: &str = "folder name";

/// A fact about an article and why it is believed.
#[derive(Debug)]
pub struct Found<T: 'static> {
    pub value: &'static T,
    pub evidence: &'static str,
}

// Written out because the derive would ask `T: Copy`, and only the reference is copied.
impl<T> Clone for Found<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Found<T> {}

/// Article-level facts.
#[derive(Debug, Clone)]
pub struct DocFacts {
    pub platform: Option<Found<Platform>>,
    pub pillar: Option<Found<Pillar>>,
    pub workload: Option<Found<Workload>>,
    /// The service the article is the guide of: every item in it is about that service.
    pub service: Option<ServiceName>,
}

impl DocFacts {
    pub fn of(doc: &Document) -> DocFacts {
        DocFacts {
            platform: platform_of(doc),
            pillar: pillar_of(doc),
            workload: workload_of(doc),
            service: service_of(doc),
        }
    }

    pub fn platform_id(&self) -> &'static str {
        self.platform.map_or("any", |p| p.value.id)
    }

    /// The article's platform, as a node's `platforms`: every node read from the article
    /// is on it.
    pub fn platforms(&self) -> Vec<String> {
        self.platform
            .iter()
            .map(|p| p.value.id.to_string())
            .collect()
    }

    /// The article's workload, as a node's `workloads`.
    pub fn workloads(&self) -> Vec<String> {
        self.workload
            .iter()
            .map(|w| w.value.id.to_string())
            .collect()
    }

    /// The service the article is the guide of, as a node's `services`.
    pub fn services(&self) -> Vec<String> {
        self.service.iter().map(|s| s.name.clone()).collect()
    }
}

fn folders(doc: &Document) -> impl Iterator<Item = &str> {
    let mut parts: Vec<&str> = doc.path.split('/').collect();
    parts.pop();
    std::iter::once(doc.root_label.as_str()).chain(parts)
}

/// The platform from, in order: the folders of the path (`power-platform-waf/`), the front
/// matter (`ms.service`), the title, description and folder landing page, and last the body
/// text's own mentions (the platform named more often wins).
fn platform_of(doc: &Document) -> Option<Found<Platform>> {
    if let Some(p) = folders(doc).find_map(vocab::platform_marked) {
        return Some(Found {
            value: p,
            evidence: FOLDER_EVIDENCE,
        });
    }
    for key in ["ms.service", "ms.prod"] {
        if let Some(p) = doc.front.get(key).and_then(vocab::platform_marked) {
            return Some(Found {
                value: p,
                evidence: "front matter ms.service",
            });
        }
    }
    let heads = [
        Some(doc.title.as_str()),
        doc.tree.h1.as_deref(),
        doc.front.description(),
        doc.folder_title.as_deref(),
    ];
    for text in heads.into_iter().flatten() {
        if let Some(p) = vocab::platform_marked(text) {
            return Some(Found {
                value: p,
                evidence: "title",
            });
        }
    }
    let mut best: Option<(usize, &'static Platform)> = None;
    for p in vocab::PLATFORMS {
        let count: usize = doc
            .tree
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .map(|b| {
                let lower = b.text.to_lowercase();
                p.markers
                    .iter()
                    .map(|m| lower.matches(m).count())
                    .sum::<usize>()
            })
            .sum();
        if count > 0 && best.is_none_or(|(c, _)| count > c) {
            best = Some((count, p));
        }
    }
    best.map(|(_, p)| Found {
        value: p,
        evidence: "mentions in the text",
    })
}

/// The service of a service guide: an article Learn files as one (`ms.subservice:
/// waf-service-guide`) or titled "Architecture best practices for <service>".
fn service_of(doc: &Document) -> Option<ServiceName> {
    let filed = doc
        .front
        .get("ms.subservice")
        .is_some_and(|s| s.contains("service-guide"));
    let titled = doc
        .title
        .to_lowercase()
        .starts_with("architecture best practices for ");
    if !(filed || titled) {
        return None;
    }
    // The heading readers see first: front matter titles add words ("Azure Monitor
    // Application Insights") that the page's own heading leaves out.
    [doc.tree.h1.as_deref(), Some(doc.title.as_str())]
        .into_iter()
        .flatten()
        .find_map(vocab::service_from_title)
}

/// The pillar from a folder named after it (`security/`), else a file named after it (a
/// workload's `cost-optimization.md`, titled "Cost considerations for …"), else a title
/// that names exactly one pillar ("Design review checklist for Reliability").
fn pillar_of(doc: &Document) -> Option<Found<Pillar>> {
    if let Some(p) = folders(doc).skip(1).find_map(vocab::pillar_named) {
        return Some(Found {
            value: p,
            evidence: FOLDER_EVIDENCE,
        });
    }
    let stem = doc.path.rsplit('/').next().unwrap_or("");
    if let Some(p) = stem.strip_suffix(".md").and_then(vocab::pillar_named) {
        return Some(Found {
            value: p,
            evidence: "file name",
        });
    }
    let named = vocab::pillars_mentioned(&doc.title);
    if let [only] = named.as_slice() {
        return Some(Found {
            value: only,
            evidence: "article title",
        });
    }
    None
}

/// The workload from a folder holding its guide (`ai/`, `gen-ai-workload/`), else a title
/// or landing page that speaks of the workload. Body text is never used.
fn workload_of(doc: &Document) -> Option<Found<Workload>> {
    if let Some(w) = folders(doc).skip(1).find_map(vocab::workload_in_folder) {
        return Some(Found {
            value: w,
            evidence: FOLDER_EVIDENCE,
        });
    }
    let heads = [
        Some(doc.title.as_str()),
        doc.tree.h1.as_deref(),
        doc.folder_title.as_deref(),
    ];
    heads
        .into_iter()
        .flatten()
        .find_map(vocab::workload_titled)
        .map(|w| Found {
            value: w,
            evidence: "article title",
        })
}
