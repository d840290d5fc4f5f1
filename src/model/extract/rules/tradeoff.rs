//! Tradeoff callouts: `**Tradeoff: Title.** Text` or `**Tradeoff**: Text`, usually behind
//! the trade-off icon, with the bullets after them as their explanation; filed under the
//! two pillars a "X tradeoffs with Y" heading names.

use crate::corpus::markdown::{Block, BlockKind};
use crate::corpus::text;
use crate::extract::item::{
    PillarEvidence, SectionCtx, after_lead, by_words, is_placeholder, item, structural_or_words,
};
use crate::graph::NodeKind;
use crate::graph::builder::{GraphBuilder, Sighting};
use crate::vocab;

use super::Rule;

/// The rule.
pub struct Tradeoff;

impl Rule for Tradeoff {
    fn block(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, i: usize) -> bool {
        let blocks = &ctx.section.blocks;
        if !is_tradeoff(&blocks[i]) {
            return false;
        }
        tradeoff(b, ctx, &blocks[i], &blocks[i + 1..]);
        true
    }
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
    // Behind the icon, a bold title alone names the tradeoff the next blocks explain
    // ("**Federated versus distributed approach**" in the API Management guide).
    lead_says
        || (block.tradeoff_icon && (tradeoff_rest(&block.text).is_some() || block.lead.is_some()))
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
    // The bullets that follow a tradeoff explain it; under a title alone, the paragraphs
    // too.
    let titled_only = tradeoff_rest(lead).is_none() && after_lead(&block.text, lead).is_empty();
    let mut text = body.clone();
    for next in after.iter().take_while(|n| {
        !is_tradeoff(n)
            && (n.kind == BlockKind::ListItem
                || (titled_only && n.kind == BlockKind::Paragraph && n.lead.is_none()))
    }) {
        text.push('\n');
        text.push_str(&next.text);
    }
    let body = if titled_only && body.trim() == title {
        text.clone()
    } else {
        body
    };
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

#[cfg(test)]
mod tests {
    use super::*;

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
