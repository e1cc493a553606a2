//! A TOML or schema error in a rule, policy or questions file, told in the terms of those
//! files with the likely fix: the one translation of serde's words for every file under
//! `rules/`.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Source, SHOWN_PER_FILE};
use crate::suggest;

/// The diagnostic for `err`, raised while reading `text` (the file at `path`).
pub fn diagnostic(path: &Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    diagnostic_in(path, &Source::new(text), err)
}

/// [`diagnostic`], pointing into a copy of the file shared with its other problems.
pub fn diagnostic_in(path: &Path, text: &Source, err: &toml::de::Error) -> Diagnostic {
    if let Some((span, message, help)) = crate::diagnostic::too_deep(text, err) {
        return Diagnostic::at(path, text, span, message).with_help(help);
    }
    let message = err.message().trim();
    let span = err.span().unwrap_or(0..0);
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let unknown_key = message.starts_with("unknown field");
    if !unknown_key && !message.starts_with("unknown variant") {
        return Diagnostic::at(path, text, span, message)
            .with_help("see rules/README.md for the rule file format");
    }
    let what = if unknown_key { "keys" } else { "values" };
    let valid = quoted.get(1..).unwrap_or_default();
    let first = match (quoted.first(), value_kind(valid)) {
        // In rule files "field" means a profile field; a misspelt key is a key.
        (Some(wrong), _) if unknown_key => format!("unknown key `{wrong}`"),
        (Some(wrong), Some(kind)) => format!("unknown {kind} `{wrong}`"),
        _ => message
            .split(", expected")
            .next()
            .unwrap_or(message)
            .to_string(),
    };
    let help = match quoted
        .first()
        .and_then(|w| suggest::nearest(w, valid.iter().copied()))
    {
        Some(near) => format!("did you mean `{near}`? (see rules/README.md)"),
        None => format!("allowed {what} here: {}", valid.join(", ")),
    };
    Diagnostic::at(path, text, span, first).with_help(help)
}

/// What a closed set of words names, told by its members: serde only says "variant".
fn value_kind(valid: &[&str]) -> Option<&'static str> {
    let has = |word: &str| valid.contains(&word);
    if has("ratio_gte") && has("all") {
        Some("condition operator")
    } else if has("green-light") && has("question") {
        Some("rule kind")
    } else if has("not-a-fit") {
        Some("verdict")
    } else if has("met") && has("unmet") {
        Some("case state")
    } else if has("next") && has("motion") {
        Some("answer target")
    } else {
        None
    }
}

/// Reads `text` with the model `T`, reporting every unknown key in it, not only the
/// first: after each one serde stops at, that key is taken out and the rest read again,
/// up to [`SHOWN_PER_FILE`] problems (each reading is linear in the file). The model read
/// once they are out comes back with them, so the file's other problems are found in the
/// same run. Any other error ends the search: taking out a wrong value, or an unknown
/// operator, would only make a key missing or a condition empty.
pub fn read_all<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> (Option<T>, Vec<Diagnostic>) {
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => return (None, vec![diagnostic_in(path, &Source::new(text), &err)]),
    };
    // A sound file, almost every file, is read straight from its table. Only a file with
    // problems is parsed again, to be read over and over with each unknown key taken out.
    let mut err = match T::deserialize(toml::de::Deserializer::from(doc)) {
        Ok(model) => return (Some(model), Vec::new()),
        Err(err) => err,
    };
    let source = Source::new(text);
    let Ok(mut doc) = DeTable::parse(text) else {
        return (None, vec![diagnostic_in(path, &source, &err)]);
    };
    let mut found = Vec::new();
    let mut misspelt: Vec<String> = Vec::new();
    loop {
        // A key missing because it was misspelt is already told, with its right name.
        let missing = err.message().strip_prefix("missing field `");
        let told = missing
            .and_then(|m| m.split('`').next())
            .is_some_and(|name| {
                misspelt
                    .iter()
                    .any(|wrong| suggest::nearest(wrong, [name]).is_some())
            });
        if !told {
            found.push(diagnostic_in(path, &source, &err));
        }
        let unknown_key = err.message().starts_with("unknown field");
        if let Some(wrong) = unknown_key
            .then(|| err.message().split('`').nth(1))
            .flatten()
        {
            misspelt.push(wrong.to_string());
        }
        let taken_out = err
            .span()
            .filter(|_| unknown_key && found.len() < SHOWN_PER_FILE)
            .is_some_and(|span| take_out(doc.get_mut(), &span));
        if !taken_out {
            return (None, found);
        }
        err = match T::deserialize(toml::de::Deserializer::from(doc.clone())) {
            Ok(model) => return (Some(model), found),
            Err(err) => err,
        };
    }
}

/// Removes the key written at `span` (its name or its value), from `table` or a table
/// inside it; false when no key is there.
fn take_out(table: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    for (_, value) in table.iter_mut() {
        let inside = match value.get_mut() {
            DeValue::Table(inner) => take_out(inner, span),
            DeValue::Array(items) => items.iter_mut().any(|item| match item.get_mut() {
                DeValue::Table(inner) => take_out(inner, span),
                _ => false,
            }),
            _ => false,
        };
        if inside {
            return true;
        }
    }
    let key = table.iter().find_map(|(key, value)| {
        let at_value = value.span().start <= span.start && span.end <= value.span().end;
        (key.span() == *span || at_value).then(|| key.clone())
    });
    key.is_some_and(|key| table.remove(&key).is_some())
}
