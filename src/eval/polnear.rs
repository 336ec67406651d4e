//! Reader for PolNeAR: brat standoff attributions over plain-text news articles.
//!
//! A PolNeAR folder (`train/`, `dev/`, ...) holds `text/<article>.txt` and
//! `attributions/<article>_<annotator>.ann`. The `.ann` lines used here (tab-separated):
//!
//! ```text
//! T1  Source 89 106  The New York Post
//! T2  Cue 107 114  reports
//! T3  Content 115 150;160 200  that ... (pieces joined by one space)
//! T4  Attribution 107 114  reports
//! E1  Attribution:T4 Content:T3 Cue:T2 Source:T1
//! ```
//!
//! Decisions:
//! - Offsets are character offsets; every text-bound's annotated text is checked against the
//!   `.txt` (pieces joined by a space, as brat writes them) and a mismatch is an
//!   [`Error::Corpus`]. A span's text may run over several `.ann` lines when it contains line
//!   breaks; such continuation lines are joined back.
//! - An article annotated by several annotators is read once, from the file whose annotator id
//!   sorts first.
//! - Only text-bounds linked by an `E` relation count. `Content`, `Content2`, ... roles are all
//!   content pieces (sorted and deduplicated); a discontinuous cue or source becomes its hull.
//!   A relation without any content is dropped (it cannot be scored as an attribution).
//!   `Discard` and `Discuss` spans and annotator notes are ignored.
//! - Direct = the content starts with a quotation mark (straight or curly).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::schema::{Article, TextSpan};

use super::labelled::{
    files_with_extension, hull, is_quoted_throughout, read_text, CharText, GoldAttribution,
    GoldScope, LabelledArticle,
};

/// Reads a PolNeAR folder (one holding `text/` and `attributions/`), one article per text file
/// that has an annotation, in file-name order.
pub fn read_polnear(dir: &Path) -> Result<Vec<LabelledArticle>> {
    let (text_dir, ann_dir) = (dir.join("text"), dir.join("attributions"));
    if !text_dir.is_dir() || !ann_dir.is_dir() {
        return Err(Error::Corpus {
            path: dir.to_path_buf(),
            line: 0,
            message: "a PolNeAR folder needs `text/` and `attributions/` subfolders".into(),
        });
    }
    first_annotator_files(&ann_dir)?
        .into_iter()
        .map(|(article, ann_path)| {
            let text_path = text_dir.join(format!("{article}.txt"));
            let text = read_text(&text_path)?;
            let ann = read_text(&ann_path)?;
            let gold = parse_ann(&ann, &text, &ann_path)?;
            Ok(LabelledArticle {
                article: Article {
                    id: article,
                    title: None,
                    text,
                },
                gold,
                scope: GoldScope::Attributions,
            })
        })
        .collect()
}

/// Maps each article name to its `.ann` file with the first-sorting annotator id.
fn first_annotator_files(ann_dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut chosen: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    for path in files_with_extension(ann_dir, ".ann")? {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let (article, annotator) = match stem.rsplit_once('_') {
            Some((article, annotator)) => (article.to_string(), annotator.to_string()),
            None => (stem.clone(), String::new()),
        };
        let better = chosen
            .get(&article)
            .is_none_or(|(current, _)| annotator < *current);
        if better {
            chosen.insert(article, (annotator, path));
        }
    }
    Ok(chosen
        .into_iter()
        .map(|(article, (_, path))| (article, path))
        .collect())
}

/// A text-bound annotation (`T` line).
#[derive(Debug)]
struct TextBound {
    label: String,
    pieces: Vec<(usize, usize)>,
    text: String,
    line: usize,
}

/// A relation (`E` line): (role, text-bound id) pairs.
#[derive(Debug)]
struct Relation {
    args: Vec<(String, String)>,
    line: usize,
}

/// Parses one `.ann` file into gold attributions over `text`.
pub(crate) fn parse_ann(ann: &str, text: &str, path: &Path) -> Result<Vec<GoldAttribution>> {
    let corpus_error = |line: usize, message: String| Error::Corpus {
        path: path.to_path_buf(),
        line,
        message,
    };
    let (bounds, relations) = parse_lines(ann, path)?;
    let chars = CharText::new(text);
    let mut spans: HashMap<&str, Vec<TextSpan>> = HashMap::new();
    for (id, bound) in &bounds {
        let pieces = bound
            .pieces
            .iter()
            .map(|&(start, end)| {
                chars.span(start, end).ok_or_else(|| {
                    corpus_error(
                        bound.line,
                        format!("{id} {} {start}..{end} is outside the text", bound.label),
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let joined = pieces
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if joined != bound.text {
            return Err(corpus_error(
                bound.line,
                format!(
                    "{id}: annotated text {:?} differs from the text at its offsets {joined:?}",
                    bound.text
                ),
            ));
        }
        spans.insert(id.as_str(), pieces);
    }
    let mut gold = Vec::new();
    for relation in &relations {
        let mut content: Vec<TextSpan> = Vec::new();
        let (mut cue, mut source) = (None, None);
        for (role, id) in &relation.args {
            let pieces = spans.get(id.as_str()).ok_or_else(|| {
                corpus_error(relation.line, format!("relation refers to unknown {id}"))
            })?;
            match role.as_str() {
                r if r.starts_with("Content") => content.extend(pieces.iter().cloned()),
                "Cue" => cue = hull(&chars, pieces),
                "Source" => source = hull(&chars, pieces),
                _ => {}
            }
        }
        content.sort_by_key(|p| (p.start, p.end));
        content.dedup();
        if content.is_empty() {
            continue;
        }
        gold.push(GoldAttribution {
            direct: is_quoted_throughout(&content),
            content,
            cue,
            source,
            speaker: None,
            quote_type: None,
        });
    }
    gold.sort_by_key(|g| (g.content[0].start, g.content[0].end));
    Ok(gold)
}

/// Splits an `.ann` file into text-bounds (by id) and relations, joining continuation lines.
fn parse_lines(ann: &str, path: &Path) -> Result<(BTreeMap<String, TextBound>, Vec<Relation>)> {
    let mut bounds: BTreeMap<String, TextBound> = BTreeMap::new();
    let mut relations = Vec::new();
    let mut last_bound: Option<String> = None;
    for (index, line) in ann.lines().enumerate() {
        let number = index + 1;
        let record = line.split_once('\t').filter(|(id, _)| is_annotation_id(id));
        match record {
            Some((id, rest)) if id.starts_with('T') => {
                let bound = parse_text_bound(rest, number, path)?;
                bounds.insert(id.to_string(), bound);
                last_bound = Some(id.to_string());
            }
            Some((id, rest)) if id.starts_with('E') => {
                relations.push(Relation {
                    args: rest
                        .split_whitespace()
                        .filter_map(|arg| arg.split_once(':'))
                        .map(|(role, id)| (role.to_string(), id.to_string()))
                        .collect(),
                    line: number,
                });
                last_bound = None;
            }
            Some(_) => last_bound = None,
            // A line that is no record continues the previous span's text past a line break.
            None => match last_bound.as_ref().and_then(|id| bounds.get_mut(id)) {
                Some(bound) => {
                    bound.text.push('\n');
                    bound.text.push_str(line);
                }
                None if line.trim().is_empty() => {}
                None => {
                    return Err(Error::Corpus {
                        path: path.to_path_buf(),
                        line: number,
                        message: format!("not a brat annotation line: {line:?}"),
                    })
                }
            },
        }
    }
    Ok((bounds, relations))
}

/// Whether `id` looks like a brat annotation id: a letter or `#` followed by digits.
fn is_annotation_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c == '#')
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

/// Parses the part of a `T` line after its id: `Label start end[;start end...]\ttext`.
fn parse_text_bound(rest: &str, line: usize, path: &Path) -> Result<TextBound> {
    let bad = |message: &str| Error::Corpus {
        path: path.to_path_buf(),
        line,
        message: message.to_string(),
    };
    let (head, text) = rest.split_once('\t').unwrap_or((rest, ""));
    let (label, ranges) = head
        .split_once(' ')
        .ok_or_else(|| bad("text-bound without offsets"))?;
    let pieces = ranges
        .split(';')
        .map(|range| {
            let mut numbers = range.split_whitespace().map(str::parse::<usize>);
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Ok(start)), Some(Ok(end)), None) if start <= end => Ok((start, end)),
                _ => Err(bad(&format!("bad offsets {range:?}"))),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(TextBound {
        label: label.to_string(),
        pieces,
        text: text.to_string(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The Post said “we won” today.\nOfficials warned that taxes rise, and that \
                        costs fall, sources said.";

    fn parse(ann: &str) -> Result<Vec<GoldAttribution>> {
        parse_ann(ann, TEXT, Path::new("fixture.ann"))
    }

    #[test]
    fn reads_a_linked_attribution_with_curly_quotes() {
        let ann = "T1\tSource 0 8\tThe Post\nT2\tCue 9 13\tsaid\nT3\tContent 14 22\t“we won”\n\
                   T4\tAttribution 9 13\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let gold = parse(ann).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].content[0].text, "“we won”");
        assert_eq!(gold[0].cue.as_ref().unwrap().text, "said");
        assert_eq!(gold[0].source.as_ref().unwrap().text, "The Post");
        assert!(gold[0].direct);
    }

    #[test]
    fn discontinuous_content_and_content2_become_sorted_pieces() {
        // "that taxes rise" (47..62) and "that costs fall" (68..83), cue "warned".
        let ann = "T1\tContent 68 83\tthat costs fall\nT2\tCue 40 46\twarned\n\
                   T3\tContent 47 62\tthat taxes rise\nT4\tSource 30 34;35 39\tOffi ials\n\
                   E1\tAttribution:T2 Content:T1 Cue:T2 Source:T4 Content2:T3\n";
        let gold = parse(ann).unwrap();
        let texts: Vec<&str> = gold[0].content.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["that taxes rise", "that costs fall"]);
        assert!(!gold[0].direct);
        // A discontinuous source is kept as its hull.
        assert_eq!(gold[0].source.as_ref().unwrap().text, "Officials");
    }

    #[test]
    fn span_text_across_a_line_break_is_joined_back() {
        let ann = "T1\tContent 23 39\ttoday.\nOfficials\nT2\tCue 9 13\tsaid\n\
                   E1\tAttribution-no-source:T2 Content:T1 Cue:T2\n";
        let gold = parse(ann).unwrap();
        assert_eq!(gold[0].content[0].text, "today.\nOfficials");
        assert_eq!(gold[0].source, None);
    }

    #[test]
    fn mismatched_text_is_a_corpus_error() {
        let err = parse("T1\tCue 9 13\tsays\n").unwrap_err();
        assert!(err.to_string().contains("fixture.ann:1"), "{err}");
    }

    #[test]
    fn unknown_reference_and_bad_offsets_are_errors() {
        assert!(parse("E1\tAttribution:T9 Content:T9\n").is_err());
        assert!(parse("T1\tCue 9 x\tsaid\n").is_err());
        assert!(parse("T1\tCue 13 9\tsaid\n").is_err());
        assert!(parse("T1\tCue 9 900\tsaid\n").is_err());
    }

    #[test]
    fn relations_without_content_and_unlinked_spans_are_skipped() {
        let ann = "T1\tCue 9 13\tsaid\nT2\tDiscard 0 3\tThe\n#1\tAnnotatorNotes T1\tnote\n\
                   E1\tAttribution:T1 Cue:T1\n";
        assert!(parse(ann).unwrap().is_empty());
    }

    #[test]
    fn picks_first_annotator_and_reads_folder() {
        let dir = std::env::temp_dir().join(format!("quoteattr-polnear-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        std::fs::write(dir.join("text/art_one.txt"), TEXT).unwrap();
        let good = "T1\tCue 9 13\tsaid\nT2\tContent 14 22\t“we won”\nE1\tAttribution:T1 Cue:T1 Content:T2\n";
        std::fs::write(dir.join("attributions/art_one_4e07.ann"), good).unwrap();
        // Sorts after 4e07, and would fail to parse if it were read.
        std::fs::write(
            dir.join("attributions/art_one_d473.ann"),
            "T1\tCue 9 13\tnope\n",
        )
        .unwrap();
        let corpus = read_polnear(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(corpus.len(), 1);
        assert_eq!(corpus[0].article.id, "art_one");
        assert_eq!(corpus[0].gold.len(), 1);
        assert!(read_polnear(Path::new("/nonexistent/polnear")).is_err());
    }
}
