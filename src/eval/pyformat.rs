//! The two small text formats PDNC's tables use: CSV (RFC 4180, with quoted fields that may
//! span lines) and Python literals inside the fields (`[[6317, 6418]]`, `{'Emma', "Mr. X's"}`).

/// One CSV record and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvRecord {
    /// Line of the record's first character.
    pub line: usize,
    /// The unquoted fields.
    pub fields: Vec<String>,
}

/// Parses CSV: `,` separates fields, `\n` or `\r\n` ends a record, a field in `"` may hold
/// commas, line breaks and `""` for a quote. Blank lines are skipped.
///
/// Fails with a message naming the line of an unterminated quoted field.
pub(crate) fn parse_csv(input: &str) -> Result<Vec<CsvRecord>, String> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let (mut line, mut record_line) = (1, 1);
    let mut in_quotes = false;
    let mut quoted_start = 0;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                _ => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quoted_start = line;
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                end_record(&mut records, &mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!(
            "quoted field opened on line {quoted_start} is never closed"
        ));
    }
    end_record(&mut records, &mut fields, &mut field, record_line);
    Ok(records)
}

/// Closes the current record, skipping blank lines.
fn end_record(
    records: &mut Vec<CsvRecord>,
    fields: &mut Vec<String>,
    field: &mut String,
    line: usize,
) {
    if fields.is_empty() && field.is_empty() {
        return;
    }
    fields.push(std::mem::take(field));
    records.push(CsvRecord {
        line,
        fields: std::mem::take(fields),
    });
}

/// A Python literal value: strings, integers and containers (lists, tuples and sets all become
/// [`PyValue::List`], in written order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PyValue {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A list, tuple or set.
    List(Vec<PyValue>),
    /// `None`, `True`, `False`, `nan` or another bare word.
    Word(String),
}

impl PyValue {
    /// The strings of a flat container, or `None` when it holds anything else.
    pub(crate) fn strings(&self) -> Option<Vec<String>> {
        match self {
            PyValue::List(items) => items
                .iter()
                .map(|item| match item {
                    PyValue::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }

    /// The `[start, end]` pairs of a container of two-integer containers.
    pub(crate) fn int_pairs(&self) -> Option<Vec<(i64, i64)>> {
        match self {
            PyValue::List(items) => items
                .iter()
                .map(|item| match item {
                    PyValue::List(pair) => match pair.as_slice() {
                        [PyValue::Int(a), PyValue::Int(b)] => Some((*a, *b)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }
}

/// Parses one Python literal, e.g. `[[1, 2], [3, 4]]` or `{'a', "b's"}`; `set()` is empty.
pub(crate) fn parse_py(input: &str) -> Result<PyValue, String> {
    let mut parser = PyParser {
        chars: input.chars().collect(),
        at: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at != parser.chars.len() {
        return Err(format!("unexpected text after the value at {}", parser.at));
    }
    Ok(value)
}

/// A recursive-descent parser over the literal's characters.
struct PyParser {
    chars: Vec<char>,
    at: usize,
}

impl PyParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<PyValue, String> {
        self.skip_space();
        match self.peek() {
            Some(open @ ('[' | '(' | '{')) => {
                self.at += 1;
                let close = match open {
                    '[' => ']',
                    '(' => ')',
                    _ => '}',
                };
                self.container(close)
            }
            Some(quote @ ('\'' | '"')) => {
                self.at += 1;
                self.string(quote).map(PyValue::Str)
            }
            Some(c) if c == '-' || c.is_ascii_digit() => self.int(),
            Some(c) if c.is_alphabetic() || c == '_' => self.word(),
            Some(c) => Err(format!("unexpected {c:?} at {}", self.at)),
            None => Err("unexpected end of the literal".into()),
        }
    }

    fn container(&mut self, close: char) -> Result<PyValue, String> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.peek() == Some(close) {
                self.at += 1;
                return Ok(PyValue::List(items));
            }
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(',') => self.at += 1,
                Some(c) if c == close => {}
                _ => return Err(format!("expected ',' or {close:?} at {}", self.at)),
            }
        }
    }

    fn string(&mut self, quote: char) -> Result<String, String> {
        let mut out = String::new();
        loop {
            let c = self.peek().ok_or("unterminated string")?;
            self.at += 1;
            match c {
                c if c == quote => return Ok(out),
                '\\' => {
                    let escaped = self.peek().ok_or("unterminated escape")?;
                    self.at += 1;
                    match escaped {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'x' => out.push(self.hex_char(2)?),
                        'u' => out.push(self.hex_char(4)?),
                        'U' => out.push(self.hex_char(8)?),
                        // `\\`, `\'`, `\"` and anything else: the character itself.
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn hex_char(&mut self, digits: usize) -> Result<char, String> {
        let end = self.at + digits;
        let hex: String = self
            .chars
            .get(self.at..end)
            .ok_or("short escape")?
            .iter()
            .collect();
        self.at = end;
        u32::from_str_radix(&hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| format!("bad escape \\{hex}"))
    }

    fn int(&mut self) -> Result<PyValue, String> {
        let start = self.at;
        self.at += 1;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits
            .parse()
            .map(PyValue::Int)
            .map_err(|_| format!("bad number {digits:?}"))
    }

    fn word(&mut self) -> Result<PyValue, String> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        // `set()` is how Python writes an empty set.
        if word == "set" && self.chars.get(self.at..self.at + 2) == Some(&['(', ')']) {
            self.at += 2;
            return Ok(PyValue::List(Vec::new()));
        }
        Ok(PyValue::Word(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes_commas_and_line_breaks() {
        let input = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n\n2,,last\n";
        let records = parse_csv(input).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(records[1].fields, ["1", "x, y", "say \"hi\"\nthere"]);
        assert_eq!(records[1].line, 2);
        assert_eq!(records[2].fields, ["2", "", "last"]);
        assert_eq!(records[2].line, 5);
    }

    #[test]
    fn csv_without_final_newline_and_unterminated_quote() {
        assert_eq!(parse_csv("a,b").unwrap()[0].fields, ["a", "b"]);
        assert!(parse_csv("a,\"b\n").unwrap_err().contains("line 1"));
        assert!(parse_csv("").unwrap().is_empty());
    }

    #[test]
    fn python_literals_nest() {
        let spans = parse_py("[[6317, 6418], [7000, 7010]]").unwrap();
        assert_eq!(spans.int_pairs(), Some(vec![(6317, 6418), (7000, 7010)]));
        let names = parse_py(r#"{'Emma', "Mr. Knightley's", 'Miss\'s', 'a\nb'}"#).unwrap();
        assert_eq!(
            names.strings().unwrap(),
            ["Emma", "Mr. Knightley's", "Miss's", "a\nb"]
        );
        assert_eq!(parse_py("set()").unwrap().strings(), Some(vec![]));
        assert_eq!(
            parse_py("('x',)").unwrap().strings(),
            Some(vec!["x".into()])
        );
        assert_eq!(
            parse_py(r"'\xe9\u00e9'").unwrap(),
            PyValue::Str("éé".into())
        );
        assert_eq!(parse_py("nan").unwrap(), PyValue::Word("nan".into()));
    }

    #[test]
    fn python_literal_errors() {
        assert!(parse_py("[1, 2").is_err());
        assert!(parse_py("'open").is_err());
        assert!(parse_py("[1] x").is_err());
        assert!(parse_py("").is_err());
        assert_eq!(parse_py("['a', 1]").unwrap().strings(), None);
        assert_eq!(parse_py("[[1, 2, 3]]").unwrap().int_pairs(), None);
    }
}
