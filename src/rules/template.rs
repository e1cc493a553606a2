//! Message templates: `{market.icp_overlap_pct}` is replaced by the answer, and
//! `{economics.avg_deal_usd*1.3}` by the answer times a factor (for ranges quoted from
//! the sources). An unanswered field reads "unknown".

use crate::condition::{Fact, Facts};

/// A placeholder found in a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder<'a> {
    pub field: &'a str,
    pub factor: Option<f64>,
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
    let (field, factor) = match inner.split_once('*') {
        Some((field, factor)) => match factor.trim().parse::<f64>() {
            Ok(factor) => (field.trim(), Some(factor)),
            Err(_) => return Some(Err(inner.to_string())),
        },
        None => (inner.trim(), None),
    };
    if field.is_empty() || field.contains(char::is_whitespace) {
        return Some(Err(inner.to_string()));
    }
    Some(Ok(Placeholder {
        field,
        factor,
        range: start..start + len + 1,
    }))
}

/// Fills a template from facts. A malformed template (validation reports those) is
/// left as written.
pub fn fill(template: &str, facts: &Facts) -> String {
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    while let Some(found) = next_placeholder(template, last) {
        let Ok(p) = found else {
            return template.to_string();
        };
        out.push_str(&template[last..p.range.start]);
        push_value(&mut out, facts.get(p.field), p.factor);
        last = p.range.end;
    }
    out.push_str(&template[last..]);
    out
}

/// Writes one placeholder's value: the answer (times the factor), or "unknown".
fn push_value(out: &mut String, fact: Option<&Fact>, factor: Option<f64>) {
    use std::fmt::Write;
    match (fact, factor) {
        (None, _) => out.push_str("unknown"),
        (Some(Fact::Number(n)), Some(factor)) => {
            out.push_str(&group_thousands((n * factor).round()))
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
        assert_eq!(fill("{x.y} days", &facts), "unknown days");
    }

    #[test]
    fn malformed_placeholders_are_reported() {
        assert!(placeholders("a {b").is_err());
        assert!(placeholders("a {b*x}").is_err());
        assert_eq!(placeholders("{a.b*2}").unwrap()[0].factor, Some(2.0));
    }
}
