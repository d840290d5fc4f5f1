//! In a pillar's design principles article, each second-level heading is a principle
//! ("Design for resilience"), its goal statement the text.

use crate::corpus::text;
use crate::extract::item::{PillarEvidence, SectionCtx, is_placeholder, item};
use crate::graph::NodeKind;
use crate::graph::builder::{GraphBuilder, Sighting};
use crate::vocab;

use super::Rule;

/// The rule.
pub struct PrincipleHeading;

impl Rule for PrincipleHeading {
    fn section(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>) {
        principle_heading(b, ctx);
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
