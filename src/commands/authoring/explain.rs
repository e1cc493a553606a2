//! `partner-fit rules explain ID`: one rule -> explanation -> text or JSON. An unknown id
//! is an error that names the nearest ids.

use anyhow::{bail, Result};

use super::print;
use crate::cli::authoring::{ExplainArgs, ExplainFormat};
use crate::commands::settings::Settings;
use crate::exit::ExitStatus;
use crate::render::rules::{self as view, Explanation};
use crate::rules::{self, RuleSet};
use crate::suggest;

/// How many near ids an unknown id is answered with, at most.
const SUGGESTIONS: usize = 3;

pub fn run(args: &ExplainArgs) -> Result<ExitStatus> {
    let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
    let set = rules::load(&settings.rules)?;
    // The list itself never names its rules; a folder the configuration chose is said.
    settings.note_config(args.rules.dir.is_some(), &Default::default());
    let Some(rule) = set.get(args.id.trim()) else {
        bail!("{}", unknown_id(&args.id, &set));
    };
    let explanation = Explanation::from_rule(rule, &set);
    let text = match args.format {
        ExplainFormat::Text => view::explanation_text(&explanation),
        ExplainFormat::Json => view::explanation_json(&explanation),
    };
    print(&text)?;
    Ok(ExitStatus::Passed)
}

/// "no rule `x`; did you mean `y`?", with up to [`SUGGESTIONS`] near ids (or ids that
/// contain what was typed), else the ids of the same family, else a pointer to `rules list`.
fn unknown_id(id: &str, set: &RuleSet) -> String {
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id()).collect();
    let mut near: Vec<&str> = Vec::new();
    if let Some(best) = suggest::nearest(id, ids.iter().copied()) {
        near.push(best);
        let limit = suggest::edit_distance(id, best) + 1;
        let mut others: Vec<(usize, &str)> = ids
            .iter()
            .filter(|c| **c != best)
            .map(|c| (suggest::edit_distance(id, c), *c))
            .filter(|(d, _)| *d <= limit)
            .collect();
        others.sort();
        near.extend(others.into_iter().map(|(_, c)| c));
        near.truncate(SUGGESTIONS);
    }
    if near.is_empty() && id.len() >= 3 {
        // A word from the id (`icp`, `champion`) is as likely as a typo of the whole id.
        let word = id.to_lowercase();
        near = ids.iter().copied().filter(|c| c.contains(&word)).collect();
        near.truncate(SUGGESTIONS);
    }
    if !near.is_empty() {
        return format!("no rule `{id}`; did you mean {}?", or_list(&near));
    }
    let family = id.split('.').next().unwrap_or_default();
    let siblings: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|c| c.split('.').next() == Some(family))
        .collect();
    if !siblings.is_empty() {
        return format!(
            "no rule `{id}`; the `{family}` rules are {}",
            siblings
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    format!("no rule `{id}`; `partner-fit rules list` shows every rule id")
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn or_list(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        assert_eq!(or_list(&["a"]), "`a`");
        assert_eq!(or_list(&["a", "b"]), "`a` or `b`");
        assert_eq!(or_list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
