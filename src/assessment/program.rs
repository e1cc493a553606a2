//! The separate track of an assessment (`program` in the JSON): the tiers of the program
//! that apply, each gate met, unmet or unknown with what is missing, and whether the
//! program is worth entering, with the view of the sources that applies and why. Built
//! from the engine's [`TrackOutcome`]; every word shown comes from the rules.

use schemars::JsonSchema;
use serde::Serialize;

use crate::condition::{Facts, Truth};
use crate::engine::TrackOutcome;
use crate::rules::{Body, Rule, RuleSet, Worth};

/// Contract (`program`): the track's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Program {
    /// The `track` rule that put the profile on this track.
    pub track: String,
    /// The track's title and what it says about the profile.
    pub title: String,
    pub message: String,
    /// Contract: whose program this is (`null` when not answered: every cloud's tiers
    /// are then shown side by side).
    pub provider: Option<String>,
    /// Contract: is the program worth entering.
    pub worth_it: WorthIt,
    /// Contract: the program's tiers that apply, in order.
    pub tiers: Vec<Tier>,
}

/// Contract (`program.worth_it`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct WorthIt {
    /// Contract: `pursue` | `not-now` | `not-for-you`; `null` when no verdict holds yet.
    pub verdict: Option<Worth>,
    /// Contract: the key of the source whose view applies ("000").
    pub view: Option<String>,
    /// The `worth` rule behind the verdict, and why it holds.
    pub rule: Option<String>,
    pub message: Option<String>,
    /// Contract: what the verdict is weighed on, each in its state.
    pub reasons: Vec<Line>,
    /// Every view of the sources, stated; `applies` says which one fits the profile.
    pub views: Vec<View>,
    /// Verdicts that could hold instead, once their missing answers are given.
    pub could_change: Vec<String>,
    /// The questions whose answers could change the verdict: what those verdicts wait
    /// on, as the interview asks them.
    pub waiting_on: Vec<String>,
}

/// A rule's line in its state.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Line {
    pub rule: String,
    pub state: Truth,
    pub message: String,
}

/// One view of the sources.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct View {
    pub rule: String,
    /// The source's key ("000").
    pub view: String,
    /// The view, in one line.
    pub title: String,
    /// Whether it applies to the profile (`null`: not known yet).
    pub applies: Option<bool>,
    pub message: String,
}

/// Contract (`program.tiers[]`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Tier {
    /// Contract: the tier's rule id.
    pub id: String,
    /// Contract: the tier's name.
    pub name: String,
    /// The motion the tier is the program's own form of (its rule's `shows`): the tier
    /// judges that motion with this partner, in the motion's reasons too.
    pub motion: Option<String>,
    /// Contract: `met` | `unmet` | `unknown`.
    pub status: Truth,
    /// `met` when the tier is the profile's (its provider is answered), `unknown` when it
    /// may be: without a provider every cloud's tiers are shown.
    pub applies: Truth,
    /// What the tier's rule adds (a gate the cloud does not publish, say).
    pub note: Option<String>,
    /// Where the gates are published, and the day the tier was last compared with that
    /// page; `null` while its figures are `taken_from` a secondary page instead.
    pub source_url: String,
    pub checked: Option<String>,
    pub taken_from: Option<String>,
    /// Where the gates are published and whether they were compared, in words.
    pub page: String,
    /// Every gate of the tier, in its state.
    pub gates: Vec<Gate>,
    /// Contract: what is missing, one line per gate not met (unmet or unknown).
    pub missing: Vec<Missing>,
}

/// One published gate.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "ProgramGate")]
pub struct Gate {
    pub rule: String,
    pub title: String,
    pub state: Truth,
    pub message: String,
    /// What to do, for gates not met.
    pub fix: Option<String>,
    /// As the tier's: the publisher's page, the day of the last comparison with it, or
    /// the secondary page the gate's figure was taken from, not yet compared.
    pub source_url: String,
    pub checked: Option<String>,
    pub taken_from: Option<String>,
    /// Said after the gate's line when its figure was read on a secondary page.
    pub figure_source: Option<String>,
}

/// Contract (`missing[]`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Missing {
    /// Contract.
    pub rule: String,
    /// Contract: what is missing, in numbers where the gate has one.
    pub message: String,
    /// `unmet` (failed) or `unknown` (not answered yet, not failed).
    pub state: Truth,
}

/// The track's section of the report.
pub fn build(
    outcome: &TrackOutcome,
    facts: &Facts,
    set: &RuleSet,
    states: &crate::rules::States,
) -> Program {
    let rule = |i: usize| &set.rules[i];
    let fill = |r: &Rule, state: Truth| match set.index(r.id()) {
        Some(i) => set.say(i, state, facts),
        None => r.say(state, facts),
    };
    let line = |i: usize| Line {
        rule: rule(i).id().to_string(),
        state: states.at(i),
        message: fill(rule(i), states.at(i)),
    };
    let track = rule(outcome.track);
    let view_of = |r: &Rule| {
        super::sources::articles(&r.source)
            .first()
            .map(|a| a.key.clone())
            .unwrap_or_default()
    };
    let chosen = outcome.worth.map(rule);
    let view = chosen.and_then(|w| match &w.body {
        Body::Worth { view, .. } => set.get(view.get_ref()).map(view_of),
        _ => None,
    });
    let worth_it = WorthIt {
        verdict: chosen.and_then(|w| match &w.body {
            Body::Worth { verdict, .. } => Some(*verdict),
            _ => None,
        }),
        view,
        rule: chosen.map(|w| w.id().to_string()),
        message: chosen.map(|w| fill(w, Truth::Met)),
        reasons: outcome.factors.iter().map(|&i| line(i)).collect(),
        views: outcome
            .views
            .iter()
            .map(|&i| View {
                rule: rule(i).id().to_string(),
                view: view_of(rule(i)),
                title: rule(i).title.clone(),
                applies: match states.at(i) {
                    Truth::Met => Some(true),
                    Truth::Unmet => Some(false),
                    Truth::Unknown => None,
                },
                message: fill(rule(i), states.at(i)),
            })
            .collect(),
        could_change: outcome
            .undecided
            .iter()
            .map(|&i| rule(i).id().to_string())
            .collect(),
        waiting_on: {
            let mut fields: Vec<&str> = Vec::new();
            for &i in &outcome.undecided {
                for field in set.missing_answers(i, facts) {
                    if !fields.contains(&field) {
                        fields.push(field);
                    }
                }
            }
            fields.iter().map(|f| set.asks_for(f).to_string()).collect()
        },
    };
    let tiers = outcome
        .tiers
        .iter()
        .map(|t| {
            let tier = rule(t.tier);
            let reference = tier.reference();
            let gates: Vec<Gate> = t
                .requirements
                .iter()
                .map(|&i| {
                    let r = rule(i);
                    let state = states.at(i);
                    let reference = r.reference();
                    Gate {
                        rule: r.id().to_string(),
                        title: r.title.clone(),
                        state,
                        message: fill(r, state),
                        fix: (state != Truth::Met)
                            .then(|| r.message.fix.as_ref().map(|f| set.fill(r, f, facts)))
                            .flatten(),
                        source_url: reference.map(|x| x.url.clone()).unwrap_or_default(),
                        checked: reference.and_then(|x| x.checked()).map(str::to_string),
                        taken_from: reference.and_then(|x| x.taken_from()).map(str::to_string),
                        figure_source: reference.and_then(|x| set.figure_taken_from(x)),
                    }
                })
                .collect();
            let missing = gates
                .iter()
                .filter(|g| g.state != Truth::Met)
                .map(|g| Missing {
                    rule: g.rule.clone(),
                    message: g.message.clone(),
                    state: g.state,
                })
                .collect();
            Tier {
                id: tier.id().to_string(),
                name: tier.title.clone(),
                motion: match &tier.body {
                    Body::Tier { shows, .. } => shows.as_ref().map(|m| m.get_ref().clone()),
                    _ => None,
                },
                status: t.status,
                applies: t.applies,
                note: tier.message.met.as_ref().map(|n| set.fill(tier, n, facts)),
                source_url: reference.map(|x| x.url.clone()).unwrap_or_default(),
                checked: reference.and_then(|x| x.checked()).map(str::to_string),
                taken_from: reference.and_then(|x| x.taken_from()).map(str::to_string),
                page: reference.map(|x| set.page(x)).unwrap_or_default(),
                gates,
                missing,
            }
        })
        .collect();
    let provider = set
        .policy
        .report
        .program_provider
        .as_ref()
        .and_then(|field| facts.get(field.get_ref()).map(ToString::to_string));
    Program {
        track: track.id().to_string(),
        title: track.title.clone(),
        message: fill(track, Truth::Met),
        provider,
        worth_it,
        tiers,
    }
}

impl Program {
    /// The motion's reasons as the program judges it: one line per tier that is the
    /// program's form of `motion`, in its status, naming what is missing.
    pub fn reasons_for(&self, motion: &str) -> Vec<super::Reason> {
        self.tiers
            .iter()
            .filter(|t| t.motion.as_deref() == Some(motion) && t.applies == Truth::Met)
            .map(|t| {
                // What failed; unanswered gates are listed in the program section.
                let missing: Vec<&str> = t
                    .missing
                    .iter()
                    .filter(|m| m.state == Truth::Unmet)
                    .map(|m| m.message.as_str())
                    .collect();
                // A tier not known yet says what would settle it: its gates' own lines
                // not known yet, each naming the answers to give.
                let unsettled: Vec<&str> = t
                    .gates
                    .iter()
                    .filter(|g| g.state == Truth::Unknown)
                    .map(|g| g.message.as_str())
                    .collect();
                let message = if t.status == Truth::Unknown && !unsettled.is_empty() {
                    format!("{}: {}", t.name, unsettled.join(" "))
                } else if missing.is_empty() {
                    format!("{}: {}.", t.name, t.status.as_str())
                } else {
                    format!("{}: {}. {}", t.name, t.status.as_str(), missing.join(" "))
                };
                super::Reason {
                    rule: t.id.clone(),
                    state: t.status,
                    effect: match t.status {
                        Truth::Met => super::Effect::For,
                        Truth::Unmet => super::Effect::Against,
                        Truth::Unknown => super::Effect::Unknown,
                    },
                    message,
                }
            })
            .collect()
    }

    /// What to do for the motion as the program judges it: the fix of each gate that is
    /// unmet in a tier that is the program's form of `motion` (an unknown gate is a
    /// question to answer, not a fix). A program that is not for you asks for no work:
    /// its tiers still say where the motion stands, among the reasons.
    pub fn fixes_for(&self, motion: &str) -> Vec<super::Fix> {
        if self.worth_it.verdict == Some(crate::rules::Worth::NotForYou) {
            return Vec::new();
        }
        self.tiers
            .iter()
            .filter(|t| t.motion.as_deref() == Some(motion) && t.applies == Truth::Met)
            .flat_map(|t| &t.gates)
            .filter(|g| g.state == Truth::Unmet)
            .filter_map(|g| {
                g.fix.as_ref().map(|fix| super::Fix {
                    rule: g.rule.clone(),
                    fix: fix.clone(),
                })
            })
            .collect()
    }

    /// The verdict in words for a sentence ("not now"), or "not known yet".
    pub fn verdict_words(&self) -> String {
        self.worth_it
            .verdict
            .map_or("not known yet".to_string(), |v| {
                v.as_str().replace('-', " ")
            })
    }
}
