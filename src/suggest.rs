//! "Did you mean ...?": the nearest valid name to a misspelt one.

/// The candidate closest to `wrong`, when it is close enough to be a likely typo.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            // A truncated name (`icp_overlap` for `icp_overlap_pct`) is as likely as a typo.
            let truncated = wrong_lower.len() >= 4 && lower.starts_with(&wrong_lower);
            let distance = if truncated {
                1
            } else {
                edit_distance(&wrong_lower, &lower)
            };
            (distance, c)
        })
        .filter(|(d, c)| *d <= 3.max(c.len() / 4) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        let keys = [
            "icp_overlap_pct",
            "named_overlap_accounts",
            "same_buying_conversation",
        ];
        assert_eq!(nearest("icp_overlap_pc", keys), Some("icp_overlap_pct"));
        assert_eq!(nearest("icp_overlap", keys), Some("icp_overlap_pct"));
        assert_eq!(nearest("ICP_OVERLAP_PCT", keys), Some("icp_overlap_pct"));
        assert_eq!(nearest("colour", keys), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
