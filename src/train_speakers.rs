//! Training the speaker ranker ([`crate::resolve::SpeakerRanker`]) on the novels' canonical
//! speakers (PDNC, LitBank): each quote the rules find is matched to the gold quote it
//! overlaps, its candidates (`resolve::speaker_candidates`) are labelled by whether the gold
//! speaker's names include one of theirs, and a one-hidden-layer scorer learns a softmax over
//! each quote's candidates (cross-entropy on the gold candidates' total probability), with
//! AdamW and a fixed seed.
//!
//! [`cross_validate`] folds by document (novel or excerpt): each fold's ranker is trained on
//! the other folds and runs the whole pipeline on its own documents, so the figures it gives
//! are those `eval` would give on novels the ranker has not seen. [`train_speakers`] trains on
//! everything and writes the model folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tch::nn::{self, Module, OptimizerConfig};
use tch::{Kind, Tensor};

use crate::error::{Error, Result};
use crate::eval::{self, CorpusFormat, LabelledArticle, Report};
use crate::resolve::{
    self, PassWeights, RankerConfig, SpeakerRanker, Standardisation, FEATURES, FEATURE_COUNT,
    RANKER_CONFIG_FILE, RANKER_WEIGHTS_FILE,
};
use crate::schema::{OutputRecord, ResolutionRule};
use crate::train::Shuffler;
use crate::{marks, rules, segment, Attributor};

/// Everything a training run needs.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerTrainOptions {
    /// The corpora to train on, each with its format (PDNC, LitBank).
    pub corpora: Vec<(CorpusFormat, PathBuf)>,
    /// Where the model folder is written.
    pub output: PathBuf,
    /// Width of the hidden layer of each member network.
    pub hidden: usize,
    /// Networks trained per pass from successive seeds; their logits are averaged, stored as
    /// one network `hidden * members` wide.
    pub members: usize,
    /// Passes over the training quotes.
    pub epochs: usize,
    /// Quotes per step.
    pub batch_size: usize,
    /// AdamW learning rate.
    pub learning_rate: f64,
    /// AdamW weight decay.
    pub weight_decay: f64,
    /// Seed of initialisation and shuffling.
    pub seed: u64,
    /// Rules whose decisions the ranker leaves alone.
    pub keep_rules: Vec<ResolutionRule>,
    /// Rules whose decisions stand in the output after the passes, which still rank their
    /// quotes (see [`RankerConfig::final_rules`]).
    pub final_rules: Vec<ResolutionRule>,
    /// Passes of the ranker (each sees the turns around a quote as the pass before decided).
    pub passes: usize,
    /// The tagger folder the cross-validation's attributor uses on documents that are not
    /// fiction, as `eval` does; `None`: the rules alone.
    pub tagger: Option<PathBuf>,
}

impl SpeakerTrainOptions {
    /// The documented defaults for the given corpora and output folder.
    pub fn new(corpora: Vec<(CorpusFormat, PathBuf)>, output: PathBuf) -> Self {
        SpeakerTrainOptions {
            corpora,
            output,
            hidden: 64,
            members: 10,
            epochs: 12,
            batch_size: 128,
            learning_rate: 3e-3,
            weight_decay: 1e-4,
            seed: 13,
            keep_rules: Vec::new(),
            final_rules: vec![ResolutionRule::Name],
            passes: 3,
            tagger: None,
        }
    }
}

/// One quote's training example: its candidates' features and which are the gold speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Per candidate, [`FEATURES`] in order.
    pub features: Vec<Vec<f32>>,
    /// Per candidate, whether it is the gold speaker.
    pub gold: Vec<bool>,
}

/// A labelled document's training examples.
#[derive(Debug, Clone)]
pub struct DocumentExamples {
    /// The article id.
    pub id: String,
    /// Examples of the quotes with at least one gold candidate.
    pub groups: Vec<Group>,
}

/// Runs the rules (and `ranker`'s passes) over a labelled article and turns its quotes into
/// examples for the next pass: each quote the rules find takes the gold speaker of the gold
/// quote it overlaps most.
pub fn examples(labelled: &LabelledArticle, ranker: Option<&SpeakerRanker>) -> DocumentExamples {
    let text = &labelled.article.text;
    let doc = segment::segment(text);
    let quotes = marks::find_quotes(&doc);
    let found = rules::attribute(&doc, &quotes);
    let candidates = resolve::speaker_candidates(&doc, &found, &quotes, ranker);
    let gold: Vec<(usize, usize, &eval::GoldSpeaker)> = labelled
        .gold
        .iter()
        .filter_map(|g| {
            let start = g.content.iter().map(|c| c.start).min()?;
            let end = g.content.iter().map(|c| c.end).max()?;
            Some((start, end, g.speaker.as_ref()?))
        })
        .collect();
    let groups = found
        .iter()
        .zip(candidates)
        .filter(|(_, candidates)| !candidates.is_empty())
        .filter_map(|(f, candidates)| {
            let span = crate::document::Span::new(f.start(), f.content.last()?.end);
            let offsets = doc.offsets(span);
            let speaker = gold
                .iter()
                .map(|&(s, e, speaker)| {
                    (
                        e.min(offsets.end).saturating_sub(s.max(offsets.start)),
                        speaker,
                    )
                })
                .filter(|&(overlap, _)| overlap > 0)
                .max_by_key(|&(overlap, _)| overlap)?
                .1;
            let labels: Vec<bool> = candidates
                .iter()
                .map(|c| c.names.iter().any(|n| speaker.matches(n)))
                .collect();
            labels.contains(&true).then(|| Group {
                features: candidates.into_iter().map(|c| c.features).collect(),
                gold: labels,
            })
        })
        .collect();
    DocumentExamples {
        id: labelled.article.id.clone(),
        groups,
    }
}

/// The tch network: `hidden` (features → width, tanh) and `output` (width → 1).
struct Network {
    vars: nn::VarStore,
    hidden: nn::Linear,
    output: nn::Linear,
}

impl Network {
    fn new(width: usize) -> Network {
        let vars = nn::VarStore::new(tch::Device::Cpu);
        let root = vars.root();
        let hidden = nn::linear(
            &root / "hidden",
            FEATURE_COUNT as i64,
            width as i64,
            Default::default(),
        );
        let output = nn::linear(&root / "output", width as i64, 1, Default::default());
        Network {
            vars,
            hidden,
            output,
        }
    }

    /// Logits of standardised features `[.., FEATURE_COUNT]` → `[..]`.
    fn logits(&self, x: &Tensor) -> Tensor {
        self.output
            .forward(&self.hidden.forward(x).tanh())
            .squeeze_dim(-1)
    }
}

/// Per-feature mean and scale (standard deviation, 1 when constant) over every candidate.
fn standardisation(groups: &[&Group]) -> (Vec<f32>, Vec<f32>) {
    let mut sum = [0.0f64; FEATURE_COUNT];
    let mut square = [0.0f64; FEATURE_COUNT];
    let mut n = 0.0f64;
    for row in groups.iter().flat_map(|g| &g.features) {
        for (i, &v) in row.iter().enumerate() {
            sum[i] += f64::from(v);
            square[i] += f64::from(v) * f64::from(v);
        }
        n += 1.0;
    }
    let n = n.max(1.0);
    let mean: Vec<f32> = sum.iter().map(|s| (s / n) as f32).collect();
    let scale = square
        .iter()
        .zip(&mean)
        .map(|(q, &m)| {
            let variance = q / n - f64::from(m) * f64::from(m);
            if variance > 1e-8 {
                variance.sqrt() as f32
            } else {
                1.0
            }
        })
        .collect();
    (mean, scale)
}

/// A padded batch: standardised features `[B, M, F]`, candidate mask and gold mask `[B, M]`.
fn batch(groups: &[&Group], mean: &[f32], scale: &[f32]) -> (Tensor, Tensor, Tensor) {
    let width = groups.iter().map(|g| g.gold.len()).max().unwrap_or(0);
    let mut x = vec![0.0f32; groups.len() * width * FEATURE_COUNT];
    let mut present = vec![false; groups.len() * width];
    let mut gold = vec![false; groups.len() * width];
    for (b, group) in groups.iter().enumerate() {
        for (m, (row, &is_gold)) in group.features.iter().zip(&group.gold).enumerate() {
            let at = (b * width + m) * FEATURE_COUNT;
            for (i, &v) in row.iter().enumerate() {
                x[at + i] = (v - mean[i]) / scale[i];
            }
            present[b * width + m] = true;
            gold[b * width + m] = is_gold;
        }
    }
    let shape = [groups.len() as i64, width as i64];
    (
        Tensor::from_slice(&x).view([shape[0], shape[1], FEATURE_COUNT as i64]),
        Tensor::from_slice(&present).view(shape),
        Tensor::from_slice(&gold).view(shape),
    )
}

/// Trains one pass's [`SpeakerTrainOptions::members`] networks on `groups` and returns them as
/// one network whose logit is the mean of theirs (their hidden units side by side, output
/// weights and bias divided by their number), with the standardisation they share.
fn fit_pass(
    groups: &[&Group],
    options: &SpeakerTrainOptions,
) -> Result<(PassWeights, Standardisation)> {
    let (mean, scale) = standardisation(groups);
    let members = (0..options.members.max(1) as u64)
        .map(|m| fit_member(groups, options, options.seed + m, &mean, &scale))
        .collect::<Result<Vec<_>>>()?;
    let mut merged = average(&members);
    // The division leaves values f16 cannot hold; round them as the folder will store them.
    merged.output_weight = f16_rounded(&merged.output_weight)?;
    merged.output_bias = f16_rounded(&[merged.output_bias])?[0];
    Ok((merged, Standardisation { mean, scale }))
}

/// `values` rounded through f16, as the model folder stores them.
fn f16_rounded(values: &[f32]) -> Result<Vec<f32>> {
    Vec::<f32>::try_from(
        Tensor::from_slice(values)
            .to_kind(Kind::Half)
            .to_kind(Kind::Float),
    )
    .map_err(|e| Error::Model(e.to_string()))
}

/// One network whose logit is the mean of `members`' logits: their hidden units side by
/// side, their output weights and biases divided by their number.
fn average(members: &[PassWeights]) -> PassWeights {
    let share = 1.0 / members.len().max(1) as f32;
    PassWeights {
        hidden_weight: members
            .iter()
            .flat_map(|m| m.hidden_weight.clone())
            .collect(),
        hidden_bias: members.iter().flat_map(|m| m.hidden_bias.clone()).collect(),
        output_weight: members
            .iter()
            .flat_map(|m| m.output_weight.iter().map(|w| w * share))
            .collect(),
        output_bias: members.iter().map(|m| m.output_bias * share).sum(),
    }
}

/// Trains one network with `seed` on `groups` standardised by `mean` and `scale`; returns its
/// weights rounded through f16, as the model folder stores them.
fn fit_member(
    groups: &[&Group],
    options: &SpeakerTrainOptions,
    seed: u64,
    mean: &[f32],
    scale: &[f32],
) -> Result<PassWeights> {
    tch::manual_seed(seed as i64);
    let network = Network::new(options.hidden);
    let mut optimizer = nn::AdamW {
        wd: options.weight_decay,
        ..Default::default()
    }
    .build(&network.vars, options.learning_rate)
    .map_err(|e| Error::Model(e.to_string()))?;
    let mut rng = Shuffler(seed.max(1));
    let mut order: Vec<usize> = (0..groups.len()).collect();
    for _ in 0..options.epochs {
        rng.shuffle(&mut order);
        for chunk in order.chunks(options.batch_size.max(1)) {
            let members: Vec<&Group> = chunk.iter().map(|&i| groups[i]).collect();
            let (x, present, gold) = batch(&members, mean, scale);
            let logits = network.logits(&x);
            let all = logits.masked_fill(&present.logical_not(), -1e9);
            let right = logits.masked_fill(&gold.logical_not(), -1e9);
            let loss = (all.logsumexp([1], false) - right.logsumexp([1], false)).mean(Kind::Float);
            optimizer.backward_step(&loss);
        }
    }
    let values = |t: &Tensor| -> Result<Vec<f32>> {
        Vec::<f32>::try_from(t.to_kind(Kind::Half).to_kind(Kind::Float).flatten(0, -1))
            .map_err(|e| Error::Model(e.to_string()))
    };
    let bias = |linear: &nn::Linear| -> Result<Vec<f32>> {
        linear
            .bs
            .as_ref()
            .map(values)
            .unwrap_or_else(|| Ok(Vec::new()))
    };
    Ok(PassWeights {
        hidden_weight: values(&network.hidden.ws)?,
        hidden_bias: bias(&network.hidden)?,
        output_weight: values(&network.output.ws)?,
        output_bias: bias(&network.output)?.first().copied().unwrap_or_default(),
    })
}

/// Trains every pass on `articles`: pass 0 on `first` (the examples of the rules' decisions),
/// each later pass on the examples of the passes before.
fn fit(
    articles: &[&LabelledArticle],
    first: &[&Group],
    options: &SpeakerTrainOptions,
) -> Result<SpeakerRanker> {
    let mut config = RankerConfig {
        features: FEATURES.iter().map(|f| f.to_string()).collect(),
        hidden: options.hidden * options.members.max(1),
        keep_rules: options.keep_rules.clone(),
        final_rules: options.final_rules.clone(),
        passes: Vec::new(),
    };
    let (weights, standard) = fit_pass(first, options)?;
    config.passes.push(standard);
    let mut passes = vec![weights];
    let mut ranker = SpeakerRanker::new(config.clone(), passes.clone())?;
    for _ in 1..options.passes {
        let examples: Vec<DocumentExamples> = articles
            .par_iter()
            .map(|a| examples(a, Some(&ranker)))
            .collect();
        let groups: Vec<&Group> = examples.iter().flat_map(|d| &d.groups).collect();
        let (weights, standard) = fit_pass(&groups, options)?;
        config.passes.push(standard);
        passes.push(weights);
        ranker = SpeakerRanker::new(config.clone(), passes.clone())?;
    }
    Ok(ranker)
}

/// One corpus's cross-validated figures: the rules alone and with the held-out rankers.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusFigures {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The rules alone, as `eval` measures them.
    pub rules: Report,
    /// With each document's speakers ranked by the ranker of the fold it was held out from.
    pub ranker: Report,
}

/// A training run's record, written as `training.json`.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerTrainReport {
    /// The options.
    pub options: SpeakerTrainOptions,
    /// Quotes with a gold candidate, over all corpora.
    pub quotes: usize,
    /// Candidates over those quotes.
    pub candidates: usize,
    /// The folds of the cross-validation (0 when none was run).
    pub folds: usize,
    /// Cross-validated figures per corpus (empty when none was run).
    pub cross_validated: Vec<CorpusFigures>,
    /// Seconds spent training the shipped ranker.
    pub seconds: f64,
}

/// The corpora read, with their examples.
struct Corpus {
    path: PathBuf,
    articles: Vec<LabelledArticle>,
    examples: Vec<DocumentExamples>,
}

fn read(options: &SpeakerTrainOptions) -> Result<Vec<Corpus>> {
    options
        .corpora
        .iter()
        .map(|(format, path)| {
            let articles = eval::read_corpus(*format, path)?;
            let examples = articles.par_iter().map(|a| examples(a, None)).collect();
            Ok(Corpus {
                path: path.clone(),
                articles,
                examples,
            })
        })
        .collect()
}

/// The attributor the cross-validation runs: with the tagger, if the options name one.
fn attributor(options: &SpeakerTrainOptions) -> Result<Attributor> {
    match &options.tagger {
        Some(dir) => Attributor::from_pretrained(dir),
        None => Ok(Attributor::rules_only()),
    }
}

/// Cross-validates over `folds` folds by document (document `i` of each corpus is in fold
/// `i % folds`): per fold, a ranker trained on the other folds of every corpus attributes the
/// fold's documents; each corpus is then scored once, as `eval` would.
fn cross_validate_corpora(
    corpora: &[Corpus],
    folds: usize,
    options: &SpeakerTrainOptions,
) -> Result<Vec<CorpusFigures>> {
    let mut predictions: Vec<Vec<OutputRecord>> = vec![Vec::new(); corpora.len()];
    for fold in 0..folds {
        let training: Vec<&Group> = corpora
            .iter()
            .flat_map(|c| c.examples.iter().enumerate())
            .filter(|(i, _)| i % folds != fold)
            .flat_map(|(_, d)| &d.groups)
            .collect();
        let articles: Vec<&LabelledArticle> = corpora
            .iter()
            .flat_map(|c| c.articles.iter().enumerate())
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, a)| a)
            .collect();
        let ranker = fit(&articles, &training, options)?;
        let attributor = attributor(options)?.with_speaker_ranker(Some(ranker));
        for (corpus, predicted) in corpora.iter().zip(&mut predictions) {
            let held_out: Vec<_> = corpus
                .articles
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds == fold)
                .map(|(_, l)| l.article.clone())
                .collect();
            predicted.extend(
                attributor
                    .attribute_batch(&held_out)
                    .into_iter()
                    .map(|r| match r {
                        Ok(a) => OutputRecord::Attributed(a),
                        Err(e) => OutputRecord::Failed {
                            id: None,
                            error: e.to_string(),
                        },
                    }),
            );
        }
    }
    let rules = attributor(options)?;
    Ok(corpora
        .iter()
        .zip(&predictions)
        .map(|(corpus, predicted)| CorpusFigures {
            corpus: corpus.path.clone(),
            rules: eval::evaluate(&rules, &corpus.articles).report,
            ranker: eval::score(predicted, &corpus.articles).report,
        })
        .collect())
}

/// Cross-validates (when `folds` > 1), then trains the ranker on every corpus and writes the
/// model folder: `speaker-ranker.safetensors` (f16), `config.json`, `training.json`.
pub fn train_speakers(options: &SpeakerTrainOptions, folds: usize) -> Result<SpeakerTrainReport> {
    let corpora = read(options)?;
    let cross_validated = if folds > 1 {
        cross_validate_corpora(&corpora, folds, options)?
    } else {
        Vec::new()
    };
    let started = Instant::now();
    let all: Vec<&Group> = corpora
        .iter()
        .flat_map(|c| &c.examples)
        .flat_map(|d| &d.groups)
        .collect();
    let articles: Vec<&LabelledArticle> = corpora.iter().flat_map(|c| &c.articles).collect();
    let ranker = fit(&articles, &all, options)?;
    let seconds = started.elapsed().as_secs_f64();
    let report = SpeakerTrainReport {
        options: options.clone(),
        quotes: all.len(),
        candidates: all.iter().map(|g| g.gold.len()).sum(),
        folds: if folds > 1 { folds } else { 0 },
        cross_validated,
        seconds,
    };
    write_folder(&options.output, &ranker, &report)?;
    Ok(report)
}

/// Writes the model folder.
fn write_folder(output: &Path, ranker: &SpeakerRanker, report: &SpeakerTrainReport) -> Result<()> {
    std::fs::create_dir_all(output).map_err(|e| Error::io(output, e))?;
    let hidden = ranker.config().hidden as i64;
    let half =
        |values: &[f32], shape: &[i64]| Tensor::from_slice(values).view(shape).to_kind(Kind::Half);
    let mut named: Vec<(String, Tensor)> = Vec::new();
    for (k, pass) in ranker.pass_weights().iter().enumerate() {
        named.push((
            format!("pass{k}.hidden.weight"),
            half(&pass.hidden_weight, &[hidden, FEATURE_COUNT as i64]),
        ));
        named.push((
            format!("pass{k}.hidden.bias"),
            half(&pass.hidden_bias, &[hidden]),
        ));
        named.push((
            format!("pass{k}.output.weight"),
            half(&pass.output_weight, &[1, hidden]),
        ));
        named.push((
            format!("pass{k}.output.bias"),
            half(&[pass.output_bias], &[1]),
        ));
    }
    let weights = output.join(RANKER_WEIGHTS_FILE);
    Tensor::write_safetensors(&named, &weights)
        .map_err(|e| Error::Model(format!("{}: {e}", weights.display())))?;
    write_json(&output.join(RANKER_CONFIG_FILE), ranker.config())?;
    write_json(&output.join("training.json"), report)
}

/// Writes `value` as pretty JSON.
fn write_json(path: &Path, value: &impl Serialize) -> Result<()> {
    let json = serde_json::to_string_pretty(value).map_err(|e| Error::Model(e.to_string()))?;
    std::fs::write(path, json).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes of three candidates where the gold one, at varying places, alone has feature 20
    /// (`c_rule_choice`); the others vary on feature 21.
    fn separable() -> Vec<Group> {
        (0..48)
            .map(|i| {
                let features = (0..3)
                    .map(|m| {
                        let mut row = vec![0.0; FEATURE_COUNT];
                        row[20] = f32::from(u8::from(m == i % 3));
                        row[21] = ((i * 7 + m * 3) % 5) as f32;
                        row
                    })
                    .collect();
                Group {
                    features,
                    gold: (0..3).map(|m| m == i % 3).collect(),
                }
            })
            .collect()
    }

    #[test]
    fn a_tiny_ranker_learns_a_separable_case_and_its_folder_loads() {
        let groups = separable();
        let refs: Vec<&Group> = groups.iter().collect();
        let dir = std::env::temp_dir().join(format!("quoteattr-ranker-{}", std::process::id()));
        let mut options = SpeakerTrainOptions::new(Vec::new(), dir.clone());
        options.hidden = 4;
        options.epochs = 40;
        options.batch_size = 8;
        options.learning_rate = 0.05;
        options.passes = 1;
        options.members = 2;
        let ranker = fit(&[], &refs, &options).expect("training");
        for group in &groups {
            let logits: Vec<f32> = group.features.iter().map(|f| ranker.logit(0, f)).collect();
            let best = (0..logits.len())
                .max_by(|&a, &b| logits[a].total_cmp(&logits[b]))
                .expect("candidates");
            assert!(group.gold[best], "{logits:?}");
        }
        let report = SpeakerTrainReport {
            options,
            quotes: groups.len(),
            candidates: 3 * groups.len(),
            folds: 0,
            cross_validated: Vec::new(),
            seconds: 0.0,
        };
        write_folder(&dir, &ranker, &report).expect("writing");
        let loaded = SpeakerRanker::load(&dir);
        std::fs::remove_dir_all(&dir).expect("cleaning up");
        assert_eq!(loaded.expect("loading"), ranker);
    }

    #[test]
    fn an_averaged_network_scores_the_mean_of_its_members_logits() {
        let member = |scale: f32| PassWeights {
            hidden_weight: (0..FEATURE_COUNT)
                .map(|i| scale * (i % 3) as f32 / 10.0)
                .collect(),
            hidden_bias: vec![scale],
            output_weight: vec![2.0 * scale],
            output_bias: scale,
        };
        let ranker = |weights: PassWeights, hidden: usize| {
            let config = RankerConfig {
                features: FEATURES.iter().map(|f| f.to_string()).collect(),
                hidden,
                keep_rules: Vec::new(),
                final_rules: Vec::new(),
                passes: vec![Standardisation {
                    mean: vec![0.0; FEATURE_COUNT],
                    scale: vec![1.0; FEATURE_COUNT],
                }],
            };
            SpeakerRanker::new(config, vec![weights]).expect("consistent sizes")
        };
        let (a, b) = (member(0.5), member(-1.5));
        let both = ranker(average(&[a.clone(), b.clone()]), 2);
        let features: Vec<f32> = (0..FEATURE_COUNT).map(|i| (i % 5) as f32 - 2.0).collect();
        let mean = (ranker(a, 1).logit(0, &features) + ranker(b, 1).logit(0, &features)) / 2.0;
        assert!((both.logit(0, &features) - mean).abs() < 1e-5);
    }

    #[test]
    fn a_missing_folder_is_a_typed_error() {
        let missing = std::env::temp_dir().join("quoteattr-no-such-ranker");
        assert!(matches!(
            SpeakerRanker::load(&missing),
            Err(Error::Io { .. })
        ));
    }
}
