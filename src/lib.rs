//! partner-fit: tells a B2B software company whether a partnership is ready to co-sell,
//! and which motion fits it (referral, co-sell or reseller).
//!
//! The pipeline runs one way; each arrow is a type change:
//!
//! ```text
//! argv -> cli::Cli -> commands::assess ─┬─ profile::load(path)              -> Profile
//!                                       ├─ rules::load(source)              -> RuleSet
//!                                       ├─ engine::evaluate(&facts, &set)   -> Evaluation (pure, generic)
//!                                       ├─ assessment::build(..)            -> Assessment (the JSON contract)
//!                                       ├─ render::render(&assessment, ..)  -> String
//!                                       └─ ExitStatus from the thresholds
//! ```

pub mod accounts;
pub mod cli;
pub mod commands;
pub mod exit;
