//! Checks a parsed profile document against the catalogue of fields, before serde sees it:
//! every section, key and value is compared with what the format accepts (kinds, words,
//! ranges) and every problem is collected, so a profile with four mistakes is reported in
//! one run. Each problem points at the span the parser kept and says how to fix it in
//! plain words. Keys and strings holding a control character are left to the plain-text
//! check, which reports them without quoting them.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::bounded::{as_written, describe_range};
use super::catalog::{self, Field, FieldKind};
use super::value::{a_type, control_character};
use super::ALIASES;
use crate::diagnostic::{Diagnostic, Source};
use crate::suggest;

/// Every problem the catalogue can see in `doc`, in the order the walk meets them.
pub(super) fn document(path: &Path, text: &Source, doc: &DeTable) -> Vec<Diagnostic> {
    let mut check = Check {
        path,
        text,
        found: Vec::new(),
    };
    for (key, value) in doc.iter() {
        let name = key.get_ref().as_ref();
        // The version is checked before anything else.
        if name == "format" || control_character(name).is_some() {
            continue;
        }
        if !catalog::is_section(name) {
            check.unknown_key(key.span(), name, None);
            continue;
        }
        match value.get_ref() {
            DeValue::Table(table) => check.section(name, table),
            other => check.not_a_table(name, value.span(), other),
        }
    }
    check.required(doc);
    check.found
}

/// The keys valid in `section` (`None`: the top level), in the order the format declares them.
pub(super) fn valid_keys(section: Option<&str>) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    match section {
        Some(section) => keys.extend(
            catalog::fields()
                .iter()
                .filter(|f| f.section() == section)
                .map(Field::key),
        ),
        None => {
            keys.push("format");
            for field in catalog::fields() {
                if !keys.contains(&field.section()) {
                    keys.push(field.section());
                }
            }
        }
    }
    keys
}

/// The help for an unknown key: the nearest valid key, else the section the key belongs
/// to, else the valid keys.
pub(super) fn unknown_key_help(section: Option<&str>, wrong: &str, valid: &[&str]) -> String {
    if let Some(near) = suggest::nearest(wrong, valid.iter().copied()) {
        return format!("did you mean `{near}`?");
    }
    // A key written in the wrong section is worth naming its home.
    let home = catalog::fields()
        .iter()
        .find(|f| f.key() == wrong && section != Some(f.section()));
    match home {
        Some(field) => format!(
            "`{wrong}` belongs under `[{}]`; valid keys here: {}",
            field.section(),
            valid.join(", ")
        ),
        None => format!("valid keys here: {}", valid.join(", ")),
    }
}

struct Check<'a> {
    path: &'a Path,
    text: &'a Source,
    found: Vec<Diagnostic>,
}

impl Check<'_> {
    fn report(&mut self, span: Range<usize>, message: String, help: String) {
        self.found
            .push(Diagnostic::at(self.path, self.text, span, message).with_help(help));
    }

    /// The value as the user wrote it.
    fn written(&self, span: Range<usize>) -> &str {
        self.text.get(span).unwrap_or_default().trim()
    }

    fn unknown_key(&mut self, span: Range<usize>, name: &str, section: Option<&str>) {
        let help = unknown_key_help(section, name, &valid_keys(section));
        self.report(span, format!("unknown field `{name}`"), help);
    }

    /// `[[market]]` or `market = 3` where a section is meant.
    fn not_a_table(&mut self, name: &str, span: Range<usize>, value: &DeValue) {
        let double = self
            .text
            .get(span.clone())
            .is_some_and(|v| v.starts_with("[["));
        if matches!(value, DeValue::Array(_)) && double {
            self.report(
                span,
                format!("`{name}` is a table; write `[{name}]`, not `[[{name}]]`"),
                format!("a profile describes one partnership, so `[{name}]` appears once"),
            );
        } else {
            self.report(
                span,
                format!("`{name}` is a table, not {}", a_type(value)),
                format!("write `[{name}]` and put its keys on the lines below it"),
            );
        }
    }

    fn section(&mut self, section: &str, table: &DeTable) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if control_character(name).is_some() {
                continue;
            }
            let path = format!("{section}.{name}");
            if let Some(&(old, new)) = ALIASES.iter().find(|(old, _)| *old == path) {
                let new_key = new.rsplit('.').next().unwrap_or(new);
                if table.get(new_key).is_some() {
                    self.report(
                        key.span(),
                        format!("`{old}` is the old name of `{new}`, which is given too"),
                        format!("keep `{new_key}` and delete `{name}`: both name one answer"),
                    );
                    continue;
                }
                if let Some(field) = catalog::field(new) {
                    self.value(field, value);
                }
                continue;
            }
            match catalog::field(&path) {
                Some(field) => self.value(field, value),
                None => self.unknown_key(key.span(), name, Some(section)),
            }
        }
    }

    /// What a value is, for "must be ..., not {shown}".
    fn shown(&self, value: &Spanned<DeValue>) -> String {
        match value.get_ref() {
            DeValue::String(s) => format!("the text \"{s}\""),
            DeValue::Integer(_) | DeValue::Float(_) => {
                format!("the number {}", as_written(self.written(value.span())))
            }
            DeValue::Boolean(b) => b.to_string(),
            other => a_type(other).to_string(),
        }
    }

    fn value(&mut self, field: &Field, value: &Spanned<DeValue>) {
        if let DeValue::String(s) = value.get_ref() {
            if control_character(s).is_some() {
                return;
            }
        }
        let span = value.span();
        let path = &field.path;
        match &field.kind {
            FieldKind::Bool => {
                if !matches!(value.get_ref(), DeValue::Boolean(_)) {
                    let message = format!("`{path}` is true or false, not {}", self.shown(value));
                    self.report(span, message, "write true or false".into());
                }
            }
            FieldKind::Text => {
                if !matches!(value.get_ref(), DeValue::String(_)) {
                    let message = format!("`{path}` is text, not {}", self.shown(value));
                    let help = format!("write the text in quotes: {} = \"...\"", field.key());
                    self.report(span, message, help);
                }
            }
            FieldKind::Number { min, max, whole } => self.number(field, value, *min, *max, *whole),
            FieldKind::Choice(words) => match value.get_ref() {
                DeValue::String(s) => {
                    if !words.contains(&s.to_string()) {
                        let message = format!("unknown value \"{s}\" for `{path}`");
                        self.report(span, message, word_help(s, words));
                    }
                }
                _ => {
                    let message = format!("`{path}` is one word, not {}", self.shown(value));
                    let help = format!(
                        "write one of: {}, in quotes: {} = \"{}\"",
                        words.join(" | "),
                        field.key(),
                        words[0]
                    );
                    self.report(span, message, help);
                }
            },
            FieldKind::List(words) => match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match item.get_ref() {
                            DeValue::String(s) if control_character(s).is_some() => {}
                            DeValue::String(s) if words.contains(&s.to_string()) => {}
                            DeValue::String(s) => {
                                let message = format!("unknown value \"{s}\" in `{path}`");
                                self.report(item.span(), message, word_help(s, words));
                            }
                            _ => {
                                let message = format!(
                                    "`{path}` lists words in quotes, not {}",
                                    self.shown(item)
                                );
                                self.report(item.span(), message, list_example(field, words));
                            }
                        }
                    }
                }
                _ => {
                    let message = format!("`{path}` is a list of words, not {}", self.shown(value));
                    self.report(span, message, list_example(field, words));
                }
            },
        }
    }

    fn number(&mut self, field: &Field, value: &Spanned<DeValue>, min: f64, max: f64, whole: bool) {
        let span = value.span();
        let range = describe_range(min as i64, max as i64, whole);
        let help = format!("write {range}");
        let written = as_written(self.written(span.clone()));
        let message = match value.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => {
                let parsed =
                    toml::Value::deserialize(toml::de::ValueDeserializer::from(value.clone()));
                match parsed {
                    Ok(toml::Value::Integer(n)) if n as f64 >= min && n as f64 <= max => return,
                    Ok(toml::Value::Float(_)) if whole => {
                        format!("{written} is not a whole number: expected {range}")
                    }
                    Ok(toml::Value::Float(n)) if n.is_finite() && n >= min && n <= max => return,
                    // Out of range, or too large for any TOML integer type.
                    _ => format!("{written} is out of range: expected {range}"),
                }
            }
            _ => format!("`{}` is {range}, not {}", field.path, self.shown(value)),
        };
        self.report(span, message, help);
    }

    /// Checks what each value alone cannot show: the required names, and that the primary
    /// driver is one of the drivers. A value of the wrong kind is reported already.
    fn required(&mut self, doc: &DeTable) {
        for section in catalog::REQUIRED
            .iter()
            .filter_map(|p| p.strip_suffix(".name"))
        {
            let Some(value) = doc.get(section) else {
                // At the start of the file: there is no section to point at.
                self.missing_name(section, 0..0);
                continue;
            };
            let DeValue::Table(table) = value.get_ref() else {
                continue;
            };
            match table.get("name").map(|name| (name.span(), name.get_ref())) {
                None => self.missing_name(section, value.span()),
                Some((span, DeValue::String(name))) if name.trim().is_empty() => self.report(
                    span,
                    format!("`{section}.name` is empty"),
                    "write the company's name between the quotes; it is required".into(),
                ),
                Some(_) => {}
            }
        }
        self.primary_driver(doc);
    }

    fn missing_name(&mut self, section: &str, span: Range<usize>) {
        self.report(
            span,
            format!("missing `{section}.name`"),
            format!("add `name = \"...\"` under `[{section}]`; it is required"),
        );
    }

    fn primary_driver(&mut self, doc: &DeTable) {
        let Some(DeValue::Table(value)) = doc.get("value").map(|v| v.get_ref()) else {
            return;
        };
        let (Some(primary), Some(drivers)) = (value.get("primary_driver"), value.get("drivers"))
        else {
            return;
        };
        let Some(FieldKind::List(words)) = catalog::kind("value.drivers") else {
            return;
        };
        fn known<'v>(value: &'v DeValue, words: &[String]) -> Option<&'v str> {
            value.as_str().filter(|s| words.iter().any(|w| w == s))
        }
        let Some(word) = known(primary.get_ref(), &words) else {
            return;
        };
        let Some(listed) = drivers.get_ref().as_array() else {
            return;
        };
        let listed: Option<Vec<&str>> = listed.iter().map(|d| known(d.get_ref(), &words)).collect();
        if listed.is_some_and(|listed| !listed.contains(&word)) {
            self.report(
                primary.span(),
                format!("`value.primary_driver` is `{word}`, which is not one of `value.drivers`"),
                format!("add \"{word}\" to `drivers`, or pick the primary driver among them"),
            );
        }
    }
}

/// "did you mean "x"? one of: a | b", or "write one of: a | b".
fn word_help(wrong: &str, words: &[String]) -> String {
    let all = words.join(" | ");
    match suggest::nearest(wrong, words.iter().map(String::as_str)) {
        Some(near) => format!("did you mean \"{near}\"? one of: {all}"),
        None => format!("write one of: {all}"),
    }
}

/// `write a list in brackets: drivers = ["retention", "reach"]`, with the field's own words.
fn list_example(field: &Field, words: &[String]) -> String {
    let example: Vec<String> = words.iter().take(2).map(|w| format!("\"{w}\"")).collect();
    format!(
        "write a list of words in brackets, e.g. {} = [{}]; the words: {}",
        field.key(),
        example.join(", "),
        words.join(" | ")
    )
}
