//! Counting primitives: character ranges, precision/recall/F1 with their counts, accuracy, and
//! the span matching every figure of a [`Report`](super::Report) is built from.
//!
//! Definitions (as CofeNet, COLING 2022, scores role spans):
//! - **exact**: a predicted span is a true positive when its `(start, end)` equals a gold
//!   span's. A discontinuous span counts as one span from the start of its first piece to the
//!   end of its last (its hull).
//! - **overlap**: a predicted span is a true positive when it shares at least one character
//!   with a gold span; for discontinuous spans the pieces must share a character (the gap
//!   between pieces is not part of the span).
//! - Precision is counted over predicted spans (`tp` of them matched, `fp` not) and recall over
//!   gold spans (`tp_gold` matched, `fn` not), separately. Under exact matching `tp == tp_gold`;
//!   under overlap one prediction may cover two gold spans (or the reverse), so the two differ,
//!   and neither side is forced into a one-to-one pairing. This is the lenient reading the
//!   published overlap figures use; the counts make any other reading recomputable.
//! - Spans of one role are a set per article: two attributions sharing one source span give
//!   one gold source span (a tagger cannot predict the same span twice either).
//! - A ratio with a zero denominator is 0 (precision with no predictions, recall with no gold).
//! - Figures are micro-averaged: counts are summed over the corpus, then divided.

use std::ops::AddAssign;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// A character range `[start, end)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Range {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Range {
    /// Makes a range.
    pub fn new(start: usize, end: usize) -> Self {
        Range { start, end }
    }

    /// How many characters the two ranges share.
    pub fn overlap_len(&self, other: &Range) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// Whether the two ranges share at least one character.
    pub fn overlaps(&self, other: &Range) -> bool {
        self.overlap_len(other) > 0
    }
}

/// A possibly discontinuous span: its pieces, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Pieces(Vec<Range>);

impl Pieces {
    /// Makes a span from its pieces, in any order.
    pub fn new(mut pieces: Vec<Range>) -> Self {
        pieces.sort();
        Pieces(pieces)
    }

    /// A one-piece span.
    pub fn single(start: usize, end: usize) -> Self {
        Pieces(vec![Range::new(start, end)])
    }

    /// The pieces in text order.
    pub fn pieces(&self) -> &[Range] {
        &self.0
    }

    /// From the start of the first piece to the end of the last; `None` without pieces.
    pub fn hull(&self) -> Option<Range> {
        let start = self.0.iter().map(|r| r.start).min()?;
        let end = self.0.iter().map(|r| r.end).max()?;
        Some(Range::new(start, end))
    }

    /// How many characters the two spans' pieces share.
    pub fn overlap_len(&self, other: &Pieces) -> usize {
        self.0
            .iter()
            .flat_map(|a| other.0.iter().map(move |b| a.overlap_len(b)))
            .sum()
    }

    /// Whether the two spans' pieces share a character.
    pub fn overlaps(&self, other: &Pieces) -> bool {
        self.overlap_len(other) > 0
    }
}

/// Precision, recall and F1 with the counts they come from.
///
/// Serialises as `{"tp", "tp_gold", "fp", "fn", "precision", "recall", "f1"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predictions that matched a gold item.
    pub tp: usize,
    /// Gold items that some prediction matched (equals `tp` under one-to-one matching).
    pub tp_gold: usize,
    /// Predictions that matched nothing.
    pub fp: usize,
    /// Gold items nothing matched.
    pub fn_: usize,
}

impl Prf {
    /// `tp / (tp + fp)`, 0 without predictions.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp_gold / (tp_gold + fn)`, 0 without gold items.
    pub fn recall(&self) -> f64 {
        ratio(self.tp_gold, self.tp_gold + self.fn_)
    }

    /// The harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// How many predictions were scored.
    pub fn predicted(&self) -> usize {
        self.tp + self.fp
    }

    /// How many gold items were scored.
    pub fn gold(&self) -> usize {
        self.tp_gold + self.fn_
    }
}

impl AddAssign for Prf {
    fn add_assign(&mut self, other: Prf) {
        self.tp += other.tp;
        self.tp_gold += other.tp_gold;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

impl Serialize for Prf {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Prf", 7)?;
        s.serialize_field("tp", &self.tp)?;
        s.serialize_field("tp_gold", &self.tp_gold)?;
        s.serialize_field("fp", &self.fp)?;
        s.serialize_field("fn", &self.fn_)?;
        s.serialize_field("precision", &self.precision())?;
        s.serialize_field("recall", &self.recall())?;
        s.serialize_field("f1", &self.f1())?;
        s.end()
    }
}

/// The exact and overlap variants of one figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExactOverlap {
    /// Exact-boundary matching.
    pub exact: Prf,
    /// Overlap matching.
    pub overlap: Prf,
}

impl AddAssign for ExactOverlap {
    fn add_assign(&mut self, other: ExactOverlap) {
        self.exact += other.exact;
        self.overlap += other.overlap;
    }
}

/// Correct out of total, with the ratio.
///
/// Serialises as `{"correct", "total", "accuracy"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Items judged correct.
    pub correct: usize,
    /// Items judged.
    pub total: usize,
}

impl Accuracy {
    /// `correct / total`, 0 when nothing was judged.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.total)
    }

    /// Counts one judgement.
    pub fn record(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }
}

impl AddAssign for Accuracy {
    fn add_assign(&mut self, other: Accuracy) {
        self.correct += other.correct;
        self.total += other.total;
    }
}

impl Serialize for Accuracy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Accuracy", 3)?;
        s.serialize_field("correct", &self.correct)?;
        s.serialize_field("total", &self.total)?;
        s.serialize_field("accuracy", &self.accuracy())?;
        s.end()
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// The outcome of matching predictions against gold items with some criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// The counts.
    pub prf: Prf,
    /// For each prediction, whether it matched a gold item.
    pub predicted_matched: Vec<bool>,
    /// For each gold item, whether a prediction matched it.
    pub gold_matched: Vec<bool>,
}

/// Matches every prediction against every gold item with `same`, counting precision over the
/// predictions and recall over the gold items separately (see the module notes).
pub fn match_items<P, G>(predicted: &[P], gold: &[G], same: impl Fn(&P, &G) -> bool) -> Matching {
    let mut gold_matched = vec![false; gold.len()];
    let predicted_matched: Vec<bool> = predicted
        .iter()
        .map(|p| {
            let mut any = false;
            for (g, matched) in gold.iter().zip(gold_matched.iter_mut()) {
                if same(p, g) {
                    *matched = true;
                    any = true;
                }
            }
            any
        })
        .collect();
    let tp = predicted_matched.iter().filter(|&&m| m).count();
    let tp_gold = gold_matched.iter().filter(|&&m| m).count();
    Matching {
        prf: Prf {
            tp,
            tp_gold,
            fp: predicted.len() - tp,
            fn_: gold.len() - tp_gold,
        },
        predicted_matched,
        gold_matched,
    }
}

/// The distinct exact-match keys (hulls) and overlap-match spans of a role.
pub(crate) fn distinct(spans: &[Pieces]) -> (Vec<Range>, Vec<Pieces>) {
    let mut hulls: Vec<Range> = spans.iter().filter_map(Pieces::hull).collect();
    hulls.sort();
    hulls.dedup();
    let mut pieces: Vec<Pieces> = spans.iter().filter(|p| !p.0.is_empty()).cloned().collect();
    pieces.sort();
    pieces.dedup();
    (hulls, pieces)
}

/// Role-span scores: the exact and overlap P/R/F1 of predicted spans against gold spans of one
/// role in one article (both deduplicated first).
///
/// ```
/// use quoteattr::eval::metrics::{span_scores, Pieces};
/// let gold = [Pieces::single(0, 10), Pieces::single(20, 30)];
/// let predicted = [Pieces::single(0, 10), Pieces::single(22, 25), Pieces::single(40, 41)];
/// let scores = span_scores(&predicted, &gold);
/// assert_eq!((scores.exact.tp, scores.exact.fp, scores.exact.fn_), (1, 2, 1));
/// assert_eq!((scores.overlap.tp, scores.overlap.fp, scores.overlap.fn_), (2, 1, 0));
/// ```
pub fn span_scores(predicted: &[Pieces], gold: &[Pieces]) -> ExactOverlap {
    let (predicted_hulls, predicted_pieces) = distinct(predicted);
    let (gold_hulls, gold_pieces) = distinct(gold);
    ExactOverlap {
        exact: match_items(&predicted_hulls, &gold_hulls, |p, g| p == g).prf,
        overlap: match_items(&predicted_pieces, &gold_pieces, |p, g| p.overlaps(g)).prf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(ranges: &[&[(usize, usize)]]) -> Vec<Pieces> {
        ranges
            .iter()
            .map(|pieces| Pieces::new(pieces.iter().map(|&(s, e)| Range::new(s, e)).collect()))
            .collect()
    }

    /// (tp, tp_gold, fp, fn) of the exact and the overlap variant.
    fn counts(
        predicted: &[&[(usize, usize)]],
        gold: &[&[(usize, usize)]],
    ) -> [(usize, usize, usize, usize); 2] {
        let s = span_scores(&spans(predicted), &spans(gold));
        [s.exact, s.overlap].map(|p| (p.tp, p.tp_gold, p.fp, p.fn_))
    }

    #[test]
    fn ranges_overlap_only_on_shared_characters() {
        let a = Range::new(0, 5);
        assert_eq!(a.overlap_len(&Range::new(3, 9)), 2);
        assert!(
            !a.overlaps(&Range::new(5, 9)),
            "touching is not overlapping"
        );
        assert!(
            !Range::new(3, 3).overlaps(&a),
            "an empty range overlaps nothing"
        );
        assert_eq!(a.overlap_len(&Range::new(1, 2)), 1);
    }

    #[test]
    fn prf_figures_from_counts() {
        let prf = Prf {
            tp: 3,
            tp_gold: 3,
            fp: 1,
            fn_: 2,
        };
        assert!((prf.precision() - 0.75).abs() < 1e-12);
        assert!((prf.recall() - 0.6).abs() < 1e-12);
        assert!((prf.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
        assert_eq!((prf.predicted(), prf.gold()), (4, 5));
        let zero = Prf::default();
        assert_eq!(
            (zero.precision(), zero.recall(), zero.f1()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn prf_serialises_counts_and_figures() {
        let prf = Prf {
            tp: 1,
            tp_gold: 1,
            fp: 1,
            fn_: 0,
        };
        let json = serde_json::to_value(prf).unwrap();
        assert_eq!(json["fn"], 0);
        assert_eq!(json["precision"], 0.5);
        assert_eq!(json["recall"], 1.0);
        let acc = serde_json::to_value(Accuracy {
            correct: 1,
            total: 4,
        })
        .unwrap();
        assert_eq!(acc["accuracy"], 0.25);
    }

    #[test]
    fn accuracy_and_sums() {
        let mut acc = Accuracy::default();
        assert_eq!(acc.accuracy(), 0.0);
        acc.record(true);
        acc.record(false);
        acc += Accuracy {
            correct: 1,
            total: 2,
        };
        assert_eq!((acc.correct, acc.total, acc.accuracy()), (2, 4, 0.5));
        let mut prf = Prf {
            tp: 1,
            tp_gold: 2,
            fp: 3,
            fn_: 4,
        };
        prf += prf;
        assert_eq!(
            prf,
            Prf {
                tp: 2,
                tp_gold: 4,
                fp: 6,
                fn_: 8
            }
        );
    }

    // Span scores: hand-computed cases.

    #[test]
    fn empty_inputs() {
        assert_eq!(counts(&[], &[]), [(0, 0, 0, 0); 2]);
        assert_eq!(counts(&[&[(0, 4)]], &[]), [(0, 0, 1, 0); 2]);
        assert_eq!(counts(&[], &[&[(0, 4)], &[(6, 9)]]), [(0, 0, 0, 2); 2]);
    }

    #[test]
    fn identical_spans() {
        assert_eq!(
            counts(&[&[(0, 4)], &[(6, 9)]], &[&[(6, 9)], &[(0, 4)]]),
            [(2, 2, 0, 0); 2]
        );
    }

    #[test]
    fn off_by_one_boundary_is_overlap_only() {
        assert_eq!(
            counts(&[&[(0, 5)]], &[&[(0, 4)]]),
            [(0, 0, 1, 1), (1, 1, 0, 0)]
        );
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        assert_eq!(counts(&[&[(4, 8)]], &[&[(0, 4)]]), [(0, 0, 1, 1); 2]);
    }

    #[test]
    fn one_prediction_covering_two_gold_spans() {
        // Precision side: 1 of 1 predictions matched; recall side: 2 of 2 gold matched.
        assert_eq!(
            counts(&[&[(0, 20)]], &[&[(0, 5)], &[(10, 20)]]),
            [(0, 0, 1, 2), (1, 2, 0, 0)]
        );
    }

    #[test]
    fn two_predictions_inside_one_gold_span() {
        assert_eq!(
            counts(&[&[(0, 5)], &[(10, 20)]], &[&[(0, 20)]]),
            [(0, 0, 2, 1), (2, 1, 0, 0)]
        );
    }

    #[test]
    fn duplicates_count_once() {
        assert_eq!(
            counts(&[&[(0, 4)], &[(0, 4)]], &[&[(0, 4)], &[(0, 4)]]),
            [(1, 1, 0, 0); 2]
        );
    }

    #[test]
    fn discontinuous_gold_matches_its_hull_exactly() {
        // Gold pieces 0..5 and 10..15; a prediction of 0..15 equals the hull.
        assert_eq!(
            counts(&[&[(0, 15)]], &[&[(0, 5), (10, 15)]]),
            [(1, 1, 0, 0); 2]
        );
    }

    #[test]
    fn prediction_inside_the_gap_of_a_discontinuous_span_does_not_overlap() {
        assert_eq!(
            counts(&[&[(6, 9)]], &[&[(0, 5), (10, 15)]]),
            [(0, 0, 1, 1); 2]
        );
    }

    #[test]
    fn discontinuous_prediction_against_contiguous_gold() {
        // Pieces 0..3 and 12..20 against 10..20: hulls differ, second piece overlaps.
        assert_eq!(
            counts(&[&[(12, 20), (0, 3)]], &[&[(10, 20)]]),
            [(0, 0, 1, 1), (1, 1, 0, 0)]
        );
    }

    #[test]
    fn mixed_hits_and_misses() {
        // Gold: 0..10, 20..30, 40..50. Predicted: 0..10 (exact), 25..35 (overlap), 60..70 (miss).
        let c = counts(
            &[&[(0, 10)], &[(25, 35)], &[(60, 70)]],
            &[&[(0, 10)], &[(20, 30)], &[(40, 50)]],
        );
        assert_eq!(c, [(1, 1, 2, 2), (2, 2, 1, 1)]);
        let s = span_scores(
            &spans(&[&[(0, 10)], &[(25, 35)], &[(60, 70)]]),
            &spans(&[&[(0, 10)], &[(20, 30)], &[(40, 50)]]),
        );
        assert!((s.exact.f1() - 1.0 / 3.0).abs() < 1e-12);
        assert!((s.overlap.f1() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn distinct_discontinuous_spans_sharing_a_hull_are_one_exact_key() {
        let c = counts(&[&[(0, 15)]], &[&[(0, 5), (10, 15)], &[(0, 15)]]);
        assert_eq!(c, [(1, 1, 0, 0), (1, 2, 0, 0)]);
    }

    #[test]
    fn matching_reports_which_items_matched() {
        let m = match_items(&[1, 5, 9], &[5, 7], |p, g| p == g);
        assert_eq!(m.predicted_matched, [false, true, false]);
        assert_eq!(m.gold_matched, [true, false]);
        assert_eq!(
            m.prf,
            Prf {
                tp: 1,
                tp_gold: 1,
                fp: 2,
                fn_: 1
            }
        );
    }
}
