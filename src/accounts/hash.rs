//! Keyed hashes of account keys, and the hashed-file format partners exchange.
//!
//! A hashed file is a one-column CSV: the header
//! `account_hmac_sha256:<kind>:v<version>:key=<fingerprint>` (kind is `domain` or
//! `company-name`: what was hashed, never a value; version is the key normalization's,
//! [`crm_export::KEY_VERSION`]; the fingerprint is a [`KeyId`] of the secret), then one
//! lowercase hex HMAC-SHA256 of a normalized key per line, distinct and sorted, so neither
//! row order nor duplicates say anything about the CRM behind it. Hashes of keys normalized
//! by different versions need not match for the same account, and cannot be normalized
//! again, so a file of another version is refused; the first format, without `:v`, is
//! version 1. Hashes under different secrets never match either, and look alike: without
//! the fingerprint two such files would compare as "0 shared", so a file without one is
//! refused too, and files whose fingerprints differ are never compared.
//!
//! The hash is HMAC-SHA256(key = the shared secret's bytes, message = the normalized key in
//! UTF-8): anyone can reproduce it with a standard library, and without the secret a
//! hashed file cannot be tested against a list of guessed domains.

use std::fmt;
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::input_error::{InputError, Problem};
use super::secret_policy::POLICY;
use crm_export::{KeyKind, KEY_VERSION};

/// The header of a hashed file, before `:<kind>`.
pub const HEADER_PREFIX: &str = "account_hmac_sha256";

/// One keyed hash.
pub type Digest = [u8; 32];

/// What a secret's fingerprint is the HMAC of. A normalized key never holds a space, so
/// no account's hash can equal it, and it is fixed, so the same secret always gives the
/// same fingerprint.
const KEY_ID_LABEL: &[u8] = b"partner-fit key fingerprint";

/// The fingerprint of a secret: the first 64 bits of HMAC-SHA256(secret, a fixed label).
/// It tells two secrets apart (two different ones share it with odds of 2^-64) and, being
/// a keyed hash, reveals nothing of the secret; testing guessed secrets against it is no
/// easier than against the hash of one known account, which a hashed file already allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyId([u8; 8]);

impl KeyId {
    fn parse(hex_digits: &str) -> Option<Self> {
        let mut id = [0u8; 8];
        // Only the lowercase form this build writes, so one fingerprint has one spelling.
        if hex_digits.bytes().any(|b| b.is_ascii_uppercase()) {
            return None;
        }
        hex::decode_to_slice(hex_digits, &mut id).ok()?;
        Some(KeyId(id))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// The secret both partners agreed on, and the file it came from. Never printed.
pub struct Secret {
    bytes: Vec<u8>,
    path: PathBuf,
}

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
        if let Some(weakness) = POLICY.judge(&bytes) {
            return Err(InputError::new(
                path,
                None,
                Problem::SecretWeak {
                    weakness,
                    needed: POLICY.min_guess_bits,
                },
            ));
        }
        Ok(Secret {
            bytes,
            path: path.to_path_buf(),
        })
    }

    /// The file the secret was read from, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The secret's fingerprint, as hashed files carry it.
    pub fn key_id(&self) -> KeyId {
        Hasher::new(self).key_id()
    }

    /// A new random secret: 256 bits from the operating system, written as 64 hex digits
    /// and a line break, so it can be sent, pasted and checked by eye.
    pub fn generate() -> std::io::Result<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(format!("{}\n", hex::encode(bytes)))
    }
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
        let keyed =
            Hmac::<Sha256>::new_from_slice(&secret.bytes).expect("HMAC accepts any key length");
        Hasher { keyed }
    }

    pub fn digest(&self, key: &str) -> Digest {
        let mut mac = self.keyed.clone();
        mac.update(key.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The fingerprint of this hasher's secret.
    pub fn key_id(&self) -> KeyId {
        let mut mac = self.keyed.clone();
        mac.update(KEY_ID_LABEL);
        let full: Digest = mac.finalize().into_bytes().into();
        let mut id = [0u8; 8];
        id.copy_from_slice(&full[..8]);
        KeyId(id)
    }
}

/// The header line of a hashed file of `kind` keys under the secret `key`.
pub fn header(kind: KeyKind, key: KeyId) -> String {
    format!("{HEADER_PREFIX}:{}:v{KEY_VERSION}:key={key}", kind.as_str())
}

/// The header's shape, for messages: `<kind>` and `<fingerprint>` stand for the parts.
pub fn header_shape() -> String {
    format!("{HEADER_PREFIX}:<kind>:v{KEY_VERSION}:key=<fingerprint>")
}

/// What a hashed file's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashedHeader {
    pub kind: KeyKind,
    pub key: KeyId,
}

/// What is wrong with a hashed file's header.
#[derive(Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// Not `account_hmac_sha256:<kind>[:v<version>[:key=<fingerprint>]]` with a known kind.
    Unknown(String),
    /// Keys normalized by another version than this build's.
    Version(u32),
    /// This version's keys, written before files carried the secret's fingerprint.
    NoKeyId,
}

/// Whether a header row is a hashed file's: `None` for a plain export, else what it says,
/// or why the header cannot be used.
pub fn hashed_header(headers: &[String]) -> Option<Result<HashedHeader, HeaderError>> {
    let first = headers.first()?;
    let rest = first.strip_prefix(HEADER_PREFIX)?;
    let unknown = || HeaderError::Unknown(first.clone());
    let Some(rest) = rest.strip_prefix(':') else {
        return Some(Err(unknown()));
    };
    let mut parts = rest.split(':');
    let kind = parts.next().and_then(KeyKind::parse);
    let version = match parts.next() {
        None => Some(1),
        Some(version) => version.strip_prefix('v').and_then(|v| v.parse().ok()),
    };
    let key = parts
        .next()
        .map(|key| key.strip_prefix("key=").and_then(KeyId::parse));
    if parts.next().is_some() {
        return Some(Err(unknown()));
    }
    Some(match (kind, version, key) {
        (Some(_), Some(version), _) if version != KEY_VERSION => Err(HeaderError::Version(version)),
        (Some(kind), Some(_), Some(Some(key))) => Ok(HashedHeader { kind, key }),
        (Some(_), Some(_), None) => Err(HeaderError::NoKeyId),
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
pub fn render_file(kind: KeyKind, key: KeyId, digests: impl IntoIterator<Item = Digest>) -> String {
    let mut digests: Vec<Digest> = digests.into_iter().collect();
    digests.sort_unstable();
    digests.dedup();
    let mut out = String::with_capacity((digests.len() + 1) * 66);
    out.push_str(&header(kind, key));
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
        Secret {
            bytes: s.trim_end_matches(['\r', '\n']).as_bytes().to_vec(),
            path: PathBuf::from("secret.txt"),
        }
    }

    const KEY: KeyId = KeyId([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);

    #[test]
    fn weak_secrets_are_refused_and_generated_ones_pass() {
        for weak in ["                ", "password12345678", "short\n"] {
            let err = Secret::from_bytes(Path::new("s"), weak.into()).unwrap_err();
            assert!(matches!(err.problem, Problem::SecretWeak { .. }), "{weak}");
        }
        // Three draws: each is judged by zxcvbn, a tenth of a second in a debug build.
        for _ in 0..3 {
            let generated = Secret::generate().unwrap();
            assert_eq!(generated.len(), 65);
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
    fn the_fingerprint_tells_secrets_apart_and_is_not_an_account_hash() {
        let base = secret("0123456789abcdef0123456789abcdef");
        let id = base.key_id();
        assert_eq!(id, secret("0123456789abcdef0123456789abcdef\n").key_id());
        // The mistakes that made two partners' files match nothing.
        for other in [
            "0123456789abcdef0123456789abcdef ",
            "0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcdeX",
        ] {
            assert_ne!(secret(other).key_id(), id, "{other:?}");
        }
        // A fixed value of the published HMAC, so other tools can compute it too.
        let hasher = Hasher::new(&base);
        assert_eq!(
            hex::encode(hasher.digest("partner-fit key fingerprint"))[..16],
            id.to_string()
        );
    }

    #[test]
    fn hashed_file_round_trips_sorted_and_distinct() {
        let text = render_file(KeyKind::Domain, KEY, [[2u8; 32], [1u8; 32], [2u8; 32]]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0],
            "account_hmac_sha256:domain:v2:key=0123456789abcdef"
        );
        assert_eq!(parse_hex(lines[1]), Some([1u8; 32]));
        assert_eq!(
            hashed_header(&[lines[0].to_string()]),
            Some(Ok(HashedHeader {
                kind: KeyKind::Domain,
                key: KEY
            }))
        );
        assert_eq!(hashed_header(&["Website".to_string()]), None);
        assert_eq!(parse_hex("zz"), None);
    }

    #[test]
    fn headers_of_another_version_or_kind_are_told_apart() {
        let kind = |header: &str| hashed_header(&[header.to_string()]);
        assert_eq!(
            kind("account_hmac_sha256:company-name:v2:key=0123456789abcdef"),
            Some(Ok(HashedHeader {
                kind: KeyKind::CompanyName,
                key: KEY
            }))
        );
        // Version 2 as first written, before the secret's fingerprint.
        assert_eq!(
            kind("account_hmac_sha256:domain:v2"),
            Some(Err(HeaderError::NoKeyId))
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
            "account_hmac_sha256:domain:v2:key=0123",
            "account_hmac_sha256:domain:v2:key=0123456789ABCDEF",
            "account_hmac_sha256:domain:v2:0123456789abcdef",
            "account_hmac_sha256:domain:v2:key=0123456789abcdef:x",
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
