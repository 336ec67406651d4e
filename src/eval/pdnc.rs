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
//! speaker's aliases are the names `character_info.csv` lists for that character, plus the
//! short forms that name that character and no other in the novel (`Poirot`, `Mr. Crawford`,
//! `De Worms` of `Professor De Worms`; see [`names_by_character`]).

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
    let names = names_by_character(&characters);
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
            speaker: (!name.is_empty()).then(|| speaker(name, &characters, &names)),
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

/// A character of `character_info.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Character {
    main: String,
    aliases: Vec<String>,
    /// `M`, `F` or anything else (unknown).
    gender: String,
}

impl Character {
    /// The main name and the aliases.
    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.main.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .map(str::trim)
    }

    /// Its names of two words or more without their leading titles (`De Worms` of `Professor
    /// De Worms`, `Panna Lal` of `Dr. Panna Lal`), where that leaves a name.
    fn untitled_names(&self) -> Vec<String> {
        self.names()
            .filter_map(|name| {
                let words: Vec<&str> = name.split_whitespace().collect();
                let titles = words
                    .iter()
                    .take_while(|w| is_title(w.trim_end_matches('.')))
                    .count();
                (titles > 0 && titles < words.len()).then(|| words[titles..].join(" "))
            })
            .collect()
    }

    /// The words of its names that can stand for a name on their own: capitalised, not a
    /// title (`Mr.`, `Lady`) nor PDNC's `_narr` marker.
    fn name_words(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for name in self.names() {
            for word in name.split(|c: char| c.is_whitespace() || c == ',') {
                let word = word.trim_end_matches("'s").trim_end_matches('.');
                let capitalised = word.chars().next().is_some_and(char::is_uppercase);
                let title = is_title(word);
                if capitalised
                    && word.chars().count() > 1
                    && !title
                    && !words.iter().any(|w| w == word)
                {
                    words.push(word.to_string());
                }
            }
        }
        words
    }
}

/// Whether a word (without its period) titles a name: `Mr`, `Lady`, `Dr`.
fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// Words that title a name rather than name anyone.
pub(super) const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "miss",
    "ms",
    "dr",
    "sir",
    "lady",
    "lord",
    "madame",
    "mme",
    "monsieur",
    "mademoiselle",
    "mlle",
    "colonel",
    "captain",
    "general",
    "count",
    "countess",
    "duke",
    "duchess",
    "aunt",
    "uncle",
    "cousin",
    "father",
    "mother",
    "professor",
    "inspector",
    "reverend",
    "rev",
    "the",
    "of",
    "old",
    "young",
    "little",
    "master",
    "mister",
    "self",
];

/// Every name that counts as each character's, in `characters` order: the names
/// `character_info.csv` gives, plus the short forms that name that character and nobody else in
/// the novel: a name without its titles (`Panna Lal` for Dr. Panna Lal), a word of their names
/// no other character's names hold (`Poirot` for Hercule Poirot, `Jake` for Jake Barnes), and `Mr.`/`Mrs.`/`Miss` with a word no other character of
/// that gender's names hold (`Mr. Crawford` for Henry Crawford when Mary is the other
/// Crawford). The novel's cast, not its text, decides what is unique. A narrator (alias
/// `_narr`) is also `the narrator`, the name this project gives a first-person narrator whose
/// name it cannot find.
fn names_by_character(characters: &[Character]) -> Vec<Vec<String>> {
    let words: Vec<Vec<String>> = characters.iter().map(Character::name_words).collect();
    let holders = |word: &str, gender: Option<&str>| {
        characters
            .iter()
            .zip(&words)
            .filter(|(c, w)| gender.is_none_or(|g| c.gender == g) && w.iter().any(|w| w == word))
            .count()
    };
    let untitled: Vec<Vec<String>> = characters.iter().map(Character::untitled_names).collect();
    // A name without its titles counts when no other character is called so, titled or not.
    let called = |name: &str| {
        characters
            .iter()
            .zip(&untitled)
            .filter(|(c, u)| {
                c.names().any(|n| n.eq_ignore_ascii_case(name))
                    || u.iter().any(|n| n.eq_ignore_ascii_case(name))
            })
            .count()
    };
    characters
        .iter()
        .zip(&words)
        .zip(&untitled)
        .map(|((character, own_words), untitled)| {
            let mut names: Vec<String> = character.names().map(str::to_string).collect();
            names.extend(untitled.iter().filter(|n| called(n) == 1).cloned());
            // PDNC marks a first-person narrator with the alias `_narr`.
            if names.iter().any(|n| n == "_narr") {
                names.push("the narrator".to_string());
            }
            let honorifics: &[&str] = match character.gender.as_str() {
                "M" => &["Mr."],
                "F" => &["Mrs.", "Miss"],
                _ => &[],
            };
            for word in own_words {
                if holders(word, None) == 1 {
                    names.push(word.clone());
                }
                if holders(word, Some(&character.gender)) == 1 {
                    names.extend(honorifics.iter().map(|h| format!("{h} {word}")));
                }
            }
            names
        })
        .collect()
}

/// The speaker `name` with the other names of its character (see [`names_by_character`]).
fn speaker(name: &str, characters: &[Character], names: &[Vec<String>]) -> GoldSpeaker {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let index = characters
        .iter()
        .position(|c| same(&c.main, name))
        .or_else(|| {
            characters
                .iter()
                .position(|c| c.aliases.iter().any(|a| same(a, name)))
        });
    let mut aliases: Vec<String> = Vec::new();
    for alias in index.map_or(&[][..], |i| &names[i]) {
        if !same(alias, name) && !aliases.iter().any(|a| same(a, alias)) {
            aliases.push(alias.clone());
        }
    }
    GoldSpeaker {
        name: name.to_string(),
        aliases,
    }
}

/// Reads `character_info.csv`.
fn read_characters(path: &Path) -> Result<Vec<Character>> {
    let table = Table::read(path)?;
    let (main_col, aliases_col) = (table.column("Main Name")?, table.column("Aliases")?);
    let gender_col = table.column("Gender")?;
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
            Ok(Character {
                main: table.field(row, main_col).to_string(),
                aliases,
                gender: table.field(row, gender_col).trim().to_string(),
            })
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
        assert!(first.matches("Miss Woodhouse") && first.matches("Woodhouse"));
        let george = novel.gold[1].speaker.as_ref().unwrap();
        assert_eq!(george.name, "George");
        assert!(george.matches("Mr. Knightley") && george.matches("Knightley's Self"));
        assert!(george.matches("Knightley") && !george.matches("Emma"));
        assert_eq!(novel.gold[2].speaker.as_ref().unwrap().aliases.len(), 0);
        assert_eq!(novel.gold[0].quote_type, Some(QuoteType::Explicit));
        assert_eq!(novel.gold[2].quote_type, None);
        assert!(novel.gold.iter().all(|g| g.direct));
    }

    fn character(main: &str, aliases: &[&str], gender: &str) -> Character {
        Character {
            main: main.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            gender: gender.into(),
        }
    }

    #[test]
    fn short_forms_count_only_when_they_name_one_character() {
        let cast = [
            character("Henry Crawford", &["Henry"], "M"),
            character("Mary Crawford", &["Miss Crawford"], "F"),
            character("Hercule Poirot", &["Mr. Poirot", "Monsieur Poirot"], "M"),
            character("Mrs. Denham", &[], "F"),
            character("Ralph Denham", &["Ralph"], "M"),
        ];
        let names = names_by_character(&cast);
        let henry = speaker("Henry Crawford", &cast, &names);
        assert!(henry.matches("Henry") && henry.matches("Mr Crawford"));
        // Two characters are called Crawford: the surname alone names neither.
        assert!(!henry.matches("Crawford") && !henry.matches("Miss Crawford"));
        let mary = speaker("Mary Crawford", &cast, &names);
        assert!(mary.matches("Miss Crawford") && mary.matches("Mary"));
        assert!(!mary.matches("Mr. Crawford"));
        let poirot = speaker("Hercule Poirot", &cast, &names);
        assert!(poirot.matches("Poirot") && poirot.matches("Hercule"));
        assert!(!poirot.matches("Monsieur") && !poirot.matches("Mr."));
        let ralph = speaker("Ralph", &cast, &names);
        assert!(ralph.matches("Ralph Denham") && ralph.matches("Mr. Denham"));
        assert!(!ralph.matches("Denham") && !ralph.matches("Mrs. Denham"));
        // A speaker the cast does not list keeps only its own name.
        assert!(speaker("Harriet", &cast, &names).aliases.is_empty());
    }

    #[test]
    fn a_name_without_its_titles_counts_when_it_names_one_character() {
        let cast = [
            character("Professor De Worms", &["The Professor"], "M"),
            character("Dr. Panna Lal", &[], "M"),
            character("John Dashwood", &[], "M"),
            character("Mrs. John Dashwood", &["Fanny"], "F"),
        ];
        let names = names_by_character(&cast);
        let worms = speaker("Professor De Worms", &cast, &names);
        assert!(worms.matches("de Worms") && worms.matches("Worms"));
        assert!(speaker("Dr. Panna Lal", &cast, &names).matches("Panna Lal"));
        // `John Dashwood` is another character: it does not name Mrs. John Dashwood.
        let fanny = speaker("Mrs. John Dashwood", &cast, &names);
        assert!(fanny.matches("Fanny") && !fanny.matches("John Dashwood"));
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
