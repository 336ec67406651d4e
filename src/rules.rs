//! Stage 3, rule-based attribution: groups quotes, cues, sources and reported clauses.
//!
//! Direct quotes are attributed first (`"...," X said`, `X said: "..."`, colon introductions,
//! partial quotes inside reported speech, floating quotes), then reported speech in sentences
//! whose cue no quote used (`X said that ...`, `..., X said.`, `according to X`, participles),
//! then headlines with a trailing dash. Each rule records its [`Method`] and a confidence that
//! reflects how often that pattern is right.

use std::collections::HashSet;

use crate::document::{Document, Sentence, Span, SpanSet, TokenKind};
use crate::lexicon::{self, CueForm, CueStrength};
use crate::marks::{is_closing_mark, is_opening_mark, Quote};
use crate::mention::{Mention, MentionKind};
use crate::schema::{AttributionKind, Method};

/// An attribution as the rules found it, before speaker resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Direct, indirect or mixed.
    pub kind: AttributionKind,
    /// Content pieces in text order.
    pub content: Vec<Span>,
    /// The cue, if any.
    pub cue: Option<Span>,
    /// The speaker mention, if any.
    pub source: Option<Mention>,
    /// The rule that fired.
    pub method: Method,
    /// How often this rule is right.
    pub confidence: f32,
}

impl Found {
    /// The first content byte, by which attributions are ordered.
    pub fn start(&self) -> usize {
        self.content.first().map_or(0, |c| c.start)
    }
}

/// Quotes this short, with no cue, are scare quotes or nicknames rather than speech.
const MAX_SCARE_QUOTE_WORDS: usize = 5;

/// How many tokens may separate a cue from the quote or clause it introduces
/// (`told reporters on Friday: "..."`).
const MAX_CUE_OBJECT_TOKENS: usize = 5;

/// First words of an adverbial that may open a sentence before its subject.
const ADVERBIAL_OPENERS: &[&str] = &[
    "earlier",
    "later",
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "since",
    "when",
    "while",
    "last",
    "this",
    "meanwhile",
    "however",
    "still",
    "speaking",
    "asked",
    "separately",
    "also",
];

/// A cue found at a token: its token range and what the lexicon says of it.
#[derive(Debug, Clone, Copy)]
struct Cue {
    /// First token of the cue (an auxiliary such as `has` when present).
    first: usize,
    /// The verb, or `according` of `according to`.
    verb: usize,
    /// Last token: the verb, its particle (`pointed out`) or `to` of `according to`.
    last: usize,
    strength: CueStrength,
    form: CueForm,
    according_to: bool,
}

impl Cue {
    fn span(&self, doc: &Document) -> Span {
        doc.token_range_span(self.first, self.last)
    }
}

/// Auxiliaries that belong to the cue span (`has said`), as PolNeAR marks them.
const CUE_AUXILIARIES: &[&str] = &["has", "have", "had", "will", "would", "did"];

/// The particles without which a verb form is no cue (none for other words): the lexicon's
/// `pointed out` and `called for`, and dialogue's `he went on`, `Brenda broke in`.
fn cue_particles(lower: &str) -> &'static [&'static str] {
    match lower {
        "point" | "points" | "pointed" | "pointing" => &["out"],
        "call" | "calls" | "called" | "calling" => &["for", "out"],
        "go" | "goes" | "went" => &["on"],
        "break" | "breaks" | "broke" | "chime" | "chimes" | "chimed" | "put" | "puts" => &["in"],
        "burst" | "bursts" => &["out"],
        _ => &[],
    }
}

/// Words after which a cue word is a noun: articles and possessives only, not all of the
/// mention module's determiners (`the official that said`, `all said`).
const NOUN_DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "my", "your", "our", "its",
];

/// The cue whose verb is token `i`, if it is one.
fn cue_at(doc: &Document, i: usize) -> Option<Cue> {
    if doc.tokens[i].kind != TokenKind::Word {
        return None;
    }
    let lower = doc.lower(i);
    if lower == "according" && i + 1 < doc.tokens.len() && doc.lower(i + 1) == "to" {
        return Some(Cue {
            first: i,
            verb: i,
            last: i + 1,
            strength: CueStrength::Speech,
            form: CueForm::Finite,
            according_to: true,
        });
    }
    // A capitalised word is a name (`The Post`), not a cue, except at a sentence start.
    let sentence_start = doc.sentences[doc.sentence_of_token(i)].first_token == i;
    if doc.is_capitalised_word(i) && !sentence_start {
        return None;
    }
    // `pointed out`, `called for`, `went on`: a verb listed with particles is a cue only
    // with one of them, which is part of the cue.
    let particles = cue_particles(&lower);
    let with_particle = !particles.is_empty();
    if with_particle {
        let next = (i + 1 < doc.tokens.len()).then(|| doc.lower(i + 1));
        if !particles.iter().any(|&p| next.as_deref() == Some(p)) {
            return None;
        }
    }
    let word = lexicon::cue_word(&lower).or(with_particle.then_some(lexicon::CueWord {
        strength: CueStrength::Speech,
        form: CueForm::Finite,
    }))?;
    // After a determiner the word is a noun: `in a whisper`, `his reply`.
    if i > 0 && NOUN_DETERMINERS.contains(&doc.lower(i - 1).as_str()) {
        return None;
    }
    let last = if with_particle { i + 1 } else { i };
    let first = if i > 0 && CUE_AUXILIARIES.contains(&doc.lower(i - 1).as_str()) {
        i - 1
    } else {
        i
    };
    Some(Cue {
        first,
        verb: i,
        last,
        strength: word.strength,
        form: word.form,
        according_to: false,
    })
}

/// A speaker label opening a paragraph or transcript turn (`WALLACE:`).
struct SpeakerLabel {
    /// The colon's token.
    colon: usize,
    /// The name before it.
    source: Mention,
    /// Whether the name is in capitals, as transcripts write it.
    shouted: bool,
}

/// The working state of one article's rule pass.
struct RulePass<'d, 't> {
    doc: &'d Document<'t>,
    quotes: &'d [Quote],
    found: Vec<Found>,
    /// The quotes' spans.
    quoted: SpanSet,
    /// Every content span found so far.
    attributed: SpanSet,
    /// Verb tokens of cues already used, so no cue is used twice.
    used_cues: HashSet<usize>,
}

/// Finds the attributions of a document, ordered by content start.
pub fn attribute(doc: &Document, quotes: &[Quote]) -> Vec<Found> {
    let mut pass = RulePass {
        doc,
        quotes,
        found: Vec::new(),
        quoted: SpanSet::default(),
        attributed: SpanSet::default(),
        used_cues: HashSet::new(),
    };
    for quote in quotes {
        pass.quoted.insert(quote.span());
    }
    pass.quoted_transcripts();
    pass.direct_quotes();
    pass.reported_speech();
    pass.trailing_dashes();
    pass.speaker_labels();
    let mut found = pass.found;
    found.sort_by_key(Found::start);
    found
}

impl RulePass<'_, '_> {
    fn text(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    /// Token range `[first, end)` of the quote (its marks included).
    fn quote_tokens(&self, quote: &Quote) -> (usize, usize) {
        let span = quote.span();
        let first = self.doc.token_at_or_after(span.start);
        let end = self.doc.token_at_or_after(span.end);
        (first, end)
    }

    /// Whether token `i` lies inside any quote.
    fn in_quote(&self, i: usize) -> bool {
        self.quoted.covers(self.doc.tokens[i].span)
    }

    /// Whether byte span `span` overlaps content already attributed.
    fn in_found_content(&self, span: Span) -> bool {
        self.attributed.overlaps(span)
    }

    /// Records an attribution and its content.
    fn push(&mut self, found: Found) {
        for content in &found.content {
            self.attributed.insert(*content);
        }
        self.found.push(found);
    }

    fn direct_quotes(&mut self) {
        for index in 0..self.quotes.len() {
            let quote = &self.quotes[index];
            if self.in_found_content(quote.span()) {
                continue; // already part of a mixed attribution
            }
            // A quote with its own cue after it comes first: `"A," X said. "B," Y said.`
            let cued_after = self
                .quote_then_cue(index)
                .or_else(|| self.quote_then_dash(index));
            // ... unless a cue before introduces it (`said X, "B ..." Y laughed.`): then it is
            // no partial quote in the later cue's reported speech.
            let introduced = cued_after
                .as_ref()
                .filter(|f| f.method == Method::ContentThenCue)
                .and_then(|_| self.cue_then_quote(index))
                .filter(|f| f.kind == AttributionKind::Direct);
            if let Some(found) = introduced.or(cued_after) {
                self.push_merging(found);
                continue;
            }
            if self.continues_previous_quote(index) {
                self.extend_last(index);
                continue;
            }
            let attribution = self
                .cue_then_quote(index)
                .or_else(|| self.floating_quote(quote));
            // A cue of its own in the narration between (`this remark`) does not split the
            // quote a cue of the sentence broke off.
            if self.resumes_interrupted_quote(index)
                && attribution.as_ref().and_then(|f| f.cue) != self.found.last().and_then(|f| f.cue)
            {
                self.extend_last(index);
                continue;
            }
            if let Some(found) = attribution {
                self.push_merging(found);
            }
        }
    }

    /// Adds quote `index` to the attribution found last, as more of its content.
    fn extend_last(&mut self, index: usize) {
        let pieces = &self.quotes[index].pieces;
        let last = self
            .found
            .last_mut()
            .expect("a continuation follows a quote");
        last.content.extend(pieces.iter().copied());
        for piece in pieces {
            self.attributed.insert(*piece);
        }
    }

    /// Adds `found`; a direct quote sharing its cue with the previous one joins it
    /// (`"Part one," he said, "part two."`).
    fn push_merging(&mut self, found: Found) {
        if let Some(cue) = found.cue {
            self.used_cues
                .insert(self.doc.token_at_or_after(cue.end) - 1);
        }
        if let Some(last) = self.found.last_mut() {
            if found.kind == AttributionKind::Direct
                && last.kind == AttributionKind::Direct
                && found.cue.is_some()
                && found.cue == last.cue
            {
                for content in &found.content {
                    self.attributed.insert(*content);
                }
                last.content.extend(found.content);
                return;
            }
        }
        self.push(found);
    }

    /// Whether `cue` is the cue of the attribution found last, which a second quote may share.
    fn is_previous_cue(&self, cue: &Cue) -> bool {
        let span = cue.span(self.doc);
        self.found.last().and_then(|f| f.cue) == Some(span)
    }

    /// The boundary before a quote: the later of its sentence's start and the previous
    /// quote's end.
    fn clause_floor(&self, index: usize, first_token: usize) -> usize {
        let sentence = self.doc.sentences[self.doc.sentence_of_token(first_token)];
        let previous_end = index
            .checked_sub(1)
            .map(|p| self.quote_tokens(&self.quotes[p]).1)
            .unwrap_or(0);
        sentence.first_token.max(previous_end)
    }

    /// `"...," X said` and `"...," said X`: the cue right after the quote.
    fn quote_then_cue(&self, index: usize) -> Option<Found> {
        let doc = self.doc;
        let quote = &self.quotes[index];
        let (first, end) = self.quote_tokens(quote);
        let last_piece = *quote.pieces.last()?;
        let closes_sentence = doc
            .slice(last_piece)
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '!' && c != '?')
            .ends_with('.');
        let limit = self.next_quote_start(index).min(doc.tokens.len());
        let mut start = end;
        if start < limit && matches!(self.text(start), "," | "—" | "–") {
            start += 1;
        }
        if start >= limit || (closes_sentence && doc.is_capitalised_word(start)) {
            return None;
        }
        // A name opening the next paragraph (`Fagin raised his hand.`) is narrative: its verb
        // is no cue of the quote before, even one that ends open; nor is any subject's for a
        // quote that follows another in its paragraph (`"Good!" said Mike. "Good idea!"`).
        let named_next = doc
            .mention_from(start, limit)
            .is_some_and(|m| m.kind == MentionKind::Name);
        let previous_start = index
            .checked_sub(1)
            .map(|p| self.quote_tokens(&self.quotes[p]).0);
        let second_in_paragraph = previous_start
            .is_some_and(|t| doc.paragraph_of_token(t) == doc.paragraph_of_token(first));
        let next_paragraph = doc.paragraph_of_token(start) != doc.paragraph_of_token(end - 1);
        if (named_next || second_in_paragraph) && next_paragraph {
            return None;
        }
        // The cue is in the quote's sentence; the period of `Mr.` ends none.
        let sentence_end = doc.sentences[doc.sentence_of_token(start)].end_token;
        let window = (start..limit.min(start + 8).min(sentence_end))
            .take_while(|&i| !matches!(self.text(i), "!" | "?" | ";" | ":"));
        for i in window {
            // `"That's Bill," thought Alice`: a belief verb inverted after an open quote is
            // the dialogue of thought.
            let Some(cue) = cue_at(doc, i)
                .filter(|c| c.strength == CueStrength::Speech)
                .or_else(|| dialogue_verb(doc, quote, i, start, limit))
            else {
                continue;
            };
            if self.used_cues.contains(&cue.last) {
                continue;
            }
            let source = if cue.according_to || cue.first == start {
                doc.mention_from(cue.last + 1, limit)
            } else {
                doc.subject_before(cue.first, start)
                    .filter(|m| m.first == start)
            };
            let source = source?;
            let floor = self.clause_floor(index, first);
            let (kind, content, method) = if floor < first && !self.is_clause_opening(floor, first)
            {
                // Words before the quote in its sentence: a partial quote in reported speech.
                let content = Span::new(doc.tokens[floor].span.start, quote.span().end);
                (
                    AttributionKind::Mixed,
                    vec![content],
                    Method::ContentThenCue,
                )
            } else {
                (
                    AttributionKind::Direct,
                    quote.pieces.clone(),
                    Method::QuoteThenCue,
                )
            };
            return Some(Found {
                kind,
                content,
                cue: Some(cue.span(doc)),
                source: Some(source),
                method,
                confidence: confidence(method, source.kind, quote),
            });
        }
        None
    }

    /// Whether tokens `[from, to)` only introduce a quote (`He said:`), as opposed to being
    /// reported speech of their own.
    fn is_clause_opening(&self, from: usize, to: usize) -> bool {
        (from..to).all(|i| matches!(self.text(i), "—" | "–" | "-" | "(" | "["))
    }

    /// The first token of the next quote, or the end of the document.
    fn next_quote_start(&self, index: usize) -> usize {
        self.quotes
            .get(index + 1)
            .map_or(self.doc.tokens.len(), |q| self.quote_tokens(q).0)
    }

    /// `X said: "..."`, `According to X, "..."`, `From Chairwoman X: "..."`, and partial
    /// quotes after a cue (`X said the forces should "buttress our diplomacy"`).
    fn cue_then_quote(&self, index: usize) -> Option<Found> {
        let doc = self.doc;
        let quote = &self.quotes[index];
        let (first, _) = self.quote_tokens(quote);
        let mut floor = self.clause_floor(index, first);
        if floor == first {
            // A quote opening its paragraph may be introduced by the previous paragraph's colon
            // or comma (`and Mr. Elton warmly added,`).
            let paragraph = doc.paragraph_of_token(first);
            let previous = paragraph.checked_sub(1).map(|p| doc.paragraphs[p])?;
            let last_sentence = doc.sentences[previous.end_sentence - 1];
            let open_end = first > 0 && matches!(self.text(first - 1), ":" | ",");
            // ... or end in its cue (`Syme turned to him and said` without a colon).
            let cue_end = first > 0
                && cue_at(doc, first - 1)
                    .is_some_and(|c| c.verb == first - 1 && c.strength == CueStrength::Speech);
            if !(open_end || cue_end) || self.in_quote(first - 1) {
                return None;
            }
            floor = last_sentence.first_token;
        }
        let before = first - 1;
        let cue = (floor..first)
            .rev()
            .filter_map(|i| cue_at(doc, i).filter(|c| c.verb == i))
            .find(|c| !self.used_cues.contains(&c.last) || self.is_previous_cue(c))
            .filter(|c| c.strength == CueStrength::Speech || self.text(before) == ":");
        let Some(cue) = cue else {
            return self
                .second_part(index, floor, before)
                .or_else(|| self.colon_intro(index, floor, before));
        };
        let source = self.source_of(&cue, floor, first);
        let between = first - cue.last - 1;
        // `"...," said Mrs. Beaver; "and ..."`, `"...," said his lady to him one day, "..."`:
        // the second part of a quote its cue splits, however long the words between.
        let shared = self.is_previous_cue(&cue) && matches!(self.text(before), ";" | ",");
        let introduces = between <= MAX_CUE_OBJECT_TOKENS && matches!(self.text(before), ":" | ",")
            || shared
            || between == 0;
        // `..., and said, "Vanity."`: a quote its cue introduces is speech even when the cue's
        // subject is out of reach; speaker resolution then looks for the speaker.
        let Some(source) = source else {
            return introduces.then(|| Found {
                kind: AttributionKind::Direct,
                content: quote.pieces.clone(),
                cue: Some(cue.span(doc)),
                source: None,
                method: Method::CueThenQuote,
                confidence: confidence(Method::FloatingQuote, MentionKind::Nominal, quote),
            });
        };
        let (kind, content, method) = if introduces {
            (
                AttributionKind::Direct,
                quote.pieces.clone(),
                Method::CueThenQuote,
            )
        } else {
            let sentence = doc.sentences[doc.sentence_of_token(quote_last_token(doc, quote))];
            let content = self.clause_after(cue.last + 1, &sentence)?;
            (
                AttributionKind::Mixed,
                vec![content],
                Method::CueThenContent,
            )
        };
        let method = if cue.form == CueForm::Participle {
            Method::ParticipleCue
        } else {
            method
        };
        Some(Found {
            kind,
            content,
            cue: Some(cue.span(doc)),
            source: Some(source),
            method,
            confidence: confidence(method, source.kind, quote),
        })
    }

    /// `From Chairwoman X: "..."`: a name and a colon introduce the quote.
    fn colon_intro(&self, index: usize, floor: usize, colon: usize) -> Option<Found> {
        let doc = self.doc;
        if self.text(colon) != ":" {
            return None;
        }
        let source = doc
            .subject_before(colon, floor)
            .filter(|m| m.kind == MentionKind::Name && m.last + 1 == colon)?;
        let quote = &self.quotes[index];
        Some(Found {
            kind: AttributionKind::Direct,
            content: quote.pieces.clone(),
            cue: Some(doc.tokens[colon].span),
            source: Some(source),
            method: Method::ColonIntro,
            confidence: confidence(Method::ColonIntro, source.kind, quote),
        })
    }

    /// `"A," returned Tom, "B"`: the second part of a quote split by a cue the lexicon does not
    /// know (a dialogue verb found after the first part) shares the first part's attribution.
    fn second_part(&self, index: usize, floor: usize, before: usize) -> Option<Found> {
        let last = self.found.last()?;
        let cue = last.cue?;
        let between = cue.start >= self.doc.tokens[floor].span.start
            && cue.end <= self.doc.tokens[before].span.start;
        (last.kind == AttributionKind::Direct
            && last.method == Method::QuoteThenCue
            && between
            && matches!(self.text(before), "," | ";"))
        .then(|| Found {
            content: self.quotes[index].pieces.clone(),
            ..last.clone()
        })
    }

    /// `"...?" Clinton said. "In Tulsa, ..."`: a quote right after the cue sentence of the
    /// previous quote, in the same paragraph, continues it, as news annotates it.
    fn continues_previous_quote(&self, index: usize) -> bool {
        let doc = self.doc;
        let Some((previous_end, first)) = self.after_quote_then_cue(index) else {
            return false;
        };
        let Some(cue) = self.found.last().and_then(|f| f.cue) else {
            return false;
        };
        let gap = Span::new(
            doc.tokens[previous_end].span.start,
            doc.tokens[first].span.start,
        );
        doc.sentence_of_token(previous_end) == doc.sentence_of_token(first - 1)
            && gap.contains(&cue)
            && self.text(first - 1) == "."
            && doc.paragraph_of_token(previous_end) == doc.paragraph_of_token(first)
    }

    /// `"Undoubtedly," replied Darcy, to whom this remark was chiefly addressed, "there is
    /// meanness ..."`: a quote opening in lower case after a clause of narration, in the sentence
    /// of a quote that broke off at a comma for its cue, resumes that quote, whatever the
    /// narration between says (`this remark`, `everything that Alice said`).
    fn resumes_interrupted_quote(&self, index: usize) -> bool {
        let doc = self.doc;
        let Some((previous_end, first)) = self.after_quote_then_cue(index) else {
            return false;
        };
        self.inner_text(&self.quotes[index - 1]).ends_with(',')
            && self
                .inner_text(&self.quotes[index])
                .starts_with(char::is_lowercase)
            && matches!(self.text(first - 1), "," | ";" | ":")
            && doc.sentence_of_token(previous_end) == doc.sentence_of_token(first)
    }

    /// The end of the previous quote and the first token of quote `index`, when the attribution
    /// found last is a direct quote-then-cue one ending with the previous quote and words stand
    /// between the two quotes: the case of a quote that may go on after its cue.
    fn after_quote_then_cue(&self, index: usize) -> Option<(usize, usize)> {
        let previous = index.checked_sub(1)?;
        let last = self.found.last()?;
        let (first, _) = self.quote_tokens(&self.quotes[index]);
        let (_, previous_end) = self.quote_tokens(&self.quotes[previous]);
        (last.kind == AttributionKind::Direct
            && last.method == Method::QuoteThenCue
            && last.content.last().map(|c| c.end) == Some(self.quotes[previous].span().end)
            && previous_end < first)
            .then_some((previous_end, first))
    }

    /// A quote's text without the spaces and quotation marks around it.
    fn inner_text(&self, quote: &Quote) -> &str {
        self.doc
            .slice(quote.span())
            .trim_matches(|c: char| c.is_whitespace() || is_opening_mark(c) || is_closing_mark(c))
    }

    /// A quote with no cue: speech whose speaker comes from its neighbours. A short one is a
    /// scare quote or nickname (`the "deal"`) unless it is a paragraph or a sentence of its
    /// own, as a dialogue turn is (`"Hetton."`, `"Oh no." Brenda shook her head.`).
    fn floating_quote(&self, quote: &Quote) -> Option<Found> {
        if quote.word_count(self.doc) <= MAX_SCARE_QUOTE_WORDS
            && !self.is_own_paragraph(quote)
            && !self.is_whole_sentence(quote)
        {
            return None;
        }
        Some(Found {
            kind: AttributionKind::Direct,
            content: quote.pieces.clone(),
            cue: None,
            source: None,
            method: Method::FloatingQuote,
            confidence: confidence(Method::FloatingQuote, MentionKind::Nominal, quote),
        })
    }

    /// Whether a quote is a sentence of its own, as speech is and a scare quote is not: it
    /// starts with a capital and either opens its paragraph (`"Greece"--and she saw`), or
    /// follows a sentence's end and ends with punctuation (`"Oh no." Brenda shook her head.`,
    /// `His voice altered. "Ah! A very charming lady."`), or ends with `!` or `?` wherever it
    /// stands (`the Dodo called out "The race is over!" and ...`).
    fn is_whole_sentence(&self, quote: &Quote) -> bool {
        let doc = self.doc;
        let span = quote.span();
        let inner = self.inner_text(quote);
        let capital = inner.chars().next().is_some_and(char::is_uppercase);
        let ends = inner.ends_with(['.', '!', '?', ',', '—', '-', '…']);
        let (first, _) = self.quote_tokens(quote);
        let paragraph = doc.paragraphs[doc.paragraph_of_token(first)];
        let before = doc
            .text
            .get(paragraph.span.start..span.start)
            .map(str::trim_end);
        let opens_paragraph = before == Some("");
        let after_sentence = opens_paragraph
            || before.is_some_and(|b| b.ends_with(['.', '!', '?', '"', '”', '’', ')']));
        let exclaimed = inner.ends_with(['!', '?']);
        capital && (ends || opens_paragraph) && (after_sentence || exclaimed)
    }

    /// Whether a quote is all of its paragraph but for punctuation around it.
    fn is_own_paragraph(&self, quote: &Quote) -> bool {
        let doc = self.doc;
        let (first, end) = self.quote_tokens(quote);
        if first >= end || end > doc.tokens.len() {
            return false;
        }
        let paragraph = doc.paragraphs[doc.paragraph_of_token(first)];
        let outside = |i: usize| {
            doc.tokens[i].kind != TokenKind::Punct && !quote.span().contains(&doc.tokens[i].span)
        };
        let (from, to) = (
            doc.token_at_or_after(paragraph.span.start),
            doc.token_at_or_after(paragraph.span.end),
        );
        !(from..to.min(doc.tokens.len())).any(outside)
    }

    /// The speaker mention of a cue: its subject, the mention after `according to`, or, for a
    /// participle, the subject of its sentence.
    fn source_of(&self, cue: &Cue, floor: usize, limit: usize) -> Option<Mention> {
        let doc = self.doc;
        if cue.according_to {
            return doc.mention_from(cue.last + 1, limit);
        }
        match cue.form {
            CueForm::Finite => doc
                .cue_subject(cue.first, floor)
                .or_else(|| inverted_subject(doc, cue, limit)),
            CueForm::Participle => {
                let comma_before = cue.first > floor && self.text(cue.first - 1) == ",";
                comma_before.then(|| self.sentence_subject(cue.first))?
            }
        }
    }

    /// The subject of the sentence containing token `before`: its first noun phrase after any
    /// opening adverbial (`Earlier in the day, Esper held ...`).
    fn sentence_subject(&self, before: usize) -> Option<Mention> {
        let doc = self.doc;
        let sentence = doc.sentences[doc.sentence_of_token(before)];
        let mut start = sentence.first_token;
        if ADVERBIAL_OPENERS.contains(&doc.lower(start).as_str()) {
            if let Some(comma) = (start..before.min(start + 8)).find(|&i| self.text(i) == ",") {
                start = comma + 1;
            }
        }
        doc.mention_from(start, before)
    }

    /// The reported clause from token `start` to the end of `sentence`, without the final
    /// punctuation (kept when it closes a quotation).
    fn clause_after(&self, start: usize, sentence: &Sentence) -> Option<Span> {
        let mut last = sentence.end_token.checked_sub(1)?;
        while last > start && matches!(self.text(last), "." | "!" | "?" | ";" | ",") {
            last -= 1;
        }
        (start <= last).then(|| self.doc.token_range_span(start, last))
    }

    /// Reported speech in every sentence with an unused cue outside quotes.
    fn reported_speech(&mut self) {
        for s in 0..self.doc.sentences.len() {
            let sentence = self.doc.sentences[s];
            // A cue closing the sentence (`..., the source added.`) reports everything before
            // it, cues inside included, so it is tried first.
            let (first, end) = (sentence.first_token, sentence.end_token);
            let closing = (end.saturating_sub(6).max(first)..end).rev().find(|&i| {
                cue_at(self.doc, i).is_some_and(|c| c.verb == i && c.form == CueForm::Finite)
            });
            let order = closing
                .into_iter()
                .chain((first..end).filter(|&i| Some(i) != closing));
            for i in order {
                if self.used_cues.contains(&i) || self.in_quote(i) {
                    continue;
                }
                let Some(cue) = cue_at(self.doc, i).filter(|c| c.verb == i) else {
                    continue;
                };
                if let Some(found) = self.reported_clause(&cue, &sentence) {
                    if !found.content.iter().any(|c| self.in_found_content(*c)) {
                        self.used_cues.insert(cue.last);
                        self.push(found);
                    }
                }
            }
        }
    }

    /// The reported speech around one cue, if its sentence has that shape.
    fn reported_clause(&self, cue: &Cue, sentence: &Sentence) -> Option<Found> {
        let doc = self.doc;
        let (first, end) = (sentence.first_token, sentence.end_token);
        if self.in_found_content(cue.span(doc)) {
            return None;
        }
        if cue.according_to {
            return self.according_to(cue, sentence);
        }
        let source = self.source_of(cue, first, end)?;
        let after = cue.last + 1;
        // Reported speech after the cue: `that`, possibly after an object or adverbial.
        let that = (after..end.min(after + MAX_CUE_OBJECT_TOKENS + 1))
            .take_while(|&i| !matches!(self.text(i), "," | "." | ";" | ":") || i == after)
            .find(|&i| doc.lower(i) == "that");
        let content_start = match that {
            Some(that) => Some(that),
            None if cue.strength == CueStrength::Speech
                && !lexicon::is_ambiguous(&doc.lower(cue.last))
                && after < end
                && starts_clause(doc, after) =>
            {
                Some(after)
            }
            None => None,
        };
        let method = if cue.form == CueForm::Participle {
            Method::ParticipleCue
        } else {
            Method::CueThenContent
        };
        if let Some(start) = content_start {
            let content = self.clause_after(start, sentence)?;
            if doc.slice(content).split_whitespace().count() < 3 {
                return None;
            }
            return Some(self.reported(vec![content], cue, source, method));
        }
        // Reported speech before the cue: `..., officials said.`
        let subject_first = if source.last < cue.first {
            source.first
        } else {
            cue.first
        };
        let ends_sentence = (cue.last + 1..end).all(|i| {
            matches!(self.text(i), "." | "!" | "?") || i < source.last + 1 || i <= cue.last + 4
        });
        if cue.form == CueForm::Finite
            && cue.strength == CueStrength::Speech
            && subject_first > first + 2
            && self.text(subject_first - 1) == ","
            && ends_sentence
        {
            let content = doc.token_range_span(first, subject_first - 2);
            return Some(self.reported(vec![content], cue, source, Method::ContentThenCue));
        }
        None
    }

    /// `According to X, ...` and `..., according to X.`
    fn according_to(&self, cue: &Cue, sentence: &Sentence) -> Option<Found> {
        let doc = self.doc;
        let (first, end) = (sentence.first_token, sentence.end_token);
        let source = doc.mention_from(cue.last + 1, end)?;
        let content = if cue.first == first {
            let comma = (source.last + 1..end).find(|&i| self.text(i) == ",")?;
            self.clause_after(comma + 1, sentence)?
        } else if cue.first > first + 2 && self.text(cue.first - 1) == "," {
            doc.token_range_span(first, cue.first - 2)
        } else {
            return None;
        };
        Some(self.reported(vec![content], cue, source, Method::AccordingTo))
    }

    fn reported(&self, content: Vec<Span>, cue: &Cue, source: Mention, method: Method) -> Found {
        let contains_quote = content.iter().any(|c| self.quoted.has_span_within(*c));
        let kind = if contains_quote {
            AttributionKind::Mixed
        } else {
            AttributionKind::Indirect
        };
        let base = if cue.strength == CueStrength::Belief {
            0.55
        } else {
            0.7
        };
        Found {
            kind,
            content,
            cue: Some(cue.span(self.doc)),
            source: Some(source),
            method,
            confidence: base * source_factor(source.kind),
        }
    }

    /// `“...” ― Sonya Herridge`: a quote followed by a dash and a name that ends the
    /// paragraph (readers' voices, epigraphs, tweets).
    fn quote_then_dash(&self, index: usize) -> Option<Found> {
        let doc = self.doc;
        let quote = &self.quotes[index];
        let (_, after) = self.quote_tokens(quote);
        if after >= doc.tokens.len() || !is_dash(self.text(after)) {
            return None;
        }
        let paragraph = doc.paragraphs[doc.paragraph_of_token(after)];
        let end = doc.token_at_or_after(paragraph.span.end);
        let source = doc
            .mention_from(after + 1, end)
            .filter(|m| m.kind == MentionKind::Name && ends_line(doc, m.last, end))?;
        Some(Found {
            kind: AttributionKind::Direct,
            content: quote.pieces.clone(),
            cue: Some(doc.tokens[after].span),
            source: Some(source),
            method: Method::TrailingDash,
            confidence: confidence(Method::TrailingDash, source.kind, quote),
        })
    }

    /// A speaker label opening tokens `[start, end)`: capitalised words, then a colon within
    /// the first five tokens, and more after it (`WALLACE: Let's start`, `Pat Caddell: ...`).
    fn speaker_label(&self, start: usize, end: usize) -> Option<SpeakerLabel> {
        let doc = self.doc;
        let colon = (start..end.min(start + 5)).find(|&i| self.text(i) == ":")?;
        let names = start < colon && (start..colon).all(|i| doc.is_capitalised_word(i));
        if !names || colon + 2 >= end {
            return None;
        }
        let source = doc
            .mention_from(start, colon)
            .filter(|m| m.last + 1 == colon)?;
        let shouted = (start..colon).all(|i| !self.text(i).chars().any(char::is_lowercase));
        Some(SpeakerLabel {
            colon,
            source,
            shouted,
        })
    }

    /// An attribution of tokens `(colon, end)` to the label's speaker.
    fn labelled_turn(&self, label: &SpeakerLabel, end: usize) -> Found {
        Found {
            kind: AttributionKind::Indirect,
            content: vec![self.doc.token_range_span(label.colon + 1, end - 1)],
            cue: Some(self.doc.tokens[label.colon].span),
            source: Some(label.source),
            method: Method::ColonIntro,
            confidence: 0.6,
        }
    }

    /// `Pat Caddell: Democrat Voters Worried ...` and transcript turns (`WALLACE: Let's
    /// start ...`): a name and a colon open the paragraph, the rest is what they say. Only in
    /// one-sentence paragraphs (headlines) or after a name in capitals (transcripts).
    fn speaker_labels(&mut self) {
        let doc = self.doc;
        for paragraph in &doc.paragraphs {
            let first = doc.sentences[paragraph.first_sentence].first_token;
            let end = doc.token_at_or_after(paragraph.span.end);
            let start = first
                + usize::from(self.in_quote(first) && doc.tokens[first].kind == TokenKind::Punct);
            let Some(label) = self.speaker_label(start, end) else {
                continue;
            };
            let headline = paragraph.end_sentence - paragraph.first_sentence == 1
                && label.colon - start >= 2
                && !self.text(end - 1).ends_with('.');
            let turn = self.labelled_turn(&label, end);
            if (label.shouted || headline) && !self.in_found_content(turn.content[0]) {
                self.push(turn);
            }
        }
    }

    /// A transcript quoted as a block, every paragraph reopening the quote (`"WALLACE: ...`,
    /// `"PENCE: ...`): each turn is its speaker's, not one floating quote. A turn runs on over
    /// the unlabelled paragraphs after it up to the next turn; asides (`"(CROSSTALK.)`) end it.
    /// Only quotes with two or more turns count as transcripts.
    fn quoted_transcripts(&mut self) {
        let doc = self.doc;
        for quote in self.quotes {
            let paragraphs: Vec<(usize, usize)> = quote
                .pieces
                .iter()
                .map(|piece| {
                    let first = doc.token_at_or_after(piece.start);
                    let start = first + usize::from(doc.tokens[first].kind == TokenKind::Punct);
                    let end = doc.token_at_or_after(piece.end);
                    let closes = end > start + 1 && self.text(end - 1).chars().all(is_closing_mark);
                    (start, end - usize::from(closes))
                })
                .collect();
            let labels: Vec<Option<SpeakerLabel>> = paragraphs
                .iter()
                .map(|&(start, end)| self.speaker_label(start, end).filter(|l| l.shouted))
                .collect();
            if labels.iter().flatten().count() < 2 {
                continue;
            }
            let last_turn = labels.iter().rposition(Option::is_some).unwrap_or(0);
            let mut turn: Option<Found> = None;
            for (index, (&(start, end), label)) in paragraphs.iter().zip(&labels).enumerate() {
                let aside = start >= end || self.text(start) == "(";
                let continues = label.is_none() && !aside && index < last_turn;
                if let Some(open) = turn.as_mut().filter(|_| continues) {
                    open.content.push(doc.token_range_span(start, end - 1));
                    continue;
                }
                if let Some(done) = turn.take() {
                    self.push(done);
                }
                turn = label.as_ref().map(|label| self.labelled_turn(label, end));
            }
            if let Some(done) = turn {
                self.push(done);
            }
            // The rest of the quote (asides, a sign-off) is no one's speech.
            for piece in &quote.pieces {
                self.attributed.insert(*piece);
            }
        }
    }

    /// Headlines that end in a dash and a short name: `Pact Only Helps China - Pentagon`.
    fn trailing_dashes(&mut self) {
        let doc = self.doc;
        for paragraph in &doc.paragraphs {
            if paragraph.end_sentence - paragraph.first_sentence != 1 {
                continue;
            }
            let sentence = doc.sentences[paragraph.first_sentence];
            let (first, end) = (sentence.first_token, sentence.end_token);
            let Some(dash) = (first + 3..end)
                .rev()
                .take(5)
                .find(|&i| is_dash(self.text(i)))
            else {
                continue;
            };
            let names_only = (dash + 1..end).all(|i| doc.is_capitalised_word(i));
            if !names_only || dash + 1 == end || self.in_found_content(sentence.span) {
                continue;
            }
            let source = doc.mention_from(dash + 1, end);
            let Some(source) = source.filter(|m| m.last + 1 == end) else {
                continue;
            };
            self.push(Found {
                kind: AttributionKind::Indirect,
                content: vec![doc.token_range_span(first, dash - 1)],
                cue: Some(doc.tokens[dash].span),
                source: Some(source),
                method: Method::TrailingDash,
                confidence: 0.6,
            });
        }
    }
}

/// Whether token `last`, perhaps with a full stop, ends its line or the paragraph ending at
/// token `end` (readers' voices one per line: `“...” ― Sonya Herridge⏎“...” ― Carlos Raúl`).
fn ends_line(doc: &Document, last: usize, end: usize) -> bool {
    let next = if last + 1 < end && doc.token_text(last + 1) == "." {
        last + 2
    } else {
        last + 1
    };
    next >= end || {
        let gap = Span::new(doc.tokens[next - 1].span.end, doc.tokens[next].span.start);
        doc.slice(gap).contains('\n')
    }
}

/// Whether a token is a dash that can attribute (`- Pentagon`, `― Sonya Herridge`).
fn is_dash(token: &str) -> bool {
    matches!(token, "-" | "—" | "–" | "―")
}

/// `"...," rejoined Fagin`, `"...?" he inquired`, `"...," thought Alice`: a past-tense verb
/// the lexicon does not know as speech is a speech cue when a quote that ends in `,`, `?`, `!`
/// or a dash is followed by it and a name or pronoun (at token `start`, the first after the
/// quote).
fn dialogue_verb(
    doc: &Document,
    quote: &Quote,
    i: usize,
    start: usize,
    limit: usize,
) -> Option<Cue> {
    let lower = doc.lower(i);
    let verb = doc.tokens[i].kind == TokenKind::Word
        && !doc.is_capitalised_word(i)
        && ((lower.len() > 4 && lower.ends_with("ed")) || lower == "thought");
    let last_piece = quote.pieces.last()?;
    let open_end = doc
        .slice(*last_piece)
        .trim_end_matches(|c: char| {
            !c.is_alphanumeric() && !matches!(c, ',' | '?' | '!' | '—' | '-')
        })
        .ends_with([',', '?', '!', '—', '-']);
    if !verb || !open_end {
        return None;
    }
    // `returned her father`, `answered the old man`: a description with a determiner speaks
    // too; a bare noun (`reached home`) does not.
    let speaker = |m: Mention| match m.kind {
        MentionKind::Name => true,
        // `It seemed to her`: a thing is no speaker of dialogue.
        MentionKind::Pronoun => doc.lower(m.first) != "it",
        MentionKind::Nominal => {
            m.last > m.first
                && matches!(
                    doc.lower(m.first).as_str(),
                    "his" | "her" | "their" | "my" | "our" | "your" | "the" | "a" | "an"
                )
        }
    };
    let inverted = i == start && doc.mention_from(i + 1, limit).is_some_and(speaker);
    // `he returned`; in the quote's paragraph also `the saloon-keeper calculated` and `he
    // slowly returned` (a new paragraph's `Mr Graceful paused` is narrative).
    let same_paragraph =
        doc.paragraph_of_token(i) == doc.paragraph_of_token(quote_last_token(doc, quote));
    let adverb = |t: usize| t + 1 == i && t > start && doc.lower(t).ends_with("ly");
    let subject = doc.mention_from(start, i).is_some_and(|m| {
        speaker(m)
            && (i == start + 1 || (same_paragraph && (m.last + 1 == i || adverb(m.last + 1))))
    });
    (inverted || subject).then_some(Cue {
        first: i,
        verb: i,
        last: i,
        strength: CueStrength::Speech,
        form: CueForm::Finite,
        according_to: false,
    })
}

/// `said Esper` after a quote or clause: the mention following the cue.
fn inverted_subject(doc: &Document, cue: &Cue, limit: usize) -> Option<Mention> {
    (cue.form == CueForm::Finite)
        .then(|| doc.mention_from(cue.last + 1, limit))
        .flatten()
        .filter(|m| m.kind != MentionKind::Nominal || doc.lower(m.first) == "the")
}

/// The last token of a quote.
fn quote_last_token(doc: &Document, quote: &Quote) -> usize {
    doc.token_at_or_after(quote.span().end) - 1
}

/// Whether token `i` can open a bare reported clause (`said he would`, `said the deal ...`).
fn starts_clause(doc: &Document, i: usize) -> bool {
    let lower = doc.lower(i);
    matches!(
        lower.as_str(),
        "he" | "she"
            | "they"
            | "it"
            | "we"
            | "i"
            | "you"
            | "there"
            | "the"
            | "this"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
    ) || (doc.is_capitalised_word(i)
        && i + 1 < doc.tokens.len()
        && !doc.is_capitalised_word(i + 1)
        && doc.tokens[i + 1].kind == TokenKind::Word)
}

/// How much a source of this kind lowers confidence: pronouns and descriptions need resolving.
fn source_factor(kind: MentionKind) -> f32 {
    match kind {
        MentionKind::Name => 1.0,
        MentionKind::Pronoun => 0.95,
        MentionKind::Nominal => 0.9,
    }
}

/// Confidence of a quote attribution by rule, source kind and whether the quote was closed.
fn confidence(method: Method, source: MentionKind, quote: &Quote) -> f32 {
    let base = match method {
        Method::QuoteThenCue | Method::CueThenQuote => 0.95,
        Method::ColonIntro => 0.8,
        Method::ContentThenCue | Method::CueThenContent | Method::ParticipleCue => 0.75,
        Method::FloatingQuote => 0.5,
        Method::AccordingTo | Method::TrailingDash | Method::Model => 0.7,
    };
    let recovered = if quote.closed { 1.0 } else { 0.8 };
    base * source_factor(source) * recovered
}
