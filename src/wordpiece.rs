//! Word pieces for the transformer: the all-MiniLM-L6-v2 WordPiece tokenizer, with every piece
//! mapped back to a byte span of the document text.

use std::path::Path;

use tokenizers::Tokenizer;

use crate::document::{Document, Span};
use crate::error::{Error, Result};

/// The WordPiece tokenizer of a model folder, with padding and truncation switched off (the
/// pipeline windows text itself).
pub struct WordPieceTokenizer {
    inner: Tokenizer,
}

/// The word pieces of a span: vocabulary ids and their byte spans in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPieces {
    /// Vocabulary ids, without `[CLS]`/`[SEP]`.
    pub ids: Vec<i64>,
    /// Byte span of each piece in the document text.
    pub spans: Vec<Span>,
}

impl WordPieceTokenizer {
    /// Loads a `tokenizer.json`.
    pub fn from_file(path: &Path) -> Result<Self> {
        let mut inner = Tokenizer::from_file(path)
            .map_err(|e| Error::Model(format!("{}: {e}", path.display())))?;
        inner.with_padding(None);
        inner
            .with_truncation(None)
            .map_err(|e| Error::Model(format!("{}: {e}", path.display())))?;
        Ok(WordPieceTokenizer { inner })
    }

    /// The id of a special token such as `[CLS]`.
    pub fn token_id(&self, token: &str) -> Option<i64> {
        self.inner.token_to_id(token).map(i64::from)
    }

    /// The ids of `[CLS]` and `[SEP]`.
    pub fn special_ids(&self) -> Result<(i64, i64)> {
        let id = |token: &str| {
            self.token_id(token)
                .ok_or_else(|| Error::Model(format!("tokenizer has no {token}")))
        };
        Ok((id("[CLS]")?, id("[SEP]")?))
    }

    /// The word pieces of `span` of the document.
    pub fn encode(&self, doc: &Document, span: Span) -> Result<WordPieces> {
        let encoding = self
            .inner
            .encode(doc.slice(span), false)
            .map_err(|e| Error::Model(format!("tokenizer: {e}")))?;
        Ok(WordPieces {
            ids: encoding.get_ids().iter().map(|&id| i64::from(id)).collect(),
            spans: encoding
                .get_offsets()
                .iter()
                .map(|&(start, end)| Span::new(span.start + start, span.start + end))
                .collect(),
        })
    }
}
