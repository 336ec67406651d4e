//! Throughput in words per second, and peak memory.
//!
//! - Rule-based pipeline on the PolNeAR training texts (`../shared/data/polnear/train/text`),
//!   or the bundled example article repeated when the corpus is absent; 1 and 2 threads.
//! - Full transformer pipeline (the model in `models/tagger`, when present) on the PolNeAR dev
//!   texts, in the CLI's chunks of 512 articles.
//!
//! Run: `cargo bench --bench throughput`. Peak memory is the process's high-water mark
//! (VmHWM), printed last.

use std::path::{Path, PathBuf};
use std::time::Instant;

use quoteattr::{Article, Attributor};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.txt` files of a folder as articles, by name order.
fn articles_in(dir: &Path) -> Vec<Article> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
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
        .collect()
}

fn corpus(split: &str) -> (String, Vec<Article>) {
    let dir = manifest().join(format!("../shared/data/polnear/{split}/text"));
    let articles = articles_in(&dir);
    if !articles.is_empty() {
        return (format!("PolNeAR {split} texts"), articles);
    }
    let seed = std::fs::read_to_string(manifest().join("examples/data/seed-article.txt"))
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

fn words(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| a.text.split_whitespace().count())
        .sum()
}

/// Best of `runs` timings of attributing `articles` in chunks of 512, in seconds.
fn best_time(attributor: &Attributor, articles: &[Article], runs: usize) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut attributions = 0;
    for _ in 0..runs {
        let started = Instant::now();
        attributions = articles
            .chunks(512)
            .flat_map(|chunk| attributor.attribute_batch(chunk))
            .flatten()
            .map(|r| r.attributions.len())
            .sum();
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, attributions)
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let (source, articles) = corpus("train");
    let n = words(&articles);
    println!("rules: {source}: {} articles, {n} words", articles.len());
    let rules = Attributor::rules_only();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let (seconds, attributions) = pool.install(|| best_time(&rules, &articles, 5));
        println!(
            "rules, {threads} thread(s): {:.0} words/s (best of 5: {seconds:.3} s, {attributions} attributions)",
            n as f64 / seconds
        );
    }
    let model_dir = manifest().join("models/tagger");
    if model_dir.is_dir() {
        let (source, articles) = corpus("dev");
        let n = words(&articles);
        let started = Instant::now();
        let attributor = Attributor::from_pretrained(&model_dir).expect("the shipped model loads");
        println!(
            "model: loaded in {:.2} s, precision {:?}; {source}: {} articles, {n} words",
            started.elapsed().as_secs_f64(),
            attributor.model_precision(),
            articles.len()
        );
        let (seconds, attributions) = best_time(&attributor, &articles, 2);
        println!(
            "model pipeline: {:.0} words/s (best of 2: {seconds:.2} s, {attributions} attributions)",
            n as f64 / seconds
        );
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
}
