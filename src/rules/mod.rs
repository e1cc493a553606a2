//! Rule definitions: the model of a rule file, loading (embedded or `--rules DIR`) and
//! validation. This is the only code that reads the `rules/` folder.

pub mod load;
pub mod model;
mod set;
pub mod template;
pub mod validate;

pub use load::{load, RuleSource};
pub use model::{Kind, Policy, Rule, Verdict};
pub use set::{RuleSet, States};
