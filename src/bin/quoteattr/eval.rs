//! `quoteattr eval`: measures attribution accuracy on a labelled corpus.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use quoteattr::eval::{self, CorpusFormat};

/// Novels are evaluated whole; this is far above any news article but fits every PDNC novel.
const MAX_NOVEL_BYTES: usize = 64 * 1024 * 1024;

/// Arguments of `eval`.
#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    model: crate::model_choice::ModelArgs,
    /// Format of the labelled corpus.
    #[arg(long, value_enum)]
    format: Format,
    /// The corpus: a PolNeAR split folder (with text/ and attributions/), a LitBank folder
    /// (with quotations/ and coref/), a PDNC folder (or one novel's folder), or a gold JSONL file.
    path: PathBuf,
    /// Score this predictions file (the JSONL `quoteattr attribute` writes) instead of running
    /// the attributor.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    /// Also write the report as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write every false positive, false negative and wrong speaker, with context, to this file.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Write annotated HTML pages (gold beside predicted, index.html first) into this folder.
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// Score canonical speakers against our own labels (a TSV of article, source start, source
    /// end, source text, name[|alias...]) joined with the corpus's gold sources, e.g.
    /// `eval/news-speakers.tsv` with the PolNeAR dev folder.
    #[arg(long, value_name = "FILE")]
    speakers: Option<PathBuf>,
    /// Evaluate only the first N articles of the corpus.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

/// The corpus formats on the command line.
#[derive(ValueEnum, Clone, Copy, Debug)]
enum Format {
    /// PolNeAR brat standoff.
    Polnear,
    /// LitBank quotations with coreference.
    Litbank,
    /// Project Dialogism Novel Corpus.
    Pdnc,
    /// The project's gold JSONL.
    Jsonl,
}

impl From<Format> for CorpusFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Polnear => CorpusFormat::Polnear,
            Format::Litbank => CorpusFormat::Litbank,
            Format::Pdnc => CorpusFormat::Pdnc,
            Format::Jsonl => CorpusFormat::Jsonl,
        }
    }
}

/// Runs `eval`: reads the corpus, attributes it (or reads the predictions), prints the report
/// table to stdout and writes the requested files.
pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let corpus = eval::read_corpus(args.format.into(), &args.path)
        .with_context(|| format!("reading the corpus at {}", args.path.display()))?;
    let corpus = match &args.speakers {
        Some(path) => eval::with_speaker_labels(corpus, path)
            .with_context(|| format!("joining the speaker labels of {}", path.display()))?,
        None => corpus,
    };
    let corpus = eval::truncate(corpus, args.limit);
    let gold: usize = corpus.iter().map(|l| l.gold.len()).sum();
    eprintln!(
        "read {} articles with {gold} gold attributions in {:.1?}",
        corpus.len(),
        started.elapsed()
    );
    let predictions;
    let evaluation = match &args.predictions {
        Some(path) => {
            predictions = eval::read_predictions(path)
                .with_context(|| format!("reading predictions from {}", path.display()))?;
            eval::score(&predictions, &corpus)
        }
        None => {
            let attributor = args
                .model
                .attributor()?
                .with_max_article_bytes(MAX_NOVEL_BYTES);
            eval::evaluate(&attributor, &corpus)
        }
    };
    print!("{}", evaluation.report);
    if let Some(path) = &args.json {
        std::fs::write(path, evaluation.report.to_json() + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.errors {
        evaluation.write_error_dump(path)?;
    }
    if let Some(dir) = &args.html {
        eval::html::write_evaluation_html(&evaluation, dir)?;
    }
    eprintln!("done in {:.1?}", started.elapsed());
    Ok(())
}
