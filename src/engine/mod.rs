//! The engine: `(facts, rule set) -> Evaluation`. Pure and deterministic: no IO, no
//! printing, and no knowledge of what the rules are about. It knows rules, states,
//! weights, caps, a question flow and "targets" (the motions named in the policy).

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::condition::{Facts, Truth};
use crate::rules::model::Next;
use crate::rules::{Body, RuleSet, States, Verdict};

pub mod plan;
pub(crate) mod track;
mod unknowns;
pub mod witness;

pub use track::{TierOutcome, TrackOutcome};

/// Everything the engine concludes about one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub states: States,
    pub decision: Decision,
    /// Missing answers that leave some rule unknown, most decisive first.
    pub unknowns: Vec<UnknownAnswer>,
    /// The separate track's assessment, when a `track` rule is met.
    pub track: Option<TrackOutcome>,
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
    let track = track::evaluate(set, &states);
    Evaluation {
        states,
        decision,
        unknowns,
        track,
    }
}

/// What a decision is made from, by motion index, without naming anything: cheap enough
/// to take for every answer the unknown-answer search tries.
pub(crate) struct Outcome {
    earned: Vec<i64>,
    possible: Vec<i64>,
    percent: Vec<u8>,
    /// The tightest ceiling on each motion, if any.
    ceiling: Vec<Option<Verdict>>,
    /// How many rules cap each motion.
    capped_by: Vec<usize>,
    /// The questions walked (rule index, state) and the motion the flow ends on.
    path: Vec<(usize, Truth)>,
    flow_motion: Option<usize>,
    recommended: usize,
}

impl Outcome {
    /// Scores, ceilings, the flow and the recommendation for rule states.
    pub(crate) fn of(set: &RuleSet, states: &States) -> Outcome {
        let motions = set.policy.motions.len();
        let mut earned = vec![0; motions];
        let mut possible = vec![0; motions];
        let mut ceiling: Vec<Option<Verdict>> = vec![None; motions];
        let mut capped_by = vec![0; motions];
        for i in 0..set.rules.len() {
            let state = states.at(i);
            for m in 0..motions {
                let points = set.points(i, m);
                possible[m] += points;
                if state == Truth::Met {
                    earned[m] += points;
                }
            }
            let ceilings = set.ceilings(i, state);
            for (k, &(m, verdict)) in ceilings.iter().enumerate() {
                ceiling[m] = Some(ceiling[m].map_or(verdict, |c| c.min(verdict)));
                // A rule can cap a motion twice in one state (when unmet, and when not
                // met); it counts once.
                if !ceilings[..k].iter().any(|&(earlier, _)| earlier == m) {
                    capped_by[m] += 1;
                }
            }
        }
        let percent: Vec<u8> = (0..motions)
            .map(|m| percent(earned[m], possible[m]))
            .collect();
        let (path, flow_motion) = walk_flow(set, states);
        let recommended = recommended(flow_motion, &ceiling, &percent);
        Outcome {
            earned,
            possible,
            percent,
            ceiling,
            capped_by,
            path,
            flow_motion,
            recommended,
        }
    }

    /// The motion recommended, by index.
    pub(crate) fn recommended(&self) -> usize {
        self.recommended
    }

    /// How close the motion at `m` is to being recommended, to compare outcomes by:
    /// recommended first, then a looser ceiling, then fewer rules capping it, then the
    /// flow leading to it, then its score.
    pub(crate) fn standing(&self, m: usize) -> (bool, Verdict, Reverse<usize>, bool, u8) {
        (
            self.recommended == m,
            self.ceiling[m].unwrap_or(Verdict::Recommended),
            Reverse(self.capped_by[m]),
            self.flow_motion == Some(m),
            self.percent[m],
        )
    }
}

impl Outcome {
    /// The motion at `m` on this outcome: its score, its verdict (as the decision gives
    /// it), and the motion recommended.
    pub(crate) fn standing_of(&self, m: usize, set: &RuleSet) -> plan::Standing {
        let viable_min = *set.policy.viable_min_score.get_ref();
        let verdict = if m == self.recommended {
            Verdict::Recommended
        } else if let Some(cap) = self.ceiling[m] {
            cap
        } else if i64::from(self.percent[m]) >= viable_min {
            Verdict::Viable
        } else {
            Verdict::NotYet
        };
        plan::Standing {
            percent: self.percent[m],
            verdict,
            recommended: self.recommended,
        }
    }
}

/// Derives scores, caps, the flow and the recommendation from rule states.
pub fn decide(set: &RuleSet, states: &States) -> Decision {
    let motions = &set.policy.motions;
    let outcome = Outcome::of(set, states);
    let mut scores = BTreeMap::new();
    let mut caps = BTreeMap::new();
    let mut verdicts = BTreeMap::new();
    let capping = caps_by_motion(set, states);
    for ((m, name), capping) in motions.iter().enumerate().zip(capping) {
        scores.insert(
            name.clone(),
            Score {
                earned: outcome.earned[m],
                possible: outcome.possible[m],
                percent: outcome.percent[m],
            },
        );
        caps.insert(name.clone(), capping);
        verdicts.insert(name.clone(), outcome.standing_of(m, set).verdict);
    }
    Decision {
        scores,
        caps,
        path: outcome
            .path
            .iter()
            .map(|(i, state)| (set.rules[*i].id().to_string(), *state))
            .collect(),
        flow_motion: outcome.flow_motion.map(|m| motions[m].clone()),
        recommended: motions
            .get(outcome.recommended)
            .cloned()
            .unwrap_or_default(),
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
