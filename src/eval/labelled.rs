//! The labelled article every corpus reader returns, and the helpers the readers share.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::OffsetMap;
use crate::error::{Error, Result};
use crate::schema::{Article, TextSpan};

/// An article with its gold attributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledArticle {
    /// The article as the attributor sees it.
    pub article: Article,
    /// The gold attributions, ordered by the start of their first content span.
    pub gold: Vec<GoldAttribution>,
    /// What the gold annotates, and so which figures it can score.
    #[serde(default)]
    pub scope: GoldScope,
}

impl LabelledArticle {
    /// An article whose gold annotates quotes and speakers only (LitBank, PDNC).
    pub fn quotes_only(id: String, text: String, gold: Vec<GoldAttribution>) -> Self {
        LabelledArticle {
            article: Article {
                id,
                title: None,
                text,
            },
            gold,
            scope: GoldScope::Quotes,
        }
    }
}

/// What a corpus annotates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoldScope {
    /// Every attribution, with its source, cue and content spans (PolNeAR; gold JSONL unless it
    /// says otherwise). All figures are scored.
    #[default]
    Attributions,
    /// Quotations and their speakers only, without source or cue spans (LitBank, PDNC). The
    /// role-span and whole-attribution figures are not scored: every predicted source, cue and
    /// indirect content would count as an error the corpus never looked for.
    Quotes,
}

/// How a novel's quote names its speaker (PDNC's `quoteType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteType {
    /// The speaker is named next to the quote: `"Yes," said Emma.`
    Explicit,
    /// The speaker is referred to by a pronoun or description: `"Yes," she said.`
    Anaphoric,
    /// No speaker mention at all; the reader infers it from the conversation.
    Implicit,
}

impl QuoteType {
    /// Parses `Explicit` / `Anaphoric` / `Implicit` in any case; anything else is `None`.
    pub fn parse(label: &str) -> Option<QuoteType> {
        match label.trim().to_ascii_lowercase().as_str() {
            "explicit" => Some(QuoteType::Explicit),
            "anaphoric" => Some(QuoteType::Anaphoric),
            "implicit" => Some(QuoteType::Implicit),
            _ => None,
        }
    }
}

/// The canonical speaker of a gold attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpeaker {
    /// The canonical name (`Mark Esper`, `Emma`).
    pub name: String,
    /// Other names that count as the same speaker (`Esper`, `Miss Woodhouse`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl GoldSpeaker {
    /// Whether `name` names this speaker: equal to the canonical name or an alias, ignoring
    /// case, runs of whitespace and abbreviation periods (`Mrs.` = `Mrs`).
    ///
    /// ```
    /// use quoteattr::eval::GoldSpeaker;
    /// let emma = GoldSpeaker { name: "Emma".into(), aliases: vec!["Miss  Woodhouse".into()] };
    /// assert!(emma.matches("miss woodhouse"));
    /// assert!(!emma.matches("Harriet"));
    /// let beaver = GoldSpeaker { name: "Mrs. Beaver".into(), aliases: vec![] };
    /// assert!(beaver.matches("Mrs Beaver"));
    /// ```
    pub fn matches(&self, name: &str) -> bool {
        let wanted = normalise_name(name);
        !wanted.is_empty()
            && std::iter::once(&self.name)
                .chain(&self.aliases)
                .any(|candidate| normalise_name(candidate) == wanted)
    }
}

/// Lower-cases a name, drops abbreviation periods and collapses its whitespace, for speaker
/// comparisons.
fn normalise_name(name: &str) -> String {
    name.replace('.', " ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One gold attribution. Every span is in character offsets into the article's `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldAttribution {
    /// The content, in text order; several pieces when it is discontinuous.
    pub content: Vec<TextSpan>,
    /// The cue, if annotated. A discontinuous cue is stored as its hull (first to last piece).
    pub cue: Option<TextSpan>,
    /// The source mention, if annotated. A discontinuous source is stored as its hull.
    pub source: Option<TextSpan>,
    /// The canonical speaker, if the corpus gives one.
    pub speaker: Option<GoldSpeaker>,
    /// How the quote names its speaker, if the corpus says.
    pub quote_type: Option<QuoteType>,
    /// Whether the content is a direct quote (it is in quotation marks).
    pub direct: bool,
}

/// Whether `c` is a quotation mark: straight, curly, low-9, guillemet or corner bracket.
pub(crate) fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{300E}'
            | '\u{300F}'
    )
}

/// Whether a content span list is a direct quote, quoted from end to end: its first piece
/// starts and its last piece ends (whitespace aside) with a quotation mark. A content that
/// opens with a quote and runs on unquoted (`“You squeezed employees” to drive up the stock`)
/// is a mixed quote, as the engine's `kind` says.
pub(crate) fn is_quoted_throughout(content: &[TextSpan]) -> bool {
    let starts = content
        .first()
        .and_then(|piece| piece.text.trim_start().chars().next())
        .is_some_and(is_quote_mark);
    let ends = content
        .last()
        .and_then(|piece| piece.text.trim_end().chars().next_back())
        .is_some_and(is_quote_mark);
    starts && ends
}

/// Reads a whole UTF-8 file, mapping failures to typed errors.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Corpus {
        path: path.to_path_buf(),
        line: 0,
        message: format!("not UTF-8: {e}"),
    })?;
    // A byte-order mark is not part of the text the offsets count.
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The sorted entries of a folder whose file names end in `extension` (with the dot).
pub(crate) fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let matches = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.ends_with(extension));
        if matches && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A text with its character/byte map, to cut [`TextSpan`]s by character offsets.
#[derive(Debug)]
pub(crate) struct CharText<'t> {
    text: &'t str,
    map: OffsetMap,
    chars: usize,
}

impl<'t> CharText<'t> {
    /// Indexes `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        CharText {
            text,
            map: OffsetMap::new(text),
            chars: text.chars().count(),
        }
    }

    /// The text's length in characters.
    pub(crate) fn len_chars(&self) -> usize {
        self.chars
    }

    /// The text between two character offsets, or `None` when they are out of range or reversed.
    pub(crate) fn slice(&self, start: usize, end: usize) -> Option<&'t str> {
        if start > end || end > self.chars {
            return None;
        }
        let (from, to) = (self.map.byte_of(start)?, self.map.byte_of(end)?);
        self.text.get(from..to)
    }

    /// The span between two character offsets, or `None` when they are out of range or reversed.
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<TextSpan> {
        self.slice(start, end).map(|text| TextSpan {
            start,
            end,
            text: text.to_string(),
        })
    }

    /// The character offset of a byte offset (which must lie on a character boundary).
    pub(crate) fn char_of_byte(&self, byte: usize) -> usize {
        self.map.char_of(byte)
    }

    /// The underlying text.
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }
}

/// The hull of several spans of `text`: from the first start to the last end.
pub(crate) fn hull(text: &CharText<'_>, pieces: &[TextSpan]) -> Option<TextSpan> {
    let start = pieces.iter().map(|p| p.start).min()?;
    let end = pieces.iter().map(|p| p.end).max()?;
    text.span(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_text_cuts_by_characters() {
        let text = CharText::new("a“bé”c");
        assert_eq!(text.len_chars(), 6);
        assert_eq!(text.slice(1, 5), Some("“bé”"));
        assert_eq!(text.span(2, 4).map(|s| s.text), Some("bé".to_string()));
        assert_eq!(text.slice(4, 7), None);
        assert_eq!(text.slice(3, 2), None);
        assert_eq!(text.char_of_byte("a“".len()), 2);
    }

    #[test]
    fn hull_spans_first_to_last_piece() {
        let text = CharText::new("ab cd ef");
        let pieces = [text.span(6, 8).unwrap(), text.span(0, 2).unwrap()];
        assert_eq!(hull(&text, &pieces).unwrap().text, "ab cd ef");
        assert_eq!(hull(&text, &[]), None);
    }

    #[test]
    fn direct_detection_accepts_straight_and_curly_marks() {
        let span = |t: &str| {
            vec![TextSpan {
                start: 0,
                end: t.chars().count(),
                text: t.into(),
            }]
        };
        assert!(is_quoted_throughout(&span("\"Yes\"")));
        assert!(is_quoted_throughout(&span("“Yes”\u{a0}")));
        assert!(is_quoted_throughout(&span(" «Oui»")));
        assert!(!is_quoted_throughout(&span("that they would")));
        assert!(!is_quoted_throughout(&span("“Yes” to it")));
        assert!(!is_quoted_throughout(&[]));
    }

    #[test]
    fn quote_types_parse_loosely() {
        assert_eq!(QuoteType::parse("Explicit"), Some(QuoteType::Explicit));
        assert_eq!(QuoteType::parse(" anaphoric "), Some(QuoteType::Anaphoric));
        assert_eq!(QuoteType::parse("IMPLICIT"), Some(QuoteType::Implicit));
        assert_eq!(QuoteType::parse("nan"), None);
        assert_eq!(QuoteType::parse(""), None);
    }

    #[test]
    fn speaker_matching_ignores_case_and_spacing() {
        let speaker = GoldSpeaker {
            name: "Mark Esper".into(),
            aliases: vec!["Esper".into()],
        };
        assert!(speaker.matches("mark  esper"));
        assert!(speaker.matches("ESPER"));
        assert!(!speaker.matches("Mark"));
        assert!(!speaker.matches("  "));
    }
}
