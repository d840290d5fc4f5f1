//! What every extraction rule shares: where it is ([`SectionCtx`]), how an item node is
//! made and tied to its section, pillars, platform, workload and service ([`item`]), how a
//! pillar is decided (structure first, words last), and how a title, a scope, a draft or a
//! list entry's text is read off a block.

use crate::corpus::markdown::{Block, BlockKind, Section};
use crate::corpus::{Document, text};
use crate::graph::builder::{GraphBuilder, Sighting};
use crate::graph::{EdgeKind, NodeKind, Source};
use crate::vocab::{self, Pillar};

use super::context::DocFacts;
use super::{Links, pillar_node, workload_node};

/// Everything a rule needs to know about where it is.
pub struct SectionCtx<'a, 'b> {
    pub doc: &'a Document,
    pub facts: &'a DocFacts,
    pub section: &'a Section,
    pub section_node: usize,
    pub article: usize,
    /// The service node of a service guide.
    pub service: Option<usize>,
    pub links: &'a mut Links<'b>,
    /// How many entries of each title the section has listed so far.
    pub entries: std::collections::HashMap<String, u32>,
}

impl SectionCtx<'_, '_> {
    pub(crate) fn source(&self, line: u32) -> Source {
        Source {
            corpus: self.doc.root_label.as_str().into(),
            path: self.doc.path.as_str().into(),
            heading: self.section.heading.as_str().into(),
            line,
        }
    }
    pub(crate) fn platform(&self) -> &'static str {
        self.facts.platform_id()
    }
    pub(crate) fn workload(&self) -> &'static str {
        self.facts.workload.map_or("-", |w| w.value.id)
    }

    /// Where an entry of a service guide stands, for its key: the guide, the headings
    /// above its list below the title (`Reliability/Workload design checklist`), and — when the list repeats a title ("Usage optimization" leads four
    /// items) — which of them it is. No line numbers, so ids survive edits elsewhere.
    pub(crate) fn entry_key(&mut self, title: &str) -> String {
        let n = self.entries.entry(title.to_lowercase()).or_default();
        *n += 1;
        let nth = if *n > 1 {
            format!("/{n}")
        } else {
            String::new()
        };
        let path: Vec<&str> = self.section.heading_path().skip(1).collect();
        format!("{}#{}{nth}", self.doc.key, path.join("/").to_lowercase())
    }
}

/// The pillar a section is filed under by its own heading or an enclosing one that names a
/// pillar ("## Security" in a design principles article).
pub fn section_pillar(section: &Section) -> Option<&'static Pillar> {
    let mut path: Vec<&str> = section.heading_path().collect();
    path.reverse();
    path.into_iter().find_map(vocab::pillar_named)
}

/// A pillar an item belongs to, and why.
pub(crate) struct PillarEvidence {
    pub(crate) pillar: &'static Pillar,
    pub(crate) evidence: String,
}

/// Pillars from structure (the section, then the article); from the item's words only when
/// structure says nothing.
pub(crate) fn structural_or_words(
    ctx: &mut SectionCtx<'_, '_>,
    words: &str,
) -> Vec<PillarEvidence> {
    if let Some(p) = section_pillar(ctx.section) {
        return vec![PillarEvidence {
            pillar: p,
            evidence: format!("section heading `{}`", ctx.section.heading),
        }];
    }
    if let Some(p) = ctx.facts.pillar {
        return vec![PillarEvidence {
            pillar: p.value,
            evidence: format!("article pillar ({})", p.evidence),
        }];
    }
    by_words(words)
}

pub(crate) fn by_words(words: &str) -> Vec<PillarEvidence> {
    vocab::classify(words)
        .into_iter()
        .map(|p| PillarEvidence {
            pillar: p,
            evidence: crate::graph::WORDS_EVIDENCE.into(),
        })
        .collect()
}

/// Creates or merges an item node and draws its edges to section, pillars, platform and
/// workload.
pub(crate) fn item(
    b: &mut GraphBuilder,
    ctx: &mut SectionCtx<'_, '_>,
    kind: NodeKind,
    key: &str,
    mut sighting: Sighting,
    pillars: &[PillarEvidence],
) -> usize {
    sighting.pillars = pillars.iter().map(|p| p.pillar.id.to_string()).collect();
    sighting.platforms = ctx.facts.platforms();
    sighting.workloads = ctx.facts.workloads();
    if ctx.facts.service.is_some() {
        // Everything a service guide lists is about its service, whatever its words say,
        // and sits in a list its heading names ("Configuration recommendations").
        sighting.services = ctx.facts.services();
        if sighting.group.is_none() && !ctx.section.heading.is_empty() {
            sighting.group = Some(ctx.section.heading.clone());
        }
    }
    let n = b.upsert(kind, key, sighting);
    if let Some(service) = ctx.service {
        b.edge(
            n,
            service,
            EdgeKind::ForService,
            "listed in the service guide",
        );
    }
    b.edge(
        ctx.section_node,
        n,
        EdgeKind::Contains,
        "found in the section",
    );
    let src = ctx.source(ctx.section.line);
    for p in pillars {
        let structural = p.evidence != crate::graph::WORDS_EVIDENCE;
        let pn = pillar_node(b, p.pillar, ctx.facts, &src, structural);
        let edge = if kind == NodeKind::Tradeoff {
            EdgeKind::TradesOff
        } else {
            EdgeKind::InPillar
        };
        b.edge(n, pn, edge, p.evidence.clone());
    }
    if let Some(p) = ctx.facts.platform {
        let pn = super::platform_node(b, p.value, &src);
        b.edge(n, pn, EdgeKind::OnPlatform, p.evidence);
    }
    if let Some(w) = ctx.facts.workload {
        let wn = workload_node(b, w.value, ctx.facts, &src);
        b.edge(n, wn, EdgeKind::InWorkload, w.evidence);
        match kind {
            NodeKind::Challenge => b.edge(
                wn,
                n,
                EdgeKind::HasChallenge,
                "listed in the workload guide",
            ),
            NodeKind::DesignArea => b.edge(
                wn,
                n,
                EdgeKind::HasDesignArea,
                "listed in the workload guide",
            ),
            _ => {}
        }
    }
    n
}

/// The text of block `i` when it is an entry of a list (a list item or a table row): its
/// own text followed by its sub-bullets, which detail it. A sub-bullet is an entry of its
/// own only when its parent is a mere lead-in ("Here are some examples:"); such a parent
/// is not one. `None` for blocks that are not entries.
pub(crate) fn listed_text(blocks: &[Block], i: usize) -> Option<String> {
    let block = &blocks[i];
    match block.kind {
        BlockKind::TableRow if !block.is_header => return Some(block.text.clone()),
        BlockKind::ListItem => {}
        _ => return None,
    }
    let children = blocks[i + 1..]
        .iter()
        .take_while(|c| c.kind == BlockKind::ListItem && c.depth > block.depth);
    let has_children = blocks
        .get(i + 1)
        .is_some_and(|c| c.kind == BlockKind::ListItem && c.depth > block.depth);
    if has_children && is_lead_in(block) {
        return None;
    }
    if block.depth > 1 {
        // Only the children of a lead-in stand on their own.
        let parent = blocks[..i]
            .iter()
            .rev()
            .take_while(|p| p.kind == BlockKind::ListItem)
            .find(|p| p.depth < block.depth)?;
        if !is_lead_in(parent) {
            return None;
        }
    }
    let mut text = block.text.clone();
    for c in children {
        text.push('\n');
        text.push_str(&c.text);
    }
    Some(text)
}

/// A list item that only introduces the ones under it: one sentence without a bold lead-in,
/// ending with a colon ("Here are some examples:"). An item that says something first is the item, and its
/// sub-bullets detail it.
pub(crate) fn is_lead_in(block: &Block) -> bool {
    let t = block.text.trim();
    block.lead.is_none() && t.ends_with(':') && text::first_sentence(t) == t
}

/// A row or item the source marks as a placeholder still to be written: "**Recommendation
/// 01** TBD ....", "Tradeoff summary.".
pub(crate) fn is_draft(title: &str, text: &str) -> bool {
    let words: Vec<String> = text::words(title).collect();
    let numbered = words.len() == 2
        && matches!(
            words[0].as_str(),
            "recommendation" | "principle" | "tradeoff" | "challenge"
        )
        && words[1].chars().all(|c| c.is_ascii_digit());
    numbered || is_placeholder(title) || text::words(text).any(|w| w == "tbd")
}

/// "(Cluster) Use managed identities" → the scope `Cluster` and the rest. Only a short
/// parenthesis that opens the text is a scope.
pub(crate) fn split_scope(text: &str) -> (Option<String>, &str) {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        let scope = rest[..close].trim();
        if !scope.is_empty() && scope.split_whitespace().count() <= 8 && close < 80 {
            return (Some(scope.to_string()), rest[close + 1..].trim_start());
        }
    }
    (None, t)
}

/// Headings of sections that point elsewhere rather than say something: "Next steps",
/// "Related resources", "See also", "Community links", "Learn more".
const POINTER_HEADINGS: &[&str] = &[
    "next step",
    "related",
    "learn more",
    "see also",
    "community links",
    "resources",
];

/// Whether a section under `heading` only points to other pages: its lists are links, not
/// guidance, and its words are other pages' titles.
pub fn is_pointer_heading(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    POINTER_HEADINGS.iter().any(|p| lower.contains(p))
}

/// True when the heading's subject is `noun` ("What are the common challenges?",
/// "Technical complexity challenges"), not when the noun is one of several ("Share
/// successes and challenges").
pub(crate) fn heading_is_about(heading: &str, noun: &str) -> bool {
    let words: Vec<String> = text::words(heading).collect();
    let Some(pos) = words.iter().position(|w| w.starts_with(noun)) else {
        return false;
    };
    !(pos >= 2 && words[pos - 1] == "and")
}

/// Template text of draft articles ("**Tradeoff summary.** Tradeoff description.",
/// "## Principle title"): not an item, whatever shape it has.
pub(crate) fn is_placeholder(title: &str) -> bool {
    let t: String = text::words(title).collect::<Vec<_>>().join(" ");
    matches!(
        t.as_str(),
        "" | "summary"
            | "description"
            | "title"
            | "tbd"
            | "tradeoff summary"
            | "tradeoff description"
            | "principle title"
            | "principle description"
    )
}

/// A title from a bold lead-in, else the first sentence (or first line) of the text.
pub(crate) fn title_of(lead: Option<&str>, first_line: &str, text: &str) -> String {
    if let Some(lead) = lead {
        let t = text::trim_title(lead);
        if !t.is_empty() {
            return t;
        }
    }
    let base = if first_line.is_empty() {
        text
    } else {
        first_line
    };
    text::trim_title(text::first_sentence(base))
}

/// The text after a lead-in: "Model decay: Models degrade." → "Models degrade.".
pub(crate) fn after_lead<'t>(text: &'t str, lead: &str) -> &'t str {
    text.strip_prefix(lead)
        .unwrap_or(text)
        .trim_start_matches([':', '.', '-', '–', '—', ' '])
}

pub(crate) fn header_is(row: &Block, names: &[&str]) -> bool {
    row.header
        .first()
        .is_some_and(|h| names.contains(&h.to_lowercase().trim_end_matches('s')))
}

pub(crate) fn listed_title(block: &Block) -> String {
    if block.kind == BlockKind::TableRow {
        let first = block.cells.iter().find(|c| !c.text.is_empty());
        return first.map_or_else(String::new, |c| {
            if let Some(link) = c.links.first().filter(|l| c.text.starts_with(&l.text)) {
                text::trim_title(&link.text)
            } else {
                title_of(c.lead.as_deref(), &c.first_line, &c.text)
            }
        });
    }
    if let Some(link) = block
        .links
        .first()
        .filter(|l| block.text.starts_with(&l.text))
    {
        return text::trim_title(&link.text);
    }
    title_of(block.lead.as_deref(), "", &block.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_about_challenges() {
        assert!(heading_is_about(
            "what are the common challenges?",
            "challenge"
        ));
        assert!(heading_is_about(
            "technical complexity challenges",
            "challenge"
        ));
        assert!(!heading_is_about(
            "share successes and challenges",
            "challenge"
        ));
    }
    #[test]
    fn draft_placeholders() {
        assert!(is_placeholder("summary"));
        assert!(is_placeholder("Principle title"));
        assert!(!is_placeholder("Reduced resiliency"));
    }
    #[test]
    fn scopes_and_drafts() {
        assert_eq!(
            split_scope("(Cluster) Use managed identities."),
            (Some("Cluster".to_string()), "Use managed identities.")
        );
        assert_eq!(
            split_scope("Use (managed) identities."),
            (None, "Use (managed) identities.")
        );
        assert!(is_draft("Recommendation 01", "Recommendation 01 TBD ...."));
        assert!(is_draft("Anything", "Something TBD"));
        assert!(!is_draft(
            "Establish a security baseline",
            "Establish a security baseline."
        ));
    }
}
