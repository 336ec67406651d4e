//! The evaluation report: every figure with its counts, as JSON (serde) or a text table.

use std::fmt;

use serde::Serialize;

use super::metrics::{Accuracy, ExactOverlap, Prf};
use super::scoring::Subject;

/// All figures of one evaluation, micro-averaged over the corpus. See
/// [`metrics`](super::metrics) for the matching rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Articles the attributor failed on (or the predictions file lacked); their gold items
    /// all count as false negatives.
    pub failed_articles: usize,
    /// Gold attributions in the corpus.
    pub gold_attributions: usize,
    /// Predicted attributions.
    pub predicted_attributions: usize,
    /// Articles whose gold annotates every attribution with its spans
    /// ([`GoldScope::Attributions`](super::GoldScope)); the role-span and whole-attribution
    /// figures cover these articles only.
    pub role_articles: usize,
    /// Role spans (source, cue, content), each role on its own.
    pub roles: RoleScores,
    /// The same with spans cut at sentence boundaries and at the gaps of discontinuous spans,
    /// each part its own span, as CofeNet's per-sentence PolNeAR data has them; the figures
    /// that compare with its published ones.
    pub sentence_roles: RoleScores,
    /// Whole attributions: contents must overlap, and sources must be equal (`exact`) or
    /// overlap (`overlap`); both sources absent also counts as a match.
    pub attributions: ExactOverlap,
    /// Direct quotes only.
    pub direct: DirectScores,
    /// Canonical speaker accuracy per gold quote that names a speaker.
    pub speaker: SpeakerScores,
    /// How often predicted attributions at each confidence are right.
    pub calibration: Calibration,
}

/// Confidence calibration: predicted attributions in five confidence bands (0-0.2, ...,
/// 0.8-1), each with the share that matches a gold attribution (content overlap and source
/// overlap). Scored where the gold annotates every attribution (PolNeAR, JSONL gold).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Calibration {
    /// Band `i` covers confidences from `i / 5` up to `(i + 1) / 5` (1 included in the last).
    pub bands: [Accuracy; CALIBRATION_BANDS],
}

/// Number of confidence bands in [`Calibration`].
pub const CALIBRATION_BANDS: usize = 5;

impl Calibration {
    /// Counts one predicted attribution of `confidence` that did or did not match.
    pub fn record(&mut self, confidence: f32, matched: bool) {
        let band = (confidence.clamp(0.0, 1.0) * CALIBRATION_BANDS as f32) as usize;
        self.bands[band.min(CALIBRATION_BANDS - 1)].record(matched);
    }
}

/// Role-span figures (CofeNet's definitions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RoleScores {
    /// Source mention spans.
    pub source: ExactOverlap,
    /// Cue spans.
    pub cue: ExactOverlap,
    /// Content spans (a discontinuous content is one span).
    pub content: ExactOverlap,
}

impl RoleScores {
    /// The figure of one role; `Subject::Content` for any subject that is no role.
    pub(crate) fn of(&mut self, subject: Subject) -> &mut ExactOverlap {
        match subject {
            Subject::Source => &mut self.source,
            Subject::Cue => &mut self.cue,
            _ => &mut self.content,
        }
    }
}

/// Figures on direct quotes (gold: content in quotation marks; predicted: kind `direct`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DirectScores {
    /// Quote spans: predicted direct contents against gold direct contents.
    pub quotes: ExactOverlap,
    /// For each gold direct quote with a gold source: does the predicted attribution whose
    /// content overlaps it most have an equal (`exact`) or overlapping (`overlap`) source?
    pub source: SourceAccuracy,
    /// For each gold direct quote with a canonical speaker: is the speaker right?
    pub speaker: Accuracy,
}

/// Source accuracy under both matching rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SourceAccuracy {
    /// The predicted source equals the gold source.
    pub exact: Accuracy,
    /// The predicted source overlaps the gold source.
    pub overlap: Accuracy,
}

/// Canonical speaker accuracy, overall and by quote type.
///
/// A gold quote is judged by the predicted attribution whose content overlaps it most (the
/// earliest on a tie); it is correct when that attribution's speaker name equals the gold
/// canonical name or one of its aliases, ignoring case and spacing. No overlapping prediction,
/// or one without a speaker, is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SpeakerScores {
    /// Every gold quote with a speaker.
    pub all: Accuracy,
    /// Quotes of type Explicit.
    pub explicit: Accuracy,
    /// Quotes of type Anaphoric.
    pub anaphoric: Accuracy,
    /// Quotes of type Implicit.
    pub implicit: Accuracy,
    /// Quotes without a type.
    pub untyped: Accuracy,
    /// Of the gold quotes given a speaker at all, those given the right one: the precision
    /// that `--min-speaker-score` trades against `all`.
    pub answered: Accuracy,
    /// The same precision by the resolution rule that named the speaker (`name`, `pronoun`,
    /// `turn-taking`, ...): what each rule is worth.
    pub by_rule: std::collections::BTreeMap<String, Accuracy>,
}

impl Report {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of numbers cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn percent(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

fn prf_row(f: &mut fmt::Formatter<'_>, name: &str, variant: &str, prf: &Prf) -> fmt::Result {
    writeln!(
        f,
        "{name:<14} {variant:<14} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
        prf.tp,
        prf.tp_gold,
        prf.fp,
        prf.fn_,
        percent(prf.precision()),
        percent(prf.recall()),
        percent(prf.f1())
    )
}

fn accuracy_row(f: &mut fmt::Formatter<'_>, name: &str, acc: &Accuracy) -> fmt::Result {
    writeln!(
        f,
        "{name:<29} {:>7} {:>7} {:>8}",
        acc.correct,
        acc.total,
        percent(acc.accuracy())
    )
}

impl fmt::Display for Report {
    /// A plain-text table: P/R/F1 in percent with tp (matched predictions), tp_gold (matched
    /// gold items), fp and fn; then accuracies with their counts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "articles {} (failed {}), gold attributions {}, predicted {}",
            self.articles,
            self.failed_articles,
            self.gold_attributions,
            self.predicted_attributions
        )?;
        if self.role_articles < self.articles {
            writeln!(
                f,
                "role spans and attributions scored on {} of them (the rest annotate quotes only)",
                self.role_articles
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<14} {:<14} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "figure", "matching", "tp", "tp_gold", "fp", "fn", "P", "R", "F1"
        )?;
        let roles = [
            ("source", &self.roles.source, &self.sentence_roles.source),
            ("cue", &self.roles.cue, &self.sentence_roles.cue),
            ("content", &self.roles.content, &self.sentence_roles.content),
        ];
        // Role rows only mean something for corpora that annotate roles.
        if self.role_articles > 0 {
            for (name, figure, per_sentence) in roles {
                prf_row(f, name, "exact", &figure.exact)?;
                prf_row(f, "", "overlap", &figure.overlap)?;
                prf_row(f, "", "sentence exact", &per_sentence.exact)?;
            }
            prf_row(f, "attribution", "source exact", &self.attributions.exact)?;
            prf_row(f, "", "source overlap", &self.attributions.overlap)?;
        }
        prf_row(f, "direct quote", "exact", &self.direct.quotes.exact)?;
        prf_row(f, "", "overlap", &self.direct.quotes.overlap)?;
        let general = [
            ("direct: source exact", &self.direct.source.exact),
            ("direct: source overlap", &self.direct.source.overlap),
            ("direct: speaker", &self.direct.speaker),
            ("speaker: all quotes", &self.speaker.all),
            ("speaker: when one is given", &self.speaker.answered),
        ];
        let by_type = [
            ("speaker: explicit", &self.speaker.explicit),
            ("speaker: anaphoric", &self.speaker.anaphoric),
            ("speaker: implicit", &self.speaker.implicit),
            ("speaker: untyped", &self.speaker.untyped),
        ];
        // Rows with nothing judged are left out, and so are type rows that repeat "all quotes"
        // (a corpus without types has only untyped quotes).
        let all = self.speaker.all.total;
        let shown: Vec<_> = general
            .iter()
            .filter(|(_, acc)| acc.total > 0)
            .chain(
                by_type
                    .iter()
                    .filter(|(_, acc)| acc.total > 0 && acc.total != all),
            )
            .collect();
        if !shown.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "{:<29} {:>7} {:>7} {:>8}",
                "accuracy", "correct", "total", "%"
            )?;
        }
        for (name, acc) in shown {
            accuracy_row(f, name, acc)?;
        }
        for (rule, acc) in &self.speaker.by_rule {
            accuracy_row(f, &format!("speaker rule: {rule}"), acc)?;
        }
        if self.calibration.bands.iter().any(|b| b.total > 0) {
            writeln!(f)?;
            writeln!(
                f,
                "{:<29} {:>7} {:>7} {:>8}",
                "confidence", "matched", "total", "%"
            )?;
            for (i, band) in self.calibration.bands.iter().enumerate() {
                let (low, high) = (i as f32 / 5.0, (i + 1) as f32 / 5.0);
                accuracy_row(f, &format!("{low:.1} to {high:.1}"), band)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_shows_counts_and_percentages() {
        let mut report = Report {
            articles: 2,
            role_articles: 2,
            ..Report::default()
        };
        report.roles.cue.exact = Prf {
            tp: 3,
            tp_gold: 3,
            fp: 1,
            fn_: 0,
        };
        report.speaker.all = Accuracy {
            correct: 1,
            total: 3,
        };
        report.speaker.explicit = Accuracy {
            correct: 1,
            total: 1,
        };
        report.calibration.record(0.95, true);
        report.calibration.record(1.0, false);
        report.calibration.record(0.1, false);
        assert_eq!(
            report.calibration.bands[4],
            Accuracy {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(
            report.calibration.bands[0],
            Accuracy {
                correct: 0,
                total: 1
            }
        );
        let table = report.to_string();
        assert!(table.contains("0.8 to 1.0"), "{table}");
        assert!(table.contains("articles 2 (failed 0)"), "{table}");
        let cue = table.lines().find(|l| l.starts_with("cue")).unwrap();
        assert_eq!(
            cue.split_whitespace().collect::<Vec<_>>(),
            ["cue", "exact", "3", "3", "1", "0", "75.0", "100.0", "85.7"]
        );
        assert!(table.contains("speaker: explicit"));
        assert!(!table.contains("speaker: implicit"));
        assert!(!table.contains("direct: source"), "nothing judged");
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["roles"]["cue"]["exact"]["fp"], 1);
        assert_eq!(json["speaker"]["all"]["total"], 3);
        report.role_articles = 1;
        let table = report.to_string();
        assert!(table.contains("scored on 1 of them"), "{table}");
        report.role_articles = 0;
        assert!(!report.to_string().contains("\ncue"));
    }
}
