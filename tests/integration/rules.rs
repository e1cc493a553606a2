//! The shipped rules: valid, and every rule flipped by its own cases. This runs the same
//! validation as `partner-fit rules validate`, so users and CI check rules the same way.

use partner_fit::condition::Truth;
use partner_fit::rules::load::load_checked;
use partner_fit::rules::validate::Depth;
use partner_fit::rules::RuleSource;

#[test]
fn shipped_rules_validate_and_hold_on_their_own_cases() {
    if let Err(problems) = load_checked(&RuleSource::Embedded, Depth::WithCases) {
        panic!("the shipped rules do not validate:\n{problems}");
    }
}

#[test]
fn every_shipped_rule_has_cases_that_flip_it() {
    let set = load_checked(&RuleSource::Embedded, Depth::Structure).unwrap();
    assert!(!set.rules.is_empty());
    for rule in &set.rules {
        let expects: Vec<Truth> = rule.cases.iter().map(|c| *c.expect.get_ref()).collect();
        assert!(
            expects.contains(&Truth::Met) && expects.contains(&Truth::Unmet),
            "{} has no pair of cases that flips it",
            rule.id()
        );
        assert!(
            !rule.source.trim().is_empty(),
            "{} names no source",
            rule.id()
        );
    }
}
