//! Errors that point into a file the user wrote: what is wrong, where (file, line, column,
//! with the source line and a caret), and how to fix it. Rendered the way rustc does, by
//! `annotate-snippets`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// At most this many problems are shown for one file; the rest are counted ("and N more").
/// A file with thousands of mistakes is usually one mistake repeated, or not the file
/// meant, and every problem past the first screens only hides the summary.
pub const SHOWN_PER_FILE: usize = 50;

/// The text of one file, read once and shared by every diagnostic that points into it, with
/// the offset of each line's start, so that placing a problem costs a search, not a scan.
/// Cloning it copies a pointer: a file with 20,000 problems is still held once.
#[derive(Clone)]
pub struct Source(Arc<SourceText>);

struct SourceText {
    text: Box<str>,
    line_starts: Box<[usize]>,
}

impl Source {
    pub fn new(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source(Arc::new(SourceText {
            text: text.into(),
            line_starts,
        }))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len());
        let line = self.0.line_starts.partition_point(|&start| start <= offset);
        let start = self.0.line_starts[line - 1];
        let column = self.get(start..offset).map_or(0, |s| s.chars().count());
        (line, column + 1)
    }

    /// The byte range of the whole lines that `span` touches.
    fn lines_around(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.0.line_starts.partition_point(|&s| s <= span.start) - 1;
        // The line the span ends on, even when it ends at that line's start: the frame
        // then reaches it, as it would over the whole file.
        let last = self.0.line_starts.partition_point(|&s| s <= span.end);
        let end = self
            .0
            .line_starts
            .get(last)
            .map_or(self.len(), |&next| next);
        self.0.line_starts[first]..end
    }
}

impl PartialEq for Source {
    fn eq(&self, other: &Self) -> bool {
        // Diagnostics of one file share one copy: equal without reading it.
        Arc::ptr_eq(&self.0, &other.0) || self.0.text == other.0.text
    }
}

impl Deref for Source {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0.text
    }
}

impl AsRef<str> for Source {
    fn as_ref(&self) -> &str {
        self
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Source({} bytes)", self.len())
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line of the problem; 0 when the problem has no place (an empty file).
    pub line: usize,
    /// 1-based column of the problem.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, e.g. "did you mean `icp_overlap_pct`?".
    pub help: Option<String>,
    /// The file's text and the byte range the problem covers, for the code frame.
    frame: Option<(Source, Range<usize>)>,
}

impl Diagnostic {
    /// A problem at a byte range of `source`.
    pub fn at(
        path: &Path,
        source: &Source,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = clamp(source, span);
        let (line, column) = source.line_column(span.start);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
            frame: Some((source.clone(), span)),
        }
    }

    /// A problem with the file as a whole (unreadable, empty, not UTF-8).
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            frame: None,
        }
    }

    /// A file that is not UTF-8 text, pointed at its first invalid byte. `what` names the
    /// file, e.g. "the rule file".
    pub fn not_utf8(path: &Path, err: &std::string::FromUtf8Error, what: &str) -> Self {
        let bytes = err.as_bytes();
        let at = err.utf8_error().valid_up_to();
        // The text before `at` is valid, so the lossy copy keeps its offsets up to there.
        let text = String::from_utf8_lossy(bytes);
        let message = format!("{what} is not UTF-8 text (byte 0x{:02X})", bytes[at]);
        Diagnostic::at(
            path,
            &Source::new(&text),
            at..at + '\u{FFFD}'.len_utf8(),
            message,
        )
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col`, or just the path for whole-file problems. The path is shown as
    /// input is ([`crate::shown::line`]): a file name is not trusted either.
    pub fn location(&self) -> String {
        let path = self.shown_path();
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.column)
        }
    }

    fn shown_path(&self) -> String {
        crate::shown::path(&self.path)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.shown_path();
        let title = format!("{}: {}", self.location(), self.message);
        let Some((source, span)) = &self.frame else {
            // Nothing to point at: a frame would only draw an empty gutter.
            write!(f, "error: {}", crate::shown::line(&title))?;
            if let Some(help) = &self.help {
                write!(f, "\nhelp: {}", crate::shown::line(help))?;
            }
            return Ok(());
        };
        // Only the lines the problem is on are handed to the renderer, so showing each of
        // many problems costs its own lines, not the whole file again.
        let lines = source.lines_around(span);
        let (first_line, _) = source.line_column(lines.start);
        let local = span.start - lines.start..span.end - lines.start;
        let mut report = vec![Level::ERROR.primary_title(title).element(
            Snippet::source(&source[lines])
                .line_start(first_line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(local)),
        )];
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        // The frame quotes the file's line, and the message may quote a key as written:
        // both are shown as input is, so no line of an error acts on a CI runner.
        let rendered = Renderer::plain().render(&report);
        f.write_str(&crate::shown::block(&rendered))
    }
}

impl std::error::Error for Diagnostic {}

/// Several problems found in one pass, reported together.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    /// Every problem, up to [`SHOWN_PER_FILE`] for each file, then how many more each file
    /// has, then the total.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut per_file: BTreeMap<&Path, usize> = BTreeMap::new();
        let mut shown = 0;
        for diagnostic in &self.0 {
            let count = per_file.entry(&diagnostic.path).or_default();
            *count += 1;
            if *count > SHOWN_PER_FILE {
                continue;
            }
            if shown > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            shown += 1;
            write!(f, "{diagnostic}")?;
        }
        for (path, count) in &per_file {
            if let Some(more) = count.checked_sub(SHOWN_PER_FILE).filter(|&m| m > 0) {
                write!(
                    f,
                    "\n\n… and {} more in {} (only the first {SHOWN_PER_FILE} problems of a file are shown)",
                    crate::digits::group_digits(more as u64, ','),
                    crate::shown::path(path)
                )?;
            }
        }
        if self.0.len() > 1 {
            write!(
                f,
                "\n\n{} problems found",
                crate::digits::group_digits(self.0.len() as u64, ',')
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl Diagnostics {
    /// The first problem in the file, the one a one-line summary names.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.0.first()
    }
}

/// The TOML reader refuses a document that nests keys or values deeper than it reads (a
/// dotted key of 85 parts) with "recursion limit" and no place. This gives that error the
/// place of the line that nests deepest, and words to act on; `None` for any other error.
pub fn too_deep(text: &str, err: &toml::de::Error) -> Option<(Range<usize>, String, String)> {
    if !err.message().contains("recursion limit") {
        return None;
    }
    let mut deepest = (0, 0..0);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let depth = nesting(line);
        if depth > deepest.0 {
            let start = offset + (line.len() - line.trim_start().len());
            let key = line.find('=').map_or(line, |eq| &line[..eq]);
            let end = offset + key.trim_end().len();
            deepest = (depth, start..end.max(start));
        }
        offset += line.len();
    }
    Some((
        deepest.1,
        "keys or values nest too deeply here to be read".to_string(),
        "write the key with fewer dotted parts and fewer nested tables or lists".to_string(),
    ))
}

/// How deeply one line nests: the dots of its key, and the brackets and braces open at
/// once in it, outside quotes.
fn nesting(line: &str) -> usize {
    let (mut dots, mut open, mut most) = (0, 0usize, 0);
    let mut quote = None;
    let mut in_key = true;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '.') if in_key => dots += 1,
            (None, '=') => in_key = false,
            (None, '[' | '{') => {
                open += 1;
                most = most.max(open);
            }
            (None, ']' | '}') => open = open.saturating_sub(1),
            _ => {}
        }
    }
    dots + most
}

/// 1-based line and column (in characters) of a byte offset, for text no diagnostic keeps.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Keeps a span on character boundaries and inside the text, and at least one character
/// wide where there is one, so the caret always has something to point at.
fn clamp(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    if end == start {
        end = source[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let text = "a = 1\nbcd = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 8), (2, 3));
    }

    #[test]
    fn renders_location_source_line_caret_and_help() {
        let text = "[market]\nicp_overlap_pc = 30\n";
        let d = Diagnostic::at(
            Path::new("p.toml"),
            &Source::new(text),
            9..23,
            "unknown field `icp_overlap_pc`",
        )
        .with_help("did you mean `icp_overlap_pct`?");
        let shown = d.to_string();
        assert!(
            shown.starts_with("error: p.toml:2:1: unknown field `icp_overlap_pc`"),
            "{shown}"
        );
        assert!(shown.contains("2 | icp_overlap_pc = 30"), "{shown}");
        assert!(
            !shown.contains("[market]"),
            "only the problem's line: {shown}"
        );
        assert!(shown.contains("^^^^^^^^^^^^^^"), "{shown}");
        assert!(
            shown.contains("help: did you mean `icp_overlap_pct`?"),
            "{shown}"
        );
    }

    #[test]
    fn shows_the_first_problems_of_a_file_and_counts_the_rest() {
        let text: String = (0..60).map(|i| format!("k{i} = 1\n")).collect();
        let source = Source::new(&text);
        let found = (0..60)
            .map(|i| {
                let start = source.match_indices('\n').nth(i).map_or(0, |(n, _)| n + 1);
                let start = if i == 0 { 0 } else { start };
                Diagnostic::at(Path::new("p.toml"), &source, start..start + 1, "unknown")
            })
            .collect();
        let shown = Diagnostics(found).to_string();
        assert_eq!(shown.matches("error:").count(), SHOWN_PER_FILE, "{shown}");
        assert!(
            shown.contains("… and 10 more in p.toml (only the first 50 problems"),
            "{shown}"
        );
        assert!(shown.ends_with("60 problems found"), "{shown}");
    }

    #[test]
    fn a_source_places_offsets_by_line_and_character() {
        let source = Source::new("a = 1\nbé = 2\n");
        assert_eq!(source.line_column(0), (1, 1));
        assert_eq!(source.line_column(6), (2, 1));
        assert_eq!(source.line_column(9), (2, 3));
        assert_eq!(source.line_column(100), (3, 1));
    }

    #[test]
    fn a_key_nested_past_the_reader_is_placed_on_its_line() {
        let text = format!("format = 1\n{} = 1\n", vec!["a"; 85].join("."));
        let err = toml::de::DeTable::parse(&text).unwrap_err();
        let (span, message, _) = too_deep(&text, &err).expect("a recursion limit");
        assert_eq!(Source::new(&text).line_column(span.start), (2, 1));
        assert!(message.contains("nest too deeply"), "{message}");
    }
}
