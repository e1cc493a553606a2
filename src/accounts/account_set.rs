//! One side's distinct accounts: every row of an export (or hashed file) turned into a key,
//! counted, deduplicated, or tallied as skipped with its line.
//!
//! The hot loop of the command: one normalization per row, and no allocation. Plain keys are
//! kept as 128-bit fingerprints rather than strings, appended in file order and sorted once
//! at the end: a sort walks memory in order where a hash map probes a random place per row,
//! which on exports of millions of rows is a cache miss each, so sorting is faster and its
//! 24 bytes an entry are less than a map's table. Two different keys share a fingerprint
//! with odds of about n^2 / 2^129 (below 10^-24 for ten million keys), and the seed is
//! drawn per run, so a crafted file cannot aim for one. The strings themselves are read
//! back from the file when `--out` needs them.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::ControlFlow;

use crm_export::{CsvFile, KeyColumn, Normalizer, Skip, Skips};

use super::hash::{self, Digest, Hasher};
use super::input_error::InputError;
use super::plan::KeySource;
use super::progress::Progress;

/// Hash maps keyed by account: foldhash is several times faster than SipHash, and its
/// per-process seed keeps a crafted partner file from degrading the map.
pub type AccountMap<K> = HashMap<K, u64, foldhash::fast::RandomState>;

/// A normalized key's 128-bit fingerprint, as two words rather than a `u128`: its 8-byte
/// alignment makes a map entry 24 bytes instead of 32, a quarter less memory.
pub type Fingerprint = [u64; 2];

/// Fingerprints normalized keys; one per comparison, so both sides use the same seed.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprinter {
    seed: u64,
}

impl Fingerprinter {
    pub fn new() -> Self {
        Fingerprinter {
            seed: foldhash::fast::RandomState::default().hash_one(0u8),
        }
    }

    pub fn fingerprint(&self, key: &str) -> Fingerprint {
        let hash = xxhash_rust::xxh3::xxh3_128_with_seed(key.as_bytes(), self.seed);
        [hash as u64, (hash >> 64) as u64]
    }
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Self::new()
    }
}

/// Distinct keys, each with the line it first appears on, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Distinct<K> {
    entries: Vec<(K, u64)>,
}

impl<K: Ord + Copy> Distinct<K> {
    /// From the key of every row, in file order: each key is kept once, with its first line.
    pub fn from_rows(mut rows: Vec<(K, u64)>) -> Self {
        // Equal keys sort by line, so the first of each run is where the key first appears.
        rows.sort_unstable();
        rows.dedup_by_key(|&mut (key, _)| key);
        rows.shrink_to_fit();
        Distinct { entries: rows }
    }

    pub fn entries(&self) -> &[(K, u64)] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Distinct keys, each with the line it first appears on.
#[derive(Debug)]
pub enum Keys {
    /// Normalized keys, by fingerprint.
    Plain(Distinct<Fingerprint>),
    /// Keyed hashes of normalized keys (from a hashed file, or hashed while reading).
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
}

/// Reads every row of `file` and keeps its distinct accounts; with `hasher`, as keyed
/// hashes (each distinct key hashed once), for matching against a hashed file.
pub fn collect(
    file: &CsvFile,
    source: &KeySource,
    fingerprinter: Fingerprinter,
    hasher: Option<&Hasher>,
    progress: &Progress,
) -> Result<AccountSet, InputError> {
    match source {
        KeySource::Column(column) => collect_column(file, column, fingerprinter, hasher, progress),
        KeySource::Hashed(_) => collect_hashed(file, progress),
    }
}

/// Room for one entry per row, from the row count the file's first rows suggest: the map
/// is sized once, without the rehash that would briefly hold the old and the new table.
fn capacity(file: &CsvFile) -> usize {
    file.rows_estimate() as usize
}

fn collect_column(
    file: &CsvFile,
    column: &KeyColumn,
    fingerprinter: Fingerprinter,
    hasher: Option<&Hasher>,
    progress: &Progress,
) -> Result<AccountSet, InputError> {
    let (mut rows, mut skips) = (0u64, Skips::default());
    // With a hasher, a map finds each distinct key's first row, so that each is hashed once.
    let (map_capacity, list_capacity) = match hasher {
        Some(_) => (capacity(file), 0),
        None => (0, capacity(file)),
    };
    let mut seen = AccountMap::with_capacity_and_hasher(map_capacity, Default::default());
    let mut digests = AccountMap::with_capacity_and_hasher(map_capacity, Default::default());
    let mut all = Vec::with_capacity(list_capacity);
    let mut normalizer = Normalizer::default();
    let mut key = String::new();
    file.for_each_field(
        column.index,
        &|bytes| progress.advance(bytes),
        |line, field| {
            rows += 1;
            let Some(raw) = field else {
                skips.add(Skip::ShortRow, line);
                return ControlFlow::Continue(());
            };
            match normalizer.key(column.kind, raw, &mut key) {
                Ok(()) => match hasher {
                    None => all.push((fingerprinter.fingerprint(&key), line)),
                    Some(hasher) => {
                        if let Entry::Vacant(new) = seen.entry(fingerprinter.fingerprint(&key)) {
                            new.insert(line);
                            digests.insert(hasher.digest(&key), line);
                        }
                    }
                },
                Err(reason) => skips.add(reason, line),
            }
            ControlFlow::Continue(())
        },
    )?;
    let keys = if hasher.is_some() {
        Keys::Hashed(digests)
    } else {
        Keys::Plain(Distinct::from_rows(all))
    };
    Ok(AccountSet { rows, skips, keys })
}

fn collect_hashed(file: &CsvFile, progress: &Progress) -> Result<AccountSet, InputError> {
    let (mut rows, mut skips) = (0u64, Skips::default());
    let mut digests = AccountMap::with_capacity_and_hasher(capacity(file), Default::default());
    file.for_each_field(0, &|bytes| progress.advance(bytes), |line, field| {
        rows += 1;
        match field.map(str::trim) {
            None | Some("") => skips.add(Skip::Empty, line),
            Some(value) => match hash::parse_hex(value) {
                Some(digest) => {
                    digests.entry(digest).or_insert(line);
                }
                None => skips.add(Skip::NotAHash, line),
            },
        }
        ControlFlow::Continue(())
    })?;
    Ok(AccountSet {
        rows,
        skips,
        keys: Keys::Hashed(digests),
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crm_export::ColumnKind;

    fn set(text: &str, source: KeySource) -> AccountSet {
        let file = CsvFile::from_bytes(Path::new("t.csv"), text.as_bytes().to_vec()).unwrap();
        collect(
            &file,
            &source,
            Fingerprinter::new(),
            None,
            &Progress::hidden(),
        )
        .unwrap()
    }

    fn website(index: usize) -> KeySource {
        KeySource::Column(KeyColumn {
            index,
            header: "w".into(),
            kind: ColumnKind::Website,
        })
    }

    #[test]
    fn counts_rows_skips_duplicates_and_accounts() {
        let s = set(
            "name,website\nA,acme.com\nA2,https://www.acme.com/x\nB,\nC\nD,n/a\nE,globex.com\n",
            website(1),
        );
        assert_eq!(
            (s.rows, s.skips.total(), s.duplicate_rows(), s.accounts()),
            (6, 3, 1, 2)
        );
        let Keys::Plain(keys) = &s.keys else { panic!() };
        assert_eq!(
            keys.entries().iter().map(|&(_, line)| line).min(),
            Some(2),
            "first line of acme.com"
        );
        let reasons: Vec<_> = s.skips.iter().map(|(r, t)| (r, t.lines.clone())).collect();
        assert_eq!(
            reasons,
            [
                (Skip::ShortRow, vec![5]),
                (Skip::Empty, vec![4]),
                (Skip::Placeholder, vec![6])
            ]
        );
    }

    #[test]
    fn hashed_file_rows_that_are_not_hashes_are_skipped() {
        let hex = "ab".repeat(32);
        let s = set(
            &format!(
                "account_hmac_sha256:domain:v2:key=0123456789abcdef\n{hex}\n{hex}\nnot-a-hash\n"
            ),
            KeySource::Hashed(
                super::hash::hashed_header(&[
                    "account_hmac_sha256:domain:v2:key=0123456789abcdef".into()
                ])
                .unwrap()
                .unwrap(),
            ),
        );
        assert_eq!((s.rows, s.accounts(), s.duplicate_rows()), (3, 1, 1));
        assert_eq!(s.skips.iter().next().map(|(r, _)| r), Some(Skip::NotAHash));
    }
}
