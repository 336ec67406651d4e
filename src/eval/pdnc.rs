//! Reader for PDNC, the Project Dialogism Novel Corpus: every quotation of a novel with its
//! canonical speaker and quote type.
//!
//! A novel folder holds `novel_text.txt`, `quotation_info.csv` (one row per quote:
//! `quoteByteSpans` such as `[[6317, 6418]]`, one span per sub-quotation, with the matching
//! texts in `subQuotationList`; `speaker`; `quoteType`) and `character_info.csv` (`Main Name`,
//! `Aliases` as a Python set).
//!
//! Offsets: despite the column name, PDNC's spans are Python string indices, i.e. character
//! offsets (on the released novels, all plain ASCII, bytes and characters coincide). Each span
//! is checked against its sub-quotation text before it is trusted: read as character offsets
//! first, then as byte offsets; the text at the span, trimmed of surrounding whitespace (PDNC's
//! spans sometimes include it, its texts never do), must equal the sub-quotation. A span that
//! matches neither way is an [`Error::Corpus`].
//!
//! PDNC's spans exclude the quotation marks, while this project's convention (and PolNeAR's,
//! and LitBank's) includes them; so each piece is widened over an adjacent double quotation
//! mark on either side, and over single marks only when both sides have one. Every PDNC quote
//! is direct. A quote is one gold attribution whose content pieces are its sub-quotations; the
//! speaker's aliases are the names `character_info.csv` lists for that character.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::schema::TextSpan;

use super::labelled::{
    read_text, CharText, GoldAttribution, GoldSpeaker, LabelledArticle, QuoteType,
};
use super::pyformat::{parse_csv, parse_py, CsvRecord};

/// Reads PDNC: either one novel folder (holding `novel_text.txt`) or a folder of novel
/// folders, read in name order. Each novel becomes one article whose id is its folder name.
pub fn read_pdnc(dir: &Path) -> Result<Vec<LabelledArticle>> {
    if dir.join("novel_text.txt").is_file() {
        return Ok(vec![read_novel(dir)?]);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut novels = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.join("novel_text.txt").is_file() {
            novels.push(path);
        }
    }
    if novels.is_empty() {
        return Err(Error::Corpus {
            path: dir.to_path_buf(),
            line: 0,
            message: "no PDNC novel folder (with novel_text.txt) found".into(),
        });
    }
    novels.sort();
    novels.iter().map(|novel| read_novel(novel)).collect()
}

/// Reads one novel folder.
fn read_novel(dir: &Path) -> Result<LabelledArticle> {
    let text = read_text(&dir.join("novel_text.txt"))?;
    let characters = read_characters(&dir.join("character_info.csv"))?;
    let quotes_path = dir.join("quotation_info.csv");
    let table = Table::read(&quotes_path)?;
    let (spans_col, subs_col) = (
        table.column("quoteByteSpans")?,
        table.column("subQuotationList")?,
    );
    let (speaker_col, type_col) = (table.column("speaker")?, table.column("quoteType")?);
    let chars = CharText::new(&text);
    let mut gold = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let bad = |message: String| Error::Corpus {
            path: quotes_path.clone(),
            line: row.line,
            message,
        };
        let spans = parse_py(table.field(row, spans_col))
            .ok()
            .and_then(|v| v.int_pairs())
            .ok_or_else(|| bad("quoteByteSpans is not a list of [start, end] pairs".into()))?;
        let subs = parse_py(table.field(row, subs_col))
            .ok()
            .and_then(|v| v.strings())
            .ok_or_else(|| bad("subQuotationList is not a list of strings".into()))?;
        if spans.len() != subs.len() || spans.is_empty() {
            return Err(bad(format!(
                "{} spans but {} sub-quotations",
                spans.len(),
                subs.len()
            )));
        }
        let mut content = spans
            .iter()
            .zip(&subs)
            .map(|(&(start, end), sub)| {
                locate(&chars, start, end, sub)
                    .map(|(s, e)| widen_to_quote_marks(&chars, s, e))
                    .and_then(|(s, e)| chars.span(s, e))
                    .ok_or_else(|| {
                        bad(format!(
                            "span [{start}, {end}] does not hold the sub-quotation {sub:?} \
                             (as character or byte offsets)"
                        ))
                    })
            })
            .collect::<Result<Vec<TextSpan>>>()?;
        content.sort_by_key(|p| (p.start, p.end));
        let name = table.field(row, speaker_col).trim();
        gold.push(GoldAttribution {
            content,
            cue: None,
            source: None,
            speaker: (!name.is_empty()).then(|| speaker(name, &characters)),
            quote_type: QuoteType::parse(table.field(row, type_col)),
            direct: true,
        });
    }
    gold.sort_by_key(|g| (g.content[0].start, g.content[0].end));
    let id = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("novel")
        .to_string();
    Ok(LabelledArticle::quotes_only(id, text, gold))
}

/// Finds the character span `[start, end)` means, trimmed of surrounding whitespace, such that
/// its text equals `expected` (also trimmed): first reading the offsets as characters, then as
/// bytes.
fn locate(chars: &CharText<'_>, start: i64, end: i64, expected: &str) -> Option<(usize, usize)> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let expected = expected.trim();
    let trimmed = |s: usize, raw: &str| {
        let leading = raw.chars().take_while(|c| c.is_whitespace()).count();
        let length = raw.trim().chars().count();
        (raw.trim() == expected).then_some((s + leading, s + leading + length))
    };
    if let Some(found) = chars.slice(start, end).and_then(|raw| trimmed(start, raw)) {
        return Some(found);
    }
    let raw = chars.text().get(start..end)?;
    trimmed(chars.char_of_byte(start), raw)
}

/// Widens a quote span over the quotation marks around it (see the module notes), also across
/// spaces or tabs between the text and the mark (`"and about   "`).
fn widen_to_quote_marks(chars: &CharText<'_>, start: usize, end: usize) -> (usize, usize) {
    let at = |i: usize| chars.slice(i, i + 1).and_then(|s| s.chars().next());
    let blank = |c: Option<char>| matches!(c, Some(' ' | '\t'));
    let mut before = start;
    while before > 0 && blank(at(before - 1)) {
        before -= 1;
    }
    let mut after = end;
    while blank(at(after)) {
        after += 1;
    }
    let (mark_before, mark_after) = (before.checked_sub(1).and_then(at), at(after));
    let double =
        |c: Option<char>| c.is_some_and(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'));
    let single = |c: Option<char>| c.is_some_and(|c| matches!(c, '\'' | '‘' | '’'));
    let both_single = single(mark_before) && single(mark_after);
    let start = if double(mark_before) || both_single {
        before - 1
    } else {
        start
    };
    let end = if double(mark_after) || both_single {
        after + 1
    } else {
        end
    };
    (start, end)
}

/// A speaker with the aliases `character_info.csv` gives for them.
fn speaker(name: &str, characters: &[(String, Vec<String>)]) -> GoldSpeaker {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let character = characters
        .iter()
        .find(|(main, _)| same(main, name))
        .or_else(|| {
            characters
                .iter()
                .find(|(_, aliases)| aliases.iter().any(|alias| same(alias, name)))
        });
    let mut aliases: Vec<String> = Vec::new();
    if let Some((main, others)) = character {
        for alias in std::iter::once(main).chain(others) {
            let alias = alias.trim();
            if !same(alias, name) && !aliases.iter().any(|a| a == alias) {
                aliases.push(alias.to_string());
            }
        }
    }
    GoldSpeaker {
        name: name.to_string(),
        aliases,
    }
}

/// Reads `character_info.csv` as (main name, aliases) pairs.
fn read_characters(path: &Path) -> Result<Vec<(String, Vec<String>)>> {
    let table = Table::read(path)?;
    let (main_col, aliases_col) = (table.column("Main Name")?, table.column("Aliases")?);
    table
        .rows
        .iter()
        .map(|row| {
            let aliases = parse_py(table.field(row, aliases_col))
                .ok()
                .and_then(|v| v.strings())
                .ok_or_else(|| Error::Corpus {
                    path: path.to_path_buf(),
                    line: row.line,
                    message: "Aliases is not a Python list or set of strings".into(),
                })?;
            Ok((table.field(row, main_col).to_string(), aliases))
        })
        .collect()
}

/// A CSV file with a header row.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<CsvRecord>,
    path: std::path::PathBuf,
}

impl Table {
    fn read(path: &Path) -> Result<Table> {
        let records = parse_csv(&read_text(path)?).map_err(|message| Error::Corpus {
            path: path.to_path_buf(),
            line: 0,
            message,
        })?;
        let mut records = records.into_iter();
        let header = records.next().ok_or_else(|| Error::Corpus {
            path: path.to_path_buf(),
            line: 1,
            message: "empty CSV file".into(),
        })?;
        let columns = header
            .fields
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim().to_string(), i))
            .collect();
        Ok(Table {
            columns,
            rows: records.collect(),
            path: path.to_path_buf(),
        })
    }

    fn column(&self, name: &str) -> Result<usize> {
        self.columns
            .get(name)
            .copied()
            .ok_or_else(|| Error::Corpus {
                path: self.path.clone(),
                line: 1,
                message: format!("no column {name:?}"),
            })
    }

    /// A row's field, empty when the row is short.
    fn field<'r>(&self, row: &'r CsvRecord, column: usize) -> &'r str {
        row.fields.get(column).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOVEL: &str = "\"Poor Miss Taylor!\" said Emma.\n\n\"Yes,\" he said, \"and  \"\n\
                         'Fine,' she said. Café \"Ünïcode\" end.";

    fn write_novel(dir: &Path, quotes: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("novel_text.txt"), NOVEL).unwrap();
        std::fs::write(
            dir.join("character_info.csv"),
            "Character ID,Main Name,Aliases,Gender,Category\n\
             0,Emma,\"{'Emma', 'Miss Woodhouse'}\",F,major\n\
             1,Mr. Knightley,\"{\"\"Knightley's Self\"\", 'George'}\",M,major\n",
        )
        .unwrap();
        std::fs::write(dir.join("quotation_info.csv"), quotes).unwrap();
    }

    const HEADER: &str = "quoteID,quoteText,subQuotationList,quoteByteSpans,speaker,quoteType\n";

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("quoteattr-pdnc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn reads_quotes_widened_over_their_marks() {
        let dir = temp("ok");
        // "Yes," is chars 33..37 in the text; "and  " with trailing spaces is 49..54.
        let quotes = format!(
            "{HEADER}Q0,x,\"['Poor Miss Taylor!']\",\"[[1, 18]]\",Emma,Explicit\n\
             Q1,x,\"['Yes,', 'and']\",\"[[33, 37], [49, 54]]\",George,Anaphoric\n\
             Q2,x,\"['Fine,']\",\"[[57, 62]]\",Harriet,nan\n\
             Q3,x,\"['Ünïcode']\",\"[[80, 87]]\",Emma,Implicit\n"
        );
        write_novel(&dir.join("Emma"), &quotes);
        let corpus = read_pdnc(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(corpus.len(), 1);
        let novel = &corpus[0];
        assert_eq!(novel.article.id, "Emma");
        let texts: Vec<Vec<&str>> = novel
            .gold
            .iter()
            .map(|g| g.content.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["\"Poor Miss Taylor!\""],
                vec!["\"Yes,\"", "\"and  \""],
                vec!["'Fine,'"],
                vec!["\"Ünïcode\""],
            ]
        );
        let first = novel.gold[0].speaker.as_ref().unwrap();
        assert_eq!(first.aliases, ["Miss Woodhouse"]);
        let george = novel.gold[1].speaker.as_ref().unwrap();
        assert_eq!(george.name, "George");
        assert_eq!(george.aliases, ["Mr. Knightley", "Knightley's Self"]);
        assert_eq!(novel.gold[2].speaker.as_ref().unwrap().aliases.len(), 0);
        assert_eq!(novel.gold[0].quote_type, Some(QuoteType::Explicit));
        assert_eq!(novel.gold[2].quote_type, None);
        assert!(novel.gold.iter().all(|g| g.direct));
    }

    #[test]
    fn byte_offsets_are_recognised_when_characters_do_not_match() {
        let chars = CharText::new(NOVEL);
        // "Ünïcode" is characters 80..87 but bytes 81..90 ("é" before it is two bytes).
        assert_eq!(locate(&chars, 80, 87, "Ünïcode"), Some((80, 87)));
        assert_eq!(locate(&chars, 81, 90, "Ünïcode"), Some((80, 87)));
        assert_eq!(locate(&chars, 81, 89, "Ünïcode"), None);
        assert_eq!(locate(&chars, -1, 5, "x"), None);
    }

    #[test]
    fn mismatched_spans_and_missing_columns_are_errors() {
        let dir = temp("bad");
        write_novel(
            &dir,
            &format!("{HEADER}Q0,x,\"['Nope']\",\"[[1, 18]]\",Emma,Explicit\n"),
        );
        let err = read_pdnc(&dir).unwrap_err().to_string();
        assert!(err.contains("quotation_info.csv:2"), "{err}");
        write_novel(&dir, "quoteID,speaker\nQ0,Emma\n");
        assert!(read_pdnc(&dir)
            .unwrap_err()
            .to_string()
            .contains("no column"));
        write_novel(
            &dir,
            &format!("{HEADER}Q0,x,\"['a', 'b']\",\"[[1, 2]]\",Emma,Explicit\n"),
        );
        assert!(read_pdnc(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(read_pdnc(&dir).is_err());
    }
}
