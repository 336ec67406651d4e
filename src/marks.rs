//! Stage 2, quotation marks: pairs opening and closing marks into direct-quote spans.
//!
//! Handles straight and curly double quotes, single quotes (telling them from apostrophes:
//! `don't`, `Jones'`, `'90s`), guillemets in both directions, German `„…“`, CJK `「…」` and
//! `『…』`, nested quotes, and the news convention for a quote over several paragraphs (every
//! paragraph reopens it, only the last closes it). In text with one line per sentence, a quote
//! open at a line end runs on to the line that closes it. An opening mark left unclosed is
//! recovered at its paragraph's end, so one stray mark never swallows the rest of an article.
//!
//! Only top-level quotes are returned; quotes nested inside them are part of their content.
//! Whether a quote is attributed speech or a scare quote is decided later, by the rules.

use crate::document::{Document, Span};

/// A top-level quotation, possibly over several paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// One piece per paragraph, in text order, each including its quotation marks; a quote
    /// carried over single line breaks (one sentence per line) is one piece over those lines.
    pub pieces: Vec<Span>,
    /// False when the closing mark was missing and the quote was closed at a paragraph end.
    pub closed: bool,
}

impl Quote {
    /// From the first piece's opening mark to the last piece's end.
    pub fn span(&self) -> Span {
        Span::new(self.pieces[0].start, self.pieces[self.pieces.len() - 1].end)
    }

    /// Number of words inside the quote.
    pub fn word_count(&self, doc: &Document) -> usize {
        self.pieces
            .iter()
            .map(|p| doc.slice(*p).split_whitespace().count())
            .sum()
    }
}

/// Families of marks: an opener of one family is closed only by a closer of the same family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `"…"` and `“…”`.
    Double,
    /// `'…'` and `‘…’`.
    Single,
    /// `«…»`.
    Guillemet,
    /// `»…«`, as German typesetting uses them.
    ReversedGuillemet,
    /// `„…“`.
    LowDouble,
    /// `「…」`.
    Corner,
    /// `『…』`.
    WhiteCorner,
}

impl Family {
    /// Single quotes double as apostrophes, so an unclosed one is dropped rather than recovered.
    fn recovers_at_paragraph_end(self) -> bool {
        self != Family::Single
    }

    /// Whether `c` reopens a quote of this family at the start of a continuing paragraph.
    fn reopens_with(self, c: char) -> bool {
        match self {
            Family::Double => matches!(c, '"' | '“'),
            Family::Single => false,
            Family::Guillemet => matches!(c, '«' | '»'),
            Family::ReversedGuillemet => c == '»',
            Family::LowDouble => c == '„',
            Family::Corner => c == '「',
            Family::WhiteCorner => c == '『',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkAction {
    Open(Family),
    Close(Family),
    Ignore,
}

/// Words spelled with a leading apostrophe, which is then no opening single quote.
const ELISIONS: &[&str] = &[
    "em", "til", "tis", "twas", "cause", "n", "bout", "round",
    // Clitics that tokenised text splits off their word (`moment 's`, `I 'm`, `we 're`).
    "s", "m", "d", "re", "ve", "ll",
];

/// Context of one candidate mark: the characters around it and the open families.
struct MarkContext<'a> {
    prev: Option<char>,
    next: Option<char>,
    rest: &'a str,
    open: &'a [Open],
}

impl<'a> MarkContext<'a> {
    /// The context of character `k` of `chars` (from [`mark_chars`] of `text`).
    fn at(text: &'a str, chars: &[(usize, char, usize)], k: usize, open: &'a [Open]) -> Self {
        let (i, _, width) = chars[k];
        MarkContext {
            prev: k.checked_sub(1).map(|p| chars[p].1),
            next: chars.get(k + 1).map(|n| n.1),
            rest: &text[i + width..],
            open,
        }
    }

    fn is_open(&self, family: Family) -> bool {
        self.open.iter().any(|o| o.family == family)
    }

    fn top_is(&self, family: Family) -> bool {
        self.open.last().is_some_and(|o| o.family == family)
    }

    /// A mark after space, a bracket or a dash, and before a non-space, reads as an opener.
    fn can_open(&self) -> bool {
        let after_boundary = self.prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
        }) || self.prev.is_some_and(is_opening_mark);
        after_boundary && self.next.is_some_and(|n| !n.is_whitespace())
    }

    /// A mark after a non-space, and before space, punctuation or the end, reads as a closer.
    fn can_close(&self) -> bool {
        let before_boundary = self.next.is_none_or(|n| {
            n.is_whitespace() || (n.is_ascii_punctuation() && n != '(') || is_closing_mark(n)
        }) || matches!(self.next, Some('—' | '–' | '…'));
        before_boundary && self.prev.is_some_and(|p| !p.is_whitespace())
    }

    /// A mark with a space (or the paragraph's edge) on both sides.
    fn stands_alone(&self) -> bool {
        self.prev.is_none_or(char::is_whitespace) && self.next.is_none_or(char::is_whitespace)
    }

    fn between_letters(&self) -> bool {
        self.prev.is_some_and(char::is_alphanumeric) && self.next.is_some_and(char::is_alphanumeric)
    }

    /// `'90s`, `'em`: an apostrophe standing for dropped letters or digits.
    fn starts_elision(&self) -> bool {
        let word: String = self
            .rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        word.chars().next().is_some_and(|c| c.is_ascii_digit())
            || ELISIONS.contains(&word.to_lowercase().as_str())
    }
}

/// Whether `c` can open a quotation.
pub(crate) fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '‘' | '«' | '„' | '「' | '『')
}

/// Whether `c` can close a quotation.
pub(crate) fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '“' | '」' | '』' | '"' | '\'')
}

/// Decides what the mark `c` does in its context.
fn classify(c: char, cx: &MarkContext) -> MarkAction {
    use Family::*;
    use MarkAction::*;
    match c {
        '“' if cx.is_open(LowDouble) => Close(LowDouble),
        '“' => Open(Double),
        '”' if cx.is_open(LowDouble) && !cx.top_is(Double) => Close(LowDouble),
        '”' if cx.is_open(Double) => Close(Double),
        // A typo'd opener (`”Fear. I am afraid,”`): a right mark before a word after a space.
        '”' if cx.can_open() => Open(Double),
        '”' => Ignore,
        '"' => {
            if cx.is_open(Double) && cx.can_close() {
                Close(Double)
            } else if cx.can_open() {
                Open(Double)
            } else if cx.is_open(Double) {
                Close(Double)
            } else if cx.prev.is_some_and(|p| p.is_ascii_digit()) {
                Ignore // inches: 5'10"
            } else {
                Open(Double)
            }
        }
        '‘' | '\'' if cx.between_letters() => Ignore,
        '’' if cx.between_letters() => Ignore,
        '‘' | '’' | '\'' if cx.is_open(Single) && cx.can_close() => Close(Single),
        // Tokenised text spaces its marks (`‘ It is late , ’ I said`): a curly mark standing
        // alone between spaces still opens or closes.
        '’' | '\'' if cx.is_open(Single) && cx.stands_alone() => Close(Single),
        '‘' | '\'' if cx.can_open() && !cx.starts_elision() => Open(Single),
        '‘' | '\'' if cx.stands_alone() => Open(Single),
        '‘' | '’' | '\'' => Ignore,
        '«' if cx.is_open(ReversedGuillemet) => Close(ReversedGuillemet),
        '«' => Open(Guillemet),
        '»' if cx.is_open(Guillemet) => Close(Guillemet),
        '»' if cx.can_open() => Open(ReversedGuillemet),
        '»' => Ignore,
        '„' => Open(LowDouble),
        '「' => Open(Corner),
        '」' if cx.is_open(Corner) => Close(Corner),
        '『' => Open(WhiteCorner),
        '』' if cx.is_open(WhiteCorner) => Close(WhiteCorner),
        _ => Ignore,
    }
}

fn is_candidate_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '「' | '」' | '『' | '』'
    )
}

/// An opener waiting for its closer.
#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    /// Byte offset of the opening mark in the current paragraph.
    start: usize,
}

/// Finds the top-level quotations of the document, in text order.
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // Pieces of a quote that continues from earlier paragraphs.
    let mut continued: Vec<Span> = Vec::new();
    let mut continuing: Option<Family> = None;
    // A quote still open at a line end that closes on a following line.
    let mut carried: Option<Open> = None;
    for (index, paragraph) in doc.paragraphs.iter().enumerate() {
        let text = doc.slice(paragraph.span);
        let base = paragraph.span.start;
        let mut stack: Vec<Open> = Vec::new();
        let mut skip_first_mark = false;
        if let Some(open) = carried.take() {
            // The quote runs on over a line break: it keeps its opening mark.
            stack.push(open);
        } else if let Some(family) = continuing.take() {
            // The paragraph reopens the quote with its first character (checked below).
            stack.push(Open {
                family,
                start: base,
            });
            skip_first_mark = true;
        } else {
            // A previous quote that did not continue is complete already.
            debug_assert!(continued.is_empty());
        }
        let chars = mark_chars(text);
        for (k, &(i, c, width)) in chars.iter().enumerate() {
            if skip_first_mark {
                skip_first_mark = false;
                continue;
            }
            if is_candidate_mark(c) {
                match classify(c, &MarkContext::at(text, &chars, k, &stack)) {
                    MarkAction::Open(family) => {
                        // `“If indeed ...` still open at a line's end, and `“I have ...` opening
                        // the next line of the paragraph: the lines are the text's paragraphs,
                        // and the open quote ends with its line. Straight marks are too
                        // ambiguous to tell an opener from a closer here.
                        let recovered = stack.first().copied().filter(|outer| {
                            outer.family == family
                                && c != '"'
                                && family.recovers_at_paragraph_end()
                                && opens_line(text, i)
                        });
                        if let Some(outer) = recovered {
                            let line_end = base + text[..i].trim_end().len();
                            continued.push(Span::new(outer.start, line_end));
                            quotes.push(Quote {
                                pieces: std::mem::take(&mut continued),
                                closed: false,
                            });
                            stack.clear();
                        }
                        stack.push(Open {
                            family,
                            start: base + i,
                        })
                    }
                    MarkAction::Close(family) => {
                        if let Some(depth) = stack.iter().rposition(|o| o.family == family) {
                            // Openers above the matched one were never closed: drop them.
                            stack.truncate(depth + 1);
                            let open = stack.pop().expect("depth is in the stack");
                            if stack.is_empty() {
                                continued.push(Span::new(open.start, base + i + width));
                                quotes.push(Quote {
                                    pieces: std::mem::take(&mut continued),
                                    closed: true,
                                });
                            }
                        }
                    }
                    MarkAction::Ignore => {}
                }
            }
        }
        let Some(outer) = stack.first().copied() else {
            continue;
        };
        if closes_on_a_following_line(doc, index, outer.family) {
            carried = Some(outer);
            continue;
        }
        if !outer.family.recovers_at_paragraph_end() {
            continued.clear();
            continue;
        }
        continued.push(Span::new(outer.start, paragraph.span.end));
        // The convention repeats the quote's own mark: a `"` left open is not reopened by `“`.
        let opener = doc.text[outer.start..].chars().next();
        let next_reopens = doc.paragraphs.get(index + 1).is_some_and(|p| {
            doc.slice(p.span)
                .chars()
                .next()
                .is_some_and(|c| outer.family.reopens_with(c) && Some(c) == opener)
        });
        if next_reopens {
            continuing = Some(outer.family);
        } else {
            quotes.push(Quote {
                pieces: std::mem::take(&mut continued),
                closed: false,
            });
        }
    }
    let mut turns = dash_turns(doc, quotes.len());
    if !turns.is_empty() {
        quotes.append(&mut turns);
        quotes.sort_by_key(|q| (q.span().start, q.span().end));
    }
    quotes
}

/// Whether byte `i` of `text` is the first non-blank character of a line after the first.
fn opens_line(text: &str, i: usize) -> bool {
    text[..i]
        .rfind('\n')
        .is_some_and(|n| text[n + 1..i].trim().is_empty())
}

/// Paragraphs a text needs to open with a dash, more than it has quotation marks, to write
/// its dialogue with dashes.
const MIN_DASH_TURNS: usize = 5;

/// Dialogue set off by dashes instead of marks, one turn a paragraph (`— Come up, Kinch!`):
/// in a text where at least [`MIN_DASH_TURNS`] paragraphs, and more than it has marked
/// quotes, open with a dash and a space, each such paragraph is a quote from its dash to its
/// end, or to the comma before a closing cue (`— Tell me, Mulligan, Stephen said quietly.`);
/// so is a paragraph's rest after a colon and a dash (`He intoned: — Introibo ad altare Dei.`).
fn dash_turns(doc: &Document, marked: usize) -> Vec<Quote> {
    let opens_with_dash = |text: &str| text.starts_with("— ") || text.starts_with("-- ");
    let opening = doc
        .paragraphs
        .iter()
        .filter(|p| opens_with_dash(doc.slice(p.span)))
        .count();
    if opening < MIN_DASH_TURNS || opening <= marked {
        return Vec::new();
    }
    // A turn also opens after a colon in the narrative (`He intoned: — Introibo ...`).
    let turn_start = |text: &str| {
        if opens_with_dash(text) {
            Some(0)
        } else {
            [": — ", ": -- "]
                .iter()
                .find_map(|mark| text.find(mark))
                .map(|colon| colon + 2)
        }
    };
    doc.paragraphs
        .iter()
        .filter_map(|p| {
            let start = turn_start(doc.slice(p.span))?;
            Some(Span::new(p.span.start + start, p.span.end))
        })
        .map(|span| {
            let text = doc.slice(span);
            // A short clause after the last comma with a speech verb is the cue.
            let end = text
                .rfind(',')
                .filter(|&comma| {
                    let clause: Vec<&str> = text[comma + 1..].split_whitespace().collect();
                    clause.len() <= 5
                        && clause
                            .iter()
                            .any(|w| crate::lexicon::cue_word(&w.to_lowercase()).is_some())
                })
                .map_or(text.trim_end().len(), |comma| {
                    text[..comma].trim_end().len()
                });
            Quote {
                pieces: vec![Span::new(span.start, span.start + end)],
                closed: true,
            }
        })
        .collect()
}

/// The characters of `text` as (byte offset, character, byte width), with two apostrophes in
/// a row read as one straight double quote (`''Hopefully,'' he said`, a newspaper style).
fn mark_chars(text: &str) -> Vec<(usize, char, usize)> {
    let mut chars: Vec<(usize, char, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match chars.last_mut() {
            Some(last) if c == '\'' && last.1 == '\'' && last.2 == 1 => {
                *last = (last.0, '"', 2);
            }
            _ => chars.push((i, c, c.len_utf8())),
        }
    }
    chars
}

/// Most lines a quote is carried over (a long speech in one-sentence-per-line text).
const MAX_CARRIED_LINES: usize = 25;

/// Whether a quote of `family` left open at the end of paragraph `index` closes on one of the
/// next lines. Text with one line per paragraph or per sentence (plain-text feeds, tokenised
/// corpora) breaks quotes over lines without reopening them (`" I will not stay .` then
/// `Send my Ayah to me . "`). Only lines one line break apart count, and the first mark of the
/// family on them must read as the closer; an opener there means a new quote.
fn closes_on_a_following_line(doc: &Document, index: usize, family: Family) -> bool {
    let open = [Open { family, start: 0 }];
    let mut previous_end = doc.paragraphs[index].span.end;
    for paragraph in doc
        .paragraphs
        .iter()
        .skip(index + 1)
        .take(MAX_CARRIED_LINES)
    {
        let between = doc.slice(Span::new(previous_end, paragraph.span.start));
        if between.matches('\n').count() != 1 {
            return false;
        }
        let text = doc.slice(paragraph.span);
        let chars = mark_chars(text);
        for (k, &(_, c, _)) in chars.iter().enumerate() {
            if is_candidate_mark(c) {
                match classify(c, &MarkContext::at(text, &chars, k, &open)) {
                    MarkAction::Close(f) if f == family => return true,
                    MarkAction::Open(f) if f == family => return false,
                    _ => {}
                }
            }
        }
        previous_end = paragraph.span.end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    /// The text of each quote's pieces, joined by `|`.
    fn quotes_of(text: &str) -> Vec<String> {
        let doc = segment(text);
        find_quotes(&doc)
            .iter()
            .map(|q| {
                q.pieces
                    .iter()
                    .map(|p| doc.slice(*p))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            quotes_of(r#""We won," she said. “They lost,” he said."#),
            vec![r#""We won,""#, "“They lost,”"]
        );
    }

    #[test]
    fn spaced_curly_single_quotes_of_tokenised_text_pair() {
        assert_eq!(
            quotes_of("‘ Do n’t you , old fellow ? ’ said Sir Henry ; ‘ then I will . ’"),
            vec!["‘ Do n’t you , old fellow ? ’", "‘ then I will . ’"]
        );
        // Straight ones too, and a single-quoted speech runs on over its lines.
        assert_eq!(
            quotes_of("' Edith ! '\nsaid Margaret , gently , ' Edith ! '"),
            vec!["' Edith ! '", "' Edith ! '"]
        );
        assert_eq!(
            quotes_of("the Rabbit said , ‘ Oh dear !\nOh dear !\nI shall be late ! ’\nShe ran ."),
            vec!["‘ Oh dear !\nOh dear !\nI shall be late ! ’"]
        );
    }

    #[test]
    fn dialogue_set_off_by_dashes_is_quoted_when_the_text_writes_it_so() {
        let turns = "He laughed.\n— Come up, Kinch!\n— Tell me, Mulligan, Stephen said quietly.\n\
                     — Yes, my love?\n— How long?\n— A week.\nHe shaved.\n\
                     He added in a preacher's tone: — For this is the genuine Christine.";
        assert_eq!(
            quotes_of(turns),
            vec![
                "— Come up, Kinch!",
                "— Tell me, Mulligan",
                "— Yes, my love?",
                "— How long?",
                "— A week.",
                "— For this is the genuine Christine."
            ]
        );
        // A few dashes, or a text that quotes with marks, are no dialogue.
        assert!(quotes_of("Items:\n— one\n— two\nDone.").is_empty());
        let marked = "“Yes,” he said.\n— one\n“No.”\n— two\n“Why?”\n— three\n“So.”\n\
                      — four\n“Fine.”\n— five\n“Ok.”";
        assert!(quotes_of(marked).iter().all(|q| q.starts_with('“')));
    }

    #[test]
    fn single_quotes_are_told_from_apostrophes() {
        assert_eq!(
            quotes_of("Don't cite the Joneses' '90s hit 'Go Now' or ‘Stay’ today."),
            vec!["'Go Now'", "‘Stay’"]
        );
        assert!(quotes_of("It's Jones' rock 'n' roll car from the ’90s, isn’t it?").is_empty());
    }

    #[test]
    fn guillemets_low_double_and_corner_brackets() {
        assert_eq!(
            quotes_of("Il a dit « non » puis »ja« und „Nein“ sowie 「はい」 und 『いいえ』."),
            vec!["« non »", "»ja«", "„Nein“", "「はい」", "『いいえ』"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_quote() {
        assert_eq!(
            quotes_of("“He told me ‘never again,’ and left,” she said."),
            vec!["“He told me ‘never again,’ and left,”"]
        );
        assert_eq!(
            quotes_of(r#""He said "no" twice," she said."#),
            vec![r#""He said "no" twice,""#]
        );
    }

    #[test]
    fn a_quote_continues_into_paragraphs_that_reopen_it() {
        let text = "“First part.\n\n“Second part.\n\n“Last part,” he said.\n\nAfter.";
        assert_eq!(
            quotes_of(text),
            vec!["“First part.|“Second part.|“Last part,”"]
        );
    }

    #[test]
    fn a_paragraph_reopens_a_quote_only_with_the_mark_that_opened_it() {
        let text = "\"Kevin was snoring.\n\n“Here he is,” she said. “Go.”";
        assert_eq!(
            quotes_of(text),
            vec!["\"Kevin was snoring.", "“Here he is,”", "“Go.”"]
        );
    }

    #[test]
    fn a_quote_open_at_a_line_end_ends_there_when_the_next_line_opens_another() {
        // Paragraphs written as single lines in a text with blank lines elsewhere.
        let text = "Intro.\n\n“If indeed it is so.\n“I have thought,” added Jim. “It is late.”";
        assert_eq!(
            quotes_of(text),
            vec!["“If indeed it is so.", "“I have thought,”", "“It is late.”"]
        );
    }

    #[test]
    fn an_unclosed_quote_is_recovered_at_its_paragraph_end() {
        let doc = segment("He said “we will win.\n\nThe next paragraph has “its own” quote.");
        let quotes = find_quotes(&doc);
        assert_eq!(quotes.len(), 2);
        assert_eq!(doc.slice(quotes[0].span()), "“we will win.");
        assert!(!quotes[0].closed);
        assert_eq!(doc.slice(quotes[1].span()), "“its own”");
        assert!(quotes[1].closed);
    }

    #[test]
    fn a_quote_open_at_a_line_end_runs_on_to_the_line_that_closes_it() {
        let text = "\" Why did you come ? \" she said .\n\" I will not let you stay .\nI mean it .\nSend my Ayah to me . \"\nShe left .";
        assert_eq!(
            quotes_of(text),
            vec![
                "\" Why did you come ? \"",
                "\" I will not let you stay .\nI mean it .\nSend my Ayah to me . \""
            ]
        );
        // A blank line, or a line opening a new quote, ends the search: recovered as before.
        assert_eq!(
            quotes_of("He said “we will win.\n\nNot quoted.” Odd."),
            vec!["“we will win."]
        );
        assert_eq!(
            quotes_of("He said “we will win.\nShe said “no” to it."),
            vec!["“we will win.", "“no”"]
        );
    }

    #[test]
    fn tokenised_text_carries_a_long_speech_and_its_split_clitics_open_nothing() {
        // `moment 's`: a clitic the tokeniser split off is no opening single quote, so the
        // quote after it still runs on; a speech runs on over twenty lines.
        let speech = "It is true .\n".repeat(20);
        let text = format!(
            "\" It was my whim , \" he said ; and after a moment 's pause : \" {speech}So it is . \"\n\
             \" Never heard it , sir ! \""
        );
        let quotes = quotes_of(&text);
        assert_eq!(quotes.len(), 3, "{quotes:#?}");
        assert!(quotes[1].starts_with("\" It is true .\n") && quotes[1].ends_with("So it is . \""));
        assert_eq!(quotes[2], "\" Never heard it , sir ! \"");
    }

    #[test]
    fn two_apostrophes_are_a_double_quote() {
        assert_eq!(
            quotes_of("''Hopefully,'' he said, ''we'll listen.'' It's Jones' car."),
            vec!["''Hopefully,''", "''we'll listen.''"]
        );
    }

    #[test]
    fn stray_closing_marks_and_odd_counts_do_not_panic_or_swallow_text() {
        assert!(quotes_of("A stray ” mark.\n\nAnother ” one.").is_empty());
        assert_eq!(
            quotes_of("Odd \" count here.\n\nA \"fine\" one."),
            vec!["\" count here.", "\"fine\""]
        );
        assert_eq!(quotes_of("He is 5'10\" tall."), Vec::<String>::new());
    }

    #[test]
    fn unclosed_single_quotes_are_dropped_not_recovered() {
        assert!(quotes_of("The 'smart money went home.").is_empty());
    }
}
