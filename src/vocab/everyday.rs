//! Everyday words for what the guidance names otherwise: people ask why the *bill* goes
//! up, what they *lose*, why the app is *slow*; the articles say cost optimization,
//! tradeoff, performance efficiency. Each phrase here reads as the vocabulary word it
//! stands for (a pillar, a kind, a workload) and adds the guidance's own words to rank by.
//! A small table, reviewed by hand: only words the guidance itself does not use for the
//! concept belong here (the guidance's own words are read by the vocabulary and the
//! full-text index already). `--explain` shows every expansion.
//!
//! British spellings are read as the guidance spells them (`optimisation` →
//! `optimization`), by [`american`].

/// What an everyday phrase stands for.
#[derive(Debug)]
pub struct Everyday {
    /// The phrase as typed, lower case, words separated by single spaces.
    pub phrase: &'static str,
    /// A pillar id it names.
    pub pillar: Option<&'static str>,
    /// A node kind it asks for, by name (`tradeoff`).
    pub kind: Option<&'static str>,
    /// A workload id it names.
    pub workload: Option<&'static str>,
    /// The guidance's words for it, which rank results but never filter them.
    pub words: &'static [&'static str],
}

const fn pillar(
    phrase: &'static str,
    id: &'static str,
    words: &'static [&'static str],
) -> Everyday {
    Everyday {
        phrase,
        pillar: Some(id),
        kind: None,
        workload: None,
        words,
    }
}

const fn kind(phrase: &'static str, name: &'static str) -> Everyday {
    Everyday {
        phrase,
        pillar: None,
        kind: Some(name),
        workload: None,
        words: &[],
    }
}

const fn words(phrase: &'static str, words: &'static [&'static str]) -> Everyday {
    Everyday {
        phrase,
        pillar: None,
        kind: None,
        workload: None,
        words,
    }
}

const COST: &str = "cost-optimization";
const RELIABILITY: &str = "reliability";
const PERFORMANCE: &str = "performance-efficiency";
const SECURITY: &str = "security";

/// The table.
pub const EVERYDAY: &[Everyday] = &[
    // Money.
    pillar("bill", COST, &["cost", "billing"]),
    pillar("bills", COST, &["cost", "billing"]),
    pillar("cloud bill", COST, &["cost", "billing"]),
    pillar("spend", COST, &["cost", "spending"]),
    pillar("spending", COST, &["cost"]),
    pillar("overspend", COST, &["cost", "budget"]),
    pillar("overspending", COST, &["cost", "budget"]),
    pillar("cheaper", COST, &["cost", "reduce"]),
    pillar("cheap", COST, &["cost", "reduce"]),
    pillar("cheapest", COST, &["cost", "reduce"]),
    pillar("save money", COST, &["cost", "savings"]),
    pillar("saving money", COST, &["cost", "savings"]),
    pillar("money", COST, &["cost"]),
    pillar("expensive", COST, &["cost"]),
    // Staying up.
    pillar("outage", RELIABILITY, &["outage", "failure", "incident"]),
    pillar("outages", RELIABILITY, &["outage", "failure", "incident"]),
    pillar("downtime", RELIABILITY, &["downtime", "availability"]),
    pillar("goes down", RELIABILITY, &["failure", "availability"]),
    pillar("is down", RELIABILITY, &["failure", "degradation"]),
    pillar("keeps crashing", RELIABILITY, &["failure", "self-healing"]),
    words("paged", &["incident", "alert", "on-call"]),
    words("paged at night", &["incident", "alert", "on-call"]),
    words("pager", &["incident", "alert", "on-call"]),
    words("on call", &["incident", "on-call"]),
    // Speed.
    pillar("slow", PERFORMANCE, &["performance", "latency"]),
    pillar("slower", PERFORMANCE, &["performance", "latency"]),
    pillar("slowing", PERFORMANCE, &["performance", "latency"]),
    pillar("slows", PERFORMANCE, &["performance", "latency"]),
    pillar("sluggish", PERFORMANCE, &["performance", "latency"]),
    pillar("faster", PERFORMANCE, &["performance"]),
    pillar("speed up", PERFORMANCE, &["performance", "optimize"]),
    pillar("p99", PERFORMANCE, &["percentile", "latency"]),
    pillar("p95", PERFORMANCE, &["percentile", "latency"]),
    pillar("p90", PERFORMANCE, &["percentile", "latency"]),
    // Attack.
    pillar("hacked", SECURITY, &["attack", "breach"]),
    pillar("hackers", SECURITY, &["attack", "threat"]),
    pillar("attackers", SECURITY, &["attack", "threat"]),
    // What is given up.
    kind("lose", "tradeoff"),
    kind("give up", "tradeoff"),
    kind("downside", "tradeoff"),
    kind("downsides", "tradeoff"),
    kind("drawback", "tradeoff"),
    kind("drawbacks", "tradeoff"),
    kind("price of", "tradeoff"),
    // What is hard.
    kind("what can go wrong", "challenge"),
    kind("go wrong", "challenge"),
    kind("hard", "challenge"),
    kind("difficult", "challenge"),
    kind("risks", "challenge"),
    kind("pitfalls", "challenge"),
    // Carbon.
    Everyday {
        phrase: "greener",
        pillar: None,
        kind: None,
        workload: Some("sustainability"),
        words: &["carbon", "energy", "emissions"],
    },
    Everyday {
        phrase: "carbon",
        pillar: None,
        kind: None,
        workload: Some("sustainability"),
        words: &["carbon", "emissions"],
    },
    Everyday {
        phrase: "energy",
        pillar: None,
        kind: None,
        workload: Some("sustainability"),
        words: &["energy", "carbon"],
    },
    // What an assistant does wrong.
    words(
        "making things up",
        &["hallucination", "grounding", "accuracy"],
    ),
    words(
        "makes things up",
        &["hallucination", "grounding", "accuracy"],
    ),
    words("made up", &["hallucination", "grounding"]),
    words("hallucinates", &["hallucination", "grounding"]),
    words("bot", &["copilot", "chatbot", "agent"]),
    words("popups", &["notifications", "messages"]),
    words("pop-ups", &["notifications", "messages"]),
    // Places.
    words(
        "dev and test",
        &["preproduction", "nonproduction", "non-production"],
    ),
    words(
        "dev/test",
        &["preproduction", "nonproduction", "non-production"],
    ),
    words(
        "non-prod",
        &["preproduction", "nonproduction", "non-production"],
    ),
    words(
        "nonprod",
        &["preproduction", "nonproduction", "non-production"],
    ),
    words("dev environments", &["preproduction", "development"]),
    words("test environments", &["preproduction", "test"]),
];

/// British spellings of the guidance's words: the stem as the British write it and as the
/// guidance does. A word is rewritten only when it starts with one of them.
const BRITISH: &[(&str, &str)] = &[
    ("optimis", "optimiz"),
    ("prioritis", "prioritiz"),
    ("minimis", "minimiz"),
    ("maximis", "maximiz"),
    ("organis", "organiz"),
    ("utilis", "utiliz"),
    ("standardis", "standardiz"),
    ("centralis", "centraliz"),
    ("decentralis", "decentraliz"),
    ("authoris", "authoriz"),
    ("virtualis", "virtualiz"),
    ("containeris", "containeriz"),
    ("customis", "customiz"),
    ("categoris", "categoriz"),
    ("summaris", "summariz"),
    ("normalis", "normaliz"),
    ("synchronis", "synchroniz"),
    ("visualis", "visualiz"),
    ("modernis", "moderniz"),
    ("operationalis", "operationaliz"),
    ("characteris", "characteriz"),
    ("analys", "analyz"),
    ("behaviour", "behavior"),
    ("colour", "color"),
    ("favour", "favor"),
    ("licence", "license"),
    ("catalogue", "catalog"),
    ("defence", "defense"),
    ("centre", "center"),
];

/// `word` as the guidance spells it: `optimisation` → `optimization`.
pub fn american(word: &str) -> std::borrow::Cow<'_, str> {
    for (british, american) in BRITISH {
        if let Some(rest) = word.strip_prefix(british) {
            // "analysis" is spelled alike; only "analyse…" differs.
            if *british == "analys" && !rest.starts_with('e') {
                continue;
            }
            return format!("{american}{rest}").into();
        }
    }
    word.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_spellings_read_as_the_guidance_writes() {
        assert_eq!(american("optimisation"), "optimization");
        assert_eq!(american("prioritise"), "prioritize");
        assert_eq!(american("analyse"), "analyze");
        assert_eq!(american("analysis"), "analysis");
        assert_eq!(american("behaviour"), "behavior");
        assert_eq!(american("enterprise"), "enterprise");
    }

    #[test]
    fn every_phrase_is_lower_case_and_names_something() {
        for e in EVERYDAY {
            assert_eq!(e.phrase, e.phrase.to_lowercase());
            assert!(
                e.pillar.is_some()
                    || e.kind.is_some()
                    || e.workload.is_some()
                    || !e.words.is_empty(),
                "{}",
                e.phrase
            );
            if let Some(p) = e.pillar {
                assert!(crate::vocab::PILLARS.iter().any(|x| x.id == p), "{p}");
            }
            if let Some(w) = e.workload {
                assert!(crate::vocab::WORKLOADS.iter().any(|x| x.id == w), "{w}");
            }
        }
    }
}
