//! Message templates: `{market.icp_overlap_pct}` is replaced by the answer, and
//! `{economics.avg_deal_usd*1.3}` by the answer times a factor (for ranges quoted from
//! the sources). An unanswered field reads "unknown", without the unit written after it
//! (`{market.icp_overlap_pct}%` reads "unknown", never "unknown%"). A product leaves its
//! field's range clamped, with "at most" or "at least" before it: a share never passes
//! 100%. `{threshold}` (and `{threshold.min}`, `{threshold.max}`) is the number the
//! rule's own condition compares with, so a message states a threshold only through it;
//! `{cloud.qualified_opportunities_12m:short}` is how far the answer falls short of the
//! bound the rule's own `gte` condition sets for that field (0 when it does not), so a
//! message says "10 more" from the rule's threshold, never from its text. A noun written
//! right after a placeholder as `one|many` (`{operations.active_partners} partner|partners`)
//! takes its first form when the number is 1 and its second otherwise, so a message reads
//! well for every count; like a unit, it is left out when the answer is unknown.

use crate::condition::{Condition, Fact, Facts, Literal};
use crate::profile::catalog::{self, FieldKind};

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

/// A placeholder found in a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder<'a> {
    pub field: &'a str,
    pub factor: Option<f64>,
    /// `{field:short}`: the distance from the answer up to the rule's bound.
    pub short: bool,
    /// Byte range of the whole `{...}` in the template.
    pub range: std::ops::Range<usize>,
}

/// Every placeholder in `template`; `Err` holds the text of a malformed one.
pub fn placeholders(template: &str) -> Result<Vec<Placeholder<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = next_placeholder(template, rest) {
        let p = found?;
        rest = p.range.end;
        out.push(p);
    }
    Ok(out)
}

/// The first placeholder at or after byte `from`, if any; `Err` holds the text of a
/// malformed one. Filling walks the template with this, so it needs no list of them.
fn next_placeholder(template: &str, from: usize) -> Option<Result<Placeholder<'_>, String>> {
    let start = from + template[from..].find('{')?;
    let Some(len) = template[start..].find('}') else {
        return Some(Err(template[start..].to_string()));
    };
    let inner = &template[start + 1..start + len];
    let (inner_field, short) = match inner.split_once(':') {
        Some((field, "short")) => (field, true),
        Some(_) => return Some(Err(inner.to_string())),
        None => (inner, false),
    };
    let (field, factor) = match inner_field.split_once('*') {
        Some(_) if short => return Some(Err(inner.to_string())),
        Some((field, factor)) => match factor.trim().parse::<f64>() {
            Ok(factor) => (field.trim(), Some(factor)),
            Err(_) => return Some(Err(inner.to_string())),
        },
        None => (inner_field.trim(), None),
    };
    if field.is_empty() || field.contains(char::is_whitespace) {
        return Some(Err(inner.to_string()));
    }
    Some(Ok(Placeholder {
        field,
        factor,
        short,
        range: start..start + len + 1,
    }))
}

/// Fills a template from facts. A malformed template (validation reports those) is
/// left as written; `{threshold}` and `:short` placeholders read "unknown", having no
/// rule to measure by.
pub fn fill(template: &str, facts: &Facts) -> String {
    fill_for(template, facts, None)
}

/// Fills a rule's message: `{threshold}` placeholders are the numbers of the rule's
/// condition (see [`thresholds`]) and `:short` ones measure the answer against its bounds.
pub fn fill_for(template: &str, facts: &Facts, when: Option<&Condition>) -> String {
    let numbers = when.map(thresholds).unwrap_or_default();
    fill_with(template, facts, when, &numbers)
}

/// The numbers a condition compares with, smallest first and each once: what
/// `{threshold}`, `{threshold.min}` and `{threshold.max}` stand for.
pub fn thresholds(condition: &crate::condition::Condition) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::new();
    collect_numbers(condition, &mut out);
    out.sort_by(|a, b| a.total_cmp(b));
    out.dedup();
    out
}

fn collect_numbers(condition: &crate::condition::Condition, out: &mut Vec<f64>) {
    use crate::condition::Condition as C;
    match condition {
        C::Eq(c) | C::Ne(c) | C::Gt(c) | C::Gte(c) | C::Lt(c) | C::Lte(c) => {
            if let Some(n) = c.value.get_ref().as_number() {
                out.push(n);
            }
        }
        C::RatioGte(r) => out.push(*r.value.get_ref()),
        C::In(a) => out.extend(a.values.iter().filter_map(|v| v.get_ref().as_number())),
        C::All(items) | C::Any(items) => items.iter().for_each(|c| collect_numbers(c, out)),
        C::Not(inner) => collect_numbers(inner, out),
        _ => {}
    }
}

fn fill_with(
    template: &str,
    facts: &Facts,
    when: Option<&Condition>,
    thresholds: &[f64],
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    while let Some(found) = next_placeholder(template, last) {
        let Ok(p) = found else {
            return template.to_string();
        };
        out.push_str(&template[last..p.range.start]);
        last = p.range.end;
        if is_threshold(p.field) {
            let value = match p.field {
                THRESHOLD_MAX => thresholds.last(),
                _ => thresholds.first(),
            };
            match value {
                Some(n) => out.push_str(&group_thousands(*n)),
                None => out.push_str("unknown"),
            }
            last += push_noun(&mut out, &template[last..], value.copied());
            continue;
        }
        let fact = if p.short {
            match (facts.get(p.field), when.and_then(|w| bound(w, p.field))) {
                (Some(Fact::Number(n)), Some(bound)) => Some(Fact::Number((bound - n).max(0.0))),
                _ => None,
            }
        } else {
            facts.get(p.field).cloned()
        };
        push_value(&mut out, p.field, fact.as_ref(), p.factor);
        let count = match (&fact, p.factor) {
            (Some(Fact::Number(n)), None) => Some(*n),
            (Some(Fact::Number(n)), Some(factor)) => Some((n * factor).round()),
            _ => None,
        };
        last += push_noun(&mut out, &template[last..], count);
        if fact.is_none() {
            if let Some(unit) = UNITS.iter().find(|u| template[last..].starts_with(*u)) {
                last += unit.len();
            }
        }
    }
    out.push_str(&template[last..]);
    out
}

/// The bound a `gte` comparison in `when` sets for `field`: the value an answer must
/// reach. The highest, when several do.
pub fn bound(when: &Condition, field: &str) -> Option<f64> {
    let mut out: Option<f64> = None;
    when.walk(&mut |c| {
        if let Condition::Gte(c) = c {
            if let (true, Literal::Number(n)) = (c.field.get_ref() == field, c.value.get_ref()) {
                out = Some(out.map_or(*n, |o| o.max(*n)));
            }
        }
    });
    out
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

/// Writes the noun after a placeholder in the form its count takes, and returns how many
/// bytes of the template it stood for (0 when there is none). An unknown count drops it.
fn push_noun(out: &mut String, rest: &str, count: Option<f64>) -> usize {
    let Some((one, many, len)) = noun_forms(rest) else {
        return 0;
    };
    if let Some(n) = count {
        out.push(' ');
        out.push_str(if n == 1.0 { one } else { many });
    }
    len
}

/// Writes one placeholder's value: the answer (times the factor, kept inside the
/// field's range), or "unknown".
fn push_value(out: &mut String, field: &str, fact: Option<&Fact>, factor: Option<f64>) {
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
        (Some(Fact::Text(t)), _) => out.push_str(t),
        // Writing to a String cannot fail.
        (Some(fact), _) => write!(out, "{fact}").unwrap_or_default(),
    }
}

fn group_thousands(n: f64) -> String {
    if n.fract() != 0.0 {
        return format!("{n:.1}");
    }
    let out = crate::profile::bounded::group_digits(n.abs() as u64, ',');
    if n < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let facts = Facts::new();
        assert_eq!(
            fill_with(
                "more than {threshold}%, up to {threshold.max}%",
                &facts,
                None,
                &[25.0, 40.0]
            ),
            "more than 25%, up to 40%"
        );
    }

    #[test]
    fn short_is_measured_from_the_rules_own_bound() {
        #[derive(serde::Deserialize)]
        struct Rule {
            when: Condition,
        }
        let rule: Rule =
            toml::from_str("when = { gte = { field = \"c.n\", value = 100000 } }").unwrap();
        let when = rule.when;
        let mut facts = Facts::new();
        facts.insert("c.n".into(), Fact::Number(60_000.0));
        assert_eq!(
            fill_for("USD {c.n:short} more", &facts, Some(&when)),
            "USD 40,000 more"
        );
        facts.insert("c.n".into(), Fact::Number(90.0));
        assert_eq!(
            fill_for("{c.n:short} more", &facts, Some(&when)),
            "99,910 more"
        );
        facts.insert("c.n".into(), Fact::Number(200_000.0));
        assert_eq!(fill_for("{c.n:short}", &facts, Some(&when)), "0");
        facts.remove("c.n");
        assert_eq!(fill_for("{c.n:short}", &facts, Some(&when)), "unknown");
        assert_eq!(fill("{c.n:short}", &facts), "unknown");
    }

    #[test]
    fn malformed_placeholders_are_reported() {
        assert!(placeholders("{a.b:long}").is_err());
        assert!(placeholders("{a.b*2:short}").is_err());
        assert!(placeholders("{a.b:short}").unwrap()[0].short);
        assert!(placeholders("a {b").is_err());
        assert!(placeholders("a {b*x}").is_err());
        assert_eq!(placeholders("{a.b*2}").unwrap()[0].factor, Some(2.0));
    }
}
