//! The full-text index (tantivy): one document per graph node. It answers every search
//! query on its own, so a query opens only this memory-mapped index and never loads the
//! graph.
//!
//! Each module owns one thing: [`schema`] the fields and how they are analyzed,
//! [`writer`] writing the documents, [`row`] the row stored for an answer, [`order`] the
//! tie-break key's bit layout, [`rank`] the ranking policy. This module turns a
//! [`Request`] into tantivy queries, gathers the candidates and fetches the stored rows
//! of the page [`rank`] chooses; [`within`] weighs words among what a question's filters
//! select, [`cues`] holds the pillar and platform bits ranked without stored fields,
//! [`docbits`] the sets of documents a question's words match.

pub mod cues;
mod docbits;
mod fold;
pub mod order;
mod rank;
mod readonly;
pub mod row;
mod schema;
mod stem;
mod whole;
mod within;
mod writer;

use std::collections::HashSet;
use std::path::Path;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use docbits::{DocBits, DocBitsCollector};
pub use order::order_key;
use rank::Coverage;
pub use rank::Ranking;
pub use schema::normalize;
use schema::{Fields, schema};
pub use stem::stem_word;
pub use writer::{IndexDoc, TextWriter};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("full-text index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("full-text index: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("full-text index: a stored row is unreadable ({0})")]
    Row(String),
}

/// What a word naming the list an item sits in adds to its score in a question ("Azure
/// policies for Cosmos DB"): more than a word in a title gives, as naming the list is
/// asking for it.
const LIST_SCORE: f32 = 20.0;

/// What a search asks for. Empty lists restrict nothing.
#[derive(Debug, Default, Clone)]
pub struct Request<'a> {
    /// Words ranked by BM25.
    pub words: &'a str,
    /// More words to rank by that the question did not type (the guidance's words for
    /// its everyday ones): they rank, but a result is not judged by whether it holds them.
    pub extra: &'a str,
    /// Names ranked as phrases, each counting as one word of the question.
    pub named: &'a [String],
    /// Names ranked where a text or title writes them, a title no more than a text, each
    /// counting as one word of the question (the services a sentence names).
    pub subjects: &'a [String],
    /// Words with another way of writing them (an abbreviation and its long form): a
    /// result holding the long form as a phrase holds the word.
    pub synonyms: &'a [(String, String)],
    /// At least one of `words` must match; otherwise they only rank.
    pub words_required: bool,
    /// A word naming the list an item sits in counts as much as a title word (a question).
    pub lists: bool,
    /// Each group must match by at least one of its phrases.
    pub groups: &'a [Vec<String>],
    pub kinds: &'a [&'a str],
    /// A result is filed under one of them, or mentions one (all, for `all_pillars`).
    pub pillars: &'a [&'a str],
    /// All `pillars` are required (tradeoffs between two pillars), not any.
    pub all_pillars: bool,
    pub platforms: &'a [&'a str],
    pub workloads: &'a [&'a str],
    pub codes: &'a [&'a str],
    /// Services, each (slug, names): a result belongs to one, or, for a service without
    /// a guide in the index (no names' facet to match), names it.
    pub services: &'a [(String, Vec<String>, bool)],
    /// Only rows of a checklist.
    pub checklist: bool,
    /// Leave out what a workload or service guide lists: a platform's own checklist.
    pub framework_only: bool,
    /// Keep items the source marks as drafts.
    pub drafts: bool,
    /// Optional clauses that raise matching results (a sentence's vocabulary words).
    pub boosts: Boosts<'a>,
    /// Positions (in `vocab::PILLARS`) of the pillars asked for, for ranking.
    pub rank_pillars: &'a [usize],
    pub ranking: Ranking,
    /// The question's titles, normalized (see [`normalize`]): a node so titled comes first.
    pub titles: &'a [String],
    /// Look this deep into the BM25 ranking when words are given.
    pub depth: usize,
    pub limit: usize,
}

/// Facets that raise a result without being required.
#[derive(Debug, Default, Clone)]
pub struct Boosts<'a> {
    pub kinds: &'a [&'a str],
    pub pillars: &'a [&'a str],
    pub platforms: &'a [&'a str],
    pub workloads: &'a [&'a str],
    pub services: &'a [&'a str],
}

impl Boosts<'_> {
    fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.pillars.is_empty()
            && self.platforms.is_empty()
            && self.workloads.is_empty()
            && self.services.is_empty()
    }
}

/// A ranked result.
#[derive(Debug, Clone)]
pub struct Found {
    pub row: row::StoredRow,
    pub score: f32,
    pub node: u64,
}

/// How much a word in a title weighs against the same word in a text.
const TITLE_WEIGHT: f32 = 3.0;

/// How much the guidance's words for a question's everyday words weigh against the words
/// typed: they lead a question to the guidance's terms without outweighing what was asked.
const EXTRA_WEIGHT: f32 = 0.3;

/// How much an abbreviation's long form weighs against the words typed.
const SYNONYM_WEIGHT: f32 = 0.5;

/// An open full-text index.
pub struct TextIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A filter: it decides what matches and adds nothing to the score, so a result's score
/// is what its words (and boosts) earned and zero says no word matched.
fn unscored(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(tantivy::query::ConstScoreQuery::new(q, 0.0))
}

fn any_of(field: Field, values: &[&str]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| (Occur::Should, term_query(field, v)))
            .collect(),
    ))
}

impl TextIndex {
    pub fn open(dir: &Path) -> Result<TextIndex, SearchError> {
        // Read-only: querying must not need write access to the index (issue 11).
        let index = Index::open(readonly::ReadOnlyDirectory::open(dir)?)?;
        index.tokenizers().register(stem::NAME, stem::analyzer());
        let (_, f) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex { index, reader, f })
    }

    /// Analyzed terms of `words` as `field` sees them.
    fn terms(&self, field: Field, words: &str) -> Vec<Term> {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(field) else {
            return Vec::new();
        };
        let words = fold::fold(words);
        let mut stream = analyzer.token_stream(&words);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(Term::from_field_text(field, &stream.token().text));
        }
        out
    }

    /// BM25 over titles and text; in a question (`lists`), a word naming the list an item
    /// sits in counts for as much as a title that says the question.
    fn text_query(&self, words: &str, lists: bool) -> Option<Box<dyn Query>> {
        let f = self.f;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // A title says what a text is about (BM25F); with a title word as rare as the word
        // is anywhere (see [`whole`]), 3 to 1 (2.5 before: lost a case; 3.5: lost one).
        for (field, boost) in [(f.title, TITLE_WEIGHT), (f.body, 1.0), (f.context, 0.5)] {
            let terms = self.terms(field, words);
            for t in &terms {
                let q = TermQuery::new(t.clone(), IndexRecordOption::WithFreqs);
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
            // A word written with hyphens ("scale-unit", "active-active") is one thing:
            // its parts side by side count as a phrase.
            if field != f.context {
                for compound in words.split_whitespace().filter(|w| w.contains('-')) {
                    let parts = self.terms(field, compound);
                    if parts.len() > 1 {
                        should.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(
                                Box::new(PhraseQuery::new(parts)),
                                boost * 2.0,
                            )),
                        ));
                    }
                }
            }
            // The context field keeps no positions: its words count one by one.
            if terms.len() > 1 && field != f.context {
                let q = PhraseQuery::new(terms);
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), boost * 2.0)),
                ));
            }
        }
        for t in self.terms(f.list, words).into_iter().filter(|_| lists) {
            let q = TermQuery::new(t, IndexRecordOption::Basic);
            should.push((
                Occur::Should,
                Box::new(tantivy::query::ConstScoreQuery::new(
                    Box::new(q),
                    LIST_SCORE,
                )),
            ));
        }
        if should.is_empty() {
            return None;
        }
        // A title equal to the words is what was asked for.
        let exact = term_query(f.title_exact, &normalize(words));
        should.push((Occur::Should, Box::new(BoostQuery::new(exact, 5.0))));
        Some(Box::new(BooleanQuery::new(should)))
    }

    /// The words of `words` the index holds, each with its weight (inverse document
    /// frequency) and the documents holding it in any text field; `None` when fewer than
    /// two such words leave nothing to tell apart.
    fn word_sets(
        &self,
        searcher: &tantivy::Searcher,
        stats: &dyn tantivy::query::Bm25StatisticsProvider,
        words: &str,
        named: &[String],
        synonyms: &[(String, String)],
    ) -> Result<Option<Coverage>, SearchError> {
        let f = self.f;
        let fields = [f.title, f.body, f.context, f.list];
        let docs = stats.total_num_docs()?.max(1) as f32;
        let mut sets: Vec<(f32, DocBits)> = Vec::new();
        let mut titled: Vec<DocBits> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for term in self.terms(f.title, words) {
            let Some(text) = term.value().as_str().map(str::to_string) else {
                continue;
            };
            if !seen.insert(text.clone()) {
                continue;
            }
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let mut df = 0u64;
            for field in fields {
                let t = Term::from_field_text(field, &text);
                let n = stats.doc_freq(&t)?;
                if n > 0 {
                    df = df.max(n);
                    any.push((
                        Occur::Should,
                        Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
                    ));
                }
            }
            // An abbreviation is held where its long form is written.
            let long = synonyms
                .iter()
                .find(|(w, _)| {
                    self.terms(f.title, w)
                        .first()
                        .and_then(|t| t.value().as_str().map(|x| x == text))
                        .unwrap_or(false)
                })
                .and_then(|(_, l)| self.name_query(l).map(|q| (l, q)));
            let mut long_titled = DocBits::default();
            if let Some((l, q)) = &long {
                let docs_long = searcher.search(&**q, &Count)? as f32;
                let scaled =
                    docs_long * stats.total_num_docs()? as f32 / searcher.num_docs().max(1) as f32;
                df = df.max(scaled.ceil() as u64);
                any.push((Occur::Should, q.box_clone()));
                let title = PhraseQuery::new(self.terms(f.title, l));
                long_titled = searcher.search(&title, &DocBitsCollector)?;
            }
            // A word the index does not hold cannot tell results apart.
            if any.is_empty() || df == 0 {
                continue;
            }
            let idf = (1.0 + docs / df as f32).ln();
            let held = searcher.search(&BooleanQuery::new(any), &DocBitsCollector)?;
            sets.push((idf, held));
            let title = TermQuery::new(
                Term::from_field_text(f.title, &text),
                IndexRecordOption::Basic,
            );
            let mut in_title = searcher.search(&title, &DocBitsCollector)?;
            in_title.union_with(&long_titled);
            titled.push(in_title);
        }
        // A name counts as one word, held where it is written as a phrase.
        for name in named {
            let Some(phrase) = self.name_query(name) else {
                continue;
            };
            let held = searcher.search(&*phrase, &DocBitsCollector)?;
            if held.is_empty() {
                continue;
            }
            let df = held.len() as f32 * stats.total_num_docs()? as f32
                / searcher.num_docs().max(1) as f32;
            let idf = (1.0 + docs / df.max(1.0)).ln();
            titled.push(match self.written(name, &[(f.title, 1.0)]) {
                Some(title) => searcher.search(&*title, &DocBitsCollector)?,
                None => DocBits::default(),
            });
            sets.push((idf, held));
        }
        if sets.len() < 2 {
            return Ok(None);
        }
        let total = sets.iter().map(|(w, _)| w).sum();
        Ok(Some(Coverage {
            sets,
            titled,
            total,
        }))
    }

    /// A name as a phrase (or one word) in a title or a text, scored as the title and text
    /// words are.
    fn name_query(&self, name: &str) -> Option<Box<dyn Query>> {
        self.written(name, &[(self.f.title, TITLE_WEIGHT), (self.f.body, 1.0)])
    }

    /// A service a sentence names where a text or title writes it, a title weighing as a
    /// text (see [`Request::subjects`]).
    fn subject_query(&self, name: &str) -> Option<Box<dyn Query>> {
        self.written(name, &[(self.f.title, 1.0), (self.f.body, 1.0)])
    }

    /// `words` as a phrase (a term when one word), in each field at its weight.
    fn written(&self, words: &str, fields: &[(Field, f32)]) -> Option<Box<dyn Query>> {
        let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in fields {
            let mut terms = self.terms(field, words);
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms.remove(0),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            either.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        }
        (!either.is_empty()).then(|| Box::new(BooleanQuery::new(either)) as Box<dyn Query>)
    }

    /// `text` with the names added as optional phrases, each as `query` makes it.
    fn with_names(
        &self,
        text: Option<Box<dyn Query>>,
        named: &[String],
        query: impl Fn(&str) -> Option<Box<dyn Query>>,
        weight: f32,
    ) -> Option<Box<dyn Query>> {
        let mut should: Vec<(Occur, Box<dyn Query>)> =
            text.into_iter().map(|q| (Occur::Should, q)).collect();
        should.extend(named.iter().filter_map(|n| query(n)).map(|q| {
            (
                Occur::Should,
                Box::new(BoostQuery::new(q, weight)) as Box<dyn Query>,
            )
        }));
        match should.len() {
            0 => None,
            1 => should.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(should))),
        }
    }

    fn group_query(&self, group: &[String]) -> Option<Box<dyn Query>> {
        let f = self.f;
        let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for phrase in group {
            for field in [f.title, f.body] {
                let terms = self.terms(field, phrase);
                match terms.len() {
                    0 => {}
                    1 => either.push((
                        Occur::Should,
                        Box::new(TermQuery::new(
                            terms[0].clone(),
                            IndexRecordOption::WithFreqs,
                        )),
                    )),
                    _ => either.push((Occur::Should, Box::new(PhraseQuery::new(terms)))),
                }
            }
        }
        (!either.is_empty()).then(|| Box::new(BooleanQuery::new(either)) as Box<dyn Query>)
    }

    /// Runs a request; returns the page of `limit` results and how many matched in all.
    pub fn search(&self, r: &Request<'_>) -> Result<(Vec<Found>, usize), SearchError> {
        let f = self.f;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let typed = self.text_query(r.words, r.lists);
        let longs: Vec<String> = r.synonyms.iter().map(|(_, l)| l.clone()).collect();
        let typed = self.with_names(typed, r.named, |n| self.name_query(n), 1.0);
        let typed = self.with_names(typed, r.subjects, |n| self.subject_query(n), 1.0);
        // A long form's words score as many words; it stands for one word typed.
        let typed = self.with_names(typed, &longs, |n| self.name_query(n), SYNONYM_WEIGHT);
        let text = match (typed, self.text_query(r.extra, false)) {
            (Some(typed), Some(extra)) => Some(Box::new(BooleanQuery::new(vec![
                (Occur::Should, typed),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(extra, EXTRA_WEIGHT)) as Box<dyn Query>,
                ),
            ])) as Box<dyn Query>),
            (typed, None) => typed,
            (None, extra) => extra,
        };
        let wants_text = !r.words.trim().is_empty()
            || !r.extra.trim().is_empty()
            || !r.named.is_empty()
            || !r.subjects.is_empty();
        if wants_text {
            match &text {
                Some(q) if r.words_required => clauses.push((Occur::Must, q.box_clone())),
                Some(q) => clauses.push((Occur::Should, q.box_clone())),
                // Words that analyze to nothing (punctuation) match nothing.
                None if r.words_required => return Ok((Vec::new(), 0)),
                None => {}
            }
        }
        for group in r.groups {
            match self.group_query(group) {
                Some(q) => clauses.push((Occur::Must, q)),
                None => return Ok((Vec::new(), 0)),
            }
        }
        let filters: [(Field, &[&str]); 4] = [
            (f.kind, r.kinds),
            (f.platform, r.platforms),
            (f.workload, r.workloads),
            (f.code, r.codes),
        ];
        for (field, values) in filters {
            if !values.is_empty() {
                clauses.push((Occur::Must, unscored(any_of(field, values))));
            }
        }
        // A pillar is one a result is filed under or, more weakly, one its words mention.
        let pillar = |ids: &[&str]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, any_of(f.pillar, ids)),
                (Occur::Should, any_of(f.mention, ids)),
            ]))
        };
        if r.all_pillars {
            for p in r.pillars {
                clauses.push((Occur::Must, unscored(pillar(&[p]))));
            }
        } else if !r.pillars.is_empty() {
            clauses.push((Occur::Must, unscored(pillar(r.pillars))));
        }
        for (slug, names, guide) in r.services {
            if *guide {
                clauses.push((Occur::Must, unscored(term_query(f.service, slug))));
            } else {
                match self.group_query(names) {
                    Some(q) => clauses.push((Occur::Must, q)),
                    None => return Ok((Vec::new(), 0)),
                }
            }
        }
        if r.checklist {
            clauses.push((Occur::Must, unscored(term_query(f.flag, "checklist"))));
        }
        if r.framework_only {
            clauses.push((Occur::MustNot, term_query(f.flag, "scoped")));
        }
        if !r.drafts {
            clauses.push((Occur::MustNot, term_query(f.flag, "draft")));
        }
        let boosted = !r.boosts.is_empty();
        let b = &r.boosts;
        for (field, values, weight) in [
            (f.kind, b.kinds, 1.0f32),
            (f.pillar, b.pillars, 1.0),
            (f.platform, b.platforms, 0.5),
            (f.workload, b.workloads, 1.0),
            (f.service, b.services, 2.0),
        ] {
            if !values.is_empty() {
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(any_of(field, values), weight)),
                ));
            }
        }
        // With nothing required, optional words alone decide what matches (any of them);
        // optional facets only rank, so everything is a candidate; with neither, nothing
        // was asked.
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            if !wants_text && !boosted {
                return Ok((Vec::new(), 0));
            }
            if !wants_text {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
        }
        // Within a structured answer the words are weighed by how rare they are among
        // what the structure selects (see [`within`]).
        let filter: Vec<(Occur, Box<dyn Query>)> = clauses
            .iter()
            .filter(|(o, _)| !r.words_required && *o != Occur::Should)
            .map(|(o, q)| (*o, q.box_clone()))
            .collect();
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let within = if filter.iter().any(|(o, _)| *o == Occur::Must) {
            within::Within::new(&searcher, Box::new(BooleanQuery::new(filter)))?
        } else {
            None
        };
        let stats: &dyn tantivy::query::Bm25StatisticsProvider = match &within {
            Some(w) => w,
            None => &searcher,
        };
        let scored = wants_text || !r.groups.is_empty() || boosted;
        // (score, address) of every candidate: the BM25 top when words or phrases rank,
        // else every match (structure alone decides the order). The total counts every
        // match, not just the candidates looked at.
        let (mut candidates, total): (Vec<(f32, DocAddress)>, usize) = if scored {
            // Words weigh by how rare they are in whole documents, titles too (see [`whole`]).
            let whole = whole::WholeDocument {
                inner: &searcher,
                title: f.title,
                body: f.body,
            };
            searcher.search_with_statistics_provider(
                &query,
                &(TopDocs::with_limit(r.depth.max(1)).order_by_score(), Count),
                &whole,
            )?
        } else {
            let all: Vec<(f32, DocAddress)> = searcher
                .search(&query, &DocBitsCollector)?
                .iter()
                .map(|a| (0.0, a))
                .collect();
            let n = all.len();
            (all, n)
        };
        // A node titled as the question (or named so: `AKS`) comes first, even where the
        // question's other words would have filtered it out.
        let mut titled: HashSet<DocAddress> = HashSet::new();
        for t in r.titles.iter().filter(|t| !t.is_empty()) {
            titled.extend(searcher.search(&*term_query(f.title_exact, t), &DocSetCollector)?);
        }
        let columns: Vec<[Column<u64>; 6]> = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let ff = s.fast_fields();
                Ok([
                    ff.u64("order")?,
                    ff.u64("node")?,
                    ff.u64("cues")?,
                    ff.u64("twin")?,
                    ff.u64("containers")?,
                    ff.u64("copy")?,
                ])
            })
            .collect::<Result<_, tantivy::TantivyError>>()?;
        let is_section = |addr: &DocAddress| {
            columns[addr.segment_ord as usize][0]
                .first(addr.doc_id)
                .is_none_or(|o| order::rank_of(o) == order::SECTION)
        };
        let titled: HashSet<DocAddress> = titled.into_iter().filter(|a| !is_section(a)).collect();
        // In a structured question, results that hold most of the words (by weight) come
        // first, by standing, as a question without words would list them; then those that
        // hold some, by how well; then the rest of the structure (Elasticsearch's
        // minimum_should_match, as tiers rather than a cut).
        let covered = if wants_text {
            let names: Vec<String> = r.named.iter().chain(r.subjects).cloned().collect();
            self.word_sets(&searcher, stats, r.words, &names, r.synonyms)?
        } else {
            None
        };
        let mut total = total;
        for addr in &titled {
            if !candidates.iter().any(|(_, a)| a == addr) {
                candidates.push((0.0, *addr));
                total += 1;
            }
        }
        let candidates: Vec<rank::Candidate> = candidates
            .into_iter()
            .map(|(bm25, addr)| {
                let [order, node, cues, twin, containers, copy] =
                    &columns[addr.segment_ord as usize];
                rank::Candidate {
                    bm25,
                    order: order.first(addr.doc_id).unwrap_or(u64::MAX),
                    node: node.first(addr.doc_id).unwrap_or(u64::MAX),
                    cues: cues::Cues(cues.first(addr.doc_id).unwrap_or(0)),
                    twin: twin.first(addr.doc_id).unwrap_or(schema::NO_TWIN),
                    // Read only where the ranking uses them (see `rank::below_items`).
                    containers: if r.ranking == Ranking::Words {
                        containers.values_for_doc(addr.doc_id).collect()
                    } else {
                        Vec::new()
                    },
                    copy: copy.first(addr.doc_id).unwrap_or(schema::NO_COPY),
                    addr,
                }
            })
            .collect();
        // The kinds a sentence asks for by its words ("… or …?": tradeoffs) weigh more.
        let preferred = if r.boosts.kinds.is_empty() {
            None
        } else {
            Some(searcher.search(&*any_of(f.kind, r.boosts.kinds), &DocBitsCollector)?)
        };
        // A sentence naming a service is seldom answered by another service's or a
        // workload's guide: those weigh less (rank.rs, OTHER_GUIDE).
        let other_guides = if r.boosts.services.is_empty() {
            None
        } else {
            let q = BooleanQuery::new(vec![
                (Occur::Must, term_query(f.flag, "scoped")),
                (Occur::MustNot, any_of(f.service, r.boosts.services)),
            ]);
            Some(searcher.search(&q, &DocBitsCollector)?)
        };
        let policy = rank::Policy {
            preferred: preferred.as_ref(),
            other_guides: other_guides.as_ref(),
            ranking: r.ranking,
            pillars: r.rank_pillars,
            scored,
            wants_text,
            covered: covered.as_ref(),
            titled: &titled,
            platforms: r.boosts.platforms,
            limit: r.limit,
        };
        let mut out = Vec::new();
        let stored = |addr: DocAddress| -> Result<row::StoredRow, SearchError> {
            let d: TantivyDocument = searcher.doc(addr)?;
            let row = d
                .get_first(f.row)
                .and_then(|v| v.as_bytes())
                .ok_or_else(|| SearchError::Row("missing".into()))?;
            row::StoredRow::decode(row).map_err(SearchError::Row)
        };
        for placed in rank::page(candidates, &policy) {
            let mut row = stored(placed.addr)?;
            for copy in placed.copies {
                row.sources.extend(stored(copy)?.sources);
            }
            out.push(Found {
                row,
                score: placed.score,
                node: placed.node,
            });
        }
        Ok((out, total))
    }

    /// Whether `word` occurs anywhere in the index (as its stem does in a title or text):
    /// a word that does is never "corrected".
    pub fn has_word(&self, word: &str) -> Result<bool, SearchError> {
        let searcher = self.reader.searcher();
        for field in [self.f.title, self.f.body] {
            for term in self.terms(field, word) {
                if searcher.doc_freq(&term)? > 0 {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The graph index of the node with this exact id, code or (lower-cased) title; the
    /// first in rank order when several share it.
    pub fn lookup(&self, field: &str, value: &str) -> Result<Option<u64>, SearchError> {
        let f = self.f;
        let (field, value) = match field {
            "id" => (f.id, value.to_string()),
            "code" => (f.code, value.to_uppercase()),
            _ => (f.title_exact, normalize(value)),
        };
        let searcher = self.reader.searcher();
        let hits = searcher.search(&*term_query(field, &value), &DocSetCollector)?;
        let mut best: Option<(u64, u64)> = None;
        for addr in hits {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            let order = ff.u64("order")?.first(addr.doc_id).unwrap_or(u64::MAX);
            let node = ff.u64("node")?.first(addr.doc_id).unwrap_or(u64::MAX);
            if best.is_none_or(|b| (order, node) < b) {
                best = Some((order, node));
            }
        }
        Ok(best.map(|(_, n)| n))
    }

    /// The best full-text match for `words`.
    pub fn best(&self, words: &str) -> Result<Option<u64>, SearchError> {
        let request = Request {
            words,
            depth: 1,
            limit: 1,
            ..Request::default()
        };
        Ok(self.search(&request)?.0.first().map(|h| h.node))
    }
}
