//! Speaker mentions: the noun phrase attached to a cue (`Esper`, `he`, `the Pentagon chief`).
//!
//! There is no parser here: a mention is a run of name-like and noun-like tokens bounded by
//! punctuation and function words, which covers the subjects news attaches to its cues.

use crate::document::{Document, Span, TokenKind};
use crate::lexicon;

/// What sort of phrase a mention is; speaker resolution treats each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// Ends in a capitalised word: `Mark Esper`, `The New York Post`.
    Name,
    /// A personal pronoun: `he`, `they`.
    Pronoun,
    /// A description: `the Pentagon chief`, `officials`.
    Nominal,
}

/// A speaker mention: its tokens, span and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First token index.
    pub first: usize,
    /// Last token index (inclusive).
    pub last: usize,
    /// Byte span.
    pub span: Span,
    /// Name, pronoun or description.
    pub kind: MentionKind,
}

/// Pronouns that can be the subject of a cue.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// The subject pronoun a lower-cased word is, contracted or not (`he`, `he’s`, `she'd`).
pub fn subject_pronoun(lower: &str) -> Option<&'static str> {
    let bare = [
        "’s", "'s", "’d", "'d", "’ll", "'ll", "’ve", "'ve", "’re", "'re", "’m", "'m",
    ]
    .iter()
    .find_map(|contraction| lower.strip_suffix(contraction))
    .unwrap_or(lower);
    SUBJECT_PRONOUNS.iter().copied().find(|&p| p == bare)
}

/// Whether a lower-cased word is a personal pronoun, subject or object (`he`, `him`, `us`);
/// not `her`, which is also a possessive (`the head of her firm`).
pub fn is_personal_pronoun(lower: &str) -> bool {
    subject_pronoun(lower).is_some() || matches!(lower, "him" | "them" | "me" | "us")
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "some", "many", "several", "most", "other", "another", "both", "all", "few", "one",
    "two", "three", "four", "five", "no", "each", "every", "any", "such",
];

/// Words that never belong to a speaker noun phrase.
const BOUNDARY_WORDS: &[&str] = &[
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "as",
    "if",
    "when",
    "while",
    "because",
    "though",
    "although",
    "after",
    "before",
    "since",
    "until",
    "unless",
    "whether",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "where",
    "why",
    "how",
    "that",
    "than",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "into",
    "onto",
    "about",
    "over",
    "under",
    "against",
    "during",
    "through",
    "without",
    "also",
    "not",
    "never",
    // Degree words end a name (`said the King very decidedly`).
    "very",
    "quite",
    "rather",
    "too",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "did",
    "does",
    "do",
    "then",
    "there",
    "here",
    "later",
    "earlier",
    "again",
    "once",
    "still",
    "just",
    "even",
    "only",
    "already",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "him",
    "them",
    "us",
    "me",
    "said",
    "says",
    "say",
    "told",
    "according",
    "we",
    "i",
    "he",
    "she",
    "they",
    "it",
    "you",
];

/// Words between a subject and its cue that are skipped: `Esper has also said`.
const CUE_PREFIX_WORDS: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "is",
    "are",
    "were",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "did",
    "does",
    "do",
    "also",
    "later",
    "then",
    "previously",
    "repeatedly",
    "once",
    "again",
    "further",
    "recently",
    "often",
    "never",
    "not",
    "still",
    "publicly",
    "privately",
    "reportedly",
    "already",
    "long",
    "flatly",
    "simply",
    "even",
    "first",
];

/// Whether a word is a function word that ends a noun phrase.
fn is_boundary(lower: &str) -> bool {
    BOUNDARY_WORDS.contains(&lower)
}

/// Prepositions: a noun phrase right after one is no subject (`in a low voice said`).
pub const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "with", "from", "into", "after", "before", "for", "of", "under",
    "over", "through", "during", "without", "about", "against", "upon", "towards", "toward", "to",
];

/// Whether a word may stand between a subject and its cue.
pub fn is_cue_prefix(lower: &str) -> bool {
    CUE_PREFIX_WORDS.contains(&lower)
        || (lower.len() > 4 && lower.ends_with("ly"))
        || matches!(lower, "thus" | "now" | "just" | "soon")
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Document<'_> {
    /// The lower-cased text of token `i`.
    pub fn lower(&self, i: usize) -> String {
        self.token_text(i).to_lowercase()
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn is_capitalised_word(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word && is_capitalised(self.token_text(i))
    }

    /// Whether token `i` may sit inside a speaker noun phrase.
    fn is_noun_phrase_word(&self, i: usize) -> bool {
        let token = self.tokens[i];
        match token.kind {
            TokenKind::Word => {
                let lower = self.lower(i);
                self.is_capitalised_word(i)
                    || (!is_boundary(&lower)
                        && lexicon::cue_word(&lower).is_none_or(|_| lexicon::is_ambiguous(&lower))
                        && !(lower.len() > 4 && lower.ends_with("ly")))
            }
            TokenKind::Number => true,
            TokenKind::Punct => matches!(self.token_text(i), "." | "-" | "&"),
        }
    }

    /// Whether token `i` reads as a verb that ends a noun phrase (`pulled`, `said`); a
    /// capitalised word or a compound (`a hard-featured dame`) is none.
    pub fn is_verb_like(&self, i: usize) -> bool {
        let lower = self.lower(i);
        !self.is_capitalised_word(i)
            && !lower.contains('-')
            && (lower.ends_with("ed") || lexicon::cue_word(&lower).is_some())
    }

    /// Builds the mention for tokens `first..=last`, classifying it.
    pub fn mention(&self, first: usize, last: usize) -> Mention {
        let lower_last = self.lower(last);
        let kind = if first == last && subject_pronoun(&lower_last).is_some() {
            MentionKind::Pronoun
        } else if self.is_capitalised_word(last) {
            MentionKind::Name
        } else {
            MentionKind::Nominal
        };
        Mention {
            first,
            last,
            span: self.token_range_span(first, last),
            kind,
        }
    }

    /// The subject of the cue at token `cue`, looking back no further than token `floor`.
    ///
    /// Skips auxiliaries and adverbs (`has also said`) and an appositive
    /// (`Hugh Hill, a doctor, said`).
    pub fn subject_before(&self, cue: usize, floor: usize) -> Option<Mention> {
        let mut end = cue;
        while end > floor && is_cue_prefix(&self.lower(end - 1)) {
            end -= 1;
        }
        if end == floor {
            return None;
        }
        let last = end - 1;
        if self.token_text(last) == "," {
            return self.subject_before_appositive(last, floor);
        }
        if self.lower(last) == "who" && last > floor {
            return self.antecedent_of_who(last, floor);
        }
        if subject_pronoun(&self.lower(last)).is_some() {
            return Some(self.mention(last, last));
        }
        let mut first = last + 1;
        while first > floor && self.is_noun_phrase_word(first - 1) && last + 1 - first < 8 {
            // `At luncheon Tony said`, `At dinner the host said`: the sentence's opening
            // phrase is no part of the subject (`Under Secretary ...` is a title).
            let opening = self.is_capitalised_word(first - 1)
                && PREPOSITIONS.contains(&self.lower(first - 1).as_str())
                && !self.is_capitalised_word(first);
            if opening {
                while first < last
                    && !self.is_capitalised_word(first)
                    && !DETERMINERS.contains(&self.lower(first).as_str())
                {
                    first += 1;
                }
                break;
            }
            first -= 1;
            let lower = self.lower(first);
            if DETERMINERS.contains(&lower.as_str()) {
                break;
            }
            // `of`/`for` inside a title: `Secretary of State John Kerry`.
            if first > floor
                && matches!(lower.as_str(), "of" | "for")
                && !self.is_noun_phrase_word(first - 1)
            {
                first += 1;
                break;
            }
        }
        // Trim punctuation and a possessive-free `of` at the edge.
        while first <= last && self.tokens[first].kind == TokenKind::Punct {
            first += 1;
        }
        (first <= last).then(|| self.mention(first, last))
    }

    /// The subject of the verb at token `cue`: [`Document::subject_before`], but a noun phrase
    /// after a preposition is no subject. The pronoun or relative before the preposition is
    /// (`he in a low voice said`, `who in a voice of cold resentment said`); after a
    /// conjunction or a comma there is none (`and after a time said`); after other words the
    /// phrase stays (`a spokesman for the campaign`'s `the campaign`, as before).
    pub fn cue_subject(&self, cue: usize, floor: usize) -> Option<Mention> {
        let phrase = self.subject_before(cue, floor)?;
        let preposition = phrase.first.checked_sub(1).filter(|&p| p > floor);
        let Some(preposition) =
            preposition.filter(|&p| PREPOSITIONS.contains(&self.lower(p).as_str()))
        else {
            return Some(phrase);
        };
        let before = self.lower(preposition - 1);
        if before == "who" || subject_pronoun(&before).is_some() {
            self.subject_before(preposition, floor)
        } else if is_boundary(&before) || self.tokens[preposition - 1].kind == TokenKind::Punct {
            None
        } else {
            Some(phrase)
        }
    }

    /// `Ben, who said`, `Mr. Gradgrind, who answered`: the noun phrase before the relative
    /// pronoun at `who`; a name keeps its determiner but not the verb before it (`addressed`).
    fn antecedent_of_who(&self, who: usize, floor: usize) -> Option<Mention> {
        let end = if self.token_text(who - 1) == "," {
            who - 1
        } else {
            who
        };
        let phrase = self.subject_before(end, floor)?;
        let mut first = phrase.first;
        while phrase.kind == MentionKind::Name
            && first < phrase.last
            && !self.is_capitalised_word(first)
            && !DETERMINERS.contains(&self.lower(first).as_str())
        {
            first += 1;
        }
        Some(self.mention(first, phrase.last))
    }

    /// `NAME, APPOSITIVE, cue`: the name before the appositive, when there is one.
    fn subject_before_appositive(&self, comma: usize, floor: usize) -> Option<Mention> {
        let opening = (floor..comma)
            .rev()
            .take(10)
            .find(|&i| self.token_text(i) == ",")?;
        let name = self.subject_before(opening, floor)?;
        (name.kind == MentionKind::Name && name.last + 1 == opening).then_some(name)
    }

    /// The mention starting at token `start` (no later than `limit`, exclusive, and within the
    /// sentence of `start`): `said Esper`, `according to the Pentagon chief`.
    pub fn mention_from(&self, start: usize, limit: usize) -> Option<Mention> {
        if start >= limit || start >= self.tokens.len() {
            return None;
        }
        let limit = limit.min(self.sentences[self.sentence_of_token(start)].end_token);
        let lower = self.lower(start);
        if subject_pronoun(&lower).is_some() {
            return Some(self.mention(start, start));
        }
        let starts_phrase = DETERMINERS.contains(&lower.as_str())
            || self.is_capitalised_word(start)
            || self.is_noun_phrase_word(start);
        if !starts_phrase || self.tokens[start].kind == TokenKind::Punct {
            return None;
        }
        let mut last = start;
        while last + 1 < limit && last - start < 7 {
            let next = last + 1;
            let next_lower = self.lower(next);
            let verb_like = self.is_verb_like(next);
            let joins_title = matches!(next_lower.as_str(), "of" | "for")
                && next + 1 < limit
                && self.is_noun_phrase_word(next + 1);
            // `said the man a little impatiently`: an article after a noun starts another phrase.
            // (`A` capitalised may be an initial: `Julie A. Diaz Martinez`.)
            let new_phrase = matches!(self.token_text(next), "a" | "an" | "the")
                && !matches!(self.lower(last).as_str(), "of" | "for");
            if new_phrase {
                break;
            }
            if joins_title || (self.is_noun_phrase_word(next) && !verb_like) {
                last = next;
            } else {
                break;
            }
        }
        while last > start && self.tokens[last].kind == TokenKind::Punct {
            last -= 1;
        }
        // `said Hamidullah rather indifferently`: a name trailed by lower-case words ends
        // with its capitalised run (unlike `White House spokesman Josh Earnest`).
        if self.is_capitalised_word(start)
            && !DETERMINERS.contains(&lower.as_str())
            && !self.is_capitalised_word(last)
            && self.tokens[last].kind == TokenKind::Word
        {
            let mut name_end = last;
            while name_end > start && !self.is_capitalised_word(name_end) {
                name_end -= 1;
            }
            // `America's prison system` is a description, owned by a name.
            let text = self.token_text(name_end);
            if !(text.ends_with("'s") || text.ends_with("’s")) {
                last = name_end;
            }
        }
        Some(self.mention(start, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn subject(text: &str, cue: &str) -> Option<(String, MentionKind)> {
        let doc = segment(text);
        let i = (0..doc.tokens.len()).find(|&i| doc.token_text(i) == cue)?;
        doc.cue_subject(i, 0)
            .map(|m| (doc.slice(m.span).to_string(), m.kind))
    }

    fn after(text: &str, word: &str) -> Option<String> {
        let doc = segment(text);
        let i = (0..doc.tokens.len()).find(|&i| doc.token_text(i) == word)?;
        doc.mention_from(i + 1, doc.tokens.len())
            .map(|m| doc.slice(m.span).to_string())
    }

    #[test]
    fn subjects_of_cues() {
        use MentionKind::*;
        let cases = [
            (
                "US Defense Secretary Mark Esper warned",
                "warned",
                "US Defense Secretary Mark Esper",
                Name,
            ),
            ("Earlier in the day, Esper said", "said", "Esper", Name),
            ("But he has also said", "said", "he", Pronoun),
            ("then a source said", "said", "a source", Nominal),
            (
                "White House press secretary Josh Earnest said",
                "said",
                "White House press secretary Josh Earnest",
                Name,
            ),
            ("Hugh Hill, a doctor, said", "said", "Hugh Hill", Name),
            (
                "Secretary of State John Kerry told",
                "told",
                "Secretary of State John Kerry",
                Name,
            ),
            (
                "The Pentagon chief repeatedly warned",
                "warned",
                "The Pentagon chief",
                Nominal,
            ),
            // A relative clause's speaker is its antecedent, without the verb before a name.
            ("He looked at Ben, who said", "said", "Ben", Name),
            (
                "Then he addressed Mr. Gradgrind, who answered",
                "answered",
                "Mr. Gradgrind",
                Name,
            ),
            (
                "Alice saw the White Rabbit, who said",
                "said",
                "the White Rabbit",
                Name,
            ),
            ("a young man who said", "said", "a young man", Nominal),
            // A noun phrase after a preposition is no subject; the pronoun or the relative
            // before it is.
            (
                "to Isabella, who in a voice of cold resentment said",
                "said",
                "Isabella",
                Name,
            ),
            ("he in a low voice said", "said", "he", Pronoun),
            (
                "A spokesman for the campaign said",
                "said",
                "the campaign",
                Nominal,
            ),
            ("At luncheon Tony said", "said", "Tony", Name),
            // Adverbs between the subject and its verb.
            ("Isabella thus explained", "explained", "Isabella", Name),
            ("Trump now says", "says", "Trump", Name),
            ("At dinner the host said", "said", "the host", Nominal),
            (
                "Under Secretary Jane Doe said",
                "said",
                "Under Secretary Jane Doe",
                Name,
            ),
        ];
        for (text, cue, want, kind) in cases {
            assert_eq!(subject(text, cue), Some((want.to_string(), kind)), "{text}");
        }
        assert_eq!(subject(", said", "said"), None);
        assert_eq!(subject("Tony stopped and after a time said", "said"), None);
        assert_eq!(subject("and in a constrained manner said", "said"), None);
    }

    #[test]
    fn contracted_pronouns_are_pronouns() {
        assert_eq!(subject_pronoun("he’s"), Some("he"));
        assert_eq!(subject_pronoun("she'd"), Some("she"));
        assert_eq!(subject_pronoun("they"), Some("they"));
        assert_eq!(subject_pronoun("hers"), None);
        assert_eq!(subject_pronoun("chef’s"), None);
        assert_eq!(
            subject("He’s claiming that it works.", "claiming"),
            Some(("He’s".into(), MentionKind::Pronoun))
        );
    }

    #[test]
    fn mentions_after_inverted_cues_stay_in_their_sentence() {
        let doc = segment("\" Good night , \" said the parson .\nThe pedestrian walked on .");
        let said = (0..doc.tokens.len())
            .find(|&i| doc.token_text(i) == "said")
            .unwrap();
        let mention = doc.mention_from(said + 1, doc.tokens.len()).unwrap();
        assert_eq!(doc.slice(mention.span), "the parson");
    }

    #[test]
    fn mentions_after_inverted_cues() {
        let cases = [
            ("said Esper.", "said", Some("Esper")),
            ("said John Smith, a spokesman", "said", Some("John Smith")),
            (
                "according to the Pentagon chief, the deal",
                "to",
                Some("the Pentagon chief"),
            ),
            // A description opening its clause (`x` stands for what comes before).
            (
                "x The Pentagon chief declined",
                "x",
                Some("The Pentagon chief"),
            ),
            ("said he.", "said", Some("he")),
            (
                "said Hamidullah rather indifferently.",
                "said",
                Some("Hamidullah"),
            ),
            (
                "said America's prison chief",
                "said",
                Some("America's prison chief"),
            ),
            ("said , then", "said", None),
            // A degree word ends the name before it.
            ("said the King very decidedly.", "said", Some("the King")),
            // An article starts another phrase, unless after `of`; a capital `A.` is an initial.
            (
                "said the man a little impatiently;",
                "said",
                Some("the man"),
            ),
            (
                "said the secretary of the treasury.",
                "said",
                Some("the secretary of the treasury"),
            ),
            ("said Julie A. Diaz.", "said", Some("Julie A. Diaz")),
        ];
        for (text, cue, expected) in cases {
            assert_eq!(after(text, cue).as_deref(), expected, "{text}");
        }
    }
}
