//! Planning: reading the words of a search against the vocabulary (kinds, pillars,
//! platforms, workloads, services and their aliases) to get filters, and keeping the rest
//! as full-text terms. The plan is what `explain` shows.
//!
//! A question ("which pillars apply to Power Platform") reads its vocabulary words as
//! constraints; a sentence (a pasted checklist item, a long question with four or more
//! words the vocabulary does not know) reads them as boosts, so a word like "workloads" in
//! the middle of a sentence ranks rather than filters. Question and filler words are
//! dropped either way; what is left ranks by BM25 and is never all required.

use serde::Serialize;

use super::error::QueryError;
use super::lex::{Token, TokenKind, is_code};
use super::parse::{Form, Parsed};
use super::suggest;
use super::vocabulary::{Meaning, Vocabulary};
use crate::graph::NodeKind;
use crate::vocab;

/// How the question was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    /// Vocabulary words constrain.
    #[default]
    Question,
    /// Vocabulary words only boost: a pasted sentence.
    Sentence,
}

/// Facets that raise results without restricting them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Boosts {
    pub kinds: Vec<NodeKind>,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    pub workloads: Vec<String>,
    pub services: Vec<String>,
}

/// How the query was understood.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    #[serde(flatten)]
    pub form: FormPlan,
    pub reading: Reading,
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
    /// Service ids (`azure-kubernetes-service`): results belong to one or mention it.
    pub services: Vec<String>,
    /// Words that named nothing known: they rank.
    pub terms: Vec<String>,
    /// The guidance's words for everyday words of the question (`bill` → cost, billing):
    /// they rank, like `terms`, but never make a question a sentence.
    pub expansions: Vec<String>,
    /// Workloads' names of more than one word a sentence ranks by as they are written
    /// ("mission critical"), never word by word (services: [`Plan::subjects`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
    /// The services a sentence names, ranked as written (never word by word: "power"
    /// alone is in every Power Platform title), a title no more than a text: a title
    /// naming the service mostly says which guide a node is in, which the service's boost
    /// weighs already, not what it answers ("… see our Dataverse data …" is not answered
    /// by a section titled "Microsoft Dataverse").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Abbreviations typed with the long forms the guidance defines for them (`RCA`,
    /// "root cause analysis"): a result holding either holds the word.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<(String, String)>,
    pub phrases: Vec<String>,
    /// What a sentence's vocabulary words raise.
    pub boosts: Boosts,
    /// Keep drafts (placeholders the source has not written yet) in checklists.
    #[serde(skip)]
    pub drafts: bool,
    /// What `key:value` filters set, which loosening never touches: the kind, and the
    /// platform, workload or service.
    #[serde(skip)]
    pub pinned: Pinned,
    /// The words of the search as typed: a node titled so comes first.
    #[serde(skip)]
    pub title: String,
    /// How each recognised part was read, in order, and what was relaxed, for `explain`
    /// and the JSON `interpretation`.
    pub notes: Vec<String>,
    /// "did you mean" hints for words close to a known one.
    pub suggestions: Vec<String>,
}

/// Constraints a `key:value` filter set (see [`Plan::pinned`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Pinned {
    pub kind: bool,
    pub scope: bool,
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

/// Words that join the parts of a question, ask it, or fill it, and mean nothing by
/// themselves (Lucene's stop words, plus what people put around a question).
const STOPWORDS: &[&str] = &[
    "entries",
    "item",
    "items",
    "one",
    "ones",
    "thing",
    "things",
    "what's",
    "that's",
    "a",
    "about",
    "across",
    "all",
    "also",
    "an",
    "and",
    "any",
    "apply",
    "applies",
    "are",
    "as",
    "at",
    "be",
    "been",
    "between",
    "by",
    "can",
    "concerning",
    "consider",
    "considered",
    "could",
    "do",
    "does",
    "during",
    "every",
    "exist",
    "exists",
    "find",
    "for",
    "from",
    "get",
    "give",
    "guidance",
    "have",
    "has",
    "how",
    "i",
    "in",
    "into",
    "is",
    "it",
    "its",
    "know",
    "list",
    "me",
    "must",
    "my",
    "need",
    "needs",
    "of",
    "on",
    "or",
    "our",
    "please",
    "regarding",
    "related",
    "relating",
    "relevant",
    "should",
    "show",
    "so",
    "some",
    "tell",
    "too",
    "that",
    "the",
    "their",
    "there",
    "these",
    "this",
    "those",
    "to",
    "under",
    "us",
    "versus",
    "very",
    "vs",
    "want",
    "we",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "within",
    "would",
    "you",
    "your",
];

/// Is `w` a word that asks or joins rather than says?
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// A sentence has at least this many words the vocabulary does not know.
const SENTENCE_TERMS: usize = 4;

/// A word as the vocabulary reads it: without surrounding punctuation, in lower case —
/// except an abbreviation typed in capitals that the vocabulary
/// knows only so (`LAW`), and a resource type without its API version
/// (`Microsoft.Web/sites@2024-04-01`).
fn clean_word(w: &str, v: &Vocabulary) -> String {
    let mut t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != ':' && c != '/');
    if t.contains('/')
        && let Some((ty, _)) = t.split_once('@')
    {
        t = ty;
    }
    let t = t.trim_end_matches('/');
    if (2..=5).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()) && v.knows_word(t) {
        return t.to_string();
    }
    t.to_lowercase()
}

/// What the words of the query said, before deciding whether they constrain or boost.
#[derive(Default)]
struct Said {
    /// "service guide": a guide's items, or the services with one when none is named.
    guide: bool,
    kinds: Vec<NodeKind>,
    generic: Vec<NodeKind>,
    checklist: bool,
    pillars: Vec<String>,
    platforms: Vec<String>,
    workloads: Vec<String>,
    services: Vec<String>,
    /// The vocabulary words as typed, which a sentence also searches as text.
    words: Vec<String>,
    /// The services' names as typed, which a sentence ranks by as written (see
    /// [`Plan::subjects`]).
    subjects: Vec<String>,
    /// Pillars that everyday words point at (`bill` → Cost Optimization): never filters.
    hinted_pillars: Vec<String>,
    /// The platform, pillar and kind words as typed: a sentence ranks by them lightly.
    facet_words: Vec<String>,
    /// Platforms of the products named (Power Automate → Power Platform): never filters.
    implied_platforms: Vec<String>,
}

impl Said {
    /// Makes what the words said constraints of `p`.
    fn constrain(self, p: &mut Plan) {
        for k in self.kinds {
            push_unique(&mut p.kinds, k);
        }
        p.checklist |= self.checklist;
        for (into, from) in [
            (&mut p.pillars, self.pillars),
            (&mut p.platforms, self.platforms),
            (&mut p.workloads, self.workloads),
            (&mut p.services, self.services),
        ] {
            for x in from {
                push_unique(into, x);
            }
        }
    }
}

/// Reads a parsed query against `v`. Errors: a filter whose value names nothing
/// (`kind:chalenge`).
pub fn plan(parsed: &Parsed, v: &Vocabulary) -> Result<Plan, QueryError> {
    let mut p = Plan {
        form: FormPlan {
            form: parsed.form.clone(),
        },
        ..Plan::default()
    };
    let mut said = Said::default();
    let mut saw_between = false;
    let mut saw_or = false;
    // Runs of plain words, read phrase by phrase.
    let mut run: Vec<String> = Vec::new();
    for token in &parsed.tokens {
        match &token.kind {
            TokenKind::Word(w) => {
                let w = clean_word(w, v);
                if w == "between" {
                    saw_between = true;
                }
                saw_or |= w == "or" || w == "versus" || w == "vs";
                if !w.is_empty() {
                    run.push(w);
                }
            }
            TokenKind::Quoted(q) => {
                read_words(&mut p, &mut said, v, &std::mem::take(&mut run));
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
                read_words(&mut p, &mut said, v, &std::mem::take(&mut run));
                filter(&mut p, v, key, value).map_err(|help| {
                    QueryError::new(format!("`{key}:{value}` names no {key}"), *value_span)
                        .label(format!("unknown {key}"))
                        .help(help)
                })?;
            }
        }
    }
    read_words(&mut p, &mut said, v, &run);
    // A node titled as the whole query comes first; a query with filters asks for more
    // than a title.
    let filtered = parsed
        .tokens
        .iter()
        .any(|t| matches!(t.kind, TokenKind::Filter { .. }));
    if !filtered {
        p.title = parsed
            .tokens
            .iter()
            .filter_map(|t| match &t.kind {
                TokenKind::Word(w) | TokenKind::Quoted(w) => Some(w.as_str()),
                TokenKind::Filter { .. } => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    if said.guide {
        // The guide may be named by a filter (`service guide service:aks`), as a front end
        // that composes queries names it.
        let named = !(said.services.is_empty()
            && said.workloads.is_empty()
            && p.services.is_empty()
            && p.workloads.is_empty());
        if !named {
            push_unique(&mut said.kinds, NodeKind::Service);
        } else if said.kinds.is_empty() {
            // A guide is its items; its headings and articles are where they sit.
            said.kinds = NodeKind::ALL.into_iter().filter(|k| k.is_item()).collect();
        }
    }
    // "workloads", "pillars", "services" ask for nodes of that kind only when nothing else
    // is asked: in "how do makers work together on a power platform workload" the word
    // says where, not what (issue 16).
    if said.kinds.is_empty() && !said.checklist && p.terms.is_empty() {
        said.kinds = std::mem::take(&mut said.generic);
    } else if let Some(k) = said.generic.first() {
        p.notes.push(format!(
            "`{}` is not read as a kind: the question asks about something else",
            k.info().plural
        ));
    }
    // "AI" takes in the workloads that are kinds of AI.
    let named = said.workloads.clone();
    for w in vocab::WORKLOADS {
        if w.family.is_some_and(|f| named.iter().any(|n| n == f)) {
            push_unique(&mut said.workloads, w.id.to_string());
        }
    }
    // "one shared instance or a separate instance per team?" weighs options against each
    // other: what the guidance says of such a choice is a tradeoff, which then ranks
    // higher (never filters).
    let choice = saw_or && !p.terms.is_empty() && said.kinds.is_empty() && !said.checklist;
    if choice {
        p.notes
            .push("`or`: a choice between options; tradeoffs rank higher".to_string());
    }
    // Two pillars in one question, one of them perhaps in everyday words ("will more
    // security make our apps slower?"), ask how they pull against each other: the
    // tradeoffs between them rank higher.
    let mut pillars_named: Vec<String> = said.pillars.clone();
    for h in &said.hinted_pillars {
        push_unique(&mut pillars_named, h.clone());
    }
    let interplay = pillars_named.len() >= 2
        && !said.hinted_pillars.is_empty()
        && said.kinds.is_empty()
        && !said.checklist;
    if interplay {
        p.notes.push(format!(
            "two pillars ({}): their tradeoffs rank higher",
            pillars_named.join(", ")
        ));
    }
    let hinted: Vec<String> = said
        .hinted_pillars
        .iter()
        .filter(|h| !said.pillars.contains(h))
        .cloned()
        .collect();
    if p.terms.len() >= SENTENCE_TERMS {
        p.reading = Reading::Sentence;
        p.notes.push(format!(
            "read as a sentence ({} words name nothing known): kind, pillar, platform, workload and service words raise results instead of filtering them",
            p.terms.len()
        ));
        // Its vocabulary words are searched too; a platform, pillar or kind word below the
        // words that name the subject: "power platform" in a long question should not lead
        // to every section titled "Power Platform facilitation".
        for w in said.words {
            if w.contains(' ') {
                push_unique(&mut p.named, w);
            } else {
                push_unique(&mut p.terms, w);
            }
        }
        p.subjects = said.subjects;
        for w in said.facet_words {
            if !p.terms.contains(&w) {
                push_unique(&mut p.expansions, w);
            }
        }
        let mut platforms = said.platforms;
        for x in said.implied_platforms {
            push_unique(&mut platforms, x);
        }
        p.boosts = Boosts {
            kinds: said.kinds,
            pillars: said.pillars,
            platforms,
            workloads: said.workloads,
            services: said.services,
        };
        if choice || interplay {
            push_unique(&mut p.boosts.kinds, NodeKind::Tradeoff);
        }
        if interplay {
            for h in hinted {
                push_unique(&mut p.boosts.pillars, h);
            }
        }
        return Ok(p);
    }
    let implied = std::mem::take(&mut said.implied_platforms);
    said.constrain(&mut p);
    if p.platforms.is_empty() {
        p.boosts.platforms = implied;
    }
    if choice || interplay {
        push_unique(&mut p.boosts.kinds, NodeKind::Tradeoff);
    }
    if interplay {
        for h in hinted {
            push_unique(&mut p.boosts.pillars, h);
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
    Ok(p)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// A checklist code in any common spelling: `se:05`, `se05`, `se-5`, `SE:5`; or, with the
/// next word, `se 5`. The code and how many words it took.
fn code_at(words: &[String]) -> Option<(String, usize)> {
    let split = |w: &str| -> Option<(String, String)> {
        let prefix: String = w.chars().take(2).collect();
        if prefix.len() != 2 || !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let rest = w[2..].trim_start_matches([':', '-']);
        Some((prefix, rest.to_string()))
    };
    let number = |d: &str| -> Option<u32> {
        (!d.is_empty() && d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()))
            .then(|| d.parse().ok())
            .flatten()
    };
    let first = words.first()?;
    let (prefix, rest) = split(first)?;
    vocab::pillar_by_code(&format!("{prefix}:00"))?;
    let (n, used) = if rest.is_empty() {
        (number(words.get(1)?)?, 2)
    } else {
        (number(&rest)?, 1)
    };
    Some((format!("{}:{n:02}", prefix.to_uppercase()), used))
}

fn read_words(p: &mut Plan, said: &mut Said, v: &Vocabulary, typed_words: &[String]) {
    // The vocabulary is read in the guidance's spelling (`cost optimisation` is the
    // pillar); a word searched as text keeps the spelling typed and ranks by the
    // guidance's too.
    let words: Vec<String> = typed_words
        .iter()
        .map(|w| vocab::american(w).into_owned())
        .collect();
    let words = words.as_slice();
    let mut i = 0;
    while i < words.len() {
        if let Some((code, used)) = code_at(&words[i..]) {
            p.notes.push(format!(
                "`{}`: checklist code {code}",
                words[i..i + used].join(" ")
            ));
            push_unique(&mut p.codes, code);
            i += used;
            continue;
        }
        if let Some((len, meaning)) = v.phrase_at(&words[i..]) {
            let typed = words[i..i + len].join(" ");
            if apply(p, said, v, meaning, &typed) {
                // A product or workload names the subject; a platform, pillar or kind word
                // says where or what kind, and ranks a sentence less.
                let names_subject = matches!(meaning, Meaning::Service(_) | Meaning::Workload(_));
                let into = match meaning {
                    Meaning::Service(_) => &mut said.subjects,
                    Meaning::Workload(_) => &mut said.words,
                    _ => &mut said.facet_words,
                };
                // A name of several words stays whole (see [`Plan::named`]).
                if names_subject && len > 1 {
                    into.push(words[i..i + len].join(" "));
                } else {
                    into.extend(words[i..i + len].iter().cloned());
                }
                i += len;
                continue;
            }
            // Nothing in this index answers to it: its words are text.
            for w in &words[i..i + len] {
                if !is_stopword(w) {
                    push_unique(&mut p.terms, w.clone());
                }
            }
            i += len;
            continue;
        }
        let w = &typed_words[i];
        if !is_stopword(w) {
            if let Some(long) = v.abbreviation(w) {
                p.notes.push(format!(
                    "`{w}`: full-text term, and \"{long}\", which the guidance abbreviates so"
                ));
                push_unique(&mut p.synonyms, (w.clone(), long.to_string()));
            } else if *w != words[i] {
                p.notes.push(format!(
                    "`{w}`: full-text term, ranked as `{}` too",
                    words[i]
                ));
                push_unique(&mut p.expansions, words[i].clone());
            } else {
                p.notes.push(format!("`{w}`: full-text term"));
            }
            push_unique(&mut p.terms, w.clone());
        }
        i += 1;
    }
}

/// Applies what a vocabulary phrase means; false when the index has nothing it names (a
/// workload this index does not hold), which the caller then reads as text.
fn apply(p: &mut Plan, said: &mut Said, v: &Vocabulary, meaning: Meaning, typed: &str) -> bool {
    match meaning {
        Meaning::Kind(k) => {
            p.notes.push(format!("`{typed}`: kind {k}"));
            push_unique(&mut said.kinds, k);
        }
        Meaning::GenericKind(k) => {
            p.notes
                .push(format!("`{typed}`: kind {k}, unless another kind is named"));
            said.generic.push(k);
        }
        Meaning::Checklist => {
            p.notes.push(format!(
                "`{typed}`: checklist items (rows of a design review checklist)"
            ));
            said.checklist = true;
            push_unique(&mut said.kinds, NodeKind::Recommendation);
        }
        Meaning::Guide => {
            p.notes.push(format!(
                "`{typed}`: every item of a guide, in the guide's order (its pillars in turn)"
            ));
            said.guide = true;
        }
        Meaning::Pillar(x) => {
            if !v.has_pillar(x.id) {
                return read_as_text(p, typed, &format!("nothing filed under {}", x.name));
            }
            p.notes.push(format!("`{typed}`: pillar {}", x.name));
            push_unique(&mut said.pillars, x.id.to_string());
        }
        Meaning::Platform(x) => {
            p.notes.push(format!("`{typed}`: platform {}", x.name));
            push_unique(&mut said.platforms, x.id.to_string());
        }
        Meaning::Workload(x) => {
            if !v.has_workload(x.id) {
                return read_as_text(p, typed, &format!("no {} workload guide", x.name));
            }
            p.notes.push(format!("`{typed}`: workload {}", x.name));
            push_unique(&mut said.workloads, x.id.to_string());
        }
        Meaning::Everyday(e) => {
            let mut named: Vec<String> = Vec::new();
            if let Some(k) = e.kind.and_then(NodeKind::from_name) {
                named.push(format!("kind {k}"));
                push_unique(&mut said.kinds, k);
            }
            // An everyday word is weaker evidence than the guidance's own name: "slow" in a
            // question about alerts does not make it a question about performance items
            // only. Its pillar or workload leads by the words it adds, never by a filter.
            if let Some(x) = e.pillar.and_then(vocab::pillar) {
                named.push(x.name.to_string());
                push_unique(&mut said.hinted_pillars, x.id.to_string());
            }
            if let Some(x) = e
                .workload
                .and_then(|id| vocab::WORKLOADS.iter().find(|w| w.id == id))
            {
                named.push(x.name.to_string());
            }
            let mut ranks: Vec<String> = Vec::new();
            for w in typed.split(' ').chain(e.words.iter().copied()) {
                if !is_stopword(w) && !ranks.iter().any(|r| r == w) {
                    ranks.push(w.to_string());
                }
            }
            for w in &ranks {
                push_unique(&mut p.expansions, w.clone());
            }
            let stands = if named.is_empty() {
                String::new()
            } else {
                format!("everyday word for {}; ", named.join(", "))
            };
            p.notes
                .push(format!("`{typed}`: {stands}ranks by {}", ranks.join(", ")));
        }
        Meaning::Service(i) => {
            let s = v.service(i);
            // Say how the word named it: an abbreviation or a resource type is not a name
            // a reader would recognise in the answer.
            let entry = vocab::services().iter().find(|e| e.name == s.name);
            let how = if typed.contains('/') {
                "resource type of "
            } else if entry.is_some_and(|e| {
                e.abbreviations
                    .iter()
                    .chain(&e.capitals)
                    .any(|a| a.eq_ignore_ascii_case(typed))
            }) {
                "abbreviation of "
            } else {
                ""
            };
            p.notes.push(if s.guide {
                format!(
                    "`{typed}`: {how}service {} (its guide, or results that name it)",
                    s.name
                )
            } else {
                format!("`{typed}`: {how}service {} (results that name it)", s.name)
            });
            push_unique(&mut said.services, s.id.clone());
            // A product of another platform than Azure says where the answer lies: the
            // secrets of a Power Automate flow are Power Platform's guidance, not Azure's.
            for id in entry.into_iter().flat_map(|e| &e.platforms) {
                if let Some(platform) = vocab::platform(id) {
                    p.notes.push(format!(
                        "`{typed}`: a {} product; its results rank higher",
                        platform.name
                    ));
                    push_unique(&mut said.implied_platforms, platform.id.to_string());
                }
            }
        }
    }
    true
}

/// Says that the index has nothing a vocabulary word names (`lacks`), so the word is read
/// as text; false, for [`apply`] to return.
fn read_as_text(p: &mut Plan, typed: &str, lacks: &str) -> bool {
    let say = format!("this index has {lacks}; `{typed}` is read as text");
    p.notes.push(say.clone());
    p.suggestions.push(say);
    false
}

/// Applies `key:value`; the error is the help text for an unknown value.
fn filter(p: &mut Plan, v: &Vocabulary, key: &str, value: &str) -> Result<(), String> {
    let lower = value.trim().to_lowercase();
    let words: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let found = v
        .phrase_at(&words)
        .filter(|(len, _)| *len == words.len())
        .map(|(_, m)| m)
        .or_else(|| v.phrase_at(std::slice::from_ref(&lower)).map(|(_, m)| m));
    let say = |what: &str, options: Vec<&str>| {
        let near = suggest::closest(&lower, options.iter().copied())
            .map(|s| format!("did you mean `{key}:{s}`? "))
            .unwrap_or_default();
        format!("{near}{what}: {}", options.join(", "))
    };
    let mut said = Said::default();
    match key {
        "kind" => {
            let kind = NodeKind::from_name(&lower).or(match found {
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
            p.pinned.kind = true;
        }
        "pillar" => match found {
            Some(m @ Meaning::Pillar(_)) => {
                apply(p, &mut said, v, m, &format!("pillar:{value}"));
            }
            _ => {
                return Err(say(
                    "pillars are",
                    vocab::PILLARS.iter().map(|x| x.id).collect(),
                ));
            }
        },
        "platform" => match found {
            Some(m @ Meaning::Platform(_)) => {
                apply(p, &mut said, v, m, &format!("platform:{value}"));
            }
            _ => {
                return Err(say(
                    "platforms are",
                    vocab::PLATFORMS.iter().map(|x| x.id).collect(),
                ));
            }
        },
        "workload" => match found {
            Some(m @ Meaning::Workload(_)) => {
                apply(p, &mut said, v, m, &format!("workload:{value}"));
            }
            _ => {
                return Err(say(
                    "workloads are",
                    vocab::WORKLOADS.iter().map(|x| x.id).collect(),
                ));
            }
        },
        "service" => match v.service_named(&lower).or(match found {
            Some(Meaning::Service(i)) => Some(i),
            _ => None,
        }) {
            Some(i) => {
                apply(
                    p,
                    &mut said,
                    v,
                    Meaning::Service(i),
                    &format!("service:{value}"),
                );
            }
            None => {
                return Err(say(
                    "services are",
                    v.services().iter().map(|s| s.id.as_str()).collect(),
                ));
            }
        },
        "code" => {
            let Some((code, _)) = code_at(&words).filter(|(_, used)| *used == words.len()) else {
                return Err("a code is two letters and a number, like `SE:05`".into());
            };
            p.notes.push(format!("code:{value}: checklist code {code}"));
            push_unique(&mut p.codes, code);
        }
        _ => {
            return Err(format!(
                "filters are {}",
                super::lex::FILTER_KEYS.join(", ")
            ));
        }
    }
    // A filter always constrains, whatever the rest of the query reads as.
    if matches!(key, "platform" | "workload" | "service") {
        p.pinned.scope = true;
    }
    said.constrain(p);
    Ok(())
}

/// Tokens that the planner recognises, for the REPL's highlighting.
pub fn recognised(tokens: &[Token], v: &Vocabulary) -> Vec<super::error::Span> {
    tokens
        .iter()
        .filter(|t| match &t.kind {
            TokenKind::Word(w) => {
                let w = clean_word(w, v);
                is_code(&w) || v.knows_word(&w)
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
        plan(&parse(lex(q).unwrap()).unwrap(), &Vocabulary::standalone()).unwrap()
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
        for spelling in ["SE05", "se 5", "SE:5", "se-05", "code:se5"] {
            assert_eq!(plan_of(spelling).codes, vec!["SE:05"], "{spelling}");
        }
    }

    #[test]
    fn questions_drop_filler_and_sentences_boost() {
        let p = plan_of("what challenges should I consider for security on Power Platform");
        assert_eq!(p.kinds, vec![NodeKind::Challenge]);
        assert!(p.terms.is_empty(), "{:?}", p.terms);
        let p = plan_of(
            "Cluster architecture: Use the AKS Uptime SLA to meet availability targets for production workloads.",
        );
        assert_eq!(p.reading, Reading::Sentence);
        assert!(p.kinds.is_empty() && p.services.is_empty());
        // `workloads` says where, not what: no kind, not even as a boost.
        assert!(p.boosts.kinds.is_empty(), "{:?}", p.boosts.kinds);
        // It still ranks the sentence, lightly; the service's name ranks it as written.
        assert!(p.expansions.contains(&"workloads".to_string()));
        assert_eq!(p.subjects, vec!["aks"]);
        assert!(!p.terms.contains(&"aks".to_string()), "{:?}", p.terms);
        // A name of several words ranks as written, not word by word.
        let p = plan_of("where should power automate flows keep API keys and other secrets");
        assert_eq!(p.reading, Reading::Sentence);
        assert_eq!(p.subjects, vec!["power automate"]);
        assert!(!p.terms.contains(&"power".to_string()), "{:?}", p.terms);
        // … and, a Power Platform product, ranks that platform's guidance higher without
        // filtering out Azure's.
        assert_eq!(p.boosts.platforms, vec!["power-platform"]);
        assert!(p.platforms.is_empty(), "{:?}", p.platforms);
        let p = plan_of("challenges of power apps");
        assert_eq!(p.boosts.platforms, vec!["power-platform"]);
        assert!(p.platforms.is_empty(), "{:?}", p.platforms);
        assert!(plan_of("aks cost checklist").boosts.platforms.is_empty());
        let p = plan_of("how do makers work together on a power platform workload");
        assert!(p.kinds.is_empty(), "{:?}", p.kinds);
        assert_eq!(
            plan_of("workloads on Azure").kinds,
            vec![NodeKind::Workload]
        );
    }

    #[test]
    fn a_guide_named_by_a_filter_is_its_items() {
        let words = plan_of("service guide aks");
        let filter = plan_of("service guide service:aks");
        assert!(
            filter.kinds.iter().all(|k| k.is_item()),
            "{:?}",
            filter.kinds
        );
        assert_eq!(filter.kinds, words.kinds);
        assert_eq!(filter.services, words.services);
        assert_eq!(plan_of("service guides").kinds, vec![NodeKind::Service]);
    }

    #[test]
    fn everyday_words_expand_and_british_spellings_read() {
        let p = plan_of("what do we lose in performance if we encrypt everything");
        assert_eq!(p.kinds, vec![NodeKind::Tradeoff]);
        let p = plan_of("why is our cloud bill so high");
        assert!(
            p.expansions.contains(&"cost".to_string()),
            "{:?}",
            p.expansions
        );
        assert!(
            p.notes.iter().any(|n| n.contains("Cost Optimization")),
            "{:?}",
            p.notes
        );
        let p = plan_of("aks cost optimisation checklist");
        assert_eq!(p.pillars, vec!["cost-optimization"]);
        assert!(p.terms.is_empty(), "{:?}", p.terms);
    }

    #[test]
    fn two_pillars_or_a_choice_rank_tradeoffs() {
        let p = plan_of("why does security make our cloud bill go up");
        assert_eq!(p.pillars, vec!["security"]);
        assert_eq!(p.boosts.kinds, vec![NodeKind::Tradeoff]);
        assert_eq!(p.boosts.pillars, vec!["cost-optimization"]);
        let p = plan_of("one shared database or a database per tenant?");
        assert_eq!(p.boosts.kinds, vec![NodeKind::Tradeoff]);
        assert!(p.kinds.is_empty());
        // One pillar, no choice: nothing is raised.
        assert!(
            plan_of("security for shared databases")
                .boosts
                .kinds
                .is_empty()
        );
    }

    #[test]
    fn abbreviations_resource_types_and_capitals() {
        let svc = |q: &str| plan_of(q).services;
        assert_eq!(svc("store AGW TLS certs in KV").len(), 2);
        assert_eq!(
            svc("Microsoft.Network/applicationGateways@2024-01-01 probes"),
            vec!["azure-application-gateway"]
        );
        assert_eq!(svc("LAW retention"), vec!["log-analytics"]);
        // A name's last word in the singular or the plural.
        assert_eq!(svc("event hub partitions"), svc("event hubs partitions"));
        assert_eq!(svc("power app load time"), svc("power apps load time"));
        assert_eq!(svc("power app load time").len(), 1);
        // Only names: a kind word keeps its own forms.
        assert!(svc("design principle").is_empty());
        assert!(
            plan_of("AGW probes")
                .notes
                .iter()
                .any(|n| n.contains("abbreviation of service Azure Application Gateway")),
            "{:?}",
            plan_of("AGW probes").notes
        );
        assert!(
            svc("Hick's law").is_empty(),
            "a word in lower case is a word"
        );
    }

    #[test]
    fn filters() {
        let p = plan_of(
            "kind:challenge pillar:security platform:\"power platform\" workload:ai \"exact phrase\"",
        );
        assert_eq!(p.kinds, vec![NodeKind::Challenge]);
        assert_eq!(p.platforms, vec!["power-platform"]);
        assert_eq!(p.phrases, vec!["exact phrase"]);
        let e = plan(
            &parse(lex("kind:chalenge").unwrap()).unwrap(),
            &Vocabulary::standalone(),
        )
        .unwrap_err();
        assert!(e.help.unwrap().contains("kind:challenge"));
    }
}
