//! Name mentions and their clusters (the entities), with honorifics and gender.
//!
//! A name mention is a run of capitalised words outside quoted speech. Titles are stripped
//! (`US Defense Secretary Mark Esper` → `Mark Esper`) but a gendered honorific is kept as a
//! property (`Mrs Beaver` is `Beaver` with `Mrs`), so that `Mrs Beaver` and `John Beaver` stay
//! apart while `Esper` joins `Mark Esper` and `Mrs. Clinton` joins `Hillary Clinton`. A
//! sentence-initial word that the document mostly writes in lower case (`Then Poirot`,
//! `Even Emma`) is not part of a name.

use std::collections::{HashMap, HashSet};

use crate::document::{Document, Span, SpanSet, TokenKind};
use crate::schema::EntityKind;

use super::lexicon::{
    first_name_gender, honorific_gender, is_calendar_word, is_no_name, noun_gender,
    suffix_honorific_gender, title_in_full, Gender, DEMONYMS, ORGANISATION_WORDS,
    PUBLICATION_WORDS, RANK_WORDS, TITLE_WORDS,
};

/// How far back (in name mentions) an antecedent is looked for.
pub(super) const ANTECEDENT_WINDOW: usize = 60;

/// Pronouns after a person's mentions needed to give it a gender: one in news, where people
/// are few and named in full; two in fiction.
const MIN_VOTES: usize = 2;

/// A full name is canonical unless the most used form is used this many times more often.
const MAX_SHORT_FORM_RATIO: usize = 20;

/// A name phrase found in the text, after title stripping.
#[derive(Debug, Clone)]
pub(super) struct NameMention {
    /// The name's bytes (titles stripped, honorific kept).
    pub span: Span,
    /// The name's words, lower-cased, titles and honorific stripped.
    pub key: Vec<String>,
    /// A gendered honorific before the name, lower-cased without its period (`mrs`).
    pub honorific: Option<String>,
    /// The name as written, honorific included when it precedes a lone surname.
    pub name: String,
    /// Person or organisation.
    pub kind: EntityKind,
    /// Known to be a person: a full name or a title, not a lone word such as a place.
    pub confirmed_person: bool,
    /// Gender from the honorific or a known first name.
    pub gender: Gender,
    /// Title and description words before the name (`pentagon`, `chief`), lower-cased.
    pub titles: Vec<String>,
}

/// An entity under construction.
#[derive(Debug, Clone)]
pub(super) struct Cluster {
    /// The fullest key seen.
    pub key: Vec<String>,
    /// The honorific its mentions carry, if any.
    pub honorific: Option<String>,
    /// Person or organisation.
    pub kind: EntityKind,
    /// Every mention, name mentions and resolved sources.
    pub mentions: Vec<Span>,
    /// Whether some attribution resolved to it.
    pub is_speaker: bool,
    /// Known to be a person.
    pub confirmed_person: bool,
    /// Gender from honorifics and first names, else from the pronouns that follow it.
    pub gender: Gender,
    /// Written forms with their counts, to pick the canonical name.
    forms: HashMap<String, usize>,
    /// Title, apposition and description words used of it (`chief`, `pentagon`).
    pub descriptors: Vec<String>,
    /// The titles its names carry (`doctor` of `Dr. Grant`), abbreviations written out.
    pub titles: Vec<String>,
    /// Votes from pronouns after its mentions: (he, she).
    votes: (usize, usize),
    /// Byte where it was last mentioned, for choosing among same-surname clusters.
    last_seen: usize,
    /// Named by a description (`the parson`), not a name.
    pub description: bool,
}

impl Cluster {
    fn new(mention: &NameMention) -> Cluster {
        Cluster {
            key: mention.key.clone(),
            honorific: mention.honorific.clone(),
            kind: mention.kind,
            mentions: Vec::new(),
            is_speaker: false,
            confirmed_person: false,
            gender: mention.gender,
            forms: HashMap::new(),
            descriptors: Vec::new(),
            titles: Vec::new(),
            votes: (0, 0),
            last_seen: 0,
            description: false,
        }
    }

    /// Whether a name mention can be another form of this entity; `families` lists the first
    /// names used with each surname.
    pub fn matches(&self, mention: &NameMention, families: &Families, fiction: bool) -> bool {
        // A cluster merged into another (its forms moved) names nobody any more.
        if mention.kind != self.kind || self.forms.is_empty() {
            return false;
        }
        match self.kind {
            // `IMF` ~ `International Monetary Fund`; `Security Council` ~ `United Nations
            // Security Council` (not `House` ~ `White House`: two words at least, but for a
            // newspaper).
            EntityKind::Organisation => {
                let (short, long) = if self.key.len() <= mention.key.len() {
                    (&self.key, &mention.key)
                } else {
                    (&mention.key, &self.key)
                };
                // A newspaper goes by its last word (`the Times`, `the Post`).
                let publication =
                    short.len() == 1 && PUBLICATION_WORDS.contains(&short[0].as_str());
                self.key == mention.key
                    || (mention.key.len() == 1 && initials(&self.key) == mention.key[0])
                    || ((short.len() >= 2 || publication) && long.ends_with(short))
            }
            EntityKind::Person => {
                // `Esper` ~ `Mark Esper`: one ends the other; `Bill` ~ `Bill Gorton`.
                // `Bill` ~ `Bill Gorton` in fiction, or for a known first name (not `Iraq` ~
                // `Iraq War`).
                // `Hamidullah Begum` is Hamidullah's wife, not him.
                let first_name = |short: &[String], long: &[String], honorific: &Option<String>| {
                    short.len() == 1
                        && honorific.is_none()
                        && long.len() > 1
                        && long[0] == short[0]
                        && long
                            .last()
                            .is_some_and(|w| suffix_honorific_gender(w).is_none())
                        && (fiction || first_name_gender(&short[0]).is_some())
                };
                let surname_first = surname_first(&mention.key, &self.key)
                    || surname_first(&self.key, &mention.key);
                let suffix = self.key.ends_with(&mention.key)
                    || mention.key.ends_with(&self.key)
                    || surname_first
                    || first_name(&mention.key, &self.key, &mention.honorific)
                    || first_name(&self.key, &mention.key, &self.honorific);
                // `Mrs Beaver` is neither `Mr Beaver` nor a bare `Beaver` cluster (which may be
                // her son); she may be `Hillary Clinton` when the genders agree.
                // In fiction `Mr. Knightley` is not his brother `Mr. John Knightley`, nor
                // `Mrs. Dashwood` her daughter-in-law `Mrs. John Dashwood`.
                let same_key = self.key == mention.key;
                let only_first_name = |full: &[String], surname: Option<&String>, gender| {
                    full.len() > 1 && families.only_first_name(surname, gender) == Some(&full[0])
                };
                // `Miss Quested` is `Adela Quested` when Adela is the family's only woman
                // named, `Mr. Denham` is `Ralph Denham` when no `Mr.` is written before a
                // first name of the family (`Mr. John Knightley` is not `Mr. Knightley`).
                let surname = mention.key.last();
                let names_the_one_named = |honorific: &str| {
                    let joins = !fiction
                        || honorific == "miss"
                        || (honorific == "mr" && !families.titles_a_first_name(honorific, surname));
                    joins && only_first_name(&self.key, surname, mention.gender)
                };
                let honorifics = match (&self.honorific, &mention.honorific) {
                    (Some(a), Some(b)) => {
                        a == b && (!fiction || same_key || names_the_one_named(b))
                    }
                    (None, Some(honorific)) => {
                        same_key || surname_first || names_the_one_named(honorific)
                    }
                    (Some(_), None) => !fiction || same_key || mention.key.len() == 1,
                    _ => true,
                };
                // `Colonel Brandon` is not `Mrs. Brandon`, his sister-in-law, nor `Dr. Grant`
                // his wife: in a novel a man known by his title is not the family's woman.
                let titled =
                    |titles: &[String]| titles.iter().any(|t| honorific_gender(t).is_none());
                let womans = |h: &Option<String>| {
                    h.as_deref().and_then(honorific_gender) == Some(Gender::Female)
                };
                let titled_mans_kin = fiction
                    && ((titled(&self.titles)
                        && self.honorific.is_none()
                        && womans(&mention.honorific))
                        || (titled(&mention.titles)
                            && mention.honorific.is_none()
                            && womans(&self.honorific)));
                suffix && honorifics && !titled_mans_kin && self.gender.agrees(mention.gender)
            }
        }
    }

    /// The canonical name: the most used full name (two words or more), else in fiction the
    /// most used titled surname (`Mr. Turton`) if used a quarter as often as the bare one,
    /// else the most used form; ties go to the longer form. A full name used far less than
    /// the short form (`Cassandra Katharine` once beside `Katharine` hundreds of times) is a
    /// chance juxtaposition, not the name.
    ///
    /// The short-form ratio applies to fiction only, where two first names often meet
    /// (`Katharine Cassandra`); in news the full name wins (`Donald Trump` over `Mr. Trump`).
    pub fn name(&self, fiction: bool) -> String {
        // An organisation goes by its fullest name (`United Nations Security Council`, not
        // `Security Council`), however often the short one is used.
        if self.kind == EntityKind::Organisation {
            let words = |form: &String| {
                form.split_whitespace()
                    .filter(|w| !w.eq_ignore_ascii_case("the"))
                    .count()
            };
            return self
                .forms
                .iter()
                .max_by_key(|(form, count)| (words(form), **count, std::cmp::Reverse(*form)))
                .map(|(form, _)| form.clone())
                .unwrap_or_default();
        }
        // A full name has a first name: `Donald Trump`, not `Mr. Trump`, `Captain Rattery`
        // nor `the Montoya`.
        let full = |form: &&String| {
            let mut words = form.split_whitespace();
            let first = words.next().unwrap_or_default().to_lowercase();
            words.next().is_some()
                && honorific_gender(&first).is_none()
                && !matches!(first.as_str(), "the" | "a" | "an")
                && !TITLE_WORDS.contains(&first.trim_end_matches('.'))
        };
        fn best<'a>(forms: Vec<(&'a String, &'a usize)>) -> Option<(&'a String, &'a usize)> {
            forms
                .into_iter()
                .max_by_key(|(form, count)| (**count, form.len(), std::cmp::Reverse(*form)))
        }
        let top = best(self.forms.iter().collect());
        let full_forms: Vec<_> = self.forms.iter().filter(|(f, _)| full(f)).collect();
        let top_count = top.map_or(0, |(_, count)| *count);
        // With no full name, a novel's `Mr. Turton` is so named, not `Turton`, when the titled
        // form is used a quarter as often as the bare surname: the bare one may be his wife's
        // too.
        let titled_surname = |form: &&String| {
            let mut words = form.split_whitespace();
            let honorific = words.next().unwrap_or_default().to_lowercase();
            matches!(
                honorific.trim_end_matches('.'),
                "mr" | "mrs" | "miss" | "ms"
            ) && top.is_some_and(|(bare, _)| {
                words.next() == Some(bare.as_str())
                    && words.next().is_none()
                    && first_name_gender(&bare.to_lowercase()).is_none()
            })
        };
        let titled_forms: Vec<_> = self
            .forms
            .iter()
            .filter(|(f, _)| titled_surname(f))
            .collect();
        let chosen = best(full_forms)
            .filter(|(_, count)| !fiction || **count * MAX_SHORT_FORM_RATIO >= top_count)
            .or_else(|| best(titled_forms).filter(|(_, count)| fiction && **count * 4 >= top_count))
            .or(top);
        let Some((form, count)) = chosen else {
            return String::new();
        };
        // `the Hatter` when the character is called so as often as `Hatter`.
        let with_the = format!("the {form}");
        match self.forms.get(&with_the) {
            Some(the_count) if the_count >= count => with_the,
            _ => form.clone(),
        }
    }

    /// Whether this cluster can be what a pronoun of `gender` refers to.
    pub fn agrees(&self, gender: Gender) -> bool {
        self.gender.agrees(gender)
    }

    /// Whether it is a person a pronoun may refer to: a confirmed person (a full or titled
    /// name, or a speaker), or in fiction, where people go by one name (`Emma`), a known first
    /// name of known gender. A word that pronouns merely follow (`Islam, he felt,`) is none.
    pub fn person_like(&self, fiction: bool) -> bool {
        self.kind == EntityKind::Person
            && (self.confirmed_person
                || (fiction
                    && self.gender != Gender::Unknown
                    && self
                        .key
                        .first()
                        .is_some_and(|w| first_name_gender(w).is_some())))
    }

    /// Its family name: the last word of a name of two words or more, or of one after an
    /// honorific (`Mrs. Bennet`).
    pub fn surname(&self) -> Option<&str> {
        (self.key.len() > 1 || self.honorific.is_some())
            .then(|| self.key.last().map(String::as_str))
            .flatten()
    }

    /// The forms it is written in.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.forms.keys().map(String::as_str)
    }

    /// Adds a title (`Dr.`, `doctor`), written out in full, unless it has it already.
    fn add_title(&mut self, title: &str) {
        let title = title_in_full(title.trim_end_matches('.'));
        if !self.titles.iter().any(|t| t == title) {
            self.titles.push(title.to_string());
        }
    }

    /// How many times it is named.
    pub fn mention_count(&self) -> usize {
        self.forms.values().sum()
    }

    /// How many times it is named with `word` (lower case) in its name.
    fn uses_of(&self, word: &str) -> usize {
        self.forms
            .iter()
            .filter(|(form, _)| {
                form.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(word))
            })
            .map(|(_, count)| count)
            .sum()
    }
}

/// The name mentions of an article, each with the cluster it belongs to.
pub(super) struct Names {
    /// Mentions in text order.
    pub mentions: Vec<NameMention>,
    /// The cluster of each mention.
    pub cluster: Vec<usize>,
    /// The entities.
    pub clusters: Vec<Cluster>,
    /// Lower- and upper-case counts of the document's words.
    pub stats: WordStats,
    /// The first names used with each surname.
    families: Families,
    /// Whether the document is fiction (a dialogue), where people go by one name.
    pub fiction: bool,
}

/// The first names a document uses with each surname (`bennet` → `elizabeth`, `jane`), to
/// tell whether `Mrs. Clinton` can only be `Hillary Clinton`.
#[derive(Debug, Default)]
pub(super) struct Families {
    first_names: HashMap<String, Vec<(String, Gender)>>,
    /// `(honorific, surname)` pairs also written with a first name between them (`Mr. John
    /// Knightley`): there the bare honorific names someone else.
    titled_first_names: HashSet<(String, String)>,
}

impl Families {
    /// Collects the two-word-or-longer names of `mentions`.
    fn new(mentions: &[NameMention]) -> Families {
        let mut first_names: HashMap<String, Vec<(String, Gender)>> = HashMap::new();
        let titled_first_names = mentions
            .iter()
            .filter(|m| m.key.len() > 1)
            .filter_map(|m| Some((m.honorific.clone()?, m.key.last()?.clone())))
            .collect();
        for m in mentions
            .iter()
            .filter(|m| m.key.len() > 1 && m.honorific.is_none())
        {
            let (Some(first), Some(last)) = (m.key.first(), m.key.last()) else {
                continue;
            };
            let list = first_names.entry(last.clone()).or_default();
            if !list.iter().any(|(f, _)| f == first) {
                list.push((first.clone(), m.gender));
            }
        }
        Families {
            first_names,
            titled_first_names,
        }
    }

    /// Whether `honorific` is also written before a first name and `surname`.
    fn titles_a_first_name(&self, honorific: &str, surname: Option<&String>) -> bool {
        surname.is_some_and(|s| {
            self.titled_first_names
                .contains(&(honorific.to_string(), s.clone()))
        })
    }

    /// The one first name used with `surname` that agrees with `gender`, if exactly one.
    fn only_first_name(&self, surname: Option<&String>, gender: Gender) -> Option<&String> {
        let list = self.first_names.get(surname?)?;
        let mut agreeing = list.iter().filter(|(_, g)| g.agrees(gender));
        match (agreeing.next(), agreeing.next()) {
            (Some((first, _)), None) => Some(first),
            _ => None,
        }
    }
}

impl Names {
    /// The canonical name of cluster `c`, in title case when it is written in capitals that
    /// the document also writes in title case: the narrator first named in a letter's
    /// `DEAR JAKE,` is `Jake`, while an acronym (`CNN`) stays as it is.
    pub fn canonical_name(&self, c: usize) -> String {
        let name = self.clusters[c].name(self.fiction);
        let shouted = name.split_whitespace().all(|word| {
            let letters = word.trim_matches(|ch: char| !ch.is_alphanumeric());
            letters.chars().any(char::is_alphabetic)
                && !letters.chars().any(char::is_lowercase)
                && self.stats.is_shouted_name(letters)
        });
        if !shouted {
            return name;
        }
        name.split_whitespace()
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first
                        .to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Finds and clusters the names of a document outside `quoted` speech (but inside
    /// `sources`, the attributions' source mentions, wherever they are).
    pub fn build(doc: &Document, quoted: &SpanSet, sources: &SpanSet, fiction: bool) -> Names {
        let stats = WordStats::new(doc);
        let mut mentions = name_mentions(doc, quoted, sources, &stats, fiction);
        if fiction {
            mentions = split_first_name_pairs(doc, mentions, &stats);
            // In a novel a lone name used mostly as a place (`at Hetton`) is none of the
            // characters; news has its list of places.
            for m in mentions.iter_mut().filter(|m| m.honorific.is_none()) {
                // `to John` twice in a short excerpt makes no place of a known first name.
                let place =
                    |word: &String| stats.is_place_word(word) && first_name_gender(word).is_none();
                if m.key.first().is_some_and(place) {
                    m.kind = EntityKind::Organisation;
                    m.confirmed_person = false;
                }
            }
        }
        for m in mentions.iter_mut() {
            let t = doc.token_at_or_after(m.span.start);
            if let Some(title) = title_before(doc, t) {
                // `Dr. Grant`: the name stops at the title's full stop, but the title is its.
                let word = doc.slice(title).trim_end_matches('.').to_lowercase();
                if !m.titles.contains(&word) {
                    m.titles.push(word);
                }
                // `Dr Messinger`, `Colonel Brandon`: in fiction a lone surname keeps its title.
                if fiction && m.key.len() == 1 && m.honorific.is_none() {
                    m.name = format!("{} {}", doc.slice(title), m.name);
                }
            }
            // `the Hatter`, `the Mock Turtle`: a character always called with `the` is
            // written so; `the Duchess of Monmouth` is not.
            let the = t > 0 && doc.token_text(t - 1) == "the";
            let peer = m.key.first().is_some_and(|w| is_peerage(w));
            if fiction && the && !peer && m.kind == EntityKind::Person && m.honorific.is_none() {
                m.name = format!("the {}", m.name);
            }
        }
        let mut names = Names {
            mentions: Vec::new(),
            cluster: Vec::new(),
            clusters: Vec::new(),
            stats,
            families: Families::new(&mentions),
            fiction,
        };
        let mut by_last_word: HashMap<String, Vec<usize>> = HashMap::new();
        for mention in mentions {
            let c = names.cluster_of(&mut by_last_word, &mention);
            names.cluster.push(c);
            names.mentions.push(mention);
        }
        if fiction {
            names.join_titled_surnames_to_full_names();
        }
        names.add_descriptors(doc);
        if fiction {
            names.add_quoted_titles(doc, quoted);
        }
        names.vote_genders(doc, quoted);
        names
    }

    /// `"... when Doctor Losberne came in."`: a title the characters give a person inside
    /// their speech is one of theirs too, so that `the doctor` of the narration names him. The
    /// person is the one cluster of people ending with that surname.
    fn add_quoted_titles(&mut self, doc: &Document, quoted: &SpanSet) {
        for t in 1..doc.tokens.len() {
            if !quoted.covers(doc.tokens[t].span) || !doc.is_capitalised_word(t) {
                continue;
            }
            let Some(title) = title_before(doc, t) else {
                continue;
            };
            let word = doc.lower(t);
            let mut holders = (0..self.clusters.len()).filter(|&c| {
                let cluster = &self.clusters[c];
                cluster.kind == EntityKind::Person
                    && !cluster.description
                    && !cluster.forms.is_empty()
                    && cluster.key.last() == Some(&word)
            });
            let (Some(holder), None) = (holders.next(), holders.next()) else {
                continue;
            };
            let title = doc.slice(title).to_lowercase();
            self.clusters[holder].add_title(&title);
        }
    }

    /// In fiction `Mr. Denham` is `Ralph Denham` when Ralph is the only man named in full
    /// with that surname and no `Mr.` is written before a first name of it (`Mr. John
    /// Knightley` tells that `Mr. Knightley` is his brother), and `Miss Quested` is `Adela
    /// Quested` alike. Clusters are built in text order, so a `Mr. Denham` met before `Ralph
    /// Denham` made a cluster of its own; it is merged here.
    fn join_titled_surnames_to_full_names(&mut self) {
        for from in 0..self.clusters.len() {
            let cluster = &self.clusters[from];
            let gender = match cluster.honorific.as_deref() {
                Some("mr") => Gender::Male,
                Some("miss") => Gender::Female,
                _ => continue,
            };
            let honorific = cluster.honorific.clone().unwrap_or_default();
            let surname = cluster.key.last();
            let lone = cluster.key.len() == 1 && cluster.kind == EntityKind::Person;
            if !lone || (gender == Gender::Male && self.families.titles_a_first_name("mr", surname))
            {
                continue;
            }
            let Some(first) = self.families.only_first_name(surname, gender) else {
                continue;
            };
            let full = [first.clone(), surname.cloned().unwrap_or_default()];
            let into = (0..self.clusters.len()).find(|&c| {
                let other = &self.clusters[c];
                c != from
                    && other.honorific.as_ref().is_none_or(|h| *h == honorific)
                    && other.kind == EntityKind::Person
                    && other.key == full
                    && other.gender == gender
            });
            if let Some(into) = into {
                self.merge(from, into);
            }
        }
    }

    /// Moves every mention and form of cluster `from` into cluster `into`, leaving `from`
    /// empty.
    fn merge(&mut self, from: usize, into: usize) {
        for c in self.cluster.iter_mut().filter(|c| **c == from) {
            *c = into;
        }
        let moved = &mut self.clusters[from];
        let forms = std::mem::take(&mut moved.forms);
        let mentions = std::mem::take(&mut moved.mentions);
        let titles = std::mem::take(&mut moved.titles);
        let (last_seen, confirmed) = (moved.last_seen, moved.confirmed_person);
        moved.last_seen = 0;
        let target = &mut self.clusters[into];
        for (form, count) in forms {
            *target.forms.entry(form).or_default() += count;
        }
        target.mentions.extend(mentions);
        target.mentions.sort_by_key(|m| m.start);
        target.last_seen = target.last_seen.max(last_seen);
        target.confirmed_person |= confirmed;
        for title in &titles {
            target.add_title(title);
        }
    }

    /// The entity a description names in fiction (`the parson`, `an old man`), made on its
    /// first use: the same words after the determiner are the same entity. Returns its cluster.
    pub fn description(&mut self, doc: &Document, first: usize, last: usize) -> usize {
        // `Dan's girl` is nobody's `the girl`: a named owner is part of the key and the name.
        let owner = is_owning_name(doc, first);
        let words: Vec<usize> = (first + usize::from(!owner)..=last)
            .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
            .collect();
        let key: Vec<String> = words.iter().map(|&i| doc.lower(i)).collect();
        let span = doc.token_range_span(first, last);
        let existing = (0..self.clusters.len()).find(|&c| {
            let cluster = &self.clusters[c];
            cluster.description && cluster.key == key
        });
        let index = existing.unwrap_or_else(|| {
            let gender = key
                .last()
                .and_then(|head| noun_gender(head))
                .unwrap_or(Gender::Unknown);
            let mut cluster = Cluster::new(&NameMention {
                span,
                key: key.clone(),
                honorific: None,
                name: String::new(),
                kind: EntityKind::Person,
                confirmed_person: false,
                gender,
                titles: Vec::new(),
            });
            cluster.description = true;
            self.clusters.push(cluster);
            self.clusters.len() - 1
        });
        let cluster = &mut self.clusters[index];
        // `The parson` opening a sentence is `the parson`.
        let text = doc.slice(span);
        let determiner = if owner {
            0
        } else {
            doc.tokens[first].span.end - span.start
        };
        let form = format!(
            "{}{}",
            text[..determiner].to_lowercase(),
            &text[determiner..]
        );
        *cluster.forms.entry(normalise(&form)).or_default() += 1;
        cluster.mentions.push(span);
        cluster.last_seen = span.end;
        index
    }

    /// A new entity for a person named only inside quotes (a narrator others address).
    pub fn add(&mut self, mention: &NameMention) -> usize {
        let mut cluster = Cluster::new(mention);
        cluster.confirmed_person = true;
        *cluster.forms.entry(normalise(&mention.name)).or_default() += 1;
        self.clusters.push(cluster);
        self.clusters.len() - 1
    }

    /// A new entity, `the narrator`, for a first-person narrator no name is found for; `span`
    /// is its first `I`.
    pub fn add_unnamed_narrator(&mut self, span: Span) -> usize {
        self.add(&NameMention {
            span,
            key: vec!["narrator".to_string()],
            honorific: None,
            name: "the narrator".to_string(),
            kind: EntityKind::Person,
            confirmed_person: true,
            gender: Gender::Unknown,
            titles: Vec::new(),
        })
    }

    /// Indices of the mentions ending at or before byte `byte`, nearest first.
    pub fn before(&self, byte: usize) -> impl Iterator<Item = usize> {
        let end = self.mentions.partition_point(|n| n.span.end <= byte);
        (end.saturating_sub(ANTECEDENT_WINDOW)..end).rev()
    }

    /// Indices of the mentions starting inside `span`.
    pub fn within(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.mentions.partition_point(|n| n.span.start < span.start);
        let end = self.mentions.partition_point(|n| n.span.start < span.end);
        first..end.max(first)
    }

    /// The person name mentions starting inside `span`, in text order.
    pub fn people_within(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        self.within(span)
            .filter(|&n| self.mentions[n].kind == EntityKind::Person)
    }

    /// The cluster a name written inside a quote (a vocative) names, if one already exists.
    pub fn lookup(&self, mention: &NameMention) -> Option<usize> {
        (0..self.clusters.len())
            .filter(|&c| self.clusters[c].matches(mention, &self.families, self.fiction))
            .max_by_key(|&c| self.clusters[c].last_seen)
    }

    /// The cluster a name mention belongs to, made if new; records the mention and its form.
    fn cluster_of(
        &mut self,
        by_last_word: &mut HashMap<String, Vec<usize>>,
        mention: &NameMention,
    ) -> usize {
        let last_word = mention.key.last().cloned().unwrap_or_default();
        let clusters = &mut self.clusters;
        let families = &self.families;
        // A bare surname is more often the man's (`Bingley`) than `Miss Bingley`.
        let feminine =
            |c: &Cluster| c.honorific.as_deref().and_then(honorific_gender) == Some(Gender::Female);
        let bare = mention.honorific.is_none() && mention.key.len() == 1;
        let fiction = self.fiction;
        let first_word = mention.key.first().cloned().unwrap_or_default();
        let existing = by_last_word
            .get(&last_word)
            .into_iter()
            .chain(by_last_word.get(&first_word))
            .flatten()
            .copied()
            .filter(|&c| clusters[c].matches(mention, families, fiction))
            .max_by_key(|&c| {
                // `John` is `John Andrew`, named so 20 times, not `John Beaver`, named
                // 12 times in full but 180 times `Beaver`.
                let main = if bare {
                    clusters[c].uses_of(&first_word)
                } else {
                    0
                };
                // News introduces its subject first: a bare surname two people share is
                // the one named first (`Hillary Clinton` before `former President Bill
                // Clinton`); fiction takes the one named last.
                let order = if bare && !fiction {
                    -(clusters[c].mentions[0].start as i64)
                } else {
                    clusters[c].last_seen as i64
                };
                (!(bare && feminine(&clusters[c])), main, order)
            });
        let index = existing.unwrap_or_else(|| {
            clusters.push(Cluster::new(mention));
            clusters.len() - 1
        });
        // A cluster is found by its last word, a full name by its first (`Bill`) and an
        // organisation by its initials (`IMF`).
        let acronym = (mention.kind == EntityKind::Organisation && mention.key.len() > 1)
            .then(|| initials(&mention.key));
        let words = [mention.key.first(), mention.key.last(), acronym.as_ref()];
        for word in words.into_iter().flatten() {
            let list = by_last_word.entry(word.clone()).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
        }
        let cluster = &mut clusters[index];
        // A name used both in full and shortened (`Mark Esper`, `Esper`) is a person's.
        let shortened = mention.key.len() != cluster.key.len()
            && (cluster.key.ends_with(&mention.key) || mention.key.ends_with(&cluster.key));
        cluster.confirmed_person |= mention.confirmed_person || shortened;
        if mention.key.len() > cluster.key.len() {
            cluster.key = mention.key.clone();
        }
        if cluster.honorific.is_none() {
            cluster.honorific = mention.honorific.clone();
        }
        if cluster.gender == Gender::Unknown {
            cluster.gender = mention.gender;
        }
        *cluster.forms.entry(normalise(&mention.name)).or_default() += 1;
        for title in &mention.titles {
            cluster.add_title(title);
            cluster
                .descriptors
                .push(title_in_full(title.trim_end_matches('.')).to_string());
        }
        cluster.mentions.push(mention.span);
        cluster.last_seen = mention.span.end;
        index
    }

    /// Appositions after a name (`Esper, the Pentagon chief,`) describe its cluster.
    fn add_descriptors(&mut self, doc: &Document) {
        for (n, mention) in self.mentions.iter().enumerate() {
            let after = doc.token_at_or_after(mention.span.end);
            if after + 2 >= doc.tokens.len() || doc.token_text(after) != "," {
                continue;
            }
            if !matches!(doc.lower(after + 1).as_str(), "the" | "a" | "an") {
                continue;
            }
            // An apposition is closed by punctuation (`Esper, the Pentagon chief, said`); words
            // running on into a clause (`in Chelsea, the mayor also said that`) are its subject.
            let limit = doc.tokens.len().min(after + 10);
            let end = (after + 2..limit)
                .find(|&i| doc.tokens[i].kind != TokenKind::Word)
                .unwrap_or(limit);
            let closed = end < limit && matches!(doc.token_text(end), "," | "." | ";" | ")");
            // `addressing Oliver, the girl pulled him in with her,`: a verb or a pronoun makes
            // the words a clause of their own, whose subject is no apposition.
            let clause = (after + 2..end)
                .any(|i| doc.is_verb_like(i) || crate::mention::is_personal_pronoun(&doc.lower(i)));
            if !closed || clause {
                continue;
            }
            let words = (after + 2..end).map(|i| doc.lower(i));
            self.clusters[self.cluster[n]].descriptors.extend(words);
        }
    }

    /// Gender from the pronouns that follow a person's mentions (`Emma ... she`), for names
    /// with no honorific or known first name.
    fn vote_genders(&mut self, doc: &Document, quoted: &SpanSet) {
        let mut next_mention = 0;
        for i in 0..doc.tokens.len() {
            let vote = match doc.lower(i).as_str() {
                "he" | "him" | "his" | "himself" => (1, 0),
                "she" | "her" | "hers" | "herself" => (0, 1),
                _ => continue,
            };
            let span = doc.tokens[i].span;
            if quoted.covers(span) {
                continue;
            }
            while next_mention < self.mentions.len()
                && self.mentions[next_mention].span.end <= span.start
            {
                next_mention += 1;
            }
            let Some(n) = next_mention.checked_sub(1) else {
                continue;
            };
            let near = doc.token_at_or_after(self.mentions[n].span.end) + 15 >= i;
            if near && self.mentions[n].kind == EntityKind::Person {
                let votes = &mut self.clusters[self.cluster[n]].votes;
                votes.0 += vote.0;
                votes.1 += vote.1;
            }
        }
        let min_votes = if self.fiction { MIN_VOTES } else { 1 };
        for cluster in &mut self.clusters {
            let (he, she) = cluster.votes;
            if cluster.gender == Gender::Unknown && he + she >= min_votes {
                // In a novel the other participant's pronouns follow a name too, so a clear
                // majority (4:3) decides: on PDNC it genders 15 more of the cast's names, 14
                // as the cast does. News keeps the wider margin (5:2), with which its speaker
                // gold scores better.
                let (male, female) = if self.fiction {
                    (3 * he >= 4 * she.max(1), 3 * she >= 4 * he.max(1))
                } else {
                    (
                        he >= 3 * she.max(1) / 2 + she,
                        she >= 3 * he.max(1) / 2 + he,
                    )
                };
                if male {
                    cluster.gender = Gender::Male;
                } else if female {
                    cluster.gender = Gender::Female;
                }
            }
        }
    }
}

/// The title just before token `t` (`Dr`, `Dr.`, `Colonel`), capitalised, if any.
fn title_before(doc: &Document, t: usize) -> Option<Span> {
    let mut first = t.checked_sub(1)?;
    let last = first;
    if doc.token_text(first) == "." {
        first = first.checked_sub(1)?;
    }
    let word = doc.lower(first);
    let title = doc.is_capitalised_word(first)
        && TITLE_WORDS.contains(&word.as_str())
        && honorific_gender(&word).is_none()
        && word != "the";
    title.then(|| doc.token_range_span(first, last))
}

/// Whether `lower` is a police or army rank, or a compound of them (`detective-inspector`):
/// a title before a name (`Inspector Japp` is Japp), but alone a name's stand-in.
fn is_rank(lower: &str) -> bool {
    lower.split('-').all(|part| RANK_WORDS.contains(&part))
}

/// `Katharine Cassandra; Cassandra Katharine`: two first names side by side are two people,
/// not a full name. A two-word name whose last word the document uses as a first name
/// (`Cassandra Otway`) but never as a surname is split into its words.
fn split_first_name_pairs(
    doc: &Document,
    mentions: Vec<NameMention>,
    stats: &WordStats,
) -> Vec<NameMention> {
    let full = |m: &NameMention| m.key.len() > 1 && m.honorific.is_none();
    let mut first_words: HashMap<&str, Vec<&[String]>> = HashMap::new();
    let mut last_words: HashMap<&str, Vec<&[String]>> = HashMap::new();
    for m in mentions.iter().filter(|m| full(m)) {
        first_words.entry(&m.key[0]).or_default().push(&m.key);
        last_words
            .entry(&m.key[m.key.len() - 1])
            .or_default()
            .push(&m.key);
    }
    let other = |map: &HashMap<&str, Vec<&[String]>>, word: &str, key: &[String]| {
        map.get(word)
            .is_some_and(|keys| keys.iter().any(|k| *k != key))
    };
    let pairs: Vec<bool> = mentions
        .iter()
        .map(|m| {
            let last = m.key.last().map_or("", String::as_str);
            full(m)
                && m.key.len() == 2
                && other(&first_words, last, &m.key)
                && !other(&last_words, last, &m.key)
        })
        .collect();
    let mut split = Vec::with_capacity(mentions.len());
    for (m, pair) in mentions.into_iter().zip(pairs) {
        if !pair {
            split.push(m);
            continue;
        }
        let first = doc.token_at_or_after(m.span.start);
        let end = doc.token_at_or_after(m.span.end).min(doc.tokens.len());
        for t in (first..end).filter(|&t| doc.tokens[t].kind == TokenKind::Word) {
            split.extend(name_mention(doc, t, t, stats));
        }
    }
    split
}

/// Collapses whitespace (names wrap across lines in novels) and drops a final possessive.
fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How often each word is written in lower case and capitalised inside a sentence.
pub(super) struct WordStats {
    counts: HashMap<String, (u32, u32)>,
    /// Words written capitalised with lower-case letters after (`Pence`), anywhere.
    title_case: HashSet<String>,
    /// Per capitalised word inside sentences (possessive dropped): how often it is written so,
    /// and how often right after a preposition of place (`at Hetton`, `in the Marabar`).
    located: HashMap<String, (u32, u32)>,
}

/// Prepositions before a place (`at Hetton`, `to London`, `in the Casino`). `at`, `to` and
/// `from` also come before people (`said to Emma`), but in the PDNC novels hardly a
/// character's name follows one in 40% of its mentions, where most places do.
/// `of` counts too (`the people of Coketown`): characters are seldom named after it often
/// enough to reach the share below.
const PLACE_PREPOSITIONS: &[&str] = &[
    "across", "around", "at", "from", "in", "inside", "into", "near", "of", "outside", "over",
    "round", "through", "to", "toward", "towards", "within",
];

/// A capitalised word is a place when at least this share (in tenths) of its mentions inside
/// sentences follow a preposition of place, and at least [`MIN_PLACE_MENTIONS`] do.
const PLACE_SHARE_TENTHS: u32 = 4;

/// Mentions after a preposition of place that make a word a place.
const MIN_PLACE_MENTIONS: u32 = 2;

impl WordStats {
    /// Counts every word of the document.
    pub fn new(doc: &Document) -> WordStats {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        let mut title_case = HashSet::new();
        let mut located: HashMap<String, (u32, u32)> = HashMap::new();
        for i in 0..doc.tokens.len() {
            if doc.tokens[i].kind != TokenKind::Word {
                continue;
            }
            let text = doc.token_text(i);
            let lower = text.to_lowercase();
            let capitalised = text.chars().next().is_some_and(char::is_uppercase);
            if capitalised && text.chars().any(char::is_lowercase) {
                title_case.insert(lower.clone());
            }
            let inside = !is_sentence_initial(doc, i);
            if capitalised && inside {
                let word = lower.trim_end_matches("’s").trim_end_matches("'s");
                let entry = located.entry(word.to_string()).or_default();
                entry.0 += 1;
                entry.1 += u32::from(!is_possessive(text) && after_place_preposition(doc, i));
            }
            let entry = counts.entry(lower).or_default();
            if !capitalised {
                entry.0 += 1;
            } else if inside {
                entry.1 += 1;
            }
        }
        WordStats {
            counts,
            title_case,
            located,
        }
    }

    /// Whether a capitalised word is a place by how the document uses it: mostly after a
    /// preposition of place (`at Hetton`, `to Enscombe`, `in the Marabar`).
    pub fn is_place_word(&self, lower: &str) -> bool {
        self.located.get(lower).is_some_and(|&(all, after)| {
            after >= MIN_PLACE_MENTIONS && after * 10 >= all * PLACE_SHARE_TENTHS
        })
    }

    /// Whether a word in capitals is a name the document also writes in title case
    /// (`PENCE:` in a transcript of Mike Pence), so no acronym.
    pub fn is_shouted_name(&self, word: &str) -> bool {
        self.title_case.contains(&word.to_lowercase())
    }

    /// Whether a capitalised word is mostly a common word, written in lower case inside
    /// sentences (`Then`, `Poor`), rather than a name (`Emma`, `Bill`).
    pub fn is_common(&self, lower: &str) -> bool {
        self.counts
            .get(lower)
            .is_some_and(|&(small, capital)| small > 0 && small >= capital)
    }

    /// Whether the document writes a word capitalised inside sentences and never in lower
    /// case, as it writes a name.
    pub fn is_name_inside_sentences(&self, lower: &str) -> bool {
        self.counts
            .get(lower)
            .is_some_and(|&(small, capital)| small == 0 && capital > 0)
    }
}

/// Whether token `i` follows a preposition of place, perhaps with `the` between.
fn after_place_preposition(doc: &Document, i: usize) -> bool {
    let mut before = i.checked_sub(1);
    if before.is_some_and(|b| doc.lower(b) == "the") {
        before = before.and_then(|b| b.checked_sub(1));
    }
    before.is_some_and(|b| PLACE_PREPOSITIONS.contains(&doc.lower(b).as_str()))
}

/// Whether token `i` opens a sentence or a quotation, where any word is capitalised.
pub(super) fn is_sentence_initial(doc: &Document, i: usize) -> bool {
    let sentence = doc.sentences[doc.sentence_of_token(i)];
    if sentence.first_token == i {
        return true;
    }
    let previous = doc.token_text(i - 1);
    doc.tokens[i - 1].kind == TokenKind::Punct
        && matches!(
            previous,
            "\"" | "“" | "‘" | "'" | "«" | "(" | "—" | "–" | "-" | ":"
        )
}

/// Every name phrase outside quoted content, in text order.
fn name_mentions(
    doc: &Document,
    quoted: &SpanSet,
    sources: &SpanSet,
    stats: &WordStats,
    fiction: bool,
) -> Vec<NameMention> {
    let mut names = Vec::new();
    let headlines = title_case_paragraphs(doc, stats);
    let mut i = 0;
    while i < doc.tokens.len() {
        if !doc.is_capitalised_word(i) {
            i += 1;
            continue;
        }
        let run_end = capitalised_run_end(doc, i);
        let paragraph = doc.paragraph_of_token(i);
        // A headline's speaker (`Pentagon: Tokyo To Only Benefit China`) is a name still.
        let in_headline = headlines[paragraph] && !sources.covers(doc.token_range_span(i, run_end));
        for (first, last) in headline_parts(doc, i, run_end, in_headline) {
            let span = doc.token_range_span(first, last);
            if !quoted.covers(span) || sources.covers(span) {
                // The subject of a speech verb is a speaker, so a person unless an organisation.
                let speaker = sources.covers(span);
                let mention = name_mention(doc, first, last, stats).or_else(|| {
                    (fiction && speaker && first == last)
                        .then(|| calendar_name(doc, first))
                        .flatten()
                });
                names.extend(mention.map(|mut m| {
                    m.confirmed_person |= speaker && m.kind == EntityKind::Person;
                    m
                }));
            }
        }
        i = run_end + 1;
    }
    names
}

/// `said Sunday`: in a novel a day or a month that a cue takes as its subject is a character
/// (the President of The Man Who Was Thursday), though elsewhere such words name no one.
fn calendar_name(doc: &Document, t: usize) -> Option<NameMention> {
    let lower = doc.lower(t);
    is_calendar_word(&lower).then(|| NameMention {
        span: doc.tokens[t].span,
        key: vec![lower],
        honorific: None,
        name: doc.token_text(t).to_string(),
        kind: EntityKind::Person,
        confirmed_person: true,
        gender: Gender::Unknown,
        titles: Vec::new(),
    })
}

/// Per paragraph, whether it is a title-case headline: at least [`MIN_HEADLINE_WORDS`] words
/// of four letters or more, nearly all capitalised, and two of them common words the text
/// writes in lower case elsewhere (`Obama Sees 'Personal Insult' if Blacks Don't Rally for
/// Hillary Clinton`; not `Katharine Hilbery and Cassandra Otway sat.`).
fn title_case_paragraphs(doc: &Document, stats: &WordStats) -> Vec<bool> {
    // Per paragraph: long words, capitalised ones, capitalised common words.
    let mut counts = vec![(0usize, 0usize, 0usize); doc.paragraphs.len()];
    for (i, token) in doc.tokens.iter().enumerate() {
        if token.kind == TokenKind::Word && doc.token_text(i).chars().count() >= 4 {
            let count = &mut counts[doc.paragraph_of_token(i)];
            let capitalised = doc.is_capitalised_word(i);
            count.0 += 1;
            count.1 += usize::from(capitalised);
            count.2 += usize::from(capitalised && stats.is_common(&doc.lower(i)));
        }
    }
    counts
        .into_iter()
        .map(|(long, capitalised, common)| {
            long >= MIN_HEADLINE_WORDS && capitalised * 10 >= long * 9 && common >= 2
        })
        .collect()
}

/// The token ranges of a capitalised run that may hold names. In a title-case headline, and in
/// a run longer than any name (`Hillary Clinton Goes After Donald Trump As The New Mitt
/// Romney`), every word is capitalised: the names are a known first name and the word after it.
fn headline_parts(
    doc: &Document,
    first: usize,
    last: usize,
    in_headline: bool,
) -> Vec<(usize, usize)> {
    let words: Vec<usize> = (first..=last)
        .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
        .collect();
    if words.len() <= MAX_NAME_WORDS && !in_headline {
        return vec![(first, last)];
    }
    words
        .windows(2)
        .filter(|pair| first_name_gender(&doc.lower(pair[0])).is_some())
        .map(|pair| (pair[0], pair[1]))
        .collect()
}

/// The last token of the run of capitalised words (and abbreviation periods) from `first`.
pub(super) fn capitalised_run_end(doc: &Document, first: usize) -> usize {
    let mut last = first;
    loop {
        let mut next = last + 1;
        // `Mrs. Beaver`, `St. Cloud`, `Donald J. Trump`: the period of an abbreviation or an
        // initial stays inside the name.
        let initial = doc.token_text(last).chars().count() == 1;
        if next < doc.tokens.len()
            && doc.token_text(next) == "."
            && (initial || is_abbreviation(&doc.lower(last)))
        {
            next += 1;
        }
        let adjacent = |i: usize| doc.tokens[i].span.start <= doc.tokens[i - 1].span.end + 1;
        // `Bill de Blasio`, `Vincent van Gogh`: a particle between capitalised words; `the
        // Duchess of Monmouth`: `of` after a title of nobility.
        let particle = |next: usize| {
            is_particle(doc.token_text(next))
                || (doc.token_text(next) == "of" && is_peerage(&doc.lower(last)))
        };
        if next + 1 < doc.tokens.len()
            && particle(next)
            && doc.is_capitalised_word(next + 1)
            && adjacent(next)
            && adjacent(next + 1)
            && !is_possessive(doc.token_text(last))
        {
            last = next + 1;
            continue;
        }
        // `from Potapitch I subsequently`: the pronoun is no part of a name.
        let joined = next < doc.tokens.len()
            && doc.is_capitalised_word(next)
            && adjacent(next)
            && !is_possessive(doc.token_text(last))
            && doc.token_text(next) != "I";
        if !joined {
            return last;
        }
        last = next;
    }
}

/// Divisions of a book whose headings (`Chapter IV`, `Book First`) are no names.
const HEADING_WORDS: &[&str] = &["chapter", "book", "part", "volume", "canto", "stave"];

/// Whether token `i` numbers a heading: digits, a roman numeral or a number word.
fn numbers_a_heading(doc: &Document, i: usize) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth", "tenth", "eleventh", "twelfth", "last",
    ];
    i < doc.tokens.len()
        && (doc.tokens[i].kind == TokenKind::Number
            || NUMBER_WORDS.contains(&doc.lower(i).as_str())
            || doc
                .token_text(i)
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')))
}

/// Titles of nobility that take `of` and a place as a name (`the Duke of Berwick`).
fn is_peerage(lower: &str) -> bool {
    matches!(
        lower,
        "duke"
            | "duchess"
            | "earl"
            | "countess"
            | "marquis"
            | "marquess"
            | "marchioness"
            | "prince"
            | "princess"
    )
}

/// Lower-case particles inside names.
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "van" | "von" | "da" | "del" | "della" | "di" | "le" | "bin" | "al"
    )
}

/// Abbreviations written with a period inside names.
fn is_abbreviation(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs" | "ms" | "dr" | "st" | "mme" | "mlle" | "gen" | "sen" | "rep" | "gov" | "lt"
    )
}

/// The name in tokens `first..=last`, with titles and possessives stripped, if any is left.
pub(super) fn name_mention(
    doc: &Document,
    first: usize,
    last: usize,
    stats: &WordStats,
) -> Option<NameMention> {
    let mut words: Vec<usize> = (first..=last)
        .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
        .collect();
    // `THE SISTERS There was no hope`: a heading in capitals that runs into the first sentence
    // is no part of a name after it. A long word marks it (`USA Today` keeps its acronym).
    let heading = words
        .iter()
        .take_while(|&&i| !doc.token_text(i).chars().any(char::is_lowercase))
        .count();
    let letters = |i: usize| {
        doc.token_text(i)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
    };
    if heading < words.len() && words[..heading].iter().any(|&i| letters(i) >= 5) {
        words.drain(..heading);
    }
    let lower: Vec<String> = words
        .iter()
        .map(|&i| {
            doc.lower(i)
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_string()
        })
        .collect();
    // Sentence-initial function words (`And Emma`) and common words (`Then Poirot`) are no
    // part of a name.
    let lead = lower
        .iter()
        .zip(&words)
        .take_while(|(w, &i)| {
            (is_no_name(w) && w.as_str() != "the" && honorific_gender(w).is_none())
                || (i == words[0] && is_sentence_initial(doc, i) && is_common_lead(w, stats))
        })
        .count();
    // `Chapter IV`, `Book First`: a heading and its number are no part of a name (digits end
    // the run, so a number word or numeral is the run's next word).
    let lead = if lower
        .get(lead)
        .is_some_and(|w| HEADING_WORDS.contains(&w.as_str()))
        && numbers_a_heading(doc, words[lead] + 1)
    {
        lead + 1 + usize::from(words.get(lead + 1) == Some(&(words[lead] + 1)))
    } else {
        lead
    };
    let (words, lower) = (&words[lead..], &lower[lead..]);
    // `NBC’s Dante Chinni`: the name is what follows the possessive.
    let owner = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|&i| is_possessive(doc.token_text(i)))
        .map_or(0, |p| p + 1);
    let (words, lower) = (&words[owner..], &lower[owner..]);
    // Title-case headlines (`Obama Says Museum Will Tell`) are no names.
    if words.len() > MAX_NAME_WORDS {
        return None;
    }
    // Headings in capitals (`CHAPTER I`, `DE CHEZ BEAVER`) are not names.
    let shouting = words.len() > 1
        && words
            .iter()
            .all(|&i| !doc.token_text(i).chars().any(char::is_lowercase));
    if words.is_empty() || shouting {
        return None;
    }
    // A place that speaks stands for its government; an acronym (`DNC`, `U.N.`) names an
    // organisation. Organisation words before a title are the office's (`Ohio Democratic
    // Party Chairman David Pepper` is a person).
    let titled = lower[..lower.len() - 1]
        .iter()
        .rposition(|w| TITLE_WORDS.contains(&w.as_str()))
        .map_or(0, |p| p + 1);
    let organisation = lower[titled..]
        .iter()
        .any(|w| ORGANISATION_WORDS.contains(&w.as_str()))
        || super::places::is_place(lower)
        || (lower[..lower.len() - 1].iter().all(|w| w == "the")
            && is_acronym(doc.token_text(words[words.len() - 1]))
            && !stats.is_shouted_name(doc.token_text(words[words.len() - 1])));
    // `the Duchess of Monmouth` is her name whole: without the title, `of Monmouth` names no
    // one.
    let peerage = lower
        .iter()
        .position(|w| w == "of")
        .filter(|&k| k > 0 && is_peerage(&lower[k - 1]))
        .map(|k| k - 1);
    // Organisations keep their words; people lose the titles before their name.
    let skip = if let Some(title) = peerage {
        title
    } else if organisation {
        usize::from(lower[0] == "the")
    } else {
        let titles_before = |with_ranks: bool| {
            lower
                .iter()
                .rposition(|w| {
                    TITLE_WORDS.contains(&w.as_str())
                        || honorific_gender(w).is_some()
                        || (with_ranks && is_rank(w))
                })
                .map_or(0, |p| p + 1)
        };
        // A rank alone (`the Superintendent`) stands for the person, so it stays.
        let ranked = titles_before(true);
        if ranked < words.len() {
            ranked
        } else {
            titles_before(false)
        }
    };
    if skip >= words.len() {
        return None;
    }
    let rest = &lower[skip..];
    // `both the Mr. Knightleys`, `the Rassendylls`: the family, no one person, when the text
    // writes the name without the plural `s` too.
    let after_the = lower[0] == "the"
        || first
            .checked_sub(1)
            .is_some_and(|i| doc.token_text(i) == "the");
    let last_word = &lower[lower.len() - 1];
    let family = after_the
        && last_word.len() > 4
        && last_word
            .strip_suffix('s')
            .is_some_and(|stem| !stem.ends_with('s') && stats.is_name_inside_sentences(stem));
    if family {
        return None;
    }
    // After a gendered honorific even a common word is a surname (`Mr Last`).
    let honoured = skip > 0 && honorific_gender(&lower[skip - 1]).is_some();
    // `a Persian inscription`, `an Englishwoman`: one capitalised word after an indefinite
    // article is a kind, not a name.
    let indefinite = first
        .checked_sub(1)
        .is_some_and(|i| matches!(doc.lower(i).as_str(), "a" | "an"));
    // `a Christian Sunday`, `Good Friday`: a day is no one's surname.
    if rest.last().is_some_and(|w| is_calendar_word(w)) {
        return None;
    }
    if rest.len() == 1
        && (is_no_name(&rest[0])
            || is_demonym(&rest[0])
            || ((stats.is_common(&rest[0]) || indefinite) && !honoured))
    {
        return None;
    }
    let honorific = (!organisation && skip > 0)
        .then(|| lower[skip - 1].clone())
        .filter(|h| honorific_gender(h).is_some());
    let gender = honorific
        .as_deref()
        .and_then(honorific_gender)
        .or_else(|| {
            (rest.len() > 1)
                .then(|| rest.last().and_then(|w| suffix_honorific_gender(w)))
                .flatten()
        })
        .or_else(|| first_name_gender(&rest[0]))
        .or_else(|| peerage.and_then(|t| honorific_gender(&lower[t])))
        // `Nanny`, `Duchess`: a one-word name that is a gendered noun has its gender.
        .or_else(|| (rest.len() == 1).then(|| noun_gender(&rest[0])).flatten())
        .unwrap_or(Gender::Unknown);
    // `Mrs Beaver` keeps its honorific: without it, it would name her son as well.
    let name_first = if honorific.is_some() && rest.len() == 1 {
        words[skip - 1]
    } else {
        words[skip]
    };
    let start = doc.tokens[name_first].span.start;
    let end = doc.tokens[words[words.len() - 1]].span.end;
    let name = doc.text[start..end]
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    Some(NameMention {
        span: Span::new(start, end),
        key: rest.to_vec(),
        honorific,
        name,
        kind: if organisation {
            EntityKind::Organisation
        } else {
            EntityKind::Person
        },
        // A title or a known first name make a person; `Iraq War` is none.
        confirmed_person: !organisation
            && (skip > 0 || (rest.len() > 1 && gender != Gender::Unknown)),
        gender,
        titles: lower[..skip].to_vec(),
    })
}

/// The initials of a name's words, short words apart: `imf` of `international monetary fund`.
fn initials(key: &[String]) -> String {
    key.iter()
        .filter(|w| !matches!(w.as_str(), "of" | "the" | "for" | "and" | "on"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The most words a name has (`Ildefonso Guajardo Villarreal`, titles apart).
const MAX_NAME_WORDS: usize = 6;

/// Long words a paragraph needs to count as a title-case headline.
const MIN_HEADLINE_WORDS: usize = 4;

/// `Ban` of `Ban Ki-moon`, `Kim` of `Kim Jong-un`: names written surname first, recognised
/// by a hyphenated given name of two short syllables after the surname.
fn surname_first(short: &[String], long: &[String]) -> bool {
    let given_name = |word: &str| {
        word.split_once('-').is_some_and(|(a, b)| {
            (1..=6).contains(&a.len()) && (1..=6).contains(&b.len()) && !b.contains('-')
        })
    };
    short.len() == 1 && long.len() == 2 && long[0] == short[0] && given_name(&long[1])
}

/// Whether a word is an acronym: two to five capitals, perhaps with periods (`FBI`, `U.N`).
fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|&c| c != '.').collect();
    (2..=5).contains(&letters.len()) && letters.iter().all(char::is_ascii_uppercase)
}

/// Whether token `i` is a name owning what follows it (`Dan's` of `Dan's girl`).
pub(super) fn is_owning_name(doc: &Document, i: usize) -> bool {
    is_possessive(doc.token_text(i)) && doc.is_capitalised_word(i)
}

/// Whether a word ends in a possessive `'s`.
pub(super) fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// `Hindu`, `Hindus`, `Englishmen`: a people, no person's name.
fn is_demonym(word: &str) -> bool {
    DEMONYMS.contains(&word)
        || word
            .strip_suffix('s')
            .is_some_and(|w| DEMONYMS.contains(&w))
}

/// Whether a sentence-initial word is a common word rather than the start of a name: one the
/// document mostly writes in lower case, an adverb (`Obediently`) or a word that opens clauses
/// (`Although`, `Poor`), however rare in a short text.
fn is_common_lead(lower: &str, stats: &WordStats) -> bool {
    // `Obediently`, `Untying the knot, ...`: adverbs and participles, unless first names or
    // names the document writes inside sentences (`Fielding`).
    let derived = lower.len() > 5
        && (lower.ends_with("ly") || lower.ends_with("ing"))
        && first_name_gender(lower).is_none()
        && !stats.is_name_inside_sentences(lower);
    honorific_gender(lower).is_none()
        && !TITLE_WORDS.contains(&lower)
        && (stats.is_common(lower) || derived || CLAUSE_LEADS.contains(&lower))
}

/// Sentence-initial words that open a clause, not a name.
const CLAUSE_LEADS: &[&str] = &[
    "although",
    "though",
    "somehow",
    "perhaps",
    "poor",
    "besides",
    "instead",
    "almost",
    "whatever",
    "whenever",
    "wherever",
    "nevertheless",
    "nonetheless",
    "whereupon",
    "presently",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn interjections_are_no_names() {
        let doc = segment("\"Oh, Emma, look.\"");
        let stats = WordStats::new(&doc);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.token_text(i) == w);
        let (oh, emma) = (word("Oh").expect("Oh"), word("Emma").expect("Emma"));
        assert!(name_mention(&doc, oh, oh, &stats).is_none());
        assert!(name_mention(&doc, emma, emma, &stats).is_some());
    }

    /// The names found in `text` (nothing quoted), in order.
    fn mention_names(text: &str) -> Vec<String> {
        let doc = segment(text);
        let stats = WordStats::new(&doc);
        let none = SpanSet::default();
        name_mentions(&doc, &none, &none, &stats, false)
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn connectives_and_indefinite_pronouns_opening_sentences_are_no_names() {
        let found = mention_names(
            "Moreover, the storm grew. Few women could think more. Everyone said so. \
             Please, sir, come in. Tess waited.",
        );
        assert_eq!(found, ["Tess"]);
    }

    #[test]
    fn headings_and_the_pronoun_i_are_no_part_of_a_name() {
        let found = mention_names(
            "Chapter IV\n\nFrom Potapitch I subsequently had it. Book First I Strether's \
             question came. PART TWO Lucy waited.",
        );
        assert_eq!(found, ["Potapitch", "Strether", "Lucy"]);
    }

    #[test]
    fn a_family_in_the_plural_is_no_name() {
        let found = mention_names(
            "Mr. Knightley came. He saw both the Mr. Knightleys, and Emma met the Emersons. \
             Mr. Emerson spoke to Mr. Jones.",
        );
        assert_eq!(found, ["Mr. Knightley", "Emma", "Mr. Emerson", "Mr. Jones"]);
    }

    #[test]
    fn a_heading_in_capitals_running_into_a_sentence_is_no_part_of_a_name() {
        let found = mention_names(
            "AN INCIDENT Farmer Oak smiled. THE SISTERS Eliza came in. USA Today said so.",
        );
        assert_eq!(found, ["Farmer Oak", "Eliza", "USA Today"]);
    }

    #[test]
    fn sentence_initial_participles_and_function_words_are_no_names() {
        let found = mention_names(
            "Untying the cloth, he ate. Without a word, she left. Ye are late. Tess waited.",
        );
        assert_eq!(found, ["Tess"]);
    }

    #[test]
    fn short_runs_of_a_title_case_headline_are_names_only_after_a_first_name() {
        let text = "Obama Sees ‘Personal Insult’ if Blacks Don’t Rally for Hillary Clinton.\n\n\
                    Blacks Creek Road was closed, Tom Hale said. He sees a personal insult in it.\n\n\
                    Katharine Hilbery and Cassandra Otway sat.";
        let doc = segment(text);
        let stats = WordStats::new(&doc);
        assert_eq!(title_case_paragraphs(&doc, &stats), [true, false, false]);
        assert_eq!(
            mention_names(text),
            [
                "Hillary Clinton",
                "Blacks Creek Road",
                "Tom Hale",
                "Katharine Hilbery",
                "Cassandra Otway"
            ]
        );
    }

    #[test]
    fn sentence_initial_adverbs_and_clause_openers_are_no_names() {
        let doc = segment("Obediently he rose. Although Emma smiled, Poor Tom wept.");
        let stats = WordStats::new(&doc);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.token_text(i) == w);
        let at = |w: &str| word(w).expect("word in text");
        let obediently = at("Obediently");
        assert!(name_mention(&doc, obediently, obediently, &stats).is_none());
        let emma = name_mention(&doc, at("Although"), at("Emma"), &stats).expect("Emma");
        assert_eq!(emma.name, "Emma");
    }

    /// The entity of each person name mention in a novel, by the name's text.
    fn fiction_entities(text: &str) -> Vec<(String, String, EntityKind)> {
        let doc = segment(text);
        let none = SpanSet::default();
        let names = Names::build(&doc, &none, &none, true);
        names
            .mentions
            .iter()
            .zip(&names.cluster)
            .map(|(m, &c)| {
                let cluster = &names.clusters[c];
                (m.name.clone(), cluster.name(true), cluster.kind)
            })
            .collect()
    }

    /// The canonical name of the entity of the first mention written `mention`.
    fn canonical<'a>(found: &'a [(String, String, EntityKind)], mention: &str) -> Option<&'a str> {
        found
            .iter()
            .find(|(n, _, _)| n == mention)
            .map(|(_, name, _)| name.as_str())
    }

    /// The kind of the entity of the first mention written `mention`.
    fn kind_of(found: &[(String, String, EntityKind)], mention: &str) -> Option<EntityKind> {
        found
            .iter()
            .find(|(n, _, _)| n == mention)
            .map(|(_, _, kind)| *kind)
    }

    #[test]
    fn in_a_novel_a_man_known_by_his_title_is_not_the_familys_woman() {
        let found = fiction_entities(
            "Colonel Brandon came in. Mrs. Brandon sat down. Mrs. Grant smiled at Dr. Grant.",
        );
        assert_eq!(
            canonical(&found, "Colonel Brandon"),
            Some("Colonel Brandon")
        );
        assert_eq!(canonical(&found, "Mrs. Brandon"), Some("Mrs. Brandon"));
        assert_eq!(canonical(&found, "Dr. Grant"), Some("Dr. Grant"));
    }

    /// The gender of the entity of each name, in first-mention order.
    fn fiction_genders(text: &str) -> Vec<(String, Gender)> {
        let doc = segment(text);
        let none = SpanSet::default();
        let names = Names::build(&doc, &none, &none, true);
        names
            .clusters
            .iter()
            .map(|c| (c.name(true), c.gender))
            .collect()
    }

    #[test]
    fn in_a_novel_four_pronouns_to_three_after_a_name_give_its_gender() {
        // Ronny is no known first name: after his name come he, his, him, his and she, her,
        // her (the woman he meets); four to three is a clear enough majority in a novel.
        let text = "Ronny came in, and he took his hat. Then Ronny saw Adela, and she smiled \
                    at him. Ronny bowed his head, and she gave him her hand.";
        let genders = fiction_genders(text);
        assert!(
            genders.contains(&("Ronny".to_string(), Gender::Male)),
            "{genders:?}"
        );
    }

    #[test]
    fn a_one_word_name_that_is_a_gendered_noun_has_its_gender() {
        let genders = fiction_genders("Nanny sniffed. Then the Duchess came in, and Nanny left.");
        assert!(
            genders.contains(&("Nanny".to_string(), Gender::Female)),
            "{genders:?}"
        );
    }

    #[test]
    fn in_a_novel_a_name_used_mostly_after_a_preposition_of_place_is_a_place() {
        let found = fiction_entities(
            "Tony drove to Hetton. Brenda was at Hetton too, and Hetton was cold. \
             Tony met Brenda in the hall, and Brenda said no more to Tony.",
        );
        let kind = |name: &str| kind_of(&found, name);
        assert_eq!(kind("Hetton"), Some(EntityKind::Organisation), "{found:?}");
        assert_eq!(kind("Tony"), Some(EntityKind::Person), "{found:?}");
        assert_eq!(kind("Brenda"), Some(EntityKind::Person), "{found:?}");
        let found = fiction_entities(
            "The mills of Coketown were loud. Louisa looked over Coketown, and Coketown \
             slept. Louisa thought of the chimneys of Coketown.",
        );
        let kind = |name: &str| kind_of(&found, name);
        assert_eq!(
            kind("Coketown"),
            Some(EntityKind::Organisation),
            "{found:?}"
        );
        assert_eq!(kind("Louisa"), Some(EntityKind::Person), "{found:?}");
    }

    #[test]
    fn one_capitalised_word_after_an_indefinite_article_is_no_name() {
        let found = mention_names("Aziz read a Persian inscription to Adela.");
        assert_eq!(found, ["Aziz", "Adela"]);
    }

    #[test]
    fn in_a_novel_miss_and_a_surname_is_the_one_woman_of_the_family_named_in_full() {
        let found = fiction_entities(
            "Adela Quested came in. Miss Quested sat down. Mr. Quested stood. \
             Ronny Heaslop rose, and Mrs. Heaslop smiled.",
        );
        let entity = |name: &str| canonical(&found, name);
        assert_eq!(entity("Miss Quested"), entity("Adela Quested"), "{found:?}");
        assert_ne!(entity("Mr. Quested"), entity("Adela Quested"), "{found:?}");
        assert_ne!(entity("Mrs. Heaslop"), entity("Ronny Heaslop"), "{found:?}");
    }

    #[test]
    fn in_a_novel_mr_and_a_surname_is_the_one_man_of_the_family_named_in_full() {
        // `Mr. Denham` comes first, so it had made an entity of its own before.
        let found = fiction_entities(
            "Mr. Denham came in. Ralph Denham sat down, and Katharine smiled. \
             Mr. Denham stood. Denham left.",
        );
        let names: Vec<&str> = found.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Ralph Denham",
                "Ralph Denham",
                "Katharine",
                "Ralph Denham",
                "Ralph Denham"
            ]
        );
        // `Mr. John Knightley` is written, so `Mr. Knightley` is someone else.
        let found = fiction_entities(
            "Mr. Knightley came in. John Knightley sat down. Mr. John Knightley smiled. \
             Mr. Knightley stood.",
        );
        let entity = |name: &str| canonical(&found, name);
        assert_ne!(
            entity("Mr. Knightley"),
            entity("John Knightley"),
            "{found:?}"
        );
    }

    #[test]
    fn in_a_novel_a_man_with_no_first_name_is_named_with_his_honorific() {
        // `Turton` alone is most used, but his wife is `Mrs. Turton`.
        let found = fiction_entities(
            "Mr. Turton came in. Turton sat down. Mrs. Turton smiled. Turton rose. \
             Turton left, and Turton came back.",
        );
        assert_eq!(canonical(&found, "Turton"), Some("Mr. Turton"), "{found:?}");
        // A titled form used seldom beside the bare one does not name him.
        let found = fiction_entities(
            "Fagin came in. Fagin sat. Fagin rose. Fagin left. Fagin ran. Mr. Fagin came back.",
        );
        assert_eq!(canonical(&found, "Fagin"), Some("Fagin"), "{found:?}");
    }

    #[test]
    fn a_lone_first_name_is_the_person_most_often_named_with_it() {
        // Beaver is named far more often, but by his surname.
        let found = fiction_entities(
            "John Beaver came. Beaver sat. Beaver rose. Beaver left. Beaver slept. \
             John Andrew cried. John Andrew laughed. John ran.",
        );
        assert_eq!(canonical(&found, "John"), Some("John Andrew"), "{found:?}");
    }

    #[test]
    fn a_name_mostly_used_without_the_is_written_without_it() {
        let found = fiction_entities(
            "Montoya came in. We stayed at the Montoya. Montoya smiled. Montoya left. \
             Alice looked at the Hatter. The Hatter sat. Alice saw the Hatter.",
        );
        let name = |mention: &str| canonical(&found, mention);
        assert_eq!(name("Montoya"), Some("Montoya"), "{found:?}");
        assert_eq!(name("the Hatter"), Some("the Hatter"), "{found:?}");
    }

    #[test]
    fn a_title_before_a_surname_makes_no_full_name() {
        // `Captain Rattery` once beside `Rattery` is no fuller name than `Rattery`.
        let found = fiction_entities("Brenda met Captain Rattery. Rattery was away. Rattery left.");
        let names: Vec<&str> = found.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["Brenda", "Rattery", "Rattery", "Rattery"],
            "{found:?}"
        );
    }

    #[test]
    fn a_known_first_name_is_no_place() {
        let found = fiction_entities(
            "John came in. Eliza spoke to John. Eliza thought of John. John sat. John smiled.",
        );
        let kind = |name: &str| kind_of(&found, name);
        assert_eq!(kind("John"), Some(EntityKind::Person), "{found:?}");
    }

    #[test]
    fn in_a_novel_a_word_pronouns_follow_is_no_person_unless_a_first_name_or_confirmed() {
        let doc = segment(
            "Tony loved Islam, and he prayed. For Islam, he felt, was a poem. \
             Tony knew Islam well, he said to himself. Aziz came, and he spoke.",
        );
        let none = SpanSet::default();
        let names = Names::build(&doc, &none, &none, true);
        let cluster = |word: &str| {
            names
                .clusters
                .iter()
                .find(|c| c.key == [word.to_string()])
                .unwrap_or_else(|| panic!("no {word}"))
        };
        assert_eq!(cluster("islam").gender, Gender::Male);
        assert!(!cluster("islam").person_like(true));
        assert!(cluster("tony").person_like(true));
    }

    #[test]
    fn a_people_is_named_in_the_singular_and_the_plural() {
        for people in ["hindu", "hindus", "englishmen", "moslems"] {
            assert!(is_demonym(people), "{people}");
        }
        for name in ["jones", "aziz", "roberts"] {
            assert!(!is_demonym(name), "{name}");
        }
    }

    #[test]
    fn cousin_is_a_title() {
        let found = fiction_entities("Tony Last came in. Cousin Tony sat down. Tony smiled.");
        let names: Vec<&str> = found.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(names, ["Tony Last"; 3], "{found:?}");
    }

    #[test]
    fn a_name_and_begum_is_the_wife_not_the_man() {
        let found = fiction_entities(
            "Hamidullah came in. Hamidullah sat down. Hamidullah Begum smiled. Hamidullah left.",
        );
        assert_eq!(
            canonical(&found, "Hamidullah"),
            Some("Hamidullah"),
            "{found:?}"
        );
        assert_ne!(
            canonical(&found, "Hamidullah"),
            canonical(&found, "Hamidullah Begum")
        );
    }
}
