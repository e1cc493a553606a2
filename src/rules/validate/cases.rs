//! The rules' example cases: each rule has a case it meets and one it does not, and each
//! case's profile puts the rule in the state the case expects. A case evaluates only its
//! rule and the rules that rule refers to.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use super::super::RuleSet;
use super::Problems;
use crate::condition::Facts;
use crate::condition::Truth;
use crate::profile::facts;
use crate::profile::Profile;

/// Runs the cases of every rule whose file, and the files of every rule it refers to, has
/// no problem (`unsound` lists the files that have one).
pub(super) fn check(set: &RuleSet, unsound: &BTreeSet<PathBuf>, problems: &mut Problems) {
    // In evaluation order a rule comes after the rules it refers to, so whether those are
    // sound is known when the rule is reached.
    let mut sound = vec![false; set.rules.len()];
    for &i in set.evaluation_order() {
        let rule = &set.rules[i];
        let all_found = rule.when.rule_refs().len() == set.references(i).len();
        sound[i] = !unsound.contains(&rule.path)
            && all_found
            && set.references(i).iter().all(|&j| sound[j]);
    }
    // The facts of each case profile and the states worked out on them so far, by the
    // profile as written: rules whose cases share a profile (a chain's usually do) share
    // its facts and what is known of the rules below.
    let mut decided: HashMap<String, (Facts, HashMap<usize, Truth>)> = HashMap::new();
    for (i, rule) in set.rules.iter().enumerate().filter(|(i, _)| sound[*i]) {
        let expected: BTreeSet<Truth> = rule.cases.iter().map(|c| *c.expect.get_ref()).collect();
        if !(expected.contains(&Truth::Met) && expected.contains(&Truth::Unmet)) {
            problems.push(
                &rule.path,
                rule.id.span(),
                "no case flips the rule",
                "add a `[[case]]` that expects \"met\" and one that expects \"unmet\"",
            );
        }
        for case in &rule.cases {
            let (facts, known) = match decided.entry(case.profile.get_ref().to_string()) {
                Entry::Occupied(seen) => seen.into_mut(),
                Entry::Vacant(new) => {
                    let profile: Profile = match toml::Value::Table(case.profile.get_ref().clone())
                        .try_into()
                    {
                        Ok(p) => p,
                        Err(err) => {
                            let message = format!(
                                "case profile is not a valid profile: {}",
                                err.message().trim()
                            );
                            let help = "write the profile as in a profile file, e.g. `{ market = { icp_overlap_pct = 32 } }`";
                            problems.push(&rule.path, case.profile.span(), message, help);
                            continue;
                        }
                    };
                    // As in an assessment, the relations fill the answers other fields state.
                    let mut facts = facts::facts(&profile);
                    super::super::relation::apply(&set.policy.relations, &mut facts);
                    new.insert((facts, HashMap::new()))
                }
            };
            let actual = set.state_of(i, facts, known);
            let expected = *case.expect.get_ref();
            if actual != expected {
                problems.push(
                    &rule.path,
                    case.expect.span(),
                    format!(
                        "case expects \"{}\" but the rule is \"{}\" on its profile",
                        expected.as_str(),
                        actual.as_str()
                    ),
                    "fix the condition or the case",
                );
            }
        }
    }
}
