//! The project configuration: a `partner-fit.toml` found in the current folder or the
//! nearest folder above it, as ruff finds `ruff.toml` and cargo-deny `deny.toml`. It names
//! the rules a project uses and the thresholds its CI applies by default, so a repository
//! of partner profiles carries its own settings and the command line stays short.
//!
//! ```toml
//! rules = "rules"            # a folder laid out like the shipped rules/, relative to this file
//! min_score = 70             # as --min-score
//! require_green_gate = true  # as --require-green-gate
//! require_evidence = false   # as --require-evidence
//! ```
//!
//! Every key is optional. The command line wins over the file: `--rules` and
//! `PARTNER_FIT_RULES` over `rules`, `--min-score` over `min_score`; a threshold switched
//! on in either place applies.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::suggest;

/// The file's name, looked for in the current folder and every folder above it.
pub const FILE: &str = "partner-fit.toml";

/// The keys the file takes, in the order the docs list them.
const KEYS: [&str; 4] = [
    "rules",
    "min_score",
    "require_green_gate",
    "require_evidence",
];

/// The help every problem ends with: where the file's format is written down.
const SEE: &str = "see docs/configuration.md";

/// A project configuration, read and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it was read from, as shown in messages and reports.
    pub path: PathBuf,
    /// The rules folder, relative to the current folder (the file writes it relative to
    /// itself).
    pub rules: Option<PathBuf>,
    pub min_score: Option<u16>,
    pub require_green_gate: bool,
    pub require_evidence: bool,
}

/// The configuration that applies in `folder`: the `partner-fit.toml` in it or in the
/// nearest folder above it; `None` when there is none.
///
/// The path is kept relative (`partner-fit.toml`, `../partner-fit.toml`) when `folder` is
/// the current folder, so messages and reports show it the way the user would type it.
pub fn discover(folder: &Path) -> Result<Option<Config>, Diagnostics> {
    let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    for (depth, dir) in absolute.ancestors().enumerate() {
        if !dir.join(FILE).is_file() {
            continue;
        }
        let shown: PathBuf = std::iter::repeat_n(Path::new(".."), depth)
            .collect::<PathBuf>()
            .join(FILE);
        let shown = if folder == Path::new(".") {
            shown
        } else {
            dir.join(FILE)
        };
        return load(&shown).map(Some);
    }
    Ok(None)
}

/// Reads and checks the configuration at `path`.
pub fn load(path: &Path) -> Result<Config, Diagnostics> {
    let unreadable = |why: String| {
        Diagnostics::from(
            Diagnostic::whole_file(path, format!("cannot read the configuration: {why}"))
                .with_help("make it a readable UTF-8 file, or remove it"),
        )
    };
    let bytes = crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES))
        .map_err(|err| unreadable(err.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| unreadable("it is not UTF-8 text".into()))?;
    parse(path, &text)
}

/// Checks the configuration text of the file at `path`, reporting every problem at once.
pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostics> {
    let doc = DeTable::parse(text).map_err(|err| {
        if let Some((span, message, help)) = crate::diagnostic::too_deep(text, &err) {
            let at = Diagnostic::at(path, &Source::new(text), span, message);
            return Diagnostics::from(at.with_help(help));
        }
        let span = err.span().unwrap_or(0..0);
        Diagnostics::from(
            Diagnostic::at(
                path,
                &Source::new(text),
                span,
                err.message().trim().to_string(),
            )
            .with_help(SEE),
        )
    })?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut config = Config {
        path: path.to_path_buf(),
        ..Config::default()
    };
    let mut problems = Vec::new();
    let source = Source::new(text);
    let mut problem = |span: Range<usize>, message: String, help: String| {
        problems.push(Diagnostic::at(path, &source, span, message).with_help(help));
    };
    for (key, value) in doc.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let span = value.span();
        match (name, value.get_ref()) {
            ("rules", DeValue::String(dir)) if dir.trim().is_empty() => problem(
                span,
                "`rules` is empty".to_string(),
                "write the rules folder, e.g. `rules = \"rules\"`, or leave the key out for the built-in rules".to_string(),
            ),
            ("rules", DeValue::String(dir)) => config.rules = Some(folder.join(dir.as_ref())),
            ("rules", _) => problem(
                span,
                "`rules` is a folder name, in quotes".to_string(),
                "write e.g. `rules = \"rules\"` (relative to this file)".to_string(),
            ),
            ("min_score", DeValue::Integer(number)) => {
                match number.as_str().replace('_', "").parse::<u16>() {
                    Ok(score) if score <= 100 => config.min_score = Some(score),
                    _ => problem(
                        span,
                        format!("`min_score` is {}", number.as_str()),
                        "a score is a whole number from 0 to 100".to_string(),
                    ),
                }
            }
            ("min_score", _) => problem(
                span,
                "`min_score` is a number".to_string(),
                "a score is a whole number from 0 to 100, e.g. `min_score = 70`".to_string(),
            ),
            ("require_green_gate", DeValue::Boolean(on)) => config.require_green_gate = *on,
            ("require_evidence", DeValue::Boolean(on)) => config.require_evidence = *on,
            ("require_green_gate" | "require_evidence", _) => problem(
                span,
                format!("`{name}` is true or false"),
                format!("write true or false, e.g. `{name} = true`"),
            ),
            (unknown, _) => problem(
                key.span(),
                format!("unknown key `{unknown}` in {FILE}"),
                match suggest::nearest(unknown, KEYS) {
                    Some(near) => format!("did you mean `{near}`? ({SEE})"),
                    None => format!("the keys are {} ({SEE})", KEYS.join(", ")),
                },
            ),
        }
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        problems.sort_by_key(|p| (p.line, p.column));
        Err(Diagnostics(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, Diagnostics> {
        parse(Path::new("project/partner-fit.toml"), text)
    }

    #[test]
    fn reads_every_key_with_rules_relative_to_the_file() {
        let config = parsed(
            "rules = \"acme-rules\"\nmin_score = 70\nrequire_green_gate = true\nrequire_evidence = true\n",
        )
        .unwrap();
        assert_eq!(config.rules, Some(PathBuf::from("project/acme-rules")));
        assert_eq!(config.min_score, Some(70));
        assert!(config.require_green_gate);
        assert!(config.require_evidence);
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        let config = parsed("").unwrap();
        assert_eq!(config.rules, None);
        assert_eq!(config.min_score, None);
        assert!(!config.require_green_gate && !config.require_evidence);
    }

    #[test]
    fn reports_every_problem_in_line_order() {
        let problems =
            parsed("min_scor = 70\nrequire_green_gate = \"yes\"\nmin_score = 170\nrules = 3\n")
                .unwrap_err()
                .0;
        let shown: Vec<(usize, &str, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str(), p.help.as_deref().unwrap()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    1,
                    "unknown key `min_scor` in partner-fit.toml",
                    "did you mean `min_score`? (see docs/configuration.md)"
                ),
                (
                    2,
                    "`require_green_gate` is true or false",
                    "write true or false, e.g. `require_green_gate = true`"
                ),
                (
                    3,
                    "`min_score` is 170",
                    "a score is a whole number from 0 to 100"
                ),
                (
                    4,
                    "`rules` is a folder name, in quotes",
                    "write e.g. `rules = \"rules\"` (relative to this file)"
                ),
            ]
        );
    }

    #[test]
    fn a_syntax_error_points_at_its_place() {
        let problems = parsed("rules = \n").unwrap_err().0;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 1);
    }

    #[test]
    fn discovery_finds_the_nearest_file_above() {
        let root = tempfile::tempdir().unwrap();
        let inner = root.path().join("partners").join("emea");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(discover(&inner).unwrap(), None);
        std::fs::write(root.path().join(FILE), "min_score = 60\n").unwrap();
        let found = discover(&inner).unwrap().unwrap();
        assert_eq!(found.min_score, Some(60));
        assert_eq!(
            found.path,
            std::path::absolute(root.path().join(FILE)).unwrap()
        );
        std::fs::write(inner.join(FILE), "min_score = 80\n").unwrap();
        assert_eq!(discover(&inner).unwrap().unwrap().min_score, Some(80));
    }
}
