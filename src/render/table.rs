//! The terminal report: an at-a-glance block, a scored table per profile, then the
//! gate, the commission-strip test, the decision path, the label check, warnings,
//! unknowns and next steps, and the at-a-glance block again, so the last screen holds
//! the verdict. Colour only when the caller allows it.
//!
//! Tables are laid out here rather than by a table crate, so that every line fits the
//! width and no word is broken: a table whose columns cannot each hold their longest
//! word, or a terminal narrower than [`WIDE`], gets the stacked layout (one block per
//! row, `Header: value`). Text is wrapped by `textwrap` first-fit, which is linear in
//! the text's length; only a word longer than the line is split.

use super::headings::{
    AT_A_GLANCE, DECISION_PATH, FIX_FIRST, LABEL_CHECK, MISSING, NEXT_STEPS_FOR, WARNINGS,
};
use std::fmt::Write;

use anstyle::{AnsiColor as Color, Style as Ansi};

use super::{
    failed, glance, heading, ranked, shown, Section, Style, SCORE_LEGEND, SIGN_LEGEND,
    TRADEOFFS_TITLE,
};
use crate::assessment::portfolio::Portfolio;
use crate::assessment::{
    Assessment, Entry, GateCondition, GateStatus, StepStatus, Verdict, WarningKind,
};

use super::grid::{at_most, hanging, paint, para, state_color, title, Cell, Grid};
use super::reading::{self, Reading, Titles, FIXES_SHOWN};

/// One assessed profile's report; `many` leaves out what the run shows once (the
/// trade-offs) and the closing at-a-glance block, which the ranking replaces.
pub fn part(a: &Assessment, style: Style, many: bool) -> String {
    let e = reading::explained(a, Reading::Table { many });
    let (a, titles) = (&e.a, &e.titles);
    let mut out = String::new();
    at_a_glance(&mut out, a, style, Caveat::InSummary);
    let _ = writeln!(out);
    one(&mut out, a, titles, style, many);
    if !many {
        let _ = writeln!(out);
        at_a_glance(&mut out, a, style, Caveat::InSummary);
    }
    out
}

/// The at-a-glance block alone, for `--brief`, with the caveat the full report's summary
/// opens with: a brief of a nearly empty profile is no more a verdict than the report.
pub fn brief(a: &Assessment, style: Style) -> String {
    let e = reading::explained(a, Reading::Table { many: false });
    let a = &e.a;
    let mut out = String::new();
    at_a_glance(&mut out, a, style, Caveat::Shown);
    out
}

/// Whether the at-a-glance block says the recommendation is provisional: the full report
/// leaves it to the summary, which opens with the same sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caveat {
    Shown,
    InSummary,
}

/// The verdict in a few lines: the recommended motion and its score, the gate, the
/// first fixes and the missing answers that could change the recommendation.
fn at_a_glance(out: &mut String, a: &Assessment, style: Style, caveat: Caveat) {
    let g = glance(a);
    title(out, &format!("{AT_A_GLANCE}: {}", heading(a)), style);
    let mut motion = format!("{} ({}/100)", g.motion, g.score);
    if style.color {
        let paint = Ansi::new()
            .fg_color(Some(verdict_color(Verdict::Recommended).into()))
            .bold();
        motion = format!("{paint}{motion}{paint:#}");
    }
    let _ = writeln!(out, "  Recommendation: {motion}");
    if let (Caveat::Shown, Some(sentence)) = (caveat, &a.recommendation.caveat) {
        para(out, sentence, "    ", style);
    }
    at_most(out, &g.gate_line(), "  Gate: ", "    ", 2, style);
    if !g.fixes.is_empty() {
        let _ = writeln!(out, "  {FIX_FIRST}:");
        for (i, fix) in g.fixes.iter().enumerate() {
            at_most(out, fix, &format!("  {}. ", i + 1), "     ", 2, style);
        }
    }
    if !g.missing.is_empty() {
        at_most(
            out,
            &g.missing_line(),
            "  Still to answer: ",
            "    ",
            2,
            style,
        );
    }
}

fn verdict_color(verdict: Verdict) -> Color {
    match verdict {
        Verdict::Recommended => Color::Green,
        Verdict::Viable => Color::Cyan,
        Verdict::NotYet => Color::Yellow,
        Verdict::NotAFit => Color::Red,
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

/// Writes one section of the report for `a`, fitted to the style; `many` says the
/// profile is one of several.
fn section(
    out: &mut String,
    a: &Assessment,
    titles: &Titles,
    style: Style,
    many: bool,
    section: Section,
) {
    match section {
        Section::Scores => scores(out, a, style, many),
        Section::Plan => plan(out, a, style, many),
        Section::TargetPlan => {
            if let Some(target) = &a.target_plan {
                plan_of(out, target, style);
            }
        }
        Section::Tradeoffs => tradeoffs_here(out, a, style, many),
        Section::Program => super::program::table(out, a.program.as_ref(), style),
        Section::Gate => gate(out, a, &titles.gate, style),
        Section::CommissionStrip => commission_strip(out, a, &titles.strip, style),
        Section::DecisionPath => decision_path(out, a, style, many),
        Section::LabelCheck => label_check(out, a, style, many),
        Section::Warnings => warnings(out, a, style, many),
        Section::Inferred => inferred(out, a, style, many),
        Section::Missing => missing(out, a, style, many),
        Section::NextSteps => next_steps(out, a, style, many),
        Section::Sources => sources(out, a, style, many),
    }
}

fn one(out: &mut String, a: &Assessment, titles: &Titles, style: Style, many: bool) {
    for &s in super::SECTIONS {
        section(out, a, titles, style, many, s);
    }
}

/// The heading, the summary and the scored table with its legend.
fn scores(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    let r = &a.recommendation;
    title(
        out,
        &format!("{}  ({})", heading(a), shown::line(&a.profile)),
        style,
    );
    para(out, &r.summary, "", style);
    let _ = writeln!(out);

    let mut scores = Grid::new(&["Motion", "Score", "Verdict", "Why", FIX_FIRST]);
    for m in &a.motions {
        // The strongest evidence each way: what holds it back, then what speaks for it.
        let mut why: Vec<String> = reading::shown_reasons(m)
            .into_iter()
            .map(|i| super::signed(&m.reasons[i]))
            .collect();
        let hidden = m.reasons.len() - why.len();
        if hidden > 0 {
            why.push(super::more(hidden));
        }
        let mut fixes: Vec<String> = m
            .fixes
            .iter()
            .take(FIXES_SHOWN)
            .map(|x| format!("• {}", x.fix))
            .collect();
        if m.fixes.len() > FIXES_SHOWN {
            fixes.push(super::more(m.fixes.len() - FIXES_SHOWN));
        }
        scores.row(vec![
            Cell::new(&m.motion),
            Cell::new(m.score),
            paint(m.verdict.as_str(), verdict_color(m.verdict)),
            Cell::new(why.join("\n")),
            Cell::new(if fixes.is_empty() {
                "-".to_string()
            } else {
                fixes.join("\n")
            }),
        ]);
    }
    out.push_str(&scores.render(style));
    para(out, &format!("{SCORE_LEGEND} {SIGN_LEGEND}"), "", style);
    let _ = writeln!(out);
}

/// The trade-offs under the scores, with one profile; with several they are shown once,
/// before the ranking.
fn tradeoffs_here(out: &mut String, a: &Assessment, style: Style, many: bool) {
    if !many {
        out.push_str(&tradeoffs(a, style));
    }
}

fn gate(out: &mut String, a: &Assessment, heading: &str, style: Style) {
    title(
        out,
        &format!("{heading}: {}", a.gate.status.as_str().to_uppercase()),
        style,
    );
    conditions(out, &a.gate.conditions, style);
}

fn commission_strip(out: &mut String, a: &Assessment, heading: &str, style: Style) {
    let strip = &a.commission_strip;
    let w = super::strip_words(a);
    title(
        out,
        &format!(
            "{heading}: {} (primary driver: {}; drivers: {})",
            w.outcome.to_uppercase(),
            w.primary,
            w.drivers
        ),
        style,
    );
    conditions(out, &strip.checks, style);
}

fn decision_path(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    title(out, DECISION_PATH, style);
    if a.decision_path.is_empty() {
        let _ = writeln!(out, "  (no question could be answered)");
    }
    for (i, step) in a.decision_path.iter().enumerate() {
        let leads = step
            .ends_on()
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
        for line in step.message.lines() {
            para(out, line, "     ", style);
        }
    }
    let _ = writeln!(out);
}

fn label_check(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    let l = &a.label_check;
    let verdict = match l.consistent {
        Some(true) => "consistent",
        Some(false) => "INCONSISTENT",
        None => "cannot tell yet",
    };
    title(
        out,
        &format!(
            "{LABEL_CHECK}: declared {}, mechanics show {} ({verdict})",
            l.declared.as_deref().unwrap_or("nothing"),
            l.observed.as_deref().unwrap_or("unknown")
        ),
        style,
    );
    if let Some(message) = &l.message {
        for line in message.lines() {
            para(out, line, "  ", style);
        }
    }
    let _ = writeln!(out);
}

fn warnings(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    let r = &a.recommendation;
    if !a.warnings.is_empty() {
        title(out, WARNINGS, style);
        let mut table = Grid::new(&["", "Warning", "Fix"]);
        for w in &a.warnings {
            let (mark, color) = match w.kind {
                WarningKind::Pattern => ("!", Color::Yellow),
                WarningKind::Advice => ("i", Color::Cyan),
            };
            table.row(vec![
                paint(mark, color),
                Cell::new(format!(
                    "{}{}\n{}",
                    w.title,
                    concerns(w, &r.motion),
                    w.message
                )),
                Cell::new(w.fix.as_deref().unwrap_or("-")),
            ]);
        }
        let _ = writeln!(out, "{}", table.render(style));
    }
}

/// Answers taken from another field that states the same fact, each with its origin.
fn inferred(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    if a.inferred.is_empty() {
        return;
    }
    title(out, super::INFERRED_TITLE, style);
    for i in &a.inferred {
        hanging(out, &format!("- {}", i.shown), "  ", "    ", style);
    }
    let _ = writeln!(out);
}

fn missing(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    if !a.unknowns.is_empty() {
        title(out, MISSING, style);
        let (decisive, rest): (Vec<_>, Vec<_>) =
            a.unknowns.iter().partition(|u| u.changes_recommendation);
        if !decisive.is_empty() {
            para(out, "Could change the recommendation:", "  ", style);
            for u in &decisive {
                hanging(out, &u.question, "  - ", "    ", style);
            }
        }
        if !rest.is_empty() {
            let questions: Vec<&str> = rest.iter().map(|u| u.question.as_str()).collect();
            let lead = if decisive.is_empty() {
                "Missing"
            } else {
                "Also missing"
            };
            let line = format!(
                "{lead}, without changing the recommendation: {}",
                questions.join(" ")
            );
            hanging(out, &line, "  ", "    ", style);
        }
        let _ = writeln!(out);
    }
}

fn next_steps(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    let r = &a.recommendation;
    if !a.next_steps.is_empty() {
        title(out, &format!("{NEXT_STEPS_FOR} {}", r.motion), style);
        let mut table = Grid::new(&["#", "Status", "Step"]);
        for (i, s) in a.next_steps.iter().enumerate() {
            table.row(vec![
                Cell::new(i + 1),
                paint(s.status.as_str(), step_color(s.status)),
                Cell::new(format!("{}\n{}", s.title, s.message)),
            ]);
        }
        out.push_str(&table.render(style));
    }
}

/// The plan the report leads with.
fn plan(out: &mut String, a: &Assessment, style: Style, _many: bool) {
    plan_of(out, &a.plan, style);
}

fn plan_of(out: &mut String, plan: &crate::assessment::Plan, style: Style) {
    let text = super::plan_text(plan);
    if text.steps.is_empty() && text.answer_first.is_none() && text.out_of_reach.is_none() {
        return;
    }
    title(out, &text.heading, style);
    for line in text.answer_first.iter().chain(&text.out_of_reach) {
        hanging(out, line, "  ", "  ", style);
    }
    for (i, (fix, then)) in text.steps.iter().enumerate() {
        hanging(out, fix, &format!("  {}. ", i + 1), "     ", style);
        hanging(out, then, "     ", "     ", style);
    }
    let _ = writeln!(out);
}

/// The sources the report cited, last.
fn sources(out: &mut String, a: &Assessment, style: Style, _many: bool) {
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

/// What each motion costs and gives, one column per motion: under the scores with one
/// profile, once before the ranking with several. Rule folders without dimensions show
/// nothing.
pub fn tradeoffs(a: &Assessment, style: Style) -> String {
    let mut out = String::new();
    if a.tradeoffs.is_empty() {
        return out;
    }
    title(&mut out, TRADEOFFS_TITLE, style);
    let mut header = vec!["Dimension"];
    header.extend(a.motions.iter().map(|m| m.motion.as_str()));
    let mut table = Grid::new(&header);
    for t in &a.tradeoffs {
        let mut row = vec![Cell::new(&t.dimension)];
        row.extend(
            a.motions
                .iter()
                .map(|m| Cell::new(super::text_for(t, &m.motion))),
        );
        table.row(row);
    }
    let _ = writeln!(out, "{}", table.render(style));
    out
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
    let mut table = Grid::new(&["State", "Kind", "Condition", "Fix"]);
    for c in lines {
        table.row(vec![
            paint(c.state.as_str(), state_color(c.state)),
            Cell::new(c.kind.as_str()),
            Cell::new(&c.message),
            Cell::new(c.fix.as_deref().unwrap_or("")),
        ]);
    }
    let _ = writeln!(out, "{}", table.render(style));
}

/// The table ranking the partners, after the reports on several profiles, then the
/// portfolio focus.
pub(super) fn summary(entries: &[Entry], portfolio: Option<&Portfolio>, style: Style) -> String {
    let mut out = String::new();
    let out = &mut out;
    let _ = writeln!(out);
    title(
        out,
        "Partners ranked: the furthest motion each can run now, then its score",
        style,
    );
    let mut table = Grid::new(&["#", "Partner", "Recommended", "Score", "Gate"]);
    for (i, a) in ranked(entries).into_iter().enumerate() {
        // What could change the recommendation goes under the partner, so the table
        // keeps few columns; field names are long single words.
        let missing = &a.recommendation.insufficient_evidence;
        let mut partner = format!("{}\n{}", heading(a), shown::line(&a.profile));
        if !missing.is_empty() {
            let mut first: Vec<String> = missing.iter().take(FIXES_SHOWN).cloned().collect();
            if missing.len() > FIXES_SHOWN {
                first.push(format!("and {} more", missing.len() - FIXES_SHOWN));
            }
            partner.push_str(&format!("\nAnswer first: {}", first.join(", ")));
        }
        table.row(vec![
            Cell::new(i + 1),
            Cell::new(partner),
            Cell::new(&a.recommendation.motion),
            Cell::new(a.recommendation.score),
            paint(a.gate.status.as_str(), gate_color(a.gate.status)),
        ]);
    }
    for f in failed(entries) {
        table.row(vec![
            Cell::new("-"),
            Cell::new(format!("{}\n{}", shown::line(&f.profile), f.error.message)),
            paint("could not assess", Color::Red),
            Cell::new("-"),
            Cell::new("-"),
        ]);
    }
    out.push_str(&table.render(style));
    if let Some(p) = portfolio {
        let _ = writeln!(out);
        title(out, &p.title, style);
        for group in p.groups() {
            if group.partners.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {}:", group.label);
            for pick in group.partners {
                let name = match &pick.partner {
                    Some(partner) => {
                        format!("{}, {}", shown::line(partner), shown::line(&pick.profile))
                    }
                    None => shown::line(&pick.profile).into_owned(),
                };
                hanging(
                    out,
                    &format!(
                        "- {name}: {} {}/100, {}",
                        pick.motion, pick.score, pick.reason
                    ),
                    "    ",
                    "      ",
                    style,
                );
            }
        }
    }
    out.to_string()
}
