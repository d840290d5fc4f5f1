//! A service guide's "Example architecture" section: the architectures it links to are the
//! service's, kept as links on its node.

use crate::extract::item::SectionCtx;
use crate::graph::builder::GraphBuilder;

use super::Rule;

/// The rule.
pub struct ExampleArchitecture;

impl Rule for ExampleArchitecture {
    fn section(&self, b: &mut GraphBuilder, ctx: &mut SectionCtx<'_, '_>) {
        example_architectures(b, ctx);
    }
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
        let links = &mut b.node_mut(service).rare_mut().links;
        if !links.contains(&l) {
            links.push(l);
        }
    }
}
