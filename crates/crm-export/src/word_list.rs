//! The embedded word lists in `data/`: data, not code, so a missing freemail
//! domain or legal suffix is a one-line change to a text file.

use std::sync::LazyLock;

/// A set of words; foldhash, because `FREEMAIL` is probed once per email row.
pub type WordSet = foldhash::HashSet<&'static str>;

/// Email domains of free mail services (`data/freemail.txt`).
pub static FREEMAIL: LazyLock<WordSet> =
    LazyLock::new(|| entries(include_str!("data/freemail.txt")).collect());

/// Legal-form words dropped from the end of company names (`data/legal_suffixes.txt`).
pub static LEGAL_SUFFIXES: LazyLock<WordSet> =
    LazyLock::new(|| entries(include_str!("data/legal_suffixes.txt")).collect());

/// Stand-ins for "no value" (`data/placeholders.txt`).
pub static PLACEHOLDERS: LazyLock<WordSet> =
    LazyLock::new(|| entries(include_str!("data/placeholders.txt")).collect());

/// The text of `data/key_headers.txt`, parsed by `key_column`.
pub const KEY_HEADERS: &str = include_str!("data/key_headers.txt");

/// Non-empty lines without `#` comments, trimmed.
pub fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lowercase_and_compact() {
        for word in FREEMAIL.iter() {
            assert!(word.contains('.') && *word == word.to_lowercase(), "{word}");
        }
        for word in LEGAL_SUFFIXES.iter().chain(PLACEHOLDERS.iter()) {
            assert!(
                word.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "{word}"
            );
        }
        assert!(FREEMAIL.contains("gmail.com"));
        assert!(LEGAL_SUFFIXES.contains("gmbh"));
        assert!(PLACEHOLDERS.contains("na"));
    }
}
