//! From document trees to the knowledge graph: article and section nodes, the platforms,
//! pillars and workloads they belong to, and the items ([`items`]) found in them.
//!
//! Extraction runs in two passes: every article node first, so that links and checklist
//! codes can point at articles found later; then the sections and their items.

pub mod abbreviations;
pub mod context;
pub mod item;
pub mod platform_pillars;
pub mod rules;

use std::collections::HashMap;

use crate::corpus::{Document, text};
use crate::graph::builder::{GraphBuilder, Sighting};
use crate::graph::{EdgeKind, Graph, Node, NodeKind, Source};
use crate::vocab;
use context::{DocFacts, FOLDER_EVIDENCE};

/// The graph, and the full text of the articles (whose text the graph does not keep).
pub struct Extracted {
    pub graph: Graph,
    /// (node id, full text) of each article.
    pub article_texts: Vec<(String, String)>,
}

/// An edge to an article known by path, drawn once every article is known.
struct PendingLink {
    from: usize,
    root: String,
    path: String,
    kind: EdgeKind,
    evidence: String,
}

/// Builds the graph one document at a time, so a large corpus need not be held in memory:
/// links to articles not seen yet are kept as paths and resolved by [`Extractor::finish`].
#[derive(Default)]
pub struct Extractor {
    b: GraphBuilder,
    by_path: HashMap<(String, String), usize>,
    pending: Vec<PendingLink>,
    article_texts: Vec<(usize, String)>,
    /// The first file seen at each (platform, path): its corpus and the hash of its bytes.
    first_file: HashMap<(&'static str, String), (String, Option<String>)>,
}

impl Extractor {
    /// Adds one document. `on_section` sees each section node with its full text, once,
    /// when it is made (sections are final when made; their text is not kept).
    pub fn add(&mut self, doc: &Document, on_section: &mut dyn FnMut(&Node, usize, &str)) {
        self.add_file(doc, None, on_section);
    }

    /// [`Extractor::add`] for a file whose bytes hash to `hash`. Articles are told apart
    /// by platform and path, so the same article in two corpora (a fetched copy beside
    /// another copy) is one; a file of another corpus at the same platform and path with
    /// other bytes is another article, keyed by its corpus too (`--corpus a/docs --corpus
    /// b/docs` merged b's `x.md` into a's, issue 17).
    pub fn add_file(
        &mut self,
        doc: &Document,
        hash: Option<&str>,
        on_section: &mut dyn FnMut(&Node, usize, &str),
    ) {
        let seen = (DocFacts::of(doc).platform_id(), doc.path.clone());
        let apart = match self.first_file.get(&seen) {
            None => {
                self.first_file
                    .insert(seen, (doc.root_label.clone(), hash.map(str::to_string)));
                false
            }
            Some((label, first)) => {
                *label != doc.root_label && hash.is_some_and(|h| first.as_deref() != Some(h))
            }
        };
        if apart {
            let doc = Document {
                key: format!("{}:{}", doc.root_label, doc.path),
                ..doc.clone()
            };
            self.add_keyed(&doc, on_section);
        } else {
            self.add_keyed(doc, on_section);
        }
    }

    fn add_keyed(&mut self, doc: &Document, on_section: &mut dyn FnMut(&Node, usize, &str)) {
        let f = DocFacts::of(doc);
        let (a, service) = article(&mut self.b, doc, &f);
        self.by_path
            .insert((doc.root_label.clone(), doc.path.clone()), a);
        let mut links = Links {
            doc,
            pending: Vec::new(),
        };
        let mut article_text = String::new();
        sections(
            &mut self.b,
            doc,
            &f,
            (a, service),
            &mut links,
            on_section,
            &mut article_text,
        );
        for link in doc
            .tree
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .flat_map(|bl| &bl.links)
        {
            links.link(
                a,
                &link.target,
                EdgeKind::LinksTo,
                format!("link `{}`", link.text),
            );
        }
        self.pending.append(&mut links.pending);
        let description = doc.front.description().unwrap_or_default();
        self.article_texts
            .push((a, format!("{description}\n{article_text}")));
    }

    /// Resolves links and returns the graph.
    pub fn finish(mut self) -> Extracted {
        platform_pillars::keep_published(&mut self.b);
        for p in std::mem::take(&mut self.pending) {
            if let Some(&target) = self.by_path.get(&(p.root, p.path)) {
                self.b.edge(p.from, target, p.kind, p.evidence);
            }
        }
        let article_texts = self
            .article_texts
            .into_iter()
            .map(|(a, t)| (self.b.node(a).id.clone(), t))
            .collect();
        Extracted {
            graph: self.b.finish(),
            article_texts,
        }
    }
}

/// Builds the graph from documents given in a stable order (all in memory; the indexer
/// streams through an [`Extractor`] instead).
pub fn extract(docs: &[Document]) -> Extracted {
    let mut ex = Extractor::default();
    for doc in docs {
        ex.add(doc, &mut |_, _, _| {});
    }
    ex.finish()
}

/// Relative links of one document, kept as edges to draw once all articles are known.
pub struct Links<'a> {
    doc: &'a Document,
    pending: Vec<PendingLink>,
}

impl Links<'_> {
    /// The path (relative to the root) a relative link to an article points at.
    pub fn resolve(&self, target: &str) -> Option<String> {
        let target = target.split(['#', '?']).next()?;
        if target.is_empty() || target.contains("://") || target.starts_with('/') {
            return None;
        }
        let mut parts: Vec<&str> = self.doc.path.split('/').collect();
        parts.pop();
        for part in target.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        Some(parts.join("/"))
    }

    /// Draws an edge from `from` to the article `target` links to, if it is indexed.
    pub fn link(&mut self, from: usize, target: &str, kind: EdgeKind, evidence: String) {
        if let Some(path) = self.resolve(target) {
            self.pending.push(PendingLink {
                from,
                root: self.doc.root_label.clone(),
                path,
                kind,
                evidence,
            });
        }
    }
}

fn source(doc: &Document, heading: &str, line: u32) -> Source {
    Source {
        corpus: doc.root_label.as_str().into(),
        path: doc.path.as_str().into(),
        heading: heading.into(),
        line,
    }
}

/// The article node, and the platform, pillar, workload, service and framework nodes it
/// belongs to; the article's node and its service's, for a service guide.
fn article(b: &mut GraphBuilder, doc: &Document, f: &DocFacts) -> (usize, Option<usize>) {
    let platform = f.platform_id();
    let sighting = Sighting {
        title: doc.title.clone(),
        text: String::new(),
        summary: Some(text::summarize(
            doc.front.description().unwrap_or_default(),
            240,
        )),
        pillars: f
            .pillar
            .map(|p| p.value.id.to_string())
            .into_iter()
            .collect(),
        platforms: f.platforms(),
        workloads: f.workloads(),
        services: f.services(),
        source: Some(source(doc, &doc.title, 1)),
        strength: 1,
        ..Sighting::default()
    };
    let a = b.upsert(
        NodeKind::Article,
        &format!("{platform}/{}", doc.key),
        sighting,
    );
    let src = source(doc, &doc.title, 1);
    if let Some(p) = f.platform {
        let pn = platform_node(b, p.value, &src);
        b.edge(a, pn, EdgeKind::OnPlatform, p.evidence);
    }
    if let Some(p) = f.pillar {
        let n = pillar_node(b, p.value, f, &src, true);
        b.edge(a, n, EdgeKind::InPillar, p.evidence);
    }
    if let Some(w) = f.workload {
        let n = workload_node(b, w.value, f, &src);
        b.edge(a, n, EdgeKind::InWorkload, w.evidence);
    }
    let service = f.service.as_ref().map(|s| {
        let n = b.upsert(
            NodeKind::Service,
            &s.id,
            Sighting {
                title: s.name.clone(),
                summary: Some(text::summarize(
                    doc.front.description().unwrap_or_default(),
                    240,
                )),
                platforms: f.platforms(),
                services: vec![s.name.clone()],
                aliases: s.aliases.clone(),
                resource_types: s.types.clone(),
                source: Some(src.clone()),
                strength: 2,
                ..Sighting::default()
            },
        );
        b.edge(a, n, EdgeKind::ForService, "the service's guide");
        if let Some(p) = f.platform {
            let pn = platform_node(b, p.value, &src);
            b.edge(pn, n, EdgeKind::Has, "service guide on the platform");
        }
        n
    });
    (a, service)
}

pub(crate) fn platform_node(b: &mut GraphBuilder, p: &vocab::Platform, src: &Source) -> usize {
    let n = b.upsert(
        NodeKind::Platform,
        p.id,
        Sighting {
            title: p.name.into(),
            summary: Some(format!("{} guidance from the {}.", p.name, p.framework)),
            platforms: vec![p.id.into()],
            source: Some(src.clone()),
            strength: standing(p.name, src, false),
            ..Sighting::default()
        },
    );
    let fw = b.upsert(
        NodeKind::Framework,
        p.framework,
        Sighting {
            title: p.framework.into(),
            summary: Some(format!("The {}.", p.framework)),
            platforms: vec![p.id.into()],
            ..Sighting::default()
        },
    );
    b.edge(fw, n, EdgeKind::Has, "framework of the platform");
    n
}

/// A node for a vocabulary entry (pillar, workload) seen on a platform, with the platform's
/// edge to it when `on_platform` gives the evidence for one.
fn vocabulary_node(
    b: &mut GraphBuilder,
    kind: NodeKind,
    key: &str,
    mut sighting: Sighting,
    f: &DocFacts,
    src: &Source,
    on_platform: Option<&str>,
) -> usize {
    let by_folder = match kind {
        NodeKind::Pillar => f
            .pillar
            .is_some_and(|p| p.value.id == key && p.evidence == FOLDER_EVIDENCE),
        NodeKind::Workload => f
            .workload
            .is_some_and(|w| w.value.id == key && w.evidence == FOLDER_EVIDENCE),
        _ => false,
    };
    sighting.strength = standing(&sighting.title, src, by_folder);
    // A platform has a pillar or workload when its guidance is organised by it, not when
    // the words of one item sound like it: Experience Optimization is not an Azure pillar
    // because an Azure AI item speaks of user experience.
    let platform = on_platform.and(f.platform);
    sighting.platforms = platform
        .map(|x| x.value.id.to_string())
        .into_iter()
        .collect();
    sighting.source = Some(src.clone());
    let n = b.upsert(kind, key, sighting);
    if let (Some(platform), Some(why)) = (platform, on_platform) {
        let pn = platform_node(b, platform.value, src);
        b.edge(pn, n, EdgeKind::Has, why);
    }
    n
}

/// How well a sighting of a pillar, workload or platform stands for it, so the node's
/// first source is an article about it rather than the first article that names it: an
/// article whose title names it (2), else an article filed under it (1), else a mention in
/// an item or a section (0); one more for an article in the entity's own folder.
fn standing(name: &str, src: &Source, in_its_folder: bool) -> u8 {
    // Article-level sightings carry the article's title as heading and line 1.
    if src.line != 1 {
        return 0;
    }
    let name: Vec<String> = text::words(name.trim_end_matches(" workloads")).collect();
    let title: Vec<String> = text::words(&src.heading).collect();
    let titled = !name.is_empty() && title.windows(name.len()).any(|w| w == name.as_slice());
    1 + u8::from(titled) + u8::from(in_its_folder)
}

/// The node of pillar `p`, seen at `src`; `structural` when the article or section is
/// filed under it rather than an item's words merely sounding like it.
pub(crate) fn pillar_node(
    b: &mut GraphBuilder,
    p: &vocab::Pillar,
    f: &DocFacts,
    src: &Source,
    structural: bool,
) -> usize {
    let sighting = Sighting {
        title: p.name.into(),
        summary: Some(format!(
            "The {} pillar (checklist codes {}:nn).",
            p.name, p.code
        )),
        pillars: vec![p.id.into()],
        ..Sighting::default()
    };
    vocabulary_node(
        b,
        NodeKind::Pillar,
        p.id,
        sighting,
        f,
        src,
        structural.then_some("pillar used on the platform"),
    )
}

pub(crate) fn workload_node(
    b: &mut GraphBuilder,
    w: &vocab::Workload,
    f: &DocFacts,
    src: &Source,
) -> usize {
    let sighting = Sighting {
        title: format!("{} workloads", w.name),
        summary: Some(format!("Guidance for {} workloads.", w.name)),
        workloads: vec![w.id.into()],
        ..Sighting::default()
    };
    vocabulary_node(
        b,
        NodeKind::Workload,
        w.id,
        sighting,
        f,
        src,
        Some("workload guide on the platform"),
    )
}

/// Section nodes, nested by heading level, and the items in each.
fn sections(
    b: &mut GraphBuilder,
    doc: &Document,
    f: &DocFacts,
    (article, service): (usize, Option<usize>),
    links: &mut Links<'_>,
    on_section: &mut dyn FnMut(&Node, usize, &str),
    article_text: &mut String,
) {
    let platform = f.platform_id();
    // (level, node) of the sections enclosing the current one.
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (i, section) in doc.tree.sections.iter().enumerate() {
        let body: Vec<&str> = section.blocks.iter().map(|bl| bl.text.as_str()).collect();
        let body = body.join("\n");
        article_text.push_str(&section.heading);
        article_text.push('\n');
        if section.heading.is_empty() && body.is_empty() {
            continue;
        }
        let section_pillar = item::section_pillar(section).or(f.pillar.map(|p| p.value));
        let title = if section.heading.is_empty() {
            doc.title.clone()
        } else {
            section.heading.clone()
        };
        let summary = section
            .blocks
            .iter()
            .find(|bl| bl.kind == crate::corpus::markdown::BlockKind::Paragraph)
            .map(|bl| text::summarize(&bl.text, 240))
            .unwrap_or_default();
        let s = b.upsert(
            NodeKind::Section,
            &format!("{platform}/{}#{i}", doc.key),
            Sighting {
                title,
                summary: Some(summary),
                pillars: section_pillar
                    .map(|p| p.id.to_string())
                    .into_iter()
                    .collect(),
                platforms: f.platforms(),
                workloads: f.workloads(),
                services: f.services(),
                source: Some(source(doc, &section.heading, section.line)),
                strength: 1,
                ..Sighting::default()
            },
        );
        while open
            .last()
            .is_some_and(|(level, _)| *level >= section.level.max(1))
        {
            open.pop();
        }
        let parent = open.last().map_or(article, |(_, n)| *n);
        b.edge(parent, s, EdgeKind::Contains, "heading nesting");
        open.push((section.level.max(1), s));
        on_section(b.node(s), s, &body);
        let mut ctx = item::SectionCtx {
            doc,
            facts: f,
            section,
            section_node: s,
            article,
            service,
            links,
            entries: std::collections::HashMap::new(),
        };
        rules::extract_items(b, &mut ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{FileEntry, Origin, Scan, parse};

    fn doc(path: &str, text: &'static str) -> Document {
        let entry = FileEntry {
            root: 0,
            root_label: "azure-waf".into(),
            rel: path.into(),
            origin: Origin::Embedded(text),
        };
        parse(&entry, text.as_bytes(), &Scan::default()).0.unwrap()
    }

    #[test]
    fn links_resolve_relative_to_the_article() {
        let docs = vec![
            doc(
                "ai/get-started.md",
                "# Start\n\nSee [pillars](../pillars.md) and [x](https://e.com).\n",
            ),
            doc("pillars.md", "# Pillars\n"),
        ];
        let g = extract(&docs).graph;
        let start = g.index_of("article:azure-ai-get-started-md").unwrap();
        let targets: Vec<_> = g
            .inner
            .edges(start)
            .filter(|e| e.weight().kind == EdgeKind::LinksTo)
            .map(|e| g.inner[petgraph::visit::EdgeRef::target(&e)].title.clone())
            .collect();
        assert_eq!(targets, vec!["Pillars"]);
    }
}
