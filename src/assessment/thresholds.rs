//! Thresholds as data: the bars a run sets (`--min-score` with `--motion`,
//! `--require-green-gate`, `--require-evidence`) evaluated on one assessment into typed
//! results. The JSON carries the results (`thresholds`), and the stderr lines are
//! written from the same results, so the two never disagree.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Assessment, GateStatus, Truth};

/// What the thresholds read of an assessment, so that the same checks run on one made
/// now and on one read back from a saved report (`diff`).
pub trait Graded {
    /// The recommended motion.
    fn recommended(&self) -> &str;
    /// A motion's score; `None` when the rules do not score it.
    fn score(&self, motion: &str) -> Option<u8>;
    /// Whether the readiness gate is green.
    fn gate_green(&self) -> bool;
    /// The gate's conditions in `state`, by rule id.
    fn gate_rules(&self, state: Truth) -> Vec<String>;
    /// The missing answers that could change the recommendation.
    fn insufficient_evidence(&self) -> &[String];
}

impl Graded for Assessment {
    fn recommended(&self) -> &str {
        &self.recommendation.motion
    }

    fn score(&self, motion: &str) -> Option<u8> {
        self.motions
            .iter()
            .find(|m| m.motion == motion)
            .map(|m| m.score)
    }

    fn gate_green(&self) -> bool {
        self.gate.status == GateStatus::Green
    }

    fn gate_rules(&self, state: Truth) -> Vec<String> {
        self.gate
            .conditions
            .iter()
            .filter(|c| c.state == state)
            .map(|c| c.rule.clone())
            .collect()
    }

    fn insufficient_evidence(&self) -> &[String] {
        &self.recommendation.insufficient_evidence
    }
}

/// The bars a run sets; none by default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thresholds {
    /// The lowest score that passes.
    pub min_score: Option<u16>,
    /// The motion `min_score` applies to; the recommended one when `None`.
    pub motion: Option<String>,
    pub require_green_gate: bool,
    pub require_evidence: bool,
    /// The configuration file each threshold was set in, where it was not given on the
    /// command line.
    pub set_in: SetIn,
}

/// The `partner-fit.toml` (as shown) that set each threshold; `None` for one given on the
/// command line, or not set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetIn {
    pub min_score: Option<String>,
    pub green_gate: Option<String>,
    pub evidence: Option<String>,
}

impl SetIn {
    fn of(&self, check: Check) -> Option<String> {
        match check {
            Check::MinScore => self.min_score.clone(),
            Check::GreenGate => self.green_gate.clone(),
            Check::Evidence => self.evidence.clone(),
        }
    }
}

/// Which threshold a result is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Check {
    MinScore,
    GreenGate,
    Evidence,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a word check (`green-gate`, `evidence`) requires or finds: the gate's status, or
/// whether the evidence suffices.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Green,
    Wait,
    Sufficient,
    Insufficient,
}

impl State {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a threshold requires, or what the assessment shows: a score for `min-score`, a
/// word for `green-gate` and `evidence`. Format 2 fixes `required` and `actual` as one
/// key for both (shared/spec/output.md: "a score, `green`, or `sufficient`"), so the key
/// is an integer or a word, by the check; splitting it would be a new format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Level {
    Score(u16),
    State(State),
}

/// One threshold evaluated on one assessment (contract: `thresholds[]`). Every key is
/// written for every check, `null` (or empty) where the check does not use it
/// (docs/output.md).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ThresholdResult {
    /// Contract: `min-score` | `green-gate` | `evidence`.
    pub check: Check,
    /// Contract: the motion a `min-score` check applies to; `null` for the other checks.
    pub motion: Option<String>,
    /// Contract: the bar: the lowest score that passes, `green`, or `sufficient`.
    pub required: Level,
    /// Contract: what the assessment shows: the motion's score, the gate's status, or
    /// whether the evidence suffices.
    pub actual: Level,
    /// Contract.
    pub passed: bool,
    /// Contract: how far a `min-score` check fell short (0 when it holds); `null` for the
    /// word checks, which have no amount.
    pub missed_by: Option<u16>,
    /// Whether `motion` is the recommended one rather than one named by `--motion`;
    /// `null` for the word checks.
    pub recommended: Option<bool>,
    /// The rules holding a gate that is not green at `wait`, and those left unknown
    /// (`green-gate`; empty for the other checks).
    pub unmet: Vec<String>,
    pub unknown: Vec<String>,
    /// The missing answers that could change the recommendation: the ones to give
    /// (`evidence`; empty for the other checks).
    pub missing: Vec<String>,
    /// The `partner-fit.toml` that set this threshold; `null` when it was given on the
    /// command line.
    pub set_in: Option<String>,
}

impl ThresholdResult {
    fn new(check: Check, required: Level, actual: Level, passed: bool) -> Self {
        ThresholdResult {
            check,
            motion: None,
            required,
            actual,
            passed,
            missed_by: None,
            recommended: None,
            unmet: Vec::new(),
            unknown: Vec::new(),
            missing: Vec::new(),
            set_in: None,
        }
    }
}

/// Evaluates every threshold given on one assessment, in a fixed order: min-score,
/// green-gate, evidence. Empty when none is given.
pub fn evaluate(a: &impl Graded, given: &Thresholds) -> Vec<ThresholdResult> {
    let mut results = Vec::new();
    if let Some(min) = given.min_score {
        let motion = given
            .motion
            .clone()
            .unwrap_or_else(|| a.recommended().to_string());
        let score = a.score(&motion).map_or(0, u16::from);
        let mut result = ThresholdResult::new(
            Check::MinScore,
            Level::Score(min),
            Level::Score(score),
            score >= min,
        );
        result.motion = Some(motion);
        result.missed_by = Some(min.saturating_sub(score));
        result.recommended = Some(given.motion.is_none());
        results.push(result);
    }
    if given.require_green_gate {
        let green = a.gate_green();
        let status = if green { State::Green } else { State::Wait };
        let mut result = ThresholdResult::new(
            Check::GreenGate,
            Level::State(State::Green),
            Level::State(status),
            green,
        );
        result.unmet = a.gate_rules(Truth::Unmet);
        result.unknown = a.gate_rules(Truth::Unknown);
        results.push(result);
    }
    if given.require_evidence {
        let missing = a.insufficient_evidence().to_vec();
        let sufficient = missing.is_empty();
        let found = if sufficient {
            State::Sufficient
        } else {
            State::Insufficient
        };
        let mut result = ThresholdResult::new(
            Check::Evidence,
            Level::State(State::Sufficient),
            Level::State(found),
            sufficient,
        );
        result.missing = missing;
        results.push(result);
    }
    for result in &mut results {
        result.set_in = given.set_in.of(result.check);
    }
    results
}

/// Where a threshold set in a configuration file came from, for its stderr line:
/// "`key` in FILE", so a bar nobody typed is never read as one given on the command line.
fn configured_as(key: &str, file: &str) -> String {
    format!(
        "{key} in {}",
        crate::shown::path(std::path::Path::new(file))
    )
}

/// The stderr line for a failed threshold (after "PROFILE: threshold failed: "), with
/// the amount missed; `None` for one that holds.
pub fn failure_line(result: &ThresholdResult) -> Option<String> {
    if result.passed {
        return None;
    }
    Some(match result.check {
        Check::MinScore => {
            let motion = result.motion.as_deref().unwrap_or_default();
            let which = if result.recommended == Some(true) {
                " (recommended)"
            } else {
                ""
            };
            let by = result.missed_by.unwrap_or_default();
            let bar = match &result.set_in {
                Some(file) => format!(
                    "{} ({})",
                    words(result.required),
                    configured_as("min_score", file)
                ),
                None => format!("--min-score {}", words(result.required)),
            };
            format!(
                "{motion}{which} scores {}, below {bar} by {by} point{}",
                words(result.actual),
                if by == 1 { "" } else { "s" }
            )
        }
        Check::GreenGate => {
            let mut detail = Vec::new();
            if !result.unmet.is_empty() {
                detail.push(format!(
                    "{} unmet: {}",
                    result.unmet.len(),
                    result.unmet.join(", ")
                ));
            }
            if !result.unknown.is_empty() {
                detail.push(format!(
                    "{} unknown: {}",
                    result.unknown.len(),
                    result.unknown.join(", ")
                ));
            }
            if let Some(file) = &result.set_in {
                detail.push(configured_as("require_green_gate", file));
            }
            format!(
                "the readiness gate is `{}`, not green ({})",
                words(result.actual),
                detail.join("; ")
            )
        }
        Check::Evidence => format!(
            "the recommendation rests on insufficient evidence ({}); answer {}",
            result.set_in.as_deref().map_or_else(
                || "--require-evidence".to_string(),
                |file| configured_as("require_evidence", file)
            ),
            result
                .missing
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// A level as text: the score, or the word.
pub fn words(level: Level) -> String {
    match level {
        Level::Score(n) => n.to_string(),
        Level::State(s) => s.as_str().to_string(),
    }
}

impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl JsonSchema for Check {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Check".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let words: Vec<&str> = [Check::MinScore, Check::GreenGate, Check::Evidence]
            .into_iter()
            .map(Check::as_str)
            .collect();
        schemars::json_schema!({ "type": "string", "enum": words })
    }
}
