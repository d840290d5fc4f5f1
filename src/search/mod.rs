//! The full-text index (tantivy): one document per graph node. It answers every search
//! query on its own, so a query opens only this memory-mapped index and never loads the
//! graph:
//!
//! - `title`, `body`: BM25 text (English stemming);
//! - `id`, `kind`, `pillar`, `platform`, `workload`, `code`, `flag`, `title_exact`: exact
//!   terms for filters and lookups;
//! - `row`: the stored result (the JSON contract's result object, without score);
//! - fast fields `order` (the tie-break rank: kind, code, file, line), `node` (graph index)
//!   and `cues` (per pillar: its title is about it, its text is, it is filed there by
//!   structure), so ranking needs no stored field until the final page.

mod fold;
mod readonly;
pub mod row;

use std::cmp::Ordering;
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

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("full-text index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("full-text index: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("full-text index: a stored result is unreadable ({0})")]
    Row(String),
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    title_exact: Field,
    body: Field,
    pillar: Field,
    platform: Field,
    workload: Field,
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
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: s.add_text_field("id", STRING),
        kind: s.add_text_field("kind", STRING),
        title: s.add_text_field("title", text.clone()),
        title_exact: s.add_text_field("title_exact", STRING),
        body: s.add_text_field("body", text),
        pillar: s.add_text_field("pillar", STRING),
        platform: s.add_text_field("platform", STRING),
        workload: s.add_text_field("workload", STRING),
        code: s.add_text_field("code", STRING),
        flag: s.add_text_field("flag", STRING),
        row: s.add_text_field("row", STORED),
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
    let kind_rank: u64 = match kind {
        k if k.is_item() => 0,
        K::Pillar | K::Platform | K::Workload | K::Framework => 1,
        K::Article => 2,
        K::Section => 3,
        _ => 3,
    };
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
    /// The stored result row (JSON).
    pub row: String,
    pub order: u64,
    /// Bit `p` (pillar `p` of `vocab::PILLARS`): title about it; `8 + p`: text about it;
    /// `16 + p`: filed under it by structure.
    pub cues: u64,
}

/// Writes documents into a new index folder.
pub struct TextWriter {
    writer: IndexWriter,
    f: Fields,
}

impl TextWriter {
    /// Creates an empty index in `dir` (which must exist and be empty).
    pub fn create(dir: &Path) -> Result<TextWriter, SearchError> {
        let (schema, f) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        // Two indexing threads on the two cores this runs on; 64 MB keeps the peak of a
        // 100× corpus under a gigabyte. Segments are merged once, at the end (see commit),
        // not as they come.
        let writer: IndexWriter = index.writer_with_num_threads(2, 64 * 1024 * 1024)?;
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
        doc.add_text(f.title_exact, n.title.to_lowercase());
        let body = if d.body.is_empty() {
            n.text.as_str()
        } else {
            d.body
        };
        doc.add_text(
            f.body,
            fold::fold(if body.is_empty() { &n.summary } else { body }),
        );
        if let Some(code) = &n.code {
            doc.add_text(f.title, code);
            doc.add_text(f.code, code.to_uppercase());
        }
        if n.checklist {
            doc.add_text(f.flag, "checklist");
        }
        for p in &n.pillars {
            doc.add_text(f.pillar, p);
        }
        for p in &n.platforms {
            doc.add_text(f.platform, p);
        }
        for w in &n.workloads {
            doc.add_text(f.workload, w);
        }
        doc.add_text(f.row, &d.row);
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

/// What a search asks for. Empty lists restrict nothing.
#[derive(Debug, Default, Clone)]
pub struct Request<'a> {
    /// Words ranked by BM25; results must match at least one when given.
    pub words: &'a str,
    /// Each group must match by at least one of its phrases.
    pub groups: &'a [Vec<String>],
    pub kinds: &'a [&'a str],
    pub pillars: &'a [&'a str],
    /// All `pillars` are required (tradeoffs between two pillars), not any.
    pub all_pillars: bool,
    pub platforms: &'a [&'a str],
    pub workloads: &'a [&'a str],
    pub codes: &'a [&'a str],
    /// Only rows of a design review checklist.
    pub checklist: bool,
    /// Positions (in `vocab::PILLARS`) of the pillars asked for, for ranking.
    pub rank_pillars: &'a [usize],
    /// Rank by `order` alone (checklists read in code order).
    pub plain_order: bool,
    /// Look this deep into the BM25 ranking when words are given.
    pub depth: usize,
    pub limit: usize,
}

/// A ranked result.
#[derive(Debug, Clone)]
pub struct Found {
    pub row: String,
    pub score: f32,
    pub node: u64,
}

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

fn any_of(field: Field, values: &[&str]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| (Occur::Should, term_query(field, v)))
            .collect(),
    ))
}

/// Score of a document's pillar cues for the pillars asked for: a title about the pillar
/// (10) outranks a text about it (1); being filed under it by structure adds 25, an exact
/// graph match that outweighs any words.
fn cue_score(cues: u64, pillars: &[usize]) -> f32 {
    pillars
        .iter()
        .map(|&p| {
            let words = if cues & (1 << p) != 0 {
                10.0
            } else if cues & (1 << (8 + p)) != 0 {
                1.0
            } else {
                0.0
            };
            let filed = if cues & (1 << (16 + p)) != 0 {
                25.0
            } else {
                0.0
            };
            words + filed
        })
        .fold(0.0, |a, b| a + b)
}

impl TextIndex {
    pub fn open(dir: &Path) -> Result<TextIndex, SearchError> {
        // Read-only: querying must not need write access to the index (issue 11).
        let index = Index::open(readonly::ReadOnlyDirectory::open(dir)?)?;
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

    fn text_query(&self, words: &str) -> Option<Box<dyn Query>> {
        let f = self.f;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [(f.title, 2.5f32), (f.body, 1.0)] {
            let terms = self.terms(field, words);
            for t in &terms {
                let q = TermQuery::new(t.clone(), IndexRecordOption::WithFreqs);
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
            if terms.len() > 1 {
                let q = PhraseQuery::new(terms);
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), boost * 2.0)),
                ));
            }
        }
        if should.is_empty() {
            return None;
        }
        // A title equal to the words is what was asked for.
        let exact = term_query(f.title_exact, &words.trim().to_lowercase());
        should.push((Occur::Should, Box::new(BoostQuery::new(exact, 5.0))));
        Some(Box::new(BooleanQuery::new(should)))
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
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let text = self.text_query(r.words);
        let wants_text = !r.words.trim().is_empty();
        if wants_text {
            match &text {
                Some(q) => must.push((Occur::Must, q.box_clone())),
                // Words that analyze to nothing (punctuation) match nothing.
                None => return Ok((Vec::new(), 0)),
            }
        }
        for group in r.groups {
            match self.group_query(group) {
                Some(q) => must.push((Occur::Must, q)),
                None => return Ok((Vec::new(), 0)),
            }
        }
        let filters: [(Field, &[&str]); 5] = [
            (f.kind, r.kinds),
            (f.platform, r.platforms),
            (f.workload, r.workloads),
            (f.code, r.codes),
            (f.pillar, if r.all_pillars { &[] } else { r.pillars }),
        ];

        for (field, values) in filters {
            if !values.is_empty() {
                must.push((Occur::Must, any_of(field, values)));
            }
        }
        if r.all_pillars {
            for p in r.pillars {
                must.push((Occur::Must, term_query(f.pillar, p)));
            }
        }
        if r.checklist {
            must.push((Occur::Must, term_query(f.flag, "checklist")));
        }
        if must.is_empty() {
            return Ok((Vec::new(), 0));
        }
        if !wants_text && r.groups.is_empty() {
            must.push((Occur::Must, Box::new(AllQuery)));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        // (score, address) of every candidate: the BM25 top when words or phrases rank,
        // else every match (structure alone decides the order). The total counts every
        // match, not just the candidates looked at.
        let (candidates, total): (Vec<(f32, DocAddress)>, usize) =
            if wants_text || !r.groups.is_empty() {
                searcher.search(
                    &query,
                    &(TopDocs::with_limit(r.depth.max(1)).order_by_score(), Count),
                )?
            } else {
                let all: Vec<(f32, DocAddress)> = searcher
                    .search(&query, &DocSetCollector)?
                    .into_iter()
                    .map(|a| (0.0, a))
                    .collect();
                let n = all.len();
                (all, n)
            };
        let columns: Vec<(Column<u64>, Column<u64>, Column<u64>)> = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let ff = s.fast_fields();
                Ok((ff.u64("order")?, ff.u64("node")?, ff.u64("cues")?))
            })
            .collect::<Result<_, tantivy::TantivyError>>()?;
        let mut ranked: Vec<(f32, u64, u64, DocAddress)> = candidates
            .into_iter()
            .map(|(bm25, addr)| {
                let (order, node, cues) = &columns[addr.segment_ord as usize];
                let o = order.first(addr.doc_id).unwrap_or(u64::MAX);
                let n = node.first(addr.doc_id).unwrap_or(u64::MAX);
                let c = cues.first(addr.doc_id).unwrap_or(0);
                let score = if r.plain_order {
                    bm25
                } else {
                    bm25 + cue_score(c, r.rank_pillars)
                };
                (score, o, n, addr)
            })
            .collect();
        let cmp = |a: &(f32, u64, u64, DocAddress), b: &(f32, u64, u64, DocAddress)| -> Ordering {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        let limit = r.limit.min(ranked.len());
        if limit < ranked.len() && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, cmp);
            ranked.truncate(limit);
        }
        ranked.sort_by(cmp);
        ranked.truncate(r.limit);
        let mut out = Vec::with_capacity(ranked.len());
        for (score, _, node, addr) in ranked {
            let d: TantivyDocument = searcher.doc(addr)?;
            let row = d
                .get_first(f.row)
                .and_then(|v| v.as_str())
                .ok_or_else(|| SearchError::Row("missing".into()))?;
            out.push(Found {
                row: row.to_string(),
                score,
                node,
            });
        }
        Ok((out, total))
    }

    /// The graph index of the node with this exact id, code or (lower-cased) title; the
    /// first in rank order when several share it.
    pub fn lookup(&self, field: &str, value: &str) -> Result<Option<u64>, SearchError> {
        let f = self.f;
        let (field, value) = match field {
            "id" => (f.id, value.to_string()),
            "code" => (f.code, value.to_uppercase()),
            _ => (f.title_exact, value.to_lowercase()),
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
    fn cue_scores_put_structure_before_titles_before_text() {
        let title = 1;
        let text = 1 << 8;
        let filed = 1 << 16;
        assert!(cue_score(filed, &[0]) > cue_score(title, &[0]));
        assert!(cue_score(title, &[0]) > cue_score(text, &[0]));
        assert_eq!(cue_score(title | text, &[0]), 10.0);
        assert_eq!(cue_score(title, &[1]), 0.0);
    }
}
