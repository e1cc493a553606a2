//! One side's distinct accounts: every row of an export (or hashed file) turned into a key,
//! counted, deduplicated, or tallied as skipped with its line.
//!
//! The hot loop of the command: one normalization and one hash-map probe per row, and an
//! allocation only for a key not seen before.

use std::collections::HashMap;
use std::ops::ControlFlow;

use super::csv_read::CsvFile;
use super::hash::{self, Digest, Hasher};
use super::input_error::InputError;
use super::normalize::Normalizer;
use super::plan::KeySource;
use super::progress::Progress;
use super::skip::{Skip, Skips};

/// Hash maps keyed by account: foldhash is several times faster than SipHash on short
/// strings, and its per-process seed keeps a crafted partner file from degrading the map.
pub type AccountMap<K> = HashMap<K, u64, foldhash::fast::RandomState>;

/// Distinct keys, each with the line it first appears on.
#[derive(Debug)]
pub enum Keys {
    Plain(AccountMap<Box<str>>),
    Hashed(AccountMap<Digest>),
}

impl Keys {
    pub fn len(&self) -> usize {
        match self {
            Keys::Plain(map) => map.len(),
            Keys::Hashed(map) => map.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every key as a keyed hash.
    pub fn digests(&self, hasher: &Hasher) -> Vec<Digest> {
        match self {
            Keys::Plain(map) => map.keys().map(|key| hasher.digest(key)).collect(),
            Keys::Hashed(map) => map.keys().copied().collect(),
        }
    }
}

/// What one side's file holds.
#[derive(Debug)]
pub struct AccountSet {
    /// Rows below the header (blank lines are not rows).
    pub rows: u64,
    pub skips: Skips,
    pub keys: Keys,
}

impl AccountSet {
    pub fn accounts(&self) -> u64 {
        self.keys.len() as u64
    }

    /// Rows whose account an earlier row already named.
    pub fn duplicate_rows(&self) -> u64 {
        self.rows - self.skips.total() - self.accounts()
    }

    /// The same accounts as keyed hashes, for matching against a hashed file.
    pub fn into_hashed(self, hasher: &Hasher) -> AccountSet {
        let keys = match self.keys {
            Keys::Plain(map) => {
                let mut hashed = AccountMap::with_capacity_and_hasher(map.len(), Default::default());
                for (key, line) in map {
                    hashed.insert(hasher.digest(&key), line);
                }
                Keys::Hashed(hashed)
            }
            hashed @ Keys::Hashed(_) => hashed,
        };
        AccountSet { keys, ..self }
    }
}

/// Reads every row of `file` and keeps its distinct accounts.
pub fn collect(
    file: &CsvFile,
    source: &KeySource,
    progress: &Progress,
) -> Result<AccountSet, InputError> {
    let mut rows = 0u64;
    let mut skips = Skips::default();
    // An export's size over a typical row is a cheap guess that avoids most rehashing.
    let capacity = (file.len() / 64) as usize;
    match source {
        KeySource::Column(column) => {
            let mut map = AccountMap::with_capacity_and_hasher(capacity, Default::default());
            let mut normalizer = Normalizer::default();
            let mut key = String::new();
            file.for_each_field(column.index, progress, |line, field| {
                rows += 1;
                let Some(raw) = field else {
                    skips.add(Skip::ShortRow, line);
                    return ControlFlow::Continue(());
                };
                match normalizer.key(column.kind, raw, &mut key) {
                    Ok(()) => {
                        if !map.contains_key(key.as_str()) {
                            map.insert(Box::from(key.as_str()), line);
                        }
                    }
                    Err(reason) => skips.add(reason, line),
                }
                ControlFlow::Continue(())
            })?;
            Ok(AccountSet { rows, skips, keys: Keys::Plain(map) })
        }
        KeySource::Hashed(_) => {
            let mut map = AccountMap::with_capacity_and_hasher(capacity, Default::default());
            file.for_each_field(0, progress, |line, field| {
                rows += 1;
                match field.map(str::trim) {
                    None | Some("") => skips.add(Skip::Empty, line),
                    Some(value) => match hash::parse_hex(value) {
                        Some(digest) => {
                            map.entry(digest).or_insert(line);
                        }
                        None => skips.add(Skip::NotAHash, line),
                    },
                }
                ControlFlow::Continue(())
            })?;
            Ok(AccountSet { rows, skips, keys: Keys::Hashed(map) })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::accounts::key_column::KeyColumn;
    use crate::accounts::key_kind::{ColumnKind, KeyKind};

    fn set(text: &str, source: KeySource) -> AccountSet {
        let file = CsvFile::from_bytes(Path::new("t.csv"), text.as_bytes().to_vec()).unwrap();
        collect(&file, &source, &Progress::hidden()).unwrap()
    }

    fn website(index: usize) -> KeySource {
        KeySource::Column(KeyColumn { index, header: "w".into(), kind: ColumnKind::Website })
    }

    #[test]
    fn counts_rows_skips_duplicates_and_accounts() {
        let s = set(
            "name,website\nA,acme.com\nA2,https://www.acme.com/x\nB,\nC\nD,n/a\nE,globex.com\n",
            website(1),
        );
        assert_eq!((s.rows, s.skips.total(), s.duplicate_rows(), s.accounts()), (6, 3, 1, 2));
        let Keys::Plain(map) = &s.keys else { panic!() };
        assert_eq!(map.get("acme.com"), Some(&2));
        let reasons: Vec<_> = s.skips.iter().map(|(r, t)| (r, t.lines.clone())).collect();
        assert_eq!(reasons, [
            (Skip::ShortRow, vec![5]),
            (Skip::Empty, vec![4]),
            (Skip::Placeholder, vec![6])
        ]);
    }

    #[test]
    fn hashed_file_rows_that_are_not_hashes_are_skipped() {
        let hex = "ab".repeat(32);
        let s = set(
            &format!("account_hmac_sha256:domain\n{hex}\n{hex}\nnot-a-hash\n"),
            KeySource::Hashed(KeyKind::Domain),
        );
        assert_eq!((s.rows, s.accounts(), s.duplicate_rows()), (3, 1, 1));
        assert_eq!(s.skips.iter().next().map(|(r, _)| r), Some(Skip::NotAHash));
    }
}
