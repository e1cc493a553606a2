//! The "Hyperscaler program" section of the table and markdown reports (the JSON is the
//! assessment's `program` as serialized): is the program worth it, with both views of
//! the sources and the one that applies, then each tier's gates with what is missing.
//! Reads only [`Program`]; prints nothing when the profile takes no separate track.

use std::fmt::Write;

use anstyle::AnsiColor as Color;

use super::grid::{self, Cell, Grid};
use super::Style;
use crate::assessment::{Program, Truth};

/// The section's heading, the same in every format.
pub const TITLE: &str = "Hyperscaler program";

fn status_word(state: Truth) -> &'static str {
    match state {
        Truth::Met => "MET",
        Truth::Unmet => "UNMET",
        Truth::Unknown => "UNKNOWN",
    }
}

fn provider(p: &Program) -> &str {
    p.provider
        .as_deref()
        .unwrap_or("every cloud (provider not answered)")
}

/// " (the program's co-sell)" for a tier that is the program's form of a motion.
pub(super) fn defines(tier: &crate::assessment::program::Tier) -> String {
    tier.motion
        .as_deref()
        .map(|m| format!(" (the program's {m})"))
        .unwrap_or_default()
}

pub(super) fn verdict_line(p: &Program) -> String {
    let w = &p.worth_it;
    let view = w
        .view
        .as_deref()
        .map(|v| format!(" ([{v}]'s view applies)"))
        .unwrap_or_default();
    format!("Worth it for you: {}{view}", p.verdict_words())
}

/// The section for the terminal report, laid out like the rest of it: wrapped to the
/// width with no word broken but one longer than the line (a page address at 40
/// columns), and its gate tables stacked below 80 columns.
pub fn table(out: &mut String, program: Option<&Program>, style: Style) {
    let Some(p) = program else {
        return;
    };
    let wrap = |out: &mut String, text: &str, first: &str, rest: &str| {
        grid::hanging(out, text, first, rest, style);
    };
    let state_color = |state: Truth| match state {
        Truth::Met => Color::Green,
        Truth::Unmet => Color::Red,
        Truth::Unknown => Color::Yellow,
    };
    grid::title(out, &format!("{TITLE}: {}", provider(p)), style);
    wrap(out, &p.message, "  ", "  ");
    let _ = writeln!(out);
    grid::title(out, &verdict_line(p), style);
    if let Some(message) = &p.worth_it.message {
        wrap(out, message, "  ", "  ");
    }
    if let Some(line) = waiting_line(p) {
        wrap(out, &line, "  ", "  ");
    }
    let _ = writeln!(out, "  The sources' views:");
    for v in &p.worth_it.views {
        let mark = match v.applies {
            Some(true) => "applies",
            Some(false) => "does not apply",
            None => "not known yet",
        };
        wrap(out, &format!("- {} ({mark})", v.title), "  ", "    ");
    }
    let _ = writeln!(out, "  Weighed on:");
    for r in &p.worth_it.reasons {
        wrap(
            out,
            &format!("{}: {}", r.state.as_str(), r.message),
            "  ",
            "    ",
        );
    }
    let _ = writeln!(out);
    for tier in &p.tiers {
        grid::title(
            out,
            &format!(
                "{}{}: {}",
                tier.name,
                defines(tier),
                status_word(tier.status)
            ),
            style,
        );
        if let Some(note) = &tier.note {
            wrap(out, note, "  ", "  ");
        }
        let mut grid = Grid::new(&["State", "Gate", "Fix"]);
        for g in &tier.gates {
            grid.row(vec![
                grid::paint(g.state.as_str(), state_color(g.state)),
                Cell::new(gate_text(g)),
                Cell::new(g.fix.as_deref().unwrap_or("")),
            ]);
        }
        out.push_str(&grid.render(style));
        wrap(out, &tier.page, "  ", "  ");
        let _ = writeln!(out);
    }
}

/// A gate's line: its message, and where its figure came from when that was a secondary
/// page.
fn gate_text(g: &crate::assessment::program::Gate) -> String {
    match &g.figure_source {
        Some(source) => format!("{} {source}", g.message),
        None => g.message.clone(),
    }
}

/// What the verdict could change on, by the questions still to answer: the same line in
/// every format; `None` when nothing is waited on.
pub fn waiting_line(p: &Program) -> Option<String> {
    let questions = &p.worth_it.waiting_on;
    (!questions.is_empty()).then(|| format!("Could change once answered: {}", questions.join(" ")))
}

/// The section for the markdown report.
pub fn markdown(out: &mut String, program: Option<&Program>) {
    let Some(p) = program else {
        return;
    };
    use super::md_text::{cell, text};
    let _ = writeln!(out, "\n## {TITLE}: {}\n", cell(provider(p)));
    let _ = writeln!(out, "{}\n", text(&p.message, ""));
    let _ = writeln!(out, "**{}.**", cell(&verdict_line(p)));
    if let Some(message) = &p.worth_it.message {
        let _ = writeln!(out, "{}", text(message, ""));
    }
    if let Some(line) = waiting_line(p) {
        let _ = writeln!(out, "\n{}", text(&line, ""));
    }
    let _ = writeln!(out, "\nThe sources' views:\n");
    for v in &p.worth_it.views {
        let mark = match v.applies {
            Some(true) => "applies",
            Some(false) => "does not apply",
            None => "not known yet",
        };
        let _ = writeln!(out, "- {} ({mark})", text(&v.title, "  "));
    }
    let _ = writeln!(out, "\nWeighed on:\n");
    for r in &p.worth_it.reasons {
        let _ = writeln!(out, "- {}: {}", r.state.as_str(), text(&r.message, "  "));
    }
    for tier in &p.tiers {
        let _ = writeln!(
            out,
            "\n### {}{}: {}\n",
            cell(&tier.name),
            cell(&defines(tier)),
            tier.status.as_str()
        );
        if let Some(note) = &tier.note {
            let _ = writeln!(out, "{}\n", text(note, ""));
        }
        let mut table = Grid::new(&["State", "Gate", "Fix"]);
        for g in &tier.gates {
            table.row(vec![
                Cell::new(g.state.as_str()),
                Cell::new(gate_text(g)),
                Cell::new(g.fix.as_deref().unwrap_or("")),
            ]);
        }
        out.push_str(&table.markdown());
        // The pages are checked `https://` addresses from the rules, so they may be live
        // links: the escaping writes any address in text as code.
        let mut page = text(&tier.page, "");
        for url in std::iter::once(&tier.source_url).chain(tier.taken_from.as_ref()) {
            page = page.replace(&format!("`{url}`"), &format!("<{url}>"));
        }
        let _ = writeln!(out, "\n{page}.");
    }
}
