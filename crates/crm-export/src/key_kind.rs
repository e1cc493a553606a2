//! What a key column holds, and so what a key can be compared with.

use serde::Serialize;

/// The kind of an account key. Keys of different kinds never match: `acme.com` is not
/// `Acme Inc`, so both sides must be keyed the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyKind {
    /// A web domain, from a website/domain column or the domain of an email address.
    Domain,
    /// A company name, with case, punctuation and legal suffixes normalized away.
    CompanyName,
}

impl KeyKind {
    /// The name callers write in files, JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Domain => "domain",
            KeyKind::CompanyName => "company-name",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [KeyKind::Domain, KeyKind::CompanyName]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

/// What a chosen column holds; decides how its values are normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// Web addresses or bare domains.
    Website,
    /// Email addresses; the account is the domain.
    Email,
    /// Company names.
    CompanyName,
}

impl ColumnKind {
    pub fn key_kind(self) -> KeyKind {
        match self {
            ColumnKind::Website | ColumnKind::Email => KeyKind::Domain,
            ColumnKind::CompanyName => KeyKind::CompanyName,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ColumnKind::Website => "website",
            ColumnKind::Email => "email",
            ColumnKind::CompanyName => "company-name",
        }
    }
}
