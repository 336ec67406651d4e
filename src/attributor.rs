//! The public entry point: an [`Attributor`] built once and used for many articles.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::schema::{Article, ArticleAttributions};
use crate::{marks, resolve, rules, segment};

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
#[derive(Debug, Clone)]
pub struct Attributor {
    max_article_bytes: usize,
}

impl Default for Attributor {
    fn default() -> Self {
        Self::rules_only()
    }
}

impl Attributor {
    /// The rule-based attributor: quotation marks, cue lexicon and speaker rules, no model.
    pub fn rules_only() -> Self {
        Attributor {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }

    /// Sets the largest article, in bytes of UTF-8, that is processed rather than refused.
    pub fn with_max_article_bytes(mut self, max_article_bytes: usize) -> Self {
        self.max_article_bytes = max_article_bytes;
        self
    }

    /// Finds every attribution in one article.
    ///
    /// Fails with [`Error::InvalidInput`] on an empty, oversized or binary text.
    pub fn attribute(&self, article: &Article) -> Result<ArticleAttributions> {
        self.check(&article.text)?;
        let document = segment::segment(&article.text);
        let quotes = marks::find_quotes(&document);
        let found = rules::attribute(&document, &quotes);
        let (attributions, entities) = resolve::resolve(&document, &found);
        Ok(ArticleAttributions {
            id: article.id.clone(),
            attributions,
            entities,
        })
    }

    /// Attributes many articles in parallel on the current rayon pool; results keep input order.
    pub fn attribute_batch(&self, articles: &[Article]) -> Vec<Result<ArticleAttributions>> {
        articles.par_iter().map(|a| self.attribute(a)).collect()
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
