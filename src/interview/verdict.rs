//! The live verdict: one line with the recommended motion, its score and the gate,
//! recomputed from the answers so far, and what changed since the line was last shown.

use crate::assessment::GateStatus;
use crate::condition::{Facts, Truth};
use crate::profile::catalog::Field;
use crate::rules::RuleSet;

/// The part of an assessment the room watches move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub motion: String,
    pub score: u8,
    pub gate: GateStatus,
    /// Readiness-gate lines not known to hold.
    pub left: usize,
}

/// The verdict on `answers`, assessed as `assess` would the profile they make; `None`
/// when they make no profile yet.
pub fn of<'f>(
    answers: &Facts,
    fields: impl IntoIterator<Item = &'f Field>,
    set: &RuleSet,
) -> Option<Verdict> {
    let text = super::profile_text::render(answers, fields, &[]);
    // The names may not be given yet; they change no verdict.
    let profile: crate::profile::Profile = toml::from_str(&text).ok()?;
    let assessment = crate::assess(&profile, set);
    Some(Verdict {
        motion: assessment.recommendation.motion.clone(),
        score: assessment.recommendation.score,
        gate: assessment.gate.status,
        left: assessment
            .gate
            .conditions
            .iter()
            .filter(|c| c.state != Truth::Met)
            .count(),
    })
}

/// `Verdict: co-sell 71 -> 84, gate still wait: 1 line left`, against the verdict shown
/// before (if any).
pub fn line(before: Option<&Verdict>, now: &Verdict) -> String {
    let motion = match before {
        None => format!("{} {}", now.motion, now.score),
        Some(b) if b.motion != now.motion => {
            format!(
                "{} {} (was {} {})",
                now.motion, now.score, b.motion, b.score
            )
        }
        Some(b) if b.score != now.score => format!("{} {} -> {}", now.motion, b.score, now.score),
        Some(_) => format!("{} {} (unchanged)", now.motion, now.score),
    };
    let gate = match before {
        Some(b) if b.gate != now.gate => {
            format!("gate {} -> {}", b.gate.as_str(), now.gate.as_str())
        }
        Some(_) => format!("gate still {}", now.gate.as_str()),
        None => format!("gate {}", now.gate.as_str()),
    };
    let left = match (now.gate, now.left) {
        (GateStatus::Green, _) | (_, 0) => String::new(),
        (_, 1) => ": 1 line left".to_string(),
        (_, n) => format!(": {n} lines left"),
    };
    let heading = if before.is_none() {
        "Verdict so far"
    } else {
        "Verdict"
    };
    format!("{heading}: {motion}, {gate}{left}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(motion: &str, score: u8, gate: GateStatus, left: usize) -> Verdict {
        Verdict {
            motion: motion.into(),
            score,
            gate,
            left,
        }
    }

    #[test]
    fn the_line_says_what_moved() {
        let before = v("co-sell", 71, GateStatus::Wait, 2);
        assert_eq!(
            line(Some(&before), &v("co-sell", 84, GateStatus::Wait, 1)),
            "Verdict: co-sell 71 -> 84, gate still wait: 1 line left"
        );
        assert_eq!(
            line(Some(&before), &v("referral", 60, GateStatus::Wait, 3)),
            "Verdict: referral 60 (was co-sell 71), gate still wait: 3 lines left"
        );
        assert_eq!(
            line(Some(&before), &v("co-sell", 90, GateStatus::Green, 0)),
            "Verdict: co-sell 71 -> 90, gate wait -> green"
        );
        assert_eq!(
            line(None, &before),
            "Verdict so far: co-sell 71, gate wait: 2 lines left"
        );
    }

    #[test]
    fn answers_without_names_still_have_a_verdict() {
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        let verdict = of(&Facts::new(), crate::profile::catalog::fields(), &set).unwrap();
        assert_eq!(verdict.gate, GateStatus::Wait);
        assert!(verdict.left > 0);
    }
}
