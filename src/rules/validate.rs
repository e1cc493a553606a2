//! Checks a parsed rule set as a whole and reports every problem at once, each at its
//! file, line and column with what to do. `rules validate`, the loader and `cargo test`
//! all run this same function.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::load::SourceFiles;
use super::model::{Dimension, Kind, Next, Rule, SummaryTemplates, Verdict};
use super::{template, RuleSet};
use crate::condition::{Condition, Literal, Truth};
use crate::diagnostic::Diagnostic;
use crate::profile::catalog::{self, FieldKind};
use crate::profile::{facts, Profile};
use crate::suggest;

/// How much of a rule set to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Nothing beyond parsing: for the embedded rules, which `cargo test` validated with
    /// their cases before the binary was built.
    Trusted,
    /// Everything but the rules' own cases.
    Structure,
    /// Also run every `[[case]]` of every rule.
    WithCases,
}

/// Every problem in the set, in file order.
pub fn validate(set: &RuleSet, files: &SourceFiles, depth: Depth) -> Vec<Diagnostic> {
    if depth == Depth::Trusted {
        return Vec::new();
    }
    let mut v = Validator {
        set,
        files,
        unparsed: unparsed_ids(set, files),
        problems: Vec::new(),
    };
    v.policy();
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for rule in &set.rules {
        if let Some(first) = seen.insert(rule.id(), &rule.path) {
            let message = format!(
                "duplicate rule id `{}`, also in {}",
                rule.id(),
                first.display()
            );
            v.push(
                rule,
                rule.id.span(),
                message,
                "give each rule its own id; ids are never reused",
            );
        }
        v.rule(rule);
    }
    v.references();
    v.flow();
    // Cases run last, and only where the result means something: on rules whose own file
    // is sound and whose referenced rules are too. A case failing because its rule names
    // an unknown field would only repeat that problem.
    if depth == Depth::WithCases {
        let unsound: BTreeSet<&Path> = v.problems.iter().map(|p| p.path.as_path()).collect();
        let runnable: Vec<&Rule> = set
            .rules
            .iter()
            .filter(|rule| sound_with_references(set, rule, &unsound))
            .collect();
        for rule in runnable {
            v.cases(rule);
        }
    }
    v.problems
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    // One mistake can be met by two checks (a field that does not exist cannot be
    // compared either); say it once.
    v.problems.dedup();
    v.problems
}

/// The ids the rule files that could not be parsed would have (`<folder>.<file stem>`).
/// Their parse error is already reported; a rule or policy naming them is not wrong.
fn unparsed_ids(set: &RuleSet, files: &SourceFiles) -> BTreeSet<String> {
    let root = set.policy.path.parent();
    files
        .keys()
        .filter(|path| path.parent() != root && !set.rules.iter().any(|r| &r.path == *path))
        .filter_map(|path| {
            let folder = path.parent()?.file_name()?.to_str()?;
            let stem = path.file_stem()?.to_str()?;
            Some(format!("{folder}.{stem}"))
        })
        .collect()
}

/// The rule's file has no problem, and neither has any rule it depends on.
fn sound_with_references(set: &RuleSet, rule: &Rule, unsound: &BTreeSet<&Path>) -> bool {
    let mut stack = vec![rule];
    let mut seen = BTreeSet::new();
    while let Some(current) = stack.pop() {
        if !seen.insert(current.id()) {
            continue;
        }
        if unsound.contains(current.path.as_path()) {
            return false;
        }
        for reference in current.when.rule_refs() {
            match set.get(reference.get_ref()) {
                Some(other) => stack.push(other),
                None => return false,
            }
        }
    }
    true
}

/// A TOML or schema error in a rule or policy file, with the likely fix.
pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim();
    let span = err.span().unwrap_or(0..0);
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (first, help) =
        if message.starts_with("unknown field") || message.starts_with("unknown variant") {
            let what = if message.starts_with("unknown field") {
                "keys"
            } else {
                "values"
            };
            let valid = quoted.get(1..).unwrap_or_default();
            let first = match (quoted.first(), value_kind(valid)) {
                // In rule files "field" means a profile field; a misspelt key is a key.
                (Some(wrong), _) if what == "keys" => format!("unknown key `{wrong}`"),
                (Some(wrong), Some(kind)) => format!("unknown {kind} `{wrong}`"),
                _ => message
                    .split(", expected")
                    .next()
                    .unwrap_or(message)
                    .to_string(),
            };
            let help = match quoted
                .first()
                .and_then(|w| suggest::nearest(w, valid.iter().copied()))
            {
                Some(near) => format!("did you mean `{near}`? (see rules/README.md)"),
                None => format!("allowed {what} here: {}", valid.join(", ")),
            };
            (first, Some(help))
        } else {
            (
                message.to_string(),
                Some("see rules/README.md for the rule file format".to_string()),
            )
        };
    let d = Diagnostic::at(path, text, span, first);
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// What a closed set of words names, told by its members: serde only says "variant".
fn value_kind(valid: &[&str]) -> Option<&'static str> {
    let has = |word: &str| valid.contains(&word);
    if has("ratio_gte") && has("all") {
        Some("condition operator")
    } else if has("green-light") && has("question") {
        Some("rule kind")
    } else if has("not-a-fit") {
        Some("verdict")
    } else if has("met") && has("unmet") {
        Some("case state")
    } else if has("next") && has("motion") {
        Some("answer target")
    } else {
        None
    }
}

struct Validator<'a> {
    set: &'a RuleSet,
    files: &'a SourceFiles,
    /// Ids of rule files that failed to parse; see [`unparsed_ids`].
    unparsed: BTreeSet<String>,
    problems: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    fn push(
        &mut self,
        rule: &Rule,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push_at(&rule.path, span, message, help);
    }

    fn push_at(
        &mut self,
        path: &Path,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let text = self.files.get(path).map(|t| t.as_ref()).unwrap_or_default();
        self.problems
            .push(Diagnostic::at(path, text, span, message).with_help(help));
    }

    fn motions(&self) -> Vec<&'a str> {
        self.set.policy.motions.iter().map(String::as_str).collect()
    }

    fn policy(&mut self) {
        let policy = &self.set.policy;
        let path = policy.path.clone();
        if policy.motions.is_empty() {
            self.push_at(
                &path,
                0..0,
                "`motions` is empty",
                "list the motions to score",
            );
        }
        let min = *policy.viable_min_score.get_ref();
        if !(0..=100).contains(&min) {
            self.push_at(
                &path,
                policy.viable_min_score.span(),
                format!("viable_min_score {min} is out of range"),
                "use 0 to 100",
            );
        }
        let start = policy.flow_start.get_ref();
        match self.set.get(start) {
            Some(rule) if *rule.kind.get_ref() == Kind::Question => {}
            None if self.unparsed.contains(start) => {}
            _ => self.push_at(
                &path,
                policy.flow_start.span(),
                format!("flow_start `{start}` is not a question rule"),
                "name a rule of kind `question` in `rules/flow/`",
            ),
        }
        let r = &policy.report;
        for field in [
            &r.declared_motion,
            &r.drivers,
            &r.primary_driver,
            &r.vendor_name,
            &r.partner_name,
        ] {
            if catalog::field(field.get_ref()).is_none() {
                let help = field_help(field.get_ref());
                self.push_at(
                    &path,
                    field.span(),
                    format!("unknown profile field `{}`", field.get_ref()),
                    help,
                );
            }
        }
        let s = &policy.summary;
        let allowed = SummaryTemplates::PLACEHOLDERS;
        let help = format!(
            "a summary may use {}",
            allowed
                .iter()
                .map(|p| format!("`{{{p}}}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for template in s.sentences() {
            match template::placeholders(template) {
                Err(bad) => self.push_at(
                    &path,
                    0..0,
                    format!("malformed placeholder `{{{bad}}}` in summary `{template}`"),
                    help.clone(),
                ),
                Ok(found) => {
                    for p in found
                        .iter()
                        .filter(|p| p.factor.is_some() || !allowed.contains(&p.field))
                    {
                        let text = &template[p.range.clone()];
                        self.push_at(
                            &path,
                            0..0,
                            format!("unknown placeholder `{text}` in summary `{template}`"),
                            help.clone(),
                        );
                    }
                }
            }
        }
        match (&s.mostly_missing, &s.mostly_missing_pct) {
            (Some(_), Some(pct)) if !(0..=100).contains(pct.get_ref()) => self.push_at(
                &path,
                pct.span(),
                format!("mostly_missing_pct {} is out of range", pct.get_ref()),
                "use 0 to 100",
            ),
            (Some(_), None) | (None, Some(_)) => self.push_at(
                &path,
                0..0,
                "`mostly_missing` and `mostly_missing_pct` go together",
                "give both, or neither",
            ),
            _ => {}
        }
        for dimension in &policy.dimensions {
            self.dimension(&path, dimension);
        }
    }

    /// A trade-off row is read across every motion, so a missing cell would leave a hole
    /// in the report's table: each motion needs a text, and only motions may have one.
    fn dimension(&mut self, path: &Path, dimension: &Dimension) {
        let label = &dimension.label;
        let motions = self.motions();
        if label.get_ref().trim().is_empty() {
            self.push_at(
                path,
                label.span(),
                "a dimension has an empty `label`",
                "name the trade-off, e.g. `Margin impact`",
            );
        }
        if dimension.source.trim().is_empty() {
            self.push_at(
                path,
                label.span(),
                format!("dimension `{}` names no `source`", label.get_ref()),
                "add `source = \"<article> <title>, '<section>'\"`, as rules do",
            );
        }
        for motion in motions.iter().filter(|m| dimension.text_for(m).is_none()) {
            let message = format!("dimension `{}` has no text for `{motion}`", label.get_ref());
            let help =
                format!("add `{motion} = \"...\"` to its `by_motion`: every motion needs one");
            self.push_at(path, label.span(), message, help);
        }
        self.dimension_cells(path, dimension, &motions);
    }

    /// Only motions of the policy may have a cell, and a cell says something.
    fn dimension_cells(&mut self, path: &Path, dimension: &Dimension, motions: &[&str]) {
        let label = dimension.label.get_ref();
        for (motion, text) in &dimension.by_motion {
            let name = motion.get_ref().as_str();
            if !motions.contains(&name) {
                let list = motions.join(", ");
                let help = match suggest::nearest(name, motions.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? motions: {list}"),
                    None => format!("motions: {list}"),
                };
                let message = format!("unknown motion `{name}` in dimension `{label}`");
                self.push_at(path, motion.span(), message, help);
            } else if text.get_ref().trim().is_empty() {
                let message = format!("dimension `{label}` has an empty text for `{name}`");
                self.push_at(
                    path,
                    text.span(),
                    message,
                    "write a few words for the table cell",
                );
            }
        }
    }

    fn rule(&mut self, rule: &'a Rule) {
        self.id_matches_path(rule);
        self.kind_fits_family(rule);
        self.texts(rule);
        self.condition(rule, &rule.when);
        self.weights_and_caps(rule);
        self.kind_specifics(rule);
    }

    fn id_matches_path(&mut self, rule: &Rule) {
        let folder = rule
            .path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let stem = rule
            .path
            .file_stem()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let expected = format!("{folder}.{stem}");
        if rule.id() != expected {
            self.push(rule, rule.id.span(), format!("id `{}` does not match its file", rule.id()),
                format!("a rule in `{folder}/{stem}.toml` has id `{expected}`; rename the file or the id"));
        }
    }

    fn kind_fits_family(&mut self, rule: &Rule) {
        let family = rule.family();
        let kind = *rule.kind.get_ref();
        match Kind::families().iter().find(|(f, _)| *f == family) {
            None => {
                let names: Vec<&str> = Kind::families().iter().map(|(f, _)| *f).collect();
                let help = match suggest::nearest(family, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? families: {}", names.join(", ")),
                    None => format!("families: {}", names.join(", ")),
                };
                self.push(
                    rule,
                    rule.id.span(),
                    format!("unknown rule family `{family}`"),
                    help,
                );
            }
            Some((_, kinds)) if !kinds.contains(&kind) => {
                let allowed: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                self.push(
                    rule,
                    rule.kind.span(),
                    format!(
                        "kind `{}` is not allowed in family `{family}`",
                        kind.as_str()
                    ),
                    format!("use {}", allowed.join(" or ")),
                );
            }
            Some(_) => {}
        }
    }

    fn texts(&mut self, rule: &Rule) {
        for (name, text) in [
            ("title", &rule.title),
            ("why", &rule.why),
            ("source", &rule.source),
        ] {
            if text.trim().is_empty() {
                self.push(
                    rule,
                    rule.id.span(),
                    format!("`{name}` is empty"),
                    format!("write the rule's {name}"),
                );
            }
        }
        let messages = [
            &rule.message.met,
            &rule.message.unmet,
            &rule.message.unknown,
            &rule.message.fix,
        ];
        for text in messages.into_iter().flatten() {
            match template::placeholders(text) {
                Err(bad) => self.push(
                    rule,
                    self.written_at(rule, &bad),
                    format!("malformed placeholder `{{{bad}}}`"),
                    "write `{section.field}` or `{section.field*1.5}`",
                ),
                Ok(found) => {
                    for p in found {
                        if catalog::field(p.field).is_none() {
                            let help = field_help(p.field);
                            self.push(
                                rule,
                                self.written_at(rule, &text[p.range.clone()]),
                                format!("message names unknown profile field `{}`", p.field),
                                help,
                            );
                        }
                    }
                }
            }
        }
    }

    /// Where `needle` is written in the rule's file: messages are plain strings without
    /// places of their own, so a problem in one is pointed at by its text. The rule's id
    /// when the text is not found as written (an escaped string, say).
    fn written_at(&self, rule: &Rule, needle: &str) -> Range<usize> {
        let file = self
            .files
            .get(&rule.path)
            .map(|t| t.as_ref())
            .unwrap_or_default();
        match file.find(needle) {
            Some(at) if !needle.is_empty() => at..at + needle.len(),
            _ => rule.id.span(),
        }
    }

    fn condition(&mut self, rule: &Rule, condition: &Condition) {
        match condition {
            Condition::Eq(c) | Condition::Ne(c) => self.literal(rule, &c.field, &c.value, false),
            Condition::Gt(c) | Condition::Gte(c) | Condition::Lt(c) | Condition::Lte(c) => {
                if self
                    .field(rule, &c.field)
                    .is_some_and(|k| !matches!(k, FieldKind::Number { .. }))
                {
                    self.push(
                        rule,
                        c.field.span(),
                        format!(
                            "`{}` is not a number; it cannot be compared by size",
                            c.field.get_ref()
                        ),
                        "use `eq`, `ne` or `in` for this field",
                    );
                } else {
                    self.literal(rule, &c.field, &c.value, false);
                }
            }
            Condition::In(a) => {
                for value in &a.values {
                    self.literal(rule, &a.field, value, false);
                }
            }
            Condition::Contains(c) => {
                if self
                    .field(rule, &c.field)
                    .is_some_and(|k| !matches!(k, FieldKind::List(_)))
                {
                    self.push(
                        rule,
                        c.field.span(),
                        format!("`{}` is not a list", c.field.get_ref()),
                        "use `eq` or `in` for this field",
                    );
                } else {
                    self.literal(rule, &c.field, &c.value, true);
                }
            }
            Condition::IsTrue(r) | Condition::IsFalse(r) => {
                if self
                    .field(rule, &r.field)
                    .is_some_and(|k| *k != FieldKind::Bool)
                {
                    self.push(
                        rule,
                        r.field.span(),
                        format!("`{}` is not a yes/no field", r.field.get_ref()),
                        "use `eq`, `in` or a comparison for this field",
                    );
                }
            }
            Condition::Present(r) | Condition::Nonempty(r) => {
                self.field(rule, &r.field);
            }
            Condition::RatioGte(r) => {
                for f in [&r.field, &r.over] {
                    if self
                        .field(rule, f)
                        .is_some_and(|k| !matches!(k, FieldKind::Number { .. }))
                    {
                        self.push(
                            rule,
                            f.span(),
                            format!("`{}` is not a number", f.get_ref()),
                            "a ratio needs two number fields",
                        );
                    }
                }
                if *r.value.get_ref() <= 0.0 {
                    self.push(
                        rule,
                        r.value.span(),
                        "a ratio bound must be positive",
                        "use a number above 0",
                    );
                }
            }
            Condition::All(items) | Condition::Any(items) => {
                for item in items {
                    self.condition(rule, item);
                }
            }
            Condition::Not(inner) => self.condition(rule, inner),
            Condition::Rule(_) => {}
        }
    }

    /// The field's kind, after reporting it when the field does not exist.
    fn field(&mut self, rule: &Rule, name: &Spanned<String>) -> Option<&'static FieldKind> {
        match catalog::field(name.get_ref()) {
            Some(field) => Some(&field.kind),
            None => {
                let help = field_help(name.get_ref());
                self.push(
                    rule,
                    name.span(),
                    format!("unknown profile field `{}`", name.get_ref()),
                    help,
                );
                None
            }
        }
    }

    fn literal(
        &mut self,
        rule: &Rule,
        field: &Spanned<String>,
        value: &Spanned<Literal>,
        element: bool,
    ) {
        let Some(kind) = self.field(rule, field) else {
            return;
        };
        let name = field.get_ref();
        let Some(info) = catalog::field(name) else {
            return;
        };
        if info.accepts(value.get_ref(), element) {
            return;
        }
        // It does not fit: say why in the terms of the field.
        let problem = match (kind, value.get_ref()) {
            (FieldKind::Number { .. }, Literal::Number(n)) => Some((
                format!("{n} is outside `{name}`'s range"),
                format!("`{name}` is {}", info.allowed()),
            )),
            (FieldKind::Choice(words) | FieldKind::List(words), Literal::Text(t))
                if element || matches!(kind, FieldKind::Choice(_)) =>
            {
                let help = match suggest::nearest(t, words.iter().map(String::as_str)) {
                    Some(near) => {
                        format!("did you mean \"{near}\"? allowed: {}", words.join(" | "))
                    }
                    None => format!("allowed: {}", words.join(" | ")),
                };
                Some((format!("\"{t}\" is not a value of `{name}`"), help))
            }
            _ => Some((
                format!("{} cannot be compared with `{name}`", value.get_ref()),
                format!("`{name}` is {}", info.allowed()),
            )),
        };
        if let Some((message, help)) = problem {
            self.push(rule, value.span(), message, help);
        }
    }

    fn weights_and_caps(&mut self, rule: &Rule) {
        let motions = self.motions();
        for (motion, points) in &rule.weight {
            self.motion_name(rule, motion, &motions);
            if !(0..=100).contains(points.get_ref()) {
                self.push(
                    rule,
                    points.span(),
                    format!("weight {} is out of range", points.get_ref()),
                    "weights are points from 0 to 100",
                );
            }
        }
        for table in [&rule.cap.met, &rule.cap.unmet, &rule.cap.not_met] {
            for (motion, verdict) in table {
                self.motion_name(rule, motion, &motions);
                if matches!(verdict.get_ref(), Verdict::Viable | Verdict::Recommended) {
                    self.push(
                        rule,
                        verdict.span(),
                        format!("`{}` is not a ceiling", verdict.get_ref().as_str()),
                        "a cap is \"not-yet\" or \"not-a-fit\"",
                    );
                }
            }
        }
        for motion in &rule.applies_to {
            self.motion_name(rule, motion, &motions);
        }
    }

    fn motion_name(&mut self, rule: &Rule, motion: &Spanned<String>, motions: &[&str]) {
        if !motions.contains(&motion.get_ref().as_str()) {
            let help = match suggest::nearest(motion.get_ref(), motions.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? motions: {}", motions.join(", ")),
                None => format!("motions: {}", motions.join(", ")),
            };
            self.push(
                rule,
                motion.span(),
                format!("unknown motion `{}`", motion.get_ref()),
                help,
            );
        }
    }

    fn kind_specifics(&mut self, rule: &Rule) {
        let kind = *rule.kind.get_ref();
        let span = rule.kind.span();
        let needs_unmet_and_fix = matches!(
            kind,
            Kind::GreenLight | Kind::Wait | Kind::Strip | Kind::Pattern
        );
        if needs_unmet_and_fix && (rule.message.unmet.is_none() || rule.message.fix.is_none()) {
            self.push(
                rule,
                span.clone(),
                format!(
                    "a `{}` rule needs `message.unmet` and `message.fix`",
                    kind.as_str()
                ),
                "say what is wrong when the rule is not met, and how to fix it",
            );
        }
        if matches!(kind, Kind::Question)
            && (rule.message.met.is_none() || rule.message.unmet.is_none())
        {
            self.push(
                rule,
                span.clone(),
                "a question needs `message.met` and `message.unmet`",
                "say how each answer reads in the decision path",
            );
        }
        if matches!(kind, Kind::Advice | Kind::Mechanic) && rule.message.met.is_none() {
            self.push(
                rule,
                span.clone(),
                format!("a `{}` rule needs `message.met`", kind.as_str()),
                "write the message shown when the rule is met",
            );
        }
        if matches!(kind, Kind::Step) && rule.message.unmet.is_none() {
            self.push(
                rule,
                span.clone(),
                "a step needs `message.unmet`",
                "say what to do while the step is not done",
            );
        }
        match (kind, &rule.answer) {
            (Kind::Question, None) => self.push(
                rule,
                span.clone(),
                "a question needs `[answer]` with `yes` and `no`",
                "add `[answer]` with `yes = { next = \"flow.x\" }` or `{ motion = \"referral\" }`",
            ),
            (k, Some(_)) if k != Kind::Question => self.push(
                rule,
                span.clone(),
                "only questions have `[answer]`",
                "remove `[answer]`",
            ),
            _ => {}
        }
        match (kind, &rule.shows) {
            (Kind::Mechanic, None) => self.push(
                rule,
                span.clone(),
                "a mechanic needs `shows`",
                "name the motion these mechanics show",
            ),
            (Kind::Mechanic, Some(shows)) => {
                let mut allowed = self.motions();
                allowed.extend(
                    self.set
                        .policy
                        .other_observations
                        .iter()
                        .map(String::as_str),
                );
                if !allowed.contains(&shows.get_ref().as_str()) {
                    self.push(
                        rule,
                        shows.span(),
                        format!("unknown observation `{}`", shows.get_ref()),
                        format!("use one of {}", allowed.join(", ")),
                    );
                }
            }
            (_, Some(shows)) => self.push(
                rule,
                shows.span(),
                "only mechanics have `shows`",
                "remove `shows`",
            ),
            _ => {}
        }
        if matches!(kind, Kind::Mechanic | Kind::Step) && rule.order.is_none() {
            self.push(
                rule,
                span.clone(),
                format!("a `{}` rule needs `order`", kind.as_str()),
                "add `order = N`; lower comes first",
            );
        }
        if !matches!(kind, Kind::Step) && !rule.applies_to.is_empty() {
            self.push(
                rule,
                span,
                "only steps have `applies_to`",
                "remove `applies_to`",
            );
        }
    }

    fn references(&mut self) {
        for rule in &self.set.rules {
            for reference in rule.when.rule_refs() {
                if self.set.get(reference.get_ref()).is_none()
                    && !self.unparsed.contains(reference.get_ref())
                {
                    let ids = self.set.rules.iter().map(Rule::id);
                    let help = match suggest::nearest(reference.get_ref(), ids) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "name an existing rule id (`partner-fit rules list`)".to_string(),
                    };
                    self.push(
                        rule,
                        reference.span(),
                        format!("no rule has id `{}`", reference.get_ref()),
                        help,
                    );
                }
            }
        }
        // A rule that reaches itself through references could never be decided.
        for rule in &self.set.rules {
            let mut stack = vec![rule.id()];
            let mut seen = BTreeSet::new();
            while let Some(id) = stack.pop() {
                let Some(current) = self.set.get(id) else {
                    continue;
                };
                for reference in current.when.rule_refs() {
                    if reference.get_ref() == rule.id() {
                        self.push(
                            rule,
                            rule.id.span(),
                            format!("rule `{}` refers back to itself through `{id}`", rule.id()),
                            "break the cycle: a rule cannot depend on its own outcome",
                        );
                        stack.clear();
                        break;
                    }
                    if seen.insert(reference.get_ref().as_str()) {
                        stack.push(reference.get_ref());
                    }
                }
            }
        }
    }

    fn flow(&mut self) {
        let motions = self.motions();
        let questions: Vec<&Rule> = self
            .set
            .rules
            .iter()
            .filter(|r| *r.kind.get_ref() == Kind::Question)
            .collect();
        for rule in &questions {
            let Some(answer) = &rule.answer else { continue };
            for next in [&answer.yes, &answer.no] {
                match next.get_ref() {
                    Next::Next(id) => match self.set.get(id) {
                        Some(target) if *target.kind.get_ref() == Kind::Question => {}
                        None if self.unparsed.contains(id) => {}
                        Some(_) => self.push(
                            rule,
                            next.span(),
                            format!("`{id}` is not a question"),
                            "`next` names a rule of kind `question`",
                        ),
                        None => self.push(
                            rule,
                            next.span(),
                            format!("the flow dead-ends: no question `{id}`"),
                            "name an existing question, or end with `{ motion = \"...\" }`",
                        ),
                    },
                    Next::Motion(m) if !motions.contains(&m.as_str()) => self.push(
                        rule,
                        next.span(),
                        format!("unknown motion `{m}`"),
                        format!("motions: {}", motions.join(", ")),
                    ),
                    Next::Motion(_) => {}
                }
            }
        }
        // Walk from the start: a question seen twice on one path is a loop.
        let start = self.set.policy.flow_start.get_ref().clone();
        let mut reachable = BTreeSet::new();
        let mut loops = Vec::new();
        self.walk(&start, &mut Vec::new(), &mut reachable, &mut loops);
        for (rule_id, target, span) in loops {
            if let Some(rule) = self.set.get(&rule_id) {
                self.push(
                    rule,
                    span,
                    format!(
                        "the flow loops: `{rule_id}` leads back to `{target}`, asked before it"
                    ),
                    "every path through the flow must end on a motion",
                );
            }
        }
        for rule in questions {
            // A question may be reached through one that failed to parse.
            let flow_unparsed = self.unparsed.iter().any(|id| id.starts_with("flow."));
            if !reachable.contains(rule.id()) && self.set.get(&start).is_some() && !flow_unparsed {
                self.push(
                    rule,
                    rule.id.span(),
                    format!("question `{}` cannot be reached from `{start}`", rule.id()),
                    "point an `answer` at it, or remove it",
                );
            }
        }
    }

    fn walk(
        &self,
        id: &str,
        path: &mut Vec<String>,
        reachable: &mut BTreeSet<String>,
        loops: &mut Vec<(String, String, Range<usize>)>,
    ) {
        let Some(rule) = self.set.get(id) else { return };
        let Some(answer) = &rule.answer else { return };
        reachable.insert(id.to_string());
        path.push(id.to_string());
        for next in [&answer.yes, &answer.no] {
            if let Next::Next(target) = next.get_ref() {
                if path.contains(target) {
                    loops.push((id.to_string(), target.clone(), next.span()));
                } else {
                    self.walk(target, path, reachable, loops);
                }
            }
        }
        path.pop();
    }

    fn cases(&mut self, rule: &Rule) {
        let states_seen: BTreeSet<Truth> = rule.cases.iter().map(|c| *c.expect.get_ref()).collect();
        if !(states_seen.contains(&Truth::Met) && states_seen.contains(&Truth::Unmet)) {
            self.push(
                rule,
                rule.id.span(),
                "no case flips the rule",
                "add a `[[case]]` that expects \"met\" and one that expects \"unmet\"",
            );
        }
        for case in &rule.cases {
            let profile: Profile = match toml::Value::Table(case.profile.get_ref().clone())
                .try_into()
            {
                Ok(p) => p,
                Err(err) => {
                    let message = format!(
                        "case profile is not a valid profile: {}",
                        err.message().trim()
                    );
                    self.push(rule, case.profile.span(), message, "write the profile as in a profile file, e.g. `{ market = { icp_overlap_pct = 32 } }`");
                    continue;
                }
            };
            let states = self.set.states(&facts::facts(&profile));
            let actual = self.set.state(&states, rule.id());
            let expected = *case.expect.get_ref();
            if actual != expected {
                self.push(
                    rule,
                    case.expect.span(),
                    format!(
                        "case expects \"{}\" but the rule is \"{}\" on its profile",
                        expected.as_str(),
                        actual.as_str()
                    ),
                    "fix the condition or the case",
                );
            }
        }
    }
}

fn field_help(name: &str) -> String {
    match suggest::nearest(name, catalog::fields().iter().map(|f| f.path.as_str())) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "see `partner-fit init` for every profile field".to_string(),
    }
}
