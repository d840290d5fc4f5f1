//! Abbreviations the guidance defines: "root cause analysis (RCA)", "Service-level
//! objectives (SLOs)". An article spells a term out once and abbreviates it after, while a
//! reader types the abbreviation anywhere; knowing the pair lets a question's `RCA` find
//! the items that only say "root cause analysis". The pairs are read off the text with the
//! algorithm of Schwartz and Hearst ("A simple algorithm for identifying abbreviation
//! definitions in biomedical text", 2003), not listed by hand.

use std::collections::HashMap;

/// The longest abbreviation read, in characters.
const MAX_SHORT: usize = 10;

/// Every (abbreviation, long form) defined in `text`: the abbreviation as written, less
/// a plural `s` (`SLOs` → `SLO`); the long form in lower case, one space between words.
pub fn definitions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        if let Some(pair) = definition(&rest[..open], &rest[open + 1..open + close]) {
            out.push(pair);
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// The pair `before (inside)` defines, if any.
fn definition(before: &str, inside: &str) -> Option<(String, String)> {
    let short = short_form(inside)?;
    // The long form is in the same sentence, just before the parenthesis.
    let sentence = before
        .rsplit(['.', ';', ':', '!', '?', '(', ')', '[', ']', '|', '\n', '*'])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let letters = short.chars().filter(char::is_ascii_alphanumeric).count();
    let window = (letters + 5).min(letters * 2);
    let from = words.len().saturating_sub(window);
    let candidate = words[from..].join(" ");
    let long = long_form(&short, &candidate)?;
    let long_words = long
        .split([' ', '-', '/'])
        .filter(|w| !w.is_empty())
        .count();
    // One word for one letter is no definition ("backup (B)"); a long form holding the
    // abbreviation is a repetition ("the AKS cluster (AKS)").
    if long_words < 2
        || long.len() <= short.len()
        || long.to_lowercase().contains(&short.to_lowercase())
    {
        return None;
    }
    let long = long
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some((short, long))
}

/// The abbreviation of a parenthesis: one word of 2 to [`MAX_SHORT`] characters that
/// starts with a letter or digit and has at least two capitals (`RCA`, `SaaS`, `SLOs`).
fn short_form(inside: &str) -> Option<String> {
    let s = inside.trim();
    if s.is_empty() || s.len() > MAX_SHORT || s.contains(char::is_whitespace) {
        return None;
    }
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        || !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/')
        || s.chars().filter(char::is_ascii_uppercase).count() < 2
    {
        return None;
    }
    // A plural: "SLOs".
    let s = match s.strip_suffix('s') {
        Some(single) if single.ends_with(|c: char| c.is_ascii_uppercase()) => single,
        _ => s,
    };
    Some(s.to_string())
}

/// Schwartz and Hearst's match: each letter of the abbreviation, from the last, found in
/// the candidate from its end, the first at the start of a word; the long form starts at
/// that word.
fn long_form(short: &str, candidate: &str) -> Option<String> {
    let s: Vec<char> = short.chars().map(|c| c.to_ascii_lowercase()).collect();
    let l: Vec<char> = candidate.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut si = s.len() as isize - 1;
    let mut li = l.len() as isize - 1;
    while si >= 0 {
        let c = s[si as usize];
        if !c.is_alphanumeric() {
            si -= 1;
            continue;
        }
        while li >= 0
            && (l[li as usize] != c || (si == 0 && li > 0 && l[li as usize - 1].is_alphanumeric()))
        {
            li -= 1;
        }
        if li < 0 {
            return None;
        }
        li -= 1;
        si -= 1;
    }
    let start = (li + 1) as usize;
    let chars: Vec<char> = candidate.chars().collect();
    Some(chars[start..].iter().collect::<String>().trim().to_string())
}

/// A count of the definitions seen over many texts.
#[derive(Debug, Default)]
pub struct Tally {
    counts: HashMap<(String, String), u32>,
}

impl Tally {
    pub fn add(&mut self, text: &str) {
        for pair in definitions(text) {
            *self.counts.entry(pair).or_default() += 1;
        }
    }

    /// The long form most often given to each abbreviation, keyed by the abbreviation as
    /// written; ties go to the shorter long form, then the first in order.
    pub fn most_common(self) -> Vec<(String, String)> {
        let mut best: HashMap<String, (String, u32)> = HashMap::new();
        for ((short, long), n) in self.counts {
            let keep = match best.get(&short) {
                None => true,
                Some((l, m)) => {
                    (n, std::cmp::Reverse(long.len()), std::cmp::Reverse(&long))
                        > (*m, std::cmp::Reverse(l.len()), std::cmp::Reverse(l))
                }
            };
            if keep {
                best.insert(short, (long, n));
            }
        }
        let mut out: Vec<(String, String)> = best.into_iter().map(|(s, (l, _))| (s, l)).collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        definitions(text)
    }

    fn pair(s: &str, l: &str) -> (String, String) {
        (s.to_string(), l.to_string())
    }

    #[test]
    fn definitions_are_read_off_the_text() {
        assert_eq!(
            defs("Do a root cause analysis (RCA) after each incident."),
            [pair("RCA", "root cause analysis")]
        );
        assert_eq!(
            defs("Set Service-level objectives (SLOs) for each flow."),
            [pair("SLO", "service-level objectives")]
        );
        assert_eq!(
            defs("Use security information and event management (SIEM) tools."),
            [pair("SIEM", "security information and event management")]
        );
        assert_eq!(
            defs("The input/output operations per second (IOPS) limit."),
            [pair("IOPS", "input/output operations per second")]
        );
        assert_eq!(
            defs("Software as a service (SaaS) vendors."),
            [pair("SaaS", "software as a service")]
        );
    }

    #[test]
    fn what_is_not_a_definition_is_left_alone() {
        // Not an abbreviation: lower case, spaces, one capital, a link's text.
        assert!(defs("Scale out (horizontally) first.").is_empty());
        assert!(defs("Pick a tier (see the pricing page).").is_empty());
        assert!(defs("Use a cluster (A).").is_empty());
        // Letters that do not spell the words before.
        assert!(defs("Deploy the cluster (XYZ) today.").is_empty());
        // A repetition, not a definition.
        assert!(defs("Azure Kubernetes Service AKS (AKS) clusters.").is_empty());
        // The long form stays within its sentence.
        assert!(defs("Root causes. Analysis (RCA) follows.").is_empty());
    }

    #[test]
    fn the_most_common_long_form_wins() {
        let texts = [
            "disaster recovery (DR) plans",
            "a tested disaster recovery (DR) drill",
            "data residency (DR) rules",
        ];
        let mut tally = Tally::default();
        for t in texts {
            tally.add(t);
        }
        assert_eq!(tally.most_common(), [pair("DR", "disaster recovery")]);
    }
}
