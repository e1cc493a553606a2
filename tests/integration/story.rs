//! One story per report: the summary, the sections, `blocked_by` and the warnings never
//! contradict each other, for every example and for generated profiles. Each report is
//! read as a user reads it: the rendered table and markdown and the JSON model.

use partner_fit::assessment::portfolio::Portfolio;
use partner_fit::assessment::{Assessment, Effect, Entry, WarningKind};
use partner_fit::profile::Profile;
use partner_fit::render::{self, Format, Style};
use partner_fit::rules::model::{PortfolioPolicy, Worth};
use partner_fit::rules::{self, RuleSet, RuleSource};
use proptest::prelude::*;
use std::sync::OnceLock;

use super::invariants::{generated, profile_table, readable};
use partner_fit::diff::{snapshots, Compared, Snapshot};
use partner_fit::profile::catalog;

fn shipped() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| rules::load(&RuleSource::Embedded).expect("shipped rules load"))
}

/// Every contradiction the report shows, described; empty when it tells one story.
pub fn contradictions(a: &Assessment) -> Vec<String> {
    let set = shipped();
    let mut found = Vec::new();
    let motion = &a.recommendation.motion;
    let summary = &a.recommendation.summary;
    if summary.contains("nothing blocks it") {
        if a.label_check.consistent == Some(false) {
            found.push(format!(
                "\"nothing blocks it\" while the label check shows {:?}",
                a.label_check.observed
            ));
        }
        let other = |w: &Option<String>| {
            w.as_ref()
                .is_some_and(|w| set.policy.other_observations.contains(w))
        };
        if other(&a.label_check.declared) || other(&a.label_check.observed) {
            found.push("\"nothing blocks it\" on a proposal no motion describes".to_string());
        }
        for m in a.motions.iter().filter(|m| &m.motion == motion) {
            if let Some(b) = m.blocked_by.first() {
                found.push(format!(
                    "\"nothing blocks it\" while {} blocks {motion}",
                    b.rule
                ));
            }
        }
        for m in a.motions.iter().filter(|m| &m.motion == motion) {
            if let Some(r) = m.reasons.iter().find(|r| r.effect == Effect::Against) {
                found.push(format!(
                    "\"nothing blocks it\" while {} weighs against {motion}",
                    r.rule
                ));
            }
        }
        for w in a.warnings.iter().filter(|w| w.kind == WarningKind::Pattern) {
            if w.motions.is_empty() || w.motions.contains(motion) {
                found.push(format!(
                    "\"nothing blocks it\" while {} warns about {motion}",
                    w.rule
                ));
            }
        }
    }
    for m in &a.motions {
        for (i, b) in m.blocked_by.iter().enumerate() {
            if m.blocked_by[..i].iter().any(|e| e.rule == b.rule) {
                found.push(format!("{} lists {} twice in blocked_by", m.motion, b.rule));
            }
            // What the line says, before the questions that would settle it.
            let said = b
                .title
                .split(" Still to answer: ")
                .next()
                .unwrap_or_default();
            if said.trim_end().ends_with('?') {
                found.push(format!(
                    "{} blocker {} is named as a question: {}",
                    m.motion, b.rule, b.title
                ));
            }
            if let Some(rule) = set.get(&b.rule) {
                if rule.message.met.as_ref().map(|m| m.as_str()) == Some(b.title.as_str())
                    || rule.title == b.title
                {
                    found.push(format!(
                        "{} blocker {} is named by its met wording",
                        m.motion, b.rule
                    ));
                }
            }
        }
        for (i, r) in m.reasons.iter().enumerate() {
            if m.reasons[..i].iter().any(|e| e.message == r.message) {
                found.push(format!("{} states a reason twice: {}", m.motion, r.message));
            }
        }
    }
    found.extend(portfolio_disagreements(a));
    found.extend(unknowns_printed(a));
    for text in [
        render::render(std::slice::from_ref(a), Format::Markdown, Style::PLAIN),
        render::render(std::slice::from_ref(a), Format::Table, Style::PLAIN),
    ] {
        if text.contains("unknown%") {
            found.push("an unknown answer printed as a value: \"unknown%\"".to_string());
        }
        for pct in percentages(&text) {
            if pct > 100.0 {
                found.push(format!("a share above 100%: {pct}%"));
            }
        }
    }
    found
}

/// Where the portfolio's reason for this partner, placed alone, says what its own
/// recommendation does not: missing answers called blockers, a program partner kept on a
/// referral fee, a partner paused whose motion can run.
pub fn portfolio_disagreements(a: &Assessment) -> Vec<String> {
    disagreements(a, &alone_in_portfolio(a))
}

fn policy() -> &'static PortfolioPolicy {
    shipped()
        .policy
        .portfolio
        .as_ref()
        .expect("a portfolio policy")
}

fn alone_in_portfolio(a: &Assessment) -> Portfolio {
    Portfolio::new(&[Entry::Assessed(Box::new(a.clone()))], policy())
}

fn disagreements(a: &Assessment, portfolio: &Portfolio) -> Vec<String> {
    let low = i64::from(a.recommendation.score) < *policy().pause_below_score.get_ref();
    let r = &a.recommendation;
    let runs = a
        .motions
        .iter()
        .any(|m| m.motion == r.motion && m.blocked_by.is_empty());
    let mut found = Vec::new();
    for (group, picks) in [
        ("focus", &portfolio.focus),
        ("keep-warm", &portfolio.keep_warm),
        ("pause", &portfolio.pause),
    ] {
        for pick in picks.iter() {
            if pick.reason.contains("its blockers") && r.blocked_by.is_empty() {
                found.push(format!(
                    "the portfolio speaks of blockers where only answers are missing: {}",
                    pick.reason
                ));
            }
            match &r.program {
                Some(p) if group == "keep-warm" => found.push(format!(
                    "a partner on a program ({:?}) kept warm on {}",
                    p.verdict, r.motion
                )),
                Some(p) if (group == "focus") != (p.verdict == Some(Worth::Pursue)) => {
                    found.push(format!(
                        "the portfolio puts a partner whose program decision is {:?} in {group}",
                        p.verdict
                    ))
                }
                None if group != "pause" && !runs => found.push(format!(
                    "the portfolio works a partner whose {} cannot run ({group})",
                    r.motion
                )),
                None if group == "pause" && runs && !low => found.push(format!(
                    "the portfolio pauses a partner whose {} can run",
                    r.motion
                )),
                None if group == "pause" && runs && pick.reason.contains("no motion can run") => {
                    found.push(format!(
                        "the portfolio says no motion can run while {} can: {}",
                        r.motion, pick.reason
                    ))
                }
                _ => {}
            }
        }
    }
    found
}

/// Every sentence of the report (in its JSON, which every format renders) that prints a
/// missing answer as a value ("only unknown of your target accounts") or a value left
/// empty ("cannot run until these hold: .").
pub fn unknowns_printed(a: &Assessment) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.contains(' ') => {
                let words = s.split(|c: char| !c.is_alphanumeric());
                if words.clone().any(|w| w == "unknown") {
                    out.push(format!("an unknown answer printed as a value: {s}"));
                }
                for hole in [": .", "()", " ,", ": ;", "  "] {
                    if s.contains(hole) {
                        out.push(format!("an empty value (`{hole}`): {s}"));
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            serde_json::Value::Object(map) => map.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(a).unwrap(), &mut out);
    out
}

/// Every number written right before a `%` sign.
fn percentages(text: &str) -> Vec<f64> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('%') {
        let mut start = i;
        while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
            start -= 1;
        }
        if let Ok(n) = text[start..i].parse::<f64>() {
            out.push(n);
        }
    }
    out
}

#[test]
fn every_example_tells_one_story() {
    let mut checked = 0;
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let profile: Profile = toml::from_str(&text).unwrap();
        let a = partner_fit::assess(&profile, shipped());
        let found = contradictions(&a);
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} examples found");
}

#[test]
fn the_check_sees_a_contradiction() {
    let text = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let profile: Profile = toml::from_str(&text).unwrap();
    let mut a = partner_fit::assess(&profile, shipped());
    a.recommendation.summary = "Run co-sell: nothing blocks it.".to_string();
    a.label_check.consistent = Some(false);
    let twice = a.motions[0].blocked_by.first().cloned();
    let first = a.motions[0].reasons[0].clone();
    a.motions[0].reasons.push(first);
    if let Some(b) = twice {
        a.motions[0].blocked_by.push(b);
    }
    let found = contradictions(&a);
    assert!(
        found.iter().any(|f| f.contains("label check")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.contains("reason twice")),
        "{found:#?}"
    );
}

#[test]
fn the_check_sees_an_unknown_printed_as_a_value() {
    let text = std::fs::read_to_string("examples/hyperscaler-program.toml").unwrap();
    let mut a = partner_fit::assess(&toml::from_str::<Profile>(&text).unwrap(), shipped());
    assert!(
        unknowns_printed(&a).is_empty(),
        "{:#?}",
        unknowns_printed(&a)
    );
    // What the message of the program's "not now" said before it read the share.
    a.motions[0].reasons[0].message =
        "Your product runs on Nimbus Cloud, but only unknown of your target accounts hold commitments there.".into();
    a.recommendation.summary =
        "The flow leads to co-sell, but it cannot run until these hold: .".into();
    let found = unknowns_printed(&a);
    assert!(
        found.iter().any(|f| f.contains("only unknown of")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.contains("empty value")),
        "{found:#?}"
    );
}

#[test]
fn the_check_sees_nothing_blocks_it_over_a_reason_against() {
    let text = std::fs::read_to_string("examples/introductions-only.toml").unwrap();
    let profile: Profile = toml::from_str(&text).unwrap();
    let mut a = partner_fit::assess(&profile, shipped());
    assert!(contradictions(&a).is_empty());
    a.recommendation.summary =
        "Run referral (68/100): the decision flow leads here and nothing blocks it.".into();
    let found = contradictions(&a);
    assert!(
        found
            .iter()
            .any(|f| f.contains("fit.live-integration weighs against referral")),
        "{found:#?}"
    );
}

#[test]
fn the_check_sees_a_portfolio_reason_the_summary_does_not_make() {
    let read = |name: &str| -> Assessment {
        let text = std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
        partner_fit::assess(&toml::from_str::<Profile>(&text).unwrap(), shipped())
    };
    // A program partner the decision says is not for you, kept warm on a referral fee.
    let a = read("hyperscaler-program");
    let mut portfolio = alone_in_portfolio(&a);
    assert!(disagreements(&a, &portfolio).is_empty());
    portfolio.keep_warm = std::mem::take(&mut portfolio.pause);
    let found = disagreements(&a, &portfolio);
    assert!(found.iter().any(|f| f.contains("kept warm")), "{found:#?}");
    // Missing answers called blockers.
    let b = read("sparse-unknowns");
    let mut portfolio = alone_in_portfolio(&b);
    assert!(disagreements(&b, &portfolio).is_empty());
    for pick in portfolio.focus.iter_mut() {
        pick.reason = "pause it until its blockers are fixed.".into();
    }
    let found = disagreements(&b, &portfolio);
    assert!(
        found
            .iter()
            .any(|f| f.contains("blockers where only answers are missing")),
        "{found:#?}"
    );
}

/// What a diff of `old` and `new` fails to report of what moved in the recommendation:
/// its motion, score, summary, blockers, reasons against, program decision, plan head,
/// and each motion's standing and the gate.
pub fn diff_misses(old: &Assessment, new: &Assessment, c: &Compared) -> Vec<String> {
    let mut found = Vec::new();
    let mut expect = |moved: bool, reported: bool, what: &str| {
        if moved && !reported {
            found.push(format!("the diff does not report the change in {what}"));
        }
    };
    let (o, n) = (&old.recommendation, &new.recommendation);
    expect(
        (&o.motion, o.score) != (&n.motion, n.score),
        c.recommendation.changed(),
        "the recommended motion or its score",
    );
    expect(o.summary != n.summary, c.summary.changed(), "the summary");
    expect(
        o.blocked_by != n.blocked_by,
        c.blocked_by.changed(),
        "what blocks it",
    );
    expect(
        o.waiting_on != n.waiting_on,
        c.waiting_on.changed(),
        "what it waits on",
    );
    expect(
        o.against != n.against,
        c.against.changed(),
        "what weighs against it",
    );
    let verdict = |a: &Assessment| a.recommendation.program.as_ref().map(|p| p.verdict);
    expect(
        verdict(old) != verdict(new),
        c.program.changed(),
        "the program decision",
    );
    // The plan's head is what it asks first: an answer to give, else its first step.
    let head = |a: &Assessment| match a.plan.answer_first.first() {
        Some(h) => Some(h.field.clone()),
        None => a.plan.steps.first().map(|s| s.rule.clone()),
    };
    expect(
        head(old) != head(new),
        c.plan_head.changed(),
        "the plan's head",
    );
    for (m_old, m_new) in old.motions.iter().zip(&new.motions) {
        let moved = (m_old.score, m_old.verdict) != (m_new.score, m_new.verdict);
        let reported = c
            .motions
            .iter()
            .any(|m| m.motion == m_new.motion && m.changed);
        expect(moved, reported, &format!("{}'s standing", m_new.motion));
    }
    expect(
        old.gate.status != new.gate.status,
        c.gate.status.changed(),
        "the gate",
    );
    let any = found.is_empty() || c.changed;
    if !any {
        found.push("the diff says nothing changed".to_string());
    }
    found
}

/// The comparison `partner-fit diff` makes of two assessments, read as their JSON.
fn compare(old: &Assessment, new: &Assessment) -> Compared {
    let snapshot = |a: &Assessment| -> Snapshot {
        serde_json::from_value(serde_json::to_value(a).unwrap()).unwrap()
    };
    snapshots(&snapshot(old), &snapshot(new))
}

#[test]
fn the_check_sees_a_diff_that_misses_a_change() {
    let read = |path: &str| -> Assessment {
        let text = std::fs::read_to_string(path).unwrap();
        partner_fit::assess(&toml::from_str::<Profile>(&text).unwrap(), shipped())
    };
    let old = read("examples/introductions-only.toml");
    let text = std::fs::read_to_string("examples/introductions-only.toml")
        .unwrap()
        .replace("icp_overlap_pct = 18", "icp_overlap_pct = 40");
    let new = partner_fit::assess(&toml::from_str::<Profile>(&text).unwrap(), shipped());
    let mut c = compare(&old, &new);
    assert!(diff_misses(&old, &new, &c).is_empty());
    // A diff that drops the reasons against it, as `diff` did before it read them.
    c.against.new = c.against.old.clone();
    let found = diff_misses(&old, &new, &c);
    assert!(
        found.iter().any(|f| f.contains("weighs against")),
        "{found:#?}"
    );
}

/// Two profiles that differ in exactly one answer (given, changed or removed).
fn one_answer_apart() -> impl Strategy<Value = (toml::Table, toml::Table)> {
    (
        profile_table(),
        profile_table(),
        any::<proptest::sample::Index>(),
    )
        .prop_map(|(table, other, index)| {
            let fields = catalog::fields();
            let field = &fields[index.index(fields.len())];
            let mut changed = table.clone();
            let value = other
                .get(field.section())
                .and_then(|s| s.get(field.key()))
                .cloned();
            let section = changed
                .entry(field.section().to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(section) = section {
                match value {
                    Some(v) => {
                        section.insert(field.key().to_string(), v);
                    }
                    None => {
                        section.remove(field.key());
                    }
                }
            }
            (table, changed)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(generated(50, 2000)))]

    #[test]
    fn generated_profiles_tell_one_story(table in profile_table()) {
        let profile = readable(&table);
        prop_assume!(profile.is_some());
        let a = partner_fit::assess(&profile.unwrap(), shipped());
        let found = contradictions(&a);
        prop_assert!(found.is_empty(), "{:#?}", found);
    }

    #[test]
    fn a_diff_reports_every_part_of_the_recommendation_that_moved(
        (old, new) in one_answer_apart()
    ) {
        let (old, new) = (readable(&old), readable(&new));
        prop_assume!(old.is_some() && new.is_some());
        let (old, new) = (
            partner_fit::assess(&old.unwrap(), shipped()),
            partner_fit::assess(&new.unwrap(), shipped()),
        );
        let found = diff_misses(&old, &new, &compare(&old, &new));
        prop_assert!(found.is_empty(), "{:#?}", found);
    }
}
