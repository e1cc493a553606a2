//! `deals compare --update PROFILE`: which profile fields one partner's comparison sets,
//! and how. Pure: the report in, the edits out; `crate::accounts::update::apply` writes
//! them, the same way `accounts overlap --update` writes the overlap.
//!
//! A figure the export measures is written. A figure it could measure but with too few
//! deals behind it is removed: it is unknown, not low, and a number left from an earlier
//! export would be read as this one's. A figure the export cannot measure at all (no
//! sourced/influenced flags, no created date) is left as it is. The vendor's own figures
//! (win rate, average deal, cycle) are written only when measured: a stated one stays
//! until the export can replace it.

use crm_export::deals::DealRole;
use toml_edit::Value;

use crate::accounts::update::{number, Edit};

use super::report::{DealsReport, Figure, PartnerComparison};

/// The profile's list of the answers an export measured.
const MEASURED_LIST: &str = "evidence.measured";

/// Where the figures come from.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// The export, as named on the command line.
    pub file: String,
    /// Hex SHA-256 of the export's bytes.
    pub sha256: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The edits that write `partner`'s comparison and the direct baseline of `report`.
pub fn edits(report: &DealsReport, partner: &PartnerComparison, from: &Provenance) -> Vec<Edit> {
    let has = |role| report.columns.iter().any(|c| c.role == role);
    let count = |n: u64| Value::from(n as i64);
    let mut edits = vec![
        Edit::set(
            "evidence.closed_deals_with_partner",
            count(partner.matching.with),
        ),
        Edit::set(
            "evidence.open_deals_with_partner",
            count(partner.deals.open),
        ),
    ];
    if has(DealRole::Sourced) {
        edits.push(Edit::set(
            "evidence.sourced_deals",
            count(partner.deals.sourced),
        ));
    }
    if has(DealRole::Influenced) {
        edits.push(Edit::set(
            "evidence.influenced_deals",
            count(partner.deals.influenced),
        ));
    }
    edits.push(figure(
        "evidence.win_rate_with_partner_pct",
        &partner.win_rate.with,
        pct,
    ));
    edits.push(figure(
        "evidence.win_rate_matched_without_pct",
        &partner.win_rate.without,
        pct,
    ));
    let cycles = has(DealRole::Created);
    if cycles {
        edits.push(figure(
            "evidence.cycle_days_with_partner",
            &partner.cycle_days.with,
            days,
        ));
        edits.push(figure(
            "evidence.cycle_days_matched_without",
            &partner.cycle_days.without,
            days,
        ));
    }
    let direct = &report.direct;
    let measured = [
        (
            "economics.win_rate_pct",
            &direct.win_rate,
            pct as fn(f64) -> Value,
        ),
        ("economics.avg_deal_usd", &direct.average_deal, usd),
        ("vendor.sales_cycle_days", &direct.cycle_days, days),
    ];
    for (field, value, show) in measured {
        if let Figure::Measured { value, .. } = value {
            if field != "vendor.sales_cycle_days" || cycles {
                edits.push(Edit::set(field, show(*value)));
            }
        }
    }
    // Which answers this export measured, so a report can tell them from stated ones: every
    // answer set here that the profile's list of measured answers can hold.
    let listed = crate::profile::catalog::choices(MEASURED_LIST);
    let measured: toml_edit::Array = edits
        .iter()
        .filter(|edit| edit.value.is_some() && listed.iter().any(|c| c == edit.field))
        .map(|edit| edit.field)
        .collect();
    edits.push(Edit::set(MEASURED_LIST, Value::Array(measured)));
    edits.push(Edit::set("evidence.measured_from", Value::from(from.file.as_str())).following());
    edits.push(
        Edit::set(
            "evidence.measured_sha256",
            Value::from(from.sha256.as_str()),
        )
        .following(),
    );
    edits.push(Edit::set("evidence.measured_on", Value::from(from.date.as_str())).following());
    edits
}

/// Sets `field` to a measured figure, or removes it when there were too few deals.
fn figure(field: &'static str, figure: &Figure, show: fn(f64) -> Value) -> Edit {
    match figure {
        Figure::Measured { value, .. } => Edit::set(field, show(*value)),
        Figure::NotEnough { .. } => Edit::remove(field),
    }
}

/// A rate (a fraction) as a profile percentage, one decimal.
fn pct(rate: f64) -> Value {
    number((rate * 1000.0).round() / 10.0)
}

/// Days as a whole number in the profile's range (a day to ten years), rounded as the
/// report prints them (half to even).
fn days(days: f64) -> Value {
    Value::from(days.round_ties_even().clamp(1.0, 3650.0) as i64)
}

/// An amount, whole units.
fn usd(amount: f64) -> Value {
    number(amount.round())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_percentages_with_one_decimal_and_days_stay_in_range() {
        assert_eq!(pct(0.5454).to_string(), "54.5");
        assert_eq!(pct(0.25).to_string(), "25");
        assert_eq!(days(0.2).to_string(), "1");
        assert_eq!(days(47.5).to_string(), "48");
        assert_eq!(days(48.5).to_string(), "48");
        assert_eq!(usd(21_050.4).to_string(), "21050");
    }
}
