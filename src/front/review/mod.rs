//! Review files: a checklist a team keeps, marks and brings up to date (issue 20).
//!
//! A review is Markdown that reads well on GitHub and diffs cleanly:
//!
//! ```text
//! ---
//! guidegraph-review: 1
//! title: "Payments workload"
//! created: "2026-12-07"
//! queries:
//!   - query: "security checklist for Azure"
//!     heading: "Security"
//! corpora:
//!   - label: "azure-waf"
//!     commit: "1353bbb6…"
//! milestones:
//!   - name: "q1"
//!     date: "2027-03-31"
//!     done: "recommendation:azure-se-01 …"
//! ---
//!
//! # Payments workload
//!
//! ## Security
//!
//! <!-- query: security checklist for Azure -->
//!
//! - [x] **SE:01** [Establish a security baseline](<https://…>) risk: high <!-- id=recommendation:azure-se-01 fp=1a2b3c4d.5e6f7a8b pillar=security -->
//!   - Baseline agreed with the CISO in March.
//! ```
//!
//! - An item line starts with its status box: `- [ ]` open, `- [x]` done, `- [~]` partial,
//!   `- [-]` not applicable. What follows is the people's to edit; the trailing comment
//!   carries the item's stable id, the fingerprint of its guidance ([`Guidance`]) and its
//!   pillar, and is what ties the line to the guidance.
//! - `risk: high` or `risk: medium` anywhere in the visible text marks a risk.
//! - Indented lines under an item are the team's notes; every line guidegraph does not
//!   understand is kept as it is.
//! - `_(guidance changed)_`, `_(guidance removed)_`, `_(no longer listed)_` and `_(new)_`
//!   are written by `review update`; a person deletes them once the item has been looked
//!   at again. `update` takes back its own `removed` and `no longer listed` when the item
//!   is back.
//! - An item line with no comment is the team's own item: counted, never matched to the
//!   guidance.
//! - To drop an item, mark it `[-]`: a deleted line is guidance the review's queries still
//!   find, and `review update` adds it again as new.
//!
//! [`parse`] reads a file (every mistake with its line number, all at once), [`write`]
//! writes one, [`report`] counts and renders progress. The guidance is read only through
//! [`crate::engine::Engine`].
//!
//! [`Guidance`]: crate::engine::Guidance

pub mod parse;
pub mod report;
pub mod write;

use serde::{Deserialize, Serialize};

/// The version of the review format the front matter names (`guidegraph-review: 1`).
pub const FORMAT: u32 = 1;

/// The largest review file read.
pub const MAX_REVIEW_BYTES: u64 = 8 * 1024 * 1024;

/// Flags `review update` writes into an item's visible text.
pub const FLAG_CHANGED: &str = "_(guidance changed)_";
pub const FLAG_REMOVED: &str = "_(guidance removed)_";
pub const FLAG_NEW: &str = "_(new)_";
/// The item is still in the guidance, but none of the review's queries finds it now (a
/// checklist row taken out of its checklist and kept in the article that details it).
pub const FLAG_UNLISTED: &str = "_(no longer listed)_";

/// An item's status box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Done,
    Partial,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Done,
        Status::Partial,
        Status::Open,
        Status::NotApplicable,
    ];

    /// The status of a box's character: ` `, `x` (or `X`), `~`, `-`.
    pub fn from_box(c: &str) -> Option<Status> {
        match c {
            " " => Some(Status::Open),
            "x" | "X" => Some(Status::Done),
            "~" => Some(Status::Partial),
            "-" => Some(Status::NotApplicable),
            _ => None,
        }
    }

    pub fn box_char(self) -> char {
        match self {
            Status::Open => ' ',
            Status::Done => 'x',
            Status::Partial => '~',
            Status::NotApplicable => '-',
        }
    }

    /// As JSON and the front matter name it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Partial => "partial",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Partial => "partial",
            Status::NotApplicable => "n/a",
        }
    }
}

/// A risk a person marked on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    High,
    Medium,
}

/// The front matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Front {
    #[serde(rename = "guidegraph-review")]
    pub format: u32,
    pub title: String,
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default)]
    pub queries: Vec<QuerySpec>,
    /// The templates of the architecture reviewed (issue 21), relative to the review
    /// file's folder: each query then has a section for the pillars and one per service
    /// guide their resources have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub architecture: Vec<String>,
    #[serde(default)]
    pub corpora: Vec<CorpusRef>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

/// One query of a review, with the heading of its section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuerySpec {
    pub query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

/// A corpus the review was written or last updated from, and its commit when fetched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusRef {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// A named snapshot of the statuses: the ids of each status, space-separated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub name: String,
    pub date: String,
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub partial: String,
    #[serde(default)]
    pub open: String,
    #[serde(default)]
    pub not_applicable: String,
}

impl Milestone {
    /// The status each id had.
    pub fn statuses(&self) -> Vec<(&str, Status)> {
        [
            (&self.done, Status::Done),
            (&self.partial, Status::Partial),
            (&self.open, Status::Open),
            (&self.not_applicable, Status::NotApplicable),
        ]
        .into_iter()
        .flat_map(|(ids, s)| ids.split_whitespace().map(move |id| (id, s)))
        .collect()
    }
}

/// A review file as read: the front matter and every body line, items understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub front: Front,
    /// The front matter's lines as written, kept when it does not change.
    pub front_raw: Option<String>,
    pub lines: Vec<Line>,
    pub sections: Vec<Section>,
    /// The file's lines end in `\r\n`, and are written back so, lest one update turn
    /// every line of a Windows editor's file into a change.
    pub crlf: bool,
}

/// A `##` section: its heading and the query its comment names.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub query: Option<String>,
    pub line: usize,
}

/// A body line: an item, or text kept as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Text(String),
    Item(Item),
}

/// One item line and its notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// 1-based line in the file as read; 0 for an item added since.
    pub line: usize,
    pub status: Status,
    /// What people see, between the box and the comment.
    pub text: String,
    /// What follows the comment on the line.
    pub tail: String,
    pub id: Option<String>,
    pub fingerprint: Option<String>,
    pub pillar: Option<String>,
    pub risk: Option<Risk>,
    /// The indented lines under the item, as written.
    pub notes: Vec<String>,
    /// The section the item is in, an index of [`Review::sections`].
    pub section: Option<usize>,
    /// The line as read, written back unchanged unless the item changed.
    pub raw: Option<String>,
}

impl Item {
    pub fn has_flag(&self, flag: &str) -> bool {
        self.text.contains(flag)
    }

    /// Adds `flag` to the visible text; false when it was there.
    pub fn flag(&mut self, flag: &str) -> bool {
        if self.has_flag(flag) {
            return false;
        }
        self.text = format!("{} {flag}", self.text.trim_end());
        self.raw = None;
        true
    }

    /// Takes `flag` out of the visible text; false when it was not there.
    pub fn unflag(&mut self, flag: &str) -> bool {
        if !self.has_flag(flag) {
            return false;
        }
        self.text = self
            .text
            .replacen(&format!(" {flag}"), "", 1)
            .replacen(flag, "", 1);
        self.raw = None;
        true
    }

    /// The code in bold at the start of the visible text (`**SE:01**`), if any.
    pub fn code(&self) -> Option<&str> {
        let rest = self.text.strip_prefix("**")?;
        rest.split_once("**").map(|(c, _)| c)
    }

    /// The visible text without its code, Markdown link targets, flags or the risk: for
    /// listings.
    pub fn plain_title(&self) -> String {
        let mut out = String::new();
        let mut rest = match self.code() {
            Some(c) => self.text[c.len() + 4..].trim_start(),
            None => self.text.as_str(),
        };
        // `[title](<target>)` → `title`.
        while let Some(open) = rest.find("](") {
            out.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            match after.find(')') {
                Some(close) => rest = &after[close + 1..],
                None => {
                    rest = after;
                    break;
                }
            }
        }
        out.push_str(rest);
        let out = out.replace('[', "").replace("**", "");
        let out = [FLAG_CHANGED, FLAG_REMOVED, FLAG_NEW, FLAG_UNLISTED]
            .iter()
            .fold(out, |s, f| s.replace(f, ""));
        // `risk: high` is shown apart from the title.
        let out = match out.to_ascii_lowercase().find("risk:") {
            Some(at) => {
                let after = &out[at + 5..];
                let word = after.trim_start();
                let rest = word.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                format!("{}{rest}", &out[..at])
            }
            None => out,
        };
        let out = out.replace('\\', "");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

impl Review {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.lines.iter().filter_map(|l| match l {
            Line::Item(i) => Some(i),
            Line::Text(_) => None,
        })
    }

    pub fn items_mut(&mut self) -> impl Iterator<Item = &mut Item> {
        self.lines.iter_mut().filter_map(|l| match l {
            Line::Item(i) => Some(i),
            Line::Text(_) => None,
        })
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`; `GUIDEGRAPH_TODAY` stands in for it, so examples
/// and tests can be written for a fixed day.
pub fn today() -> String {
    if let Ok(d) = std::env::var("GUIDEGRAPH_TODAY")
        && !d.trim().is_empty()
    {
        return d.trim().to_string();
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_723), (2024, 1, 1));
        assert_eq!(civil(20_794), (2026, 12, 7));
    }
}
