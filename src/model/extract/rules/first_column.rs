//! Tables whose first column names an item and the others describe it: "Design principle |
//! Considerations" rows are principles; "Recommendation | Benefit" and "Approach | Benefit"
//! rows recommendations, with a service guide's scope ("(Cluster)") and benefit as fields.

use crate::corpus::markdown::{Block, BlockKind};
use crate::corpus::text;
use crate::extract::item::{
    SectionCtx, header_is, is_draft, item, split_scope, structural_or_words, title_of,
};
use crate::graph::NodeKind;
use crate::graph::builder::{GraphBuilder, Sighting};

use super::Rule;

/// The rule.
pub struct FirstColumnRow;

impl Rule for FirstColumnRow {
    fn block(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, i: usize) -> bool {
        let row = &ctx.section.blocks[i];
        row.kind == BlockKind::TableRow && first_column_row(b, ctx, row)
    }
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
        _ => ctx.doc.key.clone(),
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
