//! Entry point: parse the command line, run the command, turn the outcome into an exit code.
//! The only place that touches `std::process`.

use std::process::ExitCode;

use clap::Parser;
use partner_fit::{cli::Cli, commands, exit::ExitStatus};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(status) => status.into(),
        Err(err) => {
            if commands::is_broken_pipe(&err) {
                return ExitStatus::Passed.into();
            }
            // Diagnostics render their own `error:` header, code frame and help.
            if let Some(d) = err.downcast_ref::<partner_fit::diagnostic::Diagnostics>() {
                eprintln!("{d}");
            } else if let Some(d) = err.downcast_ref::<partner_fit::diagnostic::Diagnostic>() {
                eprintln!("{d}");
            } else {
                eprintln!("error: {err:#}");
            }
            ExitStatus::CouldNotAssess.into()
        }
    }
}
