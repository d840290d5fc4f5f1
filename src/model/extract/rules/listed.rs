//! Entries of a list (list items, or the rows of a one-column table) that a heading or a
//! table header names: challenges, design areas, a checklist callout's recommendations,
//! and a service guide's policy and Advisor lists. Sub-bullets detail their entry.

use crate::corpus::markdown::{Block, BlockKind};
use crate::corpus::text;
use crate::extract::item::{
    SectionCtx, after_lead, by_words, header_is, heading_is_about, is_draft, is_placeholder, item,
    listed_text, listed_title, split_scope, structural_or_words, title_of,
};
use crate::graph::builder::{GraphBuilder, Sighting};
use crate::graph::{EdgeKind, NodeKind};

use super::Rule;

/// Lists named by their heading.
pub struct Listed;

impl Rule for Listed {
    fn block(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, i: usize) -> bool {
        let blocks = &ctx.section.blocks;
        let block = &blocks[i];
        let heading = ctx.section.heading.to_lowercase();
        // A service guide's "Azure policies" and "Azure Advisor recommendations" lists.
        let service_list = ctx.facts.service.is_some()
            && (heading.contains("polic") || heading.contains("advisor"));
        // A service guide's checklist heading holds its checklist even where a line of the
        // source breaks the callout that should frame it (a table row without its `>`).
        let service_checklist = ctx.facts.service.is_some() && heading.contains("checklist");
        let Some(text) = listed_text(blocks, i) else {
            return false;
        };
        if heading_is_about(&heading, "challenge") {
            challenge(b, ctx, block, &text);
        } else if heading.contains("design area") {
            design_area(b, ctx, block, &text);
        } else if block.kind == BlockKind::ListItem
            && (block.callout.as_deref() == Some("div class=\"checklist\"") || service_checklist)
        {
            listed_recommendation(b, ctx, block, &text, true);
        } else if service_list && block.kind == BlockKind::ListItem {
            listed_recommendation(b, ctx, block, &text, false);
        } else {
            return false;
        }
        true
    }
}

/// Tables as lists: a table whose header names a kind yields one item per row, whatever
/// the heading above it says (SaaS's "Design areas" table).
pub struct TableList;

impl Rule for TableList {
    fn block(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, i: usize) -> bool {
        let block = &ctx.section.blocks[i];
        if block.kind != BlockKind::TableRow || block.is_header {
            return false;
        }
        if header_is(block, &["design area"]) {
            design_area(b, ctx, block, &block.text);
        } else if header_is(block, &["challenge"]) {
            challenge(b, ctx, block, &block.text);
        } else {
            return false;
        }
        true
    }
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
