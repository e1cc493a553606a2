//! Reads a profile file: bytes -> UTF-8 text -> [`Profile`], with every failure turned into
//! a [`Diagnostic`] that names the file, line and column and says how to fix it.
//!
//! The text is parsed once into a spanned document. The format version is checked first;
//! then every key and string is checked for control characters and every section, key
//! and value against the catalogue (`check`), and all the problems found are returned
//! together, in line order. Only a document with none is handed to serde. Every place an
//! error points at comes from the parser's spans, so quoted keys, dotted keys and inline
//! tables are found as reliably as `[section]` headers.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::check;
use super::value::control_character;
use super::Profile;
use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::suggest;

/// Why a profile could not be read: every problem found, each with its place in the file.
pub type ProfileError = Diagnostics;

/// Reads and checks the profile at `path`.
pub fn load(path: &Path) -> Result<Profile, ProfileError> {
    parse(path, &read(path)?)
}

/// What to do when a profile cannot be read, by why.
fn read_help(kind: std::io::ErrorKind) -> &'static str {
    match kind {
        std::io::ErrorKind::NotFound => {
            "check the path, or create a profile with `partner-fit init`"
        }
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        std::io::ErrorKind::FileTooLarge => {
            "a profile is a short TOML file; check that the path names a profile"
        }
        std::io::ErrorKind::InvalidInput => "name a profile file",
        _ => "check that the path names a readable file",
    }
}

/// The text of the profile at `path`, unchecked: for a caller that needs the text as
/// well as the profile ([`parse`] it next).
pub fn read(path: &Path) -> Result<String, ProfileError> {
    let bytes =
        crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES)).map_err(|err| {
            Diagnostic::whole_file(path, format!("cannot read the profile: {err}"))
                .with_help(read_help(err.kind()))
        })?;
    // UTF-16 without a byte-order mark is valid UTF-8 with a NUL after every letter, and
    // would be reported as a TOML syntax error that names no encoding.
    if let Some(encoding) = file_safety::encoding::utf16(&bytes) {
        return Err(Diagnostic::whole_file(
            path,
            format!(
                "the profile is {} text; expected UTF-8",
                encoding.describe()
            ),
        )
        .with_help(format!(
            "save the file as UTF-8 text, or convert it: iconv -f {} -t UTF-8 IN > OUT",
            encoding.iconv_name()
        ))
        .into());
    }
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
    Ok(text)
}

/// Where the answer to `field` (a dotted path) is written in a profile's text: the span
/// of its value, under the field's name or an old name of it; `None` when it is not
/// written there.
pub fn answer_span(text: &str, field: &str) -> Option<Range<usize>> {
    let doc = DeTable::parse(text).ok()?;
    let (section, key) = field.split_once('.')?;
    let old = super::ALIASES
        .iter()
        .filter(|(_, new)| *new == field)
        .filter_map(|(old, _)| old.rsplit('.').next());
    let table = doc.get_ref().get(section)?.get_ref().as_table()?;
    std::iter::once(key)
        .chain(old)
        .find_map(|key| table.get(key))
        .map(|value| value.span())
}

/// Parses profile text; `path` is only used to name the file in errors. Every problem is
/// reported, in line order, except after a TOML syntax error or an unknown format version,
/// past which the file cannot be read.
pub fn parse(path: &Path, text: &str) -> Result<Profile, ProfileError> {
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(path, "the profile is empty").with_help(
            "a profile needs at least `[vendor] name` and `[partner] name`; `partner-fit init` writes a template",
        ).into());
    }
    // One copy of the text, shared by every problem found in it.
    let source = Source::new(text);
    let doc = DeTable::parse(text).map_err(|err| from_toml(path, &source, None, &err))?;
    check_format(path, &source, &doc)?;
    let mut found = Vec::new();
    check_plain_text(path, &source, doc.get_ref(), &mut Vec::new(), &mut found);
    found.extend(check::document(path, &source, doc.get_ref()));
    if !found.is_empty() {
        found.sort_by_key(|d| (d.line, d.column));
        return Err(Diagnostics(found));
    }
    // The checks above cover what the types accept, so serde finds nothing more; its
    // error is still turned into a diagnostic rather than trusted never to happen.
    let places = || {
        DeTable::parse(text)
            .map(|doc| doc.into_inner())
            .unwrap_or_default()
    };
    let profile = Profile::deserialize(toml::de::Deserializer::from(doc))
        .map_err(|err| from_toml(path, &source, Some(&places()), &err))?;
    Ok(profile)
}

fn check_format(path: &Path, text: &Source, doc: &Spanned<DeTable>) -> Result<(), Diagnostic> {
    let unknown = |span: Range<usize>, written: String| {
        Diagnostic::at(
            path,
            text,
            span,
            format!("unknown profile format {written}"),
        )
        .with_help("this version of partner-fit reads `format = 1`")
    };
    // Only the version, read before anything else: a file in a later format may use keys
    // this format does not know, and the version is the error worth reporting then.
    let Some((_, value)) = doc
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref() == "format")
    else {
        return Ok(());
    };
    match toml::Value::deserialize(toml::de::ValueDeserializer::from(value.clone())) {
        Ok(toml::Value::Integer(1)) => Ok(()),
        Ok(toml::Value::Table(_)) => Err(unknown(value.span(), "(a table)".into())),
        Ok(toml::Value::Array(_)) => Err(unknown(value.span(), "(an array)".into())),
        Ok(_) => Err(unknown(value.span(), written(text, value.span()))),
        // A number too large for any TOML integer type.
        Err(_) => Err(unknown(value.span(), written(text, value.span()))),
    }
}

/// The value as the user wrote it.
fn written(text: &str, span: Range<usize>) -> String {
    text.get(span).unwrap_or_default().trim().to_string()
}

/// Text answers are plain text: a control character (an escape sequence, a bell, a
/// carriage return on its own) would reach the terminal when the report or an error
/// quotes the answer. Every key and string is checked before the schema is applied, so
/// no message ever repeats one. Tabs and line breaks stay allowed.
fn check_plain_text<'t>(
    path: &Path,
    text: &Source,
    table: &'t DeTable<'_>,
    keys: &mut Vec<&'t str>,
    found: &mut Vec<Diagnostic>,
) {
    for (key, value) in table.iter() {
        keys.push(key.get_ref());
        match control_character(key.get_ref()) {
            Some(c) => found.push(control_error(path, text, key.span(), keys, c)),
            None => check_plain_value(path, text, value, keys, found),
        }
        keys.pop();
    }
}

fn check_plain_value<'t>(
    path: &Path,
    text: &Source,
    value: &'t Spanned<DeValue<'_>>,
    keys: &mut Vec<&'t str>,
    found: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::String(s) => {
            if let Some(c) = control_character(s) {
                found.push(control_error(path, text, value.span(), keys, c));
            } else if let Some(c) = line_break(s, keys) {
                found.push(line_break_error(path, text, value.span(), keys, c));
            }
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                check_plain_value(path, text, item, keys, found);
            }
        }
        DeValue::Table(table) => check_plain_text(path, text, table, keys, found),
        _ => {}
    }
}

/// The first line break (`\n` or `\r`) in the answer to a one-line field
/// ([`super::catalog::SINGLE_LINE`]).
fn line_break(s: &str, keys: &[&str]) -> Option<char> {
    let field = keys.join(".");
    if !super::catalog::SINGLE_LINE.contains(&field.as_str()) {
        return None;
    }
    s.chars().find(|&c| c == '\n' || c == '\r')
}

fn line_break_error(
    path: &Path,
    text: &Source,
    span: Range<usize>,
    keys: &[&str],
    c: char,
) -> Diagnostic {
    Diagnostic::at(
        path,
        text,
        escape_span(text, span, c),
        format!("`{}` holds a line break", keys.join(".")),
    )
    .with_help("write the name on one line; a name is shown in headings and log lines")
}

fn control_error(
    path: &Path,
    text: &Source,
    span: Range<usize>,
    keys: &[&str],
    c: char,
) -> Diagnostic {
    let code = format!("U+{:04X}", u32::from(c));
    Diagnostic::at(
        path,
        text,
        escape_span(text, span, c),
        format!(
            "`{}` contains the control character {code}",
            printable(&keys.join("."))
        ),
    )
    .with_help(format!(
        "remove the control character {code}; text answers are plain text (tabs and line breaks are fine)"
    ))
}

/// The key as the message may show it: a control character in a key is escaped (`\r`,
/// `\u{1b}`), so the message naming it never sends the character itself to the terminal.
fn printable(keys: &str) -> String {
    keys.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Where `c` was written inside `span`: the escape sequence that spells it (`\u001b`,
/// `\U0000001B`, `\x1b`, `\e`, `\b`, `\f`, `\r`), else the whole value.
fn escape_span(text: &str, span: Range<usize>, c: char) -> Range<usize> {
    let Some(written) = text.get(span.clone()) else {
        return span;
    };
    let code = u32::from(c);
    let mut spellings = vec![
        format!("\\u{code:04x}"),
        format!("\\U{code:08x}"),
        format!("\\x{code:02x}"),
    ];
    let short = match c {
        '\u{8}' => Some('b'),
        '\u{c}' => Some('f'),
        '\r' => Some('r'),
        '\n' => Some('n'),
        '\u{1b}' => Some('e'),
        _ => None,
    };
    spellings.extend(short.map(|letter| format!("\\{letter}")));
    // The escape letter is exact; the hex digits may be written in either case.
    let spells = |at: usize, s: &String| {
        written.get(at..at + s.len()).is_some_and(|w| {
            w.as_bytes()[..2] == s.as_bytes()[..2] && w[2..].eq_ignore_ascii_case(&s[2..])
        })
    };
    written
        .char_indices()
        .filter(|&(_, ch)| ch == '\\' || ch == c)
        .find_map(|(at, ch)| {
            if ch == c {
                return Some(at..at + c.len_utf8());
            }
            spellings
                .iter()
                .find(|s| spells(at, s))
                .map(|s| at..at + s.len())
        })
        .map(|r| span.start + r.start..span.start + r.end)
        .unwrap_or(span)
}

/// The keys of the table that holds the key written at `span`; empty for the top level.
fn table_of_key(doc: &DeTable, span: &Range<usize>) -> Option<Vec<String>> {
    for (key, value) in doc.iter() {
        if key.span() == *span {
            return Some(Vec::new());
        }
        let inner: Vec<&DeTable> = match value.get_ref() {
            DeValue::Table(table) => vec![table],
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| i.get_ref().as_table())
                .collect(),
            _ => Vec::new(),
        };
        for table in inner {
            if let Some(mut keys) = table_of_key(table, span) {
                keys.insert(0, key.get_ref().to_string());
                return Some(keys);
            }
        }
    }
    None
}

fn from_toml(
    path: &Path,
    text: &Source,
    doc: Option<&DeTable>,
    err: &toml::de::Error,
) -> Diagnostic {
    if let Some((span, message, help)) = crate::diagnostic::too_deep(text, err) {
        return Diagnostic::at(path, text, span, message).with_help(help);
    }
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim().to_string();
    let mut diagnostic = Diagnostic::at(path, text, span.clone(), first_clause(&message));
    if let Some(help) = help_for(doc, span, &message) {
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

fn help_for(doc: Option<&DeTable>, span: Range<usize>, message: &str) -> Option<String> {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") {
        let wrong = quoted.first()?;
        // The section's keys come from the catalogue, in the order the format declares
        // them; serde's list is the fallback where the key is not in a known section.
        let section = doc
            .and_then(|doc| table_of_key(doc, &span))
            .map(|keys| keys.join("."));
        let mut valid = check::valid_keys(section.as_deref());
        if valid.is_empty() {
            valid = quoted[1..].to_vec();
        }
        return Some(check::unknown_key_help(section.as_deref(), wrong, &valid));
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
    if message.starts_with("duplicate key") {
        return Some(
            "a profile describes one partnership: give each key, and each `[section]`, once; \
             keep the answer you mean and delete the other"
                .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tests run as root in CI, where no file is unreadable: the help for each reason a
    /// file cannot be read is checked here, by the reason.
    #[test]
    fn each_reason_a_profile_cannot_be_read_has_its_help() {
        use std::io::ErrorKind::*;
        assert_eq!(read_help(PermissionDenied), "check the file's permissions");
        assert!(read_help(NotFound).contains("partner-fit init"));
        assert!(read_help(FileTooLarge).contains("short TOML file"));
        assert_eq!(read_help(InvalidInput), "name a profile file");
        assert!(read_help(Interrupted).contains("readable file"));
    }

    const NAMES: &str = "[vendor]\nname = \"V\"\n[partner]\nname = \"P\"\n";

    /// The one problem of a profile with one mistake.
    fn err(text: &str) -> Diagnostic {
        let mut found = errs(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.remove(0)
    }

    fn errs(text: &str) -> Vec<Diagnostic> {
        parse(Path::new("p.toml"), text).unwrap_err().0
    }

    #[test]
    fn a_repeated_key_or_section_says_to_keep_one() {
        for text in [
            format!("{NAMES}[partner]\ntype = \"si\"\n"),
            "[vendor]\nname = \"V\"\nname = \"W\"\n[partner]\nname = \"P\"\n".to_string(),
        ] {
            let d = err(&text);
            assert!(d.message.contains("duplicate key"), "{}", d.message);
            assert!(
                d.help.as_deref().unwrap_or_default().contains("once"),
                "{d:?}"
            );
        }
    }

    #[test]
    fn every_mistake_is_reported_at_once_in_line_order() {
        // Written so that serde's order (section by section as declared) would differ.
        let found = errs(
            "[market]\nicp_overlap = 30\n\
             [vendor]\nname = \"V\"\ndirect_sales_motion = \"yes\"\nsales_cycle_days = 5000\n\
             [partner]\nname = \"P\"\n[value]\ndrivers = [\"retention\", \"reech\"]\n",
        );
        let seen: Vec<(usize, usize, &str, &str)> = found
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.column,
                    d.message.as_str(),
                    d.help.as_deref().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    2,
                    1,
                    "unknown field `icp_overlap`",
                    "did you mean `icp_overlap_pct`?"
                ),
                (
                    5,
                    23,
                    "`vendor.direct_sales_motion` is true or false, not the text \"yes\"",
                    "write true or false"
                ),
                (
                    6,
                    20,
                    "5,000 is out of range: expected a whole number from 1 to 3,650",
                    "write a whole number from 1 to 3,650"
                ),
                (
                    10,
                    25,
                    "unknown value \"reech\" in `value.drivers`",
                    "did you mean \"reach\"? one of: retention | reach | deal_velocity"
                ),
            ]
        );
    }

    #[test]
    fn each_kind_of_answer_says_how_to_write_it() {
        let help = |text: &str| err(&format!("{NAMES}{text}")).help.unwrap();
        assert_eq!(
            help("[value]\ndrivers = \"retention\"\n"),
            "write a list of words in brackets, e.g. drivers = [\"retention\", \"reach\"]; \
             the words: retention | reach | deal_velocity"
        );
        assert_eq!(
            help("[market]\nicp_overlap_pct = \"30\"\n"),
            "write a number from 0 to 100"
        );
        assert_eq!(
            help("[economics]\navg_deal_usd = true\n"),
            "write a number from 0 to 1,000,000,000,000"
        );
        assert_eq!(
            help("[partnership]\nlead = 2\n"),
            "write one of: vendor | partner | shared, in quotes: lead = \"vendor\""
        );
        assert_eq!(
            help("[partnership]\nlead = \"nobody\"\n"),
            "write one of: vendor | partner | shared"
        );
        assert_eq!(
            help("[value]\njoint_workflow = 3\n"),
            "write the text in quotes: joint_workflow = \"...\""
        );
        let e = err(&format!("{NAMES}[vendor.extra]\nx = 1\n"));
        assert_eq!(e.message, "unknown field `extra`");
        let e = err(&format!(
            "{NAMES}[operations]\npipeline_review_every_days = 7.5\n"
        ));
        assert_eq!(
            e.message,
            "7.5 is not a whole number: expected a whole number from 0 to 365"
        );
    }

    #[test]
    fn a_syntax_error_or_a_later_format_stops_the_reading() {
        // Past a syntax error the file cannot be read, so nothing after it is reported.
        let found = errs("[vendor\nname = 3\n[partner]\ntype = \"x\"\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        let found = errs("format = 2\n[vendor]\nname = 3\nfuture = true\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message, "unknown profile format 2");
    }

    #[test]
    fn a_control_character_and_other_mistakes_are_reported_together() {
        let found = errs(
            "[vendor]\nname = \"V\"\nsales_cycle_days = 0\n[partner]\nname = \"P\\u001b\"\ntyp = \"si\"\n",
        );
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 5, 6], "{found:#?}");
        assert!(found[1].message.ends_with("U+001B"), "{found:#?}");
        let shown = Diagnostics(found).to_string();
        assert!(shown.ends_with("3 problems found"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
    }

    #[test]
    fn missing_names_and_a_stray_primary_driver_are_reported_with_the_rest() {
        let found = errs(
            "[vendor]\nsales_cycle_days = 30\n[value]\ndrivers = [\"reach\"]\n\
             primary_driver = \"retention\"\n",
        );
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing `vendor.name`",
                "missing `partner.name`",
                "`value.primary_driver` is `retention`, which is not one of `value.drivers`",
            ]
        );
    }

    #[test]
    fn a_minimal_profile_leaves_every_answer_unknown() {
        let profile = parse(Path::new("p.toml"), NAMES).unwrap();
        assert_eq!(profile.vendor.name.as_deref(), Some("V"));
        assert_eq!(profile.market, crate::profile::Market::default());
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
        let e = err(&format!("{NAMES}[partnership]\nlabel = \"cosell\"\n"));
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
        assert!(e.message.contains("from 1 to 3,650"), "{e:?}");
    }

    #[test]
    fn out_of_range_points_at_the_value() {
        let e = err(&format!("{NAMES}[market]\nicp_overlap_pct = 140\n"));
        assert_eq!((e.line, e.column), (6, 19));
        assert!(e.message.contains("140 is out of range"), "{e:?}");
    }

    #[test]
    fn control_characters_in_text_are_refused_where_written() {
        let e = err("[vendor]\nname = \"V\"\n[partner]\nname = \"Acme\\u001b[2J\"\n");
        assert_eq!((e.line, e.column), (4, 13));
        assert_eq!(
            e.message,
            "`partner.name` contains the control character U+001B"
        );
        assert!(
            e.help
                .as_deref()
                .unwrap()
                .starts_with("remove the control character U+001B; text answers are plain text"),
            "{e:?}"
        );
        let e = err(&format!(
            "{NAMES}[value]\njoint_workflow = \"ding\\u0007\"\n"
        ));
        assert_eq!((e.line, e.column), (6, 23));
        assert!(e.message.contains("`value.joint_workflow`"), "{e:?}");
        assert!(e.message.ends_with("U+0007"), "{e:?}");
        // A choice is checked too, before its word is quoted in an error.
        let e = err(&format!("{NAMES}[partnership]\nlabel = \"\\U0000009B\"\n"));
        assert_eq!(
            e.message,
            "`partnership.label` contains the control character U+009B"
        );
        // So is a key, before an unknown key is quoted.
        let e = err(&format!("{NAMES}[market]\n\"a\\rb\" = 1\n"));
        assert_eq!(
            e.message,
            "`market.a\\rb` contains the control character U+000D"
        );
    }

    #[test]
    fn a_line_break_in_a_name_is_refused_where_written() {
        let e = err(
            "[vendor]\nname = \"Ledgerly\\n::error file=README.md,line=1::x\"\n[partner]\nname = \"P\"\n",
        );
        assert_eq!((e.line, e.column), (2, 17));
        assert_eq!(e.message, "`vendor.name` holds a line break");
        let e = err("[vendor]\nname = \"V\"\n[partner]\nname = \"\"\"\nP\r\nQ\"\"\"\n");
        assert_eq!(e.message, "`partner.name` holds a line break");
        assert_eq!(e.line, 5);
        let e = err("vendor = { name = \"A\\rB\" }\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (1, 21));
    }

    #[test]
    fn tabs_and_line_breaks_stay_allowed_in_text() {
        let profile = parse(
            Path::new("p.toml"),
            &format!("{NAMES}[value]\njoint_workflow = \"one\\ttwo\\nthree\\r\\nfour\"\n"),
        )
        .unwrap();
        assert_eq!(
            profile.value.joint_workflow.as_deref(),
            Some("one\ttwo\nthree\r\nfour")
        );
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
    fn a_later_format_is_reported_before_keys_it_may_add() {
        let e = err(&format!("format = 2\n{NAMES}future_key = true\n"));
        assert_eq!((e.line, e.column), (1, 10));
        assert_eq!(e.message, "unknown profile format 2");
        assert_eq!(
            e.help.as_deref(),
            Some("this version of partner-fit reads `format = 1`")
        );
    }

    #[test]
    fn a_format_that_is_not_the_number_1_is_repeated_as_written() {
        for written in ["300", "1.5", "\"1\"", "-1", "99999999999999999999999"] {
            let e = err(&format!("format = {written}\n{NAMES}"));
            assert_eq!((e.line, e.column), (1, 10), "{written}");
            assert_eq!(e.message, format!("unknown profile format {written}"));
            assert!(!e.to_string().contains("u8"), "{e}");
        }
        let e = err(&format!("{NAMES}[format]\nversion = 1\n"));
        assert_eq!(e.line, 5);
        assert!(e.message.starts_with("unknown profile format"), "{e:?}");
        assert!(parse(Path::new("p.toml"), &format!("format = 1\n{NAMES}")).is_ok());
    }

    #[test]
    fn primary_driver_is_found_when_quoted_dotted_or_inline() {
        let cases = [
            (
                format!(
                    "{NAMES}[value]\ndrivers = [\"reach\"]\n\"primary_driver\" = \"retention\"\n"
                ),
                (7, 20),
            ),
            (
                format!(
                    "value.drivers = [\"reach\"]\nvalue.primary_driver = \"retention\"\n{NAMES}"
                ),
                (2, 24),
            ),
            (
                format!(
                    "value = {{ drivers = [\"reach\"], primary_driver = \"retention\" }}\n{NAMES}"
                ),
                (1, 49),
            ),
        ];
        for (text, place) in cases {
            let e = err(&text);
            assert_eq!((e.line, e.column), place, "{text}");
            assert!(e.message.contains("not one of `value.drivers`"));
        }
    }

    #[test]
    fn missing_name_points_at_the_section_however_it_is_written() {
        let e = err("# Acme\nvendor.sales_cycle_days = 30\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(e.message, "missing `vendor.name`");
        let e = err("# Acme\nvendor = { sales_cycle_days = 30 }\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (2, 10));
        let e = err("[partner]\nname = \"P\"\n[vendor]\nname = \" \"\n");
        assert_eq!((e.line, e.column), (4, 8));
        assert_eq!(e.message, "`vendor.name` is empty");
        let e = err("# no vendor\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (1, 1));
        assert_eq!(e.message, "missing `vendor.name`");
    }

    #[test]
    fn unknown_key_in_a_dotted_key_or_inline_table_suggests_from_its_section() {
        let e =
            err("market.icp_overlap_pc = 30\n[vendor]\nname = \"V\"\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (1, 8));
        assert_eq!(e.help.as_deref(), Some("did you mean `icp_overlap_pct`?"));
        let e = err("vendor = { name = \"V\", sales_cycle = 60 }\n[partner]\nname = \"P\"\n");
        assert_eq!((e.line, e.column), (1, 24));
        assert_eq!(e.help.as_deref(), Some("did you mean `sales_cycle_days`?"));
    }

    #[test]
    fn a_key_from_another_section_names_its_home_not_a_short_lookalike() {
        let e = err(&format!("{NAMES}shape = \"joint-pursuit\"\n"));
        assert_eq!(e.line, 5);
        let help = e.help.unwrap();
        assert!(
            help.starts_with("`shape` belongs under `[partnership]`; valid keys here: name,"),
            "{help}"
        );
    }

    #[test]
    fn a_section_written_as_an_array_of_tables_says_to_write_a_table() {
        let e = err(&format!("{NAMES}[[market]]\nicp_overlap_pct = 30\n"));
        assert_eq!((e.line, e.column), (5, 1));
        assert_eq!(
            e.message,
            "`market` is a table; write `[market]`, not `[[market]]`"
        );
        let e = err(&format!("market = 30\n{NAMES}"));
        assert_eq!((e.line, e.column), (1, 10));
        assert_eq!(e.message, "`market` is a table, not a number");
    }

    #[test]
    fn a_count_too_large_for_any_integer_type_keeps_every_digit() {
        for written in ["18446744073709551615", "99999999999999999999999"] {
            let e = err(&format!(
                "{NAMES}[market]\nnamed_overlap_accounts = {written}\n"
            ));
            assert_eq!((e.line, e.column), (6, 26));
            assert!(
                e.message.starts_with(&format!(
                    "{} is out of range",
                    crate::profile::bounded::as_written(written)
                )),
                "{e:?}"
            );
        }
    }

    #[test]
    fn malformed_toml_reports_its_place() {
        let e = err("[vendor\nname = \"Broken\"\n");
        assert_eq!(e.line, 1);
    }
}
