//! The public entry point: an [`Attributor`] built once and used for many articles.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::marks::{self, Quote};
use crate::resolve::SpeakerRanker;
use crate::rules::{self, Found};
use crate::schema::{Article, ArticleAttributions};
use crate::tag::Tagger;
use crate::{link, resolve, segment};

/// Articles longer than this many bytes are refused by default: real news articles are far
/// shorter, and a huge record is almost always a concatenation or junk.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;

/// Attributes quotes in articles. Build it once; it is `Sync`, so one instance serves every
/// thread of a batch.
///
/// ```
/// use quoteattr::{Article, Attributor};
/// let attributor = Attributor::rules_only();
/// let article = Article {
///     id: "a1".into(),
///     title: None,
///     text: "\"We will not back down,\" Jane Doe said.".into(),
/// };
/// let result = attributor.attribute(&article).unwrap();
/// assert_eq!(result.attributions[0].speaker.as_ref().unwrap().name, "Jane Doe");
/// ```
pub struct Attributor {
    max_article_bytes: usize,
    /// Speakers resolved with a lower score are withheld (see `with_min_speaker_score`).
    min_speaker_score: f32,
    /// Forward passes run one at a time (libtorch parallelises inside each), hence the lock.
    tagger: Option<Mutex<Tagger>>,
    /// The learned speaker ranker for dialogue, if one is loaded.
    speaker_ranker: Option<SpeakerRanker>,
}

impl Default for Attributor {
    fn default() -> Self {
        Self::rules_only()
    }
}

/// An article that passed validation, segmented, with its quotes and rule findings.
struct Prepared<'t> {
    document: Document<'t>,
    quotes: Vec<Quote>,
    rules: Vec<Found>,
    /// Fiction (dialogue) goes by the rules alone: the tagger is trained on news.
    fiction: bool,
}

impl Attributor {
    /// The rule-based attributor: quotation marks, cue lexicon and speaker rules, no model.
    pub fn rules_only() -> Self {
        Attributor {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            min_speaker_score: 0.0,
            tagger: None,
            speaker_ranker: None,
        }
    }

    /// The transformer pipeline from a model folder (see `models/tagger/README.md`), with the
    /// rules as its quotation-mark safety net.
    pub fn from_pretrained(model_dir: &Path) -> Result<Self> {
        Ok(Attributor {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            min_speaker_score: 0.0,
            tagger: Some(Mutex::new(Tagger::load(model_dir)?)),
            speaker_ranker: None,
        })
    }

    /// The tagger's precision, when this attributor has a tagger.
    pub fn model_precision(&self) -> Option<crate::tag::Precision> {
        let tagger = self.tagger.as_ref()?;
        let tagger = tagger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Some(tagger.precision())
    }

    /// Sets the largest article, in bytes of UTF-8, that is processed rather than refused.
    pub fn with_max_article_bytes(mut self, max_article_bytes: usize) -> Self {
        self.max_article_bytes = max_article_bytes;
        self
    }

    /// Decides the speakers of dialogue turns in fiction with a learned ranker (see
    /// `models/speaker-ranker/README.md`) instead of the dialogue rules; `None` keeps the rules.
    pub fn with_speaker_ranker(mut self, ranker: Option<SpeakerRanker>) -> Self {
        self.speaker_ranker = ranker;
        self
    }

    /// Withholds speakers whose resolution scored below `score` (0 to 1; 0, the default,
    /// keeps every speaker): their `speaker` is null, while `resolution` still names the rule
    /// that proposed one and its score. Trades speaker recall for precision.
    pub fn with_min_speaker_score(mut self, score: f32) -> Self {
        self.min_speaker_score = score;
        self
    }

    /// Finds every attribution in one article.
    ///
    /// Fails with [`Error::InvalidInput`] on an empty, oversized or binary text.
    pub fn attribute(&self, article: &Article) -> Result<ArticleAttributions> {
        self.attribute_batch(std::slice::from_ref(article))
            .pop()
            .unwrap_or_else(|| Err(Error::InvalidInput("no article".into())))
    }

    /// Attributes many articles, in input order. Segmentation, rules and resolution run in
    /// parallel on the current rayon pool; the tagger packs the windows of all articles into
    /// shared batches.
    pub fn attribute_batch(&self, articles: &[Article]) -> Vec<Result<ArticleAttributions>> {
        let prepared: Vec<Result<Prepared>> = articles
            .par_iter()
            .map(|article| {
                self.check(&article.text)?;
                let document = segment::segment(&article.text);
                let quotes = marks::find_quotes(&document);
                let rules = rules::attribute(&document, &quotes);
                let fiction = resolve::is_fiction(&document, &rules, &quotes);
                Ok(Prepared {
                    document,
                    quotes,
                    rules,
                    fiction,
                })
            })
            .collect();
        let tagged = self.tag(&prepared);
        prepared
            .into_par_iter()
            .zip(tagged)
            .zip(articles)
            .map(|((prepared, spans), article)| {
                let prepared = prepared?;
                let spans = spans?;
                let found = if self.tagger.is_some() && !prepared.fiction {
                    link::link(
                        &prepared.document,
                        &spans,
                        &prepared.quotes,
                        &prepared.rules,
                    )
                } else {
                    prepared.rules
                };
                let (mut attributions, entities) = resolve::resolve(
                    &prepared.document,
                    &found,
                    &prepared.quotes,
                    self.speaker_ranker.as_ref(),
                );
                for attribution in &mut attributions {
                    let score = attribution.resolution.as_ref().map_or(0.0, |r| r.score);
                    if score < self.min_speaker_score {
                        attribution.speaker = None;
                    }
                }
                Ok(ArticleAttributions {
                    id: article.id.clone(),
                    attributions,
                    entities,
                })
            })
            .collect()
    }

    /// The tagger's role spans for each prepared article (empty without a tagger).
    fn tag(&self, prepared: &[Result<Prepared>]) -> Vec<Result<Vec<crate::tag::bio::RoleSpan>>> {
        let Some(tagger) = &self.tagger else {
            return prepared.iter().map(|_| Ok(Vec::new())).collect();
        };
        let tagged = |p: &Result<Prepared>| p.as_ref().is_ok_and(|p| !p.fiction);
        let ready: Vec<(&Document, &[Quote])> = prepared
            .iter()
            .filter(|p| tagged(p))
            .flatten()
            .map(|p| (&p.document, p.quotes.as_slice()))
            .collect();
        let tagger = tagger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match tagger.tag(&ready) {
            Ok(spans) => {
                let mut spans = spans.into_iter();
                prepared
                    .iter()
                    .map(|p| {
                        Ok(if tagged(p) {
                            spans.next().unwrap_or_default()
                        } else {
                            Vec::new()
                        })
                    })
                    .collect()
            }
            Err(e) => prepared
                .iter()
                .map(|_| Err(Error::Model(e.to_string())))
                .collect(),
        }
    }

    fn check(&self, text: &str) -> Result<()> {
        if text.trim().is_empty() {
            return Err(Error::InvalidInput("text is empty".into()));
        }
        if text.len() > self.max_article_bytes {
            return Err(Error::InvalidInput(format!(
                "text is {} bytes, over the limit of {} bytes",
                text.len(),
                self.max_article_bytes
            )));
        }
        // Text has few control characters; binary data read as text has many.
        let control = text
            .chars()
            .filter(|c| c.is_control() && !c.is_whitespace())
            .count();
        if control * 100 > text.chars().count().max(1) || text.contains('\0') {
            return Err(Error::InvalidInput(
                "text looks like binary data (control characters)".into(),
            ));
        }
        Ok(())
    }
}
