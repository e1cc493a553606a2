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
    let decision = decide(set, &states);
    let unknowns = unknowns::weigh(facts, set, &states, &decision);
    Evaluation {
        states,
        decision,
        unknowns,
    }
}

/// Derives scores, caps, the flow and the recommendation from rule states.
pub fn decide(set: &RuleSet, states: &States) -> Decision {
    let motions = &set.policy.motions;
    let mut earned = vec![0; motions.len()];
    let mut possible = vec![0; motions.len()];
    for i in 0..set.rules.len() {
        let met = states.at(i) == Truth::Met;
        for m in 0..motions.len() {
            let points = set.points(i, m);
            possible[m] += points;
            if met {
                earned[m] += points;
            }
        }
    }
    let percent: Vec<u8> = (0..motions.len())
        .map(|m| percent(earned[m], possible[m]))
        .collect();
    let capping = caps_by_motion(set, states);
    // The tightest ceiling on each motion, if any.
    let ceiling: Vec<Option<Verdict>> = capping
        .iter()
        .map(|caps| caps.iter().map(|&(_, verdict)| verdict).min())
        .collect();
    let (path, flow_motion) = walk_flow(set, states);
    let recommended = recommended(flow_motion, &ceiling, &percent);
    let viable_min = *set.policy.viable_min_score.get_ref();
    let mut scores = BTreeMap::new();
    let mut caps = BTreeMap::new();
    let mut verdicts = BTreeMap::new();
    for ((m, name), capping) in motions.iter().enumerate().zip(capping) {
        scores.insert(
            name.clone(),
            Score {
                earned: earned[m],
                possible: possible[m],
                percent: percent[m],
            },
        );
        caps.insert(name.clone(), capping);
        let verdict = if m == recommended {
            Verdict::Recommended
        } else if let Some(cap) = ceiling[m] {
            cap
        } else if i64::from(percent[m]) >= viable_min {
            Verdict::Viable
        } else {
            Verdict::NotYet
        };
        verdicts.insert(name.clone(), verdict);
    }
    Decision {
        scores,
        caps,
        path: path
            .iter()
            .map(|(i, state)| (set.rules[*i].id().to_string(), *state))
            .collect(),
        flow_motion: flow_motion.map(|m| motions[m].clone()),
        recommended: motions.get(recommended).cloned().unwrap_or_default(),
        verdicts,
    }
}

/// `round(100 * earned / possible)`, 0 when nothing can be earned.
fn percent(earned: i64, possible: i64) -> u8 {
    if possible == 0 {
        0
    } else {
        ((100 * earned) as f64 / possible as f64).round() as u8
    }
}

/// The flow's motion when nothing caps it; otherwise the best-scoring motion without a
/// cap; when every motion is capped, the loosest cap, then the best score. Ties go to
/// the motion listed first in the policy. Motions are by index.
fn recommended(flow_motion: Option<usize>, ceiling: &[Option<Verdict>], percent: &[u8]) -> usize {
    if let Some(m) = flow_motion.filter(|m| ceiling[*m].is_none()) {
        return m;
    }
    // `None` (no cap) ranks above every cap; among caps the looser ranks higher.
    let rank = |m: usize| (ceiling[m].unwrap_or(Verdict::Recommended), percent[m]);
    let mut best = 0;
    for m in 1..percent.len() {
        if rank(m) > rank(best) {
            best = m;
        }
    }
    best
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
