//! `partner-fit accounts ...`: account overlap from CRM exports.

use anyhow::{bail, Result};

use crate::cli::accounts::AccountsCommand;
use crate::exit::ExitStatus;

pub fn run(command: AccountsCommand) -> Result<ExitStatus> {
    match command {
        AccountsCommand::Overlap => bail!("`accounts overlap` is not available yet"),
    }
}
