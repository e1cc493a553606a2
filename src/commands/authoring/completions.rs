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
    let mut command = Cli::command();
    clap_complete::generate(generator, &mut command, BIN, &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    match args.shell {
        Shell::Bash => script = bash_names_agree(&script),
        Shell::Fish => fish_positional_values(&command, &mut script),
        Shell::Zsh | Shell::Powershell => {}
    }
    print(&script)?;
    Ok(ExitStatus::Passed)
}

/// clap_complete's bash script sets `cmd` to `partner__fit__subcmd__assess` but names
/// the branch that completes it `partner__subcmd__fit__subcmd__assess` (it escapes the
/// hyphen twice for a hyphenated binary name, clap-rs/clap#6421), so nothing after the
/// subcommand completed: no option, no value, no argument. The branch names are made to
/// agree with what `cmd` is set to.
fn bash_names_agree(script: &str) -> String {
    script.replace(&BIN.replace('-', "__subcmd__"), &BIN.replace('-', "__"))
}

/// clap_complete's fish script completes options and subcommands but not a positional
/// argument's values (`completions <Tab>` offered no shell). One line per such argument
/// under the condition the script already uses for that subcommand's options.
fn fish_positional_values(command: &clap::Command, script: &mut String) {
    fn walk(command: &clap::Command, path: &mut Vec<String>, script: &mut String) {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            path.push(sub.get_name().to_string());
            let condition = match path.as_slice() {
                [first] => format!("__fish_{}_using_subcommand {first}", BIN.replace('-', "_")),
                [first, rest @ ..] => format!(
                    "__fish_{}_using_subcommand {first}; and __fish_seen_subcommand_from {}",
                    BIN.replace('-', "_"),
                    rest.join(" ")
                ),
                [] => unreachable!("a subcommand was just pushed"),
            };
            for arg in sub.get_positionals() {
                let values: Vec<String> = arg
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !values.is_empty() {
                    script.push_str(&format!(
                        "complete -c {BIN} -n \"{condition}\" -f -a \"{}\"\n",
                        values.join(" ")
                    ));
                }
            }
            walk(sub, path, script);
            path.pop();
        }
    }
    walk(command, &mut Vec::new(), script);
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
            man_pages(&pages_command(command), &mut pages)?;
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
            let page = render(&page_of(pages_command(command)))?;
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
    let man = page_of(command.clone());
    pages.push((man.get_filename(), render(&man)?));
    Ok(())
}

/// The command as the pages show it: without the `help` subcommands, which have no page
/// (`partner-fit help` is `--help`), so that no page lists one in SEE ALSO.
fn pages_command(command: clap::Command) -> clap::Command {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    command
}

/// A command's page, dated with the date fixed at build time (build.rs): the day of
/// `SOURCE_DATE_EPOCH` when the build set it, else the release date. The date slot of
/// `.TH` holds a date, never the version.
fn page_of(command: clap::Command) -> clap_mangen::Man {
    let date = option_env!("PARTNER_FIT_MAN_EPOCH")
        .and_then(|secs| secs.parse::<i64>().ok())
        .map_or_else(
            || env!("PARTNER_FIT_MAN_DATE").to_string(),
            crate::calendar::date_of,
        );
    clap_mangen::Man::new(command).date(date)
}

/// The page in roff. clap_mangen puts a blank line between two `.br` before an option's
/// possible values, which `mandoc -T lint` warns of twice (a paragraph macro next to a
/// blank line): the three lines are one `.sp`, the same space.
fn render(man: &clap_mangen::Man) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    man.render(&mut page).context("rendering a man page")?;
    let page = String::from_utf8(page).context("the man page as UTF-8")?;
    Ok(page.replace("\n.br\n\n.br\n", "\n.sp\n").into_bytes())
}
