//! Reading CRM exports: the CSV files a CRM writes of its accounts (or deals, contacts), as
//! users hand them over, and the account key each row names.
//!
//! ```text
//! path ─ CsvFile::load (encoding, delimiter, header checked)  -> CsvFile
//!      ─ KeyColumn::detect(headers) / KeyColumn::named(..)     -> KeyColumn (index, ColumnKind)
//!      ─ CsvFile::for_each_field(column, ..)                   -> (line, raw field) per row
//!      ─ Normalizer::key(column kind, raw, &mut key)            -> key, or the Skip reason
//! ```
//!
//! A key is normalised so that two exports of the same account give the same string:
//! `https://www.Acme.com/about` and `jane@acme.com` are `acme.com`; `Acme, Inc.` and `ACME`
//! are `acme`. The rules are a format: two tools that compare keys must normalise them with
//! the same version. Every failure is an [`Error`] naming the file and line.
//!
//! Nothing here knows what the keys are compared for; callers decide.

mod csv_read;
pub mod deals;
mod error;
mod key_column;
mod key_kind;
mod normalize;
mod skip;
mod word_list;

pub use csv_read::{CsvFile, Row};
pub use error::{printable, Error, Problem};
pub use key_column::KeyColumn;
pub use key_kind::{ColumnKind, KeyKind};
pub use normalize::{Normalizer, KEY_VERSION};
pub use skip::{Skip, Skips, Tally, LINES_KEPT};
