//! Two sides' accounts -> the accounts both hold. Pure: no files, no printing.

use std::cmp::Ordering;
use std::hash::Hash;

use super::account_set::{AccountMap, AccountSet, Distinct, Fingerprint, Keys};
use super::hash::Digest;

/// One account on both sides: the line it first appears on in each file, and its hash when
/// the sides were matched on hashes (a plain key is read back from the file when needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub our_line: u64,
    pub their_line: u64,
    pub digest: Option<Digest>,
}

/// The accounts both sets hold, in our file's order; `None` when one set is plain and the
/// other hashed (collect the plain one with a `Hasher`).
pub fn intersect(ours: &AccountSet, theirs: &AccountSet) -> Option<Vec<Match>> {
    let mut matches = match (&ours.keys, &theirs.keys) {
        (Keys::Plain(a), Keys::Plain(b)) => merge(a, b),
        (Keys::Hashed(a), Keys::Hashed(b)) => probe(a, b, |d| Some(*d)),
        _ => return None,
    };
    matches.sort_unstable_by_key(|m| m.our_line);
    Some(matches)
}

/// Walks both sorted lists side by side.
fn merge(ours: &Distinct<Fingerprint>, theirs: &Distinct<Fingerprint>) -> Vec<Match> {
    let (a, b) = (ours.entries(), theirs.entries());
    let (mut i, mut j, mut matches) = (0, 0, Vec::new());
    while let (Some(&(mine, our_line)), Some(&(other, their_line))) = (a.get(i), b.get(j)) {
        match mine.cmp(&other) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                matches.push(Match {
                    our_line,
                    their_line,
                    digest: None,
                });
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    matches
}

/// Walks the smaller map and probes the larger one.
fn probe<K: Hash + Eq>(
    ours: &AccountMap<K>,
    theirs: &AccountMap<K>,
    digest: impl Fn(&K) -> Option<Digest>,
) -> Vec<Match> {
    let found = |key: &K, our_line: u64, their_line: u64| Match {
        our_line,
        their_line,
        digest: digest(key),
    };
    if ours.len() <= theirs.len() {
        ours.iter()
            .filter_map(|(k, &mine)| theirs.get(k).map(|&other| found(k, mine, other)))
            .collect()
    } else {
        theirs
            .iter()
            .filter_map(|(k, &other)| ours.get(k).map(|&mine| found(k, mine, other)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set<K: Hash + Eq + Copy>(keys: &[(K, u64)]) -> AccountMap<K> {
        keys.iter().copied().collect()
    }

    fn lines(matches: Vec<Match>) -> Vec<(u64, u64)> {
        matches.iter().map(|m| (m.our_line, m.their_line)).collect()
    }

    fn plain(keys: &[(u64, u64)]) -> AccountSet {
        let keys: Vec<([u64; 2], u64)> = keys.iter().map(|&(k, l)| ([k, 0], l)).collect();
        let skips = Default::default();
        AccountSet {
            rows: keys.len() as u64,
            skips,
            keys: Keys::Plain(Distinct::from_rows(keys)),
        }
    }

    #[test]
    fn finds_shared_accounts_in_our_order_whichever_side_is_smaller() {
        let ours = plain(&[(2, 3), (1, 2), (9, 4)]);
        let theirs = plain(&[(1, 9), (2, 7)]);
        assert_eq!(lines(intersect(&ours, &theirs).unwrap()), [(2, 9), (3, 7)]);
        assert_eq!(lines(intersect(&theirs, &ours).unwrap()), [(7, 3), (9, 2)]);
    }

    #[test]
    fn hashed_sets_carry_their_digest_and_mixed_sets_do_not_compare() {
        let hashed = |keys: &[([u8; 32], u64)]| AccountSet {
            rows: keys.len() as u64,
            skips: Default::default(),
            keys: Keys::Hashed(set(keys)),
        };
        let ours = hashed(&[([1; 32], 2), ([2; 32], 3)]);
        let theirs = hashed(&[([2; 32], 5)]);
        let matches = intersect(&ours, &theirs).unwrap();
        assert_eq!(
            matches,
            [Match {
                our_line: 3,
                their_line: 5,
                digest: Some([2; 32])
            }]
        );
        assert_eq!(intersect(&ours, &plain(&[(1, 1)])), None);
    }
}
