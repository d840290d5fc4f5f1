//! The workloads the guidance has guides for, the names users type for them, and how an
//! article's title or folder says which workload it is about.

use super::find_phrase;

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
        aliases: &["mission-critical", "mission critical", "mc"],
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
