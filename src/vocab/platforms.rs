//! The platforms the guidance is written for (Azure, Power Platform) and the words that
//! place an article on one.

use super::find_phrase;

/// A platform the guidance is written for.
#[derive(Debug)]
pub struct Platform {
    pub id: &'static str,
    pub name: &'static str,
    pub framework: &'static str,
    pub aliases: &'static [&'static str],
    /// Words in paths and titles that place an article on this platform.
    pub markers: &'static [&'static str],
    /// The pillars its framework publishes (pillar ids): what a platform is taken to
    /// publish when a corpus holds too little of its guidance to show it (the embedded
    /// default has no pillar articles).
    pub pillars: &'static [&'static str],
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
        pillars: &[
            "reliability",
            "security",
            "operational-excellence",
            "performance-efficiency",
            "experience-optimization",
        ],
    },
    Platform {
        id: "azure",
        name: "Azure",
        framework: "Azure Well-Architected Framework",
        aliases: &["azure", "microsoft azure", "az"],
        markers: &["azure"],
        pillars: &[
            "reliability",
            "security",
            "cost-optimization",
            "operational-excellence",
            "performance-efficiency",
        ],
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
