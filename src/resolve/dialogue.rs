//! Quotes without a source: floating quotes in news and turns of dialogue in fiction.
//!
//! A quote in the paragraph of an earlier attribution shares its speaker. In news a floating
//! quote inherits the previous attribution's speaker. A document is a dialogue when several
//! short quotes stand as paragraphs of their own (`"Hetton."`); there, sieves in order of
//! precision: the paragraph's narrative (`Mrs Beaver stood by the fire. "Heavens, ..."`),
//! the person the previous turn addressed (`"Thank you, Mrs Beaver."`), turn-taking (two
//! people alternate: turn `t` is spoken by whoever spoke `t - 2`, or `t + 2`), and the last
//! other person named. A pronoun source whose nearest candidate spoke the previous turn
//! is given to the other participant of that gender.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::document::{Document, Span, SpanSet, TokenKind};
use crate::mention::{Mention, MentionKind, PREPOSITIONS};
use crate::rules::Found;
use crate::schema::{AttributionKind, Method, ResolutionRule};

use super::lexicon::{self, noun_gender, pronoun_gender, Gender};
use super::names::{capitalised_run_end, name_mention, NameMention};
use super::{Context, Decision};

/// Uncued quotes of a paragraph of their own that make a document a dialogue.
const MIN_DIALOGUE_TURNS: usize = 3;

/// How far back (in attributions) the other participant of a conversation is looked for.
const PARTICIPANT_WINDOW: usize = 8;

/// How many tokens back the narration's last `I`, `me` or `my` is looked for.
const NARRATION_REACH: usize = 300;

/// Narrator turns (`I said`) that make a first-person narrator.
const MIN_NARRATOR_TURNS: usize = 3;

/// Vocatives beside narrator turns that name a narrator.
const MIN_NARRATOR_VOTES: usize = 2;

/// A narrator's name is heard beside at least one in this many of their turns.
const NARRATOR_SHARE: usize = 40;

/// Vocatives that name a narrator no turn beside theirs calls (see [`called_never_speaking`]).
const MIN_CALLED_NARRATOR: usize = 5;

/// Words of narrative between two turns that still leave them one conversation.
const NARRATIVE_GAP: usize = 30;

/// How many turns away (either way) turn-taking looks for the same side of a conversation, and
/// the speaker ranker counts the turns each side names.
pub(super) const CHAIN_REACH: usize = 8;

/// The attributions of each paragraph, the turns of conversation, and whether the document is
/// a dialogue.
pub(super) struct Turns {
    /// Paragraph index → attributions (indices into `found`) in it, in order.
    pub by_paragraph: HashMap<usize, Vec<usize>>,
    /// Paragraph of each attribution.
    pub paragraph: Vec<usize>,
    /// The paragraphs holding quoted speech (turns), in order.
    pub order: Vec<usize>,
    /// Paragraph → its position in `order`.
    pub position: HashMap<usize, usize>,
    /// Whether each turn continues the conversation of the turn before: besides quotes, cues
    /// and sources (`"Seven!"\nI answered.\n"Indeed, ..."` in texts of one sentence a line),
    /// at most a few words of narrative lie between them (`Harriet looked grave.`).
    linked: Vec<bool>,
    /// Whether the text has one sentence a line and no blank lines (a paragraph is a line).
    sentence_lines: bool,
    dialogue: bool,
}

impl Turns {
    pub fn new(context: &Context) -> Turns {
        let doc = context.doc;
        let paragraph: Vec<usize> = context
            .found
            .iter()
            .map(|f| doc.paragraph_at(f.start()))
            .collect();
        let mut by_paragraph: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut attached = context.quoted.clone();
        for (i, &p) in paragraph.iter().enumerate() {
            by_paragraph.entry(p).or_default().push(i);
            let found = &context.found[i];
            for span in found.cue.into_iter().chain(found.source.map(|s| s.span)) {
                attached.insert(span);
            }
        }
        let mut order: Vec<usize> = by_paragraph
            .iter()
            .filter(|(_, found)| {
                found
                    .iter()
                    .any(|&i| context.found[i].kind != AttributionKind::Indirect)
            })
            .map(|(&p, _)| p)
            .collect();
        order.sort_unstable();
        let linked = (0..order.len())
            .map(|k| {
                k > 0 && {
                    let between = Span::new(
                        doc.paragraphs[order[k - 1]].span.end,
                        doc.paragraphs[order[k]].span.start,
                    );
                    let first = doc.token_at_or_after(between.start);
                    let end = doc.token_at_or_after(between.end).min(doc.tokens.len());
                    (first..end)
                        .filter(|&t| {
                            doc.tokens[t].kind != TokenKind::Punct
                                && !attached.covers(doc.tokens[t].span)
                        })
                        .count()
                        <= NARRATIVE_GAP
                }
            })
            .collect();
        let position = order.iter().enumerate().map(|(k, &p)| (p, k)).collect();
        Turns {
            by_paragraph,
            paragraph,
            order,
            position,
            linked,
            sentence_lines: doc.paragraphs.len() > 1 && !doc.text.contains("\n\n"),
            dialogue: context.names.fiction,
        }
    }

    /// The speaker of paragraph `p`'s first quote with a decided speaker.
    pub fn speaker(&self, context: &Context, decisions: &[Decision], p: usize) -> Option<usize> {
        self.scored_speaker(context, decisions, p).map(|(c, _)| c)
    }

    /// [`Turns::speaker`] with the score of the decision that gave it.
    pub fn scored_speaker(
        &self,
        context: &Context,
        decisions: &[Decision],
        p: usize,
    ) -> Option<(usize, f32)> {
        self.by_paragraph.get(&p)?.iter().find_map(|&i| {
            let d = decisions[i];
            (context.found[i].kind != AttributionKind::Indirect)
                .then_some(d.speaker.map(|c| (c, d.score)))
                .flatten()
        })
    }

    /// The turn `steps` turns before (negative) or after turn paragraph `p` in the same
    /// conversation.
    pub fn step(&self, p: usize, steps: isize) -> Option<usize> {
        let mut k = *self.position.get(&p)?;
        for _ in 0..steps.unsigned_abs() {
            if steps < 0 {
                k = k.checked_sub(1).filter(|&j| self.linked[j + 1])?;
            } else {
                k = Some(k + 1).filter(|&j| self.linked.get(j) == Some(&true))?;
            }
        }
        Some(self.order[k])
    }
}

/// Whether a document is a dialogue (fiction): several uncued quotes stand as paragraphs of
/// their own (`"Hetton."`), which news seldom has.
pub(super) fn is_dialogue(doc: &Document, found: &[Found], quoted: &SpanSet) -> bool {
    let standalone = found
        .iter()
        .filter(|f| f.method == Method::FloatingQuote)
        .filter(|f| {
            let p = doc.paragraph_at(f.start());
            quote_only_paragraph(doc, quoted, p, f.start())
        })
        .count();
    standalone >= MIN_DIALOGUE_TURNS
}

/// Whether paragraph `p` is nothing but a quote starting at byte `start` (punctuation aside).
fn quote_only_paragraph(doc: &Document, quoted: &SpanSet, p: usize, start: usize) -> bool {
    let span = doc.paragraphs[p].span;
    let (first, end) = (
        doc.token_at_or_after(span.start),
        doc.token_at_or_after(span.end),
    );
    span.start + 3 >= start
        && (first..end.min(doc.tokens.len()))
            .all(|i| doc.tokens[i].kind == TokenKind::Punct || quoted.covers(doc.tokens[i].span))
}

/// Decides the speakers of quotes without one, in text order, so each sees the turns before.
pub(super) fn fill(context: &Context, decisions: &mut [Decision]) {
    let turns = Turns::new(context);
    if let Some(narrator) = context.narrator {
        for i in narrated(context) {
            decisions[i] = Decision::by(ResolutionRule::Pronoun, Some(narrator));
        }
    }
    name_epithets(context, &turns, decisions);
    let settled: Vec<Decision> = decisions.to_vec();
    for index in 0..decisions.len() {
        let found = &context.found[index];
        let decision = match found.source {
            Some(source) if is_the_other(context.doc, source) => {
                the_other(context, &turns, decisions, index)
            }
            Some(source) if source.kind != MentionKind::Name && turns.dialogue => {
                // `said a growly voice`, `it said`: a source that names nobody takes its turn
                // in the conversation as a quote without a source would.
                other_for_pronoun(context, &turns, decisions, index).or_else(|| {
                    (decisions[index].speaker.is_none() && names_one(context.doc, source))
                        .then(|| floating(context, &turns, decisions, &settled, index))
                        .flatten()
                })
            }
            Some(_) => None,
            None => floating(context, &turns, decisions, &settled, index),
        };
        if let Some(decision) = decision {
            decisions[index] = decision;
        }
    }
}

/// Votes that make a description a named person's epithet (see [`name_epithets`]).
const MIN_EPITHET_VOTES: usize = 3;

/// `said the girl` for Nance: a description that speaks as a person who is named elsewhere.
/// Two turns before and after each of its quotes, in a conversation of two, the same person
/// speaks, and the turns just before and after address them. When those turns' cues and
/// vocatives name one person of its gender often enough and for most of the votes, and no cue of
/// the turns just before or after names them (they are not the other participant), the
/// description is that person's epithet, and its quotes are theirs.
fn name_epithets(context: &Context, turns: &Turns, decisions: &mut [Decision]) {
    let names = context.names;
    let mut votes: HashMap<usize, HashMap<usize, (usize, usize)>> = HashMap::new();
    for (index, decision) in decisions.iter().enumerate() {
        let Some(described) = decision.speaker.filter(|&c| {
            decision.rule == ResolutionRule::Description && names.clusters[c].description
        }) else {
            continue;
        };
        let p = turns.paragraph[index];
        for steps in [-2, -1, 1, 2] {
            let Some(q) = turns.step(p, steps) else {
                continue;
            };
            let named = turns
                .by_paragraph
                .get(&q)
                .into_iter()
                .flatten()
                .map(|&i| decisions[i])
                .find(|d| d.rule == ResolutionRule::Name)
                .and_then(|d| d.speaker);
            // `"I am afraid I must be going, Basil."` + `"What is that?" said the painter`.
            let addressed = (steps.abs() == 1)
                .then(|| vocative(context, turns, q))
                .flatten();
            // (votes for, cues next to it): a cue two away or a vocative next to it is for.
            let cue = named.map(|c| (c, steps.abs() == 2));
            // Only people who may bear the epithet vote: `said Sikes` beside `the girl` is the
            // other participant, not a rival for her name.
            let gender = names.clusters[described].gender;
            for (person, is_for) in cue.into_iter().chain(addressed.map(|c| (c, true))) {
                if names.clusters[person].description || !names.clusters[person].agrees(gender) {
                    continue;
                }
                let entry = votes
                    .entry(described)
                    .or_default()
                    .entry(person)
                    .or_default();
                if is_for {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
        }
    }
    let mut epithets: HashMap<usize, usize> = HashMap::new();
    for (described, counts) in votes {
        let total: usize = counts.values().map(|c| c.0).sum();
        let best = counts
            .into_iter()
            .max_by_key(|&(person, count)| (count.0, std::cmp::Reverse(person)));
        if let Some((person, (count, adjacent))) = best {
            if count >= MIN_EPITHET_VOTES && 2 * count > total && adjacent == 0 {
                epithets.insert(described, person);
            }
        }
    }
    for decision in decisions.iter_mut() {
        if decision.rule != ResolutionRule::Description {
            continue;
        }
        if let Some(&person) = decision.speaker.and_then(|c| epithets.get(&c)) {
            decision.speaker = Some(person);
        }
    }
}

/// Whether a source that names nobody stands for one person all the same (`it said`, `said
/// a growly voice`, `said her mother's voice`), not for several or for anyone (`they`,
/// `someone`, `one of them`, `voices`).
fn names_one(doc: &Document, source: Mention) -> bool {
    !lexicon::is_group_or_anyone(&doc.lower(source.first))
        && !super::is_plural(&doc.lower(source.last))
}

/// Whether a source is the other party of a conversation: `the other`, `his companion`.
fn is_the_other(doc: &Document, source: Mention) -> bool {
    source.kind == MentionKind::Nominal
        && source.last == source.first + 1
        && matches!(
            doc.lower(source.first).as_str(),
            "the" | "his" | "her" | "my" | "their"
        )
        && matches!(
            doc.lower(source.last).as_str(),
            "other" | "companion" | "friend" | "visitor" | "interlocutor"
        )
}

/// `"Not yet," cried the other.`: whoever of the conversation did not speak the turn before;
/// the speaker two turns back, else the other participant.
fn the_other(
    context: &Context,
    turns: &Turns,
    decisions: &[Decision],
    index: usize,
) -> Option<Decision> {
    let p = turns.paragraph[index];
    let previous = turns
        .step(p, -1)
        .and_then(|q| turns.speaker(context, decisions, q));
    let before = turns
        .step(p, -2)
        .and_then(|q| turns.speaker(context, decisions, q))
        .filter(|&c| Some(c) != previous);
    let other = before.or_else(|| other_participant(context, decisions, index, previous?))?;
    Some(Decision::by(ResolutionRule::OtherParticipant, Some(other)))
}

/// Who the first-person narrator is: a known entity, a name heard only in others' speech, or
/// nobody named.
pub(super) enum Narrator {
    /// An entity named in the narration.
    Known(usize),
    /// A name only the other characters use (`"Well, Hastings?"`).
    New(NameMention),
    /// A narrator no name is found for, first referred to by the `I` at this span.
    Unnamed(Span),
}

/// `"Sure," I said.`: in a novel told in the first person, `I` outside quotes is the narrator,
/// whom the other side of the conversation addresses by name (`"Well, Jake," Bill said.`). The
/// name most often used by a vocative in the turn just before or after one of the narrator's,
/// less the names the narrator uses, is the narrator's; without a clear one, the name all the
/// turns call out most that never names a cue's speaker ([`called_never_speaking`]). Without
/// either the narrator is still someone: `the narrator`.
pub(super) fn narrator(context: &Context) -> Option<Narrator> {
    let turns = Turns::new(context);
    if !turns.dialogue {
        return None;
    }
    let narrated = narrated(context);
    if narrated.len() < MIN_NARRATOR_TURNS {
        return None;
    }
    // Ordered, so that the mention kept for each name is the first one in the text.
    let narrator_paragraphs: BTreeSet<usize> =
        narrated.iter().map(|&i| turns.paragraph[i]).collect();
    // A name counts as its entity when it has one, else by its words.
    let names = context.names;
    let key = |m: &NameMention| names.lookup(m).map_or_else(|| Err(m.key.clone()), Ok);
    // Whoever a cue names (`said Martha`) is not the narrator, however often called.
    let speaking = named_speakers(context);
    let mut votes: HashMap<Result<usize, Vec<String>>, (isize, NameMention)> = HashMap::new();
    for &p in &narrator_paragraphs {
        // For: named beside a narrator's turn; against: named by the narrator.
        let around = [turns.step(p, -1), turns.step(p, 1)];
        let others = around
            .into_iter()
            .flatten()
            .filter(|q| !narrator_paragraphs.contains(q));
        let heard = others.flat_map(|q| {
            quote_names(context, &turns, q, QuoteNames::VocativesBesideComma)
                .into_iter()
                .take(1)
        });
        let used = quote_names(context, &turns, p, QuoteNames::VocativesBesideComma)
            .into_iter()
            .take(1);
        for (mention, vote) in heard.map(|m| (m, 1)).chain(used.map(|m| (m, -1))) {
            let key = key(&mention);
            if matches!(key, Ok(c) if speaking.contains(&c)) {
                continue;
            }
            let entry = votes.entry(key).or_insert((0, mention));
            entry.0 += vote;
        }
    }
    let needed = (narrated.len() / NARRATOR_SHARE).max(MIN_NARRATOR_VOTES) as isize;
    let mut ranked: Vec<_> = votes.into_iter().collect();
    ranked.sort_by(|a, b| (b.1 .0, &a.0).cmp(&(a.1 .0, &b.0)));
    let mut ranked = ranked.into_iter();
    // Without a clear name beside the narrator's turns, the name the others call out most.
    let first_i = context.found[narrated[0]].source?.span;
    let unnamed = || called_never_speaking(context, &turns).unwrap_or(Narrator::Unnamed(first_i));
    let Some((key, (top, mention))) = ranked.next() else {
        return Some(unnamed());
    };
    // A clear winner: no other name heard half as often. A name the narrative never uses
    // (`"Well, Watson, ..."` in a story Watson tells) needs one hearing, if it is the only one.
    let second = ranked.next().map_or(0, |(_, (n, _))| n);
    let needed = if key.is_err() && second == 0 {
        1
    } else {
        needed
    };
    if top < needed || top < 2 * second {
        return Some(unnamed());
    }
    Some(match key {
        Ok(cluster) => Narrator::Known(cluster),
        Err(_) => Narrator::New(mention),
    })
}

/// `"For God's sake, Alexis Ivanovitch, ..."`: the name the novel's turns call out most often
/// (a vocative beside a comma), twice as often as any other and at least
/// [`MIN_CALLED_NARRATOR`] times, that never names a cue's speaker, is a narrator's who is never
/// `said Alexis`. Names are counted as their entities, as in [`narrator`].
fn called_never_speaking(context: &Context, turns: &Turns) -> Option<Narrator> {
    let names = context.names;
    let speaking = named_speakers(context);
    let key = |m: &NameMention| names.lookup(m).map_or_else(|| Err(m.key.clone()), Ok);
    let mut votes: HashMap<Result<usize, Vec<String>>, (usize, NameMention)> = HashMap::new();
    for &p in &turns.order {
        for mention in quote_names(context, turns, p, QuoteNames::VocativesBesideComma) {
            let key = key(&mention);
            if !matches!(key, Ok(c) if speaking.contains(&c)) {
                votes.entry(key).or_insert((0, mention)).0 += 1;
            }
        }
    }
    let mut ranked: Vec<_> = votes.into_iter().collect();
    ranked.sort_by(|a, b| (b.1 .0, &a.0).cmp(&(a.1 .0, &b.0)));
    let mut ranked = ranked.into_iter();
    let (key, (top, mention)) = ranked.next()?;
    let second = ranked.next().map_or(0, |(_, (n, _))| n);
    if top < MIN_CALLED_NARRATOR || top < 2 * second {
        return None;
    }
    Some(match key {
        Ok(cluster) => Narrator::Known(cluster),
        Err(_) => Narrator::New(mention),
    })
}

/// The entities some cue names as its speaker (`said Alexis`).
fn named_speakers(context: &Context) -> HashSet<usize> {
    let names = context.names;
    context
        .found
        .iter()
        .filter_map(|f| f.source.filter(|s| s.kind == MentionKind::Name))
        .flat_map(|s| names.within(s.span).map(|n| names.cluster[n]))
        .collect()
}

/// The quotes the narrator cues: `I said` outside quotes.
fn narrated(context: &Context) -> Vec<usize> {
    (0..context.found.len())
        .filter(|&i| {
            context.found[i].kind != AttributionKind::Indirect
                && context.found[i].source.is_some_and(|source| {
                    source.kind == MentionKind::Pronoun && context.doc.lower(source.first) == "i"
                })
        })
        .collect()
}

/// `"What a library you have, Mr. Darcy!"` + `"It ought to be good," he replied`: a pronoun
/// opening a dialogue turn refers to the person the previous turn addressed, when that person
/// is known to have its gender.
fn other_for_pronoun(
    context: &Context,
    turns: &Turns,
    decisions: &[Decision],
    index: usize,
) -> Option<Decision> {
    let source = context.found[index].source?;
    let doc = context.doc;
    let lower = doc.lower(source.first);
    // `he`, and contracted `he’d`, as the mention module reads them.
    let word = crate::mention::subject_pronoun(&lower).unwrap_or(&lower);
    let gender = match word {
        "he" if source.kind == MentionKind::Pronoun => Gender::Male,
        "she" if source.kind == MentionKind::Pronoun => Gender::Female,
        // `said his wife`, `cried her mother`: someone's relative, a person of the noun's
        // gender taking their turn.
        "his" | "her" if source.last > source.first => noun_gender(&doc.lower(source.last))?,
        _ => return None,
    };
    if !is_first_in_paragraph(turns, index) {
        return None;
    }
    let p = turns.paragraph[index];
    let last = turns.step(p, -1)?;
    let previous = turns.speaker(context, decisions, last);
    let of_gender = |c: &usize| context.names.clusters[*c].gender == gender;
    // The speaker two turns back is no better a guess than the nearest person of the
    // pronoun's gender (PDNC: 57.7% with it, 58.0% without).
    let addressed = vocative(context, turns, last)
        .filter(of_gender)
        .filter(|&c| Some(c) != previous)?;
    Some(Decision::by(ResolutionRule::Vocative, Some(addressed)))
}

/// Whether attribution `index` is the first of its paragraph.
fn is_first_in_paragraph(turns: &Turns, index: usize) -> bool {
    turns
        .by_paragraph
        .get(&turns.paragraph[index])
        .and_then(|found| found.first())
        == Some(&index)
}

/// The decision for a quote without a source.
fn floating(
    context: &Context,
    turns: &Turns,
    decisions: &[Decision],
    settled: &[Decision],
    index: usize,
) -> Option<Decision> {
    let p = turns.paragraph[index];
    // Nobody addresses or names themselves first: `"Thank you, Mr. Knightley."`, `"I am
    // afraid, my dear Watson, ..."` are not his turn, whatever the sieves say; then the
    // previous speaker goes on.
    let addressed = named_in_quote(context, index).or_else(|| vocative(context, turns, p));
    if let Some(speaker) = context.found[index]
        .cue
        .and_then(|cue| cue_agent(context, cue))
        .filter(|&s| Some(s) != addressed)
    {
        return Some(Decision::by(ResolutionRule::Narrative, Some(speaker)));
    }
    let same = turns
        .by_paragraph
        .get(&p)?
        .iter()
        .take_while(|&&i| i < index);
    if let Some(speaker) = same
        .filter_map(|&i| decisions[i].speaker)
        .next()
        .filter(|&s| Some(s) != addressed)
    {
        return Some(Decision::by(ResolutionRule::SameParagraph, Some(speaker)));
    }
    if !turns.dialogue {
        return inherited(turns, decisions, index);
    }
    let previous = turns
        .step(p, -1)
        .and_then(|q| turns.speaker(context, decisions, q));
    let sieves: [(ResolutionRule, &dyn Fn() -> Option<usize>); 7] = [
        (ResolutionRule::Narrative, &|| narrative(context, p)),
        (ResolutionRule::Narrative, &|| {
            introduced(context, turns, p, false)
        }),
        // `"That's all right, Tony."` + `"Did I wake you?"`: the person addressed answers,
        // whatever a chain of alternation (which one missed turn flips) says.
        (ResolutionRule::Vocative, &|| {
            let addressed = vocative(context, turns, turns.step(p, -1)?)?;
            (Some(addressed) != previous).then_some(addressed)
        }),
        (ResolutionRule::TurnTaking, &|| {
            alternation(context, turns, decisions, settled, p)
        }),
        // `"Not yet."` + `"Thank you, Mr. Knightley."`: the next turn answers this one's
        // speaker.
        (ResolutionRule::Vocative, &|| {
            let addressed = vocative(context, turns, turns.step(p, 1)?)?;
            (Some(addressed) != previous).then_some(addressed)
        }),
        // A conversation's opening turn after narrative: the person the narrative was about.
        (ResolutionRule::Narrative, &|| {
            introduced(context, turns, p, true)
        }),
        (ResolutionRule::OtherParticipant, &|| {
            let a = previous?;
            other_participant(context, decisions, index, a)
        }),
    ];
    let decided = sieves
        .iter()
        .filter_map(|(rule, sieve)| sieve().map(|s| (*rule, s)))
        .find(|&(_, s)| Some(s) != addressed)
        .map(|(rule, s)| Decision::by(rule, Some(s)));
    decided.or_else(|| {
        let previous = previous.filter(|&a| addressed.is_some_and(|b| a != b))?;
        Some(Decision::by(ResolutionRule::Vocative, Some(previous)))
    })
}

/// Turn-taking: two people alternate, so turn `p` is spoken by whoever spoke the nearest turn
/// an even number of turns away in the same unbroken run of quote paragraphs (`t - 2`, `t + 2`,
/// `t - 4`, ...), unless that person spoke a neighbouring turn. Turns before `p` count with
/// their decided speakers, later ones with the speakers their own cues give (`settled`).
fn alternation(
    context: &Context,
    turns: &Turns,
    decisions: &[Decision],
    settled: &[Decision],
    p: usize,
) -> Option<usize> {
    let known = |q: usize| {
        let decided = if q < p { decisions } else { settled };
        turns.speaker(context, decided, q)
    };
    let neighbour = |steps: isize| turns.step(p, steps).and_then(known);
    let (previous, next) = (neighbour(-1), neighbour(1));
    for d in (2..=CHAIN_REACH as isize).step_by(2) {
        let found = [neighbour(-d), neighbour(d)]
            .into_iter()
            .flatten()
            .find(|&c| previous != Some(c) && next != Some(c));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `but Mr. Collins, much offended, laid aside his book, and said,`: a cue whose subject the
/// rules did not reach (a second verb of its subject) is spoken by the last person its sentence
/// names before it in a subject's place, not right after a preposition or a verb (`she turned to
/// the Mock Turtle, and said`).
fn cue_agent(context: &Context, cue: Span) -> Option<usize> {
    let doc = context.doc;
    let sentence = doc.sentences[doc.sentence_of_token(doc.token_at_or_after(cue.start))];
    let before_cue = Span::new(doc.tokens[sentence.first_token].span.start, cue.start);
    let names = context.names;
    names
        .people_within(before_cue)
        .filter(|&n| in_subjects_place(context, n, sentence.first_token))
        .last()
        .map(|n| names.cluster[n])
}

/// Whether name mention `n` stands in a subject's place among the words from token `floor`:
/// first there, or not right after a preposition or a verb (`she turned to the Mock Turtle`,
/// `looked over at Lord Henry`).
fn in_subjects_place(context: &Context, n: usize, floor: usize) -> bool {
    let doc = context.doc;
    let mut first = doc.token_at_or_after(context.names.mentions[n].span.start);
    if first > floor && doc.lower(first - 1) == "the" {
        first -= 1;
    }
    first == floor || !lexicon::introduces_object(&doc.lower(first - 1))
}

/// News: a floating quote inherits the previous attribution's speaker when that is in the
/// same or the previous paragraph.
fn inherited(turns: &Turns, decisions: &[Decision], index: usize) -> Option<Decision> {
    let previous = index.checked_sub(1)?;
    let near = turns.paragraph[index] <= turns.paragraph[previous] + 1;
    let speaker = decisions[previous].speaker.filter(|_| near)?;
    Some(Decision::by(ResolutionRule::Inherited, Some(speaker)))
}

/// The first person the narrative of paragraph `p` names or refers to by `he`/`she`, outside
/// its quotes; but the person the sentence leading into its first quote names comes first.
fn narrative(context: &Context, p: usize) -> Option<usize> {
    let doc = context.doc;
    let span = doc.paragraphs[p].span;
    let first = doc.token_at_or_after(span.start);
    let end = doc.token_at_or_after(span.end).min(doc.tokens.len());
    let names = context.names;
    let quote = (first..end)
        .find(|&i| context.quoted.covers(doc.tokens[i].span))
        .unwrap_or(end);
    if let Some(speaker) = lead_in_speaker(context, first, quote) {
        return Some(speaker);
    }
    // The first person, not the first capitalised word (`Zerbino had been kind, and Tony
    // smiled`), else the first name of a person at all (`Watson looked round`).
    let people = || names.people_within(span);
    let first_name = people()
        .find(|&n| names.clusters[names.cluster[n]].person_like(true))
        .or_else(|| people().next());
    let pronoun = (first..end).find(|&i| {
        pronoun_gender(doc.token_text(i)).is_some() && !context.quoted.covers(doc.tokens[i].span)
    });
    match (first_name, pronoun) {
        (Some(n), Some(i)) if doc.tokens[i].span.start < names.mentions[n].span.start => {
            pronoun_referent(context, i)
        }
        (Some(n), _) => Some(names.cluster[n]),
        (None, Some(i)) => pronoun_referent(context, i),
        (None, None) => None,
    }
}

/// `Miss Alan began as follows:` + a quote: the sentence that leads into the quote at token
/// `quote`, ending in a colon, comma or dash, is about its speaker, the first person it names
/// in a subject's place. A sentence ending in a verb of going on to speak (`Elinor said
/// nothing, and Lucy continued.`) names its speaker last.
fn lead_in_speaker(context: &Context, first: usize, quote: usize) -> Option<usize> {
    let doc = context.doc;
    let last = quote.checked_sub(1).filter(|&l| l >= first)?;
    let sentence = &doc.sentences[doc.sentence_of_token(last)];
    let open = matches!(
        doc.token_text(last),
        "," | ":" | "-" | "\u{2014}" | "\u{2013}"
    );
    if !open && !goes_on_speaking(doc, sentence.first_token, last) {
        return None;
    }
    let start = sentence.first_token.max(first);
    let lead_in = Span::new(doc.tokens[start].span.start, doc.tokens[last].span.end);
    let names = context.names;
    // `He looked over at Lord Henry and said,`: the one looked at is no speaker.
    let mut subjects = names
        .people_within(lead_in)
        .filter(|&n| in_subjects_place(context, n, start));
    let speaker = if open {
        subjects.next()
    } else {
        subjects.last()
    };
    speaker.map(|n| names.cluster[n])
}

/// `Darcy replied with great intrepidity,` + a quote paragraph: a narrative paragraph ending
/// in a comma or colon introduces the next, spoken by the first person it names. In a text of
/// one sentence a line, any narrative line before a quote is the quote's paragraph narrative
/// (`He looked round and lowered his voice .` + `" I 'm carrying papers . "`); with `any`, so
/// is any narrative paragraph.
fn introduced(context: &Context, turns: &Turns, p: usize, any: bool) -> Option<usize> {
    let previous = p.checked_sub(1)?;
    let doc = context.doc;
    let span = doc.paragraphs[previous].span;
    let text = doc.slice(span).trim_end();
    let ends_open = any
        || text.ends_with([',', ':', '-', '—', '–'])
        || turns.sentence_lines
        || announces_speech(context, previous);
    (ends_open && !turns.position.contains_key(&previous))
        .then(|| narrative(context, previous))
        .flatten()
}

/// `Lucy continued.`, `Mrs. Hurst began again.`: paragraph `p` ends in a sentence whose verb,
/// among its last three words, says that someone goes on speaking.
fn announces_speech(context: &Context, p: usize) -> bool {
    let doc = context.doc;
    let sentence = doc.sentences[doc.paragraphs[p].end_sentence - 1];
    sentence.end_token > sentence.first_token
        && goes_on_speaking(doc, sentence.first_token, sentence.end_token - 1)
}

/// Whether the sentence from token `first` to its full stop at `stop` ends in a verb of going
/// on to speak (`continued`, `began again`, `went on`) among its last three words.
fn goes_on_speaking(doc: &Document, first: usize, stop: usize) -> bool {
    if doc.token_text(stop) != "." {
        return false;
    }
    (stop.saturating_sub(3).max(first)..stop).any(|i| {
        matches!(
            doc.lower(i).as_str(),
            "continued" | "proceeded" | "began" | "resumed" | "persisted"
        ) || (doc.lower(i) == "went" && doc.lower(i + 1) == "on")
    })
}

/// The person a narrative `he`/`she` at token `i` refers to.
fn pronoun_referent(context: &Context, i: usize) -> Option<usize> {
    let gender = pronoun_gender(context.doc.token_text(i))?;
    context.antecedent(context.doc.tokens[i].span.start, gender, &[])
}

/// The known person a quote of paragraph `p` addresses by name: `"Thank you, Mrs Beaver."`,
/// `"Mumsy, you are wonderful."`.
fn vocative(context: &Context, turns: &Turns, p: usize) -> Option<usize> {
    quote_names(context, turns, p, QuoteNames::Vocatives)
        .iter()
        .find_map(|m| context.names.lookup(m))
}

/// Which names inside quotes [`quote_names`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteNames {
    /// Every name.
    All,
    /// Vocatives: names set off by commas or the quote's edges.
    Vocatives,
    /// Vocatives beside a comma (`"Well, Hastings?"`), not a lone exclamation
    /// (`"Nonsense!"`).
    VocativesBesideComma,
}

/// The token ranges (`first..end`) of the quoted pieces of paragraph `p`.
fn quoted_tokens(context: &Context, turns: &Turns, p: usize) -> Vec<(usize, usize)> {
    turns
        .by_paragraph
        .get(&p)
        .into_iter()
        .flatten()
        .flat_map(|&i| content_tokens(context, i))
        .collect()
}

/// The token ranges (`first..end`) of attribution `index`'s content, if it is quoted speech.
fn content_tokens(context: &Context, index: usize) -> Vec<(usize, usize)> {
    let doc = context.doc;
    let found = &context.found[index];
    if found.kind == AttributionKind::Indirect {
        return Vec::new();
    }
    found
        .content
        .iter()
        .map(|piece| {
            let first = doc.token_at_or_after(piece.start);
            (
                first,
                doc.token_at_or_after(piece.end).min(doc.tokens.len()),
            )
        })
        .collect()
}

/// The names in the quotes of paragraph `p`, in order.
pub(super) fn quote_names(
    context: &Context,
    turns: &Turns,
    p: usize,
    which: QuoteNames,
) -> Vec<NameMention> {
    names_in_tokens(context, &quoted_tokens(context, turns, p), which)
}

/// The first known person attribution `index`'s own quote names.
pub(super) fn named_in_quote(context: &Context, index: usize) -> Option<usize> {
    // A mixed content's narration (`John's face brightened "You, Florence?"`) is not quoted.
    names_in_tokens(context, &content_tokens(context, index), QuoteNames::All)
        .iter()
        .filter(|m| context.quoted.covers(m.span))
        .find_map(|m| context.names.lookup(m))
}

/// The names in the token ranges `pieces` (quoted speech), in order.
fn names_in_tokens(
    context: &Context,
    pieces: &[(usize, usize)],
    which: QuoteNames,
) -> Vec<NameMention> {
    let doc = context.doc;
    let mut mentions = Vec::new();
    for &(first, end) in pieces {
        let mut t = first;
        while t < end {
            if !doc.is_capitalised_word(t) {
                t += 1;
                continue;
            }
            let last = capitalised_run_end(doc, t).min(end - 1);
            let opens = t > first && matches!(doc.token_text(t - 1), "," | "\"" | "“" | "‘");
            let closes = last + 1 < end
                && matches!(doc.token_text(last + 1), "," | "." | "!" | "?" | "\"" | "”");
            let beside_comma = (t > first && doc.token_text(t - 1) == ",")
                || (last + 1 < end && doc.token_text(last + 1) == ",");
            // `"Bingley."` answering `"What is his name?"` names, it does not call.
            let answer = !beside_comma
                && t == first + 1
                && last + 1 < end
                && doc.token_text(last + 1) == "."
                && last + 3 >= end;
            let wanted = match which {
                QuoteNames::All => true,
                QuoteNames::Vocatives => opens && closes && !answer,
                QuoteNames::VocativesBesideComma => opens && closes && beside_comma,
            };
            if wanted {
                let mention = name_mention(doc, t, last, &context.names.stats);
                // `"In England."`: a run opened by a preposition or an article that is no part
                // of the name (`In`) calls no one.
                let after_function_word = |m: &NameMention| {
                    m.span.start > doc.tokens[t].span.start && {
                        let lead = doc.lower(t);
                        matches!(lead.as_str(), "the" | "a" | "an" | "not")
                            || PREPOSITIONS.contains(&lead.as_str())
                    }
                };
                mentions.extend(
                    mention.filter(|m| which == QuoteNames::All || !after_function_word(m)),
                );
            }
            t = last + 1;
        }
    }
    mentions
}

/// The gender the quotes of paragraph `p` address by a form of address set off by punctuation
/// (`"Yes, sir."`, `"Thank you, ma'am."`), if one.
pub(super) fn addressed_gender(context: &Context, turns: &Turns, p: usize) -> Gender {
    let doc = context.doc;
    for (first, end) in quoted_tokens(context, turns, p) {
        for t in first + 1..end.saturating_sub(1) {
            let set_off = matches!(doc.token_text(t - 1), "," | "\"" | "“" | "‘")
                && doc.tokens[t + 1].kind == TokenKind::Punct;
            if !set_off {
                continue;
            }
            match doc.lower(t).as_str() {
                "sir" | "sire" | "mister" | "monsieur" => return Gender::Male,
                "madam" | "ma'am" | "ma’am" | "madame" | "mademoiselle" | "miss" => {
                    return Gender::Female
                }
                _ => {}
            }
        }
    }
    Gender::Unknown
}

/// The last person other than `speaker` who spoke or was named (or, for the narrator, where
/// the narration last said `I`, `me` or `my`) before attribution `index`: the other side of a
/// conversation.
fn other_participant(
    context: &Context,
    decisions: &[Decision],
    index: usize,
    speaker: usize,
) -> Option<usize> {
    let start = context.found[index].start();
    let spoke = (index.saturating_sub(PARTICIPANT_WINDOW)..index)
        .rev()
        .find_map(|j| {
            decisions[j]
                .speaker
                .filter(|&c| c != speaker)
                .map(|c| (context.found[j].start(), c))
        });
    let named = context
        .names
        .before(start)
        .map(|n| (context.names.mentions[n].span, context.names.cluster[n]))
        .find(|&(_, c)| c != speaker && context.names.clusters[c].person_like(true))
        .map(|(span, c): (Span, usize)| (span.start, c));
    // In a novel told in the first person the narrator takes part too, as recently as the
    // narration last says `I`, `me` or `my`.
    let narrator = context.narrator.filter(|&n| n != speaker).and_then(|n| {
        let doc = context.doc;
        let before = doc.token_at_or_after(start);
        (before.saturating_sub(NARRATION_REACH)..before)
            .rev()
            .find(|&i| {
                let word = doc.token_text(i);
                (word == "I" || word.eq_ignore_ascii_case("me") || word.eq_ignore_ascii_case("my"))
                    && !context.quoted.covers(doc.tokens[i].span)
            })
            .map(|i| (doc.tokens[i].span.start, n))
    });
    // The most recent; on a tie the one who spoke, then the one named.
    [spoke, named, narrator]
        .into_iter()
        .flatten()
        .rev()
        .max_by_key(|&(at, _)| at)
        .map(|(_, c)| c)
}
