//! A TOML or schema error in a rule, policy or questions file, told in the terms of those
//! files with the likely fix: the one translation of serde's words for every file under
//! `rules/`.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Source};
use crate::suggest;

/// The diagnostic for `err`, raised while reading `text` (the file at `path`).
pub fn diagnostic(path: &Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim();
    let span = err.span().unwrap_or(0..0);
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let unknown_key = message.starts_with("unknown field");
    if !unknown_key && !message.starts_with("unknown variant") {
        return Diagnostic::at(path, &Source::new(text), span, message)
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
    Diagnostic::at(path, &Source::new(text), span, first).with_help(help)
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
