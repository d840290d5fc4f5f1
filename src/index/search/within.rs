//! Word statistics within what a question's structure selects. A word's weight (its
//! inverse document frequency) says how well it tells documents apart; in the ExpressRoute
//! guide "circuit" is on most items and tells nothing, though over the whole guidance it
//! is rare. Weighing a structured question's words by how rare they are among the
//! documents its filters keep lets the word that actually separates them ("redundancy")
//! lead. It weighs the words of a question's coverage (see `Coverage` in the parent
//! module); BM25 keeps the whole index's statistics, as a subset of a few documents makes
//! a stray rare word loud.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::collector::Count;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// BM25 statistics of the documents `filter` matches.
pub struct Within<'a> {
    searcher: &'a Searcher,
    filter: Box<dyn Query>,
    docs: u64,
    /// Each term's document frequency within the filter, counted once.
    freqs: RefCell<HashMap<Term, u64>>,
}

impl<'a> Within<'a> {
    /// Statistics within `filter`'s matches; `None` when it matches nothing (there is
    /// nothing to weigh words by, and the search finds nothing anyway).
    pub fn new(searcher: &'a Searcher, filter: Box<dyn Query>) -> tantivy::Result<Option<Self>> {
        let docs = searcher.search(&*filter, &Count)? as u64;
        Ok((docs > 0).then(|| Within {
            searcher,
            filter,
            docs,
            freqs: RefCell::new(HashMap::new()),
        }))
    }
}

impl Bm25StatisticsProvider for Within<'_> {
    /// The whole index's tokens scaled to the subset: the average length stays the
    /// index's, so a long section is judged long as it is everywhere else.
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let all = self.searcher.total_num_tokens(field)?;
        let docs = self.searcher.total_num_docs()?.max(1);
        Ok((all as u128 * self.docs as u128 / docs as u128) as u64)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.freqs.borrow().get(term) {
            return Ok(n);
        }
        let both = BooleanQuery::new(vec![
            (Occur::Must, self.filter.box_clone()),
            (
                Occur::Must,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            ),
        ]);
        let n = self.searcher.search(&both, &Count)? as u64;
        self.freqs.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }
}
