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
    /// Where the decision flow leads, when its answers are given.
    pub flow: Option<String>,
    pub gate: GateStatus,
    /// Readiness-gate lines not known to hold, each named by what it needs, in the
    /// gate's order.
    pub waits_on: Vec<String>,
    /// The state of each line that weighs on the verdict (the gate's, then the
    /// recommended motion's reasons), with its name: what a change moved is read here.
    pub lines: Vec<(String, Truth, String)>,
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
    let a = crate::assess(&profile, set);
    // A line is named by what it needs (`blocked`, when that quotes no answer), else by
    // its title: both read the same whether the line holds or not.
    let name = |id: &str| -> String {
        let Some(rule) = set.get(id) else {
            return id.to_string();
        };
        match &rule.message.blocked {
            Some(b) if b.fields().next().is_none() => b.as_str().to_string(),
            _ => lowercase_first(&rule.title),
        }
    };
    let recommended = a
        .motions
        .iter()
        .find(|m| m.motion == a.recommendation.motion);
    let lines = a
        .gate
        .conditions
        .iter()
        .map(|c| (c.rule.clone(), c.state))
        .chain(
            recommended
                .into_iter()
                .flat_map(|m| m.reasons.iter().map(|r| (r.rule.clone(), r.state))),
        )
        .map(|(rule, state)| {
            let named = name(&rule);
            (rule, state, named)
        })
        .collect();
    Some(Verdict {
        motion: a.recommendation.motion.clone(),
        score: a.recommendation.score,
        flow: a.recommendation.flow_leads_to.clone(),
        gate: a.gate.status,
        waits_on: a
            .gate
            .conditions
            .iter()
            .filter(|c| c.state != Truth::Met)
            .map(|c| name(&c.rule))
            .collect(),
        lines,
    })
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The narrowest terminal the line must fit on one line of.
#[cfg(test)]
const WIDTH: usize = 79;

/// `Verdict: co-sell 84 -> 92: now equal pay for sellers on co-sold deals, gate
/// still wait: waits on enough shared target accounts`, against the verdict
/// shown before (if any), cut to one line of `width` columns: the gate's lines are counted
/// instead of named, then what moved it is shortened, when the whole does not fit.
pub fn line(before: Option<&Verdict>, now: &Verdict, width: usize) -> String {
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
    let flow = match &now.flow {
        Some(flow) if *flow != now.motion => format!(", flow leads to {flow}"),
        _ => String::new(),
    };
    let gate = match before {
        Some(b) if b.gate != now.gate => {
            format!("gate {} -> {}", b.gate.as_str(), now.gate.as_str())
        }
        Some(_) => format!("gate still {}", now.gate.as_str()),
        None => format!("gate {}", now.gate.as_str()),
    };
    let count = match (now.gate, now.waits_on.len()) {
        (GateStatus::Green, _) | (_, 0) => String::new(),
        (_, 1) => ": 1 line left".to_string(),
        (_, n) => format!(": {n} lines left"),
    };
    let named = match (now.gate, now.waits_on.as_slice()) {
        (GateStatus::Green, _) | (_, []) => String::new(),
        (_, [only]) => format!(": waits on {only}"),
        (_, [first, rest @ ..]) => format!(": waits on {first} (+{})", rest.len()),
    };
    let moved = before.and_then(|b| what_moved(b, now)).unwrap_or_default();
    let heading = if before.is_none() {
        "Verdict so far"
    } else {
        "Verdict"
    };
    // What moved comes right after the score it moved; the gate ends the line.
    let fit = |moved: &str, waits: &str| format!("{heading}: {motion}{flow}{moved}, {gate}{waits}");
    for waits in [&named, &count] {
        let whole = fit(&moved, waits);
        if whole.chars().count() <= width {
            return whole;
        }
    }
    let room = width.saturating_sub(fit("", &count).chars().count());
    if room < 12 {
        return fit("", &count);
    }
    let cut: String = moved.chars().take(room - 1).collect();
    fit(&format!("{}…", cut.trim_end()), &count)
}

/// The first line, gate first, whose state the last change moved, the change first so a
/// cut keeps it: `: now NAME` (or `: no longer NAME`, `: not known now, NAME`).
fn what_moved(before: &Verdict, now: &Verdict) -> Option<String> {
    now.lines.iter().find_map(|(rule, state, name)| {
        let was = before
            .lines
            .iter()
            .find(|(r, _, _)| r == rule)
            .map(|(_, s, _)| *s);
        match (was, state) {
            (Some(was), now) if was == *now => None,
            (_, Truth::Met) => Some(format!(": now {name}")),
            (_, Truth::Unmet) => Some(format!(": no longer {name}")),
            (_, Truth::Unknown) => Some(format!(": not known now, {name}")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(motion: &str, score: u8, gate: GateStatus, left: usize) -> Verdict {
        Verdict {
            motion: motion.into(),
            score,
            flow: Some(motion.into()),
            gate,
            waits_on: (0..left).map(|i| format!("line {i}")).collect(),
            lines: Vec::new(),
        }
    }

    #[test]
    fn the_line_says_what_moved() {
        let before = v("co-sell", 71, GateStatus::Wait, 2);
        assert_eq!(
            line(Some(&before), &v("co-sell", 84, GateStatus::Wait, 1), WIDTH),
            "Verdict: co-sell 71 -> 84, gate still wait: waits on line 0"
        );
        assert_eq!(
            line(
                Some(&before),
                &v("referral", 60, GateStatus::Wait, 3),
                WIDTH
            ),
            "Verdict: referral 60 (was co-sell 71), gate still wait: waits on line 0 (+2)"
        );
        assert_eq!(
            line(
                Some(&before),
                &v("co-sell", 90, GateStatus::Green, 0),
                WIDTH
            ),
            "Verdict: co-sell 71 -> 90, gate wait -> green"
        );
        assert_eq!(
            line(None, &before, WIDTH),
            "Verdict so far: co-sell 71, gate wait: waits on line 0 (+1)"
        );
    }

    #[test]
    fn the_line_names_the_flow_and_what_the_change_moved_in_one_line_of_80() {
        let mut before = v("referral", 60, GateStatus::Wait, 1);
        before.flow = Some("co-sell".into());
        before.waits_on = vec!["equal pay for sellers on co-sold deals".into()];
        before.lines = vec![(
            "gate.reps-paid-equally".into(),
            Truth::Unmet,
            "equal pay for sellers on co-sold deals".into(),
        )];
        let mut now = v("co-sell", 92, GateStatus::Green, 0);
        now.lines = vec![(
            "gate.reps-paid-equally".into(),
            Truth::Met,
            "equal pay for sellers on co-sold deals".into(),
        )];
        assert_eq!(
            line(None, &before, WIDTH),
            "Verdict so far: referral 60, flow leads to co-sell, gate wait: 1 line left"
        );
        let moved = line(Some(&before), &now, WIDTH);
        assert_eq!(
            moved,
            "Verdict: co-sell 92 (was referral 60): now equal pay for s…, gate wait -> green"
        );
        // With room, what moved is said whole.
        now.motion = "referral".into();
        now.flow = Some("referral".into());
        (before.score, now.score) = (8, 9);
        before.lines[0].2 = "equal pay".into();
        now.lines[0].2 = "equal pay".into();
        assert_eq!(
            line(Some(&before), &now, WIDTH),
            "Verdict: referral 8 -> 9: now equal pay, gate wait -> green"
        );
        assert!(moved.chars().count() <= WIDTH, "{moved}");
        // Long names are counted, then cut, never wrapped onto a second line.
        let mut long = before.clone();
        long.waits_on = vec!["a very long name of what the gate waits on ".repeat(3)];
        assert!(line(None, &long, WIDTH).chars().count() <= WIDTH);
        assert!(
            line(None, &long, WIDTH).ends_with(": 1 line left"),
            "{}",
            line(None, &long, WIDTH)
        );
    }

    #[test]
    fn answers_without_names_still_have_a_verdict() {
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        let verdict = of(&Facts::new(), crate::profile::catalog::fields(), &set).unwrap();
        assert_eq!(verdict.gate, GateStatus::Wait);
        assert!(!verdict.waits_on.is_empty());
    }
}
