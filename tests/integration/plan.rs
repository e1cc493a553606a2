//! The plan, checked on generated profiles over the shipped rules: a witness makes its
//! rule come out as asked; a plan's steps respect every declared `after`, never fix what
//! the profile already has, and applying their answers to the profile, in order, gives
//! exactly the outcome each step predicts. The checker is shown to catch planted defects.

use partner_fit::assessment::{Assessment, Plan};
use partner_fit::condition::Truth;
use partner_fit::engine::witness::{self, Lookup};
use partner_fit::profile::{self, Profile};
use partner_fit::rules::{self, RuleSet, RuleSource};
use proptest::prelude::*;
use std::sync::OnceLock;

use super::invariants::{generated, profile_table, readable};

fn shipped() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| rules::load(&RuleSource::Embedded).expect("shipped rules load"))
}

fn to_profile(table: &toml::Table) -> Option<Profile> {
    toml::Value::Table(table.clone()).try_into().ok()
}

/// The profile's table with one answer set, `section.key = value`.
fn with_answer(table: &mut toml::Table, field: &str, value: &serde_json::Value) {
    let (section, key) = field.split_once('.').expect("a dotted field");
    let value: toml::Value = serde_json::from_value(value.clone()).expect("a TOML value");
    let section = table
        .entry(section.to_string())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    section
        .as_table_mut()
        .expect("a section")
        .insert(key.to_string(), value);
}

/// Everything a plan promises, checked against the profile it was made for; the first
/// broken promise, in words.
fn check_plan(table: &toml::Table, plan: &Plan) -> Result<(), String> {
    let set = shipped();
    let original = to_profile(table).ok_or("the profile does not load")?;
    let states = set.states(&profile::facts::facts(&original));
    let mut answers = table.clone();
    for (k, step) in plan.steps.iter().enumerate() {
        // Never a step the profile already meets.
        let index = set.index(&step.rule).ok_or("a step names no rule")?;
        if states.at(index) == Truth::Met {
            return Err(format!("step {} ({}) is already met", k + 1, step.rule));
        }
        // Never before a step it must follow.
        for before in &step.after {
            if let Some(at) = plan.steps.iter().position(|s| s.rule == *before) {
                if at > k {
                    return Err(format!("{} comes before {before}", step.rule));
                }
            }
        }
        for change in &step.changes {
            let value = serde_json::to_value(&change.value).unwrap();
            with_answer(&mut answers, &change.field, &value);
        }
        let after = to_profile(&answers).ok_or("the changed profile does not load")?;
        // The answers a step asks for never contradict the ones the profile keeps.
        let mut facts = profile::facts::facts(&after);
        let applied = partner_fit::rules::relation::apply(&set.policy.relations, &mut facts);
        if let Some(c) = applied.contradictions.first() {
            return Err(format!(
                "after step {} ({}) `{}` contradicts `{}`",
                k + 1,
                step.rule,
                c.fields[0],
                c.fields[1]
            ));
        }
        let a: Assessment = partner_fit::assess(&after, set);
        let motion = a
            .motions
            .iter()
            .find(|m| m.motion == plan.motion)
            .ok_or("the plan's motion is not scored")?;
        let got = (
            motion.score,
            motion.verdict,
            a.recommendation.motion.as_str(),
        );
        let said = (
            step.then.score,
            step.then.verdict,
            step.then.recommended.as_str(),
        );
        if got != said {
            return Err(format!(
                "after step {} ({}) the profile gets {got:?}, the plan said {said:?}",
                k + 1,
                step.rule
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(generated(12, 2000)))]

    /// The witness of every shipped rule, for either outcome, makes it come out so.
    #[test]
    fn a_witness_makes_its_rule_come_out_as_asked(table in profile_table()) {
        let profile = to_profile(&table);
        prop_assume!(profile.is_some());
        let facts = profile::facts::facts(&profile.unwrap());
        let set = shipped();
        let givens = set.policy.plan_givens();
        let is_given = |f: &str| givens.contains(&f);
        let rule = |id: &str| set.get(id).map(|r| &r.when);
        let lookup = Lookup { rule: &rule, given: &is_given };
        for (i, r) in set.rules.iter().enumerate() {
            for want in [Truth::Met, Truth::Unmet] {
                let Some(changes) = witness::witness(&r.when, want, &facts, &lookup) else {
                    continue;
                };
                prop_assert!(changes.iter().all(|(f, _)| !is_given(f)), "{} changes a given", r.id());
                let mut after = facts.clone();
                witness::apply(&mut after, &changes);
                prop_assert_eq!(set.state_of(i, &after, &mut Default::default()), want, "{} with {:?}", r.id(), changes);
            }
        }
    }

    /// Every motion's plan keeps its promises on generated profiles.
    #[test]
    fn every_plan_keeps_its_promises(table in profile_table()) {
        let profile = readable(&table);
        prop_assume!(profile.is_some());
        let profile = profile.unwrap();
        let set = shipped();
        let a = partner_fit::assess(&profile, set);
        check_plan(&table, &a.plan).map_err(TestCaseError::fail)?;
        for motion in &set.policy.motions {
            let a = partner_fit::assessment::assess_for(&profile, set, Some(motion));
            let plan = a.target_plan.expect("a plan for every motion");
            check_plan(&table, &plan).map_err(TestCaseError::fail)?;
            // A plan that cannot reach its motion says why, and lists no step.
            prop_assert_eq!(plan.reachable, plan.why_not.is_none());
            if !plan.reachable {
                prop_assert!(plan.steps.is_empty());
            }
        }
    }
}

fn example(name: &str) -> (toml::Table, Profile) {
    let path = format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let profile = profile::parse(std::path::Path::new(&path), &text).unwrap();
    (table, profile)
}

#[test]
fn the_checker_catches_a_planted_wrong_prediction_order_and_done_step() {
    let (table, profile) = example("comp-conflict-wait");
    let a = partner_fit::assess(&profile, shipped());
    assert!(a.plan.steps.len() >= 2, "{:?}", a.plan);
    check_plan(&table, &a.plan).unwrap();
    let mut wrong = a.plan.clone();
    wrong.steps[0].then.score += 1;
    assert!(check_plan(&table, &wrong)
        .unwrap_err()
        .contains("the plan said"));
    let mut swapped = a.plan.clone();
    swapped.steps.swap(0, 1);
    let err = check_plan(&table, &swapped).unwrap_err();
    assert!(
        err.contains("comes before") || err.contains("the plan said"),
        "{err}"
    );
    let (ready_table, _) = example("ready-to-co-sell");
    let mut done = a.plan.clone();
    done.steps.truncate(1);
    done.steps[0].rule = "gate.icp-overlap".into();
    let err = check_plan(&ready_table, &done).unwrap_err();
    assert!(err.contains("already met"), "{err}");
}

/// Seed 000, 'Wait conditions': "Channel-conflict is baked into compensation. Fix
/// compensation first." The plan, the glance and the headline all start there.
#[test]
fn compensation_is_fixed_first_everywhere() {
    let (_, profile) = example("comp-conflict-wait");
    let a = partner_fit::assess(&profile, shipped());
    assert_eq!(a.plan.motion, "co-sell");
    assert_eq!(a.plan.steps[0].rule, "gate.comp-channel-conflict");
    let glance = partner_fit::render::glance(&a);
    assert!(
        glance.fixes[0].starts_with("Fix compensation first"),
        "{:?}",
        glance.fixes
    );
    let first_blocker = a
        .recommendation
        .summary
        .find("compensation that does not penalise");
    let second = a.recommendation.summary.find("equal pay for sellers");
    assert!(first_blocker < second, "{}", a.recommendation.summary);
    // The last step makes co-sell the recommendation, as re-assessing says.
    assert_eq!(a.plan.steps.last().unwrap().then.recommended, "co-sell");
}

/// Seed 000, failure pattern 4: a vendor before fit defers co-selling first.
#[test]
fn before_fit_the_plan_waits_for_fit_before_any_co_selling_work() {
    let (_, profile) = example("pre-pmf");
    let a = partner_fit::assess(&profile, shipped());
    let fit = a
        .plan
        .steps
        .iter()
        .position(|s| s.rule == "gate.both-past-pmf")
        .expect("fit is a step");
    for (k, step) in a.plan.steps.iter().enumerate() {
        if step.after.iter().any(|r| r == "gate.both-past-pmf") {
            assert!(k > fit, "{} before fit", step.rule);
        }
    }
}

/// A step never asks for what the profile has: with deal registration in place, no step
/// sets it.
#[test]
fn no_step_asks_for_an_answer_the_profile_already_gives() {
    for name in [
        "ready-to-co-sell",
        "comp-conflict-wait",
        "premature-reseller",
    ] {
        let (table, profile) = example(name);
        let a = partner_fit::assess(&profile, shipped());
        for step in &a.plan.steps {
            for change in &step.changes {
                let (section, key) = change.field.split_once('.').unwrap();
                let given = table.get(section).and_then(|s| s.get(key));
                let given: Option<serde_json::Value> =
                    given.map(|v| serde_json::to_value(v).unwrap());
                let value = serde_json::to_value(&change.value).unwrap();
                assert_ne!(given.as_ref(), Some(&value), "{name}: {step:?}");
            }
        }
    }
}

/// A hyperscaler partner is a different decision: co-sell is out of reach, in one
/// sentence, and the plan the report leads with is for what runs meanwhile.
#[test]
fn a_hyperscaler_co_sell_target_is_out_of_reach_and_says_why() {
    let (_, profile) = example("hyperscaler-marketplace");
    let a = partner_fit::assessment::assess_for(&profile, shipped(), Some("co-sell"));
    let plan = a.target_plan.unwrap();
    assert!(!plan.reachable);
    assert!(plan.why_not.unwrap().contains("different decision"));
    assert_eq!(a.plan.motion, a.recommendation.motion);
}

/// A step that lists you on the marketplace of a hyperscaler whose cloud listing is
/// stated as none changes that answer too: the two state one fact, and a step whose
/// answers contradict each other would be refused by the reader.
#[test]
fn a_step_changes_every_answer_that_states_the_same_fact() {
    // The case the generated profiles found: a plan's ninth step listed you without
    // the cloud listing.
    let text = r#"
[vendor]
name = "Northwind"
current_motion = "none"
direct_sales_motion = false
past_product_market_fit = false
repeatable_playbook = false
[partner]
name = "Northwind"
sells_into_accounts = true
[cloud]
provider = "aws"
listing = "none"
[compensation]
direct_team_penalised_for_partner_deals = false
[economics]
referral_fee_pct = 9.0
[integration]
status = "none"
[market]
named_overlap_accounts = 1
[operations]
deal_registration = false
reseller_terms_ready = false
rules_of_engagement = false
[value]
drivers = ["retention"]
joint_workflow = "A workflow"
"#;
    let table: toml::Table = toml::from_str(text).unwrap();
    let profile = readable(&table).expect("the profile reads");
    let set = shipped();
    let mut seen = false;
    for motion in &set.policy.motions {
        let a = partner_fit::assessment::assess_for(&profile, set, Some(motion));
        let plan = a.target_plan.expect("a plan for every motion");
        check_plan(&table, &plan).unwrap_or_else(|e| panic!("{motion}: {e}"));
        for step in &plan.steps {
            let fields: Vec<&str> = step.changes.iter().map(|c| c.field.as_str()).collect();
            if fields.contains(&"integration.marketplace_listing") {
                assert!(fields.contains(&"cloud.listing"), "{motion}: {fields:?}");
                seen = true;
            }
        }
    }
    assert!(seen, "no plan lists you on the marketplace");
}
