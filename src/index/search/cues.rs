//! The cue bits of a node: what ranking needs to know about it without reading a stored
//! field. One `u64` fast field, laid out here and nowhere else:
//!
//! - bit `p` (pillar `p` of [`vocab::PILLARS`]): its title is about the pillar;
//! - bit `8 + p`: its text is;
//! - bit `16 + p`: it is filed under the pillar by structure (folder, heading, code);
//! - bit 24: it is a row of a checklist;
//! - bit 25: it belongs to a workload or a service rather than to the framework itself;
//! - bits 26–28: its platform, as 1 + its place among [`vocab::PLATFORMS`] ordered by id
//!   (0: none), so a list groups its rows by platform.

use crate::vocab;

const TEXT: u32 = 8;
const FILED: u32 = 16;
const CHECKLIST: u64 = 1 << 24;
const SCOPED: u64 = 1 << 25;
const PLATFORM_SHIFT: u32 = 26;
const PLATFORM_MASK: u64 = 0b111;

/// The ids of the platforms in the order lists show them: by id (Azure, Power Platform).
fn platform_order() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = vocab::PLATFORMS.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues(pub u64);

impl Cues {
    /// The cues of a node: its title's and text's pillar words, the pillars it is filed
    /// under, whether it is a checklist row and whether a workload or service scopes it.
    pub fn of<'a>(
        title: &str,
        text: &str,
        filed: impl Iterator<Item = &'a str>,
        checklist: bool,
        scoped: bool,
    ) -> Cues {
        let mut bits = 0u64;
        let (title, text) = (vocab::cue_counts(title), vocab::cue_counts(text));
        for i in 0..vocab::PILLARS.len() {
            if title[i] > 0 {
                bits |= 1 << i;
            }
            if text[i] > 0 {
                bits |= 1 << (TEXT as usize + i);
            }
        }
        for id in filed {
            if let Some(i) = vocab::PILLARS.iter().position(|p| p.id == id) {
                bits |= 1 << (FILED as usize + i);
            }
        }
        if checklist {
            bits |= CHECKLIST;
        }
        if scoped {
            bits |= SCOPED;
        }
        Cues(bits)
    }

    /// These cues with the node's platform (its id) recorded.
    pub fn on_platform(self, platform: Option<&str>) -> Cues {
        let place = platform
            .and_then(|id| platform_order().iter().position(|p| *p == id))
            .map_or(0, |i| (i as u64 + 1) & PLATFORM_MASK);
        Cues((self.0 & !(PLATFORM_MASK << PLATFORM_SHIFT)) | (place << PLATFORM_SHIFT))
    }

    /// Where the node's platform comes in a list: by platform id, nodes on none last.
    pub fn platform_rank(self) -> u64 {
        match (self.0 >> PLATFORM_SHIFT) & PLATFORM_MASK {
            0 => PLATFORM_MASK + 1,
            p => p,
        }
    }

    /// The id of the node's platform, if it has one.
    pub fn platform(self) -> Option<&'static str> {
        match (self.0 >> PLATFORM_SHIFT) & PLATFORM_MASK {
            0 => None,
            p => platform_order().get(p as usize - 1).copied(),
        }
    }

    pub fn title_about(self, pillar: usize) -> bool {
        self.0 & (1 << pillar) != 0
    }
    pub fn text_about(self, pillar: usize) -> bool {
        self.0 & (1 << (TEXT as usize + pillar)) != 0
    }
    pub fn filed_under(self, pillar: usize) -> bool {
        self.0 & (1 << (FILED as usize + pillar)) != 0
    }
    pub fn checklist(self) -> bool {
        self.0 & CHECKLIST != 0
    }
    pub fn scoped(self) -> bool {
        self.0 & SCOPED != 0
    }

    /// Score of the cues for the pillars asked for: a title about the pillar (10)
    /// outranks a text about it (1); being filed under it by structure adds 25, an exact
    /// graph match that outweighs any words.
    pub fn pillar_score(self, pillars: &[usize]) -> f32 {
        pillars
            .iter()
            .map(|&p| {
                let words = if self.title_about(p) {
                    10.0
                } else if self.text_about(p) {
                    1.0
                } else {
                    0.0
                };
                let filed = if self.filed_under(p) { 25.0 } else { 0.0 };
                words + filed
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_before_titles_before_text() {
        let title = Cues(1);
        let text = Cues(1 << 8);
        let filed = Cues(1 << 16);
        assert!(filed.pillar_score(&[0]) > title.pillar_score(&[0]));
        assert!(title.pillar_score(&[0]) > text.pillar_score(&[0]));
        assert_eq!(Cues(1 | (1 << 8)).pillar_score(&[0]), 10.0);
        assert_eq!(title.pillar_score(&[1]), 0.0);
    }

    #[test]
    fn platforms_order_lists() {
        let azure = Cues(1).on_platform(Some("azure"));
        let pp = Cues(1).on_platform(Some("power-platform"));
        assert!(azure.platform_rank() < pp.platform_rank());
        assert!(pp.platform_rank() < Cues(1).platform_rank());
        assert_eq!(pp.platform(), Some("power-platform"));
        assert_eq!(azure.platform(), Some("azure"));
        assert_eq!(Cues(1).platform(), None);
        assert!(azure.title_about(0), "other cues are kept");
    }

    #[test]
    fn flags_round_trip() {
        let c = Cues::of("Security", "", ["reliability"].into_iter(), true, false);
        assert!(c.title_about(1));
        assert!(c.filed_under(0));
        assert!(c.checklist());
        assert!(!c.scoped());
    }
}
