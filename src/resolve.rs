//! Stage 4, speaker resolution: links each attribution to a canonical speaker, and says which
//! rule decided ([`ResolutionRule`]) with a score.
//!
//! Entities are clusters of name mentions ([`names`]): a shorter form that ends the same way
//! as a fuller one is the same entity (`Esper` → `Mark Esper`), titles are stripped
//! (`US Defense Secretary Mark Esper` → `Mark Esper`), gendered honorifics keep people apart
//! (`Mrs Beaver` ≠ `John Beaver`). Source mentions resolve in sieves:
//!
//! - a name to its cluster;
//! - a pronoun to the nearest earlier person of its gender named outside quotes (`it` and
//!   `they` to an organisation);
//! - a description (`the Pentagon chief`) to the person an apposition or title called so
//!   (`Esper, the Pentagon chief,`), else to the last person who spoke.
//!
//! Quotes without a source are left to [`dialogue`]: the same paragraph's speaker, in news the
//! previous attribution's, in dialogue the paragraph's narrative, turn-taking and vocatives.

mod dialogue;
mod lexicon;
mod names;
mod places;
mod ranker;

use crate::document::{Document, Span, SpanSet, TokenKind};
use crate::marks::Quote;
use crate::mention::{Mention, MentionKind};
use crate::rules::Found;
use crate::schema::{
    Attribution, AttributionKind, Entity, EntityKind, Offsets, Resolution, ResolutionRule,
    SpeakerRef,
};

use dialogue::Narrator;
use lexicon::{is_thing_noun, noun_gender, pronoun_gender, Gender};
use names::Names;
pub use ranker::{
    PassWeights, RankerConfig, SpeakerRanker, Standardisation, FEATURES, FEATURE_COUNT,
    RANKER_CONFIG_FILE, RANKER_WEIGHTS_FILE,
};

/// How many attributions back a pronoun looks for a recent speaker (news).
const RECENT_SPEAKERS: usize = 3;

/// How many paragraphs back a `he`/`she` with no named antecedent looks for a description: in
/// an excerpt of one sentence a line the two characters may be described a page before.
const DESCRIBED_PARAGRAPHS: usize = 100;

/// How far back (in bytes) a description looks for the person it stands for.
const DESCRIPTION_REACH: usize = 1500;

/// How far back (in attributions) the last speaker is looked for.
const SPEAKER_WINDOW: usize = 50;

/// A speaker decision: the cluster, the rule and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Decision {
    speaker: Option<usize>,
    rule: ResolutionRule,
    score: f32,
}

impl Decision {
    /// No speaker.
    const NONE: Decision = Decision {
        speaker: None,
        rule: ResolutionRule::Unresolved,
        score: 0.0,
    };

    /// A speaker (or none, when `speaker` is `None`) decided by `rule`.
    fn by(rule: ResolutionRule, speaker: Option<usize>) -> Decision {
        match speaker {
            Some(_) => Decision {
                speaker,
                rule,
                score: rule_score(rule),
            },
            None => Decision::NONE,
        }
    }
}

/// How often each rule picks the right speaker when it names one: measured on the PDNC novels
/// (`eval --format pdnc --no-speaker-ranker`, the `speaker rule` rows: name 98%,
/// same-paragraph 64%, vocative 75%, pronoun 76%, turn-taking 67%, narrative 63%, description
/// 63%, other participant 51%); `description-last-speaker`, which only news uses, from the news
/// gold (`eval/news-speakers.tsv`: 7 of 7, and 11 of 12 on earlier rules, so kept at 0.9);
/// `description-next-speaker`, a news rule right in
/// all 3 of its PolNeAR dev uses read by hand, is set lower for want of more; `inherited` and
/// `pronoun-turn-taking` (no longer produced) are not measured and keep their earlier values.
/// See README.
fn rule_score(rule: ResolutionRule) -> f32 {
    match rule {
        ResolutionRule::Name => 0.98,
        ResolutionRule::DescriptionLastSpeaker => 0.9,
        ResolutionRule::DescriptionNextSpeaker => 0.6,
        ResolutionRule::Inherited => 0.7,
        ResolutionRule::SameParagraph => 0.64,
        ResolutionRule::Vocative => 0.75,
        ResolutionRule::Pronoun => 0.76,
        ResolutionRule::PronounTurnTaking => 0.65,
        ResolutionRule::TurnTaking => 0.67,
        ResolutionRule::Narrative => 0.63,
        ResolutionRule::Description => 0.63,
        ResolutionRule::OtherParticipant => 0.51,
        // The ranker's decisions carry its own probability instead.
        ResolutionRule::Ranker => 0.5,
        ResolutionRule::Unresolved => 0.0,
    }
}

/// Words after which a name in a source is not its speaker but someone it relates to (`an
/// aide to Hillary Clinton`, `Stacey Plaskett of the Virgin Islands`, `Luis Rubio, who heads
/// the Center`).
const NOT_HEADED_AFTER: &[&str] = &[
    "of", "for", "to", "at", "in", "with", "from", "by", "on", "about", "against", "under", "who",
    "whose", "which", "that",
];

/// What the sieves share: the document, the attributions and the names.
struct Context<'a, 'd> {
    doc: &'a Document<'d>,
    found: &'a [Found],
    names: &'a Names,
    /// Quoted speech (direct and mixed content), where names are not candidates.
    quoted: &'a SpanSet,
    /// Per attribution, the entity its description source names in fiction (`the parson`).
    descriptions: &'a [Option<usize>],
    /// Per attribution, the character a `he`/`she` source stands for in fiction when no
    /// character is named before it: the nearest description of that gender
    /// (`the elf-girl`). Empty until the descriptions are found.
    pronoun_descriptions: &'a [Option<usize>],
    /// The first-person narrator of a novel, whose `I said` turns are theirs.
    narrator: Option<usize>,
}

/// Whether a document reads as fiction: several quotes stand alone as paragraphs (dialogue),
/// judged from the rules' findings. The news-trained tagger is not used on such documents.
pub fn is_fiction(doc: &Document, rules: &[Found], quotes: &[Quote]) -> bool {
    dialogue::is_dialogue(doc, rules, &quoted_spans(rules, quotes))
}

/// Resolves the attributions to schema attributions and the speaker entities; `quotes` are
/// the document's quotations, which mark the quoted parts of mixed contents. With a `ranker`,
/// the speakers of dialogue turns in fiction are the ranker's choice among each quote's
/// candidates (except for the rules its configuration keeps).
pub fn resolve(
    doc: &Document,
    found: &[Found],
    quotes: &[Quote],
    ranker: Option<&SpeakerRanker>,
) -> (Vec<Attribution>, Vec<Entity>) {
    let mut resolved = Resolved::new(doc, found, quotes);
    if let Some(ranker) = ranker {
        resolved.rerank(doc, found, ranker, true);
    }
    let Resolved {
        mut names,
        decisions,
        ..
    } = resolved;
    for (attribution, decision) in found.iter().zip(&decisions) {
        let Some(cluster) = decision.speaker else {
            continue;
        };
        let cluster = &mut names.clusters[cluster];
        cluster.is_speaker = true;
        if let Some(source) = attribution.source {
            cluster.mentions.push(source.span);
        }
        if attribution.kind == AttributionKind::Direct {
            cluster
                .mentions
                .extend(first_person_pronouns(doc, &attribution.content));
        }
    }
    emit(doc, found, &decisions, &names)
}

/// A quote's candidate speaker as the ranker's trainer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerCandidate {
    /// The entity's canonical name first, then every form it is named by.
    pub names: Vec<String>,
    /// The (quote, candidate) features, in [`FEATURES`] order.
    pub features: Vec<f32>,
}

/// The candidates for each attribution, as the ranker's pass after `ranker`'s passes sees them
/// (the first pass's without a ranker); empty outside fiction and for indirect speech.
pub fn speaker_candidates(
    doc: &Document,
    found: &[Found],
    quotes: &[Quote],
    ranker: Option<&SpeakerRanker>,
) -> Vec<Vec<SpeakerCandidate>> {
    let mut resolved = Resolved::new(doc, found, quotes);
    let rules = resolved.decisions.clone();
    if let Some(ranker) = ranker {
        resolved.rerank(doc, found, ranker, false);
    }
    let names = &resolved.names;
    ranker::candidates(&resolved.context(doc, found), &rules, &resolved.decisions)
        .into_iter()
        .map(|candidates| {
            candidates
                .into_iter()
                .map(|c| {
                    let cluster = &names.clusters[c.cluster];
                    let names = std::iter::once(cluster.name(true))
                        .chain(cluster.forms().map(str::to_string))
                        .collect();
                    SpeakerCandidate {
                        names,
                        features: c.features.to_vec(),
                    }
                })
                .collect()
        })
        .collect()
}

/// The rules' speaker decisions with what they were made from.
struct Resolved {
    names: Names,
    quoted: SpanSet,
    descriptions: Vec<Option<usize>>,
    pronoun_descriptions: Vec<Option<usize>>,
    narrator: Option<usize>,
    decisions: Vec<Decision>,
}

impl Resolved {
    /// Runs the sieves.
    fn new(doc: &Document, found: &[Found], quotes: &[Quote]) -> Resolved {
        let quoted = quoted_spans(found, quotes);
        let mut sources = SpanSet::default();
        for source in found.iter().filter_map(|f| f.source) {
            sources.insert(source.span);
        }
        let fiction = dialogue::is_dialogue(doc, found, &quoted);
        let mut names = Names::build(doc, &quoted, &sources, fiction);
        let descriptions: Vec<Option<usize>> = found
            .iter()
            .map(|f| {
                let source = f.source.filter(|s| {
                    // `said the Queen`: a title with no name is a description too.
                    let unnamed = s.kind == MentionKind::Nominal
                        || (s.kind == MentionKind::Name && names.within(s.span).is_empty());
                    // Reported speech in a novel's narrative (`It is a truth universally
                    // acknowledged, that ...`) names no character.
                    let speech = f.kind != AttributionKind::Indirect;
                    // Elsewhere only an indefinite description of a person (`a saloon-keeper`,
                    // `a reader`; not `an ad`) is someone of its own, when nobody named fits
                    // it: `the senator` stands for someone the article names.
                    let someone = fiction
                        || (matches!(doc.lower(s.first).as_str(), "a" | "an")
                            && lexicon::is_person_head(&head_noun(doc, *s)));
                    someone && unnamed && speech && is_description_entity(doc, *s)
                })?;
                Some(names.description(doc, source.first, source.last))
            })
            .collect();
        let mut resolved = Resolved {
            names,
            quoted,
            descriptions,
            pronoun_descriptions: Vec::new(),
            narrator: None,
            decisions: Vec::with_capacity(found.len()),
        };
        let narrator = if fiction {
            dialogue::narrator(&resolved.context(doc, found))
        } else {
            // Outside dialogue, an `I` that says something outside every quote is the text's
            // own voice (an op-ed's author, a journal's writer), never someone named before.
            found
                .iter()
                .filter_map(|f| f.source)
                .find(|s| is_first_person_i(doc, *s) && !resolved.quoted.overlaps(s.span))
                .map(|s| Narrator::Unnamed(s.span))
        };
        resolved.narrator = narrator.map(|narrator| match narrator {
            Narrator::Known(cluster) => cluster,
            Narrator::New(mention) => resolved.names.add(&mention),
            Narrator::Unnamed(span) => resolved.names.add_unnamed_narrator(span),
        });
        let context = resolved.context(doc, found);
        let described: Vec<Option<(usize, usize)>> = (0..found.len())
            .map(|index| context.pronoun_description(index))
            .collect();
        resolved.pronoun_descriptions = described
            .into_iter()
            .map(|d| d.map(|(first, last)| resolved.names.description(doc, first, last)))
            .collect();
        let context = resolved.context(doc, found);
        let mut decisions: Vec<Decision> = Vec::with_capacity(found.len());
        for (index, attribution) in found.iter().enumerate() {
            let decision = match attribution.source {
                Some(source) => context.resolve_source(source, index, &decisions),
                None => Decision::NONE,
            };
            decisions.push(decision);
        }
        dialogue::fill(&context, &mut decisions);
        resolved.decisions = decisions;
        resolved
    }

    /// Replaces the decisions (but those of the rules the ranker keeps) by the ranker's passes,
    /// each seeing the turns around a quote as the pass before decided them. For
    /// the output (`final_decisions`), the decisions of the ranker's final rules are restored
    /// after the last pass; a pass being trained sees the passes' own.
    fn rerank(
        &mut self,
        doc: &Document,
        found: &[Found],
        ranker: &SpeakerRanker,
        final_decisions: bool,
    ) {
        let passes = ranker.passes();
        let rules = self.decisions.clone();
        for pass in 0..passes {
            let candidates = ranker::candidates(&self.context(doc, found), &rules, &self.decisions);
            for ((decision, rule), candidates) in
                self.decisions.iter_mut().zip(&rules).zip(&candidates)
            {
                if ranker.keeps(rule.rule) {
                    continue;
                }
                if let Some(ranked) = ranker.decide(pass, candidates) {
                    *decision = ranked;
                }
            }
        }
        if final_decisions {
            for (decision, rule) in self.decisions.iter_mut().zip(&rules) {
                if ranker.defers_to(rule.rule) {
                    *decision = *rule;
                }
            }
        }
    }

    /// The sieves' shared view.
    fn context<'a, 'd>(&'a self, doc: &'a Document<'d>, found: &'a [Found]) -> Context<'a, 'd> {
        Context {
            doc,
            found,
            names: &self.names,
            quoted: &self.quoted,
            descriptions: &self.descriptions,
            pronoun_descriptions: &self.pronoun_descriptions,
            narrator: self.narrator,
        }
    }
}

/// Whether an unnamed source is a singular description that names a character of its own in
/// fiction: `the parson`, `an old man`, not `his wife` (someone's relative) nor `the others`.
fn is_description_entity(doc: &Document, source: Mention) -> bool {
    let head = doc.lower(source.last);
    source.last > source.first
        && !is_thing_noun(&head)
        && (matches!(doc.lower(source.first).as_str(), "the" | "a" | "an")
            // `said Dan's girl`, `Brenda's solicitor`: someone of their own, not the owner;
            // close family (`Emma's father`) is more often someone the text names.
            || (names::is_owning_name(doc, source.first)
                && !lexicon::is_close_family(&head)
                && (lexicon::is_person_head(&head) || lexicon::noun_gender(&head).is_some())))
        && !is_plural(&head)
        // `the other`, `the latter`, `a voice` stand for someone else each time.
        && !matches!(
            head.as_str(),
            "other" | "one" | "voice" | "first" | "second" | "former" | "latter" | "same"
        )
}

/// Whether the name at `name` heads `source` or stands in apposition to it: not after a
/// preposition or relative of its phrase (`an aide to Hillary Clinton`), not owning something
/// (`Pagliano's lawyer`), not modifying a noun after it (`the Vermont senator`).
fn heads_source(doc: &Document, source: Mention, name: Span) -> bool {
    let start = doc.token_at_or_after(name.start);
    // An apposition starts afresh after its comma.
    let mut phrase = (source.first..start)
        .rev()
        .take_while(|&i| doc.token_text(i) != ",");
    // `Neera Tanden and Blair Effron`: the first of two is the head; a leading `And` (`And
    // Emma said`) opens the sentence.
    let after_relation = phrase.any(|i| {
        let word = doc.lower(i);
        NOT_HEADED_AFTER.contains(&word.as_str()) || (word == "and" && i > source.first)
    });
    // `said the voice of Mr. Haq`: a voice is its owner's.
    let voice_of = (source.first..start.saturating_sub(1))
        .any(|i| doc.lower(i) == "voice" && doc.lower(i + 1) == "of");
    let after_relation = after_relation && !voice_of;
    let owner =
        names::is_possessive(doc.slice(name)) || doc.text[name.end..].starts_with(['\'', '’']);
    let next = doc.token_at_or_after(name.end);
    let modifier = next <= source.last
        && doc.tokens[next].kind == TokenKind::Word
        && !NOT_HEADED_AFTER.contains(&doc.lower(next).as_str());
    !after_relation && !owner && !modifier
}

/// Whether a description names a person by a role (`The former secretary of state`, `the
/// New York businessman`): a person noun before any preposition or clause.
fn describes_person(doc: &Document, source: Mention) -> bool {
    (source.first..=source.last)
        .filter(|&t| doc.tokens[t].kind == TokenKind::Word)
        .map(|t| doc.lower(t))
        .take_while(|word| !NOT_HEADED_AFTER.contains(&word.as_str()))
        .any(|word| lexicon::is_person_noun(&word))
}

/// Whether a source is the pronoun `I`.
fn is_first_person_i(doc: &Document, source: Mention) -> bool {
    source.kind == MentionKind::Pronoun
        && crate::mention::subject_pronoun(&doc.lower(source.first)) == Some("i")
}

/// The head noun of a description: its last word before a preposition or relative (`dame` in
/// `a hard-featured dame of fifty`).
fn head_noun(doc: &Document, source: Mention) -> String {
    (source.first..=source.last)
        .filter(|&t| doc.tokens[t].kind == TokenKind::Word)
        .map(|t| doc.lower(t))
        .take_while(|word| !NOT_HEADED_AFTER.contains(&word.as_str()))
        .last()
        .unwrap_or_default()
}

/// Whether a head noun reads as a plural: it ends in `s`, but not in `ss` (`the Duchess`,
/// `the witness`).
pub(super) fn is_plural(head: &str) -> bool {
    head.ends_with('s') && !head.ends_with("ss")
}

/// Quoted speech: the contents of direct attributions and the quotations inside mixed ones.
/// The reporter's own words around a mixed quote (`Politifact checked Donald Trump’s claim
/// that there were “thousands of shootings”`) name people like any narration.
fn quoted_spans(found: &[Found], quotes: &[Quote]) -> SpanSet {
    let mut quoted = SpanSet::default();
    for f in found {
        for content in &f.content {
            match f.kind {
                AttributionKind::Direct => quoted.insert(*content),
                AttributionKind::Mixed => quotes
                    .iter()
                    .map(Quote::span)
                    .filter(|q| content.overlaps(q))
                    .for_each(|q| quoted.insert(q)),
                AttributionKind::Indirect => {}
            }
        }
    }
    quoted
}

/// `I`, `me`, `my`, `myself` inside a quote: mentions of its speaker.
fn first_person_pronouns(doc: &Document, content: &[Span]) -> Vec<Span> {
    let mut spans = Vec::new();
    for piece in content {
        let first = doc.token_at_or_after(piece.start);
        let end = doc.token_at_or_after(piece.end);
        for i in first..end {
            if doc.tokens[i].kind == TokenKind::Word
                && matches!(
                    doc.token_text(i),
                    "I" | "me" | "my" | "myself" | "Me" | "My"
                )
            {
                spans.push(doc.tokens[i].span);
            }
        }
    }
    spans
}

impl Context<'_, '_> {
    /// The decision for the source mention of attribution `index`.
    fn resolve_source(&self, source: Mention, index: usize, decisions: &[Decision]) -> Decision {
        if source.kind == MentionKind::Pronoun {
            return self.resolve_pronoun(source, index, decisions);
        }
        match (self.name_cluster(source), self.descriptions[index]) {
            (Some(named), _) => Decision::by(ResolutionRule::Name, Some(named)),
            (None, Some(cluster)) if source.kind == MentionKind::Name => {
                Decision::by(ResolutionRule::Description, Some(cluster))
            }
            _ => self.resolve_description(source, index, decisions),
        }
    }

    /// The cluster of the name a source is headed by (`Rep. Stephen Lynch (D-Mass.)`, `Chad
    /// Bown, an expert at the Peterson Institute`) or in apposition to (`The minister, Mr.
    /// Guajardo Villarreal,`), else of the name the source is part of (the tagger may tag
    /// `Donald` of `Donald Trump`). A name after a preposition or owning something (`an aide
    /// to Hillary Clinton`, `Pagliano's lawyer`) is not the speaker.
    fn name_cluster(&self, source: Mention) -> Option<usize> {
        let names = self.names;
        let doc = self.doc;
        // A name starting before the source may still cover it; names are short.
        let reach = Span::new(source.span.start.saturating_sub(100), source.span.end);
        let overlapping = names
            .within(reach)
            .filter(|&n| names.mentions[n].span.overlaps(&source.span));
        let (inside, around): (Vec<usize>, Vec<usize>) =
            overlapping.partition(|&n| source.span.contains(&names.mentions[n].span));
        if !inside.is_empty() {
            return inside
                .into_iter()
                .find(|&n| heads_source(doc, source, names.mentions[n].span))
                .map(|n| names.cluster[n]);
        }
        around
            .into_iter()
            .max_by_key(|&n| names.mentions[n].key.len())
            .map(|n| names.cluster[n])
    }

    /// `he`/`she` → in news the person who spoke just before, if of that gender, else the
    /// nearest earlier person of that gender; `it`/`they` → the organisation that spoke just
    /// before, if any.
    fn resolve_pronoun(&self, source: Mention, index: usize, decisions: &[Decision]) -> Decision {
        let byte = source.span.start;
        let pronoun = crate::mention::subject_pronoun(&self.doc.lower(source.first));
        let gender = match pronoun.unwrap_or_default() {
            "he" => Gender::Male,
            "she" => Gender::Female,
            // In fiction `I said` is the narrator's, left to the dialogue sieves.
            "i" if self.names.fiction => return Decision::NONE,
            "i" if self.narrator.is_some() && !self.quoted.overlaps(source.span) => {
                return Decision::by(ResolutionRule::Pronoun, self.narrator)
            }
            "i" => Gender::Unknown,
            // In fiction a thing or a crowd is no organisation.
            "it" | "they" if self.names.fiction => return Decision::NONE,
            // The organisation that spoke just before (`..., the Times reported. It added`),
            // not the last one named: `The AP interviewed crew members. They described ...`.
            "it" | "they" => {
                let spoke = self.recent_speaker_where(index, decisions, |entity| {
                    entity.kind == EntityKind::Organisation
                });
                return Decision::by(ResolutionRule::Pronoun, spoke);
            }
            _ => return Decision::NONE,
        };
        let recent = (!self.names.fiction)
            .then(|| self.recent_speaker(index, decisions, gender))
            .flatten();
        // In fiction the first person a quote names is the one spoken to or about, seldom
        // its speaker (`"Let me see your ring, Aunt Charlotte," she said`); later names may be
        // the speaker's own (`"... calling me Marjorie," she said`).
        let spoken_to = if self.names.fiction {
            dialogue::named_in_quote(self, index)
        } else {
            None
        };
        let speaker = recent
            .or_else(|| self.pronoun_descriptions.get(index).copied().flatten())
            .or_else(|| self.antecedent(byte, gender, spoken_to.as_slice()));
        Decision::by(ResolutionRule::Pronoun, speaker)
    }

    /// For a `he`/`she` source in fiction with no character named before it,
    /// the tokens of the nearest description of that gender in the narrative of the
    /// [`DESCRIBED_PARAGRAPHS`] paragraphs before (`the elf-girl`, `the boy`).
    fn pronoun_description(&self, index: usize) -> Option<(usize, usize)> {
        let source = self.found[index]
            .source
            .filter(|s| self.names.fiction && s.kind == MentionKind::Pronoun)?;
        let doc = self.doc;
        let gender = pronoun_gender(crate::mention::subject_pronoun(&doc.lower(source.first))?)?;
        if self.person_before(source.span.start, gender, &[]).is_some() {
            return None;
        }
        let here = self.paragraph_of(index);
        (0..source.first)
            .rev()
            .take_while(|&i| doc.paragraph_of_token(i) + DESCRIBED_PARAGRAPHS >= here)
            .filter(|&i| {
                doc.token_text(i).eq_ignore_ascii_case("the")
                    && !self.quoted.overlaps(doc.tokens[i].span)
            })
            .find_map(|i| {
                // `the boy`, `the old woman`, `the elf-girl`: up to two words before the noun,
                // none a preposition (`the kind of man` describes nobody).
                (i + 1..(i + 4).min(source.first))
                    .take_while(|&j| {
                        doc.tokens[j].kind == TokenKind::Word
                            && !NOT_HEADED_AFTER.contains(&doc.lower(j).as_str())
                    })
                    .find(|&j| {
                        let word = doc.lower(j);
                        noun_gender(word.rsplit('-').next().unwrap_or_default()) == Some(gender)
                    })
                    .map(|j| (i, j))
            })
    }

    /// The person of `gender` who spoke in one of the few attributions just before `index`,
    /// within the two paragraphs before: `"...," said Terry Strada. She continued, ...`.
    fn recent_speaker(
        &self,
        index: usize,
        decisions: &[Decision],
        gender: Gender,
    ) -> Option<usize> {
        self.recent_speaker_where(index, decisions, |entity| {
            entity.kind == EntityKind::Person
                && (entity.gender == gender || gender == Gender::Unknown)
        })
    }

    /// The speaker [`Context::recent_speaker`] looks for, of any kind `accepts`.
    fn recent_speaker_where(
        &self,
        index: usize,
        decisions: &[Decision],
        accepts: impl Fn(&names::Cluster) -> bool,
    ) -> Option<usize> {
        let here = self.paragraph_of(index);
        (index.saturating_sub(RECENT_SPEAKERS)..index)
            .rev()
            .take_while(|&j| self.paragraph_of(j) + 2 >= here)
            .filter_map(|j| decisions[j].speaker)
            .find(|&c| accepts(&self.names.clusters[c]))
    }

    /// The paragraph where attribution `index` starts.
    fn paragraph_of(&self, index: usize) -> usize {
        self.doc.paragraph_at(self.found[index].start())
    }

    /// The person a later attribution within the next two paragraphs names as its speaker:
    /// the name a lead's description stands for (`A former DNC chairman says ...` then
    /// `..., said Don Fowler`).
    fn next_named_speaker(&self, index: usize) -> Option<usize> {
        let here = self.paragraph_of(index);
        (index + 1..self.found.len())
            .take_while(|&j| self.paragraph_of(j) <= here + 2)
            .filter_map(|j| self.found[j].source)
            .filter(|source| source.kind == MentionKind::Name)
            .filter_map(|source| self.name_cluster(source))
            .find(|&c| self.names.clusters[c].kind == EntityKind::Person)
    }

    /// The nearest person named before byte `byte` (outside quotes) who agrees with `gender`
    /// and is none of `except`: one of known gender first (`Lester Holt` is no `she`), else the
    /// nearest of unknown gender.
    fn person_before(&self, byte: usize, gender: Gender, except: &[usize]) -> Option<usize> {
        let names = self.names;
        let candidates = names
            .before(byte)
            .filter(|&n| names.mentions[n].kind == EntityKind::Person)
            .map(|n| names.cluster[n])
            .filter(|c| !except.contains(c))
            .filter(|&c| {
                let cluster = &names.clusters[c];
                cluster.person_like(names.fiction) && cluster.agrees(gender)
            });
        let mut fallback = None;
        for c in candidates {
            if gender == Gender::Unknown || names.clusters[c].gender == gender {
                return Some(c);
            }
            fallback = fallback.or(Some(c));
        }
        fallback
    }

    /// The person a `he`/`she` at byte `byte` refers to: in news
    /// [`Context::person_before`]; in fiction the same, but a person last named as an object
    /// (`Then he looked at Lord Henry.`, after a preposition or verb) is not the subject of
    /// its sentence, whom a `he` continuing it means: the referent of a subject pronoun of the
    /// same gender before it, else a person of that gender named before it in the sentence
    /// (`Mr. Hallward looked at Lord Henry.`).
    fn antecedent(&self, byte: usize, gender: Gender, except: &[usize]) -> Option<usize> {
        let nearest = self.person_before(byte, gender, except)?;
        if !self.names.fiction {
            return Some(nearest);
        }
        let names = self.names;
        let doc = self.doc;
        let Some(n) = names.before(byte).find(|&n| names.cluster[n] == nearest) else {
            return Some(nearest);
        };
        let name_token = doc.token_at_or_after(names.mentions[n].span.start);
        let sentence = doc.sentences[doc.sentence_of_token(name_token)];
        if name_token == sentence.first_token
            || !lexicon::introduces_object(&doc.lower(name_token - 1))
        {
            return Some(nearest);
        }
        let subject_pronoun = (sentence.first_token..name_token).find(|&i| {
            pronoun_gender(doc.token_text(i)) == Some(gender)
                && !self.quoted.covers(doc.tokens[i].span)
        });
        let mut others = except.to_vec();
        others.push(nearest);
        let subject = match subject_pronoun {
            Some(pronoun) => self.person_before(doc.tokens[pronoun].span.start, gender, &others),
            // `Mr. Hallward looked at Lord Henry.`: the person of that gender named before.
            None => {
                let before = Span::new(sentence.span.start, names.mentions[n].span.start);
                names
                    .people_within(before)
                    .map(|m| names.cluster[m])
                    .find(|&c| {
                        !others.contains(&c)
                            && names.clusters[c].person_like(true)
                            && names.clusters[c].gender == gender
                    })
            }
        };
        subject.or(Some(nearest))
    }

    /// `the Pentagon chief`: the entity an earlier apposition or title called so, else (for a
    /// definite singular description) the last person who spoke, else the description's own
    /// entity if it has one (`said a hard-featured dame of fifty`).
    fn resolve_description(
        &self,
        source: Mention,
        index: usize,
        decisions: &[Decision],
    ) -> Decision {
        let doc = self.doc;
        let determiner = doc.lower(source.first);
        let head = doc.lower(source.last);
        if let Some(cluster) = self.described(source, &head) {
            return Decision::by(ResolutionRule::Description, Some(cluster));
        }
        if let Some(cluster) = self.descriptions[index].filter(|_| self.names.fiction) {
            // `Dan's girl` is no girl named before her.
            if names::is_owning_name(doc, source.first) {
                return Decision::by(ResolutionRule::Description, Some(cluster));
            }
            // `the girl` is most often the last girl named, but for the one who spoke just
            // before (`"Sit down."` + `"Let me stand, lady," said the girl`); else, and always
            // for `the waiter`, a character of its own.
            let gender = self.names.clusters[cluster].gender;
            let names = self.names;
            let previous = index
                .checked_sub(1)
                .and_then(|j| decisions.get(j))
                .and_then(|d| d.speaker);
            let named = (gender != Gender::Unknown && !lexicon::is_service_noun(&head))
                .then(|| {
                    names
                        .before(source.span.start)
                        .take_while(|&n| {
                            names.mentions[n].span.end + DESCRIPTION_REACH >= source.span.start
                        })
                        .map(|n| names.cluster[n])
                        .find(|&c| {
                            let cluster = &names.clusters[c];
                            cluster.gender == gender
                                && cluster.person_like(true)
                                && Some(c) != previous
                        })
                })
                .flatten();
            return Decision::by(ResolutionRule::Description, named.or(Some(cluster)));
        }
        if self.names.fiction {
            return self.relative(source, &determiner, &head);
        }
        // `The bank`, `the ad`, `the report` speak for no person who spoke before.
        let singular = matches!(determiner.as_str(), "the" | "a" | "an") && !is_plural(&head);
        let decision = if !singular || !describes_person(doc, source) {
            Decision::NONE
        } else {
            match self.last_person_speaker(index, decisions) {
                Some(last) if determiner == "the" => {
                    Decision::by(ResolutionRule::DescriptionLastSpeaker, Some(last))
                }
                Some(_) => Decision::NONE,
                // Nobody spoke yet: a lead's description is named in the paragraphs after it.
                None => Decision::by(
                    ResolutionRule::DescriptionNextSpeaker,
                    self.next_named_speaker(index),
                ),
            }
        };
        match (decision.speaker, self.descriptions[index]) {
            (None, Some(own)) => Decision::by(ResolutionRule::Description, Some(own)),
            _ => decision,
        }
    }

    /// `said her mother`: the nearest person of the noun's gender named before, other than
    /// the one the possessive refers to.
    fn relative(&self, source: Mention, determiner: &str, head: &str) -> Decision {
        let owner_gender = match determiner {
            "his" => Gender::Male,
            "her" => Gender::Female,
            _ => return Decision::NONE,
        };
        let Some(gender) = lexicon::noun_gender(head) else {
            return Decision::NONE;
        };
        let byte = source.span.start;
        let owner = self.person_before(byte, owner_gender, &[]);
        let family = owner.and_then(|owner| self.family_member(owner, head, gender, byte));
        let relative = family.or_else(|| {
            self.person_before(byte, gender, owner.as_slice())
                .filter(|&c| self.names.clusters[c].gender == gender)
        });
        Decision::by(ResolutionRule::Description, relative)
    }

    /// `said his wife` after Mr. Bennet is Mrs. Bennet: for a noun of the close family, the
    /// person of its gender who bears the owner's surname, last named before byte `byte`.
    fn family_member(
        &self,
        owner: usize,
        head: &str,
        gender: Gender,
        byte: usize,
    ) -> Option<usize> {
        if !lexicon::is_close_family(head) {
            return None;
        }
        let clusters = &self.names.clusters;
        let surname = clusters[owner].surname()?;
        (0..clusters.len())
            .filter(|&c| c != owner)
            .filter(|&c| {
                let cluster = &clusters[c];
                cluster.kind == EntityKind::Person
                    && !cluster.description
                    && cluster.gender == gender
                    && cluster.surname() == Some(surname)
            })
            .filter_map(|c| {
                let named = clusters[c].mentions.iter().filter(|m| m.end <= byte);
                Some((named.map(|m| m.end).max()?, c))
            })
            .max()
            .map(|(_, c)| c)
    }

    /// The most recently mentioned entity whose titles or appositions include the
    /// description's head noun (`chief` of `the Pentagon chief`, `doctor` of `Dr. Grant`), else
    /// the entity last named before with that title in its name (`the count` for `Count
    /// Mippipopolous`, however long ago; `the duchess` for the Duchess of Monmouth once she
    /// comes after the Duchess of Harley).
    fn described(&self, source: Mention, head: &str) -> Option<usize> {
        if head.len() < 3 || is_plural(head) {
            return None;
        }
        let names = self.names;
        let recent = names
            .before(source.span.start)
            .map(|n| names.cluster[n])
            .find(|&c| names.clusters[c].descriptors.iter().any(|d| d == head));
        // Only a bare `the count` names its title's holder: `the girl of Robert` is no Robert.
        let bare_title = source.last == source.first + 1 && self.doc.lower(source.first) == "the";
        if recent.is_some() || !bare_title {
            return recent;
        }
        (0..names.clusters.len())
            .filter(|&c| {
                let cluster = &names.clusters[c];
                !cluster.description
                    && (cluster.titles.iter().any(|t| t == head)
                        || (cluster.key.len() >= 2 && cluster.key[0] == head))
            })
            .filter_map(|c| {
                let named = names.clusters[c].mentions.iter().map(|m| m.end);
                Some((named.filter(|&end| end <= source.span.start).max()?, c))
            })
            .max()
            .map(|(_, c)| c)
    }

    /// The person speaker of the closest attribution before attribution `index`.
    fn last_person_speaker(&self, index: usize, decisions: &[Decision]) -> Option<usize> {
        let start = self.found[index].start();
        (index.saturating_sub(SPEAKER_WINDOW)..index.min(decisions.len()))
            .rev()
            .filter(|&j| self.found[j].start() < start)
            .find_map(|j| {
                decisions[j]
                    .speaker
                    .filter(|&c| self.names.clusters[c].kind == EntityKind::Person)
            })
    }
}

/// Builds the output: speaker entities renumbered in order of first mention.
fn emit(
    doc: &Document,
    found: &[Found],
    decisions: &[Decision],
    names: &Names,
) -> (Vec<Attribution>, Vec<Entity>) {
    let clusters = &names.clusters;
    let mut order: Vec<usize> = (0..clusters.len())
        .filter(|&c| clusters[c].is_speaker)
        .collect();
    order.sort_by_key(|&c| clusters[c].mentions.iter().map(|m| m.start).min());
    let mut new_id = vec![usize::MAX; clusters.len()];
    let mut canonical = vec![String::new(); clusters.len()];
    for (id, &c) in order.iter().enumerate() {
        new_id[c] = id;
        canonical[c] = names.canonical_name(c);
    }
    let entities = order
        .iter()
        .enumerate()
        .map(|(id, &c)| {
            let mut mentions = clusters[c].mentions.clone();
            mentions.sort();
            mentions.dedup();
            Entity {
                id,
                name: canonical[c].clone(),
                kind: clusters[c].kind,
                mentions: mentions
                    .into_iter()
                    .map(|m| doc.offsets(m))
                    .collect::<Vec<Offsets>>(),
            }
        })
        .collect();
    let attributions = found
        .iter()
        .zip(decisions)
        .map(|(f, decision)| Attribution {
            kind: f.kind,
            content: f.content.iter().map(|c| doc.text_span(*c)).collect(),
            cue: f.cue.map(|c| doc.text_span(c)),
            source: f.source.map(|s| doc.text_span(s.span)),
            speaker: decision.speaker.map(|c| SpeakerRef {
                entity: new_id[c],
                name: canonical[c].clone(),
            }),
            confidence: f.confidence,
            method: f.method,
            resolution: Some(Resolution {
                rule: decision.rule,
                score: decision.score,
            }),
        })
        .collect();
    (attributions, entities)
}

#[cfg(test)]
mod tests;
