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

/// The pager a report taller than the screen goes through: only when stdout is a
/// terminal and `--no-pager` is not given, as git decides.
pub fn pager(no_pager: bool) -> Option<Pager> {
    if no_pager || !std::io::stdout().is_terminal() {
        return None;
    }
    let command = pager_command(std::env::var("PAGER").ok())?;
    let rows = crossterm::terminal::size().ok().map(|(_, h)| h)?;
    Some(Pager {
        command,
        rows: usize::from(rows),
    })
}

/// `$PAGER`, `less -FRX` when it is unset; none when it is empty or `cat`.
fn pager_command(var: Option<String>) -> Option<String> {
    match var {
        None => Some(DEFAULT_PAGER.to_string()),
        Some(p) if p.trim().is_empty() || p.trim() == "cat" => None,
        Some(p) => Some(p),
    }
}

/// What git runs when `PAGER` is unset: quit when the text fits, keep colour, leave the
/// text on screen.
const DEFAULT_PAGER: &str = "less -FRX";

/// A pager command and the height of the screen.
pub struct Pager {
    command: String,
    rows: usize,
}

impl Pager {
    /// Shows `text`: through the pager when it has more lines than the screen, on
    /// stdout otherwise, or when the pager cannot be started.
    pub fn show(&self, text: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        let lines = text.iter().filter(|b| **b == b'\n').count();
        if lines >= self.rows {
            // Through the shell, as git runs `$PAGER`, so it may carry flags.
            let child = std::process::Command::new("sh")
                .arg("-c")
                .arg(&self.command)
                .stdin(std::process::Stdio::piped())
                .spawn();
            if let Ok(mut child) = child {
                if let Some(mut stdin) = child.stdin.take() {
                    // A pager quit early closes the pipe; the report is no less done.
                    let _ = stdin.write_all(text);
                }
                child.wait()?;
                return Ok(());
            }
        }
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text)?;
        stdout.flush()
    }
}

/// The report format `--format` asks for; `None` for `github`, which writes
/// annotations in place of a report.
pub fn format(format: OutputFormat) -> Option<Format> {
    match format {
        OutputFormat::Table => Some(Format::Table),
        OutputFormat::Json => Some(Format::Json),
        OutputFormat::Markdown => Some(Format::Markdown),
        OutputFormat::Html => Some(Format::Html),
        OutputFormat::Github => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_is_less_unless_pager_says_otherwise() {
        assert_eq!(pager_command(None).as_deref(), Some("less -FRX"));
        assert_eq!(pager_command(Some("more".into())).as_deref(), Some("more"));
        assert_eq!(pager_command(Some(String::new())), None);
        assert_eq!(pager_command(Some("cat".into())), None);
    }

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
