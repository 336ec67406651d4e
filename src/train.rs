//! Training the tagger on PolNeAR: AdamW with warm-up and linear decay, gradient clipping,
//! a fixed seed, and early stopping on the dev role F1. The best epoch is written as a model
//! folder that [`crate::tag::Tagger::load`] reads.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tch::nn::{self, OptimizerConfig};
use tch::Tensor;

use crate::document::Span;
use crate::encoder::Encoder;
use crate::error::{Error, Result};
use crate::eval::metrics::{span_scores, ExactOverlap, Pieces, Range};
use crate::eval::{read_polnear, LabelledArticle};
use crate::marks;
use crate::segment::segment;
use crate::tag::bio::{self, Role};
use crate::tag::model::{Batch, TaggerModel, IGNORED_LABEL};
use crate::tag::window::{self, Window};
use crate::tag::{self, CONFIG_FILE, TOKENIZER_FILE, WEIGHTS_FILE};
use crate::wordpiece::WordPieceTokenizer;

/// Everything a training run needs.
#[derive(Debug, Clone, Serialize)]
pub struct TrainOptions {
    /// PolNeAR training split (folder with `text/` and `attributions/`).
    pub train: PathBuf,
    /// PolNeAR dev split, for model selection.
    pub dev: PathBuf,
    /// Base encoder folder: `model.safetensors`, `config.json`, `tokenizer.json`.
    pub base: PathBuf,
    /// Where the best model is written.
    pub output: PathBuf,
    /// Most epochs to run.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Windows per step.
    pub batch_size: usize,
    /// Peak learning rate of the encoder.
    pub learning_rate: f64,
    /// Peak learning rate of the new layers (features and head).
    pub head_learning_rate: f64,
    /// Fraction of steps spent warming up.
    pub warmup: f64,
    /// Seed of weight initialisation and shuffling.
    pub seed: u64,
    /// Use only the first N training articles (smoke tests).
    pub max_train_articles: Option<usize>,
}

impl TrainOptions {
    /// The documented defaults for the given folders.
    pub fn new(train: PathBuf, dev: PathBuf, base: PathBuf, output: PathBuf) -> Self {
        TrainOptions {
            train,
            dev,
            base,
            output,
            epochs: 5,
            patience: 2,
            batch_size: 16,
            learning_rate: 8e-5,
            head_learning_rate: 1e-3,
            warmup: 0.06,
            seed: 13,
            max_train_articles: None,
        }
    }
}

/// What one epoch did.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss.
    pub loss: f64,
    /// Dev exact F1 for source, cue and content, in percent.
    pub dev_exact_f1: [f64; 3],
    /// Dev overlap F1 for source, cue and content, in percent.
    pub dev_overlap_f1: [f64; 3],
    /// Wall-clock seconds of the epoch, dev scoring included.
    pub seconds: f64,
}

impl EpochReport {
    /// The selection criterion: mean exact F1 over the three roles.
    pub fn score(&self) -> f64 {
        self.dev_exact_f1.iter().sum::<f64>() / 3.0
    }
}

/// A training window with its gold label per piece.
struct LabelledWindow {
    window: Window,
    labels: Vec<i64>,
}

/// Gold role spans of one article, as byte spans.
fn gold_role_spans(
    labelled: &LabelledArticle,
    doc: &crate::document::Document,
) -> Vec<(Role, Span)> {
    let mut spans = Vec::new();
    let mut add = |role: Role, span: &crate::schema::TextSpan| {
        if let Some(bytes) = doc.byte_span(span.start, span.end) {
            spans.push((role, bytes));
        }
    };
    for gold in &labelled.gold {
        gold.content.iter().for_each(|c| add(Role::Content, c));
        gold.cue.iter().for_each(|c| add(Role::Cue, c));
        gold.source.iter().for_each(|s| add(Role::Source, s));
    }
    spans
}

/// The label of each piece: the role of the gold span covering it (cue over source over
/// content, so attributions nested in another's content keep their roles), `B-` on the first
/// piece of a span.
fn piece_labels(window: &Window, gold: &[(Role, Span)]) -> Vec<i64> {
    let mut labels = Vec::with_capacity(window.len());
    let mut previous: Option<(Role, Span)> = None;
    for span in &window.spans {
        let Some(piece) = span else {
            labels.push(IGNORED_LABEL);
            previous = None;
            continue;
        };
        let covering = gold
            .iter()
            .filter(|(_, g)| g.contains(piece))
            .min_by_key(|(role, g)| (role_priority(*role), g.end - g.start))
            .copied();
        let label = match covering {
            None => bio::OUTSIDE,
            Some(current) if Some(current) == previous => bio::inside(current.0),
            Some(current) => bio::begin(current.0),
        };
        labels.push(label as i64);
        previous = covering;
    }
    labels
}

fn role_priority(role: Role) -> u8 {
    match role {
        Role::Cue => 0,
        Role::Source => 1,
        Role::Content => 2,
    }
}

/// xorshift64*: a small seeded generator for shuffling, so runs repeat exactly (the tagger's
/// and the speaker ranker's training).
pub(crate) struct Shuffler(pub(crate) u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Shuffles `items` in place (Fisher-Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Batches of window indices: shuffled, then bucketed by length to waste little padding.
fn batches(windows: &[LabelledWindow], batch_size: usize, rng: &mut Shuffler) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..windows.len()).collect();
    rng.shuffle(&mut order);
    let mut batches = Vec::new();
    for bucket in order.chunks(batch_size * 50) {
        let mut bucket = bucket.to_vec();
        bucket.sort_by_key(|&w| windows[w].window.len());
        batches.extend(bucket.chunks(batch_size).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut batches);
    batches
}

/// Reads a split and turns it into labelled windows.
fn labelled_windows(
    articles: &[LabelledArticle],
    tokenizer: &WordPieceTokenizer,
) -> Result<Vec<LabelledWindow>> {
    let mut out = Vec::new();
    for labelled in articles {
        let doc = segment(&labelled.article.text);
        let quotes = marks::find_quotes(&doc);
        let gold = gold_role_spans(labelled, &doc);
        for window in window::windows(&doc, &quotes, tokenizer)? {
            let labels = piece_labels(&window, &gold);
            out.push(LabelledWindow { window, labels });
        }
    }
    Ok(out)
}

/// Exact and overlap role-span scores of a model on labelled articles, micro-averaged.
pub fn score_roles(
    model: &TaggerModel,
    tokenizer: &WordPieceTokenizer,
    articles: &[LabelledArticle],
) -> Result<[ExactOverlap; 3]> {
    let docs: Vec<_> = articles.iter().map(|a| segment(&a.article.text)).collect();
    let quotes: Vec<_> = docs.iter().map(marks::find_quotes).collect();
    let inputs: Vec<_> = docs
        .iter()
        .zip(&quotes)
        .map(|(d, q)| (d, q.as_slice()))
        .collect();
    let predicted = tag::tag_documents(model, tokenizer, &inputs)?;
    let mut scores: [ExactOverlap; 3] = Default::default();
    for ((labelled, doc), spans) in articles.iter().zip(&docs).zip(&predicted) {
        let gold = gold_role_spans(labelled, doc);
        for role in Role::ALL {
            let pieces = |spans: &mut dyn Iterator<Item = Span>| -> Vec<Pieces> {
                spans
                    .map(|s| {
                        let o = doc.offsets(s);
                        Pieces::new(vec![Range::new(o.start, o.end)])
                    })
                    .collect()
            };
            let p = pieces(&mut spans.iter().filter(|s| s.role == role).map(|s| s.span));
            let g = pieces(&mut gold.iter().filter(|(r, _)| *r == role).map(|(_, s)| *s));
            scores[role as usize] += span_scores(&p, &g);
        }
    }
    Ok(scores)
}

fn percent(scores: &[ExactOverlap; 3], exact: bool) -> [f64; 3] {
    scores.map(|s| 100.0 * if exact { s.exact.f1() } else { s.overlap.f1() })
}

/// Trains a tagger and writes the best epoch's model folder; returns every epoch's report.
pub fn train(
    options: &TrainOptions,
    mut on_epoch: impl FnMut(&EpochReport),
) -> Result<Vec<EpochReport>> {
    tch::manual_seed(options.seed as i64);
    let config = Encoder::read_config(&options.base.join(CONFIG_FILE))?;
    let tokenizer = WordPieceTokenizer::from_file(&options.base.join(TOKENIZER_FILE))?;
    let mut train_articles = read_polnear(&options.train)?;
    if let Some(max) = options.max_train_articles {
        train_articles.truncate(max);
    }
    let dev_articles = read_polnear(&options.dev)?;
    let windows = labelled_windows(&train_articles, &tokenizer)?;
    let mut model = TaggerModel::new(&config);
    model.load_base_encoder(&options.base.join("model.safetensors"))?;
    let mut optimizer = nn::AdamW {
        wd: 0.01,
        ..Default::default()
    }
    .build(&model.vars, options.learning_rate)
    .map_err(|e| Error::Model(e.to_string()))?;
    let steps_per_epoch = windows.len().div_ceil(options.batch_size);
    let total_steps = (steps_per_epoch * options.epochs).max(1);
    let warmup_steps = ((total_steps as f64 * options.warmup) as usize).max(1);
    let mut rng = Shuffler(options.seed.max(1));
    let mut reports: Vec<EpochReport> = Vec::new();
    let mut step = 0;
    std::fs::create_dir_all(&options.output).map_err(|e| Error::io(&options.output, e))?;
    for epoch in 1..=options.epochs {
        let started = Instant::now();
        let mut loss_sum = 0.0;
        let batches = batches(&windows, options.batch_size, &mut rng);
        for batch_indices in &batches {
            let factor = if step < warmup_steps {
                (step + 1) as f64 / warmup_steps as f64
            } else {
                (total_steps - step) as f64 / (total_steps - warmup_steps).max(1) as f64
            };
            optimizer.set_lr_group(0, options.learning_rate * factor);
            optimizer.set_lr_group(1, options.head_learning_rate * factor);
            let members: Vec<&LabelledWindow> =
                batch_indices.iter().map(|&i| &windows[i]).collect();
            let batch = Batch::new(&members.iter().map(|w| &w.window).collect::<Vec<_>>());
            let longest = members.iter().map(|w| w.labels.len()).max().unwrap_or(0);
            let labels: Vec<i64> = members
                .iter()
                .flat_map(|w| {
                    w.labels
                        .iter()
                        .copied()
                        .chain(std::iter::repeat_n(IGNORED_LABEL, longest - w.labels.len()))
                })
                .collect();
            let labels = Tensor::from_slice(&labels);
            let log_probs = model.forward(&batch, true)?;
            let loss = log_probs.view([-1, bio::LABELS]).g_nll_loss::<Tensor>(
                &labels,
                None,
                tch::Reduction::Mean,
                IGNORED_LABEL,
            );
            optimizer.zero_grad();
            loss.backward();
            optimizer.clip_grad_norm(1.0);
            optimizer.step();
            loss_sum += loss.double_value(&[]);
            step += 1;
        }
        let scores = score_roles(&model, &tokenizer, &dev_articles)?;
        let report = EpochReport {
            epoch,
            loss: loss_sum / batches.len().max(1) as f64,
            dev_exact_f1: percent(&scores, true),
            dev_overlap_f1: percent(&scores, false),
            seconds: started.elapsed().as_secs_f64(),
        };
        on_epoch(&report);
        let best = reports
            .iter()
            .map(EpochReport::score)
            .fold(f64::MIN, f64::max);
        if report.score() > best {
            write_model_folder(options, &model)?;
        }
        reports.push(report);
        let best_epoch = reports
            .iter()
            .max_by(|a, b| a.score().total_cmp(&b.score()))
            .map_or(epoch, |r| r.epoch);
        if epoch - best_epoch >= options.patience {
            break;
        }
    }
    let log = serde_json::json!({ "options": options, "epochs": reports });
    write_file(
        &options.output.join("training.json"),
        log.to_string().as_bytes(),
    )?;
    Ok(reports)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Writes weights (f16), the encoder configuration and the tokenizer.
fn write_model_folder(options: &TrainOptions, model: &TaggerModel) -> Result<()> {
    model.save_f16(&options.output.join(WEIGHTS_FILE))?;
    for file in [CONFIG_FILE, TOKENIZER_FILE] {
        let (from, to) = (options.base.join(file), options.output.join(file));
        std::fs::copy(&from, &to).map_err(|e| Error::io(&from, e))?;
    }
    Ok(())
}
