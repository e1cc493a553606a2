//! Errors that point into a file the user wrote: what is wrong, where (file, line, column,
//! with the source line and a caret), and how to fix it. Rendered the way rustc does, by
//! `annotate-snippets`.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

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
    frame: Option<(String, Range<usize>)>,
}

impl Diagnostic {
    /// A problem at a byte range of `source`.
    pub fn at(path: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let span = clamp(source, span);
        let (line, column) = line_column(source, span.start);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
            frame: Some((source.to_string(), span)),
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
        Diagnostic::at(path, &text, at..at + '\u{FFFD}'.len_utf8(), message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col`, or just the path for whole-file problems. The path is shown as
    /// input is ([`crate::render::shown::line`]): a file name is not trusted either.
    pub fn location(&self) -> String {
        let path = self.shown_path();
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.column)
        }
    }

    fn shown_path(&self) -> String {
        crate::render::shown::path(&self.path)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.shown_path();
        let title = format!("{}: {}", self.location(), self.message);
        let Some((source, span)) = &self.frame else {
            // Nothing to point at: a frame would only draw an empty gutter.
            write!(f, "error: {}", crate::render::shown::line(&title))?;
            if let Some(help) = &self.help {
                write!(f, "\nhelp: {}", crate::render::shown::line(help))?;
            }
            return Ok(());
        };
        let mut report = vec![Level::ERROR.primary_title(title).element(
            Snippet::source(source.as_str())
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(span.clone())),
        )];
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        // The frame quotes the file's line, and the message may quote a key as written:
        // both are shown as input is, so no line of an error acts on a CI runner.
        let rendered = Renderer::plain().render(&report);
        f.write_str(&crate::render::shown::block(&rendered))
    }
}

impl std::error::Error for Diagnostic {}

/// Several problems found in one pass, reported together.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n\n{} problems found", self.0.len())?;
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

/// 1-based line and column (in characters) of a byte offset.
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
            text,
            9..23,
            "unknown field `icp_overlap_pc`",
        )
        .with_help("did you mean `icp_overlap_pct`?");
        let shown = d.to_string();
        assert!(
            shown.starts_with("error: p.toml:2:1: unknown field `icp_overlap_pc`"),
            "{shown}"
        );
        assert!(shown.contains("icp_overlap_pc = 30"), "{shown}");
        assert!(shown.contains("^^^^^^^^^^^^^^"), "{shown}");
        assert!(
            shown.contains("help: did you mean `icp_overlap_pct`?"),
            "{shown}"
        );
    }
}
