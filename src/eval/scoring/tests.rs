//! Hand-computed cases for every article-level metric.

use super::*;
use crate::eval::metrics::{Accuracy, Prf};
use crate::eval::GoldSpeaker;
use crate::schema::{Article, Method, Resolution, ResolutionRule, SpeakerRef};

fn span(start: usize, end: usize) -> TextSpan {
    TextSpan {
        start,
        end,
        text: String::new(),
    }
}

fn spans(pieces: &[(usize, usize)]) -> Vec<TextSpan> {
    pieces.iter().map(|&(s, e)| span(s, e)).collect()
}

/// A gold attribution under construction.
struct G(GoldAttribution);

fn gold(content: &[(usize, usize)]) -> G {
    G(GoldAttribution {
        content: spans(content),
        cue: None,
        source: None,
        speaker: None,
        quote_type: None,
        direct: false,
    })
}

impl G {
    fn source(mut self, s: usize, e: usize) -> G {
        self.0.source = Some(span(s, e));
        self
    }
    fn cue(mut self, s: usize, e: usize) -> G {
        self.0.cue = Some(span(s, e));
        self
    }
    fn direct(mut self) -> G {
        self.0.direct = true;
        self
    }
    fn speaker(mut self, name: &str, aliases: &[&str]) -> G {
        self.0.speaker = Some(GoldSpeaker {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        });
        self
    }
    fn typed(mut self, t: QuoteType) -> G {
        self.0.quote_type = Some(t);
        self
    }
}

/// A predicted attribution under construction.
struct P(Attribution);

fn pred(content: &[(usize, usize)]) -> P {
    P(Attribution {
        kind: AttributionKind::Indirect,
        content: spans(content),
        cue: None,
        source: None,
        speaker: None,
        confidence: 1.0,
        method: Method::QuoteThenCue,
        resolution: None,
    })
}

impl P {
    fn source(mut self, s: usize, e: usize) -> P {
        self.0.source = Some(span(s, e));
        self
    }
    fn cue(mut self, s: usize, e: usize) -> P {
        self.0.cue = Some(span(s, e));
        self
    }
    fn direct(mut self) -> P {
        self.0.kind = AttributionKind::Direct;
        self
    }
    fn speaker(mut self, name: &str) -> P {
        self.0.speaker = Some(SpeakerRef {
            entity: 0,
            name: name.into(),
        });
        self
    }
}

fn labelled(gold: Vec<G>) -> LabelledArticle {
    LabelledArticle {
        article: Article {
            id: "t".into(),
            title: None,
            text: "x".repeat(300),
        },
        gold: gold.into_iter().map(|g| g.0).collect(),
        scope: crate::eval::GoldScope::Attributions,
    }
}

/// Scores one article.
fn run(predicted: Vec<P>, gold: Vec<G>) -> (Report, Vec<Finding>) {
    let mut report = Report::default();
    let predicted: Vec<Attribution> = predicted.into_iter().map(|p| p.0).collect();
    let findings = score_article(&mut report, Some(&predicted), &labelled(gold));
    (report, findings)
}

fn prf(tp: usize, tp_gold: usize, fp: usize, fn_: usize) -> Prf {
    Prf {
        tp,
        tp_gold,
        fp,
        fn_,
    }
}

fn acc(correct: usize, total: usize) -> Accuracy {
    Accuracy { correct, total }
}

// ---- Role spans ----

#[test]
fn roles_empty_article() {
    let (r, findings) = run(vec![], vec![]);
    assert_eq!(r.roles, Default::default());
    assert_eq!(
        (r.articles, r.gold_attributions, r.predicted_attributions),
        (1, 0, 0)
    );
    assert!(findings.is_empty());
}

#[test]
fn roles_identical_prediction() {
    let (r, findings) = run(
        vec![pred(&[(20, 40)]).source(0, 5).cue(6, 10)],
        vec![gold(&[(20, 40)]).source(0, 5).cue(6, 10)],
    );
    for role in [r.roles.source, r.roles.cue, r.roles.content] {
        assert_eq!(role.exact, prf(1, 1, 0, 0));
        assert_eq!(role.overlap, prf(1, 1, 0, 0));
    }
    assert!(findings.is_empty());
}

#[test]
fn roles_missing_source_is_a_false_negative_only() {
    let (r, _) = run(
        vec![pred(&[(20, 40)])],
        vec![gold(&[(20, 40)]).source(0, 5)],
    );
    assert_eq!(r.roles.source.exact, prf(0, 0, 0, 1));
    assert_eq!(r.roles.source.overlap, prf(0, 0, 0, 1));
    assert_eq!(r.roles.cue.exact, prf(0, 0, 0, 0));
}

#[test]
fn roles_cue_off_by_one() {
    let (r, findings) = run(
        vec![pred(&[(20, 40)]).cue(6, 11)],
        vec![gold(&[(20, 40)]).cue(6, 10)],
    );
    assert_eq!(r.roles.cue.exact, prf(0, 0, 1, 1));
    assert_eq!(r.roles.cue.overlap, prf(1, 1, 0, 0));
    let cue: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.subject == Subject::Cue)
        .collect();
    assert_eq!(cue.len(), 2);
    // In text order: the gold 6..10 comes before the predicted 6..11.
    assert_eq!(
        (cue[0].kind, cue[0].note.as_str()),
        (
            FindingKind::FalseNegative,
            "boundary: overlaps predicted 6..11"
        )
    );
    assert_eq!(
        (cue[1].kind, cue[1].note.as_str()),
        (FindingKind::FalsePositive, "boundary: overlaps gold 6..10")
    );
}

#[test]
fn roles_shared_gold_source_counts_once() {
    let (r, _) = run(
        vec![pred(&[(20, 40)]).source(0, 5)],
        vec![
            gold(&[(20, 40)]).source(0, 5),
            gold(&[(50, 60)]).source(0, 5),
        ],
    );
    assert_eq!(r.roles.source.exact, prf(1, 1, 0, 0));
    assert_eq!(r.roles.content.exact, prf(1, 1, 0, 1));
}

#[test]
fn roles_discontinuous_gold_content_equals_its_hull() {
    let (r, _) = run(vec![pred(&[(0, 30)])], vec![gold(&[(0, 10), (20, 30)])]);
    assert_eq!(r.roles.content.exact, prf(1, 1, 0, 0));
    assert_eq!(r.roles.content.overlap, prf(1, 1, 0, 0));
}

#[test]
fn roles_discontinuous_prediction_is_scored_by_its_hull() {
    let (r, _) = run(vec![pred(&[(0, 5), (25, 29)])], vec![gold(&[(0, 30)])]);
    assert_eq!(r.roles.content.exact, prf(0, 0, 1, 1));
    assert_eq!(r.roles.content.overlap, prf(1, 1, 0, 0));
    // Same hull as the gold span: an exact match by the one-span convention.
    let (r, _) = run(vec![pred(&[(0, 5), (25, 30)])], vec![gold(&[(0, 30)])]);
    assert_eq!(r.roles.content.exact, prf(1, 1, 0, 0));
}

#[test]
fn roles_failed_article_makes_all_gold_false_negatives() {
    let mut r = Report::default();
    let findings = score_article(
        &mut r,
        None,
        &labelled(vec![gold(&[(0, 10)]).cue(11, 15), gold(&[(20, 30)])]),
    );
    assert_eq!(r.failed_articles, 1);
    assert_eq!(r.roles.content.exact, prf(0, 0, 0, 2));
    assert_eq!(r.roles.cue.overlap, prf(0, 0, 0, 1));
    assert_eq!(
        findings.len(),
        5,
        "2 content + 1 cue + 2 attributions: {findings:?}"
    );
}

#[test]
fn roles_predictions_without_gold_are_false_positives() {
    let (r, _) = run(
        vec![
            pred(&[(0, 10)]).source(11, 12),
            pred(&[(20, 30)]).source(31, 32),
        ],
        vec![],
    );
    assert_eq!(r.roles.source.exact, prf(0, 0, 2, 0));
    assert_eq!(r.roles.content.overlap, prf(0, 0, 2, 0));
    assert_eq!(r.predicted_attributions, 2);
}

#[test]
fn roles_micro_average_over_articles() {
    let mut r = Report::default();
    let first: Vec<Attribution> = vec![pred(&[(0, 10)]).0];
    score_article(&mut r, Some(&first), &labelled(vec![gold(&[(0, 10)])]));
    let second: Vec<Attribution> = vec![pred(&[(0, 9)]).0];
    score_article(&mut r, Some(&second), &labelled(vec![gold(&[(0, 10)])]));
    assert_eq!(r.roles.content.exact, prf(1, 1, 1, 1));
    assert_eq!(r.roles.content.exact.f1(), 0.5);
    assert_eq!(r.roles.content.overlap, prf(2, 2, 0, 0));
    assert_eq!(r.articles, 2);
}

#[test]
fn roles_one_prediction_spanning_two_gold_contents() {
    let (r, _) = run(
        vec![pred(&[(0, 30)])],
        vec![gold(&[(0, 10)]), gold(&[(20, 30)])],
    );
    assert_eq!(r.roles.content.overlap, prf(1, 2, 0, 0));
    assert_eq!(r.roles.content.exact, prf(0, 0, 1, 2));
}

// ---- Attributions ----

#[test]
fn attributions_empty() {
    let (r, _) = run(vec![], vec![]);
    assert_eq!(r.attributions, Default::default());
}

#[test]
fn attributions_same_content_and_source() {
    let (r, _) = run(
        vec![pred(&[(10, 20)]).source(0, 5)],
        vec![gold(&[(10, 20)]).source(0, 5)],
    );
    assert_eq!(r.attributions.exact, prf(1, 1, 0, 0));
    assert_eq!(r.attributions.overlap, prf(1, 1, 0, 0));
}

#[test]
fn attributions_content_overlap_suffices() {
    let (r, _) = run(
        vec![pred(&[(12, 25)]).source(0, 5)],
        vec![gold(&[(10, 20)]).source(0, 5)],
    );
    assert_eq!(r.attributions.exact, prf(1, 1, 0, 0));
}

#[test]
fn attributions_source_overlapping_but_not_equal() {
    let (r, findings) = run(
        vec![pred(&[(10, 20)]).source(0, 4)],
        vec![gold(&[(10, 20)]).source(0, 5)],
    );
    assert_eq!(r.attributions.exact, prf(0, 0, 1, 1));
    assert_eq!(r.attributions.overlap, prf(1, 1, 0, 0));
    assert!(findings.iter().all(|f| f.subject != Subject::Attribution));
}

#[test]
fn attributions_both_sources_absent_match() {
    let (r, _) = run(vec![pred(&[(10, 20)])], vec![gold(&[(15, 30)])]);
    assert_eq!(r.attributions.exact, prf(1, 1, 0, 0));
    assert_eq!(r.attributions.overlap, prf(1, 1, 0, 0));
}

#[test]
fn attributions_missing_predicted_source_fails() {
    let (r, findings) = run(
        vec![pred(&[(10, 20)])],
        vec![gold(&[(10, 20)]).source(0, 5)],
    );
    assert_eq!(r.attributions.overlap, prf(0, 0, 1, 1));
    let fp = findings
        .iter()
        .find(|f| f.subject == Subject::Attribution && f.kind == FindingKind::FalsePositive)
        .unwrap();
    assert_eq!(
        fp.note,
        "content overlaps a gold attribution but the source differs"
    );
}

#[test]
fn attributions_disjoint_contents_with_same_source() {
    let (r, findings) = run(
        vec![pred(&[(30, 40)]).source(0, 5)],
        vec![gold(&[(10, 20)]).source(0, 5)],
    );
    assert_eq!(r.attributions.exact, prf(0, 0, 1, 1));
    assert_eq!(r.attributions.overlap, prf(0, 0, 1, 1));
    let fnote = findings
        .iter()
        .find(|f| f.subject == Subject::Attribution && f.kind == FindingKind::FalseNegative)
        .unwrap();
    assert_eq!(fnote.note, "no predicted content overlaps");
    assert_eq!(fnote.span, Range::new(10, 20));
}

#[test]
fn attributions_one_prediction_two_gold() {
    let (r, _) = run(
        vec![pred(&[(10, 40)]).source(0, 5)],
        vec![
            gold(&[(10, 20)]).source(0, 5),
            gold(&[(30, 40)]).source(0, 5),
        ],
    );
    assert_eq!(r.attributions.exact, prf(1, 2, 0, 0));
}

#[test]
fn attributions_two_predictions_one_gold() {
    let (r, _) = run(
        vec![
            pred(&[(10, 15)]).source(0, 5),
            pred(&[(16, 20)]).source(0, 5),
        ],
        vec![gold(&[(10, 20)]).source(0, 5)],
    );
    assert_eq!(r.attributions.exact, prf(2, 1, 0, 0));
    assert!((r.attributions.exact.f1() - 1.0).abs() < 1e-12);
}

#[test]
fn attributions_prediction_in_the_gap_of_discontinuous_content() {
    let (r, _) = run(vec![pred(&[(21, 29)])], vec![gold(&[(10, 20), (30, 40)])]);
    assert_eq!(r.attributions.overlap, prf(0, 0, 1, 1));
}

#[test]
fn attributions_failed_article() {
    let mut r = Report::default();
    score_article(
        &mut r,
        None,
        &labelled(vec![gold(&[(0, 5)]), gold(&[(6, 9)])]),
    );
    assert_eq!(r.attributions.exact, prf(0, 0, 0, 2));
    assert_eq!(r.attributions.overlap, prf(0, 0, 0, 2));
}

// ---- Direct quotes ----

#[test]
fn direct_empty() {
    let (r, _) = run(vec![], vec![]);
    assert_eq!(r.direct, Default::default());
}

#[test]
fn direct_same_span() {
    let (r, _) = run(
        vec![pred(&[(10, 20)]).direct()],
        vec![gold(&[(10, 20)]).direct()],
    );
    assert_eq!(r.direct.quotes.exact, prf(1, 1, 0, 0));
    assert_eq!(r.direct.quotes.overlap, prf(1, 1, 0, 0));
}

#[test]
fn direct_gold_quote_predicted_as_indirect_is_missed() {
    let (r, _) = run(vec![pred(&[(10, 20)])], vec![gold(&[(10, 20)]).direct()]);
    assert_eq!(r.direct.quotes.exact, prf(0, 0, 0, 1));
    assert_eq!(r.roles.content.exact, prf(1, 1, 0, 0));
}

#[test]
fn direct_prediction_of_indirect_gold_is_false_positive() {
    let (r, _) = run(vec![pred(&[(10, 20)]).direct()], vec![gold(&[(10, 20)])]);
    assert_eq!(r.direct.quotes.exact, prf(0, 0, 1, 0));
}

#[test]
fn direct_boundary_error() {
    let (r, _) = run(
        vec![pred(&[(10, 21)]).direct()],
        vec![gold(&[(10, 20)]).direct()],
    );
    assert_eq!(r.direct.quotes.exact, prf(0, 0, 1, 1));
    assert_eq!(r.direct.quotes.overlap, prf(1, 1, 0, 0));
}

#[test]
fn direct_source_exact_and_overlap() {
    let (r, _) = run(
        vec![
            pred(&[(10, 20)]).direct().source(50, 55),
            pred(&[(60, 70)]).source(88, 95),
        ],
        vec![
            gold(&[(10, 20)]).direct().source(50, 55),
            gold(&[(60, 70)]).direct().source(90, 95),
        ],
    );
    assert_eq!(r.direct.source.exact, acc(1, 2));
    assert_eq!(r.direct.source.overlap, acc(2, 2));
}

#[test]
fn direct_source_without_overlapping_prediction_is_wrong() {
    let (r, _) = run(
        vec![pred(&[(30, 40)]).source(50, 55)],
        vec![gold(&[(10, 20)]).direct().source(50, 55)],
    );
    assert_eq!(r.direct.source.exact, acc(0, 1));
    assert_eq!(r.direct.source.overlap, acc(0, 1));
}

#[test]
fn direct_source_counts_only_gold_direct_quotes_with_sources() {
    let (r, _) = run(
        vec![pred(&[(10, 20)]).source(50, 55)],
        vec![gold(&[(10, 20)]).direct(), gold(&[(30, 40)]).source(50, 55)],
    );
    assert_eq!(r.direct.source.exact, acc(0, 0));
}

#[test]
fn direct_source_judged_by_largest_overlap() {
    // The second prediction overlaps the quote by 8 characters, the first by 2.
    let (r, _) = run(
        vec![
            pred(&[(8, 12)]).source(50, 55),
            pred(&[(12, 20)]).source(60, 65),
        ],
        vec![gold(&[(10, 20)]).direct().source(50, 55)],
    );
    assert_eq!(r.direct.source.exact, acc(0, 1));
}

#[test]
fn direct_speaker_counts_direct_gold_only() {
    let (r, _) = run(
        vec![
            pred(&[(10, 20)]).speaker("Emma"),
            pred(&[(30, 40)]).speaker("Emma"),
        ],
        vec![
            gold(&[(10, 20)]).direct().speaker("Emma", &[]),
            gold(&[(30, 40)]).speaker("Emma", &[]),
        ],
    );
    assert_eq!(r.direct.speaker, acc(1, 1));
    assert_eq!(r.speaker.all, acc(2, 2));
}

// ---- Canonical speaker ----

#[test]
fn speaker_empty() {
    let (r, _) = run(vec![], vec![]);
    assert_eq!(r.speaker, Default::default());
}

#[test]
fn speaker_name_matches_ignoring_case() {
    let (r, findings) = run(
        vec![pred(&[(10, 20)]).speaker("mr. weston")],
        vec![gold(&[(10, 20)]).speaker("Mr. Weston", &[])],
    );
    assert_eq!(r.speaker.all, acc(1, 1));
    assert!(findings.is_empty());
}

#[test]
fn speaker_alias_matches() {
    let (r, _) = run(
        vec![pred(&[(10, 20)]).speaker("Miss Woodhouse")],
        vec![gold(&[(10, 20)]).speaker("Emma", &["Miss Woodhouse"])],
    );
    assert_eq!(r.speaker.all, acc(1, 1));
}

#[test]
fn speaker_wrong_name() {
    let (r, findings) = run(
        vec![pred(&[(10, 20)]).speaker("Harriet")],
        vec![gold(&[(10, 20)]).speaker("Emma", &[])],
    );
    assert_eq!(r.speaker.all, acc(0, 1));
    assert_eq!(findings[0].kind, FindingKind::WrongSpeaker);
    assert_eq!(findings[0].note, "gold \"Emma\"; predicted \"Harriet\"");
}

#[test]
fn a_wrong_speaker_names_the_rule_that_chose_it_and_the_quote_type() {
    let mut harriet = pred(&[(10, 20)]).speaker("Harriet");
    harriet.0.resolution = Some(Resolution {
        rule: ResolutionRule::TurnTaking,
        score: 0.59,
    });
    let emma = gold(&[(10, 20)])
        .speaker("Emma", &[])
        .typed(QuoteType::Implicit);
    let (r, findings) = run(vec![harriet], vec![emma]);
    assert_eq!(r.speaker.by_rule["turn-taking"], acc(0, 1));
    assert_eq!(
        findings[0].note,
        "gold \"Emma\"; predicted \"Harriet\" by turn-taking; implicit"
    );
}

#[test]
fn speaker_missing_on_prediction() {
    let (r, findings) = run(
        vec![pred(&[(10, 20)])],
        vec![gold(&[(10, 20)]).speaker("Emma", &[])],
    );
    assert_eq!(r.speaker.all, acc(0, 1));
    assert_eq!(findings[0].note, "gold \"Emma\"; predicted no speaker");
}

#[test]
fn speaker_without_overlapping_prediction() {
    let (r, findings) = run(
        vec![pred(&[(30, 40)]).speaker("Emma")],
        vec![gold(&[(10, 20)]).speaker("Emma", &[])],
    );
    assert_eq!(r.speaker.all, acc(0, 1));
    let wrong = findings
        .iter()
        .find(|f| f.kind == FindingKind::WrongSpeaker)
        .unwrap();
    assert_eq!(
        wrong.note,
        "gold \"Emma\"; no predicted attribution overlaps"
    );
}

#[test]
fn speaker_not_judged_without_gold_speaker() {
    let (r, _) = run(
        vec![pred(&[(10, 20)]).speaker("Emma")],
        vec![gold(&[(10, 20)])],
    );
    assert_eq!(r.speaker.all, acc(0, 0));
}

#[test]
fn speaker_tie_goes_to_the_earliest_prediction() {
    let (r, _) = run(
        vec![
            pred(&[(5, 15)]).speaker("Emma"),
            pred(&[(15, 25)]).speaker("Harriet"),
        ],
        vec![gold(&[(10, 20)]).speaker("Emma", &[])],
    );
    assert_eq!(r.speaker.all, acc(1, 1));
}

#[test]
fn speaker_largest_overlap_wins_over_earlier() {
    let (r, _) = run(
        vec![
            pred(&[(5, 12)]).speaker("Emma"),
            pred(&[(12, 25)]).speaker("Harriet"),
        ],
        vec![gold(&[(10, 20)]).speaker("Emma", &[])],
    );
    assert_eq!(r.speaker.all, acc(0, 1));
}

#[test]
fn speaker_overlap_is_summed_over_discontinuous_pieces() {
    // Gold pieces 10..20 and 30..40. A overlaps 4 + 4 = 8; B overlaps 6.
    let (r, _) = run(
        vec![
            pred(&[(16, 20), (30, 34)]).speaker("A"),
            pred(&[(34, 45)]).speaker("B"),
        ],
        vec![gold(&[(10, 20), (30, 40)]).speaker("A", &[])],
    );
    assert_eq!(r.speaker.all, acc(1, 1));
}

#[test]
fn speaker_split_by_quote_type() {
    let (r, _) = run(
        vec![
            pred(&[(0, 10)]).speaker("A"),
            pred(&[(20, 30)]).speaker("X"),
            pred(&[(40, 50)]).speaker("X"),
            pred(&[(60, 70)]).speaker("D"),
            pred(&[(80, 90)]).speaker("E"),
        ],
        vec![
            gold(&[(0, 10)])
                .speaker("A", &[])
                .typed(QuoteType::Explicit),
            gold(&[(20, 30)])
                .speaker("B", &[])
                .typed(QuoteType::Anaphoric),
            gold(&[(40, 50)])
                .speaker("C", &[])
                .typed(QuoteType::Implicit),
            gold(&[(60, 70)]).speaker("D", &[]),
            gold(&[(80, 90)])
                .speaker("E", &[])
                .typed(QuoteType::Implicit),
        ],
    );
    assert_eq!(r.speaker.all, acc(3, 5));
    assert_eq!(r.speaker.explicit, acc(1, 1));
    assert_eq!(r.speaker.anaphoric, acc(0, 1));
    assert_eq!(r.speaker.implicit, acc(1, 2));
    assert_eq!(r.speaker.untyped, acc(1, 1));
}

#[test]
fn quote_only_gold_scores_no_roles_or_attributions() {
    let mut r = Report::default();
    let mut article = labelled(vec![gold(&[(10, 20)]).direct().speaker("Emma", &[])]);
    article.scope = crate::eval::GoldScope::Quotes;
    let predicted = vec![
        pred(&[(10, 20)])
            .direct()
            .source(30, 34)
            .cue(35, 39)
            .speaker("Emma")
            .0,
        pred(&[(50, 60)]).source(61, 64).0,
    ];
    let findings = score_article(&mut r, Some(&predicted), &article);
    assert_eq!((r.articles, r.role_articles), (1, 0));
    assert_eq!(r.roles, Default::default());
    assert_eq!(r.attributions, Default::default());
    assert_eq!(r.direct.quotes.exact, prf(1, 1, 0, 0));
    assert_eq!(r.speaker.all, acc(1, 1));
    assert!(findings.is_empty(), "{findings:?}");
    // A missed quote is listed as such.
    let mut r = Report::default();
    let findings = score_article(&mut r, Some(&predicted[1..]), &article);
    let kinds: Vec<(FindingKind, Subject)> = findings.iter().map(|f| (f.kind, f.subject)).collect();
    assert_eq!(
        kinds,
        [
            (FindingKind::FalseNegative, Subject::Quote),
            (FindingKind::WrongSpeaker, Subject::Speaker)
        ]
    );
}

#[test]
fn quote_only_gold_scores_each_quotation_on_its_own() {
    // Gold lists `“A,” said X, “B”` as two quotes; the prediction is one attribution.
    let mut article = labelled(vec![
        gold(&[(10, 20)]).direct().speaker("Emma", &[]),
        gold(&[(30, 40)]).direct().speaker("Emma", &[]),
    ]);
    let predicted = vec![pred(&[(10, 20), (30, 40)]).direct().speaker("Emma").0];
    article.scope = crate::eval::GoldScope::Quotes;
    let mut r = Report::default();
    score_article(&mut r, Some(&predicted), &article);
    assert_eq!(r.direct.quotes.exact, prf(2, 2, 0, 0));
    assert_eq!(r.speaker.all, acc(2, 2));
    // Attribution gold keeps an attribution's quotes together.
    article.scope = crate::eval::GoldScope::Attributions;
    let mut r = Report::default();
    score_article(&mut r, Some(&predicted), &article);
    assert_eq!(r.direct.quotes.exact, prf(0, 0, 1, 2));
}

#[test]
fn findings_are_in_text_order() {
    let (_, findings) = run(
        vec![pred(&[(50, 60)]).cue(1, 2)],
        vec![gold(&[(10, 20)]).cue(70, 72)],
    );
    let starts: Vec<usize> = findings.iter().map(|f| f.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

// ---- Role spans per sentence (CofeNet's convention) ----

#[test]
fn per_sentence_roles_score_each_sentence_and_each_piece_on_its_own() {
    let text = "He said it was late. It was cold.  \"We won,\" she said, \"at last.\"";
    let article = LabelledArticle {
        article: Article {
            id: "t".into(),
            title: None,
            text: text.into(),
        },
        gold: vec![
            gold(&[(8, 33)]).source(0, 2).cue(3, 7).0,
            gold(&[(35, 44), (55, 65)]).source(45, 48).cue(49, 53).0,
        ],
        scope: crate::eval::GoldScope::Attributions,
    };
    // The first content stops one sentence short; the second is one span over the cue.
    let predicted = [
        pred(&[(8, 20)]).source(0, 2).cue(3, 7).0,
        pred(&[(35, 65)]).source(45, 48).cue(49, 53).0,
    ];
    let mut r = Report::default();
    score_article(&mut r, Some(&predicted), &article);
    // Whole spans compare hulls: the span over the cue matches the two-piece gold.
    assert_eq!(r.roles.content.exact, prf(1, 1, 1, 1));
    // Per sentence, gold has four content spans (two sentences, two quotes) and the
    // prediction two: `it was late.` matches, the span over the cue does not.
    assert_eq!(r.sentence_roles.content.exact, prf(1, 1, 1, 3));
    assert_eq!(r.sentence_roles.source.exact, prf(2, 2, 0, 0));
}
