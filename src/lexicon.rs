//! The cue lexicon: speech and cognition verbs in every inflection, built once.
//!
//! Verbs come in two strengths. *Speech* verbs (`say`, `warn`, `tell`) attribute a quotation or
//! a clause on their own; *belief* verbs (`believe`, `find`, `show`) attribute only an explicit
//! `that` clause, since "they found the car" reports nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How strongly a verb signals an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    /// A verb of saying: attributes quotes, `that` clauses and bare clauses.
    Speech,
    /// A verb of thinking or finding: attributes explicit `that` clauses only.
    Belief,
}

/// Which inflection a cue word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// `say`, `says`, `said`: a finite verb with a subject.
    Finite,
    /// `saying`, `noting`: a participle, whose speaker is its sentence's subject.
    Participle,
}

/// What the lexicon knows about one cue word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueWord {
    /// Speech or belief.
    pub strength: CueStrength,
    /// Finite or participle.
    pub form: CueForm,
}

/// Speech verbs: base form, or `base/third/past/ing` where the regular rules do not apply.
const SPEECH_VERBS: &[&str] = &[
    "say/says/said/saying",
    "tell/tells/told/telling",
    "add",
    "note",
    "argue",
    "insist",
    "warn",
    "claim",
    "state",
    "explain",
    "announce",
    "declare",
    "assert",
    "report",
    "write/writes/wrote/writing",
    "tweet",
    "post",
    "blog/blogs/blogged/blogging",
    "ask",
    "answer",
    "reply",
    "respond",
    "acknowledge",
    "admit/admits/admitted/admitting",
    "agree",
    "deny",
    "confirm",
    "contend",
    "maintain",
    "observe",
    "predict",
    "promise",
    "recall",
    "remark",
    "reveal",
    "stress",
    "emphasize",
    "emphasise",
    "testify",
    "urge",
    "vow",
    "caution",
    "complain",
    "concede",
    "conclude",
    "comment",
    "mention",
    "quip/quips/quipped/quipping",
    "joke",
    "boast",
    "charge",
    "accuse",
    "allege",
    "shout",
    "yell",
    "scream",
    "whisper",
    "mutter",
    "exclaim",
    "reiterate",
    "recount",
    "repeat",
    "retort",
    "counter",
    "demand",
    "propose",
    "assure",
    "threaten",
    "pledge",
    "estimate",
    "speculate",
    "suggest",
    "continue",
    "tout",
    "lament",
    "concur/concurs/concurred/concurring",
    "rebut/rebuts/rebutted/rebutting",
    "point",
    "pointed",
    "brag/brags/bragged/bragging",
    "chant",
    "cry",
    "snap/snaps/snapped/snapping",
    "describe",
    "criticize",
    "criticise",
    "attack",
    "call",
    "dismiss",
    "question",
    "wonder",
    "remind",
    "inform",
    "advise",
    "brief",
    "disclose",
    "signal",
    "clarify",
    "object",
    "protest",
    "plead",
    "beg/begs/begged/begging",
];

/// Speech verbs of dialogue in fiction (`Ronny murmured, "Not at all."`), rare in news.
const DIALOGUE_VERBS: &[&str] = &[
    "murmur",
    "inquire",
    "enquire",
    "rejoin",
    "sigh",
    "gasp",
    "groan",
    "sneer",
    "stammer",
    "stutter",
    "growl",
    "bellow",
    "roar",
    "hiss",
    "sob/sobs/sobbed/sobbing",
    "moan",
    "interrupt",
    "interpose",
    "whimper",
    "chuckle",
    "drawl",
    "lisp",
    "falter",
    "grumble",
    "mumble",
    "shriek",
    "squeak",
];

/// Belief and evidence verbs: attribute an explicit `that` clause only.
const BELIEF_VERBS: &[&str] = &[
    "believe",
    "think/thinks/thought/thinking",
    "feel/feels/felt/feeling",
    "fear",
    "hope",
    "expect",
    "worry",
    "know/knows/knew/knowing",
    "find/finds/found/finding",
    "show/shows/showed/showing",
    "indicate",
    "learn",
    "understand/understands/understood/understanding",
    "doubt",
    "suspect",
    "assume",
    "realize",
    "realise",
    "hear/hears/heard/hearing",
    "recognize",
    "recognise",
    "imply",
    "guess",
    "determine",
    "read/reads/read/reading",
    "see/sees/saw/seeing",
];

/// Words that are inflections of a listed verb but mostly something else in news text.
const AMBIGUOUS_FORMS: &[&str] = &[
    "post",
    "posts",
    "report",
    "reports",
    "state",
    "states",
    "call",
    "calls",
    "point",
    "points",
    "answer",
    "answers",
    "charge",
    "charges",
    "counter",
    "object",
    "objects",
    "brief",
    "signal",
    "signals",
    "question",
    "questions",
    "attack",
    "attacks",
    "comment",
    "comments",
    "cry",
    "hope",
    "fear",
    "fears",
    "read",
    "found",
    "see",
    "know",
    "worry",
    "doubt",
    "guess",
    "estimate",
    "estimates",
    "promise",
    "promises",
    "joke",
    "jokes",
    "tweet",
    "tweets",
    "protest",
    "protests",
    "demand",
    "demands",
    "continue",
    "pointed",
    "repeat",
];

/// Inflections of a regular verb: base, third person, past, present participle.
fn regular_inflections(base: &str) -> [String; 4] {
    let stem_e = base.strip_suffix('e').filter(|s| !s.ends_with('e'));
    let consonant_y = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']));
    let third = if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let past = match (consonant_y, base.ends_with('e')) {
        (Some(stem), _) => format!("{stem}ied"),
        (None, true) => format!("{base}d"),
        (None, false) => format!("{base}ed"),
    };
    let ing = match stem_e {
        Some(stem) => format!("{stem}ing"),
        None => format!("{base}ing"),
    };
    [base.to_string(), third, past, ing]
}

fn inflections(entry: &str) -> [String; 4] {
    let parts: Vec<&str> = entry.split('/').collect();
    match parts.as_slice() {
        [base, third, past, ing] => [
            base.to_string(),
            third.to_string(),
            past.to_string(),
            ing.to_string(),
        ],
        _ => regular_inflections(entry),
    }
}

fn build() -> HashMap<String, CueWord> {
    let mut words = HashMap::new();
    for (list, strength) in [
        (BELIEF_VERBS, CueStrength::Belief),
        (SPEECH_VERBS, CueStrength::Speech),
        (DIALOGUE_VERBS, CueStrength::Speech),
    ] {
        for entry in list {
            let [base, third, past, ing] = inflections(entry);
            for (word, form) in [
                (base, CueForm::Finite),
                (third, CueForm::Finite),
                (past, CueForm::Finite),
                (ing, CueForm::Participle),
            ] {
                words.insert(word, CueWord { strength, form });
            }
        }
    }
    words
}

/// Looks up a lower-cased word in the cue lexicon.
pub fn cue_word(lower: &str) -> Option<CueWord> {
    static LEXICON: OnceLock<HashMap<String, CueWord>> = OnceLock::new();
    LEXICON.get_or_init(build).get(lower).copied()
}

/// Whether a cue word is too often a noun or an unrelated verb to trust without a `that`.
pub fn is_ambiguous(lower: &str) -> bool {
    AMBIGUOUS_FORMS.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs_get_every_inflection() {
        assert_eq!(
            regular_inflections("note"),
            ["note", "notes", "noted", "noting"].map(String::from)
        );
        assert_eq!(
            regular_inflections("deny"),
            ["deny", "denies", "denied", "denying"].map(String::from)
        );
        assert_eq!(
            regular_inflections("stress"),
            ["stress", "stresses", "stressed", "stressing"].map(String::from)
        );
        assert_eq!(
            regular_inflections("agree"),
            ["agree", "agrees", "agreed", "agreeing"].map(String::from)
        );
    }

    #[test]
    fn lexicon_knows_forms_and_strengths() {
        let said = cue_word("said").unwrap();
        assert_eq!(said.strength, CueStrength::Speech);
        assert_eq!(said.form, CueForm::Finite);
        assert_eq!(cue_word("noting").unwrap().form, CueForm::Participle);
        assert_eq!(cue_word("admitted").unwrap().strength, CueStrength::Speech);
        assert_eq!(cue_word("believes").unwrap().strength, CueStrength::Belief);
        assert_eq!(cue_word("wrote").unwrap().form, CueForm::Finite);
        assert!(cue_word("table").is_none());
        assert!(cue_word("quoted").is_none(), "an intermediary, never a cue");
    }
}
