//! Stage 1, segmentation: paragraphs, sentences and tokens with byte spans.
//!
//! Paragraphs are separated by blank lines; a text with no blank line at all has one paragraph
//! per line (many feeds put one paragraph on each line). Sentences end at `.`, `!`, `?` or `…`
//! (plus any closing quotation marks or brackets) when the next token starts a sentence, and
//! never cross a paragraph boundary.

use crate::document::{Document, Paragraph, Sentence, Span, Token, TokenKind};

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "rev", "hon", "pres", "sec", "amb", "supt", "insp",
    "messrs", "inc", "co", "corp", "ltd", "vs", "no", "nos", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "approx", "dept",
    "fig", "est", "vol",
];

/// Capitalised words that typically start a sentence; they end one after `U.S.` and the like.
const SENTENCE_STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That",
    "His", "Her", "Their", "There", "On", "At", "As", "If", "When", "While", "After", "Still",
];

/// Segments `text` into a [`Document`]. Never fails; an empty text gives an empty document.
pub fn segment(text: &str) -> Document<'_> {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    for span in paragraph_spans(text) {
        let first_token = tokens.len();
        tokenize(text, span, &mut tokens);
        if tokens.len() == first_token {
            continue;
        }
        let first_sentence = sentences.len();
        split_sentences(text, &tokens, first_token, paragraphs.len(), &mut sentences);
        paragraphs.push(Paragraph {
            span,
            first_sentence,
            end_sentence: sentences.len(),
        });
    }
    Document::new(text, tokens, sentences, paragraphs)
}

/// Byte spans of the paragraphs, trimmed of surrounding whitespace, empty ones left out.
fn paragraph_spans(text: &str) -> Vec<Span> {
    let lines = line_spans(text);
    // Blank lines before the first or after the last text (a final line break) do not count.
    let body = text.trim();
    let body_start = text.len() - text.trim_start().len();
    let has_blank_line = lines.iter().any(|l| {
        l.start > body_start
            && l.end < body_start + body.len()
            && text[l.start..l.end].trim().is_empty()
    });
    let mut spans = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines {
        let content = &text[line.start..line.end];
        let trimmed = content.trim();
        if trimmed.is_empty() {
            spans.extend(current.take());
            continue;
        }
        let start = line.start + (content.len() - content.trim_start().len());
        let end = start + trimmed.len();
        current = match current {
            Some(open) if has_blank_line => Some(Span::new(open.start, end)),
            Some(open) => {
                spans.push(open);
                Some(Span::new(start, end))
            }
            None => Some(Span::new(start, end)),
        };
    }
    spans.extend(current);
    spans
}

/// Byte spans of the lines, without their line terminators.
fn line_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            spans.push(Span::new(start, i));
            start = i + 1;
        }
    }
    spans.push(Span::new(start, text.len()));
    spans
}

/// Characters that may join two word parts: `don't`, `Clinton’s`, `Kyeong-doo`, `U.S`, `AT&T`.
fn is_word_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '\u{2011}')
}

/// Appends the tokens of `span` to `tokens`.
fn tokenize(text: &str, span: Span, tokens: &mut Vec<Token>) {
    let slice = &text[span.start..span.end];
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = span.start + i;
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_numeric() {
            TokenKind::Number
        } else {
            tokens.push(Token {
                span: Span::new(start, start + c.len_utf8()),
                kind: TokenKind::Punct,
            });
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            let joins = match kind {
                TokenKind::Word => is_word_joiner(next),
                _ => matches!(next, '.' | ',' | ':'),
            };
            let continues = next.is_alphanumeric()
                || (joins && followed_by_alphanumeric(slice, j + next.len_utf8(), kind));
            if continues {
                end = span.start + j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
}

/// Whether the character at byte `at` of `slice` continues a token of `kind` after a joiner.
fn followed_by_alphanumeric(slice: &str, at: usize, kind: TokenKind) -> bool {
    slice[at..].chars().next().is_some_and(|c| match kind {
        TokenKind::Number => c.is_numeric(),
        _ => c.is_alphanumeric(),
    })
}

/// Whether a punctuation token closes a sentence-final quotation or bracket.
fn is_closing_punct(text: &str, token: &Token, after: Option<&Token>) -> bool {
    match &text[token.span.start..token.span.end] {
        "”" | "’" | ")" | "]" | "»" | "」" | "』" => true,
        // A straight mark closes when nothing but space or the paragraph end follows it.
        "\"" | "'" => after.is_none_or(|next| next.span.start > token.span.end),
        _ => false,
    }
}

/// Whether `token` can begin a sentence.
fn starts_sentence(text: &str, token: &Token) -> bool {
    let first = text[token.span.start..].chars().next().unwrap_or(' ');
    first.is_uppercase()
        || first.is_numeric()
        || matches!(
            first,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„' | '—' | '-' | '–'
        )
}

/// Whether a period after `word` is part of an abbreviation rather than a sentence end.
fn period_is_abbreviation(word: &str, next: Option<&str>) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if single_letter {
        return true;
    }
    // `U.S.`, `D.C.`: an abbreviation unless a typical sentence opener follows.
    if word.contains('.') && word.chars().any(char::is_alphabetic) {
        return !next.is_some_and(|n| SENTENCE_STARTERS.contains(&n));
    }
    false
}

/// Splits the paragraph's tokens `tokens[first..]` into sentences.
fn split_sentences(
    text: &str,
    tokens: &[Token],
    first: usize,
    paragraph: usize,
    sentences: &mut Vec<Sentence>,
) {
    let token_str = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let mut start = first;
    let mut i = first;
    while i < tokens.len() {
        let is_terminal = matches!(token_str(i), "." | "!" | "?" | "…");
        if !is_terminal {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len() && tokens[end].kind == TokenKind::Punct {
            let s = token_str(end);
            if matches!(s, "." | "!" | "?" | "…")
                || is_closing_punct(text, &tokens[end], tokens.get(end + 1))
            {
                end += 1;
            } else {
                break;
            }
        }
        let next_word = (end < tokens.len()).then(|| token_str(end));
        let abbreviation = token_str(i) == "."
            && i > start
            && tokens[i - 1].span.end == tokens[i].span.start
            && tokens[i - 1].kind == TokenKind::Word
            && period_is_abbreviation(token_str(i - 1), next_word);
        let boundary = end == tokens.len() || starts_sentence(text, &tokens[end]);
        if boundary && !abbreviation {
            push_sentence(tokens, start, end, paragraph, sentences);
            start = end;
        }
        i = end;
    }
    if start < tokens.len() {
        push_sentence(tokens, start, tokens.len(), paragraph, sentences);
    }
}

fn push_sentence(
    tokens: &[Token],
    first_token: usize,
    end_token: usize,
    paragraph: usize,
    sentences: &mut Vec<Sentence>,
) {
    sentences.push(Sentence {
        first_token,
        end_token,
        span: Span::new(
            tokens[first_token].span.start,
            tokens[end_token - 1].span.end,
        ),
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        let doc = segment(text);
        doc.sentences.iter().map(|s| doc.slice(s.span)).collect()
    }

    fn token_texts(text: &str) -> Vec<&str> {
        let doc = segment(text);
        (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect()
    }

    #[test]
    fn tokens_keep_contractions_possessives_and_abbreviations_whole() {
        assert_eq!(
            token_texts("Don't, said Clinton’s U.S. aide Jeong Kyeong-doo: 1,000."),
            vec![
                "Don't",
                ",",
                "said",
                "Clinton’s",
                "U.S",
                ".",
                "aide",
                "Jeong",
                "Kyeong-doo",
                ":",
                "1,000",
                "."
            ]
        );
    }

    #[test]
    fn trailing_apostrophes_and_quote_marks_are_separate_tokens() {
        assert_eq!(
            token_texts("the Joneses' \"car\" in the '90s"),
            vec!["the", "Joneses", "'", "\"", "car", "\"", "in", "the", "'", "90s"]
        );
    }

    #[test]
    fn sentences_split_after_terminal_punctuation_and_closing_quotes() {
        assert_eq!(
            sentence_texts("He left. \"We won.\" She smiled! Did they? Yes."),
            vec![
                "He left.",
                "\"We won.\"",
                "She smiled!",
                "Did they?",
                "Yes."
            ]
        );
    }

    #[test]
    fn sentences_do_not_split_after_abbreviations_or_before_lowercase() {
        assert_eq!(
            sentence_texts(
                "Mr. Smith met Sen. J. Doe in the U.S. Senate. \"Why?\" he asked. In the U.S. The end."
            ),
            vec![
                "Mr. Smith met Sen. J. Doe in the U.S. Senate.",
                "\"Why?\" he asked.",
                "In the U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_or_on_lines_when_there_are_none() {
        let doc = segment("One line\nwrapped here.\n\n  Second para.  \n");
        let paras: Vec<_> = doc.paragraphs.iter().map(|p| doc.slice(p.span)).collect();
        assert_eq!(paras, vec!["One line\nwrapped here.", "Second para."]);
        let doc = segment("Line one.\nLine two.");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences[1].paragraph, 1);
        // A final line break, or blank lines around the text, are no paragraph breaks.
        let doc = segment("\n\nLine one.\nLine two.\n\n");
        assert_eq!(doc.paragraphs.len(), 2);
    }

    #[test]
    fn empty_and_whitespace_texts_give_empty_documents() {
        assert!(segment("").tokens.is_empty());
        assert!(segment(" \n\n\t ").paragraphs.is_empty());
    }
}
