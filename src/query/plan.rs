//! Planning: reading the words of a search against the vocabulary (kinds, pillars,
//! platforms, workloads and their aliases) to get filters, and keeping the rest as
//! full-text terms. The plan is what `explain` shows.

use std::sync::LazyLock;

use serde::Serialize;

use super::error::QueryError;
use super::lex::{Token, TokenKind, is_code};
use super::parse::{Form, Parsed};
use super::suggest;
use crate::graph::NodeKind;
use crate::vocab::{self, Pillar, Platform, Service, Workload};

/// How the query was understood.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    #[serde(flatten)]
    pub form: FormPlan,
    pub kinds: Vec<NodeKind>,
    /// Only checklist items: rows of a design review checklist.
    pub checklist: bool,
    /// Pillar ids. A result must have all of them for a tradeoff question, any otherwise.
    pub pillars: Vec<String>,
    pub all_pillars: bool,
    pub platforms: Vec<String>,
    /// Workload ids, with the narrower workloads of a family ("AI" takes in "Generative AI").
    pub workloads: Vec<String>,
    pub codes: Vec<String>,
    /// Services named (`AKS`): results must mention one of them.
    pub services: Vec<String>,
    /// Words that named nothing known: matched as full text.
    pub terms: Vec<String>,
    pub phrases: Vec<String>,
    /// How each recognised part was read, in order, for `explain`.
    pub notes: Vec<String>,
    /// "did you mean" hints for words close to a known one.
    pub suggestions: Vec<String>,
}

/// The exploration form, if any.
#[derive(Debug, Clone, Serialize)]
pub struct FormPlan {
    #[serde(flatten)]
    pub form: Form,
}

impl Default for FormPlan {
    fn default() -> Self {
        FormPlan { form: Form::Search }
    }
}

impl Plan {
    /// True when the plan restricts by anything but words.
    pub fn has_structure(&self) -> bool {
        !self.kinds.is_empty()
            || self.checklist
            || !self.pillars.is_empty()
            || !self.platforms.is_empty()
            || !self.workloads.is_empty()
            || !self.codes.is_empty()
            || !self.services.is_empty()
    }
}

#[derive(Debug, Clone, Copy)]
enum Meaning {
    Kind(NodeKind),
    /// "workloads", "pillar", "platform": a kind only when no other kind is asked for.
    GenericKind(NodeKind),
    Checklist,
    Pillar(&'static Pillar),
    Platform(&'static Platform),
    Workload(&'static Workload),
    Service(&'static Service),
}

/// Words that join the parts of a question and mean nothing by themselves.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "across",
    "all",
    "an",
    "and",
    "any",
    "are",
    "between",
    "by",
    "concerning",
    "do",
    "does",
    "during",
    "every",
    "find",
    "for",
    "from",
    "give",
    "how",
    "i",
    "in",
    "into",
    "is",
    "list",
    "me",
    "my",
    "of",
    "on",
    "or",
    "regarding",
    "related",
    "relating",
    "show",
    "that",
    "the",
    "these",
    "this",
    "those",
    "to",
    "under",
    "versus",
    "vs",
    "what",
    "when",
    "where",
    "which",
    "with",
    "within",
    "me",
    "our",
    "their",
    "guidance",
];

const KIND_WORDS: &[(&str, Meaning)] = &[
    ("framework", Meaning::GenericKind(NodeKind::Framework)),
    ("frameworks", Meaning::GenericKind(NodeKind::Framework)),
    ("platform", Meaning::GenericKind(NodeKind::Platform)),
    ("platforms", Meaning::GenericKind(NodeKind::Platform)),
    ("pillar", Meaning::GenericKind(NodeKind::Pillar)),
    ("pillars", Meaning::GenericKind(NodeKind::Pillar)),
    ("workload", Meaning::GenericKind(NodeKind::Workload)),
    ("workloads", Meaning::GenericKind(NodeKind::Workload)),
    ("design area", Meaning::Kind(NodeKind::DesignArea)),
    ("design areas", Meaning::Kind(NodeKind::DesignArea)),
    ("design-area", Meaning::Kind(NodeKind::DesignArea)),
    ("design-areas", Meaning::Kind(NodeKind::DesignArea)),
    ("key design areas", Meaning::Kind(NodeKind::DesignArea)),
    ("design principle", Meaning::Kind(NodeKind::DesignPrinciple)),
    (
        "design principles",
        Meaning::Kind(NodeKind::DesignPrinciple),
    ),
    ("design-principle", Meaning::Kind(NodeKind::DesignPrinciple)),
    (
        "design-principles",
        Meaning::Kind(NodeKind::DesignPrinciple),
    ),
    ("principle", Meaning::Kind(NodeKind::DesignPrinciple)),
    ("principles", Meaning::Kind(NodeKind::DesignPrinciple)),
    ("challenge", Meaning::Kind(NodeKind::Challenge)),
    ("challenges", Meaning::Kind(NodeKind::Challenge)),
    ("recommendation", Meaning::Kind(NodeKind::Recommendation)),
    ("recommendations", Meaning::Kind(NodeKind::Recommendation)),
    ("best practice", Meaning::Kind(NodeKind::Recommendation)),
    ("best practices", Meaning::Kind(NodeKind::Recommendation)),
    ("checklist", Meaning::Checklist),
    ("checklists", Meaning::Checklist),
    ("checklist item", Meaning::Checklist),
    ("checklist items", Meaning::Checklist),
    ("design review checklist", Meaning::Checklist),
    ("tradeoff", Meaning::Kind(NodeKind::Tradeoff)),
    ("tradeoffs", Meaning::Kind(NodeKind::Tradeoff)),
    ("trade-off", Meaning::Kind(NodeKind::Tradeoff)),
    ("trade-offs", Meaning::Kind(NodeKind::Tradeoff)),
    ("trade off", Meaning::Kind(NodeKind::Tradeoff)),
    ("trade offs", Meaning::Kind(NodeKind::Tradeoff)),
    ("article", Meaning::Kind(NodeKind::Article)),
    ("articles", Meaning::Kind(NodeKind::Article)),
    ("section", Meaning::Kind(NodeKind::Section)),
    ("sections", Meaning::Kind(NodeKind::Section)),
];

/// Phrases of the vocabulary, as word lists, longest first.
static PHRASES: LazyLock<Vec<(Vec<String>, Meaning)>> = LazyLock::new(|| {
    let mut out: Vec<(Vec<String>, Meaning)> = Vec::new();
    let mut add = |phrase: &str, m: Meaning| {
        out.push((phrase.split_whitespace().map(str::to_string).collect(), m));
    };
    for (w, m) in KIND_WORDS {
        add(w, *m);
    }
    for p in vocab::PILLARS {
        for a in p.aliases.iter().filter(|a| a.len() > 2 || **a == "ux") {
            add(a, Meaning::Pillar(p));
            add(&format!("{a} pillar"), Meaning::Pillar(p));
        }
    }
    for p in vocab::PLATFORMS {
        for a in p.aliases {
            add(a, Meaning::Platform(p));
        }
    }
    for w in vocab::WORKLOADS {
        for a in w.aliases {
            add(a, Meaning::Workload(w));
            add(&format!("{a} workload"), Meaning::Workload(w));
            add(&format!("{a} workloads"), Meaning::Workload(w));
        }
    }
    for s in vocab::SERVICES {
        for a in s.aliases {
            add(a, Meaning::Service(s));
        }
    }
    out.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    out
});

/// Every word the vocabulary knows, for "did you mean"; short aliases (`sec`, `pp`) are
/// left out, as suggesting them helps nobody.
fn known_words() -> impl Iterator<Item = &'static str> {
    PHRASES
        .iter()
        .flat_map(|(words, _)| words.iter().map(String::as_str))
        .filter(|w| w.len() >= 4)
}

/// A known word `w` is a typo of. (Not one it begins: "model" is a word of its own, not
/// a misspelt "model-driven".)
fn suggestion(w: &str) -> Option<&'static str> {
    suggest::closest(w, known_words())
}

fn clean_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != ':')
        .to_lowercase()
}

/// Reads a parsed query. Errors: a filter whose value names nothing (`kind:chalenge`).
pub fn plan(parsed: &Parsed) -> Result<Plan, QueryError> {
    let mut p = Plan {
        form: FormPlan {
            form: parsed.form.clone(),
        },
        ..Plan::default()
    };
    let mut generic: Vec<NodeKind> = Vec::new();
    let mut saw_between = false;
    // Runs of plain words, read phrase by phrase.
    let mut run: Vec<String> = Vec::new();
    for token in &parsed.tokens {
        match &token.kind {
            TokenKind::Word(w) => {
                let w = clean_word(w);
                if w == "between" {
                    saw_between = true;
                }
                if !w.is_empty() {
                    run.push(w);
                }
            }
            TokenKind::Quoted(q) => {
                read_words(&mut p, &mut generic, &std::mem::take(&mut run));
                if !q.trim().is_empty() {
                    p.notes
                        .push(format!("phrase \"{q}\": must appear as written"));
                    p.phrases.push(q.clone());
                }
            }
            TokenKind::Filter {
                key,
                value,
                value_span,
            } => {
                read_words(&mut p, &mut generic, &std::mem::take(&mut run));
                filter(&mut p, key, value).map_err(|help| {
                    QueryError::new(format!("`{key}:{value}` names no {key}"), *value_span)
                        .label(format!("unknown {key}"))
                        .help(help)
                })?;
            }
        }
    }
    read_words(&mut p, &mut generic, &run);
    if p.kinds.is_empty() && !p.checklist {
        for k in generic {
            push_unique(&mut p.kinds, k);
        }
    }
    if p.kinds == [NodeKind::Tradeoff] && p.pillars.len() >= 2 {
        p.all_pillars = true;
        p.notes.push(format!(
            "tradeoffs {}: each result must involve every pillar named",
            if saw_between {
                "between pillars"
            } else {
                "of pillars"
            }
        ));
    }
    // "AI" takes in the workloads that are kinds of AI.
    let named = p.workloads.clone();
    for w in vocab::WORKLOADS {
        if w.family.is_some_and(|f| named.iter().any(|n| n == f)) {
            push_unique(&mut p.workloads, w.id.to_string());
        }
    }
    Ok(p)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn read_words(p: &mut Plan, generic: &mut Vec<NodeKind>, words: &[String]) {
    let mut i = 0;
    while i < words.len() {
        if is_code(&words[i]) {
            let code = words[i].to_uppercase();
            p.notes
                .push(format!("`{}`: checklist code {code}", words[i]));
            push_unique(&mut p.codes, code);
            i += 1;
            continue;
        }
        let matched = PHRASES.iter().find(|(phrase, _)| {
            words.len() - i >= phrase.len() && phrase.iter().zip(&words[i..]).all(|(a, b)| a == b)
        });
        if let Some((phrase, meaning)) = matched {
            let said = phrase.join(" ");
            apply(p, generic, *meaning, &said);
            i += phrase.len();
            continue;
        }
        let w = &words[i];
        if !STOPWORDS.contains(&w.as_str()) {
            if let Some(s) = suggestion(w) {
                p.suggestions.push(format!("did you mean `{s}` for `{w}`?"));
            }
            p.notes.push(format!("`{w}`: full-text term"));
            p.terms.push(w.clone());
        }
        i += 1;
    }
}

fn apply(p: &mut Plan, generic: &mut Vec<NodeKind>, meaning: Meaning, said: &str) {
    match meaning {
        Meaning::Kind(k) => {
            p.notes.push(format!("`{said}`: kind {k}"));
            push_unique(&mut p.kinds, k);
        }
        Meaning::GenericKind(k) => {
            p.notes
                .push(format!("`{said}`: kind {k}, unless another kind is named"));
            generic.push(k);
        }
        Meaning::Checklist => {
            p.notes.push(format!(
                "`{said}`: checklist items (rows of a design review checklist)"
            ));
            p.checklist = true;
            push_unique(&mut p.kinds, NodeKind::Recommendation);
        }
        Meaning::Pillar(x) => {
            p.notes.push(format!("`{said}`: pillar {}", x.name));
            push_unique(&mut p.pillars, x.id.to_string());
        }
        Meaning::Platform(x) => {
            p.notes.push(format!("`{said}`: platform {}", x.name));
            push_unique(&mut p.platforms, x.id.to_string());
        }
        Meaning::Workload(x) => {
            p.notes.push(format!("`{said}`: workload {}", x.name));
            push_unique(&mut p.workloads, x.id.to_string());
        }
        Meaning::Service(x) => {
            p.notes
                .push(format!("`{said}`: service {} (results mention it)", x.name));
            push_unique(&mut p.services, x.id.to_string());
        }
    }
}

/// Applies `key:value`; the error is the help text for an unknown value.
fn filter(p: &mut Plan, key: &str, value: &str) -> Result<(), String> {
    let v = value.trim().to_lowercase();
    let found = PHRASES
        .iter()
        .find(|(words, _)| words.join(" ") == v || words.join("-") == v)
        .map(|(_, m)| *m);
    let say = |what: &str, options: Vec<&str>| {
        let near = suggest::closest(&v, options.iter().copied())
            .map(|s| format!("did you mean `{key}:{s}`? "))
            .unwrap_or_default();
        format!("{near}{what}: {}", options.join(", "))
    };
    match key {
        "kind" => {
            let kind = NodeKind::from_name(&v).or(match found {
                Some(Meaning::Kind(k) | Meaning::GenericKind(k)) => Some(k),
                Some(Meaning::Checklist) => {
                    p.checklist = true;
                    Some(NodeKind::Recommendation)
                }
                _ => None,
            });
            let kind = kind.ok_or_else(|| {
                say(
                    "kinds are",
                    NodeKind::ALL.iter().map(|k| k.name()).collect(),
                )
            })?;
            p.notes.push(format!("kind:{value}: kind {kind}"));
            push_unique(&mut p.kinds, kind);
        }
        "pillar" => match found {
            Some(Meaning::Pillar(x)) => apply(
                p,
                &mut Vec::new(),
                Meaning::Pillar(x),
                &format!("pillar:{value}"),
            ),
            _ => {
                return Err(say(
                    "pillars are",
                    vocab::PILLARS.iter().map(|x| x.id).collect(),
                ));
            }
        },
        "platform" => match found {
            Some(Meaning::Platform(x)) => apply(
                p,
                &mut Vec::new(),
                Meaning::Platform(x),
                &format!("platform:{value}"),
            ),
            _ => {
                return Err(say(
                    "platforms are",
                    vocab::PLATFORMS.iter().map(|x| x.id).collect(),
                ));
            }
        },
        "workload" => match found {
            Some(Meaning::Workload(x)) => apply(
                p,
                &mut Vec::new(),
                Meaning::Workload(x),
                &format!("workload:{value}"),
            ),
            _ => {
                return Err(say(
                    "workloads are",
                    vocab::WORKLOADS.iter().map(|x| x.id).collect(),
                ));
            }
        },
        "code" => {
            if !is_code(&v) {
                return Err("a code is two letters, a colon and two digits, like `SE:05`".into());
            }
            p.notes
                .push(format!("code:{value}: checklist code {}", v.to_uppercase()));
            push_unique(&mut p.codes, v.to_uppercase());
        }
        _ => {
            return Err(format!(
                "filters are {}",
                super::lex::FILTER_KEYS.join(", ")
            ));
        }
    }
    Ok(())
}

/// Tokens that the planner recognises, for the REPL's highlighting.
pub fn recognised(tokens: &[Token]) -> Vec<super::error::Span> {
    tokens
        .iter()
        .filter(|t| match &t.kind {
            TokenKind::Word(w) => {
                let w = clean_word(w);
                is_code(&w) || PHRASES.iter().any(|(p, _)| p.contains(&w))
            }
            _ => true,
        })
        .map(|t| t.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{lex::lex, parse::parse};

    fn plan_of(q: &str) -> Plan {
        plan(&parse(lex(q).unwrap()).unwrap()).unwrap()
    }

    #[test]
    fn kind_pillar_platform() {
        let p = plan_of("challenges related to security for Power Platform");
        assert_eq!(p.kinds, vec![NodeKind::Challenge]);
        assert_eq!(p.pillars, vec!["security"]);
        assert_eq!(p.platforms, vec!["power-platform"]);
        assert!(p.terms.is_empty());
    }

    #[test]
    fn workload_phrases_and_families() {
        let p = plan_of("design areas for AI workloads on Azure");
        assert_eq!(p.kinds, vec![NodeKind::DesignArea]);
        assert_eq!(p.workloads, vec!["ai", "gen-ai", "intelligent-application"]);
        assert_eq!(p.platforms, vec!["azure"]);
        let p = plan_of("challenges for generative AI Power Platform workloads");
        assert_eq!(
            p.kinds,
            vec![NodeKind::Challenge],
            "`workloads` is not a second kind"
        );
        assert_eq!(p.workloads, vec!["gen-ai"]);
    }

    #[test]
    fn checklist_and_tradeoffs() {
        let p = plan_of("cost optimization checklist for Azure");
        assert!(p.checklist);
        assert_eq!(p.pillars, vec!["cost-optimization"]);
        let p = plan_of("tradeoffs between reliability and cost optimization");
        assert!(p.all_pillars);
        assert_eq!(p.pillars, vec!["reliability", "cost-optimization"]);
    }

    #[test]
    fn aliases_codes_terms_and_suggestions() {
        let p = plan_of("perf recommendations for ops in PP");
        assert_eq!(
            p.pillars,
            vec!["performance-efficiency", "operational-excellence"]
        );
        assert_eq!(p.platforms, vec!["power-platform"]);
        assert_eq!(plan_of("se:05").codes, vec!["SE:05"]);
        let p = plan_of("model decay");
        assert_eq!(p.terms, vec!["model", "decay"]);
        assert!(!p.has_structure());
        let p = plan_of("challenges about secruity");
        assert!(p.suggestions[0].contains("security"));
    }

    #[test]
    fn filters() {
        let p = plan_of(
            "kind:challenge pillar:security platform:\"power platform\" workload:ai \"exact phrase\"",
        );
        assert_eq!(p.kinds, vec![NodeKind::Challenge]);
        assert_eq!(p.platforms, vec!["power-platform"]);
        assert_eq!(p.phrases, vec!["exact phrase"]);
        let e = plan(&parse(lex("kind:chalenge").unwrap()).unwrap()).unwrap_err();
        assert!(e.help.unwrap().contains("kind:challenge"));
    }
}
