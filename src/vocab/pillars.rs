//! The pillars of the Well-Architected frameworks: names, aliases, checklist code prefixes,
//! and the cue words that show a text is about a pillar.

/// A pillar of a Well-Architected framework.
#[derive(Debug)]
pub struct Pillar {
    pub id: &'static str,
    pub name: &'static str,
    /// The two-letter prefix of its checklist codes (`SE` in `SE:05`).
    pub code: &'static str,
    /// What users type for it, lower case.
    pub aliases: &'static [&'static str],
    /// Word stems (matched at word starts) and phrases that show a text is about the pillar.
    pub cues: &'static [&'static str],
}

pub const PILLARS: &[Pillar] = &[
    Pillar {
        id: "reliability",
        name: "Reliability",
        code: "RE",
        aliases: &["reliability", "reliable", "resiliency", "resilience", "re"],
        cues: &[
            "reliab",
            "resilien",
            "availability",
            "redundan",
            "failover",
            "disaster recovery",
            "outage",
            "fault",
            "failure",
            "uptime",
            "self-healing",
            "recover",
        ],
    },
    Pillar {
        id: "security",
        name: "Security",
        code: "SE",
        aliases: &["security", "secure", "sec", "se"],
        cues: &[
            "secur",
            "compliance",
            "compliant",
            "privacy",
            "breach",
            "threat",
            "attack",
            "vulnerab",
            "encrypt",
            "identit",
            "authenticat",
            "authoriz",
            "access control",
            "sensitive data",
            "confidential",
            "regulatory",
        ],
    },
    Pillar {
        id: "cost-optimization",
        name: "Cost Optimization",
        code: "CO",
        aliases: &[
            "cost optimization",
            "cost",
            "costs",
            "cost-optimization",
            "finops",
            "co",
        ],
        cues: &[
            "cost",
            "expensive",
            "spend",
            "budget",
            "pricing",
            "price",
            "billing",
            "financ",
            "cheap",
            "waste",
        ],
    },
    Pillar {
        id: "operational-excellence",
        name: "Operational Excellence",
        code: "OE",
        aliases: &[
            "operational excellence",
            "operational-excellence",
            "ops",
            "operations",
            "operational",
            "oe",
        ],
        cues: &[
            "operational",
            "operations",
            "devops",
            "deployment",
            "automat",
            "observab",
            "monitoring",
            "incident",
            "mlops",
            "genaiops",
        ],
    },
    Pillar {
        id: "performance-efficiency",
        name: "Performance Efficiency",
        code: "PE",
        aliases: &[
            "performance efficiency",
            "performance-efficiency",
            "performance",
            "perf",
            "pe",
        ],
        cues: &[
            "performan",
            "latency",
            "scalab",
            "scaling",
            "throughput",
            "capacity",
            "efficien",
        ],
    },
    Pillar {
        id: "experience-optimization",
        name: "Experience Optimization",
        code: "XO",
        aliases: &[
            "experience optimization",
            "experience-optimization",
            "experience",
            "user experience",
            "ux",
            "xo",
        ],
        cues: &[
            "user experience",
            "usability",
            "user interface",
            "user-friendly",
            "intuitive",
            "ux",
        ],
    },
];

pub fn pillar(id: &str) -> Option<&'static Pillar> {
    PILLARS.iter().find(|p| p.id == id)
}

pub fn pillar_by_code(code: &str) -> Option<&'static Pillar> {
    let prefix = code.get(..2)?;
    PILLARS.iter().find(|p| p.code.eq_ignore_ascii_case(prefix))
}

/// The pillar a phrase names in full ("Cost Optimization", "security"), for headings and
/// titles. Only full names count here: "ops" in a heading is not a pillar.
pub fn pillar_named(phrase: &str) -> Option<&'static Pillar> {
    let lower = phrase.trim().to_lowercase();
    PILLARS
        .iter()
        .find(|p| p.name.to_lowercase() == lower || p.id == lower)
}

/// Pillars whose full name appears in `text`, in order of appearance.
pub fn pillars_mentioned(text: &str) -> Vec<&'static Pillar> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, &'static Pillar)> = PILLARS
        .iter()
        .filter_map(|p| find_phrase(&lower, &p.name.to_lowercase()).map(|i| (i, p)))
        .collect();
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, p)| p).collect()
}

/// How strongly `text` is about each pillar (in [`PILLARS`] order): the number of the
/// pillar's cues that occur. One pass over the words serves every pillar.
///
/// Every node's text goes through here when an index is built, so it is made cheap (issue
/// 22: it was a sixth of the instructions of `guidegraph index`): a word is compared only
/// with the cues that begin with its first byte, and the phrases are searched with
/// searchers made once.
pub fn cue_counts(text: &str) -> [usize; PILLARS.len()] {
    let cues = CueTable::get();
    let lower = text.to_lowercase();
    // Per pillar, a bit per cue found.
    let mut found = [0u64; PILLARS.len()];
    for word in lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
    {
        let Some(first) = word.bytes().next() else {
            continue;
        };
        for &(pillar, cue) in &cues.by_first_byte[usize::from(first)] {
            if word.starts_with(PILLARS[pillar].cues[cue]) {
                found[pillar] |= 1 << cue;
            }
        }
    }
    for (pillar, cue, finder) in &cues.phrases {
        if found[*pillar] & (1 << cue) == 0
            && find_phrase_by(&lower, PILLARS[*pillar].cues[*cue].len(), |h| {
                finder.find(h.as_bytes())
            })
            .is_some()
        {
            found[*pillar] |= 1 << cue;
        }
    }
    found.map(|bits| bits.count_ones() as usize)
}

/// The cues of [`PILLARS`] laid out for [`cue_counts`]: (pillar, cue) positions.
struct CueTable {
    /// Word cues by their first byte.
    by_first_byte: Vec<Vec<(usize, usize)>>,
    /// Phrase cues (with a space or a hyphen), each with its searcher.
    phrases: Vec<(usize, usize, memchr::memmem::Finder<'static>)>,
}

impl CueTable {
    fn get() -> &'static CueTable {
        static TABLE: std::sync::OnceLock<CueTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = CueTable {
                by_first_byte: vec![Vec::new(); 256],
                phrases: Vec::new(),
            };
            // A pillar's cues are the bits of a u64 (a test checks there are 64 at most).
            for (p, pillar) in PILLARS.iter().enumerate() {
                for (c, cue) in pillar.cues.iter().enumerate() {
                    if cue.contains(' ') || cue.contains('-') {
                        table
                            .phrases
                            .push((p, c, memchr::memmem::Finder::new(cue.as_bytes())));
                    } else if let Some(first) = cue.bytes().next() {
                        table.by_first_byte[usize::from(first)].push((p, c));
                    }
                }
            }
            table
        })
    }
}

/// How strongly `text` is about `pillar`: the number of its cues that occur.
pub fn cue_hits(pillar: &Pillar, text: &str) -> usize {
    PILLARS
        .iter()
        .position(|p| p.id == pillar.id)
        .map_or(0, |i| cue_counts(text)[i])
}

/// The pillars the words of an item are about, strongest first.
pub fn classify(text: &str) -> Vec<&'static Pillar> {
    let counts = cue_counts(text);
    let mut scored: Vec<(usize, usize, &'static Pillar)> = PILLARS
        .iter()
        .enumerate()
        .map(|(i, p)| (counts[i], i, p))
        .filter(|(hits, _, _)| *hits > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, p)| p).collect()
}

/// Finds `phrase` in `haystack` at word boundaries.
pub fn find_phrase(haystack: &str, phrase: &str) -> Option<usize> {
    find_phrase_by(haystack, phrase.len(), |h| h.find(phrase))
}

/// [`find_phrase`] of a phrase `len` bytes long that `find` finds anywhere in a text.
fn find_phrase_by(
    haystack: &str,
    len: usize,
    find: impl Fn(&str) -> Option<usize>,
) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find(&haystack[from..]) {
        let start = from + i;
        let end = start + len;
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(start);
        }
        from = start + len.max(1);
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`cue_counts`] as it was first written: every cue against every word.
    fn cue_counts_by_scan(text: &str) -> [usize; PILLARS.len()] {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut counts = [0; PILLARS.len()];
        for (count, pillar) in counts.iter_mut().zip(PILLARS) {
            *count = pillar
                .cues
                .iter()
                .filter(|cue| {
                    if cue.contains(' ') || cue.contains('-') {
                        find_phrase(&lower, cue).is_some()
                    } else {
                        words.iter().any(|w| w.starts_with(*cue))
                    }
                })
                .count();
        }
        counts
    }

    #[test]
    fn a_pillars_cues_fit_in_the_bits_of_a_u64() {
        for p in PILLARS {
            assert!(p.cues.len() <= 64, "{}", p.id);
        }
    }

    proptest::proptest! {
        #[test]
        fn cue_counts_as_a_scan_of_every_word_counts(
            words in proptest::collection::vec(
                "(secur|Secured|'reliab|reliability'|outage|fault|faulty|cost|costs|bill|\
                  disaster recovery|self-healing|access control|a|zz|é|İ|don't|-|'|,| )",
                0..40,
            ),
        ) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(cue_counts(&text), cue_counts_by_scan(&text));
        }
    }

    fn ids(ps: Vec<&Pillar>) -> Vec<&str> {
        ps.into_iter().map(|p| p.id).collect()
    }

    #[test]
    fn classifier_examples_from_the_guidance() {
        assert_eq!(classify("Security concerns")[0].id, "security");
        assert!(ids(classify("Ethical and compliance issues")).contains(&"security"));
        assert_eq!(classify("Compute costs")[0].id, "cost-optimization");
        assert!(classify("Cultural resistance and change management").is_empty());
    }
    #[test]
    fn phrases_match_at_word_boundaries() {
        assert!(find_phrase("the ai workload", "ai").is_some());
        assert!(find_phrase("maintain", "ai").is_none());
    }
    #[test]
    fn pillars_by_name_and_code() {
        assert_eq!(
            pillar_named("Cost Optimization").map(|p| p.id),
            Some("cost-optimization")
        );
        assert_eq!(
            pillar_by_code("XO:01").map(|p| p.id),
            Some("experience-optimization")
        );
        assert_eq!(
            ids(pillars_mentioned("Reliability tradeoffs with Security")),
            vec!["reliability", "security"]
        );
    }
}
