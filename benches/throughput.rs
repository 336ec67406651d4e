//! Rule-based throughput in words per second, on a corpus built at run time from the PolNeAR
//! training texts (`../shared/data/polnear/train/text`, or the folder given as the first
//! argument), falling back to the bundled example article repeated.
//!
//! Run: `cargo bench --bench throughput [-- DIR]`. Prints one line per thread count.

use std::path::PathBuf;
use std::time::Instant;

use quoteattr::{Article, Attributor};

fn corpus() -> (String, Vec<Article>) {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/data/polnear/train/text"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let articles: Vec<Article> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let id = path.file_stem()?.to_string_lossy().into_owned();
            Some(Article {
                id,
                title: None,
                text,
            })
        })
        .collect();
    if !articles.is_empty() {
        return (dir.display().to_string(), articles);
    }
    let seed = std::fs::read_to_string(manifest.join("examples/data/seed-article.txt"))
        .expect("the bundled example article");
    let articles = (0..800)
        .map(|i| Article {
            id: i.to_string(),
            title: None,
            text: seed.clone(),
        })
        .collect();
    ("the bundled example article x800".into(), articles)
}

fn main() {
    let (source, articles) = corpus();
    let words: usize = articles
        .iter()
        .map(|a| a.text.split_whitespace().count())
        .sum();
    println!(
        "corpus: {source}: {} articles, {words} words",
        articles.len()
    );
    let attributor = Attributor::rules_only();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let mut best = f64::MAX;
        let mut attributions = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let results = pool.install(|| attributor.attribute_batch(&articles));
            best = best.min(started.elapsed().as_secs_f64());
            attributions = results
                .iter()
                .flatten()
                .map(|r| r.attributions.len())
                .sum::<usize>();
        }
        println!(
            "rules, {threads} thread(s): {:.0} words/s (best of 5: {:.3} s, {attributions} attributions)",
            words as f64 / best,
            best
        );
    }
}
