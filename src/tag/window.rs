//! Windows of word pieces for the tagger: whole sentences packed up to a piece budget, each
//! piece carrying its byte span and its input features (casing, position relative to quotes).

use crate::document::{Document, Span, SpanSet};
use crate::error::Result;
use crate::marks::Quote;
use crate::wordpiece::WordPieceTokenizer;

/// Word pieces per window, `[CLS]` and `[SEP]` included.
pub const MAX_WINDOW_PIECES: usize = 192;

/// Casing of a piece's original characters: the base encoder is uncased, so the tagger gets
/// the casing back as an input feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// No letters (punctuation, digits, special tokens).
    None = 0,
    /// All lower case.
    Lower = 1,
    /// First letter upper case: `Esper`, `Pentagon`.
    Capitalised = 2,
    /// All upper case, more than one letter: `GSOMIA`.
    Upper = 3,
}

/// Number of [`Casing`] values.
pub const CASINGS: i64 = 4;

/// Where a piece stands relative to the quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// Outside every quote.
    Outside = 0,
    /// Inside a quote found by the quotation-mark stage.
    Inside = 1,
}

/// Number of [`Quoting`] values.
pub const QUOTINGS: i64 = 2;

/// One window: the model's inputs for a run of whole sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Piece ids, starting with `[CLS]` and ending with `[SEP]`.
    pub ids: Vec<i64>,
    /// [`Casing`] of each piece.
    pub casing: Vec<i64>,
    /// [`Quoting`] of each piece.
    pub quoting: Vec<i64>,
    /// Byte span of each piece; `None` for `[CLS]` and `[SEP]`.
    pub spans: Vec<Option<Span>>,
}

impl Window {
    /// Number of pieces, specials included.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the window has no pieces at all.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

fn casing(text: &str) -> Casing {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    match letters.as_slice() {
        [] => Casing::None,
        [first, ..] if !first.is_uppercase() => Casing::Lower,
        [_] => Casing::Capitalised,
        _ if letters.iter().all(|c| c.is_uppercase()) => Casing::Upper,
        _ => Casing::Capitalised,
    }
}

/// Splits the document into windows of whole sentences (a sentence longer than a window is
/// cut), in text order; every piece of the document is in exactly one window.
pub fn windows(
    doc: &Document,
    quotes: &[Quote],
    tokenizer: &WordPieceTokenizer,
) -> Result<Vec<Window>> {
    let (cls, sep) = tokenizer.special_ids()?;
    let mut quoted = SpanSet::default();
    for quote in quotes {
        quoted.insert(quote.span());
    }
    let budget = MAX_WINDOW_PIECES - 2;
    let mut windows = Vec::new();
    let mut current = Window::empty(cls);
    for sentence in &doc.sentences {
        let pieces = tokenizer.encode(doc, sentence.span)?;
        if current.len() - 1 + pieces.ids.len() > budget && current.len() > 1 {
            windows.push(current.finish(sep));
            current = Window::empty(cls);
        }
        for (&id, &span) in pieces.ids.iter().zip(&pieces.spans) {
            if current.len() > budget {
                windows.push(current.finish(sep));
                current = Window::empty(cls);
            }
            current.ids.push(id);
            current.casing.push(casing(doc.slice(span)) as i64);
            let inside = quoted.covers(span);
            current.quoting.push(if inside {
                Quoting::Inside
            } else {
                Quoting::Outside
            } as i64);
            current.spans.push(Some(span));
        }
    }
    if current.len() > 1 {
        windows.push(current.finish(sep));
    }
    Ok(windows)
}

impl Window {
    fn empty(cls: i64) -> Self {
        Window {
            ids: vec![cls],
            casing: vec![Casing::None as i64],
            quoting: vec![Quoting::Outside as i64],
            spans: vec![None],
        }
    }

    fn finish(mut self, sep: i64) -> Self {
        self.ids.push(sep);
        self.casing.push(Casing::None as i64);
        self.quoting.push(Quoting::Outside as i64);
        self.spans.push(None);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_of_pieces() {
        assert_eq!(casing("Esper"), Casing::Capitalised);
        assert_eq!(casing("GSOMIA"), Casing::Upper);
        assert_eq!(casing("said"), Casing::Lower);
        assert_eq!(casing("“"), Casing::None);
        assert_eq!(casing("I"), Casing::Capitalised);
        assert_eq!(casing("##per"), Casing::Lower);
    }
}
