//! A Markdown report a consultant can paste into a document: the same sections as the
//! terminal report, as headings, tables and lists.

use std::fmt::Write;

use super::{failed, heading, ranked, SCORE_LEGEND, TRADEOFFS_TITLE};
use crate::assessment::{Assessment, Entry, GateCondition};

/// One assessed profile's report.
pub fn part(a: &Assessment) -> String {
    let mut out = String::new();
    one(&mut out, a);
    out
}

/// The table ranking the partners, after the reports on several profiles.
pub(super) fn summary(entries: &[Entry]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n---\n\n## Partners ranked\n\nThe furthest motion each partner can run now, then its score for it.\n"
    );
    let _ = writeln!(
        out,
        "| # | Partner | Profile | Recommended | Score | Gate |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (i, a) in ranked(entries).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} | {} |",
            i + 1,
            cell(&heading(a)),
            a.profile,
            a.recommendation.motion,
            a.recommendation.score,
            a.gate.status
        );
    }
    for f in failed(entries) {
        let _ = writeln!(
            out,
            "| - | could not assess: {} | `{}` | - | - | - |",
            cell(&f.error.message),
            f.profile
        );
    }
    out
}

/// Table cells cannot hold pipes or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

fn one(out: &mut String, a: &Assessment) {
    let r = &a.recommendation;
    let _ = writeln!(out, "# Partner fit: {}\n", heading(a));
    let _ = writeln!(out, "Profile: `{}`\n", a.profile);
    let _ = writeln!(
        out,
        "**Recommendation: {} ({}/100).** {}\n",
        r.motion, r.score, r.summary
    );

    let _ = writeln!(out, "| Motion | Score | Verdict | Why | Fixes |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for m in &a.motions {
        let why: Vec<String> = m.reasons.iter().map(|x| cell(&super::signed(x))).collect();
        let fixes: Vec<String> = m.fixes.iter().map(|x| cell(&x.fix)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            m.motion,
            m.score,
            m.verdict,
            why.join("<br>"),
            if fixes.is_empty() {
                "-".to_string()
            } else {
                fixes.join("<br>")
            }
        );
    }

    let _ = writeln!(out, "\n{SCORE_LEGEND}");
    tradeoffs(out, a);
    let _ = writeln!(out, "\n## Co-selling readiness gate: {}\n", a.gate.status);
    conditions(out, &a.gate.conditions);

    let s = &a.commission_strip;
    let passed = match s.passed {
        Some(true) => "passed",
        Some(false) => "failed",
        None => "unknown",
    };
    let _ = writeln!(out, "\n## Commission-strip test: {passed}\n");
    let _ = writeln!(
        out,
        "Primary driver: {}. Drivers: {}.\n",
        s.primary_driver.as_deref().unwrap_or("unknown"),
        if s.drivers.is_empty() {
            "none named".to_string()
        } else {
            s.drivers.join(", ")
        }
    );
    conditions(out, &s.checks);

    let _ = writeln!(out, "\n## Decision path\n");
    if a.decision_path.is_empty() {
        let _ = writeln!(out, "No question of the flow could be answered.");
    }
    for (i, step) in a.decision_path.iter().enumerate() {
        let leads = step
            .leads_to
            .as_deref()
            .map(|l| format!(" → `{l}`"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. **{}** {}{leads}. {}",
            i + 1,
            step.question,
            step.answer,
            step.message
        );
    }

    let l = &a.label_check;
    let verdict = match l.consistent {
        Some(true) => "consistent",
        Some(false) => "inconsistent",
        None => "cannot tell yet",
    };
    let _ = writeln!(out, "\n## Label check\n");
    let _ = writeln!(
        out,
        "Declared: {}. Mechanics show: {}. Verdict: {verdict}.",
        l.declared.as_deref().unwrap_or("nothing"),
        l.observed.as_deref().unwrap_or("unknown")
    );
    if let Some(message) = &l.message {
        let _ = writeln!(out, "\n{message}");
    }

    let _ = writeln!(out, "\n## Warnings and advice\n");
    if a.warnings.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for w in &a.warnings {
        let label = if w.kind == "pattern" {
            "Warning"
        } else {
            "Advice"
        };
        let concerns = super::table::concerns(w, &r.motion);
        let _ = writeln!(out, "- **{label}: {}**{concerns} {}", w.title, w.message);
        if let Some(fix) = &w.fix {
            let _ = writeln!(out, "  Fix: {fix}");
        }
    }

    let _ = writeln!(out, "\n## Missing answers\n");
    if a.unknowns.is_empty() {
        let _ = writeln!(out, "None: every answer the rules read is given.");
    }
    let (decisive, rest): (Vec<_>, Vec<_>) =
        a.unknowns.iter().partition(|u| u.changes_recommendation);
    for u in &decisive {
        let _ = writeln!(
            out,
            "- `{}` **could change the recommendation**: affects {}",
            u.field,
            u.could_change.join(", ")
        );
    }
    if !rest.is_empty() {
        let fields: Vec<String> = rest.iter().map(|u| format!("`{}`", u.field)).collect();
        let _ = writeln!(
            out,
            "- Missing, without changing the recommendation: {}",
            fields.join(", ")
        );
    }
    let _ = writeln!(out, "\n## Next steps for {}\n", r.motion);
    for (i, s) in a.next_steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. [{}] **{}** {}",
            i + 1,
            s.status,
            s.title,
            s.message
        );
    }
}

/// The trade-offs as a table with one column per motion, right after the scores and
/// their legend, as in the terminal report; nothing when the rules have no dimensions.
fn tradeoffs(out: &mut String, a: &Assessment) {
    if a.tradeoffs.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {TRADEOFFS_TITLE}\n");
    let motions: Vec<&str> = a.motions.iter().map(|m| m.motion.as_str()).collect();
    let _ = writeln!(out, "| Dimension | {} |", motions.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(motions.len()));
    for t in &a.tradeoffs {
        let cells: Vec<String> = motions
            .iter()
            .map(|m| cell(super::text_for(t, m)))
            .collect();
        let _ = writeln!(out, "| {} | {} |", cell(&t.dimension), cells.join(" | "));
    }
}

fn conditions(out: &mut String, lines: &[GateCondition]) {
    let _ = writeln!(out, "| State | Kind | Condition | Fix |");
    let _ = writeln!(out, "|---|---|---|---|");
    for c in lines {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.state,
            c.kind,
            cell(&c.message),
            cell(c.fix.as_deref().unwrap_or(""))
        );
    }
}
