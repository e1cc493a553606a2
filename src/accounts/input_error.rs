//! `InputError`: what is wrong with one input file, where (`file:line`), and how to fix it.
//!
//! Every way a CSV export, a hashed file, a secret or a profile can be unusable ends here, so
//! that `commands::accounts` can hand it to `main` (exit 2) and tests can match on `Problem`.
//! What the export reader finds wrong arrives as `Problem::Export`, worded by that crate.

use std::fmt;
use std::path::{Path, PathBuf};

use crm_export::printable;

use super::secret_policy::Weakness;

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
    /// The export could not be read as a CRM export.
    Export(crm_export::Problem),
    Unreadable(std::io::Error),
    KeyOnHashedFile {
        flag: &'static str,
    },
    HashedHeader {
        found: String,
        /// The shape of the headers this build writes, for the message.
        expected: String,
    },
    /// A hashed file of this version made before files carried the secret's fingerprint.
    HashedWithoutKeyId,
    /// A hashed file whose keys were normalized by another version than `current`.
    HashedVersion {
        found: u32,
        current: u32,
    },
    /// Every row was skipped: an export with no account would only be refused later.
    NoAccounts {
        column: String,
    },
    /// Why the secret is too easy to guess, and the least accepted, as a power of two.
    SecretWeak {
        weakness: Weakness,
        needed: u32,
    },
    Profile {
        message: String,
    },
    OutputExists,
    Unwritable(std::io::Error),
    /// Another process wrote the file between its reading and its writing.
    ChangedSinceRead,
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
            Problem::Export(problem) => problem.fix(),
            Problem::Unreadable(_) => "check the path and that the file can be read".into(),
            Problem::KeyOnHashedFile { flag } => {
                format!("drop {flag}: a hashed file has a single key column")
            }
            Problem::HashedHeader { .. } => {
                "hash the export again with `partner-fit accounts hash`".into()
            }
            Problem::HashedVersion { .. } | Problem::HashedWithoutKeyId => {
                "both partners must hash their exports again with the same version of \
                 partner-fit (`partner-fit accounts hash`), then exchange the new files"
                    .into()
            }
            Problem::NoAccounts { .. } => {
                "check the skipped rows above, or choose the column that holds the accounts with --key \"HEADER\"".into()
            }
            Problem::SecretWeak { .. } => {
                "make a random secret with `partner-fit accounts keygen --out secret.txt` and send it to your partner over a channel other than the one the hashed files go through".into()
            }
            Problem::Profile { .. } => "fix the TOML, then run the command again".into(),
            Problem::OutputExists => "pass --force to replace it, or choose another path".into(),
            Problem::Unwritable(err) => match err.kind() {
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    "free some space on the disk that holds it (or write it to another disk), \
                     then run the command again; nothing was written"
                        .into()
                }
                std::io::ErrorKind::NotFound => "check that the folder exists".into(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    "check that the folder can be written".into()
                }
                _ => "check that the folder exists and can be written".into(),
            },
            Problem::ChangedSinceRead => {
                "the file changed since it was read; run the command again".into()
            }
        }
    }
}

impl From<crm_export::Error> for InputError {
    fn from(err: crm_export::Error) -> Self {
        InputError {
            path: err.path,
            line: err.line,
            problem: Problem::Export(err.problem),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Problem::Export(problem) = &self.problem {
                if let Some(column) = problem.column() {
                    write!(f, ":{column}")?;
                }
            }
        }
        write!(f, ": ")?;
        match &self.problem {
            Problem::Export(problem) => write!(f, "{problem}")?,
            Problem::Unreadable(err) => write!(f, "cannot read the file: {err}")?,
            Problem::KeyOnHashedFile { flag } => {
                write!(f, "{flag} was given, but this is a hashed file")?
            }
            Problem::HashedHeader { found, expected } => write!(
                f,
                "`{}` is not a hashed-file header; expected `{expected}`",
                printable(found),
            )?,
            Problem::HashedWithoutKeyId => write!(
                f,
                "this hashed file carries no fingerprint of the secret it was made with (an \
                 older partner-fit wrote it), so a file hashed with another secret could not \
                 be told apart and would match 0 accounts"
            )?,
            Problem::HashedVersion { found, current } => write!(
                f,
                "this hashed file's account keys are version {found}, and this partner-fit \
                 makes version {current}; hashes of different versions do not match"
            )?,
            Problem::NoAccounts { column } => write!(
                f,
                "no row has a usable account key in `{}`; nothing was written",
                printable(column)
            )?,
            Problem::SecretWeak { weakness, needed } => {
                match weakness {
                    Weakness::Guessable { bits, pattern } => {
                        write!(
                            f,
                            "the secret could be guessed in about 2^{bits} tries (zxcvbn's \
                             estimate"
                        )?;
                        if let Some(pattern) = pattern {
                            write!(f, ": {}", pattern.trim_end_matches('.'))?;
                        }
                        write!(f, "); at least 2^{needed} are needed")?;
                    }
                    Weakness::DigestOf { word } => write!(
                        f,
                        "the secret is the hex digest of `{}`, so it is guessed as soon as \
                         that word is; at least 2^{needed} tries must be needed",
                        printable(word)
                    )?,
                }
                write!(
                    f,
                    ", or anyone with a hashed file can find the secret from one account \
                     they know and then read every account in it"
                )?
            }
            Problem::Profile { message } => write!(f, "{message}")?,
            Problem::OutputExists => write!(f, "the file already exists; it was left as it is")?,
            Problem::Unwritable(err) => write!(f, "cannot write the file: {err}")?,
            Problem::ChangedSinceRead => write!(
                f,
                "another command wrote this file while it was being updated; it was not written, so that change is kept"
            )?,
        }
        write!(f, "\n  help: {}", self.fix())
    }
}

// No `source()`: the message already carries the io error, and `{err:#}` would print it twice.
impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_names_the_file_and_asks_for_space() {
        let err = InputError::new(
            Path::new("shared.csv"),
            None,
            Problem::Unwritable(std::io::Error::from_raw_os_error(28)),
        );
        let shown = err.to_string();
        assert!(
            shown.starts_with("shared.csv: cannot write the file: No space left on device"),
            "{shown}"
        );
        assert!(
            shown.contains("help: free some space on the disk"),
            "{shown}"
        );
        assert!(!shown.contains("folder exists"), "{shown}");
    }

    #[test]
    fn an_export_problem_keeps_its_place_and_words() {
        let err = crm_export::Error::new(
            Path::new("a.csv"),
            Some(2),
            crm_export::Problem::NotUtf8 {
                column: 5,
                byte: 0xFF,
            },
        );
        let worded = err.to_string();
        assert_eq!(InputError::from(err).to_string(), worded);
    }
}
