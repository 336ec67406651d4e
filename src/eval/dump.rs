//! The error dump: every finding of an evaluation as one line with its context.
//!
//! ```text
//! == breitbart_2016-09-12_stealth (6 gold, 4 predicted, 3 findings)
//! FN source       89..106   boundary: overlaps predicted 93..106
//!     …'s campaign, ⟦The New York Post⟧ reports that Hillary…
//! ```

use std::fmt::Write;

use super::labelled::CharText;
use super::scoring::{Finding, FindingKind, Subject};
use super::Evaluation;

/// Characters of context shown on each side of a span.
const CONTEXT: usize = 40;
/// Longer spans show this many characters at each end, with `…` between.
const SPAN_EDGE: usize = 60;

/// Renders every article that has findings or failed.
pub(crate) fn render(evaluation: &Evaluation<'_>) -> String {
    let mut out = String::new();
    for outcome in &evaluation.articles {
        let article = &outcome.labelled.article;
        let predicted = outcome
            .predicted
            .as_ref()
            .map_or(0, |p| p.attributions.len());
        if outcome.findings.is_empty() && outcome.predicted.is_ok() {
            continue;
        }
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "== {} ({} gold, {} predicted, {} findings)",
            article.id,
            outcome.labelled.gold.len(),
            predicted,
            outcome.findings.len()
        );
        if let Err(error) = &outcome.predicted {
            let _ = writeln!(out, "FAILED: {error}");
        }
        let text = CharText::new(&article.text);
        for finding in &outcome.findings {
            let _ = writeln!(out, "{}", headline(finding));
            let _ = writeln!(
                out,
                "    {}",
                context(&text, finding.span.start, finding.span.end)
            );
        }
        out.push('\n');
    }
    out
}

fn headline(finding: &Finding) -> String {
    let kind = match finding.kind {
        FindingKind::FalsePositive => "FP",
        FindingKind::FalseNegative => "FN",
        FindingKind::WrongSpeaker => "WRONG",
    };
    let subject = match finding.subject {
        Subject::Source => "source",
        Subject::Cue => "cue",
        Subject::Content => "content",
        Subject::Attribution => "attribution",
        Subject::Quote => "quote",
        Subject::Speaker => "speaker",
    };
    let range = format!("{}..{}", finding.span.start, finding.span.end);
    format!("{kind} {subject:<12} {range:<13} {}", finding.note)
        .trim_end()
        .to_string()
}

/// `…before⟦span⟧after…` on one line, line breaks shown as `⏎`.
pub(crate) fn context(text: &CharText<'_>, start: usize, end: usize) -> String {
    let end = end.min(text.len_chars());
    let start = start.min(end);
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(text.len_chars());
    let piece = |a: usize, b: usize| text.slice(a, b).unwrap_or_default().replace('\n', "⏎");
    let span = if end - start > 2 * SPAN_EDGE {
        format!(
            "{} … {}",
            piece(start, start + SPAN_EDGE),
            piece(end - SPAN_EDGE, end)
        )
    } else {
        piece(start, end)
    };
    format!(
        "{}{}⟦{}⟧{}{}",
        if from > 0 { "…" } else { "" },
        piece(from, start),
        span,
        piece(end, to),
        if to < text.len_chars() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::metrics::Range;

    #[test]
    fn context_marks_the_span_and_clips_both_sides() {
        let text = "a".repeat(50) + "SPAN\nX" + &"b".repeat(50);
        let chars = CharText::new(&text);
        let shown = context(&chars, 50, 56);
        assert_eq!(
            shown,
            format!("…{}⟦SPAN⏎X⟧{}…", "a".repeat(40), "b".repeat(40))
        );
        let short = CharText::new("ab“cd”ef");
        assert_eq!(context(&short, 2, 6), "ab⟦“cd”⟧ef");
        assert_eq!(context(&short, 7, 99), "ab“cd”e⟦f⟧");
    }

    #[test]
    fn long_spans_are_shortened_in_the_middle() {
        let text = "x".repeat(300);
        let shown = context(&CharText::new(&text), 0, 300);
        assert_eq!(shown, format!("⟦{} … {}⟧", "x".repeat(60), "x".repeat(60)));
    }

    #[test]
    fn headline_names_kind_subject_and_range() {
        let finding = Finding {
            kind: FindingKind::FalseNegative,
            subject: Subject::Cue,
            span: Range::new(3, 7),
            note: "boundary".into(),
        };
        assert_eq!(headline(&finding), "FN cue          3..7          boundary");
    }
}
