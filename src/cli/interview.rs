//! Arguments of `partner-fit interview`.

use std::path::PathBuf;

use clap::Args;

use super::{ColorChoice, RulesArg};

/// Interview the user (a workshop) and save a profile.
///
/// Asks one question per profile field, grouped by section, with a line saying why each
/// answer matters; questions that cannot matter given earlier answers are skipped. Enter
/// keeps the current answer, `y` or `n` answers a yes/no question at once, "Don't know" (or
/// `?`) leaves it unknown, Left or Shift-Tab goes back one question, and Ctrl-C or Esc
/// saves a draft and quits; running the same command again offers to resume that draft.
/// After each section a line shows the verdict so far. At the end the answers are
/// summarised (type part of a question to change its answer), the assessment is shown,
/// and the profile is saved. `--out` is checked (its folder created) before the first
/// question.
///
/// Needs a terminal. In scripts and CI, write the profile by hand (`partner-fit init`)
/// and check it with `partner-fit assess`.
#[derive(Debug, Args, Clone)]
#[command(
    after_help = "Examples:\n  partner-fit interview --out partners/northwind.toml\n  partner-fit interview --from partners/northwind.toml      # edit: opens at the summary\n  partner-fit interview --from northwind.toml.draft          # resume an interrupted interview\n  partner-fit interview --from northwind.toml --target co-sell  # and plan for co-sell"
)]
pub struct InterviewArgs {
    /// Where to save the profile (without it: back to the `--from` profile, else asked at
    /// the end).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Edit this profile (opens at the summary of its answers, saves back to it with its
    /// comments kept), or resume this draft where it stopped.
    #[arg(long, value_name = "PROFILE")]
    pub from: Option<PathBuf>,

    /// Also plan for this motion in the report at the end, as `assess --target` does: the
    /// changes that would make it run, in order, each with the verdict after it.
    #[arg(long, value_name = "MOTION")]
    pub target: Option<String>,

    /// Replace the `--out` file if it exists, without asking.
    #[arg(long)]
    pub force: bool,

    /// Also write the assessment at the end as a page to hand over: the HTML that
    /// `partner-fit assess PROFILE --format html` prints for the saved profile. The file
    /// named is replaced if it exists; it cannot be the profile itself.
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,

    /// The name the page gives as its author (with `--report`), as `assess --prepared-by`.
    #[arg(long, value_name = "NAME", requires = "report")]
    pub prepared_by: Option<String>,

    #[command(flatten)]
    pub rules: RulesArg,

    /// When to use colour. `auto` means only on a terminal and never with NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}
