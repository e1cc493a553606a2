//! Entry point: parse the command line, run the command, turn the outcome into an exit code.
//! The only place that touches `std::process`.

// `eprintln!` panics when stderr cannot be written; `note!` drops what cannot be.
#![deny(clippy::print_stderr, clippy::print_stdout)]

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
                partner_fit::note!("{d}");
            } else if let Some(d) = err.downcast_ref::<partner_fit::diagnostic::Diagnostic>() {
                partner_fit::note!("{d}");
            } else {
                // The chain quotes paths and names as given; they are shown as data.
                let chain = format!("{err:#}");
                partner_fit::note!("error: {}", partner_fit::shown::block(&chain));
            }
            ExitStatus::CouldNotAssess.into()
        }
    }
}
