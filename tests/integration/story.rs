//! One story per report: the summary, the sections, `blocked_by` and the warnings never
//! contradict each other, for every example and for generated profiles. Each report is
//! read as a user reads it: the rendered table and markdown and the JSON model.

use partner_fit::assessment::{Assessment, WarningKind};
use partner_fit::profile::Profile;
use partner_fit::render::{self, Format, Style};
use partner_fit::rules::{self, RuleSet, RuleSource};
use proptest::prelude::*;
use std::sync::OnceLock;

use super::invariants::profile_table;

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
            if b.title.trim_end().ends_with('?') {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_profiles_tell_one_story(table in profile_table()) {
        let Ok(profile) = toml::Value::Table(table).try_into::<Profile>() else { return Ok(()) };
        let a = partner_fit::assess(&profile, shipped());
        let found = contradictions(&a);
        prop_assert!(found.is_empty(), "{:#?}", found);
    }
}
