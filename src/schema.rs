//! The public data types: the input article and the output record, exactly as they appear in
//! the JSONL the CLI reads and writes.
//!
//! Every offset in this module is a **character offset** (Unicode scalar values, as Python
//! string indices and brat count them) into the article's `text`, with `end` exclusive.

use serde::{Deserialize, Serialize};

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Caller's identifier, echoed in the output record.
    pub id: String,
    /// Optional headline. It is carried through but not attributed: offsets refer to `text`
    /// only, so put the headline in `text` too when its claims should be attributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article body.
    pub text: String,
}

/// A span of the article's text: character offsets plus the covered text for readability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// First character, counted in Unicode scalar values from the start of `text`.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `text[start..end]` in character terms.
    pub text: String,
}

/// How the content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    /// The content is a quotation in quotation marks: `"We will win," she said.`
    Direct,
    /// Reported speech without quotation marks: `She said that they would win.`
    Indirect,
    /// Reported speech that contains quoted fragments: `She said they would "win big".`
    Mixed,
}

/// Which rule or model produced an attribution; the provenance users filter and debug by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// A quotation followed by its cue: `"...," Esper said` or `"...," said Esper`.
    QuoteThenCue,
    /// A cue introducing a quotation: `Esper said: "..."`.
    CueThenQuote,
    /// A source introducing a quotation with a colon and no verb: `From Chairwoman X: "..."`.
    ColonIntro,
    /// A quotation with no cue of its own, inheriting the neighbouring attribution's speaker.
    FloatingQuote,
    /// Reported speech after its cue: `Esper warned that ...`.
    CueThenContent,
    /// Reported speech before its cue: `..., officials said.`
    ContentThenCue,
    /// A participle cue whose speaker is the sentence's subject: `X declined, noting that ...`.
    ParticipleCue,
    /// `according to X`.
    AccordingTo,
    /// A headline attributing its claim with a trailing dash: `Pact Helps China - Pentagon`.
    TrailingDash,
    /// The transformer tagger's spans, linked into an attribution.
    Model,
}

/// The canonical speaker an attribution was resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRef {
    /// Index into the record's `entities`.
    pub entity: usize,
    /// The entity's canonical name.
    pub name: String,
}

/// One attribution: who (source, speaker) says what (content) through which cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Direct, indirect or mixed.
    pub kind: AttributionKind,
    /// The reported content, in text order; several spans when it is discontinuous. Direct
    /// content includes its quotation marks, as PolNeAR and PARC annotate it.
    pub content: Vec<TextSpan>,
    /// The cue (`said`, `according to`, a colon or a dash), if any.
    pub cue: Option<TextSpan>,
    /// The speaker mention as written (`he`, `the Pentagon chief`), if any.
    pub source: Option<TextSpan>,
    /// The canonical speaker the mention refers to, if resolved.
    pub speaker: Option<SpeakerRef>,
    /// Confidence in the whole attribution, from 0 to 1.
    pub confidence: f32,
    /// The rule or model that produced it.
    pub method: Method,
    /// How the speaker was decided and how sure that decision is; absent from records made
    /// before speaker provenance existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Resolution>,
}

/// Which rule decided an attribution's speaker, in the `resolution` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResolutionRule {
    /// The source mention is a name of the speaker: `Esper said`, `said Mrs Beaver`.
    Name,
    /// A pronoun source (`he said`) linked to the nearest earlier person of its gender (or,
    /// for `it`/`they`, organisation) named outside quotes.
    Pronoun,
    /// A pronoun opening a dialogue turn, taken by the speaker two turns back when of its
    /// gender: `"A," said Emma. "B," said Mr. Knightley. "C," she said.`
    PronounTurnTaking,
    /// A description (`the Pentagon chief`) matched to a person earlier called so, by
    /// apposition (`Esper, the Pentagon chief,`) or title (`Pentagon chief Mark Esper`).
    Description,
    /// A definite description with no earlier match, linked to the last person who spoke.
    DescriptionLastSpeaker,
    /// A description before anyone has spoken (an article's lead: `A former DNC chairman
    /// says ...`), linked to the person a later attribution within two paragraphs names as
    /// its speaker (`..., said Don Fowler`).
    DescriptionNextSpeaker,
    /// A quote with no source in the paragraph of an earlier attribution: same speaker.
    SameParagraph,
    /// A floating quote in news inheriting the speaker of the attribution just before it.
    Inherited,
    /// A dialogue turn whose paragraph names (or refers by pronoun to) its speaker in the
    /// narrative around the quote: `Mrs Beaver stood by the fire. "Heavens, ..."`.
    Narrative,
    /// A dialogue turn taken by the speaker of the turn two before it (or after it), as two
    /// people alternate.
    TurnTaking,
    /// A dialogue turn taken by the person the previous turn addressed: `"Thank you, Mrs
    /// Beaver."` followed by her reply (also a pronoun turn, `"...," she replied`, when the
    /// addressee has its gender), or, when a turn addresses the one alternation would pick,
    /// by the previous speaker.
    Vocative,
    /// A dialogue turn after a turn of known speaker, taken by the last other person named.
    OtherParticipant,
    /// The learned speaker ranker (`models/speaker-ranker`) chose among the quote's candidate
    /// speakers; the score is its probability.
    Ranker,
    /// No speaker could be decided; `speaker` is null.
    Unresolved,
}

/// The provenance of a speaker decision: the rule and a score from 0 to 1 (how often that
/// rule is right), so users can trade precision for recall with a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// The rule that decided.
    pub rule: ResolutionRule,
    /// How sure the decision is, from 0 to 1.
    pub score: f32,
}

/// Whether an entity is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person, or a name not known to be anything else.
    Person,
    /// An organisation, agency, company or outlet.
    Organisation,
}

/// A character range without its text, for entity mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offsets {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A speaker of the article with every mention that refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Index of this entity in the record's `entities`.
    pub id: usize,
    /// Canonical name: the fullest name form used in the article.
    pub name: String,
    /// Person or organisation.
    pub kind: EntityKind,
    /// Mentions in text order.
    pub mentions: Vec<Offsets>,
}

/// The result for one article: one JSONL line of output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleAttributions {
    /// The article's id.
    pub id: String,
    /// Attributions ordered by the start of their first content span.
    pub attributions: Vec<Attribution>,
    /// The speakers that attributions refer to.
    pub entities: Vec<Entity>,
}

/// One output line: an article's attributions, or the reason it could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OutputRecord {
    /// The article was processed.
    Attributed(ArticleAttributions),
    /// The input record could not be processed; `id` is null when it could not be read.
    Failed {
        /// The record's id, when one could be read.
        id: Option<String>,
        /// What was wrong with the record.
        error: String,
    },
}
