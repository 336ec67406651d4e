//! Reads real corpus files from `../shared/data` (when present) and checks the round trip:
//! every span a reader returns reproduces, at its character offsets, the text the corpus
//! annotated. Skipped with a message when the data folder is absent.

use std::path::{Path, PathBuf};

use quoteattr::eval::{self, LabelledArticle};
use quoteattr::TextSpan;

fn data_dir(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

/// Every span's text equals the article text at its character offsets; returns the number of
/// spans checked.
fn check_offsets(corpus: &[LabelledArticle]) -> usize {
    let mut checked = 0;
    for labelled in corpus {
        let chars: Vec<char> = labelled.article.text.chars().collect();
        let check = |span: &TextSpan| {
            assert!(
                span.start <= span.end && span.end <= chars.len(),
                "{span:?}"
            );
            let at: String = chars[span.start..span.end].iter().collect();
            assert_eq!(at, span.text, "in {}", labelled.article.id);
        };
        for gold in &labelled.gold {
            assert!(!gold.content.is_empty());
            for span in gold.content.iter().chain(&gold.cue).chain(&gold.source) {
                check(span);
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn polnear_dev_spans_reproduce_the_annotations() {
    let Some(dir) = data_dir("polnear/dev") else {
        return;
    };
    let corpus = eval::read_polnear(&dir).expect("PolNeAR dev reads");
    assert_eq!(corpus.len(), 84, "one annotation per article");
    assert!(check_offsets(&corpus) > 5000);
    let mut direct = 0;
    for labelled in &corpus {
        let ann_dir = dir.join("attributions");
        let ann = std::fs::read_dir(&ann_dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                name.starts_with(&format!("{}_", labelled.article.id))
            })
            .min()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .expect("an annotation file");
        for gold in &labelled.gold {
            direct += usize::from(gold.direct);
            for span in gold.content.iter().chain(&gold.cue).chain(&gold.source) {
                assert!(ann.contains(&span.text), "{:?} not in the .ann", span.text);
            }
        }
    }
    let total: usize = corpus.iter().map(|l| l.gold.len()).sum();
    // Roughly a quarter of PolNeAR's attributions are in quotation marks.
    assert!(
        direct * 10 > total && direct * 2 < total,
        "{direct} of {total}"
    );
}

#[test]
fn litbank_quotes_reproduce_the_annotations() {
    let Some(dir) = data_dir("litbank") else {
        return;
    };
    let corpus = eval::read_litbank(&dir).expect("LitBank reads");
    assert!(check_offsets(&corpus) > 1000);
    for labelled in &corpus {
        let ann_path = dir
            .join("quotations")
            .join(format!("{}.ann", labelled.article.id));
        let ann = std::fs::read_to_string(ann_path).unwrap();
        assert_eq!(labelled.gold.len(), ann.matches("QUOTE\t").count());
        for gold in &labelled.gold {
            let flat = gold.content[0].text.replace('\n', " ");
            assert!(ann.contains(&format!("\t{flat}\n")) || ann.ends_with(&format!("\t{flat}")));
            let speaker = gold
                .speaker
                .as_ref()
                .expect("every LitBank quote has a speaker");
            assert!(!speaker.name.is_empty());
        }
    }
}

#[test]
fn pdnc_novel_quotes_reproduce_the_annotations() {
    let Some(dir) = data_dir("pdnc/Emma") else {
        return;
    };
    let corpus = eval::read_pdnc(&dir).expect("PDNC Emma reads");
    assert_eq!(corpus.len(), 1);
    assert!(check_offsets(&corpus) > 1500);
    let csv = std::fs::read_to_string(dir.join("quotation_info.csv")).unwrap();
    let mut marked = 0;
    let mut pieces = 0;
    for gold in &corpus[0].gold {
        assert!(gold.speaker.is_some() && gold.direct);
        for piece in &gold.content {
            pieces += 1;
            let inner = piece.text.trim_matches(|c| c == '"' || c == '\'').trim();
            marked += usize::from(piece.text.starts_with('"'));
            let first_line = inner
                .lines()
                .next()
                .unwrap_or_default()
                .replace('"', "\"\"");
            assert!(csv.contains(&first_line), "{first_line:?}");
        }
    }
    // The rest start after a parenthesis, a dash or a nested single quote inside one utterance.
    assert!(
        marked * 10 > pieces * 9,
        "{marked} of {pieces} widened to their marks"
    );
    let typed = corpus[0]
        .gold
        .iter()
        .filter(|g| g.quote_type.is_some())
        .count();
    assert_eq!(typed, corpus[0].gold.len());
}

#[test]
fn all_pdnc_novels_read() {
    let Some(dir) = data_dir("pdnc") else {
        return;
    };
    let corpus = eval::read_pdnc(&dir).expect("every PDNC novel reads");
    assert!(corpus.len() >= 20);
    check_offsets(&corpus);
}
