//! Arguments of `partner-fit accounts ...`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Count the accounts two CRM exports share.
    Overlap,
}
