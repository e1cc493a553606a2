//! The engine: `(facts, rule set) -> Evaluation`. Pure and deterministic: no IO, no
//! printing, and no knowledge of what the rules are about. It knows rules, states,
//! weights, caps, a question flow and "targets" (the motions named in the policy).

use std::collections::{BTreeMap, BTreeSet};

use crate::condition::{Facts, Truth};
use crate::rules::model::Next;
use crate::rules::{Kind, RuleSet, States, Verdict};

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
    let states = set.states(facts, &States::new());
    let decision = decide(set, &states);
    let unknowns = unknowns(facts, set, &states, &decision);
    Evaluation {
        states,
        decision,
        unknowns,
    }
}

/// Derives scores, caps, the flow and the recommendation from rule states.
pub fn decide(set: &RuleSet, states: &States) -> Decision {
    let motions = &set.policy.motions;
    let state = |id: &str| states.get(id).copied().unwrap_or(Truth::Unknown);

    let mut scores = BTreeMap::new();
    let mut caps: BTreeMap<String, Vec<(String, Verdict)>> = BTreeMap::new();
    for motion in motions {
        let (mut earned, mut possible) = (0, 0);
        for rule in &set.rules {
            let weight = rule.weight_for(motion);
            possible += weight;
            if state(rule.id()) == Truth::Met {
                earned += weight;
            }
        }
        let percent = if possible == 0 {
            0
        } else {
            ((100 * earned) as f64 / possible as f64).round() as u8
        };
        scores.insert(
            motion.clone(),
            Score {
                earned,
                possible,
                percent,
            },
        );
        caps.insert(motion.clone(), Vec::new());
    }
    for rule in &set.rules {
        for (motion, verdict) in rule.caps_in(state(rule.id())) {
            if let Some(list) = caps.get_mut(motion) {
                list.push((rule.id().to_string(), verdict));
            }
        }
    }

    let (path, flow_motion) = walk_flow(set, states);
    let ceiling = |m: &str| caps.get(m).and_then(|c| c.iter().map(|(_, v)| *v).min());
    let rank = |m: &String| motions.iter().position(|x| x == m).unwrap_or(usize::MAX);
    let best_by = |candidates: Vec<&String>| -> Option<String> {
        candidates
            .into_iter()
            .max_by(|a, b| {
                let (sa, sb) = (scores[*a].percent, scores[*b].percent);
                // Higher score wins; on a tie the earlier (lighter) motion wins.
                sa.cmp(&sb).then(rank(b).cmp(&rank(a)))
            })
            .cloned()
    };
    let runnable: Vec<&String> = motions.iter().filter(|m| ceiling(m).is_none()).collect();
    let recommended = match &flow_motion {
        Some(m) if ceiling(m).is_none() => Some(m.clone()),
        _ => best_by(runnable),
    }
    .or_else(|| {
        // Nothing can run: the motion with the loosest ceiling, then the best score.
        let loosest = motions.iter().filter_map(|m| ceiling(m)).max()?;
        best_by(
            motions
                .iter()
                .filter(|m| ceiling(m) == Some(loosest))
                .collect(),
        )
    })
    .unwrap_or_default();

    let viable_min = *set.policy.viable_min_score.get_ref();
    let verdicts = motions
        .iter()
        .map(|m| {
            let verdict = if *m == recommended {
                Verdict::Recommended
            } else if let Some(cap) = ceiling(m) {
                cap
            } else if i64::from(scores[m].percent) >= viable_min {
                Verdict::Viable
            } else {
                Verdict::NotYet
            };
            (m.clone(), verdict)
        })
        .collect();
    Decision {
        scores,
        caps,
        path,
        flow_motion,
        recommended,
        verdicts,
    }
}

/// Walks the questions from the policy's start; stops at an unknown answer.
fn walk_flow(set: &RuleSet, states: &States) -> (Vec<(String, Truth)>, Option<String>) {
    let mut path = Vec::new();
    let mut current = set.policy.flow_start.get_ref().clone();
    let mut seen = BTreeSet::new();
    while seen.insert(current.clone()) {
        let Some(rule) = set.get(&current) else { break };
        let (Some(answer), Kind::Question) = (&rule.answer, *rule.kind.get_ref()) else {
            break;
        };
        let state = states.get(&current).copied().unwrap_or(Truth::Unknown);
        path.push((current.clone(), state));
        let next = match state {
            Truth::Met => answer.yes.get_ref(),
            Truth::Unmet => answer.no.get_ref(),
            Truth::Unknown => return (path, None),
        };
        match next {
            Next::Motion(m) => return (path, Some(m.clone())),
            Next::Next(id) => current = id.clone(),
        }
    }
    (path, None)
}

/// For each missing answer, whether giving it could change the recommendation: the rules
/// it leaves unknown are forced met, then unmet, and the decision is taken again.
fn unknowns(
    facts: &Facts,
    set: &RuleSet,
    states: &States,
    decision: &Decision,
) -> Vec<UnknownAnswer> {
    let mut by_field: BTreeMap<String, Vec<&crate::rules::Rule>> = BTreeMap::new();
    for rule in &set.rules {
        if states.get(rule.id()) != Some(&Truth::Unknown) {
            continue;
        }
        let mut fields: Vec<&str> = rule
            .when
            .fields()
            .into_iter()
            .map(|f| f.get_ref().as_str())
            .collect();
        fields.sort();
        fields.dedup();
        for field in fields {
            if !facts.contains_key(field) {
                by_field.entry(field.to_string()).or_default().push(rule);
            }
        }
    }
    let changes = |forced: &States| {
        decide(set, &set.states(facts, forced)).recommended != decision.recommended
    };
    let mut out: Vec<UnknownAnswer> = by_field
        .into_iter()
        .map(|(field, rules)| {
            let decisive = [Truth::Met, Truth::Unmet]
                .into_iter()
                .any(|state| changes(&rules.iter().map(|r| (r.id().to_string(), state)).collect()));
            let stake = rules
                .iter()
                .map(|r| {
                    let weights: i64 = r.weight.values().map(|w| *w.get_ref()).sum();
                    let caps = r.cap.met.len() + r.cap.unmet.len() + r.cap.not_met.len();
                    weights + 100 * caps as i64
                })
                .sum();
            let rules = rules.iter().map(|r| r.id().to_string()).collect();
            UnknownAnswer {
                field,
                rules,
                decisive,
                stake,
            }
        })
        .collect();
    out.sort_by(|a, b| b.stake.cmp(&a.stake).then(a.field.cmp(&b.field)));
    // No single answer may tip the decision while several together would: then the
    // shortest run of answers, heaviest first, that tips it is what to ask for.
    if !out.iter().any(|u| u.decisive) {
        for state in [Truth::Met, Truth::Unmet] {
            let mut forced = States::new();
            let tipping = out.iter().position(|u| {
                forced.extend(u.rules.iter().map(|id| (id.clone(), state)));
                changes(&forced)
            });
            if let Some(last) = tipping {
                out.iter_mut()
                    .take(last + 1)
                    .for_each(|u| u.decisive = true);
                break;
            }
        }
    }
    // Stable sort: decisive answers first, each group still heaviest first.
    out.sort_by_key(|u| std::cmp::Reverse(u.decisive));
    out
}
