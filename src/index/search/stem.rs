//! English stemming with a memory of the words already stemmed. tantivy's `en_stem`
//! analyzer runs the Snowball stemmer on every token; over the guidance that was a quarter
//! of all the instructions of `guidegraph index` (callgrind), though the guidance uses a
//! few tens of thousands of distinct words. This analyzer is `en_stem` exactly — the same
//! tokenizer, long-token filter, lower-casing and Snowball English stemmer — with a cache
//! in front of the stemmer, registered under the same name, so indexes and queries read
//! the same terms as before — but for a few words kept whole ([`KEPT_WHOLE`]).

use std::collections::HashMap;

use foldhash::fast::RandomState;

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The name the schema's text fields give their analyzer.
pub const NAME: &str = "en_stem";

/// At most this many words are remembered per analyzer: a hostile corpus of random words
/// must not grow the cache without bound.
const MAX_CACHED: usize = 200_000;

/// Words whose stem would join them to a word of another meaning, kept apart: a
/// *commitment* is reserved capacity bought for a term, while *committing*, *commits* and
/// *committed* are as often code pushed to a repository; the verb stays one word, as one
/// may *commit to* a plan or *commit* code.
const KEPT_WHOLE: &[(&str, &str)] = &[("commitment", "commitment"), ("commitments", "commitment")];

/// The term one lower-case word is indexed as (its stem, or the word itself where
/// [`KEPT_WHOLE`] keeps it).
pub fn stem_word(word: &str) -> String {
    stem_with(&frostem::Stemmer::new(frostem::Algorithm::English), word)
}

fn stem_with(stemmer: &frostem::Stemmer, word: &str) -> String {
    match KEPT_WHOLE.iter().find(|(w, _)| *w == word) {
        Some((_, kept)) => (*kept).to_string(),
        None => stemmer.stem(word).into_owned(),
    }
}

/// The `en_stem` analyzer, with a cached stemmer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// The Snowball English stemmer behind a cache.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            cache: HashMap::default(),
        }
    }
}

/// A tokenizer whose tokens are stemmed, remembering each word's stem across the texts it
/// is given (one analyzer serves one segment's documents). The cache hashes with foldhash,
/// seeded per process: SipHash was most of the cost of a lookup (issue 22).
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: HashMap<String, String, RandomState>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct CachedStemStream<'a, T> {
    tail: T,
    cache: &'a mut HashMap<String, String, RandomState>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let stem = stem_with(&self.stemmer, &token.text);
        if self.cache.len() < MAX_CACHED {
            self.cache.insert(token.text.clone(), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_as_tantivys_en_stem_does_cached_or_not() {
        let text = "Designing resilient workloads: redundancies, failovers and recovering \
                    designs; designing again";
        let mut plain = tantivy::tokenizer::TokenizerManager::default()
            .get(NAME)
            .unwrap();
        let mut cached = analyzer();
        let want = terms(&mut plain, text);
        assert_eq!(terms(&mut cached, text), want);
        // Again, now from the cache.
        assert_eq!(terms(&mut cached, text), want);
    }

    #[test]
    fn a_commitment_is_not_committing() {
        let mut a = analyzer();
        assert_eq!(
            terms(&mut a, "commitment commitments committing commits"),
            ["commitment", "commitment", "commit", "commit"]
        );
    }
}
