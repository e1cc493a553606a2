//! What changed between two assessments of the same partnership: the recommendation,
//! each motion's score and verdict, the gate and each line that flipped, the label check,
//! and the missing answers that could change the recommendation.
//!
//! Both sides are read as the JSON contract (format 2) states an assessment, whether it
//! comes from a saved report or from a profile assessed now: an assessment is turned into
//! its contract JSON first, so a saved report and a fresh run compare alike and the diff
//! reads only what the contract promises.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::thresholds::{self, Graded, Level, ThresholdResult, Thresholds};
use crate::assessment::GateStatus;
use crate::condition::Truth;
use crate::rules::model::{Verdict, Worth};

/// One assessed profile, as the contract states it: the parts a diff compares.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Snapshot {
    pub profile: String,
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub partner: Option<String>,
    pub recommendation: Recommendation,
    pub motions: Vec<Motion>,
    pub gate: Gate,
    pub label_check: Label,
    /// The plan the report leads with; absent from reports saved before it.
    #[serde(default)]
    pub plan: Option<Plan>,
    /// The thresholds the run applied.
    #[serde(default)]
    pub thresholds: Vec<Threshold>,
}

/// The parts of a plan a diff compares: its head.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub answer_first: Vec<Homework>,
    #[serde(default)]
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Homework {
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Step {
    pub rule: String,
}

/// What the plan asks first: an answer to give, or the rule of the first step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlanHead {
    Answer(String),
    Step(String),
}

impl Plan {
    fn head(&self) -> Option<PlanHead> {
        match (self.answer_first.first(), self.steps.first()) {
            (Some(h), _) => Some(PlanHead::Answer(h.field.clone())),
            (None, Some(s)) => Some(PlanHead::Step(s.rule.clone())),
            (None, None) => None,
        }
    }
}

/// A threshold as the report states it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Threshold {
    pub check: String,
    #[serde(default)]
    pub motion: Option<String>,
    pub passed: bool,
    /// Whether `motion` is the recommended one (`min-score` without `--motion`).
    #[serde(default)]
    pub recommended: Option<bool>,
    /// The bar and what the assessment showed; absent from reports saved before them.
    #[serde(default)]
    pub required: Option<Level>,
    #[serde(default)]
    pub actual: Option<Level>,
}

impl From<&ThresholdResult> for Threshold {
    fn from(r: &ThresholdResult) -> Self {
        Threshold {
            check: r.check.as_str().to_string(),
            motion: r.motion.clone(),
            passed: r.passed,
            recommended: r.recommended,
            required: Some(r.required),
            actual: Some(r.actual),
        }
    }
}

/// The thresholds run on a snapshot as on a fresh assessment, so that `diff` holds both
/// sides, saved reports included, to the thresholds it is given.
impl Graded for Snapshot {
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
        self.gate.status == GateStatus::Green.as_str()
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

impl Snapshot {
    /// Holds the snapshot to `given`, in place of the thresholds its report applied.
    pub fn hold_to(&mut self, given: &Thresholds) {
        self.thresholds = thresholds::evaluate(self, given)
            .iter()
            .map(Threshold::from)
            .collect();
    }

    /// The verdict of the recommended motion.
    fn verdict(&self) -> Option<Verdict> {
        self.motions
            .iter()
            .find(|m| m.motion == self.recommendation.motion)
            .map(|m| m.verdict)
    }
}

/// The program decision the recommendation carries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub struct ProgramDecision {
    pub verdict: Option<Worth>,
}

/// A threshold whose outcome moved: `None` on a side that did not apply it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ThresholdChange {
    pub check: String,
    pub motion: Option<String>,
    pub old: Option<bool>,
    pub new: Option<bool>,
    /// The bar (the new side's, else the old side's); `null` when a saved report does
    /// not say it.
    pub required: Option<Level>,
    /// What each side's assessment showed; `null` on a side that did not apply the
    /// threshold or whose saved report does not say it.
    pub actual: Change<Option<Level>>,
}

/// A threshold a new profile fails.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Failing {
    pub check: String,
    pub motion: Option<String>,
    /// `null` when a saved report does not say it.
    pub required: Option<Level>,
    pub actual: Option<Level>,
}

/// A profile only on the new side: its verdict, or why it could not be assessed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Added {
    pub profile: String,
    pub vendor: Option<String>,
    pub partner: Option<String>,
    /// The recommended motion and its score; `null` when the profile could not be
    /// assessed.
    pub recommendation: Option<Pick>,
    /// The recommended motion's verdict; `null` when the profile could not be assessed.
    pub verdict: Option<Verdict>,
    /// The gate's status; `null` when the profile could not be assessed.
    pub gate: Option<String>,
    /// The thresholds it fails.
    pub failing: Vec<Failing>,
    /// Why it could not be assessed; `null` when it was.
    pub problem: Option<String>,
}

impl Added {
    fn of(side: &Side) -> Self {
        let profile = side.profile().to_string();
        match side {
            Side::Assessed(s) => Added {
                profile,
                vendor: s.vendor.clone(),
                partner: s.partner.clone(),
                recommendation: Some(Pick {
                    motion: s.recommendation.motion.clone(),
                    score: s.recommendation.score,
                }),
                verdict: s.verdict(),
                gate: Some(s.gate.status.clone()),
                failing: s
                    .thresholds
                    .iter()
                    .filter(|t| !t.passed)
                    .map(|t| Failing {
                        check: t.check.clone(),
                        motion: t.motion.clone(),
                        required: t.required,
                        actual: t.actual,
                    })
                    .collect(),
                problem: None,
            },
            Side::Unreadable { problem, .. } => Added {
                profile,
                vendor: None,
                partner: None,
                recommendation: None,
                verdict: None,
                gate: None,
                failing: Vec::new(),
                problem: Some(problem.clone()),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Recommendation {
    pub motion: String,
    pub score: u8,
    /// The sentence that states the recommendation.
    #[serde(default)]
    pub summary: String,
    /// The answers that could change the recommendation.
    #[serde(default)]
    pub insufficient_evidence: Vec<String>,
    /// What blocks the recommended motion, what it waits on, and what weighs against it.
    #[serde(default)]
    pub blocked_by: Vec<String>,
    #[serde(default)]
    pub waiting_on: Vec<String>,
    #[serde(default)]
    pub against: Vec<String>,
    /// The program decision; `None` for a partner on no program.
    #[serde(default)]
    pub program: Option<ProgramDecision>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Motion {
    pub motion: String,
    pub score: u8,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Gate {
    /// `green` | `wait`, the contract's words.
    pub status: String,
    pub conditions: Vec<GateLine>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GateLine {
    pub rule: String,
    pub state: Truth,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub struct Label {
    pub declared: Option<String>,
    pub observed: Option<String>,
    pub consistent: Option<bool>,
}

/// One profile of a side: assessed, or the reason it could not be.
#[derive(Debug, Clone, PartialEq)]
pub enum Side {
    Assessed(Box<Snapshot>),
    /// The profile's name and the first problem that kept it from being assessed.
    Unreadable {
        profile: String,
        problem: String,
    },
}

impl Side {
    /// The profile's name as its report gives it.
    pub fn profile(&self) -> &str {
        match self {
            Side::Assessed(s) => &s.profile,
            Side::Unreadable { profile, .. } => profile,
        }
    }
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "Change_of_{T}")]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

impl<T: PartialEq> Change<T> {
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// A motion's score and verdict on one side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Standing {
    pub score: u8,
    pub verdict: Verdict,
}

/// A motion on both sides; a side is `None` when its rules do not score the motion.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MotionChange {
    pub motion: String,
    pub old: Option<Standing>,
    pub new: Option<Standing>,
    pub changed: bool,
}

/// A gate line that flipped: its state on each side (`None`: the line is not on that
/// side) and what it says now (or said, when it is gone).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LineChange {
    pub rule: String,
    pub old: Option<Truth>,
    pub new: Option<Truth>,
    pub message: String,
}

/// The gate on both sides and the lines that flipped.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GateChange {
    pub status: Change<String>,
    pub flipped: Vec<LineChange>,
}

/// The recommended motion and its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Pick {
    pub motion: String,
    pub score: u8,
}

/// How the answers that could change the recommendation moved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct EvidenceChange {
    /// Missing before and decisive now.
    pub now_missing: Vec<String>,
    /// Decisive before and no longer missing (or no longer decisive) now.
    pub settled: Vec<String>,
}

/// What became of one profile between the two sides.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ProfileChange {
    /// Assessed on both sides; `changed` says whether anything the diff compares moved.
    Compared(Box<Compared>),
    /// Only on the new side, with its verdict.
    Added(Box<Added>),
    /// Only on the old side.
    Removed { profile: String },
    /// A side could not be assessed.
    Unreadable {
        profile: String,
        old: Option<String>,
        new: Option<String>,
    },
}

impl ProfileChange {
    /// Whether the profile fails a threshold it did not fail before.
    pub fn starts_failing(&self) -> bool {
        match self {
            ProfileChange::Compared(c) => c.thresholds.iter().any(ThresholdChange::starts_failing),
            ProfileChange::Added(a) => !a.failing.is_empty(),
            _ => false,
        }
    }

    /// Whether the profile no longer fails a threshold it failed before.
    pub fn stops_failing(&self) -> bool {
        match self {
            ProfileChange::Compared(c) => c.thresholds.iter().any(ThresholdChange::stops_failing),
            _ => false,
        }
    }
}

impl ThresholdChange {
    /// Fails now, and did not before (passed, or was not applied).
    pub fn starts_failing(&self) -> bool {
        self.new == Some(false)
    }

    /// Failed before, and passes now.
    pub fn stops_failing(&self) -> bool {
        self.old == Some(false) && self.new == Some(true)
    }
}

/// A profile assessed on both sides.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Compared {
    /// The profile's name on the old side; `null` when it is the new side's.
    pub old_profile: Option<String>,
    pub profile: String,
    pub vendor: Option<String>,
    pub partner: Option<String>,
    pub changed: bool,
    pub recommendation: Change<Pick>,
    pub motions: Vec<MotionChange>,
    pub gate: GateChange,
    pub label_check: Change<Label>,
    pub decisive_unknowns: EvidenceChange,
    /// The sentence that states the recommendation.
    pub summary: Change<String>,
    /// The rules that block the recommended motion, the answers it waits on and the
    /// reasons against it, strongest first.
    pub blocked_by: Change<Vec<String>>,
    pub waiting_on: Change<Vec<String>>,
    pub against: Change<Vec<String>>,
    /// The program decision (`None`: no program on that side).
    pub program: Change<Option<ProgramDecision>>,
    /// What the plan asks first.
    pub plan_head: Change<Option<PlanHead>>,
    /// The thresholds whose outcome moved.
    pub thresholds: Vec<ThresholdChange>,
}

/// The whole comparison of two sides (the JSON of `partner-fit diff`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    /// `diff`: what tells this object from a report, which has the same `format`.
    pub kind: ComparisonKind,
    /// The JSON contract's version, which both sides are read in.
    pub format: u8,
    /// The digest of the rules each side was assessed with, when known.
    pub rules: Change<Option<String>>,
    pub profiles: Vec<ProfileChange>,
    pub summary: Summary,
}

/// The shape marker of a comparison: always `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ComparisonKind {
    #[default]
    Diff,
}

/// How many profiles changed, stayed, came, went or could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Summary {
    pub changed: usize,
    pub unchanged: usize,
    pub added: usize,
    pub removed: usize,
    pub unreadable: usize,
    /// Profiles that fail a threshold they did not fail before (new profiles included).
    pub starts_failing: usize,
    /// Profiles that no longer fail a threshold they failed before.
    pub stops_failing: usize,
}

impl Comparison {
    /// Compares two sides, each with the digest of the rules it was assessed with;
    /// `by_name`: pair profiles by name even when each side holds one (two folders).
    pub fn new(
        old: (&[Side], Option<String>),
        new: (&[Side], Option<String>),
        by_name: bool,
    ) -> Self {
        let profiles = compare(old.0, new.0, by_name);
        let mut summary = Summary::default();
        for change in &profiles {
            summary.starts_failing += usize::from(change.starts_failing());
            summary.stops_failing += usize::from(change.stops_failing());
            match change {
                ProfileChange::Compared(c) if c.changed => summary.changed += 1,
                ProfileChange::Compared(_) => summary.unchanged += 1,
                ProfileChange::Added(_) => summary.added += 1,
                ProfileChange::Removed { .. } => summary.removed += 1,
                ProfileChange::Unreadable { .. } => summary.unreadable += 1,
            }
        }
        Comparison {
            kind: ComparisonKind::Diff,
            format: crate::assessment::report::FORMAT,
            rules: Change {
                old: old.1,
                new: new.1,
            },
            profiles,
            summary,
        }
    }

    /// Whether anything differs between the sides.
    pub fn any_change(&self) -> bool {
        self.summary.unchanged != self.profiles.len() || self.rules.changed()
    }
}

/// The JSON Schema of `diff --format json` (`partner-fit schema diff`), generated from
/// the types that write it.
pub fn schema() -> serde_json::Value {
    crate::assessment::report::output_schema::<Comparison>("partner-fit diff (format 2)")
}

/// Pairs the profiles of two sides and compares each pair. Two sides of one profile each
/// pair whatever their names (a file and its earlier version) unless `by_name`;
/// otherwise profiles pair by name, in the new side's order, then those only on the old
/// side.
pub fn compare(old: &[Side], new: &[Side], by_name: bool) -> Vec<ProfileChange> {
    if let ([old], [new], false) = (old, new, by_name) {
        return vec![pair(old, new)];
    }
    let mut changes: Vec<ProfileChange> = new
        .iter()
        .map(|n| match old.iter().find(|o| o.profile() == n.profile()) {
            Some(o) => pair(o, n),
            None => ProfileChange::Added(Box::new(Added::of(n))),
        })
        .collect();
    changes.extend(
        old.iter()
            .filter(|o| !new.iter().any(|n| n.profile() == o.profile()))
            .map(|o| ProfileChange::Removed {
                profile: o.profile().to_string(),
            }),
    );
    changes
}

fn pair(old: &Side, new: &Side) -> ProfileChange {
    match (old, new) {
        (Side::Assessed(o), Side::Assessed(n)) => {
            ProfileChange::Compared(Box::new(snapshots(o, n)))
        }
        _ => {
            let problem = |side: &Side| match side {
                Side::Unreadable { problem, .. } => Some(problem.clone()),
                Side::Assessed(_) => None,
            };
            ProfileChange::Unreadable {
                profile: new.profile().to_string(),
                old: problem(old),
                new: problem(new),
            }
        }
    }
}

/// Compares two assessments.
pub fn snapshots(old: &Snapshot, new: &Snapshot) -> Compared {
    let pick = |s: &Snapshot| Pick {
        motion: s.recommendation.motion.clone(),
        score: s.recommendation.score,
    };
    let recommendation = Change {
        old: pick(old),
        new: pick(new),
    };
    let motions = motions(old, new);
    let gate = GateChange {
        status: Change {
            old: old.gate.status.clone(),
            new: new.gate.status.clone(),
        },
        flipped: flipped(&old.gate.conditions, &new.gate.conditions),
    };
    let label_check = Change {
        old: old.label_check.clone(),
        new: new.label_check.clone(),
    };
    let was = &old.recommendation.insufficient_evidence;
    let is = &new.recommendation.insufficient_evidence;
    let decisive_unknowns = EvidenceChange {
        now_missing: is.iter().filter(|f| !was.contains(f)).cloned().collect(),
        settled: was.iter().filter(|f| !is.contains(f)).cloned().collect(),
    };
    let both = |f: fn(&Snapshot) -> Vec<String>| Change {
        old: f(old),
        new: f(new),
    };
    let summary = Change {
        old: old.recommendation.summary.clone(),
        new: new.recommendation.summary.clone(),
    };
    let blocked_by = both(|s| s.recommendation.blocked_by.clone());
    let waiting_on = both(|s| s.recommendation.waiting_on.clone());
    let against = both(|s| s.recommendation.against.clone());
    let program = Change {
        old: old.recommendation.program.clone(),
        new: new.recommendation.program.clone(),
    };
    let head = |s: &Snapshot| s.plan.as_ref().and_then(Plan::head);
    let plan_head = Change {
        old: head(old),
        new: head(new),
    };
    let thresholds = thresholds(old, new);
    let changed = recommendation.changed()
        || motions.iter().any(|m| m.changed)
        || gate.status.changed()
        || !gate.flipped.is_empty()
        || label_check.changed()
        || decisive_unknowns != EvidenceChange::default()
        || summary.changed()
        || blocked_by.changed()
        || waiting_on.changed()
        || against.changed()
        || program.changed()
        || plan_head.changed()
        || !thresholds.is_empty();
    Compared {
        old_profile: (old.profile != new.profile).then(|| old.profile.clone()),
        profile: new.profile.clone(),
        vendor: new.vendor.clone(),
        partner: new.partner.clone(),
        changed,
        recommendation,
        motions,
        gate,
        label_check,
        decisive_unknowns,
        summary,
        blocked_by,
        waiting_on,
        against,
        program,
        plan_head,
        thresholds,
    }
}

/// The thresholds whose outcome differs between the sides, matched by check and motion
/// (a minimum score on the recommended motion is one threshold whichever motion is
/// recommended), in the new side's order, then those only the old side applied.
fn thresholds(old: &Snapshot, new: &Snapshot) -> Vec<ThresholdChange> {
    let key = |t: &Threshold| {
        let motion = t.motion.clone().filter(|_| t.recommended != Some(true));
        (t.check.clone(), motion)
    };
    let find = |s: &'_ Snapshot, k: &(String, Option<String>)| -> Option<Threshold> {
        s.thresholds.iter().find(|t| key(t) == *k).cloned()
    };
    let mut keys: Vec<(String, Option<String>)> = new.thresholds.iter().map(key).collect();
    for k in old.thresholds.iter().map(key) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|k| {
            let (o, n) = (find(old, &k), find(new, &k));
            let passed = |t: &Option<Threshold>| t.as_ref().map(|t| t.passed);
            let actual = |t: &Option<Threshold>| t.as_ref().and_then(|t| t.actual);
            (passed(&o) != passed(&n)).then(|| ThresholdChange {
                required: n
                    .as_ref()
                    .and_then(|t| t.required)
                    .or_else(|| o.as_ref().and_then(|t| t.required)),
                actual: Change {
                    old: actual(&o),
                    new: actual(&n),
                },
                old: passed(&o),
                new: passed(&n),
                motion: n.as_ref().or(o.as_ref()).and_then(|t| t.motion.clone()),
                check: k.0,
            })
        })
        .collect()
}

/// Every motion of either side, in the new side's order, then any only the old side has.
fn motions(old: &Snapshot, new: &Snapshot) -> Vec<MotionChange> {
    let standing = |s: &Snapshot, motion: &str| {
        s.motions
            .iter()
            .find(|m| m.motion == motion)
            .map(|m| Standing {
                score: m.score,
                verdict: m.verdict,
            })
    };
    let mut names: Vec<&str> = new.motions.iter().map(|m| m.motion.as_str()).collect();
    for m in &old.motions {
        if !names.contains(&m.motion.as_str()) {
            names.push(&m.motion);
        }
    }
    names
        .into_iter()
        .map(|motion| {
            let (o, n) = (standing(old, motion), standing(new, motion));
            MotionChange {
                motion: motion.to_string(),
                old: o,
                new: n,
                changed: o != n,
            }
        })
        .collect()
}

/// The gate lines whose state differs, in the new side's order, then lines only the old
/// side has.
fn flipped(old: &[GateLine], new: &[GateLine]) -> Vec<LineChange> {
    let state =
        |lines: &[GateLine], rule: &str| lines.iter().find(|l| l.rule == rule).map(|l| l.state);
    let mut out: Vec<LineChange> = new
        .iter()
        .filter(|n| state(old, &n.rule) != Some(n.state))
        .map(|n| LineChange {
            rule: n.rule.clone(),
            old: state(old, &n.rule),
            new: Some(n.state),
            message: n.message.clone(),
        })
        .collect();
    out.extend(
        old.iter()
            .filter(|o| state(new, &o.rule).is_none())
            .map(|o| LineChange {
                rule: o.rule.clone(),
                old: Some(o.state),
                new: None,
                message: o.message.clone(),
            }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(score: u8, gate: Truth, missing: &[&str]) -> Snapshot {
        Snapshot {
            profile: "partners/northwind.toml".into(),
            vendor: Some("Acme".into()),
            partner: Some("Northwind".into()),
            recommendation: Recommendation {
                motion: "co-sell".into(),
                score,
                insufficient_evidence: missing.iter().map(|f| f.to_string()).collect(),
                summary: String::new(),
                blocked_by: Vec::new(),
                waiting_on: Vec::new(),
                against: Vec::new(),
                program: None,
            },
            motions: vec![Motion {
                motion: "co-sell".into(),
                score,
                verdict: Verdict::Recommended,
            }],
            gate: Gate {
                status: if gate == Truth::Met { "green" } else { "wait" }.into(),
                conditions: vec![GateLine {
                    rule: "gate.icp-overlap".into(),
                    state: gate,
                    message: "overlap".into(),
                }],
            },
            label_check: Label {
                declared: Some("co-sell".into()),
                observed: Some("co-sell".into()),
                consistent: Some(true),
            },
            plan: None,
            thresholds: Vec::new(),
        }
    }

    #[test]
    fn the_same_assessment_has_no_change() {
        let s = snapshot(71, Truth::Unknown, &["market.icp_overlap_pct"]);
        let compared = snapshots(&s, &s);
        assert!(!compared.changed);
        assert!(compared.gate.flipped.is_empty());
        assert_eq!(compared.decisive_unknowns, EvidenceChange::default());
    }

    #[test]
    fn an_answer_that_flips_the_gate_shows_each_part_that_moved() {
        let old = snapshot(71, Truth::Unknown, &["market.icp_overlap_pct"]);
        let new = snapshot(84, Truth::Met, &[]);
        let compared = snapshots(&old, &new);
        assert!(compared.changed);
        assert_eq!(compared.recommendation.old.score, 71);
        assert_eq!(compared.recommendation.new.score, 84);
        assert!(compared.motions[0].changed);
        assert_eq!(compared.gate.status.old, "wait");
        assert_eq!(compared.gate.status.new, "green");
        assert_eq!(
            compared.gate.flipped,
            [LineChange {
                rule: "gate.icp-overlap".into(),
                old: Some(Truth::Unknown),
                new: Some(Truth::Met),
                message: "overlap".into(),
            }]
        );
        assert_eq!(
            compared.decisive_unknowns.settled,
            ["market.icp_overlap_pct"]
        );
    }

    #[test]
    fn several_profiles_pair_by_name() {
        let side = |name: &str| {
            let mut s = snapshot(71, Truth::Met, &[]);
            s.profile = name.into();
            Side::Assessed(Box::new(s))
        };
        let changes = compare(
            &[side("a.toml"), side("b.toml")],
            &[side("b.toml"), side("c.toml")],
            false,
        );
        let shape: Vec<String> = changes
            .iter()
            .map(|c| match c {
                ProfileChange::Compared(c) => format!("compared {}", c.profile),
                ProfileChange::Added(a) => format!("added {}", a.profile),
                ProfileChange::Removed { profile } => format!("removed {profile}"),
                ProfileChange::Unreadable { profile, .. } => format!("unreadable {profile}"),
            })
            .collect();
        assert_eq!(shape, ["compared b.toml", "added c.toml", "removed a.toml"]);
    }
}
