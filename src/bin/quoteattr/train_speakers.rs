//! `quoteattr train-speakers`: trains the speaker ranker on the novels' canonical speakers,
//! cross-validating by document first, and writes its model folder.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use quoteattr::eval::CorpusFormat;
use quoteattr::schema::ResolutionRule;
use quoteattr::train_speakers::{train_speakers, SpeakerTrainOptions};

/// Arguments of `train-speakers`.
#[derive(Args, Debug)]
pub struct TrainSpeakersArgs {
    /// PDNC folder (novels with canonical speakers).
    #[arg(long, default_value = "../shared/data/pdnc")]
    pdnc: PathBuf,
    /// LitBank folder (excerpts with canonical speakers).
    #[arg(long, default_value = "../shared/data/litbank")]
    litbank: PathBuf,
    /// Where to write the model folder.
    #[arg(long, default_value = "models/speaker-ranker")]
    output: PathBuf,
    /// Folds of the cross-validation by document (0 or 1: none).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Width of the hidden layer of each member network.
    #[arg(long, default_value_t = 64)]
    hidden: usize,
    /// Networks per pass, trained from successive seeds, whose logits are averaged (stored as
    /// one network `hidden * members` wide).
    #[arg(long, default_value_t = 10)]
    members: usize,
    /// Passes over the training quotes.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Passes of the ranker: each later pass sees the turns around a quote as the pass
    /// before decided them.
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// AdamW learning rate.
    #[arg(long, default_value_t = 3e-3)]
    learning_rate: f64,
    /// Seed.
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Rules whose decisions the ranker leaves alone (kebab-case names as in `resolution`,
    /// comma-separated; empty: none).
    #[arg(long, value_delimiter = ',', default_value = "")]
    keep_rules: Vec<String>,
    /// Rules whose decisions stand in the output after the passes, which still rank their
    /// quotes so that the turns around them are as the passes see them (comma-separated;
    /// empty: none).
    #[arg(long, value_delimiter = ',', default_value = "name")]
    final_rules: Vec<String>,
    /// Tagger folder for the documents that are not fiction in the cross-validation, as
    /// `eval` uses it (skipped when the folder is absent).
    #[arg(long, default_value = crate::model_choice::DEFAULT_MODEL)]
    tagger: PathBuf,
    /// libtorch threads.
    #[arg(long, default_value_t = 2)]
    threads: i32,
}

/// Runs `train-speakers`, printing the cross-validated tables.
pub fn run(args: TrainSpeakersArgs) -> Result<()> {
    tch::set_num_threads(args.threads);
    let started = Instant::now();
    let corpora = vec![
        (CorpusFormat::Pdnc, args.pdnc),
        (CorpusFormat::Litbank, args.litbank),
    ];
    let mut options = SpeakerTrainOptions::new(corpora, args.output);
    options.hidden = args.hidden;
    options.members = args.members.max(1);
    options.epochs = args.epochs;
    options.passes = args.passes.max(1);
    options.tagger = args.tagger.is_dir().then_some(args.tagger);
    options.learning_rate = args.learning_rate;
    options.seed = args.seed;
    options.keep_rules = rules(&args.keep_rules)?;
    options.final_rules = rules(&args.final_rules)?;
    let report = train_speakers(&options, args.folds)?;
    for figures in &report.cross_validated {
        println!(
            "== {} (cross-validated, {} folds by document)\n-- rules\n{}\n-- ranker\n{}",
            figures.corpus.display(),
            report.folds,
            figures.rules,
            figures.ranker
        );
    }
    eprintln!(
        "{} quotes, {} candidates; shipped ranker trained in {:.1} s; written to {} ({:.0} s in all)",
        report.quotes,
        report.candidates,
        report.seconds,
        options.output.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Rule names as in `resolution` (kebab-case), empty ones skipped.
fn rules(names: &[String]) -> Result<Vec<ResolutionRule>> {
    Ok(names
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| serde_json::from_value::<ResolutionRule>(serde_json::Value::String(r.clone())))
        .collect::<Result<_, _>>()?)
}
