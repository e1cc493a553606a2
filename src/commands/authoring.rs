//! The rules-authoring commands: `rules list|explain|validate`, `init`, `schema`,
//! `completions`, `man`.

use anyhow::{bail, Result};

use crate::cli::authoring::RulesCommand;
use crate::exit::ExitStatus;

pub fn rules(command: RulesCommand) -> Result<ExitStatus> {
    match command {
        RulesCommand::List => bail!("`rules list` is not available yet"),
    }
}
