//! Rows of a design review checklist (`| ☐ | [SE:05](identity-access.md) | **Implement…** |`)
//! and the "applies to" box of an article that details a checklist item (`|**SE:05**|…|`).

use crate::corpus::markdown::{Block, BlockKind};
use crate::corpus::text;
use crate::extract::item::{PillarEvidence, SectionCtx, after_lead, is_draft, item, title_of};
use crate::graph::builder::{GraphBuilder, Sighting};
use crate::graph::{EdgeKind, NodeKind};
use crate::vocab;

use super::Rule;

/// The rule.
pub struct ChecklistRow;

impl Rule for ChecklistRow {
    fn block(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, i: usize) -> bool {
        let row = &ctx.section.blocks[i];
        row.kind == BlockKind::TableRow && checklist_row(b, ctx, row)
    }
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
}
