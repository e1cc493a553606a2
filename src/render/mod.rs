//! Assessment -> text, one pure function per format. Renderers return strings; only the
//! command writes them. Colour and width are decided once, by the caller, and passed in.

use crate::assessment::Assessment;

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

/// Renders several assessments; with more than one, table and markdown end with a summary
/// ranking the partners, and JSON is an array.
pub fn render(assessments: &[Assessment], format: Format, style: Style) -> String {
    match format {
        Format::Json => json::render(assessments),
        Format::Table => table::render(assessments, style),
        Format::Markdown => markdown::render(assessments),
    }
}

/// Partners ranked for the summary: recommended score, highest first; ties by file name.
pub fn ranked(assessments: &[Assessment]) -> Vec<&Assessment> {
    let mut out: Vec<&Assessment> = assessments.iter().collect();
    out.sort_by(|a, b| {
        b.recommendation
            .score
            .cmp(&a.recommendation.score)
            .then(a.profile.cmp(&b.profile))
    });
    out
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
