//! Sets of matching documents as one bit per document of each segment.
//!
//! tantivy's `DocSetCollector` gathers a `HashSet<DocAddress>`, hashing every match with
//! SipHash and then rehashing them all into one set: over ten copies of the guidance
//! that was a third of the instructions of `guidegraph query "model decay"` (callgrind,
//! issue 22), as a question's words each match thousands of documents. A bit per
//! document costs a shift and an or to set and to test, and a segment's bits are as long
//! as its documents are many.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The documents a query matched.
#[derive(Debug, Default)]
pub struct DocBits {
    /// Per segment ordinal, a bit per document.
    segments: Vec<Vec<u64>>,
    len: usize,
}

impl DocBits {
    pub fn contains(&self, addr: &DocAddress) -> bool {
        let doc = addr.doc_id as usize;
        self.segments
            .get(addr.segment_ord as usize)
            .and_then(|bits| bits.get(doc / 64))
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// How many documents matched.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds the documents of `other`.
    pub fn union_with(&mut self, other: &DocBits) {
        if self.segments.len() < other.segments.len() {
            self.segments.resize_with(other.segments.len(), Vec::new);
        }
        for (mine, theirs) in self.segments.iter_mut().zip(&other.segments) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), 0);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m |= t;
            }
        }
        self.len = self
            .segments
            .iter()
            .flatten()
            .map(|w| w.count_ones() as usize)
            .sum();
    }

    /// The documents, segment by segment, in document order.
    pub fn iter(&self) -> impl Iterator<Item = DocAddress> + '_ {
        self.segments.iter().enumerate().flat_map(|(ord, bits)| {
            bits.iter().enumerate().flat_map(move |(i, &word)| {
                let mut rest = word;
                std::iter::from_fn(move || {
                    if rest == 0 {
                        return None;
                    }
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    let doc = DocId::try_from(i * 64).unwrap_or(DocId::MAX) + bit;
                    Some(DocAddress::new(ord as SegmentOrdinal, doc))
                })
            })
        })
    }
}

/// Collects the documents a query matches as [`DocBits`].
pub struct DocBitsCollector;

/// One segment's bits, while they are collected.
pub struct SegmentBits {
    ord: SegmentOrdinal,
    bits: Vec<u64>,
    len: usize,
}

impl Collector for DocBitsCollector {
    type Fruit = DocBits;
    type Child = SegmentBits;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentBits> {
        Ok(SegmentBits {
            ord,
            bits: vec![0; (segment.max_doc() as usize).div_ceil(64)],
            len: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<u64>, usize)>,
    ) -> tantivy::Result<DocBits> {
        let mut out = DocBits::default();
        for (ord, bits, len) in fruits {
            let ord = ord as usize;
            if out.segments.len() <= ord {
                out.segments.resize_with(ord + 1, Vec::new);
            }
            out.segments[ord] = bits;
            out.len += len;
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentBits {
    type Fruit = (SegmentOrdinal, Vec<u64>, usize);

    fn collect(&mut self, doc: DocId, _score: Score) {
        let doc = doc as usize;
        if let Some(word) = self.bits.get_mut(doc / 64) {
            let bit = 1 << (doc % 64);
            if *word & bit == 0 {
                *word |= bit;
                self.len += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.ord, self.bits, self.len)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use tantivy::collector::DocSetCollector;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;

    #[test]
    fn holds_what_tantivys_doc_set_holds() {
        let mut schema = Schema::builder();
        let word = schema.add_text_field("word", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Two commits make two segments; 200 documents cross several words of bits.
        for batch in 0..2 {
            for i in 0..200u32 {
                let mut doc = TantivyDocument::default();
                let w = if (i + batch) % 3 == 0 {
                    "three"
                } else {
                    "other"
                };
                doc.add_text(word, w);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let query = TermQuery::new(
            Term::from_field_text(word, "three"),
            IndexRecordOption::Basic,
        );
        let want: HashSet<DocAddress> = searcher.search(&query, &DocSetCollector).unwrap();
        let got = searcher.search(&query, &DocBitsCollector).unwrap();
        assert_eq!(got.len(), want.len());
        assert!(!got.is_empty());
        assert_eq!(got.iter().collect::<HashSet<_>>(), want);
        assert_eq!(got.iter().count(), want.len());
        for seg in 0..2 {
            for doc in 0..210 {
                let addr = DocAddress::new(seg, doc);
                assert_eq!(got.contains(&addr), want.contains(&addr), "{addr:?}");
            }
        }
        assert!(!got.contains(&DocAddress::new(5, 0)));

        let other = TermQuery::new(
            Term::from_field_text(word, "other"),
            IndexRecordOption::Basic,
        );
        let mut both = searcher.search(&other, &DocBitsCollector).unwrap();
        both.union_with(&got);
        assert_eq!(both.len(), 400);
        let mut from_nothing = DocBits::default();
        from_nothing.union_with(&got);
        assert_eq!(from_nothing.iter().collect::<HashSet<_>>(), want);
    }
}
