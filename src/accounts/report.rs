//! The overlap report: the output model of `accounts overlap` and the JSON contract
//! (`format: 1`). Built from a `Comparison`; rendered by `render`, never printed here.

use serde::Serialize;

use crm_export::{KeyKind, Skip};

use super::compare::{Comparison, Input};
use super::plan::KeySource;

/// The report of one comparison.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapReport {
    /// Version of this JSON shape.
    pub format: u32,
    /// What the keys are: `domain` or `company-name`.
    pub key_kind: KeyKind,
    /// `plain` (normalized keys) or `hmac-sha256` (keyed hashes of them).
    pub matched_on: &'static str,
    /// Accounts on both sides.
    pub overlap: u64,
    /// `overlap` as a percentage of our distinct accounts, one decimal; null without accounts.
    pub overlap_pct_of_ours: Option<f64>,
    /// `overlap` as a percentage of their distinct accounts.
    pub overlap_pct_of_theirs: Option<f64>,
    /// The smaller of the two shares: what `--update` writes as `market.icp_overlap_pct`,
    /// since the bar must be cleared from both sides.
    pub icp_overlap_pct: Option<f64>,
    pub ours: SideReport,
    pub theirs: SideReport,
}

/// One input file.
#[derive(Debug, Clone, Serialize)]
pub struct SideReport {
    pub file: String,
    /// The key column's header; null for a hashed file.
    pub key_column: Option<String>,
    /// `website`, `email`, `company-name` or `hashed`.
    pub key_source: &'static str,
    /// Rows below the header, blank lines not counted.
    pub rows: u64,
    /// Rows without a usable key (see `skipped_by_reason`).
    pub skipped: u64,
    /// Rows naming an account an earlier row already named.
    pub duplicate_rows: u64,
    /// Distinct accounts.
    pub accounts: u64,
    pub skipped_by_reason: Vec<SkipReport>,
}

/// Rows skipped for one reason.
#[derive(Debug, Clone, Serialize)]
pub struct SkipReport {
    pub reason: Skip,
    pub description: &'static str,
    pub count: u64,
    /// The first lines (up to 100), 1-based as an editor shows them.
    pub lines: Vec<u64>,
}

/// The report for `comparison`.
pub fn build(comparison: &Comparison) -> OverlapReport {
    let overlap = comparison.matches.len() as u64;
    let ours = side(&comparison.ours);
    let theirs = side(&comparison.theirs);
    let of_ours = share(overlap, ours.accounts);
    let of_theirs = share(overlap, theirs.accounts);
    OverlapReport {
        format: 1,
        key_kind: comparison.plan.kind,
        matched_on: if comparison.plan.hashed() {
            "hmac-sha256"
        } else {
            "plain"
        },
        overlap,
        overlap_pct_of_ours: of_ours,
        overlap_pct_of_theirs: of_theirs,
        icp_overlap_pct: of_ours.zip(of_theirs).map(|(a, b)| a.min(b)),
        ours,
        theirs,
    }
}

/// The report of one input on its own (also what `accounts hash` tells about its input).
pub fn side(input: &Input) -> SideReport {
    let (key_column, key_source) = match &input.source {
        KeySource::Column(column) => (Some(column.header.clone()), column.kind.as_str()),
        KeySource::Hashed(_) => (None, "hashed"),
    };
    let set = &input.set;
    SideReport {
        file: input.file.path().display().to_string(),
        key_column,
        key_source,
        rows: set.rows,
        skipped: set.skips.total(),
        duplicate_rows: set.duplicate_rows(),
        accounts: set.accounts(),
        skipped_by_reason: set
            .skips
            .iter()
            .map(|(reason, tally)| SkipReport {
                reason,
                description: reason.describe(),
                count: tally.count,
                lines: tally.lines.clone(),
            })
            .collect(),
    }
}

/// `part` as a percentage of `whole`, one decimal; `None` when `whole` is 0.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_one_decimal_and_need_a_whole() {
        assert_eq!(share(1, 3), Some(33.3));
        assert_eq!(share(2, 3), Some(66.7));
        assert_eq!(share(259, 1000), Some(25.9));
        assert_eq!(share(5, 5), Some(100.0));
        assert_eq!(share(0, 0), None);
    }
}
