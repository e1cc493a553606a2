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
            // Rendered first, then written: an existing page stops the run before any file
            // is touched, and each page is written atomically.
            let mut pages = Vec::new();
            let mut command = command.disable_help_subcommand(true);
            command.build();
            man_pages(&command, &mut pages)?;
            let existing: Vec<String> = pages
                .iter()
                .filter(|(name, _)| dir.join(name).exists())
                .map(|(name, _)| name.clone())
                .collect();
            if !existing.is_empty() && !args.force {
                anyhow::bail!(
                    "`{}` already holds {}; pass --force to replace them",
                    dir.display(),
                    existing.join(", ")
                );
            }
            for (name, page) in &pages {
                let path = dir.join(name);
                file_safety::atomic_file::write(&path, page, true)
                    .with_context(|| format!("writing `{}`", path.display()))?;
            }
            crate::note!("wrote {} man pages into `{}`", pages.len(), dir.display());
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

/// Every visible command's page, as clap_mangen would name and write it.
fn man_pages(command: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, pages)?;
    }
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render(&mut page).context("rendering a man page")?;
    pages.push((man.get_filename(), page));
    Ok(())
}
