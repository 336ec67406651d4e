//! The batch driver: streams records from JSONL, a folder of `.txt` files or one text file,
//! attributes them in parallel with rayon, and writes one JSONL line per record in input order.
//!
//! Records are read in chunks; each chunk is attributed in parallel and written before the next
//! is read, so memory stays bounded by the chunk whatever the input's size. A record that
//! cannot be processed becomes an error line in its place: nothing is dropped.

use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::schema::{Article, OutputRecord};
use crate::Attributor;

/// One input record: an article, or why it could not be read (with its id when known).
pub type InputRecord = std::result::Result<Article, Failure>;

/// Why a record could not be read or attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The record's id, when it could be read.
    pub id: Option<String>,
    /// What went wrong.
    pub error: String,
}

/// Where records come from.
pub enum Input {
    /// JSON Lines: one `{"id", "text", "title"?}` object per line; blank lines are skipped.
    Jsonl(Box<dyn BufRead + Send>),
    /// Every `*.txt` file of a folder, by file name order; the id is the file name's stem.
    Folder(PathBuf),
    /// One text file as one article; the id is the file name's stem.
    TextFile(PathBuf),
}

impl Input {
    /// Picks the input for a path: a folder, a `.txt` file, or anything else read as JSONL.
    pub fn from_path(path: &Path) -> Result<Self> {
        if path.is_dir() {
            return Ok(Input::Folder(path.to_path_buf()));
        }
        if path.extension().is_some_and(|e| e == "txt") {
            return Ok(Input::TextFile(path.to_path_buf()));
        }
        let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Ok(Input::Jsonl(Box::new(std::io::BufReader::new(file))))
    }

    /// The number of records, when it is known without reading the input.
    pub fn len_hint(&self) -> Option<u64> {
        match self {
            Input::Jsonl(_) => None,
            Input::Folder(dir) => text_files(dir).ok().map(|f| f.len() as u64),
            Input::TextFile(_) => Some(1),
        }
    }

    /// The records, read lazily.
    pub fn records(self) -> Result<Box<dyn Iterator<Item = InputRecord> + Send>> {
        Ok(match self {
            Input::Jsonl(reader) => Box::new(JsonlRecords { reader, line: 0 }),
            Input::Folder(dir) => Box::new(text_files(&dir)?.into_iter().map(read_text_file)),
            Input::TextFile(path) => Box::new(std::iter::once(read_text_file(path))),
        })
    }
}

/// The `*.txt` files of a folder, sorted by name.
fn text_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

fn read_text_file(path: PathBuf) -> InputRecord {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = fs::read(&path).map_err(|e| Failure {
        id: Some(id.clone()),
        error: format!("{}: {e}", path.display()),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| Failure {
        id: Some(id.clone()),
        error: format!(
            "{}: invalid UTF-8 at byte {}",
            path.display(),
            e.utf8_error().valid_up_to()
        ),
    })?;
    Ok(Article {
        id,
        title: None,
        text,
    })
}

/// Reads JSONL records line by line, as bytes, so invalid UTF-8 fails one record only.
struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

impl Iterator for JsonlRecords {
    type Item = InputRecord;

    fn next(&mut self) -> Option<InputRecord> {
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => return Some(parse_jsonl_record(&bytes, self.line)),
                Err(e) => {
                    return Some(Err(Failure {
                        id: None,
                        error: format!("line {}: {e}", self.line),
                    }))
                }
            }
        }
    }
}

/// Parses one JSONL line into an article.
pub fn parse_jsonl_record(bytes: &[u8], line: usize) -> InputRecord {
    let fail = |id: Option<String>, what: String| Failure {
        id,
        error: format!("line {line}: {what}"),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            // Still try to report the id: it is usually plain ASCII.
            let lossy = String::from_utf8_lossy(bytes);
            let id = serde_json::from_str::<Value>(&lossy)
                .ok()
                .and_then(|v| record_id(&v));
            return Err(fail(
                id,
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            ));
        }
    };
    let value: Value =
        serde_json::from_str(text).map_err(|e| fail(None, format!("malformed JSON: {e}")))?;
    let id = record_id(&value);
    let Value::Object(object) = &value else {
        return Err(fail(id, "a record must be a JSON object".into()));
    };
    let Some(id_value) = id.clone() else {
        return Err(fail(None, "record has no \"id\" (string or number)".into()));
    };
    let text = match object.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(_) => return Err(fail(id, "\"text\" must be a string".into())),
        None => return Err(fail(id, "record has no \"text\"".into())),
    };
    let title = match object.get("title") {
        None | Some(Value::Null) => None,
        Some(Value::String(title)) => Some(title.clone()),
        Some(_) => return Err(fail(id, "\"title\" must be a string".into())),
    };
    Ok(Article {
        id: id_value,
        title,
        text,
    })
}

/// A record's id: a string, or a number written as a string.
fn record_id(value: &Value) -> Option<String> {
    match value.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Counts of a finished batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Records read, each of which produced one output line.
    pub records: u64,
    /// Records whose output line is an error.
    pub failed: u64,
}

/// Records attributed in parallel at a time: large enough to keep every thread busy, small
/// enough that memory does not grow with the input.
pub const DEFAULT_CHUNK_SIZE: usize = 512;

/// Attributes every record of `records` and writes one JSONL line per record, in input order.
///
/// `on_progress` is called with the number of records done after each chunk. Fails only when
/// writing fails; bad records become error lines.
pub fn run(
    attributor: &Attributor,
    records: impl Iterator<Item = InputRecord>,
    output: &mut dyn Write,
    chunk_size: usize,
    mut on_progress: impl FnMut(u64),
) -> std::io::Result<BatchSummary> {
    let mut summary = BatchSummary::default();
    let mut records = records.peekable();
    let mut chunk = Vec::with_capacity(chunk_size);
    while records.peek().is_some() {
        chunk.clear();
        chunk.extend(records.by_ref().take(chunk_size.max(1)));
        let articles: Vec<Article> = chunk
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .cloned()
            .collect();
        let mut results = attributor.attribute_batch(&articles).into_iter();
        let outputs: Vec<OutputRecord> = chunk
            .iter()
            .map(|record| match record {
                Ok(article) => match results.next() {
                    Some(Ok(result)) => OutputRecord::Attributed(result),
                    Some(Err(e)) => failed(Some(article.id.clone()), e.to_string()),
                    None => failed(Some(article.id.clone()), "no result".into()),
                },
                Err(failure) => failed(failure.id.clone(), failure.error.clone()),
            })
            .collect();
        let lines: Vec<(bool, String)> = outputs.par_iter().map(output_line).collect();
        for (failed, line) in lines {
            summary.records += 1;
            summary.failed += u64::from(failed);
            output.write_all(line.as_bytes())?;
            output.write_all(b"\n")?;
        }
        on_progress(summary.records);
    }
    output.flush()?;
    Ok(summary)
}

fn failed(id: Option<String>, error: String) -> OutputRecord {
    OutputRecord::Failed { id, error }
}

/// The JSON line of one output record, and whether it is an error line.
fn output_line(output: &OutputRecord) -> (bool, String) {
    let failed = matches!(output, OutputRecord::Failed { .. });
    // Serialising these plain types cannot fail; fall back to an error line all the same.
    let line = serde_json::to_string(output)
        .unwrap_or_else(|e| format!("{{\"id\":null,\"error\":\"serialisation failed: {e}\"}}"));
    (failed, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_report_each_problem_with_the_id_when_known() {
        let ok = parse_jsonl_record(br#"{"id": 7, "text": "Hi.", "title": "T"}"#, 1).unwrap();
        assert_eq!((ok.id.as_str(), ok.title.as_deref()), ("7", Some("T")));
        let cases: [(&[u8], Option<&str>, &str); 6] = [
            (b"{not json", None, "malformed JSON"),
            (br#"{"id": "a"}"#, Some("a"), "no \"text\""),
            (br#"{"id": "b", "text": 3}"#, Some("b"), "must be a string"),
            (br#"{"text": "x"}"#, None, "no \"id\""),
            (b"[1, 2]", None, "JSON object"),
            (
                b"{\"id\": \"c\", \"text\": \"\xff\xfe\"}",
                Some("c"),
                "invalid UTF-8",
            ),
        ];
        for (line, id, message) in cases {
            let failure = parse_jsonl_record(line, 4).unwrap_err();
            assert_eq!(failure.id.as_deref(), id, "{message}");
            assert!(failure.error.starts_with("line 4: "), "{}", failure.error);
            assert!(failure.error.contains(message), "{}", failure.error);
        }
    }
}
