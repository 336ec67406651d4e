//! Annotated HTML views: each article's text with contents coloured by speaker (or, without
//! one, by source mention), cues in bold underline and sources boxed; gold and predicted side
//! by side when both exist. Pages are self-contained (inline CSS, no scripts) and all text is
//! escaped.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::schema::{Article, Attribution, TextSpan};

use super::labelled::{CharText, GoldAttribution};
use super::{Evaluation, Finding};

/// One article to show, with whichever annotations exist.
#[derive(Debug, Clone, Copy)]
pub struct ArticleView<'a> {
    /// The article.
    pub article: &'a Article,
    /// Gold attributions, if labelled.
    pub gold: Option<&'a [GoldAttribution]>,
    /// Predicted attributions, if any were made.
    pub predicted: Option<&'a [Attribution]>,
    /// Scoring errors to list under the text.
    pub findings: &'a [Finding],
    /// A line of status shown under the title (e.g. why prediction failed).
    pub note: Option<&'a str>,
}

const STYLE: &str =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:110em}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}\
h3{font-size:1em;color:#555}\
.panels{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}\
@media(max-width:60em){.panels{grid-template-columns:1fr}}\
.text{white-space:pre-wrap;line-height:1.7;font-family:Georgia,serif;font-size:0.95em}\
.c{border-radius:2px}.q{font-weight:bold;text-decoration:underline;text-decoration-thickness:2px}\
.s{outline:2px solid #444;outline-offset:-1px}\
.legend span{display:inline-block;margin:0 0.6em 0.3em 0;padding:0 0.4em;border-radius:3px}\
.note{color:#a00}table{border-collapse:collapse}td,th{padding:0.2em 0.6em;text-align:left}\
tr:nth-child(even){background:#f4f4f4}.findings{font-size:0.85em;font-family:monospace}";

/// Pastel backgrounds, assigned to speakers in order of appearance; later ones get a hue from
/// the name's hash.
const PALETTE: &[&str] = &[
    "#ffd8a8", "#b2f2bb", "#a5d8ff", "#fcc2d7", "#ffec99", "#d0bfff", "#99e9f2", "#eebefa",
    "#c0eb75", "#ffc9c9", "#bac8ff", "#96f2d7",
];

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders a self-contained page showing the given articles.
pub fn render_page(title: &str, views: &[ArticleView<'_>]) -> String {
    let mut body = String::new();
    for view in views {
        body.push_str(&render_article(view));
    }
    page(title, &body)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head><body>\n<h1>{}</h1>\n{body}</body></html>\n",
        escape(title),
        escape(title)
    )
}

/// Writes `index.html` (a table of articles with their counts) and one page per article into
/// `dir`, creating it if needed.
pub fn write_evaluation_html(evaluation: &Evaluation<'_>, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut rows = String::new();
    for (index, outcome) in evaluation.articles.iter().enumerate() {
        let labelled = outcome.labelled;
        let file = page_file_name(index, &labelled.article.id);
        let (predicted, note) = match &outcome.predicted {
            Ok(p) => (Some(p.attributions.as_slice()), None),
            Err(e) => (None, Some(e.as_str())),
        };
        let view = ArticleView {
            article: &labelled.article,
            gold: Some(&labelled.gold),
            predicted,
            findings: &outcome.findings,
            note,
        };
        let path = dir.join(&file);
        std::fs::write(&path, render_page(&labelled.article.id, &[view]))
            .map_err(|e| Error::io(&path, e))?;
        let _ = writeln!(
            rows,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&file),
            escape(&labelled.article.id),
            labelled.gold.len(),
            predicted.map_or_else(|| "failed".to_string(), |p| p.len().to_string()),
            outcome.findings.len()
        );
    }
    let body = format!(
        "<pre>{}</pre>\n<table><tr><th>article</th><th>gold</th><th>predicted</th>\
         <th>findings</th></tr>\n{rows}</table>\n",
        escape(&evaluation.report.to_string())
    );
    let index = dir.join("index.html");
    std::fs::write(&index, page("Evaluation", &body)).map_err(|e| Error::io(&index, e))
}

/// `0007-some_article.html`: numbered, with unsafe characters replaced.
fn page_file_name(index: usize, id: &str) -> String {
    let safe: String = id
        .chars()
        .take(80)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{index:04}-{safe}.html")
}

/// A highlighted range of one panel.
#[derive(Debug, Clone)]
struct Mark {
    start: usize,
    end: usize,
    role: Role,
    colour: Option<String>,
    label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Content,
    Cue,
    Source,
}

/// Speaker key -> colour, shared by the gold and predicted panels.
#[derive(Default)]
struct Palette {
    colours: HashMap<String, String>,
    order: Vec<String>,
}

impl Palette {
    fn colour(&mut self, key: &str) -> String {
        if let Some(colour) = self.colours.get(key) {
            return colour.clone();
        }
        let colour = PALETTE.get(self.order.len()).map_or_else(
            || {
                let hue = key
                    .bytes()
                    .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
                    % 360;
                format!("hsl({hue},80%,85%)")
            },
            |c| c.to_string(),
        );
        self.colours.insert(key.to_string(), colour.clone());
        self.order.push(key.to_string());
        colour
    }
}

/// The speaker key of an attribution: its speaker's name, else its source text, lower-cased.
fn key_of(speaker: Option<&str>, source: Option<&TextSpan>) -> Option<String> {
    speaker
        .or(source.map(|s| s.text.as_str()))
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty())
}

fn marks_for(
    content: &[TextSpan],
    cue: Option<&TextSpan>,
    source: Option<&TextSpan>,
    key: Option<String>,
    label: String,
    palette: &mut Palette,
) -> Vec<Mark> {
    let colour = key.map(|k| palette.colour(&k));
    let mark = |s: &TextSpan, role, colour: Option<String>| Mark {
        start: s.start,
        end: s.end,
        role,
        colour,
        label: label.clone(),
    };
    let mut marks: Vec<Mark> = content
        .iter()
        .map(|s| mark(s, Role::Content, colour.clone().or(Some("#e9ecef".into()))))
        .collect();
    marks.extend(cue.map(|s| mark(s, Role::Cue, None)));
    marks.extend(source.map(|s| mark(s, Role::Source, None)));
    marks
}

fn gold_marks(gold: &[GoldAttribution], palette: &mut Palette) -> Vec<Mark> {
    gold.iter()
        .flat_map(|g| {
            let speaker = g.speaker.as_ref().map(|s| s.name.as_str());
            let label = describe(
                speaker,
                g.source.as_ref(),
                if g.direct { "direct" } else { "indirect" },
            );
            let key = key_of(speaker, g.source.as_ref());
            marks_for(
                &g.content,
                g.cue.as_ref(),
                g.source.as_ref(),
                key,
                label,
                palette,
            )
        })
        .collect()
}

fn predicted_marks(
    predicted: &[Attribution],
    gold: &[GoldAttribution],
    palette: &mut Palette,
) -> Vec<Mark> {
    predicted
        .iter()
        .flat_map(|p| {
            let name = p.speaker.as_ref().map(|s| s.name.as_str());
            // A predicted name that is a gold speaker's alias takes that speaker's colour.
            let gold_name = name.and_then(|n| {
                gold.iter()
                    .filter_map(|g| g.speaker.as_ref())
                    .find(|s| s.matches(n))
                    .map(|s| s.name.as_str())
            });
            let kind = format!("{:?}, {:?}, {:.2}", p.kind, p.method, p.confidence).to_lowercase();
            let label = describe(name, p.source.as_ref(), &kind);
            let key = key_of(gold_name.or(name), p.source.as_ref());
            marks_for(
                &p.content,
                p.cue.as_ref(),
                p.source.as_ref(),
                key,
                label,
                palette,
            )
        })
        .collect()
}

fn describe(speaker: Option<&str>, source: Option<&TextSpan>, kind: &str) -> String {
    let who = match (speaker, source) {
        (Some(name), _) => format!("speaker: {name}"),
        (None, Some(source)) => format!("source: {}", source.text),
        (None, None) => "no source".to_string(),
    };
    format!("{who} ({kind})")
}

/// The text with the marks applied, as HTML.
fn annotate(text: &str, marks: &[Mark]) -> String {
    let chars = CharText::new(text);
    let length = chars.len_chars();
    let mut cuts: Vec<usize> = vec![0, length];
    for m in marks {
        cuts.push(m.start.min(length));
        cuts.push(m.end.min(length));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let segment = escape(chars.slice(a, b).unwrap_or_default());
        let active: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.start <= a && b <= m.end)
            .collect();
        if active.is_empty() {
            out.push_str(&segment);
            continue;
        }
        let mut classes = Vec::new();
        for (role, class) in [(Role::Content, "c"), (Role::Cue, "q"), (Role::Source, "s")] {
            if active.iter().any(|m| m.role == role) {
                classes.push(class);
            }
        }
        let colour = active.iter().rev().find_map(|m| m.colour.as_deref());
        let style = colour.map_or_else(String::new, |c| format!(" style=\"background:{c}\""));
        let mut labels: Vec<&str> = active.iter().map(|m| m.label.as_str()).collect();
        labels.dedup();
        let _ = write!(
            out,
            "<span class=\"{}\"{style} title=\"{}\">{segment}</span>",
            classes.join(" "),
            escape(&labels.join("; "))
        );
    }
    out
}

fn render_article(view: &ArticleView<'_>) -> String {
    let mut palette = Palette::default();
    let gold = view.gold.unwrap_or_default();
    let mut panels = Vec::new();
    if let Some(gold) = view.gold {
        let marks = gold_marks(gold, &mut palette);
        panels.push((
            format!("Gold ({})", gold.len()),
            annotate(&view.article.text, &marks),
        ));
    }
    if let Some(predicted) = view.predicted {
        let marks = predicted_marks(predicted, gold, &mut palette);
        panels.push((
            format!("Predicted ({})", predicted.len()),
            annotate(&view.article.text, &marks),
        ));
    }
    if panels.is_empty() {
        panels.push(("Text".to_string(), escape(&view.article.text)));
    }
    let mut out = format!("<h2>{}</h2>\n", escape(&view.article.id));
    if let Some(title) = &view.article.title {
        let _ = writeln!(out, "<h3>{}</h3>", escape(title));
    }
    if let Some(note) = view.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    out.push_str("<p class=\"legend\">");
    for key in &palette.order {
        let _ = write!(
            out,
            "<span style=\"background:{}\">{}</span>",
            palette.colours[key],
            escape(key)
        );
    }
    out.push_str("<span class=\"q\">cue</span><span class=\"s\">source</span></p>\n");
    out.push_str("<div class=\"panels\">");
    for (heading, html) in panels {
        let _ = write!(
            out,
            "<div><h3>{}</h3><div class=\"text\">{html}</div></div>",
            escape(&heading)
        );
    }
    out.push_str("</div>\n");
    if !view.findings.is_empty() {
        out.push_str("<h3>Findings</h3><div class=\"findings\">");
        for f in view.findings {
            let _ = write!(
                out,
                "{:?} {:?} {}..{} {}<br>",
                f.kind,
                f.subject,
                f.span.start,
                f.span.end,
                escape(&f.note)
            );
        }
        out.push_str("</div>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::GoldSpeaker;
    use crate::schema::{AttributionKind, Method, SpeakerRef};

    fn span(text: &str, start: usize, end: usize) -> TextSpan {
        crate::eval::test_span(text, start, end)
    }

    const TEXT: &str = "“<Win> & more,” Esper said.";

    fn article() -> Article {
        Article {
            id: "a<1>".into(),
            title: Some("T & T".into()),
            text: TEXT.into(),
        }
    }

    fn gold() -> Vec<GoldAttribution> {
        vec![GoldAttribution {
            content: vec![span(TEXT, 0, 15)],
            cue: Some(span(TEXT, 22, 26)),
            source: Some(span(TEXT, 16, 21)),
            speaker: Some(GoldSpeaker {
                name: "Mark Esper".into(),
                aliases: vec!["Esper".into()],
            }),
            quote_type: None,
            direct: true,
        }]
    }

    fn predicted() -> Vec<Attribution> {
        vec![Attribution {
            kind: AttributionKind::Direct,
            content: vec![span(TEXT, 0, 15)],
            cue: Some(span(TEXT, 22, 26)),
            source: Some(span(TEXT, 16, 21)),
            speaker: Some(SpeakerRef {
                entity: 0,
                name: "Esper".into(),
            }),
            confidence: 0.9,
            method: Method::QuoteThenCue,
            resolution: None,
        }]
    }

    #[test]
    fn escapes_everything() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn annotates_segments_with_roles_and_escapes_text() {
        let marks = vec![
            Mark {
                start: 0,
                end: 15,
                role: Role::Content,
                colour: Some("#fff".into()),
                label: "l".into(),
            },
            Mark {
                start: 22,
                end: 26,
                role: Role::Cue,
                colour: None,
                label: "l".into(),
            },
        ];
        let html = annotate(TEXT, &marks);
        assert!(html.starts_with("<span class=\"c\" style=\"background:#fff\" title=\"l\">“&lt;Win&gt; &amp; more,”</span>"), "{html}");
        assert!(
            html.contains("<span class=\"q\" title=\"l\">said</span>."),
            "{html}"
        );
        assert!(!html.contains("<Win>"));
    }

    #[test]
    fn gold_and_prediction_share_the_speaker_colour() {
        let (gold, predicted) = (gold(), predicted());
        let article = article();
        let view = ArticleView {
            article: &article,
            gold: Some(&gold),
            predicted: Some(&predicted),
            findings: &[],
            note: Some("a <note>"),
        };
        let page = render_page("Title <x>", &[view]);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>Title &lt;x&gt;</title>"));
        assert!(page.contains("a &lt;note&gt;"));
        assert!(page.contains("Gold (1)") && page.contains("Predicted (1)"));
        // The predicted "Esper" is the gold "Mark Esper": one legend entry, one colour.
        assert_eq!(page.matches("background:#ffd8a8").count(), 3, "{page}");
        assert!(page.contains(">mark esper</span>"));
    }

    #[test]
    fn text_only_view_and_file_names() {
        let article = article();
        let view = ArticleView {
            article: &article,
            gold: None,
            predicted: None,
            findings: &[],
            note: None,
        };
        assert!(render_page("x", &[view]).contains("“&lt;Win&gt; &amp; more,” Esper said."));
        assert_eq!(page_file_name(7, "a/b c"), "0007-a_b_c.html");
    }

    #[test]
    fn palette_assigns_stable_colours() {
        let mut palette = Palette::default();
        assert_eq!(palette.colour("a"), PALETTE[0]);
        assert_eq!(palette.colour("b"), PALETTE[1]);
        assert_eq!(palette.colour("a"), PALETTE[0]);
        for i in 0..PALETTE.len() {
            palette.colour(&format!("k{i}"));
        }
        assert!(palette.colour("late").starts_with("hsl("));
    }
}
