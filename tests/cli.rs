//! The `attribute` command: bad input never loses a record, and output is the same whatever the
//! thread count.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use quoteattr::OutputRecord;

fn run_attribute(args: &[&str], stdin: &[u8]) -> Output {
    // The batch plumbing is under test here, so the fast rule-based pipeline does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_quoteattr"))
        .args(["attribute", "--rules-only"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against the output pipe.
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}

fn records(output: &Output) -> Vec<OutputRecord> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn error_of(record: &OutputRecord) -> Option<(Option<&str>, &str)> {
    match record {
        OutputRecord::Failed { id, error } => Some((id.as_deref(), error.as_str())),
        OutputRecord::Attributed(_) => None,
    }
}

#[test]
fn every_bad_record_gets_an_error_line_and_the_rest_are_processed() {
    let mut input = Vec::new();
    input.extend_from_slice(
        b"{\"id\":\"ok1\",\"text\":\"\\\"We won the vote,\\\" Jane Roe said.\"}\n",
    );
    input.extend_from_slice(b"{\"id\":\"broken\",\"text\":\n");
    input.extend_from_slice(b"{\"id\":\"notext\"}\n");
    input.extend_from_slice(b"{\"id\":\"utf8\",\"text\":\"caf\xe9\"}\n");
    input.extend_from_slice(b"{\"id\":\"empty\",\"text\":\"  \"}\n");
    let huge = "word ".repeat(1_000_000);
    input.extend_from_slice(format!("{{\"id\":\"huge\",\"text\":\"{huge}\"}}\n").as_bytes());
    input.extend_from_slice(
        b"{\"id\":\"junk\",\"text\":\"\\u0001\\u0002\\u0003\\u0000\\u0007\\u0008\"}\n",
    );
    input.extend_from_slice(b"\x00\x9f\x92\x96binary\xff\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(
        b"{\"id\":\"ok2\",\"text\":\"Officials said that the talks would resume.\"}\n",
    );
    let output = run_attribute(&[], &input);
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = records(&output);
    assert_eq!(
        records.len(),
        9,
        "one line per record; the blank line is no record"
    );
    let expected: [(Option<&str>, &str); 7] = [
        (None, "malformed JSON"),
        (Some("notext"), "no \"text\""),
        (Some("utf8"), "invalid UTF-8"),
        (Some("empty"), "text is empty"),
        (Some("huge"), "over the limit"),
        (Some("junk"), "binary"),
        (None, "invalid UTF-8"),
    ];
    for (record, (id, message)) in records[1..8].iter().zip(expected) {
        let (got_id, error) = error_of(record).unwrap_or_else(|| panic!("{record:?}"));
        assert_eq!(got_id, id);
        assert!(error.contains(message), "{error}");
    }
    for (record, id) in [(&records[0], "ok1"), (&records[8], "ok2")] {
        match record {
            OutputRecord::Attributed(a) => {
                assert_eq!(a.id, id);
                assert_eq!(a.attributions.len(), 1);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_large_article_is_processed_when_the_limit_allows_it() {
    let text = "“We will win,” Jane Roe said. ".repeat(170_000); // about 5 MB
    let line = serde_json::json!({"id": "big", "text": text}).to_string() + "\n";
    let output = run_attribute(&["--max-article-bytes", "6000000"], line.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    match &records(&output)[0] {
        OutputRecord::Attributed(a) => assert_eq!(a.attributions.len(), 170_000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unusable_arguments_fail_with_a_message() {
    let output = run_attribute(&["/no/such/file.jsonl"], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/file.jsonl"));
    let output = run_attribute(&["--threads", "many"], b"");
    assert_eq!(output.status.code(), Some(2));
    // A repeated `--format` is no error: the last wins (scripts/demo.sh relies on it).
    let line = b"{\"id\": \"a\", \"text\": \"Hi.\"}\n";
    let output = run_attribute(&["--format", "text", "--format", "jsonl"], line);
    assert!(output.status.success());
    assert_eq!(records(&output).len(), 1);
    let output = run_attribute(&["--min-speaker-score", "1.5"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not between 0 and 1"));
    // A speaker ranker named explicitly must load; `--no-speaker-ranker` needs none.
    let output = run_attribute(&["--speaker-ranker", "/no/such/ranker"], line);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("speaker ranker"));
    let output = run_attribute(&["--no-speaker-ranker"], line);
    assert!(output.status.success());
}

#[test]
fn speakers_scored_below_the_threshold_are_withheld_with_their_provenance() {
    // A named source is resolved with a high score, a pronoun with a lower one.
    let text = "“We will win,” Jane Roe said. “We will not stop,” she said.";
    let line = serde_json::json!({"id": "a", "text": text}).to_string() + "\n";
    let speakers = |args: &[&str]| -> Vec<(Option<String>, f32)> {
        match &records(&run_attribute(args, line.as_bytes()))[0] {
            OutputRecord::Attributed(a) => a
                .attributions
                .iter()
                .map(|at| {
                    let score = at.resolution.as_ref().map_or(0.0, |r| r.score);
                    (at.speaker.as_ref().map(|s| s.name.clone()), score)
                })
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    let all = speakers(&[]);
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .all(|(name, _)| name.as_deref() == Some("Jane Roe")));
    let (named, pronoun) = (all[0].1, all[1].1);
    assert!(pronoun < named, "{all:?}");
    let threshold = format!("{}", (named + pronoun) / 2.0);
    let kept = speakers(&["--min-speaker-score", &threshold]);
    assert_eq!(kept[0], all[0]);
    assert_eq!(kept[1], (None, pronoun));
}

#[test]
fn output_order_and_content_do_not_depend_on_the_thread_count() {
    let sentences = [
        "“The plan is dead,” said John Smith, a spokesman.",
        "Mark Esper warned that the pact would only help Beijing.",
        "According to the Pentagon, the drills will resume.",
        "The talks collapsed after midnight, officials said.",
        "Nothing here is attributed at all.",
    ];
    let mut input = String::new();
    for i in 0..1500 {
        let text: Vec<&str> = (0..1 + i % 4)
            .map(|k| sentences[(i + k) % sentences.len()])
            .collect();
        let text = text.join("\n\n");
        input += &(serde_json::json!({"id": format!("a{i}"), "text": text}).to_string() + "\n");
    }
    let outputs: Vec<Output> = ["1", "2", "8"]
        .iter()
        .map(|threads| run_attribute(&["--threads", threads], input.as_bytes()))
        .collect();
    for output in &outputs {
        assert!(output.status.success());
        assert_eq!(output.stdout, outputs[0].stdout);
    }
    let ids: Vec<String> = records(&outputs[0])
        .iter()
        .map(|r| match r {
            OutputRecord::Attributed(a) => a.id.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected: Vec<String> = (0..1500).map(|i| format!("a{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_folder_of_text_files_is_read_in_name_order() {
    let dir = std::env::temp_dir().join(format!("quoteattr-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("b.txt"), "“Second,” Ann Lee said.").unwrap();
    std::fs::write(dir.join("a.txt"), "“First,” Bob Stone said.").unwrap();
    std::fs::write(dir.join("c.txt"), b"\xff\xfe not text").unwrap();
    std::fs::write(dir.join("notes.md"), "ignored").unwrap();
    let output = run_attribute(&[dir.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(3));
    let records = records(&output);
    assert_eq!(records.len(), 3);
    let ids: Vec<Option<String>> = records
        .iter()
        .map(|r| match r {
            OutputRecord::Attributed(a) => Some(a.id.clone()),
            OutputRecord::Failed { id, .. } => id.clone(),
        })
        .collect();
    assert_eq!(
        ids,
        vec![Some("a".into()), Some("b".into()), Some("c".into())]
    );
    assert!(error_of(&records[2]).unwrap().1.contains("invalid UTF-8"));
}
