//! How a query was read, for people (`explain`, `--explain`, `:explain`) or as JSON.

use std::io::{self, Write};

use super::{Format, terminal};

/// Prints how `text` was read as `plan`.
pub fn explain(
    out: &mut dyn Write,
    text: &str,
    plan: &crate::query::Plan,
    format: Format,
) -> io::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({"query": text, "interpretation": plan}),
        )?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "query: {}", terminal::line(text))?;
    match &plan.form.form {
        crate::query::parse::Form::Search => writeln!(out, "form: search")?,
        crate::query::parse::Form::Neighbors(t) => {
            writeln!(out, "form: neighbors of `{t}` (nodes one edge away)")?
        }
        crate::query::parse::Form::LinksTo(t) => {
            writeln!(out, "form: links to `{t}` (nodes with an edge into it)")?
        }
        crate::query::parse::Form::Path(a, b) => writeln!(
            out,
            "form: path from `{a}` to `{b}` (shortest chain of edges)"
        )?,
    }
    for n in &plan.notes {
        writeln!(out, "  {n}")?;
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "any".to_string()
        } else {
            v.join(", ")
        }
    };
    let kinds: Vec<String> = plan.kinds.iter().map(|k| k.name().to_string()).collect();
    writeln!(
        out,
        "kinds: {}{}",
        list(&kinds),
        if plan.checklist {
            " (checklist items only)"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "pillars: {}{}",
        list(&plan.pillars),
        if plan.all_pillars {
            " (all of them)"
        } else {
            ""
        }
    )?;
    writeln!(out, "platforms: {}", list(&plan.platforms))?;
    writeln!(out, "workloads: {}", list(&plan.workloads))?;
    if !plan.services.is_empty() {
        writeln!(out, "services: {}", plan.services.join(", "))?;
    }
    writeln!(
        out,
        "read as: {}",
        match plan.reading {
            crate::query::plan::Reading::Question => "a question (vocabulary words filter)",
            crate::query::plan::Reading::Sentence =>
                "a sentence (vocabulary words only raise results)",
        }
    )?;
    if !plan.codes.is_empty() {
        writeln!(out, "codes: {}", plan.codes.join(", "))?;
    }
    writeln!(
        out,
        "full-text terms: {}",
        if plan.terms.is_empty() {
            "none".into()
        } else {
            plan.terms.join(" ")
        }
    )?;
    if !plan.named.is_empty() {
        let named: Vec<String> = plan.named.iter().map(|n| format!("\"{n}\"")).collect();
        writeln!(out, "names ranked as written: {}", named.join(" "))?;
    }
    if !plan.subjects.is_empty() {
        let named: Vec<String> = plan.subjects.iter().map(|n| format!("\"{n}\"")).collect();
        writeln!(
            out,
            "services ranked as written, in a title no more than in a text: {}",
            named.join(" ")
        )?;
    }
    if !plan.expansions.is_empty() {
        writeln!(
            out,
            "also ranked by (the guidance's words for everyday ones): {}",
            plan.expansions.join(" ")
        )?;
    }
    if !plan.boosts.kinds.is_empty() && plan.reading == crate::query::plan::Reading::Question {
        let kinds: Vec<&str> = plan.boosts.kinds.iter().map(|k| k.name()).collect();
        writeln!(out, "ranked higher: {}", kinds.join(", "))?;
    }
    if !plan.phrases.is_empty() {
        writeln!(
            out,
            "phrases: {}",
            plan.phrases
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(" ")
        )?;
    }
    for s in &plan.suggestions {
        writeln!(out, "hint: {s}")?;
    }
    Ok(())
}
