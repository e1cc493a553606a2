//! The policy's `[[relation]]`s: every field they name exists, every value they name is
//! one the field can hold, an inference reads one field and sets another, and what a
//! report shows of an inferred answer is written.

use std::path::Path;

use toml::Spanned;

use super::super::model::{Policy, Relation};
use super::{field_help, Problems};
use crate::condition::{Among, Literal};
use crate::profile::catalog;

pub(super) fn check(policy: &Policy, problems: &mut Problems) {
    let path = policy.path.as_path();
    for relation in &policy.relations {
        self::relation(path, relation, policy, problems);
    }
}

fn relation(path: &Path, relation: &Relation, policy: &Policy, problems: &mut Problems) {
    for text in [&relation.fact, &relation.source] {
        if text.get_ref().trim().is_empty() {
            problems.push(
                path,
                text.span(),
                "a relation has an empty `fact` or `source`",
                "name the fact both fields state, and the source that says they state it",
            );
        }
    }
    let cited = super::super::model::cited_keys(relation.source.get_ref());
    for key in cited.filter(|k| k.chars().all(|c| c.is_ascii_digit())) {
        if !policy.sources.is_empty() && policy.source(key).is_none() {
            problems.push(
                path,
                relation.source.span(),
                format!("`source` cites `{key}`, which policy.toml does not list in [[sources]]"),
                format!("add `{key}` to [[sources]] with its title"),
            );
        }
    }
    if let Some(when) = &relation.when {
        among(path, when, problems);
    }
    if relation.inferences.is_empty() {
        problems.push(
            path,
            relation.fact.span(),
            format!("the relation `{}` infers nothing", relation.fact.get_ref()),
            "add an `[[relation.infer]]` with `if`, `then` and `shown`",
        );
    }
    for inference in &relation.inferences {
        among(path, &inference.given, problems);
        value(path, &inference.then.field, &inference.then.value, problems);
        if inference.given.field.get_ref() == inference.then.field.get_ref() {
            problems.push(
                path,
                inference.then.field.span(),
                format!(
                    "the inference reads and sets `{}`",
                    inference.then.field.get_ref()
                ),
                "an inference takes one field's answer from another field's",
            );
        }
        let shown = inference.shown.get_ref();
        if shown.trim().is_empty() {
            problems.push(
                path,
                inference.shown.span(),
                "`shown` is empty",
                "write what the report says of the inferred answer, e.g. \"listed on the partner's marketplace: yes, from your listing on its cloud\"",
            );
        } else if let Some(word) = crate::rules::template::code_word(shown) {
            let start = inference.shown.span().start + 1 + shown.find(word).unwrap_or(0);
            problems.push(
                path,
                start..start + word.len(),
                crate::rules::template::TemplateError::Code(word.to_string()).to_string(),
                crate::rules::template::CODE_HELP,
            );
        }
    }
}

/// `{ field, values }`: the field exists and can hold every value.
fn among(path: &Path, among: &Among, problems: &mut Problems) {
    if among.values.is_empty() {
        problems.push(
            path,
            among.field.span(),
            format!("no `values` given for `{}`", among.field.get_ref()),
            "list the answers the relation holds for",
        );
    }
    for v in &among.values {
        value(path, &among.field, v, problems);
    }
}

/// The field exists and can hold the value.
fn value(path: &Path, field: &Spanned<String>, value: &Spanned<Literal>, problems: &mut Problems) {
    let name = field.get_ref();
    let Some(info) = catalog::field(name) else {
        problems.push(
            path,
            field.span(),
            format!("unknown profile field `{name}`"),
            field_help(name),
        );
        return;
    };
    if !info.accepts(value.get_ref(), false) {
        problems.push(
            path,
            value.span(),
            format!("{} is not an answer `{name}` can hold", value.get_ref()),
            format!("`{name}` is {}", info.allowed()),
        );
    }
}
