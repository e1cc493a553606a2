//! The rules-authoring commands: `rules list|explain|validate|export`, `init`, `schema`,
//! `completions`, `man`. Glue only: the rules module loads and checks, `render` formats,
//! and these functions write the result.

use anyhow::Result;

use super::print;

use crate::cli::authoring::{InitArgs, RulesCommand};
use crate::exit::ExitStatus;

mod completions;
mod explain;
mod export;
mod init;
mod list;
mod schema;
mod validate;

pub use completions::{completions, man};
pub use schema::schema;

pub fn rules(command: RulesCommand) -> Result<ExitStatus> {
    match command {
        RulesCommand::List(args) => list::run(&args),
        RulesCommand::Explain(args) => explain::run(&args),
        RulesCommand::Validate(args) => validate::run(&args),
        RulesCommand::Export(args) => export::run(&args),
    }
}

pub fn init(args: &InitArgs) -> Result<ExitStatus> {
    init::run(args)
}
