//! Validation turns the parsed files of a rules folder ([`ParsedRules`]) into a
//! [`RuleSet`], or into every problem found, each at its file, line and column with what to
//! do. `rules validate`, every loader (the binary's embedded rules at start-up) and `cargo test`
//! run this same function.
//!
//! Each job has its own module: the policy file ([`policy`]) and its relations between
//! profile fields ([`relation`]), each rule on its own
//! ([`rule`]), how rules refer to each other and the decision flow ([`graph`]), and the
//! rules' example cases ([`cases`]). Every job is linear in the number of rules.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::files::SourceFiles;
use super::model::ParsedRules;
use super::rule::Rule;
use super::RuleSet;
use crate::diagnostic::{Diagnostic, Source};
use crate::profile::catalog;
use crate::suggest;

mod cases;
mod graph;
mod knowledge;
mod policy;
mod relation;
mod rule;

pub use rule::MAX_MESSAGE_CHARS;

/// How much of a rule set to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Everything but the rules' own cases: the embedded rules at start-up, whose cases
    /// `cargo test` runs.
    Structure,
    /// Also run every `[[case]]` of every rule.
    WithCases,
}

/// The validated set, or every problem in the files, in file order.
pub fn validate(
    parsed: ParsedRules,
    files: &SourceFiles,
    depth: Depth,
) -> Result<RuleSet, Vec<Diagnostic>> {
    let ParsedRules {
        policy,
        rules: rule_files,
        problems,
        mut unparsed,
    } = parsed;
    let mut problems = Problems {
        files,
        sources: BTreeMap::new(),
        list: problems,
    };
    let Some(policy) = policy else {
        return Err(problems.list);
    };
    policy::check(&policy, &mut problems);
    relation::check(&policy, &mut problems);
    // Each rule's own file is checked on its own, side by side; the problems are gathered
    // in the files' order, so they read the same however many threads ran.
    let checked: Vec<(Option<Rule>, String, Vec<Diagnostic>)> = rule_files
        .into_par_iter()
        .with_min_len(64)
        .map(|file| {
            let mut own = Problems {
                files,
                sources: BTreeMap::new(),
                list: Vec::new(),
            };
            let id = file.id.get_ref().clone();
            policy::cited(&file, &policy, &mut own);
            (rule::check(file, &policy, &mut own), id, own.list)
        })
        .collect();
    let mut rules = Vec::with_capacity(checked.len());
    for (rule, id, list) in checked {
        problems.list.extend(list);
        match rule {
            Some(rule) => rules.push(rule),
            // Its problems are listed; rules naming it are not wrong on its account.
            None => {
                unparsed.insert(id);
            }
        }
    }
    let set = RuleSet::new(rules, policy);
    graph::check(&set, &unparsed, &mut problems);
    knowledge::check(&set, &mut problems);
    // Cases run last, and only where the result means something: on rules whose own file
    // is sound and whose referenced rules are too. A case failing because its rule names
    // an unknown field would only repeat that problem.
    if depth == Depth::WithCases {
        let unsound: BTreeSet<PathBuf> = problems.list.iter().map(|p| p.path.clone()).collect();
        cases::check(&set, &unsound, &mut problems);
    }
    let mut list = problems.list;
    if list.is_empty() {
        return Ok(set);
    }
    list.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    // One mistake can be met by two checks (a field that does not exist cannot be
    // compared either); say it once.
    list.dedup();
    Err(list)
}

/// An `https://` address with no space in it: what a rule or the policy may give as a
/// page's address.
fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") && !text.contains(char::is_whitespace)
}

/// The host of an `https://` address: `aws.amazon.com` in
/// `https://aws.amazon.com/partners/`.
fn host(url: &str) -> &str {
    let rest = url.strip_prefix("https://").unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The problems found so far, and the files they point into.
struct Problems<'a> {
    files: &'a SourceFiles,
    /// The one copy of each file that its problems point into, made at its first problem.
    sources: BTreeMap<PathBuf, Source>,
    list: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn push(
        &mut self,
        path: &Path,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let files = self.files;
        let source = self.sources.entry(path.to_path_buf()).or_insert_with(|| {
            Source::new(files.get(path).map(|t| t.as_ref()).unwrap_or_default())
        });
        self.list
            .push(Diagnostic::at(path, source, span, message).with_help(help));
    }

    /// The text of a file, for pointing at words inside it.
    fn text(&self, path: &Path) -> &str {
        self.files.get(path).map(|t| t.as_ref()).unwrap_or_default()
    }
}

/// The help for a profile field name that does not exist: the nearest one, or where to
/// find them all.
pub fn field_help(name: &str) -> String {
    if let Some((_, new)) = crate::profile::ALIASES.iter().find(|(old, _)| *old == name) {
        return format!("`{name}` is now named `{new}`");
    }
    match suggest::nearest(name, catalog::fields().iter().map(|f| f.path.as_str())) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "see `partner-fit init` for every profile field".to_string(),
    }
}

/// The help for a motion name that does not exist.
fn motion_help(name: &str, motions: &[&str]) -> String {
    match suggest::nearest(name, motions.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? motions: {}", motions.join(", ")),
        None => format!("motions: {}", motions.join(", ")),
    }
}
