//! The terminal report: a scored table per profile, then the gate, the commission-strip
//! test, the decision path, the label check, warnings, unknowns and next steps. Tables
//! wrap to the given width; colour only when the caller allows it.

use std::fmt::Write;

use comfy_table::{presets, Attribute, Cell, Color, ContentArrangement, Table};

use super::{failed, heading, ranked, Style, SCORE_LEGEND, TRADEOFFS_TITLE};
use crate::assessment::{
    Assessment, Effect, Entry, GateCondition, GateStatus, StepStatus, Truth, Verdict, WarningKind,
};

/// One assessed profile's report.
pub fn part(a: &Assessment, style: Style) -> String {
    let mut out = String::new();
    one(&mut out, a, style);
    out
}

/// A table in the report's style that fits `style.width`, coloured only when allowed.
pub(crate) fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn paint(text: &str, color: Color, style: Style) -> Cell {
    let cell = Cell::new(text);
    if style.color {
        cell.fg(color).add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// A heading, wrapped to the width, bold when colour is on.
fn title(out: &mut String, text: &str, style: Style) {
    let text = textwrap::fill(text, usize::from(style.width));
    if style.color {
        let bold = anstyle::Style::new().bold();
        let _ = writeln!(out, "{bold}{text}{bold:#}");
    } else {
        let _ = writeln!(out, "{text}");
    }
}

/// A paragraph wrapped to the width, every line indented by `indent`.
fn para(out: &mut String, text: &str, indent: &str, style: Style) {
    hanging(out, text, indent, indent, style);
}

/// A paragraph wrapped to the width, its first line indented by `first` and the others
/// by `rest`.
fn hanging(out: &mut String, text: &str, first: &str, rest: &str, style: Style) {
    // Rule ids and field names hold hyphens; a line never breaks inside one.
    let options = textwrap::Options::new(usize::from(style.width))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let _ = writeln!(out, "{}", textwrap::fill(text, options));
}

fn verdict_color(verdict: Verdict) -> Color {
    match verdict {
        Verdict::Recommended => Color::Green,
        Verdict::Viable => Color::Cyan,
        Verdict::NotYet => Color::Yellow,
        Verdict::NotAFit => Color::Red,
    }
}

fn state_color(state: Truth) -> Color {
    match state {
        Truth::Met => Color::Green,
        Truth::Unmet => Color::Red,
        Truth::Unknown => Color::Yellow,
    }
}

fn step_color(status: StepStatus) -> Color {
    match status {
        StepStatus::Done => Color::Green,
        StepStatus::ToDo => Color::Red,
    }
}

fn gate_color(status: GateStatus) -> Color {
    match status {
        GateStatus::Green => Color::Green,
        GateStatus::Wait => Color::Yellow,
    }
}

fn one(out: &mut String, a: &Assessment, style: Style) {
    let r = &a.recommendation;
    title(out, &format!("{}  ({})", heading(a), a.profile), style);
    let _ = writeln!(out, "Recommendation: {} ({}/100)", r.motion, r.score);
    para(out, &r.summary, "", style);
    let _ = writeln!(out);

    let mut scores = new_table(style);
    scores.set_header(vec!["Motion", "Score", "Verdict", "Why", "Fix first"]);
    for m in &a.motions {
        // The strongest evidence each way: what holds it back, then what speaks for it.
        let against = m.reasons.iter().filter(|x| x.effect != Effect::For).take(2);
        let for_it = m.reasons.iter().filter(|x| x.effect == Effect::For).take(2);
        let why: Vec<String> = against.chain(for_it).map(super::signed).collect();
        let fixes: Vec<String> = m
            .fixes
            .iter()
            .take(2)
            .map(|x| format!("• {}", x.fix))
            .collect();
        scores.add_row(vec![
            Cell::new(&m.motion),
            Cell::new(m.score),
            paint(m.verdict.as_str(), verdict_color(m.verdict), style),
            Cell::new(why.join("\n")),
            Cell::new(if fixes.is_empty() {
                "-".to_string()
            } else {
                fixes.join("\n")
            }),
        ]);
    }
    let _ = writeln!(out, "{scores}");
    para(out, SCORE_LEGEND, "", style);
    let _ = writeln!(out);
    tradeoffs(out, a, style);

    title(
        out,
        &format!(
            "Co-selling readiness gate: {}",
            a.gate.status.as_str().to_uppercase()
        ),
        style,
    );
    conditions(out, &a.gate.conditions, style);

    let strip = &a.commission_strip;
    let passed = match strip.passed {
        Some(true) => "PASSED",
        Some(false) => "FAILED",
        None => "UNKNOWN",
    };
    let primary = strip.primary_driver.as_deref().unwrap_or("unknown");
    let drivers = if strip.drivers.is_empty() {
        "none named".to_string()
    } else {
        strip.drivers.join(", ")
    };
    title(
        out,
        &format!("Commission-strip test: {passed} (primary driver: {primary}; drivers: {drivers})"),
        style,
    );
    conditions(out, &strip.checks, style);

    title(out, "Decision path", style);
    if a.decision_path.is_empty() {
        let _ = writeln!(out, "  (no question could be answered)");
    }
    for (i, step) in a.decision_path.iter().enumerate() {
        let leads = step
            .leads_to
            .as_deref()
            .map(|l| format!(" -> {l}"))
            .unwrap_or_default();
        hanging(
            out,
            &format!(
                "{}. {} {}{leads}",
                i + 1,
                step.question,
                step.answer.as_str()
            ),
            "  ",
            "     ",
            style,
        );
        para(out, &step.message, "     ", style);
    }
    let _ = writeln!(out);

    let l = &a.label_check;
    let verdict = match l.consistent {
        Some(true) => "consistent",
        Some(false) => "INCONSISTENT",
        None => "cannot tell yet",
    };
    title(
        out,
        &format!(
            "Label check: declared {}, mechanics show {} ({verdict})",
            l.declared.as_deref().unwrap_or("nothing"),
            l.observed.as_deref().unwrap_or("unknown")
        ),
        style,
    );
    if let Some(message) = &l.message {
        para(out, message, "  ", style);
    }
    let _ = writeln!(out);

    if !a.warnings.is_empty() {
        title(out, "Warnings and advice", style);
        let mut table = new_table(style);
        table.set_header(vec!["", "Warning", "Fix"]);
        for w in &a.warnings {
            let (mark, color) = match w.kind {
                WarningKind::Pattern => ("!", Color::Yellow),
                WarningKind::Advice => ("i", Color::Cyan),
            };
            table.add_row(vec![
                paint(mark, color, style),
                Cell::new(format!(
                    "{}{}\n{}",
                    w.title,
                    concerns(w, &r.motion),
                    w.message
                )),
                Cell::new(w.fix.as_deref().unwrap_or("-")),
            ]);
        }
        let _ = writeln!(out, "{table}\n");
    }

    if !a.unknowns.is_empty() {
        title(out, "Missing answers", style);
        let (decisive, rest): (Vec<_>, Vec<_>) =
            a.unknowns.iter().partition(|u| u.changes_recommendation);
        for u in &decisive {
            let line = format!(
                "- {} could change the recommendation: affects {}",
                u.field,
                u.could_change.join(", ")
            );
            para(out, &line, "  ", style);
        }
        if !rest.is_empty() {
            let fields: Vec<&str> = rest.iter().map(|u| u.field.as_str()).collect();
            let lead = if decisive.is_empty() { "" } else { "also " };
            let line = format!(
                "- {lead}missing, without changing the recommendation: {}",
                fields.join(", ")
            );
            para(out, &line, "  ", style);
        }
        let _ = writeln!(out);
    }

    if !a.next_steps.is_empty() {
        title(out, &format!("Next steps for {}", r.motion), style);
        let mut table = new_table(style);
        table.set_header(vec!["#", "Status", "Step"]);
        for (i, s) in a.next_steps.iter().enumerate() {
            table.add_row(vec![
                Cell::new(i + 1),
                paint(s.status.as_str(), step_color(s.status), style),
                Cell::new(format!("{}\n{}", s.title, s.message)),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    sources(out, a, style);
}

/// The sources the report cited, last.
fn sources(out: &mut String, a: &Assessment, style: Style) {
    let lines = super::source_lines(a);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out);
    title(out, super::SOURCES_TITLE, style);
    for line in lines {
        hanging(out, &line, "  ", "    ", style);
    }
}

/// What each motion costs and gives, one column per motion, right under the scores so
/// the reader weighs both together. Rule folders without dimensions show nothing.
fn tradeoffs(out: &mut String, a: &Assessment, style: Style) {
    if a.tradeoffs.is_empty() {
        return;
    }
    title(out, TRADEOFFS_TITLE, style);
    let mut table = new_table(style);
    let mut header = vec!["Dimension"];
    header.extend(a.motions.iter().map(|m| m.motion.as_str()));
    table.set_header(header);
    for t in &a.tradeoffs {
        let mut row = vec![Cell::new(&t.dimension)];
        row.extend(
            a.motions
                .iter()
                .map(|m| Cell::new(super::text_for(t, &m.motion))),
        );
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}\n");
}

/// " (matters for co-sell)" when a warning does not weigh on the recommended motion, so
/// the reader knows it is for later.
pub(super) fn concerns(w: &crate::assessment::Warning, recommended: &str) -> String {
    if w.motions.is_empty() || w.motions.iter().any(|m| m == recommended) {
        String::new()
    } else {
        format!(" (matters for {})", w.motions.join(", "))
    }
}

fn conditions(out: &mut String, lines: &[GateCondition], style: Style) {
    let mut table = new_table(style);
    table.set_header(vec!["State", "Kind", "Condition", "Fix"]);
    for c in lines {
        table.add_row(vec![
            paint(c.state.as_str(), state_color(c.state), style),
            Cell::new(c.kind.as_str()),
            Cell::new(&c.message),
            Cell::new(c.fix.as_deref().unwrap_or("")),
        ]);
    }
    let _ = writeln!(out, "{table}\n");
}

/// The table ranking the partners, after the reports on several profiles.
pub(super) fn summary(entries: &[Entry], style: Style) -> String {
    let mut out = String::new();
    let out = &mut out;
    let _ = writeln!(out);
    title(
        out,
        "Partners ranked: the furthest motion each can run now, then its score",
        style,
    );
    let mut table = new_table(style);
    table.set_header(vec![
        "#",
        "Partner",
        "Recommended",
        "Score",
        "Gate",
        "Insufficient evidence",
    ]);
    for (i, a) in ranked(entries).into_iter().enumerate() {
        table.add_row(vec![
            Cell::new(i + 1),
            Cell::new(format!("{}\n{}", heading(a), a.profile)),
            Cell::new(&a.recommendation.motion),
            Cell::new(a.recommendation.score),
            paint(a.gate.status.as_str(), gate_color(a.gate.status), style),
            Cell::new(if a.recommendation.insufficient_evidence.is_empty() {
                "-".to_string()
            } else {
                a.recommendation.insufficient_evidence.join(", ")
            }),
        ]);
    }
    for f in failed(entries) {
        table.add_row(vec![
            Cell::new("-"),
            Cell::new(&f.profile),
            paint("could not assess", Color::Red, style),
            Cell::new("-"),
            Cell::new("-"),
            Cell::new(&f.error.message),
        ]);
    }
    let _ = writeln!(out, "{table}");
    out.to_string()
}
