//! Reads a profile file: bytes -> UTF-8 text -> [`Profile`], with every failure turned into
//! a [`Diagnostic`] that names the file, line and column and says how to fix it.

use std::path::Path;

use super::catalog;
use super::Profile;
use crate::diagnostic::Diagnostic;
use crate::suggest;

/// A profile that could not be read; always shown with its place in the file.
pub type ProfileError = Diagnostic;

/// Reads and checks the profile at `path`.
pub fn load(path: &Path) -> Result<Profile, ProfileError> {
    let bytes = std::fs::read(path).map_err(|err| {
        let help = match err.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path, or create a profile with `partner-fit init`"
            }
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that the path names a readable file",
        };
        Diagnostic::whole_file(path, format!("cannot read the profile: {err}")).with_help(help)
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        let (line, column) = crate::diagnostic::line_column(&text, valid);
        Diagnostic::whole_file(
            path,
            format!("the profile is not UTF-8 text (invalid byte at line {line}, column {column})"),
        )
        .with_help("save the file as UTF-8 text; a profile is a TOML file")
    })?;
    parse(path, &text)
}

/// Parses profile text; `path` is only used to name the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Profile, ProfileError> {
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(path, "the profile is empty").with_help(
            "a profile needs at least `[vendor] name` and `[partner] name`; `partner-fit init` writes a template",
        ));
    }
    let profile: Profile = toml::from_str(text).map_err(|err| from_toml(path, text, &err))?;
    check_required(path, text, &profile)?;
    Ok(profile)
}

/// Checks what the types cannot: required names, the format version, and that the
/// primary driver is one of the drivers.
fn check_required(path: &Path, text: &str, profile: &Profile) -> Result<(), ProfileError> {
    if let Some(format) = profile.format {
        if format != 1 {
            return Err(at_key(
                path,
                text,
                None,
                "format",
                format!("unknown profile format {format}"),
            )
            .with_help("this version of partner-fit reads `format = 1`"));
        }
    }
    for (section, name) in [
        ("vendor", &profile.vendor.name),
        ("partner", &profile.partner.name),
    ] {
        if name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(
                at_section(path, text, section, format!("missing `{section}.name`")).with_help(
                    format!("add `name = \"...\"` under `[{section}]`; it is required"),
                ),
            );
        }
    }
    if let (Some(primary), Some(drivers)) = (profile.value.primary_driver, &profile.value.drivers) {
        if !drivers.contains(&primary) {
            let word = serde_json::to_value(primary).ok();
            let word = word
                .as_ref()
                .and_then(|w| w.as_str())
                .unwrap_or_default()
                .to_string();
            return Err(at_key(
                path,
                text,
                Some("value"),
                "primary_driver",
                format!("`value.primary_driver` is `{word}`, which is not one of `value.drivers`"),
            )
            .with_help(format!(
                "add \"{word}\" to `drivers`, or pick the primary driver among them"
            )));
        }
    }
    Ok(())
}

fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim().to_string();
    let mut diagnostic = Diagnostic::at(path, text, span.clone(), first_clause(&message));
    if let Some(help) = help_for(text, span, &message) {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// serde's messages read "unknown field `x`, expected one of `a`, `b`, ..."; the list is
/// long, so the message keeps the first clause and the help names the likely fix.
fn first_clause(message: &str) -> String {
    if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        message
            .split(", expected")
            .next()
            .unwrap_or(message)
            .to_string()
    } else {
        message.to_string()
    }
}

fn help_for(text: &str, span: std::ops::Range<usize>, message: &str) -> Option<String> {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") {
        let wrong = quoted.first()?;
        let section = section_at(text, span.start);
        let valid: Vec<String> = match &section {
            Some(section) => catalog::fields()
                .iter()
                .filter(|f| f.section() == section)
                .map(|f| f.key().to_string())
                .collect(),
            None => quoted[1..].iter().map(|s| s.to_string()).collect(),
        };
        let valid = if valid.is_empty() {
            quoted[1..].iter().map(|s| s.to_string()).collect()
        } else {
            valid
        };
        return Some(
            match suggest::nearest(wrong, valid.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("valid keys here: {}", valid.join(", ")),
            },
        );
    }
    if message.starts_with("unknown variant") {
        let wrong = quoted.first()?;
        let valid = &quoted[1..];
        return Some(match suggest::nearest(wrong, valid.iter().copied()) {
            Some(near) => format!("did you mean \"{near}\"? allowed: {}", valid.join(" | ")),
            None => format!("allowed values: {}", valid.join(" | ")),
        });
    }
    if let Some(expected) = message.split("expected ").nth(1) {
        return Some(format!("write {expected}"));
    }
    None
}

/// The `[section]` a byte offset falls under, if any.
fn section_at(text: &str, offset: usize) -> Option<String> {
    text[..offset.min(text.len())]
        .lines()
        .rev()
        .find_map(|line| {
            let line = line.trim();
            line.strip_prefix('[')
                .and_then(|rest| rest.split(']').next())
                .map(|name| name.trim().to_string())
        })
}

/// Points at `key = ...` under `[section]` (or at top level), else at the file start.
fn at_key(
    path: &Path,
    text: &str,
    section: Option<&str>,
    key: &str,
    message: String,
) -> Diagnostic {
    let mut current: Option<String> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            current = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .map(|s| s.trim().to_string());
        } else if current.as_deref() == section
            && trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            let start = offset + (line.len() - trimmed.len());
            return Diagnostic::at(path, text, start..start + key.len(), message);
        }
        offset += line.len();
    }
    Diagnostic::at(path, text, 0..0, message)
}

/// Points at the `[section]` header, else at the file start.
fn at_section(path: &Path, text: &str, section: &str, message: String) -> Diagnostic {
    let header = format!("[{section}]");
    let start = text.find(&header).unwrap_or(0);
    let end = if start == 0 && !text.starts_with(&header) {
        0
    } else {
        start + header.len()
    };
    Diagnostic::at(path, text, start..end, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &str = "[vendor]\nname = \"V\"\n[partner]\nname = \"P\"\n";

    fn err(text: &str) -> Diagnostic {
        parse(Path::new("p.toml"), text).unwrap_err()
    }

    #[test]
    fn a_minimal_profile_leaves_every_answer_unknown() {
        let profile = parse(Path::new("p.toml"), NAMES).unwrap();
        assert_eq!(profile.vendor.name.as_deref(), Some("V"));
        assert!(profile.market.is_empty());
        assert_eq!(profile.vendor.past_product_market_fit, None);
    }

    #[test]
    fn unknown_key_suggests_nearest_field() {
        let e = err(&format!("{NAMES}[market]\nicp_overlap_pc = 30\n"));
        assert_eq!((e.line, e.column), (6, 1));
        assert_eq!(e.message, "unknown field `icp_overlap_pc`");
        assert_eq!(e.help.as_deref(), Some("did you mean `icp_overlap_pct`?"));
    }

    #[test]
    fn unknown_section_suggests_nearest_section() {
        let e = err(&format!("{NAMES}[markets]\nicp_overlap_pct = 30\n"));
        assert_eq!(e.help.as_deref(), Some("did you mean `market`?"));
    }

    #[test]
    fn unknown_choice_lists_the_allowed_values() {
        let e = err(&format!(
            "{NAMES}[partnership]\nproposed_motion = \"cosell\"\n"
        ));
        assert_eq!(e.line, 6);
        assert!(
            e.help
                .as_deref()
                .unwrap()
                .starts_with("did you mean \"co-sell\"?"),
            "{e:?}"
        );
    }

    #[test]
    fn wrong_type_names_the_value_and_the_range() {
        let e =
            err("[vendor]\nname = \"V\"\nsales_cycle_days = \"sixty\"\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (3, 20));
        assert!(e.message.contains("\"sixty\""), "{e:?}");
        assert!(e.message.contains("from 1 to 3_650"), "{e:?}");
    }

    #[test]
    fn out_of_range_points_at_the_value() {
        let e = err(&format!("{NAMES}[market]\nicp_overlap_pct = 140\n"));
        assert_eq!((e.line, e.column), (6, 19));
        assert!(e.message.contains("140 is out of range"), "{e:?}");
    }

    #[test]
    fn empty_and_nameless_profiles_are_refused() {
        assert_eq!(err("  \n").message, "the profile is empty");
        let e = err("[vendor]\nname = \"V\"\n");
        assert_eq!(e.message, "missing `partner.name`");
    }

    #[test]
    fn primary_driver_must_be_among_the_drivers() {
        let e = err(&format!(
            "{NAMES}[value]\ndrivers = [\"reach\"]\nprimary_driver = \"retention\"\n"
        ));
        assert_eq!(e.line, 7);
        assert!(e.message.contains("not one of `value.drivers`"));
    }

    #[test]
    fn malformed_toml_reports_its_place() {
        let e = err("[vendor\nname = \"Broken\"\n");
        assert_eq!(e.line, 1);
    }
}
