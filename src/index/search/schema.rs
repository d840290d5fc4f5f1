//! The tantivy schema: the fields of a node's document and how each is analyzed, and how
//! a title is written for exact comparison.
//!
//! - `title`, `body`: BM25 text (English stemming); `context`: where a node sits (its
//!   article's title and section heading, and for a checklist row the title and headings
//!   of the article that details it), searched at a lower weight; `list`: the heading of
//!   the list an item sits in ("Azure policies"), matched word by word at a constant
//!   score — a question naming the list asks for its items, however long their titles;
//! - `id`, `kind`, `pillar`, `mention`, `platform`, `workload`, `service`, `code`, `flag`,
//!   `title_exact` (the title's words, and its other names, lower case): exact terms for
//!   filters and lookups;
//! - `row`: the stored row ([`super::row::StoredRow`]), from which an answer's result is
//!   made;
//! - fast fields `order` (the tie-break rank, [`super::order`]), `node` (graph index),
//!   `cues` ([`super::cues::Cues`]), `twin` (the graph index of the section whose text
//!   the node repeats, [`NO_TWIN`] when none) , `containers` (an item's sections
//!   and article, any number) and `copy` (a hash of what a reader sees of the node: the
//!   same for a section copied word for word into several articles), so ranking needs no stored field until the final page.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::{fold, stem};

#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) id: Field,
    pub(super) kind: Field,
    pub(super) title: Field,
    pub(super) title_exact: Field,
    pub(super) body: Field,
    pub(super) context: Field,
    pub(super) list: Field,
    pub(super) pillar: Field,
    pub(super) mention: Field,
    pub(super) platform: Field,
    pub(super) workload: Field,
    pub(super) service: Field,
    pub(super) code: Field,
    pub(super) flag: Field,
    pub(super) row: Field,
    pub(super) order: Field,
    pub(super) node: Field,
    pub(super) cues: Field,
    pub(super) twin: Field,
    pub(super) containers: Field,
    pub(super) copy: Field,
}

/// The `twin` of a node that repeats no section.
pub const NO_TWIN: u64 = u64::MAX;

/// The schema every index is written and read with, and its fields.
pub(super) fn schema() -> (Schema, Fields) {
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
        twin: s.add_u64_field("twin", FAST),
        containers: s.add_u64_field("containers", FAST),
        copy: s.add_u64_field("copy", FAST),
    };
    (s.build(), fields)
}

/// The `copy` of a node with too little text to be called a copy of another.
pub const NO_COPY: u64 = 0;

/// The fewest words of text that make two nodes of one title copies of each other: two
/// design areas titled "Networking" with no text of their own are two things.
const COPY_WORDS: usize = 8;

/// What a reader sees of a node, hashed (FNV-1a, stable across builds): its kind,
/// platforms, title and text, by their words as [`normalize`] reads them. A section
/// copied word for word into another article of the same platform (a pillar's checklist
/// under each of its articles) hashes the same. [`NO_COPY`] for a node with little text.
/// Every document's text goes through here when indexing: the words are hashed as they
/// are read, never gathered into a string (which was a fifth of `index`'s CPU time).
pub(super) fn copy_hash<'a>(
    kind: &str,
    platforms: impl IntoIterator<Item = &'a str>,
    title: &str,
    text: &str,
) -> u64 {
    let mut h = Fnv::default();
    h.bytes(kind.bytes());
    h.end();
    for p in platforms {
        h.bytes(p.bytes());
        h.bytes([b',']);
    }
    h.end();
    each_word(title, |w| h.word(w));
    h.end();
    let mut words = 0;
    each_word(text, |w| {
        words += 1;
        h.word(w);
    });
    if words < COPY_WORDS {
        return NO_COPY;
    }
    h.0.max(1)
}

/// The words of `text` as [`normalize`] reads them, before lower-casing.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    fold::fold(text)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .for_each(&mut f);
}

/// A 64-bit FNV-1a hash.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: impl IntoIterator<Item = u8>) {
        for b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A word in lower case, then a space.
    fn word(&mut self, w: &str) {
        if w.is_ascii() {
            self.bytes(w.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            let mut buf = [0u8; 4];
            for c in w.chars().flat_map(char::to_lowercase) {
                self.bytes(c.encode_utf8(&mut buf).bytes());
            }
        }
        self.bytes([b' ']);
    }

    /// The end of a part: parts never run into each other.
    fn end(&mut self) {
        self.bytes([0]);
    }
}

/// Lower-case words of `text` joined by single spaces: how titles are compared.
pub fn normalize(text: &str) -> String {
    crate::corpus::text::words(&fold::fold(text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms of a title a question can equal: the title, and the title without what a
/// parenthesis adds ("… Service (AKS)" → "… Service").
pub(super) fn exact_titles(title: &str) -> impl Iterator<Item = String> {
    let full = normalize(title);
    let bare = match (title.find('('), title.rfind(')')) {
        (Some(o), Some(c)) if o < c => {
            Some(normalize(&format!("{}{}", &title[..o], &title[c + 1..])))
        }
        _ => None,
    };
    std::iter::once(full.clone()).chain(bare.filter(|b| *b != full && !b.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_hash_alike_and_short_texts_are_no_copies() {
        let pp = ["power-platform"];
        let text = "Cross zebra herds only at marked fords, one herd at a time.";
        let a = copy_hash("section", pp, "Zebra checklist", text);
        let b = copy_hash("section", pp, "Zebra  checklist", &text.to_uppercase());
        assert_eq!(a, b);
        assert_ne!(a, NO_COPY);
        assert_ne!(a, copy_hash("section", ["azure"], "Zebra checklist", text));
        assert_ne!(a, copy_hash("section", pp, "Zebra fords", text));
        assert_eq!(copy_hash("design-area", pp, "Networking", ""), NO_COPY);
        assert_eq!(
            copy_hash("section", pp, "Example", "See the diagram."),
            NO_COPY
        );
    }

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
