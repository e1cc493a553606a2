//! One file per subcommand: glue between the stages, no domain logic.

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;

pub(crate) mod accounts;
mod annotations;
pub(crate) mod assess;
pub(crate) mod authoring;
pub(crate) mod deals;
pub(crate) mod diff;
mod inputs;
pub(crate) mod interview;
mod output;
mod settings;

/// Runs the parsed command line and says how it ended.
pub fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Assess(args) => assess::run(&args),
        Command::Interview(args) => interview::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Rules(command) => authoring::rules(command),
        Command::Accounts(command) => accounts::run(command),
        Command::Deals(command) => deals::run(command),
        Command::Init(args) => authoring::init(&args),
        Command::Schema(args) => authoring::schema(&args),
        Command::Completions(args) => authoring::completions(&args),
        Command::Man(args) => authoring::man(&args),
    }
}

/// A closed pipe on stdout (`partner-fit assess x | head`) is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes text to stdout; a closed pipe surfaces as an error `main` treats as success.
fn print(text: &str) -> Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("writing to standard output")
}
