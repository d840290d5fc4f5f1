//! The extraction rules, as a list. Each rule owns one shape of the guidance and lives in a
//! file of its own; a new shape (a new kind of table, a new service-guide list) is a new
//! file and a line in [`RULES`].
//!
//! Every block of a section is offered to the rules in order, and the first that takes it
//! makes its item; then each rule sees the whole section once (headings that are items
//! themselves, links a section gathers). Rules look at the shape of the text — a table
//! with a `Code` column, a list under a "challenges" heading, a bold `Tradeoff:` lead-in —
//! never at any one article, and record on each edge why they filed an item where they
//! did.

mod checklist_row;
mod example_architecture;
mod first_column;
mod lead_in;
mod listed;
mod principle_heading;
mod tradeoff;

use crate::extract::item::SectionCtx;
use crate::graph::builder::GraphBuilder;

/// One rule of extraction.
pub trait Rule: Sync {
    /// Takes block `i` of the section when it has this rule's shape; true when it did,
    /// and no later rule sees the block.
    fn block(&self, _b: &mut GraphBuilder, _ctx: &mut SectionCtx<'_, '_>, _i: usize) -> bool {
        false
    }

    /// Runs once for the whole section, after its blocks.
    fn section(&self, _b: &mut GraphBuilder, _ctx: &mut SectionCtx<'_, '_>) {}
}

/// The rules, in the order blocks are offered to them: table shapes first (a checklist
/// row before a recommendation table before a table read as a list), then callouts, then
/// lists named by their heading, and last any bold lead-in that no shape above took.
pub static RULES: &[&dyn Rule] = &[
    &checklist_row::ChecklistRow,
    &first_column::FirstColumnRow,
    &listed::TableList,
    &tradeoff::Tradeoff,
    &listed::Listed,
    &principle_heading::PrincipleHeading,
    &example_architecture::ExampleArchitecture,
    &lead_in::LeadIn,
];

/// Runs every rule over one section.
pub fn extract_items(b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>) {
    for i in 0..ctx.section.blocks.len() {
        for rule in RULES {
            if rule.block(b, ctx, i) {
                break;
            }
        }
    }
    for rule in RULES {
        rule.section(b, ctx);
    }
}
