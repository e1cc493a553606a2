//! `partner-fit completions SHELL` and `partner-fit man`: generated from the clap
//! definition, so they never drift from the real command line.

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell as Generator;

use super::print;
use crate::cli::authoring::{CompletionsArgs, ManArgs, Shell};
use crate::cli::Cli;
use crate::exit::ExitStatus;

const BIN: &str = "partner-fit";

pub fn completions(args: &CompletionsArgs) -> Result<ExitStatus> {
    let generator = match args.shell {
        Shell::Bash => Generator::Bash,
        Shell::Zsh => Generator::Zsh,
        Shell::Fish => Generator::Fish,
        Shell::Powershell => Generator::PowerShell,
    };
    // Rendered to memory first: the generator panics on a write error, a closed pipe
    // must not.
    let mut script = Vec::new();
    clap_complete::generate(generator, &mut Cli::command(), BIN, &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(ExitStatus::Passed)
}

pub fn man(args: &ManArgs) -> Result<ExitStatus> {
    let command = Cli::command();
    match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the folder `{}`", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("writing man pages into `{}`", dir.display()))?;
            eprintln!("wrote the man pages into `{}`", dir.display());
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .context("rendering the man page")?;
            print(&String::from_utf8_lossy(&page))?;
        }
    }
    Ok(ExitStatus::Passed)
}
