//! The portfolio focus of a run on several profiles: the few partners to work now, the
//! ones to keep warm and the ones to pause, each with its reason. The split is policy
//! data (`[portfolio]` of `rules/policy.toml`); this module only applies it to the
//! ranking.

use schemars::JsonSchema;
use serde::Serialize;

use super::ranking::ranked;
use super::{Assessment, Entry};
use crate::rules::model::{PortfolioPolicy, ReasonName, Worth};
use crate::rules::template::Template;

/// Contract addition: `portfolio` of the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Portfolio {
    pub title: String,
    /// Where the split comes from.
    pub source: String,
    /// The partners to work now, best first.
    pub focus: Vec<Pick>,
    /// The partners to keep warm on referral.
    pub keep_warm: Vec<Pick>,
    /// The partners to pause.
    pub pause: Vec<Pick>,
    /// What each group is called in the text reports.
    #[serde(skip)]
    pub labels: [String; 3],
}

/// One partner in a group, with why it is there.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Pick {
    pub profile: String,
    pub partner: Option<String>,
    pub motion: String,
    pub score: u8,
    pub reason: String,
}

/// A group of the focus with its label, for the renderers.
pub struct Group<'a> {
    pub label: &'a str,
    pub partners: &'a [Pick],
}

#[derive(Clone, Copy, PartialEq)]
enum Place {
    Focus,
    Fill,
    BeyondMax,
    KeepWarm,
    Pause,
    /// Paused: its motion can run, but scores too low to be worth the time.
    PauseLowScore,
    /// Paused while missing answers, not blockers, keep every motion from running.
    PauseUnknown,
    /// On a program of its own, which the decision says to pursue now.
    ProgramPursue,
    /// On a program of its own, which the decision does not pursue now (or cannot
    /// judge yet).
    ProgramWait,
}

impl Portfolio {
    /// The split of the assessed entries, in ranking order within each group.
    pub fn new(entries: &[Entry], policy: &PortfolioPolicy) -> Self {
        let min = usize::try_from(*policy.focus_min.get_ref()).unwrap_or(0);
        let max = usize::try_from(*policy.focus_max.get_ref()).unwrap_or(0);
        let ranked = ranked(entries);
        let mut places: Vec<Place> = Vec::with_capacity(ranked.len());
        let mut focused = 0;
        let reasons = &policy.reason;
        for a in &ranked {
            // A partner on a program follows the program decision: what could run beside
            // it (a referral fee to a hyperscaler) is not the decision.
            let program = a.recommendation.program.as_ref();
            let place = if let (Some(decision), Some(_), Some(_)) =
                (program, &reasons.program_pursue, &reasons.program_wait)
            {
                if decision.verdict == Some(Worth::Pursue) && focused < max {
                    focused += 1;
                    Place::ProgramPursue
                } else {
                    Place::ProgramWait
                }
            } else if !runnable(a)
                && a.recommendation.blocked_by.is_empty()
                && reasons.pause_unknown.is_some()
            {
                Place::PauseUnknown
            } else if runnable(a)
                && i64::from(a.recommendation.score) < *policy.pause_below_score.get_ref()
                && reasons.pause_low_score.is_some()
            {
                Place::PauseLowScore
            } else if !runnable(a)
                || i64::from(a.recommendation.score) < *policy.pause_below_score.get_ref()
            {
                Place::Pause
            } else if qualifies(a, policy) {
                if focused < max {
                    focused += 1;
                    Place::Focus
                } else {
                    Place::BeyondMax
                }
            } else {
                Place::KeepWarm
            };
            places.push(place);
        }
        // Too few ready: the best-ranked of the rest that can run a motion complete
        // the working set.
        for place in places.iter_mut() {
            if focused >= min {
                break;
            }
            if *place == Place::KeepWarm {
                *place = Place::Fill;
                focused += 1;
            }
        }
        let mut out = Portfolio {
            title: policy.title.clone(),
            source: policy.source.clone(),
            focus: Vec::new(),
            keep_warm: Vec::new(),
            pause: Vec::new(),
            labels: [
                policy.label.focus.clone(),
                policy.label.keep_warm.clone(),
                policy.label.pause.clone(),
            ],
        };
        for (a, place) in ranked.iter().zip(places) {
            // Each optional sentence is present whenever its place is chosen (above).
            let optional = |t: &'_ Option<Template<ReasonName>>| {
                t.clone().unwrap_or_else(|| reasons.pause.clone())
            };
            let (template, group) = match place {
                Place::Focus => (reasons.focus.clone(), &mut out.focus),
                Place::Fill => (reasons.fill.clone(), &mut out.focus),
                Place::BeyondMax => (reasons.beyond_max.clone(), &mut out.keep_warm),
                Place::KeepWarm => (reasons.keep_warm.clone(), &mut out.keep_warm),
                Place::Pause => (reasons.pause.clone(), &mut out.pause),
                Place::PauseUnknown => (optional(&reasons.pause_unknown), &mut out.pause),
                Place::PauseLowScore => (optional(&reasons.pause_low_score), &mut out.pause),
                Place::ProgramPursue => (optional(&reasons.program_pursue), &mut out.focus),
                Place::ProgramWait => (optional(&reasons.program_wait), &mut out.pause),
            };
            // Named by their questions, as the partner's own report names them.
            let fields = a
                .recommendation
                .waiting_on
                .iter()
                .map(|f| {
                    a.unknowns
                        .iter()
                        .find(|u| &u.field == f)
                        .map_or(f.as_str(), |u| u.question.as_str())
                })
                .collect::<Vec<_>>()
                .join(" ");
            let worth = a
                .recommendation
                .program
                .as_ref()
                .map(|p| p.words.clone())
                .unwrap_or_default();
            let said = template.fill(|name| match name {
                ReasonName::Motion => a.recommendation.motion.clone(),
                ReasonName::Score => a.recommendation.score.to_string(),
                ReasonName::Min => min.to_string(),
                ReasonName::Max => max.to_string(),
                ReasonName::Fields => fields.clone(),
                ReasonName::Worth => worth.clone(),
            });
            // The work the partner's own report puts first, named the same way here;
            // a program partner's decision is the program's, not a motion's plan.
            let first = a
                .plan
                .steps
                .first()
                .filter(|_| a.recommendation.program.is_none());
            let reason = match (first, &reasons.first) {
                (Some(step), Some(sentence)) => {
                    format!("{said} {}", sentence.fill(|_| step.fix.as_str()))
                }
                _ => said,
            };
            group.push(Pick {
                profile: a.profile.clone(),
                partner: a.partner.clone(),
                motion: a.recommendation.motion.clone(),
                score: a.recommendation.score,
                reason,
            });
        }
        out
    }

    /// The three groups in reading order, with their labels.
    pub fn groups(&self) -> [Group<'_>; 3] {
        [
            Group {
                label: &self.labels[0],
                partners: &self.focus,
            },
            Group {
                label: &self.labels[1],
                partners: &self.keep_warm,
            },
            Group {
                label: &self.labels[2],
                partners: &self.pause,
            },
        ]
    }
}

/// Nothing holds the recommended motion down.
fn runnable(a: &Assessment) -> bool {
    a.motions
        .iter()
        .find(|m| m.motion == a.recommendation.motion)
        .is_some_and(|m| m.blocked_by.is_empty())
}

fn qualifies(a: &Assessment, policy: &PortfolioPolicy) -> bool {
    policy
        .focus_motions
        .iter()
        .any(|m| *m.get_ref() == a.recommendation.motion)
        && i64::from(a.recommendation.score) >= *policy.focus_min_score.get_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(names: &[&str]) -> Vec<Entry> {
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        names
            .iter()
            .map(|n| {
                let path = std::path::PathBuf::from(format!("examples/{n}.toml"));
                let profile = crate::profile::load(&path).unwrap();
                let mut a = crate::assess(&profile, &set);
                a.profile = path.display().to_string();
                Entry::Assessed(Box::new(a))
            })
            .collect()
    }

    fn policy() -> PortfolioPolicy {
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        set.policy
            .portfolio
            .clone()
            .expect("the built-in policy has a portfolio")
    }

    #[test]
    fn ready_partners_are_focused_and_the_rest_fill_up_to_the_minimum() {
        let p = Portfolio::new(
            &entries(&[
                "reseller-ready",
                "ready-to-co-sell",
                "pre-pmf",
                "introductions-only",
            ]),
            &policy(),
        );
        let names = |g: &[Pick]| g.iter().map(|p| p.profile.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&p.focus)[..2],
            [
                "examples/reseller-ready.toml",
                "examples/ready-to-co-sell.toml"
            ]
        );
        assert_eq!(p.focus.len(), 3, "{p:#?}");
        assert!(p.focus[2].reason.contains("its minimum size (3)"), "{p:#?}");
        assert!(
            p.focus[0].reason.starts_with("ready for reseller"),
            "{p:#?}"
        );
        assert_eq!(p.focus.len() + p.keep_warm.len() + p.pause.len(), 4);
    }

    #[test]
    fn the_working_set_stops_at_its_maximum() {
        let mut policy = policy();
        policy.focus_max = toml::Spanned::new(0..0, 1);
        policy.focus_min = toml::Spanned::new(0..0, 1);
        let p = Portfolio::new(&entries(&["reseller-ready", "ready-to-co-sell"]), &policy);
        assert_eq!(p.focus.len(), 1);
        assert_eq!(p.keep_warm.len(), 1);
        assert!(
            p.keep_warm[0]
                .reason
                .contains("the working set is full (its maximum size is 1)"),
            "{p:#?}"
        );
    }

    #[test]
    fn a_partner_below_the_pause_score_is_paused() {
        let mut policy = policy();
        let pre_pmf = entries(&["pre-pmf"]);
        let Entry::Assessed(a) = &pre_pmf[0] else {
            panic!("the example is assessed")
        };
        let r = &a.recommendation;
        // One point above its score: the partner is just below the bar.
        policy.pause_below_score = toml::Spanned::new(0..0, i64::from(r.score) + 1);
        let p = Portfolio::new(&pre_pmf, &policy);
        assert_eq!(p.pause.len(), 1, "{p:#?}");
        // Its motion can run: the reason says the score is too low, not that nothing
        // can run.
        let low = format!("{} can run, but at {}/100", r.motion, r.score);
        assert!(p.pause[0].reason.starts_with(&low), "{p:#?}");
        assert!(p.focus.is_empty());
    }
}
