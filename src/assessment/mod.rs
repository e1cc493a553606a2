//! The assessment of one profile: the output model, and the JSON contract of
//! `shared/spec/output.md` (`format: 2`; the top-level object is [`report::Report`]).
//! Every renderer reads only this. Fields the contract names are marked "contract"; the
//! rest are additions.

use schemars::JsonSchema;
use serde::Serialize;

pub use crate::condition::Truth;
pub use crate::rules::{Kind, Verdict};

mod build;
pub(crate) mod glossary;
pub mod portfolio;
pub(crate) mod program;
pub(crate) mod ranking;
pub(crate) mod report;
pub(crate) mod sources;
pub(crate) mod thresholds;

pub mod handover;
pub use build::{build, plan_for};
pub use program::Program;
pub use report::{ConfigUsed, Report, RulesUsed};
pub use thresholds::{ThresholdResult, Thresholds};

/// Assesses a profile under a rule set: the one path from a profile to its assessment,
/// which the command, the interview and the tests all take. The name the report shows
/// for the profile (`Assessment::profile`) is left empty for the caller to set, since
/// only the caller knows where the profile came from.
pub fn assess(profile: &crate::profile::Profile, set: &crate::rules::RuleSet) -> Assessment {
    assess_for(profile, set, None)
}

/// [`assess`], with the plan for the motion named `target` as well (`--target`); a word
/// that is not one of the rules' motions plans nothing (the command refuses it first).
pub fn assess_for(
    profile: &crate::profile::Profile,
    set: &crate::rules::RuleSet,
    target: Option<&str>,
) -> Assessment {
    let mut facts = crate::profile::facts::facts(profile);
    // A profile whose answers contradict each other is refused by its reader
    // (`rules::relation::contradictions`); here the given answers stand.
    let applied = crate::rules::relation::apply(&set.policy.relations, &mut facts);
    let evaluation = crate::engine::evaluate(&facts, set);
    let mut assessment = build("", &facts, set, &evaluation);
    assessment.inferred = applied
        .inferred
        .into_iter()
        .map(|i| Inferred {
            field: i.field,
            value: i.value,
            from: i.from,
            source: i.source,
            shown: i.shown,
        })
        .collect();
    assessment.target_plan = target.and_then(|t| plan_for(&facts, set, &evaluation, t));
    assessment.glossary = glossary::terms(&set.policy.glossary);
    assessment
}

/// What became of one profile given on the command line, in the order given.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Entry {
    Assessed(Box<Assessment>),
    /// The profile could not be read; the JSON keeps its place in the list.
    Failed(Failure),
}

/// A profile that could not be assessed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Failure {
    pub format: u8,
    /// Contract: the profile file, as given on the command line.
    pub profile: String,
    /// Contract: the first problem.
    pub error: FailureDetail,
    /// Contract: every problem, in line order.
    pub errors: Vec<FailureDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FailureDetail {
    pub message: String,
    /// 1-based; `null` (with `column`) for problems with the whole file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
}

impl FailureDetail {
    fn new(d: &crate::diagnostic::Diagnostic) -> Self {
        let place = (d.line > 0).then_some((d.line, d.column));
        FailureDetail {
            message: d.message.clone(),
            line: place.map(|p| p.0),
            column: place.map(|p| p.1),
            help: d.help.clone(),
        }
    }
}

impl Failure {
    /// The entry of a profile the loader reported `problems` in (in line order).
    pub fn new(profile: &str, problems: &[crate::diagnostic::Diagnostic]) -> Self {
        let errors: Vec<FailureDetail> = problems.iter().map(FailureDetail::new).collect();
        let error = errors.first().cloned().unwrap_or_else(|| FailureDetail {
            message: "the profile could not be read".to_string(),
            line: None,
            column: None,
            help: None,
        });
        Failure {
            format: report::FORMAT,
            profile: profile.to_string(),
            error,
            errors,
        }
    }
}

/// The assessment of one profile.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Assessment {
    /// Contract: the output format version.
    pub format: u8,
    /// Contract: the profile file, as given on the command line.
    pub profile: String,
    /// The two sides' names.
    pub vendor: Option<String>,
    pub partner: Option<String>,
    /// Contract.
    pub recommendation: Recommendation,
    /// Contract: one row per motion, in the policy's order.
    pub motions: Vec<MotionAssessment>,
    /// What each motion costs and gives, per dimension of the policy (who sells, margin,
    /// ...): the same for every profile, shown beside the scores, never scored.
    pub tradeoffs: Vec<Tradeoff>,
    /// Where each motion sits on control against margin (policy `[quadrant]`); `null`
    /// when the rules place none.
    pub quadrant: Option<Quadrant>,
    /// The maturity ladder and the rung this partnership is on (policy `[ladder]`);
    /// `null` when the rules have none.
    pub ladder: Option<Ladder>,
    /// Contract: the co-selling readiness gate.
    pub gate: Gate,
    /// Contract: the commission-strip test.
    pub commission_strip: CommissionStrip,
    /// Contract: the declared label against the mechanics.
    pub label_check: LabelCheck,
    /// Contract: failure patterns the profile shows, and advice that applies.
    pub warnings: Vec<Warning>,
    /// Answers the profile does not give but states in another field (the policy's
    /// `[[relation]]`s), in the order they were taken. An inferred answer is not unknown.
    pub inferred: Vec<Inferred>,
    /// Contract: missing answers, the ones that could change the recommendation first.
    pub unknowns: Vec<Unknown>,
    /// Contract: the questions of the decision flow, as answered.
    pub decision_path: Vec<PathStep>,
    /// The ordered next steps for the recommended motion.
    pub next_steps: Vec<NextStep>,
    /// The plan for the motion the report steers toward: the recommended one, or the one
    /// the decision flow leads to while something blocks it. "Fix first" is its head.
    pub plan: Plan,
    /// The plan for the motion named with `--target`; `null` when none is named.
    pub target_plan: Option<Plan>,
    /// Contract (when the profile takes a separate track, such as a hyperscaler's
    /// program): that track's own assessment; `null` otherwise.
    pub program: Option<Program>,
    /// Contract: the articles cited by the rules behind this assessment's lines, by key.
    pub sources: Vec<sources::Article>,
    /// Contract: each threshold the run set, evaluated; empty when none (set by the
    /// command, which knows the thresholds).
    pub thresholds: Vec<ThresholdResult>,
    /// The day and author of the page handed over (set by the command; not in the JSON).
    #[serde(skip)]
    #[schemars(skip)]
    pub handover: Option<handover::Handover>,
    /// The terms of art a report explains where it first uses them; each format places
    /// the explanations in the order it shows its texts (`render::reading`).
    #[serde(skip)]
    #[schemars(skip)]
    pub glossary: Vec<glossary::GlossaryTerm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Recommendation {
    /// Contract: `referral` | `co-sell` | `reseller`.
    pub motion: String,
    /// Contract: the recommended motion's score, 0-100.
    pub score: u8,
    /// Contract: one or two sentences.
    pub summary: String,
    /// The motion the decision flow leads to; `null` when an answer it needs is missing.
    pub flow_leads_to: Option<String>,
    /// Answers that could change the recommendation; empty when the evidence suffices.
    pub insufficient_evidence: Vec<String>,
    /// The rules that hold the recommended motion down, known to fail (its blockers).
    pub blocked_by: Vec<String>,
    /// The missing answers that hold the recommended motion down until they are given:
    /// answers to give, never called blockers.
    pub waiting_on: Vec<String>,
    /// The reasons against the recommended motion, strongest first: the rules of its
    /// reasons that weigh against it. "Nothing blocks it" is said only when empty.
    pub against: Vec<String>,
    /// The program decision, when the partner runs a program of its own (a
    /// hyperscaler), `null` for a partner that runs none.
    pub program: Option<ProgramDecision>,
    /// The policy's `mostly_missing` sentence, when most answers the rules read are
    /// missing. It is also the first sentence of `summary`; it is kept apart for the
    /// reports that leave the summary out (`--brief`), which must still say the result is
    /// provisional. Not in the JSON, whose `summary` already holds it.
    #[serde(skip)]
    pub caveat: Option<String>,
}

/// The program decision the recommendation carries: the verdict, and the missing answers
/// that could still change it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ProgramDecision {
    /// `pursue` | `not-now` | `not-for-you`; `null` while an answer it needs is missing.
    pub verdict: Option<crate::rules::model::Worth>,
    /// The missing answers that could still change the verdict.
    pub could_change: Vec<String>,
    /// The verdict in the report's words (the sentence's `{worth}`).
    #[serde(skip)]
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MotionAssessment {
    /// Contract.
    pub motion: String,
    /// Contract: 0-100.
    pub score: u8,
    /// Contract: `recommended` | `viable` | `not-yet` | `not-a-fit`.
    pub verdict: Verdict,
    /// Points earned and possible behind the score.
    pub points: Points,
    /// The rules that hold this motion's verdict down, and to what.
    pub blocked_by: Vec<Block>,
    /// Contract: why the motion scored as it did.
    pub reasons: Vec<Reason>,
    /// Contract: what to fix for this motion.
    pub fixes: Vec<Fix>,
}

/// One dimension of the trade-offs, with a short text per motion.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Tradeoff {
    pub dimension: String,
    /// Motion -> text, in the policy's order (a JSON object keyed by motion).
    #[serde(serialize_with = "as_map")]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub by_motion: Vec<(String, String)>,
}

/// Pairs as a JSON object: readers look a motion up by name, and the pairs keep the
/// policy's order, which a sorted map would lose.
fn as_map<S: serde::Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// Two trade-offs as axes, and each motion placed on them.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Quadrant {
    pub title: String,
    pub x_axis: String,
    pub y_axis: String,
    pub caption: String,
    pub source: String,
    /// One per motion, in the policy's order.
    pub places: Vec<Place>,
}

/// A motion's place on the quadrant, 0-100 on each axis.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Place {
    pub motion: String,
    pub x: u8,
    pub y: u8,
    /// The margin kept, percent of each deal, from the profile's own numbers; `null`
    /// where the profile does not say, and the motion sits where it usually does.
    pub kept: Option<u8>,
}

/// The motions as rungs, lightest first, and the one the partnership runs today.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Ladder {
    pub title: String,
    pub caption: String,
    pub source: String,
    pub proves_label: String,
    pub earns_label: String,
    pub current_label: String,
    /// The motion run today; `null` when the profile does not say.
    pub current: Option<String>,
    pub rungs: Vec<crate::rules::model::Rung>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Points {
    pub earned: i64,
    pub possible: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Block {
    pub rule: String,
    /// The best verdict the rule allows the motion.
    pub verdict: Verdict,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Reason {
    /// Contract: the rule that produced the line.
    pub rule: String,
    /// `met` | `unmet` | `unknown`.
    pub state: Truth,
    /// `for` | `against` | `unknown`: how the line weighs on this motion. A rule that
    /// holds the motion's verdict down is against it, whatever its state.
    pub effect: Effect,
    /// Contract.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Fix {
    /// Contract.
    pub rule: String,
    /// Contract.
    pub fix: String,
}

/// The changes that make a motion run, in order, each with the outcome after it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Plan {
    /// The motion planned for.
    pub motion: String,
    /// False when no change of answers can make the motion run; `why_not` says why.
    pub reachable: bool,
    pub why_not: Option<String>,
    /// Missing answers to give first: while they are missing, they hold the motion down.
    pub answer_first: Vec<Homework>,
    pub steps: Vec<PlanStep>,
}

/// A missing answer a plan waits on.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Homework {
    pub field: String,
    /// The question that asks for it, as the interview words it.
    pub question: String,
    /// The rules that cap the motion while it is missing.
    pub rules: Vec<String>,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanStep {
    /// The rule the step meets.
    pub rule: String,
    /// What the step makes true, as a phrase.
    pub title: String,
    pub fix: String,
    /// `days` | `weeks` | `quarter`; null when the rule states none.
    pub effort: Option<crate::rules::model::Effort>,
    /// Where the effort comes from; null when it is a rough guess.
    pub effort_source: Option<String>,
    /// The rules this step must follow.
    pub after: Vec<String>,
    /// The answers the step changes: apply them to the profile and assess it, and it gets
    /// `then`.
    pub changes: Vec<Change>,
    /// The outcome after this step and the ones before it.
    pub then: Then,
}

/// A profile answer a step changes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    pub field: String,
    pub value: crate::condition::Fact,
}

/// The outcome once a step is done.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Then {
    /// The planned motion's score and verdict.
    pub score: u8,
    pub verdict: Verdict,
    /// The motion recommended then.
    pub recommended: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Gate {
    /// Contract: `green` only when every condition is met; otherwise `wait`.
    pub status: GateStatus,
    /// Contract.
    pub conditions: Vec<GateCondition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GateCondition {
    /// Contract.
    pub rule: String,
    /// Contract: `green-light` | `wait` (`strip` for the commission-strip checks).
    pub kind: Kind,
    /// Contract: `met` | `unmet` | `unknown`, read as "is this requirement satisfied".
    pub state: Truth,
    pub title: String,
    /// Contract.
    pub message: String,
    /// What to do, for lines that are not met.
    pub fix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CommissionStrip {
    /// Contract: `true` | `false` | `null` (unknown).
    pub passed: Option<bool>,
    /// Contract.
    pub primary_driver: Option<String>,
    /// Contract.
    pub drivers: Vec<String>,
    /// Each part of the test.
    pub checks: Vec<GateCondition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LabelCheck {
    /// Contract: the label in use (`partnership.label`).
    pub declared: Option<String>,
    /// Contract: the motion the mechanics show.
    pub observed: Option<String>,
    /// Contract: false when the label does not match the mechanics; null when either is unknown.
    pub consistent: Option<bool>,
    /// The mechanic rule behind `observed`, and what it says.
    pub rule: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Warning {
    /// Contract.
    pub rule: String,
    /// `pattern` (a failure pattern the profile shows) or `advice`.
    pub kind: WarningKind,
    pub title: String,
    /// Contract.
    pub message: String,
    /// Contract.
    pub fix: Option<String>,
    /// The motions the warning weighs on (empty: all of them).
    pub motions: Vec<String>,
}

/// An answer taken from another field that states the same fact.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Inferred {
    /// The profile field the answer is for.
    pub field: String,
    /// The answer, as a profile would write it.
    pub value: crate::condition::Fact,
    /// The field it was taken from.
    pub from: String,
    /// Where the two fields are said to state one fact.
    pub source: String,
    /// What the report says of it, e.g. "listed on the partner's marketplace: yes, from
    /// `cloud.listing`".
    pub shown: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Unknown {
    /// Contract: the profile field to answer.
    pub field: String,
    /// Contract: the rules the missing answer leaves unknown.
    pub could_change: Vec<String>,
    /// Answering it could change the recommended motion.
    pub changes_recommendation: bool,
    /// The question that asks for it, as the interview words it: what a report shows
    /// in place of the field's name.
    pub question: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PathStep {
    /// Contract.
    pub rule: String,
    pub question: String,
    /// Contract: `yes` | `no` | `unknown`.
    pub answer: Answer,
    pub message: String,
    /// The next question's rule id, or the motion the flow ends on.
    pub leads_to: Option<String>,
}

impl PathStep {
    /// The motion the flow ends on at this step; `None` when it goes on to the next
    /// question, which a report shows as the next step rather than by its rule id. A
    /// rule id is always `family.name`, and a motion's name has no dot.
    pub fn ends_on(&self) -> Option<&str> {
        self.leads_to.as_deref().filter(|l| !l.contains('.'))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NextStep {
    pub rule: String,
    pub order: i64,
    pub title: String,
    /// `done` | `to-do`.
    pub status: StepStatus,
    pub message: String,
}

/// How a reason weighs on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Effect {
    For,
    Against,
    Unknown,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The readiness gate: green only when every condition is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum GateStatus {
    Green,
    Wait,
}

impl GateStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a warning is: a failure pattern the profile shows, or advice that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum WarningKind {
    Pattern,
    Advice,
}

impl WarningKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The answer to a question of the decision flow: its rule met is "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl From<Truth> for Answer {
    fn from(state: Truth) -> Self {
        match state {
            Truth::Met => Answer::Yes,
            Truth::Unmet => Answer::No,
            Truth::Unknown => Answer::Unknown,
        }
    }
}

/// A next step: its rule met means it is done; a step not shown to be done is to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum StepStatus {
    Done,
    ToDo,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The closed sets the assessment adds are written in the JSON as the words their
/// `as_str` gives, so each word is spelt once, where the renderers read it too.
/// Their schema lists the same words, from the same `as_str`.
macro_rules! serialize_as_word {
    ($($set:ident: [$($variant:ident),*]),*) => {$(
        impl Serialize for $set {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl JsonSchema for $set {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($set).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let words = [$($set::$variant.as_str()),*];
                schemars::json_schema!({ "type": "string", "enum": words })
            }
        }
    )*};
}

serialize_as_word!(
    Effect: [For, Against, Unknown],
    GateStatus: [Green, Wait],
    WarningKind: [Pattern, Advice],
    Answer: [Yes, No, Unknown],
    StepStatus: [Done, ToDo]
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The words a report shows are the words the JSON holds: for the sets the rules
    /// also read (whose serde words come from their variant names), `as_str` and serde
    /// agree on every variant.
    #[test]
    fn each_word_shown_is_the_word_serialized() {
        fn agree<T: Serialize>(values: &[T], word: impl Fn(&T) -> &'static str) {
            for value in values {
                assert_eq!(serde_json::to_value(value).unwrap(), word(value));
            }
        }
        agree(&[Truth::Met, Truth::Unmet, Truth::Unknown], |t| t.as_str());
        agree(
            &[
                Verdict::NotAFit,
                Verdict::NotYet,
                Verdict::Viable,
                Verdict::Recommended,
            ],
            |v| v.as_str(),
        );
        agree(
            &[
                Kind::GreenLight,
                Kind::Wait,
                Kind::Strip,
                Kind::Question,
                Kind::Mechanic,
                Kind::Pattern,
                Kind::Advice,
                Kind::Fit,
                Kind::Step,
                Kind::Track,
                Kind::Tier,
                Kind::Requirement,
                Kind::Worth,
                Kind::View,
                Kind::Factor,
            ],
            |k| k.as_str(),
        );
        agree(
            &[
                crate::rules::Worth::Pursue,
                crate::rules::Worth::NotNow,
                crate::rules::Worth::NotForYou,
            ],
            |w| w.as_str(),
        );
    }
}
