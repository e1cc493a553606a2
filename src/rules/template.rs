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
    while let Some(open) = template[rest..].find('{') {
        let start = rest + open;
        let Some(len) = template[start..].find('}') else {
            return Err(template[start..].to_string());
        };
        let inner = &template[start + 1..start + len];
        let (field, factor) = match inner.split_once('*') {
            Some((field, factor)) => (
                field.trim(),
                Some(
                    factor
                        .trim()
                        .parse::<f64>()
                        .map_err(|_| inner.to_string())?,
                ),
            ),
            None => (inner.trim(), None),
        };
        if field.is_empty() || field.contains(char::is_whitespace) {
            return Err(inner.to_string());
        }
        out.push(Placeholder {
            field,
            factor,
            range: start..start + len + 1,
        });
        rest = start + len + 1;
    }
    Ok(out)
}

/// Fills a template from facts.
pub fn fill(template: &str, facts: &Facts) -> String {
    // Most messages quote no answer.
    if !template.contains('{') {
        return template.to_string();
    }
    let Ok(found) = placeholders(template) else {
        return template.to_string();
    };
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for p in found {
        out.push_str(&template[last..p.range.start]);
        let text = match (facts.get(p.field), p.factor) {
            (None, _) => "unknown".to_string(),
            (Some(Fact::Number(n)), Some(factor)) => group_thousands((n * factor).round()),
            (Some(Fact::Number(n)), None) if n.abs() >= 10_000.0 => group_thousands(*n),
            (Some(fact), _) => fact.to_string(),
        };
        out.push_str(&text);
        last = p.range.end;
    }
    out.push_str(&template[last..]);
    out
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
