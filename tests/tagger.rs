//! The tagger end to end on a tiny model: training overfits a handful of sentences, the model
//! folder loads, and the pipeline turns its spans into attributions.

use std::path::{Path, PathBuf};

use quoteattr::encoder::Encoder;
use quoteattr::marks::find_quotes;
use quoteattr::segment::segment;
use quoteattr::tag::model::TaggerModel;
use quoteattr::tag::window::{windows, MAX_WINDOW_PIECES};
use quoteattr::train::{train, TrainOptions};
use quoteattr::wordpiece::WordPieceTokenizer;
use quoteattr::{Article, AttributionKind, Attributor};

fn minilm() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/minilm-base")
}

fn tokenizer() -> WordPieceTokenizer {
    WordPieceTokenizer::from_file(&minilm().join("tokenizer.json")).unwrap()
}

/// A role span of a fixture: (role, start, end) in characters.
type RoleFixture = (&'static str, usize, usize);

/// Articles in PolNeAR's brat layout: (id, text, role spans) with one relation each.
const ARTICLES: [(&str, &str, [RoleFixture; 3]); 3] = [
    (
        "a_0001",
        "Officials met on Monday. Mayor Ann Lee said that the bridge will reopen in May.",
        [("Source", 25, 38), ("Cue", 39, 43), ("Content", 44, 78)],
    ),
    (
        "b_0001",
        "The storm passed. “We lost power for two days,” Tom Hardy told reporters.",
        [("Source", 48, 57), ("Cue", 58, 62), ("Content", 18, 47)],
    ),
    (
        "c_0001",
        "Prices rose again, according to the central bank. Markets were calm.",
        [("Source", 32, 48), ("Cue", 19, 31), ("Content", 0, 17)],
    ),
];

fn write_split(dir: &Path) {
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("attributions")).unwrap();
    for (id, text, spans) in ARTICLES {
        std::fs::write(dir.join("text").join(format!("{id}.txt")), text).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut ann = String::new();
        for (i, (role, start, end)) in spans.iter().enumerate() {
            let covered: String = chars[*start..*end].iter().collect();
            ann += &format!("T{}\t{role} {start} {end}\t{covered}\n", i + 1);
        }
        let first: String = chars[..1].iter().collect();
        ann += &format!(
            "T4\tAttribution 0 1\t{first}\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        );
        std::fs::write(dir.join("attributions").join(format!("{id}_ab12.ann")), ann).unwrap();
    }
}

/// A base-encoder folder with a tiny random BERT under Hugging Face names.
fn write_tiny_base(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(minilm().join("config.json")).unwrap())
            .unwrap();
    config["num_hidden_layers"] = 1.into();
    config["hidden_size"] = 64.into();
    config["num_attention_heads"] = 4.into();
    config["intermediate_size"] = 128.into();
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    std::fs::copy(minilm().join("tokenizer.json"), dir.join("tokenizer.json")).unwrap();
    let model = TaggerModel::new(&Encoder::read_config(&dir.join("config.json")).unwrap());
    let named: Vec<(String, tch::Tensor)> = model
        .vars
        .variables()
        .into_iter()
        .filter_map(|(name, t)| name.strip_prefix("bert.").map(|n| (n.to_string(), t)))
        .collect();
    tch::Tensor::write_safetensors(&named, dir.join("model.safetensors")).unwrap();
}

#[test]
fn windows_cover_every_piece_once_in_text_order() {
    let sentence = "The committee said that the plan would work. ";
    let text = sentence.repeat(40);
    let doc = segment(&text);
    let quotes = find_quotes(&doc);
    let tokenizer = tokenizer();
    let all = windows(&doc, &quotes, &tokenizer).unwrap();
    assert!(all.len() > 1, "the text needs several windows");
    let spans: Vec<_> = all
        .iter()
        .flat_map(|w| w.spans[1..w.len() - 1].iter().map(|s| s.unwrap()))
        .collect();
    let direct = tokenizer.encode(&doc, quotes::whole(&doc)).unwrap();
    assert_eq!(spans, direct.spans);
    for w in &all {
        assert!(w.len() <= MAX_WINDOW_PIECES);
        assert_eq!((w.spans[0], w.spans[w.len() - 1]), (None, None));
        assert_eq!(w.ids.len(), w.casing.len());
        assert_eq!(w.ids.len(), w.quoting.len());
    }
    // A sentence longer than a window is cut rather than dropped.
    let long = "word ".repeat(500);
    let doc = segment(&long);
    let cut = windows(&doc, &[], &tokenizer).unwrap();
    assert_eq!(cut.iter().map(|w| w.len() - 2).sum::<usize>(), 500);
}

mod quotes {
    use quoteattr::document::{Document, Span};
    /// The whole text as one span.
    pub fn whole(doc: &Document) -> Span {
        Span::new(0, doc.text.len())
    }
}

#[test]
fn a_tiny_tagger_overfits_loads_and_attributes() {
    let root = std::env::temp_dir().join(format!("quoteattr-tagger-{}", std::process::id()));
    let (split, base, output) = (root.join("split"), root.join("base"), root.join("model"));
    write_split(&split);
    write_tiny_base(&base);
    let mut options = TrainOptions::new(split.clone(), split.clone(), base, output.clone());
    options.epochs = 30;
    options.patience = 30;
    options.batch_size = 1;
    options.learning_rate = 2e-3;
    options.head_learning_rate = 5e-3;
    let reports = train(&options, |_| {}).unwrap();
    let best = reports
        .iter()
        .map(|r| r.dev_exact_f1)
        .fold([0.0; 3], |a, b| {
            if b.iter().sum::<f64>() > a.iter().sum::<f64>() {
                b
            } else {
                a
            }
        });
    assert!(reports[0].loss > reports[reports.len() - 1].loss);
    assert!(
        best.iter().all(|f| *f >= 99.0),
        "best dev exact F1 {best:?}"
    );
    for file in [
        "tagger.safetensors",
        "config.json",
        "tokenizer.json",
        "training.json",
    ] {
        assert!(output.join(file).is_file(), "{file}");
    }

    let attributor = Attributor::from_pretrained(&output).unwrap();
    let article = Article {
        id: "a".into(),
        title: None,
        text: ARTICLES[0].1.into(),
    };
    let result = attributor.attribute(&article).unwrap();
    let found: Vec<_> = result
        .attributions
        .iter()
        .map(|a| {
            (
                a.kind,
                a.content[0].text.as_str(),
                a.cue.as_ref().map(|c| c.text.as_str()),
                a.source.as_ref().map(|s| s.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![(
            AttributionKind::Indirect,
            "that the bridge will reopen in May",
            Some("said"),
            Some("Mayor Ann Lee")
        )]
    );

    // Dialogue (fiction) goes by the rules alone, whatever the news-trained tagger would say.
    let dialogue = Article {
        id: "d".into(),
        title: None,
        text: "Emma sat down.\n\n\"Is it raining?\"\n\n\"Not yet.\"\n\n\"Is it cold?\"\n\n\
               \"A little.\"\n\n\"Shall we walk?\" said Emma."
            .into(),
    };
    let with_model = attributor.attribute(&dialogue).unwrap();
    let rules = Attributor::rules_only().attribute(&dialogue).unwrap();
    assert_eq!(with_model, rules);
    assert_eq!(with_model.attributions.len(), 5);
    std::fs::remove_dir_all(&root).unwrap();
}
