//! Reading one CRM export: bytes -> `CsvFile` (header + body), then the key column's field of
//! every row, with the line it starts on.
//!
//! Owns everything about the file format: UTF-8 (with or without BOM; UTF-16 and other
//! encodings are refused with their line), CRLF, CR and LF line ends, the delimiter (`,` `;`
//! tab or `|`, sniffed from the header, or Excel's `sep=` line), quoted fields with `""`
//! escapes and line breaks, ragged rows and blank lines. It knows nothing about keys. The
//! `csv` crate splits the records; this module adds what `csv` leaves to its caller: the
//! encoding checks, where the header is, the delimiter, and file:line for every row and for
//! a quote that is never closed.
//!
//! The whole file is read into memory once: a CRM export is at most a few hundred megabytes,
//! its encoding is checked in one pass before any row is read, and each pass over the rows
//! (sniffing the key column, collecting keys, looking up lines for `--out`) reads from it.

use std::borrow::Cow;
use std::io::{Chain, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use memchr::{memchr, memchr_iter};

use super::input_error::{InputError, Problem};
use super::progress::Progress;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Rows between two progress updates: often enough for a smooth bar, rare enough to cost nothing.
const PROGRESS_EVERY: u32 = 1 << 16;
/// Appended to the text handed to `csv`, which reads a quote left open to the end of its
/// input without complaint. A closed last record ends at this line break and the `\0` after
/// it is a record of its own; an open quote swallows both, so its record ends past the text.
const SENTINEL: &[u8] = b"\n\0";

/// One export, read and checked, with its header row parsed.
#[derive(Debug)]
pub struct CsvFile {
    path: PathBuf,
    text: String,
    delimiter: u8,
    headers: Vec<String>,
    header_line: u64,
    /// Byte offset and line number where reading starts: the header, or blank lines above it.
    start: usize,
    start_line: u64,
}

impl CsvFile {
    /// Reads and checks `path`.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        let bytes = crate::read_file::read(path, None)
            .map_err(|e| InputError::new(path, None, Problem::Unreadable(e)))?;
        Self::from_bytes(path, bytes)
    }

    /// Checks `bytes` as the contents of `path` (which is only used in messages).
    pub fn from_bytes(path: &Path, mut bytes: Vec<u8>) -> Result<Self, InputError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::new(path, Some(1), Problem::Utf16));
        }
        // Old Mac exports end lines with a lone CR. `csv` reads those, but a line number
        // counts line feeds; same length, so offsets stay valid.
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
        // Leading blank lines, spaces and all, are not a header (`csv` skips only empty ones).
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

        let mut rows = Rows::new(path, &text, pos, line, delimiter);
        let (header_line, headers) = match rows.next()? {
            Some((header_line, record)) => {
                let headers = (0..record.len()).filter_map(|i| field(record, i));
                (header_line, headers.map(|h| h.trim().to_string()).collect())
            }
            None => (line, Vec::new()),
        };
        if text[rows.read_to()..].trim().is_empty() {
            return Err(InputError::new(path, Some(header_line), Problem::NoRows));
        }
        Ok(CsvFile {
            path: path.to_path_buf(),
            text,
            delimiter,
            headers,
            header_line,
            start: pos,
            start_line: line,
        })
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
        let mut rows = Rows::new(
            &self.path,
            &self.text,
            self.start,
            self.start_line,
            self.delimiter,
        );
        rows.next()?; // the header, read and checked in `from_bytes`
        let mut rows_since_tick = 0u32;
        let mut ticked_at = self.start;
        while let Some((line, record)) = rows.next()? {
            if visit(line, field(record, column).as_deref()).is_break() {
                break;
            }
            rows_since_tick += 1;
            if rows_since_tick == PROGRESS_EVERY {
                let at = rows.read_to();
                progress.advance((at - ticked_at) as u64);
                (rows_since_tick, ticked_at) = (0, at);
            }
        }
        progress.advance((rows.read_to() - ticked_at) as u64);
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

/// Field `i` of a record, unquoted, or `None` past the end of the record.
fn field(record: &csv::ByteRecord, i: usize) -> Option<Cow<'_, str>> {
    let field = record.get(i)?;
    // The fields are UTF-8 text split at ASCII bytes, so this borrows and never replaces;
    // checking first is the quick way when it borrows.
    Some(match std::str::from_utf8(field) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(field),
    })
}

/// The records of a file from one offset on, as `csv` splits them, each with the line it
/// starts on.
///
/// Lenient where exports are sloppy, as `csv` is: a quote inside an unquoted field is kept as
/// written, and so is text between a closing quote and the next delimiter.
struct Rows<'a> {
    path: &'a Path,
    /// The file's text from where reading starts.
    text: &'a [u8],
    /// Where `text` starts in the file, and on which line.
    offset: usize,
    first_line: u64,
    reader: csv::Reader<Chain<&'a [u8], &'static [u8]>>,
    record: csv::ByteRecord,
}

impl<'a> Rows<'a> {
    fn new(path: &'a Path, text: &'a str, offset: usize, first_line: u64, delimiter: u8) -> Self {
        let text = &text.as_bytes()[offset..];
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(text.chain(SENTINEL));
        Rows {
            path,
            text,
            offset,
            first_line,
            reader,
            record: csv::ByteRecord::new(),
        }
    }

    /// The next record and the line it starts on, or `None` after the last.
    fn next(&mut self) -> Result<Option<(u64, &csv::ByteRecord)>, InputError> {
        let before = self.reader.position().clone();
        let read = self.reader.read_byte_record(&mut self.record);
        // Reading from memory, with ragged rows allowed, `csv` has no reason to fail.
        let read =
            read.map_err(|e| InputError::new(self.path, None, Problem::Unreadable(e.into())))?;
        // `csv` skips blank lines before a record but dates it from where they began.
        let from = before.byte() as usize;
        let blank = self.text.get(from..).unwrap_or_default();
        let start = from
            + blank
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        if !read || start >= self.text.len() {
            return Ok(None); // only the sentinel is left
        }
        let blank_lines = memchr_iter(b'\n', &self.text[from..start]).count();
        let line = self.first_line + before.line() - 1 + blank_lines as u64;
        if self.reader.position().byte() as usize > self.text.len() + 1 {
            // Only a field's first byte opens a quote, so the open one starts the last
            // field, and the fields before it hold every line break above it.
            let fields = self.record.len().saturating_sub(1);
            let above: usize = (0..fields)
                .map(|i| memchr_iter(b'\n', &self.record[i]).count())
                .sum();
            let open = Some(line + above as u64);
            return Err(InputError::new(self.path, open, Problem::UnterminatedQuote));
        }
        Ok(Some((line, &self.record)))
    }

    /// The file offset read up to.
    fn read_to(&self) -> usize {
        self.offset + (self.reader.position().byte() as usize).min(self.text.len())
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

    #[test]
    fn crlf_blank_lines_are_not_rows_and_any_line_end_ends_a_row() {
        assert_eq!(
            rows(b"name,site\r\n\r\nA,a.com\r\n\r\nB,b.com\rC,c.com\n", 1),
            vec![some(3, "a.com"), some(5, "b.com"), some(5, "c.com")]
        );
        assert_eq!(rows(b"name\r\n\"A\r\"\r\n", 0), vec![some(2, "A\r")]);
    }

    #[test]
    fn unterminated_quote_after_a_multi_line_field_names_the_quote_s_line() {
        let err = file(b"name,note\n\"Acme\nInc\",\"open\nmore\n")
            .unwrap()
            .for_each_field(0, &Progress::hidden(), |_, _| ControlFlow::Continue(()))
            .unwrap_err();
        assert!(matches!(err.problem, Problem::UnterminatedQuote));
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn last_row_without_a_line_end_is_read() {
        assert_eq!(
            rows(b"site\na.com\n\"b.com\"", 0),
            vec![some(2, "a.com"), some(3, "b.com")]
        );
        assert_eq!(rows(b"site\r\na.com\r", 0), vec![some(2, "a.com")]);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_before_the_header_and_kept_in_rows() {
        let f = file(b"\xEF\xBB\xBFsep=;\n\xEF\xBB\xBFsite\na.com\n").unwrap();
        assert_eq!(f.headers(), ["site"]);
        assert_eq!(
            rows(b"site\n\xEF\xBB\xBFa.com\n", 0),
            vec![some(2, "\u{feff}a.com")]
        );
    }

    #[test]
    fn blank_lines_below_the_sep_line_are_not_the_header() {
        let f = file(b"sep=;\n\n\r\nname;site\nA;a.com\n").unwrap();
        assert_eq!(
            (f.headers(), f.header_line()),
            (&["name".into(), "site".into()][..], 4)
        );
        assert_eq!(
            rows(b"sep=;\n\nname;site\nA;a.com\n", 1),
            vec![some(4, "a.com")]
        );
        let only_sep = file(b"sep=;\n\n").unwrap_err();
        assert!(matches!(only_sep.problem, Problem::NoRows));
        assert_eq!(only_sep.line, Some(2));
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
