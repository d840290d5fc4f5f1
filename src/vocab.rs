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
        id: "sustainability",
        name: "Sustainable",
        aliases: &["sustainability", "sustainable", "green software"],
        folders: &["sustainability"],
        family: None,
    },
    Workload {
        id: "microsoft-fabric",
        name: "Microsoft Fabric",
        aliases: &["microsoft fabric", "fabric"],
        folders: &["microsoft-fabric"],
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

/// A product the guidance names. A service guide (`service-guides/azure-kubernetes-service.md`)
/// makes a service node, named by its title; this table only adds the short names users
/// type that the articles never spell out (`k8s`, `apim`, `vnet`), and names products
/// without a guide (Key Vault, Dataverse) so that queries can still be scoped to them by
/// mention.
#[derive(Debug)]
pub struct Service {
    /// The product's name as its guide's title gives it (`Azure Kubernetes Service`); a
    /// guide titled with this name followed by more words (`… for NoSQL`, `… v2`) is it.
    pub name: &'static str,
    /// Other names, lower case.
    pub aliases: &'static [&'static str],
}

macro_rules! services {
    ($(($name:literal, [$($alias:literal),* $(,)?])),+ $(,)?) => {
        &[$(Service { name: $name, aliases: &[$($alias),*] }),+]
    };
}

pub const SERVICES: &[Service] = services![
    ("Azure Kubernetes Service", ["aks", "k8s", "kubernetes"]),
    ("Azure Cosmos DB", ["cosmos", "cosmos db", "cosmosdb"]),
    (
        "Azure App Service",
        ["app service", "web apps", "webapp", "webapps"]
    ),
    ("Azure API Management", ["apim", "api management"]),
    (
        "Azure Application Gateway",
        ["appgw", "app gateway", "application gateway"]
    ),
    (
        "Azure Virtual Machines",
        ["vm", "vms", "vmss", "virtual machines", "scale sets"]
    ),
    (
        "Azure Virtual Network",
        ["vnet", "vnets", "virtual network"]
    ),
    ("Azure Front Door", ["afd", "front door"]),
    (
        "Azure SQL Database",
        ["sql database", "azure sql", "sql db"]
    ),
    (
        "Azure SQL Managed Instance",
        ["sql mi", "sql managed instance", "managed instance"]
    ),
    ("Azure Database for PostgreSQL", ["postgres", "postgresql"]),
    ("Azure Database for MySQL", ["mysql"]),
    ("Azure Blob Storage", ["blob storage", "blob", "blobs"]),
    ("Azure Files", ["file shares"]),
    ("Azure Disk Storage", ["managed disks", "disk storage"]),
    ("Azure Event Hubs", ["event hubs", "eventhubs", "event hub"]),
    ("Azure Event Grid", ["event grid"]),
    ("Azure Service Bus", ["service bus"]),
    ("Azure Functions", ["function apps", "function app"]),
    ("Azure Container Apps", ["container apps", "aca"]),
    ("Azure Firewall", ["firewall"]),
    ("Azure Load Balancer", ["load balancer"]),
    ("Azure Traffic Manager", ["traffic manager"]),
    ("Azure Virtual WAN", ["virtual wan", "vwan"]),
    ("Azure ExpressRoute", ["expressroute"]),
    ("Azure NetApp Files", ["netapp files", "anf"]),
    ("Azure Databricks", ["databricks"]),
    ("Azure Machine Learning", ["azure ml", "aml"]),
    ("Application Insights", ["app insights", "appinsights"]),
    ("Log Analytics", ["log analytics workspace"]),
    ("Azure Local", ["azure stack hci"]),
    ("Azure Service Fabric", ["service fabric"]),
    ("Azure OpenAI", ["azure openai service", "openai"]),
    ("Azure Key Vault", ["key vault"]),
    ("Azure Monitor", []),
    ("Azure AI Search", ["ai search", "cognitive search"]),
    (
        "Microsoft Entra ID",
        ["entra id", "entra", "azure active directory", "azure ad"]
    ),
    (
        "Power Apps",
        ["powerapps", "canvas apps", "model-driven apps"]
    ),
    ("Power Automate", ["cloud flows"]),
    ("Copilot Studio", []),
    ("Dataverse", []),
    ("Power BI", []),
    ("Power Pages", []),
];

/// A service as an index knows it: from a service guide, or from [`SERVICES`] alone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceName {
    /// The slug of its name (`azure-kubernetes-service`): the node id's key and the
    /// value of `service:` filters.
    pub id: String,
    /// Its name as results show it: the product's, without what the guide's title adds
    /// ("Azure Cosmos DB", not "… for NoSQL").
    pub name: String,
    /// Every lower-case name it goes by, its own name first.
    pub aliases: Vec<String>,
    /// The index has a service node (a guide) for it; otherwise results can only mention it.
    pub guide: bool,
}

/// The entry of [`SERVICES`] a guide's name is about: its name, or its name followed by
/// more words ("Azure Cosmos DB for NoSQL").
fn known_service(name: &str) -> Option<&'static Service> {
    let lower = name.to_lowercase();
    SERVICES
        .iter()
        .filter(|s| {
            let n = s.name.to_lowercase();
            lower == n || lower.starts_with(&format!("{n} "))
        })
        .max_by_key(|s| s.name.len())
}

/// The service a guide's title names: "Architecture best practices for Azure Kubernetes
/// Service (AKS)" → Azure Kubernetes Service, also called `aks`. `None` when the title does
/// not name one.
pub fn service_from_title(title: &str) -> Option<ServiceName> {
    let lower = title.to_lowercase();
    let at = lower.find("best practices for ")? + "best practices for ".len();
    let named = title.get(at..)?.trim();
    // A parenthesis holds another name: an abbreviation ("AKS") or a narrower one ("Web Apps").
    let (name, other) = match (named.find('('), named.rfind(')')) {
        (Some(open), Some(close)) if open < close => (
            format!("{} {}", named[..open].trim(), named[close + 1..].trim())
                .trim()
                .to_string(),
            Some(named[open + 1..close].trim().to_string()),
        ),
        _ => (named.to_string(), None),
    };
    if name.is_empty() {
        return None;
    }
    let known = known_service(&name);
    let canonical = known.map_or(name.as_str(), |k| k.name);
    let mut aliases = vec![name.to_lowercase()];
    let mut add = |a: String| {
        if !a.is_empty() && !aliases.contains(&a) {
            aliases.push(a);
        }
    };
    add(canonical.to_lowercase());
    if let Some(o) = other {
        add(o.to_lowercase());
    }
    // "Azure Event Hubs" is also "Event Hubs"; "Azure Files" is not "Files".
    for full in [name.as_str(), canonical] {
        let lower = full.to_lowercase();
        for prefix in ["azure ", "microsoft "] {
            if let Some(rest) = lower.strip_prefix(prefix)
                && rest.split_whitespace().count() >= 2
            {
                add(rest.to_string());
            }
        }
    }
    for a in known.map_or(&[][..], |k| k.aliases) {
        add((*a).to_string());
    }
    Some(ServiceName {
        id: crate::corpus::text::slug(canonical),
        name: canonical.to_string(),
        aliases,
        guide: true,
    })
}

/// What one index holds of the vocabulary, recorded in its manifest so a query can be read
/// against this index (its services, the workloads it has) without loading the graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexVocabulary {
    /// Services with a guide in this index.
    pub services: Vec<ServiceName>,
    /// Ids of the workloads, pillars and platforms the index has nodes for.
    pub workloads: Vec<String>,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    /// The words of every title, most frequent first, space-separated: the dictionary that
    /// spelling corrections are drawn from.
    pub words: String,
}

/// The services of [`SERVICES`] that no guide in `guides` stands for, as mention-only
/// services, after the guides themselves.
pub fn all_services(guides: &[ServiceName]) -> Vec<ServiceName> {
    let mut out = guides.to_vec();
    for s in SERVICES {
        let id = crate::corpus::text::slug(s.name);
        if out.iter().any(|g| g.id == id) {
            continue;
        }
        let mut aliases = vec![s.name.to_lowercase()];
        aliases.extend(s.aliases.iter().map(|a| (*a).to_string()));
        out.push(ServiceName {
            id,
            name: s.name.to_string(),
            aliases,
            guide: false,
        });
    }
    out
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
    fn services_from_guide_titles() {
        let aks =
            service_from_title("Architecture best practices for Azure Kubernetes Service (AKS)")
                .unwrap();
        assert_eq!(aks.id, "azure-kubernetes-service");
        assert_eq!(aks.name, "Azure Kubernetes Service");
        assert!(aks.aliases.iter().any(|a| a == "aks"));
        assert!(aks.aliases.iter().any(|a| a == "kubernetes service"));
        let cosmos =
            service_from_title("Architecture best practices for Azure Cosmos DB for NoSQL")
                .unwrap();
        assert_eq!(cosmos.id, "azure-cosmos-db");
        assert_eq!(cosmos.name, "Azure Cosmos DB");
        assert!(
            cosmos
                .aliases
                .iter()
                .any(|a| a == "azure cosmos db for nosql")
        );
        assert!(cosmos.aliases.iter().any(|a| a == "cosmos"));
        let files = service_from_title("Architecture best practices for Azure Files").unwrap();
        assert!(
            !files.aliases.iter().any(|a| a == "files"),
            "{:?}",
            files.aliases
        );
        assert!(service_from_title("Design review checklist for Security").is_none());
        let all = all_services(&[aks]);
        assert_eq!(
            all.iter()
                .filter(|s| s.id == "azure-kubernetes-service")
                .count(),
            1
        );
        assert!(all.iter().any(|s| s.id == "azure-key-vault" && !s.guide));
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
