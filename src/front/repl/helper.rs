//! rustyline's helper for the REPL: completion of the vocabulary, filter names, entity
//! titles and meta-commands; hints from history; highlighting of the words the query
//! language recognises; and multi-line input while a quote is open.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rustyline::completion::{Completer, Pair};

use crate::terminal;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use crate::engine::Engine;
use crate::graph::{Node, NodeKind};
use crate::query::{lex, plan};
use crate::vocab;

/// The meta-commands, for completion and `:help`.
pub const META: &[&str] = &[
    ":help",
    ":explain",
    ":show",
    ":neighbors",
    ":open",
    ":format",
    ":limit",
    ":save",
    ":architecture",
    ":stats",
    ":quit",
];

pub struct ReplHelper {
    /// Vocabulary phrases and filter names, completed as typed.
    words: Vec<String>,
    /// Where entity titles come from, read on the first completion that wants them.
    engine: Option<Arc<Engine>>,
    /// Entity titles, completed in quotes when they hold spaces.
    titles: OnceLock<Vec<String>>,
    hinter: HistoryHinter,
    color: bool,
}

impl ReplHelper {
    pub fn new(engine: Arc<Engine>, color: bool) -> ReplHelper {
        ReplHelper::with_titles(Some(engine), None, color)
    }

    fn with_titles(
        engine: Option<Arc<Engine>>,
        titles: Option<Vec<String>>,
        color: bool,
    ) -> ReplHelper {
        // Canonical names only: completing "secu" should give "security", not the alias
        // "secure" the query language also accepts.
        let mut words: Vec<String> = [
            "tradeoffs between",
            "checklist",
            "service guide for",
            "related to",
            "neighbors of",
            "links to",
            "path from",
            "explain",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every kind by the plural a question uses, from the one table of kinds.
        words.extend(
            crate::graph::KINDS
                .iter()
                .filter(|k| k.kind != crate::graph::NodeKind::Framework)
                .map(|k| k.plural.to_string()),
        );
        words.extend(lex::FILTER_KEYS.iter().map(|k| format!("{k}:")));
        words.extend(vocab::PILLARS.iter().map(|p| p.name.to_lowercase()));
        words.extend(vocab::PLATFORMS.iter().map(|p| p.name.to_string()));
        words.extend(
            vocab::WORKLOADS
                .iter()
                .map(|w| format!("{} workloads", w.name)),
        );
        match &engine {
            Some(engine) => words.extend(engine.vocabulary().service_names().map(str::to_string)),
            None => words.extend(vocab::services().iter().map(|s| s.name.clone())),
        }
        words.push("services".to_string());
        words.sort();
        words.dedup();
        let cell = OnceLock::new();
        if let Some(t) = titles {
            let _ = cell.set(t);
        }
        ReplHelper {
            words,
            engine,
            titles: cell,
            hinter: HistoryHinter::new(),
            color,
        }
    }

    /// Titles of everything but sections, loaded from the graph once.
    fn titles(&self) -> &[String] {
        self.titles.get_or_init(|| {
            let Some(nodes) = self.engine.as_ref().and_then(|e| e.nodes().ok()) else {
                return Vec::new();
            };
            titles_of(nodes)
        })
    }

    /// Values a `key:` filter can take; services are this index's.
    fn filter_values(&self, key: &str) -> Vec<String> {
        match key {
            "kind" => NodeKind::ALL.iter().map(|k| k.name().to_string()).collect(),
            "pillar" => vocab::PILLARS.iter().map(|p| p.id.to_string()).collect(),
            "platform" => vocab::PLATFORMS.iter().map(|p| p.id.to_string()).collect(),
            "workload" => vocab::WORKLOADS.iter().map(|w| w.id.to_string()).collect(),
            "service" => self.engine.as_ref().map_or_else(Vec::new, |e| {
                e.vocabulary()
                    .services()
                    .iter()
                    .map(|s| s.id.clone())
                    .collect()
            }),
            _ => Vec::new(),
        }
    }

    /// Completions for the text before the cursor: (where the replaced text starts, pairs).
    pub fn candidates(&self, before: &str) -> (usize, Vec<Pair>) {
        let pair = |s: &str| Pair {
            display: s.to_string(),
            replacement: s.to_string(),
        };
        if before.starts_with(':') && !before.contains(' ') {
            let found = META
                .iter()
                .filter(|m| m.starts_with(before))
                .map(|m| pair(m))
                .collect();
            return (0, found);
        }
        let word_start = before.rfind([' ', '"']).map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if let Some((key, value)) = word.split_once(':')
            && lex::FILTER_KEYS.contains(&key)
        {
            let found = self
                .filter_values(key)
                .into_iter()
                .filter(|v| v.starts_with(&value.to_lowercase()))
                .map(|v| pair(&v))
                .collect();
            return (word_start + key.len() + 1, found);
        }
        // Try the longest run of trailing words first, so "cost opt" completes as a phrase.
        let mut starts: Vec<usize> = before
            .char_indices()
            .filter(|(i, c)| *c == ' ' && *i + 1 < before.len())
            .map(|(i, _)| i + 1)
            .collect();
        starts.insert(0, 0);
        let quoted_from = before
            .rfind('"')
            .filter(|_| before.matches('"').count() % 2 == 1);
        if let Some(q) = quoted_from {
            starts.retain(|&s| s > q);
            starts.insert(0, q);
        }
        // At most the last five words, earliest (longest) first.
        for &start in &starts[starts.len().saturating_sub(5)..] {
            let typed = before[start..].trim_start_matches('"').to_lowercase();
            if typed.trim().is_empty() {
                continue;
            }
            let mut found: Vec<Pair> = self
                .words
                .iter()
                .filter(|w| w.to_lowercase().starts_with(&typed) && w.to_lowercase() != typed)
                .map(|w| pair(w))
                .collect();
            // Titles come in quotes, so they are offered only when no vocabulary word fits
            // (or a quote was opened): mixed in, they would leave no common prefix to insert.
            let quoted = before[start..].starts_with('"');
            if !found.is_empty() && !quoted {
                return (start, found);
            }
            for t in self
                .titles()
                .iter()
                .filter(|t| t.to_lowercase().starts_with(&typed))
            {
                let replacement = if t.contains(' ') {
                    format!("\"{t}\"")
                } else {
                    t.clone()
                };
                found.push(Pair {
                    display: t.clone(),
                    replacement,
                });
            }
            if !found.is_empty() {
                found.truncate(50);
                return (start, found);
            }
        }
        (word_start, Vec::new())
    }
}

fn titles_of<'a>(nodes: impl Iterator<Item = &'a Node>) -> Vec<String> {
    let mut titles: Vec<String> = nodes
        .filter(|n| n.kind != NodeKind::Section)
        .map(|n| n.title.clone())
        .filter(|t| t.len() <= 80)
        // A title with control characters cannot be typed, and a completion list would
        // send them to the terminal raw.
        .filter(|t| t == &terminal::line(t))
        .collect();
    titles.sort_by_key(|t| t.to_lowercase());
    titles.dedup();
    titles
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.candidates(&line[..pos]))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    /// A hint comes from the history file, which anything may have written: its control
    /// characters are shown escaped, never sent to the terminal (an OSC 52 in it reached
    /// the clipboard, issue 17).
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter
            .hint(line, pos, ctx)
            .map(|h| terminal::line(&h).into_owned())
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.color || line.starts_with(':') {
            return Cow::Borrowed(line);
        }
        let Ok(tokens) = lex::lex(line) else {
            return Cow::Borrowed(line);
        };
        let standalone;
        let vocabulary = match &self.engine {
            Some(engine) => engine.vocabulary(),
            None => {
                standalone = crate::query::Vocabulary::standalone();
                &standalone
            }
        };
        let spans = plan::recognised(&tokens, vocabulary);
        if spans.is_empty() {
            return Cow::Borrowed(line);
        }
        let mut out = String::with_capacity(line.len() + spans.len() * 12);
        let mut at = 0;
        for s in spans {
            out.push_str(&line[at..s.start]);
            out.push_str("\x1b[1;36m");
            out.push_str(&line[s.start..s.end]);
            out.push_str("\x1b[0m");
            at = s.end;
        }
        out.push_str(&line[at..]);
        Cow::Owned(out)
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Validator for ReplHelper {
    /// A line with an open quote continues on the next line.
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        if ctx.input().matches('"').count() % 2 == 1 {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> ReplHelper {
        let mut inner = petgraph::graph::DiGraph::<Node, crate::graph::Edge>::new();
        inner.add_node(crate::graph::Node::new(
            "challenge:model-decay",
            NodeKind::Challenge,
            "Model decay",
        ));
        ReplHelper::with_titles(None, Some(titles_of(inner.node_weights())), false)
    }

    fn completions(before: &str) -> (usize, Vec<String>) {
        let (start, pairs) = helper().candidates(before);
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn completes_pillars_phrases_titles_filters_and_commands() {
        let (start, found) = completions("challenges for secu");
        assert_eq!(start, 15);
        assert!(found.contains(&"security".to_string()), "{found:?}");
        assert!(
            completions("cost opt")
                .1
                .contains(&"cost optimization".to_string())
        );
        assert_eq!(completions("model d"), (0, vec!["\"Model decay\"".into()]));
        assert_eq!(completions("kind:chal"), (5, vec!["challenge".into()]));
        assert_eq!(completions(":sh"), (0, vec![":show".into()]));
        assert!(completions("zzz").1.is_empty());
    }
}
