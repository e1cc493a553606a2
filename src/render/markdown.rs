//! A Markdown report a consultant can paste into a document: the same sections as the
//! terminal report, as headings, tables and lists.
//!
//! Every text in an [`Assessment`] is plain text: names and answers from the profile, and
//! rule messages that quote them. It is escaped where it is inserted (see [`text`],
//! [`inline`] and [`cell`]), so an answer can never add a heading, a list, a link or HTML.

use super::headings::{
    AT_A_GLANCE, DECISION_PATH, FIX_FIRST, LABEL_CHECK, MISSING, NEXT_STEPS_FOR, WARNINGS,
};
use std::fmt::Write;

use super::grid::{Cell, Grid};
use super::md_text::{inline, text};
use super::reading::{self, Reading, Titles};
use super::{failed, heading, ranked, Section, SCORE_LEGEND, TRADEOFFS_TITLE};
use crate::assessment::portfolio::Portfolio;
use crate::assessment::{Assessment, Effect, Entry, GateCondition, WarningKind};
use crate::shown;

/// One assessed profile's report; `many` leaves the trade-offs to the end of the run.
pub fn part(a: &Assessment, many: bool) -> String {
    let e = reading::explained(a, Reading::Markdown { many });
    let mut out = String::new();
    one(&mut out, &e.a, &e.titles, many);
    out
}

/// The headline and the at-a-glance list alone, for `--brief`.
pub fn brief(a: &Assessment) -> String {
    let e = reading::explained(a, Reading::Markdown { many: false });
    let mut out = String::new();
    headline(&mut out, &e.a);
    out
}

/// The table ranking the partners, after the reports on several profiles, then the
/// portfolio focus.
pub(super) fn summary(entries: &[Entry], portfolio: Option<&Portfolio>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n---\n\n## Partners ranked\n\nThe furthest motion each partner can run now, then its score for it.\n"
    );
    let mut table = Grid::new(&["#", "Partner", "Recommended", "Score", "Gate"]);
    for (i, a) in ranked(entries).into_iter().enumerate() {
        table.row(vec![
            Cell::new(i + 1),
            Cell::new(heading(a)),
            Cell::new(&a.recommendation.motion),
            Cell::new(a.recommendation.score),
            Cell::new(a.gate.status.as_str()),
        ]);
    }
    for f in failed(entries) {
        table.row(vec![
            Cell::new("-"),
            Cell::new(format!(
                "{} (could not assess: {})",
                f.profile, f.error.message
            )),
            Cell::new("-"),
            Cell::new("-"),
            Cell::new("-"),
        ]);
    }
    out.push_str(&table.markdown());
    if let Some(p) = portfolio {
        let _ = writeln!(out, "\n## {}\n", inline(&p.title));
        for group in p.groups() {
            if group.partners.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{}**\n", inline(group.label));
            for pick in group.partners {
                let name = pick.partner.as_deref().unwrap_or(&pick.profile);
                let _ = writeln!(
                    out,
                    "- {} ({}, {}/100): {}",
                    inline(name),
                    pick.motion,
                    pick.score,
                    text(&pick.reason, "  ")
                );
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "Source: {}", inline(&p.source));
    }
    out
}

/// Which rules the report used, as one line of escaped text.
pub(super) fn rules_used(rules: &crate::assessment::RulesUsed) -> String {
    inline(&rules.short())
}

/// What the configuration changed, as one line of escaped text.
pub(super) fn config_used(line: &str) -> String {
    inline(line)
}

/// An enum word as prose: `not-a-fit` reads "not a fit", `deal_velocity` "deal velocity".
/// Motion names keep their hyphen, being the words the reader knows them by.
fn plain(word: &str) -> String {
    word.replace(['_', '-'], " ")
}

/// A rule's message as prose: the enum words it quotes from the profile
/// (`deal_velocity`) read as words.
fn prose(message: &str) -> String {
    let chars: Vec<char> = message.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = i > 0
                && chars[i - 1].is_ascii_lowercase()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if c == '_' && between {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The title, the one headline (the recommendation's summary) and the at-a-glance list.
fn headline(out: &mut String, a: &Assessment) {
    let g = super::glance(a);
    let _ = writeln!(out, "# Partner fit: {}\n", inline(&heading(a)));
    let _ = writeln!(out, "{}\n", text(&a.recommendation.summary, ""));
    let _ = writeln!(out, "## {AT_A_GLANCE}\n");
    let _ = writeln!(
        out,
        "- Recommended motion: {}, scoring {} of 100",
        g.motion, g.score
    );
    let _ = writeln!(out, "- Gate: {}", g.gate_line());
    if !g.fixes.is_empty() {
        let _ = writeln!(out, "- {FIX_FIRST}:");
        for (i, fix) in g.fixes.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, text(fix, "     "));
        }
    }
    if !g.missing.is_empty() {
        let questions: Vec<String> = g.missing.iter().map(|q| inline(q)).collect();
        let _ = writeln!(out, "- Still to answer: {}", questions.join(" "));
    }
    let _ = writeln!(
        out,
        "\nProfile: {}",
        shown::code_span(&shown::line(&a.profile))
    );
}

/// Writes one section of the report for `a`; `many` says the profile is one of several.
fn section(out: &mut String, a: &Assessment, titles: &Titles, many: bool, section: Section) {
    match section {
        Section::Scores => scores(out, a, many),
        Section::Plan => plan(out, &a.plan),
        Section::TargetPlan => {
            if let Some(target) = &a.target_plan {
                plan(out, target);
            }
        }
        Section::Tradeoffs => tradeoffs_here(out, a, many),
        Section::Program => super::program::markdown(out, a.program.as_ref()),
        Section::Gate => gate(out, a, &titles.gate),
        Section::CommissionStrip => commission_strip(out, a, &titles.strip),
        Section::DecisionPath => decision_path(out, a, many),
        Section::LabelCheck => label_check(out, a, many),
        Section::Warnings => warnings(out, a, many),
        Section::Inferred => inferred(out, a, many),
        Section::Missing => missing(out, a, many),
        Section::NextSteps => next_steps(out, a, many),
        Section::Sources => sources(out, a),
    }
}

fn one(out: &mut String, a: &Assessment, titles: &Titles, many: bool) {
    headline(out, a);
    for &s in super::SECTIONS {
        section(out, a, titles, many, s);
    }
}

/// The scores table, its legend, and every reason and fix per motion.
fn scores(out: &mut String, a: &Assessment, _many: bool) {
    let _ = writeln!(out, "\n## Scores\n");
    let mut table = Grid::new(&["Motion", "Score", "Verdict"]);
    for m in &a.motions {
        table.row(vec![
            Cell::new(&m.motion),
            Cell::new(m.score),
            Cell::new(plain(m.verdict.as_str())),
        ]);
    }
    out.push_str(&table.markdown());
    let _ = writeln!(out, "\n{SCORE_LEGEND}");
    for m in &a.motions {
        let _ = writeln!(out, "\n### {}: {}\n", m.motion, plain(m.verdict.as_str()));
        for x in &m.reasons {
            let weighs = match x.effect {
                Effect::For => "For",
                Effect::Against => "Against",
                Effect::Unknown => "Not known",
            };
            let _ = writeln!(out, "- {weighs}: {}", text(&prose(&x.message), "  "));
        }
        if !m.fixes.is_empty() {
            let _ = writeln!(out, "\nTo fix:\n");
            for x in &m.fixes {
                let _ = writeln!(out, "- {}", text(&x.fix, "  "));
            }
        }
    }
}

/// The trade-offs under the scores, with one profile; with several they are shown
/// once, before the ranking.
fn tradeoffs_here(out: &mut String, a: &Assessment, many: bool) {
    if !many {
        out.push_str(&tradeoffs_section(a));
    }
}

fn gate(out: &mut String, a: &Assessment, heading: &str) {
    let _ = writeln!(
        out,
        "\n## {}: {}\n",
        inline(heading),
        a.gate.status.as_str()
    );
    conditions(out, &a.gate.conditions);
}

fn commission_strip(out: &mut String, a: &Assessment, heading: &str) {
    let s = &a.commission_strip;
    let w = super::strip_words(a);
    let _ = writeln!(out, "\n## {}: {}\n", inline(heading), w.outcome);
    let _ = writeln!(
        out,
        "Primary driver: {}. Drivers: {}.\n",
        w.primary, w.drivers
    );
    conditions(out, &s.checks);
}

fn decision_path(out: &mut String, a: &Assessment, _many: bool) {
    let _ = writeln!(out, "\n## {DECISION_PATH}\n");
    if a.decision_path.is_empty() {
        let _ = writeln!(out, "No question of the flow could be answered.");
    }
    for (i, step) in a.decision_path.iter().enumerate() {
        let leads = step
            .ends_on()
            .map(|l| format!(", leading to {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. {} **{}**{leads}.\\\n   {}",
            i + 1,
            text(&step.question, "   "),
            step.answer.as_str(),
            text(&prose(&step.message), "   ")
        );
    }
}

fn label_check(out: &mut String, a: &Assessment, _many: bool) {
    let l = &a.label_check;
    let verdict = match l.consistent {
        Some(true) => "consistent",
        Some(false) => "inconsistent",
        None => "cannot tell yet",
    };
    let _ = writeln!(out, "\n## {LABEL_CHECK}: {verdict}\n");
    let _ = writeln!(
        out,
        "Declared: {}. The deal mechanics show: {}.",
        l.declared.as_deref().unwrap_or("nothing"),
        l.observed.as_deref().unwrap_or("not known yet")
    );
    if let Some(message) = &l.message {
        let _ = writeln!(out, "\n{}", text(&prose(message), ""));
    }
}

fn warnings(out: &mut String, a: &Assessment, _many: bool) {
    let r = &a.recommendation;
    let _ = writeln!(out, "\n## {WARNINGS}\n");
    if a.warnings.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for w in &a.warnings {
        let label = match w.kind {
            WarningKind::Pattern => "Warning",
            WarningKind::Advice => "Advice",
        };
        let concerns = super::table::concerns(w, &r.motion);
        let _ = write!(
            out,
            "- **{label}: {}**{concerns}\\\n  {}",
            text(&w.title, "  "),
            text(&prose(&w.message), "  ")
        );
        if let Some(fix) = &w.fix {
            let _ = write!(out, "\\\n  Fix: {}", text(fix, "  "));
        }
        let _ = writeln!(out);
    }
}

/// Answers taken from another field that states the same fact, each with its origin;
/// the field names it quotes stay code.
fn inferred(out: &mut String, a: &Assessment, _many: bool) {
    if a.inferred.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", super::INFERRED_TITLE);
    for i in &a.inferred {
        let _ = writeln!(out, "- {}", text(&i.shown, "  "));
    }
}

fn missing(out: &mut String, a: &Assessment, _many: bool) {
    let _ = writeln!(out, "\n## {MISSING}\n");
    if a.unknowns.is_empty() {
        let _ = writeln!(out, "None: every answer the rules read is given.");
    }
    let (decisive, rest): (Vec<_>, Vec<_>) =
        a.unknowns.iter().partition(|u| u.changes_recommendation);
    for u in &decisive {
        let _ = writeln!(
            out,
            "- {} (could change the recommendation)",
            inline(&u.question)
        );
    }
    if !rest.is_empty() {
        let lead = if decisive.is_empty() { "" } else { "\n" };
        let _ = writeln!(
            out,
            "{lead}Also missing, without changing the recommendation:\n"
        );
        for u in &rest {
            let _ = writeln!(out, "- {}", inline(&u.question));
        }
    }
}

fn next_steps(out: &mut String, a: &Assessment, _many: bool) {
    let r = &a.recommendation;
    let _ = writeln!(out, "\n## {NEXT_STEPS_FOR} {}\n", r.motion);
    for (i, s) in a.next_steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** ({})\\\n   {}",
            i + 1,
            text(&s.title, "   "),
            plain(s.status.as_str()),
            text(&prose(&s.message), "   ")
        );
    }
}

/// A plan: what to answer first, why it is out of reach, then each step with its effort
/// and the outcome after it.
fn plan(out: &mut String, plan: &crate::assessment::Plan) {
    let t = super::plan_text(plan);
    if t.steps.is_empty() && t.answer_first.is_none() && t.out_of_reach.is_none() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", t.heading);
    for line in t.answer_first.iter().chain(&t.out_of_reach) {
        let _ = writeln!(out, "{}\n", text(line, ""));
    }
    for (i, (fix, then)) in t.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {}\\\n   {}",
            i + 1,
            text(fix, "   "),
            text(then, "   ")
        );
    }
}

/// The sources the report cited, last.
fn sources(out: &mut String, a: &Assessment) {
    let lines = super::source_lines(a);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", super::SOURCES_TITLE);
    for line in lines {
        let _ = writeln!(out, "- {}", text(&line, "  "));
    }
}

/// The trade-offs as a table with one column per motion, after the scores with one
/// profile, once before the ranking with several; nothing when the rules have no
/// dimensions.
pub(super) fn tradeoffs_section(a: &Assessment) -> String {
    let mut out = String::new();
    if a.tradeoffs.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n## {TRADEOFFS_TITLE}\n");
    let motions: Vec<&str> = a.motions.iter().map(|m| m.motion.as_str()).collect();
    let header: Vec<&str> = std::iter::once("Dimension")
        .chain(motions.iter().copied())
        .collect();
    let mut table = Grid::new(&header);
    for t in &a.tradeoffs {
        let cells = std::iter::once(Cell::new(&t.dimension))
            .chain(motions.iter().map(|m| Cell::new(super::text_for(t, m))));
        table.row(cells.collect());
    }
    out.push_str(&table.markdown());
    out
}

fn conditions(out: &mut String, lines: &[GateCondition]) {
    let mut table = Grid::new(&["Holds", "Condition", "Fix"]);
    for c in lines {
        let holds = match c.state {
            crate::assessment::Truth::Met => "yes",
            crate::assessment::Truth::Unmet => "no",
            crate::assessment::Truth::Unknown => "not known",
        };
        table.row(vec![
            Cell::new(holds),
            Cell::new(prose(&c.message)),
            Cell::new(c.fix.as_deref().unwrap_or("")),
        ]);
    }
    out.push_str(&table.markdown());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::md_text::cell;

    fn report(profile: &str) -> String {
        let path = std::path::Path::new("hostile.toml");
        let profile = crate::profile::parse(path, profile).unwrap();
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        let mut assessed = crate::assess(&profile, &set);
        assessed.profile = "hostile.toml".to_string();
        part(&assessed, false)
    }

    #[test]
    fn profile_text_cannot_add_markdown() {
        let out = report(
            r#"format = 1
[vendor]
name = "<b>Acme</b> *bold*"
[partner]
name = "Northwind ## [link](https://x.test)"
sells_into_accounts = true
[value]
joint_workflow = """
First line
## not a heading
- not a list
1. not a numbered list
---
<script>alert(1)</script>

after a blank line"""
"#,
        );
        // The word holding a link is code, where a forge does not make it a link.
        assert!(
            out.starts_with(
                "# Partner fit: \\<b\\>Acme\\</b\\> \\*bold\\* × Northwind \\#\\# `[link](https://x.test)`\n"
            ),
            "{out}"
        );
        // The decision path quotes the workflow in a numbered item, under its question:
        // every line stays in it.
        let item = out
            .lines()
            .position(|l| l.starts_with("   ") && l.contains("First line"))
            .expect(&out);
        let lines: Vec<&str> = out.lines().skip(item).take(6).collect();
        assert!(lines[0].ends_with("First line\\"), "{lines:?}");
        assert_eq!(lines[1].trim_start(), "\\#\\# not a heading\\");
        assert_eq!(lines[2].trim_start(), "\\- not a list\\");
        assert_eq!(lines[3].trim_start(), "1\\. not a numbered list\\");
        assert_eq!(lines[4].trim_start(), "\\---\\");
        assert!(
            lines[5].trim_start().starts_with("\\<script\\>"),
            "{lines:?}"
        );
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')), "{lines:?}");
        for line in out.lines() {
            assert!(!line.starts_with("## not"), "{line}");
            assert!(
                !line.contains("<b>") && !line.contains("<script>"),
                "{line}"
            );
        }
    }

    #[test]
    fn enum_words_read_as_words() {
        assert_eq!(
            prose("drivers: retention, deal_velocity"),
            "drivers: retention, deal velocity"
        );
        assert_eq!(prose("A_B _x y_"), "A_B _x y_");
        assert_eq!(plain("not-a-fit"), "not a fit");
    }

    #[test]
    fn plain_text_is_escaped_for_each_place() {
        assert_eq!(
            text("a_b *c* <d> & [e]", ""),
            "a\\_b \\*c\\* \\<d\\> \\& \\[e\\]"
        );
        assert_eq!(
            text("one\n\n- two\n+ 3\n= 4\n2) five", "  "),
            "one\\\n  \\- two\\\n  \\+ 3\\\n  \\= 4\\\n  2\\) five"
        );
        assert_eq!(inline("one\n## two"), "one \\#\\# two");
        assert_eq!(cell("a | b\n<c>"), "a \\| b<br>\\<c\\>");
        // A summary or an inferred answer is plain text too: the loader refuses code in
        // the rules' words, so a backtick can only come from a name, and stays text.
        assert_eq!(
            text("Run referral with `Tallyhub`; a_b.", ""),
            "Run referral with \\`Tallyhub\\`; a\\_b."
        );
        // Rule messages without specials read as before.
        assert_eq!(
            text("ICP overlap is 35%, above a quarter.", ""),
            "ICP overlap is 35%, above a quarter."
        );
    }
}
