//! Our own canonical-speaker labels for a corpus whose attributions name no speaker (PolNeAR):
//! a TSV that points at gold source spans and gives the speaker's canonical name, joined at
//! run time with the corpus, so that no corpus text is stored with the labels.
//!
//! Each line: `article<TAB>source start<TAB>source end<TAB>source text<TAB>name[|alias...]`,
//! offsets in characters into the article text. Blank lines and lines starting with `#` are
//! skipped. The source text is a check that the offsets still point where they did (only its
//! first words are stored; a trailing `…` marks a cut).

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};

use super::labelled::{read_text, GoldAttribution, GoldScope, GoldSpeaker, LabelledArticle};

/// One label: a source span of an article and the speaker it names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpeakerLabel {
    article: String,
    start: usize,
    end: usize,
    text: String,
    speaker: GoldSpeaker,
}

/// Replaces the gold of `corpus` by the labelled speakers of the TSV at `path`: each label
/// becomes one gold attribution with the corpus attribution's content and source and the
/// label's speaker. Articles without labels are dropped; the scope becomes
/// [`GoldScope::Quotes`], so only speaker figures are scored.
///
/// Fails when a label names an unknown article, or its span is no gold source of that
/// article, or the span's text differs from the label's.
pub fn with_speaker_labels(
    corpus: Vec<LabelledArticle>,
    path: &Path,
) -> Result<Vec<LabelledArticle>> {
    let labels = read_labels(path)?;
    let mut by_article: HashMap<&str, Vec<(usize, &SpeakerLabel)>> = HashMap::new();
    for (line, label) in &labels {
        by_article
            .entry(label.article.as_str())
            .or_default()
            .push((*line, label));
    }
    let bad = |line: usize, message: String| Error::Corpus {
        path: path.to_path_buf(),
        line,
        message,
    };
    let known: Vec<&str> = corpus.iter().map(|l| l.article.id.as_str()).collect();
    if let Some((line, label)) = labels
        .iter()
        .find(|(_, l)| !known.contains(&l.article.as_str()))
    {
        return Err(bad(
            *line,
            format!("no article {:?} in the corpus", label.article),
        ));
    }
    let mut out = Vec::new();
    for labelled in corpus {
        let Some(article_labels) = by_article.get(labelled.article.id.as_str()) else {
            continue;
        };
        let mut gold = Vec::with_capacity(article_labels.len());
        for &(line, label) in article_labels {
            let item = labelled
                .gold
                .iter()
                .find(|g| {
                    g.source
                        .as_ref()
                        .is_some_and(|s| s.start == label.start && s.end == label.end)
                })
                .ok_or_else(|| {
                    bad(
                        line,
                        format!("{}..{} is no gold source", label.start, label.end),
                    )
                })?;
            check_text(item, label).map_err(|m| bad(line, m))?;
            gold.push(GoldAttribution {
                speaker: Some(label.speaker.clone()),
                quote_type: None,
                ..item.clone()
            });
        }
        gold.sort_by_key(|g| g.content.first().map(|c| (c.start, c.end)));
        out.push(LabelledArticle {
            gold,
            scope: GoldScope::Quotes,
            ..labelled
        });
    }
    Ok(out)
}

/// Whether the gold source's text starts with the label's words.
fn check_text(item: &GoldAttribution, label: &SpeakerLabel) -> std::result::Result<(), String> {
    let source = item.source.as_ref().map_or("", |s| s.text.as_str());
    let wanted = label.text.trim_end_matches('…').split_whitespace();
    let found = source.split_whitespace();
    if wanted.zip(found).all(|(a, b)| a == b) {
        Ok(())
    } else {
        Err(format!(
            "the source there reads {source:?}, not {:?}",
            label.text
        ))
    }
}

/// Reads the TSV's labels with their line numbers.
fn read_labels(path: &Path) -> Result<Vec<(usize, SpeakerLabel)>> {
    let text = read_text(path)?;
    let mut labels = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let label = parse_line(line).ok_or_else(|| Error::Corpus {
            path: path.to_path_buf(),
            line: number,
            message: "expected article, start, end, source text and name, tab-separated".into(),
        })?;
        labels.push((number, label));
    }
    Ok(labels)
}

/// Parses one label line.
fn parse_line(line: &str) -> Option<SpeakerLabel> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [article, start, end, text, names] = fields.as_slice() else {
        return None;
    };
    let mut names = names.split('|').map(str::trim).filter(|n| !n.is_empty());
    let name = names.next()?.to_string();
    Some(SpeakerLabel {
        article: article.trim().to_string(),
        start: start.trim().parse().ok()?,
        end: end.trim().parse().ok()?,
        text: text.trim().to_string(),
        speaker: GoldSpeaker {
            name,
            aliases: names.map(str::to_string).collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Article, TextSpan};

    fn span(text: &str, start: usize, end: usize) -> TextSpan {
        crate::eval::test_span(text, start, end)
    }

    fn corpus() -> Vec<LabelledArticle> {
        let text = "Mark Esper spoke. He said the pact matters.";
        vec![LabelledArticle {
            article: Article {
                id: "a1".into(),
                title: None,
                text: text.into(),
            },
            gold: vec![GoldAttribution {
                content: vec![span(text, 26, 42)],
                cue: Some(span(text, 21, 25)),
                source: Some(span(text, 18, 20)),
                speaker: None,
                quote_type: None,
                direct: false,
            }],
            scope: GoldScope::Attributions,
        }]
    }

    /// Writes `contents` to a fresh file in the temporary folder.
    fn write(contents: &str) -> TempFile {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "quoteattr-speakers-{}-{}.tsv",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("write labels");
        TempFile(path)
    }

    /// A file removed when dropped.
    struct TempFile(std::path::PathBuf);

    impl TempFile {
        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    #[test]
    fn labels_join_the_corpus_sources() {
        let file = write("# article\tstart\tend\ttext\tname\na1\t18\t20\tHe\tMark Esper|Esper\n");
        let joined = with_speaker_labels(corpus(), file.path()).expect("labels join");
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].scope, GoldScope::Quotes);
        let speaker = joined[0].gold[0].speaker.as_ref().expect("speaker");
        assert_eq!(speaker.name, "Mark Esper");
        assert_eq!(speaker.aliases, vec!["Esper".to_string()]);
        assert_eq!(joined[0].gold[0].content[0].text, "the pact matters");
    }

    #[test]
    fn wrong_spans_and_articles_are_errors() {
        let wrong_span = write("a1\t0\t4\tMark\tMark Esper\n");
        assert!(with_speaker_labels(corpus(), wrong_span.path()).is_err());
        let wrong_text = write("a1\t18\t20\tShe\tMark Esper\n");
        assert!(with_speaker_labels(corpus(), wrong_text.path()).is_err());
        let unknown = write("a2\t18\t20\tHe\tMark Esper\n");
        assert!(with_speaker_labels(corpus(), unknown.path()).is_err());
        let short = write("a1\t18\t20\tHe\n");
        assert!(with_speaker_labels(corpus(), short.path()).is_err());
    }
}
