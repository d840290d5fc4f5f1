//! The one character the tokenizer and lower-casing disagree on, folded the same way on
//! both sides of the index.
//!
//! The analyzer splits words first and lower-cases each, so `İstanbul` is indexed as one
//! word; but a query arrives lower-cased already, as `i̇stanbul` (`i` and U+0307, the
//! combining dot above), and the analyzer splits that at the dot into `i` and `stanbul`,
//! which rank a section without the word first (issue 11). Writing the dotted capital
//! `İ` as `I`, and a dot above after `i`/`I` as nothing, before text is indexed and before
//! a query is analyzed makes both read `istanbul`.

use std::borrow::Cow;

pub fn fold(s: &str) -> Cow<'_, str> {
    if !s.contains(['\u{130}', '\u{307}']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        match c {
            '\u{130}' => out.push('I'),
            '\u{307}' if matches!(prev, Some('i' | 'I' | '\u{130}')) => {}
            c => out.push(c),
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_capital_i_and_its_lower_case_fold_alike() {
        assert_eq!(fold("İstanbul"), "Istanbul");
        assert_eq!(fold(&"İstanbul".to_lowercase()), "istanbul");
        assert_eq!(fold("ė"), "ė", "a dot above on other letters is kept");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
    }
}
