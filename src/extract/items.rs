//! The rules that find items in a section: checklist recommendations (by code),
//! tradeoffs, challenges, design areas, design principles and other recommendations.
//!
//! Each rule looks at the shape of the text (a table with a `Code` column, a list under a
//! "challenges" heading, a bold `Tradeoff:` lead-in) rather than at any one article, and
//! records why it filed an item under a pillar on the edge it draws.

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
    fn source(&self, line: u32) -> Source {
        Source {
            corpus: self.doc.root_label.clone(),
            path: self.doc.path.clone(),
            heading: self.section.heading.clone(),
            line,
        }
    }
    fn platform(&self) -> &'static str {
        self.facts.platform_id()
    }
    fn workload(&self) -> &'static str {
        self.facts.workload.map_or("-", |w| w.value.id)
    }

    /// Where an entry of a service guide stands, for its key: the guide, the headings
    /// above its list below the title (`Reliability/Workload design checklist`), and — when the list repeats a title ("Usage optimization" leads four
    /// items) — which of them it is. No line numbers, so ids survive edits elsewhere.
    fn entry_key(&mut self, title: &str) -> String {
        let n = self.entries.entry(title.to_lowercase()).or_default();
        *n += 1;
        let nth = if *n > 1 {
            format!("/{n}")
        } else {
            String::new()
        };
        let path: Vec<&str> = self.section.heading_path().skip(1).collect();
        format!("{}#{}{nth}", self.doc.path, path.join("/").to_lowercase())
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
struct PillarEvidence {
    pillar: &'static Pillar,
    evidence: String,
}

/// Pillars from structure (the section, then the article); from the item's words only when
/// structure says nothing.
fn structural_or_words(ctx: &mut SectionCtx<'_, '_>, words: &str) -> Vec<PillarEvidence> {
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

fn by_words(words: &str) -> Vec<PillarEvidence> {
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
fn item(
    b: &mut GraphBuilder,
    ctx: &mut SectionCtx<'_, '_>,
    kind: NodeKind,
    key: &str,
    mut sighting: Sighting,
    pillars: &[PillarEvidence],
) -> usize {
    sighting.pillars = pillars.iter().map(|p| p.pillar.id.to_string()).collect();
    sighting.platforms = ctx
        .facts
        .platform
        .map(|p| p.value.id.to_string())
        .into_iter()
        .collect();
    sighting.workloads = ctx
        .facts
        .workload
        .map(|w| w.value.id.to_string())
        .into_iter()
        .collect();
    if let Some(s) = &ctx.facts.service {
        // Everything a service guide lists is about its service, whatever its words say,
        // and sits in a list its heading names ("Configuration recommendations").
        sighting.services = vec![s.name.clone()];
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

/// Runs every rule over one section.
pub fn extract_items(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>) {
    let heading = ctx.section.heading.to_lowercase();
    let challenges = heading_is_about(&heading, "challenge");
    let design_areas = heading.contains("design area");
    // A service guide's "Azure policies" and "Azure Advisor recommendations" lists.
    let service_list =
        ctx.facts.service.is_some() && (heading.contains("polic") || heading.contains("advisor"));
    // A service guide's checklist heading holds its checklist even where a line of the
    // source breaks the callout that should frame it (a table row without its `>`).
    let service_checklist = ctx.facts.service.is_some() && heading.contains("checklist");
    let blocks = &ctx.section.blocks;
    for (i, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::TableRow {
            if checklist_row(b, ctx, block) {
                continue;
            }
            if first_column_row(b, ctx, block) {
                continue;
            }
            if !block.is_header && header_is(block, &["design area"]) {
                design_area(b, ctx, block, &block.text);
                continue;
            }
            if !block.is_header && header_is(block, &["challenge"]) {
                challenge(b, ctx, block, &block.text);
                continue;
            }
        }
        if is_tradeoff(block) {
            tradeoff(b, ctx, block, &blocks[i + 1..]);
            continue;
        }
        let Some(text) = listed_text(blocks, i) else {
            continue;
        };
        if challenges {
            challenge(b, ctx, block, &text);
        } else if design_areas {
            design_area(b, ctx, block, &text);
        } else if block.kind == BlockKind::ListItem
            && (block.callout.as_deref() == Some("div class=\"checklist\"") || service_checklist)
        {
            listed_recommendation(b, ctx, block, &text, true);
        } else if service_list && block.kind == BlockKind::ListItem {
            listed_recommendation(b, ctx, block, &text, false);
        }
    }
    principle_heading(b, ctx);
    example_architectures(b, ctx);
}

/// A service guide's "Example architecture" section: the architectures it links to are
/// the service's, as links on its node.
fn example_architectures(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>) {
    let Some(service) = ctx.service else { return };
    if !ctx
        .section
        .heading
        .to_lowercase()
        .contains("example architecture")
    {
        return;
    }
    for link in ctx.section.blocks.iter().flat_map(|bl| &bl.links) {
        let l = crate::graph::NodeLink {
            text: link.text.clone(),
            target: link.target.clone(),
        };
        let node = b.node_mut(service);
        if !node.links.contains(&l) {
            node.links.push(l);
        }
    }
}

/// The text of block `i` when it is an entry of a list (a list item or a table row): its
/// own text followed by its sub-bullets, which detail it. A sub-bullet is an entry of its
/// own only when its parent is a mere lead-in ("Here are some examples:"); such a parent
/// is not one. `None` for blocks that are not entries.
fn listed_text(blocks: &[Block], i: usize) -> Option<String> {
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
fn is_lead_in(block: &Block) -> bool {
    let t = block.text.trim();
    block.lead.is_none() && t.ends_with(':') && text::first_sentence(t) == t
}

/// A row or item the source marks as a placeholder still to be written: "**Recommendation
/// 01** TBD ....", "Tradeoff summary.".
fn is_draft(title: &str, text: &str) -> bool {
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
fn split_scope(text: &str) -> (Option<String>, &str) {
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

/// True when the heading's subject is `noun` ("What are the common challenges?",
/// "Technical complexity challenges"), not when the noun is one of several ("Share
/// successes and challenges").
fn heading_is_about(heading: &str, noun: &str) -> bool {
    let words: Vec<String> = text::words(heading).collect();
    let Some(pos) = words.iter().position(|w| w.starts_with(noun)) else {
        return false;
    };
    !(pos >= 2 && words[pos - 1] == "and")
}

/// Template text of draft articles ("**Tradeoff summary.** Tradeoff description.",
/// "## Principle title"): not an item, whatever shape it has.
fn is_placeholder(title: &str) -> bool {
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

/// The code a cell opens with (`SE:05`, `[OE:04](a.md) <br> [OE:04](b.md)`).
fn code_of(cell: &str) -> Option<String> {
    let t = cell.trim().trim_start_matches('*');
    let bytes = t.as_bytes();
    let ok = bytes.len() >= 5
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_uppercase()
        && bytes[2] == b':'
        && bytes[3].is_ascii_digit()
        && bytes[4].is_ascii_digit()
        && bytes.get(5).is_none_or(|c| !c.is_ascii_alphanumeric());
    ok.then(|| t[..5].to_string())
}

/// A title from a bold lead-in, else the first sentence (or first line) of the text.
fn title_of(lead: Option<&str>, first_line: &str, text: &str) -> String {
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
fn after_lead<'t>(text: &'t str, lead: &str) -> &'t str {
    text.strip_prefix(lead)
        .unwrap_or(text)
        .trim_start_matches([':', '.', '-', '–', '—', ' '])
}

/// A row of a checklist table (`| ☐ | [SE:05](identity-access.md) | **Implement…** |`), or
/// the "applies to" box of an article that details a checklist item (`|**SE:05**|…|`).
fn checklist_row(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, row: &Block) -> bool {
    let Some((code_col, code)) = row
        .cells
        .iter()
        .enumerate()
        .find_map(|(i, c)| code_of(&c.text).map(|code| (i, code)))
    else {
        return false;
    };
    let Some(pillar) = vocab::pillar_by_code(&code) else {
        return false;
    };
    let has_code_column = row.header.iter().any(|h| h.eq_ignore_ascii_case("code"));
    // The recommendation is the column so named, else the longest other cell.
    let rec_col = row
        .header
        .iter()
        .position(|h| h.to_lowercase().starts_with("recommendation"))
        .filter(|&i| i != code_col && i < row.cells.len())
        .or_else(|| {
            row.cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != code_col)
                .max_by_key(|(_, c)| c.text.len())
                .map(|(i, _)| i)
        });
    let Some(rec) = rec_col.map(|i| &row.cells[i]) else {
        return false;
    };
    if rec.text.is_empty() {
        return false;
    }
    let title = title_of(rec.lead.as_deref(), "", &rec.text);
    // Without a lead-in the first sentence is the title; the summary is what follows it.
    let rest = match rec.lead.as_deref() {
        Some(lead) => after_lead(&rec.text, lead),
        None => rec.text[text::first_sentence(&rec.text).len()..].trim(),
    };
    let summary = text::summarize(if rest.is_empty() { &rec.text } else { rest }, 240);
    let strength = if has_code_column && !row.is_header {
        2
    } else {
        1
    };
    let draft = is_draft(&title, &rec.text);
    let key = format!("{}/{code}", ctx.platform());
    let evidence = [PillarEvidence {
        pillar,
        evidence: format!("checklist code prefix {}", pillar.code),
    }];
    let n = item(
        b,
        ctx,
        NodeKind::Recommendation,
        &key,
        Sighting {
            title,
            text: rec.text.clone(),
            summary: Some(summary),
            code: Some(code.clone()),
            checklist: strength == 2,
            draft,
            source: Some(ctx.source(row.line)),
            strength,
            ..Sighting::default()
        },
        &evidence,
    );
    if strength == 2 {
        for link in &row.cells[code_col].links {
            let evidence = format!("checklist link for {code}");
            ctx.links
                .link(n, &link.target, EdgeKind::DetailedIn, evidence);
        }
    } else {
        b.edge(
            n,
            ctx.article,
            EdgeKind::DetailedIn,
            format!("article applies to {code}"),
        );
    }
    true
}

fn header_is(row: &Block, names: &[&str]) -> bool {
    row.header
        .first()
        .is_some_and(|h| names.contains(&h.to_lowercase().trim_end_matches('s')))
}

/// A row of a table whose first column names an item and the others describe it: "Design
/// principle | Considerations" rows are principles, "Recommendation | Benefit" and
/// "Approach | Benefit" rows recommendations.
fn first_column_row(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, row: &Block) -> bool {
    let kind = if header_is(row, &["design principle", "principle"]) {
        NodeKind::DesignPrinciple
    } else if header_is(row, &["recommendation", "approach"]) {
        NodeKind::Recommendation
    } else {
        return false;
    };
    let Some(first) = row
        .cells
        .first()
        .filter(|c| !c.text.is_empty() && !row.is_header)
    else {
        return false;
    };
    // A principle is stated in full on the cell's first line; a recommendation is named by
    // its bold lead-in or first sentence, after the scope a service guide opens it with.
    let (applies_to, first_line) = split_scope(&first.first_line);
    let (_, first_text) = split_scope(&first.text);
    let title = match kind {
        NodeKind::DesignPrinciple => text::trim_title(first_line),
        _ => title_of(first.lead.as_deref(), first_line, first_text),
    };
    if title.is_empty() {
        return false;
    }
    let benefit = row
        .header
        .iter()
        .position(|h| h.to_lowercase().starts_with("benefit"))
        .and_then(|i| row.cells.get(i))
        .map(|c| c.text.clone())
        .filter(|t| !t.is_empty());
    let rest: Vec<&str> = row.cells[1..].iter().map(|c| c.text.as_str()).collect();
    let body = rest.join(" ");
    let pillars = structural_or_words(ctx, &format!("{title} {body}"));
    // Principles are shared by the workload and pillar they serve; recommendations belong
    // to the article that makes them.
    let scope = match kind {
        NodeKind::DesignPrinciple => format!(
            "{}/{}",
            ctx.workload(),
            pillars.first().map_or("-", |p| p.pillar.id)
        ),
        _ if ctx.facts.service.is_some() => ctx.entry_key(&title),
        _ => ctx.doc.path.clone(),
    };
    let key = format!("{}/{scope}/{}", ctx.platform(), title.to_lowercase());
    let draft = is_draft(&title, &first.text);
    item(
        b,
        ctx,
        kind,
        &key,
        Sighting {
            title,
            text: format!("{first_text} {body}"),
            summary: Some(text::summarize(&body, 240)),
            draft,
            scope: applies_to,
            benefit,
            source: Some(ctx.source(row.line)),
            strength: 2,
            ..Sighting::default()
        },
        &pillars,
    );
    true
}

/// An item of a `[!div class="checklist"]` callout (`checklist`), or of a list a service
/// guide's heading names. The same recommendation made in several articles of a platform
/// is one node; in a service guide it is the service's own.
fn listed_recommendation(
    b: &mut GraphBuilder,
    ctx: &mut SectionCtx<'_, '_>,
    block: &Block,
    full_text: &str,
    checklist: bool,
) {
    let (scope, own) = split_scope(&block.text);
    let lead = block.lead.as_deref().filter(|l| own.starts_with(l));
    let title = title_of(lead, "", own);
    if title.is_empty() {
        return;
    }
    let (_, full) = split_scope(full_text);
    let pillars = structural_or_words(ctx, full);
    // A service guide's entries may share a title (a checklist item and its table row;
    // items led by a category, "Usage optimization"): each is an entry of its own.
    let scope_key = match &ctx.facts.service {
        Some(_) => ctx.entry_key(&title),
        None => "-".to_string(),
    };
    let key = format!("{}/{scope_key}/{}", ctx.platform(), title.to_lowercase());
    let rest = match lead {
        Some(l) => after_lead(own, l),
        None => own[text::first_sentence(own).len()..].trim(),
    };
    item(
        b,
        ctx,
        NodeKind::Recommendation,
        &key,
        Sighting {
            title: title.clone(),
            text: full.to_string(),
            summary: (!rest.is_empty()).then(|| text::summarize(rest, 240)),
            checklist: checklist && ctx.facts.service.is_some(),
            draft: is_draft(&title, own),
            scope,
            source: Some(ctx.source(block.line)),
            strength: 1,
            ..Sighting::default()
        },
        &pillars,
    );
}

fn tradeoff_rest(t: &str) -> Option<&str> {
    let lower = t.to_ascii_lowercase();
    for word in ["tradeoff", "trade-off"] {
        if let Some(rest) = lower.strip_prefix(word)
            && (rest.is_empty() || rest.starts_with([':', '.', ' ']))
        {
            return Some(t[word.len()..].trim_start_matches([':', '.', ' ']));
        }
    }
    None
}

/// A tradeoff callout: `**Tradeoff: Title.** Text` or `**Tradeoff**: Text`, usually behind
/// the trade-off icon.
fn is_tradeoff(block: &Block) -> bool {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
        return false;
    }
    let lead_says = block.lead.as_deref().is_some_and(|l| {
        l.to_lowercase().starts_with("tradeoff") || l.to_lowercase().starts_with("trade-off")
    });
    lead_says || (block.tradeoff_icon && tradeoff_rest(&block.text).is_some())
}

fn tradeoff(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, block: &Block, after: &[Block]) {
    // `**Tradeoff: Increased latency.** Text` names the tradeoff in the lead; `**Tradeoff**:
    // Text` leaves the first sentence of the text to name it.
    let lead = block.lead.as_deref().unwrap_or("");
    let (title, body) = match tradeoff_rest(lead).filter(|r| !r.trim().is_empty()) {
        Some(named) => (
            text::trim_title(named),
            after_lead(&block.text, lead).to_string(),
        ),
        None => {
            let rest = tradeoff_rest(&block.text).unwrap_or(&block.text);
            let rest = rest.trim_start_matches([':', '.', ' ']);
            (
                text::trim_title(text::first_sentence(rest)),
                rest.to_string(),
            )
        }
    };
    if is_placeholder(&title) {
        return;
    }
    // The bullets that follow a tradeoff explain it.
    let mut text = body.clone();
    for next in after
        .iter()
        .take_while(|n| n.kind == BlockKind::ListItem && !is_tradeoff(n))
    {
        text.push('\n');
        text.push_str(&next.text);
    }
    let heading_pillars = vocab::pillars_mentioned(&ctx.section.heading);
    let mut pillars: Vec<PillarEvidence> =
        if heading_pillars.len() >= 2 && ctx.section.heading.to_lowercase().contains("tradeoff") {
            heading_pillars
                .into_iter()
                .take(2)
                .map(|p| PillarEvidence {
                    pillar: p,
                    evidence: format!("section heading `{}`", ctx.section.heading),
                })
                .collect()
        } else {
            let mut v = structural_or_words(ctx, "");
            let own = v.first().map(|p| p.pillar.id);
            if let Some(other) = by_words(&format!("{title} {body}"))
                .into_iter()
                .find(|p| Some(p.pillar.id) != own)
            {
                v.push(other);
            }
            v
        };
    pillars.truncate(2);
    let mut pair: Vec<&str> = pillars.iter().map(|p| p.pillar.id).collect();
    pair.sort_unstable();
    let key = format!(
        "{}/{}/{}",
        ctx.platform(),
        pair.join("+"),
        title.to_lowercase()
    );
    item(
        b,
        ctx,
        NodeKind::Tradeoff,
        &key,
        Sighting {
            title,
            summary: Some(text::summarize(&body, 240)),
            text,
            source: Some(ctx.source(block.line)),
            strength: 1,
            ..Sighting::default()
        },
        &pillars,
    );
}

fn listed_title(block: &Block) -> String {
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

fn challenge(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, block: &Block, full: &str) {
    let title = listed_title(block);
    if is_placeholder(&title) {
        return;
    }
    let body = after_lead(full, &title).to_string();
    let pillars = structural_or_words(ctx, full);
    let key = format!("{}/{}", ctx.platform(), title.to_lowercase());
    item(
        b,
        ctx,
        NodeKind::Challenge,
        &key,
        Sighting {
            title,
            summary: Some(text::summarize(&body, 240)),
            text: full.to_string(),
            source: Some(ctx.source(block.line)),
            strength: 1,
            ..Sighting::default()
        },
        &pillars,
    );
}

fn design_area(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, block: &Block, full: &str) {
    let title = listed_title(block);
    let title = title
        .split_once(": ")
        .map_or(title.clone(), |(t, _)| text::trim_title(t));
    if title.is_empty() {
        return;
    }
    let body = after_lead(full, &title)
        .trim_start_matches([':', ' '])
        .to_string();
    let key = format!(
        "{}/{}/{}",
        ctx.platform(),
        ctx.workload(),
        title.to_lowercase()
    );
    let n = item(
        b,
        ctx,
        NodeKind::DesignArea,
        &key,
        Sighting {
            title,
            summary: Some(text::summarize(&body, 240)),
            text: full.to_string(),
            source: Some(ctx.source(block.line)),
            strength: 1,
            ..Sighting::default()
        },
        &by_words(&body),
    );
    for link in block.links.iter().take(1) {
        let evidence = "design area links to its article".to_string();
        ctx.links
            .link(n, &link.target, EdgeKind::DetailedIn, evidence);
    }
}

/// Headings that close an article rather than state a principle.
const CLOSING_HEADINGS: &[&str] = &[
    "next step",
    "next steps",
    "related links",
    "related resources",
    "learn more",
    "see also",
    "related content",
];

/// In a pillar's design principles article, each second-level heading is a principle
/// ("Design for resilience"), its goal statement the text.
fn principle_heading(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>) {
    let section = ctx.section;
    let Some(pillar) = ctx.facts.pillar else {
        return;
    };
    if section.level != 2 || !ctx.doc.title.to_lowercase().contains("principles") {
        return;
    }
    let heading = section.heading.to_lowercase();
    if CLOSING_HEADINGS.contains(&heading.as_str())
        || vocab::pillar_named(&heading).is_some()
        || is_placeholder(&heading)
    {
        return;
    }
    let body: Vec<&str> = section.blocks.iter().map(|bl| bl.text.as_str()).collect();
    let body = body.join("\n");
    let title = text::trim_title(&section.heading);
    let key = format!(
        "{}/{}/{}/{}",
        ctx.platform(),
        ctx.workload(),
        pillar.value.id,
        title.to_lowercase()
    );
    let evidence = [PillarEvidence {
        pillar: pillar.value,
        evidence: format!("article pillar ({})", pillar.evidence),
    }];
    item(
        b,
        ctx,
        NodeKind::DesignPrinciple,
        &key,
        Sighting {
            title,
            summary: Some(text::summarize(&body, 240)),
            text: body,
            source: Some(ctx.source(section.line)),
            strength: 1,
            ..Sighting::default()
        },
        &evidence,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(code_of("SE:05").as_deref(), Some("SE:05"));
        assert_eq!(code_of("OE:04 OE:04").as_deref(), Some("OE:04"));
        assert_eq!(code_of("SE:055"), None);
        assert_eq!(code_of("Code"), None);
    }

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

    #[test]
    fn tradeoff_leads() {
        assert_eq!(
            tradeoff_rest("Tradeoff: Old versions."),
            Some("Old versions.")
        );
        assert_eq!(tradeoff_rest("Tradeoff"), Some(""));
        assert_eq!(tradeoff_rest("Tradeoffs between"), None);
    }
}
