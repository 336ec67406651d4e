//! `quoteattr train`: fine-tunes the tagger on PolNeAR and writes a model folder.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use quoteattr::train::{train, TrainOptions};

/// Arguments of `train`.
#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Base encoder folder with model.safetensors, config.json and tokenizer.json
    /// (`scripts/base-model.sh` installs and prints it).
    #[arg(long)]
    base: PathBuf,
    /// PolNeAR training split.
    #[arg(long, default_value = "../shared/data/polnear/train")]
    train: PathBuf,
    /// PolNeAR dev split, for choosing the epoch.
    #[arg(long, default_value = "../shared/data/polnear/dev")]
    dev: PathBuf,
    /// Where to write the model folder.
    #[arg(long, default_value = "models/tagger")]
    output: PathBuf,
    /// Most epochs.
    #[arg(long, default_value_t = 5)]
    epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    #[arg(long, default_value_t = 2)]
    patience: usize,
    /// Seed.
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Train on the first N articles only (a quick check).
    #[arg(long)]
    max_train_articles: Option<usize>,
    /// libtorch threads.
    #[arg(long, default_value_t = 2)]
    threads: i32,
}

/// Runs `train`, printing one line per epoch.
pub fn run(args: TrainArgs) -> Result<()> {
    tch::set_num_threads(args.threads);
    let mut options = TrainOptions::new(args.train, args.dev, args.base, args.output);
    options.epochs = args.epochs;
    options.patience = args.patience;
    options.seed = args.seed;
    options.max_train_articles = args.max_train_articles;
    let reports = train(&options, |r| {
        eprintln!(
            "epoch {}: loss {:.4}, dev exact F1 source/cue/content {:.1}/{:.1}/{:.1}, overlap {:.1}/{:.1}/{:.1}, {:.0} s",
            r.epoch, r.loss, r.dev_exact_f1[0], r.dev_exact_f1[1], r.dev_exact_f1[2],
            r.dev_overlap_f1[0], r.dev_overlap_f1[1], r.dev_overlap_f1[2], r.seconds
        )
    })?;
    let best = reports
        .iter()
        .max_by(|a, b| a.score().total_cmp(&b.score()));
    if let Some(best) = best {
        eprintln!(
            "best epoch {} written to {}",
            best.epoch,
            options.output.display()
        );
    }
    Ok(())
}
