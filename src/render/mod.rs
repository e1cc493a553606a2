//! Assessment -> text, one pure function per format. Renderers return strings, or write
//! to the writer they are given; only the command picks where. Colour and width are
//! decided once, by the caller, and passed in.

use std::io::Write;

use crate::assessment::portfolio::Portfolio;
use crate::assessment::{Assessment, ConfigUsed, Effect, Entry, Report, RulesUsed};
use crate::shown;

pub(crate) mod diff;
pub(crate) mod github;
pub(crate) mod grid;
pub(crate) mod headings;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod md_text;
pub(crate) mod profile_template;
pub(crate) mod program;
pub(crate) mod reading;
pub(crate) mod rules;
pub(crate) mod table;
pub(crate) mod wrap;

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
    Html,
}

/// What a profile's part of the report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// One of several profiles: what is the same for all (the trade-offs) is shown once
    /// per run, and the ranking ends the report.
    pub many: bool,
    /// Only the at-a-glance block (`--brief`; table and markdown).
    pub brief: bool,
}

/// What a report ends with besides its parts: the rules used and, with several
/// profiles, the portfolio focus.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ending<'a> {
    pub rules: Option<&'a RulesUsed>,
    /// The configuration found for the run; its line is shown when it changed something.
    pub config: Option<&'a ConfigUsed>,
    pub portfolio: Option<&'a Portfolio>,
}

/// Renders assessments of profiles that all loaded, without saying which rules were used.
pub fn render(assessments: &[Assessment], format: Format, style: Style) -> String {
    let entries: Vec<Entry> = assessments
        .iter()
        .cloned()
        .map(|a| Entry::Assessed(Box::new(a)))
        .collect();
    render_entries(&entries, Ending::default(), format, style)
}

/// Renders one entry per profile given, in order. With more than one, table and markdown
/// end with a summary ranking the partners (HTML starts with it); JSON is one object
/// whatever the number. Text reports end with the rules used, when given.
pub fn render_entries(entries: &[Entry], ending: Ending, format: Format, style: Style) -> String {
    let layout = Layout {
        many: entries.len() > 1,
        brief: false,
    };
    let parts = entries.iter().map(|e| part(e, format, style, layout));
    let mut out = Vec::new();
    write_start(&mut out, entries, ending, format, style)
        .and_then(|()| write_parts(&mut out, parts, format))
        .and_then(|()| write_end(&mut out, entries, ending, format, style, layout))
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every part is UTF-8 text")
}

/// One profile's part of the report. Parts depend on nothing but their own entry and
/// the layout, so many profiles can be rendered side by side. JSON has no parts: its one
/// object, which counts and ranks every entry, is written at the end.
pub fn part(entry: &Entry, format: Format, style: Style, layout: Layout) -> String {
    match (format, entry) {
        (Format::Json, _) => String::new(),
        (Format::Table, Entry::Assessed(a)) if layout.brief => table::brief(a, style),
        (Format::Table, Entry::Assessed(a)) => table::part(a, style, layout.many),
        (Format::Markdown, Entry::Assessed(a)) if layout.brief => markdown::brief(a),
        (Format::Markdown, Entry::Assessed(a)) => markdown::part(a, layout.many),
        (Format::Html, Entry::Assessed(a)) => html::part(a),
        // A profile that could not be assessed has its error on stderr, and its line in
        // the summary of several.
        (_, Entry::Failed(_)) => String::new(),
    }
}

/// Writes how a report starts, before its parts: the HTML document's head and, with
/// several profiles, its ranking page; nothing in the other formats.
pub fn write_start(
    out: &mut impl Write,
    entries: &[Entry],
    ending: Ending,
    format: Format,
    _style: Style,
) -> std::io::Result<()> {
    match format {
        Format::Html => out.write_all(html::start(entries, ending).as_bytes()),
        Format::Table | Format::Json | Format::Markdown => Ok(()),
    }
}

/// Writes the parts from [`part`] of a report, in order, with what goes between them.
pub fn write_parts(
    out: &mut impl Write,
    parts: impl IntoIterator<Item = String>,
    format: Format,
) -> std::io::Result<()> {
    let separator = match format {
        Format::Json | Format::Html => "",
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
/// reports, with several profiles the trade-offs (once), the ranking and the portfolio
/// focus, then the rules used; the HTML document's end.
pub fn write_end(
    out: &mut impl Write,
    entries: &[Entry],
    ending: Ending,
    format: Format,
    style: Style,
    layout: Layout,
) -> std::io::Result<()> {
    let many = entries.len() > 1;
    let first = assessed(entries).next();
    let tradeoffs = |f: fn(&Assessment, Style) -> String| match first {
        Some(a) if many && !layout.brief => f(a, style),
        _ => String::new(),
    };
    let mut end = match format {
        Format::Json => {
            // Terms of art explained where JSON's order of keys first uses them.
            let explained: Vec<Entry> = entries
                .iter()
                .map(|e| match e {
                    Entry::Assessed(a) => {
                        Entry::Assessed(Box::new(reading::explained(a, reading::Reading::Json).a))
                    }
                    failed => failed.clone(),
                })
                .collect();
            json::report(
                &Report::new(ending.rules, &explained)
                    .with_config(ending.config)
                    .with_portfolio(ending.portfolio),
            )
        }
        Format::Table if many => {
            let mut end = String::from("\n");
            end.push_str(&tradeoffs(table::tradeoffs));
            end.push_str(&table::summary(entries, ending.portfolio, style));
            end
        }
        Format::Markdown if many => {
            let mut end = tradeoffs(|a, _| markdown::tradeoffs_section(a));
            end.push_str(&markdown::summary(entries, ending.portfolio));
            end
        }
        Format::Html => html::end(ending.rules, ending.config),
        Format::Table | Format::Markdown => String::new(),
    };
    if let Some(rules) = ending.rules {
        match format {
            Format::Json | Format::Html => {}
            // The rules folder and the configuration are file names, shown as input is.
            Format::Table => end.push_str(&format!("\nRules: {}\n", shown::line(&rules.short()))),
            Format::Markdown => {
                end.push_str(&format!("\nRules: {}\n", markdown::rules_used(rules)))
            }
        }
        // A configuration that changed the run says so under the rules, as nobody typed it.
        if let Some(line) = ending.config.and_then(ConfigUsed::line) {
            match format {
                Format::Json | Format::Html => {}
                Format::Table => end.push_str(&format!("Configuration: {}\n", shown::line(&line))),
                Format::Markdown => end.push_str(&format!(
                    "Configuration: {}\n",
                    markdown::config_used(&line)
                )),
            }
        }
    }
    out.write_all(end.as_bytes())
}

/// The verdict of one profile in a few lines, as every format opens with it.
pub struct Glance<'a> {
    pub motion: &'a str,
    pub score: u8,
    pub gate: crate::assessment::GateStatus,
    /// Gate lines met, and in all.
    pub gate_met: usize,
    pub gate_lines: usize,
    /// The first steps of the plan, in its order.
    pub fixes: Vec<&'a str>,
    /// The questions whose answers could change the recommendation.
    pub missing: Vec<&'a str>,
}

/// The commission-strip test's outcome in words, the same in every format: whether it
/// passed, its primary driver and its drivers.
pub struct StripWords {
    pub outcome: &'static str,
    pub primary: String,
    pub drivers: String,
}

pub fn strip_words(a: &Assessment) -> StripWords {
    let s = &a.commission_strip;
    let words = crate::profile::catalog::value_words;
    StripWords {
        outcome: match s.passed {
            Some(true) => "passed",
            Some(false) => "failed",
            None => "not known yet",
        },
        primary: s
            .primary_driver
            .as_deref()
            .map_or("not given".to_string(), words),
        drivers: if s.drivers.is_empty() {
            "none named".to_string()
        } else {
            s.drivers
                .iter()
                .map(|d| words(d))
                .collect::<Vec<_>>()
                .join(", ")
        },
    }
}

pub use headings::{INFERRED_TITLE, SOURCES_TITLE, TRADEOFFS_TITLE};

/// How many fixes the at-a-glance block lists.
pub const GLANCE_FIXES: usize = 3;
/// How many missing answers it names before saying how many more there are.
const GLANCE_MISSING: usize = 3;

pub fn glance(a: &Assessment) -> Glance<'_> {
    let r = &a.recommendation;
    // The head of the plan: the report's one order of work, which every format shows.
    let fixes = a
        .plan
        .steps
        .iter()
        .take(GLANCE_FIXES)
        .map(|s| s.fix.as_str())
        .collect();
    let missing = a
        .unknowns
        .iter()
        .filter(|u| u.changes_recommendation)
        .map(|u| u.question.as_str())
        .collect();
    Glance {
        motion: &r.motion,
        score: r.score,
        gate: a.gate.status,
        gate_met: a
            .gate
            .conditions
            .iter()
            .filter(|c| c.state == crate::assessment::Truth::Met)
            .count(),
        gate_lines: a.gate.conditions.len(),
        fixes,
        missing,
    }
}

impl Glance<'_> {
    /// "green, 7 of 7 conditions met".
    pub fn gate_line(&self) -> String {
        format!(
            "{}, {} of {} conditions met",
            self.gate.as_str(),
            self.gate_met,
            self.gate_lines
        )
    }

    /// The first questions still to answer, and how many more there are.
    pub fn missing_line(&self) -> String {
        let mut line = self
            .missing
            .iter()
            .take(GLANCE_MISSING)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if self.missing.len() > GLANCE_MISSING {
            line.push_str(&format!(
                " and {} more",
                self.missing.len() - GLANCE_MISSING
            ));
        }
        line
    }
}

/// A plan in lines of prose, the same in every text format: its heading, what must be
/// answered first, why it cannot be reached (when it cannot), and each step with its
/// effort and the outcome re-assessed after it.
pub struct PlanText {
    pub heading: String,
    pub answer_first: Option<String>,
    pub out_of_reach: Option<String>,
    /// (what to do, effort and outcome)
    pub steps: Vec<(String, String)>,
}

pub fn plan_text(plan: &crate::assessment::Plan) -> PlanText {
    let answer_first = (!plan.answer_first.is_empty()).then(|| {
        let questions: Vec<&str> = plan
            .answer_first
            .iter()
            .map(|h| h.question.as_str())
            .collect();
        format!("Answer first: {}", questions.join(" "))
    });
    let steps = plan
        .steps
        .iter()
        .map(|s| {
            let effort = match (s.effort, &s.effort_source) {
                (Some(e), Some(_)) => format!("Effort: {}.", e.as_str()),
                (Some(e), None) => format!("Effort: {} (rough).", e.as_str()),
                (None, _) => "Effort: not stated.".to_string(),
            };
            let then = if s.then.recommended == plan.motion {
                format!("Then: {} {}/100, recommended.", plan.motion, s.then.score)
            } else {
                format!(
                    "Then: {} {}/100, {}; {} still recommended.",
                    plan.motion,
                    s.then.score,
                    s.then.verdict.as_str().replace('-', " "),
                    s.then.recommended
                )
            };
            (s.fix.clone(), format!("{effort} {then}"))
        })
        .collect();
    PlanText {
        heading: format!("Plan for {}", plan.motion),
        answer_first,
        out_of_reach: plan.why_not.as_ref().map(|w| format!("Out of reach: {w}")),
        steps,
    }
}

/// A section of one profile's report. The order of [`SECTIONS`] is the report's, in the
/// table and in markdown alike; each of them renders every section (the match on this
/// type is exhaustive, so a new section cannot be forgotten by a format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The summary and the scored motions.
    Scores,
    /// The plan the report leads with.
    Plan,
    /// The plan for `--target`, when one is named.
    TargetPlan,
    Tradeoffs,
    /// A separate track's section (a hyperscaler's program).
    Program,
    Gate,
    CommissionStrip,
    DecisionPath,
    LabelCheck,
    Warnings,
    /// Answers taken from another that states the same fact.
    Inferred,
    /// Answers still missing.
    Missing,
    NextSteps,
    Sources,
}

/// The sections of a profile's report, in order.
pub const SECTIONS: &[Section] = &[
    Section::Scores,
    Section::Plan,
    Section::TargetPlan,
    Section::Tradeoffs,
    Section::Program,
    Section::Gate,
    Section::CommissionStrip,
    Section::DecisionPath,
    Section::LabelCheck,
    Section::Warnings,
    Section::Inferred,
    Section::Missing,
    Section::NextSteps,
    Section::Sources,
];

/// The last line of a shortened cell: how many lines it leaves out, and where they are.
pub fn more(hidden: usize) -> String {
    format!("+ {hidden} more: --format markdown or json")
}

/// The assessed entries, in order.
pub use crate::assessment::ranking::assessed;
/// Partners ranked for the summary, as the JSON's `ranking` ranks them.
pub use crate::assessment::ranking::ranked;

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

/// Says what a motion's score is, under the scores.
pub const SCORE_LEGEND: &str =
    "Score: the share of the evidence each motion needs that this profile shows (0-100). \
The verdict also weighs vetoes and the decision flow, so a lower score can be the one recommended.";

/// Says what the signs before the reasons mean, where reasons are signed.
pub const SIGN_LEGEND: &str = "Reasons: + for the motion, - against it, ? not known yet.";

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
/// neither name is known. Display text ([`shown::line`]), as every format shows it.
pub fn heading(a: &Assessment) -> String {
    let raw = names(a.vendor.as_deref(), a.partner.as_deref());
    shown::line(raw.as_deref().unwrap_or(&a.profile)).into_owned()
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
