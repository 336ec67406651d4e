//! Stage 3a, tagging: a fine-tuned transformer marks SOURCE, CUE and CONTENT spans.
//!
//! Windows of whole sentences ([`window`]) go through the token classifier ([`model`]) in
//! batches packed across articles; BIO-constrained Viterbi decoding ([`bio`]) turns the label
//! scores into well-formed role spans with byte offsets in each article.

pub mod bio;
mod memory;
pub mod model;
pub mod window;

use std::path::{Path, PathBuf};

use tch::Kind;

use crate::document::{Document, Span};
use crate::encoder::Encoder;
use crate::error::{Error, Result};
use crate::marks::Quote;
use crate::wordpiece::WordPieceTokenizer;
use bio::{RoleSpan, LABELS};
use model::{Batch, TaggerModel};
use window::Window;

/// Windows per forward pass.
pub const INFERENCE_BATCH: usize = 32;

/// Files of a model folder.
pub const CONFIG_FILE: &str = "config.json";
/// The tokenizer file of a model folder.
pub const TOKENIZER_FILE: &str = "tokenizer.json";
/// The weights file of a tagger model folder.
pub const WEIGHTS_FILE: &str = "tagger.safetensors";

/// Numeric precision of inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// bfloat16: about four times faster on CPUs with native bf16 (AVX-512 BF16 or AMX).
    Bf16,
    /// float32 everywhere else.
    Fp32,
}

impl Precision {
    /// bf16 when this CPU computes it natively, else fp32; `QUOTEATTR_PRECISION=fp32|bf16`
    /// overrides the choice.
    pub fn for_this_cpu() -> Self {
        match std::env::var("QUOTEATTR_PRECISION").as_deref() {
            Ok("fp32") => return Precision::Fp32,
            Ok("bf16") => return Precision::Bf16,
            _ => {}
        }
        let flags = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        if flags.contains("avx512_bf16") || flags.contains("amx_bf16") {
            Precision::Bf16
        } else {
            Precision::Fp32
        }
    }
}

/// The tagger: tokenizer and model, loaded once.
pub struct Tagger {
    tokenizer: WordPieceTokenizer,
    model: TaggerModel,
    precision: Precision,
}

impl Tagger {
    /// Loads a model folder (`config.json`, `tokenizer.json`, `tagger.safetensors`) at the
    /// precision that suits this CPU.
    pub fn load(dir: &Path) -> Result<Self> {
        Self::load_with_precision(dir, Precision::for_this_cpu())
    }

    /// Loads a model folder at the given precision.
    pub fn load_with_precision(dir: &Path, precision: Precision) -> Result<Self> {
        let file = |name: &str| -> Result<PathBuf> {
            let path = dir.join(name);
            if path.is_file() {
                Ok(path)
            } else {
                Err(Error::Model(format!("{} is missing", path.display())))
            }
        };
        let config = Encoder::read_config(&file(CONFIG_FILE)?)?;
        let tokenizer = WordPieceTokenizer::from_file(&file(TOKENIZER_FILE)?)?;
        let mut model = TaggerModel::new(&config);
        model.load(&file(WEIGHTS_FILE)?)?;
        Ok(Self::from_parts(tokenizer, model, precision))
    }

    /// A tagger from an in-memory model (training uses this to score dev).
    pub fn from_parts(
        tokenizer: WordPieceTokenizer,
        mut model: TaggerModel,
        precision: Precision,
    ) -> Self {
        if precision == Precision::Bf16 {
            model.vars.set_kind(Kind::BFloat16);
        }
        memory::keep_freed_memory_for_reuse();
        Tagger {
            tokenizer,
            model,
            precision,
        }
    }

    /// The precision inference runs at.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Gives the model back (training continues on it after a dev evaluation).
    pub fn into_model(self) -> TaggerModel {
        self.model
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &WordPieceTokenizer {
        &self.tokenizer
    }

    /// Role spans of each document, in text order. Windows of all documents are packed into
    /// batches of similar length, so short articles share forward passes.
    pub fn tag(&self, documents: &[(&Document, &[Quote])]) -> Result<Vec<Vec<RoleSpan>>> {
        tag_documents(&self.model, &self.tokenizer, documents)
    }
}

/// [`Tagger::tag`] on a model and tokenizer held elsewhere (training scores dev with it).
pub fn tag_documents(
    model: &TaggerModel,
    tokenizer: &WordPieceTokenizer,
    documents: &[(&Document, &[Quote])],
) -> Result<Vec<Vec<RoleSpan>>> {
    {
        let mut windows: Vec<(usize, Window)> = Vec::new();
        for (index, (doc, quotes)) in documents.iter().enumerate() {
            for window in window::windows(doc, quotes, tokenizer)? {
                windows.push((index, window));
            }
        }
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&w| windows[w].1.len());
        let mut spans: Vec<Vec<RoleSpan>> = vec![Vec::new(); documents.len()];
        for chunk in order.chunks(INFERENCE_BATCH) {
            let batch_windows: Vec<&Window> = chunk.iter().map(|&w| &windows[w].1).collect();
            let log_probs = tch::no_grad(|| model.forward(&Batch::new(&batch_windows), false))?;
            for (row, &w) in chunk.iter().enumerate() {
                let (document, window) = (&windows[w].0, &windows[w].1);
                spans[*document].extend(decode_window(&log_probs.get(row as i64), window)?);
            }
        }
        for document_spans in &mut spans {
            document_spans.sort_by_key(|s| (s.span.start, s.role));
        }
        Ok(spans)
    }
}

/// Decodes one window's label scores `[longest, LABELS]` into role spans.
fn decode_window(log_probs: &tch::Tensor, window: &Window) -> Result<Vec<RoleSpan>> {
    let real = window.len().saturating_sub(2);
    if real == 0 {
        return Ok(Vec::new());
    }
    let rows = log_probs.narrow(0, 1, real as i64).contiguous();
    let flat: Vec<f32> =
        Vec::<f32>::try_from(rows.flatten(0, -1)).map_err(|e| Error::Model(e.to_string()))?;
    let scores: Vec<[f32; LABELS as usize]> = flat
        .chunks_exact(LABELS as usize)
        .map(|c| c.try_into().expect("chunks of LABELS"))
        .collect();
    let pieces: Vec<Span> = window.spans[1..=real]
        .iter()
        .map(|s| s.unwrap_or_default())
        .collect();
    let labels = bio::decode(&scores);
    Ok(bio::spans(&labels, &pieces, &scores))
}
