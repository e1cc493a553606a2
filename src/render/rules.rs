//! Rule definitions -> text, for `rules list` and `rules explain`. Pure: builds the
//! serialisable views of a rule ([`Row`], [`Explanation`]) and renders them; only the
//! commands write the result. The JSON forms are these views as they are.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::grid::{Cell, Grid};
use super::Style;
use crate::assessment::sources::{self, Source};
use crate::profile::catalog;
use crate::rules::model::{Kind, Next};
use crate::rules::template::Message;
use crate::rules::{Body, Rule, RuleSet};

/// One line of `rules list`.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub family: String,
    /// The motions the rule scores, caps or applies to.
    pub motions: Vec<String>,
    pub title: String,
    pub source: String,
    /// The rule's file.
    pub path: String,
}

impl Row {
    /// `motions` is the policy's order, which every report uses.
    pub fn from_rule(rule: &Rule, motions: &[String]) -> Self {
        let mut used: Vec<String> = rule.motions().into_iter().map(str::to_string).collect();
        used.sort_by_key(|m| motions.iter().position(|p| p == m).unwrap_or(usize::MAX));
        Row {
            id: rule.id().to_string(),
            kind: rule.kind().as_str().to_string(),
            family: rule.family().to_string(),
            motions: used,
            title: rule.title.trim().to_string(),
            source: rule.source.trim().to_string(),
            path: rule.path.display().to_string(),
        }
    }
}

/// `rules list` as a table that fits `style.width`.
pub fn list_table(rows: &[Row], style: Style) -> String {
    // Ids, kinds and motions are single words, which the grid never breaks: they are
    // looked up and copied.
    let mut table = Grid::new(&["Id", "Kind", "Motions", "Title", "Source"]);
    for row in rows {
        let motions = if row.motions.is_empty() {
            "-".to_string()
        } else {
            row.motions.join("\n")
        };
        table.row(vec![
            Cell::new(&row.id),
            Cell::new(&row.kind),
            Cell::new(motions),
            Cell::new(&row.title),
            Cell::new(&row.source),
        ]);
    }
    let noun = if rows.len() == 1 { "rule" } else { "rules" };
    format!("{}{} {noun}\n", table.render(style), rows.len())
}

/// `rules list --format json`: an array of rows.
pub fn list_json(rows: &[Row]) -> String {
    let mut out = serde_json::to_string_pretty(rows).expect("rows serialise to JSON");
    out.push('\n');
    out
}

/// Everything `rules explain` says about one rule.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub id: String,
    pub kind: String,
    pub family: String,
    pub title: String,
    pub why: String,
    /// What "met" means for a rule of this kind.
    pub met_means: String,
    /// The condition in words.
    pub when: String,
    /// The profile fields the condition reads; any missing one can leave the rule unknown.
    pub reads: Vec<FieldUse>,
    /// Other rules the condition depends on.
    pub depends_on: Vec<String>,
    /// Rules whose condition or flow answer names this rule.
    pub used_by: Vec<String>,
    pub weights: Vec<Weight>,
    pub caps: Vec<CapLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswerLines>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shows: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
    pub messages: MessageLines,
    pub source: Source,
    /// Program gates: the page that publishes the gate, and the day it was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// Program gates whose figure was read on a secondary page, not yet compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken_from: Option<String>,
    /// The page and whether compared, in the policy's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    pub path: String,
    pub cases: Vec<CaseLine>,
}

/// A profile field a rule reads.
#[derive(Debug, Clone, Serialize)]
pub struct FieldUse {
    pub field: String,
    pub description: String,
    pub allowed: String,
}

/// Points a rule adds to a motion's score when met.
#[derive(Debug, Clone, Serialize)]
pub struct Weight {
    pub motion: String,
    pub points: i64,
    /// This rule's share of every point the motion can earn, 0-100.
    pub share_pct: u8,
}

/// A ceiling a rule puts on a motion's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct CapLine {
    pub motion: String,
    pub verdict: String,
    /// `met`, `unmet` or `unmet or unknown`.
    pub applies_when: String,
}

/// Where a question's answers lead.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerLines {
    pub yes: String,
    pub no: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageLines {
    pub met: Option<String>,
    pub unmet: Option<String>,
    pub unknown: Option<String>,
    pub fix: Option<String>,
}

/// An example case of the rule.
#[derive(Debug, Clone, Serialize)]
pub struct CaseLine {
    pub expect: String,
    /// The case's answers, as dotted field paths.
    pub profile: BTreeMap<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Explanation {
    pub fn from_rule(rule: &Rule, set: &RuleSet) -> Self {
        let mut reads: Vec<FieldUse> = Vec::new();
        for field in rule.when.fields() {
            let name = field.get_ref();
            if reads.iter().any(|r| &r.field == name) {
                continue;
            }
            let known = catalog::field(name);
            reads.push(FieldUse {
                field: name.clone(),
                description: known.map(|f| f.description.clone()).unwrap_or_default(),
                allowed: known.map(|f| f.allowed()).unwrap_or_default(),
            });
        }
        let mut depends_on: Vec<String> = rule
            .when
            .rule_refs()
            .into_iter()
            .map(|r| r.get_ref().clone())
            .collect();
        depends_on.dedup();
        Explanation {
            id: rule.id().to_string(),
            kind: rule.kind().as_str().to_string(),
            family: rule.family().to_string(),
            title: rule.title.trim().to_string(),
            why: rule.why.trim().to_string(),
            met_means: met_means(rule.kind()).to_string(),
            when: rule.when.describe(),
            reads,
            depends_on,
            used_by: used_by(rule.id(), set),
            weights: weights(rule, set),
            caps: caps(rule),
            answers: match &rule.body {
                Body::Question { answer } => Some(AnswerLines {
                    yes: next_words(answer.yes.get_ref()),
                    no: next_words(answer.no.get_ref()),
                }),
                _ => None,
            },
            shows: match &rule.body {
                Body::Mechanic { shows, .. } => Some(shows.get_ref().clone()),
                _ => None,
            },
            order: rule.body.order(),
            applies_to: match &rule.body {
                Body::Step { applies_to, .. } => {
                    applies_to.iter().map(|m| m.get_ref().clone()).collect()
                }
                _ => Vec::new(),
            },
            messages: MessageLines {
                met: as_written(&rule.message.met),
                unmet: as_written(&rule.message.unmet),
                unknown: as_written(&rule.message.unknown),
                fix: as_written(&rule.message.fix),
            },
            source: sources::split(&rule.source),
            source_url: rule.reference().map(|r| r.url.clone()),
            checked: rule
                .reference()
                .and_then(|r| r.checked())
                .map(str::to_string),
            taken_from: rule
                .reference()
                .and_then(|r| r.taken_from())
                .map(str::to_string),
            page: rule.reference().map(|r| set.page(r)),
            path: rule.path.display().to_string(),
            cases: rule
                .cases
                .iter()
                .map(|c| CaseLine {
                    expect: c.expect.get_ref().as_str().to_string(),
                    profile: dotted(c.profile.get_ref()),
                    note: c.note.clone(),
                })
                .collect(),
        }
    }
}

/// What "met" means for each kind, as `rules/README.md` defines it.
fn met_means(kind: Kind) -> &'static str {
    match kind {
        Kind::GreenLight => "the condition holds; unmet or unknown holds the gate at `wait`",
        Kind::Wait => "the wait condition is absent; unmet means it is present and the gate waits",
        Kind::Strip => "this part of the commission-strip test passes",
        Kind::Question => "the answer is yes; `answers` says where each answer leads",
        Kind::Mechanic => "the deal mechanics show the motion in `shows`",
        Kind::Pattern => "the failure pattern is absent; unmet is a warning with its fix",
        Kind::Advice => "the advice applies and is shown",
        Kind::Fit => "evidence for a motion; it only adds points",
        Kind::Step => "the step is already done; unmet lists it as a next step",
        Kind::Track => "the profile takes this separate track; its family's section is shown",
        Kind::Tier => "the tier applies to the profile; its status is its requirements'",
        Kind::Requirement => "the published gate is met; unmet says what is missing",
        Kind::Worth => "this verdict holds; the lowest `order` met is the verdict",
        Kind::View => "this view of the sources applies to the profile",
        Kind::Factor => "what a verdict weighs, shown as a reason in its state",
    }
}

fn used_by(id: &str, set: &RuleSet) -> Vec<String> {
    set.rules
        .iter()
        .filter(|other| {
            let in_condition = other.when.rule_refs().iter().any(|r| r.get_ref() == id);
            let in_answer = match &other.body {
                Body::Question { answer } => [answer.yes.get_ref(), answer.no.get_ref()]
                    .iter()
                    .any(|n| matches!(n, Next::Next(next) if next == id)),
                _ => false,
            };
            in_condition || in_answer
        })
        .map(|other| other.id().to_string())
        .collect()
}

fn weights(rule: &Rule, set: &RuleSet) -> Vec<Weight> {
    let mut out: Vec<Weight> = rule
        .weight
        .iter()
        .map(|(motion, points)| {
            let motion = motion.get_ref().clone();
            let points = *points.get_ref();
            let possible: i64 = set.rules.iter().map(|r| r.weight_for(&motion)).sum();
            let share = if possible > 0 {
                (100 * points + possible / 2) / possible
            } else {
                0
            };
            Weight {
                motion,
                points,
                share_pct: u8::try_from(share.clamp(0, 100)).unwrap_or(100),
            }
        })
        .collect();
    // The policy's motion order, not the alphabet: it is the order every report uses.
    let rank = |m: &str| set.policy.motions.iter().position(|p| p == m);
    out.sort_by_key(|w| (rank(&w.motion), w.motion.clone()));
    out
}

fn caps(rule: &Rule) -> Vec<CapLine> {
    let mut out = Vec::new();
    for (table, when) in [
        (&rule.cap.met, "met"),
        (&rule.cap.unmet, "unmet"),
        (&rule.cap.not_met, "unmet or unknown"),
    ] {
        for (motion, verdict) in table {
            out.push(CapLine {
                motion: motion.get_ref().clone(),
                verdict: verdict.get_ref().as_str().to_string(),
                applies_when: when.to_string(),
            });
        }
    }
    out
}

fn next_words(next: &Next) -> String {
    match next {
        Next::Next(id) => format!("next question `{id}`"),
        Next::Motion(m) => format!("ends on {m}"),
    }
}

/// A case's profile as dotted field paths: `{ market = { icp_overlap_pct = 32 } }` ->
/// `market.icp_overlap_pct = 32`.
fn dotted(table: &toml::Table) -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    for (section, body) in table {
        match body {
            toml::Value::Table(fields) => {
                for (key, value) in fields {
                    out.insert(format!("{section}.{key}"), to_json(value));
                }
            }
            other => {
                out.insert(section.clone(), to_json(other));
            }
        }
    }
    out
}

fn to_json(value: &toml::Value) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// `rules explain`, as headed sections.
pub fn explanation_text(e: &Explanation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})\n", e.title, e.id);
    let _ = writeln!(out, "Kind:     {} (family `{}`)", e.kind, e.family);
    let _ = writeln!(out, "Met:      {}", e.met_means);
    let _ = writeln!(out, "Article:  {}", e.source.article);
    if let Some(section) = &e.source.section {
        let _ = writeln!(out, "Section:  {section}");
    }
    if let Some(page) = &e.page {
        let _ = writeln!(out, "Page:     {page}");
    }
    let _ = writeln!(out, "File:     {}", e.path);

    let _ = writeln!(out, "\n## Why\n{}", e.why);

    let _ = writeln!(out, "\n## Condition\nMet when {}.", e.when);
    if !e.reads.is_empty() {
        let _ = writeln!(out, "Reads (a missing answer can leave the rule unknown):");
        let width = e.reads.iter().map(|r| r.field.len()).max().unwrap_or(0);
        for r in &e.reads {
            let _ = writeln!(
                out,
                "  {:width$}  {} ({})",
                r.field, r.description, r.allowed
            );
        }
    }
    if !e.depends_on.is_empty() {
        let _ = writeln!(out, "Depends on: {}", ticks(&e.depends_on));
    }
    if !e.used_by.is_empty() {
        let _ = writeln!(out, "Used by: {}", ticks(&e.used_by));
    }
    if let Some(a) = &e.answers {
        let _ = writeln!(out, "\n## Answers\n  yes  {}\n  no   {}", a.yes, a.no);
    }
    if e.shows.is_some() || e.order.is_some() || !e.applies_to.is_empty() {
        let _ = writeln!(out, "\n## Placement");
        if let Some(shows) = &e.shows {
            let _ = writeln!(out, "  shows       {shows}");
        }
        if let Some(order) = e.order {
            let _ = writeln!(out, "  order       {order} (lower comes first)");
        }
        if !e.applies_to.is_empty() {
            let _ = writeln!(out, "  applies to  {}", e.applies_to.join(", "));
        }
    }

    let _ = writeln!(out, "\n## Weights (points added when met)");
    if e.weights.is_empty() {
        let _ = writeln!(out, "  none: the rule adds no points");
    }
    let width = e.weights.iter().map(|w| w.motion.len()).max().unwrap_or(0);
    for w in &e.weights {
        let _ = writeln!(
            out,
            "  {:width$}  +{:<3}  {}% of the points {} can earn",
            w.motion, w.points, w.share_pct, w.motion
        );
    }
    if !e.caps.is_empty() {
        let _ = writeln!(out, "\n## Caps (ceilings on a verdict)");
        let width = e.caps.iter().map(|c| c.motion.len()).max().unwrap_or(0);
        for c in &e.caps {
            let _ = writeln!(
                out,
                "  {:width$}  at most {} when {}",
                c.motion, c.verdict, c.applies_when
            );
        }
    }

    let m = &e.messages;
    let messages = [
        ("met", &m.met),
        ("unmet", &m.unmet),
        ("unknown", &m.unknown),
        ("fix", &m.fix),
    ];
    if messages.iter().any(|(_, text)| text.is_some()) {
        let _ = writeln!(out, "\n## Messages");
        for (name, text) in messages {
            if let Some(text) = text {
                let _ = writeln!(out, "  {:8} {}", format!("{name}:"), text.trim());
            }
        }
    }

    let _ = writeln!(out, "\n## Cases");
    if e.cases.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for c in &e.cases {
        let answers = if c.profile.is_empty() {
            "(no answers)".to_string()
        } else {
            c.profile
                .iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(out, "  {:8} {answers}", c.expect);
        if let Some(note) = &c.note {
            let _ = write!(out, "  ({})", note.trim());
        }
        out.push('\n');
    }
    out
}

/// `rules explain --format json`.
pub fn explanation_json(e: &Explanation) -> String {
    let mut out = serde_json::to_string_pretty(e).expect("an explanation serialises to JSON");
    out.push('\n');
    out
}

fn ticks(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rule's text as written, placeholders and all.
fn as_written(message: &Option<Message>) -> Option<String> {
    message.as_ref().map(|m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_profiles_read_as_dotted_fields() {
        let table: toml::Table =
            toml::from_str("market = { icp_overlap_pct = 32 }\nvendor = { name = \"V\" }").unwrap();
        let flat = dotted(&table);
        assert_eq!(flat["market.icp_overlap_pct"], serde_json::json!(32));
        assert_eq!(flat["vendor.name"], serde_json::json!("V"));
    }
}
