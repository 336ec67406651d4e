//! The transformer stack links and runs: the committed tokenizer maps word pieces back to the
//! text, and rust-bert's BERT (small random config) runs a real forward pass on libtorch.

use std::path::PathBuf;

use quoteattr::encoder::Encoder;
use quoteattr::segment::segment;
use quoteattr::wordpiece::WordPieceTokenizer;

fn model_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/minilm-base")
}

#[test]
fn word_pieces_map_back_to_the_original_text() {
    let tokenizer = WordPieceTokenizer::from_file(&model_dir().join("tokenizer.json")).unwrap();
    let text = "“Esper’s deal,” he said in Seoul on Friday — unbelievably.";
    let doc = segment(text);
    let span = doc.sentences[0].span;
    let pieces = tokenizer.encode(&doc, span).unwrap();
    assert_eq!(pieces.ids.len(), pieces.spans.len());
    // More pieces than words: "unbelievably" is split; no truncation at 128 either.
    assert!(pieces.ids.len() > text.split_whitespace().count());
    let texts: Vec<&str> = pieces.spans.iter().map(|s| doc.slice(*s)).collect();
    assert!(texts.windows(2).any(|w| w == ["Es", "per"]), "{texts:?}");
    assert!(texts.contains(&"Seoul"), "{texts:?}");
    for (piece, span) in pieces.spans.iter().enumerate() {
        assert!(
            span.start < span.end && span.end <= text.len(),
            "piece {piece}"
        );
    }
    let long = "word ".repeat(300);
    let doc = segment(&long);
    let pieces = tokenizer.encode(&doc, doc.paragraphs[0].span).unwrap();
    assert_eq!(pieces.ids.len(), 300, "padding and truncation must be off");
}

#[test]
fn bert_forward_pass_runs_on_libtorch() {
    let mut config = Encoder::read_config(&model_dir().join("config.json")).unwrap();
    assert_eq!((config.hidden_size, config.num_hidden_layers), (384, 6));
    config.num_hidden_layers = 2;
    config.hidden_size = 64;
    config.num_attention_heads = 4;
    config.intermediate_size = 128;
    let encoder = Encoder::new(&config);
    let tokenizer = WordPieceTokenizer::from_file(&model_dir().join("tokenizer.json")).unwrap();
    let cls = tokenizer.token_id("[CLS]").unwrap();
    let sep = tokenizer.token_id("[SEP]").unwrap();
    let doc = segment("Esper said. He agreed with them.");
    let sequences: Vec<Vec<i64>> = doc
        .sentences
        .iter()
        .map(|s| {
            let pieces = tokenizer.encode(&doc, s.span).unwrap();
            std::iter::once(cls)
                .chain(pieces.ids)
                .chain([sep])
                .collect()
        })
        .collect();
    let hidden = encoder.hidden_states(&sequences).unwrap();
    let longest = sequences.iter().map(Vec::len).max().unwrap() as i64;
    assert_eq!(hidden.size(), vec![2, longest, 64]);
    let values: Vec<f32> = hidden.flatten(0, -1).try_into().unwrap();
    assert!(values.iter().all(|v| v.is_finite()));
    assert!(values.iter().any(|v| *v != 0.0));
}
