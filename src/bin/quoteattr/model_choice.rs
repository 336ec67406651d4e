//! Choosing the pipeline: the shipped transformer model, another model folder, or rules only.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use quoteattr::resolve::SpeakerRanker;
use quoteattr::Attributor;

/// The default model folder, relative to the working directory.
pub const DEFAULT_MODEL: &str = "models/tagger";

/// The default speaker ranker folder, relative to the working directory.
pub const DEFAULT_SPEAKER_RANKER: &str = "models/speaker-ranker";

/// Options shared by the commands that attribute.
#[derive(Args, Debug)]
pub struct ModelArgs {
    /// Model folder of the transformer tagger.
    #[arg(long, default_value = DEFAULT_MODEL)]
    model: PathBuf,
    /// Use the rule-based pipeline only (no tagger); the speaker ranker is set apart, by
    /// `--no-speaker-ranker`.
    #[arg(long)]
    rules_only: bool,
    /// Model folder of the speaker ranker for dialogue in fiction.
    #[arg(long, default_value = DEFAULT_SPEAKER_RANKER)]
    speaker_ranker: PathBuf,
    /// Decide dialogue speakers by the rules alone (no speaker ranker).
    #[arg(long)]
    no_speaker_ranker: bool,
    /// Leave the speaker null when its resolution score (0 to 1) is below this: fewer
    /// speakers, more of them right.
    #[arg(long, default_value_t = 0.0, value_parser = parse_score)]
    min_speaker_score: f32,
}

/// A score between 0 and 1.
fn parse_score(text: &str) -> std::result::Result<f32, String> {
    let score: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=1.0).contains(&score) {
        Ok(score)
    } else {
        Err(format!("{score} is not between 0 and 1"))
    }
}

impl ModelArgs {
    /// The attributor these options ask for. Without `--model`, a missing default model
    /// falls back to the rules with a notice; an explicitly named model must load.
    pub fn attributor(&self) -> Result<Attributor> {
        Ok(self
            .pipeline()?
            .with_speaker_ranker(self.speaker_ranker()?)
            .with_min_speaker_score(self.min_speaker_score))
    }

    /// The speaker ranker asked for: none with `--no-speaker-ranker` or when the default
    /// folder is absent; an explicitly named folder must load.
    fn speaker_ranker(&self) -> Result<Option<SpeakerRanker>> {
        let explicit = self.speaker_ranker.as_os_str() != DEFAULT_SPEAKER_RANKER;
        if self.no_speaker_ranker || (!explicit && !self.speaker_ranker.is_dir()) {
            return Ok(None);
        }
        SpeakerRanker::load(&self.speaker_ranker)
            .map(Some)
            .with_context(|| {
                format!(
                    "cannot load the speaker ranker at {}",
                    self.speaker_ranker.display()
                )
            })
    }

    fn pipeline(&self) -> Result<Attributor> {
        if self.rules_only {
            return Ok(Attributor::rules_only());
        }
        let explicit = self.model.as_os_str() != DEFAULT_MODEL;
        if !explicit && !self.model.is_dir() {
            eprintln!(
                "note: no model at {}; using the rule-based pipeline (--rules-only)",
                self.model.display()
            );
            return Ok(Attributor::rules_only());
        }
        Attributor::from_pretrained(&self.model)
            .with_context(|| format!("cannot load the model at {}", self.model.display()))
    }
}
