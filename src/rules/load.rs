//! Reads rule files, from the copy embedded in the binary or from `--rules DIR`, and hands
//! them to validation. A rule set that fails validation is never returned.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use super::model::{Policy, Rule};
use super::validate::{self, Depth};
use super::RuleSet;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The shipped rules, embedded so an installed binary works from any folder.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The same rules and policy compiled into Rust by `build.rs`, without what an assessment
/// never reads (prose and cases): parsing the files was most of an assessment's start-up
/// time.
mod compiled {
    use crate::condition as C;
    use crate::rules::model as M;
    use crate::rules::set as S;

    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The name of the file that ties the families together.
pub const POLICY_FILE: &str = "policy.toml";

/// Where rules come from.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleSource {
    /// The rules built into the binary.
    Embedded,
    /// A folder laid out like `rules/`.
    Dir(PathBuf),
}

impl RuleSource {
    /// The folder the files' paths start with, as shown in messages.
    pub fn root(&self) -> PathBuf {
        match self {
            RuleSource::Embedded => PathBuf::from("rules"),
            RuleSource::Dir(dir) => dir.clone(),
        }
    }

    pub fn from_option(dir: Option<&Path>) -> Self {
        dir.map_or(RuleSource::Embedded, |d| RuleSource::Dir(d.to_path_buf()))
    }
}

/// The text of every rule file, by the path shown in messages. Embedded files are
/// borrowed from the binary, files from a folder are owned.
pub type SourceFiles = BTreeMap<PathBuf, Cow<'static, str>>;

/// Loads and validates a rule set; every problem found is reported at once.
///
/// The embedded rules are only parsed here: `cargo test` validated them and ran every
/// case before the binary was built, and checking them again would cost more than the
/// assessment itself. A `--rules DIR` folder is someone's edit, so it is checked in full,
/// cases included, every time.
pub fn load(source: &RuleSource) -> Result<RuleSet, Diagnostics> {
    let depth = match source {
        RuleSource::Embedded => Depth::Trusted,
        RuleSource::Dir(_) => Depth::WithCases,
    };
    load_checked(source, depth)
}

/// Loads a rule set for evaluating profiles. The embedded rules come compiled, without
/// `why`, `source` and cases: use [`load`] wherever those are shown.
pub fn load_for_evaluation(source: &RuleSource) -> Result<RuleSet, Diagnostics> {
    match source {
        RuleSource::Embedded => Ok(RuleSet::from_parts(
            compiled::rules(),
            compiled::policy(),
            compiled::derived(),
        )),
        RuleSource::Dir(_) => load(source),
    }
}

/// Loads and validates a rule set to the given depth.
pub fn load_checked(source: &RuleSource, depth: Depth) -> Result<RuleSet, Diagnostics> {
    let files = read(source)?;
    let (set, problems) = parse_and_validate(&source.root(), &files, depth);
    match set {
        Some(set) if problems.is_empty() => Ok(set),
        _ => Err(Diagnostics(problems)),
    }
}

/// Reads the files of a source without parsing them.
pub fn read(source: &RuleSource) -> Result<SourceFiles, Diagnostics> {
    let mut files = SourceFiles::new();
    match source {
        RuleSource::Embedded => collect_embedded(&EMBEDDED, &mut files),
        RuleSource::Dir(dir) => {
            if !dir.is_dir() {
                return Err(Diagnostics(vec![Diagnostic::whole_file(
                    dir,
                    "not a rules folder",
                )
                .with_help(
                    "pass a folder laid out like the shipped `rules/` (see `rules/README.md`)",
                )]));
            }
            let mut problems = Vec::new();
            collect_dir(dir, &mut files, &mut problems);
            if !problems.is_empty() {
                return Err(Diagnostics(problems));
            }
        }
    }
    Ok(files)
}

fn collect_embedded(dir: &'static Dir<'static>, files: &mut SourceFiles) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            // The shipped files are UTF-8; a test loads them, so this never fails in a release.
            let text = file.contents_utf8().expect("embedded rule files are UTF-8");
            files.insert(Path::new("rules").join(file.path()), Cow::Borrowed(text));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn collect_dir(dir: &Path, files: &mut SourceFiles, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Diagnostic::whole_file(
                dir,
                format!("cannot read the folder: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        // The entry's own type: a link to a folder is not followed, so a link back up
        // the tree cannot make the walk go round for ever.
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        let toml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if is_dir {
            collect_dir(&path, files, problems);
        } else if toml && path.extension().is_none_or(|e| e != "toml") {
            problems.push(
                Diagnostic::whole_file(&path, "rule files end in `.toml` (lower case)")
                    .with_help("rename the file, or it would be skipped"),
            );
        } else if toml {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        files.insert(path, Cow::Owned(text));
                    }
                    Err(_) => problems.push(
                        Diagnostic::whole_file(&path, "the rule file is not UTF-8 text")
                            .with_help("save it as UTF-8"),
                    ),
                },
                Err(err) => {
                    problems.push(Diagnostic::whole_file(&path, format!("cannot read: {err}")))
                }
            }
        }
    }
}

/// Parses every file and validates the whole set; returns the set when it could be built
/// at all, and every problem found. Rules live in family folders; at the top of `root`,
/// only the policy is read here (other top-level files, such as the interview's
/// questions, belong to their own readers).
pub fn parse_and_validate(
    root: &Path,
    files: &SourceFiles,
    depth: Depth,
) -> (Option<RuleSet>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut policy: Option<Policy> = None;
    let mut rule_files = Vec::new();
    for (path, text) in files {
        if path.parent() != Some(root) {
            rule_files.push((path, text));
        } else if path.file_name().is_some_and(|n| n == POLICY_FILE) {
            match toml::from_str::<Policy>(text) {
                Ok(mut p) => {
                    p.path = path.clone();
                    policy = Some(p);
                }
                Err(err) => problems.push(validate::from_toml(path, text, &err)),
            }
        }
    }
    // Parsing the TOML is most of the start-up time; the files are independent.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = rule_files.len().div_ceil(threads).max(1);
    let parsed: Vec<(Vec<Rule>, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let mut chunks = rule_files.chunks(chunk);
        let first = chunks.next().unwrap_or_default();
        let workers: Vec<_> = chunks
            .map(|files| scope.spawn(move || parse_rules(files)))
            .collect();
        // This thread takes its share rather than wait idle.
        let mut parsed = vec![parse_rules(first)];
        parsed.extend(
            workers
                .into_iter()
                .map(|w| w.join().expect("parsing rule files does not panic")),
        );
        parsed
    });
    let mut rules = Vec::with_capacity(rule_files.len());
    for (chunk_rules, chunk_problems) in parsed {
        rules.extend(chunk_rules);
        problems.extend(chunk_problems);
    }
    let Some(policy) = policy else {
        if files.contains_key(&root.join(POLICY_FILE)) {
            // The policy is there but could not be read; its problem is already listed.
            return (None, problems);
        }
        problems.push(
            Diagnostic::whole_file(
                &root.join(POLICY_FILE),
                "the rules folder has no policy file",
            )
            .with_help(
                "copy `policy.toml` from the shipped `rules/` folder into the top of this one",
            ),
        );
        return (None, problems);
    };
    let set = RuleSet::new(rules, policy);
    problems.extend(validate::validate(&set, files, depth));
    (Some(set), problems)
}

fn parse_rules(files: &[(&PathBuf, &Cow<'static, str>)]) -> (Vec<Rule>, Vec<Diagnostic>) {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for (path, text) in files {
        match toml::from_str::<Rule>(text) {
            Ok(mut rule) => {
                rule.path = (*path).clone();
                rules.push(rule);
            }
            Err(err) => problems.push(validate::from_toml(path, text, &err)),
        }
    }
    (rules, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_rules_come_with_what_the_parsed_rules_derive() {
        let compiled = load_for_evaluation(&RuleSource::Embedded).unwrap();
        let parsed = load(&RuleSource::Embedded).unwrap();
        assert_eq!(compiled.derived(), parsed.derived());
        let ids = |set: &RuleSet| {
            set.rules
                .iter()
                .map(|r| r.id().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&compiled), ids(&parsed));
        // The trade-offs are shown as written, so the compiled copy must carry every cell.
        // Spans differ (the compiled copy has none); compare the words only.
        let cells = |set: &RuleSet| {
            let mut out = Vec::new();
            for d in &set.policy.dimensions {
                for (motion, text) in &d.by_motion {
                    let (label, motion, text) =
                        (d.label.get_ref(), motion.get_ref(), text.get_ref());
                    out.push(format!("{label} / {motion}: {text}"));
                }
            }
            out
        };
        assert_eq!(cells(&compiled), cells(&parsed));
        assert!(
            !cells(&parsed).is_empty(),
            "the shipped policy has trade-offs"
        );
    }

    #[test]
    fn embedded_rules_are_valid() {
        if let Err(problems) = load_checked(&RuleSource::Embedded, Depth::WithCases) {
            panic!("the shipped rules do not validate:\n{problems}");
        }
    }
}
