//! Reader for LitBank's quotation annotations, with speakers named through its coreference.
//!
//! A LitBank folder holds `quotations/<doc>.txt` (tokenised text: one sentence a line, tokens
//! separated by single spaces), `quotations/<doc>.ann` and `coref/<doc>.ann` (tab-separated):
//!
//! ```text
//! QUOTE  Q75  2  8  2  12  — Introibo ad altare Dei      (sentence, token, sentence, token; inclusive)
//! ATTRIB  Q75  Buck_Mulligan-0                              (the speaker's coreference chain)
//! MENTION  T1  0  3  0  4  Buck Mulligan  PER  PROP              (coref/<doc>.ann)
//! COREF  T1  Buck_Mulligan-0
//! ```
//!
//! Token positions become character offsets into the `.txt`, which is the article text as is.
//! Each quote's text is checked against the annotated text (a sentence break counts as the
//! space LitBank joins sentences with); a mismatch is an [`Error::Corpus`].
//!
//! The speaker's canonical name is the chain's longest proper-name (`PROP`) mention, else its
//! longest nominal (`NOM`) one, else the chain id with `_` as spaces and the `-N` suffix removed.
//! Its aliases are the chain's other proper and nominal mention strings, and the short forms of
//! its proper names that no other chain's proper names hold (`Lucian Gregory` and `Lucian` for
//! `Mr. Lucian Gregory`; titles such as `Mr.` and `Old` left out), as PDNC speakers answer to
//! theirs; pronouns are left out, since a predicted "he" names nobody. A chain with an `I` outside every quotation is the
//! first-person narrator and also answers to `the narrator`. Every LitBank quotation is direct
//! speech (some open with a dash instead of a quotation mark). A document whose quotation file
//! is empty has no quotes.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Result};
use crate::schema::TextSpan;

use super::labelled::{
    files_with_extension, read_text, CharText, GoldAttribution, GoldSpeaker, LabelledArticle,
};
use super::pdnc::TITLES;

/// Reads a LitBank folder holding `quotations/` and `coref/`, one article per quotation file,
/// in file-name order.
pub fn read_litbank(dir: &Path) -> Result<Vec<LabelledArticle>> {
    let (quote_dir, coref_dir) = (dir.join("quotations"), dir.join("coref"));
    if !quote_dir.is_dir() {
        return Err(Error::Corpus {
            path: dir.to_path_buf(),
            line: 0,
            message: "a LitBank folder needs a `quotations/` subfolder (and `coref/`)".into(),
        });
    }
    files_with_extension(&quote_dir, ".ann")?
        .into_iter()
        .map(|ann_path| {
            let text_path = ann_path.with_extension("txt");
            let text = read_text(&text_path)?;
            let tokens = Tokens::new(&text);
            let coref_path = coref_dir.join(ann_path.file_name().unwrap_or_default());
            let chains = if coref_path.is_file() {
                read_chains(&read_text(&coref_path)?, &tokens, &coref_path)?
            } else {
                HashMap::new()
            };
            let gold = read_quotes(&read_text(&ann_path)?, &tokens, &chains, &ann_path)?;
            let id = text_path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            Ok(LabelledArticle::quotes_only(id, text, gold))
        })
        .collect()
}

/// Character offsets of every token, by sentence (line) and token index.
struct Tokens<'t> {
    chars: CharText<'t>,
    lines: Vec<Vec<(usize, usize)>>,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        let mut lines = vec![Vec::new()];
        let mut token_start = 0;
        for (position, c) in text.chars().chain(std::iter::once('\n')).enumerate() {
            if c == ' ' || c == '\n' {
                if let Some(line) = lines.last_mut() {
                    line.push((token_start, position));
                }
                if c == '\n' {
                    lines.push(Vec::new());
                }
                token_start = position + 1;
            }
        }
        Tokens {
            chars: CharText::new(text),
            lines,
        }
    }

    /// The span from token `first` of sentence `first_sentence` to token `last` of sentence
    /// `last_sentence`, both inclusive.
    fn span(&self, fields: &[&str]) -> Option<TextSpan> {
        let numbers: Vec<usize> = fields
            .iter()
            .map(|f| f.parse().ok())
            .collect::<Option<_>>()?;
        let [first_sentence, first, last_sentence, last] = numbers[..] else {
            return None;
        };
        let start = self.lines.get(first_sentence)?.get(first)?.0;
        let end = self.lines.get(last_sentence)?.get(last)?.1;
        self.chars.span(start, end)
    }
}

/// A tab-separated annotation row and its 1-based line number.
fn rows(ann: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    ann.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (i + 1, line.split('\t').collect()))
}

/// Cuts the span a row's four token fields give and checks it against the row's text field.
fn checked_span(
    tokens: &Tokens<'_>,
    fields: &[&str],
    text_field: &str,
    path: &Path,
    line: usize,
) -> Result<TextSpan> {
    let bad = |message: String| Error::Corpus {
        path: path.to_path_buf(),
        line,
        message,
    };
    let span = tokens
        .span(fields)
        .ok_or_else(|| bad(format!("token position {fields:?} is outside the text")))?;
    if span.text.replace('\n', " ") != text_field {
        return Err(bad(format!(
            "annotated text {text_field:?} differs from the text at its tokens {:?}",
            span.text
        )));
    }
    Ok(span)
}

/// A coreference chain: the speaker it names and where it says `I`.
struct Chain {
    speaker: GoldSpeaker,
    /// The chain's `I` mentions; one outside every quotation makes it the narrator.
    first_person: Vec<TextSpan>,
}

/// Reads `coref/<doc>.ann` into chain id -> chain.
fn read_chains(ann: &str, tokens: &Tokens<'_>, path: &Path) -> Result<HashMap<String, Chain>> {
    // Mention id -> (text, PROP/NOM/PRON, span), then chain id -> mentions in file order.
    let mut mentions: HashMap<&str, (&str, &str, TextSpan)> = HashMap::new();
    let mut chains: Vec<(&str, Vec<&str>)> = Vec::new();
    for (line, fields) in rows(ann) {
        match fields.as_slice() {
            ["MENTION", id, positions @ .., text, _, class] if positions.len() == 4 => {
                let span = checked_span(tokens, positions, text, path, line)?;
                mentions.insert(id, (text, class, span));
            }
            ["COREF", id, chain] => match chains.iter_mut().find(|(c, _)| c == chain) {
                Some((_, members)) => members.push(id),
                None => chains.push((chain, vec![id])),
            },
            _ => {}
        }
    }
    let read: Vec<(String, Chain, HashSet<String>)> = chains
        .into_iter()
        .map(|(chain, members)| {
            let found: Vec<&(&str, &str, TextSpan)> =
                members.iter().filter_map(|id| mentions.get(id)).collect();
            let named: Vec<(&str, &str)> = found.iter().map(|m| (m.0, m.1)).collect();
            let first_person = found
                .iter()
                .filter(|m| m.0 == "I")
                .map(|m| m.2.clone())
                .collect();
            let forms = named
                .iter()
                .filter(|(_, class)| *class == "PROP")
                .flat_map(|(text, _)| short_forms(text))
                .collect();
            let speaker = chain_speaker(chain, &named);
            let chain_read = Chain {
                speaker,
                first_person,
            };
            (chain.to_string(), chain_read, forms)
        })
        .collect();
    // A short form names the one chain whose proper names hold it, as in PDNC's matching.
    let mut holders: HashMap<String, usize> = HashMap::new();
    for form in read.iter().flat_map(|(_, _, forms)| forms) {
        *holders.entry(form.clone()).or_default() += 1;
    }
    Ok(read
        .into_iter()
        .map(|(id, mut chain, forms)| {
            let mut unique: Vec<String> = forms.into_iter().filter(|f| holders[f] == 1).collect();
            unique.sort();
            let speaker = &mut chain.speaker;
            for form in unique {
                if form != speaker.name && !speaker.aliases.contains(&form) {
                    speaker.aliases.push(form);
                }
            }
            (id, chain)
        })
        .collect())
}

/// The forms a proper name can be shortened to: each run of its words once the titles are
/// left out (`Mr. Lucian Gregory` → `Lucian Gregory`, `Lucian`, `Gregory`).
fn short_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .collect();
    (0..words.len())
        .flat_map(|start| (start + 1..=words.len()).map(move |end| (start, end)))
        .map(|(start, end)| words[start..end].join(" "))
        .collect()
}

/// Names a chain from its (text, class) mentions; see the module notes.
fn chain_speaker(chain: &str, mentions: &[(&str, &str)]) -> GoldSpeaker {
    let longest = |class: &str| {
        mentions
            .iter()
            .filter(|(_, c)| *c == class)
            .map(|(text, _)| *text)
            .reduce(|best, text| {
                if text.chars().count() > best.chars().count() {
                    text
                } else {
                    best
                }
            })
    };
    let name = longest("PROP")
        .or_else(|| longest("NOM"))
        .map(str::to_string)
        .unwrap_or_else(|| {
            let base = chain.rsplit_once('-').map_or(chain, |(base, _)| base);
            base.split('_')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
    let mut aliases: Vec<String> = Vec::new();
    for (text, class) in mentions {
        let new = *text != name && !aliases.iter().any(|a| a == text);
        if matches!(*class, "PROP" | "NOM") && new {
            aliases.push(text.to_string());
        }
    }
    GoldSpeaker { name, aliases }
}

/// The name this project gives a first-person narrator whose name it cannot find; a chain
/// that says `I` outside quotations is the narrator and answers to it.
const NARRATOR: &str = "the narrator";

/// Reads `quotations/<doc>.ann` into gold quotes.
fn read_quotes(
    ann: &str,
    tokens: &Tokens<'_>,
    chains: &HashMap<String, Chain>,
    path: &Path,
) -> Result<Vec<GoldAttribution>> {
    let mut quotes: Vec<(&str, TextSpan)> = Vec::new();
    let mut speakers: HashMap<&str, &str> = HashMap::new();
    for (line, fields) in rows(ann) {
        match fields.as_slice() {
            ["QUOTE", id, positions @ .., text] if positions.len() == 4 => {
                quotes.push((id, checked_span(tokens, positions, text, path, line)?));
            }
            ["ATTRIB", id, chain] => {
                speakers.insert(id, chain);
            }
            _ => {
                return Err(Error::Corpus {
                    path: path.to_path_buf(),
                    line,
                    message: "expected a QUOTE or ATTRIB row".into(),
                })
            }
        }
    }
    // Each chain's speaker once, the narrator's answering to `the narrator` too.
    let quoted = |span: &TextSpan| {
        quotes
            .iter()
            .any(|(_, q)| q.start <= span.start && span.end <= q.end)
    };
    let chain_speakers: HashMap<&str, GoldSpeaker> = chains
        .iter()
        .map(|(id, chain)| {
            let mut speaker = chain.speaker.clone();
            if chain.first_person.iter().any(|i| !quoted(i)) {
                speaker.aliases.push(NARRATOR.to_string());
            }
            (id.as_str(), speaker)
        })
        .collect();
    let mut gold: Vec<GoldAttribution> = quotes
        .iter()
        .map(|(id, span)| GoldAttribution {
            content: vec![span.clone()],
            cue: None,
            source: None,
            speaker: speakers.get(id).map(|chain| {
                chain_speakers
                    .get(chain)
                    .cloned()
                    .unwrap_or_else(|| chain_speaker(chain, &[]))
            }),
            quote_type: None,
            direct: true,
        })
        .collect();
    gold.sort_by_key(|g| (g.content[0].start, g.content[0].end));
    Ok(gold)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“ Come up , Kinch ! ” said Buck Mulligan .\n\
                        He laughed .\n\
                        “ Back ! Now ! ”\n\
                        — Yes , Stephen said .";

    const COREF: &str = "MENTION\tT1\t0\t8\t0\t9\tBuck Mulligan\tPER\tPROP\n\
                         MENTION\tT2\t1\t0\t1\t0\tHe\tPER\tPRON\n\
                         MENTION\tT3\t3\t3\t3\t3\tStephen\tPER\tPROP\n\
                         MENTION\tT4\t0\t4\t0\t4\tKinch\tPER\tPROP\n\
                         COREF\tT1\tBuck_Mulligan-0\nCOREF\tT2\tBuck_Mulligan-0\n\
                         COREF\tT3\tStephen-1\nCOREF\tT4\tStephen-1\n";

    fn quotes(ann: &str) -> Result<Vec<GoldAttribution>> {
        let tokens = Tokens::new(TEXT);
        let path = Path::new("fixture.ann");
        let chains = read_chains(COREF, &tokens, path)?;
        read_quotes(ann, &tokens, &chains, path)
    }

    #[test]
    fn tokens_map_to_character_offsets() {
        let tokens = Tokens::new(TEXT);
        assert_eq!(tokens.lines[0][0], (0, 1));
        assert_eq!(tokens.lines[0][1], (2, 6));
        assert_eq!(tokens.lines[1][0], (43, 45));
        assert_eq!(
            tokens.span(&["0", "8", "0", "9"]).unwrap().text,
            "Buck Mulligan"
        );
        assert_eq!(tokens.span(&["0", "10", "0", "10"]).unwrap().text, ".");
        assert!(tokens.span(&["0", "11", "0", "11"]).is_none());
        assert!(tokens.span(&["9", "0", "9", "0"]).is_none());
        assert!(tokens.span(&["0", "x", "0", "0"]).is_none());
    }

    #[test]
    fn quotes_get_character_spans_and_chain_speakers() {
        let ann = "QUOTE\tQ2\t2\t0\t3\t3\t“ Back ! Now ! ” — Yes , Stephen\n\
                   QUOTE\tQ1\t0\t0\t0\t6\t“ Come up , Kinch ! ”\n\
                   ATTRIB\tQ1\tBuck_Mulligan-0\nATTRIB\tQ2\tStephen-1\n";
        let gold = quotes(ann).unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[0].content[0].text, "“ Come up , Kinch ! ”");
        assert_eq!(gold[0].content[0].start, 0);
        assert_eq!(gold[1].content[0].text, "“ Back ! Now ! ”\n— Yes , Stephen");
        let buck = gold[0].speaker.as_ref().unwrap();
        assert_eq!(buck.name, "Buck Mulligan");
        // Its short forms only: pronouns are no aliases.
        assert_eq!(buck.aliases, ["Buck", "Mulligan"]);
        let stephen = gold[1].speaker.as_ref().unwrap();
        assert_eq!(
            (stephen.name.as_str(), stephen.aliases.as_slice()),
            ("Stephen", &["Kinch".to_string()][..])
        );
        assert!(gold.iter().all(|g| g.direct));
    }

    #[test]
    fn short_forms_count_only_for_the_one_chain_holding_them() {
        let tokens = Tokens::new("Mr. Lucian Gregory met Mrs. Gregory .");
        let coref = "MENTION\tT1\t0\t0\t0\t2\tMr. Lucian Gregory\tPER\tPROP\n\
                     MENTION\tT2\t0\t4\t0\t5\tMrs. Gregory\tPER\tPROP\n\
                     COREF\tT1\tLucian-0\nCOREF\tT2\tMrs_Gregory-1\n";
        let chains = read_chains(coref, &tokens, Path::new("fixture.ann")).unwrap();
        let lucian = &chains["Lucian-0"].speaker;
        assert!(lucian.matches("Lucian Gregory") && lucian.matches("Lucian"));
        assert!(!lucian.matches("Gregory"), "both chains hold Gregory");
        assert!(!chains["Mrs_Gregory-1"].speaker.matches("Gregory"));
    }

    #[test]
    fn a_chain_saying_i_outside_quotes_is_the_narrator() {
        let text = "“ I am here , ” said Pip .\n“ Who ? ” I asked .";
        let coref = "MENTION\tT1\t0\t1\t0\t1\tI\tPER\tPRON\n\
                     MENTION\tT2\t0\t7\t0\t7\tPip\tPER\tPROP\n\
                     MENTION\tT3\t1\t4\t1\t4\tI\tPER\tPRON\n\
                     COREF\tT1\tPip-0\nCOREF\tT2\tPip-0\nCOREF\tT3\tJo-1\n";
        let ann = "QUOTE\tQ1\t0\t0\t0\t5\t“ I am here , ”\nATTRIB\tQ1\tPip-0\n\
                   QUOTE\tQ2\t1\t0\t1\t3\t“ Who ? ”\nATTRIB\tQ2\tJo-1\n";
        let tokens = Tokens::new(text);
        let path = Path::new("fixture.ann");
        let chains = read_chains(coref, &tokens, path).unwrap();
        let gold = read_quotes(ann, &tokens, &chains, path).unwrap();
        let (pip, jo) = (gold[0].speaker.as_ref(), gold[1].speaker.as_ref());
        // Pip says `I` only inside his quote; Jo says it in the narration.
        assert!(!pip.unwrap().matches("the narrator"));
        assert!(jo.unwrap().matches("the narrator") && jo.unwrap().matches("Jo"));
    }

    #[test]
    fn unknown_chain_is_named_from_its_id() {
        let gold =
            quotes("QUOTE\tQ1\t0\t0\t0\t6\t“ Come up , Kinch ! ”\nATTRIB\tQ1\tOld_Mrs__Grose-7\n")
                .unwrap();
        assert_eq!(gold[0].speaker.as_ref().unwrap().name, "Old Mrs Grose");
    }

    #[test]
    fn mismatches_and_bad_rows_are_errors() {
        assert!(quotes("QUOTE\tQ1\t0\t0\t0\t6\t“ Go away ! ”\n").is_err());
        assert!(quotes("QUOTE\tQ1\t0\t0\t0\t50\tx\n").is_err());
        assert!(quotes("SOMETHING\telse\n").is_err());
        assert!(quotes("").unwrap().is_empty());
        let tokens = Tokens::new(TEXT);
        let bad = "MENTION\tT1\t0\t7\t0\t8\tBuck\tPER\tPROP\n";
        assert!(read_chains(bad, &tokens, Path::new("c.ann")).is_err());
    }

    #[test]
    fn nominal_names_a_chain_without_proper_names() {
        let speaker = chain_speaker(
            "x-1",
            &[("he", "PRON"), ("the old man", "NOM"), ("a man", "NOM")],
        );
        assert_eq!(speaker.name, "the old man");
        assert_eq!(speaker.aliases, ["a man"]);
    }
}
