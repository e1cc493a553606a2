//! Reading one export: a file -> `CsvFile` (header checked and parsed), then the key
//! column's field of every row, with the line it starts on.
//!
//! Owns everything about the file format: UTF-8 (with or without BOM; UTF-16 and other
//! encodings are refused with their line), CRLF, CR and LF line ends, the delimiter (`,` `;`
//! tab or `|`, sniffed from the header, or Excel's `sep=` line), quoted fields with `""`
//! escapes and line breaks, ragged rows and blank lines. It knows nothing about keys. The
//! `csv` crate splits the records; this module adds what `csv` leaves to its caller: the
//! encoding checks, where the header is, the delimiter, and file:line for every row and for
//! a quote that is never closed.
//!
//! The file is never held whole: each pass (checking the encoding, sniffing the key column,
//! collecting keys, looking up lines for `--out`) streams it from the open handle in 64 KiB
//! chunks, so memory stays flat however large the export. Loading streams it once to check
//! the encoding before any row is read, as a whole-file check would.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Chain, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use memchr::{memchr, memchr_iter, memrchr};

use crate::error::{Error, Problem};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Rows between two progress updates: often enough for a smooth bar, rare enough to cost nothing.
const PROGRESS_EVERY: u32 = 1 << 16;
/// Bytes read at a time, here and by `csv`.
const CHUNK: usize = 1 << 16;
/// Rows read after the header to estimate the file's row count from its size.
const SAMPLE_ROWS: u64 = 1024;
/// Appended to the text handed to `csv`, which reads a quote left open to the end of its
/// input without complaint. A closed last record ends at this line break and the `\0` after
/// it is a record of its own; an open quote swallows both, so its record ends past the text.
const SENTINEL: &[u8] = b"\n\0";

/// Where an export's bytes come from.
#[derive(Debug)]
enum Source {
    /// An open file, read again from the same handle on every pass (the passes on one file
    /// never overlap), so a file renamed or replaced meanwhile is not mixed in.
    File(File),
    /// Bytes already in memory (tests and fuzzing).
    Memory(Vec<u8>),
}

/// One export, opened and checked, with its header row parsed.
#[derive(Debug)]
pub struct CsvFile {
    path: PathBuf,
    source: Source,
    len: u64,
    /// No line feed anywhere but carriage returns: an old Mac export, read with each CR as
    /// a line feed (same length, so offsets stay valid).
    cr_only: bool,
    delimiter: u8,
    headers: Vec<String>,
    header_line: u64,
    /// Byte offset and line number where reading starts: the header, or blank lines above it.
    start: u64,
    start_line: u64,
    rows_estimate: u64,
}

impl CsvFile {
    /// Opens and checks `path`.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let unreadable = |e| Error::new(path, None, Problem::Unreadable(e));
        let file = open_regular(path).map_err(unreadable)?;
        let len = file.metadata().map_err(unreadable)?.len();
        Self::check(path, Source::File(file), len)
    }

    /// Checks `bytes` as the contents of `path` (which is only used in messages).
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self, Error> {
        let len = bytes.len() as u64;
        Self::check(path, Source::Memory(bytes), len)
    }

    fn check(path: &Path, source: Source, len: u64) -> Result<Self, Error> {
        let mut file = CsvFile {
            path: path.to_path_buf(),
            source,
            len,
            cr_only: false,
            delimiter: b',',
            headers: Vec::new(),
            header_line: 1,
            start: 0,
            start_line: 1,
            rows_estimate: 0,
        };
        let unreadable = |e| Error::new(path, None, Problem::Unreadable(e));
        let mut first = [0u8; file_safety::encoding::SNIFF_BYTES];
        let got =
            read_up_to(&mut file.raw(0).map_err(unreadable)?, &mut first).map_err(unreadable)?;
        let first = &first[..got];
        if let Some(encoding) = file_safety::encoding::utf16(first) {
            return Err(Error::new(path, Some(1), Problem::Utf16(encoding)));
        }
        file.cr_only = file.cr_only_line_ends().map_err(unreadable)?;
        let content_end = file.check_utf8()?;

        let mut pos = if first.starts_with(UTF8_BOM) {
            UTF8_BOM.len() as u64
        } else {
            0
        };
        let mut line = 1;
        // Leading blank lines, spaces and all, are not a header (`csv` skips only empty ones).
        let mut lines = BufReader::new(file.open(pos).map_err(unreadable)?);
        let mut text = Vec::new();
        let (first, first_len) = loop {
            text.clear();
            let read = lines.read_until(b'\n', &mut text).map_err(unreadable)?;
            if read == 0 {
                return Err(Error::new(path, None, Problem::Empty));
            }
            let content = text.strip_suffix(b"\n").unwrap_or(&text);
            if !String::from_utf8_lossy(content).trim().is_empty() {
                break (content, read as u64);
            }
            pos += read as u64;
            line += 1;
        };

        // Excel writes `sep=;` above the header when it saves with a non-default separator.
        let first = first.strip_suffix(b"\r").unwrap_or(first);
        let delimiter = match first.strip_prefix(b"sep=") {
            Some(&[sep]) if sep == b'\t' || (sep.is_ascii_punctuation() && sep != b'"') => {
                // Past the whole line, CR and all, so the header's line number is right.
                pos += first_len;
                line += 1;
                sep
            }
            _ => sniff_delimiter(first),
        };
        drop(lines);
        (file.delimiter, file.start, file.start_line) = (delimiter, pos, line);

        let mut rows = Rows::new(&file, pos, line)?;
        let (header_line, headers) = match rows.next()? {
            Some((header_line, record)) => {
                let headers = (0..record.len()).filter_map(|i| field(record, i));
                (header_line, headers.map(|h| h.trim().to_string()).collect())
            }
            None => (line, Vec::new()),
        };
        let header_end = rows.read_to();
        if content_end <= header_end {
            return Err(Error::new(path, Some(header_line), Problem::NoRows));
        }
        // The first rows' length and the file's size give the row count closely enough to
        // size the maps once; a quote left open here is reported when the rows are read.
        let mut sampled = 0;
        while sampled < SAMPLE_ROWS && matches!(rows.next(), Ok(Some(_))) {
            sampled += 1;
        }
        let sample_bytes = rows.read_to().saturating_sub(header_end).max(1);
        let rows_estimate = (len - header_end).saturating_mul(sampled) / sample_bytes;
        drop(rows);
        file.headers = headers;
        file.header_line = header_line;
        // A row takes at least a character and a line end: short first rows cannot ask for
        // more room than the file could fill.
        file.rows_estimate = rows_estimate.max(sampled).min((len - header_end) / 2 + 1);
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
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// About how many rows are below the header, from the first rows' length: for sizing
    /// what holds one entry per row.
    pub fn rows_estimate(&self) -> u64 {
        self.rows_estimate
    }

    /// Calls `visit(line, field)` for each row below the header, in file order: `field` is
    /// the row's `column` (0-based, untrimmed, unquoted), or `None` when the row is too short
    /// to have it. Blank lines are not rows. `visit` may stop early with `Break`.
    /// `progress` is told the bytes read since it was last told, now and then and at the end.
    pub fn for_each_field<F>(
        &self,
        column: usize,
        progress: &dyn Fn(u64),
        mut visit: F,
    ) -> Result<(), Error>
    where
        F: FnMut(u64, Option<&str>) -> ControlFlow<()>,
    {
        let mut rows = Rows::new(self, self.start, self.start_line)?;
        rows.next()?; // the header, read and checked in `check`
        let mut rows_since_tick = 0u32;
        let mut ticked_at = self.start;
        while let Some((line, record)) = rows.next()? {
            if visit(line, field(record, column).as_deref()).is_break() {
                break;
            }
            rows_since_tick += 1;
            if rows_since_tick == PROGRESS_EVERY {
                let at = rows.read_to();
                progress(at - ticked_at);
                (rows_since_tick, ticked_at) = (0, at);
            }
        }
        progress(rows.read_to().saturating_sub(ticked_at));
        Ok(())
    }

    /// Calls `visit(line, row)` for each row below the header, in file order, with every
    /// field of the row: for readers that need several columns (a deal's amount, stage and
    /// dates). Blank lines are not rows; `visit` may stop early with `Break`.
    ///
    /// The rows are split a batch at a time, and the next batch is split on another thread
    /// while `visit` works through the last: splitting is a third of reading a deal export,
    /// and `visit` stays on one thread, in order, with its state unshared.
    pub fn for_each_row<F>(&self, mut visit: F) -> Result<(), Error>
    where
        F: FnMut(u64, &Row<'_>) -> ControlFlow<()> + Send,
    {
        let mut rows = Rows::new(self, self.start, self.start_line)?;
        rows.next()?; // the header, read and checked in `check`
        let (mut ready, mut next) = (Batch::default(), Batch::default());
        ready.fill(&mut rows);
        loop {
            let (visited, ()) = rayon::join(
                || {
                    for (line, record) in ready.rows() {
                        visit(line, &Row(record))?;
                    }
                    ControlFlow::Continue(())
                },
                || {
                    if !ready.last() {
                        next.fill(&mut rows);
                    }
                },
            );
            if visited.is_break() {
                return Ok(());
            }
            if ready.last() {
                return ready.error.map_or(Ok(()), Err);
            }
            std::mem::swap(&mut ready, &mut next);
        }
    }

    /// The bytes from `pos` on, as they are stored.
    /// Hands every byte of the export, as stored, to `visit`, a chunk at a time, from the
    /// same handle the rows are read from: a digest made this way is of the file that was
    /// read, even when another file has since taken its name.
    pub fn for_each_chunk(&self, mut visit: impl FnMut(&[u8])) -> Result<(), Error> {
        let unreadable = |e| Error::new(&self.path, None, Problem::Unreadable(e));
        let mut raw = self.raw(0).map_err(unreadable)?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let got = match raw.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(got) => got,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(unreadable(e)),
            };
            visit(&buf[..got]);
        }
    }

    fn raw(&self, pos: u64) -> io::Result<Box<dyn Read + Send + '_>> {
        Ok(match &self.source {
            Source::File(file) => {
                let mut file = file;
                file.seek(SeekFrom::Start(pos))?;
                Box::new(file)
            }
            Source::Memory(bytes) => Box::new(bytes.get(pos as usize..).unwrap_or_default()),
        })
    }

    /// The text from `pos` on, line ends as read.
    fn open(&self, pos: u64) -> io::Result<Feed<'_>> {
        Ok(Feed::new(self.raw(pos)?, self.cr_only))
    }

    /// Whether the file ends lines with a lone CR: no line feed at all, and some CR. Stops
    /// at the first line feed, so an ordinary export is read no further than its first line.
    fn cr_only_line_ends(&self) -> io::Result<bool> {
        let mut raw = self.raw(0)?;
        let mut buf = vec![0u8; CHUNK];
        let mut cr = false;
        loop {
            let n = raw.read(&mut buf)?;
            if n == 0 {
                return Ok(cr);
            }
            if memchr(b'\n', &buf[..n]).is_some() {
                return Ok(false);
            }
            cr = cr || memchr(b'\r', &buf[..n]).is_some();
        }
    }

    /// Streams the whole file once: it must be UTF-8, or the first bad byte is reported with
    /// its line and column. Returns where its last non-blank character ends.
    fn check_utf8(&self) -> Result<u64, Error> {
        let unreadable = |e| Error::new(&self.path, None, Problem::Unreadable(e));
        let mut feed = self.open(0).map_err(unreadable)?;
        // Room for a chunk after the up to 3 bytes of a character split by the last one.
        let mut buf = vec![0u8; CHUNK + 4];
        let (mut carry, mut at, mut content_end) = (0usize, 0u64, 0u64);
        loop {
            let n = feed.read(&mut buf[carry..]).map_err(unreadable)?;
            let data = &buf[..carry + n];
            let (text, valid) = match std::str::from_utf8(data) {
                Ok(text) => (text, data.len()),
                // A character split at the end of the chunk: the next read completes it.
                Err(err) if err.error_len().is_none() && n > 0 => {
                    let valid = err.valid_up_to();
                    let text = std::str::from_utf8(&data[..valid]).unwrap_or_default();
                    (text, valid)
                }
                Err(err) => {
                    let bad = at + err.valid_up_to() as u64;
                    let byte = data[err.valid_up_to()];
                    let (line, line_start) = self.line_at(bad).map_err(unreadable)?;
                    let column = bad - line_start + 1;
                    let problem = Problem::NotUtf8 { column, byte };
                    return Err(Error::new(&self.path, Some(line), problem));
                }
            };
            let content = text.trim_end().len();
            if content > 0 {
                content_end = at + content as u64;
            }
            if n == 0 {
                return Ok(content_end);
            }
            buf.copy_within(valid..carry + n, 0);
            carry = carry + n - valid;
            at += valid as u64;
        }
    }

    /// The line `offset` is on and the offset that line starts at: line ends are counted
    /// only when a message needs them, so a good file is not scanned for them.
    fn line_at(&self, offset: u64) -> io::Result<(u64, u64)> {
        let mut text = self.open(0)?.take(offset);
        let mut buf = vec![0u8; CHUNK];
        let (mut at, mut line, mut line_start) = (0u64, 1u64, 0u64);
        loop {
            let n = text.read(&mut buf)?;
            if n == 0 {
                return Ok((line, line_start));
            }
            line += memchr_iter(b'\n', &buf[..n]).count() as u64;
            if let Some(i) = memrchr(b'\n', &buf[..n]) {
                line_start = at + i as u64 + 1;
            }
            at += n as u64;
        }
    }
}

/// Opens `path` when it names a regular file. `read_file` decides that and words the
/// refusal; a limit of 0 bytes makes it stop before reading a byte of a non-empty file.
fn open_regular(path: &Path) -> io::Result<File> {
    match file_safety::read_file::read(path, Some(0)) {
        Err(err) if err.kind() != io::ErrorKind::FileTooLarge => Err(err),
        _ => File::open(path),
    }
}

/// Reads until `buf` is full or the input ends; returns how much was read.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match input.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
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

/// One row of an export, as [`CsvFile::for_each_row`] hands it over.
#[derive(Debug)]
pub struct Row<'a>(&'a Record);

impl Row<'_> {
    /// Field `i` (0-based, untrimmed, unquoted), or `None` when the row is too short.
    pub fn get(&self, i: usize) -> Option<Cow<'_, str>> {
        match self.0 {
            Record::Text(record) => record.get(i).map(Cow::Borrowed),
            Record::Bytes(record) => field(record, i),
        }
    }
}

/// A record read ahead, its text checked as UTF-8 where it was split (so the visitor
/// does not check it again field by field).
#[derive(Debug)]
enum Record {
    Text(csv::StringRecord),
    /// Not UTF-8 after all (the file changed since it was checked): read as `field` reads.
    Bytes(csv::ByteRecord),
}

impl Default for Record {
    fn default() -> Self {
        Record::Bytes(csv::ByteRecord::new())
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

/// The text `csv` reads: the file's bytes (each CR made a line feed in a CR-only file),
/// with the last chunk kept so that the blank lines `csv` skips before a record can be
/// counted.
///
/// `csv` refills its buffer only once it has used all of it, so the offset it has read up
/// to always lies in the last chunk handed to it, or just past it.
struct Feed<'a> {
    inner: Box<dyn Read + Send + 'a>,
    cr_only: bool,
    chunk: Vec<u8>,
    /// Offset of `chunk` in the text, and how much text has been handed out.
    chunk_start: u64,
    fed: u64,
    blank: Blank,
}

/// The blank line ends from one offset on, up to the next record.
#[derive(Debug, Clone, Copy)]
enum Blank {
    /// Still counting: the line ends seen so far run on at `from`.
    Counting { from: u64, newlines: u64 },
    /// The record starts after `newlines` line feeds.
    Found { newlines: u64 },
}

impl<'a> Feed<'a> {
    fn new(inner: Box<dyn Read + Send + 'a>, cr_only: bool) -> Self {
        Feed {
            inner,
            cr_only,
            chunk: Vec::with_capacity(CHUNK),
            chunk_start: 0,
            fed: 0,
            blank: Blank::Counting {
                from: 0,
                newlines: 0,
            },
        }
    }

    /// Starts counting the line ends at `from`, the offset `csv` is about to read from.
    fn count_blank_from(&mut self, from: u64) {
        self.blank = Blank::Counting { from, newlines: 0 };
        self.count_blank();
    }

    fn count_blank(&mut self) {
        let Blank::Counting { from, newlines } = self.blank else {
            return;
        };
        let chunk_end = self.chunk_start + self.chunk.len() as u64;
        if from >= chunk_end {
            return;
        }
        let rest = &self.chunk[from.saturating_sub(self.chunk_start) as usize..];
        let run = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let newlines = newlines + memchr_iter(b'\n', &rest[..run]).count() as u64;
        self.blank = if run < rest.len() {
            Blank::Found { newlines }
        } else {
            Blank::Counting {
                from: chunk_end,
                newlines,
            }
        };
    }
}

impl Read for Feed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let buf = &mut buf[..n];
        if self.cr_only {
            for byte in buf.iter_mut() {
                if *byte == b'\r' {
                    *byte = b'\n';
                }
            }
        }
        self.chunk.clear();
        self.chunk.extend_from_slice(buf);
        self.chunk_start = self.fed;
        self.fed += n as u64;
        self.count_blank();
        Ok(n)
    }
}

/// The records of a file from one offset on, as `csv` splits them, each with the line it
/// starts on.
///
/// Lenient where exports are sloppy, as `csv` is: a quote inside an unquoted field is kept as
/// written, and so is text between a closing quote and the next delimiter.
struct Rows<'a> {
    path: &'a Path,
    /// Where the text starts in the file, and on which line.
    offset: u64,
    first_line: u64,
    reader: csv::Reader<Chain<Feed<'a>, &'static [u8]>>,
    record: csv::ByteRecord,
}

impl<'a> Rows<'a> {
    fn new(file: &'a CsvFile, offset: u64, first_line: u64) -> Result<Self, Error> {
        let feed = file
            .open(offset)
            .map_err(|e| Error::new(&file.path, None, Problem::Unreadable(e)))?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(file.delimiter)
            .buffer_capacity(CHUNK)
            .from_reader(feed.chain(SENTINEL));
        Ok(Rows {
            path: &file.path,
            offset,
            first_line,
            reader,
            record: csv::ByteRecord::new(),
        })
    }

    fn feed(&self) -> &Feed<'a> {
        self.reader.get_ref().get_ref().0
    }

    /// The next record and the line it starts on, or `None` after the last.
    fn next(&mut self) -> Result<Option<(u64, &csv::ByteRecord)>, Error> {
        let mut record = std::mem::take(&mut self.record);
        let line = self.next_into(&mut record);
        self.record = record;
        Ok(line?.map(|line| (line, &self.record)))
    }

    /// Reads the next record into `record`; the line it starts on, or `None` after the last.
    fn next_into(&mut self, record: &mut csv::ByteRecord) -> Result<Option<u64>, Error> {
        let before = self.reader.position().clone();
        // `csv` skips blank lines before a record but dates it from where they began.
        self.reader
            .get_mut()
            .get_mut()
            .0
            .count_blank_from(before.byte());
        let read = self.reader.read_byte_record(record);
        // With ragged rows allowed, only reading the file can fail.
        let read = read.map_err(|e| Error::new(self.path, None, Problem::Unreadable(e.into())))?;
        let Blank::Found {
            newlines: blank_lines,
        } = self.feed().blank
        else {
            return Ok(None); // only line ends, then the sentinel, are left
        };
        if !read {
            return Ok(None);
        }
        let line = self.first_line + before.line() - 1 + blank_lines;
        if self.reader.position().byte() > self.feed().fed + 1 {
            // Only a field's first byte opens a quote, so the open one starts the last
            // field, and the fields before it hold every line break above it.
            let fields = record.len().saturating_sub(1);
            let above: usize = (0..fields)
                .map(|i| memchr_iter(b'\n', &record[i]).count())
                .sum();
            let open = Some(line + above as u64);
            return Err(Error::new(self.path, open, Problem::UnterminatedQuote));
        }
        Ok(Some(line))
    }

    /// The file offset read up to.
    fn read_to(&self) -> u64 {
        self.offset + self.reader.position().byte().min(self.feed().fed)
    }
}

/// Rows read at a time by [`CsvFile::for_each_row`]: enough that handing a batch over
/// costs nothing per row, few enough that two batches are a few MiB.
const BATCH_ROWS: usize = 4096;

/// Records split ahead of their visit, with the lines they start on. The records are
/// kept from batch to batch, so their buffers are allocated once.
#[derive(Default)]
struct Batch {
    lines: Vec<u64>,
    records: Vec<Record>,
    /// The file ended within the batch.
    end: bool,
    /// What stopped the reading after the batch's rows (a quote never closed).
    error: Option<Error>,
}

impl Batch {
    /// Reads up to [`BATCH_ROWS`] records; fewer at the end of the file or at an error.
    fn fill(&mut self, rows: &mut Rows<'_>) {
        self.lines.clear();
        while self.lines.len() < BATCH_ROWS {
            let at = self.lines.len();
            if self.records.len() == at {
                self.records.push(Record::default());
            }
            let slot = &mut self.records[at];
            let mut record = match std::mem::take(slot) {
                Record::Text(record) => record.into_byte_record(),
                Record::Bytes(record) => record,
            };
            let read = rows.next_into(&mut record);
            *slot = match csv::StringRecord::from_byte_record(record) {
                Ok(text) => Record::Text(text),
                Err(err) => Record::Bytes(err.into_byte_record()),
            };
            match read {
                Ok(Some(line)) => self.lines.push(line),
                Ok(None) => {
                    self.end = true;
                    return;
                }
                Err(error) => {
                    self.error = Some(error);
                    return;
                }
            }
        }
    }

    /// No batch comes after this one.
    fn last(&self) -> bool {
        self.end || self.error.is_some()
    }

    fn rows(&self) -> impl Iterator<Item = (u64, &Record)> {
        self.lines.iter().copied().zip(&self.records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bytes: &[u8]) -> Result<CsvFile, Error> {
        CsvFile::from_bytes(Path::new("t.csv"), bytes.to_vec())
    }

    fn rows(bytes: &[u8], column: usize) -> Vec<(u64, Option<String>)> {
        let mut out = Vec::new();
        file(bytes)
            .unwrap()
            .for_each_field(column, &|_| {}, |line, field| {
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
            .for_each_field(0, &|_| {}, |_, _| ControlFlow::Continue(()))
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
        assert!(matches!(err.problem, Problem::Utf16(_)));
        // Without a byte-order mark, as some exports write it.
        let text: Vec<u8> = "Website\nacme.com\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = file(&text).unwrap_err();
        assert!(
            err.to_string()
                .contains("little-endian, without a byte-order mark"),
            "{err}"
        );
        assert!(
            err.to_string().contains("iconv -f UTF-16LE -t UTF-8"),
            "{err}"
        );
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
            .for_each_field(0, &|_| {}, |_, _| ControlFlow::Continue(()))
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

    #[test]
    fn lines_and_characters_stay_right_across_read_chunks() {
        // Rows of 3 to 9 bytes with blank lines between some: chunk ends fall inside
        // characters, inside runs of blank lines and inside quoted line breaks.
        let mut text = String::from("site\n");
        let (mut line, mut want) = (2, Vec::new());
        for i in 0..40_000u64 {
            let value = format!("\u{e9}{}", i % 1000);
            if i % 7 == 0 {
                text.push_str("\r\n\n");
                line += 2;
            }
            if i % 11 == 0 {
                text.push_str(&format!("\"{value}\r\nx\"\n"));
                want.push(some(line, &format!("{value}\r\nx")));
                line += 2;
            } else {
                text.push_str(&format!("{value}\n"));
                want.push(some(line, &value));
                line += 1;
            }
        }
        assert!(text.len() > 4 * CHUNK);
        assert_eq!(rows(text.as_bytes(), 0), want);
        let f = file(text.as_bytes()).unwrap();
        let estimate = f.rows_estimate() as f64;
        assert!(
            (estimate / want.len() as f64 - 1.0).abs() < 0.25,
            "{estimate}"
        );

        let mut bad = text.into_bytes();
        bad.extend_from_slice(b"ok\nab\xE9\n");
        let err = file(&bad).unwrap_err();
        assert!(matches!(
            err.problem,
            Problem::NotUtf8 {
                column: 3,
                byte: 0xE9
            }
        ));
        assert_eq!(err.line, Some(line + 1));
    }

    #[test]
    fn rows_read_ahead_come_in_order_up_to_a_stop_or_an_open_quote() {
        // Three batches and a bit, quoted line breaks among them, then a quote never closed.
        let mut text = String::from("n,note\n");
        let mut want = Vec::new();
        let mut line = 2;
        for i in 0..(3 * BATCH_ROWS as u64 + 10) {
            want.push((line, i.to_string()));
            if i % 5 == 0 {
                text.push_str(&format!("{i},\"two\nlines\"\n"));
                line += 2;
            } else {
                text.push_str(&format!("{i},x\n"));
                line += 1;
            }
        }
        text.push_str("last,\"open\n");
        let f = file(text.as_bytes()).unwrap();
        let mut got = Vec::new();
        let err = f
            .for_each_row(|line, row| {
                got.push((line, row.get(0).unwrap().into_owned()));
                ControlFlow::Continue(())
            })
            .unwrap_err();
        assert!(matches!(err.problem, Problem::UnterminatedQuote));
        assert_eq!(err.line, Some(line));
        assert_eq!(got, want);

        let mut seen = 0;
        f.for_each_row(|_, _| {
            seen += 1;
            if seen == BATCH_ROWS + 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap();
        assert_eq!(seen, BATCH_ROWS + 3);
    }

    #[test]
    fn loads_a_file_from_disk_as_from_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"sep=;\r\n\r\nname;site\r\nA;a.com\r\n\r\nB;b.com").unwrap();
        let f = CsvFile::load(&path).unwrap();
        assert_eq!((f.headers().len(), f.header_line(), f.len()), (2, 3, 38));
        let mut got = Vec::new();
        f.for_each_field(1, &|_| {}, |line, field| {
            got.push((line, field.map(str::to_string)));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(got, vec![some(4, "a.com"), some(6, "b.com")]);
        let err = CsvFile::load(dir.path()).unwrap_err();
        assert!(matches!(err.problem, Problem::Unreadable(_)), "{err}");
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
                let _ = file.for_each_field(column, &|_| {}, |_, _| {
                    rows += 1;
                    ControlFlow::Continue(())
                });
                proptest::prop_assert!(rows <= 200);
            }
        }
    }
}
