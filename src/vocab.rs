//! The domain vocabulary: pillars, platforms and workloads of the Well-Architected guidance,
//! with the names and aliases users type for them and the words that show an item is about
//! a pillar. Extraction uses it to file items; the query language uses it to read questions.
//! It describes the frameworks, not any one article, so it holds for articles not yet
//! written.

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
pub fn cue_counts(text: &str) -> [usize; PILLARS.len()] {
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
    let mut from = 0;
    while let Some(i) = haystack[from..].find(phrase) {
        let start = from + i;
        let end = start + phrase.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(start);
        }
        from = start + phrase.len().max(1);
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// A platform the guidance is written for.
#[derive(Debug)]
pub struct Platform {
    pub id: &'static str,
    pub name: &'static str,
    pub framework: &'static str,
    pub aliases: &'static [&'static str],
    /// Words in paths and titles that place an article on this platform.
    pub markers: &'static [&'static str],
}

pub const PLATFORMS: &[Platform] = &[
    Platform {
        id: "power-platform",
        name: "Power Platform",
        framework: "Power Platform Well-Architected",
        aliases: &["power platform", "power-platform", "powerplatform", "pp"],
        markers: &[
            "power platform",
            "power-platform",
            "powerplatform",
            "power apps",
            "copilot studio",
        ],
    },
    Platform {
        id: "azure",
        name: "Azure",
        framework: "Azure Well-Architected Framework",
        aliases: &["azure", "microsoft azure", "az"],
        markers: &["azure"],
    },
];

pub fn platform(id: &str) -> Option<&'static Platform> {
    PLATFORMS.iter().find(|p| p.id == id)
}

/// The first platform whose marker appears in `text` (lower-cased by the caller or not).
pub fn platform_marked(text: &str) -> Option<&'static Platform> {
    let lower = text.to_lowercase();
    PLATFORMS
        .iter()
        .find(|p| p.markers.iter().any(|m| find_phrase(&lower, m).is_some()))
}

/// A kind of workload the guidance has a workload guide for.
#[derive(Debug)]
pub struct Workload {
    pub id: &'static str,
    pub name: &'static str,
    /// What users and titles call it, lower case, longest first where they overlap.
    pub aliases: &'static [&'static str],
    /// Folder names that hold its guide.
    pub folders: &'static [&'static str],
    /// Broader workload this one is a kind of ("gen-ai" is a kind of "ai").
    pub family: Option<&'static str>,
}

pub const WORKLOADS: &[Workload] = &[
    Workload {
        id: "gen-ai",
        name: "Generative AI",
        aliases: &[
            "generative ai",
            "gen ai",
            "genai",
            "gen-ai",
            "generative-ai",
        ],
        folders: &["gen-ai-workload", "gen-ai", "generative-ai"],
        family: Some("ai"),
    },
    Workload {
        id: "intelligent-application",
        name: "Intelligent application",
        aliases: &[
            "intelligent applications",
            "intelligent application",
            "intelligent apps",
            "intelligent app",
        ],
        folders: &["intelligent-application", "intelligent-applications"],
        family: Some("ai"),
    },
    Workload {
        id: "ai",
        name: "AI",
        aliases: &["artificial intelligence", "machine learning", "ai", "ml"],
        folders: &["ai"],
        family: None,
    },
    Workload {
        id: "iot",
        name: "IoT",
        aliases: &["internet of things", "iot"],
        folders: &["iot"],
        family: None,
    },
    Workload {
        id: "sap",
        name: "SAP",
        aliases: &["sap"],
        folders: &["sap"],
        family: None,
    },
    Workload {
        id: "mission-critical",
        name: "Mission-critical",
        aliases: &["mission-critical", "mission critical"],
        folders: &["mission-critical"],
        family: None,
    },
    Workload {
        id: "hpc",
        name: "High-performance computing",
        aliases: &[
            "high-performance computing",
            "high performance computing",
            "hpc",
        ],
        folders: &["hpc"],
        family: None,
    },
    Workload {
        id: "saas",
        name: "SaaS",
        aliases: &["software as a service", "saas"],
        folders: &["saas"],
        family: None,
    },
    Workload {
        id: "azure-virtual-desktop",
        name: "Azure Virtual Desktop",
        aliases: &["azure virtual desktop", "avd"],
        folders: &["azure-virtual-desktop"],
        family: None,
    },
    Workload {
        id: "oracle",
        name: "Oracle",
        aliases: &["oracle"],
        folders: &["oracle-iaas"],
        family: None,
    },
];

pub fn workload(id: &str) -> Option<&'static Workload> {
    WORKLOADS.iter().find(|w| w.id == id)
}

/// The workload a title names, when the title speaks of a workload ("AI workloads on
/// Azure", "Overview of Generative AI Power Platform workloads"). Body text is not read: an
/// article that wanders into IoT stays the article it says it is.
pub fn workload_titled(title: &str) -> Option<&'static Workload> {
    let lower = title.to_lowercase();
    if !lower.contains("workload") {
        return None;
    }
    WORKLOADS
        .iter()
        .find(|w| w.aliases.iter().any(|a| find_phrase(&lower, a).is_some()))
}

/// The workload whose guide lives in a folder of this name.
pub fn workload_in_folder(folder: &str) -> Option<&'static Workload> {
    let lower = folder.to_lowercase();
    WORKLOADS
        .iter()
        .find(|w| w.folders.contains(&lower.as_str()))
}

/// A product the guidance names. Queries can be scoped to one ("recommendations for AKS");
/// results must then mention it by one of its names.
#[derive(Debug)]
pub struct Service {
    pub id: &'static str,
    pub name: &'static str,
    /// Names as written in articles and typed by users, lower case.
    pub aliases: &'static [&'static str],
}

macro_rules! services {
    ($(($id:literal, $name:literal, [$($alias:literal),+ $(,)?])),+ $(,)?) => {
        &[$(Service { id: $id, name: $name, aliases: &[$($alias),+] }),+]
    };
}

pub const SERVICES: &[Service] = services![
    (
        "aks",
        "Azure Kubernetes Service",
        ["aks", "azure kubernetes service", "kubernetes"]
    ),
    (
        "azure-openai",
        "Azure OpenAI",
        ["azure openai", "azure openai service", "openai"]
    ),
    (
        "app-service",
        "Azure App Service",
        ["app service", "azure app service"]
    ),
    ("azure-functions", "Azure Functions", ["azure functions"]),
    (
        "cosmos-db",
        "Azure Cosmos DB",
        ["cosmos db", "azure cosmos db", "cosmosdb"]
    ),
    (
        "azure-sql",
        "Azure SQL Database",
        ["azure sql", "azure sql database", "sql database"]
    ),
    (
        "key-vault",
        "Azure Key Vault",
        ["key vault", "azure key vault"]
    ),
    (
        "front-door",
        "Azure Front Door",
        ["front door", "azure front door"]
    ),
    (
        "api-management",
        "Azure API Management",
        ["api management", "apim"]
    ),
    (
        "azure-monitor",
        "Azure Monitor",
        ["azure monitor", "application insights", "log analytics"]
    ),
    (
        "ai-search",
        "Azure AI Search",
        ["azure ai search", "ai search", "cognitive search"]
    ),
    (
        "azure-ml",
        "Azure Machine Learning",
        ["azure machine learning", "azure ml"]
    ),
    (
        "entra-id",
        "Microsoft Entra ID",
        [
            "entra id",
            "microsoft entra id",
            "entra",
            "azure active directory",
            "azure ad"
        ]
    ),
    (
        "event-hubs",
        "Azure Event Hubs",
        ["event hubs", "azure event hubs"]
    ),
    (
        "service-bus",
        "Azure Service Bus",
        ["service bus", "azure service bus"]
    ),
    (
        "azure-storage",
        "Azure Storage",
        ["azure storage", "blob storage"]
    ),
    (
        "power-apps",
        "Power Apps",
        [
            "power apps",
            "powerapps",
            "canvas apps",
            "model-driven apps"
        ]
    ),
    (
        "power-automate",
        "Power Automate",
        ["power automate", "cloud flows"]
    ),
    ("copilot-studio", "Copilot Studio", ["copilot studio"]),
    ("dataverse", "Dataverse", ["dataverse"]),
    ("power-bi", "Power BI", ["power bi"]),
    ("power-pages", "Power Pages", ["power pages"]),
];

pub fn service(id: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn workloads_from_titles_and_folders() {
        assert_eq!(
            workload_titled("AI workloads on Azure").map(|w| w.id),
            Some("ai")
        );
        assert_eq!(
            workload_titled("Overview of Generative AI Power Platform workloads").map(|w| w.id),
            Some("gen-ai")
        );
        assert!(workload_titled("Design principles for AI").is_none());
        assert_eq!(
            workload_in_folder("gen-ai-workload").map(|w| w.id),
            Some("gen-ai")
        );
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
