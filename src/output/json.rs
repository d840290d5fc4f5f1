//! The JSON output, and its contract. `docs/answer.schema.json` is the same contract as a
//! JSON Schema, and a test checks real answers against it.
//!
//! `guidegraph query --format json QUERY` prints one **answer** object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `query` | string | the query as given |
//! | `interpretation` | object | how it was read (below) |
//! | `total` | integer | how many results there were in all; `results` holds the first `--limit` of them |
//! | `results` | array of result | best first |
//! | `messages` | array of string | what a person would read on stderr: a correction ("no results for … showing results for …"), a loosened filter, a word this index does not know, "did you mean" |
//!
//! Each **result**:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `id` | string | stable id, derived from what the node is (`recommendation:azure-se-05`) |
//! | `kind` | string | `framework` `platform` `pillar` `workload` `service` `design-area` `design-principle` `challenge` `recommendation` `tradeoff` `article` `section` |
//! | `title` | string | |
//! | `code` | string or null | checklist code (`SE:05`) |
//! | `summary` | string | one or two sentences |
//! | `pillars`, `platforms`, `workloads`, `services` | array of string | names (`Security`, `Power Platform`, `AI`, `Azure Kubernetes Service`); an item lists only pillars its platform publishes |
//! | `sources` | array of `{corpus, path, heading, line}` | where it was read, the strongest first |
//! | `group` | string, optional | the list it sits in, in a service guide (`Configuration recommendations`) |
//! | `scope` | string, optional | what a service guide's row applies to (`Cluster`) |
//! | `benefit` | string, optional | a recommendation table's benefit column |
//! | `draft` | boolean | a placeholder the guidance has not written yet |
//! | `links` | array of `{text, target}`, optional | pages the node points to (a service's example architectures) |
//! | `url` | string, optional | the published page of its article, with the heading's anchor |
//! | `score` | number | ranking score; only the order means something |
//! | `relation` | string, optional | for `neighbors of`, `links to` and `path from`: how it relates to the node explored from |
//!
//! The **interpretation**: `form` (`search`, `neighbors`, `links-to`, `path`) and, for the
//! exploration forms, `targets` (a string, or two for `path`); `reading` (`question` or
//! `sentence`); the filters read — `kinds`, `checklist`, `pillars`, `all_pillars`,
//! `platforms`, `workloads`, `codes`, `services`; the full-text `terms` and quoted
//! `phrases`; `boosts` (`kinds`, `pillars`, `platforms`, `workloads`, `services` that only
//! raise results); `notes` (how each part was read, and `relaxed: …` for each loosening);
//! `suggestions` ("did you mean").
//!
//! `guidegraph run --format json FILE` prints an array of answers, one per query of the
//! script, each with its `heading` when the script gave one.
//!
//! An error is a **failure** object on stdout, `{"error": {"code", "message"}}`, with the
//! exit status as for text output; `code` is one of [`crate::error::Error::code`]'s.

use std::io::{self, Write};

use super::Titled;
use crate::error::Error;
use crate::query::Answer;

/// Writes one answer.
pub fn answer(w: &mut dyn Write, a: &Answer) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, a)?;
    writeln!(w)
}

/// Writes the answers of a `run` script.
pub fn answers(w: &mut dyn Write, parts: &[Titled<'_>]) -> io::Result<()> {
    for (i, p) in parts.iter().enumerate() {
        answers_item(w, p, i == 0)?;
    }
    answers_end(w, parts.len())
}

/// Writes one answer of a `run` script's array as `serde_json`'s pretty printer lays out
/// an array, so the answers can be written as they come.
pub fn answers_item(w: &mut dyn Write, part: &Titled<'_>, first: bool) -> io::Result<()> {
    let text = serde_json::to_string_pretty(part)?;
    w.write_all(if first { b"[\n" } else { b",\n" })?;
    // JSON strings hold no raw line breaks, so every line break is the layout's.
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
        }
        write!(w, "  {line}")?;
    }
    Ok(())
}

/// Closes a `run` script's array of `parts` answers.
pub fn answers_end(w: &mut dyn Write, parts: usize) -> io::Result<()> {
    if parts == 0 {
        writeln!(w, "[]")
    } else {
        writeln!(w, "\n]")
    }
}

/// Writes an error as a failure object.
pub fn error(w: &mut dyn Write, e: &Error) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &serde_json::json!({ "error": e.to_json() }))?;
    writeln!(w)
}
