//! The document every pipeline stage reads: the text, its paragraphs, sentences and tokens.
//!
//! Internally every span is a **byte** range into the text (cheap slicing); the one place that
//! converts to the **character** offsets of the output schema is [`OffsetMap`], so no stage
//! converts offsets by hand.

use crate::schema::{Offsets, TextSpan};

/// A byte range `[start, end)` into the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start <= end` is the caller's promise.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// A set of byte positions kept as disjoint spans, for fast "is this already covered" checks
/// on long articles.
#[derive(Debug, Clone, Default)]
pub struct SpanSet {
    /// Start → end of disjoint, non-touching-merged spans.
    spans: std::collections::BTreeMap<usize, usize>,
}

impl SpanSet {
    /// Adds a span, merging it with the spans it overlaps.
    pub fn insert(&mut self, span: Span) {
        let (mut start, mut end) = (span.start, span.end);
        let overlapping: Vec<(usize, usize)> = self
            .spans
            .range(..end)
            .rev()
            .take_while(|&(_, &e)| e > start)
            .map(|(&s, &e)| (s, e))
            .collect();
        for (s, e) in overlapping {
            self.spans.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.spans.insert(start, end);
    }

    /// Whether any position of `span` is in the set.
    pub fn overlaps(&self, span: Span) -> bool {
        self.spans
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &e)| e > span.start)
    }

    /// Whether every position of `span` is in one span of the set.
    pub fn covers(&self, span: Span) -> bool {
        self.spans
            .range(..=span.start)
            .next_back()
            .is_some_and(|(_, &e)| e >= span.end)
    }

    /// Whether some span of the set lies entirely inside `span`.
    pub fn has_span_within(&self, span: Span) -> bool {
        self.spans
            .range(span.start..)
            .next()
            .is_some_and(|(_, &e)| e <= span.end)
    }
}

/// What kind of token the segmenter saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods (`don't`, `U.S`).
    Word,
    /// Digits, possibly with inner separators (`1,000`, `3.5`).
    Number,
    /// A single punctuation or symbol character, quotation marks included.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// A sentence: a range of token indices plus its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the first token.
    pub first_token: usize,
    /// One past the index of the last token.
    pub end_token: usize,
    /// Byte span from the first token's start to the last token's end.
    pub span: Span,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// A paragraph: a byte span and the range of its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte span, trimmed of surrounding whitespace.
    pub span: Span,
    /// Index of the first sentence.
    pub first_sentence: usize,
    /// One past the index of the last sentence.
    pub end_sentence: usize,
}

/// Converts between byte offsets and character offsets of one text.
///
/// Stores only the positions of multi-byte characters, so an ASCII text costs nothing and a
/// conversion is a binary search.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// For each multi-byte character: its byte offset, its char offset, and its byte length.
    wide: Vec<(usize, usize, usize)>,
    text_bytes: usize,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let wide = text
            .char_indices()
            .enumerate()
            .filter(|(_, (_, c))| c.len_utf8() > 1)
            .map(|(char_index, (byte, c))| (byte, char_index, c.len_utf8()))
            .collect();
        OffsetMap {
            wide,
            text_bytes: text.len(),
        }
    }

    /// The character offset of a byte offset that lies on a character boundary.
    pub fn char_of(&self, byte: usize) -> usize {
        // Wide characters strictly before `byte` each add (len - 1) bytes beyond their 1 char.
        let before = self.wide.partition_point(|&(b, _, _)| b < byte);
        match before.checked_sub(1).map(|i| self.wide[i]) {
            None => byte,
            Some((b, c, len)) => c + 1 + (byte - b - len),
        }
    }

    /// The byte offset of a character offset, or `None` past the end of the text.
    pub fn byte_of(&self, char_offset: usize) -> Option<usize> {
        let before = self.wide.partition_point(|&(_, c, _)| c < char_offset);
        let byte = match before.checked_sub(1).map(|i| self.wide[i]) {
            None => char_offset,
            Some((b, c, len)) => b + len + (char_offset - c - 1),
        };
        (byte <= self.text_bytes).then_some(byte)
    }
}

/// A segmented article: the text plus paragraphs, sentences and tokens.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The article text, unchanged.
    pub text: &'t str,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order; they partition the tokens.
    pub sentences: Vec<Sentence>,
    /// Paragraphs in text order; they partition the sentences.
    pub paragraphs: Vec<Paragraph>,
    offsets: OffsetMap,
}

impl<'t> Document<'t> {
    /// Assembles a document from the segmenter's output.
    pub(crate) fn new(
        text: &'t str,
        tokens: Vec<Token>,
        sentences: Vec<Sentence>,
        paragraphs: Vec<Paragraph>,
    ) -> Self {
        Document {
            text,
            tokens,
            sentences,
            paragraphs,
            offsets: OffsetMap::new(text),
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.start..span.end]
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'t str {
        self.slice(self.tokens[i].span)
    }

    /// The span from the start of token `first` to the end of token `last` (inclusive).
    pub fn token_range_span(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }

    /// Index of the sentence containing token `i`.
    pub fn sentence_of_token(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.end_token <= i)
    }

    /// Index of the paragraph containing token `i`.
    pub fn paragraph_of_token(&self, i: usize) -> usize {
        self.sentences[self.sentence_of_token(i)].paragraph
    }

    /// Index of the first token starting at or after byte `byte`.
    pub fn token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < byte)
    }

    /// The first token starting at or after byte `byte`, or the last token when none does.
    pub fn token_at(&self, byte: usize) -> usize {
        self.token_at_or_after(byte)
            .min(self.tokens.len().saturating_sub(1))
    }

    /// The paragraph of the token at byte `byte` (see [`Document::token_at`]).
    pub fn paragraph_at(&self, byte: usize) -> usize {
        self.paragraph_of_token(self.token_at(byte))
    }

    /// Converts a byte span to the schema's character offsets.
    pub fn offsets(&self, span: Span) -> Offsets {
        Offsets {
            start: self.offsets.char_of(span.start),
            end: self.offsets.char_of(span.end),
        }
    }

    /// Converts a byte span to a schema span with its text.
    pub fn text_span(&self, span: Span) -> TextSpan {
        let Offsets { start, end } = self.offsets(span);
        TextSpan {
            start,
            end,
            text: self.slice(span).to_string(),
        }
    }

    /// Converts character offsets back to a byte span, if they lie inside the text.
    pub fn byte_span(&self, start: usize, end: usize) -> Option<Span> {
        let (start, end) = (self.offsets.byte_of(start)?, self.offsets.byte_of(end)?);
        (start <= end).then(|| Span::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_round_trips_mixed_width_text() {
        let text = "a“bé”c 「日本」 z";
        let map = OffsetMap::new(text);
        for (char_index, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_of(byte), char_index, "byte {byte}");
            assert_eq!(map.byte_of(char_index), Some(byte), "char {char_index}");
        }
        let chars = text.chars().count();
        assert_eq!(map.char_of(text.len()), chars);
        assert_eq!(map.byte_of(chars), Some(text.len()));
        assert_eq!(map.byte_of(chars + 1), None);
    }

    #[test]
    fn span_set_merges_and_answers_overlap_queries() {
        let mut set = SpanSet::default();
        set.insert(Span::new(10, 20));
        set.insert(Span::new(30, 40));
        assert!(set.overlaps(Span::new(15, 35)) && set.overlaps(Span::new(19, 21)));
        assert!(!set.overlaps(Span::new(20, 30)) && !set.overlaps(Span::new(0, 10)));
        assert!(set.covers(Span::new(12, 18)) && !set.covers(Span::new(12, 25)));
        assert!(set.has_span_within(Span::new(25, 45)) && !set.has_span_within(Span::new(25, 35)));
        set.insert(Span::new(18, 32));
        assert!(set.covers(Span::new(10, 40)));
    }

    #[test]
    fn offset_map_is_identity_on_ascii() {
        let map = OffsetMap::new("plain ascii");
        assert_eq!(map.char_of(5), 5);
        assert_eq!(map.byte_of(11), Some(11));
    }
}
