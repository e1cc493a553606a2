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
        // A third of the name's letters may be wrong: short names are all a few edits
        // apart, so a looser bound would offer an unrelated one.
        .filter(|(d, c)| *d <= 1.max(c.chars().count() / 3) && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, replace, or swap two neighbouring characters) from `a` to `b`,
/// over characters. A swap counts once because `titel` for `title` is one slip of the hand,
/// which is what the optimal-string-alignment distance measures.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
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
    fn short_names_need_a_close_match() {
        let partner = [
            "name",
            "type",
            "past_product_market_fit",
            "sales_cycle_days",
        ];
        assert_eq!(nearest("drivers", partner), None);
        assert_eq!(nearest("date", partner), None);
        assert_eq!(nearest("shape", partner), None);
        assert_eq!(nearest("nmae", partner), Some("name"));
        assert_eq!(nearest("typ", partner), Some("type"));
        assert_eq!(nearest("cosell", ["referral", "co-sell"]), Some("co-sell"));
        assert_eq!(nearest("markets", ["market", "value"]), Some("market"));
        assert_eq!(nearest("titel", ["title", "kind"]), Some("title"));
        assert_eq!(nearest("greater", ["eq", "gt", "gte"]), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("questoin", "question"), 1);
    }
}
