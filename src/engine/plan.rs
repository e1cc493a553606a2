//! The plan for one motion: the changes that make it run, in an order that respects what
//! each must follow, each with the outcome the profile would have after it.
//!
//! Nothing here is estimated. Each step is a rule's witness (the answers that meet it,
//! [`super::witness`]) applied to the answers so far, and its outcome is the whole rule
//! set evaluated again on them: a profile with those answers gets exactly that.
//!
//! Which rules make the plan, for the motion at `m`:
//! 1. every rule that holds the motion's verdict down (a cap), unmet: a fix; unknown:
//!    the missing answers come first, as homework;
//! 2. every failure pattern that weighs on the motion and shows;
//! 3. while the motion is still not the one recommended, the unmet rules that score for
//!    it, heaviest first, for as long as each brings it closer; when that never makes it
//!    the recommendation, only the ones it takes to make it viable.
//!
//! A cap no change can lift (its witness needs a given, such as the partner's type)
//! makes the motion unreachable: the plan names that rule, and the given it rests on.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::witness::{self, Changes, Lookup};
use super::Outcome;
use crate::condition::{Condition, Facts, Truth};
use crate::rules::model::Effort;
use crate::rules::{Kind, RuleSet, Verdict};

/// The plan for one motion.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The motion planned for, by index into the policy's motions.
    pub motion: usize,
    /// Missing answers to give before the plan can be trusted: the field, and the rules
    /// that cap the motion while it is missing.
    pub homework: Vec<(String, Vec<usize>)>,
    pub steps: Vec<Step>,
    /// Why the motion cannot be reached by any change, when it cannot.
    pub unreachable: Option<Unreachable>,
}

/// One step: meet a rule by changing answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The rule the step meets, by index.
    pub rule: usize,
    /// The answers it changes, and to what.
    pub changes: Changes,
    /// The outcome once this step and every one before it are done.
    pub then: Standing,
}

/// Where a motion stands on some answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    /// The planned motion's score, 0-100.
    pub percent: u8,
    /// The planned motion's verdict.
    pub verdict: Verdict,
    /// The motion recommended, by index.
    pub recommended: usize,
}

/// A cap no change of answers lifts.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreachable {
    /// The rule, by index.
    pub rule: usize,
    /// The given its witness would have to change, when that is why.
    pub given: Option<String>,
}

/// The plan for the motion at `m` on these answers.
pub fn plan(set: &RuleSet, facts: &Facts, m: usize) -> Plan {
    let states = set.states(facts);
    let start = Outcome::of(set, &states);
    let givens = set.policy.plan_givens();
    let is_given = |field: &str| givens.contains(&field);
    let rule_condition = |id: &str| set.get(id).map(|r| &r.when);
    let lookup = Lookup {
        rule: &rule_condition,
        given: &is_given,
    };
    let mut plan = Plan {
        motion: m,
        homework: Vec::new(),
        steps: Vec::new(),
        unreachable: None,
    };
    let plannable = |i: usize| {
        let kind = set.rules[i].kind();
        matches!(
            kind,
            Kind::GreenLight | Kind::Wait | Kind::Strip | Kind::Pattern | Kind::Fit
        ) && set.concerns(i, m)
    };
    let caps = |i: usize, state: Truth| set.ceilings(i, state).iter().any(|&(c, _)| c == m);
    // 1 and 2: what the motion cannot run with.
    let mut wanted: Vec<usize> = Vec::new();
    for i in (0..set.rules.len()).filter(|&i| plannable(i)) {
        let state = states.at(i);
        match state {
            Truth::Unknown if caps(i, state) => {
                for field in missing_fields(set, i, facts) {
                    match plan.homework.iter_mut().find(|(f, _)| *f == field) {
                        Some((_, rules)) => rules.push(i),
                        None => plan.homework.push((field, vec![i])),
                    }
                }
            }
            Truth::Unmet if caps(i, state) || set.rules[i].kind() == Kind::Pattern => {
                match witness::witness(&set.rules[i].when, Truth::Met, facts, &lookup) {
                    Some(_) => wanted.push(i),
                    None if caps(i, state) && plan.unreachable.is_none() => {
                        plan.unreachable = Some(Unreachable {
                            rule: i,
                            given: given_behind(&set.rules[i].when, &is_given, set),
                        });
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
    if plan.unreachable.is_some() {
        // Steps that cannot make the motion run would only be noise.
        return plan;
    }
    plan.steps = ordered(set, facts, &wanted, m, &lookup);
    // 3: what it scores with, when it is not yet the recommendation.
    let reached = |steps: &[Step]| steps.last().map_or(start.standing_of(m, set), |s| s.then);
    if plan.homework.is_empty() && reached(&plan.steps).recommended != m {
        let mut scoring: Vec<usize> = (0..set.rules.len())
            .filter(|&i| plannable(i) && states.at(i) == Truth::Unmet && !wanted.contains(&i))
            .filter(|&i| set.points(i, m) > 0)
            .collect();
        scoring.sort_by_key(|&i| (Reverse(set.points(i, m)), effort_rank(set, i), i));
        let mut trial = wanted.clone();
        let mut best = plan.steps.clone();
        let mut recommended = false;
        for i in scoring {
            trial.push(i);
            let steps = ordered(set, facts, &trial, m, &lookup);
            if reached(&steps).percent <= reached(&best).percent {
                trial.pop();
                continue;
            }
            best = steps;
            if reached(&best).recommended == m {
                recommended = true;
                break;
            }
        }
        if recommended {
            plan.steps = best;
        } else {
            // Only as far as the motion becomes viable: more would buy nothing.
            let viable = best.iter().position(|s| s.then.verdict >= Verdict::Viable);
            if let Some(at) = viable {
                let keep: Vec<usize> = best[..=at].iter().map(|s| s.rule).collect();
                plan.steps = ordered(set, facts, &keep, m, &lookup);
            }
        }
    }
    plan
}

/// The rules at `chosen` as steps: each after the rules it must follow and the rules its
/// condition refers to; among those free to go, the least effort first, then a cap
/// before a score, then the heavier, then by id. Each step's changes are its witness on
/// the answers left by the steps before it; a step those already met is left out.
fn ordered(set: &RuleSet, facts: &Facts, chosen: &[usize], m: usize, lookup: &Lookup) -> Vec<Step> {
    let must_follow = |i: usize| -> Vec<usize> {
        let rule = &set.rules[i];
        let mut before: Vec<usize> = rule
            .plan
            .after
            .iter()
            .filter_map(|id| set.index(id.get_ref()))
            .chain(set.references(i).iter().copied())
            .filter(|j| chosen.contains(j) && *j != i)
            .collect();
        before.sort_unstable();
        before.dedup();
        before
    };
    let key = |i: usize| {
        let capping = set.rules[i].cap.met.len()
            + set.rules[i].cap.unmet.len()
            + set.rules[i].cap.not_met.len();
        (
            effort_rank(set, i),
            capping == 0,
            Reverse(set.points(i, m)),
            i,
        )
    };
    let mut placed: Vec<usize> = Vec::new();
    let mut left: BTreeSet<usize> = chosen.iter().copied().collect();
    while !left.is_empty() {
        let free = left
            .iter()
            .copied()
            .filter(|&i| must_follow(i).iter().all(|j| placed.contains(j)))
            .min_by_key(|&i| key(i));
        // A cycle is refused when rules load; an unvalidated set still ends.
        let next = free.unwrap_or_else(|| *left.iter().next().expect("not empty"));
        left.remove(&next);
        placed.push(next);
    }
    let mut answers = facts.clone();
    let mut steps = Vec::new();
    for i in placed {
        let Some(mut changes) = witness::witness(&set.rules[i].when, Truth::Met, &answers, lookup)
        else {
            continue;
        };
        if changes.is_empty() {
            continue;
        }
        // Answers that state the same fact change together, so a step never asks for
        // an answer the profile's others contradict.
        crate::rules::relation::reconcile(&set.policy.relations, &answers, &mut changes);
        witness::apply(&mut answers, &changes);
        let outcome = Outcome::of(set, &set.states(&answers));
        steps.push(Step {
            rule: i,
            changes,
            then: outcome.standing_of(m, set),
        });
    }
    steps
}

/// Effort to order by: days, then weeks, then a quarter; a rule that states none is
/// taken as weeks.
fn effort_rank(set: &RuleSet, i: usize) -> u8 {
    match set.rules[i].plan.effort.as_ref().map(|e| *e.get_ref()) {
        Some(Effort::Days) => 0,
        Some(Effort::Weeks) | None => 1,
        Some(Effort::Quarter) => 2,
    }
}

/// The fields the rule at `i` reads (directly or through references) that have no answer.
fn missing_fields(set: &RuleSet, i: usize, facts: &Facts) -> Vec<String> {
    set.readers()
        .filter(|(field, readers)| readers.contains(&i) && !facts.contains_key(*field))
        .map(|(field, _)| field.to_string())
        .collect()
}

/// A given among the fields the condition reads, directly or through references: what
/// a witness that could not be found most likely needed.
fn given_behind(
    condition: &Condition,
    is_given: &dyn Fn(&str) -> bool,
    set: &RuleSet,
) -> Option<String> {
    let mut found = None;
    let mut seen = BTreeSet::new();
    let mut stack = vec![condition];
    while let Some(c) = stack.pop() {
        if let Some(field) = c.fields().into_iter().find(|f| is_given(f.get_ref())) {
            found = Some(field.get_ref().clone());
            break;
        }
        for id in c.rule_refs() {
            if seen.insert(id.get_ref().clone()) {
                if let Some(rule) = set.get(id.get_ref()) {
                    stack.push(&rule.when);
                }
            }
        }
    }
    found
}
