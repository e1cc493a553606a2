//! The annotated profile template `partner-fit init` writes, generated from the profile
//! catalogue: every field, grouped by section, each with a one-line comment saying what
//! it means and which values it takes. Only the two names are set; every answer is
//! commented out with a sample value (a shipped example's answer where it has one), so a
//! fresh template is a valid profile whose answers are all unknown.

use std::fmt::Write;

use crate::profile::catalog::{self, Field, FieldKind};

/// The names written when none are given.
pub const VENDOR_PLACEHOLDER: &str = "Your company";
pub const PARTNER_PLACEHOLDER: &str = "The partner";

/// The template, with the given names (or placeholders).
pub fn render(vendor: Option<&str>, partner: Option<&str>) -> String {
    // The example is part of the source tree; a test reads this template back.
    let example: toml::Table = toml::from_str(EXAMPLE).unwrap_or_default();
    let mut out = String::from(HEADER);
    let _ = writeln!(out, "format = 1");
    let mut section = "";
    for field in catalog::fields() {
        if field.section() != section {
            section = field.section();
            let _ = writeln!(out, "\n# {}\n[{section}]", field.section_description);
        }
        let _ = writeln!(out, "# {} [{}]", field.description, field.allowed());
        let key = toml_key(field.key());
        match (field.path.as_str(), field.kind == FieldKind::Text) {
            ("vendor.name", true) => {
                let name = vendor.unwrap_or(VENDOR_PLACEHOLDER);
                let _ = writeln!(out, "{key} = {}", toml_string(name));
            }
            ("partner.name", true) => {
                let name = partner.unwrap_or(PARTNER_PLACEHOLDER);
                let _ = writeln!(out, "{key} = {}", toml_string(name));
            }
            _ => {
                let _ = writeln!(out, "# {key} = {}", sample(&example, field));
            }
        }
    }
    out
}

const HEADER: &str = "\
# A partner-fit profile: your company (the vendor) and one partner.
#
# Answer what you know by removing the `# ` before a key and writing your value; leave
# the rest commented out. A missing answer is unknown, never a default: the report
# lists the unknowns that could change its recommendation, so answer those first.
# The allowed values of each key are in [brackets] on the line above it.
#
# Assess it:       partner-fit assess <this file>
# Editor checks:   partner-fit schema > partner-fit.schema.json, then put
#                  `#:schema ./partner-fit.schema.json` on the first line of this file

";

/// A shipped example profile: its answers are the samples, so the template shows values a
/// founder would write (`sales_cycle_days = 60`), not merely values of the right type.
const EXAMPLE: &str = include_str!("../../examples/ready-to-co-sell.toml");

/// The example's answer for a field, as TOML.
fn example_value(example: &toml::Table, field: &Field) -> Option<String> {
    let value = example.get(field.section())?.get(field.key())?;
    Some(match value {
        // Long text reads better as a hint than as a sample to keep.
        toml::Value::String(text) if text.len() > 40 => return None,
        other => other.to_string(),
    })
}

/// A value for a commented-out line: uncommented as it is, it reads.
fn sample(example: &toml::Table, field: &Field) -> String {
    if let Some(value) = example_value(example, field) {
        return value;
    }
    match &field.kind {
        FieldKind::Bool => "true".into(),
        FieldKind::Number { min, .. } => format!("{}", min.max(0.0)),
        FieldKind::Choice(words) => toml_string(words.first().map_or("", String::as_str)),
        FieldKind::List(words) => match words.first() {
            Some(word) => format!("[{}]", toml_string(word)),
            None => "[]".into(),
        },
        FieldKind::Text => toml_string(""),
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A bare key when TOML allows one, else a quoted key.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::profile;

    #[test]
    fn template_is_a_valid_profile_with_every_answer_unknown() {
        let text = render(None, None);
        let p = profile::parse(Path::new("t.toml"), &text).expect("the template reads");
        assert_eq!(p.vendor.name.as_deref(), Some(VENDOR_PLACEHOLDER));
        assert_eq!(p.partner.name.as_deref(), Some(PARTNER_PLACEHOLDER));
        assert_eq!(
            profile::facts::facts(&p).len(),
            2,
            "only the names are answered"
        );
    }

    #[test]
    fn template_names_every_field_with_a_comment() {
        let text = render(None, None);
        for field in catalog::fields() {
            let line = format!("{} = ", field.key());
            let at = text
                .lines()
                .position(|l| l.trim_start_matches("# ").starts_with(&line))
                .unwrap_or_else(|| panic!("`{}` is missing from the template", field.path));
            let comment = text.lines().nth(at - 1).unwrap_or_default();
            assert!(
                comment.starts_with("# ") && comment.contains(&field.allowed()),
                "`{}` has no comment with its allowed values: {comment:?}",
                field.path
            );
        }
    }

    #[test]
    fn every_sample_value_reads_when_uncommented() {
        let text = render(Some("Acme \"A\""), Some("Northwind"));
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest
                        .split_once(" = ")
                        .is_some_and(|(key, _)| !key.contains(' ')) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let p = profile::parse(Path::new("t.toml"), &uncommented)
            .unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(p.vendor.name.as_deref(), Some("Acme \"A\""));
        // Text fields are answers only where the sample has words: the two names, and the
        // short texts of the example profile.
        let texts_with_words = catalog::fields()
            .iter()
            .filter(|f| f.kind == FieldKind::Text)
            .filter(|f| !text.contains(&format!("# {} = \"\"", f.key())))
            .count();
        assert_eq!(
            profile::facts::facts(&p).len(),
            catalog::fields().len() - count_text_fields() + texts_with_words
        );
    }

    /// Text samples are empty, which reads as unanswered.
    fn count_text_fields() -> usize {
        catalog::fields()
            .iter()
            .filter(|f| f.kind == FieldKind::Text)
            .count()
    }
}
