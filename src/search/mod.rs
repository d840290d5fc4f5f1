//! The full-text index (tantivy): one document per graph node, with BM25 over title and
//! text, and kind, pillar, platform and workload as exact-match fields for filtering.

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term, doc};

use crate::graph::Node;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("full-text index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("full-text index: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    body: Field,
    pillar: Field,
    platform: Field,
    workload: Field,
}

fn schema() -> (Schema, Fields) {
    let mut s = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: s.add_text_field("id", STRING | STORED),
        kind: s.add_text_field("kind", STRING),
        title: s.add_text_field("title", text.clone()),
        body: s.add_text_field("body", text),
        pillar: s.add_text_field("pillar", STRING),
        platform: s.add_text_field("platform", STRING),
        workload: s.add_text_field("workload", STRING),
    };
    (s.build(), fields)
}

/// Writes the full-text index for `nodes` into the empty folder `dir`. `text_of` gives the
/// full text of a node whose text the graph does not keep (articles and sections).
pub fn build<'a>(
    dir: &Path,
    nodes: impl Iterator<Item = &'a Node>,
    text_of: impl Fn(&Node) -> Option<&'a str>,
) -> Result<(), SearchError> {
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 64 * 1024 * 1024)?;
    for node in nodes {
        let mut d = doc!(
            f.id => node.id.as_str(),
            f.kind => node.kind.name(),
            f.title => node.title.as_str(),
        );
        let body = text_of(node).unwrap_or(node.text.as_str());
        d.add_text(f.body, if body.is_empty() { &node.summary } else { body });
        if let Some(code) = &node.code {
            d.add_text(f.title, code);
        }
        for p in &node.pillars {
            d.add_text(f.pillar, p);
        }
        for p in &node.platforms {
            d.add_text(f.platform, p);
        }
        for w in &node.workloads {
            d.add_text(f.workload, w);
        }
        writer.add_document(d)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Exact-match restrictions on a search; an empty list restricts nothing.
#[derive(Debug, Default, Clone)]
pub struct Filters<'a> {
    pub kinds: &'a [&'a str],
    pub pillars: &'a [&'a str],
    pub platforms: &'a [&'a str],
    pub workloads: &'a [&'a str],
}

/// An open full-text index.
pub struct TextIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

impl TextIndex {
    pub fn open(dir: &Path) -> Result<TextIndex, SearchError> {
        let index = Index::open_in_dir(dir)?;
        let (_, f) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex { index, reader, f })
    }

    /// Analyzed terms of `words` as the title and body fields see them.
    fn terms(&self, field: Field, words: &str) -> Vec<Term> {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(field) else {
            return Vec::new();
        };
        let mut stream = analyzer.token_stream(words);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(Term::from_field_text(field, &stream.token().text));
        }
        out
    }

    /// Ranked node ids matching any of `words` and, from each group in `groups`, at least
    /// one phrase (a quoted phrase is a group of one; a service is the group of its names),
    /// by `filters`. Titles weigh more than text; the words as a phrase weigh most.
    pub fn search(
        &self,
        words: &str,
        groups: &[Vec<String>],
        filters: &Filters<'_>,
        limit: usize,
    ) -> Result<Vec<(String, f32)>, SearchError> {
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
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !should.is_empty() {
            must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
        for group in groups {
            let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (phrase, field) in group.iter().flat_map(|p| [(p, f.title), (p, f.body)]) {
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
            if !either.is_empty() {
                must.push((Occur::Must, Box::new(BooleanQuery::new(either))));
            }
        }
        if must.is_empty() {
            return Ok(Vec::new());
        }
        for (field, values) in [
            (f.kind, filters.kinds),
            (f.pillar, filters.pillars),
            (f.platform, filters.platforms),
            (f.workload, filters.workloads),
        ] {
            if values.is_empty() {
                continue;
            }
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = d.get_first(f.id).and_then(|v| v.as_str()) {
                out.push((id.to_string(), score));
            }
        }
        Ok(out)
    }
}
