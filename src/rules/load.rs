//! Loading a rule set: read the files of a source ([`super::files`]), parse each with the
//! rule model ([`super::model`]) and validate the whole ([`super::validate`]). A rule set
//! that fails validation is never returned.

use std::path::{Path, PathBuf};

use super::files::{read, RuleSource, SourceFiles, POLICY_FILE};
use super::model::{ParsedRules, Policy, RuleFile};
use super::parse_error;
use super::questions;
use super::validate::{self, Depth};
use super::RuleSet;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Loads and validates a rule set; every problem found is reported at once.
///
/// The embedded rules are validated at every start-up, structure only: a broken file
/// stops the binary with its file, line and column and exit 2. Their cases run in
/// `cargo test` (`tests/integration/rules.rs`), where a case that fails fails the
/// suite, so they are not run again on every command. A `--rules DIR` folder is
/// someone's edit, so it is checked in full, cases included, every time.
pub fn load(source: &RuleSource) -> Result<RuleSet, Diagnostics> {
    load_with_files(source).map(|(set, _)| set)
}

/// [`load`], also returning the files' text the set was built from, so a report can
/// say exactly which rules it used.
pub fn load_with_files(source: &RuleSource) -> Result<(RuleSet, SourceFiles), Diagnostics> {
    let depth = match source {
        RuleSource::Embedded => Depth::Structure,
        RuleSource::Dir(_) => Depth::WithCases,
    };
    checked_with_files(source, depth)
}

/// Loads and validates a rule set to the given depth.
pub fn load_checked(source: &RuleSource, depth: Depth) -> Result<RuleSet, Diagnostics> {
    checked_with_files(source, depth).map(|(set, _)| set)
}

fn checked_with_files(
    source: &RuleSource,
    depth: Depth,
) -> Result<(RuleSet, SourceFiles), Diagnostics> {
    let files = read(source)?;
    let set = parse_and_validate(&source.root(), &files, depth).map_err(Diagnostics)?;
    Ok((set, files))
}

/// Parses every file and validates the whole set. Rules live in family folders; at the
/// top of `root`, the policy and the interview's questions are read here (other
/// top-level files, such as the deal rules, belong to their own readers). Every problem
/// of every file comes back at once.
pub fn parse_and_validate(
    root: &Path,
    files: &SourceFiles,
    depth: Depth,
) -> Result<RuleSet, Vec<Diagnostic>> {
    let questions_path = root.join(questions::FILE);
    let questions = files
        .get(&questions_path)
        .map(|text| questions::parse(&questions_path, text))
        .transpose();
    match (
        validate::validate(parse(root, files), files, depth),
        questions,
    ) {
        (Ok(mut set), Ok(questions)) => {
            set.questions = questions;
            Ok(set)
        }
        (Ok(_), Err(problems)) => Err(problems),
        (Err(problems), Ok(_)) => Err(problems),
        (Err(mut problems), Err(more)) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// Every file read with the model, without judging what it says. Files are parsed side by
/// side (each parse reads one file and nothing else), then gathered in path order, so
/// problems come out in the same order however many threads ran.
fn parse(root: &Path, files: &SourceFiles) -> ParsedRules {
    use rayon::prelude::*;

    // Boxed, so a file that is neither a rule nor the policy takes a pointer's room.
    enum Parsed {
        Rule(Option<Box<RuleFile>>, Vec<Diagnostic>, PathBuf),
        Policy(Option<Box<Policy>>, Vec<Diagnostic>, PathBuf),
        Other,
    }
    let each: Vec<Parsed> = files
        .iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .with_min_len(64)
        .map(|(path, text)| {
            if path.parent() != Some(root) {
                let (rule, problems) = parse_error::read_all::<RuleFile>(path, text);
                Parsed::Rule(rule.map(Box::new), problems, path.clone())
            } else if path.file_name().is_some_and(|n| n == POLICY_FILE) {
                let (policy, problems) = parse_error::read_all::<Policy>(path, text);
                Parsed::Policy(policy.map(Box::new), problems, path.clone())
            } else {
                Parsed::Other
            }
        })
        .collect();
    let mut parsed = ParsedRules::default();
    for file in each {
        match file {
            Parsed::Rule(rule, problems, path) => {
                parsed.problems.extend(problems);
                match rule {
                    Some(mut rule) => {
                        rule.path = path;
                        parsed.rules.push(*rule);
                    }
                    None => parsed.unparsed.extend(id_from_path(&path)),
                }
            }
            Parsed::Policy(policy, problems, path) => {
                parsed.problems.extend(problems);
                if let Some(mut policy) = policy {
                    policy.path = path;
                    parsed.policy = Some(*policy);
                }
            }
            Parsed::Other => {}
        }
    }
    if !files.contains_key(&root.join(POLICY_FILE)) {
        parsed.problems.push(
            Diagnostic::whole_file(
                &root.join(POLICY_FILE),
                "the rules folder has no policy file",
            )
            .with_help(
                "copy `policy.toml` from the shipped `rules/` folder into the top of this one",
            ),
        );
    }
    parsed
}

/// The id a rule file at `path` would have (`<folder>.<file stem>`).
fn id_from_path(path: &Path) -> Option<String> {
    let folder = path.parent()?.file_name()?.to_str()?;
    let stem = path.file_stem()?.to_str()?;
    Some(format!("{folder}.{stem}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_are_valid() {
        if let Err(problems) = load_checked(&RuleSource::Embedded, Depth::WithCases) {
            panic!("the shipped rules do not validate:\n{problems}");
        }
    }
}
