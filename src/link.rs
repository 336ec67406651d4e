//! Stage 3b, linking: groups the tagger's role spans into attributions and merges them with
//! the quotation-mark rules.
//!
//! Each content span goes to the nearest cue in its paragraph; each cue takes the nearest
//! source of its sentence. A content span that cuts a quotation in half is widened to the
//! whole quotation, and a direct quote the rules attributed but the tagger missed is kept.

use crate::document::{Document, Span, SpanSet, TokenKind};
use crate::marks::Quote;
use crate::mention::Mention;
use crate::rules::Found;
use crate::schema::{AttributionKind, Method};
use crate::tag::bio::{Role, RoleSpan};

/// Farthest a content span may be from its cue, in bytes of text between them.
const MAX_CUE_GAP: usize = 250;

/// Content spans without a cue are kept only above this tagger probability.
const MIN_UNCUED_PROBABILITY: f32 = 0.7;

/// The longest unquoted piece beside a quote that [`without_stray_fragments`] drops.
const MAX_FRAGMENT_WORDS: usize = 3;

/// Rules whose attributions are kept when the tagger found nothing there.
fn rule_survives(method: Method) -> bool {
    matches!(
        method,
        Method::QuoteThenCue | Method::CueThenQuote | Method::ColonIntro | Method::TrailingDash
    )
}

/// The bytes of text between two spans (0 when they touch or overlap).
fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// A content span being assembled, with the quotes it covers.
struct Content {
    span: Span,
    probability: f32,
}

/// Builds the attributions of one document from its role spans, quotes and rule findings.
pub fn link(doc: &Document, spans: &[RoleSpan], quotes: &[Quote], rules: &[Found]) -> Vec<Found> {
    let sentence_of = |byte: usize| doc.sentence_of_token(doc.token_at(byte));
    let contents = repaired_contents(doc, spans, quotes);
    let cues: Vec<&RoleSpan> = spans.iter().filter(|s| s.role == Role::Cue).collect();
    let sources: Vec<&RoleSpan> = spans.iter().filter(|s| s.role == Role::Source).collect();
    // Each content goes to the nearest cue of its paragraph, within reach.
    let mut by_cue: Vec<Vec<&Content>> = vec![Vec::new(); cues.len()];
    let mut found = Vec::new();
    for content in &contents {
        let paragraph = doc.paragraph_at(content.span.start);
        let complement = is_complement(doc, content.span);
        let reachable = |c: &&RoleSpan| {
            let cue_paragraph = doc.paragraph_at(c.span.start);
            let introduces =
                cue_paragraph + 1 == paragraph && ends_paragraph_with_colon(doc, c.span);
            (cue_paragraph == paragraph || introduces)
                && !content.span.overlaps(&c.span)
                && gap(content.span, c.span) <= MAX_CUE_GAP
        };
        // A quote opening a sentence and ending in a comma (`“...,” Mr. King added`) is
        // attributed after it; a fragment after its cue (`went on about “...,”`) is not.
        let first_token = doc.token_at_or_after(content.span.start);
        let opens_sentence = first_token < doc.tokens.len()
            && doc.sentences[doc.sentence_of_token(first_token)].first_token == first_token;
        let cue_follows = opens_sentence
            && ends_with_comma_quote(doc, content.span)
            && cues
                .iter()
                .any(|c| reachable(c) && c.span.start >= content.span.end);
        // `"I was just kidding." To which she said, "Thank God ..."`: a cue in a later sentence
        // that introduces a content of its own is not this one's.
        let ends_sentence = doc
            .slice(content.span)
            .trim_end_matches(|ch: char| crate::marks::is_closing_mark(ch) || ch.is_whitespace())
            .ends_with(['.', '?', '!']);
        let last_sentence =
            doc.sentence_of_token(doc.token_at_or_after(content.span.end).saturating_sub(1));
        let introduces_another = |c: &&RoleSpan| {
            ends_sentence
                && c.span.start >= content.span.end
                && sentence_of(c.span.start) != last_sentence
                && contents.iter().any(|other| {
                    other.span.start >= c.span.end
                        && gap(c.span, other.span) <= 4
                        && sentence_of(other.span.start) == sentence_of(c.span.start)
                })
        };
        let nearest = cues
            .iter()
            .enumerate()
            .filter(|(_, c)| reachable(c) && !introduces_another(c))
            .filter(|(_, c)| !complement || c.span.end <= content.span.start)
            .filter(|(_, c)| !cue_follows || c.span.start >= content.span.end)
            .min_by_key(|(_, c)| gap(content.span, c.span));
        match nearest {
            Some((index, _)) => by_cue[index].push(content),
            None => {
                let is_quote = quotes.iter().any(|q| content.span.contains(&q.span()));
                if is_quote || content.probability >= MIN_UNCUED_PROBABILITY {
                    found.push(model_found(doc, quotes, &[content], None, None));
                }
            }
        }
    }
    // A cue's contents form one attribution: the pieces of one content around its cue
    // (`“A,” said X. “B”`) or around attributions nested in it. The cue takes the nearest
    // source of its sentence.
    for (cue, group) in cues.iter().zip(&by_cue) {
        let mut group = without_stray_fragments(doc, quotes, group);
        group.retain(|c| !is_scene_setting(doc, quotes, c.span, cue.span));
        if group.is_empty() {
            continue;
        }
        let sentence = sentence_of(cue.span.start);
        let source = sources
            .iter()
            .filter(|s| sentence_of(s.span.start) == sentence)
            .filter(|s| !group.iter().any(|c| c.span.overlaps(&s.span)))
            .min_by_key(|s| gap(s.span, cue.span))
            .map(|s| (source_mention(doc, s.span), s.probability));
        found.push(model_found(doc, quotes, &group, Some(cue), source));
    }
    // A cue the tagger found without its source takes the source a rule gives the same cue
    // (`PENCE: She will not.`).
    for f in found
        .iter_mut()
        .filter(|f| f.source.is_none() && f.cue.is_some())
    {
        f.source = rules
            .iter()
            .find(|r| r.cue == f.cue && r.source.is_some())
            .and_then(|r| r.source);
    }
    join_continued_quotes(doc, &mut found, rules, quotes);
    // Rule attributions the tagger did not find at all are kept; so are those where the
    // tagger found only the content, without a cue (the rule knows who says it).
    let mut covered = SpanSet::default();
    let mut cued = SpanSet::default();
    for f in &found {
        for content in &f.content {
            covered.insert(*content);
            if f.cue.is_some() {
                cued.insert(*content);
            }
        }
    }
    for rule in rules.iter().filter(|r| rule_survives(r.method)) {
        let overlaps = |set: &SpanSet| rule.content.iter().any(|c| set.overlaps(*c));
        if !overlaps(&cued) {
            if overlaps(&covered) {
                found.retain(|f| {
                    f.cue.is_some()
                        || !f
                            .content
                            .iter()
                            .any(|c| rule.content.iter().any(|r| r.overlaps(c)))
                });
            }
            found.push(rule.clone());
        } else if rule.kind == AttributionKind::Direct {
            // The tagger found the attribution but missed a piece of its quote (`“A,” he
            // said. “B.”` with only B tagged): the piece joins the attribution of its cue.
            let missing: Vec<Span> = rule
                .content
                .iter()
                .filter(|c| !covered.overlaps(**c))
                .copied()
                .collect();
            let owner = found.iter_mut().find(|f| {
                f.kind == AttributionKind::Direct
                    && matches!((f.cue, rule.cue), (Some(a), Some(b)) if a.overlaps(&b))
                    && f.content
                        .iter()
                        .any(|c| rule.content.iter().any(|r| r.overlaps(c)))
            });
            if let (false, Some(owner)) = (missing.is_empty(), owner) {
                owner.content.extend(missing);
                owner.content.sort_by_key(|c| c.start);
            }
        }
    }
    found.sort_by_key(Found::start);
    with_continued_paragraphs(doc, found)
}

/// Fewest words of a quote paragraph that continues the quote before it (shorter ones are
/// headings such as `'Coal Isn't the Villain.'`).
const MIN_CONTINUING_WORDS: usize = 6;

/// `“No one is writing songs for Hillary,” he said.` + a paragraph that is one quote with no
/// cue of its own: in news the quote goes on, and the paragraph is a piece of the attribution
/// before (as PolNeAR annotates two thirds of such paragraphs). Documents that read as
/// fiction, where a new paragraph is a new turn, never reach the linker.
fn with_continued_paragraphs(doc: &Document, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        let floating = f.kind == AttributionKind::Direct
            && f.cue.is_none()
            && f.source.is_none()
            && f.content.len() == 1
            && doc.slice(f.content[0]).split_whitespace().count() >= MIN_CONTINUING_WORDS;
        if floating {
            let p = doc.paragraph_at(f.content[0].start);
            let text = doc.slice(f.content[0]).trim();
            // One quote from end to end, closed by its own kind of mark (a stray `"` opening a
            // paragraph of narrative that ends in `“U-S-A!”` is none).
            let whole = doc.slice(doc.paragraphs[p].span).trim() == text
                && matches!(
                    (text.chars().next(), text.chars().next_back()),
                    (Some('"'), Some('"')) | (Some('“'), Some('”')) | (Some('«'), Some('»'))
                );
            if let Some(last) = out.last_mut() {
                // Pieces stay within a paragraph: the last one's start tells its paragraph.
                let previous_piece = last.content.last().map_or(0, |c| c.start);
                if whole
                    && last.kind == AttributionKind::Direct
                    && last.cue.is_some()
                    && doc.paragraph_at(previous_piece) + 1 == p
                {
                    last.content.extend(f.content);
                    continue;
                }
            }
        }
        out.push(f);
    }
    out
}

/// Quotes the rules attribute as one (`“A,” said X, speaking of Y. “B”`, `“A,” X said,
/// referring to Y, “B”`) are one attribution, even where the tagger read a second cue in
/// the words between them (`speaking of`) and gave it the later quote: the quote moves to
/// the first one's attribution and the words between keep their own.
fn join_continued_quotes(
    doc: &Document,
    found: &mut Vec<Found>,
    rules: &[Found],
    quotes: &[Quote],
) {
    let overlaps =
        |a: Option<Span>, b: Option<Span>| matches!((a, b), (Some(a), Some(b)) if a.overlaps(&b));
    for rule in rules {
        let [first, later @ ..] = rule.content.as_slice() else {
            continue;
        };
        if rule.kind != AttributionKind::Direct || later.is_empty() {
            continue;
        }
        let Some(head) = found.iter().position(|f| {
            f.kind == AttributionKind::Direct
                && overlaps(f.cue, rule.cue)
                && f.content.iter().any(|c| c.overlaps(first))
        }) else {
            continue;
        };
        let is_later_quote = |c: &Span| later.iter().any(|p| p.contains(c));
        let mut moved = Vec::new();
        for (index, f) in found.iter_mut().enumerate() {
            if index == head {
                continue;
            }
            // `referring to the 1 percent excuse, “you give ...”`: a content the tagger ran
            // over the words between and the later quote keeps the words, not the quote.
            f.content = f
                .content
                .iter()
                .flat_map(|&c| split_before_quote(doc, c, later))
                .collect();
            if f.content.iter().any(is_later_quote) {
                moved.extend(f.content.iter().copied().filter(is_later_quote));
                f.content.retain(|c| !is_later_quote(c));
                if let (Some(start), Some(end)) = (f.content.first(), f.content.last()) {
                    f.kind = kind_of(Span::new(start.start, end.end), quotes);
                }
            }
        }
        if moved.is_empty() {
            continue;
        }
        found[head].content.extend(moved);
        found[head].content.sort_by_key(|c| c.start);
        found.retain(|f| !f.content.is_empty());
    }
}

/// `content` split before the quote of `quotes` it ends with, if any: the words before the
/// quote (without a trailing comma), then the quote.
fn split_before_quote(doc: &Document, content: Span, quotes: &[Span]) -> Vec<Span> {
    let Some(&quote) = quotes
        .iter()
        .find(|q| content.start < q.start && content.end == q.end)
    else {
        return vec![content];
    };
    let words = doc.slice(Span::new(content.start, quote.start));
    let words = words.trim_end().trim_end_matches(',').trim_end();
    let mut pieces = Vec::with_capacity(2);
    if !words.is_empty() {
        pieces.push(Span::new(content.start, content.start + words.len()));
    }
    pieces.push(quote);
    pieces
}

/// The tagger's content spans, kept within one paragraph and each widened over any quotation it
/// cuts in half; spans that then overlap are joined.
fn repaired_contents(doc: &Document, spans: &[RoleSpan], quotes: &[Quote]) -> Vec<Content> {
    let mut contents: Vec<Content> = Vec::new();
    let pieces = spans
        .iter()
        .filter(|s| s.role == Role::Content)
        .filter_map(|s| longest_paragraph_piece(doc, s.span).map(|p| (p, s.probability)));
    for (piece, probability) in pieces {
        let mut widened = trim_trailing_punctuation(doc, piece);
        widened = through_dangling_word(doc, spans, quotes, widened);
        widened = with_leading_that(doc, quotes, widened);
        // Quotes are in text order and disjoint: only those from the first ending after the
        // piece's start can touch it.
        let first = quotes.partition_point(|q| q.span().end <= piece.start);
        for quote in quotes[first..]
            .iter()
            .take_while(|q| q.span().start < piece.end)
        {
            let q = quote.span();
            let cuts = widened.overlaps(&q) && !widened.contains(&q) && !q.contains(&widened);
            let inside = q.contains(&widened) && widened != q;
            // A content inside a quote that covers most of it, or starts or ends with it, is
            // the quote itself cut short.
            let most = (widened.end - widened.start) * 10 >= (q.end - q.start) * 8;
            let at_edge = widened.start <= q.start + 4 || widened.end + 4 >= q.end;
            if cuts || (inside && (most || at_edge)) {
                widened = Span::new(widened.start.min(q.start), widened.end.max(q.end));
            }
        }
        match contents.last_mut() {
            Some(last) if last.span.overlaps(&widened) => {
                last.span = Span::new(last.span.start, last.span.end.max(widened.end));
                last.probability = last.probability.min(probability);
            }
            _ => contents.push(Content {
                span: widened,
                probability,
            }),
        }
    }
    contents
}

/// `wrote that, “The roads ...”`: a quote that `that` and a comma introduce takes the
/// `that`, as it does without the comma (PolNeAR's contents start at `that`).
fn with_leading_that(doc: &Document, quotes: &[Quote], span: Span) -> Span {
    let first = doc.token_at_or_after(span.start);
    let opens_quote = quotes.iter().any(|q| q.span().start == span.start);
    if opens_quote
        && first >= 2
        && doc.token_text(first - 1) == ","
        && doc.lower(first - 2) == "that"
    {
        Span::new(doc.tokens[first - 2].span.start, span.end)
    } else {
        span
    }
}

/// A content the tagger ended on a word that cannot end one (`Seoul refused to`, `with Japan
/// in`) runs on to the end of its clause: the next comma, colon or sentence end, or the next
/// role span. Only in a sentence with a cue and no quote: elsewhere such pieces are fragments
/// beside a quote or of no attribution.
fn through_dangling_word(doc: &Document, spans: &[RoleSpan], quotes: &[Quote], span: Span) -> Span {
    // The last token starting inside the span.
    let Some(last) = doc.token_at_or_after(span.end).checked_sub(1) else {
        return span;
    };
    if !ends_nothing(&doc.lower(last)) {
        return span;
    }
    let sentence = doc.sentences[doc.sentence_of_token(last)];
    let sentence_span = doc.token_range_span(sentence.first_token, sentence.end_token - 1);
    let has_cue = spans
        .iter()
        .any(|s| s.role == Role::Cue && s.span.overlaps(&sentence_span));
    if !has_cue || quotes.iter().any(|q| q.span().overlaps(&sentence_span)) {
        return span;
    }
    let next_role = spans
        .iter()
        .map(|s| s.span.start)
        .filter(|&start| start >= span.end)
        .min()
        .unwrap_or(usize::MAX);
    let clause_end = (last + 1..sentence.end_token)
        .find(|&i| {
            doc.tokens[i].kind == TokenKind::Punct
                && matches!(doc.token_text(i), "," | ";" | ":" | "." | "?" | "!")
        })
        .map_or(sentence_span.end, |i| doc.tokens[i].span.start);
    let end = clause_end.min(next_role);
    trim_trailing_punctuation(doc, Span::new(span.start, end.max(span.end)))
}

/// Whether a content cannot end on this word: a preposition, an article, a conjunction or
/// `that`.
fn ends_nothing(lower: &str) -> bool {
    crate::mention::PREPOSITIONS.contains(&lower)
        || matches!(
            lower,
            "the" | "a" | "an" | "and" | "or" | "but" | "as" | "that"
        )
}

/// A cue's contents without the short unquoted fragments the tagger leaves beside a quote
/// (`As for complexity, “...,” said Mr. Kamin`): when one piece is a whole quote, pieces of at
/// most [`MAX_FRAGMENT_WORDS`] words outside any quote are dropped.
fn without_stray_fragments<'c>(
    doc: &Document,
    quotes: &[Quote],
    group: &[&'c Content],
) -> Vec<&'c Content> {
    let is_quote = |c: &Content| quotes.iter().any(|q| q.span() == c.span);
    if !group.iter().any(|c| is_quote(c)) {
        return group.to_vec();
    }
    group
        .iter()
        .copied()
        .filter(|c| {
            let quoted = quotes.iter().any(|q| q.span().overlaps(&c.span));
            quoted || doc.slice(c.span).split_whitespace().count() > MAX_FRAGMENT_WORDS
        })
        .collect()
}

/// Words opening a clause that sets the scene of a quote rather than reporting speech.
const SCENE_OPENERS: &[&str] = &[
    "as", "when", "while", "after", "before", "since", "during", "at", "in", "on", "asked",
    "speaking", "of", "about", "with",
];

/// `As the bell rang, the teacher said, “It is time ...”`: an unquoted piece before its cue,
/// set off by a comma and opening with a subordinator or preposition, in the sentence of a
/// quote that follows the cue and starts a sentence of its own (a capital), is no part of
/// what is said.
fn is_scene_setting(doc: &Document, quotes: &[Quote], piece: Span, cue: Span) -> bool {
    let first = doc.token_at_or_after(piece.start);
    if first >= doc.tokens.len()
        || piece.end > cue.start
        || quotes.iter().any(|q| q.span().overlaps(&piece))
        || !SCENE_OPENERS.contains(&doc.lower(first).as_str())
        || !doc.text[piece.end..cue.start].contains(',')
    {
        return false;
    }
    let sentence = doc.sentence_of_token(first);
    let after_cue = doc.token_at_or_after(cue.end);
    let next = (after_cue..doc.tokens.len().min(after_cue + 2))
        .find(|&i| !matches!(doc.token_text(i), "," | ":"));
    next.is_some_and(|i| {
        doc.sentence_of_token(i) == sentence
            && quotes.iter().any(|q| {
                q.span().start == doc.tokens[i].span.start
                    && doc.text[q.span().start..q.span().end]
                        .chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_uppercase)
            })
    })
}

/// The longest part of `span` within one paragraph: a content never runs over a paragraph
/// end (the quotation-mark stage joins quotes that continue), and a span the tagger ran past
/// one is mostly in one paragraph.
fn longest_paragraph_piece(doc: &Document, span: Span) -> Option<Span> {
    let first = doc.paragraphs.partition_point(|p| p.span.end <= span.start);
    doc.paragraphs[first..]
        .iter()
        .take_while(|p| p.span.start < span.end)
        .map(|p| Span::new(span.start.max(p.span.start), span.end.min(p.span.end)))
        .filter(|piece| !piece.is_empty())
        .max_by_key(|piece| piece.end - piece.start)
}

/// The span without trailing commas, semicolons, colons or dashes, which annotators leave out
/// of a content (`The talks failed, officials said`); closing quotation marks stay.
fn trim_trailing_punctuation(doc: &Document, span: Span) -> Span {
    let text = doc.slice(span);
    let trimmed = text.trim_end_matches([',', ';', ':', '-', '—', '–', ' ', '\n']);
    if trimmed.is_empty() {
        return span;
    }
    Span::new(span.start, span.start + trimmed.len())
}

/// Whether a cue ends its paragraph with a colon (`The governor added:`), introducing the
/// unquoted block of the next paragraph as its content.
fn ends_paragraph_with_colon(doc: &Document, cue: Span) -> bool {
    let rest = doc.text[cue.end..].trim_start_matches([' ', '\u{a0}']);
    let after_colon = if doc.slice(cue).ends_with(':') {
        Some(rest)
    } else {
        rest.strip_prefix(':')
    };
    after_colon.is_some_and(|rest| rest.trim_start_matches([' ', '\u{a0}']).starts_with('\n'))
}

/// Whether a content ends with a comma and a closing quotation mark (`“We won,”`).
fn ends_with_comma_quote(doc: &Document, content: Span) -> bool {
    let mut last = doc.slice(content).trim_end().chars().rev();
    matches!(
        (last.next(), last.next()),
        (Some('”' | '"' | '’' | '\'' | '»'), Some(','))
    )
}

/// Whether a content opens with a complementiser, so its cue must come before it
/// (`warned on Friday that ...`).
fn is_complement(doc: &Document, content: Span) -> bool {
    let text = doc.slice(content);
    ["that ", "to ", "whether ", "if "]
        .iter()
        .any(|w| text.starts_with(w))
}

/// The pieces of one attribution's content, in text order, with pieces that only spaces
/// separate within a sentence joined: the tagger sometimes restarts a span mid-clause
/// (`supporters` `to monitor polling places`).
fn joined_pieces(doc: &Document, group: &[&Content]) -> Vec<Span> {
    let sentence = |byte| doc.sentence_of_token(doc.token_at_or_after(byte));
    let mut pieces: Vec<Span> = Vec::with_capacity(group.len());
    for content in group {
        match pieces.last_mut() {
            Some(last)
                if doc.text[last.end..content.span.start].trim().is_empty()
                    && sentence(last.start) == sentence(content.span.start) =>
            {
                last.end = content.span.end;
            }
            _ => pieces.push(content.span),
        }
    }
    pieces
}

/// An attribution from a group of linked content spans (its discontinuous content).
fn model_found(
    doc: &Document,
    quotes: &[Quote],
    group: &[&Content],
    cue: Option<&RoleSpan>,
    source: Option<(Mention, f32)>,
) -> Found {
    let span = Span::new(group[0].span.start, group[group.len() - 1].span.end);
    let kind = kind_of(span, quotes);
    let probability = group.iter().map(|c| c.probability).sum::<f32>() / group.len() as f32;
    let confidence =
        probability * cue.map_or(0.5, |c| c.probability) * source.map_or(0.8, |(_, p)| p);
    Found {
        kind,
        content: joined_pieces(doc, group),
        cue: cue.map(|c| verb_of_cue(doc, c.span)),
        source: source.map(|(m, _)| m),
        method: Method::Model,
        confidence,
    }
}

/// `said of`, `said in a statement`, `wrote in`: the tagger sometimes runs a speech verb's cue
/// into the phrase after it, which PolNeAR leaves out of the cue more often than in (dev: 10
/// such cues against 3; train, where the tagger learnt the others: 97 against 85).
fn verb_of_cue(doc: &Document, cue: Span) -> Span {
    let text = doc.slice(cue);
    let mut words = text.split_whitespace();
    let (Some(verb), Some(next)) = (words.next(), words.next()) else {
        return cue;
    };
    let speech = matches!(
        verb.to_lowercase().as_str(),
        "said" | "says" | "say" | "wrote" | "writes"
    );
    let preposition = matches!(
        next.to_lowercase().as_str(),
        "of" | "in" | "at" | "on" | "via" | "about" | "during"
    );
    if speech && preposition && text.starts_with(verb) {
        Span::new(cue.start, cue.start + verb.len())
    } else {
        cue
    }
}

/// The kind of a content spanning `span`: direct when it runs from a quote's opening mark to
/// a quote's closing mark, mixed when it holds a quote, else indirect.
fn kind_of(span: Span, quotes: &[Quote]) -> AttributionKind {
    let starts = quotes.iter().any(|q| q.span().start == span.start);
    let ends = quotes.iter().any(|q| q.span().end == span.end);
    if starts && ends {
        AttributionKind::Direct
    } else if quotes.iter().any(|q| span.overlaps(&q.span())) {
        AttributionKind::Mixed
    } else {
        AttributionKind::Indirect
    }
}

/// A tagged source span as a mention that speaker resolution understands.
fn source_mention(doc: &Document, span: Span) -> Mention {
    // Annotators close an apposition's comma into the source (`Scott Pruitt, the attorney
    // general of Oklahoma,`) but leave the comma after a plain name out (`Mr. Kamin, who`).
    let text = doc.slice(span);
    let span = match text.strip_suffix(',') {
        Some(name) if !name.contains(',') => Span::new(span.start, span.start + name.len()),
        _ => span,
    };
    let first = doc.token_at(span.start);
    let last = doc.token_at_or_after(span.end).saturating_sub(1).max(first);
    // The tagger's span may cut a token (`U.` of `E.U.`): keep it as tagged.
    Mention {
        span,
        ..doc.mention(first, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::find_quotes;
    use crate::segment::segment;

    /// A role span over the first occurrence of `text`.
    fn role(doc: &Document, role: Role, text: &str, probability: f32) -> RoleSpan {
        let start = doc.text.find(text).expect("text in document");
        RoleSpan {
            role,
            span: Span::new(start, start + text.len()),
            probability,
        }
    }

    /// Kind, content texts, cue text and source text of one attribution.
    type Summary<'d> = (
        AttributionKind,
        Vec<&'d str>,
        Option<&'d str>,
        Option<&'d str>,
    );

    /// Kind and content texts of each attribution.
    fn kinds_and_contents<'d>(
        doc: &Document<'d>,
        found: &[Found],
    ) -> Vec<(AttributionKind, Vec<&'d str>)> {
        summary(doc, found)
            .into_iter()
            .map(|s| (s.0, s.1))
            .collect()
    }

    fn summary<'d>(doc: &Document<'d>, found: &[Found]) -> Vec<Summary<'d>> {
        found
            .iter()
            .map(|f| {
                (
                    f.kind,
                    f.content.iter().map(|c| doc.slice(*c)).collect(),
                    f.cue.map(|c| doc.slice(c)),
                    f.source.map(|s| doc.slice(s.span)),
                )
            })
            .collect()
    }

    /// The summary of linking `roles` (role, text of its first occurrence, probability) over
    /// `text`, with the rules' findings when `with_rules`.
    fn linked(
        text: &'static str,
        roles: &[(Role, &str, f32)],
        with_rules: bool,
    ) -> Vec<Summary<'static>> {
        let doc = segment(text);
        let quotes = find_quotes(&doc);
        let rules = if with_rules {
            crate::rules::attribute(&doc, &quotes)
        } else {
            Vec::new()
        };
        let spans: Vec<RoleSpan> = roles.iter().map(|&(r, t, p)| role(&doc, r, t, p)).collect();
        summary(&doc, &link(&doc, &spans, &quotes, &rules))
    }

    #[test]
    fn content_goes_to_the_nearest_cue_and_the_cue_takes_its_sentences_source() {
        let doc =
            segment("Mayor Ann Lee said the bridge will reopen. Critics argued it was too late.");
        let spans = [
            role(&doc, Role::Source, "Mayor Ann Lee", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Content, "the bridge will reopen", 0.9),
            role(&doc, Role::Source, "Critics", 0.9),
            role(&doc, Role::Cue, "argued", 0.9),
            role(&doc, Role::Content, "it was too late", 0.9),
        ];
        let found = link(&doc, &spans, &[], &[]);
        assert_eq!(
            summary(&doc, &found),
            vec![
                (
                    AttributionKind::Indirect,
                    vec!["the bridge will reopen"],
                    Some("said"),
                    Some("Mayor Ann Lee")
                ),
                (
                    AttributionKind::Indirect,
                    vec!["it was too late"],
                    Some("argued"),
                    Some("Critics")
                ),
            ]
        );
        assert_eq!(found[0].method, Method::Model);
        assert!((found[0].confidence - 0.9 * 0.9 * 0.9).abs() < 1e-5);
    }

    #[test]
    fn pieces_of_one_content_that_only_spaces_separate_are_one_piece() {
        let doc =
            segment("Trump urges supporters to monitor polling places. \"Go,\" he said. \"Now.\"");
        let spans = [
            role(&doc, Role::Source, "Trump", 0.9),
            role(&doc, Role::Cue, "urges", 0.9),
            role(&doc, Role::Content, "supporters", 0.9),
            role(&doc, Role::Content, "to monitor polling places", 0.9),
            role(&doc, Role::Content, "\"Go,\"", 0.9),
            role(&doc, Role::Source, "he", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Content, "\"Now.\"", 0.9),
        ];
        let found = link(&doc, &spans, &find_quotes(&doc), &[]);
        let contents: Vec<Vec<&str>> = summary(&doc, &found).into_iter().map(|s| s.1).collect();
        // Pieces in different sentences stay apart, though only a space separates them.
        assert_eq!(
            contents,
            vec![
                vec!["supporters to monitor polling places"],
                vec!["\"Go,\"", "\"Now.\""]
            ]
        );
    }

    #[test]
    fn a_quote_ending_in_a_comma_takes_the_cue_after_it_unless_it_follows_its_cue() {
        let text = "Few voters could not bear to insult him. \"It is a shot in the arm,\" \
                    Mr. King added. Trump went on about \"the system,\" and left.";
        let doc = segment(text);
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Source, "Few voters", 0.9),
            role(&doc, Role::Cue, "could not bear to insult", 0.9),
            role(&doc, Role::Content, "him", 0.9),
            role(&doc, Role::Content, "\"It is a shot in the arm,\"", 0.9),
            role(&doc, Role::Source, "Mr. King", 0.9),
            role(&doc, Role::Cue, "added", 0.9),
            role(&doc, Role::Source, "Trump", 0.9),
            role(&doc, Role::Cue, "went on about", 0.9),
            role(&doc, Role::Content, "\"the system,\"", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        let pairs: Vec<_> = summary(&doc, &found)
            .into_iter()
            .map(|(_, content, cue, _)| (content, cue))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (vec!["him"], Some("could not bear to insult")),
                (vec!["\"It is a shot in the arm,\""], Some("added")),
                (vec!["\"the system,\""], Some("went on about")),
            ]
        );
    }

    #[test]
    fn a_cue_ending_its_paragraph_with_a_colon_takes_the_block_after_it() {
        let text = "The governor added:\n\nIt is typical of her. She knows nothing.\n\n\
                    The mayor left.\n\nThe crowd cheered.";
        let doc = segment(text);
        let spans = [
            role(&doc, Role::Source, "The governor", 0.9),
            role(&doc, Role::Cue, "added:", 0.9),
            role(
                &doc,
                Role::Content,
                "It is typical of her. She knows nothing",
                0.9,
            ),
            role(&doc, Role::Cue, "left", 0.9),
            role(&doc, Role::Content, "The crowd cheered", 0.9),
        ];
        let found = link(&doc, &spans, &[], &[]);
        let pairs: Vec<_> = summary(&doc, &found)
            .into_iter()
            .map(|(_, content, cue, source)| (content, cue, source))
            .collect();
        // A cue without a colon reaches no further than its paragraph.
        assert_eq!(
            pairs,
            vec![
                (
                    vec!["It is typical of her. She knows nothing"],
                    Some("added:"),
                    Some("The governor")
                ),
                (vec!["The crowd cheered"], None, None),
            ]
        );
    }

    #[test]
    fn a_plain_name_leaves_its_comma_out_of_the_source_but_an_apposition_keeps_it() {
        let text = "\"It works,\" said Mr. Kamin, who left. \"It fails,\" added Ann Lee, the \
                    mayor, on Monday.";
        let doc = segment(text);
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Content, "\"It works,\"", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Source, "Mr. Kamin,", 0.9),
            role(&doc, Role::Content, "\"It fails,\"", 0.9),
            role(&doc, Role::Cue, "added", 0.9),
            role(&doc, Role::Source, "Ann Lee, the mayor,", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        let sources: Vec<_> = summary(&doc, &found)
            .into_iter()
            .map(|(_, _, _, source)| source)
            .collect();
        assert_eq!(sources, [Some("Mr. Kamin"), Some("Ann Lee, the mayor,")]);
    }

    #[test]
    fn a_content_cutting_a_quote_in_half_is_widened_to_the_quote() {
        let doc = segment("“We lost power for two days,” Tom Hardy said.");
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Content, "We lost power", 0.8),
            role(&doc, Role::Source, "Tom Hardy", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        assert_eq!(
            summary(&doc, &found),
            vec![(
                AttributionKind::Direct,
                vec!["“We lost power for two days,”"],
                Some("said"),
                Some("Tom Hardy")
            )]
        );
    }

    #[test]
    fn rule_quotes_the_tagger_missed_are_kept_and_weak_uncued_content_is_dropped() {
        let doc = segment("“We will win,” Jane Roe said. The weather was fine all week long.");
        let quotes = find_quotes(&doc);
        let rules = crate::rules::attribute(&doc, &quotes);
        let spans = [role(&doc, Role::Content, "The weather was fine", 0.4)];
        let found = link(&doc, &spans, &quotes, &rules);
        assert_eq!(
            summary(&doc, &found),
            vec![(
                AttributionKind::Direct,
                vec!["“We will win,”"],
                Some("said"),
                Some("Jane Roe")
            )]
        );
        assert_eq!(found[0].method, Method::QuoteThenCue);
    }

    #[test]
    fn a_cue_introducing_a_quote_of_its_own_does_not_take_the_sentence_before() {
        let roles = [
            (Role::Content, "“I was just kidding.”", 0.9),
            (Role::Source, "she", 0.9),
            (Role::Cue, "said", 0.9),
            (Role::Content, "“Thank God.”", 0.9),
        ];
        assert_eq!(
            linked(
                "Mary sat down. “I was just kidding.” To which she said, “Thank God.”",
                &roles,
                false
            ),
            vec![
                (
                    AttributionKind::Direct,
                    vec!["“I was just kidding.”"],
                    None,
                    None
                ),
                (
                    AttributionKind::Direct,
                    vec!["“Thank God.”"],
                    Some("said"),
                    Some("she")
                ),
            ]
        );
    }

    #[test]
    fn a_piece_of_a_quote_the_tagger_missed_joins_the_attribution_of_its_cue() {
        let text =
            "Intro.\n\n“A museum will not end poverty,” he said. “It will not end violence.”";
        let roles = [
            (Role::Source, "he", 0.9),
            (Role::Cue, "said", 0.9),
            (Role::Content, "“It will not end violence.”", 0.9),
        ];
        assert_eq!(
            linked(text, &roles, true),
            vec![(
                AttributionKind::Direct,
                vec![
                    "“A museum will not end poverty,”",
                    "“It will not end violence.”"
                ],
                Some("said"),
                Some("he")
            )]
        );
    }

    #[test]
    fn a_quote_the_rules_continue_joins_the_first_and_leaves_the_words_between_their_own() {
        let text = "“It is in their heads,” DuVernay said, emphasizing why the past matters. \
                    “We need to change.”";
        let roles = [
            (Role::Content, "“It is in their heads,”", 0.9),
            (Role::Cue, "said", 0.9),
            (Role::Source, "DuVernay", 0.9),
            (Role::Cue, "emphasizing", 0.8),
            (Role::Content, "why the past matters.", 0.8),
            (Role::Content, "“We need to change.”", 0.8),
        ];
        assert_eq!(
            linked(text, &roles, true),
            vec![
                (
                    AttributionKind::Direct,
                    vec!["“It is in their heads,”", "“We need to change.”"],
                    Some("said"),
                    Some("DuVernay")
                ),
                (
                    AttributionKind::Indirect,
                    vec!["why the past matters."],
                    Some("emphasizing"),
                    Some("DuVernay")
                ),
            ]
        );
    }

    #[test]
    fn a_content_run_over_the_words_between_and_the_later_quote_gives_up_the_quote() {
        let text = "“Every time you say that,” Tester said, referring to the excuse, \
                    “you give ammunition to them.”";
        let roles = [
            (Role::Content, "“Every time you say that,”", 0.9),
            (Role::Cue, "said", 0.9),
            (Role::Source, "Tester", 0.9),
            (Role::Cue, "referring to", 0.8),
            (
                Role::Content,
                "the excuse, “you give ammunition to them.”",
                0.8,
            ),
        ];
        assert_eq!(
            linked(text, &roles, true),
            vec![
                (
                    AttributionKind::Direct,
                    vec![
                        "“Every time you say that,”",
                        "“you give ammunition to them.”"
                    ],
                    Some("said"),
                    Some("Tester")
                ),
                (
                    AttributionKind::Indirect,
                    vec!["the excuse"],
                    Some("referring to"),
                    Some("Tester")
                ),
            ]
        );
    }

    #[test]
    fn a_quote_paragraph_without_a_cue_continues_the_quote_before_it() {
        let text = "“No one is writing songs for her,” Tom said.\n\n\
                    “Right now, the vote is against him and not for her.”\n\n“Short one.”";
        let roles = [
            (Role::Content, "“No one is writing songs for her,”", 0.9),
            (Role::Source, "Tom", 0.9),
            (Role::Cue, "said", 0.9),
            (
                Role::Content,
                "“Right now, the vote is against him and not for her.”",
                0.9,
            ),
            (Role::Content, "“Short one.”", 0.9),
        ];
        assert_eq!(
            linked(text, &roles, false),
            vec![
                (
                    AttributionKind::Direct,
                    vec![
                        "“No one is writing songs for her,”",
                        "“Right now, the vote is against him and not for her.”"
                    ],
                    Some("said"),
                    Some("Tom")
                ),
                (AttributionKind::Direct, vec!["“Short one.”"], None, None),
            ]
        );
    }

    #[test]
    fn a_quote_paragraph_continues_a_quote_that_ends_its_own_paragraph() {
        // The quote before closes its paragraph with a curly mark of three bytes.
        let text = "Tom said: “No one is writing songs for her.”\n\n\
                    “Right now, the vote is against him and not for her.”";
        let roles = [
            (Role::Source, "Tom", 0.9),
            (Role::Cue, "said", 0.9),
            (Role::Content, "“No one is writing songs for her.”", 0.9),
            (
                Role::Content,
                "“Right now, the vote is against him and not for her.”",
                0.9,
            ),
        ];
        assert_eq!(
            linked(text, &roles, false),
            vec![(
                AttributionKind::Direct,
                vec![
                    "“No one is writing songs for her.”",
                    "“Right now, the vote is against him and not for her.”"
                ],
                Some("said"),
                Some("Tom")
            )]
        );
    }

    #[test]
    fn a_paragraph_a_stray_mark_opens_continues_no_quote() {
        let text = "“No one is writing songs for her,” Tom said.\n\n\
                    \"Trump walked onto the stage, chanting “U-S-A! U-S-A!”";
        let doc = segment(text);
        let quotes = find_quotes(&doc);
        let stray = "\"Trump walked onto the stage, chanting “U-S-A! U-S-A!”";
        let spans = [
            role(
                &doc,
                Role::Content,
                "“No one is writing songs for her,”",
                0.9,
            ),
            role(&doc, Role::Source, "Tom", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Content, stray, 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        assert_eq!(found.len(), 2, "{:?}", summary(&doc, &found));
    }

    #[test]
    fn a_content_ending_on_a_preposition_runs_to_the_end_of_its_clause() {
        let text = "The pact expires after Seoul refused to extend it amid the trade row. \
                    He said, \"We will talk to\" them.";
        let roles = [
            (Role::Source, "Seoul", 0.9),
            (Role::Cue, "refused", 0.9),
            (Role::Content, "to", 0.9),
            (Role::Source, "He", 0.9),
            (Role::Cue, "said", 0.9),
            (Role::Content, "\"We will talk to\"", 0.9),
        ];
        assert_eq!(
            linked(text, &roles, false),
            vec![
                (
                    AttributionKind::Indirect,
                    vec!["to extend it amid the trade row"],
                    Some("refused"),
                    Some("Seoul")
                ),
                (
                    AttributionKind::Direct,
                    vec!["\"We will talk to\""],
                    Some("said"),
                    Some("He")
                )
            ]
        );
    }

    #[test]
    fn a_speech_verbs_cue_leaves_out_the_phrase_after_it() {
        let text = "The mayor said in a statement that the city was safe.";
        let roles = [
            (Role::Source, "The mayor", 0.9),
            (Role::Cue, "said in a statement", 0.9),
            (Role::Content, "the city was safe", 0.9),
        ];
        assert_eq!(
            linked(text, &roles, false),
            vec![(
                AttributionKind::Indirect,
                vec!["the city was safe"],
                Some("said"),
                Some("The mayor")
            )]
        );
    }

    #[test]
    fn a_cue_tagged_without_its_source_takes_the_source_a_rule_gives_it() {
        let doc =
            segment("Partial transcript:\n\nWALLACE: Will she be there?\n\nPENCE: She will not.");
        let rules = crate::rules::attribute(&doc, &[]);
        let cue = |text: &str| {
            let start = doc.text.find(text).expect("text in document") + text.len() - 1;
            RoleSpan {
                role: Role::Cue,
                span: Span::new(start, start + 1),
                probability: 0.9,
            }
        };
        let spans = [
            role(&doc, Role::Source, "WALLACE", 0.9),
            cue("WALLACE:"),
            role(&doc, Role::Content, "Will she be there?", 0.9),
            cue("PENCE:"),
            role(&doc, Role::Content, "She will not.", 0.9),
        ];
        let found = link(&doc, &spans, &[], &rules);
        let sources: Vec<_> = summary(&doc, &found).into_iter().map(|s| s.3).collect();
        assert_eq!(sources, vec![Some("WALLACE"), Some("PENCE")]);
        assert_eq!(found[1].method, Method::Model);
    }

    #[test]
    fn trailing_commas_leave_indirect_content_but_quotes_keep_their_marks() {
        let doc = segment("The talks failed, officials said. “We tried,” Ann Lee said.");
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Content, "The talks failed,", 0.9),
            role(&doc, Role::Source, "officials", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Content, "“We tried,”", 0.9),
            role(&doc, Role::Source, "Ann Lee", 0.9),
            role(&doc, Role::Cue, "said.", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        let contents: Vec<Vec<&str>> = summary(&doc, &found).into_iter().map(|s| s.1).collect();
        assert_eq!(
            contents,
            vec![vec!["The talks failed"], vec!["“We tried,”"]]
        );
    }

    #[test]
    fn short_unquoted_fragments_beside_a_quote_are_dropped_but_clauses_stay() {
        let doc = segment(
            "As for complexity, “it takes work,” said Ann Lee.\n\n\
             The plan failed badly, “and nobody cared,” said Bo Li.",
        );
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Content, "As for complexity", 0.6),
            role(&doc, Role::Content, "“it takes work,”", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Source, "Ann Lee", 0.9),
            role(&doc, Role::Content, "The plan failed badly", 0.8),
            role(&doc, Role::Content, "“and nobody cared,”", 0.9),
            role(&doc, Role::Cue, "said Bo", 0.9),
            role(&doc, Role::Source, "Bo Li", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        let kinds = kinds_and_contents(&doc, &found);
        assert_eq!(
            kinds,
            vec![
                (AttributionKind::Direct, vec!["“it takes work,”"]),
                (
                    AttributionKind::Mixed,
                    vec!["The plan failed badly", "“and nobody cared,”"]
                ),
            ]
        );
    }

    #[test]
    fn a_clause_setting_the_scene_of_a_quote_is_no_content_but_a_paraphrase_is() {
        let doc = segment(
            "As the bell rang, the teacher said, “It is time to go home now.”\n\n\
             As the costs of the plan rose, the mayor warned, “cuts will come.”\n\n\
             Jobs are coming back, he added, “And they are good jobs.”",
        );
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Content, "As the bell rang", 0.6),
            role(&doc, Role::Source, "the teacher", 0.9),
            role(&doc, Role::Cue, "said", 0.9),
            role(&doc, Role::Content, "“It is time to go home now.”", 0.9),
            role(&doc, Role::Content, "As the costs of the plan rose", 0.6),
            role(&doc, Role::Source, "the mayor", 0.9),
            role(&doc, Role::Cue, "warned", 0.9),
            role(&doc, Role::Content, "“cuts will come.”", 0.9),
            role(&doc, Role::Content, "Jobs are coming back", 0.8),
            role(&doc, Role::Source, "he", 0.9),
            role(&doc, Role::Cue, "added", 0.9),
            role(&doc, Role::Content, "“And they are good jobs.”", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        let kinds = kinds_and_contents(&doc, &found);
        assert_eq!(
            kinds,
            vec![
                (
                    AttributionKind::Direct,
                    vec!["“It is time to go home now.”"]
                ),
                (
                    AttributionKind::Mixed,
                    vec!["As the costs of the plan rose", "“cuts will come.”"]
                ),
                (
                    AttributionKind::Mixed,
                    vec!["Jobs are coming back", "“And they are good jobs.”"]
                ),
            ]
        );
    }

    #[test]
    fn a_quote_introduced_by_that_and_a_comma_takes_the_that() {
        let doc = segment("The mayor wrote that, “The roads will open on Monday.”");
        let quotes = find_quotes(&doc);
        let spans = [
            role(&doc, Role::Source, "The mayor", 0.9),
            role(&doc, Role::Cue, "wrote", 0.9),
            role(&doc, Role::Content, "“The roads will open on Monday.”", 0.9),
        ];
        let found = link(&doc, &spans, &quotes, &[]);
        let kinds = kinds_and_contents(&doc, &found);
        assert_eq!(
            kinds,
            vec![(
                AttributionKind::Mixed,
                vec!["that, “The roads will open on Monday.”"]
            )]
        );
    }

    #[test]
    fn an_uncued_quote_from_the_tagger_is_kept_without_source() {
        let doc = segment("He spoke.\n\n“Every county has its plan and every shelter is open.”");
        let quotes = find_quotes(&doc);
        let spans = [role(
            &doc,
            Role::Content,
            "“Every county has its plan and every shelter is open.”",
            0.6,
        )];
        let found = link(&doc, &spans, &quotes, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind, found[0].cue, found[0].source),
            (AttributionKind::Direct, None, None)
        );
    }
}
