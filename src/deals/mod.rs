//! `deals compare`: a vendor's opportunity export -> each partner's deals against matched
//! deals without a partner, with intervals. Reading the export is `crm_export::deals`;
//! this module owns the comparison and its report, and does no IO but loading its rules.
//!
//! ```text
//! crm_export::deals::read(file, columns) -> DealExport
//! rules::load(source)                    -> DealRules   (rules/deals.toml)
//! compare::compare(&export, &rules, ..)  -> DealsReport (pure; the JSON contract)
//! render::render(&report, format, style) -> String
//! ```

pub(crate) mod compare;
pub(crate) mod interval;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod update;
