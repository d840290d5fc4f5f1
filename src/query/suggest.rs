//! "Did you mean …": the closest known word to a misspelt one.

/// Edit distance between two short strings (Levenshtein, by characters).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a typo: one edit for words
/// of up to five letters, two for longer ones. Exact matches are not suggestions.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let budget = if word.chars().count() <= 5 { 1 } else { 2 };
    if word.chars().count() < 4 {
        return None;
    }
    candidates
        .filter(|c| *c != word)
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= budget)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(distance("secruity", "security"), 2);
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
    }
}
