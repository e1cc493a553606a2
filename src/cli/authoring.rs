//! Arguments of the rules-authoring commands: `rules`, `init`, `schema`, `completions`, `man`.

use clap::Subcommand;

/// `partner-fit rules ...`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule.
    List,
}
