//! Which missing answers could change the recommendation. Each one is tried with the
//! answers it could take (every word of a choice, yes and no, the numbers either side of
//! each threshold the rules compare it with): the answer is put into a copy of the facts,
//! which is evaluated and decided on afresh, as a profile with it would be; an answer
//! that moves the recommended motion is decisive. When none does on its own but the
//! decision flow stopped on a missing answer, that answer is decisive: the flow, not the
//! scores, is what picks a motion. Otherwise the missing answers are tried together, and
//! those that move the recommendation between them are decisive.

use super::{Decision, Outcome, UnknownAnswer};
use crate::condition::{Fact, Facts, Truth};
use crate::profile::catalog::{self, FieldKind};
use crate::rules::{Rule, RuleSet, States};

pub(super) fn weigh(
    facts: &Facts,
    set: &RuleSet,
    states: &States,
    decision: &Decision,
) -> Vec<UnknownAnswer> {
    // The rules a missing answer leaves unknown, including those that only see it
    // through a `rule = "..."` reference; by field name, as `readers` lists them.
    let by_field: Vec<(&str, &[usize], Vec<&Rule>)> = set
        .readers()
        .filter(|(field, _)| !facts.contains_key(*field))
        .map(|(field, readers)| {
            let unknown = readers.iter().filter(|&&i| states.at(i) == Truth::Unknown);
            let rules = unknown.map(|&i| &set.rules[i]).collect::<Vec<_>>();
            (field, readers, rules)
        })
        .filter(|(_, _, rules)| !rules.is_empty())
        .collect();
    let by_field_readers: Vec<(&str, &[usize])> = by_field
        .iter()
        .map(|&(field, readers, _)| (field, readers))
        .collect();
    let recommended = Outcome::of(set, states).recommended();
    // One copy of the answers, each missing one tried in it and taken out again.
    let mut what_if = facts.clone();
    let mut out: Vec<UnknownAnswer> = by_field
        .into_iter()
        .map(|(field, readers, rules)| {
            let decisive = candidates(field, readers, facts, set)
                .into_iter()
                .any(|value| {
                    // The field's name is copied in for its first answer only; the others
                    // replace the value.
                    match what_if.get_mut(field) {
                        Some(slot) => *slot = value,
                        None => {
                            what_if.insert(field.to_string(), value);
                        }
                    }
                    outcome_on(set, &what_if).recommended() != recommended
                });
            what_if.remove(field);
            UnknownAnswer {
                field: field.to_string(),
                rules: rules.iter().map(|r| r.id().to_string()).collect(),
                decisive,
                stake: rules.iter().map(|r| stake(r)).sum(),
            }
        })
        .collect();
    if !out.iter().any(|u| u.decisive) {
        match decision.path.last() {
            // The flow waits on this answer: it is the one to give first.
            Some((question, Truth::Unknown)) => {
                for u in out.iter_mut().filter(|u| u.rules.contains(question)) {
                    u.decisive = true;
                }
            }
            // No answer moves the recommendation alone; several may, together.
            _ if by_field_readers.len() > 1 => {
                let together = jointly_decisive(facts, set, states, &by_field_readers);
                for u in out
                    .iter_mut()
                    .filter(|u| together.contains(&u.field.as_str()))
                {
                    u.decisive = true;
                }
            }
            // A single missing answer was tried above, on its own.
            _ => {}
        }
    }
    // Decisive answers first, then the ones with the most riding on them.
    out.sort_by(|a, b| {
        b.decisive
            .cmp(&a.decisive)
            .then(b.stake.cmp(&a.stake))
            .then(a.field.cmp(&b.field))
    });
    out
}

/// The missing answers that, given together, move the recommendation to another motion:
/// empty when no such set is found. For each other motion in turn, the missing answers
/// are given one at a time, each the value that does most for that motion (see
/// [`Outcome::standing`]), keeping the earlier ones; an answer that does nothing for it is left
/// out. Trying every combination would take too long for a sparse profile; this finds
/// the common case, where each answer lifts one of several vetoes on the same motion.
fn jointly_decisive<'a>(
    facts: &Facts,
    set: &RuleSet,
    states: &States,
    fields: &[(&'a str, &[usize])],
) -> Vec<&'a str> {
    let start = Outcome::of(set, states);
    let others = (0..set.policy.motions.len()).filter(|&m| m != start.recommended());
    for motion in others {
        let mut what_if = facts.clone();
        let mut current_standing = start.standing(motion);
        let mut given = Vec::new();
        for &(field, readers) in fields {
            let mut best: Option<(Fact, Outcome)> = None;
            for value in candidates(field, readers, &what_if, set) {
                what_if.insert(field.to_string(), value.clone());
                let after = outcome_on(set, &what_if);
                let reached = after.standing(motion);
                if reached > current_standing {
                    current_standing = reached;
                    best = Some((value, after));
                }
            }
            match best {
                Some((value, after)) => {
                    what_if.insert(field.to_string(), value);
                    given.push(field);
                    if after.recommended() == motion {
                        return given;
                    }
                }
                None => {
                    what_if.remove(field);
                }
            }
        }
    }
    Vec::new()
}

/// The outcome had the answers been `facts`: every rule evaluated again, then decided.
fn outcome_on(set: &RuleSet, facts: &Facts) -> Outcome {
    Outcome::of(set, &set.states(facts))
}

/// Points and vetoes riding on a rule, to order the answers it waits for.
fn stake(rule: &Rule) -> i64 {
    let points: i64 = rule.weight.values().map(|w| *w.get_ref()).sum();
    let caps = rule.cap.met.len() + rule.cap.unmet.len() + rule.cap.not_met.len();
    points + 100 * caps as i64
}

/// The answers worth trying for a field: enough to reach every branch of every
/// condition that reads it. `readers` are the rules that see the field.
fn candidates(field: &str, readers: &[usize], facts: &Facts, set: &RuleSet) -> Vec<Fact> {
    let Some(kind) = catalog::kind(field) else {
        return Vec::new();
    };
    match &kind {
        FieldKind::Bool => vec![Fact::Bool(true), Fact::Bool(false)],
        FieldKind::Choice(words) => words.iter().map(|w| Fact::Text(w.clone())).collect(),
        FieldKind::Text => vec![Fact::Text("given".into())],
        FieldKind::List(words) => std::iter::once(Vec::new())
            .chain(words.iter().map(|w| vec![w.clone()]))
            .chain(std::iter::once(words.clone()))
            .map(Fact::List)
            .collect(),
        FieldKind::Number { min, max, whole } => {
            let step = if *whole { 1.0 } else { 0.5 };
            let mut numbers = vec![*min, *max];
            for bound in thresholds(field, readers, facts, set) {
                numbers.extend([bound - step, bound, bound + step]);
            }
            numbers.retain(|n| n >= min && n <= max);
            numbers.sort_by(f64::total_cmp);
            numbers.dedup();
            numbers.into_iter().map(Fact::Number).collect()
        }
    }
}

/// Every number the rules compare the field with; for ratios, the value that puts the
/// ratio on its bound given the other side's answer. Only the rules in `readers` can
/// compare it, so only those are searched; the caller sorts the numbers.
fn thresholds(field: &str, readers: &[usize], facts: &Facts, set: &RuleSet) -> Vec<f64> {
    let number = |name: &str| match facts.get(name) {
        Some(Fact::Number(n)) => Some(*n),
        _ => None,
    };
    let mut out = Vec::new();
    for rule in readers.iter().map(|&i| &set.rules[i]) {
        for n in rule.when.numbers() {
            match n.over {
                None if n.field == field => out.push(n.value),
                None => {}
                Some(over) if n.field == field => out.extend(number(over).map(|o| o * n.value)),
                Some(over) if over == field => out.extend(number(n.field).map(|t| t / n.value)),
                Some(_) => {}
            }
        }
    }
    out
}
