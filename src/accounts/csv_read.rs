//! Reading one CRM export: bytes -> `CsvFile` (header + body), then the key column's field of
//! every row, with the line it starts on.
//!
//! Owns everything about the file format: UTF-8 (with or without BOM; UTF-16 and other
//! encodings are refused with their line), CRLF, CR-only and LF line ends, the delimiter
//! (`,` `;` tab or `|`, sniffed from the header, or Excel's `sep=` line), quoted fields with
//! `""` escapes and line breaks, ragged rows and blank lines. It knows nothing about keys.
//!
//! The whole file is read into memory once: a CRM export is at most a few hundred megabytes,
//! and one contiguous buffer lets rows without quotes be sliced in place, which is what keeps
//! a million-row export fast. Only rows with a quote take the slower, general path.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use memchr::{memchr, memchr2, memchr_iter};

use super::input_error::{InputError, Problem};
use super::progress::Progress;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Rows between two progress updates: often enough for a smooth bar, rare enough to cost nothing.
const PROGRESS_EVERY: u32 = 1 << 16;

/// One export, read and checked, with its header row parsed.
#[derive(Debug)]
pub struct CsvFile {
    path: PathBuf,
    text: String,
    delimiter: u8,
    headers: Vec<String>,
    header_line: u64,
    /// Byte offset and line number of the first row below the header.
    body: usize,
    body_line: u64,
}

impl CsvFile {
    /// Reads and checks `path`.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        let bytes =
            std::fs::read(path).map_err(|e| InputError::new(path, None, Problem::Unreadable(e)))?;
        Self::from_bytes(path, bytes)
    }

    /// Checks `bytes` as the contents of `path` (which is only used in messages).
    pub fn from_bytes(path: &Path, mut bytes: Vec<u8>) -> Result<Self, InputError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::new(path, Some(1), Problem::Utf16));
        }
        // Old Mac exports end lines with a lone CR. Same length, so offsets stay valid.
        if memchr(b'\n', &bytes).is_none() && memchr(b'\r', &bytes).is_some() {
            for byte in &mut bytes {
                if *byte == b'\r' {
                    *byte = b'\n';
                }
            }
        }
        let text = String::from_utf8(bytes).map_err(|err| {
            let bytes = err.as_bytes();
            let at = err.utf8_error().valid_up_to();
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line = 1 + memchr_iter(b'\n', &bytes[..at]).count() as u64;
            let problem = Problem::NotUtf8 {
                column: (at - line_start + 1) as u64,
                byte: bytes[at],
            };
            InputError::new(path, Some(line), problem)
        })?;

        let mut pos = if text.as_bytes().starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        let mut line = 1;
        // Leading blank lines are not a header.
        while let Some(end) = line_end(&text, pos) {
            if !text[pos..end].trim().is_empty() {
                break;
            }
            pos = next_line(&text, end);
            line += 1;
        }
        if pos >= text.len() {
            return Err(InputError::new(path, None, Problem::Empty));
        }

        // Excel writes `sep=;` above the header when it saves with a non-default separator.
        let first = &text[pos..line_end(&text, pos).unwrap_or(text.len())];
        let first = first.trim_end_matches('\r');
        let delimiter = match first.strip_prefix("sep=").map(str::as_bytes) {
            Some(&[sep]) if sep == b'\t' || (sep.is_ascii_punctuation() && sep != b'"') => {
                pos = next_line(&text, pos + first.len());
                line += 1;
                sep
            }
            _ => sniff_delimiter(first.as_bytes()),
        };

        let mut headers = Vec::new();
        let mut keep = |_, field: &str| headers.push(field.trim().to_string());
        let (body, body_line) =
            parse_record(&text, pos, delimiter, line, &mut String::new(), &mut keep)
                .map_err(|open| InputError::new(path, Some(open), Problem::UnterminatedQuote))?;

        let file = CsvFile {
            path: path.to_path_buf(),
            text,
            delimiter,
            headers,
            header_line: line,
            body,
            body_line,
        };
        if file.text[body..].trim().is_empty() {
            return Err(InputError::new(path, Some(line), Problem::NoRows));
        }
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The header row, fields trimmed.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The line the header row starts on, for messages about it.
    pub fn header_line(&self) -> u64 {
        self.header_line
    }

    /// Size in bytes, for progress.
    pub fn len(&self) -> u64 {
        self.text.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Calls `visit(line, field)` for each row below the header, in file order: `field` is
    /// the row's `column` (0-based, untrimmed, unquoted), or `None` when the row is too short
    /// to have it. Blank lines are not rows. `visit` may stop early with `Break`.
    pub fn for_each_field<F>(
        &self,
        column: usize,
        progress: &Progress,
        mut visit: F,
    ) -> Result<(), InputError>
    where
        F: FnMut(u64, Option<&str>) -> ControlFlow<()>,
    {
        let text = self.text.as_str();
        let bytes = text.as_bytes();
        let (mut pos, mut line) = (self.body, self.body_line);
        let (mut scratch, mut field_buffer) = (String::new(), String::new());
        let mut rows_since_tick = 0u32;
        let mut ticked_at = pos;
        while pos < bytes.len() {
            let newline = memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
            let row = trim_cr(&bytes[pos..newline]);
            let row_line = line;
            let flow = if row.is_empty() {
                pos = newline + 1;
                line += 1;
                ControlFlow::Continue(())
            } else if memchr(b'"', row).is_none() {
                // The common case: no quotes, so the row is this line and fields are slices.
                let field = nth_field(row, self.delimiter, column)
                    .map(|(start, end)| &text[pos + start..pos + end]);
                pos = newline + 1;
                line += 1;
                visit(row_line, field)
            } else {
                let mut found = false;
                scratch.clear();
                let mut keep = |i, field: &str| {
                    if i == column {
                        scratch.push_str(field);
                        found = true;
                    }
                };
                (pos, line) = parse_record(
                    text,
                    pos,
                    self.delimiter,
                    line,
                    &mut field_buffer,
                    &mut keep,
                )
                .map_err(|open| {
                    InputError::new(&self.path, Some(open), Problem::UnterminatedQuote)
                })?;
                visit(row_line, found.then_some(scratch.as_str()))
            };
            if flow.is_break() {
                break;
            }
            rows_since_tick += 1;
            if rows_since_tick == PROGRESS_EVERY {
                progress.advance((pos.min(bytes.len()) - ticked_at) as u64);
                rows_since_tick = 0;
                ticked_at = pos.min(bytes.len());
            }
        }
        progress.advance((pos.min(bytes.len()) - ticked_at) as u64);
        Ok(())
    }
}

/// The end of the line starting at `pos` (the `\n`, or the end of text), or `None` at the end.
fn line_end(text: &str, pos: usize) -> Option<usize> {
    (pos < text.len())
        .then(|| memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i))
}

fn next_line(text: &str, end: usize) -> usize {
    (end + 1).min(text.len())
}

fn trim_cr(row: &[u8]) -> &[u8] {
    row.strip_suffix(b"\r").unwrap_or(row)
}

/// Byte range of field `n` in a row without quotes.
fn nth_field(row: &[u8], delimiter: u8, n: usize) -> Option<(usize, usize)> {
    let mut delimiters = memchr_iter(delimiter, row);
    let mut start = 0;
    for _ in 0..n {
        start = delimiters.next()? + 1;
    }
    Some((start, delimiters.next().unwrap_or(row.len())))
}

/// The delimiter used most often (outside quotes) in the header line; `,` when none is.
fn sniff_delimiter(header: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &byte in header {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = CANDIDATES.iter().position(|&c| c == byte) {
                counts[i] += 1;
            }
        }
    }
    // `max_by_key` keeps the last maximum; scanning in reverse makes ties go to `,`.
    let best = (0..4).rev().max_by_key(|&i| counts[i]).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        CANDIDATES[best]
    }
}

/// Parses the record starting at `pos`, calling `on_field(index, text)` for each field
/// (unquoted, `""` unescaped; `field` is scratch space reused across calls). Returns the position and line after the record, or the line
/// of a quote that is never closed.
///
/// Lenient where exports are sloppy: a quote inside an unquoted field is kept as written, and
/// so is text between a closing quote and the next delimiter.
fn parse_record(
    text: &str,
    mut pos: usize,
    delimiter: u8,
    mut line: u64,
    field: &mut String,
    on_field: &mut dyn FnMut(usize, &str),
) -> Result<(usize, u64), u64> {
    let bytes = text.as_bytes();
    let mut index = 0;
    loop {
        field.clear();
        if bytes.get(pos) == Some(&b'"') {
            let open_line = line;
            pos += 1;
            loop {
                let quote = memchr(b'"', &bytes[pos..]).ok_or(open_line)? + pos;
                line += memchr_iter(b'\n', &bytes[pos..quote]).count() as u64;
                field.push_str(&text[pos..quote]);
                if bytes.get(quote + 1) == Some(&b'"') {
                    field.push('"');
                    pos = quote + 2;
                } else {
                    pos = quote + 1;
                    break;
                }
            }
        }
        let stop = memchr2(delimiter, b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let rest = &text[pos..stop];
        field.push_str(if bytes.get(stop) == Some(&delimiter) {
            rest
        } else {
            rest.strip_suffix('\r').unwrap_or(rest)
        });
        on_field(index, field);
        index += 1;
        pos = stop;
        match bytes.get(pos) {
            Some(&b) if b == delimiter => pos += 1,
            Some(_) => return Ok((pos + 1, line + 1)),
            None => return Ok((pos, line + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bytes: &[u8]) -> Result<CsvFile, InputError> {
        CsvFile::from_bytes(Path::new("t.csv"), bytes.to_vec())
    }

    fn rows(bytes: &[u8], column: usize) -> Vec<(u64, Option<String>)> {
        let mut out = Vec::new();
        file(bytes)
            .unwrap()
            .for_each_field(column, &Progress::hidden(), |line, field| {
                out.push((line, field.map(str::to_string)));
                ControlFlow::Continue(())
            })
            .unwrap();
        out
    }

    fn some(line: u64, s: &str) -> (u64, Option<String>) {
        (line, Some(s.to_string()))
    }

    #[test]
    fn reads_plain_rows_with_line_numbers() {
        let got = rows(b"name,website\nAcme,acme.com\nGlobex,globex.com\n", 1);
        assert_eq!(got, vec![some(2, "acme.com"), some(3, "globex.com")]);
    }

    #[test]
    fn strips_bom_and_crlf() {
        let f = file(b"\xEF\xBB\xBFWebsite\r\nacme.com\r\n").unwrap();
        assert_eq!(f.headers(), ["Website"]);
        assert_eq!(
            rows(b"\xEF\xBB\xBFWebsite\r\nacme.com\r\n", 0),
            vec![some(2, "acme.com")]
        );
    }

    #[test]
    fn reads_cr_only_line_ends() {
        assert_eq!(
            rows(b"website\racme.com\rglobex.com", 0),
            vec![some(2, "acme.com"), some(3, "globex.com")]
        );
    }

    #[test]
    fn unquotes_fields_with_delimiters_escapes_and_line_breaks() {
        let csv = b"name,site\n\"Acme, \"\"the\"\" Inc.\",acme.com\n\"Multi\r\nline\",m.com\nlast,l.com\n";
        assert_eq!(
            rows(csv, 0),
            vec![
                some(2, "Acme, \"the\" Inc."),
                some(3, "Multi\r\nline"),
                some(5, "last")
            ]
        );
        assert_eq!(
            rows(csv, 1),
            vec![some(2, "acme.com"), some(3, "m.com"), some(5, "l.com")]
        );
    }

    #[test]
    fn short_rows_have_no_field_and_blank_lines_are_not_rows() {
        let got = rows(b"a,b,c\n1,2,3\n\n1\n1,2,3,4\n", 2);
        assert_eq!(got, vec![some(2, "3"), (4, None), some(5, "3")]);
    }

    #[test]
    fn sniffs_semicolon_tab_and_sep_line() {
        assert_eq!(
            rows(b"name;website\nAcme;acme.com\n", 1),
            vec![some(2, "acme.com")]
        );
        assert_eq!(
            rows(b"name\twebsite\nAcme\tacme.com\n", 1),
            vec![some(2, "acme.com")]
        );
        assert_eq!(
            rows(b"sep=;\nname;website\nA, B;acme.com\n", 0),
            vec![some(3, "A, B")]
        );
    }

    #[test]
    fn unterminated_quote_names_the_line_it_opens_on() {
        let err = file(b"name\nok\n\"broken\nmore\n")
            .unwrap()
            .for_each_field(0, &Progress::hidden(), |_, _| ControlFlow::Continue(()))
            .unwrap_err();
        assert!(matches!(err.problem, Problem::UnterminatedQuote));
        assert_eq!(err.line, Some(3));
        let header = file(b"\"name\nok\n").unwrap_err();
        assert!(matches!(header.problem, Problem::UnterminatedQuote));
        assert_eq!(header.line, Some(1));
    }

    #[test]
    fn refuses_bad_encodings_with_line_and_column() {
        let err = file(b"name\nAcme\nSoci\xE9t\xE9\n").unwrap_err();
        assert!(matches!(
            err.problem,
            Problem::NotUtf8 {
                column: 5,
                byte: 0xE9
            }
        ));
        assert_eq!(err.line, Some(3));
        let err = file(b"\xFF\xFEn\0").unwrap_err();
        assert!(matches!(err.problem, Problem::Utf16));
    }

    #[test]
    fn refuses_empty_files_and_header_only_files() {
        assert!(matches!(file(b"").unwrap_err().problem, Problem::Empty));
        assert!(matches!(
            file(b"\xEF\xBB\xBF\r\n \n").unwrap_err().problem,
            Problem::Empty
        ));
        assert!(matches!(
            file(b"website\n\n").unwrap_err().problem,
            Problem::NoRows
        ));
    }

    #[test]
    fn keeps_stray_quotes_as_written() {
        assert_eq!(
            rows(b"name\nAcme \"Best\" Co\n\"Acme\" Inc\n", 0),
            vec![some(2, "Acme \"Best\" Co"), some(3, "Acme Inc")]
        );
    }

    proptest::proptest! {
        /// Whatever the bytes, reading returns rows or an error: it never panics or loops.
        #[test]
        fn never_panics_on_any_bytes(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"a,;\t|\"\r\n \xC3\xA9\xEF\xBB\xBF\xFFsep=".to_vec()),
                0..200,
            ),
            column in 0usize..4,
        ) {
            if let Ok(file) = CsvFile::from_bytes(Path::new("p.csv"), bytes) {
                let mut rows = 0;
                let _ = file.for_each_field(column, &Progress::hidden(), |_, _| {
                    rows += 1;
                    ControlFlow::Continue(())
                });
                proptest::prop_assert!(rows <= 200);
            }
        }
    }
}
