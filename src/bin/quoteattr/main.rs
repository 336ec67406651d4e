//! The `quoteattr` command line: `attribute` a corpus, `eval` against labelled data.

mod attribute;
mod eval;
mod model_choice;
mod train;
mod train_speakers;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Quote attribution for news: who said what, with character offsets.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Attribute quotes in articles (JSONL, a folder of .txt files, a .txt file or stdin).
    Attribute(attribute::AttributeArgs),
    /// Measure attribution accuracy on a labelled corpus.
    Eval(eval::EvalArgs),
    /// Fine-tune the transformer tagger on PolNeAR.
    Train(train::TrainArgs),
    /// Train the speaker ranker on PDNC and LitBank, with cross-validated figures.
    TrainSpeakers(train_speakers::TrainSpeakersArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Attribute(args) => attribute::run(args),
        Command::Eval(args) => eval::run(args).map(|()| ExitCode::SUCCESS),
        Command::Train(args) => train::run(args).map(|()| ExitCode::SUCCESS),
        Command::TrainSpeakers(args) => train_speakers::run(args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
