//! One rule file on its own: its id against its path, its kind against its family, its
//! texts and placeholders, the fields and values its condition compares, its weights and
//! ceilings, and the keys its kind needs. What it makes is a [`Rule`], whose [`Body`]
//! holds exactly the keys of its kind.

use std::ops::Range;

use toml::Spanned;

use super::super::model::{Kind, Policy, RuleFile, Verdict};
use super::super::rule::{Body, Compared, Reference, Rule, RuleMessages};
use super::super::template::{self, Message, Quote, TemplateError, CODE_HELP};
use super::{field_help, host, is_web_address, motion_help, Problems};
use crate::condition::{Condition, Literal};
use crate::digits::group_digits;
use crate::profile::catalog::{self, FieldKind};
use crate::suggest;

/// The most characters a rule's message (`met`, `unmet`, `unknown`, `fix`, `blocked`) may
/// have: four times the longest shipped one. A message is shown in every report the rule
/// applies to and checked word by word here, so a runaway one (a pasted file) is refused
/// where it is written rather than carried into every report.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// The rule, when its kind's keys are all there; every problem found goes to `problems`.
pub(super) fn check(file: RuleFile, policy: &Policy, problems: &mut Problems) -> Option<Rule> {
    let motions: Vec<&str> = policy.motions.iter().map(String::as_str).collect();
    let mut checker = Checker {
        file: &file,
        problems,
    };
    checker.id_matches_path();
    checker.kind_fits_family();
    let message = checker.texts();
    checker.condition(&file.when);
    if let Some(shown_when) = &file.shown_when {
        checker.condition(shown_when);
    }
    checker.weights_and_caps(&motions);
    checker.messages_of_kind();
    let body = checker.body(policy, &motions)?;
    Some(Rule {
        id: file.id,
        title: file.title,
        why: file.why,
        source: file.source,
        when: file.when,
        message,
        weight: file.weight,
        cap: file.cap,
        body,
        plan: file.plan,
        cases: file.cases,
        path: file.path,
    })
}

struct Checker<'f, 'p, 'a> {
    file: &'f RuleFile,
    problems: &'p mut Problems<'a>,
}

impl Checker<'_, '_, '_> {
    fn push(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.problems.push(&self.file.path, span, message, help);
    }

    fn id(&self) -> &str {
        self.file.id.get_ref()
    }

    fn id_matches_path(&mut self) {
        let path = &self.file.path;
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let stem = path
            .file_stem()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let expected = format!("{folder}.{stem}");
        if self.id() != expected {
            let message = format!("id `{}` does not match its file", self.id());
            let help = format!(
                "a rule in `{folder}/{stem}.toml` has id `{expected}`; rename the file or the id"
            );
            self.push(self.file.id.span(), message, help);
        }
    }

    fn kind_fits_family(&mut self) {
        let id = self.id();
        let family = id.split_once('.').map_or(id, |(family, _)| family);
        let kind = *self.file.kind.get_ref();
        match Kind::families().iter().find(|(f, _)| *f == family) {
            None => {
                let names: Vec<&str> = Kind::families().iter().map(|(f, _)| *f).collect();
                let help = match suggest::nearest(family, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? families: {}", names.join(", ")),
                    None => format!("families: {}", names.join(", ")),
                };
                let message = format!("unknown rule family `{family}`");
                self.push(self.file.id.span(), message, help);
            }
            Some((_, kinds)) if !kinds.contains(&kind) => {
                let allowed: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                let message = format!(
                    "kind `{}` is not allowed in family `{family}`",
                    kind.as_str()
                );
                let help = format!("use {}", allowed.join(" or "));
                self.push(self.file.kind.span(), message, help);
            }
            Some(_) => {}
        }
    }

    /// The rule's texts, parsed; every problem in them is reported, and a text that
    /// does not parse is left out.
    fn texts(&mut self) -> RuleMessages {
        let file = self.file;
        for (name, text) in [
            ("title", &file.title),
            ("why", &file.why),
            ("source", &file.source),
        ] {
            if text.trim().is_empty() {
                self.push(
                    file.id.span(),
                    format!("`{name}` is empty"),
                    format!("write the rule's {name}"),
                );
            }
        }
        // The title is shown to readers (the interview's help line, the report's lines).
        if let Some(word) = template::code_word(&file.title) {
            self.push(
                self.written_in(&file.title, word),
                TemplateError::Code(word.to_string()).to_string(),
                CODE_HELP,
            );
        }
        let m = &file.message;
        RuleMessages {
            met: self.message(m.met.as_deref()),
            unmet: self.message(m.unmet.as_deref()),
            unknown: self.message(m.unknown.as_deref()),
            fix: self.message(m.fix.as_deref()),
            blocked: self.message(m.blocked.as_deref()),
        }
    }

    /// One text of the rule, parsed, with its placeholders checked against the profile
    /// fields and the rule's own condition.
    fn message(&mut self, text: Option<&str>) -> Option<Message> {
        let text = text?;
        let length = text.chars().count();
        if length > MAX_MESSAGE_CHARS {
            self.push(
                self.written_at(text),
                format!(
                    "the message is {} characters long; a message may have up to {}",
                    group_digits(length as u64, ','),
                    group_digits(MAX_MESSAGE_CHARS as u64, ',')
                ),
                "a message is a sentence or two shown in every report; put the reasoning in `why`",
            );
            return None;
        }
        let message = match Message::parse(text) {
            Ok(message) => message,
            Err(error) => {
                let (TemplateError::Malformed(bad)
                | TemplateError::Unknown(bad)
                | TemplateError::Code(bad)) = &error;
                let help = match error {
                    TemplateError::Code(_) => CODE_HELP,
                    _ => "write `{section.field}` or `{section.field*1.5}`",
                };
                self.push(self.written_in(text, bad), error.to_string(), help);
                return None;
            }
        };
        self.literal_thresholds(text, &message);
        for q in message.placeholders() {
            let written = &text[q.written.clone()];
            if q.short && template::bound(&self.file.when, &q.field).is_none() {
                self.push(
                    self.written_at(written),
                    format!("`{{{}:short}}` has no bound to measure by", q.field),
                    format!(
                        "`:short` needs a `gte` comparison of `{}` in this rule's `when`",
                        q.field
                    ),
                );
            }
            if q.is_threshold() {
                self.threshold_placeholder(text, q);
            } else if catalog::field(&q.field).is_none() {
                self.push(
                    self.written_at(written),
                    format!("message names unknown profile field `{}`", q.field),
                    field_help(&q.field),
                );
            }
        }
        Some(message)
    }

    /// `{threshold}` needs exactly one number in the condition; `{threshold.min}` and
    /// `{threshold.max}` need at least one.
    fn threshold_placeholder(&mut self, text: &str, p: &Quote) {
        let numbers = template::thresholds(&self.file.when);
        let written = &text[p.written.clone()];
        let problem = match (p.field.as_str(), numbers.len()) {
            (_, 0) => Some((
                format!("`{written}` names a threshold, but the condition compares with no number"),
                "quote the answer (`{section.field}`) instead, or compare with a number"
                    .to_string(),
            )),
            (template::THRESHOLD, n) if n > 1 => Some((
                format!("`{written}` is ambiguous: the condition compares with {n} numbers"),
                "write `{threshold.min}` or `{threshold.max}`".to_string(),
            )),
            _ if p.factor.is_some() => Some((
                format!("`{written}` multiplies a threshold"),
                "write the threshold as it is: `{threshold}`".to_string(),
            )),
            _ => None,
        };
        if let Some((message, help)) = problem {
            self.push(self.written_at(written), message, help);
        }
    }

    /// A number written in a message that equals a number of the rule's own condition is
    /// a threshold stated as text: editing the condition would leave the message stale.
    fn literal_thresholds(&mut self, text: &str, message: &Message) {
        let numbers = template::thresholds(&self.file.when);
        if numbers.is_empty() {
            return;
        }
        let inside = |at: usize| message.placeholders().any(|p| p.written.contains(&at));
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit()
                || inside(i)
                || (i > 0 && bytes[i - 1].is_ascii_alphanumeric())
            {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b'_' || bytes[i] == b',')
            {
                i += 1;
            }
            let mut end = i;
            while end > start && !bytes[end - 1].is_ascii_digit() {
                end -= 1;
            }
            let digits: String = text[start..end]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let Ok(n) = digits.parse::<f64>() else {
                continue;
            };
            if numbers.contains(&n) {
                let placeholder = match numbers.len() {
                    1 => "{threshold}",
                    _ if numbers.first() == Some(&n) => "{threshold.min}",
                    _ => "{threshold.max}",
                };
                // Found in its file only for a problem: every message is checked at
                // each start, and most have none.
                let whole = self.written_at(text);
                let at = if whole.len() == text.len() {
                    whole.start + start..whole.start + end
                } else {
                    self.written_at(&text[start..end])
                };
                self.push(
                    at,
                    format!(
                        "message writes {} as a literal number; the condition compares with it",
                        &text[start..end]
                    ),
                    format!("write `{placeholder}` so the message follows the condition"),
                );
            }
        }
    }

    /// Where `needle` is written inside the text `within`, when that text is found as it
    /// is in the file (a string without escapes); else where [`Self::written_at`] finds it.
    fn written_in(&self, within: &str, needle: &str) -> Range<usize> {
        let file = self.problems.text(&self.file.path);
        let inside = template::written_outside_placeholders(within, needle);
        match (file.find(within), inside) {
            (Some(start), Some(at)) if !needle.is_empty() => start + at..start + at + needle.len(),
            _ => self.written_at(needle),
        }
    }

    /// Where `needle` is written in the rule's file: messages are plain strings without
    /// places of their own, so a problem in one is pointed at by its text. The rule's id
    /// when the text is not found as written (an escaped string, say).
    fn written_at(&self, needle: &str) -> Range<usize> {
        match self.problems.text(&self.file.path).find(needle) {
            Some(at) if !needle.is_empty() => at..at + needle.len(),
            _ => self.file.id.span(),
        }
    }

    fn condition(&mut self, condition: &Condition) {
        match condition {
            Condition::Eq(c) | Condition::Ne(c) => self.literal(&c.field, &c.value, false),
            Condition::Gt(c) | Condition::Gte(c) | Condition::Lt(c) | Condition::Lte(c) => {
                if self
                    .field(&c.field)
                    .is_some_and(|k| !matches!(k, FieldKind::Number { .. }))
                {
                    self.push(
                        c.field.span(),
                        format!(
                            "`{}` is not a number; it cannot be compared by size",
                            c.field.get_ref()
                        ),
                        "use `eq`, `ne` or `in` for this field",
                    );
                } else {
                    self.literal(&c.field, &c.value, false);
                }
            }
            Condition::In(a) => {
                for value in &a.values {
                    self.literal(&a.field, value, false);
                }
            }
            Condition::Contains(c) => {
                if self
                    .field(&c.field)
                    .is_some_and(|k| !matches!(k, FieldKind::List(_)))
                {
                    self.push(
                        c.field.span(),
                        format!("`{}` is not a list", c.field.get_ref()),
                        "use `eq` or `in` for this field",
                    );
                } else {
                    self.literal(&c.field, &c.value, true);
                }
            }
            Condition::IsTrue(r) | Condition::IsFalse(r) => {
                if self.field(&r.field).is_some_and(|k| *k != FieldKind::Bool) {
                    self.push(
                        r.field.span(),
                        format!("`{}` is not a yes/no field", r.field.get_ref()),
                        "use `eq`, `in` or a comparison for this field",
                    );
                }
            }
            Condition::Present(r) | Condition::Nonempty(r) => {
                self.field(&r.field);
            }
            Condition::RatioGte(r) => {
                for f in [&r.field, &r.over] {
                    if self
                        .field(f)
                        .is_some_and(|k| !matches!(k, FieldKind::Number { .. }))
                    {
                        self.push(
                            f.span(),
                            format!("`{}` is not a number", f.get_ref()),
                            "a ratio needs two number fields",
                        );
                    }
                }
                if *r.value.get_ref() <= 0.0 {
                    self.push(
                        r.value.span(),
                        "a ratio bound must be positive",
                        "use a number above 0",
                    );
                }
            }
            Condition::All(items) | Condition::Any(items) => {
                for item in items {
                    self.condition(item);
                }
            }
            Condition::Not(inner) => self.condition(inner),
            // Whether the rule exists is a question about the set ([`super::graph`]).
            Condition::Rule(_) => {}
        }
    }

    /// The field's kind, after reporting it when the field does not exist.
    fn field(&mut self, name: &Spanned<String>) -> Option<&'static FieldKind> {
        match catalog::field(name.get_ref()) {
            Some(field) => Some(&field.kind),
            None => {
                self.push(
                    name.span(),
                    format!("unknown profile field `{}`", name.get_ref()),
                    field_help(name.get_ref()),
                );
                None
            }
        }
    }

    fn literal(&mut self, field: &Spanned<String>, value: &Spanned<Literal>, element: bool) {
        let Some(kind) = self.field(field) else {
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
        let (message, help) = match (kind, value.get_ref()) {
            (FieldKind::Number { .. }, Literal::Number(n)) => (
                format!("{n} is outside `{name}`'s range"),
                format!("`{name}` is {}", info.allowed()),
            ),
            (FieldKind::Choice(words) | FieldKind::List(words), Literal::Text(t))
                if element || matches!(kind, FieldKind::Choice(_)) =>
            {
                let help = match suggest::nearest(t, words.iter().map(String::as_str)) {
                    Some(near) => {
                        format!("did you mean \"{near}\"? allowed: {}", words.join(" | "))
                    }
                    None => format!("allowed: {}", words.join(" | ")),
                };
                (format!("\"{t}\" is not a value of `{name}`"), help)
            }
            _ => (
                format!("{} cannot be compared with `{name}`", value.get_ref()),
                format!("`{name}` is {}", info.allowed()),
            ),
        };
        self.push(value.span(), message, help);
    }

    fn weights_and_caps(&mut self, motions: &[&str]) {
        let file = self.file;
        for (motion, points) in &file.weight {
            self.motion_name(motion, motions);
            if !(0..=100).contains(points.get_ref()) {
                self.push(
                    points.span(),
                    format!("weight {} is out of range", points.get_ref()),
                    "weights are points from 0 to 100",
                );
            }
        }
        for table in [&file.cap.met, &file.cap.unmet, &file.cap.not_met] {
            for (motion, verdict) in table {
                self.motion_name(motion, motions);
                if matches!(verdict.get_ref(), Verdict::Viable | Verdict::Recommended) {
                    self.push(
                        verdict.span(),
                        format!("`{}` is not a ceiling", verdict.get_ref().as_str()),
                        "a cap is \"not-yet\" or \"not-a-fit\"",
                    );
                }
            }
        }
        for motion in &file.applies_to {
            self.motion_name(motion, motions);
        }
    }

    fn motion_name(&mut self, motion: &Spanned<String>, motions: &[&str]) {
        let name = motion.get_ref();
        if !motions.contains(&name.as_str()) {
            let message = format!("unknown motion `{name}`");
            self.push(motion.span(), message, motion_help(name, motions));
        }
    }

    /// The messages each kind shows in the report.
    fn messages_of_kind(&mut self) {
        let kind = *self.file.kind.get_ref();
        let span = self.file.kind.span();
        let m = &self.file.message;
        let needs_unmet_and_fix = matches!(
            kind,
            Kind::GreenLight | Kind::Wait | Kind::Strip | Kind::Pattern
        );
        if needs_unmet_and_fix && (m.unmet.is_none() || m.fix.is_none()) {
            self.push(
                span.clone(),
                format!(
                    "a `{}` rule needs `message.unmet` and `message.fix`",
                    kind.as_str()
                ),
                "say what is wrong when the rule is not met, and how to fix it",
            );
        }
        if kind == Kind::Question && (m.met.is_none() || m.unmet.is_none()) {
            self.push(
                span.clone(),
                "a question needs `message.met` and `message.unmet`",
                "say how each answer reads in the decision path",
            );
        }
        if matches!(kind, Kind::Advice | Kind::Mechanic) && m.met.is_none() {
            self.push(
                span.clone(),
                format!("a `{}` rule needs `message.met`", kind.as_str()),
                "write the message shown when the rule is met",
            );
        }
        if kind == Kind::Requirement && (m.met.is_none() || m.unmet.is_none() || m.fix.is_none()) {
            self.push(
                span.clone(),
                "a requirement needs `message.met`, `message.unmet` and `message.fix`",
                "say how the gate reads when met, what is missing when not, and how to meet it",
            );
        }
        if matches!(kind, Kind::Track | Kind::Worth) && m.met.is_none() {
            self.push(
                span.clone(),
                format!("a `{}` rule needs `message.met`", kind.as_str()),
                "write the message shown when the rule is met",
            );
        }
        if matches!(kind, Kind::View | Kind::Factor) && (m.met.is_none() || m.unmet.is_none()) {
            self.push(
                span.clone(),
                format!(
                    "a `{}` rule needs `message.met` and `message.unmet`",
                    kind.as_str()
                ),
                "say how the rule reads for the profile in either state",
            );
        }
        if kind.stands_apart()
            && (!self.file.weight.is_empty()
                || !self.file.cap.met.is_empty()
                || !self.file.cap.unmet.is_empty()
                || !self.file.cap.not_met.is_empty())
        {
            self.push(
                span.clone(),
                format!("a `{}` rule weighs on no motion", kind.as_str()),
                "remove `[weight]` and `[cap]`: this kind makes its own assessment",
            );
        }
        if kind == Kind::Step && m.unmet.is_none() {
            self.push(
                span,
                "a step needs `message.unmet`",
                "say what to do while the step is not done",
            );
        }
    }

    /// A key naming another rule, which the kind needs; whether that rule exists and is of
    /// the right kind is a question about the set ([`super::graph`]).
    fn named(
        &mut self,
        key: Option<&Spanned<String>>,
        name: &str,
        help: &str,
    ) -> Option<Spanned<String>> {
        if key.is_none() {
            let message = format!(
                "a `{}` rule needs `{name}`",
                self.file.kind.get_ref().as_str()
            );
            self.push(self.file.kind.span(), message, help);
        }
        key.cloned()
    }

    /// Where a published gate is written, and whether its figure was compared with that
    /// page: an `https://` address on one of the policy's `publishers` (when it lists
    /// any), and either `checked`, the `YYYY-MM-DD` of the last comparison, or
    /// `taken_from`, the secondary page the figure came from until it is compared.
    fn reference(&mut self, publishers: &[Spanned<String>]) -> Option<Reference> {
        let file = self.file;
        let kind = file.kind.get_ref().as_str();
        let url = match &file.source_url {
            Some(url) if is_web_address(url.get_ref()) => {
                let host = host(url.get_ref());
                // Read as hosts, so a publisher written as an address (refused with the
                // policy) does not make every gate citing it wrong too.
                if !publishers.is_empty()
                    && !publishers.iter().any(|p| self::host(p.get_ref()) == host)
                {
                    let listed: Vec<&str> =
                        publishers.iter().map(|p| p.get_ref().as_str()).collect();
                    self.push(
                        url.span(),
                        format!(
                            "`{host}` is not a publisher's own site ({})",
                            listed.join(", ")
                        ),
                        "cite the cloud's own page here; a figure read on another page goes in `taken_from`, without `checked`, until it is compared with the cloud's",
                    );
                }
                Some(url.get_ref().clone())
            }
            Some(url) => {
                self.push(
                    url.span(),
                    format!("`{}` is not a web address", url.get_ref()),
                    "write the page's address, starting with `https://`",
                );
                None
            }
            None => {
                self.push(
                    file.kind.span(),
                    format!("a `{kind}` rule needs `source_url`"),
                    "add `source_url = \"https://...\"`: the page that publishes this gate",
                );
                None
            }
        };
        let compared = match (&file.checked, &file.taken_from) {
            (Some(date), None) if is_date(date.get_ref()) => {
                Some(Compared::On(date.get_ref().clone()))
            }
            (Some(date), None) => {
                self.push(
                    date.span(),
                    format!("`{}` is not a date", date.get_ref()),
                    "write the day the page was checked as `YYYY-MM-DD`",
                );
                None
            }
            (None, Some(page)) if !is_web_address(page.get_ref()) => {
                self.push(
                    page.span(),
                    format!("`{}` is not a web address", page.get_ref()),
                    "write the page's address, starting with `https://`",
                );
                None
            }
            (None, Some(page))
                if publishers
                    .iter()
                    .any(|p| p.get_ref() == host(page.get_ref())) =>
            {
                self.push(
                    page.span(),
                    format!("`{}` is a publisher's own page, not a secondary one", page.get_ref()),
                    "compare the figure with it: put the page in `source_url` and the day in `checked`",
                );
                None
            }
            (None, Some(page)) => Some(Compared::NotYet {
                taken_from: page.get_ref().clone(),
            }),
            (Some(date), Some(_)) => {
                self.push(
                    date.span(),
                    "`checked` and `taken_from` together",
                    "`checked` is the day the figure was compared with `source_url`: once it is, remove `taken_from`; until then, remove `checked`",
                );
                None
            }
            (None, None) => {
                self.push(
                    file.kind.span(),
                    format!("a `{kind}` rule needs `checked`"),
                    "add `checked = \"YYYY-MM-DD\"`, the day the figure was last compared with `source_url`; a figure read on another page and not compared yet gives that page as `taken_from` instead",
                );
                None
            }
        };
        url.zip(compared)
            .map(|(url, compared)| Reference { url, compared })
    }

    /// The kind with its own keys; `None` when one is missing, or when a key of another
    /// kind is given (each is reported).
    fn body(&mut self, policy: &Policy, motions: &[&str]) -> Option<Body> {
        let file = self.file;
        let kind = *file.kind.get_ref();
        let span = file.kind.span();
        let mut sound = true;
        if kind != Kind::Question && file.answer.is_some() {
            self.push(
                span.clone(),
                "only questions have `[answer]`",
                "remove `[answer]`",
            );
            sound = false;
        }
        if !matches!(kind, Kind::Mechanic | Kind::Tier) {
            if let Some(shows) = &file.shows {
                self.push(
                    shows.span(),
                    "only mechanics and tiers have `shows`",
                    "remove `shows`",
                );
                sound = false;
            }
        }
        if kind != Kind::Step && file.shown_when.is_some() {
            self.push(
                span.clone(),
                "only steps have `shown_when`",
                "remove `shown_when`",
            );
            sound = false;
        }
        if kind != Kind::Step && !file.applies_to.is_empty() {
            self.push(
                span.clone(),
                "only steps have `applies_to`",
                "remove `applies_to`",
            );
            sound = false;
        }
        for (name, given, allowed) in [
            (
                "tier",
                file.tier.as_ref().map(Spanned::span),
                kind == Kind::Requirement,
            ),
            (
                "verdict",
                file.verdict.as_ref().map(Spanned::span),
                kind == Kind::Worth,
            ),
            (
                "view",
                file.view.as_ref().map(Spanned::span),
                kind == Kind::Worth,
            ),
            (
                "source_url",
                file.source_url.as_ref().map(Spanned::span),
                matches!(kind, Kind::Tier | Kind::Requirement),
            ),
            (
                "checked",
                file.checked.as_ref().map(Spanned::span),
                matches!(kind, Kind::Tier | Kind::Requirement),
            ),
            (
                "taken_from",
                file.taken_from.as_ref().map(Spanned::span),
                matches!(kind, Kind::Tier | Kind::Requirement),
            ),
        ] {
            if let (Some(at), false) = (given, allowed) {
                self.push(
                    at,
                    format!("a `{}` rule has no `{name}`", kind.as_str()),
                    format!("remove `{name}`"),
                );
                sound = false;
            }
        }
        let order = match (kind, file.order) {
            (Kind::Mechanic | Kind::Step | Kind::Tier | Kind::Worth, None) => {
                self.push(
                    span.clone(),
                    format!("a `{}` rule needs `order`", kind.as_str()),
                    "add `order = N`; lower comes first",
                );
                None
            }
            (_, order) => order,
        };
        let body = match kind {
            Kind::GreenLight => Some(Body::GreenLight),
            Kind::Wait => Some(Body::Wait),
            Kind::Strip => Some(Body::Strip),
            Kind::Pattern => Some(Body::Pattern),
            Kind::Advice => Some(Body::Advice),
            Kind::Fit => Some(Body::Fit),
            Kind::Question => match &file.answer {
                Some(answer) => Some(Body::Question {
                    answer: answer.clone(),
                }),
                None => {
                    self.push(
                        span,
                        "a question needs `[answer]` with `yes` and `no`",
                        "add `[answer]` with `yes = { next = \"flow.x\" }` or `{ motion = \"referral\" }`",
                    );
                    None
                }
            },
            Kind::Mechanic => {
                let shows = match &file.shows {
                    Some(shows) => {
                        let mut allowed = motions.to_vec();
                        allowed.extend(policy.other_observations.iter().map(String::as_str));
                        if !allowed.contains(&shows.get_ref().as_str()) {
                            self.push(
                                shows.span(),
                                format!("unknown observation `{}`", shows.get_ref()),
                                format!("use one of {}", allowed.join(", ")),
                            );
                        }
                        Some(shows.clone())
                    }
                    None => {
                        self.push(
                            span,
                            "a mechanic needs `shows`",
                            "name the motion these mechanics show",
                        );
                        None
                    }
                };
                shows
                    .zip(order)
                    .map(|(shows, order)| Body::Mechanic { shows, order })
            }
            Kind::Step => order.map(|order| Body::Step {
                order,
                applies_to: file.applies_to.clone(),
                shown_when: file.shown_when.clone(),
            }),
            Kind::Track => Some(Body::Track),
            Kind::View => Some(Body::View),
            Kind::Factor => Some(Body::Factor),
            Kind::Tier => {
                let reference = self.reference(&policy.publishers);
                if let Some(shows) = &file.shows {
                    if !motions.contains(&shows.get_ref().as_str()) {
                        self.push(
                            shows.span(),
                            format!("unknown motion `{}`", shows.get_ref()),
                            motion_help(shows.get_ref(), motions),
                        );
                    }
                }
                order.zip(reference).map(|(order, reference)| Body::Tier {
                    order,
                    reference,
                    shows: file.shows.clone(),
                })
            }
            Kind::Requirement => {
                let reference = self.reference(&policy.publishers);
                let tier = self.named(
                    file.tier.as_ref(),
                    "tier",
                    "name the `tier` rule this gate belongs to: `tier = \"program.x\"`",
                );
                tier.zip(reference)
                    .map(|(tier, reference)| Body::Requirement { tier, reference })
            }
            Kind::Worth => {
                let view = self.named(
                    file.view.as_ref(),
                    "view",
                    "name the `view` rule this verdict follows: `view = \"program.x\"`",
                );
                let verdict = match &file.verdict {
                    Some(v) => Some(*v.get_ref()),
                    None => {
                        self.push(
                            span,
                            "a `worth` rule needs `verdict`",
                            "add `verdict = \"pursue\"`, `\"not-now\"` or `\"not-for-you\"`",
                        );
                        None
                    }
                };
                match (verdict, view, order) {
                    (Some(verdict), Some(view), Some(order)) => Some(Body::Worth {
                        verdict,
                        view,
                        order,
                    }),
                    _ => None,
                }
            }
        };
        body.filter(|_| sound)
    }
}

/// `YYYY-MM-DD`, with a month from 1 to 12 and a day from 1 to 31.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_checked_date_is_a_calendar_day() {
        assert!(super::is_date("2026-12-02"));
        assert!(!super::is_date("2026-13-02"));
        assert!(!super::is_date("2 Dec 2026"));
        assert!(!super::is_date("2026-1-02"));
    }
}
