//! "Did you mean …": the closest known word to a misspelt one.

/// Edit distance between two short strings, by characters, where swapping two adjacent
/// letters is one edit ("modle" is one edit from "model", as from "mode").
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table: two back, one back, current.
    let mut two: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 0..a.len() {
        cur[0] = i + 1;
        for j in 0..b.len() {
            let sub = prev[j] + usize::from(a[i] != b[j]);
            let mut best = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                best = best.min(two[j - 1] + 1);
            }
            cur[j + 1] = best;
        }
        std::mem::swap(&mut two, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a typo: one edit for words
/// of five to seven letters, two for longer ones (`hogging` is two from `hosting`), and
/// the same first letter, which people seldom mistype (`hogging` is no typo of
/// `logging`). A word of four letters or fewer is one edit from too many others to be
/// corrected (`blow`, `blob`). Exact matches are not suggestions. Among equally close
/// candidates the first wins, so callers list them by preference (the most frequent
/// words first).
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let budget = if word.chars().count() < 8 { 1 } else { 2 };
    if word.chars().count() < 5 {
        return None;
    }
    let first = word.chars().next();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates.filter(|c| *c != word && c.chars().next() == first) {
        let d = distance(word, c);
        if d <= budget && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(distance("secruity", "security"), 1, "one swap");
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("modle", "model"), 1);
        assert_eq!(
            closest("modle", ["model", "mode"].into_iter()),
            Some("model"),
            "the first of equals wins"
        );
        assert_eq!(
            closest("secruity", ["security", "reliability"].into_iter()),
            Some("security")
        );
        assert_eq!(
            closest("kindd", ["kind", "pillar"].into_iter()),
            Some("kind")
        );
        assert_eq!(closest("decay", ["security"].into_iter()), None);
        assert_eq!(closest("ai", ["al"].into_iter()), None);
        assert_eq!(closest("hogging", ["logging", "hosting"].into_iter()), None);
        assert_eq!(
            closest("developement", ["development"].into_iter()),
            Some("development")
        );
        assert_eq!(closest("blow", ["blob"].into_iter()), None);
    }
}
