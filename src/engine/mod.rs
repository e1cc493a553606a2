//! The engine: `(facts, rule set) -> Evaluation`. Pure and deterministic: no IO, no
//! printing, and no knowledge of what the rules are about. It knows rules, states,
//! weights, caps, a question flow and "targets" (the motions named in the policy).

use std::collections::BTreeMap;

use crate::condition::{Facts, Truth};
use crate::rules::model::Next;
use crate::rules::{Body, RuleSet, States, Verdict};

mod unknowns;

/// Everything the engine concludes about one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub states: States,
    pub decision: Decision,
    /// Missing answers that leave some rule unknown, most decisive first.
    pub unknowns: Vec<UnknownAnswer>,
}

/// Scores, caps, flow and the recommendation, derived from rule states.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub scores: BTreeMap<String, Score>,
    /// The ceilings in force per motion, with the rule that set each.
    pub caps: BTreeMap<String, Vec<(String, Verdict)>>,
    /// The questions walked, with their states.
    pub path: Vec<(String, Truth)>,
    /// The motion the flow ends on, if it got that far.
    pub flow_motion: Option<String>,
    pub recommended: String,
    pub verdicts: BTreeMap<String, Verdict>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub earned: i64,
    pub possible: i64,
    /// `round(100 * earned / possible)`, 0 when nothing can be earned.
    pub percent: u8,
}

/// A missing answer and what it could change.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownAnswer {
    pub field: String,
    /// The rules the missing answer leaves unknown.
    pub rules: Vec<String>,
    /// Answering it could change the recommended motion.
    pub decisive: bool,
    /// Points and caps riding on it, for ordering.
    pub stake: i64,
}

/// Evaluates a profile's facts against a rule set.
pub fn evaluate(facts: &Facts, set: &RuleSet) -> Evaluation {
    let states = set.states(facts);
    let tally = Tally::new(set, &states);
    let decision = decide_from(set, &states, &tally);
    let unknowns = unknowns::weigh(facts, set, &states, &tally, &decision);
    Evaluation {
        states,
        decision,
        unknowns,
    }
}

/// The numbers a decision is made from, by motion index: cheap to recompute, which the
/// "what if this answer were given" questions do many times.
#[derive(Clone)]
struct Tally {
    earned: Vec<i64>,
    possible: Vec<i64>,
    /// The tightest ceiling on each motion, if any.
    ceiling: Vec<Option<Verdict>>,
    /// Questions walked (rule index, state) and the motion the flow ends on.
    path: Vec<(usize, Truth)>,
    flow_motion: Option<usize>,
}

impl Tally {
    fn new(set: &RuleSet, states: &States) -> Tally {
        let motions = set.policy.motions.len();
        let mut tally = Tally {
            earned: vec![0; motions],
            possible: vec![0; motions],
            ceiling: vec![None; motions],
            path: Vec::new(),
            flow_motion: None,
        };
        for i in 0..set.rules.len() {
            let state = states.at(i);
            for m in 0..motions {
                let points = set.points(i, m);
                tally.possible[m] += points;
                if state == Truth::Met {
                    tally.earned[m] += points;
                }
            }
        }
        tally.ceiling = ceilings(set, states);
        (tally.path, tally.flow_motion) = walk_flow(set, states);
        tally
    }

    /// The tally for `after`, given that this one was taken for `before` and that the two
    /// differ only at the rules in `changed`. Trying a missing answer changes a handful
    /// of rules, so only their points move; ceilings are taken again only when one of
    /// them sets some, and the flow is walked again.
    fn after_change(
        &self,
        set: &RuleSet,
        before: &States,
        after: &States,
        changed: &[usize],
    ) -> Tally {
        let mut earned = self.earned.clone();
        let mut ceilings_moved = false;
        for &i in changed {
            let (was, now) = (before.at(i), after.at(i));
            if was == now {
                continue;
            }
            for (m, earned) in earned.iter_mut().enumerate() {
                let points = set.points(i, m);
                if was == Truth::Met {
                    *earned -= points;
                }
                if now == Truth::Met {
                    *earned += points;
                }
            }
            ceilings_moved |= !set.ceilings(i, was).is_empty() || !set.ceilings(i, now).is_empty();
        }
        let ceiling = if ceilings_moved {
            ceilings(set, after)
        } else {
            self.ceiling.clone()
        };
        let (path, flow_motion) = walk_flow(set, after);
        Tally {
            earned,
            possible: self.possible.clone(),
            ceiling,
            path,
            flow_motion,
        }
    }

    fn percent(&self, m: usize) -> u8 {
        if self.possible[m] == 0 {
            0
        } else {
            ((100 * self.earned[m]) as f64 / self.possible[m] as f64).round() as u8
        }
    }

    /// The flow's motion when nothing caps it; otherwise the best-scoring motion without a
    /// cap; when every motion is capped, the loosest cap, then the best score. Ties go
    /// to the motion listed first in the policy.
    fn recommended(&self) -> usize {
        if let Some(m) = self.flow_motion.filter(|m| self.ceiling[*m].is_none()) {
            return m;
        }
        // `None` (no cap) ranks above every cap; among caps the looser ranks higher.
        let rank = |m: usize| {
            (
                self.ceiling[m].map_or(Verdict::Recommended, |c| c),
                self.percent(m),
            )
        };
        let mut best = 0;
        for m in 1..self.earned.len() {
            if rank(m) > rank(best) {
                best = m;
            }
        }
        best
    }
}

/// The tightest ceiling the rules set on each motion in `states`, if any.
fn ceilings(set: &RuleSet, states: &States) -> Vec<Option<Verdict>> {
    let mut ceiling: Vec<Option<Verdict>> = vec![None; set.policy.motions.len()];
    for i in 0..set.rules.len() {
        for &(m, verdict) in set.ceilings(i, states.at(i)) {
            ceiling[m] = Some(ceiling[m].map_or(verdict, |c| c.min(verdict)));
        }
    }
    ceiling
}

/// Per motion, the rules that cap it in `states` and the verdict each allows, in rule
/// order: one pass over the rules for every motion at once.
fn caps_by_motion(set: &RuleSet, states: &States) -> Vec<Vec<(String, Verdict)>> {
    let mut caps = vec![Vec::new(); set.policy.motions.len()];
    for i in 0..set.rules.len() {
        for &(m, verdict) in set.ceilings(i, states.at(i)) {
            caps[m].push((set.rules[i].id().to_string(), verdict));
        }
    }
    caps
}

/// Derives scores, caps, the flow and the recommendation from rule states.
pub fn decide(set: &RuleSet, states: &States) -> Decision {
    decide_from(set, states, &Tally::new(set, states))
}

/// [`decide`], from the states' tally.
fn decide_from(set: &RuleSet, states: &States, tally: &Tally) -> Decision {
    let motions = &set.policy.motions;
    let recommended = tally.recommended();
    let viable_min = *set.policy.viable_min_score.get_ref();
    let mut scores = BTreeMap::new();
    let mut caps = BTreeMap::new();
    let mut verdicts = BTreeMap::new();
    let mut capping = caps_by_motion(set, states).into_iter();
    for (m, name) in motions.iter().enumerate() {
        let percent = tally.percent(m);
        scores.insert(
            name.clone(),
            Score {
                earned: tally.earned[m],
                possible: tally.possible[m],
                percent,
            },
        );
        caps.insert(name.clone(), capping.next().unwrap_or_default());
        let verdict = if m == recommended {
            Verdict::Recommended
        } else if let Some(cap) = tally.ceiling[m] {
            cap
        } else if i64::from(percent) >= viable_min {
            Verdict::Viable
        } else {
            Verdict::NotYet
        };
        verdicts.insert(name.clone(), verdict);
    }
    Decision {
        scores,
        caps,
        path: tally
            .path
            .iter()
            .map(|(i, state)| (set.rules[*i].id().to_string(), *state))
            .collect(),
        flow_motion: tally.flow_motion.map(|m| motions[m].clone()),
        recommended: motions.get(recommended).cloned().unwrap_or_default(),
        verdicts,
    }
}

/// Walks the questions from the policy's start; stops at an unknown answer.
fn walk_flow(set: &RuleSet, states: &States) -> (Vec<(usize, Truth)>, Option<usize>) {
    let mut path = Vec::new();
    let mut current = set.index(set.policy.flow_start.get_ref());
    // Validation rejects loops; the bound keeps an unvalidated set from walking forever.
    while let Some(i) = current.filter(|_| path.len() <= set.rules.len()) {
        let rule = &set.rules[i];
        let Body::Question { answer } = &rule.body else {
            break;
        };
        let state = states.at(i);
        path.push((i, state));
        let next = match state {
            Truth::Met => answer.yes.get_ref(),
            Truth::Unmet => answer.no.get_ref(),
            Truth::Unknown => return (path, None),
        };
        match next {
            Next::Motion(m) => return (path, set.policy.motions.iter().position(|x| x == m)),
            Next::Next(id) => current = set.index(id),
        }
    }
    (path, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::condition::Fact;
    use crate::rules::RuleSource;

    /// Trying an answer moves the tally exactly as taking it from scratch would.
    #[test]
    fn a_tally_after_a_change_is_the_tally_of_the_new_states() {
        let set = crate::rules::load(&RuleSource::Embedded).unwrap();
        let facts = Facts::new();
        let states = set.states(&facts);
        let tally = Tally::new(&set, &states);
        for (field, readers) in set.readers() {
            for value in [
                Fact::Bool(true),
                Fact::Number(50.0),
                Fact::Text("si".into()),
            ] {
                let mut what_if = facts.clone();
                what_if.insert(field.to_string(), value);
                let after = set.restate(&states, &what_if, field);
                let moved = tally.after_change(&set, &states, &after, readers);
                let fresh = Tally::new(&set, &after);
                assert_eq!(moved.earned, fresh.earned, "{field}");
                assert_eq!(moved.possible, fresh.possible, "{field}");
                assert_eq!(moved.ceiling, fresh.ceiling, "{field}");
                assert_eq!(moved.path, fresh.path, "{field}");
                assert_eq!(moved.flow_motion, fresh.flow_motion, "{field}");
            }
        }
    }
}
