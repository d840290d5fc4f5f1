//! The tie-break rank of a node, the `order` fast field: one number that sorts nodes by
//! kind, then code, then file and line. Its bit layout is written and read here only:
//!
//! | bits  | what |
//! |-------|------|
//! | 62–63 | the kind's rank: [`ITEM`], [`GROUPING`], [`ARTICLE`], [`SECTION`] |
//! | 44–61 | the code: two letters and a number (`SE:05`) in code order; none after all |
//! | 20–43 | the file, in corpus order |
//! | 0–19  | the line of the node's first source |

use crate::graph::NodeKind;

/// The rank of an item (design area, principle, challenge, recommendation, tradeoff).
pub const ITEM: u64 = 0;
/// The rank of what groups items: a pillar, platform, workload, framework or service.
pub const GROUPING: u64 = 1;
/// The rank of an article.
pub const ARTICLE: u64 = 2;
/// The rank of a section, and of a document without an order.
pub const SECTION: u64 = 3;

const KIND_SHIFT: u32 = 62;
const BELOW_KIND: u64 = (1 << KIND_SHIFT) - 1;
const CODE_SHIFT: u32 = 44;
const FILE_SHIFT: u32 = 20;
const FILE_MASK: u64 = 0xff_ffff;
const LINE_MASK: u64 = 0xf_ffff;
/// The code bits of a node without a code: after every code.
const NO_CODE: u64 = 1 << 17;

/// The rank of a kind: items, then pillars, platforms and workloads, then articles, then
/// sections.
pub fn kind_rank(kind: NodeKind) -> u64 {
    use crate::graph::NodeKind as K;
    // Every kind named, so a new kind is a compile error here rather than a section.
    let rank = match kind {
        K::DesignArea | K::DesignPrinciple | K::Challenge | K::Recommendation | K::Tradeoff => ITEM,
        K::Pillar | K::Platform | K::Workload | K::Framework | K::Service => GROUPING,
        K::Article => ARTICLE,
        K::Section => SECTION,
    };
    debug_assert_eq!(rank == ITEM, kind.is_item());
    rank
}

/// The tie-break rank of a node, as one number: kind (see [`kind_rank`]), then code
/// (coded items first, in code order), then the file (in corpus order) and line of its
/// first source.
pub fn order_key(kind: NodeKind, code: Option<&str>, file: u32, line: u32) -> u64 {
    let code_bits: u64 = match code.map(str::as_bytes) {
        Some([a, b, b':', c, d, ..]) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            let letter = |x: &u8| u64::from(x.to_ascii_uppercase().saturating_sub(b'A')) & 31;
            let number = u64::from(c.saturating_sub(b'0')) * 10 + u64::from(d.saturating_sub(b'0'));
            (letter(a) << 12) | (letter(b) << 7) | (number & 127)
        }
        _ => NO_CODE,
    };
    (kind_rank(kind) << KIND_SHIFT)
        | (code_bits << CODE_SHIFT)
        | ((u64::from(file) & FILE_MASK) << FILE_SHIFT)
        | (u64::from(line) & LINE_MASK)
}

/// The kind's rank an order key holds.
pub fn rank_of(order: u64) -> u64 {
    order >> KIND_SHIFT
}

/// `order` with `first` (0 to 3) in place of its kind's rank: what follows the kind
/// (code, file, line) then sorts within each value of `first`.
pub fn led_by(first: u64, order: u64) -> u64 {
    (first.min(SECTION) << KIND_SHIFT) | (order & BELOW_KIND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_by_kind_then_code_then_place() {
        let se05 = order_key(NodeKind::Recommendation, Some("SE:05"), 9, 9);
        let se12 = order_key(NodeKind::Recommendation, Some("se:12"), 0, 0);
        let uncoded = order_key(NodeKind::Recommendation, None, 0, 0);
        let article = order_key(NodeKind::Article, None, 0, 0);
        assert!(se05 < se12 && se12 < uncoded && uncoded < article);
        assert!(
            order_key(NodeKind::Section, None, 1, 2) < order_key(NodeKind::Section, None, 1, 3)
        );
        assert!(
            order_key(NodeKind::Section, None, 1, 9) < order_key(NodeKind::Section, None, 2, 0)
        );
        assert_eq!(rank_of(article), ARTICLE);
        assert_eq!(rank_of(u64::MAX), SECTION);
        assert_eq!(rank_of(led_by(1, article)), 1);
        assert_eq!(led_by(0, se05) & BELOW_KIND, se05 & BELOW_KIND);
    }
}
