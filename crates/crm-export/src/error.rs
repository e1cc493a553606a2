//! `Error`: what is wrong with one export, where (`file:line`), and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// An export that cannot be read as it is.
#[derive(Debug)]
pub struct Error {
    pub path: PathBuf,
    /// 1-based line, when the problem sits on one.
    pub line: Option<u64>,
    pub problem: Problem,
}

/// What is wrong. Each variant's message says what; [`Problem::fix`] says how to get past it.
#[derive(Debug)]
pub enum Problem {
    Unreadable(std::io::Error),
    Empty,
    NoRows,
    Utf16(file_safety::encoding::Utf16),
    NotUtf8 {
        /// 1-based byte column on the error's line.
        column: u64,
        byte: u8,
    },
    UnterminatedQuote,
    /// No header names a key column; `flag` is the option that would name one.
    NoKeyColumn {
        headers: Vec<String>,
        flag: &'static str,
    },
    /// No header is the one `flag` named.
    UnknownKeyHeader {
        wanted: String,
        headers: Vec<String>,
        flag: &'static str,
    },
    /// Several columns have the header `flag` named (`columns` are 1-based).
    AmbiguousKeyHeader {
        header: String,
        columns: Vec<usize>,
        flag: &'static str,
    },
    /// `flag` named the `wanted`-th column headed `header`, and there are only `count`.
    NoSuchRepeat {
        header: String,
        wanted: usize,
        count: usize,
        flag: &'static str,
    },
    /// No header is the one `flag` named, for a column other than the key.
    UnknownHeader {
        wanted: String,
        headers: Vec<String>,
        flag: &'static str,
    },
    /// A deal export without a column it cannot do without; `flags` would name one.
    NoDealColumn {
        what: &'static str,
        headers: Vec<String>,
        flags: &'static str,
    },
}

impl Error {
    pub fn new(path: &Path, line: Option<u64>, problem: Problem) -> Self {
        Error {
            path: path.to_path_buf(),
            line,
            problem,
        }
    }
}

impl Problem {
    /// How the user gets past the problem.
    pub fn fix(&self) -> String {
        match self {
            Problem::Unreadable(_) => "check the path and that the file can be read".into(),
            Problem::Empty | Problem::NoRows => {
                "export the accounts again, with a header row and one account per row".into()
            }
            Problem::Utf16(encoding) => format!(
                "save it as \"CSV UTF-8\" (Excel) or convert it: iconv -f {} -t UTF-8 IN > OUT",
                encoding.iconv_name()
            ),
            Problem::NotUtf8 { .. } => "export it as UTF-8, or convert it: \
                 iconv -f WINDOWS-1252 -t UTF-8 IN > OUT"
                .into(),
            Problem::UnterminatedQuote => {
                "close the quote (write a literal quote inside a quoted field as \"\"), \
                 or export the file again"
                    .into()
            }
            Problem::NoKeyColumn { flag, .. } | Problem::UnknownKeyHeader { flag, .. } => {
                format!("name the key column with {flag} \"HEADER\"")
            }
            Problem::AmbiguousKeyHeader {
                header,
                columns,
                flag,
            } => format!(
                "say which with {flag}: {}",
                (1..=columns.len())
                    .map(|n| format!("{flag} '{}#{n}'", printable(header)))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Problem::NoSuchRepeat {
                header,
                count,
                flag,
                ..
            } => format!(
                "name one of them with {flag} '{}#N', N from 1 to {count}",
                printable(header)
            ),
            Problem::UnknownHeader { flag, .. } => {
                format!("name one of the headers above with {flag}")
            }
            Problem::NoDealColumn { flags, .. } => format!("name the column with {flags}"),
        }
    }

    /// The byte column the problem sits on, shown after the line.
    pub fn column(&self) -> Option<u64> {
        match self {
            Problem::NotUtf8 { column, .. } => Some(*column),
            _ => None,
        }
    }
}

/// What is wrong, without the place or the fix.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable(err) => write!(f, "cannot read the file: {err}"),
            Problem::Empty => write!(f, "the file is empty; expected a header row"),
            Problem::NoRows => write!(f, "the file has a header row but no rows below it"),
            Problem::Utf16(encoding) => {
                write!(
                    f,
                    "the file is {} encoded; expected UTF-8",
                    encoding.describe()
                )
            }
            Problem::NotUtf8 { byte, .. } => write!(
                f,
                "byte 0x{byte:02X} is not UTF-8 (the file is probably Windows-1252 or Latin-1)"
            ),
            Problem::UnterminatedQuote => write!(
                f,
                "a quoted field opens on this line and is never closed before the end of the file"
            ),
            Problem::NoKeyColumn { headers, .. } => write!(
                f,
                "no key column: expected a website, domain, email or company-name header, found {}",
                list(headers)
            ),
            Problem::UnknownKeyHeader {
                wanted, headers, ..
            } => write!(
                f,
                "no column `{}`; the header has {}",
                printable(wanted),
                list(headers)
            ),
            Problem::AmbiguousKeyHeader {
                header, columns, ..
            } => write!(
                f,
                "{} columns are headed `{}` (columns {})",
                columns.len(),
                printable(header),
                columns
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::NoSuchRepeat {
                header,
                wanted,
                count,
                ..
            } => write!(
                f,
                "no column #{wanted} headed `{}`: only {count} columns have that header",
                printable(header)
            ),
            Problem::UnknownHeader {
                wanted, headers, ..
            } => write!(
                f,
                "no column `{}`; the header has {}",
                printable(wanted),
                list(headers)
            ),
            Problem::NoDealColumn { what, headers, .. } => {
                write!(f, "no {what} column, found {}", list(headers))
            }
        }
    }
}

/// `path:line[:column]: what` and, on the next line, `help: fix`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.problem.column() {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}\n  help: {}", self.problem, self.problem.fix())
    }
}

// No `source()`: the message already carries the io error, and `{err:#}` would print it twice.
impl std::error::Error for Error {}

fn list(headers: &[String]) -> String {
    if headers.is_empty() {
        return "no headers".into();
    }
    headers
        .iter()
        .map(|h| format!("`{}`", printable(h)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` as it may reach a terminal: control characters (escape sequences, carriage
/// returns, backspaces) and bidirectional overrides are written as `\u{..}` escapes, so a
/// crafted CSV header can neither move the cursor nor hide or reorder what is shown.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_drive_a_terminal() {
        assert_eq!(printable("Website"), "Website");
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\ry\u{202E}"), "x\\u{d}y\\u{202e}");
    }

    #[test]
    fn names_the_file_line_and_column() {
        let err = Error::new(
            Path::new("a.csv"),
            Some(3),
            Problem::NotUtf8 {
                column: 7,
                byte: 0xE9,
            },
        );
        assert!(err
            .to_string()
            .starts_with("a.csv:3:7: byte 0xE9 is not UTF-8"));
        assert!(err.to_string().contains("\n  help: export it as UTF-8"));
    }
}
