//! Scores one article's predicted attributions against its gold ones, adding to a [`Report`]
//! and listing every error as a [`Finding`].

use serde::Serialize;

use crate::schema::{Attribution, AttributionKind, TextSpan};
use crate::segment::segment;

use super::labelled::{GoldAttribution, GoldScope, LabelledArticle, QuoteType};
use super::metrics::{distinct, match_items, span_scores, Pieces, Range};
use super::report::Report;

/// What a [`Finding`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    /// A source span (exact matching).
    Source,
    /// A cue span (exact matching).
    Cue,
    /// A content span (exact matching).
    Content,
    /// A whole attribution (content overlap and source overlap).
    Attribution,
    /// A direct quote span (exact matching); listed for quote-only gold, where it stands in for
    /// the content role.
    Quote,
    /// The canonical speaker of a gold quote.
    Speaker,
}

/// Which way a [`Finding`] is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Predicted, but matches no gold item.
    FalsePositive,
    /// Gold, but no prediction matches it.
    FalseNegative,
    /// A gold quote whose predicted speaker is wrong or missing.
    WrongSpeaker,
}

/// One scoring error, located by character offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which way it is wrong.
    pub kind: FindingKind,
    /// What is wrong.
    pub subject: Subject,
    /// Where (for a discontinuous content: first piece start to last piece end).
    pub span: Range,
    /// A short explanation, e.g. `boundary: overlaps gold 10..20`.
    pub note: String,
}

/// The metrics' view of one attribution, gold or predicted.
struct View {
    content: Pieces,
    cue: Option<Pieces>,
    source: Option<Pieces>,
    direct: bool,
}

fn pieces(spans: &[TextSpan]) -> Pieces {
    Pieces::new(spans.iter().map(|s| Range::new(s.start, s.end)).collect())
}

fn single(span: &Option<TextSpan>) -> Option<Pieces> {
    span.as_ref().map(|s| Pieces::single(s.start, s.end))
}

impl View {
    fn gold(g: &GoldAttribution) -> View {
        View {
            content: pieces(&g.content),
            cue: single(&g.cue),
            source: single(&g.source),
            direct: g.direct,
        }
    }

    fn predicted(p: &Attribution) -> View {
        View {
            content: pieces(&p.content),
            cue: single(&p.cue),
            source: single(&p.source),
            direct: p.kind == AttributionKind::Direct,
        }
    }

    fn span(&self) -> Range {
        self.content.hull().unwrap_or_default()
    }
}

/// Adds one article's counts to `report` and returns its findings in text order.
///
/// `predicted` is `None` when the article could not be attributed: then every gold item is a
/// false negative and `failed_articles` grows. Role-span and whole-attribution figures are
/// scored only when the gold's scope is [`GoldScope::Attributions`].
pub(crate) fn score_article(
    report: &mut Report,
    predicted: Option<&[Attribution]>,
    labelled: &LabelledArticle,
) -> Vec<Finding> {
    report.articles += 1;
    report.failed_articles += usize::from(predicted.is_none());
    let predicted = predicted.unwrap_or_default();
    report.gold_attributions += labelled.gold.len();
    report.predicted_attributions += predicted.len();
    let gold: Vec<View> = labelled.gold.iter().map(View::gold).collect();
    let pred: Vec<View> = predicted.iter().map(View::predicted).collect();
    let mut findings = Vec::new();
    if labelled.scope == GoldScope::Attributions {
        report.role_articles += 1;
        score_roles(report, &mut findings, &pred, &gold);
        score_sentence_roles(report, &labelled.article.text, &pred, &gold);
        score_attributions(report, &mut findings, predicted, &pred, &gold);
    }
    // Quote-only gold (LitBank, PDNC) lists each quotation on its own, so each piece of a
    // predicted content (`“A,” said X, “B”`) is a quote of its own there; attribution gold
    // keeps an attribution's quotes together.
    let per_piece = labelled.scope == GoldScope::Quotes;
    let direct = |views: &[View]| -> Vec<Pieces> {
        views
            .iter()
            .filter(|v| v.direct)
            .flat_map(|v| {
                if per_piece {
                    v.content
                        .pieces()
                        .iter()
                        .map(|r| Pieces::single(r.start, r.end))
                        .collect()
                } else {
                    vec![v.content.clone()]
                }
            })
            .collect()
    };
    let (pred_quotes, gold_quotes) = (direct(&pred), direct(&gold));
    report.direct.quotes += span_scores(&pred_quotes, &gold_quotes);
    if labelled.scope == GoldScope::Quotes {
        role_findings(&mut findings, Subject::Quote, &pred_quotes, &gold_quotes);
    }
    score_speakers(
        report,
        &mut findings,
        predicted,
        &pred,
        &labelled.gold,
        &gold,
    );
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    findings
}

/// Picks one role's span out of an attribution.
type RoleOf = fn(&View) -> Option<&Pieces>;

/// The roles scored on their own, each with its span's getter.
const ROLES: [(Subject, RoleOf); 3] = [
    (Subject::Source, |v| v.source.as_ref()),
    (Subject::Cue, |v| v.cue.as_ref()),
    (Subject::Content, |v| Some(&v.content)),
];

/// Role-span figures (source, cue, content) and their findings.
fn score_roles(report: &mut Report, findings: &mut Vec<Finding>, pred: &[View], gold: &[View]) {
    let role = |views: &[View], get: RoleOf| -> Vec<Pieces> {
        views.iter().filter_map(|v| get(v).cloned()).collect()
    };
    for (subject, get) in ROLES {
        let (p, g) = (role(pred, get), role(gold, get));
        *report.roles.of(subject) += span_scores(&p, &g);
        role_findings(findings, subject, &p, &g);
    }
}

/// Role-span figures with every span cut at sentence boundaries and at the gaps of a
/// discontinuous span, each part scored as a span of its own: the spans of CofeNet's
/// per-sentence PolNeAR data, so these figures compare with its published ones.
fn score_sentence_roles(report: &mut Report, text: &str, pred: &[View], gold: &[View]) {
    let doc = segment(text);
    let sentences: Vec<Range> = doc
        .sentences
        .iter()
        .map(|s| {
            let o = doc.offsets(s.span);
            Range::new(o.start, o.end)
        })
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let cut = |views: &[View], get: RoleOf| -> Vec<Pieces> {
        views
            .iter()
            .filter_map(get)
            .flat_map(|p| sentence_parts(p, &sentences, &chars))
            .map(|r| Pieces::single(r.start, r.end))
            .collect()
    };
    for (subject, get) in ROLES {
        *report.sentence_roles.of(subject) += span_scores(&cut(pred, get), &cut(gold, get));
    }
}

/// The parts of `span` within each sentence, trimmed of spaces, with parts of one sentence
/// that only spaces separate joined (as token tags would run on over them).
fn sentence_parts(span: &Pieces, sentences: &[Range], chars: &[char]) -> Vec<Range> {
    let is_space = |i: usize| chars.get(i).is_some_and(|c| c.is_whitespace());
    let mut parts: Vec<(usize, Range)> = Vec::new();
    for piece in span.pieces() {
        let first = sentences.partition_point(|s| s.end <= piece.start);
        for (index, sentence) in sentences.iter().enumerate().skip(first) {
            if sentence.start >= piece.end {
                break;
            }
            let (mut start, mut end) =
                (piece.start.max(sentence.start), piece.end.min(sentence.end));
            while start < end && is_space(start) {
                start += 1;
            }
            while end > start && is_space(end - 1) {
                end -= 1;
            }
            if start == end {
                continue;
            }
            match parts.last_mut() {
                Some((last_index, last))
                    if *last_index == index && (last.end..start).all(is_space) =>
                {
                    last.end = end;
                }
                _ => parts.push((index, Range::new(start, end))),
            }
        }
    }
    parts.into_iter().map(|(_, r)| r).collect()
}

/// Source accuracy on gold direct quotes and canonical speaker accuracy, with findings for
/// wrong speakers.
fn score_speakers(
    report: &mut Report,
    findings: &mut Vec<Finding>,
    predicted: &[Attribution],
    pred: &[View],
    gold_items: &[GoldAttribution],
    gold: &[View],
) {
    for (g, view) in gold_items.iter().zip(gold) {
        let best = best_match(pred, view).map(|i| (&predicted[i], &pred[i]));
        if g.direct {
            if let Some(source) = &view.source {
                let found = best.and_then(|(_, p)| p.source.as_ref());
                report
                    .direct
                    .source
                    .exact
                    .record(found.is_some_and(|s| s == source));
                report
                    .direct
                    .source
                    .overlap
                    .record(found.is_some_and(|s| s.overlaps(source)));
            }
        }
        let Some(speaker) = &g.speaker else { continue };
        // A gold source (our news speaker labels) is matched by source first: the prediction
        // that found that mention is the one whose speaker is scored.
        let best = view
            .source
            .as_ref()
            .and_then(|source| {
                pred.iter()
                    .position(|p| p.source.as_ref().is_some_and(|s| s.overlaps(source)))
            })
            .map(|i| (&predicted[i], &pred[i]))
            .or(best);
        let predicted_name = best
            .and_then(|(p, _)| p.speaker.as_ref())
            .map(|s| s.name.as_str());
        let correct = predicted_name.is_some_and(|name| speaker.matches(name));
        let rule_name = best
            .filter(|_| predicted_name.is_some())
            .and_then(|(p, _)| p.resolution)
            .and_then(|rule| serde_json::to_value(rule.rule).ok())
            .and_then(|v| v.as_str().map(str::to_string));
        if let Some(name) = &rule_name {
            report
                .speaker
                .by_rule
                .entry(name.clone())
                .or_default()
                .record(correct);
        }
        if g.direct {
            report.direct.speaker.record(correct);
        }
        report.speaker.all.record(correct);
        if predicted_name.is_some() {
            report.speaker.answered.record(correct);
        }
        match g.quote_type {
            Some(QuoteType::Explicit) => report.speaker.explicit.record(correct),
            Some(QuoteType::Anaphoric) => report.speaker.anaphoric.record(correct),
            Some(QuoteType::Implicit) => report.speaker.implicit.record(correct),
            None => report.speaker.untyped.record(correct),
        }
        if !correct {
            // `; explicit`: the quote's type, where the corpus gives one.
            let kind = g
                .quote_type
                .and_then(|t| serde_json::to_value(t).ok())
                .and_then(|v| v.as_str().map(|t| format!("; {t}")))
                .unwrap_or_default();
            let note = match (best, predicted_name) {
                (None, _) => format!("gold {:?}; no predicted attribution overlaps", speaker.name),
                (Some(_), None) => format!("gold {:?}; predicted no speaker", speaker.name),
                (Some(_), Some(name)) => {
                    let by = rule_name.map(|r| format!(" by {r}")).unwrap_or_default();
                    format!("gold {:?}; predicted {name:?}{by}", speaker.name)
                }
            };
            findings.push(Finding {
                kind: FindingKind::WrongSpeaker,
                subject: Subject::Speaker,
                span: view.span(),
                note: note + &kind,
            });
        }
    }
}

/// Whole-attribution matching (content overlap plus source exact / overlap) and its findings
/// under the overlap variant.
fn score_attributions(
    report: &mut Report,
    findings: &mut Vec<Finding>,
    predicted: &[Attribution],
    pred: &[View],
    gold: &[View],
) {
    let source_match = |p: &View, g: &View, exact: bool| match (&p.source, &g.source) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            if exact {
                a.hull() == b.hull()
            } else {
                a.overlaps(b)
            }
        }
        _ => false,
    };
    let exact = match_items(pred, gold, |p, g| {
        p.content.overlaps(&g.content) && source_match(p, g, true)
    });
    let overlap = match_items(pred, gold, |p, g| {
        p.content.overlaps(&g.content) && source_match(p, g, false)
    });
    report.attributions.exact += exact.prf;
    report.attributions.overlap += overlap.prf;
    for (attribution, matched) in predicted.iter().zip(&overlap.predicted_matched) {
        report.calibration.record(attribution.confidence, *matched);
    }
    let explain = |view: &View, others: &[View], other_side: &str| {
        if others.iter().any(|o| o.content.overlaps(&view.content)) {
            format!("content overlaps a {other_side} attribution but the source differs")
        } else {
            format!("no {other_side} content overlaps")
        }
    };
    for (view, _) in pred
        .iter()
        .zip(&overlap.predicted_matched)
        .filter(|(_, m)| !**m)
    {
        findings.push(Finding {
            kind: FindingKind::FalsePositive,
            subject: Subject::Attribution,
            span: view.span(),
            note: explain(view, gold, "gold"),
        });
    }
    for (view, _) in gold.iter().zip(&overlap.gold_matched).filter(|(_, m)| !**m) {
        findings.push(Finding {
            kind: FindingKind::FalseNegative,
            subject: Subject::Attribution,
            span: view.span(),
            note: explain(view, pred, "predicted"),
        });
    }
}

/// Lists the exact-match misses of one role; a miss that overlaps the other side is a
/// boundary error and says so.
fn role_findings(findings: &mut Vec<Finding>, subject: Subject, pred: &[Pieces], gold: &[Pieces]) {
    let (pred, _) = distinct(pred);
    let (gold, _) = distinct(gold);
    let matching = match_items(&pred, &gold, |p, g| p == g);
    let mut add = |kind, span: &Range, others: &[Range], other_side: &str| {
        let note = others
            .iter()
            .find(|o| o.overlaps(span))
            .map(|o| format!("boundary: overlaps {other_side} {}..{}", o.start, o.end))
            .unwrap_or_default();
        findings.push(Finding {
            kind,
            subject,
            span: *span,
            note,
        });
    };
    for (span, _) in pred
        .iter()
        .zip(&matching.predicted_matched)
        .filter(|(_, m)| !**m)
    {
        add(FindingKind::FalsePositive, span, &gold, "gold");
    }
    for (span, _) in gold
        .iter()
        .zip(&matching.gold_matched)
        .filter(|(_, m)| !**m)
    {
        add(FindingKind::FalseNegative, span, &pred, "predicted");
    }
}

/// The predicted attribution whose content overlaps the gold content most; the earliest on a
/// tie, `None` when none overlaps.
fn best_match(pred: &[View], gold: &View) -> Option<usize> {
    pred.iter()
        .enumerate()
        .map(|(i, p)| (i, p.content.overlap_len(&gold.content)))
        .filter(|&(_, overlap)| overlap > 0)
        .fold(
            None,
            |best: Option<(usize, usize)>, (i, overlap)| match best {
                Some((_, top)) if top >= overlap => best,
                _ => Some((i, overlap)),
            },
        )
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests;
