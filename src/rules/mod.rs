//! Rule definitions: the model of a rule file, reading (embedded or `--rules DIR`),
//! parsing and validation. This is the only code that reads the `rules/` folder.
//!
//! The flow inside is one way: [`files`] reads text, [`load`] parses it with [`model`]
//! (rule files as written) and hands it to [`validate`], which makes the [`RuleSet`] of
//! validated [`Rule`]s.

pub mod files;
pub mod load;
pub mod model;
pub(crate) mod parse_error;
pub mod questions;
pub mod relation;
mod rule;
mod set;
pub(crate) mod template;
pub mod validate;

pub use files::RuleSource;
pub use load::load;
pub use model::{Kind, Policy, Relation, Verdict, Worth};
pub use rule::{Body, Reference, Rule, RuleMessages};
pub use set::{RuleSet, States};
