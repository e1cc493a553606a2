//! How guessable a secret is, and the bar it must clear: `rules/accounts.toml`, judged with
//! the zxcvbn estimator (the guesses an attacker trying dictionary words, repeats,
//! sequences, keyboard patterns and dates first would need), not by counting characters.
//!
//! Pure: bytes in, an estimate out. `hash::Secret` refuses what falls short.

use std::sync::LazyLock;

use serde::Deserialize;
use sha2::{Digest as _, Sha256, Sha512};

/// `rules/accounts.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountRules {
    secret: SecretPolicy,
}

/// What a secret must be.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretPolicy {
    /// The fewest estimated guesses, as a power of two.
    pub min_guess_bits: u32,
    /// Words whose hex digests are refused as secrets.
    derived_from: Vec<String>,
}

/// The bar, read once from the built-in rules (never from `--rules DIR`: see the file).
pub static POLICY: LazyLock<SecretPolicy> = LazyLock::new(|| {
    parse(include_str!("../../rules/accounts.toml"))
        .expect("the built-in rules/accounts.toml parses; a unit test reads it")
});

fn parse(text: &str) -> Result<SecretPolicy, toml::de::Error> {
    Ok(toml::from_str::<AccountRules>(text)?.secret)
}

/// How many characters are judged: zxcvbn itself reads only the first 100, and a secret is
/// never easier to guess than its beginning, so a longer one is judged by this much of it.
const JUDGED_CHARS: usize = 256;

/// zxcvbn counts guesses in a `u64`, so its estimate stops at 2^64; a piece it puts there
/// is judged as two halves instead (see [`guess_bits`]).
const ESTIMATOR_CEILING_BITS: f64 = 63.9;

/// Why a secret falls short.
#[derive(Debug, Clone, PartialEq)]
pub enum Weakness {
    /// About 2^`bits` guesses would find it; `pattern` is the estimator's word on why.
    Guessable { bits: u32, pattern: Option<String> },
    /// The hex digest of a common word.
    DigestOf { word: String },
}

impl SecretPolicy {
    /// `None` when `secret` clears the bar, else why not.
    pub fn judge(&self, secret: &[u8]) -> Option<Weakness> {
        if let Some(word) = self.digest_of(secret) {
            return Some(Weakness::DigestOf { word });
        }
        // A secret of raw bytes is judged as the hex of its bytes: what an attacker would
        // enumerate is the bytes, and hex keeps their patterns (repeats, runs) visible.
        let text = match std::str::from_utf8(secret) {
            Ok(text) => text.to_string(),
            Err(_) => hex::encode(secret),
        };
        let text: String = text.chars().take(JUDGED_CHARS).collect();
        let bits = guess_bits(&text, f64::from(self.min_guess_bits));
        (bits < f64::from(self.min_guess_bits)).then(|| Weakness::Guessable {
            bits: bits.floor().max(0.0) as u32,
            pattern: pattern(&text),
        })
    }

    /// The word of `derived_from` whose SHA-256 or SHA-512, in hex of either case, with or
    /// without the line break `echo` adds, is `secret`.
    fn digest_of(&self, secret: &[u8]) -> Option<String> {
        let secret = std::str::from_utf8(secret).ok()?;
        if !matches!(secret.len(), 64 | 128) || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let secret = secret.to_ascii_lowercase();
        self.derived_from.iter().find_map(|word| {
            [word.clone(), format!("{word}\n")]
                .iter()
                .any(|input| {
                    secret == hex::encode(Sha256::digest(input.as_bytes()))
                        || secret == hex::encode(Sha512::digest(input.as_bytes()))
                })
                .then(|| word.clone())
        })
    }
}

/// log2 of the guesses zxcvbn estimates for `text`. Where the estimator reaches its
/// ceiling the two halves are estimated apart and added, down to pieces it can count, and
/// no further than `enough` bits. Splitting can only miss a pattern that spans the halves,
/// and the whole was already found to hold none weaker than the ceiling.
fn guess_bits(text: &str, enough: f64) -> f64 {
    let whole = zxcvbn::zxcvbn(text, &[]).guesses_log10() * std::f64::consts::LOG2_10;
    let chars = text.chars().count();
    if whole < ESTIMATOR_CEILING_BITS || chars < 2 {
        return whole.max(0.0);
    }
    let middle = text
        .char_indices()
        .nth(chars / 2)
        .map_or(text.len(), |(i, _)| i);
    let first = guess_bits(&text[..middle], enough);
    if first >= enough {
        return first;
    }
    first + guess_bits(&text[middle..], enough - first)
}

/// The estimator's warning about `text`, such as "This is similar to a commonly used
/// password" or "Straight rows of keys are easy to guess", when it has one.
fn pattern(text: &str) -> Option<String> {
    let entropy = zxcvbn::zxcvbn(text, &[]);
    let warning = entropy.feedback()?.warning()?;
    Some(warning.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(secret: &str) -> Option<Weakness> {
        POLICY.judge(secret.as_bytes())
    }

    #[test]
    fn the_built_in_policy_parses_and_asks_for_128_bits() {
        assert_eq!(POLICY.min_guess_bits, 128);
        assert!(
            parse("[secret]\nmin_guess_bits = 1\n").is_err(),
            "fields are required"
        );
    }

    #[test]
    fn patterned_secrets_are_refused() {
        let sha256_of_password = hex::encode(Sha256::digest(b"password"));
        for weak in [
            "Password1!".repeat(5),
            "0123456789abcdef".repeat(2),
            "0123456789abcdef".repeat(4),
            "qwertyuiopasdfghjklzxcvbnm".into(),
            "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./".into(),
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p".into(),
            "!QASW@#EDFR$%TGHY^&UJKI*(OL".into(),
            "correct horse battery staple".into(),
            "password12345678".into(),
            " ".repeat(64),
            "ab".repeat(200),
        ] {
            assert!(
                matches!(judge(&weak), Some(Weakness::Guessable { .. })),
                "{weak:?}: {:?}",
                judge(&weak)
            );
        }
        for digest in [
            sha256_of_password.clone(),
            sha256_of_password.to_uppercase(),
            hex::encode(Sha256::digest(b"password\n")),
            hex::encode(Sha512::digest(b"changeme")),
        ] {
            assert!(
                matches!(judge(&digest), Some(Weakness::DigestOf { .. })),
                "{digest}"
            );
        }
        // 16 zero bytes, not text: judged by their hex, a repeat.
        assert!(POLICY.judge(&[0u8; 16]).is_some());
    }

    #[test]
    fn random_secrets_pass() {
        // zxcvbn takes a tenth of a second per secret in a debug build, and a draw of
        // 256 bits that it judged guessable would be a fault of the policy, not bad luck:
        // five draws.
        for _ in 0..5 {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).unwrap();
            assert_eq!(judge(&hex::encode(bytes)), None, "{}", hex::encode(bytes));
            assert_eq!(POLICY.judge(&bytes), None, "raw bytes {bytes:?}");
        }
    }

    #[test]
    fn a_weak_secret_names_its_pattern() {
        let Some(Weakness::Guessable { bits, pattern }) = judge(&"Password1!".repeat(5)) else {
            panic!("a repeat passed")
        };
        assert!(bits < 40, "{bits}");
        assert!(pattern.is_some_and(|p| p.starts_with("Repeats like")));
    }
}
