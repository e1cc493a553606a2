//! Properties that must hold for every profile, checked on generated profiles over the
//! shipped rules: scores stay in 0-100, exactly one motion is recommended, and breaking
//! any single co-selling prerequisite never raises the co-sell score and always turns
//! the gate to `wait`.

use partner_fit::assessment::{Answer, Assessment, GateStatus, Verdict};
use partner_fit::condition::Truth;
use partner_fit::profile::catalog::{self, FieldKind};
use partner_fit::profile::Profile;
use partner_fit::rules::{self, RuleSet, RuleSource};
use proptest::prelude::*;
use std::sync::OnceLock;

fn shipped() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| rules::load(&RuleSource::Embedded).expect("shipped rules load"))
}

fn assess(profile: &Profile) -> Assessment {
    partner_fit::assess(profile, shipped())
}

/// A value for one field, or none (unknown).
fn answer(kind: &FieldKind) -> BoxedStrategy<Option<toml::Value>> {
    let value: BoxedStrategy<toml::Value> = match kind.clone() {
        FieldKind::Bool => any::<bool>().prop_map(toml::Value::Boolean).boxed(),
        FieldKind::Number {
            min,
            max,
            whole: true,
        } => {
            let max = max.min(400.0) as i64;
            (min as i64..=max).prop_map(toml::Value::Integer).boxed()
        }
        FieldKind::Number { min, max, .. } => {
            let max = max.min(1_000_000.0);
            (min..=max)
                .prop_map(|n| toml::Value::Float(n.round()))
                .boxed()
        }
        FieldKind::Choice(words) => proptest::sample::select(words)
            .prop_map(toml::Value::String)
            .boxed(),
        FieldKind::List(words) => proptest::sample::subsequence(words.clone(), 0..=words.len())
            .prop_map(|items| {
                toml::Value::Array(items.into_iter().map(toml::Value::String).collect())
            })
            .boxed(),
        FieldKind::Text => proptest::sample::select(vec!["", "A workflow"])
            .prop_map(|s| toml::Value::String(s.to_string()))
            .boxed(),
    };
    prop_oneof![1 => Just(None), 4 => value.prop_map(Some)].boxed()
}

/// Generated profiles per property: `plain` in every `cargo test`, `deep` when
/// `PARTNER_FIT_GENERATED=deep` (the second run of `.ci/run`), or any number given there.
/// The plain counts keep `cargo test` short; the deep ones are the counts each property
/// needs to find a rare profile. A property runs exactly this many accepted cases: one
/// `prop_assume!` rejects does not count, and proptest fails the property when rejects
/// pass its limit, so a generator that makes too few readable profiles cannot pass
/// quietly.
pub fn generated(plain: u32, deep: u32) -> u32 {
    match std::env::var("PARTNER_FIT_GENERATED").as_deref() {
        Err(_) => plain,
        Ok("deep") => deep,
        Ok(number) => number
            .parse()
            .expect("PARTNER_FIT_GENERATED is `deep` or a number of profiles"),
    }
}

pub fn profile_table() -> impl Strategy<Value = toml::Table> {
    // The names are required: a profile without them is refused at load, so every
    // generated profile has them.
    let strategies: Vec<_> = catalog::fields()
        .iter()
        .map(|f| match catalog::is_required(&f.path) {
            true => Just(Some(toml::Value::String("Northwind".into()))).boxed(),
            false => answer(&f.kind),
        })
        .collect();
    strategies.prop_map(|answers| {
        let mut table = toml::Table::new();
        for (field, answer) in catalog::fields().iter().zip(answers) {
            if let Some(value) = answer {
                let section = table
                    .entry(field.section().to_string())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if let toml::Value::Table(section) = section {
                    section.insert(field.key().to_string(), value);
                }
            }
        }
        consistent(table)
    })
}

/// The table with answers removed until none contradicts another through a declared
/// relation (`[[relation]]`): the reader refuses such a profile, so a generator that
/// left them would spend most cases on profiles no command assesses. The later answer of
/// each contradicting pair goes.
fn consistent(mut table: toml::Table) -> toml::Table {
    for _ in 0..16 {
        let Ok(profile) = toml::Value::Table(table.clone()).try_into::<Profile>() else {
            return table;
        };
        let mut facts = partner_fit::profile::facts::facts(&profile);
        let applied = partner_fit::rules::relation::apply(&shipped().policy.relations, &mut facts);
        let Some(c) = applied.contradictions.first() else {
            return table;
        };
        let (section, key) = c.fields[1].split_once('.').expect("a dotted field");
        if let Some(toml::Value::Table(section)) = table.get_mut(section) {
            section.remove(key);
        }
    }
    table
}

fn merge(base: &toml::Table, over: &toml::Table) -> toml::Table {
    let mut out = base.clone();
    for (key, value) in over {
        match (out.get_mut(key), value) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => {
                *a = merge(a, b);
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    out
}

/// The profile the table makes, if `assess` would read it: it parses, and no two of its
/// answers contradict each other (the reader refuses those, at both lines).
pub fn readable(table: &toml::Table) -> Option<Profile> {
    let profile: Profile = toml::Value::Table(table.clone()).try_into().ok()?;
    let mut facts = partner_fit::profile::facts::facts(&profile);
    let applied = partner_fit::rules::relation::apply(&shipped().policy.relations, &mut facts);
    applied.contradictions.is_empty().then_some(profile)
}

fn to_profile(table: toml::Table) -> Option<Profile> {
    toml::Value::Table(table).try_into().ok()
}

fn score(a: &Assessment, motion: &str) -> u8 {
    a.motions
        .iter()
        .find(|m| m.motion == motion)
        .map(|m| m.score)
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(generated(50, 200)))]

    #[test]
    fn scores_stay_in_range_and_one_motion_is_recommended(table in profile_table()) {
        let profile = to_profile(table);
        prop_assume!(profile.is_some());
        let profile = profile.unwrap();
        let a = assess(&profile);
        prop_assert!(a.motions.iter().all(|m| m.score <= 100));
        prop_assert_eq!(a.motions.iter().filter(|m| m.verdict == Verdict::Recommended).count(), 1);
        prop_assert!(a.motions.iter().any(|m| m.motion == a.recommendation.motion));
        let green = a.gate.status == GateStatus::Green;
        prop_assert_eq!(green, a.gate.conditions.iter().all(|c| c.state == Truth::Met));
        // The ladder starts at referral: until the flow's first answer is known, no
        // motion that needs the partner to sell is recommended.
        if a.decision_path.first().is_some_and(|step| step.answer == Answer::Unknown) {
            prop_assert_eq!(&a.recommendation.motion, "referral");
        }
        if !green {
            // The gate is a veto: while it waits, co-sell is at best `not-yet`.
            let co_sell = a.motions.iter().find(|m| m.motion == "co-sell").map(|m| m.verdict);
            prop_assert!(matches!(co_sell, Some(Verdict::NotYet | Verdict::NotAFit)), "co-sell is {co_sell:?} while the gate waits");
        }
    }

}

proptest! {
    // Each case assesses the profile once more for every way of breaking each gate rule
    // (about a dozen full assessments, each with its search of missing answers), so fewer
    // cases cover as many assessments as the block above.
    #![proptest_config(ProptestConfig::with_cases(generated(12, 50)))]

    #[test]
    fn breaking_one_prerequisite_never_raises_co_sell_and_always_waits(table in profile_table()) {
        let before = to_profile(table.clone());
        prop_assume!(before.is_some());
        let before = before.unwrap();
        let a = assess(&before);
        for (_, rule) in shipped().family("gate") {
            // Each gate rule's own `unmet` cases say how to break it.
            for case in rule.cases.iter().filter(|c| *c.expect.get_ref() == Truth::Unmet) {
                let Some(after) = to_profile(merge(&table, case.profile.get_ref())) else { continue };
                let b = assess(&after);
                let broken = b.gate.conditions.iter().any(|c| c.rule == rule.id() && c.state == Truth::Unmet);
                prop_assert!(broken, "case of {} did not break it", rule.id());
                prop_assert_eq!(b.gate.status, GateStatus::Wait, "breaking {} left the gate green", rule.id());
                let was_met = a.gate.conditions.iter().any(|c| c.rule == rule.id() && c.state == Truth::Met);
                if was_met {
                    prop_assert!(
                        score(&b, "co-sell") <= score(&a, "co-sell"),
                        "breaking {} raised co-sell from {} to {}", rule.id(), score(&a, "co-sell"), score(&b, "co-sell")
                    );
                    prop_assert_ne!(b.motions.iter().find(|m| m.motion == "co-sell").map(|m| m.verdict), Some(Verdict::Recommended));
                }
            }
        }
    }
}

fn verdict(a: &Assessment, motion: &str) -> Option<Verdict> {
    a.motions
        .iter()
        .find(|m| m.motion == motion)
        .map(|m| m.verdict)
}

/// The state a rule takes in an assessment, read from the report's lines.
fn state_in(set: &RuleSet, profile: &Profile, id: &str) -> Truth {
    let facts = partner_fit::profile::facts::facts(profile);
    let states = set.states(&facts);
    set.index(id).map_or(Truth::Unknown, |i| states.at(i))
}

proptest! {
    // Each case assesses the profile again for every flipping case of every rule that
    // caps or scores a motion (a few dozen assessments), so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(generated(6, 24)))]

    /// Breaking any prerequisite of a motion (a rule that caps it when not met) never
    /// raises that motion's score or verdict, for every motion and every partner type.
    #[test]
    fn breaking_any_prerequisite_never_raises_its_motion(table in profile_table()) {
        let set = shipped();
        let before = to_profile(table.clone());
        prop_assume!(before.is_some());
        let before = before.unwrap();
        let a = assess(&before);
        for rule in &set.rules {
            let held: Vec<&str> = rule
                .caps_in(Truth::Unmet)
                .map(|(m, _)| m)
                .collect();
            if held.is_empty() || state_in(set, &before, rule.id()) != Truth::Met {
                continue;
            }
            for case in rule.cases.iter().filter(|c| *c.expect.get_ref() == Truth::Unmet) {
                let Some(after) = to_profile(merge(&table, case.profile.get_ref())) else { continue };
                if state_in(set, &after, rule.id()) != Truth::Unmet {
                    continue;
                }
                let b = assess(&after);
                for motion in &held {
                    prop_assert!(
                        score(&b, motion) <= score(&a, motion),
                        "breaking {} raised {motion}'s score from {} to {}",
                        rule.id(), score(&a, motion), score(&b, motion)
                    );
                    prop_assert!(
                        verdict(&b, motion) <= verdict(&a, motion),
                        "breaking {} raised {motion} from {:?} to {:?}",
                        rule.id(), verdict(&a, motion), verdict(&b, motion)
                    );
                    prop_assert!(
                        verdict(&b, motion) != Some(Verdict::Recommended),
                        "{motion} is recommended with {} broken", rule.id()
                    );
                }
            }
        }
    }

    /// Improving one answer (turning a rule that scores a motion from unmet to met)
    /// never lowers that motion's score.
    #[test]
    fn improving_one_answer_never_lowers_the_motion_it_supports(table in profile_table()) {
        let set = shipped();
        let before = to_profile(table.clone());
        prop_assume!(before.is_some());
        let before = before.unwrap();
        let a = assess(&before);
        for rule in &set.rules {
            if state_in(set, &before, rule.id()) != Truth::Unmet {
                continue;
            }
            let supported: Vec<&str> = set
                .policy
                .motions
                .iter()
                .filter(|m| rule.weight_for(m) > 0)
                .map(String::as_str)
                .collect();
            // Only single-answer improvements: a case that sets one field.
            for case in rule.cases.iter().filter(|c| *c.expect.get_ref() == Truth::Met) {
                let fields: usize = case
                    .profile
                    .get_ref()
                    .values()
                    .map(|v| v.as_table().map_or(1, |t| t.len()))
                    .sum();
                if fields != 1 {
                    continue;
                }
                let Some(after) = to_profile(merge(&table, case.profile.get_ref())) else { continue };
                if state_in(set, &after, rule.id()) != Truth::Met {
                    continue;
                }
                let b = assess(&after);
                for motion in &supported {
                    prop_assert!(
                        score(&b, motion) >= score(&a, motion),
                        "meeting {} lowered {motion} from {} to {}",
                        rule.id(), score(&a, motion), score(&b, motion)
                    );
                }
            }
        }
    }
}

/// The properties above are not vacuous: on the reseller-ready example, breaking one
/// prerequisite of reselling (no rules of engagement) takes reselling from recommended
/// to not-yet and lowers its score.
#[test]
fn breaking_a_reseller_prerequisite_on_the_example_holds_reseller() {
    let text = std::fs::read_to_string("examples/reseller-ready.toml").unwrap();
    let before: Profile = toml::from_str(&text).unwrap();
    let after: Profile =
        toml::from_str(&text.replace("rules_of_engagement = true", "rules_of_engagement = false"))
            .unwrap();
    let (a, b) = (assess(&before), assess(&after));
    assert_eq!(verdict(&a, "reseller"), Some(Verdict::Recommended));
    assert_eq!(verdict(&b, "reseller"), Some(Verdict::NotYet));
    assert!(score(&b, "reseller") < score(&a, "reseller"));
}
