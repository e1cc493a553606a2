//! partner-fit: tells a B2B software company whether a partnership is ready to co-sell,
//! and which motion fits it (referral, co-sell or reseller).
//!
//! The pipeline runs one way; each arrow is a type change:
//!
//! ```text
//! argv -> cli::Cli -> commands::assess ─┬─ rules::load(source)                -> RuleSet
//!                                       ├─ per profile, on every core (rayon), in the order given:
//!                                       │  ├─ profile::load(path)             -> Profile
//!                                       │  ├─ assess(&profile, &set)          -> Assessment (the JSON contract)
//!                                       │  │    profile::facts(&profile)      -> Facts
//!                                       │  │    rules::relation::apply(..)    -> Facts + inferred answers
//!                                       │  │    engine::evaluate(&facts, ..)  -> Evaluation (pure, generic)
//!                                       │  │    assessment::build(..)         -> Assessment
//!                                       │  └─ render::part(&entry, ..)        -> String
//!                                       ├─ render::write_parts / write_end    -> the report on stdout
//!                                       └─ ExitStatus from the thresholds
//! ```
//!
//! [`assess`] is the library's entry point: the command, the interview and the tests
//! all go from a profile to its assessment through it.

// A diagnostic carries a shared pointer to its file's text for its code frame, and is
// only built on the error path, so its size does not matter.
#![allow(clippy::result_large_err)]
// `eprintln!` and `println!` panic when the stream cannot be written: stderr goes
// through `console`, stdout through a `Write` whose error is returned.
#![deny(clippy::print_stderr, clippy::print_stdout)]

pub(crate) mod accounts;
pub mod assessment;
mod calendar;
pub mod cli;
pub mod commands;
pub mod condition;
pub(crate) mod config;
pub mod console;
pub(crate) mod deals;
pub mod diagnostic;
pub mod diff;
pub(crate) mod digits;
pub mod engine;
pub mod exit;
pub mod interview;
pub mod profile;
pub mod render;
pub mod rules;
pub mod shown;
pub(crate) mod suggest;

pub use assessment::assess;

use file_safety::read_file;
