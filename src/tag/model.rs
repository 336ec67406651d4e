//! The token classifier: rust-bert's BERT encoder, casing and quoting feature embeddings added
//! to the word embeddings, and a linear head over the BIO labels.

use std::path::Path;

use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use tch::nn::{self, Module};
use tch::{Device, Kind, Tensor};

use super::bio::LABELS;
use super::window::{Window, CASINGS, QUOTINGS};
use crate::error::{Error, Result};

/// Name of the word-embedding matrix in the variable store.
const WORD_EMBEDDINGS: &str = "bert.embeddings.word_embeddings.weight";

/// Label id for pieces that carry no label (`[CLS]`, `[SEP]`, padding).
pub const IGNORED_LABEL: i64 = -100;

/// The tagger network and the variable store holding its weights.
pub struct TaggerModel {
    /// All weights; `set_kind` switches precision.
    pub vars: nn::VarStore,
    bert: BertModel<BertEmbeddings>,
    word_embeddings: Tensor,
    casing: nn::Embedding,
    quoting: nn::Embedding,
    head: nn::Linear,
}

/// A padded batch of windows as tensors.
pub struct Batch {
    /// `[batch, longest]` piece ids.
    pub ids: Tensor,
    /// `[batch, longest]` casing feature.
    pub casing: Tensor,
    /// `[batch, longest]` quoting feature.
    pub quoting: Tensor,
    /// `[batch, longest]` 1 for real pieces, 0 for padding.
    pub mask: Tensor,
}

impl Batch {
    /// Pads windows to the longest one.
    pub fn new(windows: &[&Window]) -> Self {
        let longest = windows.iter().map(|w| w.len()).max().unwrap_or(0);
        let pad = |values: &dyn Fn(&Window) -> &[i64]| {
            let mut flat = Vec::with_capacity(windows.len() * longest);
            for w in windows {
                flat.extend_from_slice(values(w));
                flat.extend(std::iter::repeat_n(0, longest - w.len()));
            }
            Tensor::from_slice(&flat).view([windows.len() as i64, longest as i64])
        };
        let mask: Vec<i64> = windows
            .iter()
            .flat_map(|w| (0..longest).map(move |i| i64::from(i < w.len())))
            .collect();
        Batch {
            ids: pad(&|w| &w.ids),
            casing: pad(&|w| &w.casing),
            quoting: pad(&|w| &w.quoting),
            mask: Tensor::from_slice(&mask).view([windows.len() as i64, longest as i64]),
        }
    }
}

impl TaggerModel {
    /// A tagger with fresh weights for the encoder configuration `config`.
    pub fn new(config: &BertConfig) -> Self {
        let vars = nn::VarStore::new(Device::Cpu);
        let root = vars.root();
        let bert = BertModel::<BertEmbeddings>::new(&root / "bert", config);
        let init = nn::EmbeddingConfig {
            ws_init: nn::Init::Randn {
                mean: 0.0,
                stdev: 0.02,
            },
            ..Default::default()
        };
        // The new layers form optimiser group 1, trained at a higher learning rate.
        let new_layers = root.set_group(1);
        let casing = nn::embedding(&new_layers / "casing", CASINGS, config.hidden_size, init);
        let quoting = nn::embedding(&new_layers / "quoting", QUOTINGS, config.hidden_size, init);
        let head = nn::linear(
            &new_layers / "head",
            config.hidden_size,
            LABELS,
            Default::default(),
        );
        let word_embeddings = vars
            .variables()
            .get(WORD_EMBEDDINGS)
            .map(Tensor::shallow_clone)
            .expect("rust-bert names the word embeddings this way");
        TaggerModel {
            vars,
            bert,
            word_embeddings,
            casing,
            quoting,
            head,
        }
    }

    /// Label scores `[batch, longest, LABELS]` (log-probabilities, in f32).
    pub fn forward(&self, batch: &Batch, train: bool) -> Result<Tensor> {
        let embeds = Tensor::embedding(&self.word_embeddings, &batch.ids, -1, false, false)
            + self.casing.forward(&batch.casing)
            + self.quoting.forward(&batch.quoting);
        let output = self
            .bert
            .forward_t(
                None,
                Some(&batch.mask),
                None,
                None,
                Some(&embeds),
                None,
                None,
                train,
            )
            .map_err(|e| Error::Model(e.to_string()))?;
        Ok(self
            .head
            .forward(&output.hidden_state)
            .to_kind(Kind::Float)
            .log_softmax(-1, Kind::Float))
    }

    /// Loads the base encoder's weights (Hugging Face names, without the `bert.` prefix).
    pub fn load_base_encoder(&mut self, safetensors: &Path) -> Result<()> {
        let tensors = Tensor::read_safetensors(safetensors)
            .map_err(|e| Error::Model(format!("{}: {e}", safetensors.display())))?;
        let variables = self.vars.variables();
        let mut loaded = 0;
        tch::no_grad(|| {
            for (name, tensor) in &tensors {
                if let Some(var) = variables.get(&format!("bert.{name}")) {
                    var.shallow_clone().copy_(&tensor.to_kind(var.kind()));
                    loaded += 1;
                }
            }
        });
        let encoder_vars = variables.keys().filter(|k| k.starts_with("bert.")).count();
        if loaded < encoder_vars {
            return Err(Error::Model(format!(
                "{}: only {loaded} of {encoder_vars} encoder weights found",
                safetensors.display()
            )));
        }
        Ok(())
    }

    /// Writes every weight to a safetensors file in f16.
    pub fn save_f16(&self, path: &Path) -> Result<()> {
        let variables = self.vars.variables();
        let mut named: Vec<(String, Tensor)> = variables
            .iter()
            .map(|(name, t)| (name.clone(), t.to_kind(Kind::Half)))
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        Tensor::write_safetensors(&named, path)
            .map_err(|e| Error::Model(format!("{}: {e}", path.display())))
    }

    /// Reads weights written by [`TaggerModel::save_f16`]; every variable must be present.
    pub fn load(&mut self, path: &Path) -> Result<()> {
        let tensors = Tensor::read_safetensors(path)
            .map_err(|e| Error::Model(format!("{}: {e}", path.display())))?;
        let variables = self.vars.variables();
        let mut missing: Vec<&String> = variables.keys().collect();
        tch::no_grad(|| {
            for (name, tensor) in &tensors {
                if let Some(var) = variables.get(name) {
                    var.shallow_clone().copy_(&tensor.to_kind(var.kind()));
                    missing.retain(|m| *m != name);
                }
            }
        });
        if !missing.is_empty() {
            return Err(Error::Model(format!(
                "{}: missing weights {missing:?}",
                path.display()
            )));
        }
        Ok(())
    }
}
