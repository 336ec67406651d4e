//! The learned speaker ranker for dialogue: every quote's candidate speakers, their features,
//! and the scorer that picks one.
//!
//! The candidates of a quote are the people named (outside quoted speech, so a name inside
//! the quote is never a candidate for its own reason) from [`WINDOW_BEFORE`] paragraphs
//! before it to [`WINDOW_AFTER`] after it, the speakers the rules gave the turns around it,
//! the rules' own choice and the first-person narrator. Each (quote, candidate) pair is a
//! fixed vector of hand features ([`FEATURES`]): what the rules decided, how near and where
//! the candidate is named, who spoke the turns around the quote, who the neighbouring turns
//! address, gender agreement with a pronoun source. A one-hidden-layer network scores each
//! pair; the softmax over a quote's candidates gives the chosen speaker's probability, the
//! decision's score. `src/train_speakers.rs` trains it; `models/speaker-ranker/` is the
//! shipped model.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::dialogue::{addressed_gender, quote_names, QuoteNames, Turns, CHAIN_REACH};
use super::lexicon::{noun_gender, pronoun_gender, Gender};
use super::{Context, Decision};
use crate::error::{Error, Result};
use crate::mention::MentionKind;
use crate::schema::{AttributionKind, EntityKind, ResolutionRule};

/// Paragraphs before a quote whose names are candidates.
const WINDOW_BEFORE: usize = 10;

/// Paragraphs after a quote whose names are candidates.
const WINDOW_AFTER: usize = 2;

/// The turns (relative to the quote's) whose speakers, as the rules decided them, are
/// features and candidates.
const TURN_STEPS: [isize; 6] = [-1, -2, -3, -4, 1, 2];

/// How many turns back the last turn of a candidate is looked for.
const TURNS_BACK: usize = 8;

/// The rules a quote's own decision may come from, one feature each.
const RULES: [ResolutionRule; 12] = [
    ResolutionRule::Name,
    ResolutionRule::Pronoun,
    ResolutionRule::PronounTurnTaking,
    ResolutionRule::Description,
    ResolutionRule::DescriptionLastSpeaker,
    ResolutionRule::SameParagraph,
    ResolutionRule::Inherited,
    ResolutionRule::Narrative,
    ResolutionRule::TurnTaking,
    ResolutionRule::Vocative,
    ResolutionRule::OtherParticipant,
    ResolutionRule::Unresolved,
];

/// How many features a (quote, candidate) pair has.
pub const FEATURE_COUNT: usize = 77;

/// The features' names, in vector order: `q_` features describe the quote, `c_` features the
/// candidate.
pub const FEATURES: [&str; FEATURE_COUNT] = [
    "q_rule_name",
    "q_rule_pronoun",
    "q_rule_pronoun_turn_taking",
    "q_rule_description",
    "q_rule_description_last_speaker",
    "q_rule_same_paragraph",
    "q_rule_inherited",
    "q_rule_narrative",
    "q_rule_turn_taking",
    "q_rule_vocative",
    "q_rule_other_participant",
    "q_rule_unresolved",
    "q_rule_score",
    "q_source_name",
    "q_source_pronoun",
    "q_source_description",
    "q_no_source",
    "q_log_length",
    "q_first_in_paragraph",
    "q_log_candidates",
    "c_rule_choice",
    "c_named_before",
    "c_paragraphs_before",
    "c_log_chars_before",
    "c_most_recent",
    "c_second_most_recent",
    "c_third_most_recent",
    "c_named_after",
    "c_paragraphs_after",
    "c_in_paragraph_before",
    "c_in_paragraph_after",
    "c_first_in_paragraph",
    "c_named_previous_paragraph",
    "c_spoke_turn_minus_1",
    "c_spoke_turn_minus_2",
    "c_spoke_turn_minus_3",
    "c_spoke_turn_minus_4",
    "c_spoke_turn_plus_1",
    "c_spoke_turn_plus_2",
    "c_log_turns_spoken",
    "c_addressed_previous_turn",
    "c_addressed_next_turn",
    "c_addressed_here",
    "c_gender_agrees",
    "c_gender_clashes",
    "c_male",
    "c_female",
    "c_narrator",
    "c_log_mentions_document",
    "c_log_mentions_window",
    "c_person_like",
    "c_description",
    "c_speaks_same_paragraph",
    "c_nearest_of_gender",
    "c_second_nearest_of_gender",
    "c_turns_since_spoke",
    "c_named_here",
    "c_named_previous_turn",
    "c_gender_addressed_here",
    "c_gender_addressed_previous_turn",
    "c_gender_addressed_next_turn",
    "c_named_turns_same_side",
    "c_named_turns_other_side",
    "c_narration_gender_agrees",
    "c_narration_gender_clashes",
    "c_object_in_paragraph",
    "c_share_of_document_turns",
    "q_narration_before",
    "q_previous_turn_asks",
    "c_first_in_narration_before",
    "c_narration_before_gender_agrees",
    "c_spoke_turn_minus_1_score",
    "c_spoke_turn_minus_2_score",
    "c_spoke_turn_minus_3_score",
    "c_spoke_turn_minus_4_score",
    "c_spoke_turn_plus_1_score",
    "c_spoke_turn_plus_2_score",
];

/// One candidate speaker of a quote: its entity (cluster) and features.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Candidate {
    /// The cluster.
    pub cluster: usize,
    /// The pair's features, in [`FEATURES`] order.
    pub features: [f32; FEATURE_COUNT],
}

/// Where and how often a candidate is named around a quote.
#[derive(Debug, Clone, Default)]
struct Named {
    /// Bytes from the end of its nearest mention before the quote to the quote's start.
    chars_before: Option<usize>,
    /// Paragraphs from its nearest mention before the quote.
    paragraphs_before: Option<usize>,
    /// Paragraphs to its nearest mention after the quote.
    paragraphs_after: Option<usize>,
    in_paragraph_before: bool,
    in_paragraph_after: bool,
    previous_paragraph: bool,
    /// Named in the quote's paragraph after a preposition (`said to the Knave`, `looked at
    /// Emma`): more often the one spoken to.
    object_in_paragraph: bool,
    mentions: usize,
}

/// The candidates of every attribution, each with its features; empty for indirect speech
/// and outside fiction. `rules` are the rules' decisions, `decisions` the current ones (the
/// rules', or the previous ranker pass's), which give the speakers of the turns around.
pub(super) fn candidates(
    context: &Context,
    rules: &[Decision],
    decisions: &[Decision],
) -> Vec<Vec<Candidate>> {
    if !context.names.fiction {
        return vec![Vec::new(); context.found.len()];
    }
    let turns = Turns::new(context);
    let whole = WholeDocument::new(context, decisions);
    (0..context.found.len())
        .map(|index| quote_candidates(context, &turns, &whole, rules, decisions, index))
        .collect()
}

/// What the features read from the whole document, computed once per pass so that the
/// candidates of each quote take constant time to read it.
struct WholeDocument {
    /// How many of the document's quotes the current pass gives each speaker.
    spoken: HashMap<usize, usize>,
    quotes: usize,
    /// Per paragraph, the gender of the first `he` or `she` of its narration.
    narration: Vec<Gender>,
}

impl WholeDocument {
    fn new(context: &Context, decisions: &[Decision]) -> WholeDocument {
        let mut spoken: HashMap<usize, usize> = HashMap::new();
        for c in decisions.iter().filter_map(|d| d.speaker) {
            *spoken.entry(c).or_default() += 1;
        }
        WholeDocument {
            spoken,
            quotes: decisions.len(),
            narration: narration_genders(context),
        }
    }

    /// The share of the document's quotes the current pass gives `cluster`.
    fn share(&self, cluster: usize) -> f32 {
        self.spoken.get(&cluster).copied().unwrap_or(0) as f32 / self.quotes.max(1) as f32
    }
}

/// The paragraph holding byte `byte`.
fn paragraph_at(context: &Context, byte: usize) -> usize {
    let paragraphs = &context.doc.paragraphs;
    paragraphs
        .partition_point(|p| p.span.end <= byte)
        .min(paragraphs.len().saturating_sub(1))
}

/// The clusters the quotes of paragraph `p` name (`which` names: all, or the vocatives).
fn named_in_quotes(
    context: &Context,
    turns: &Turns,
    p: Option<usize>,
    which: QuoteNames,
) -> Vec<usize> {
    p.map(|p| {
        quote_names(context, turns, p, which)
            .iter()
            .filter_map(|m| context.names.lookup(m))
            .collect()
    })
    .unwrap_or_default()
}

/// The gender the quotes of paragraph `p` address (`sir`, `ma'am`), if any.
fn addressed_gender_at(context: &Context, turns: &Turns, p: Option<usize>) -> Gender {
    p.map_or(Gender::Unknown, |p| addressed_gender(context, turns, p))
}

/// The gender a source mention gives its speaker: `he`, `she`, `his wife`.
fn source_gender(context: &Context, index: usize) -> Gender {
    let Some(source) = context.found[index].source else {
        return Gender::Unknown;
    };
    let doc = context.doc;
    let lower = doc.lower(source.first);
    let word = crate::mention::subject_pronoun(&lower).unwrap_or(&lower);
    match (source.kind, word) {
        (MentionKind::Pronoun, "he") => Gender::Male,
        (MentionKind::Pronoun, "she") => Gender::Female,
        (MentionKind::Nominal, _) => {
            noun_gender(&doc.lower(source.last)).unwrap_or(Gender::Unknown)
        }
        _ => Gender::Unknown,
    }
}

/// Whether the last quote of turn paragraph `p` ends in a question mark.
fn asks(context: &Context, turns: &Turns, p: usize) -> bool {
    let last = turns.by_paragraph.get(&p).and_then(|v| v.last());
    last.and_then(|&i| context.found[i].content.last())
        .is_some_and(|span| {
            context
                .doc
                .slice(*span)
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?')
                .ends_with('?')
        })
}

/// Whether the word before byte `start` is a preposition that takes the one spoken or acted
/// to (`to`, `at`, `with`), skipping `the`.
fn after_preposition(doc: &crate::document::Document, start: usize) -> bool {
    let mut t = doc.token_at_or_after(start);
    if t > 0 && doc.lower(t - 1) == "the" {
        t -= 1;
    }
    t > 0
        && matches!(
            doc.lower(t - 1).as_str(),
            "to" | "at" | "with" | "towards" | "toward"
        )
}

/// Per paragraph, the gender of the first `he` or `she` of its narration, outside quotes
/// (`"Then she's mad." He nodded.`): an uncued turn is most often spoken by the one the
/// narration beside it is about. One pass over the tokens.
fn narration_genders(context: &Context) -> Vec<Gender> {
    let doc = context.doc;
    let mut genders = vec![Gender::Unknown; doc.paragraphs.len()];
    for (i, token) in doc.tokens.iter().enumerate() {
        let Some(gender) = pronoun_gender(doc.token_text(i)) else {
            continue;
        };
        let p = doc.paragraph_of_token(i);
        if genders[p] == Gender::Unknown && !context.quoted.overlaps(token.span) {
            genders[p] = gender;
        }
    }
    genders
}

/// The candidates of attribution `index` with their features.
fn quote_candidates(
    context: &Context,
    turns: &Turns,
    whole: &WholeDocument,
    rules: &[Decision],
    decisions: &[Decision],
    index: usize,
) -> Vec<Candidate> {
    let found = &context.found[index];
    if found.kind == AttributionKind::Indirect || context.doc.paragraphs.is_empty() {
        return Vec::new();
    }
    let doc = context.doc;
    let names = context.names;
    let start = found.start();
    let end = found.content.last().map_or(start, |c| c.end);
    let p = turns.paragraph[index];
    let last_paragraph = doc.paragraphs.len() - 1;
    let window = crate::document::Span::new(
        doc.paragraphs[p.saturating_sub(WINDOW_BEFORE)].span.start,
        doc.paragraphs[(p + WINDOW_AFTER).min(last_paragraph)]
            .span
            .end,
    );
    // Every person named in the window, in order of first mention, with where they are named.
    let mut order: Vec<usize> = Vec::new();
    let mut named: HashMap<usize, Named> = HashMap::new();
    let mut first_in_paragraph = None;
    // `"How do you like them?" he asked.` + `Aziz shook his head.` + `"Why?"`: a paragraph of
    // narration alone between the turn before and this one. Whom it is about has often
    // answered without words, and the one who spoke before speaks again.
    let narration_before = p
        .checked_sub(1)
        .filter(|&q| !turns.by_paragraph.contains_key(&q))
        .filter(|&q| turns.step(p, -1).is_some_and(|turn| turn < q));
    let mut first_in_narration = None;
    for n in names.within(window) {
        let mention = &names.mentions[n];
        let cluster = names.cluster[n];
        if mention.kind != EntityKind::Person {
            continue;
        }
        let q = paragraph_at(context, mention.span.start);
        let entry = named.entry(cluster).or_insert_with(|| {
            order.push(cluster);
            Named::default()
        });
        entry.mentions += 1;
        if mention.span.end <= start {
            entry.chars_before = Some(start - mention.span.end);
            entry.paragraphs_before = Some(p - q.min(p));
            entry.in_paragraph_before |= q == p;
        } else if mention.span.start >= end && entry.paragraphs_after.is_none() {
            entry.paragraphs_after = Some(q.saturating_sub(p));
        }
        entry.in_paragraph_after |= q == p && mention.span.start >= start;
        entry.previous_paragraph |= q + 1 == p;
        entry.object_in_paragraph |= q == p && after_preposition(doc, mention.span.start);
        if q == p && first_in_paragraph.is_none() {
            first_in_paragraph = Some(cluster);
        }
        if Some(q) == narration_before && first_in_narration.is_none() {
            first_in_narration = Some(cluster);
        }
    }
    // With the score of their decision: a link the pass before was unsure of counts for less.
    let scored_turn_speakers: Vec<Option<(usize, f32)>> = TURN_STEPS
        .iter()
        .map(|&steps| {
            turns
                .step(p, steps)
                .and_then(|q| turns.scored_speaker(context, decisions, q))
        })
        .collect();
    let turn_speakers: Vec<Option<usize>> = scored_turn_speakers
        .iter()
        .map(|s| s.map(|(c, _)| c))
        .collect();
    let turn_score = |k: usize, cluster: usize| {
        scored_turn_speakers[k]
            .filter(|&(c, _)| c == cluster)
            .map_or(0.0, |(_, score)| score)
    };
    let rule_choice = rules[index].speaker;
    let extra = turn_speakers
        .iter()
        .flatten()
        .copied()
        .chain(rule_choice)
        .chain(decisions[index].speaker)
        .chain(context.narrator);
    // Whoever the current pass gives a turn in the window is a candidate too, named there or
    // not (`Tony` speaks a page of turns in which only `Brenda` is named).
    let found_all = context.found;
    let first = found_all.partition_point(|f| f.start() < window.start);
    let last = found_all.partition_point(|f| f.start() < window.end);
    let speakers_in_window = (first..last)
        .filter(|&j| j != index)
        .filter_map(|j| decisions[j].speaker);
    for cluster in extra.chain(speakers_in_window) {
        named.entry(cluster).or_insert_with(|| {
            order.push(cluster);
            Named::default()
        });
    }
    // Recency rank: by the nearest mention before the quote.
    let mut recent: Vec<(usize, usize)> = order
        .iter()
        .filter_map(|c| named[c].chars_before.map(|d| (d, *c)))
        .collect();
    recent.sort_unstable();
    let rank = |c: usize| recent.iter().position(|&(_, r)| r == c);
    // Turns spoken in the window, by speaker.
    let mut spoken: HashMap<usize, usize> = HashMap::new();
    for j in (first..last).filter(|&j| j != index) {
        if let Some(c) = decisions[j].speaker {
            *spoken.entry(c).or_default() += 1;
        }
    }
    // How many turns back each speaker last spoke.
    let mut since: HashMap<usize, usize> = HashMap::new();
    for back in 1..=TURNS_BACK {
        let Some(q) = turns.step(p, -(back as isize)) else {
            break;
        };
        if let Some(c) = turns.speaker(context, decisions, q) {
            since.entry(c).or_insert(back);
        }
    }
    let same_paragraph: Vec<usize> = turns
        .by_paragraph
        .get(&p)
        .into_iter()
        .flatten()
        .filter(|&&j| j != index)
        .filter_map(|&j| decisions[j].speaker)
        .collect();
    // Who the turns of each side of the conversation are given to by name (`said Tony`):
    // anchors the rules' chains of alternation cannot corrupt.
    let mut named_sides: [HashMap<usize, usize>; 2] = Default::default();
    for d in 1..=CHAIN_REACH as isize {
        for q in [turns.step(p, -d), turns.step(p, d)].into_iter().flatten() {
            let anchors = turns.by_paragraph.get(&q).into_iter().flatten();
            let named = anchors
                .filter(|&&j| rules[j].rule == ResolutionRule::Name)
                .find_map(|&j| rules[j].speaker);
            if let Some(c) = named {
                *named_sides[(d % 2) as usize].entry(c).or_default() += 1;
            }
        }
    }
    let (previous_turn, next_turn) = (turns.step(p, -1), turns.step(p, 1));
    let addressed_previous = named_in_quotes(context, turns, previous_turn, QuoteNames::Vocatives);
    let addressed_next = named_in_quotes(context, turns, next_turn, QuoteNames::Vocatives);
    let addressed_here = named_in_quotes(context, turns, Some(p), QuoteNames::Vocatives);
    let named_here = named_in_quotes(context, turns, Some(p), QuoteNames::All);
    let named_previous = named_in_quotes(context, turns, previous_turn, QuoteNames::All);
    // `"Yes, sir."`: the gender each turn addresses; its speaker is seldom of it.
    let gender_addressed = [
        addressed_gender_at(context, turns, Some(p)),
        addressed_gender_at(context, turns, previous_turn),
        addressed_gender_at(context, turns, next_turn),
    ];
    let gender = source_gender(context, index);
    let narration = whole.narration[p];
    let narration_before_gender = narration_before.map_or(Gender::Unknown, |q| whole.narration[q]);
    let previous_asks = previous_turn.is_some_and(|q| asks(context, turns, q));
    // The candidates of the source's gender, nearest named first.
    let of_gender: Vec<usize> = recent
        .iter()
        .map(|&(_, c)| c)
        .filter(|&c| gender != Gender::Unknown && names.clusters[c].gender == gender)
        .take(2)
        .collect();
    let decision = rules[index];
    let mut quote = [0.0f32; 20];
    if let Some(r) = RULES.iter().position(|&r| r == decision.rule) {
        quote[r] = 1.0;
    }
    quote[12] = decision.score;
    match found.source.map(|s| s.kind) {
        Some(MentionKind::Name) => quote[13] = 1.0,
        Some(MentionKind::Pronoun) => quote[14] = 1.0,
        Some(MentionKind::Nominal) => quote[15] = 1.0,
        None => quote[16] = 1.0,
    }
    quote[17] = ((end - start) as f32).ln_1p() / 8.0;
    quote[18] = flag(turns.by_paragraph.get(&p).and_then(|v| v.first()) == Some(&index));
    quote[19] = (order.len() as f32).ln_1p() / 3.0;
    let log = |count: usize, scale: f32| (count as f32).ln_1p() / scale;
    order
        .iter()
        .map(|&cluster| {
            let at = &named[&cluster];
            let entity = &names.clusters[cluster];
            let place = rank(cluster);
            let mut features = [0.0f32; FEATURE_COUNT];
            features[..20].copy_from_slice(&quote);
            let candidate = [
                flag(rule_choice == Some(cluster)),
                flag(at.chars_before.is_some()),
                at.paragraphs_before
                    .map_or(1.0, |d| d.min(WINDOW_BEFORE) as f32 / WINDOW_BEFORE as f32),
                at.chars_before.map_or(1.0, |d| log(d, 10.0)),
                flag(place == Some(0)),
                flag(place == Some(1)),
                flag(place == Some(2)),
                flag(at.paragraphs_after.is_some()),
                at.paragraphs_after
                    .map_or(1.0, |d| d as f32 / WINDOW_AFTER as f32),
                flag(at.in_paragraph_before),
                flag(at.in_paragraph_after),
                flag(first_in_paragraph == Some(cluster)),
                flag(at.previous_paragraph),
                flag(turn_speakers[0] == Some(cluster)),
                flag(turn_speakers[1] == Some(cluster)),
                flag(turn_speakers[2] == Some(cluster)),
                flag(turn_speakers[3] == Some(cluster)),
                flag(turn_speakers[4] == Some(cluster)),
                flag(turn_speakers[5] == Some(cluster)),
                log(spoken.get(&cluster).copied().unwrap_or(0), 3.0),
                flag(addressed_previous.contains(&cluster)),
                flag(addressed_next.contains(&cluster)),
                flag(addressed_here.contains(&cluster)),
                flag(gender != Gender::Unknown && entity.gender == gender),
                flag(gender != Gender::Unknown && !entity.agrees(gender)),
                flag(entity.gender == Gender::Male),
                flag(entity.gender == Gender::Female),
                flag(context.narrator == Some(cluster)),
                log(entity.mention_count(), 5.0),
                log(at.mentions, 3.0),
                flag(entity.person_like(true)),
                flag(entity.description),
                flag(same_paragraph.contains(&cluster)),
                flag(of_gender.first() == Some(&cluster)),
                flag(of_gender.get(1) == Some(&cluster)),
                since
                    .get(&cluster)
                    .map_or(1.0, |&b| b as f32 / TURNS_BACK as f32),
                flag(named_here.contains(&cluster)),
                flag(named_previous.contains(&cluster)),
                flag(entity.gender != Gender::Unknown && entity.gender == gender_addressed[0]),
                flag(entity.gender != Gender::Unknown && entity.gender == gender_addressed[1]),
                flag(entity.gender != Gender::Unknown && entity.gender == gender_addressed[2]),
                log(named_sides[0].get(&cluster).copied().unwrap_or(0), 2.0),
                log(named_sides[1].get(&cluster).copied().unwrap_or(0), 2.0),
                flag(narration != Gender::Unknown && entity.gender == narration),
                flag(narration != Gender::Unknown && !entity.agrees(narration)),
                flag(at.object_in_paragraph),
                whole.share(cluster),
                flag(narration_before.is_some()),
                flag(previous_asks),
                flag(first_in_narration == Some(cluster)),
                flag(
                    narration_before_gender != Gender::Unknown
                        && entity.gender == narration_before_gender,
                ),
                turn_score(0, cluster),
                turn_score(1, cluster),
                turn_score(2, cluster),
                turn_score(3, cluster),
                turn_score(4, cluster),
                turn_score(5, cluster),
            ];
            features[20..].copy_from_slice(&candidate);
            Candidate { cluster, features }
        })
        .collect()
}

/// 1 for true, 0 for false.
fn flag(value: bool) -> f32 {
    f32::from(u8::from(value))
}

/// The ranker's configuration, `config.json` of its model folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankerConfig {
    /// The feature names, in input order; must equal [`FEATURES`].
    pub features: Vec<String>,
    /// Width of each pass's hidden layer.
    pub hidden: usize,
    /// Rules whose decisions the ranker leaves as they are (`train-speakers --keep-rules`).
    pub keep_rules: Vec<ResolutionRule>,
    /// Rules whose decisions stand in the output although the passes rank their quotes too,
    /// so that the turns around those quotes are as the passes see them
    /// (`train-speakers --final-rules`). Absent in older folders: none.
    #[serde(default)]
    pub final_rules: Vec<ResolutionRule>,
    /// Per pass, the standardisation of its features.
    pub passes: Vec<Standardisation>,
}

/// Per-feature mean and scale: a feature enters the network as `(value - mean) / scale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standardisation {
    /// Per-feature mean.
    pub mean: Vec<f32>,
    /// Per-feature scale (standard deviation, 1 for a constant feature).
    pub scale: Vec<f32>,
}

/// The weights of one pass's network: standardised features → tanh hidden layer → logit.
#[derive(Debug, Clone, PartialEq)]
pub struct PassWeights {
    /// Hidden weights, row-major `[hidden][features]`.
    pub hidden_weight: Vec<f32>,
    /// Hidden biases.
    pub hidden_bias: Vec<f32>,
    /// Output weights, one per hidden unit.
    pub output_weight: Vec<f32>,
    /// Output bias.
    pub output_bias: f32,
}

/// The model folder's weights file.
pub const RANKER_WEIGHTS_FILE: &str = "speaker-ranker.safetensors";

/// The model folder's configuration file.
pub const RANKER_CONFIG_FILE: &str = "config.json";

/// The trained ranker: one network per pass. The first pass sees the turns around each quote
/// as the rules decided them, each later pass as the pass before decided them. Plain arrays,
/// so one instance serves every thread.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRanker {
    config: RankerConfig,
    passes: Vec<PassWeights>,
}

impl SpeakerRanker {
    /// A ranker from its configuration and each pass's weights.
    ///
    /// Fails with [`Error::Model`] when the feature list is not this version's or a size is off.
    pub fn new(config: RankerConfig, passes: Vec<PassWeights>) -> Result<Self> {
        if config.features.iter().map(String::as_str).ne(FEATURES) {
            return Err(Error::Model(
                "the speaker ranker was trained on other features than this version computes"
                    .into(),
            ));
        }
        if config.passes.len() != passes.len() || passes.is_empty() {
            return Err(Error::Model(format!(
                "speaker ranker: {} standardisations for {} passes",
                config.passes.len(),
                passes.len()
            )));
        }
        let h = config.hidden;
        for (standard, pass) in config.passes.iter().zip(&passes) {
            let sizes = [
                (standard.mean.len(), FEATURE_COUNT, "mean"),
                (standard.scale.len(), FEATURE_COUNT, "scale"),
                (pass.hidden_weight.len(), h * FEATURE_COUNT, "hidden weight"),
                (pass.hidden_bias.len(), h, "hidden bias"),
                (pass.output_weight.len(), h, "output weight"),
            ];
            for (got, wanted, what) in sizes {
                if got != wanted {
                    return Err(Error::Model(format!(
                        "speaker ranker {what}: {got} values, expected {wanted}"
                    )));
                }
            }
        }
        Ok(SpeakerRanker { config, passes })
    }

    /// Loads a model folder written by `quoteattr train-speakers`: `config.json` and
    /// `speaker-ranker.safetensors` (per pass `k`, tensors `pass{k}.hidden.weight`,
    /// `pass{k}.hidden.bias`, `pass{k}.output.weight`, `pass{k}.output.bias`).
    pub fn load(dir: &Path) -> Result<Self> {
        let config_path = dir.join(RANKER_CONFIG_FILE);
        let text = std::fs::read_to_string(&config_path).map_err(|e| Error::io(&config_path, e))?;
        let config: RankerConfig = serde_json::from_str(&text)
            .map_err(|e| Error::Model(format!("{}: {e}", config_path.display())))?;
        let weights_path = dir.join(RANKER_WEIGHTS_FILE);
        let tensors = tch::Tensor::read_safetensors(&weights_path)
            .map_err(|e| Error::Model(format!("{}: {e}", weights_path.display())))?;
        let mut tensors: HashMap<String, tch::Tensor> = tensors.into_iter().collect();
        let mut take = |name: String| -> Result<Vec<f32>> {
            let tensor = tensors.remove(&name).ok_or_else(|| {
                Error::Model(format!("{}: no tensor {name}", weights_path.display()))
            })?;
            Vec::<f32>::try_from(tensor.to_kind(tch::Kind::Float).flatten(0, -1))
                .map_err(|e| Error::Model(format!("{}: {name}: {e}", weights_path.display())))
        };
        let passes = (0..config.passes.len())
            .map(|k| {
                Ok(PassWeights {
                    hidden_weight: take(format!("pass{k}.hidden.weight"))?,
                    hidden_bias: take(format!("pass{k}.hidden.bias"))?,
                    output_weight: take(format!("pass{k}.output.weight"))?,
                    output_bias: take(format!("pass{k}.output.bias"))?
                        .first()
                        .copied()
                        .unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        SpeakerRanker::new(config, passes)
    }

    /// The configuration.
    pub fn config(&self) -> &RankerConfig {
        &self.config
    }

    /// Each pass's weights.
    pub fn pass_weights(&self) -> &[PassWeights] {
        &self.passes
    }

    /// How many passes it makes.
    pub fn passes(&self) -> usize {
        self.passes.len()
    }

    /// Pass `pass`'s logit for one (quote, candidate) feature vector.
    pub fn logit(&self, pass: usize, features: &[f32]) -> f32 {
        let (standard, weights) = (&self.config.passes[pass], &self.passes[pass]);
        let x: Vec<f32> = features
            .iter()
            .zip(&standard.mean)
            .zip(&standard.scale)
            .map(|((v, m), s)| (v - m) / s)
            .collect();
        let hidden = weights
            .hidden_weight
            .chunks(FEATURE_COUNT)
            .zip(&weights.hidden_bias)
            .map(|(row, b)| (row.iter().zip(&x).map(|(w, v)| w * v).sum::<f32>() + b).tanh());
        hidden
            .zip(&weights.output_weight)
            .map(|(h, w)| h * w)
            .sum::<f32>()
            + weights.output_bias
    }

    /// Pass `pass`'s decision among a quote's candidates: the best one, with its softmax
    /// probability.
    pub(super) fn decide(&self, pass: usize, candidates: &[Candidate]) -> Option<Decision> {
        let logits: Vec<f32> = candidates
            .iter()
            .map(|c| self.logit(pass, &c.features))
            .collect();
        let (best, top) = logits
            .iter()
            .copied()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        let total: f32 = logits.iter().map(|l| (l - top).exp()).sum();
        Some(Decision {
            speaker: Some(candidates[best].cluster),
            rule: ResolutionRule::Ranker,
            score: 1.0 / total,
        })
    }

    /// Whether the ranker leaves a decision by `rule` as the rules made it.
    pub(super) fn keeps(&self, rule: ResolutionRule) -> bool {
        self.config.keep_rules.contains(&rule)
    }

    /// Whether a decision by `rule` stands in the output once the passes are done.
    pub(super) fn defers_to(&self, rule: ResolutionRule) -> bool {
        self.config.final_rules.contains(&rule)
    }
}
