//! A comparison of two sides -> text: the table format for a terminal, markdown to post
//! as a pull-request comment, and the JSON of the comparison. Only what moved is told in
//! full; an unchanged profile gets one line.

use std::fmt::Write;

use super::grid::{Cell, Grid};
use super::{json, md_text, names, shown, Format, Style};
use crate::condition::Truth;
use crate::diff::{
    Change, Compared, Comparison, Label, LineChange, PlanHead, ProfileChange, ProgramDecision,
    Standing,
};

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

/// One line for a profile whose assessment did not move.
fn unchanged(c: &Compared) -> String {
    format!(
        "{} ({}): no change, {} with the gate {}",
        heading(c),
        where_from(c),
        pick(&c.recommendation.new),
        c.gate.status.new
    )
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
        ProfileChange::Added { profile } => Some(format!("{profile}: new profile")),
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

fn totals(c: &Comparison) -> String {
    let s = &c.summary;
    let total = c.profiles.len();
    let mut parts = vec![format!(
        "{} of {total} profile{} changed",
        s.changed,
        if total == 1 { "" } else { "s" }
    )];
    for (n, what) in [
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
            ProfileChange::Compared(p) if !p.changed => hanging(&mut out, &unchanged(p), "", "  "),
            ProfileChange::Compared(p) => {
                hanging(
                    &mut out,
                    &format!("{} ({})", heading(p), where_from(p)),
                    "",
                    "  ",
                );
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
        let what = match &t.motion {
            Some(m) => format!("Threshold {} ({m})", t.check),
            None => format!("Threshold {}", t.check),
        };
        parts.push((what, passed(t.old).to_string(), passed(t.new).to_string()));
    }
    parts
}

fn label_change(l: &Change<Label>) -> String {
    format!("Label check: {} → {}", label(&l.old), label(&l.new))
}

fn md(c: &Comparison) -> String {
    let mut out = String::from("### partner-fit: what this change does to the assessment\n\n");
    let mut quiet = Vec::new();
    for change in &c.profiles {
        match change {
            ProfileChange::Compared(p) if !p.changed => quiet.push(md_text::inline(&unchanged(p))),
            ProfileChange::Compared(p) => md_profile(&mut out, p),
            other_change => {
                if let Some(line) = other(other_change) {
                    let _ = writeln!(out, "- {}\n", md_text::inline(&line));
                }
            }
        }
    }
    if !quiet.is_empty() {
        out.push_str("Unchanged:\n\n");
        for line in quiet {
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
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
        "Label check",
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
