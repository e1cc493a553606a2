//! Assessment -> text, one pure function per format. Renderers return strings, or write
//! to the writer they are given; only the command picks where. Colour and width are
//! decided once, by the caller, and passed in.

use std::io::Write;

use crate::assessment::{Assessment, Effect, Entry, Report, RulesUsed};

pub mod diff;
pub mod json;
pub mod markdown;
pub mod profile_template;
pub mod rules;
pub mod table;

/// How text output may look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour on or off.
    pub color: bool,
    /// Columns the tables must fit in.
    pub width: u16,
}

impl Style {
    /// Plain text at a fixed width: what pipes, files and tests get.
    pub const PLAIN: Style = Style {
        color: false,
        width: 100,
    };
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

/// Renders assessments of profiles that all loaded, without saying which rules were used.
pub fn render(assessments: &[Assessment], format: Format, style: Style) -> String {
    let entries: Vec<Entry> = assessments
        .iter()
        .cloned()
        .map(|a| Entry::Assessed(Box::new(a)))
        .collect();
    render_entries(&entries, None, format, style)
}

/// Renders one entry per profile given, in order. With more than one, table and markdown
/// end with a summary ranking the partners; JSON is one object whatever the number.
/// Table and markdown end with the rules used, when given.
pub fn render_entries(
    entries: &[Entry],
    rules: Option<&RulesUsed>,
    format: Format,
    style: Style,
) -> String {
    let parts = entries.iter().map(|e| part(e, format, style));
    let mut out = Vec::new();
    write_parts(&mut out, parts, format)
        .and_then(|()| write_end(&mut out, entries, rules, format, style))
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every part is UTF-8 text")
}

/// One profile's part of the report. Parts depend on nothing but their own entry, so
/// many profiles can be rendered side by side. JSON has no parts: its one object, which
/// counts and ranks every entry, is written at the end.
pub fn part(entry: &Entry, format: Format, style: Style) -> String {
    match (format, entry) {
        (Format::Json, _) => String::new(),
        (Format::Table, Entry::Assessed(a)) => table::part(a, style),
        (Format::Markdown, Entry::Assessed(a)) => markdown::part(a),
        // A profile that could not be assessed has its error on stderr, and its line in
        // the summary of several.
        (_, Entry::Failed(_)) => String::new(),
    }
}

/// Writes the parts from [`part`] of a report, in order, with what goes between them.
pub fn write_parts(
    out: &mut impl Write,
    parts: impl IntoIterator<Item = String>,
    format: Format,
) -> std::io::Result<()> {
    let separator = match format {
        Format::Json => "",
        Format::Table => "\n",
        Format::Markdown => "\n---\n\n",
    };
    // Profiles that could not be assessed have no part in the text reports.
    for (i, part) in parts.into_iter().filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            out.write_all(separator.as_bytes())?;
        }
        out.write_all(part.as_bytes())?;
    }
    Ok(())
}

/// Writes how a report ends, after its parts: the JSON's one object; in the text
/// reports, with several profiles the summary ranking the partners, then the rules used.
pub fn write_end(
    out: &mut impl Write,
    entries: &[Entry],
    rules: Option<&RulesUsed>,
    format: Format,
    style: Style,
) -> std::io::Result<()> {
    let many = entries.len() > 1;
    let mut end = match format {
        Format::Json => json::report(&Report::new(rules, entries)),
        Format::Table if many => table::summary(entries, style),
        Format::Markdown if many => markdown::summary(entries),
        Format::Table | Format::Markdown => String::new(),
    };
    if let Some(rules) = rules {
        match format {
            Format::Json => {}
            Format::Table => end.push_str(&format!("\nRules: {}\n", rules.short())),
            Format::Markdown => {
                end.push_str(&format!("\nRules: {}\n", markdown::rules_used(rules)))
            }
        }
    }
    out.write_all(end.as_bytes())
}

/// The assessed entries, in order.
pub use crate::assessment::report::assessed;
/// Partners ranked for the summary, as the JSON's `ranking` ranks them.
pub use crate::assessment::report::ranked;

/// The profiles that could not be assessed, in order.
pub fn failed(entries: &[Entry]) -> impl Iterator<Item = &crate::assessment::Failure> {
    entries.iter().filter_map(|e| match e {
        Entry::Failed(f) => Some(f),
        Entry::Assessed(_) => None,
    })
}

/// A reason with its sign: `+` speaks for the motion, `-` against it, `?` is not known.
pub fn signed(reason: &crate::assessment::Reason) -> String {
    let sign = match reason.effect {
        Effect::For => '+',
        Effect::Against => '-',
        Effect::Unknown => '?',
    };
    format!("{sign} {}", reason.message)
}

/// Says what a motion's score is, under the scored table.
pub const SCORE_LEGEND: &str =
    "Score: the share of the evidence each motion needs that this profile shows (0-100). \
The verdict also weighs vetoes and the decision flow, so a lower score can be the one recommended. \
Reasons: + for the motion, - against it, ? not known yet.";

/// The heading of the trade-offs table, in every format.
pub const TRADEOFFS_TITLE: &str = "Trade-offs by motion";

/// The heading of the list of sources that ends each report.
pub const SOURCES_TITLE: &str = "Sources";

/// The sources a report cited, one line each: key, title and the sections cited
/// ("[000] Title: 'Wait conditions', 'Green-light conditions'"). Every format ends a
/// report with these lines.
pub fn source_lines(a: &Assessment) -> Vec<String> {
    a.sources
        .iter()
        .map(|s| {
            let sections: Vec<String> = s.sections.iter().map(|x| format!("'{x}'")).collect();
            match sections.is_empty() {
                true => format!("[{}] {}", s.key, s.title),
                false => format!("[{}] {}: {}", s.key, s.title, sections.join(", ")),
            }
        })
        .collect()
}

/// A trade-off's text for `motion`; "-" for a motion the rules give none (validation
/// reports that), so the table keeps its shape.
pub fn text_for<'a>(tradeoff: &'a crate::assessment::Tradeoff, motion: &str) -> &'a str {
    tradeoff
        .by_motion
        .iter()
        .find(|(m, _)| m == motion)
        .map_or("-", |(_, text)| text.as_str())
}

/// "Acme × Northwind", with what is known of the names; the profile's file name when
/// neither name is known.
pub fn heading(a: &Assessment) -> String {
    names(a.vendor.as_deref(), a.partner.as_deref()).unwrap_or_else(|| a.profile.clone())
}

/// "Acme × Northwind", "Acme" or "Northwind"; `None` when neither name is known.
pub fn names(vendor: Option<&str>, partner: Option<&str>) -> Option<String> {
    match (vendor, partner) {
        (Some(v), Some(p)) => Some(format!("{v} × {p}")),
        (Some(v), None) => Some(v.to_string()),
        (None, Some(p)) => Some(p.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn names_join_what_is_known() {
        assert_eq!(
            names(Some("Acme"), Some("Northwind")).as_deref(),
            Some("Acme × Northwind")
        );
        assert_eq!(names(Some("Acme"), None).as_deref(), Some("Acme"));
        assert_eq!(names(None, Some("Northwind")).as_deref(), Some("Northwind"));
        assert_eq!(names(None, None), None);
    }
}
