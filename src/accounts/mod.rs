//! Account mapping: how many accounts two CRM exports share, in plain or as keyed hashes.
//!
//! ```text
//! OURS.csv, THEIRS.csv ─ crm_export::CsvFile::load (both at once)      -> CsvFile x2
//!                      ─ plan::plan (key column and kind per side)      -> Plan
//!                      ─ account_set::collect (both at once; normalize)  -> AccountSet x2
//!                      ─ overlap::intersect                              -> Vec<Match>
//!                      ─ report::build                                   -> OverlapReport
//!                      ─ render::render / --out / update::apply
//! ```
//! Reading the exports, finding their key columns and normalizing keys is the `crm_export`
//! crate's; this module matches, hashes and reports. `compare` runs the first four steps. Nothing here prints or exits: `commands::accounts`
//! does, and every failure is a typed error naming the file and line.

pub(crate) mod account_set;
pub(crate) mod compare;
pub(crate) mod hash;
pub(crate) mod input_error;
pub(crate) mod overlap;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod save;
pub(crate) mod secret_policy;
pub(crate) mod update;
