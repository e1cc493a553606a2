//! The placeholders of a rule's messages: quotes of answers and of the rule's own
//! thresholds. `{market.icp_overlap_pct}` is the answer, and
//! `{economics.avg_deal_usd*1.3}` the answer times a factor (for ranges quoted from the
//! sources). An unanswered field reads "unknown", without the unit written after it
//! (`{market.icp_overlap_pct}%` reads "unknown", never "unknown%"). A product leaves its
//! field's range clamped, with "at most" or "at least" before it: a share never passes
//! 100%. `{threshold}` (and `{threshold.min}`, `{threshold.max}`) is the number the
//! rule's own condition compares with, so a message states a threshold only through it;
//! `{cloud.qualified_opportunities_12m:short}` is how far the answer falls short of the
//! bound the rule's own `gte` condition sets for that field (0 when it does not), so a
//! message says "10 more" from the rule's threshold, never from its text. A noun written
//! right after a placeholder as `one|many` (`{operations.active_partners}
//! partner|partners`) takes its first form when the number is 1 and its second
//! otherwise, so a message reads well for every count; like a unit, it is left out when
//! the answer is unknown.

use std::ops::Range;

use super::{Placeholder, Template, TemplateError};
use crate::condition::{Condition, Fact, Facts, NumberOp};
use crate::profile::catalog::{self, FieldKind};

/// A rule's text: its placeholders quote answers and the rule's thresholds.
pub type Message = Template<Quote>;

/// The placeholder of the number a rule's condition compares with.
pub const THRESHOLD: &str = "threshold";
/// The smallest and largest numbers of a condition that compares with several.
pub const THRESHOLD_MIN: &str = "threshold.min";
pub const THRESHOLD_MAX: &str = "threshold.max";

/// Whether a placeholder names the rule's own threshold rather than a profile field.
pub fn is_threshold(name: &str) -> bool {
    matches!(name, THRESHOLD | THRESHOLD_MIN | THRESHOLD_MAX)
}

/// Units written right after a placeholder, left out when its answer is unknown.
const UNITS: &[&str] = &["%", " USD", " days"];

/// A placeholder of a rule's message: an answer, or one of the rule's thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The profile field quoted, or [`THRESHOLD`], [`THRESHOLD_MIN`], [`THRESHOLD_MAX`].
    pub field: String,
    pub factor: Option<f64>,
    /// `{field:short}`: the distance from the answer up to the rule's bound.
    pub short: bool,
    /// Byte range of the whole `{...}` in the template.
    pub written: Range<usize>,
    /// The noun written right after it as `one|many`.
    noun: Option<Noun>,
    /// The unit written right after it (and after its noun), left out with an unknown
    /// answer. A threshold is always known, so its unit stays literal text.
    unit: Option<&'static str>,
}

/// The two forms of a noun that follows a count.
#[derive(Debug, Clone, PartialEq)]
struct Noun {
    one: String,
    many: String,
}

impl Quote {
    /// Whether it names the rule's own threshold rather than a profile field.
    pub fn is_threshold(&self) -> bool {
        is_threshold(&self.field)
    }
}

impl Placeholder for Quote {
    fn read(
        inner: &str,
        written: Range<usize>,
        rest: &str,
    ) -> Result<(Self, usize), TemplateError> {
        let malformed = || TemplateError::Malformed(inner.to_string());
        let (inner_field, short) = match inner.split_once(':') {
            Some((field, "short")) => (field, true),
            Some(_) => return Err(malformed()),
            None => (inner, false),
        };
        let (field, factor) = match inner_field.split_once('*') {
            Some(_) if short => return Err(malformed()),
            Some((field, factor)) => match factor.trim().parse::<f64>() {
                Ok(factor) => (field.trim(), Some(factor)),
                Err(_) => return Err(malformed()),
            },
            None => (inner_field.trim(), None),
        };
        if field.is_empty() || field.contains(char::is_whitespace) {
            return Err(malformed());
        }
        let (noun, mut used) = match noun_forms(rest) {
            Some((one, many, len)) => (
                Some(Noun {
                    one: one.to_string(),
                    many: many.to_string(),
                }),
                len,
            ),
            None => (None, 0),
        };
        let unit = if is_threshold(field) {
            None
        } else {
            UNITS.iter().copied().find(|u| rest[used..].starts_with(u))
        };
        used += unit.map_or(0, str::len);
        let quote = Quote {
            field: field.to_string(),
            factor,
            short,
            written,
            noun,
            unit,
        };
        Ok((quote, used))
    }
}

impl Template<Quote> {
    /// The rule's text filled from the answers: `{threshold}` placeholders are the
    /// numbers of the rule's condition `when` (see [`thresholds`]) and `:short` ones
    /// measure the answer against its bounds there.
    pub fn fill(&self, facts: &Facts, when: &Condition) -> String {
        self.fill_with(facts, when, &|_, value| catalog::value_words(value))
    }

    /// [`Self::fill`], with a choice's value shown in the words `words` gives for it
    /// (the field, then the value): the interview's labels, where the rules have them.
    pub fn fill_with(&self, facts: &Facts, when: &Condition, words: &ChoiceWords<'_>) -> String {
        let numbers = if self.placeholders().any(Quote::is_threshold) {
            thresholds(when)
        } else {
            Vec::new()
        };
        self.render(|q, out| q.write(out, facts, when, &numbers, words))
    }

    /// The profile fields the template quotes, in the order written (a field quoted
    /// twice is listed twice).
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.placeholders()
            .filter(|q| !q.is_threshold())
            .map(|q| q.field.as_str())
    }
}

impl Quote {
    /// Writes the value; whether there was one (an unanswered field writes "unknown",
    /// which validation keeps out of every message outside a `[[ ]]` clause).
    fn write(
        &self,
        out: &mut String,
        facts: &Facts,
        when: &Condition,
        thresholds: &[f64],
        words: &ChoiceWords<'_>,
    ) -> bool {
        if self.is_threshold() {
            let value = match self.field.as_str() {
                THRESHOLD_MAX => thresholds.last(),
                _ => thresholds.first(),
            };
            match value {
                Some(n) => out.push_str(&group_thousands(*n)),
                None => out.push_str("unknown"),
            }
            self.write_noun(out, value.copied());
            return value.is_some();
        }
        let fact = if self.short {
            match (facts.get(&self.field), bound(when, &self.field)) {
                (Some(Fact::Number(n)), Some(bound)) => Some(Fact::Number((bound - n).max(0.0))),
                _ => None,
            }
        } else {
            facts.get(&self.field).cloned()
        };
        push_value(out, &self.field, fact.as_ref(), self.factor, words);
        let count = match (&fact, self.factor) {
            (Some(Fact::Number(n)), None) => Some(*n),
            (Some(Fact::Number(n)), Some(factor)) => Some((n * factor).round()),
            _ => None,
        };
        self.write_noun(out, count);
        if fact.is_some() {
            out.push_str(self.unit.unwrap_or_default());
        }
        fact.is_some()
    }

    /// Writes the noun after the placeholder in the form its count takes; an unknown
    /// count drops it.
    fn write_noun(&self, out: &mut String, count: Option<f64>) {
        if let (Some(noun), Some(n)) = (&self.noun, count) {
            out.push(' ');
            out.push_str(if n == 1.0 { &noun.one } else { &noun.many });
        }
    }
}

/// The numbers a condition compares with, smallest first and each once: what
/// `{threshold}`, `{threshold.min}` and `{threshold.max}` stand for.
pub fn thresholds(condition: &Condition) -> Vec<f64> {
    let mut out: Vec<f64> = condition.numbers().iter().map(|n| n.value).collect();
    out.sort_by(|a, b| a.total_cmp(b));
    out.dedup();
    out
}

/// The bound a `gte` comparison in `when` sets for `field`: the value an answer must
/// reach. The highest, when several do.
pub fn bound(when: &Condition, field: &str) -> Option<f64> {
    when.numbers()
        .iter()
        .filter(|n| n.op == NumberOp::Gte && n.field == field)
        .map(|n| n.value)
        .reduce(f64::max)
}

/// The noun forms written right after a placeholder, ` one|many`, and their length in
/// bytes; `None` when the text goes on otherwise.
fn noun_forms(rest: &str) -> Option<(&str, &str, usize)> {
    let word = |t: &str| {
        let len = t
            .find(|c: char| !(c.is_alphabetic() || c == '-'))
            .unwrap_or(t.len());
        (len > 0).then_some(len)
    };
    let after = rest.strip_prefix(' ')?;
    let one = word(after)?;
    let many_at = one + 1;
    if after.as_bytes().get(one) != Some(&b'|') {
        return None;
    }
    let many = word(&after[many_at..])?;
    Some((
        &after[..one],
        &after[many_at..many_at + many],
        1 + many_at + many,
    ))
}

/// Writes one placeholder's value: the answer (times the factor, kept inside the
/// field's range), or "unknown".
/// How a choice's value reads in prose, given its field and the value.
pub type ChoiceWords<'a> = dyn Fn(&str, &str) -> String + 'a;

fn push_value(
    out: &mut String,
    field: &str,
    fact: Option<&Fact>,
    factor: Option<f64>,
    words: &ChoiceWords<'_>,
) {
    use std::fmt::Write;
    match (fact, factor) {
        (None, _) => out.push_str("unknown"),
        (Some(Fact::Number(n)), Some(factor)) => {
            let product = (n * factor).round();
            let range = catalog::field(field).and_then(|f| match f.kind {
                FieldKind::Number { min, max, .. } => Some((min, max)),
                _ => None,
            });
            match range {
                Some((_, max)) if product > max => {
                    out.push_str("at most ");
                    out.push_str(&group_thousands(max));
                }
                Some((min, _)) if product < min => {
                    out.push_str("at least ");
                    out.push_str(&group_thousands(min));
                }
                _ => out.push_str(&group_thousands(product)),
            }
        }
        (Some(Fact::Number(n)), None) if n.abs() >= 10_000.0 => out.push_str(&group_thousands(*n)),
        // A choice reads as words; text the user typed is quoted as typed.
        (Some(Fact::Text(t)), _) => match catalog::field(field).map(|f| &f.kind) {
            Some(FieldKind::Choice(_)) => out.push_str(&words(field, t)),
            _ => out.push_str(t),
        },
        (Some(Fact::List(items)), _) if !items.is_empty() => {
            let shown: Vec<String> = items.iter().map(|i| words(field, i)).collect();
            out.push_str(&shown.join(", "));
        }
        // Writing to a String cannot fail.
        (Some(fact), _) => write!(out, "{fact}").unwrap_or_default(),
    }
}

fn group_thousands(n: f64) -> String {
    if n.fract() != 0.0 {
        return format!("{n:.1}");
    }
    let out = crate::digits::group_digits(n.abs() as u64, ',');
    if n < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(toml: &str) -> Condition {
        #[derive(serde::Deserialize)]
        struct Rule {
            when: Condition,
        }
        toml::from_str::<Rule>(&format!("when = {toml}"))
            .unwrap()
            .when
    }

    /// A condition that compares with no number: no thresholds, no bounds.
    fn anything() -> Condition {
        condition("{ present = { field = \"vendor.name\" } }")
    }

    fn fill(text: &str, facts: &Facts) -> String {
        Message::parse(text).unwrap().fill(facts, &anything())
    }

    #[test]
    fn a_noun_after_a_count_takes_the_form_the_count_needs() {
        let mut facts = Facts::new();
        facts.insert("o.partners".into(), Fact::Number(1.0));
        facts.insert("o.days".into(), Fact::Number(14.0));
        assert_eq!(
            fill(
                "{o.partners} partner|partners, every {o.days} day|days.",
                &facts
            ),
            "1 partner, every 14 days."
        );
        assert_eq!(fill("{o.none} partner|partners run", &facts), "unknown run");
        assert_eq!(fill("{o.days} days | weeks", &facts), "14 days | weeks");
    }

    #[test]
    fn a_clause_is_shown_only_when_its_answers_are_given() {
        let mut facts = Facts::new();
        facts.insert("m.pct".into(), Fact::Number(32.0));
        let text = "Overlap[[ of {m.pct}%]][[ with {m.named} named logos]].";
        assert_eq!(fill(text, &facts), "Overlap of 32%.");
        facts.insert("m.named".into(), Fact::Number(12.0));
        assert_eq!(fill(text, &facts), "Overlap of 32% with 12 named logos.");
        let message = Message::parse(text).unwrap();
        let in_clause: Vec<bool> = message.placeholders_in_place().map(|(_, c)| c).collect();
        assert_eq!(in_clause, [true, true]);
        // Clauses do not nest, and one left open is an error, not text.
        assert!(Message::parse("a [[b [[c]] d]]").is_err());
        assert!(Message::parse("a [[b {m.pct}").is_err());
    }

    #[test]
    fn fills_answers_factors_and_unknowns() {
        let mut facts = Facts::new();
        facts.insert("m.pct".into(), Fact::Number(32.0));
        facts.insert("e.deal".into(), Fact::Number(40_000.0));
        assert_eq!(
            fill("ICP overlap is {m.pct}%.", &facts),
            "ICP overlap is 32%."
        );
        assert_eq!(
            fill("{e.deal*1.3} to {e.deal*1.5}", &facts),
            "52,000 to 60,000"
        );
        assert_eq!(fill("{e.deal}", &facts), "40,000");
        assert_eq!(fill("{x.y} days", &facts), "unknown");
        assert_eq!(fill("{x.y}% of accounts", &facts), "unknown of accounts");
    }

    #[test]
    fn a_product_stays_inside_its_field_and_says_so() {
        let mut facts = Facts::new();
        facts.insert("economics.win_rate_pct".into(), Fact::Number(60.0));
        assert_eq!(
            fill(
                "{economics.win_rate_pct*1.5}-{economics.win_rate_pct*2}%",
                &facts
            ),
            "90-at most 100%"
        );
    }

    #[test]
    fn thresholds_are_the_condition_s_own_numbers() {
        let when = condition(
            "{ all = [{ gt = { field = \"m.pct\", value = 25 } }, \
             { lt = { field = \"m.pct\", value = 40 } }] }",
        );
        let message = Message::parse("more than {threshold}%, up to {threshold.max}%").unwrap();
        assert_eq!(
            message.fill(&Facts::new(), &when),
            "more than 25%, up to 40%"
        );
        assert_eq!(
            Message::parse("{threshold}%")
                .unwrap()
                .fill(&Facts::new(), &anything()),
            "unknown%",
            "a threshold's unit is literal text"
        );
    }

    #[test]
    fn short_is_measured_from_the_rules_own_bound() {
        let when = condition("{ gte = { field = \"c.n\", value = 100000 } }");
        let short = |text: &str, facts: &Facts| Message::parse(text).unwrap().fill(facts, &when);
        let mut facts = Facts::new();
        facts.insert("c.n".into(), Fact::Number(60_000.0));
        assert_eq!(short("USD {c.n:short} more", &facts), "USD 40,000 more");
        facts.insert("c.n".into(), Fact::Number(90.0));
        assert_eq!(short("{c.n:short} more", &facts), "99,910 more");
        facts.insert("c.n".into(), Fact::Number(200_000.0));
        assert_eq!(short("{c.n:short}", &facts), "0");
        facts.remove("c.n");
        assert_eq!(short("{c.n:short}", &facts), "unknown");
        assert_eq!(fill("{c.n:short}", &facts), "unknown");
    }

    #[test]
    fn malformed_placeholders_are_reported() {
        let malformed = |text: &str| match Message::parse(text) {
            Err(TemplateError::Malformed(bad)) => bad,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(malformed("{a.b:long}"), "a.b:long");
        assert_eq!(malformed("{a.b*2:short}"), "a.b*2:short");
        assert_eq!(malformed("a {b"), "{b");
        assert_eq!(malformed("a {b*x}"), "b*x");
        let said = |text: &str| Message::parse(text).unwrap_err().to_string();
        assert_eq!(said("a {b*x}"), "malformed placeholder `{b*x}`");
        assert_eq!(said("a {b"), "malformed placeholder `{b`");
        let parsed = Message::parse("{a.b:short} and {a.b*2}").unwrap();
        let quotes: Vec<&Quote> = parsed.placeholders().collect();
        assert!(quotes[0].short);
        assert_eq!(quotes[1].factor, Some(2.0));
        assert_eq!(quotes[1].written, 16..23);
    }

    #[test]
    fn lists_the_fields_it_quotes_but_not_its_thresholds() {
        let message =
            Message::parse("{a.b}% of {c.d*2}, {threshold}, {e.f:short} more, {a.b}").unwrap();
        assert_eq!(
            message.fields().collect::<Vec<_>>(),
            ["a.b", "c.d", "e.f", "a.b"]
        );
        assert_eq!(
            message.as_str(),
            "{a.b}% of {c.d*2}, {threshold}, {e.f:short} more, {a.b}"
        );
    }

    #[test]
    fn a_quoted_answer_is_never_read_as_a_template() {
        let mut facts = Facts::new();
        facts.insert("p.name".into(), Fact::Text("Tallyhub {p.count} CRM".into()));
        facts.insert("p.count".into(), Fact::Number(4.0));
        assert_eq!(
            fill("{p.name} has {p.count} partner|partners", &facts),
            "Tallyhub {p.count} CRM has 4 partners"
        );
    }
}
