//! Writing the full-text index: one document per node, its fields as [`super::schema`]
//! lays them out, in a new index folder.

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use tantivy::schema::Document;
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::schema::{Fields, exact_titles, normalize, schema};
use super::{SearchError, fold, row, stem};
use crate::graph::Node;

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
    /// Its tie-break rank ([`super::order::order_key`]).
    pub order: u64,
    /// The node's [`super::cues::Cues`].
    pub cues: u64,
    /// The graph index of the section of the node's file titled as the node (a design
    /// principle stated as a heading, an article's first heading): one text, which an
    /// answer shows once.
    pub twin: Option<u64>,
    /// The graph indices of the sections and article an item sits in.
    pub containers: &'a [u64],
}

/// Bytes of stored rows compressed together. A query reads only its page of rows, each
/// from its own block, and decompresses the whole block: with tantivy's 16 KB blocks the
/// 50 rows of a page were 2.4 M instructions of LZ4 (callgrind, `query "model decay"`
/// over ten copies of the guidance, issue 22).
const DOCSTORE_BLOCK: usize = 4096;

/// Documents handed to tantivy and not yet indexed, at most. tantivy queues up to 10,000
/// (`PIPELINE_MAX_SIZE_IN_DOCS`): when the last pass of `index` writes the items' and
/// articles' documents faster than its one thread indexes them, that queue held 21 MB
/// beside the whole graph, at the peak of `index` over ten copies of the guidance (issue
/// 22). A few hundred keep the indexing thread as busy.
const QUEUED_DOCS: usize = 256;

/// Writes documents into a new index folder.
pub struct TextWriter {
    writer: IndexWriter<Queued>,
    f: Fields,
    queue: Arc<Queue>,
}

/// How many documents are queued for indexing, and a signal when one leaves the queue.
#[derive(Default)]
struct Queue {
    docs: Mutex<usize>,
    left: Condvar,
}

impl Queue {
    /// Waits for room in the queue, then takes a place in it.
    fn enter(&self) {
        let mut docs = self.docs.lock().unwrap_or_else(PoisonError::into_inner);
        while *docs >= QUEUED_DOCS {
            docs = self.left.wait(docs).unwrap_or_else(PoisonError::into_inner);
        }
        *docs += 1;
    }

    fn leave(&self) {
        let mut docs = self.docs.lock().unwrap_or_else(PoisonError::into_inner);
        *docs = docs.saturating_sub(1);
        self.left.notify_one();
    }
}

/// A document with its place in the [`Queue`], given up when tantivy drops it: once
/// indexed, or unindexed when the writer fails.
struct Queued {
    doc: TantivyDocument,
    queue: Arc<Queue>,
}

impl Drop for Queued {
    fn drop(&mut self) {
        self.queue.leave();
    }
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
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
        // One indexing thread: the other core parses and extracts the articles, which
        // feed it. Two threads, as before issue 22, gave the same wall-clock time
        // over ten copies of the guidance but cost 13% more CPU (6.48 s against 5.61 s:
        // twice the segments to merge) and 36 MB more at the peak (two sets of tantivy's
        // buffers and tables). At most 32 MB: the buffers are full beside the whole graph
        // at the peak of `index`, and 64 MB made that peak 20 MB higher over ten copies of
        // the guidance (290 against 270 MB) for no CPU time saved, the segments being
        // merged once, at the end (see commit), not as they come. A small corpus gets less
        // (tantivy refuses under 15 MB a thread, `MEMORY_BUDGET_NUM_BYTES_MIN`, not
        // exported): the buffers are zeroed when made, which was a tenth of the time of
        // indexing the guidance.
        let least = 15_000_000;
        let budget = usize::try_from(corpus_bytes.saturating_mul(8))
            .unwrap_or(usize::MAX)
            .clamp(least, 32 * 1024 * 1024);
        let writer: IndexWriter<Queued> = index.writer_with_num_threads(1, budget)?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        Ok(TextWriter {
            writer,
            f,
            queue: Arc::default(),
        })
    }

    pub fn add(&mut self, d: &IndexDoc<'_>) -> Result<(), SearchError> {
        let f = self.f;
        let n = d.node;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &n.id);
        doc.add_text(f.kind, n.kind.name());
        doc.add_text(f.title, fold::fold(&n.title));
        for name in exact_titles(&n.title).chain(n.aliases().iter().map(|a| normalize(a))) {
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
        if let Some(g) = n.group() {
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
        for p in n.mentions() {
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
        doc.add_u64(f.twin, d.twin.unwrap_or(super::schema::NO_TWIN));
        doc.add_u64(
            f.copy,
            super::schema::copy_hash(
                n.kind.name(),
                n.platforms.iter().map(|p| p.as_str()),
                &n.title,
                body,
            ),
        );
        for &c in d.containers {
            doc.add_u64(f.containers, c);
        }
        self.queue.enter();
        self.writer.add_document(Queued {
            doc,
            queue: Arc::clone(&self.queue),
        })?;
        Ok(())
    }

    /// Commits, then merges the segments into one when there are several (a corpus larger
    /// than the writer's budget): a query then opens a handful of files instead of
    /// several per segment, which is most of its cost on a large corpus.
    pub fn commit(mut self) -> Result<(), SearchError> {
        self.writer.commit()?;
        let segments = self.writer.index().searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait()?;
        }
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
