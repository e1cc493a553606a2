//! Arguments of `partner-fit interview`.

use std::path::PathBuf;

use clap::Args;

use super::{ColorChoice, RulesArg};

/// Interview the user (a workshop) and save a profile.
///
/// Asks one question per profile field, grouped by section, with a line saying why each
/// answer matters; questions that cannot matter given earlier answers are skipped. Enter
/// keeps the current answer, "Don't know" (or `?` when typing) leaves it unknown, and
/// Ctrl-C or Esc saves a draft and quits. At the end the answers are summarised, the
/// assessment is shown, and the profile is saved.
///
/// Needs a terminal. In scripts and CI, write the profile by hand (`partner-fit init`)
/// and check it with `partner-fit assess`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit interview --out partners/northwind.toml\n  partner-fit interview --from partners/northwind.toml      # edit: Enter keeps every answer\n  partner-fit interview --from northwind.toml.draft          # resume an interrupted interview"
)]
pub struct InterviewArgs {
    /// Where to save the profile (asked at the end when not given).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Pre-fill every answer from this profile or draft; Enter keeps each one.
    #[arg(long, value_name = "PROFILE")]
    pub from: Option<PathBuf>,

    /// Replace the `--out` file if it exists, without asking.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub rules: RulesArg,

    /// When to use colour. `auto` means only on a terminal and never with NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}
