//! Tests of speaker resolution on small invented texts.

use crate::schema::{Article, ArticleAttributions, ResolutionRule};
use crate::Attributor;

/// Attributes `text` with the rule-based pipeline.
fn attribute(text: &str) -> ArticleAttributions {
    let article = Article {
        id: "t".into(),
        title: None,
        text: text.into(),
    };
    Attributor::rules_only()
        .attribute(&article)
        .expect("valid test article")
}

/// The speaker name of each attribution, in order.
fn speakers(text: &str) -> Vec<Option<String>> {
    attribute(text)
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.clone()))
        .collect()
}

fn names(list: &[&str]) -> Vec<Option<String>> {
    list.iter()
        .map(|n| (!n.is_empty()).then(|| n.to_string()))
        .collect()
}

#[test]
fn honorifics_keep_relatives_apart() {
    let text =
        "John Beaver came down late.\n\n\"No one, I am thankful to say,\" said Mrs. Beaver, \
                \"was hurt.\"\n\n\"How lucky,\" said John Beaver.\n\n\"No more have I,\" said \
                Mrs. Beaver; \"and I am glad.\"";
    assert_eq!(
        speakers(text),
        names(&["Mrs. Beaver", "John Beaver", "Mrs. Beaver"])
    );
}
