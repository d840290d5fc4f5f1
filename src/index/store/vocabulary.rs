//! The words a query is read against: kinds, pillars, platforms and workloads (the
//! framework's vocabulary), and the services of one index (its service guides' names and
//! abbreviations, then the products [`vocab::services`] names). Built once per opened index.

use crate::graph::NodeKind;
use crate::vocab::{self, IndexVocabulary, Pillar, Platform, ServiceName, Workload};

/// What a phrase of the vocabulary means.
#[derive(Debug, Clone, Copy)]
pub enum Meaning {
    Kind(NodeKind),
    /// "workloads", "pillar", "platform": a kind only when no other kind is asked for.
    GenericKind(NodeKind),
    Checklist,
    /// "service guide (for AKS)": every item of the guide, in the guide's order.
    Guide,
    Pillar(&'static Pillar),
    Platform(&'static Platform),
    Workload(&'static Workload),
    /// A service, by its position in [`Vocabulary::services`].
    Service(usize),
    /// An everyday word for a pillar, kind or workload (`bill`, `lose`, `carbon`).
    Everyday(&'static vocab::Everyday),
}

/// Words that ask for something other than a kind of node: checklist rows, a guide.
const LIST_WORDS: &[(&str, Meaning)] = &[
    ("checklist", Meaning::Checklist),
    ("checklists", Meaning::Checklist),
    ("check list", Meaning::Checklist),
    ("check lists", Meaning::Checklist),
    ("checklist item", Meaning::Checklist),
    ("checklist items", Meaning::Checklist),
    ("design review checklist", Meaning::Checklist),
    ("service guide", Meaning::Guide),
    ("guide", Meaning::Guide),
];

/// Whether two words differ only by a plural `s` ("apps", "app"), for words of four
/// letters or more in the plural.
fn same_but_number(a: &str, b: &str) -> bool {
    let plural_of = |p: &str, s: &str| p.len() >= 4 && p.strip_suffix('s') == Some(s);
    plural_of(a, b) || plural_of(b, a)
}

/// The vocabulary of one index.
#[derive(Debug)]
pub struct Vocabulary {
    /// Phrases as word lists, longest first.
    phrases: Vec<(Vec<String>, Meaning)>,
    services: Vec<ServiceName>,
    /// Workload and pillar ids the index has; `None` when no index is known (every one
    /// counts).
    workloads: Option<Vec<String>>,
    pillars: Option<Vec<String>>,
    /// Words for spelling corrections, most frequent first, space-separated (split when
    /// a word is corrected, not for every query).
    words: String,
    /// Abbreviations the guidance defines that name nothing above: (as written, long form).
    abbreviations: Vec<(String, String)>,
}

impl Vocabulary {
    /// The vocabulary without an index: every workload, the services of the table only.
    pub fn standalone() -> Vocabulary {
        Vocabulary::build(&IndexVocabulary::default(), false)
    }

    /// The vocabulary of an index.
    pub fn of(index: &IndexVocabulary) -> Vocabulary {
        Vocabulary::build(index, true)
    }

    fn build(index: &IndexVocabulary, known: bool) -> Vocabulary {
        let services = vocab::all_services(&index.services);
        let mut phrases: Vec<(Vec<String>, Meaning)> = Vec::new();
        let mut add = |phrase: &str, m: Meaning| {
            let words: Vec<String> = phrase
                .split(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if !words.is_empty() {
                phrases.push((words, m));
            }
        };
        // Kind words come from the one table of kinds.
        for info in &crate::graph::KINDS {
            for w in info.words {
                let m = if info.generic {
                    Meaning::GenericKind(info.kind)
                } else {
                    Meaning::Kind(info.kind)
                };
                add(w, m);
            }
        }
        for (w, m) in LIST_WORDS {
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
        for (i, s) in services.iter().enumerate() {
            for a in &s.aliases {
                add(a, Meaning::Service(i));
            }
        }
        // After the framework's own words and the services, so that a name the guidance
        // uses is read as the guidance means it.
        for e in vocab::EVERYDAY {
            add(e.phrase, Meaning::Everyday(e));
        }
        // Longest first; among equals, the framework's words before service names, as
        // they were added.
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let words = index.words.clone();
        // The vocabulary's own reading of a word comes first (`AKS` is the service).
        let abbreviations = index
            .abbreviations
            .iter()
            .filter(|(short, _)| {
                let lower = [short.to_lowercase()];
                !phrases.iter().any(|(p, _)| p.as_slice() == lower)
            })
            .cloned()
            .collect();
        Vocabulary {
            phrases,
            services,
            workloads: known.then(|| index.workloads.clone()),
            pillars: known.then(|| index.pillars.clone()),
            words,
            abbreviations,
        }
    }

    /// The long form the guidance gives the abbreviation `typed` (`RCA` → "root cause
    /// analysis"). Two letters must be typed in capitals (`DR`, not the word `dr`); longer
    /// ones in any case.
    pub fn abbreviation(&self, typed: &str) -> Option<&str> {
        let find = |typed: &str| {
            let lower = typed.to_lowercase();
            self.abbreviations
                .iter()
                .find(|(short, _)| {
                    short == typed || (typed.len() >= 3 && short.to_lowercase() == lower)
                })
                .map(|(_, long)| long.as_str())
        };
        // A plural: `SLOs`.
        find(typed).or_else(|| {
            typed
                .strip_suffix('s')
                .filter(|single| single.len() >= 3)
                .and_then(find)
        })
    }

    /// The longest phrase that `words` starts with: its length in words and its meaning.
    /// A name's last word may be typed in the singular or the plural ("power app" for
    /// Power Apps, "event hub" for Event Hubs).
    pub fn phrase_at(&self, words: &[String]) -> Option<(usize, Meaning)> {
        let exact = |phrase: &[String]| phrase.iter().zip(words).all(|(a, b)| a == b);
        let number = |phrase: &[String]| {
            let last = phrase.len() - 1;
            phrase.len() > 1
                && phrase[..last].iter().zip(words).all(|(a, b)| a == b)
                && same_but_number(&phrase[last], &words[last])
        };
        // An everyday phrase of several words in any of its words' forms: "making things
        // up" as "makes things up". One word keeps its form: "risk" is not "risks".
        let same_stem = |a: &String, b: &String| {
            // Forms of one word share their first letters; only those are stemmed.
            a == b
                || (a.get(..3).is_some_and(|p| b.starts_with(p))
                    && crate::search::stem_word(a) == crate::search::stem_word(b))
        };
        let inflected = |phrase: &[String]| {
            phrase.len() > 1 && phrase.iter().zip(words).all(|(a, b)| same_stem(a, b))
        };
        let first = |ok: &dyn Fn(&[String], Meaning) -> bool| {
            self.phrases
                .iter()
                .filter(|(phrase, _)| words.len() >= phrase.len())
                .find(|(phrase, m)| ok(phrase, *m))
        };
        first(&|p, _| exact(p))
            .or_else(|| first(&|p, m| matches!(m, Meaning::Service(_)) && number(p)))
            .or_else(|| first(&|p, m| matches!(m, Meaning::Everyday(_)) && inflected(p)))
            .map(|(phrase, m)| (phrase.len(), *m))
    }

    pub fn services(&self) -> &[ServiceName] {
        &self.services
    }

    pub fn service(&self, i: usize) -> &ServiceName {
        &self.services[i]
    }

    /// The service with this id or name.
    pub fn service_named(&self, name: &str) -> Option<usize> {
        let slug = crate::corpus::text::slug(name);
        self.services
            .iter()
            .position(|s| s.id == slug || s.aliases.iter().any(|a| a == name))
    }

    pub fn has_workload(&self, id: &str) -> bool {
        self.workloads
            .as_ref()
            .is_none_or(|ws| ws.iter().any(|w| w == id))
    }

    pub fn has_pillar(&self, id: &str) -> bool {
        self.pillars
            .as_ref()
            .is_none_or(|ps| ps.iter().any(|p| p == id))
    }

    /// Whether `w` is a word of some phrase (for highlighting).
    pub fn knows_word(&self, w: &str) -> bool {
        self.phrases.iter().any(|(p, _)| p.iter().any(|x| x == w))
            || self.abbreviations.iter().any(|(short, _)| short == w)
    }

    /// Every word of the vocabulary's phrases, then the index's title words: what a
    /// misspelt word is corrected to, in order of preference.
    pub fn spelling_candidates(&self) -> impl Iterator<Item = &str> {
        self.phrases
            .iter()
            .flat_map(|(words, _)| words.iter().map(String::as_str))
            .filter(|w| w.len() >= 4)
            .chain(self.words.split_whitespace())
    }

    /// Every name the REPL may complete: services' names and aliases.
    pub fn service_names(&self) -> impl Iterator<Item = &str> {
        self.services.iter().flat_map(|s| {
            std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_workloads_follow_the_index() {
        let v = Vocabulary::standalone();
        let words: Vec<String> = ["design", "areas", "for"].map(String::from).to_vec();
        assert!(matches!(
            v.phrase_at(&words),
            Some((2, Meaning::Kind(NodeKind::DesignArea)))
        ));
        assert!(v.has_workload("sap"));
        let index = IndexVocabulary {
            workloads: vec!["ai".into()],
            ..IndexVocabulary::default()
        };
        let v = Vocabulary::of(&index);
        assert!(v.has_workload("ai"));
        assert!(!v.has_workload("sap"));
        assert!(v.service_named("key vault").is_some());
    }

    #[test]
    fn everyday_phrases_read_in_any_form_of_their_words() {
        let v = Vocabulary::standalone();
        let at = |q: &str| {
            let words: Vec<String> = q.split(' ').map(String::from).collect();
            v.phrase_at(&words)
                .map(|(n, m)| (n, matches!(m, Meaning::Everyday(_))))
        };
        assert_eq!(at("makes things up"), Some((3, true)));
        assert_eq!(at("making things up again"), Some((3, true)));
        assert_eq!(at("make thing up"), Some((3, true)));
        // One word keeps its form; other words do not stand for the phrase.
        assert_eq!(at("risk"), None);
        assert_eq!(at("makers things up"), None);
    }

    #[test]
    fn abbreviations_read_in_capitals_any_case_or_the_plural() {
        let index = IndexVocabulary {
            abbreviations: vec![
                ("DR".into(), "disaster recovery".into()),
                ("SLO".into(), "service-level objective".into()),
                ("AKS".into(), "azure kubernetes service".into()),
            ],
            ..IndexVocabulary::default()
        };
        let v = Vocabulary::of(&index);
        assert_eq!(v.abbreviation("DR"), Some("disaster recovery"));
        // Two letters only as written: `dr` is no abbreviation.
        assert_eq!(v.abbreviation("dr"), None);
        assert_eq!(v.abbreviation("slo"), Some("service-level objective"));
        assert_eq!(v.abbreviation("SLOs"), Some("service-level objective"));
        assert_eq!(v.abbreviation("slos"), Some("service-level objective"));
        // The vocabulary's own reading comes first: AKS is the service.
        assert_eq!(v.abbreviation("AKS"), None);
    }
}
