//! A validated rule: what [`crate::rules::validate`] makes of a [`RuleFile`]. Its kind and
//! the keys only that kind has are one value ([`Body`]), so a question without answers or
//! a step that shows a motion cannot be built.
//!
//! [`RuleFile`]: super::model::RuleFile

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml::Spanned;

use super::model::{Answers, Caps, Case, Kind, PlanData, Verdict, Worth};
use super::template::{ChoiceWords, Message};
use crate::condition::{Condition, Facts, Truth};

/// One rule of a validated set.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable public id, `<family>.<file stem>`; its place serves the cases' diagnostics.
    pub id: Spanned<String>,
    /// One line, shown wherever the rule is listed.
    pub title: String,
    /// Why the rule exists, in a few sentences.
    pub why: String,
    /// Where the rule comes from: article and section.
    pub source: String,
    pub when: Condition,
    pub message: RuleMessages,
    /// Points added to a motion's score when the rule is met.
    pub weight: BTreeMap<Spanned<String>, Spanned<i64>>,
    /// Ceilings on a motion's verdict.
    pub cap: Caps,
    /// The kind, with the keys only that kind has.
    pub body: Body,
    /// Where the rule's fix sits in a plan.
    pub plan: PlanData,
    /// Examples that flip the rule.
    pub cases: Vec<Case>,
    /// The file the rule came from.
    pub path: PathBuf,
}

/// A rule's texts, each parsed once (see [`super::template`]). Validation reports a text
/// that does not parse and leaves it out here.
#[derive(Debug, Clone, Default)]
pub struct RuleMessages {
    pub met: Option<Message>,
    pub unmet: Option<Message>,
    pub unknown: Option<Message>,
    /// What to do when the rule is not met.
    pub fix: Option<Message>,
    /// What is missing, in a few words, when the rule holds a motion back.
    pub blocked: Option<Message>,
}

/// A rule's kind and what only that kind carries.
#[derive(Debug, Clone)]
pub enum Body {
    GreenLight,
    Wait,
    Strip,
    /// A step of the decision flow, and where each answer leads.
    Question {
        answer: Answers,
    },
    /// Deal mechanics that show an observation (a motion, or another word of the policy).
    Mechanic {
        shows: Spanned<String>,
        /// Lower is asked first.
        order: i64,
    },
    Pattern,
    Advice,
    Fit,
    /// A next step.
    Step {
        /// Position in the sequence.
        order: i64,
        /// Listed only when one of these motions is recommended (empty: always).
        applies_to: Vec<Spanned<String>>,
        /// Listed only when this condition is met (absent: always).
        shown_when: Option<crate::condition::Condition>,
    },
    /// Met when the profile takes its family's separate track.
    Track,
    /// A tier of a program, shown in `order`; `shows` names the motion the tier is the
    /// program's own form of, which the tier then judges in that motion's reasons.
    Tier {
        order: i64,
        reference: Reference,
        shows: Option<Spanned<String>>,
    },
    /// One gate of the tier named.
    Requirement {
        tier: Spanned<String>,
        reference: Reference,
    },
    /// The verdict when met, following a view; the lowest `order` met wins.
    Worth {
        verdict: Worth,
        view: Spanned<String>,
        order: i64,
    },
    View,
    Factor,
}

/// Where a published gate is written, and whether the rule's figure was compared with
/// that page.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The publisher's own page (the cloud's).
    pub url: String,
    pub compared: Compared,
}

/// Whether a gate's figure was compared with the publisher's page.
#[derive(Debug, Clone, PartialEq)]
pub enum Compared {
    /// On this day (`YYYY-MM-DD`), the last time.
    On(String),
    /// Not yet: the figure was taken from this secondary page.
    NotYet { taken_from: String },
}

impl Reference {
    /// The day of the last comparison with the publisher's page; `None` when the figure
    /// was taken from a secondary page and not compared yet.
    pub fn checked(&self) -> Option<&str> {
        match &self.compared {
            Compared::On(day) => Some(day),
            Compared::NotYet { .. } => None,
        }
    }

    /// The secondary page the figure was taken from, while it is not compared yet.
    pub fn taken_from(&self) -> Option<&str> {
        match &self.compared {
            Compared::On(_) => None,
            Compared::NotYet { taken_from } => Some(taken_from),
        }
    }
}

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::GreenLight => Kind::GreenLight,
            Body::Wait => Kind::Wait,
            Body::Strip => Kind::Strip,
            Body::Question { .. } => Kind::Question,
            Body::Mechanic { .. } => Kind::Mechanic,
            Body::Pattern => Kind::Pattern,
            Body::Advice => Kind::Advice,
            Body::Fit => Kind::Fit,
            Body::Step { .. } => Kind::Step,
            Body::Track => Kind::Track,
            Body::Tier { .. } => Kind::Tier,
            Body::Requirement { .. } => Kind::Requirement,
            Body::Worth { .. } => Kind::Worth,
            Body::View => Kind::View,
            Body::Factor => Kind::Factor,
        }
    }

    /// Where a mechanic or a step sits in its sequence.
    pub fn order(&self) -> Option<i64> {
        match self {
            Body::Mechanic { order, .. }
            | Body::Step { order, .. }
            | Body::Tier { order, .. }
            | Body::Worth { order, .. } => Some(*order),
            _ => None,
        }
    }
}

impl Rule {
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }

    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// The family is the part of the id before the first dot.
    pub fn family(&self) -> &str {
        let id = self.id();
        id.split_once('.').map_or(id, |(family, _)| family)
    }

    /// Every motion the rule speaks about (weights, caps, and the motions a step is for).
    pub fn motions(&self) -> Vec<&str> {
        let applies_to = match &self.body {
            Body::Step { applies_to, .. } => applies_to.as_slice(),
            _ => &[],
        };
        let mut out: Vec<&str> = self
            .weight
            .keys()
            .chain(self.cap.met.keys())
            .chain(self.cap.unmet.keys())
            .chain(self.cap.not_met.keys())
            .chain(applies_to)
            .map(|k| k.get_ref().as_str())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Points for `motion` when met.
    pub fn weight_for(&self, motion: &str) -> i64 {
        self.weight
            .iter()
            .find(|(k, _)| k.get_ref() == motion)
            .map_or(0, |(_, v)| *v.get_ref())
    }

    /// The verdict ceilings that apply in `state`.
    pub fn caps_in(&self, state: Truth) -> impl Iterator<Item = (&str, Verdict)> {
        let (first, also) = match state {
            Truth::Met => (&self.cap.met, None),
            Truth::Unmet => (&self.cap.unmet, Some(&self.cap.not_met)),
            Truth::Unknown => (&self.cap.not_met, None),
        };
        std::iter::once(first)
            .chain(also)
            .flat_map(|t| t.iter().map(|(k, v)| (k.get_ref().as_str(), *v.get_ref())))
    }

    /// The page that publishes the rule's gate, and when it was checked.
    pub fn reference(&self) -> Option<&Reference> {
        match &self.body {
            Body::Tier { reference, .. } | Body::Requirement { reference, .. } => Some(reference),
            _ => None,
        }
    }

    /// What the rule says in `state`: its message for the state filled from the answers
    /// and the rule's own thresholds, or its title (which takes no placeholders) when it
    /// has none.
    pub fn say(&self, state: Truth, facts: &Facts) -> String {
        self.say_with(state, facts, &|_, value| {
            crate::profile::catalog::value_words(value)
        })
    }

    /// [`Self::say`], with choices shown in the words `words` gives them.
    pub fn say_with(&self, state: Truth, facts: &Facts, words: &ChoiceWords<'_>) -> String {
        match self.message_for(state) {
            Some(message) => message.fill_with(facts, &self.when, words),
            None => self.title.clone(),
        }
    }

    /// One of the rule's texts filled from the answers and the rule's own thresholds.
    pub fn fill(&self, message: &Message, facts: &Facts) -> String {
        message.fill(facts, &self.when)
    }

    /// The message for a state, if the rule has one.
    pub fn message_for(&self, state: Truth) -> Option<&Message> {
        match state {
            Truth::Met => self.message.met.as_ref(),
            Truth::Unmet => self.message.unmet.as_ref(),
            Truth::Unknown => self.message.unknown.as_ref(),
        }
    }
}
