//! `quoteattr attribute`: the batch job.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use quoteattr::batch::{self, Input};
use quoteattr::{ArticleAttributions, OutputRecord};

/// Exit status when every record was read but some could not be processed.
const EXIT_RECORDS_FAILED: u8 = 3;

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// One JSON object per article (the schema in the README).
    Jsonl,
    /// A human-readable list of attributions.
    Text,
}

/// Arguments of `attribute`.
#[derive(Args, Debug)]
pub struct AttributeArgs {
    /// Input: a JSONL file of {"id","text","title"?}, a folder of .txt files, or one .txt
    /// file; `-` or nothing reads JSONL from standard input.
    input: Option<PathBuf>,
    /// Write the output here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Output format (the last one given wins, so wrapper scripts can set a default).
    #[arg(long, value_enum, default_value_t = Format::Jsonl, overrides_with = "format")]
    format: Format,
    #[command(flatten)]
    model: crate::model_choice::ModelArgs,
    /// Articles longer than this many bytes get an error record instead of attributions.
    #[arg(long, default_value_t = quoteattr::attributor::DEFAULT_MAX_ARTICLE_BYTES)]
    max_article_bytes: usize,
}

/// Runs `attribute`; the exit code tells whether any record failed.
pub fn run(args: AttributeArgs) -> Result<ExitCode> {
    let input = match &args.input {
        None => Input::Jsonl(Box::new(io::BufReader::new(io::stdin()))),
        Some(path) if path.as_os_str() == "-" => {
            Input::Jsonl(Box::new(io::BufReader::new(io::stdin())))
        }
        Some(path) => Input::from_path(path)?,
    };
    let mut output: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    };
    let progress = progress_bar(input.len_hint());
    let attributor = args
        .model
        .attributor()?
        .with_max_article_bytes(args.max_article_bytes);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let records = input.records()?;
    let summary = pool.install(|| match args.format {
        Format::Jsonl => batch::run(
            &attributor,
            records,
            &mut output,
            batch::DEFAULT_CHUNK_SIZE,
            |n| progress.set_position(n),
        ),
        Format::Text => {
            let mut jsonl = Vec::new();
            let summary = batch::run(
                &attributor,
                records,
                &mut jsonl,
                batch::DEFAULT_CHUNK_SIZE,
                |n| progress.set_position(n),
            )?;
            write_text(&jsonl, &mut output)?;
            Ok(summary)
        }
    });
    let summary = summary.context("cannot write the output")?;
    progress.finish_and_clear();
    if summary.failed > 0 {
        eprintln!(
            "{} of {} records failed (see their \"error\" lines)",
            summary.failed, summary.records
        );
        return Ok(ExitCode::from(EXIT_RECORDS_FAILED));
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on a terminal; nothing when standard error is piped.
fn progress_bar(total: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => ProgressBar::new(total),
        None => ProgressBar::new_spinner(),
    };
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos}/{len} articles {per_sec} {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

/// Renders JSONL output lines as a readable list.
fn write_text(jsonl: &[u8], output: &mut dyn Write) -> io::Result<()> {
    for line in jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        match serde_json::from_slice::<OutputRecord>(line) {
            Ok(OutputRecord::Attributed(record)) => write_article(&record, output)?,
            Ok(OutputRecord::Failed { id, error }) => {
                writeln!(output, "# {}: error: {error}", id.as_deref().unwrap_or("?"))?
            }
            Err(e) => writeln!(output, "# unreadable output line: {e}")?,
        }
    }
    output.flush()
}

fn write_article(record: &ArticleAttributions, output: &mut dyn Write) -> io::Result<()> {
    writeln!(
        output,
        "# {}: {} attributions",
        record.id,
        record.attributions.len()
    )?;
    for a in &record.attributions {
        let speaker = a.speaker.as_ref().map_or("?", |s| s.name.as_str());
        let source = a.source.as_ref().map_or("-", |s| s.text.as_str());
        let cue = a.cue.as_ref().map_or("-", |c| c.text.as_str());
        let content: Vec<&str> = a.content.iter().map(|c| c.text.as_str()).collect();
        writeln!(
            output,
            "{:?} [{}] speaker: {speaker} | source: {source} | cue: {cue} | confidence {:.2}\n    {}",
            a.kind,
            serde_json::to_value(a.method).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            a.confidence,
            content.join(" … ")
        )?;
    }
    Ok(())
}
