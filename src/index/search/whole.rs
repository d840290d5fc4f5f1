//! A word's rarity is the word's, not a field's. Tantivy weighs a term by how many
//! documents hold it in the field searched, so "Microsoft", on most sections' text but in
//! few titles, weighs in a title as a rare word would and a section titled "Microsoft
//! Dataverse" outranks the one that answers a question about Microsoft's support
//! engineers. BM25F (Robertson, Zaragoza & Taylor 2004) weighs a word once, over whole
//! documents; this provider does so for titles: a title term is as rare as the word is in
//! titles or in text, whichever holds it more often.

use tantivy::Term;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;

pub struct WholeDocument<'a> {
    pub inner: &'a dyn Bm25StatisticsProvider,
    pub title: Field,
    pub body: Field,
}

impl Bm25StatisticsProvider for WholeDocument<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let own = self.inner.doc_freq(term)?;
        if term.field() != self.title {
            return Ok(own);
        }
        let value = term.value();
        let Some(text) = value.as_str() else {
            return Ok(own);
        };
        let in_body = self
            .inner
            .doc_freq(&Term::from_field_text(self.body, text))?;
        Ok(own.max(in_body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, doc};

    #[test]
    fn a_title_word_is_as_rare_as_the_word_is_anywhere() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        writer.add_document(doc!(title => "microsoft dataverse", body => "tables"))?;
        writer.add_document(doc!(title => "lockbox", body => "microsoft engineers"))?;
        writer.add_document(doc!(title => "support", body => "microsoft support"))?;
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let whole = WholeDocument {
            inner: &searcher,
            title,
            body,
        };
        let t = |f: Field, w: &str| Term::from_field_text(f, w);
        // In titles alone "microsoft" is as rare as "dataverse"; over whole documents not.
        assert_eq!(searcher.doc_freq(&t(title, "microsoft"))?, 1);
        assert_eq!(whole.doc_freq(&t(title, "microsoft"))?, 2);
        assert_eq!(whole.doc_freq(&t(title, "dataverse"))?, 1);
        // Other fields keep their own statistics.
        assert_eq!(whole.doc_freq(&t(body, "tables"))?, 1);
        Ok(())
    }
}
