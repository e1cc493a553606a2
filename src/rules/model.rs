//! A rule file as written (`rules/<family>/<name>.toml`), and the policy file that ties the
//! families together (`rules/policy.toml`). See `rules/README.md` for the reference.
//!
//! Every key is checked (`deny_unknown_fields`), and the places of ids, fields and values
//! are kept (`Spanned`) so validation can point at the exact line and column.
//!
//! These are the types serde reads; [`crate::rules::validate`] turns them into the
//! validated [`crate::rules::RuleSet`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::template::{Name, NoName, Template};
use crate::condition::{Among, Compare, Condition, Truth};

/// A rules folder as parsed: the policy and the rule files that could be read with the
/// model, every problem met on the way, and the ids of the rule files that could not be
/// read. [`crate::rules::validate::validate`] makes a rule set of it.
#[derive(Debug, Clone, Default)]
pub struct ParsedRules {
    /// `None` when the policy file is missing or could not be parsed.
    pub policy: Option<Policy>,
    pub rules: Vec<RuleFile>,
    pub problems: Vec<crate::diagnostic::Diagnostic>,
    /// What the files that could not be parsed would be called (`<folder>.<file stem>`):
    /// their problem is already listed, so a rule naming them is not wrong.
    pub unparsed: std::collections::BTreeSet<String>,
}

/// One rule file as written: every kind-specific key is optional here, and validation
/// ([`crate::rules::validate`]) turns it into a [`crate::rules::Rule`] whose kind carries
/// exactly the keys it needs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Stable public id, `<family>.<file stem>`.
    pub id: Spanned<String>,
    pub kind: Spanned<Kind>,
    /// One line, shown wherever the rule is listed.
    pub title: String,
    /// Why the rule exists, in a few sentences.
    #[serde(default)]
    pub why: String,
    /// Where the rule comes from: article and section.
    #[serde(default)]
    pub source: String,
    /// The condition; its meaning per kind is in `rules/README.md`.
    pub when: Condition,
    #[serde(default)]
    pub message: Messages,
    /// Points added to a motion's score when the rule is met.
    #[serde(default)]
    pub weight: BTreeMap<Spanned<String>, Spanned<i64>>,
    /// Ceilings on a motion's verdict.
    #[serde(default)]
    pub cap: Caps,
    /// `question` rules: where each answer leads.
    pub answer: Option<Answers>,
    /// `mechanic` rules: the motion the mechanics show when the rule is met. `tier` rules:
    /// the motion the tier is the program's own form of.
    pub shows: Option<Spanned<String>>,
    /// `mechanic` rules: lower is asked first. `step` rules: position in the sequence.
    pub order: Option<i64>,
    /// `step` rules: listed only when one of these motions is recommended (empty: always).
    #[serde(default)]
    pub applies_to: Vec<Spanned<String>>,
    /// `requirement` rules: the `tier` rule whose gate this is.
    pub tier: Option<Spanned<String>>,
    /// `worth` rules: the verdict on the program when the rule is met.
    pub verdict: Option<Spanned<Worth>>,
    /// `worth` rules: the `view` rule the verdict follows.
    pub view: Option<Spanned<String>>,
    /// `tier` and `requirement` rules: the page that publishes the gate.
    pub source_url: Option<Spanned<String>>,
    /// `tier` and `requirement` rules: when the page was last compared with the rule,
    /// `YYYY-MM-DD`.
    pub checked: Option<Spanned<String>>,
    /// Tiers and requirements: a secondary page the figure was taken from, not yet
    /// compared with `source_url` (so without `checked`).
    #[serde(default)]
    pub taken_from: Option<Spanned<String>>,
    /// `step` rules: listed only when this condition is met (absent: always), for a step
    /// that only some profiles need.
    pub shown_when: Option<Condition>,
    /// Where the rule's fix sits in a plan: what must be fixed first, and its effort.
    #[serde(default)]
    pub plan: PlanData,
    /// Examples that flip the rule; checked by `rules validate` and `cargo test`.
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
    /// The file the rule came from (set by the loader).
    #[serde(skip)]
    pub path: PathBuf,
}

/// What a rule is for; which kinds a family allows is in [`Kind::families`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Must be met before the gated motion can run.
    GreenLight,
    /// Met while the wait condition is absent; unmet holds the gate.
    Wait,
    /// One part of the commission-strip test.
    Strip,
    /// A step of the decision flow: met is "yes".
    Question,
    /// Met when the deal mechanics show the motion in `shows`.
    Mechanic,
    /// Met while a known failure pattern is absent; unmet is a warning with its fix.
    Pattern,
    /// Advice shown when met.
    Advice,
    /// Adds to scores when met; no section of its own.
    Fit,
    /// A next step; met means already done.
    Step,
    /// Met when the profile takes a separate assessment track (its family's section).
    Track,
    /// A tier of a program; met when the tier applies to the profile. Its status is its
    /// requirements'.
    Tier,
    /// One published gate of a tier: met, unmet (with what is missing) or unknown.
    Requirement,
    /// A verdict on the program when met; the lowest `order` met wins.
    Worth,
    /// One of the sources' views; met when it applies to the profile.
    View,
    /// What a verdict is weighed on; shown as a reason in its state.
    Factor,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The families (id prefixes) and the kinds each allows.
    pub fn families() -> &'static [(&'static str, &'static [Kind])] {
        &[
            ("gate", &[Kind::GreenLight, Kind::Wait]),
            ("strip", &[Kind::Strip]),
            ("flow", &[Kind::Question]),
            ("label", &[Kind::Mechanic]),
            ("pattern", &[Kind::Pattern]),
            ("advice", &[Kind::Advice]),
            ("fit", &[Kind::Fit]),
            ("step", &[Kind::Step]),
            (
                "program",
                &[
                    Kind::Track,
                    Kind::Tier,
                    Kind::Requirement,
                    Kind::Worth,
                    Kind::View,
                    Kind::Factor,
                ],
            ),
        ]
    }

    /// Kinds whose rules make an assessment of their own, beside the motions: they weigh
    /// on no motion, and their missing answers are reported in their own section rather
    /// than among the answers that could change the recommendation.
    pub fn stands_apart(self) -> bool {
        matches!(
            self,
            Kind::Track | Kind::Tier | Kind::Requirement | Kind::Worth | Kind::View | Kind::Factor
        )
    }
}

/// A verdict on whether a program is worth entering (`worth` rules).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Worth {
    Pursue,
    NotNow,
    NotForYou,
}

impl Worth {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Verdict ceilings a rule may set (`recommended` and `viable` are earned, never imposed).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    NotAFit,
    NotYet,
    Viable,
    Recommended,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub met: Option<String>,
    pub unmet: Option<String>,
    pub unknown: Option<String>,
    /// What to do when the rule is not met.
    pub fix: Option<String>,
    /// What is missing, in a few words, when the rule holds a motion back: how
    /// `blocked_by` and the summary name it. Without it, the message for the state.
    pub blocked: Option<String>,
}

/// A rule's `[plan]` table: the rules whose fixes come before its own, and how much work
/// its fix is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanData {
    /// Rule ids whose fixes must be done before this rule's.
    #[serde(default)]
    pub after: Vec<Spanned<String>>,
    /// The work the fix takes.
    pub effort: Option<Spanned<Effort>>,
    /// Where the effort comes from; without one, the effort is a rough guess.
    pub effort_source: Option<Spanned<String>>,
}

/// How much work a fix is, in the calendar's words.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Effort {
    Days,
    Weeks,
    Quarter,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// `[cap]`: verdict ceilings by motion, per state.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caps {
    /// Applies when the rule is met.
    #[serde(default)]
    pub met: BTreeMap<Spanned<String>, Spanned<Verdict>>,
    /// Applies when the rule is unmet.
    #[serde(default)]
    pub unmet: BTreeMap<Spanned<String>, Spanned<Verdict>>,
    /// Applies when the rule is unmet or unknown: a prerequisite not shown to hold.
    #[serde(default)]
    pub not_met: BTreeMap<Spanned<String>, Spanned<Verdict>>,
}

/// `[answer]` of a question: where "yes" (met) and "no" (unmet) lead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub yes: Spanned<Next>,
    pub no: Spanned<Next>,
}

/// The next question, or the motion the flow ends on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Next {
    Next(String),
    Motion(String),
}

/// `[[case]]`: a small profile and the state the rule must take on it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Profile sections, as in a profile file; names may be left out.
    pub profile: Spanned<toml::Table>,
    pub expect: Spanned<Truth>,
    /// Why the case matters, when it is not obvious.
    pub note: Option<String>,
}

/// `rules/policy.toml`: what ties the rule families into one assessment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The motions scored, in the order that breaks score ties.
    pub motions: Vec<String>,
    /// What the label check may observe besides the motions (e.g. `oem`).
    #[serde(default)]
    pub other_observations: Vec<String>,
    /// The lowest score an unblocked motion needs to be `viable`.
    pub viable_min_score: Spanned<i64>,
    /// The first question of the decision flow.
    pub flow_start: Spanned<String>,
    /// Which profile facts the report echoes.
    pub report: ReportFields,
    /// Sentences of the recommendation summary.
    pub summary: SummaryTemplates,
    /// `[[dimension]]`: the trade-offs of each motion, shown in the report and never
    /// scored; optional, so older rule folders keep loading.
    #[serde(default, rename = "dimension")]
    pub dimensions: Vec<Dimension>,
    /// `[portfolio]`: which of several partners to work now, keep warm or pause;
    /// optional, so older rule folders keep loading (their reports have no focus).
    #[serde(default)]
    pub portfolio: Option<PortfolioPolicy>,
    /// `[quadrant]`: where each motion sits on two of the trade-offs, for the chart.
    #[serde(default)]
    pub quadrant: Option<QuadrantPolicy>,
    /// `[ladder]`: the rungs of the maturity ladder, for the chart.
    #[serde(default)]
    pub ladder: Option<LadderPolicy>,
    /// Where the answers a line reads came from (`[provenance]`).
    #[serde(default)]
    pub provenance: Option<ProvenancePolicy>,
    /// How a program gate's page is told (`[pages]`).
    #[serde(default)]
    pub pages: Option<PagesPolicy>,
    /// `[[sources]]`: the articles rules cite, by key, with their titles: what a report
    /// names at its end. Optional, so older rule folders keep loading; when given, every
    /// key a rule's `source` cites must be listed.
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    /// `[plan]`: how plans are made: the answers no plan changes.
    #[serde(default)]
    pub plan: Option<PlanPolicy>,
    /// `[[relation]]`: profile fields that state one fact, and what each answer says of
    /// the other; applied to a profile's answers before any rule reads them. Optional,
    /// so older rule folders keep loading.
    #[serde(default, rename = "relation")]
    pub relations: Vec<Relation>,
    /// The hosts of the clouds' own pages: a program gate's `source_url` is on one of
    /// them, and a figure read anywhere else is `taken_from` that page until compared.
    #[serde(default)]
    pub publishers: Vec<Spanned<String>>,
    /// `[[glossary]]`: the terms of art a report uses, each explained in plain words
    /// where it first appears. Optional, so older rule folders keep loading.
    #[serde(default)]
    pub glossary: Vec<Term>,
    #[serde(skip)]
    pub path: PathBuf,
}

/// A term of art and what it means, for a reader who has not met it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term as reports write it, matched whatever its case ("commission-strip test").
    pub term: String,
    /// What it means, in words: shown in brackets after the term's first appearance.
    pub means: Template<NoName>,
    /// Where the meaning comes from.
    pub source: String,
}

/// The policy's `[plan]`: answers that are givens, not gaps, and what a plan says when a
/// motion cannot be reached.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPolicy {
    #[serde(rename = "given")]
    pub givens: Vec<Given>,
    /// Said of a cap no change of answers lifts and no given explains.
    pub no_change: String,
}

/// Answers a plan never changes, and why, in one sentence a report can show.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Given {
    pub fields: Vec<Spanned<String>>,
    pub why: String,
}

/// `[[relation]]`: one fact that two profile fields can state. Each `[[relation.infer]]`
/// says what one answer tells of the other field: the other field's answer when it is not
/// given, and a contradiction when it is given and differs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The fact, in a few words ("a listing on the partner's marketplace").
    pub fact: Spanned<String>,
    /// The relation holds only where this field has one of these values; a relation
    /// whose `when` field is not answered infers nothing and finds no contradiction.
    #[serde(default)]
    pub when: Option<Among>,
    /// Where the two fields are said to state the same fact, as a rule's `source`.
    pub source: Spanned<String>,
    #[serde(rename = "infer")]
    pub inferences: Vec<Inference>,
}

/// `if` one field has one of some values, `then` another has this value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inference {
    #[serde(rename = "if")]
    pub given: Among,
    pub then: Compare,
    /// What a report says when it took the `then` answer from the `if` one, e.g.
    /// "listed on the partner's marketplace: yes, from `cloud.listing`".
    pub shown: Spanned<String>,
}

/// `[portfolio]`: how several assessed partners are split into the few to work now, the
/// ones to keep warm, and the ones to pause.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioPolicy {
    /// Where the split comes from: article and section.
    pub source: String,
    /// The heading of the focus in the reports.
    pub title: String,
    /// The working set's size: filled up to `focus_min` with the next best partners that
    /// can run a motion, never more than `focus_max`.
    pub focus_min: Spanned<i64>,
    pub focus_max: Spanned<i64>,
    /// A partner is in focus when one of these motions is recommended, it can run now
    /// and scores at least `focus_min_score`.
    pub focus_motions: Vec<Spanned<String>>,
    pub focus_min_score: Spanned<i64>,
    /// A partner none of whose motions can run, or whose recommended motion scores
    /// below this, is paused.
    pub pause_below_score: Spanned<i64>,
    /// What each group is called in the reports.
    pub label: PortfolioLabels,
    /// Why a partner is where it is.
    pub reason: PortfolioReasons,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioLabels {
    pub focus: String,
    pub keep_warm: String,
    pub pause: String,
}

/// Why a partner is where it is: sentences that may name [`ReasonName`]s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioReasons {
    /// Ready for a focus motion.
    pub focus: Template<ReasonName>,
    /// Not ready for a focus motion, but the best of the rest, to reach `focus_min`.
    pub fill: Template<ReasonName>,
    /// Ready, but the working set is full.
    pub beyond_max: Template<ReasonName>,
    /// Can run a lighter motion now.
    pub keep_warm: Template<ReasonName>,
    /// Nothing can run.
    pub pause: Template<ReasonName>,
    /// Nothing can run, and only missing answers (`{fields}`) keep it so: they are
    /// answers to give, not blockers. Without it, `pause` is said.
    #[serde(default)]
    pub pause_unknown: Option<Template<ReasonName>>,
    /// Its motion can run, but scores below `pause_below_score`. Without it, `pause`
    /// is said.
    #[serde(default)]
    pub pause_low_score: Option<Template<ReasonName>>,
    /// The partner runs a program (a hyperscaler) and the program decision is to
    /// pursue it: the partner is worked now, on the program's own gates.
    #[serde(default)]
    pub program_pursue: Option<Template<ReasonName>>,
    /// Said after the reason of a partner off a program when its plan has a step:
    /// `{first}` is the plan's first fix, so the portfolio and the report name the same
    /// work first.
    #[serde(default)]
    pub first: Option<Template<FirstName>>,
    /// The program decision is not to pursue it now, or is not known yet (`{worth}`):
    /// the partner is paused, whatever motion could run beside the program.
    #[serde(default)]
    pub program_wait: Option<Template<ReasonName>>,
}

/// What a portfolio reason may name: the partner's recommended motion and its score,
/// and the working set's smallest and largest size.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum ReasonName {
    Motion,
    Score,
    Min,
    Max,
    /// The missing answers that keep the partner's motions from running.
    Fields,
    /// The program decision, in words.
    Worth,
}

impl Name for ReasonName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "a portfolio reason";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// `[quadrant]`: two axes of the trade-offs, each motion placed on them (0-100 each).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuadrantPolicy {
    pub source: String,
    pub title: String,
    /// Left to right.
    pub x_axis: String,
    /// Bottom to top.
    pub y_axis: String,
    /// What the chart says of all motions, after what it says of each: the end of its
    /// caption.
    pub caption: String,
    /// Motion -> `[x, y]`, each 0-100: where it sits when the profile gives no number
    /// that moves it.
    pub place: BTreeMap<Spanned<String>, Spanned<[i64; 2]>>,
    /// Motion -> the profile field holding the share of each deal the partner takes in
    /// it (0-100): the motion sits at 100 less that share on the margin axis. A motion
    /// without one keeps the whole deal.
    #[serde(default)]
    pub gives: BTreeMap<Spanned<String>, Spanned<String>>,
    /// The profile field holding the share of target accounts both sides share, which
    /// the caption quotes (`{overlap}`).
    #[serde(default)]
    pub overlap_field: Option<Spanned<String>>,
    /// What the caption says of each motion, before `caption`.
    #[serde(default)]
    pub says: Option<QuadrantSays>,
}

/// `[quadrant.says]`: the caption's sentence for each motion, by what the profile tells
/// of its margin.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuadrantSays {
    /// The partner's share is answered: `{kept}` and `{given}` are known.
    pub given: Template<PlaceName>,
    /// The partner's share is not answered: the motion is drawn at its `place`.
    pub not_given: Template<PlaceName>,
    /// The motion has no share to give (no `gives` field): it keeps the whole deal.
    pub whole: Template<PlaceName>,
    /// Said after the motions when the overlap is answered.
    #[serde(default)]
    pub overlap: Option<Template<PlaceName>>,
}

/// What a quadrant sentence may name.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum PlaceName {
    Motion,
    /// The margin kept, percent of each deal.
    Kept,
    /// The partner's share, percent of each deal.
    Given,
    /// The share of target accounts both sides share.
    Overlap,
}

impl Name for PlaceName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "a quadrant sentence";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// `[provenance]`: said after a line of the report when the profile records a
/// measurement, so a measured answer is told from a stated one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenancePolicy {
    /// The list field a measurement writes the answers it measured into. Every word the
    /// list can hold is an answer a measurement could have written, so one it does not
    /// hold was stated.
    pub listed_in: Spanned<String>,
    /// The text fields that name what was measured from, and on which day.
    pub from: Spanned<String>,
    pub on: Spanned<String>,
    /// Said after a line that reads measured answers.
    pub measured: Template<ProvenanceName>,
    /// Said after a line that reads answers a measurement could have written, but did not.
    pub stated: Template<ProvenanceName>,
}

/// `[pages]`: where a program tier's gates are published, and whether a rule's figure
/// was compared with that page or read on a secondary one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagesPolicy {
    /// A tier or gate compared with its page (`{url}`) on `{day}`.
    pub checked: Template<PageName>,
    /// A tier whose figures were taken from `{secondary}`, not compared with `{url}` yet.
    pub taken_from: Template<PageName>,
    /// Said after a gate's line when its own figure was taken from `{secondary}`.
    pub gate_taken_from: Template<PageName>,
}

/// What a page sentence may name.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum PageName {
    /// The publisher's page.
    Url,
    /// The day of the last comparison with it.
    Day,
    /// The secondary page a figure was read on.
    Secondary,
}

impl Name for PageName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "a page sentence";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a provenance sentence may name.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum ProvenanceName {
    /// The answers the line reads, in the interview's words.
    Answers,
    /// What they were measured from, and the day.
    From,
    On,
}

impl Name for ProvenanceName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "a provenance sentence";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// `[ladder]`: the motions as rungs climbed one at a time, lightest first.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderPolicy {
    pub source: String,
    pub title: String,
    /// The profile field that says which motion runs today (the rung it is on).
    pub current_field: Spanned<String>,
    /// What the chart says: its caption and alt text.
    pub caption: String,
    /// Column headings for what a rung proves and what it earns.
    pub proves_label: String,
    pub earns_label: String,
    /// The mark on the rung the partnership is on.
    pub current_label: String,
    #[serde(rename = "rung")]
    pub rungs: Vec<Rung>,
}

/// One rung of the ladder.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    pub motion: String,
    /// What running the motion proves.
    pub proves: String,
    /// What it earns.
    pub earns: String,
}

/// One trade-off the motions differ on (who sells, margin, ...), with a short text per
/// motion: the reader weighs these, the engine does not.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// The row's name in the report.
    pub label: Spanned<String>,
    /// Where the trade-off comes from: article and section.
    #[serde(default)]
    pub source: String,
    /// One table cell per motion of the policy.
    pub by_motion: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// One article the rules cite.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// The key a rule's `source` starts with ("000", "knowledgelib").
    pub key: Spanned<String>,
    /// The article's title, as a report names it.
    pub title: Spanned<String>,
    /// Where the article is published (`https://...`), as the reports link it; left out
    /// when no public address is known, rather than guessed.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

impl Policy {
    /// Every field a plan never changes.
    pub fn plan_givens(&self) -> Vec<&str> {
        self.plan
            .iter()
            .flat_map(|p| &p.givens)
            .flat_map(|g| &g.fields)
            .map(|f| f.get_ref().as_str())
            .collect()
    }

    /// Why a plan does not change `field`.
    pub fn given_why(&self, field: &str) -> Option<&str> {
        self.plan
            .iter()
            .flat_map(|p| &p.givens)
            .find(|g| g.fields.iter().any(|f| f.get_ref() == field))
            .map(|g| g.why.as_str())
    }

    /// The listed article with this key, if any.
    pub fn source(&self, key: &str) -> Option<&SourceEntry> {
        self.sources.iter().find(|s| s.key.get_ref() == key)
    }
}

/// The keys a rule's `source` cites: the first word of each `; `-separated part.
pub fn cited_keys(source: &str) -> impl Iterator<Item = &str> {
    source
        .split("; ")
        .filter_map(|part| part.split_whitespace().next())
}

impl Dimension {
    /// The text for `motion`, if the dimension has one.
    pub fn text_for(&self, motion: &str) -> Option<&str> {
        self.by_motion
            .iter()
            .find(|(k, _)| k.get_ref() == motion)
            .map(|(_, v)| v.get_ref().as_str())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFields {
    /// The declared label, compared with what the mechanics show.
    pub declared_motion: Spanned<String>,
    /// The drivers of the commission-strip test.
    pub drivers: Spanned<String>,
    /// The primary driver.
    pub primary_driver: Spanned<String>,
    /// Names of the two sides, for headings.
    pub vendor_name: Spanned<String>,
    pub partner_name: Spanned<String>,
    /// Whose program a separate track assesses (the provider of its tiers); optional, so
    /// older rule folders keep loading.
    #[serde(default)]
    pub program_provider: Option<Spanned<String>>,
}

/// The sentences of the recommendation summary. Each may name the [`SummaryName`]s; how
/// a blocker not known yet is named may name only [`BlockerName::Blocker`], and how the
/// concerns name a contradicted label is a text with no placeholders.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryTemplates {
    /// The flow's motion can run now.
    pub follows_flow: Summary,
    /// The flow's motion is blocked; the best runnable one is recommended meanwhile.
    pub flow_blocked: Summary,
    /// The flow did not reach a motion; the best runnable one by score is recommended.
    pub by_score: Summary,
    /// No motion can run yet.
    pub none_runnable: Summary,
    /// Appended when unknown answers could change the recommendation.
    pub insufficient_evidence: Summary,
    /// Put first when at least `mostly_missing_pct` percent of the answers the rules
    /// read are missing; optional, so older rule folders keep loading.
    #[serde(default)]
    pub mostly_missing: Option<Summary>,
    #[serde(default)]
    pub mostly_missing_pct: Option<Spanned<i64>>,
    /// Said after a met `track` rule's own sentence, in place of the sentence about the
    /// motions: the track is its own decision, so no blocker is "fixed, then come back".
    /// Optional, so older rule folders keep loading.
    #[serde(default)]
    pub program_track: Option<Summary>,
    /// The flow's motion can run, but a warning weighs on it or the label check
    /// disagrees: `{concerns}` names them. Without it, `by_score` is said instead, so
    /// the summary never says that nothing blocks a motion a section warns about.
    #[serde(default)]
    pub follows_flow_concerns: Option<Summary>,
    /// Added when the label names a motion and the mechanics show another:
    /// `{declared}`, `{observed}`.
    #[serde(default)]
    pub label_differs: Option<Summary>,
    /// Added when the label or the mechanics name what is not a motion (`oem`):
    /// `{other}`.
    #[serde(default)]
    pub not_a_motion: Option<Summary>,
    /// How `{concerns}` names a label the mechanics contradict.
    #[serde(default)]
    pub label_concern: Option<Template<NoName>>,
    /// How a blocker not known yet is named: `{blocker}`.
    #[serde(default)]
    pub unknown_blocker: Option<Template<BlockerName>>,
    /// The flow's motion runs and nothing caps it, but a reason weighs against it:
    /// `{against}` is the strongest. Without it, `by_score` is said instead, so the
    /// summary never says nothing blocks a motion a reason weighs against.
    #[serde(default)]
    pub follows_flow_against: Option<Summary>,
    /// No motion can run, and only missing answers hold the closest one down:
    /// `{waiting}` names them. Without it, `none_runnable` is said.
    #[serde(default)]
    pub none_judged: Option<Summary>,
    /// Said after every line not known yet, naming the missing answers that would
    /// settle it (`{fields}`): a line that rests on an unknown says which answer decides
    /// it, and its own message never has to name one.
    #[serde(default)]
    pub unknown_answers: Option<Template<AnswersName>>,
    /// Said in place of `program_track` while the program decision waits on missing
    /// answers (`{deciding}`), so an undecided verdict is never read as one.
    #[serde(default)]
    pub program_undecided: Option<Summary>,
}

/// A sentence of the recommendation summary.
pub type Summary = Template<SummaryName>;

/// What a summary sentence may name, all worked out for the profile's assessment.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum SummaryName {
    /// The recommended motion, and its score.
    Motion,
    Score,
    /// The motion the decision flow leads to.
    Flow,
    /// What holds the flow's motion back.
    Blockers,
    /// The missing answers that could change the recommendation.
    Fields,
    /// How many of the answers the rules read are missing, and how many they read.
    Missing,
    Read,
    /// A separate track's verdict, in words.
    Worth,
    /// What weighs on the recommended motion.
    Concerns,
    /// The declared label, and what the mechanics show.
    Declared,
    Observed,
    /// What the label or the mechanics name that is not a motion.
    Other,
    /// The strongest reason against the recommended motion, as its line says it.
    Against,
    /// The missing answers that hold the recommended motion down.
    Waiting,
    /// The missing answers the program decision waits on.
    Deciding,
}

impl Name for SummaryName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "a summary sentence";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What the name of a blocker not known yet may name: the blocker.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum BlockerName {
    Blocker,
}

/// What the sentence naming a partner's first step may name: the plan's first fix.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum FirstName {
    First,
}

impl Name for FirstName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "`portfolio.reason.first`";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What the sentence after a line not known yet may name: the answers it waits on.
#[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum AnswersName {
    Fields,
}

impl Name for AnswersName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "`unknown_answers`";
    fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Name for BlockerName {
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;
    const SENTENCE: &'static str = "`unknown_blocker`";
    fn as_str(self) -> &'static str {
        self.into()
    }
}
