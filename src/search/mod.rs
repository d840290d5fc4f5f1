//! The full-text index (tantivy): one document per graph node. It answers every search
//! query on its own, so a query opens only this memory-mapped index and never loads the
//! graph:
//!
//! - `title`, `body`: BM25 text (English stemming); `context`: where a node sits (its
//!   article's title and section heading, and for a checklist row the title and headings
//!   of the article that details it), searched at a lower weight; `list`: the heading of the list an
//!   item sits in ("Azure policies"), matched word by word at a constant score — a
//!   question naming the list asks for its items, however long their titles;
//! - `id`, `kind`, `pillar`, `mention`, `platform`, `workload`, `service`, `code`, `flag`,
//!   `title_exact` (the title's words, and its other names, lower case): exact terms for
//!   filters and lookups;
//! - `row`: the stored row ([`row::StoredRow`]), from which an answer's result is made;
//! - fast fields `order` (the tie-break rank: kind, code, file, line), `node` (graph index)
//!   and `cues` ([`cues::Cues`]), so ranking needs no stored field until the final page.

pub mod cues;
mod docbits;
mod fold;
mod readonly;
pub mod row;
mod stem;
mod within;

use std::cmp::Ordering;
use std::collections::HashSet;
use std::path::Path;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::graph::Node;
use docbits::{DocBits, DocBitsCollector};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("full-text index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("full-text index: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("full-text index: a stored row is unreadable ({0})")]
    Row(String),
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    title_exact: Field,
    body: Field,
    context: Field,
    list: Field,
    pillar: Field,
    mention: Field,
    platform: Field,
    workload: Field,
    service: Field,
    code: Field,
    flag: Field,
    row: Field,
    order: Field,
    node: Field,
    cues: Field,
}

fn schema() -> (Schema, Fields) {
    let mut s = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(stem::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: s.add_text_field("id", STRING),
        kind: s.add_text_field("kind", STRING),
        title: s.add_text_field("title", text.clone()),
        title_exact: s.add_text_field("title_exact", STRING),
        body: s.add_text_field("body", text),
        context: s.add_text_field(
            "context",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(stem::NAME)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        list: s.add_text_field(
            "list",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(stem::NAME)
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        pillar: s.add_text_field("pillar", STRING),
        mention: s.add_text_field("mention", STRING),
        platform: s.add_text_field("platform", STRING),
        workload: s.add_text_field("workload", STRING),
        service: s.add_text_field("service", STRING),
        code: s.add_text_field("code", STRING),
        flag: s.add_text_field("flag", STRING),
        row: s.add_bytes_field("row", STORED),
        order: s.add_u64_field("order", FAST | INDEXED),
        node: s.add_u64_field("node", FAST),
        cues: s.add_u64_field("cues", FAST),
    };
    (s.build(), fields)
}

/// The tie-break rank of a node, as one number: kind (items, then pillars, platforms and
/// workloads, then articles, then sections), then code (coded items first, in code
/// order), then the file (in corpus order) and line of its first source.
pub fn order_key(kind: crate::graph::NodeKind, code: Option<&str>, file: u32, line: u32) -> u64 {
    use crate::graph::NodeKind as K;
    // Every kind named, so a new kind is a compile error here rather than a section.
    let kind_rank: u64 = match kind {
        K::DesignArea | K::DesignPrinciple | K::Challenge | K::Recommendation | K::Tradeoff => 0,
        K::Pillar | K::Platform | K::Workload | K::Framework | K::Service => 1,
        K::Article => 2,
        K::Section => 3,
    };
    debug_assert_eq!(kind_rank == 0, kind.is_item());
    let code_bits: u64 = match code.map(str::as_bytes) {
        Some([a, b, b':', c, d, ..]) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            let letter = |x: &u8| u64::from(x.to_ascii_uppercase().saturating_sub(b'A')) & 31;
            let number = u64::from(c.saturating_sub(b'0')) * 10 + u64::from(d.saturating_sub(b'0'));
            (letter(a) << 12) | (letter(b) << 7) | (number & 127)
        }
        _ => 1 << 17,
    };
    (kind_rank << 62)
        | (code_bits << 44)
        | ((u64::from(file) & 0xff_ffff) << 20)
        | (u64::from(line) & 0xf_ffff)
}

/// Everything the index keeps about one node.
pub struct IndexDoc<'a> {
    pub node: &'a Node,
    /// Position of the node in the graph.
    pub index: u64,
    /// Full text to search (the node's own text when empty).
    pub body: &'a str,
    /// Where an item sits: its article's title and its section's heading. Searched at a
    /// lower weight, so "grounding data design recommendations" finds the rows of the
    /// article so titled, though no row repeats its title.
    pub context: &'a str,
    pub order: u64,
    /// The node's [`cues::Cues`].
    pub cues: u64,
}

/// Bytes of stored rows compressed together. A query reads only its page of rows, each
/// from its own block, and decompresses the whole block: with tantivy's 16 KB blocks the
/// 50 rows of a page were 2.4 M instructions of LZ4 (callgrind, `query "model decay"`
/// over ten copies of the guidance, issue 22).
const DOCSTORE_BLOCK: usize = 4096;

/// Writes documents into a new index folder.
pub struct TextWriter {
    writer: IndexWriter,
    f: Fields,
}

impl TextWriter {
    /// Creates an empty index in `dir` (which must exist and be empty), sized for a corpus
    /// of `corpus_bytes`.
    pub fn create(dir: &Path, corpus_bytes: u64) -> Result<TextWriter, SearchError> {
        let (schema, f) = schema();
        let index = Index::builder()
            .schema(schema)
            .settings(tantivy::IndexSettings {
                docstore_blocksize: DOCSTORE_BLOCK,
                ..tantivy::IndexSettings::default()
            })
            .create_in_dir(dir)?;
        index.tokenizers().register(stem::NAME, stem::analyzer());
        // Two indexing threads on the two cores this runs on; 64 MB keeps the peak of a
        // 100× corpus under a gigabyte. A small corpus gets tantivy's least (15 MB a
        // thread): the buffers are zeroed when made, which was a tenth of the time of
        // indexing the guidance. Segments are merged once, at the end (see commit), not
        // as they come.
        // tantivy refuses less than 15 MB a thread (`MEMORY_BUDGET_NUM_BYTES_MIN`, not
        // exported).
        let least = 2 * 15_000_000;
        let budget = usize::try_from(corpus_bytes.saturating_mul(8))
            .unwrap_or(usize::MAX)
            .clamp(least, 64 * 1024 * 1024);
        let writer: IndexWriter = index.writer_with_num_threads(2, budget)?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        Ok(TextWriter { writer, f })
    }

    pub fn add(&mut self, d: &IndexDoc<'_>) -> Result<(), SearchError> {
        let f = self.f;
        let n = d.node;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &n.id);
        doc.add_text(f.kind, n.kind.name());
        doc.add_text(f.title, fold::fold(&n.title));
        for name in exact_titles(&n.title).chain(n.aliases.iter().map(|a| normalize(a))) {
            doc.add_text(f.title_exact, name);
        }
        // A design principle is stated by its goal sentence ("The workload must continue
        // to operate with full or reduced functionality."): pasted, it names the principle.
        if n.kind == crate::graph::NodeKind::DesignPrinciple {
            let body = n.text.strip_prefix(n.title.as_str()).unwrap_or(&n.text);
            let first_line = body.trim_start().lines().next().unwrap_or_default();
            let goal = normalize(crate::corpus::text::first_sentence(first_line));
            if goal.split(' ').count() >= 4 {
                doc.add_text(f.title_exact, goal);
            }
        }
        if let Some(g) = &n.group {
            doc.add_text(f.list, fold::fold(g));
        }
        let body = if d.body.is_empty() {
            n.text.as_str()
        } else {
            d.body
        };
        doc.add_text(
            f.body,
            fold::fold(if body.is_empty() { &n.summary } else { body }),
        );
        if !d.context.is_empty() {
            doc.add_text(f.context, fold::fold(d.context));
        }
        if let Some(code) = &n.code {
            doc.add_text(f.title, code);
            doc.add_text(f.code, code.to_uppercase());
        }
        if n.checklist {
            doc.add_text(f.flag, "checklist");
        }
        if n.draft {
            doc.add_text(f.flag, "draft");
        }
        if n.kind.is_item() && (!n.workloads.is_empty() || !n.services.is_empty()) {
            doc.add_text(f.flag, "scoped");
        }
        for p in &n.pillars {
            doc.add_text(f.pillar, p);
        }
        for p in &n.mentions {
            doc.add_text(f.mention, p);
        }
        for s in &n.services {
            doc.add_text(f.service, crate::corpus::text::slug(s));
        }
        for p in &n.platforms {
            doc.add_text(f.platform, p);
        }
        for w in &n.workloads {
            doc.add_text(f.workload, w);
        }
        let row = row::StoredRow::of(n).encode().map_err(SearchError::Row)?;
        doc.add_bytes(f.row, &row);
        doc.add_u64(f.order, d.order);
        doc.add_u64(f.node, d.index);
        doc.add_u64(f.cues, d.cues);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Commits, then merges the segments into one when there are more than the two a small
    /// corpus gives (one per indexing thread): a query then opens a handful of files
    /// instead of several per segment, which is most of its cost on a large corpus.
    pub fn commit(mut self) -> Result<(), SearchError> {
        self.writer.commit()?;
        let segments = self.writer.index().searchable_segment_ids()?;
        if segments.len() > 2 {
            self.writer.merge(&segments).wait()?;
        }
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// What a word naming the list an item sits in adds to its score in a question ("Azure
/// policies for Cosmos DB"): more than a word in a title gives, as naming the list is
/// asking for it.
const LIST_SCORE: f32 = 20.0;

/// How results are ordered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// By the words' BM25 and the graph's boosts, raised by standing: a search by words
    /// or a pasted sentence.
    #[default]
    Words,
    /// By standing (see [`standing`]), then the words and the pillar cues, then source
    /// order: a question. With no words, a framework checklist reads in code order.
    Structure,
}

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

/// Lower-case words of `text` joined by single spaces: how titles are compared.
pub fn normalize(text: &str) -> String {
    crate::corpus::text::words(&fold::fold(text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms of a title a question can equal: the title, and the title without what a
/// parenthesis adds ("… Service (AKS)" → "… Service").
fn exact_titles(title: &str) -> impl Iterator<Item = String> {
    let full = normalize(title);
    let bare = match (title.find('('), title.rfind(')')) {
        (Some(o), Some(c)) if o < c => {
            Some(normalize(&format!("{}{}", &title[..o], &title[c + 1..])))
        }
        _ => None,
    };
    std::iter::once(full.clone()).chain(bare.filter(|b| *b != full && !b.is_empty()))
}

/// Where a result stands in a structured answer, best first: a checklist row of the
/// framework filed under an asked pillar (1), another item of the framework itself (2), an
/// item of a workload or service guide (3), a pillar, platform, workload or service (4),
/// an article (5), a section (6). 0 is kept for a node titled as the question.
pub fn standing(order: u64, cues: cues::Cues, pillars: &[usize]) -> u8 {
    match order >> 62 {
        0 if cues.checklist()
            && !cues.scoped()
            && (pillars.is_empty() || pillars.iter().any(|&p| cues.filed_under(p))) =>
        {
            1
        }
        0 if !cues.scoped() => 2,
        0 => 3,
        1 => 4,
        2 => 5,
        _ => 6,
    }
}

/// An order key that puts a node's platform first (see [`cues::Cues::platform_rank`]),
/// then what `order` holds below its kind: Azure's SE:01…SE:12, then Power Platform's,
/// rather than the two interleaved code by code. Where it is used the standing already
/// tells kinds apart, so the platform takes the kind's two bits.
fn grouped(order: u64, c: cues::Cues) -> u64 {
    (c.platform_rank().min(3) << 62) | (order & ((1 << 62) - 1))
}

/// How much a standing raises the words' score when words rank: enough to lift a
/// checklist row over a section or a service item that repeats its words, not enough to
/// lift an item the words fit worse.
fn standing_weight(standing: u8) -> f32 {
    match standing {
        1 => 1.3,
        2 => 1.15,
        3 => 1.05,
        _ => 1.0,
    }
}

/// How much of a question's words a document holds, each word weighed by how rare it is:
/// holding "grounding" says more than holding "data".
struct Coverage {
    sets: Vec<(f32, DocBits)>,
    /// Per word, the documents holding it in their title.
    titled: Vec<DocBits>,
    /// The weight of all the words.
    total: f32,
}

impl Coverage {
    /// The share (0 to 1) of the words' weight `addr` holds.
    fn of(&self, addr: &DocAddress) -> f32 {
        let total = self.total;
        let held: f32 = self
            .sets
            .iter()
            .filter(|(_, docs)| docs.contains(addr))
            .map(|(w, _)| w)
            .sum();
        if total > 0.0 { held / total } else { 0.0 }
    }

    /// Whether `addr`'s title holds every word.
    fn in_title(&self, addr: &DocAddress) -> bool {
        self.titled.iter().all(|docs| docs.contains(addr))
    }
}

/// A result holding at least this share of a structured question's word weight ranks by
/// standing with the results that hold all of it.
const MOST_WORDS: f32 = 0.5;

/// What a result that holds none of the words' weight keeps of its score when words rank
/// (one that holds all of it gets `1 + COVERAGE_FLOOR`).
const COVERAGE_FLOOR: f32 = 0.5;

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
        for (field, boost) in [(f.title, 2.5f32), (f.body, 1.0), (f.context, 0.5)] {
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
            let terms = self.terms(f.title, name);
            let title = PhraseQuery::new(terms);
            titled.push(searcher.search(&title, &DocBitsCollector)?);
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

    /// A name of several words as a phrase in a title or a text, scored as the title and
    /// text words are.
    fn name_query(&self, name: &str) -> Option<Box<dyn Query>> {
        let f = self.f;
        let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [(f.title, 2.5f32), (f.body, 1.0)] {
            let terms = self.terms(field, name);
            if terms.len() > 1 {
                either.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost)),
                ));
            }
        }
        (!either.is_empty()).then(|| Box::new(BooleanQuery::new(either)) as Box<dyn Query>)
    }

    /// `text` with the names added as optional phrases.
    fn with_names(
        &self,
        text: Option<Box<dyn Query>>,
        named: &[String],
        weight: f32,
    ) -> Option<Box<dyn Query>> {
        let mut should: Vec<(Occur, Box<dyn Query>)> =
            text.into_iter().map(|q| (Occur::Should, q)).collect();
        should.extend(named.iter().filter_map(|n| self.name_query(n)).map(|q| {
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
        let typed = self.with_names(typed, r.named, 1.0);
        // A long form's words score as many words; it stands for one word typed.
        let typed = self.with_names(typed, &longs, SYNONYM_WEIGHT);
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
        let wants_text =
            !r.words.trim().is_empty() || !r.extra.trim().is_empty() || !r.named.is_empty();
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
            searcher.search(
                &query,
                &(TopDocs::with_limit(r.depth.max(1)).order_by_score(), Count),
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
        let columns: Vec<(Column<u64>, Column<u64>, Column<u64>)> = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let ff = s.fast_fields();
                Ok((ff.u64("order")?, ff.u64("node")?, ff.u64("cues")?))
            })
            .collect::<Result<_, tantivy::TantivyError>>()?;
        let is_section = |addr: &DocAddress| {
            columns[addr.segment_ord as usize]
                .0
                .first(addr.doc_id)
                .is_none_or(|o| o >> 62 == 3)
        };
        let titled: HashSet<DocAddress> = titled.into_iter().filter(|a| !is_section(a)).collect();
        // In a structured question, results that hold most of the words (by weight) come
        // first, by standing, as a question without words would list them; then those that
        // hold some, by how well; then the rest of the structure (Elasticsearch's
        // minimum_should_match, as tiers rather than a cut).
        let covered = if wants_text {
            self.word_sets(&searcher, stats, r.words, r.named, r.synonyms)?
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
        // (standing, score, order, node, address)
        type Ranked = (u8, f32, u64, u64, DocAddress);
        let mut ranked: Vec<Ranked> = Vec::with_capacity(candidates.len());
        for (bm25, addr) in candidates {
            let (order, node, cue_col) = &columns[addr.segment_ord as usize];
            let o = order.first(addr.doc_id).unwrap_or(u64::MAX);
            let n = node.first(addr.doc_id).unwrap_or(u64::MAX);
            let c = cues::Cues(cue_col.first(addr.doc_id).unwrap_or(0));
            let mut place = standing(o, c, r.rank_pillars);
            // A section or article whose title holds every word of the question is an
            // answer as much as a checklist row is (BM25F's lesson: the title says what a
            // text is about); the words' score orders them. Items keep their standing:
            // lifting every item whose title holds the words over the checklist buries
            // the checklist a question asks for.
            if place > 4 && covered.as_ref().is_some_and(|c| c.in_title(&addr)) {
                place = 1;
            }
            if titled.contains(&addr) {
                ranked.push((0, bm25, o, n, addr));
                continue;
            }
            let cue = c.pillar_score(r.rank_pillars);
            let item = match r.ranking {
                // A checklist reads in code order, a platform's rows together.
                Ranking::Structure if place == 1 && !scored => (1, 0.0, grouped(o, c), n, addr),
                // Within a structured answer the words rank what they match first, as
                // they would alone; what they miss follows in standing order.
                Ranking::Structure
                    if wants_text
                        && bm25 > 0.0
                        && covered.as_ref().is_none_or(|c| c.of(&addr) >= MOST_WORDS) =>
                {
                    (place, bm25 + cue, o, n, addr)
                }
                Ranking::Structure if wants_text && bm25 > 0.0 => {
                    (10, (bm25 + cue) * standing_weight(place), o, n, addr)
                }
                Ranking::Structure if wants_text => (20 + place, cue, o, n, addr),
                // A list with no words to rank it keeps a platform's items together.
                Ranking::Structure if !wants_text => (place, bm25 + cue, grouped(o, c), n, addr),
                Ranking::Structure => (place, bm25 + cue, o, n, addr),
                // How much of the question a result holds weighs as much as how well it
                // holds it: a section holding every word of a long question beats an item
                // whose short title repeats one of them.
                Ranking::Words => {
                    let held = covered.as_ref().map_or(1.0, |c| c.of(&addr));
                    let score = (bm25 + cue) * standing_weight(place) * (COVERAGE_FLOOR + held);
                    (1, score, o, n, addr)
                }
            };
            ranked.push(item);
        }
        let cmp = |a: &Ranked, b: &Ranked| -> Ordering {
            a.0.cmp(&b.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        };
        let limit = r.limit.min(ranked.len());
        if limit < ranked.len() && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, cmp);
            ranked.truncate(limit);
        }
        ranked.sort_by(cmp);
        ranked.truncate(r.limit);
        let mut out = Vec::with_capacity(ranked.len());
        for (_, score, _, node, addr) in ranked {
            let d: TantivyDocument = searcher.doc(addr)?;
            let row = d
                .get_first(f.row)
                .and_then(|v| v.as_bytes())
                .ok_or_else(|| SearchError::Row("missing".into()))?;
            out.push(Found {
                row: row::StoredRow::decode(row).map_err(SearchError::Row)?,
                score,
                node,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_by_their_words() {
        assert_eq!(
            normalize("Health  modeling, for workloads?"),
            "health modeling for workloads"
        );
        let forms: Vec<String> =
            exact_titles("Architecture best practices for Azure Kubernetes Service (AKS)")
                .collect();
        assert_eq!(
            forms,
            [
                "architecture best practices for azure kubernetes service aks",
                "architecture best practices for azure kubernetes service"
            ]
        );
    }
}
