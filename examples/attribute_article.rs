//! Attributes the bundled example article through the library API and prints who said what.
//!
//! Run: `cargo run --example attribute_article [FILE]`

use anyhow::Context;
use quoteattr::{Article, Attributor};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/seed-article.txt"
        )
        .into()
    });
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let attributor = Attributor::rules_only();
    let result = attributor.attribute(&Article {
        id: path,
        title: None,
        text,
    })?;
    for attribution in &result.attributions {
        let speaker = attribution
            .speaker
            .as_ref()
            .map_or("(unknown)", |s| s.name.as_str());
        let content: Vec<&str> = attribution
            .content
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        println!(
            "{speaker} ({:?}): {}",
            attribution.kind,
            content.join(" … ")
        );
    }
    Ok(())
}
