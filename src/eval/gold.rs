//! The project's own gold format: JSONL, one labelled article a line, shaped like the output
//! schema plus the text, so users can label their own articles.
//!
//! ```json
//! {"id": "a1", "title": "optional", "text": "\"We won,\" Esper said.",
//!  "attributions": [{"kind": "direct",
//!                    "content": [{"start": 0, "end": 9, "text": "\"We won,\""}],
//!                    "cue": {"start": 16, "end": 20, "text": "said"},
//!                    "source": {"start": 10, "end": 15, "text": "Esper"},
//!                    "speaker": {"entity": 0, "name": "Mark Esper"},
//!                    "quote_type": "explicit"}],
//!  "entities": [{"id": 0, "name": "Mark Esper", "kind": "person",
//!                "mentions": [{"start": 10, "end": 15}]}]}
//! ```
//!
//! Only `id`, `text` and each attribution's `content` are required; `"scope": "quotes"` marks an
//! article whose gold has quotes and speakers only (see [`GoldScope`]); output-only fields
//! (`confidence`, `method`) are ignored, so a corrected prediction file is valid gold. A span's
//! `text` may be left out; when given it must equal the text at its character offsets, and a
//! mismatch is an [`Error::Corpus`] naming the line. `kind` decides `direct` (`"direct"` only);
//! without it a content that starts with a quotation mark is direct. The speaker's aliases are
//! its `aliases` list, plus its entity's name and the text of the entity's mentions.

use std::io::Write;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::schema::{Article, AttributionKind, Offsets, TextSpan};

use super::labelled::{
    is_quoted_throughout, read_text, CharText, GoldAttribution, GoldScope, GoldSpeaker,
    LabelledArticle, QuoteType,
};

/// Reads a gold JSONL file (see the module notes); blank lines are skipped.
pub fn read_gold_jsonl(path: &Path) -> Result<Vec<LabelledArticle>> {
    read_jsonl::<GoldLine>(path)?
        .into_iter()
        .map(|(line, record)| record.into_labelled(path, line))
        .collect()
}

/// Writes labelled articles in the gold JSONL format, e.g. to convert a corpus for editing.
pub fn write_gold_jsonl(path: &Path, corpus: &[LabelledArticle]) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    for labelled in corpus {
        let line = GoldLine::from_labelled(labelled);
        serde_json::to_writer(&mut out, &line)
            .map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        out.write_all(b"\n").map_err(|e| Error::io(path, e))?;
    }
    out.flush().map_err(|e| Error::io(path, e))
}

/// Reads a JSONL file of `T` records with their 1-based line numbers; blank lines are skipped
/// and a line that does not parse is an [`Error::Corpus`].
pub(crate) fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<(usize, T)>> {
    read_text(path)?
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .map(|record| (index + 1, record))
                .map_err(|e| Error::Corpus {
                    path: path.to_path_buf(),
                    line: index + 1,
                    message: e.to_string(),
                })
        })
        .collect()
}

#[derive(Debug, Serialize, Deserialize)]
struct GoldLine {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    text: String,
    #[serde(default)]
    attributions: Vec<LineAttribution>,
    #[serde(default)]
    entities: Vec<LineEntity>,
    #[serde(default)]
    scope: GoldScope,
}

#[derive(Debug, Serialize, Deserialize)]
struct LineAttribution {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<AttributionKind>,
    content: Vec<LineSpan>,
    #[serde(default)]
    cue: Option<LineSpan>,
    #[serde(default)]
    source: Option<LineSpan>,
    #[serde(default)]
    speaker: Option<LineSpeaker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote_type: Option<QuoteType>,
}

#[derive(Debug, Serialize, Deserialize)]
struct LineSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct LineSpeaker {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entity: Option<usize>,
    name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct LineEntity {
    id: usize,
    name: String,
    #[serde(default)]
    mentions: Vec<Offsets>,
}

impl GoldLine {
    fn into_labelled(self, path: &Path, line: usize) -> Result<LabelledArticle> {
        let chars = CharText::new(&self.text);
        let bad = |message: String| Error::Corpus {
            path: path.to_path_buf(),
            line,
            message: format!("article {:?}: {message}", self.id),
        };
        let span = |what: &str, s: &LineSpan| -> Result<TextSpan> {
            let found = chars.span(s.start, s.end).ok_or_else(|| {
                bad(format!(
                    "{what} {}..{} is outside the text ({} characters)",
                    s.start,
                    s.end,
                    chars.len_chars()
                ))
            })?;
            match &s.text {
                Some(given) if *given != found.text => Err(bad(format!(
                    "{what} text {given:?} differs from the text at {}..{}: {:?}",
                    s.start, s.end, found.text
                ))),
                _ => Ok(found),
            }
        };
        let mut gold = Vec::with_capacity(self.attributions.len());
        for (i, a) in self.attributions.iter().enumerate() {
            let mut content = a
                .content
                .iter()
                .map(|s| span(&format!("attribution {i} content"), s))
                .collect::<Result<Vec<_>>>()?;
            if content.is_empty() {
                return Err(bad(format!("attribution {i} has no content")));
            }
            content.sort_by_key(|p| (p.start, p.end));
            let cue = a
                .cue
                .as_ref()
                .map(|s| span(&format!("attribution {i} cue"), s));
            let source = a
                .source
                .as_ref()
                .map(|s| span(&format!("attribution {i} source"), s));
            let speaker = match &a.speaker {
                Some(speaker) => Some(self.speaker(speaker, &chars).map_err(bad)?),
                None => None,
            };
            gold.push(GoldAttribution {
                direct: a.kind.map_or_else(
                    || is_quoted_throughout(&content),
                    |kind| kind == AttributionKind::Direct,
                ),
                content,
                cue: cue.transpose()?,
                source: source.transpose()?,
                speaker,
                quote_type: a.quote_type,
            });
        }
        gold.sort_by_key(|g| (g.content[0].start, g.content[0].end));
        Ok(LabelledArticle {
            article: Article {
                id: self.id,
                title: self.title,
                text: self.text,
            },
            gold,
            scope: self.scope,
        })
    }

    /// The gold speaker with aliases from its entity; an unknown entity id is an error.
    fn speaker(&self, speaker: &LineSpeaker, chars: &CharText<'_>) -> Result<GoldSpeaker, String> {
        let mut aliases = speaker.aliases.clone();
        if let Some(id) = speaker.entity {
            let entity = self
                .entities
                .iter()
                .find(|e| e.id == id)
                .ok_or_else(|| format!("speaker refers to unknown entity {id}"))?;
            let mentions = entity
                .mentions
                .iter()
                .map(|m| {
                    chars
                        .slice(m.start, m.end)
                        .map(str::to_string)
                        .ok_or_else(|| {
                            format!(
                                "entity {id} mention {}..{} is outside the text",
                                m.start, m.end
                            )
                        })
                })
                .collect::<Result<Vec<_>, String>>()?;
            aliases.push(entity.name.clone());
            aliases.extend(mentions);
        }
        let mut unique: Vec<String> = Vec::new();
        for alias in aliases {
            if alias != speaker.name && !unique.contains(&alias) {
                unique.push(alias);
            }
        }
        Ok(GoldSpeaker {
            name: speaker.name.clone(),
            aliases: unique,
        })
    }

    fn from_labelled(labelled: &LabelledArticle) -> GoldLine {
        let span = |s: &TextSpan| LineSpan {
            start: s.start,
            end: s.end,
            text: Some(s.text.clone()),
        };
        GoldLine {
            id: labelled.article.id.clone(),
            title: labelled.article.title.clone(),
            text: labelled.article.text.clone(),
            attributions: labelled
                .gold
                .iter()
                .map(|g| LineAttribution {
                    kind: Some(if g.direct {
                        AttributionKind::Direct
                    } else {
                        AttributionKind::Indirect
                    }),
                    content: g.content.iter().map(span).collect(),
                    cue: g.cue.as_ref().map(span),
                    source: g.source.as_ref().map(span),
                    speaker: g.speaker.as_ref().map(|s| LineSpeaker {
                        entity: None,
                        name: s.name.clone(),
                        aliases: s.aliases.clone(),
                    }),
                    quote_type: g.quote_type,
                })
                .collect(),
            entities: Vec::new(),
            scope: labelled.scope,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!(
            "quoteattr-gold-{name}-{}.jsonl",
            std::process::id()
        ));
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn read(name: &str, contents: &str) -> Result<Vec<LabelledArticle>> {
        let path = temp_file(name, contents);
        let result = read_gold_jsonl(&path);
        std::fs::remove_file(&path).unwrap();
        result
    }

    const LINE: &str = r#"{"id": "a1", "text": "“We won,” Esper said. He left.", "attributions": [{"content": [{"start": 0, "end": 9, "text": "“We won,”"}], "cue": {"start": 16, "end": 20}, "source": {"start": 10, "end": 15, "text": "Esper"}, "speaker": {"entity": 0, "name": "Mark Esper"}, "confidence": 0.5, "method": "quote-then-cue"}], "entities": [{"id": 0, "name": "Mark Esper", "kind": "person", "mentions": [{"start": 10, "end": 15}, {"start": 22, "end": 24}]}]}"#;

    #[test]
    fn reads_an_output_shaped_line_with_character_offsets() {
        let corpus = read("ok", &format!("{LINE}\n\n")).unwrap();
        assert_eq!(corpus.len(), 1);
        let gold = &corpus[0].gold[0];
        assert!(gold.direct);
        assert_eq!(gold.cue.as_ref().unwrap().text, "said");
        let speaker = gold.speaker.as_ref().unwrap();
        assert_eq!(speaker.aliases, ["Esper", "He"]);
    }

    #[test]
    fn mismatched_span_text_is_a_corpus_error_with_its_line() {
        let bad = LINE.replace(r#""text": "Esper""#, r#""text": "Esp""#);
        let err = read("bad", &format!("{LINE}\n{bad}\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(":2:") && err.contains("differs"), "{err}");
    }

    #[test]
    fn out_of_range_unknown_entity_and_broken_json_are_errors() {
        let far = LINE.replace(r#""start": 16, "end": 20"#, r#""start": 16, "end": 99"#);
        assert!(read("far", &far)
            .unwrap_err()
            .to_string()
            .contains("outside"));
        let entity = LINE.replace(r#""entity": 0"#, r#""entity": 3"#);
        assert!(read("entity", &entity)
            .unwrap_err()
            .to_string()
            .contains("unknown entity"));
        assert!(read("json", "{\"id\": 1}").is_err());
        let empty = r#"{"id": "e", "text": "x", "attributions": [{"content": []}]}"#;
        assert!(read("empty", empty).is_err());
    }

    #[test]
    fn kind_overrides_quote_mark_detection() {
        let line = r#"{"id": "k", "text": "\"a\" b", "attributions": [{"kind": "mixed", "content": [{"start": 0, "end": 3}]}]}"#;
        assert!(!read("kind", line).unwrap()[0].gold[0].direct);
    }

    #[test]
    fn written_gold_reads_back_identically() {
        let corpus = read("rt-in", LINE).unwrap();
        let path =
            std::env::temp_dir().join(format!("quoteattr-gold-rt-{}.jsonl", std::process::id()));
        write_gold_jsonl(&path, &corpus).unwrap();
        let again = read_gold_jsonl(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(again, corpus);
    }
}
