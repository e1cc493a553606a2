//! Evaluation -> Assessment: files each rule's outcome under the section its family
//! belongs to, and fills the messages from the profile's answers.

use crate::condition::{Fact, Facts, Truth};
use crate::engine::Evaluation;
use crate::rules::model::{BlockerName, Next, Policy, Summary, SummaryName};
use crate::rules::{Body, Rule};
use crate::rules::{Kind, RuleSet, Verdict};

use super::*;

/// Builds the assessment of one profile from its evaluation.
pub fn build(profile: &str, facts: &Facts, set: &RuleSet, evaluation: &Evaluation) -> Assessment {
    let ctx = Context {
        facts,
        set,
        evaluation,
    };
    let report = &set.policy.report;
    let program = evaluation
        .track
        .as_ref()
        .map(|t| super::program::build(t, facts, set, &evaluation.states));
    let motions: Vec<MotionAssessment> = set
        .policy
        .motions
        .iter()
        .map(|m| ctx.motion(m, program.as_ref()))
        .collect();
    let label_check = ctx.label_check();
    let warnings = ctx.warnings();
    let plan = ctx.main_plan();
    let mut assessment = Assessment {
        format: super::report::FORMAT,
        profile: profile.to_string(),
        vendor: ctx.text(report.vendor_name.get_ref()),
        partner: ctx.text(report.partner_name.get_ref()),
        recommendation: ctx.recommendation(
            &motions,
            &label_check,
            &warnings,
            program.as_ref(),
            &plan,
        ),
        motions,
        tradeoffs: tradeoffs(&set.policy),
        quadrant: quadrant(&set.policy, facts),
        ladder: set.policy.ladder.as_ref().map(|l| Ladder {
            title: l.title.clone(),
            caption: l.caption.clone(),
            source: l.source.clone(),
            proves_label: l.proves_label.clone(),
            earns_label: l.earns_label.clone(),
            current_label: l.current_label.clone(),
            current: ctx.text(l.current_field.get_ref()),
            rungs: l.rungs.clone(),
        }),
        gate: ctx.gate(),
        commission_strip: ctx.commission_strip(),
        label_check,
        warnings,
        // Filled by the caller that applied the relations to the facts.
        inferred: Vec::new(),
        unknowns: evaluation
            .unknowns
            .iter()
            .map(|u| Unknown {
                field: u.field.clone(),
                could_change: u.rules.clone(),
                changes_recommendation: u.decisive,
                question: set.asks_for(&u.field).to_string(),
            })
            .collect(),
        decision_path: ctx.decision_path(),
        next_steps: ctx.next_steps(),
        glossary: Vec::new(),
        plan,
        target_plan: None,
        program,
        sources: Vec::new(),
        thresholds: Vec::new(),
        handover: None,
    };
    assessment.sources = cited(&assessment, set);
    assessment
}

/// The plan for the motion named `motion` on these answers; `None` for a word that is not
/// one of the policy's motions.
pub fn plan_for(
    facts: &Facts,
    set: &RuleSet,
    evaluation: &Evaluation,
    motion: &str,
) -> Option<Plan> {
    let m = set.policy.motions.iter().position(|x| x == motion)?;
    let ctx = Context {
        facts,
        set,
        evaluation,
    };
    Some(ctx.plan(m))
}

/// The articles the rules behind the assessment's lines cite, by key.
fn cited(a: &Assessment, set: &RuleSet) -> Vec<sources::Article> {
    let mut ids: Vec<&str> = Vec::new();
    for m in &a.motions {
        ids.extend(m.reasons.iter().map(|r| r.rule.as_str()));
        ids.extend(m.fixes.iter().map(|f| f.rule.as_str()));
        ids.extend(m.blocked_by.iter().map(|b| b.rule.as_str()));
    }
    ids.extend(a.gate.conditions.iter().map(|c| c.rule.as_str()));
    ids.extend(a.commission_strip.checks.iter().map(|c| c.rule.as_str()));
    ids.extend(a.label_check.rule.as_deref());
    ids.extend(a.warnings.iter().map(|w| w.rule.as_str()));
    ids.extend(a.decision_path.iter().map(|p| p.rule.as_str()));
    ids.extend(a.next_steps.iter().map(|s| s.rule.as_str()));
    if let Some(p) = &a.program {
        // The tiers cite the cloud's own pages (their `source_url`); the track, its
        // verdict and the views cite the articles.
        ids.push(p.track.as_str());
        ids.extend(p.worth_it.rule.as_deref());
        ids.extend(p.worth_it.views.iter().map(|v| v.rule.as_str()));
    }
    ids.sort_unstable();
    ids.dedup();
    let mut articles = sources::merge(
        ids.into_iter()
            .filter_map(|id| set.get(id))
            // Tiers and their gates cite the cloud's own pages (`source_url`), not articles.
            .filter(|rule| !matches!(rule.kind(), Kind::Tier | Kind::Requirement))
            .flat_map(|rule| sources::articles(&rule.source)),
    );
    // The policy's [[sources]] name each article; a folder without them keeps the title
    // the rule's source gives.
    for article in &mut articles {
        if let Some(listed) = set.policy.source(&article.key) {
            article.title = listed.title.get_ref().clone();
            article.url = listed.url.as_ref().map(|u| u.get_ref().clone());
        }
    }
    articles.sort_by(|x, y| x.key.cmp(&y.key));
    articles
}

/// The policy's dimensions, each with its texts in the order of the motions. A motion
/// without a text is left out rather than invented; validation reports it.
fn tradeoffs(policy: &Policy) -> Vec<Tradeoff> {
    policy
        .dimensions
        .iter()
        .map(|d| Tradeoff {
            dimension: d.label.get_ref().clone(),
            by_motion: policy
                .motions
                .iter()
                .filter_map(|m| d.text_for(m).map(|t| (m.clone(), t.to_string())))
                .collect(),
        })
        .collect()
}

/// The policy's quadrant, its places in the order of the motions, moved along the
/// margin axis by the profile's own numbers (`gives`): a motion keeps 100 less the share
/// the partner takes, or the whole deal when it gives none. The caption says of each
/// motion what is drawn, then the policy's closing sentence.
fn quadrant(policy: &Policy, facts: &Facts) -> Option<Quadrant> {
    use crate::rules::model::PlaceName;
    let q = policy.quadrant.as_ref()?;
    let number = |field: &str| match facts.get(field) {
        Some(&Fact::Number(n)) => Some(n.clamp(0.0, 100.0).round() as u8),
        _ => None,
    };
    let overlap = q.overlap_field.as_ref().and_then(|f| number(f.get_ref()));
    let mut said = Vec::new();
    let places = policy
        .motions
        .iter()
        .filter_map(|m| {
            let (_, place) = q.place.iter().find(|(k, _)| k.get_ref() == m)?;
            let [x, y] = *place.get_ref();
            let gives = q.gives.iter().find(|(k, _)| k.get_ref() == m);
            let given = gives.and_then(|(_, field)| number(field.get_ref()));
            let kept = match (gives, given) {
                (None, _) => Some(100),
                (Some(_), Some(given)) => Some(100 - given),
                (Some(_), None) => None,
            };
            if let Some(says) = &q.says {
                let sentence = match (gives, given) {
                    (None, _) => &says.whole,
                    (Some(_), Some(_)) => &says.given,
                    (Some(_), None) => &says.not_given,
                };
                said.push(sentence.fill(|name| match name {
                    PlaceName::Motion => m.clone(),
                    PlaceName::Kept => kept.map(|k| k.to_string()).unwrap_or_default(),
                    PlaceName::Given => given.map(|g| g.to_string()).unwrap_or_default(),
                    PlaceName::Overlap => overlap.map(|o| o.to_string()).unwrap_or_default(),
                }));
            }
            let x = kept.map_or(x, i64::from);
            Some(Place {
                motion: m.clone(),
                x: u8::try_from(x.clamp(0, 100)).unwrap_or(0),
                y: u8::try_from(y.clamp(0, 100)).unwrap_or(0),
                kept,
            })
        })
        .collect();
    if let (Some(says), Some(o)) = (&q.says, overlap) {
        if let Some(sentence) = &says.overlap {
            said.push(sentence.fill(|name| match name {
                PlaceName::Overlap => o.to_string(),
                _ => String::new(),
            }));
        }
    }
    said.push(q.caption.clone());
    Some(Quadrant {
        title: q.title.clone(),
        x_axis: q.x_axis.clone(),
        y_axis: q.y_axis.clone(),
        caption: said.join(" "),
        source: q.source.clone(),
        places,
    })
}

struct Context<'a> {
    facts: &'a Facts,
    set: &'a RuleSet,
    evaluation: &'a Evaluation,
}

impl Context<'_> {
    /// The state of the rule at `index` in the set.
    fn state(&self, index: usize) -> Truth {
        self.evaluation.states.at(index)
    }

    fn text(&self, field: &str) -> Option<String> {
        self.facts.get(field).map(Fact::to_string)
    }

    /// What the rule says in its state, filled in.
    fn message(&self, rule: &Rule, state: Truth) -> String {
        match self.set.index(rule.id()) {
            Some(index) => self.set.say(index, state, self.facts),
            None => rule.say(state, self.facts),
        }
    }

    /// The motion the report steers toward, by index: the one the decision flow leads
    /// to while something holds it down and another runs meanwhile, else the one
    /// recommended.
    fn steered_motion(&self) -> usize {
        let decision = &self.evaluation.decision;
        let motions = &self.set.policy.motions;
        let index = |name: &str| motions.iter().position(|m| m == name);
        let recommended = index(&decision.recommended).unwrap_or(0);
        match decision.flow_motion.as_deref().and_then(index) {
            Some(flow) if flow != recommended && !decision.caps[&motions[flow]].is_empty() => flow,
            _ => recommended,
        }
    }

    /// The plan the report leads with: for the motion it steers toward, unless no change
    /// can reach that one; then for the motion recommended.
    fn main_plan(&self) -> Plan {
        let steered = self.plan(self.steered_motion());
        let motions = &self.set.policy.motions;
        let recommended = &self.evaluation.decision.recommended;
        let mut plan = match motions.iter().position(|m| m == recommended) {
            Some(m) if !steered.reachable && steered.motion != *recommended => self.plan(m),
            _ => steered,
        };
        // The answers that could change the recommendation come first too: the plan is
        // for a motion they could still move.
        for unknown in self.evaluation.unknowns.iter().filter(|u| u.decisive) {
            if !plan.answer_first.iter().any(|h| h.field == unknown.field) {
                plan.answer_first.push(Homework {
                    field: unknown.field.clone(),
                    question: self.set.asks_for(&unknown.field).to_string(),
                    rules: unknown.rules.clone(),
                });
            }
        }
        plan
    }

    /// The plan for the motion at `m`, in the report's words.
    fn plan(&self, m: usize) -> Plan {
        let set = self.set;
        let plan = crate::engine::plan::plan(set, self.facts, m);
        let motion = |i: usize| set.policy.motions[i].clone();
        let why_not = plan.unreachable.as_ref().map(|u| {
            let rule = &set.rules[u.rule];
            let given = u.given.as_deref().and_then(|g| set.policy.given_why(g));
            match (given, &set.policy.plan) {
                (Some(why), _) => why.to_string(),
                (None, Some(p)) => format!("{}: {}", rule.title, p.no_change),
                (None, None) => rule.title.clone(),
            }
        });
        let steps = plan
            .steps
            .iter()
            .map(|step| {
                let rule = &set.rules[step.rule];
                PlanStep {
                    rule: rule.id().to_string(),
                    title: self.plan_title(rule),
                    fix: self.fix(rule).unwrap_or_else(|| rule.title.clone()),
                    effort: rule.plan.effort.as_ref().map(|e| *e.get_ref()),
                    effort_source: rule
                        .plan
                        .effort_source
                        .as_ref()
                        .map(|s| s.get_ref().clone()),
                    after: rule
                        .plan
                        .after
                        .iter()
                        .map(|a| a.get_ref().clone())
                        .collect(),
                    changes: step
                        .changes
                        .iter()
                        .map(|(field, value)| Change {
                            field: field.clone(),
                            value: value.clone(),
                        })
                        .collect(),
                    then: Then {
                        score: step.then.percent,
                        verdict: step.then.verdict,
                        recommended: motion(step.then.recommended),
                    },
                }
            })
            .collect();
        Plan {
            motion: motion(m),
            reachable: plan.unreachable.is_none(),
            why_not,
            answer_first: plan
                .homework
                .iter()
                .map(|(field, rules)| Homework {
                    field: field.clone(),
                    question: set.asks_for(field).to_string(),
                    rules: rules
                        .iter()
                        .map(|&i| set.rules[i].id().to_string())
                        .collect(),
                })
                .collect(),
            steps,
        }
    }

    /// What a plan step makes true, as a phrase: the rule's `blocked` words (what is
    /// missing), else its title.
    fn plan_title(&self, rule: &Rule) -> String {
        match &rule.message.blocked {
            Some(text) => self.set.fill(rule, text, self.facts),
            None => lowercase_first(&rule.title),
        }
    }

    fn fix(&self, rule: &Rule) -> Option<String> {
        rule.message
            .fix
            .as_ref()
            .map(|f| self.set.fill(rule, f, self.facts))
    }

    /// How a blocker is named: by what is missing (`message.blocked`), else by the
    /// rule's message for its state; a blocker not known yet says so.
    fn blocker(&self, id: &str) -> String {
        let Some(index) = self.set.index(id) else {
            return id.to_string();
        };
        let rule = &self.set.rules[index];
        let state = self.state(index);
        match rule.message.blocked.as_ref() {
            Some(text) => {
                let name = self.set.fill(rule, text, self.facts);
                match (&self.set.policy.summary.unknown_blocker, state) {
                    (Some(sentence), Truth::Unknown) => {
                        sentence.fill(|BlockerName::Blocker| name.as_str())
                    }
                    _ => name,
                }
            }
            None => self.message(rule, state),
        }
    }

    fn recommendation(
        &self,
        motions: &[MotionAssessment],
        label: &LabelCheck,
        warnings: &[Warning],
        program: Option<&super::program::Program>,
        plan: &Plan,
    ) -> Recommendation {
        let decision = &self.evaluation.decision;
        let motion = decision.recommended.clone();
        let score = decision.scores.get(&motion).map_or(0, |s| s.percent);
        let summaries = &self.set.policy.summary;
        let capped = !decision.caps.get(&motion).is_none_or(Vec::is_empty);
        let policy = &self.set.policy;
        let is_motion = |word: &str| policy.motions.iter().any(|m| m == word);
        // What is not a motion (`oem`) in the label or the mechanics: the scores do not
        // describe it, and the summary says so.
        let other = [&label.declared, &label.observed]
            .into_iter()
            .flatten()
            .find(|w| policy.other_observations.contains(w))
            .cloned();
        let differs = other.is_none() && label.consistent == Some(false);
        // What the sections say weighs on the recommended motion: failure patterns that
        // concern it, and a label the mechanics contradict.
        // In the plan's order, so the sentence and "Fix first" name the same work first.
        let planned = |rule: &str| {
            plan.steps
                .iter()
                .position(|s| s.rule == rule)
                .unwrap_or(usize::MAX)
        };
        let mut patterns: Vec<&Warning> = warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Pattern)
            .filter(|w| w.motions.is_empty() || w.motions.contains(&motion))
            .collect();
        patterns.sort_by_key(|w| planned(&w.rule));
        let mut concerns: Vec<String> =
            patterns.iter().map(|w| lowercase_first(&w.title)).collect();
        if differs {
            concerns.extend(
                summaries
                    .label_concern
                    .as_ref()
                    .map(|text| text.as_str().to_string()),
            );
        }
        let recommended = motions.iter().find(|m| m.motion == motion);
        // What holds the recommended motion down, split by what is known: a blocker
        // known to fail is fixed; one not known yet is an answer to give.
        let (blocked_by, unknown_caps): (Vec<&Block>, Vec<&Block>) = recommended
            .map(|m| m.blocked_by.iter().collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .partition(|b| self.set.index(&b.rule).map(|i| self.state(i)) != Some(Truth::Unknown));
        let waiting_on: Vec<String> = self
            .evaluation
            .unknowns
            .iter()
            .filter(|u| unknown_caps.iter().any(|b| u.rules.contains(&b.rule)))
            .map(|u| u.field.clone())
            .collect();
        // The reasons against the motion, in the order its lines give them: what caps
        // it, then what fails, heaviest first.
        let against: Vec<&Reason> = recommended
            .map(|m| {
                m.reasons
                    .iter()
                    .filter(|r| r.effect == Effect::Against)
                    .collect()
            })
            .unwrap_or_default();
        let strongest = against
            .first()
            .map(|r| r.message.clone())
            .unwrap_or_default();
        let waiting = self.set.questions_for(waiting_on.iter());
        let (template, flow) = match &decision.flow_motion {
            _ if capped => match &summaries.none_judged {
                Some(t) if blocked_by.is_empty() && !waiting_on.is_empty() => (t, String::new()),
                _ => (&summaries.none_runnable, String::new()),
            },
            Some(flow)
                if *flow == motion
                    && concerns.is_empty()
                    && against.is_empty()
                    && !differs
                    && other.is_none() =>
            {
                (&summaries.follows_flow, flow.clone())
            }
            Some(flow) if *flow == motion => match (
                &summaries.follows_flow_concerns,
                &summaries.follows_flow_against,
            ) {
                (Some(t), _) if !concerns.is_empty() => (t, flow.clone()),
                (_, Some(t)) if !against.is_empty() && !differs && other.is_none() => {
                    (t, flow.clone())
                }
                _ => (&summaries.by_score, flow.clone()),
            },
            Some(flow) => (&summaries.flow_blocked, flow.clone()),
            None => (&summaries.by_score, String::new()),
        };
        let mut blocks: Vec<&Block> = motions
            .iter()
            .filter(|m| m.motion == flow)
            .flat_map(|m| m.blocked_by.iter())
            .collect();
        blocks.sort_by_key(|b| planned(&b.rule));
        let mut blockers: Vec<String> = Vec::new();
        for name in blocks.iter().map(|b| b.title.clone()) {
            if !blockers.contains(&name) {
                blockers.push(name.clone());
            }
        }
        let blockers = blockers
            .iter()
            // Names are written to be quoted mid-sentence; a message standing in for
            // one may start with a name ("Nimbus Cloud ..."), so nothing is lowercased.
            .map(|b| b.trim_end_matches('.').to_string())
            .collect::<Vec<_>>()
            .join("; ");
        let insufficient: Vec<String> = self
            .evaluation
            .unknowns
            .iter()
            .filter(|u| u.decisive)
            .map(|u| u.field.clone())
            .collect();
        let fields = self.set.questions_for(insufficient.iter());
        let read = self.set.readers().count();
        let missing = self
            .set
            .readers()
            .filter(|(field, _)| !self.facts.contains_key(*field))
            .count();
        let score_text = score.to_string();
        let missing_text = missing.to_string();
        let read_text = read.to_string();
        let worth = program.map(|p| p.verdict_words()).unwrap_or_default();
        let concerns = concerns.join("; ");
        let declared = label.declared.clone().unwrap_or_default();
        let observed = label.observed.clone().unwrap_or_default();
        let other_text = other.clone().unwrap_or_default();
        // The answers an undecided program verdict waits on.
        let deciding_fields: Vec<&String> = match program {
            Some(p) if p.worth_it.verdict.is_none() => self
                .evaluation
                .unknowns
                .iter()
                .filter(|u| u.rules.iter().any(|r| p.worth_it.could_change.contains(r)))
                .map(|u| &u.field)
                .collect(),
            _ => Vec::new(),
        };
        let deciding = self.set.questions_for(deciding_fields.into_iter());
        // Each value is written once where its sentence names it; a value that holds a
        // name of its own (a partner called "Tallyhub {read} CRM") is never filled again.
        let fill = |sentence: &Summary| {
            sentence.fill(|name| match name {
                SummaryName::Motion => motion.as_str(),
                SummaryName::Score => score_text.as_str(),
                SummaryName::Flow => flow.as_str(),
                SummaryName::Blockers => blockers.as_str(),
                SummaryName::Fields => fields.as_str(),
                SummaryName::Missing => missing_text.as_str(),
                SummaryName::Read => read_text.as_str(),
                SummaryName::Worth => worth.as_str(),
                SummaryName::Concerns => concerns.as_str(),
                SummaryName::Declared => declared.as_str(),
                SummaryName::Observed => observed.as_str(),
                SummaryName::Other => other_text.as_str(),
                SummaryName::Against => strongest.as_str(),
                SummaryName::Waiting => waiting.as_str(),
                SummaryName::Deciding => deciding.as_str(),
            })
        };
        let caveat = match (&summaries.mostly_missing, &summaries.mostly_missing_pct) {
            (Some(sentence), Some(pct))
                if read > 0 && (100 * missing / read) as i64 >= *pct.get_ref() =>
            {
                Some(fill(sentence))
            }
            _ => None,
        };
        let mut sentences: Vec<String> = caveat.iter().cloned().collect();
        let undecided = match (&summaries.program_undecided, deciding.is_empty()) {
            (Some(sentence), false) => Some(sentence),
            _ => None,
        };
        match (program, undecided.or(summaries.program_track.as_ref())) {
            // A separate track is its own decision: its sentence comes first, and the
            // motions are what can run meanwhile, with no blocker to "fix, then come back".
            (Some(program), Some(track)) => {
                sentences.push(program.message.clone());
                sentences.push(fill(track));
            }
            (Some(program), None) => {
                sentences.push(program.message.clone());
                sentences.push(fill(template));
            }
            (None, _) => sentences.push(fill(template)),
        }
        let label_sentence = match &other {
            Some(_) => summaries.not_a_motion.as_ref(),
            None if differs && label.declared.as_deref().is_some_and(is_motion) => {
                summaries.label_differs.as_ref()
            }
            None => None,
        };
        sentences.extend(label_sentence.map(fill));
        if !insufficient.is_empty() {
            sentences.push(fill(&summaries.insufficient_evidence));
        }
        let summary = sentences.join(" ");
        let program = program.map(|p| ProgramDecision {
            verdict: p.worth_it.verdict,
            could_change: self
                .evaluation
                .unknowns
                .iter()
                .filter(|u| u.rules.iter().any(|r| p.worth_it.could_change.contains(r)))
                .map(|u| u.field.clone())
                .collect(),
            words: worth.clone(),
        });
        Recommendation {
            blocked_by: blocked_by.iter().map(|b| b.rule.clone()).collect(),
            waiting_on,
            against: against.iter().map(|r| r.rule.clone()).collect(),
            program,
            motion,
            score,
            summary,
            flow_leads_to: decision.flow_motion.clone(),
            insufficient_evidence: insufficient,
            caveat,
        }
    }

    fn motion(&self, motion: &str, program: Option<&super::program::Program>) -> MotionAssessment {
        let decision = &self.evaluation.decision;
        let score = decision.scores[motion];
        let caps = &decision.caps[motion];
        let capping = |id: &str| caps.iter().any(|(c, _)| c == id);
        let rank = |s: Truth| match s {
            Truth::Unmet => 1,
            Truth::Unknown => 2,
            Truth::Met => 3,
        };
        let m = self
            .set
            .policy
            .motions
            .iter()
            .position(|x| x == motion)
            .unwrap_or(usize::MAX);
        let states = &self.evaluation.states;
        let mut related: Vec<(&Rule, Truth, i64)> = self
            .set
            .rules
            .iter()
            .enumerate()
            .filter(|(i, r)| r.kind() != Kind::Step && self.set.concerns(*i, m))
            .map(|(i, r)| (r, states.at(i), self.set.points(i, m)))
            .collect();
        // Blockers first, then what is missing, then what holds; heavier rules first. The
        // sort is stable and `related` is in id order, so ties stay in id order; each key
        // is worked out once rather than at every comparison.
        related.sort_by_cached_key(|&(r, state, points)| (!capping(r.id()), rank(state), -points));
        // On a separate track, the program's own tiers judge the motion they are the
        // program's form of: those lines come first.
        let program_reasons = program.map(|p| p.reasons_for(motion)).unwrap_or_default();
        let reasons = program_reasons
            .into_iter()
            .chain(
                related
                    .iter()
                    // A rule earns its line by weighing on the motion: points, a cap, or
                    // an answer still missing. A rule that neither caps nor scores the
                    // motion in its state (a prerequisite that holds) would only restate
                    // what another line says.
                    .filter(|(r, state, points)| {
                        *points > 0 || capping(r.id()) || *state == Truth::Unknown
                    })
                    .map(|(r, state, _)| Reason {
                        rule: r.id().to_string(),
                        state: *state,
                        effect: match state {
                            _ if capping(r.id()) => Effect::Against,
                            Truth::Met => Effect::For,
                            Truth::Unmet => Effect::Against,
                            Truth::Unknown => Effect::Unknown,
                        },
                        message: self.message(r, *state),
                    }),
            )
            .collect();
        let program_fixes = program.map(|p| p.fixes_for(motion)).unwrap_or_default();
        let fixes = program_fixes
            .into_iter()
            .chain(
                related
                    .iter()
                    .filter(|(r, state, points)| match state {
                        Truth::Unmet => *points > 0 || capping(r.id()),
                        Truth::Unknown => capping(r.id()),
                        Truth::Met => false,
                    })
                    .filter_map(|(r, _, _)| {
                        self.fix(r).map(|fix| Fix {
                            rule: r.id().to_string(),
                            fix,
                        })
                    }),
            )
            .collect();
        // A rule can cap a motion twice (when unmet, and when not met): it is listed
        // once, with the tighter verdict.
        let mut blocked_by: Vec<Block> = Vec::new();
        for (id, verdict) in caps {
            match blocked_by.iter_mut().find(|b| b.rule == *id) {
                Some(known) => known.verdict = known.verdict.min(*verdict),
                None => blocked_by.push(Block {
                    rule: id.clone(),
                    verdict: *verdict,
                    title: self.blocker(id),
                }),
            }
        }
        MotionAssessment {
            motion: motion.to_string(),
            score: score.percent,
            verdict: decision
                .verdicts
                .get(motion)
                .copied()
                .unwrap_or(Verdict::NotYet),
            points: Points {
                earned: score.earned,
                possible: score.possible,
            },
            blocked_by,
            reasons,
            fixes,
        }
    }

    fn condition_line(&self, (index, rule): (usize, &Rule)) -> GateCondition {
        let state = self.state(index);
        GateCondition {
            rule: rule.id().to_string(),
            kind: rule.kind(),
            state,
            title: rule.title.clone(),
            message: self.message(rule, state),
            fix: if state == Truth::Met {
                None
            } else {
                self.fix(rule)
            },
        }
    }

    fn gate(&self) -> Gate {
        let mut gate: Vec<(usize, &Rule)> = self.set.family("gate").collect();
        // Green-light conditions first, then wait conditions, as the gate is read; the
        // family is in id order and the sort stable, so ids order each kind.
        gate.sort_by_key(|(_, r)| r.kind());
        let conditions: Vec<GateCondition> =
            gate.into_iter().map(|r| self.condition_line(r)).collect();
        let green = conditions.iter().all(|c| c.state == Truth::Met);
        Gate {
            status: if green {
                GateStatus::Green
            } else {
                GateStatus::Wait
            },
            conditions,
        }
    }

    fn commission_strip(&self) -> CommissionStrip {
        let report = &self.set.policy.report;
        let checks: Vec<GateCondition> = self
            .set
            .family("strip")
            .map(|r| self.condition_line(r))
            .collect();
        let states: Vec<Truth> = self
            .set
            .family("strip")
            .map(|(i, _)| self.state(i))
            .collect();
        let passed = if states.contains(&Truth::Unmet) {
            Some(false)
        } else if states.contains(&Truth::Unknown) || states.is_empty() {
            None
        } else {
            Some(true)
        };
        let drivers = match self.facts.get(report.drivers.get_ref()) {
            Some(Fact::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        CommissionStrip {
            passed,
            primary_driver: self.text(report.primary_driver.get_ref()),
            drivers,
            checks,
        }
    }

    fn label_check(&self) -> LabelCheck {
        let declared = self.text(self.set.policy.report.declared_motion.get_ref());
        let mut mechanics: Vec<(usize, &Rule)> = self.set.family("label").collect();
        // Stable, over id order: ids break ties of order.
        mechanics.sort_by_key(|(_, r)| r.body.order().unwrap_or(i64::MAX));
        let mut observed = None;
        for (index, rule) in mechanics {
            match self.state(index) {
                Truth::Met => {
                    observed = Some(rule);
                    break;
                }
                // An earlier mechanic that might hold hides what the later ones show.
                Truth::Unknown => break,
                Truth::Unmet => {}
            }
        }
        let policy = &self.set.policy;
        let is_label = |word: &str| {
            policy
                .motions
                .iter()
                .chain(&policy.other_observations)
                .any(|m| m == word)
        };
        let shows = observed.and_then(|r| match &r.body {
            Body::Mechanic { shows, .. } => Some(shows.get_ref().clone()),
            _ => None,
        });
        let consistent = match (&declared, &shows) {
            (Some(d), Some(o)) if is_label(d) => Some(d == o),
            _ => None,
        };
        LabelCheck {
            declared,
            observed: shows,
            consistent,
            rule: observed.map(|r| r.id().to_string()),
            message: observed.map(|r| self.message(r, Truth::Met)),
        }
    }

    fn warnings(&self) -> Vec<Warning> {
        let patterns = self
            .set
            .family("pattern")
            .filter(|&(i, _)| self.state(i) == Truth::Unmet)
            .map(|(i, r)| (i, r, WarningKind::Pattern));
        let advice = self
            .set
            .family("advice")
            .filter(|&(i, _)| self.state(i) == Truth::Met)
            .map(|(i, r)| (i, r, WarningKind::Advice));
        let mut warnings: Vec<Warning> = patterns
            .chain(advice)
            .map(|(i, r, kind)| {
                let state = self.state(i);
                Warning {
                    rule: r.id().to_string(),
                    kind,
                    title: r.title.clone(),
                    message: self.message(r, state),
                    fix: self.fix(r),
                    motions: r.motions().into_iter().map(str::to_string).collect(),
                }
            })
            .collect();
        // What weighs on the recommended motion first; what matters only for later after.
        let recommended = &self.evaluation.decision.recommended;
        warnings.sort_by_key(|w| !(w.motions.is_empty() || w.motions.contains(recommended)));
        warnings
    }

    fn decision_path(&self) -> Vec<PathStep> {
        self.evaluation
            .decision
            .path
            .iter()
            .filter_map(|(id, state)| {
                let rule = self.set.get(id)?;
                let Body::Question { answer } = &rule.body else {
                    return None;
                };
                let leads_to = match state {
                    Truth::Met => Some(answer.yes.get_ref()),
                    Truth::Unmet => Some(answer.no.get_ref()),
                    Truth::Unknown => None,
                }
                .map(|next| match next {
                    Next::Next(id) | Next::Motion(id) => id.clone(),
                });
                Some(PathStep {
                    rule: id.clone(),
                    question: rule.title.clone(),
                    answer: Answer::from(*state),
                    message: self.message(rule, *state),
                    leads_to,
                })
            })
            .collect()
    }

    fn next_steps(&self) -> Vec<NextStep> {
        let recommended = &self.evaluation.decision.recommended;
        let mut steps: Vec<(usize, &Rule)> = self
            .set
            .family("step")
            .filter(|(_, r)| match &r.body {
                Body::Step {
                    applies_to,
                    shown_when,
                    ..
                } => {
                    (applies_to.is_empty() || applies_to.iter().any(|m| m.get_ref() == recommended))
                        && shown_when.as_ref().is_none_or(|c| {
                            c.eval(self.facts, &|id| {
                                self.set.state(&self.evaluation.states, id)
                            }) == Truth::Met
                        })
                }
                _ => false,
            })
            .collect();
        // Stable, over id order: ids break ties of order.
        steps.sort_by_key(|(_, r)| r.body.order().unwrap_or(i64::MAX));
        steps
            .into_iter()
            .map(|(i, r)| {
                let state = self.state(i);
                NextStep {
                    rule: r.id().to_string(),
                    order: r.body.order().unwrap_or_default(),
                    title: r.title.clone(),
                    // A step not shown to be done is still to do.
                    status: if state == Truth::Met {
                        StepStatus::Done
                    } else {
                        StepStatus::ToDo
                    },
                    // A step not shown to be done reads as the instruction.
                    message: self.message(
                        r,
                        if state == Truth::Met {
                            Truth::Met
                        } else {
                            Truth::Unmet
                        },
                    ),
                }
            })
            .collect()
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !text.chars().nth(1).is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}
