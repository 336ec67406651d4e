//! The transformer encoder: rust-bert's BERT on libtorch, the backbone the token tagger builds
//! on. Inference runs without gradient tracking.

use std::path::Path;

use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use tch::{nn, Device, Kind, Tensor};

use crate::error::{Error, Result};

/// A BERT encoder and the variable store holding its weights.
pub struct Encoder {
    vars: nn::VarStore,
    bert: BertModel<BertEmbeddings>,
}

impl Encoder {
    /// Reads a Hugging Face `config.json`.
    pub fn read_config(path: &Path) -> Result<BertConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&text).map_err(|e| Error::Model(format!("{}: {e}", path.display())))
    }

    /// An encoder with freshly initialised weights on the CPU.
    pub fn new(config: &BertConfig) -> Self {
        let vars = nn::VarStore::new(Device::Cpu);
        let bert = BertModel::<BertEmbeddings>::new(vars.root() / "bert", config);
        Encoder { vars, bert }
    }

    /// The variable store, to load or save weights.
    pub fn vars(&mut self) -> &mut nn::VarStore {
        &mut self.vars
    }

    /// Hidden states `[batch, longest, hidden]` of a batch of piece-id sequences (each already
    /// wrapped in `[CLS]`/`[SEP]`); shorter sequences are padded with id 0 and masked.
    pub fn hidden_states(&self, sequences: &[Vec<i64>]) -> Result<Tensor> {
        let longest = sequences.iter().map(Vec::len).max().unwrap_or(0);
        if longest == 0 {
            return Err(Error::InvalidInput("no word pieces to encode".into()));
        }
        let mut ids = Vec::with_capacity(sequences.len() * longest);
        let mut mask = Vec::with_capacity(sequences.len() * longest);
        for sequence in sequences {
            ids.extend(sequence.iter().copied());
            ids.extend(std::iter::repeat_n(0, longest - sequence.len()));
            mask.extend(std::iter::repeat_n(1i64, sequence.len()));
            mask.extend(std::iter::repeat_n(0i64, longest - sequence.len()));
        }
        let shape = [sequences.len() as i64, longest as i64];
        let ids = Tensor::from_slice(&ids).view(shape);
        let mask = Tensor::from_slice(&mask).view(shape).to_kind(Kind::Int64);
        let output = tch::no_grad(|| {
            self.bert
                .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, false)
        })
        .map_err(|e| Error::Model(e.to_string()))?;
        Ok(output.hidden_state)
    }
}
