//! Two sides' accounts -> the accounts both hold. Pure: no files, no printing.

use std::hash::Hash;

use super::account_set::{AccountMap, AccountSet, Keys};
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
/// other hashed (hash the plain one first with `AccountSet::into_hashed`).
pub fn intersect(ours: &AccountSet, theirs: &AccountSet) -> Option<Vec<Match>> {
    let mut matches = match (&ours.keys, &theirs.keys) {
        (Keys::Plain(a), Keys::Plain(b)) => probe(a, b, |_| None),
        (Keys::Hashed(a), Keys::Hashed(b)) => probe(a, b, |d| Some(*d)),
        _ => return None,
    };
    matches.sort_unstable_by_key(|m| m.our_line);
    Some(matches)
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
    use crate::accounts::hash::{Hasher, Secret};
    use crate::accounts::skip::Skips;

    fn plain(keys: &[(&str, u64)]) -> AccountSet {
        let map = keys.iter().map(|(k, l)| (Box::from(*k), *l)).collect();
        AccountSet { rows: keys.len() as u64, skips: Skips::default(), keys: Keys::Plain(map) }
    }

    #[test]
    fn finds_shared_accounts_in_our_order_whichever_side_is_smaller() {
        let ours = plain(&[("b.com", 3), ("a.com", 2), ("x.com", 4)]);
        let theirs = plain(&[("a.com", 9), ("b.com", 7)]);
        let lines = |m: Vec<Match>| m.iter().map(|m| (m.our_line, m.their_line)).collect::<Vec<_>>();
        assert_eq!(lines(intersect(&ours, &theirs).unwrap()), [(2, 9), (3, 7)]);
        assert_eq!(lines(intersect(&theirs, &ours).unwrap()), [(7, 3), (9, 2)]);
    }

    #[test]
    fn hashed_sets_match_like_plain_ones_and_mixed_sets_do_not_compare() {
        let secret = Secret::from_bytes("s".as_ref(), b"0123456789abcdef".to_vec()).unwrap();
        let hasher = Hasher::new(&secret);
        let ours = plain(&[("a.com", 2), ("b.com", 3)]);
        let theirs = plain(&[("b.com", 5)]);
        assert_eq!(intersect(&ours, &theirs.into_hashed(&hasher)), None);
        let theirs = plain(&[("b.com", 5)]).into_hashed(&hasher);
        let matches = intersect(&ours.into_hashed(&hasher), &theirs).unwrap();
        assert_eq!(matches.len(), 1);
        assert_eq!(matches[0].digest, Some(hasher.digest("b.com")));
    }
}
