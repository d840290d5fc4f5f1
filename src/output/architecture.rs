//! Writing an architecture and the answers scoped to it (issue 21). Every name and path
//! here comes from the templates read, so it is escaped like an article's text.
//!
//! `guidegraph architecture --format json DIR` prints one **architecture** object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `paths` | array of string | the files and folders given |
//! | `files` | integer | how many templates were read (ARM JSON, Bicep, Terraform) |
//! | `resources` | array of resource | in file and line order |
//! | `services` | array of `{id, name, resources}` | the service guides that apply, by name; `resources` are positions in `resources` |
//! | `warnings` | array of `{file, line, message}` | files that did not parse (with the line), links not followed, modules not found; `line` may be null |
//!
//! Each **resource**: `file`, `line`; `language` (`arm`, `bicep`, `terraform`); `declared`
//! (the type, module or Terraform type as written); `name`; `type` (the ARM type, or null
//! when it cannot be told); `kind` (a literal kind, or null) and `kind_computed`;
//! `existing`; `repeated` (in a loop); `via` (the module references and inline
//! deployments that led to it, `file:line`); `note` (why the type is unknown, or what the
//! resource is instead); `not_azure`; `standing` — `guide`, `no-guide`, `unknown`,
//! `not-azure`; `services` (`{id, name}` of the guides that cover it); `products` (the
//! products without a guide it is, such as `Azure Container Registry`).
//!
//! `guidegraph query --architecture DIR --format json QUERY` prints one **scoped answer**:
//! `query`; `architecture` (`paths`, `files`, `resources` and `warnings` counted,
//! `services`); `parts`, each an answer object of `docs/answer.schema.json` (the question
//! as asked of its part in `query`) with `heading`, `service` (`{id, name}`, null for the
//! pillars' part) and `applies_to` (the resources its items apply to: `file`, `line`,
//! `type`, `name`, `existing`); `without_guide` (the resources no guide covers, as above);
//! `messages`.

use std::io::{self, Write};

use super::{
    Format, Style, bold, checklist_section, csv_header, csv_rows, md, md_code, padded, shrink,
};
use crate::scope::{Placed, PlacedResource, ResourceRef, ScopedAnswer, Standing};
use crate::terminal::line;

/// A resource as Markdown names it: `` `file:line` name ``.
pub fn md_resource(r: &ResourceRef) -> String {
    format!(
        "`{}` {}{}",
        md_code(&r.location()),
        md(&r.name),
        if r.existing { " (existing)" } else { "" }
    )
}

/// What covers a resource, in words.
pub fn guide_of(r: &PlacedResource) -> String {
    match r.standing {
        Standing::Guide => r
            .services
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        Standing::NoGuide if r.products.is_empty() => "no service guide".into(),
        Standing::NoGuide => format!("no service guide ({})", r.products.join(", ")),
        Standing::Unknown => match &r.resource.note {
            Some(n) => format!("unknown: {n}"),
            None => "unknown type".into(),
        },
        Standing::NotAzure => r
            .resource
            .note
            .clone()
            .unwrap_or_else(|| "not an Azure resource".into()),
    }
}

fn name_of(r: &PlacedResource) -> String {
    let mut name = r.resource.name.clone();
    if r.resource.existing {
        name.push_str(" (existing)");
    }
    if r.resource.repeated {
        name.push_str(" (loop)");
    }
    name
}

fn type_of(r: &PlacedResource) -> String {
    r.resource
        .arm_type
        .clone()
        .unwrap_or_else(|| r.resource.declared.clone())
}

/// The resources of an architecture and what covers each: a table, or JSON.
pub fn placed(w: &mut dyn Write, p: &Placed, json: bool, style: Style) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *w, p)?;
        return writeln!(w);
    }
    let rows: Vec<[String; 5]> = p
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| {
            [
                (i + 1).to_string(),
                line(&r.resource.location()).into_owned(),
                line(&name_of(r)).into_owned(),
                line(&type_of(r)).into_owned(),
                line(&guide_of(r)).into_owned(),
            ]
        })
        .collect();
    grid(
        w,
        ["#", "source", "resource", "type", "guide"],
        &rows,
        style,
    )?;
    writeln!(w)?;
    let count = |s: Standing| p.resources.iter().filter(|r| r.standing == s).count();
    if p.services.is_empty() {
        writeln!(w, "No resource has a service guide.")?;
    } else {
        let names: Vec<String> = p
            .services
            .iter()
            .map(|s| format!("{} ({})", s.service.name, s.resources.len()))
            .collect();
        writeln!(
            w,
            "{} service guide{}: {}",
            p.services.len(),
            if p.services.len() == 1 { "" } else { "s" },
            names.join(", ")
        )?;
    }
    writeln!(
        w,
        "{} resources in {} files: {} with a service guide, {} without, {} of unknown type, {} not Azure",
        p.resources.len(),
        p.files,
        count(Standing::Guide),
        count(Standing::NoGuide),
        count(Standing::Unknown),
        count(Standing::NotAzure),
    )
}

/// A table of `N` columns (number, source, name, …, type, guide) fitted to the terminal:
/// the source is cut first, from the left down to its file and line, then the name, the
/// type and the guide.
fn grid<const N: usize>(
    w: &mut dyn Write,
    header: [&str; N],
    rows: &[[String; N]],
    style: Style,
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    if let Some(total) = style.width {
        let file_names = rows
            .iter()
            .map(|r| r[1].rsplit('/').next().map_or(0, |f| f.chars().count() + 1))
            .max()
            .unwrap_or(0);
        shrink(
            &mut widths,
            total,
            &[(1, file_names), (2, 20), (N - 2, 30), (N - 1, 24)],
        );
    }
    let head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    writeln!(w, "{}", bold(padded(&head, &widths, 1), style))?;
    for row in rows {
        writeln!(w, "{}", padded(row, &widths, 1))?;
    }
    Ok(())
}

/// A question answered for an architecture, in `format`: a section per part (the pillars',
/// then each service guide's, naming the resources it applies to), then the resources no
/// guide covers. Table rows are numbered as one list across the parts.
pub fn scoped(w: &mut dyn Write, a: &ScopedAnswer, format: Format, style: Style) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, a)?;
            writeln!(w)
        }
        Format::Csv => {
            csv_header(w)?;
            for p in &a.parts {
                csv_rows(w, Some(&p.heading), &p.answer.results)?;
            }
            Ok(())
        }
        Format::Markdown => {
            for (i, p) in a.parts.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                checklist_section(w, Some(&p.heading), &p.answer, &p.applies_to)?;
            }
            without_guide_markdown(w, &a.without_guide)
        }
        Format::Table => {
            let mut number = 1;
            for (i, p) in a.parts.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                let heading = line(&p.heading).into_owned();
                writeln!(
                    w,
                    "{}",
                    if style.color {
                        format!("\x1b[1m{heading}\x1b[0m")
                    } else {
                        heading
                    }
                )?;
                if !p.applies_to.is_empty() {
                    let all: Vec<String> = p
                        .applies_to
                        .iter()
                        .map(|r| {
                            format!(
                                "{} {}{}",
                                r.location(),
                                r.name,
                                if r.existing { " (existing)" } else { "" }
                            )
                        })
                        .collect();
                    writeln!(w, "applies to: {}", line(&all.join(", ")))?;
                }
                if p.answer.results.is_empty() {
                    writeln!(w, "(nothing in the guidance for this)")?;
                } else {
                    super::table_from(w, &p.answer.results, style, number)?;
                    number += p.answer.results.len();
                }
            }
            if !a.without_guide.is_empty() {
                writeln!(w)?;
                writeln!(w, "resources without a service guide:")?;
                let rows: Vec<[String; 5]> = a
                    .without_guide
                    .iter()
                    .map(|r| {
                        [
                            String::new(),
                            line(&r.resource.location()).into_owned(),
                            line(&name_of(r)).into_owned(),
                            line(&type_of(r)).into_owned(),
                            line(&guide_of(r)).into_owned(),
                        ]
                    })
                    .collect();
                grid(w, ["", "source", "resource", "type", "guide"], &rows, style)?;
            }
            Ok(())
        }
    }
}

/// The resources no guide covers, as a Markdown section (nothing when there are none).
pub fn without_guide_markdown(w: &mut dyn Write, list: &[PlacedResource]) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(w)?;
    writeln!(w, "## Resources without a service guide")?;
    writeln!(w)?;
    for r in list {
        writeln!(
            w,
            "- {} — {} — {}",
            md_resource(&ResourceRef::of(&r.resource)),
            md(&type_of(r)),
            md(&guide_of(r))
        )?;
    }
    Ok(())
}
