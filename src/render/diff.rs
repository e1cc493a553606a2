//! A comparison of two sides -> text: the table format for a terminal, markdown to post
//! as a pull-request comment, and the JSON of the comparison. Only what moved is told in
//! full; an unchanged profile gets one line.

use super::headings::LABEL_CHECK;
use std::fmt::Write;

use super::grid::{Cell, Grid};
use super::{json, md_text, names, Format, Style};
use crate::assessment::thresholds::{self, Level};
use crate::condition::Truth;
use crate::diff::{
    Added, Change, Compared, Comparison, Label, LineChange, PlanHead, ProfileChange,
    ProgramDecision, Standing, ThresholdChange,
};
use crate::shown;

/// Renders a comparison in `format`.
pub fn render(comparison: &Comparison, format: Format, style: Style) -> String {
    match format {
        Format::Json => json::to_string(comparison),
        Format::Table => text(comparison, style),
        // `diff` refuses `--format html` before rendering; markdown is its document form.
        Format::Markdown | Format::Html => md(comparison),
    }
}

/// "a → b", or "a" when nothing changed.
fn moved(old: &str, new: &str) -> String {
    if old == new {
        old.to_string()
    } else {
        format!("{old} → {new}")
    }
}

fn pick(p: &crate::diff::Pick) -> String {
    format!("{} {}", p.motion, p.score)
}

fn standing(s: Option<Standing>) -> String {
    s.map_or_else(
        || "not scored".to_string(),
        |s| format!("{} {}", s.score, s.verdict.as_str()),
    )
}

fn state(s: Option<Truth>) -> &'static str {
    s.map_or("absent", Truth::as_str)
}

fn label(l: &Label) -> String {
    let word = |w: &Option<String>| w.clone().unwrap_or_else(|| "unknown".to_string());
    let consistent = match l.consistent {
        Some(true) => "consistent",
        Some(false) => "inconsistent",
        None => "not known to be consistent",
    };
    format!(
        "declared {}, observed {}: {consistent}",
        word(&l.declared),
        word(&l.observed)
    )
}

fn heading(c: &Compared) -> String {
    let raw = names(c.vendor.as_deref(), c.partner.as_deref());
    shown::line(raw.as_deref().unwrap_or(&c.profile)).into_owned()
}

fn where_from(c: &Compared) -> String {
    match &c.old_profile {
        Some(old) => format!("{old} → {}", c.profile),
        None => c.profile.clone(),
    }
}

fn flipped_line(l: &LineChange) -> String {
    format!(
        "{}: {} → {}. {}",
        l.rule,
        state(l.old),
        state(l.new),
        l.message
    )
}

/// The missing answers that could change the recommendation, as they moved: what each
/// group says and its fields.
fn evidence(c: &Compared) -> Vec<(&'static str, &[String])> {
    let d = &c.decisive_unknowns;
    [
        ("now answered or no longer decisive", d.settled.as_slice()),
        ("now missing and decisive", d.now_missing.as_slice()),
    ]
    .into_iter()
    .filter(|(_, fields)| !fields.is_empty())
    .collect()
}

/// Motion names padded to one width, so the scores line up.
fn motion_names(p: &Compared) -> usize {
    p.motions
        .iter()
        .map(|m| m.motion.chars().count())
        .max()
        .unwrap_or(0)
}

fn other(change: &ProfileChange) -> Option<String> {
    match change {
        ProfileChange::Compared(_) => None,
        ProfileChange::Added(a) => Some(added(a)),
        ProfileChange::Removed { profile } => Some(format!("{profile}: removed")),
        ProfileChange::Unreadable { profile, old, new } => Some(match (old, new) {
            (Some(old), Some(new)) => {
                format!("{profile}: could not be read before ({old}) nor now ({new})")
            }
            (None, Some(new)) => format!("{profile}: can no longer be read: {new}"),
            (Some(old), None) => format!("{profile}: can now be read (before: {old})"),
            (None, None) => format!("{profile}: could not be compared"),
        }),
    }
}

/// A new profile in one line: its recommendation, verdict and gate, and the thresholds
/// it fails; or why it could not be read.
fn added(a: &Added) -> String {
    let name = match names(a.vendor.as_deref(), a.partner.as_deref()) {
        Some(names) => format!("{} ({})", shown::line(&names), a.profile),
        None => a.profile.clone(),
    };
    let (Some(r), Some(gate)) = (&a.recommendation, &a.gate) else {
        let problem = a.problem.as_deref().unwrap_or_default();
        return format!("{name}: new profile, cannot be read: {problem}");
    };
    let verdict = a.verdict.map_or("", |v| v.as_str());
    let mut line = format!("{name}: new profile: {}, {verdict}; gate {gate}", pick(r));
    for f in &a.failing {
        let _ = write!(
            line,
            "; fails {}: {}",
            threshold(&f.check, f.motion.as_deref(), f.required),
            level(f.actual)
        );
    }
    line
}

/// A threshold by name: the check, and for `min-score` its bar and motion.
fn threshold(check: &str, motion: Option<&str>, required: Option<Level>) -> String {
    let bar = required.map(|r| format!(" {}", thresholds::words(r)));
    match (check, motion) {
        ("min-score", Some(m)) => format!("min-score{} ({m})", bar.unwrap_or_default()),
        _ => check.to_string(),
    }
}

/// What an assessment showed a threshold: "scores 64", or the word (`wait`,
/// `insufficient`); "not known" when a saved report does not say.
fn level(l: Option<Level>) -> String {
    match l {
        Some(Level::Score(n)) => format!("scores {n}"),
        Some(Level::State(w)) => w.as_str().to_string(),
        None => "not known".to_string(),
    }
}

/// A threshold whose outcome moved, said as what the reviewer must know: the profile
/// now fails it, or no longer does, and what the assessment showed on each side.
fn threshold_change(t: &ThresholdChange) -> String {
    let name = threshold(&t.check, t.motion.as_deref(), t.required);
    let shown = match (t.actual.old, t.actual.new) {
        (Some(Level::Score(o)), Some(Level::Score(n))) => {
            format!("scores {}", moved(&o.to_string(), &n.to_string()))
        }
        (o, n) => moved(&level(o), &level(n)),
    };
    match (t.old, t.new) {
        (None, Some(false)) => format!(
            "Now fails {name}: {} (not applied before)",
            level(t.actual.new)
        ),
        (_, Some(false)) => format!("Now fails {name}: {shown}"),
        (Some(false), Some(true)) => format!("No longer fails {name}: {shown}"),
        (Some(false), None) => format!("No longer applies {name} (failed before)"),
        (old, new) => format!("{name}: {} → {}", passed(old), passed(new)),
    }
}

/// The unchanged profiles, folded into one line.
fn unchanged_all(c: &Comparison) -> Option<String> {
    let quiet: Vec<String> = c
        .profiles
        .iter()
        .filter_map(|p| match p {
            ProfileChange::Compared(p) if !p.changed => Some(format!(
                "{} ({}, gate {})",
                heading(p),
                pick(&p.recommendation.new),
                p.gate.status.new
            )),
            _ => None,
        })
        .collect();
    (!quiet.is_empty()).then(|| {
        format!(
            "No change for {}: {}",
            profiles(quiet.len()),
            quiet.join(", ")
        )
    })
}

fn profiles(n: usize) -> String {
    format!("{n} profile{}", if n == 1 { "" } else { "s" })
}

fn totals(c: &Comparison) -> String {
    let s = &c.summary;
    let total = c.profiles.len();
    let mut parts = vec![format!("{} of {} changed", s.changed, profiles(total))];
    for (n, what) in [
        (s.starts_failing, "now failing a threshold"),
        (s.stops_failing, "no longer failing one"),
        (s.added, "added"),
        (s.removed, "removed"),
        (s.unreadable, "unreadable"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    parts.join(", ")
}

fn rules_line(c: &Comparison) -> Option<String> {
    let short = |d: &Option<String>| {
        d.as_deref().map_or_else(
            || "unknown".to_string(),
            |d| {
                let hex: String = d.trim_start_matches("sha256:").chars().take(12).collect();
                format!("sha256:{hex}…")
            },
        )
    };
    c.rules.changed().then(|| {
        format!(
            "The rules differ: {} → {}; some changes may come from the rules, not the profile.",
            short(&c.rules.old),
            short(&c.rules.new)
        )
    })
}

fn text(c: &Comparison, style: Style) -> String {
    let mut out = String::new();
    let width = usize::from(style.width);
    let hanging = |out: &mut String, text: &str, first: &str, rest: &str| {
        let _ = writeln!(
            out,
            "{}",
            super::wrap::lines(&shown::block(text), width, first, rest).join("\n")
        );
    };
    for change in &c.profiles {
        match change {
            // Folded into one line after the others.
            ProfileChange::Compared(p) if !p.changed => continue,
            ProfileChange::Compared(p) => {
                hanging(
                    &mut out,
                    &format!("{} ({})", heading(p), where_from(p)),
                    "",
                    "  ",
                );
                // What a reviewer must act on comes first.
                for t in &p.thresholds {
                    hanging(&mut out, &threshold_change(t), "  ", "    ");
                }
                let r = &p.recommendation;
                hanging(
                    &mut out,
                    &format!("Recommendation: {}", moved(&pick(&r.old), &pick(&r.new))),
                    "  ",
                    "    ",
                );
                hanging(&mut out, "Motions:", "  ", "  ");
                let pad = motion_names(p);
                for m in &p.motions {
                    let line = format!(
                        "{:<pad$}  {}",
                        m.motion,
                        moved(&standing(m.old), &standing(m.new))
                    );
                    hanging(&mut out, &line, "    ", "      ");
                }
                let g = &p.gate;
                hanging(
                    &mut out,
                    &format!("Gate: {}", moved(&g.status.old, &g.status.new)),
                    "  ",
                    "    ",
                );
                for line in &g.flipped {
                    hanging(&mut out, &flipped_line(line), "    ", "      ");
                }
                if p.label_check.changed() {
                    hanging(&mut out, &label_change(&p.label_check), "  ", "    ");
                }
                for (what, old, new) in recommendation_parts(p) {
                    let line = format!("{what}: {}", moved(&old, &new));
                    hanging(&mut out, &line, "  ", "    ");
                }
                let groups = evidence(p);
                if !groups.is_empty() {
                    hanging(
                        &mut out,
                        "Answers that could change the recommendation:",
                        "  ",
                        "  ",
                    );
                }
                for (what, fields) in groups {
                    let line = format!("{what}: {}", fields.join(", "));
                    hanging(&mut out, &line, "    ", "      ");
                }
            }
            other_change => {
                if let Some(line) = other(other_change) {
                    hanging(&mut out, &line, "", "  ");
                }
            }
        }
        out.push('\n');
    }
    if let Some(line) = unchanged_all(c) {
        hanging(&mut out, &line, "", "  ");
        out.push('\n');
    }
    if let Some(line) = rules_line(c) {
        hanging(&mut out, &line, "", "");
    }
    hanging(&mut out, &totals(c), "", "");
    out
}

/// A list of rule ids or fields on one side, or "none".
fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

fn program(p: &Option<ProgramDecision>) -> String {
    match p {
        None => "no program".to_string(),
        Some(ProgramDecision { verdict: None }) => "not known yet".to_string(),
        Some(ProgramDecision { verdict: Some(w) }) => w.as_str().to_string(),
    }
}

fn plan_head(h: &Option<PlanHead>) -> String {
    match h {
        None => "nothing to do".to_string(),
        Some(PlanHead::Answer(field)) => format!("answer {field}"),
        Some(PlanHead::Step(rule)) => rule.clone(),
    }
}

fn passed(p: Option<bool>) -> &'static str {
    match p {
        None => "not applied",
        Some(true) => "passed",
        Some(false) => "failed",
    }
}

/// The parts of the recommendation beyond motion and score that moved, each as (what,
/// before, after): its blockers, the answers it waits on, the reasons against it, the
/// program decision, the plan's head and each threshold whose outcome moved.
fn recommendation_parts(c: &Compared) -> Vec<(String, String, String)> {
    let mut parts = Vec::new();
    if c.summary.changed() {
        parts.push((
            "Summary".to_string(),
            c.summary.old.clone(),
            c.summary.new.clone(),
        ));
    }
    for (what, change) in [
        ("Blocked by", &c.blocked_by),
        ("Waits on the answers", &c.waiting_on),
        ("Against it", &c.against),
    ] {
        if change.changed() {
            // Long lists say what left and what came; one that only changed order
            // says which now comes first.
            let gone: Vec<String> = change
                .old
                .iter()
                .filter(|x| !change.new.contains(x))
                .cloned()
                .collect();
            let came: Vec<String> = change
                .new
                .iter()
                .filter(|x| !change.old.contains(x))
                .cloned()
                .collect();
            let part = match (gone.is_empty(), came.is_empty()) {
                (true, true) => (
                    format!("{what}, first"),
                    list(&change.old[..1]),
                    list(&change.new[..1]),
                ),
                _ if change.old.len() + change.new.len() <= 4 => {
                    (what.to_string(), list(&change.old), list(&change.new))
                }
                _ => (format!("{what}, left → came"), list(&gone), list(&came)),
            };
            parts.push(part);
        }
    }
    if c.program.changed() {
        parts.push((
            "Program decision".to_string(),
            program(&c.program.old),
            program(&c.program.new),
        ));
    }
    if c.plan_head.changed() {
        parts.push((
            "Plan starts with".to_string(),
            plan_head(&c.plan_head.old),
            plan_head(&c.plan_head.new),
        ));
    }
    for t in &c.thresholds {
        let what = format!(
            "Threshold {}",
            threshold(&t.check, t.motion.as_deref(), t.required)
        );
        let side = |p: Option<bool>, l: Option<Level>| match p {
            None => passed(p).to_string(),
            Some(_) => format!("{}, {}", passed(p), level(l)),
        };
        parts.push((what, side(t.old, t.actual.old), side(t.new, t.actual.new)));
    }
    parts
}

fn label_change(l: &Change<Label>) -> String {
    format!("{LABEL_CHECK}: {} → {}", label(&l.old), label(&l.new))
}

fn md(c: &Comparison) -> String {
    let mut out = String::from("### partner-fit: what this change does to the assessment\n\n");
    // The thresholds first: what a reviewer must act on before merging.
    let mut moved_thresholds = Vec::new();
    for change in &c.profiles {
        match change {
            ProfileChange::Compared(p) => {
                for t in &p.thresholds {
                    moved_thresholds.push(format!(
                        "**{}**: {}",
                        md_text::inline(&heading(p)),
                        md_text::inline(&threshold_change(t))
                    ));
                }
            }
            ProfileChange::Added(a) if !a.failing.is_empty() => {
                moved_thresholds.push(md_text::inline(&added(a)));
            }
            _ => {}
        }
    }
    if !moved_thresholds.is_empty() {
        out.push_str("Thresholds:\n\n");
        for line in moved_thresholds {
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }
    for change in &c.profiles {
        match change {
            ProfileChange::Compared(p) if !p.changed => {}
            ProfileChange::Compared(p) => md_profile(&mut out, p),
            other_change => {
                if let Some(line) = other(other_change) {
                    let _ = writeln!(out, "- {}\n", md_text::inline(&line));
                }
            }
        }
    }
    if let Some(line) = unchanged_all(c) {
        let _ = writeln!(out, "{}\n", md_text::inline(&line));
    }
    if let Some(line) = rules_line(c) {
        let _ = writeln!(out, "{}\n", md_text::inline(&line));
    }
    let _ = writeln!(out, "{}", md_text::inline(&totals(c)));
    out
}

/// A profile's file name as Markdown code.
fn path_code(path: &str) -> String {
    shown::code_span(&shown::line(path))
}

fn md_profile(out: &mut String, p: &Compared) {
    let from = match &p.old_profile {
        Some(old) => format!("{} → {}", path_code(old), path_code(&p.profile)),
        None => path_code(&p.profile),
    };
    let _ = writeln!(out, "**{}** ({from})\n", md_text::inline(&heading(p)));
    let mut table = Grid::new(&["", "before", "after"]);
    let mut row = |what: &str, old: String, new: String| {
        let changed = old != new;
        let new = Cell::new(new);
        table.row(vec![
            Cell::new(what),
            Cell::new(old),
            if changed { new.strong() } else { new },
        ]);
    };
    let r = &p.recommendation;
    row("Recommendation", pick(&r.old), pick(&r.new));
    for m in &p.motions {
        row(&m.motion, standing(m.old), standing(m.new));
    }
    row("Gate", p.gate.status.old.clone(), p.gate.status.new.clone());
    row(
        LABEL_CHECK,
        label(&p.label_check.old),
        label(&p.label_check.new),
    );
    for (what, old, new) in recommendation_parts(p) {
        row(&what, old, new);
    }
    out.push_str(&table.markdown());
    out.push('\n');
    if !p.gate.flipped.is_empty() {
        out.push_str("Gate lines that flipped:\n\n");
        for line in &p.gate.flipped {
            let _ = writeln!(
                out,
                "- `{}`: {} → {}. {}",
                line.rule,
                state(line.old),
                state(line.new),
                md_text::inline(&line.message)
            );
        }
        out.push('\n');
    }
    let groups = evidence(p);
    if !groups.is_empty() {
        out.push_str("Answers that could change the recommendation:\n\n");
        for (what, fields) in groups {
            let fields: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            let _ = writeln!(out, "- {what}: {}", fields.join(", "));
        }
        out.push('\n');
    }
}
