//! Bold lead-ins outside checklists: a list item or paragraph that opens with a bold term
//! and goes on to explain it (SaaS's "**Noisy neighbor problem**. Be aware …", HPC's
//! "**Job state preservation:** Long-running jobs …"), and a bold line standing alone
//! over the paragraphs that explain it ("**Customer Managed Key**" in a Power Platform
//! facilitation section). Each is an item of its own, so a question that names it finds
//! it rather than the section around it: a challenge under a heading about challenges,
//! risks or problems, a design principle under one about principles; otherwise a
//! recommendation, as a design consideration is advice.

use crate::corpus::markdown::{Block, BlockKind};
use crate::corpus::text;
use crate::extract::item::{
    SectionCtx, after_lead, heading_is_about, is_placeholder, is_pointer_heading, item,
    listed_text, structural_or_words,
};
use crate::graph::NodeKind;
use crate::graph::builder::{GraphBuilder, Sighting};

use super::Rule;

/// The rule.
pub struct LeadIn;

/// Bold words that label a block rather than name a thing ("**Note**:", "**Example**:",
/// "**Risk**:"): such a block is no item.
const LABELS: &[&str] = &[
    "applies to",
    "benefit",
    "benefits",
    "caution",
    "example",
    "examples",
    "for example",
    "goal",
    "important",
    "impact",
    "learn more",
    "note",
    "outcome",
    "result",
    "risk",
    "scenario",
    "step",
    "tip",
    "tradeoff",
    "trade-off",
    "warning",
];

/// The longest title a lead-in is taken as (longer bold text is emphasis, not a name).
const MAX_TITLE_WORDS: usize = 12;

impl Rule for LeadIn {
    fn block(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>, i: usize) -> bool {
        let blocks = &ctx.section.blocks;
        let block = &blocks[i];
        if !matches!(block.kind, BlockKind::ListItem | BlockKind::Paragraph)
            || block.callout.as_deref().is_some_and(|c| c != "quote")
        {
            return false;
        }
        let heading = ctx.section.heading.to_lowercase();
        if is_pointer_heading(&heading) {
            return false;
        }
        let Some(lead) = block.lead.as_deref() else {
            return false;
        };
        let title = text::trim_title(lead);
        if !is_name(&title) {
            return false;
        }
        let rest = after_lead(&block.text, lead);
        if is_attribute_or_definition(rest) || emphasis_in_a_sentence(&block.text, lead) {
            return false;
        }
        let full = if !rest.trim().is_empty() {
            match block.kind {
                BlockKind::ListItem => match listed_text(blocks, i) {
                    Some(t) => t,
                    None => return false,
                },
                _ => block.text.clone(),
            }
        } else if block.kind == BlockKind::Paragraph {
            // A bold line alone names the paragraphs under it.
            // Not when all it heads is the lead-in to a list ("**Technology scope**" over
            // "This review focuses on … the following Azure resources:").
            let explained = explanation(&blocks[i + 1..]);
            if explained.is_empty() || is_attribute_or_definition(&explained) {
                return false;
            }
            format!("{title}\n{explained}")
        } else {
            return false;
        };
        let body = after_lead(&full, lead).trim().to_string();
        let kind = if ["challenge", "risk", "problem", "pitfall", "concern"]
            .iter()
            .any(|noun| heading_is_about(&heading, noun))
        {
            NodeKind::Challenge
        } else if ctx.section.level == 2 && heading_is_about(&heading, "principle") {
            // An article's own section of principles ("## Core principles of responsible
            // AI": Fairness, Accountability, …). Deeper down, principles are the detail of
            // one recommendation ("### Core security principles" under "Design a security
            // strategy"), which stays advice.
            NodeKind::DesignPrinciple
        } else {
            NodeKind::Recommendation
        };
        // A principle belongs to a pillar by where it is written, never by its words:
        // "Ethics: Foster an inclusive workforce …" is no performance principle.
        let words = if kind == NodeKind::DesignPrinciple {
            ""
        } else {
            full.as_str()
        };
        let pillars = structural_or_words(ctx, words);
        let scope = match &ctx.facts.service {
            Some(_) => ctx.entry_key(&title),
            None => "-".to_string(),
        };
        let key = match kind {
            NodeKind::Challenge => format!("{}/{}", ctx.platform(), title.to_lowercase()),
            _ => format!("{}/{scope}/{}", ctx.platform(), title.to_lowercase()),
        };
        item(
            b,
            ctx,
            kind,
            &key,
            Sighting {
                title,
                summary: (!body.is_empty()).then(|| text::summarize(&body, 240)),
                text: full,
                source: Some(ctx.source(block.line)),
                strength: 1,
                ..Sighting::default()
            },
            &pillars,
        );
        true
    }
}

/// Whether bold text reads as the name of something: a few words, not a label, not a
/// sentence.
fn is_name(title: &str) -> bool {
    let words: Vec<String> = text::words(title).collect();
    if words.is_empty() || words.len() > MAX_TITLE_WORDS || is_placeholder(title) {
        return false;
    }
    let lower = words.join(" ");
    if LABELS
        .iter()
        .any(|l| lower == *l || lower.starts_with(&format!("{l} ")))
    {
        return false;
    }
    // "Step 1", "Option 2": numbered labels.
    !(words.len() <= 2 && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit())))
}

/// The fewest words that explain a lead-in: "**Criticality rating**: Medium" is a field of
/// an example, not advice.
const MIN_EXPLANATION_WORDS: usize = 6;

/// Whether the text after a bold term only gives a value ("Productivity (Low)") or defines
/// the term ("is existing data in production", "measures the time between …"): a glossary
/// or an example's fields, not an item.
fn is_attribute_or_definition(rest: &str) -> bool {
    let rest = rest.trim();
    if rest.is_empty() {
        return false;
    }
    // "**Technology scope** This review focuses on the following resources:" introduces
    // a list; it is not a thing of its own. One that says something first ("**Avoid
    // singletons.** You should avoid … Explore some examples:") is.
    if rest.ends_with(':') {
        return true;
    }
    let words: Vec<String> = text::words(rest).take(MIN_EXPLANATION_WORDS).collect();
    if words.len() < MIN_EXPLANATION_WORDS {
        return true;
    }
    matches!(
        words[0].as_str(),
        "is" | "are" | "was" | "means" | "measures" | "refers" | "describes" | "represents"
    )
}

/// Whether the bold words only stress the start of a sentence that goes on ("**Establish a
/// security baseline** that's aligned to …", "**Use a secret management system**, like Key
/// Vault, …"): the article restating a checklist item, or a step of a procedure, not a
/// thing it names. A name in title case ("**Default Environment Routing** moves makers
/// …") and a term followed by a colon or a full stop are names.
fn emphasis_in_a_sentence(text: &str, lead: &str) -> bool {
    let Some(after) = text.strip_prefix(lead) else {
        return false;
    };
    let after = after.trim_start();
    // An instruction complete in itself, then why, how or when ("**Disable legacy
    // authentication methods** because they're frequently attack vectors", "**Use
    // architecture decision records (ADRs)** to keep a historical record"): the bold words
    // name the advice, as a heading would.
    let next = after
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or_default();
    if REASONS.contains(&next) {
        return false;
    }
    let continues = after
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == ',' || c == ';' || c == '(');
    if !continues {
        return false;
    }
    let title_case = lead
        .split_whitespace()
        .filter(|w| w.len() > 3)
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    !title_case
}

/// Words that go on from a complete instruction to say why, how or when it applies.
const REASONS: &[&str] = &[
    "because", "by", "instead", "since", "so", "to", "unless", "when", "whenever", "where",
    "whether", "while",
];

/// The paragraphs after a bold line, up to the next bold line, list or table.
fn explanation(after: &[Block]) -> String {
    let mut out = String::new();
    for next in after {
        if next.kind != BlockKind::Paragraph || next.lead.is_some() {
            break;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&next.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_definitions_are_not_items() {
        assert!(is_attribute_or_definition("Productivity (Low)"));
        assert!(is_attribute_or_definition(
            "is existing data in production. This data can be structured."
        ));
        assert!(!is_attribute_or_definition(
            "Be aware of the noisy neighbor problem when sharing resources among tenants."
        ));
        assert!(!is_attribute_or_definition(""));
    }

    #[test]
    fn stress_is_not_a_name() {
        assert!(emphasis_in_a_sentence(
            "Establish a security baseline that's aligned to compliance requirements.",
            "Establish a security baseline"
        ));
        assert!(emphasis_in_a_sentence(
            "Use a secret management system, like Azure Key Vault, to store secrets.",
            "Use a secret management system"
        ));
        assert!(!emphasis_in_a_sentence(
            "Default Environment Routing moves makers away from the default environment.",
            "Default Environment Routing"
        ));
        // A complete instruction, then why or how: the bold words name the advice.
        assert!(!emphasis_in_a_sentence(
            "Disable legacy authentication methods because they're frequently attack vectors.",
            "Disable legacy authentication methods"
        ));
        assert!(!emphasis_in_a_sentence(
            "Use architecture decision records (ADRs) to keep a historical record.",
            "Use architecture decision records (ADRs)"
        ));
        assert!(!emphasis_in_a_sentence(
            "Noisy neighbor problem. Be aware of the noisy neighbor problem.",
            "Noisy neighbor problem"
        ));
        assert!(!emphasis_in_a_sentence(
            "Job state preservation: Long-running jobs are vulnerable.",
            "Job state preservation:"
        ));
    }

    #[test]
    fn names_not_labels() {
        assert!(is_name("Noisy neighbor problem"));
        assert!(is_name("Customer Managed Key"));
        assert!(!is_name("Note"));
        assert!(!is_name("Example"));
        assert!(!is_name("Step 2"));
        assert!(!is_name(
            "This is a whole sentence in bold that goes on and on about many different things"
        ));
    }
}
