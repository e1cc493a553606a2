//! `DealsReport`: what `deals compare` found, per partner. This is the JSON contract of
//! `deals compare --format json` (documented in docs/deals.md) and the result a profile
//! update can write from; renderers see only this.

use serde::Serialize;

use crm_export::deals::{DayOrder, DealSkip, Outcome, UsedColumn};

use super::rules::Band;

/// Bumped when a field changes meaning or goes away.
pub const FORMAT: u32 = 1;

/// One export's deals compared, partner by partner.
#[derive(Debug, Clone, Serialize)]
pub struct DealsReport {
    pub format: u32,
    /// The export as named on the command line.
    pub file: String,
    /// Which column was used for what.
    pub columns: Vec<UsedColumn>,
    /// How numeric dates were read (`1/5/2024`: month first or day first).
    pub day_order: DayOrder,
    /// Rows below the header.
    pub rows: u64,
    /// Rows read as deals.
    pub deals: u64,
    /// Rows that gave no deal, per reason, with their first lines.
    pub skipped: Vec<SkippedRows>,
    /// Deals on which no partner is named or flagged: the pool matched deals come from.
    pub without_partner: Involvement,
    /// Your own figures from the deals without a partner, all of them, unmatched: the
    /// direct baseline `--update` writes as the vendor's win rate, average deal and cycle.
    pub direct: Direct,
    /// How every figure was computed, with the sources of its thresholds.
    pub method: Method,
    /// One entry per partner, ranked (see docs/deals.md).
    pub partners: Vec<PartnerComparison>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedRows {
    pub reason: DealSkip,
    pub description: &'static str,
    pub count: u64,
    /// The first lines skipped for this reason.
    pub lines: Vec<u64>,
}

/// How the comparison was made: the rule data it used, with sources.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    pub min_deals: u64,
    pub min_deals_source: String,
    pub level: f64,
    pub rate_interval: String,
    pub median_interval: String,
    pub ratio_interval: String,
    pub matching_source: String,
    /// Matched on the segment column too (the export has one).
    pub segment_column: Option<String>,
    pub period_months: u32,
    pub period_source: String,
    pub bands: Vec<Band>,
    pub bands_source: String,
    pub uplift_range: [f64; 2],
    pub uplift_source: String,
}

/// The deals without a partner, as the vendor's own figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Direct {
    /// Won out of closed.
    pub win_rate: Figure,
    /// Mean amount of won deals (no interval).
    pub average_deal: Figure,
    /// Median days from created to close of won deals.
    pub cycle_days: Figure,
}

/// Deals counted by state and by the partner's role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Involvement {
    pub total: u64,
    /// Open deals: worked together, no outcome yet.
    pub open: u64,
    pub won: u64,
    pub lost: u64,
    /// Flagged partner-sourced.
    pub sourced: u64,
    /// Flagged partner-influenced.
    pub influenced: u64,
    /// The partner is on the deal, but no flag says whether it sourced or influenced it.
    pub role_not_stated: u64,
}

/// One partner's deals against matched deals without a partner.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerComparison {
    /// 1 is the strongest evidence of uplift.
    pub rank: usize,
    pub partner: String,
    pub deals: Involvement,
    pub matching: MatchCounts,
    /// Won out of closed.
    pub win_rate: Comparison,
    /// Median amount of won deals.
    pub deal_size: Comparison,
    /// Median days from created to close of won deals.
    pub cycle_days: Comparison,
    /// Win rate with the partner over win rate without, against the expected range.
    pub uplift: Uplift,
    /// The partner's deals, with their names: only with `--show-deals`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed: Option<Vec<ListedDeal>>,
}

/// One deal with the partner, as `--show-deals` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedDeal {
    /// The line of the export the deal starts on.
    pub line: u64,
    /// The deal's name; absent when the export has no name column or the cell is empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close: Option<String>,
    /// Counted in the matched comparison.
    pub matched: bool,
}

/// How many closed deals the matching kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MatchCounts {
    /// Closed deals with the partner that have a match.
    pub with: u64,
    /// Closed deals without a partner in the same cells.
    pub without: u64,
    /// Closed deals with the partner left out: no amount, no close date, or no deal
    /// without a partner in the same size band, segment and period.
    pub unmatched: u64,
    /// Size band, segment and period cells holding both.
    pub cells: u64,
}

/// A figure with the partner and for matched deals without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub with: Figure,
    pub without: Figure,
}

/// One figure, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Figure {
    Measured {
        value: f64,
        /// The interval at `method.level`; absent when too few values give one.
        #[serde(skip_serializing_if = "Option::is_none")]
        low: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        high: Option<f64>,
        deals: u64,
    },
    /// Fewer than `method.min_deals` deals behind it.
    NotEnough { deals: u64, says: String },
}

/// Where a measured uplift falls against the expected range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    Below,
    Within,
    Above,
}

/// The win-rate ratio, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Uplift {
    Measured {
        ratio: f64,
        low: f64,
        high: f64,
        placement: Placement,
        says: String,
    },
    /// A win rate is not measured, or one of them is 0.
    NotMeasured { says: String },
}
