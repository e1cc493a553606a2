//! Why a row gave no account, and the tally of such rows per reason with their lines.
//!
//! Rows are never dropped silently: each one without a usable key lands here, and the report
//! shows the count and the first lines of every reason.

use serde::Serialize;

/// Lines kept per reason: enough to find and fix a pattern, bounded for million-row files.
pub const LINES_KEPT: usize = 100;

/// Why a row has no usable account key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// The row ends before the key column.
    ShortRow,
    /// The key column is empty, or holds only punctuation.
    Empty,
    /// A stand-in such as `N/A`, `none`, `unknown`.
    Placeholder,
    /// Not a web address, domain or email address.
    NotADomain,
    /// An email address at a free mail service: a person, not a company account.
    FreeEmail,
    /// A value that should be a 64-digit hex digest and is not (a file of keyed hashes).
    NotAHash,
}

impl Skip {
    pub const ALL: [Skip; 6] = [
        Skip::ShortRow,
        Skip::Empty,
        Skip::Placeholder,
        Skip::NotADomain,
        Skip::FreeEmail,
        Skip::NotAHash,
    ];

    /// The reason in words, for tables.
    pub fn describe(self) -> &'static str {
        match self {
            Skip::ShortRow => "row ends before the key column",
            Skip::Empty => "no value in the key column",
            Skip::Placeholder => "placeholder such as N/A or unknown",
            Skip::NotADomain => "not a web address, domain or email",
            Skip::FreeEmail => "personal email (free mail domain such as gmail.com)",
            Skip::NotAHash => "not a 64-digit hex hash",
        }
    }
}

/// Rows skipped for one reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: u64,
    /// The first `LINES_KEPT` lines, in file order.
    pub lines: Vec<u64>,
}

/// Skipped rows of one file, per reason.
#[derive(Debug, Clone, Default)]
pub struct Skips {
    tallies: [Tally; Skip::ALL.len()],
}

impl Skips {
    pub fn add(&mut self, reason: Skip, line: u64) {
        let tally = &mut self.tallies[reason as usize];
        tally.count += 1;
        if tally.lines.len() < LINES_KEPT {
            tally.lines.push(line);
        }
    }

    pub fn total(&self) -> u64 {
        self.tallies.iter().map(|t| t.count).sum()
    }

    /// Reasons that occurred, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (Skip, &Tally)> {
        Skip::ALL
            .into_iter()
            .zip(&self.tallies)
            .filter(|(_, t)| t.count > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_row_but_keeps_only_the_first_lines() {
        let mut skips = Skips::default();
        for line in 0..(LINES_KEPT as u64 + 5) {
            skips.add(Skip::Empty, line);
        }
        skips.add(Skip::FreeEmail, 7);
        assert_eq!(skips.total(), LINES_KEPT as u64 + 6);
        let reasons: Vec<_> = skips
            .iter()
            .map(|(r, t)| (r, t.count, t.lines.len()))
            .collect();
        assert_eq!(
            reasons,
            [
                (Skip::Empty, LINES_KEPT as u64 + 5, LINES_KEPT),
                (Skip::FreeEmail, 1, 1)
            ]
        );
    }
}
