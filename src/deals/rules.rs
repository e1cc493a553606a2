//! `rules/deals.toml`: the thresholds, bands, words and sources of the deal comparison,
//! read and checked here so the comparison gets values it can trust.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::rules::files::{read, RuleSource, SourceFiles};

/// The file's name at the top of a rules folder.
pub const FILE: &str = "deals.toml";

/// The comparison's rule data, as written and checked.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DealRules {
    pub evidence: Evidence,
    pub interval: Interval,
    pub matching: Matching,
    pub uplift: Uplift,
    pub words: Words,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Fewest deals behind a figure for it to be shown as a number.
    pub min_deals: u64,
    pub source: String,
    /// What a figure below `min_deals` says instead.
    pub not_enough: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    /// Coverage of every interval, such as 0.95.
    pub level: f64,
    /// The standard normal quantile for `level`.
    pub z: f64,
    pub rate_method: String,
    pub median_method: String,
    pub ratio_method: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Matching {
    pub source: String,
    /// Length of a period of close dates, in months, counted from January of year 0.
    pub period_months: u32,
    pub period_source: String,
    pub bands_source: String,
    #[serde(rename = "band")]
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    /// Amounts below this (exclusive) are in the band; the last band has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Uplift {
    pub low: f64,
    pub high: f64,
    pub source: String,
    pub below: String,
    pub within: String,
    pub above: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub unnamed_partner: String,
    pub zero_rate: String,
}

impl Matching {
    /// The band an amount falls in (index into `bands`).
    pub fn band(&self, amount: f64) -> usize {
        self.bands
            .iter()
            .position(|b| b.below.is_none_or(|below| amount < below))
            .unwrap_or(self.bands.len() - 1)
    }
}

/// Reads and checks `deals.toml` of a rules source.
pub fn load(source: &RuleSource) -> Result<DealRules, Diagnostics> {
    let files = read(source)?;
    from_files(&source.root(), &files)
}

/// Picks `<root>/deals.toml` out of a rules folder's files and checks it.
pub fn from_files(root: &Path, files: &SourceFiles) -> Result<DealRules, Diagnostics> {
    let path = root.join(FILE);
    let Some(text) = files.get(&path) else {
        return Err(Diagnostics(vec![Diagnostic::whole_file(
            &path,
            "the rules folder has no deal comparison rules",
        )
        .with_help(format!(
            "copy `{FILE}` from the shipped `rules/` folder into the top of this one"
        ))]));
    };
    parse(&path, text).map_err(Diagnostics)
}

/// Parses and checks a `deals.toml`, reporting every problem at once.
pub fn parse(path: &Path, text: &str) -> Result<DealRules, Vec<Diagnostic>> {
    let rules: DealRules = toml::from_str(text)
        .map_err(|err| vec![crate::rules::parse_error::diagnostic(path, text, &err)])?;
    let mut problems = Vec::new();
    let mut problem = |message: &str, help: &str| {
        problems.push(Diagnostic::whole_file(path, message).with_help(help));
    };
    if rules.evidence.min_deals == 0 {
        problem(
            "evidence.min_deals is 0",
            "a figure needs at least one deal behind it",
        );
    }
    let i = &rules.interval;
    if !(i.level > 0.0 && i.level < 1.0 && i.z > 0.0) {
        problem(
            "interval.level must lie between 0 and 1 and interval.z be positive",
            "write level = 0.95 and z = 1.959964",
        );
    }
    if rules.matching.period_months == 0 {
        problem(
            "matching.period_months is 0",
            "give the period in months, such as 6",
        );
    }
    let bands = &rules.matching.bands;
    let limits: Vec<Option<f64>> = bands.iter().map(|b| b.below).collect();
    let ascending = limits
        .iter()
        .flatten()
        .zip(limits.iter().flatten().skip(1))
        .all(|(a, b)| a < b);
    let last_open = limits.last().is_some_and(Option::is_none)
        && limits[..limits.len() - 1].iter().all(Option::is_some);
    if !ascending || !last_open {
        problem(
            "matching.band: the `below` limits must rise, and only the last band has none",
            "order the bands from smallest to largest; leave `below` out of the last one",
        );
    }
    if !(rules.uplift.low > 0.0 && rules.uplift.low <= rules.uplift.high) {
        problem(
            "uplift.low must be positive and at most uplift.high",
            "write the range as low = 1.5, high = 2.0",
        );
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_deal_rules_are_valid() {
        let text = include_str!("../../rules/deals.toml");
        let rules = parse(Path::new("rules/deals.toml"), text).expect("shipped deals.toml");
        assert_eq!(rules.matching.band(9_999.0), 0);
        assert_eq!(rules.matching.band(10_000.0), 1);
        assert_eq!(rules.matching.band(1e9), rules.matching.bands.len() - 1);
    }

    #[test]
    fn bands_out_of_order_are_refused() {
        let text = include_str!("../../rules/deals.toml").replace("below = 50000", "below = 5000");
        let problems = parse(Path::new("deals.toml"), &text).unwrap_err();
        assert!(
            problems[0].to_string().contains("must rise"),
            "{}",
            problems[0]
        );
    }
}
