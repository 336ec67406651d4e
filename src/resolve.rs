//! Stage 4, speaker resolution: links each source mention to a canonical speaker.
//!
//! Entities are clusters of name mentions: a shorter form that ends the same way as a fuller
//! one is the same entity (`Esper` → `Mark Esper`), titles are stripped
//! (`US Defense Secretary Mark Esper` → `Mark Esper`). Pronouns link to the most recent person
//! named before them, definite descriptions (`the Pentagon chief`) to the most recent person
//! speaker, and floating quotes inherit the speaker of the attribution just before them.

use std::collections::HashMap;

use crate::document::{Document, Span, SpanSet};
use crate::mention::MentionKind;
use crate::rules::Found;
use crate::schema::{
    Attribution, AttributionKind, Entity, EntityKind, Method, Offsets, SpeakerRef,
};

/// How far back (in names, or in attributions) an antecedent is looked for.
const ANTECEDENT_WINDOW: usize = 50;

/// Words of a name phrase that are titles or descriptions, not part of the name.
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "secretary",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "defense",
    "defence",
    "state",
    "us",
    "u.s",
    "uk",
    "minister",
    "prime",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "gen",
    "general",
    "judge",
    "justice",
    "mayor",
    "speaker",
    "leader",
    "director",
    "attorney",
    "commissioner",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "former",
    "vice",
    "deputy",
    "foreign",
    "candidate",
    "nominee",
    "democrat",
    "republican",
    "democratic",
    "gop",
    "sir",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "father",
    "sister",
    "brother",
    "captain",
    "capt",
    "col",
    "colonel",
    "lt",
    "sgt",
    "the",
    "said",
    "presidential",
    "rev",
    "officer",
    "ceo",
    "founder",
    "analyst",
    "professor",
    "economist",
];

/// Words that make a name an organisation.
const ORGANISATION_WORDS: &[&str] = &[
    "pentagon",
    "house",
    "department",
    "ministry",
    "agency",
    "post",
    "times",
    "news",
    "journal",
    "committee",
    "party",
    "campaign",
    "inc",
    "corp",
    "university",
    "institute",
    "council",
    "association",
    "government",
    "police",
    "service",
    "office",
    "bureau",
    "fbi",
    "cia",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "msnbc",
    "reuters",
    "ap",
    "afp",
    "yonhap",
    "sputnik",
    "kremlin",
    "congress",
    "senate",
    "court",
    "foundation",
    "center",
    "centre",
    "group",
    "company",
    "bank",
    "commission",
    "administration",
    "army",
    "navy",
    "network",
    "press",
    "tribune",
    "herald",
    "union",
    "nato",
    "un",
    "eu",
    "politico",
    "breitbart",
    "gallup",
    "poll",
    "magazine",
];

/// Capitalised words that start sentences without naming anyone.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "for",
    "with",
    "by",
    "from",
    "to",
    "of",
    "or",
    "not",
    "no",
    "yes",
    "what",
    "who",
    "why",
    "how",
    "where",
    "asked",
    "said",
    "says",
    "tensions",
    "talks",
    "also",
    "some",
    "many",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// A name phrase found in the text, after title stripping.
#[derive(Debug, Clone)]
struct NameMention {
    span: Span,
    /// The name's words, lower-cased, titles stripped.
    key: Vec<String>,
    /// The name as written, titles stripped.
    name: String,
    kind: EntityKind,
    /// Known to be a person: a full name or a title, not a lone word such as a place.
    confirmed_person: bool,
}

/// An entity under construction.
#[derive(Debug, Clone)]
struct Cluster {
    key: Vec<String>,
    name: String,
    kind: EntityKind,
    mentions: Vec<Span>,
    is_speaker: bool,
    confirmed_person: bool,
}

impl Cluster {
    /// Whether a name with `key` is another form of this entity.
    fn matches(&self, key: &[String], kind: EntityKind) -> bool {
        if kind != self.kind {
            return false;
        }
        match kind {
            EntityKind::Organisation => self.key == key,
            // `Esper` ~ `Mark Esper`: one ends the other.
            EntityKind::Person => self.key.ends_with(key) || key.ends_with(&self.key),
        }
    }
}

/// The name mentions of an article, each with the cluster it belongs to.
struct Names {
    mentions: Vec<NameMention>,
    cluster: Vec<usize>,
}

impl Names {
    /// Indices of the mentions ending at or before byte `byte`, nearest first.
    fn before(&self, byte: usize) -> impl Iterator<Item = usize> {
        let end = self.mentions.partition_point(|n| n.span.end <= byte);
        (end.saturating_sub(ANTECEDENT_WINDOW)..end).rev()
    }

    /// Indices of the mentions starting inside `span`.
    fn within(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.mentions.partition_point(|n| n.span.start < span.start);
        let end = self.mentions.partition_point(|n| n.span.start < span.end);
        first..end.max(first)
    }
}

/// Resolves the rules' attributions to schema attributions and the speaker entities.
pub fn resolve(doc: &Document, found: &[Found]) -> (Vec<Attribution>, Vec<Entity>) {
    let mentions = name_mentions(doc, found);
    let mut clusters: Vec<Cluster> = Vec::new();
    // Clusters by the last word of their key: a shortened name keeps its last word.
    let mut by_last_word: HashMap<String, Vec<usize>> = HashMap::new();
    let cluster = mentions
        .iter()
        .map(|mention| {
            let c = cluster_of(&mut clusters, &mut by_last_word, mention);
            clusters[c].mentions.push(mention.span);
            c
        })
        .collect();
    let names = Names { mentions, cluster };
    let mut speakers: Vec<Option<usize>> = Vec::with_capacity(found.len());
    for (index, attribution) in found.iter().enumerate() {
        let speaker = match attribution.source {
            Some(source) => {
                resolve_mention(doc, &names, &clusters, &speakers, found, source, index)
            }
            None if attribution.method == Method::FloatingQuote => {
                inherited_speaker(doc, found, &speakers, index)
            }
            None => None,
        };
        if let Some(cluster) = speaker {
            clusters[cluster].is_speaker = true;
            if let Some(source) = attribution.source {
                clusters[cluster].mentions.push(source.span);
            }
        }
        speakers.push(speaker);
    }
    emit(doc, found, &speakers, clusters)
}

/// The cluster a name mention belongs to, made if new; a longer form renames the cluster.
fn cluster_of(
    clusters: &mut Vec<Cluster>,
    by_last_word: &mut HashMap<String, Vec<usize>>,
    mention: &NameMention,
) -> usize {
    let last_word = mention.key.last().cloned().unwrap_or_default();
    let candidates = by_last_word.entry(last_word).or_default();
    let existing = candidates
        .iter()
        .rev()
        .copied()
        .find(|&c| clusters[c].matches(&mention.key, mention.kind));
    let index = existing.unwrap_or_else(|| {
        candidates.push(clusters.len());
        clusters.push(Cluster {
            key: mention.key.clone(),
            name: mention.name.clone(),
            kind: mention.kind,
            mentions: Vec::new(),
            is_speaker: false,
            confirmed_person: false,
        });
        clusters.len() - 1
    });
    let cluster = &mut clusters[index];
    // A name used both in full and shortened (`Mark Esper`, `Esper`) is a person's.
    let shortened = mention.key.len() != cluster.key.len();
    cluster.confirmed_person |= mention.confirmed_person || shortened;
    if mention.key.len() > cluster.key.len() {
        cluster.key = mention.key.clone();
        cluster.name = mention.name.clone();
    }
    index
}

/// Every name phrase outside quoted content, in text order.
fn name_mentions(doc: &Document, found: &[Found]) -> Vec<NameMention> {
    let mut quoted = SpanSet::default();
    for f in found.iter().filter(|f| f.kind != AttributionKind::Indirect) {
        for content in &f.content {
            quoted.insert(*content);
        }
    }
    let mut names = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        if !doc.is_capitalised_word(i) {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < doc.tokens.len()
            && doc.is_capitalised_word(last + 1)
            && doc.tokens[last + 1].span.start <= doc.tokens[last].span.end + 1
        {
            last += 1;
        }
        let span = doc.token_range_span(i, last);
        if !quoted.covers(span) {
            names.extend(name_mention(doc, i, last));
        }
        i = last + 1;
    }
    names
}

/// The name in tokens `first..=last`, with titles and possessives stripped, if any is left.
fn name_mention(doc: &Document, first: usize, last: usize) -> Option<NameMention> {
    let words: Vec<&str> = (first..=last).map(|i| doc.token_text(i)).collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| {
            w.to_lowercase()
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_string()
        })
        .collect();
    // Sentence-initial function words (`And Emma`) are no part of a name.
    let lead = lower
        .iter()
        .take_while(|w| NOT_NAMES.contains(&w.as_str()) && w.as_str() != "the")
        .count();
    let (first, words, lower) = (first + lead, &words[lead..], &lower[lead..]);
    // Headings in capitals (`CHAPTER I`, `DE CHEZ BEAVER`) are not names.
    let shouting = words.len() > 1 && words.iter().all(|w| !w.chars().any(char::is_lowercase));
    if words.is_empty() || shouting {
        return None;
    }
    let organisation = lower
        .iter()
        .any(|w| ORGANISATION_WORDS.contains(&w.as_str()));
    // Organisations keep their words; people lose the titles before their name.
    let skip = if organisation {
        usize::from(lower[0] == "the")
    } else {
        lower
            .iter()
            .rposition(|w| TITLE_WORDS.contains(&w.as_str()))
            .map_or(0, |p| p + 1)
    };
    if skip > last - first {
        return None;
    }
    if skip == last - first && NOT_NAMES.contains(&lower[skip].as_str()) {
        return None;
    }
    let start = doc.tokens[first + skip].span.start;
    let end = doc.tokens[last].span.end;
    let name = doc.text[start..end]
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    Some(NameMention {
        span: Span::new(start, end),
        key: lower[skip..].to_vec(),
        name,
        kind: if organisation {
            EntityKind::Organisation
        } else {
            EntityKind::Person
        },
        confirmed_person: !organisation && skip > 0,
    })
}

/// The cluster the source mention of attribution `index` refers to.
fn resolve_mention(
    doc: &Document,
    names: &Names,
    clusters: &[Cluster],
    speakers: &[Option<usize>],
    found: &[Found],
    source: crate::mention::Mention,
    index: usize,
) -> Option<usize> {
    // The entity of the most recent name before the source; a person must be a confirmed one
    // (`Pyongyang` alone is no antecedent for `he`).
    let before = |kind: EntityKind| {
        names
            .before(source.span.start)
            .filter(|&n| names.mentions[n].kind == kind)
            .map(|n| names.cluster[n])
            .find(|&c| kind == EntityKind::Organisation || clusters[c].confirmed_person)
    };
    match source.kind {
        MentionKind::Name => names
            .within(source.span)
            .filter(|&n| source.span.contains(&names.mentions[n].span))
            .max_by_key(|&n| names.mentions[n].key.len())
            .map(|n| names.cluster[n]),
        MentionKind::Pronoun => match doc.lower(source.first).as_str() {
            "he" | "she" | "i" => last_person_speaker(found, speakers, clusters, index)
                .or_else(|| before(EntityKind::Person)),
            "it" => before(EntityKind::Organisation),
            _ => None,
        },
        MentionKind::Nominal => {
            let definite = doc.lower(source.first) == "the";
            let plural = doc.lower(source.last).ends_with('s');
            if !definite || plural {
                return None;
            }
            // `the Pentagon chief`: the person who spoke last, else the last person named.
            last_person_speaker(found, speakers, clusters, index)
                .or_else(|| before(EntityKind::Person))
        }
    }
}

/// The person speaker of the closest attribution before attribution `index`.
fn last_person_speaker(
    found: &[Found],
    speakers: &[Option<usize>],
    clusters: &[Cluster],
    index: usize,
) -> Option<usize> {
    (index.saturating_sub(ANTECEDENT_WINDOW)..index)
        .rev()
        .filter(|&j| found[j].start() < found[index].start())
        .find_map(|j| speakers[j].filter(|&c| clusters[c].kind == EntityKind::Person))
}

/// The speaker a floating quote inherits: the preceding attribution's, when it is in the same
/// or the previous paragraph.
fn inherited_speaker(
    doc: &Document,
    found: &[Found],
    speakers: &[Option<usize>],
    index: usize,
) -> Option<usize> {
    let paragraph_of = |byte: usize| {
        let token = doc
            .token_at_or_after(byte)
            .min(doc.tokens.len().saturating_sub(1));
        doc.sentences[doc.sentence_of_token(token)].paragraph
    };
    let previous = index.checked_sub(1)?;
    let here = paragraph_of(found[index].start());
    let there = paragraph_of(found[previous].start());
    (here <= there + 1).then_some(speakers[previous]).flatten()
}

/// Builds the output: speaker entities renumbered in order of first mention.
fn emit(
    doc: &Document,
    found: &[Found],
    speakers: &[Option<usize>],
    clusters: Vec<Cluster>,
) -> (Vec<Attribution>, Vec<Entity>) {
    let mut order: Vec<usize> = (0..clusters.len())
        .filter(|&c| clusters[c].is_speaker)
        .collect();
    order.sort_by_key(|&c| clusters[c].mentions.iter().map(|m| m.start).min());
    let mut new_id = vec![usize::MAX; clusters.len()];
    for (id, &c) in order.iter().enumerate() {
        new_id[c] = id;
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
                name: clusters[c].name.clone(),
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
        .zip(speakers)
        .map(|(f, speaker)| Attribution {
            kind: f.kind,
            content: f.content.iter().map(|c| doc.text_span(*c)).collect(),
            cue: f.cue.map(|c| doc.text_span(c)),
            source: f.source.map(|s| doc.text_span(s.span)),
            speaker: speaker.map(|c| SpeakerRef {
                entity: new_id[c],
                name: clusters[c].name.clone(),
            }),
            confidence: f.confidence,
            method: f.method,
        })
        .collect();
    (attributions, entities)
}
