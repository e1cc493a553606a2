//! `InputError`: what is wrong with one input file, where (`file:line`), and how to fix it.
//!
//! Every way a CSV export, a hashed file, a secret or a profile can be unusable ends here, so
//! that `commands::accounts` can hand it to `main` (exit 2) and tests can match on `Problem`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A file that cannot be used as it is.
#[derive(Debug)]
pub struct InputError {
    pub path: PathBuf,
    /// 1-based line, when the problem sits on one.
    pub line: Option<u64>,
    pub problem: Problem,
}

/// What is wrong. Each variant's message says what; `fix` says how to get past it.
#[derive(Debug)]
pub enum Problem {
    Unreadable(std::io::Error),
    Empty,
    NoRows,
    Utf16,
    NotUtf8 {
        column: u64,
        byte: u8,
    },
    UnterminatedQuote,
    NoKeyColumn {
        headers: Vec<String>,
        flag: &'static str,
    },
    UnknownKeyHeader {
        wanted: String,
        headers: Vec<String>,
        flag: &'static str,
    },
    KeyOnHashedFile {
        flag: &'static str,
    },
    HashedHeader {
        found: String,
    },
    /// Every row was skipped: an export with no account would only be refused later.
    NoAccounts {
        column: String,
    },
    SecretTooShort {
        len: usize,
    },
    SecretWeak {
        bits: u32,
    },
    Profile {
        message: String,
    },
    OutputExists,
    Unwritable(std::io::Error),
}

impl InputError {
    pub fn new(path: &Path, line: Option<u64>, problem: Problem) -> Self {
        InputError {
            path: path.to_path_buf(),
            line,
            problem,
        }
    }

    /// How the user gets past the problem.
    pub fn fix(&self) -> String {
        match &self.problem {
            Problem::Unreadable(_) => "check the path and that the file can be read".into(),
            Problem::Empty | Problem::NoRows => {
                "export the accounts again, with a header row and one account per row".into()
            }
            Problem::Utf16 => {
                "save it as \"CSV UTF-8\" (Excel) or convert it: iconv -f UTF-16 -t UTF-8 IN > OUT"
                    .into()
            }
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
            Problem::KeyOnHashedFile { flag } => {
                format!("drop {flag}: a hashed file has a single key column")
            }
            Problem::HashedHeader { .. } => {
                "hash the export again with `partner-fit accounts hash`".into()
            }
            Problem::NoAccounts { .. } => {
                "check the skipped rows above, or choose the column that holds the accounts with --key \"HEADER\"".into()
            }
            Problem::SecretTooShort { .. } | Problem::SecretWeak { .. } => {
                "make a random secret with `partner-fit accounts keygen --out secret.txt` and send it to your partner over a channel other than the one the hashed files go through".into()
            }
            Problem::Profile { .. } => "fix the TOML, then run the command again".into(),
            Problem::OutputExists => "pass --force to replace it, or choose another path".into(),
            Problem::Unwritable(_) => "check that the folder exists and can be written".into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Problem::NotUtf8 { column, .. } = self.problem {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        match &self.problem {
            Problem::Unreadable(err) => write!(f, "cannot read the file: {err}")?,
            Problem::Empty => write!(f, "the file is empty; expected a header row")?,
            Problem::NoRows => write!(f, "the file has a header row but no rows below it")?,
            Problem::Utf16 => write!(f, "the file is UTF-16 encoded; partner-fit reads UTF-8")?,
            Problem::NotUtf8 { byte, .. } => write!(
                f,
                "byte 0x{byte:02X} is not UTF-8 (the file is probably Windows-1252 or Latin-1)"
            )?,
            Problem::UnterminatedQuote => write!(
                f,
                "a quoted field opens on this line and is never closed before the end of the file"
            )?,
            Problem::NoKeyColumn { headers, .. } => write!(
                f,
                "no key column: expected a website, domain, email or company-name header, found {}",
                list(headers)
            )?,
            Problem::UnknownKeyHeader {
                wanted, headers, ..
            } => write!(
                f,
                "no column `{}`; the header has {}",
                printable(wanted),
                list(headers)
            )?,
            Problem::KeyOnHashedFile { flag } => {
                write!(f, "{flag} was given, but this is a hashed file")?
            }
            Problem::HashedHeader { found } => write!(
                f,
                "`{}` is not a hashed-file header; expected `account_hmac_sha256:domain` \
                 or `account_hmac_sha256:company-name`",
                printable(found)
            )?,
            Problem::NoAccounts { column } => write!(
                f,
                "no row has a usable account key in `{}`; nothing was written",
                printable(column)
            )?,
            Problem::SecretTooShort { len } => write!(
                f,
                "the secret is {len} bytes; at least 16 are needed so the hashes cannot be guessed"
            )?,
            Problem::SecretWeak { bits } => write!(
                f,
                "the secret has about {bits} bits of entropy; at least {} are needed, or \
                 anyone with a hashed file can find the secret from one account they know \
                 and then read every account in it",
                super::hash::MIN_SECRET_BITS
            )?,
            Problem::Profile { message } => write!(f, "{message}")?,
            Problem::OutputExists => write!(f, "the file already exists; it was left as it is")?,
            Problem::Unwritable(err) => write!(f, "cannot write the file: {err}")?,
        }
        write!(f, "\n  help: {}", self.fix())
    }
}

// No `source()`: the message already carries the io error, and `{err:#}` would print it twice.
impl std::error::Error for InputError {}

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
}
