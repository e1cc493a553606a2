//! Keyed hashes of account keys, and the hashed-file format partners exchange.
//!
//! A hashed file is a one-column CSV: the header `account_hmac_sha256:<kind>:v<version>`
//! (kind is `domain` or `company-name`: what was hashed, never a value; version is the
//! key normalization's, [`crm_export::KEY_VERSION`]), then one lowercase hex HMAC-SHA256 of
//! a normalized key per line, distinct and sorted, so neither row order nor duplicates say
//! anything about the CRM behind it. Hashes of keys normalized by different versions need
//! not match for the same account, and cannot be normalized again, so a file of another
//! version is refused; the first format, without `:v`, is version 1.
//!
//! The hash is HMAC-SHA256(key = the shared secret's bytes, message = the normalized key in
//! UTF-8): anyone can reproduce it with a standard library, and without the secret a
//! hashed file cannot be tested against a list of guessed domains.

use std::fmt;
use std::path::Path;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::input_error::{InputError, Problem};
use crm_export::{KeyKind, KEY_VERSION};

/// The header of a hashed file, before `:<kind>`.
pub const HEADER_PREFIX: &str = "account_hmac_sha256";
/// Shorter secrets could be brute-forced together with a list of likely domains.
const MIN_SECRET_BYTES: usize = 16;

/// One keyed hash.
pub type Digest = [u8; 32];

/// The secret both partners agreed on. Never printed.
pub struct Secret(Vec<u8>);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Secret {
    /// Reads the secret from `path`; one trailing line break is not part of it, so a file
    /// written by `echo` and one written by an editor give the same hashes.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        let bytes = crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES))
            .map_err(|e| InputError::new(path, None, Problem::Unreadable(e)))?;
        Self::from_bytes(path, bytes)
    }

    pub fn from_bytes(path: &Path, mut bytes: Vec<u8>) -> Result<Self, InputError> {
        if bytes.ends_with(b"\n") {
            bytes.pop();
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
        }
        if bytes.len() < MIN_SECRET_BYTES {
            return Err(InputError::new(
                path,
                None,
                Problem::SecretTooShort { len: bytes.len() },
            ));
        }
        let bits = estimated_bits(&bytes);
        if bits < MIN_SECRET_BITS {
            return Err(InputError::new(
                path,
                None,
                Problem::SecretWeak {
                    bits,
                    needed: MIN_SECRET_BITS,
                },
            ));
        }
        Ok(Secret(bytes))
    }

    /// A new random secret: 256 bits from the operating system, written as 64 hex digits
    /// and a line break, so it can be sent, pasted and checked by eye.
    pub fn generate() -> std::io::Result<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(format!("{}\n", hex::encode(bytes)))
    }
}

/// The fewest estimated bits of entropy a secret must have. Anyone holding a hashed file
/// can test guessed secrets against one account they know, offline and as fast as HMAC
/// runs; 128 bits keeps that out of reach.
pub const MIN_SECRET_BITS: u32 = 128;

/// A conservative estimate of the entropy in `secret`: its length times the smaller of the
/// bits per character of the alphabet it draws from (digits, lower case, upper case,
/// punctuation, other bytes) and the bits per character its own byte frequencies show.
/// Repeated or few distinct characters (16 spaces) score low, and so do words with
/// digits (`password12345678`, 82 bits); 64 random hex digits score about 240.
pub fn estimated_bits(secret: &[u8]) -> u32 {
    if secret.is_empty() {
        return 0;
    }
    let has = |f: fn(&u8) -> bool| secret.iter().any(f);
    let mut alphabet = 0u32;
    if has(u8::is_ascii_digit) {
        alphabet += 10;
    }
    if has(u8::is_ascii_lowercase) {
        alphabet += 26;
    }
    if has(u8::is_ascii_uppercase) {
        alphabet += 26;
    }
    if has(|b| b.is_ascii_punctuation() || *b == b' ') {
        alphabet += 33;
    }
    if has(|b| !b.is_ascii_graphic() && *b != b' ') {
        alphabet += 161;
    }
    let mut counts = [0u32; 256];
    for &b in secret {
        counts[usize::from(b)] += 1;
    }
    let n = secret.len() as f64;
    let shannon: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum();
    let per_char = shannon.min(f64::from(alphabet.max(1)).log2());
    (per_char * n).floor() as u32
}

/// A warning when the secret file at `path` can be read by its group or by others, who
/// could then recompute the hashes of any account list.
#[cfg(unix)]
pub fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o044 != 0).then(|| {
        format!(
            "warning: the secret file {} can be read by {} (mode {:o}); \
             restrict it with `chmod 600 {}`",
            path.display(),
            if mode & 0o004 != 0 {
                "anyone on this machine"
            } else {
                "its group"
            },
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn permission_warning(_: &Path) -> Option<String> {
    None
}

/// HMAC-SHA256 under one secret; cloned per key, so the secret is absorbed only once.
#[derive(Clone)]
pub struct Hasher {
    keyed: Hmac<Sha256>,
}

impl Hasher {
    pub fn new(secret: &Secret) -> Self {
        // HMAC takes a key of any length, so this cannot fail.
        let keyed = Hmac::<Sha256>::new_from_slice(&secret.0).expect("HMAC accepts any key length");
        Hasher { keyed }
    }

    pub fn digest(&self, key: &str) -> Digest {
        let mut mac = self.keyed.clone();
        mac.update(key.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

/// The header line of a hashed file of `kind` keys.
pub fn header(kind: KeyKind) -> String {
    format!("{HEADER_PREFIX}:{}:v{KEY_VERSION}", kind.as_str())
}

/// What is wrong with a hashed file's header.
#[derive(Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// Not `account_hmac_sha256:<kind>[:v<version>]` with a known kind.
    Unknown(String),
    /// Keys normalized by another version than this build's.
    Version(u32),
}

/// Whether a header row is a hashed file's: `None` for a plain export, else the kind of key
/// hashed, or why the header cannot be used.
pub fn hashed_kind(headers: &[String]) -> Option<Result<KeyKind, HeaderError>> {
    let first = headers.first()?;
    let rest = first.strip_prefix(HEADER_PREFIX)?;
    let unknown = || HeaderError::Unknown(first.clone());
    let Some(rest) = rest.strip_prefix(':') else {
        return Some(Err(unknown()));
    };
    let (kind, version) = match rest.split_once(':') {
        None => (rest, Some(1)),
        Some((kind, version)) => (kind, version.strip_prefix('v').and_then(|v| v.parse().ok())),
    };
    Some(match (KeyKind::parse(kind), version) {
        (Some(kind), Some(KEY_VERSION)) => Ok(kind),
        (Some(_), Some(version)) => Err(HeaderError::Version(version)),
        _ => Err(unknown()),
    })
}

/// 64 hex digits -> digest.
pub fn parse_hex(value: &str) -> Option<Digest> {
    let mut digest = [0u8; 32];
    hex::decode_to_slice(value.trim(), &mut digest).ok()?;
    Some(digest)
}

/// A whole hashed file: header, then the digests sorted.
pub fn render_file(kind: KeyKind, digests: impl IntoIterator<Item = Digest>) -> String {
    let mut digests: Vec<Digest> = digests.into_iter().collect();
    digests.sort_unstable();
    digests.dedup();
    let mut out = String::with_capacity((digests.len() + 1) * 66);
    out.push_str(&header(kind));
    out.push('\n');
    let mut hex = [0u8; 64];
    for digest in &digests {
        // Encoding 32 bytes into a 64-byte buffer always fits.
        hex::encode_to_slice(digest, &mut hex).expect("64 hex digits for 32 bytes");
        out.push_str(std::str::from_utf8(&hex).expect("hex digits are ASCII"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> Secret {
        Secret(s.trim_end_matches(['\r', '\n']).as_bytes().to_vec())
    }

    #[test]
    fn weak_secrets_are_refused_and_generated_ones_pass() {
        for weak in ["                ", "password12345678", "0123456789abcdef"] {
            let err = Secret::from_bytes(Path::new("s"), weak.into()).unwrap_err();
            assert!(matches!(err.problem, Problem::SecretWeak { .. }), "{weak}");
        }
        for _ in 0..20 {
            let generated = Secret::generate().unwrap();
            assert_eq!(generated.len(), 65);
            assert!(
                estimated_bits(generated.trim().as_bytes()) >= 200,
                "{generated}"
            );
            Secret::from_bytes(Path::new("s"), generated.into_bytes()).unwrap();
        }
    }

    #[test]
    fn matches_the_published_hmac_sha256() {
        // The value `printf acme.com | openssl dgst -sha256 -hmac 0123456789abcdef` prints,
        // so a partner can check the hashes without partner-fit.
        let hasher = Hasher::new(&secret("0123456789abcdef"));
        assert_eq!(
            hex::encode(hasher.digest("acme.com")),
            "4f351ae347f2e39d15ce35cdc5c57bc604a33d210d3eb43d5b23dfec17592c89"
        );
    }

    #[test]
    fn trailing_line_break_is_not_part_of_the_secret() {
        let a = Hasher::new(&secret("0123456789abcdef\n")).digest("acme.com");
        let b = Hasher::new(&secret("0123456789abcdef\r\n")).digest("acme.com");
        let c = Hasher::new(&secret("0123456789abcdef")).digest("acme.com");
        assert_eq!((a, b), (c, c));
        assert_ne!(
            Hasher::new(&secret("0123456789abcdeX")).digest("acme.com"),
            c
        );
    }

    #[test]
    fn refuses_short_secrets() {
        let err = Secret::from_bytes(Path::new("s"), b"short\n".to_vec()).unwrap_err();
        assert!(matches!(err.problem, Problem::SecretTooShort { len: 5 }));
    }

    #[test]
    fn hashed_file_round_trips_sorted_and_distinct() {
        let text = render_file(KeyKind::Domain, [[2u8; 32], [1u8; 32], [2u8; 32]]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "account_hmac_sha256:domain:v2");
        assert_eq!(parse_hex(lines[1]), Some([1u8; 32]));
        assert_eq!(
            hashed_kind(&[lines[0].to_string()]),
            Some(Ok(KeyKind::Domain))
        );
        assert_eq!(hashed_kind(&["Website".to_string()]), None);
        assert_eq!(parse_hex("zz"), None);
    }

    #[test]
    fn headers_of_another_version_or_kind_are_told_apart() {
        let kind = |header: &str| hashed_kind(&[header.to_string()]);
        assert_eq!(
            kind("account_hmac_sha256:company-name:v2"),
            Some(Ok(KeyKind::CompanyName))
        );
        // The first format had no version.
        assert_eq!(
            kind("account_hmac_sha256:domain"),
            Some(Err(HeaderError::Version(1)))
        );
        assert_eq!(
            kind("account_hmac_sha256:domain:v3"),
            Some(Err(HeaderError::Version(3)))
        );
        for unknown in [
            "account_hmac_sha256:x",
            "account_hmac_sha256:x:v2",
            "account_hmac_sha256:domain:2",
            "account_hmac_sha256",
            "account_hmac_sha256-domain",
        ] {
            assert!(
                matches!(kind(unknown), Some(Err(HeaderError::Unknown(_)))),
                "{unknown}"
            );
        }
    }
}
