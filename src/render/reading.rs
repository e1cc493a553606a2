//! The order in which a reader meets an assessment's texts, format by format, and the
//! assessment with each term of art explained where its format first shows it. A table
//! shows a few reasons per motion where markdown shows them all, and the HTML page shows
//! none, so the first appearance of a term differs; each format reads its own copy.

use crate::assessment::glossary::Explainer;
use crate::assessment::{Assessment, Effect, MotionAssessment, Truth};

use super::headings::{GATE_TITLE, STRIP_TITLE};
use super::{Section, GLANCE_FIXES, SECTIONS};

/// The headings a format writes that can hold a term of art, explained with the texts.
pub struct Titles {
    pub gate: String,
    pub strip: String,
}

/// The formats that read a report, each in its own order.
#[derive(Debug, Clone, Copy)]
pub enum Reading {
    /// The terminal table; `many` leaves out the trade-offs, shown once for all profiles.
    Table {
        many: bool,
    },
    Markdown {
        many: bool,
    },
    Html,
    /// JSON, in the order of its keys.
    Json,
}

/// How many reasons each way, and how many fixes, a motion's row of the table shows
/// before it says how many more there are.
pub const REASONS_EACH_WAY: usize = 2;
pub const FIXES_SHOWN: usize = 2;

/// The reasons a motion's row of the table shows, in the order shown: the strongest
/// evidence each way, what holds it back first, then what speaks for it.
pub fn shown_reasons(m: &MotionAssessment) -> Vec<usize> {
    let indexes = |against: bool| {
        m.reasons
            .iter()
            .enumerate()
            .filter(move |(_, x)| (x.effect != Effect::For) == against)
            .map(|(i, _)| i)
            .take(REASONS_EACH_WAY)
    };
    indexes(true).chain(indexes(false)).collect()
}

/// An assessment with its terms explained for one format, and that format's headings.
pub struct Explained {
    pub a: Assessment,
    pub titles: Titles,
}

/// `a` as `reading` shows it: each term of its glossary explained at the first text of
/// that format's order that uses it.
pub fn explained(a: &Assessment, reading: Reading) -> Explained {
    let mut e = Explained {
        a: a.clone(),
        titles: Titles {
            gate: GATE_TITLE.to_string(),
            strip: STRIP_TITLE.to_string(),
        },
    };
    let glossary = std::mem::take(&mut e.a.glossary);
    {
        let mut explainer = Explainer::new(&glossary);
        for text in order(a, reading) {
            if let Some(text) = e.text_mut(text) {
                explainer.explain(text);
            }
        }
    }
    e.a.glossary = glossary;
    e
}

/// One text a reader meets, by its place in the assessment.
#[derive(Debug, Clone, Copy)]
enum Text {
    Summary,
    /// A motion's reason, and its fix.
    Reason(usize, usize),
    MotionFix(usize, usize),
    PlanStep(usize),
    TargetPlanStep(usize),
    /// One dimension's words for one motion.
    Tradeoff(usize, usize),
    QuadrantCaption,
    /// The ladder's title, a rung's proof and what it earns, and its caption.
    LadderTitle,
    RungProves(usize),
    RungEarns(usize),
    LadderCaption,
    GateTitle,
    /// A gate line's title, its message and its fix.
    GateLineTitle(usize),
    Gate(usize),
    GateFix(usize),
    StripTitle,
    Strip(usize),
    StripFix(usize),
    Path(usize),
    Label,
    Warning(usize),
    WarningFix(usize),
    NextStep(usize),
}

impl Explained {
    fn text_mut(&mut self, text: Text) -> Option<&mut String> {
        let a = &mut self.a;
        Some(match text {
            Text::Summary => &mut a.recommendation.summary,
            Text::Reason(m, i) => &mut a.motions.get_mut(m)?.reasons.get_mut(i)?.message,
            Text::MotionFix(m, i) => &mut a.motions.get_mut(m)?.fixes.get_mut(i)?.fix,
            Text::PlanStep(i) => &mut a.plan.steps.get_mut(i)?.fix,
            Text::TargetPlanStep(i) => &mut a.target_plan.as_mut()?.steps.get_mut(i)?.fix,
            Text::Tradeoff(row, m) => &mut a.tradeoffs.get_mut(row)?.by_motion.get_mut(m)?.1,
            Text::QuadrantCaption => &mut a.quadrant.as_mut()?.caption,
            Text::LadderTitle => &mut a.ladder.as_mut()?.title,
            Text::RungProves(i) => &mut a.ladder.as_mut()?.rungs.get_mut(i)?.proves,
            Text::RungEarns(i) => &mut a.ladder.as_mut()?.rungs.get_mut(i)?.earns,
            Text::LadderCaption => &mut a.ladder.as_mut()?.caption,
            Text::GateTitle => &mut self.titles.gate,
            Text::GateLineTitle(i) => &mut a.gate.conditions.get_mut(i)?.title,
            Text::Gate(i) => &mut a.gate.conditions.get_mut(i)?.message,
            Text::GateFix(i) => a.gate.conditions.get_mut(i)?.fix.as_mut()?,
            Text::StripTitle => &mut self.titles.strip,
            Text::Strip(i) => &mut a.commission_strip.checks.get_mut(i)?.message,
            Text::StripFix(i) => a.commission_strip.checks.get_mut(i)?.fix.as_mut()?,
            Text::Path(i) => &mut a.decision_path.get_mut(i)?.message,
            Text::Label => a.label_check.message.as_mut()?,
            Text::Warning(i) => &mut a.warnings.get_mut(i)?.message,
            Text::WarningFix(i) => a.warnings.get_mut(i)?.fix.as_mut()?,
            Text::NextStep(i) => &mut a.next_steps.get_mut(i)?.message,
        })
    }
}

/// The texts of `a` in the order `reading` shows them; what a format does not show is
/// left out, so a term is never explained only where a reader cannot see it.
fn order(a: &Assessment, reading: Reading) -> Vec<Text> {
    let glance = (0..a.plan.steps.len().min(GLANCE_FIXES)).map(Text::PlanStep);
    let mut out = Vec::new();
    match reading {
        Reading::Table { many } => {
            out.extend(glance);
            out.push(Text::Summary);
            for &section in SECTIONS {
                texts_of(a, section, true, many, &mut out);
            }
        }
        Reading::Markdown { many } => {
            out.push(Text::Summary);
            out.extend(glance);
            for &section in SECTIONS {
                texts_of(a, section, false, many, &mut out);
            }
        }
        Reading::Html => {
            out.push(Text::Summary);
            out.push(Text::GateTitle);
            for (i, c) in a.gate.conditions.iter().enumerate() {
                // A line that holds shows its title; one that does not, its message.
                out.push(if c.state == Truth::Met {
                    Text::GateLineTitle(i)
                } else {
                    Text::Gate(i)
                });
            }
            charts(a, &mut out);
            out.extend((0..a.decision_path.len()).map(Text::Path));
            out.extend((0..a.plan.steps.len()).map(Text::PlanStep));
            out.extend((0..a.next_steps.len()).map(Text::NextStep));
            out.extend((0..a.warnings.len()).map(Text::Warning));
        }
        Reading::Json => {
            out.push(Text::Summary);
            for (m, motion) in a.motions.iter().enumerate() {
                out.extend((0..motion.reasons.len()).map(|i| Text::Reason(m, i)));
                out.extend((0..motion.fixes.len()).map(|i| Text::MotionFix(m, i)));
            }
            tradeoffs(a, &mut out);
            charts(a, &mut out);
            gate(a, false, &mut out);
            strip(a, false, &mut out);
            out.push(Text::Label);
            warnings(a, &mut out);
            out.extend((0..a.decision_path.len()).map(Text::Path));
            out.extend((0..a.next_steps.len()).map(Text::NextStep));
            out.extend((0..a.plan.steps.len()).map(Text::PlanStep));
            target_plan(a, &mut out);
        }
    }
    out
}

/// The texts one section of the table or markdown report shows; `folded` says the
/// motions' rows show only their [`shown_reasons`] and first fixes.
fn texts_of(a: &Assessment, section: Section, folded: bool, many: bool, out: &mut Vec<Text>) {
    match section {
        Section::Scores => {
            for (m, motion) in a.motions.iter().enumerate() {
                let (reasons, fixes) = if folded {
                    (shown_reasons(motion), motion.fixes.len().min(FIXES_SHOWN))
                } else {
                    ((0..motion.reasons.len()).collect(), motion.fixes.len())
                };
                out.extend(reasons.into_iter().map(|i| Text::Reason(m, i)));
                out.extend((0..fixes).map(|i| Text::MotionFix(m, i)));
            }
        }
        Section::Plan => out.extend((0..a.plan.steps.len()).map(Text::PlanStep)),
        Section::TargetPlan => target_plan(a, out),
        Section::Tradeoffs if !many => tradeoffs(a, out),
        Section::Gate => gate(a, true, out),
        Section::CommissionStrip => strip(a, true, out),
        Section::DecisionPath => out.extend((0..a.decision_path.len()).map(Text::Path)),
        Section::LabelCheck => out.push(Text::Label),
        Section::Warnings => warnings(a, out),
        Section::NextSteps => out.extend((0..a.next_steps.len()).map(Text::NextStep)),
        // Names, questions and sources: no prose a term of art is written in.
        Section::Tradeoffs
        | Section::Program
        | Section::Inferred
        | Section::Missing
        | Section::Sources => {}
    }
}

fn target_plan(a: &Assessment, out: &mut Vec<Text>) {
    if let Some(target) = &a.target_plan {
        out.extend((0..target.steps.len()).map(Text::TargetPlanStep));
    }
}

/// The charts' words, drawn on the page: the quadrant's caption, then the ladder's title,
/// its rungs from the bottom and its caption.
fn charts(a: &Assessment, out: &mut Vec<Text>) {
    if a.quadrant.is_some() {
        out.push(Text::QuadrantCaption);
    }
    if let Some(ladder) = &a.ladder {
        out.push(Text::LadderTitle);
        for i in 0..ladder.rungs.len() {
            out.extend([Text::RungProves(i), Text::RungEarns(i)]);
        }
        out.push(Text::LadderCaption);
    }
}

fn tradeoffs(a: &Assessment, out: &mut Vec<Text>) {
    for (row, t) in a.tradeoffs.iter().enumerate() {
        out.extend((0..t.by_motion.len()).map(|m| Text::Tradeoff(row, m)));
    }
}

/// The gate's lines, after its heading when the format shows one (`titled`).
fn gate(a: &Assessment, titled: bool, out: &mut Vec<Text>) {
    out.extend(titled.then_some(Text::GateTitle));
    for i in 0..a.gate.conditions.len() {
        out.extend([Text::Gate(i), Text::GateFix(i)]);
    }
}

/// The commission-strip test's checks, after its heading when the format shows one.
fn strip(a: &Assessment, titled: bool, out: &mut Vec<Text>) {
    out.extend(titled.then_some(Text::StripTitle));
    for i in 0..a.commission_strip.checks.len() {
        out.extend([Text::Strip(i), Text::StripFix(i)]);
    }
}

fn warnings(a: &Assessment, out: &mut Vec<Text>) {
    for i in 0..a.warnings.len() {
        out.extend([Text::Warning(i), Text::WarningFix(i)]);
    }
}
