//! Evaluation: corpus readers, metrics and reports.
//!
//! Every reader returns [`LabelledArticle`]s (an [`Article`] plus [`GoldAttribution`]s in
//! character offsets), whatever the corpus: [`read_polnear`], [`read_litbank`], [`read_pdnc`]
//! and the project's own [`read_gold_jsonl`]; [`read_corpus`] picks one by [`CorpusFormat`].
//! Then either run the attributor over the corpus with [`evaluate`], or score a predictions
//! file with [`score`]; both give an [`Evaluation`]: the [`Report`] (JSON via serde, a text
//! table via `Display`) plus each article's prediction and [`Finding`]s, which
//! [`Evaluation::error_dump`] and [`html`] render.
//!
//! ```no_run
//! use quoteattr::{eval, Attributor};
//! # fn main() -> quoteattr::Result<()> {
//! let corpus = eval::read_corpus(eval::CorpusFormat::Polnear, "../shared/data/polnear/dev".as_ref())?;
//! let evaluation = eval::evaluate(&Attributor::rules_only(), &corpus);
//! println!("{}", evaluation.report);
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

use std::collections::HashMap;
use std::path::Path;

use crate::attributor::Attributor;
use crate::error::{Error, Result};
use crate::schema::{Article, ArticleAttributions, OutputRecord};

mod dump;
mod gold;
pub mod html;
mod labelled;
mod litbank;
pub mod metrics;
mod pdnc;
mod polnear;
mod pyformat;
mod report;
mod scoring;
mod speakers;

pub use gold::{read_gold_jsonl, write_gold_jsonl};
pub use labelled::{GoldAttribution, GoldScope, GoldSpeaker, LabelledArticle, QuoteType};
pub use litbank::read_litbank;
pub use pdnc::read_pdnc;
pub use polnear::read_polnear;
pub use report::{
    Calibration, DirectScores, Report, RoleScores, SourceAccuracy, SpeakerScores, CALIBRATION_BANDS,
};
pub use scoring::{Finding, FindingKind, Subject};
pub use speakers::with_speaker_labels;

/// The labelled corpus formats [`read_corpus`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CorpusFormat {
    /// A PolNeAR split folder with `text/` and `attributions/` ([`read_polnear`]).
    Polnear,
    /// A LitBank folder with `quotations/` and `coref/` ([`read_litbank`]).
    Litbank,
    /// A PDNC folder of novels, or one novel ([`read_pdnc`]).
    Pdnc,
    /// The project's gold JSONL ([`read_gold_jsonl`]).
    Jsonl,
}

/// Reads a labelled corpus in the given format.
pub fn read_corpus(format: CorpusFormat, path: &Path) -> Result<Vec<LabelledArticle>> {
    match format {
        CorpusFormat::Polnear => read_polnear(path),
        CorpusFormat::Litbank => read_litbank(path),
        CorpusFormat::Pdnc => read_pdnc(path),
        CorpusFormat::Jsonl => read_gold_jsonl(path),
    }
}

/// Reads a predictions file: the attributor's output JSONL, one [`OutputRecord`] a line.
pub fn read_predictions(path: &Path) -> Result<Vec<OutputRecord>> {
    Ok(gold::read_jsonl(path)?
        .into_iter()
        .map(|(_, record)| record)
        .collect())
}

/// The result of evaluating one corpus.
#[derive(Debug, Clone)]
pub struct Evaluation<'c> {
    /// The figures.
    pub report: Report,
    /// One entry per corpus article, in corpus order.
    pub articles: Vec<ArticleOutcome<'c>>,
}

/// One article's prediction and errors.
#[derive(Debug, Clone)]
pub struct ArticleOutcome<'c> {
    /// The labelled article.
    pub labelled: &'c LabelledArticle,
    /// The prediction, or why there is none.
    pub predicted: std::result::Result<ArticleAttributions, String>,
    /// Every scoring error, in text order.
    pub findings: Vec<Finding>,
}

/// Runs `attributor` over every article (one batch, so the tagger packs windows across
/// articles) and scores the results. An article the attributor refuses counts as failed: its
/// gold items are all missed.
pub fn evaluate<'c>(attributor: &Attributor, corpus: &'c [LabelledArticle]) -> Evaluation<'c> {
    let articles: Vec<Article> = corpus.iter().map(|l| l.article.clone()).collect();
    let predictions: Vec<_> = attributor
        .attribute_batch(&articles)
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    score_all(corpus, predictions)
}

/// Scores predictions read from a file (see [`read_predictions`]) against the corpus, pairing
/// them by article id (the first record of an id wins). An article without a prediction, or
/// whose record is an error, counts as failed.
pub fn score<'c>(predictions: &[OutputRecord], corpus: &'c [LabelledArticle]) -> Evaluation<'c> {
    let mut by_id: HashMap<&str, &OutputRecord> = HashMap::new();
    for record in predictions {
        let id = match record {
            OutputRecord::Attributed(a) => Some(a.id.as_str()),
            OutputRecord::Failed { id, .. } => id.as_deref(),
        };
        if let Some(id) = id {
            by_id.entry(id).or_insert(record);
        }
    }
    let paired = corpus
        .iter()
        .map(|labelled| match by_id.get(labelled.article.id.as_str()) {
            Some(OutputRecord::Attributed(a)) => Ok(a.clone()),
            Some(OutputRecord::Failed { error, .. }) => Err(error.clone()),
            None => Err("no prediction for this article id".to_string()),
        })
        .collect();
    score_all(corpus, paired)
}

fn score_all(
    corpus: &[LabelledArticle],
    predictions: Vec<std::result::Result<ArticleAttributions, String>>,
) -> Evaluation<'_> {
    let mut report = Report::default();
    let articles = corpus
        .iter()
        .zip(predictions)
        .map(|(labelled, predicted)| {
            let attributions = predicted.as_ref().ok().map(|p| p.attributions.as_slice());
            let findings = scoring::score_article(&mut report, attributions, labelled);
            ArticleOutcome {
                labelled,
                predicted,
                findings,
            }
        })
        .collect();
    Evaluation { report, articles }
}

impl Evaluation<'_> {
    /// Every false positive, false negative and wrong speaker, article by article, each with
    /// about 80 characters of context; see [`Evaluation::write_error_dump`].
    pub fn error_dump(&self) -> String {
        dump::render(self)
    }

    /// Writes [`Evaluation::error_dump`] to a file.
    pub fn write_error_dump(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.error_dump()).map_err(|e| Error::io(path, e))
    }
}

/// Keeps the first `limit` articles of a corpus (all when `None`).
pub fn truncate(mut corpus: Vec<LabelledArticle>, limit: Option<usize>) -> Vec<LabelledArticle> {
    if let Some(limit) = limit {
        corpus.truncate(limit);
    }
    corpus
}

/// The articles of a labelled corpus, e.g. to run the batch pipeline on them.
pub fn articles(corpus: &[LabelledArticle]) -> Vec<Article> {
    corpus.iter().map(|l| l.article.clone()).collect()
}

/// A span of `text` by character offsets, for tests.
#[cfg(test)]
pub(crate) fn test_span(text: &str, start: usize, end: usize) -> crate::schema::TextSpan {
    crate::schema::TextSpan {
        start,
        end,
        text: text.chars().skip(start).take(end - start).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Attribution, AttributionKind, Method, TextSpan};

    fn corpus() -> Vec<LabelledArticle> {
        let text = "\"We won,\" Esper said.";
        let span = |start: usize, end: usize| test_span(text, start, end);
        vec![LabelledArticle {
            article: Article {
                id: "a1".into(),
                title: None,
                text: text.into(),
            },
            gold: vec![GoldAttribution {
                content: vec![span(0, 9)],
                cue: Some(span(16, 20)),
                source: Some(span(10, 15)),
                speaker: None,
                quote_type: None,
                direct: true,
            }],
            scope: GoldScope::Attributions,
        }]
    }

    fn prediction(corpus: &[LabelledArticle], cue_end: usize) -> OutputRecord {
        let gold = &corpus[0].gold[0];
        OutputRecord::Attributed(ArticleAttributions {
            id: "a1".into(),
            attributions: vec![Attribution {
                kind: AttributionKind::Direct,
                content: gold.content.clone(),
                cue: gold.cue.clone().map(|c| TextSpan { end: cue_end, ..c }),
                source: gold.source.clone(),
                speaker: None,
                confidence: 1.0,
                method: Method::QuoteThenCue,
                resolution: None,
            }],
            entities: vec![],
        })
    }

    #[test]
    fn score_pairs_predictions_by_id() {
        let corpus = corpus();
        let records = vec![
            OutputRecord::Failed {
                id: Some("other".into()),
                error: "x".into(),
            },
            prediction(&corpus, 21),
        ];
        let evaluation = score(&records, &corpus);
        assert_eq!(evaluation.report.failed_articles, 0);
        assert_eq!(evaluation.report.roles.source.exact.tp, 1);
        assert_eq!(evaluation.report.roles.cue.exact.fp, 1);
        assert_eq!(evaluation.articles[0].findings.len(), 2);
        let dump = evaluation.error_dump();
        assert!(dump.contains("FP cue"), "{dump}");
    }

    #[test]
    fn missing_or_failed_predictions_count_as_failed_articles() {
        let corpus = corpus();
        let evaluation = score(&[], &corpus);
        assert_eq!(evaluation.report.failed_articles, 1);
        assert_eq!(evaluation.report.attributions.exact.fn_, 1);
        let failed = OutputRecord::Failed {
            id: Some("a1".into()),
            error: "text is empty".into(),
        };
        let evaluation = score(&[failed], &corpus);
        assert_eq!(
            evaluation.articles[0].predicted,
            Err("text is empty".into())
        );
    }

    #[test]
    fn evaluate_keeps_corpus_order() {
        let mut corpus = corpus();
        let mut second = corpus[0].clone();
        second.article.id = "a2".into();
        second.article.text = "   ".into();
        corpus.push(second);
        let evaluation = evaluate(&Attributor::rules_only(), &corpus);
        let ids: Vec<&str> = evaluation
            .articles
            .iter()
            .map(|a| a.labelled.article.id.as_str())
            .collect();
        assert_eq!(ids, ["a1", "a2"]);
        // The blank article is refused by the attributor.
        assert!(evaluation.articles[1].predicted.is_err());
        assert_eq!(evaluation.report.failed_articles, 1);
        assert_eq!(truncate(corpus.clone(), Some(1)).len(), 1);
        assert_eq!(articles(&corpus).len(), 2);
    }
}
