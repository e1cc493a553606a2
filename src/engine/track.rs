//! A separate track: when a `track` rule is met, the rules of the kinds that stand apart
//! ([`crate::rules::Kind::stands_apart`]) make an assessment of their own beside the
//! motions. Tiers that apply (or may) are listed in order, each with the state its
//! requirements give it; the verdict is the first `worth` rule met in order. Pure, like
//! the rest of the engine, and knows nothing of what the tiers are about.

use crate::condition::Truth;
use crate::rules::{Body, RuleSet, States};

/// What a met track concludes, by rule index.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackOutcome {
    /// The `track` rule that is met.
    pub track: usize,
    /// The tiers that apply or may apply (an unknown tier is shown, not hidden), in order.
    pub tiers: Vec<TierOutcome>,
    /// The first `worth` rule met, in order.
    pub worth: Option<usize>,
    /// `worth` rules before it whose state is unknown and whose verdict differs:
    /// answering them could change the verdict.
    pub undecided: Vec<usize>,
    /// The `view` rules, in id order.
    pub views: Vec<usize>,
    /// The `factor` rules, in id order.
    pub factors: Vec<usize>,
}

/// One tier and its requirements.
#[derive(Debug, Clone, PartialEq)]
pub struct TierOutcome {
    pub tier: usize,
    /// Whether the tier applies to the profile (unknown when an answer it reads is missing).
    pub applies: Truth,
    /// Unmet when a requirement is unmet; else unknown when one is unknown; else met.
    pub status: Truth,
    /// The tier's requirements, in id order.
    pub requirements: Vec<usize>,
}

/// The track's outcome, when a `track` rule is met (the first, in id order).
pub fn evaluate(set: &RuleSet, states: &States) -> Option<TrackOutcome> {
    let of_kind = |wanted: fn(&Body) -> bool| -> Vec<usize> {
        (0..set.rules.len())
            .filter(|&i| wanted(&set.rules[i].body))
            .collect()
    };
    let track = of_kind(|b| matches!(b, Body::Track))
        .into_iter()
        .find(|&i| states.at(i) == Truth::Met)?;
    let mut tiers: Vec<TierOutcome> = of_kind(|b| matches!(b, Body::Tier { .. }))
        .into_iter()
        .filter(|&i| states.at(i) != Truth::Unmet)
        .map(|tier| {
            let id = set.rules[tier].id();
            let requirements: Vec<usize> = of_kind(
                |b| matches!(b, Body::Requirement { .. }),
            )
            .into_iter()
            .filter(|&r| matches!(&set.rules[r].body, Body::Requirement { tier: t, .. } if t.get_ref() == id))
            .collect();
            let gate: Vec<Truth> = requirements.iter().map(|&r| states.at(r)).collect();
            let status = if gate.contains(&Truth::Unmet) {
                Truth::Unmet
            } else if gate.contains(&Truth::Unknown) {
                Truth::Unknown
            } else {
                Truth::Met
            };
            TierOutcome {
                tier,
                applies: states.at(tier),
                status,
                requirements,
            }
        })
        .collect();
    // Stable, over id order: ids break ties of order.
    tiers.sort_by_key(|t| set.rules[t.tier].body.order().unwrap_or(i64::MAX));
    let mut worth_rules = of_kind(|b| matches!(b, Body::Worth { .. }));
    worth_rules.sort_by_key(|&i| set.rules[i].body.order().unwrap_or(i64::MAX));
    let mut worth = None;
    let mut undecided = Vec::new();
    for i in worth_rules {
        match states.at(i) {
            Truth::Met => {
                worth = Some(i);
                break;
            }
            Truth::Unknown => undecided.push(i),
            Truth::Unmet => {}
        }
    }
    let verdict_of = |i: usize| match &set.rules[i].body {
        Body::Worth { verdict, .. } => Some(*verdict),
        _ => None,
    };
    let chosen = worth.and_then(verdict_of);
    undecided.retain(|&i| chosen.is_none() || verdict_of(i) != chosen);
    Some(TrackOutcome {
        track,
        tiers,
        worth,
        undecided,
        views: of_kind(|b| matches!(b, Body::View)),
        factors: of_kind(|b| matches!(b, Body::Factor)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::condition::{Fact, Facts};
    use crate::rules::RuleSource;

    fn outcome(answers: &[(&str, Fact)]) -> Option<(TrackOutcome, RuleSet)> {
        let set = crate::rules::load(&RuleSource::Embedded).expect("shipped rules load");
        let mut facts: Facts = answers
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        // As in an assessment: answers other fields state are filled in first.
        crate::rules::relation::apply(&set.policy.relations, &mut facts);
        let states = set.states(&facts);
        evaluate(&set, &states).map(|o| (o, set))
    }

    fn text(s: &str) -> Fact {
        Fact::Text(s.into())
    }

    #[test]
    fn no_track_for_a_peer_partner() {
        assert!(outcome(&[("partner.type", text("si"))]).is_none());
    }

    #[test]
    fn an_unmet_gate_fails_the_tier_and_unknown_gates_alone_leave_it_unknown() {
        let base = [
            ("partner.type", text("hyperscaler")),
            ("cloud.provider", text("aws")),
        ];
        let (o, set) = outcome(&[
            base[0].clone(),
            base[1].clone(),
            ("cloud.listing", text("none")),
        ])
        .unwrap();
        // ISV Accelerate, the listing as referral, marketplace sell-through.
        assert_eq!(o.tiers.len(), 3, "only the provider's tiers");
        assert!(o
            .tiers
            .iter()
            .all(|t| set.rules[t.tier].id().starts_with("program.aws-")));
        assert_eq!(o.tiers[0].status, Truth::Unmet);
        let (o, _) = outcome(&[
            base[0].clone(),
            base[1].clone(),
            ("cloud.listing", text("listed")),
        ])
        .unwrap();
        assert_eq!(o.tiers[0].status, Truth::Unknown);
    }

    #[test]
    fn the_first_verdict_met_in_order_wins_and_only_other_verdicts_could_change_it() {
        let (o, set) = outcome(&[
            ("partner.type", text("hyperscaler")),
            ("cloud.provider", text("gcp")),
            ("cloud.hosted_on", text("own")),
        ])
        .unwrap();
        let worth = o.worth.map(|i| set.rules[i].id());
        assert_eq!(worth, Some("program.worth-not-hosted-here"));
        assert!(o.undecided.is_empty(), "{:?}", o.undecided);
    }
}
