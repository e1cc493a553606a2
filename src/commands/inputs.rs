//! The profiles an `assess` command line names: files, `-` (standard input) and folders
//! (their `*.toml` files, sorted by name), gathered in the order given before any profile
//! is assessed. Reading and parsing each profile is `crate::profile`'s; this finds them,
//! and [`checked`] adds the one check that needs the rules: answers that contradict each
//! other.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diagnostic::Diagnostic;

/// Parses a profile's text and refuses answers the rules' relations show contradict each
/// other, each at both of its lines: what every command that assesses a profile reads.
pub fn checked(
    path: &Path,
    text: &str,
    set: &crate::rules::RuleSet,
) -> Result<crate::profile::Profile, crate::diagnostic::Diagnostics> {
    let profile = crate::profile::parse(path, text)?;
    let facts = crate::profile::facts::facts(&profile);
    let mut found =
        crate::rules::relation::contradictions(&set.policy.relations, path, text, facts);
    if found.is_empty() {
        return Ok(profile);
    }
    found.sort_by_key(|d| (d.line, d.column));
    Err(crate::diagnostic::Diagnostics(found))
}

/// What the name shown for standard input is, in reports and errors.
pub const STDIN: &str = "<stdin>";

/// One profile to assess, as the command line names it.
pub enum Input {
    /// A file, named or found in a folder.
    File(PathBuf),
    /// Standard input (`-`), read before any profile is assessed.
    Stdin(Result<String, Diagnostic>),
}

/// The profiles named on the command line, in order: `-` is standard input, a folder
/// stands for the `*.toml` files directly in it, sorted by name.
pub fn gather(args: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    let mut stdin_read = false;
    for arg in args {
        if arg.as_os_str() == "-" {
            if stdin_read {
                anyhow::bail!(
                    "`-` is given twice\nhelp: standard input holds one profile; give `-` once"
                );
            }
            stdin_read = true;
            inputs.push(Input::Stdin(read_stdin()));
        } else if arg.is_dir() {
            inputs.extend(profiles_in(arg)?.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(arg.clone()));
        }
    }
    Ok(inputs)
}

/// The `*.toml` files directly in `dir` but `partner-fit.toml`, sorted by name; none is
/// an error, since a CI job that assesses nothing would pass without checking anything.
fn profiles_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let (names, drafts) = toml_files(dir)?;
    if names.is_empty() {
        let help = if drafts > 0 {
            "it holds only interview drafts (`*.toml.draft`); finish one with `partner-fit interview --from DRAFT`"
        } else {
            "put profiles (`NAME.toml`) in it, or name the folder they are in; folders inside it are not searched"
        };
        anyhow::bail!(
            "the folder `{}` holds no profile: no `*.toml` file directly in it\nhelp: {help}",
            dir.display()
        );
    }
    Ok(names)
}

/// The `*.toml` files directly in `dir` but `partner-fit.toml`, sorted by name, and how
/// many interview drafts it holds besides.
pub fn toml_files(dir: &Path) -> Result<(Vec<PathBuf>, usize)> {
    let reading = || format!("reading the folder `{}`", dir.display());
    let mut names = Vec::new();
    let mut drafts = 0;
    for entry in std::fs::read_dir(dir).with_context(reading)? {
        let path = entry.with_context(reading)?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".toml.draft") {
            drafts += 1;
        }
        // The project configuration shares the extension and is not a profile.
        let config = name == crate::config::FILE;
        if path.extension().is_some_and(|e| e == "toml") && !config && path.is_file() {
            names.push(path);
        }
    }
    names.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok((names, drafts))
}

/// Reads all of standard input as a profile's text.
fn read_stdin() -> Result<String, Diagnostic> {
    let mut bytes = Vec::new();
    let limit = crate::read_file::MAX_TEXT_BYTES;
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .and_then(|_| {
            if bytes.len() as u64 > limit {
                Err(std::io::Error::new(
                    std::io::ErrorKind::FileTooLarge,
                    format!(
                        "it is larger than {}, the limit for a profile",
                        crate::read_file::max_text_size()
                    ),
                ))
            } else {
                Ok(())
            }
        })
        .map_err(|err| {
            Diagnostic::whole_file(
                Path::new(STDIN),
                format!("cannot read standard input: {err}"),
            )
            .with_help("pipe a profile in, e.g. `partner-fit assess - < profile.toml`")
        })?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        let (line, column) = crate::diagnostic::line_column(&text, valid);
        Diagnostic::whole_file(
            Path::new(STDIN),
            format!("the profile is not UTF-8 text (invalid byte at line {line}, column {column})"),
        )
        .with_help("send the profile as UTF-8 text; a profile is a TOML file")
    })
}
