//! Decides, once, how output looks on this stream: colour (`--color`, `NO_COLOR`, a
//! terminal or not) and the width tables must fit.

use std::io::IsTerminal;

use crate::cli::{ColorChoice, OutputFormat};
use crate::render::{Format, Style};

/// Width used when stdout is not a terminal and `COLUMNS` does not say otherwise.
const PIPE_WIDTH: u16 = 100;

/// The style for stdout under the user's `--color` choice.
pub fn stdout_style(choice: ColorChoice) -> Style {
    let terminal = std::io::stdout().is_terminal();
    Style {
        color: use_color(choice, terminal),
        width: width(terminal),
    }
}

fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
            terminal && !no_color && !dumb
        }
    }
}

fn width(terminal: bool) -> u16 {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok());
    let measured = if terminal {
        crossterm::terminal::size().ok().map(|(w, _)| w)
    } else {
        None
    };
    // `COLUMNS` wins, as in other terminal tools: it is how a user asks for a width.
    columns.or(measured).unwrap_or(PIPE_WIDTH).max(40)
}

pub fn format(format: OutputFormat) -> Format {
    match format {
        OutputFormat::Table => Format::Table,
        OutputFormat::Json => Format::Json,
        OutputFormat::Markdown => Format::Markdown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_choice_the_terminal_and_no_color() {
        assert!(use_color(ColorChoice::Always, false));
        assert!(!use_color(ColorChoice::Never, true));
        assert!(!use_color(ColorChoice::Auto, false), "never into a pipe");
        // One test owns the environment variable, so no other test sees it change.
        std::env::set_var("NO_COLOR", "1");
        assert!(
            !use_color(ColorChoice::Auto, true),
            "NO_COLOR wins on a terminal"
        );
        std::env::set_var("NO_COLOR", "");
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        assert_eq!(
            use_color(ColorChoice::Auto, true),
            !dumb,
            "an empty NO_COLOR is unset"
        );
        std::env::remove_var("NO_COLOR");
    }
}
