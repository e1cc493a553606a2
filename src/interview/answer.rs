//! Typed answers: what a person types for a number or text field, checked with the same
//! ranges and words the profile loader uses, so an answer the interview accepts is one the
//! saved profile can hold.

use crate::condition::Fact;
use crate::profile::bounded::describe_range;
use crate::profile::catalog::{Field, FieldKind};

/// What a person types to say "don't know".
pub const DONT_KNOW: &str = "?";

/// Reads a typed answer for a number or text field. `Ok(None)` is "don't know"; `Err` is a
/// message saying what to type instead.
pub fn parse_typed(field: &Field, required: bool, input: &str) -> Result<Option<Fact>, String> {
    let input = input.trim();
    if input.is_empty() || input == DONT_KNOW {
        return if required {
            Err("an answer is required here".into())
        } else {
            Ok(None)
        };
    }
    match &field.kind {
        FieldKind::Number { min, max, whole } => {
            parse_number(input, *min, *max, *whole).map(|n| Some(Fact::Number(n)))
        }
        _ => Ok(Some(Fact::Text(input.to_string()))),
    }
}

/// A second thought on an answer `parse_typed` accepts but that was probably meant
/// otherwise, to be put to the person before the answer is taken: a percentage typed as
/// a fraction (`0.55` for 55%). An answer typed with `%` says what it means and is taken.
pub fn doubt(field: &Field, input: &str) -> Option<String> {
    let input = input.trim();
    if !field.is_percent() || input.ends_with('%') {
        return None;
    }
    match parse_typed(field, false, input) {
        Ok(Some(Fact::Number(n))) if n > 0.0 && n < 1.0 => {
            // Rounded to hundredths of a percent, so 0.555 reads 55.5, not 55.50000000000001.
            let meant = Fact::Number((n * 10_000.0).round() / 100.0);
            Some(format!(
                "{input} looks like a fraction: did you mean {meant}? Type {meant}, or press Enter again to keep {input}"
            ))
        }
        _ => None,
    }
}

/// A number as people write it: `4000000`, `4_000_000`, `4,000,000`, `$4M`, `40k`, `32%`.
pub fn parse_number(input: &str, min: f64, max: f64, whole: bool) -> Result<f64, String> {
    let expected = describe_range(min as i64, max as i64, whole);
    let cleaned: String = input
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, '_' | ',' | ' '))
        .collect();
    let (digits, scale) = match cleaned.char_indices().last() {
        Some((i, 'k' | 'K')) => (&cleaned[..i], 1e3),
        Some((i, 'm' | 'M')) => (&cleaned[..i], 1e6),
        Some((i, 'b' | 'B')) => (&cleaned[..i], 1e9),
        _ => (cleaned.as_str(), 1.0),
    };
    let value = digits
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * scale)
        .ok_or_else(|| {
            format!("`{input}` is not a number: expected {expected} (or ? for don't know)")
        })?;
    // `4.2M` is a whole number of dollars even though it was typed with a decimal point.
    let value = if scale > 1.0 { value.round() } else { value };
    if whole && value.fract() != 0.0 {
        return Err(format!(
            "{value} is not a whole number: expected {expected}"
        ));
    }
    if value < min || value > max {
        return Err(format!(
            "{} is out of range: expected {expected}",
            Fact::Number(value)
        ));
    }
    Ok(value)
}

/// An answer in words, for summaries and defaults: choice labels where the question has
/// them, `don't know` for none.
pub fn describe(question: &crate::interview::Question, answer: Option<&Fact>) -> String {
    match answer {
        None => "don't know".into(),
        Some(Fact::Text(t)) if matches!(question.field.kind, FieldKind::Choice(_)) => {
            question.label(t).to_string()
        }
        Some(Fact::List(items)) if items.is_empty() => "none of these".into(),
        Some(Fact::List(items)) => items
            .iter()
            .map(|i| question.label(i))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Fact::Number(n)) if n.fract() == 0.0 && n.abs() >= 10_000.0 && n.abs() < 9e15 => {
            let digits = crate::digits::group_digits(n.abs() as u64, ',');
            if *n < 0.0 {
                format!("-{digits}")
            } else {
                digits
            }
        }
        Some(fact) => fact.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::catalog;

    #[test]
    fn numbers_use_the_profile_ranges_and_wording() {
        let pct = catalog::field("market.icp_overlap_pct").unwrap();
        assert_eq!(parse_typed(pct, false, "32"), Ok(Some(Fact::Number(32.0))));
        assert_eq!(
            parse_typed(pct, false, "25.5%"),
            Ok(Some(Fact::Number(25.5)))
        );
        assert_eq!(
            parse_typed(pct, false, "140"),
            Err("140 is out of range: expected a number from 0 to 100".into())
        );
        let days = catalog::field("vendor.sales_cycle_days").unwrap();
        assert_eq!(
            parse_typed(days, false, "1.5"),
            Err("1.5 is not a whole number: expected a whole number from 1 to 3,650".into())
        );
        assert!(parse_typed(days, false, "sixty")
            .unwrap_err()
            .contains("is not a number"));
    }

    #[test]
    fn a_percentage_typed_as_a_fraction_is_questioned() {
        let pct = catalog::field("market.icp_overlap_pct").unwrap();
        assert_eq!(
            doubt(pct, "0.55").as_deref(),
            Some("0.55 looks like a fraction: did you mean 55? Type 55, or press Enter again to keep 0.55")
        );
        assert!(doubt(pct, ".555").unwrap().contains("did you mean 55.5?"));
        // A whole percentage, a percent sign, zero and one are taken as typed.
        for typed in ["55", "0.55%", "0", "1", "?", "sixty"] {
            assert_eq!(doubt(pct, typed), None, "{typed}");
        }
        // Only percentages: a fraction of a dollar or a count is no slip of this kind.
        let usd = catalog::field("economics.avg_deal_usd").unwrap();
        assert_eq!(doubt(usd, "0.55"), None);
    }

    #[test]
    fn money_can_be_written_as_people_write_it() {
        let usd = catalog::field("vendor.annual_revenue_usd").unwrap();
        for typed in ["4000000", "4_000_000", "4,000,000", "$4M", "4000k", "4.0m"] {
            assert_eq!(
                parse_typed(usd, false, typed),
                Ok(Some(Fact::Number(4_000_000.0))),
                "{typed}"
            );
        }
    }

    #[test]
    fn question_mark_and_empty_mean_dont_know_unless_required() {
        let name = catalog::field("vendor.name").unwrap();
        assert_eq!(parse_typed(name, false, "?"), Ok(None));
        assert_eq!(parse_typed(name, false, ""), Ok(None));
        assert!(parse_typed(name, true, "?").is_err());
        assert_eq!(
            parse_typed(name, true, " Acme "),
            Ok(Some(Fact::Text("Acme".into())))
        );
    }
}
