//! The command line, as clap derive types only. Doc comments here become `--help`.
//! Each subcommand family keeps its arguments in its own file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub(crate) mod accounts;
pub(crate) mod authoring;
pub(crate) mod deals;
pub(crate) mod diff;
pub(crate) mod interview;

/// The exit codes, written once: `--help` shows them after the examples and clap_mangen
/// prints the same text as the last section of the man pages. They follow
/// `shared/spec/output.md` and `crate::exit::ExitStatus`.
macro_rules! exit_codes {
    () => {
        "Exit codes:
  0  assessed, and every threshold given holds
  1  assessed, and a threshold failed (--min-score, --require-green-gate,
     --require-evidence)
  2  could not assess: bad command line, unreadable or invalid profile, invalid rules"
    };
}

/// Tells a B2B software company whether a partnership is ready to co-sell, and which
/// motion fits it: referral, co-sell or reseller.
///
/// partner-fit reads a partner profile (TOML), runs the readiness gate, the
/// commission-strip test and the referral / co-sell / reseller decision flow over
/// rules kept as data, and prints a scored recommendation with reasons and fixes.
#[derive(Debug, Parser)]
#[command(name = "partner-fit", version, propagate_version = true)]
#[command(after_help = concat!(
    "Examples:\n  partner-fit assess examples/ready-to-co-sell.toml\n  partner-fit assess partners/*.toml --min-score 70 --require-green-gate\n\n",
    exit_codes!()
))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Assess(AssessArgs),
    Interview(interview::InterviewArgs),
    Diff(diff::DiffArgs),
    #[command(subcommand)]
    Rules(authoring::RulesCommand),
    /// Measure account overlap from two CRM exports, optionally as keyed hashes.
    ///
    /// The readiness gate's first condition is the share of target accounts both partners
    /// share. `accounts overlap` measures it from the two CSV exports you already have and
    /// can write it into a profile; `accounts hash` turns your export into keyed hashes, so
    /// the overlap can be measured without either side handing over its customer list.
    #[command(subcommand)]
    #[command(after_help = "Examples:
  partner-fit accounts overlap our-crm.csv partner.csv --update partners/northwind.toml
  partner-fit accounts hash our-crm.csv --secret-file shared.key > ours.hashed.csv")]
    Accounts(accounts::AccountsCommand),
    /// Measure win rate, deal size and cycle with each partner from your CRM's deals.
    ///
    /// Self-reported win rates are what the assessment weighs otherwise; `deals compare`
    /// measures them from your own opportunity export, against matched deals without a
    /// partner, with the uncertainty stated.
    #[command(subcommand)]
    #[command(after_help = "Examples:
  partner-fit deals compare opportunities.csv --partner Northwind")]
    Deals(deals::DealsCommand),
    Init(authoring::InitArgs),
    Schema(authoring::SchemaArgs),
    Completions(authoring::CompletionsArgs),
    Man(authoring::ManArgs),
}

/// Assess one or more partner profiles and recommend a motion.
///
/// Each profile is scored for referral, co-sell and reseller; the readiness gate,
/// the commission-strip test, the decision path and the label check are shown with
/// the reasons and fixes behind them. With several profiles, a summary table ranks
/// the partners and the exit code is the worst one. With several profiles, or whenever
/// a threshold is given, a closing line on stderr counts the profiles that failed a
/// threshold or could not be read.
#[derive(Debug, Args)]
#[command(after_help = concat!(
    "Examples:\n  partner-fit assess examples/ready-to-co-sell.toml\n  partner-fit assess partners/ --format json\n  partner-fit init - | partner-fit assess -\n  partner-fit assess partners/*.toml --min-score 70 --require-green-gate\n\n",
    exit_codes!()
))]
pub struct AssessArgs {
    /// Partner profile(s) to assess (TOML, see `partner-fit init`). `-` reads one profile
    /// from standard input (reported as `<stdin>`). A folder assesses every `*.toml` file
    /// directly in it, in name order; folders inside it are not searched, and interview
    /// drafts (`*.toml.draft`) are not profiles.
    #[arg(required = true, value_name = "PROFILE")]
    pub profiles: Vec<PathBuf>,

    /// Print no per-profile report: only threshold failures and errors (on stderr), the
    /// ranking of several profiles, and the closing line. With one profile, stdout stays
    /// empty. `--format json` is printed in full.
    #[arg(short, long)]
    pub quiet: bool,

    /// Print only the at-a-glance block of each profile: the recommended motion and its
    /// score, the gate, the first three fixes and the missing answers that could change
    /// the recommendation; with several profiles, then the ranking and the portfolio
    /// focus. Table and markdown formats.
    #[arg(long, conflicts_with = "quiet")]
    pub brief: bool,

    /// Never page the report. On a terminal, a report taller than the screen is shown
    /// through `$PAGER` (`less -FRX` when unset), as git does; never into a pipe or file.
    #[arg(long)]
    pub no_pager: bool,

    /// The name the HTML page gives as its author ("Prepared by NAME"), beside the
    /// partnership and the date (`SOURCE_DATE_EPOCH` when set, else today, UTC).
    #[arg(long, value_name = "NAME")]
    pub prepared_by: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub rules: RulesArg,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    /// Also plan for this motion: the changes that would make it run, in order, each
    /// with the score and verdict the profile would have after it (referral, co-sell,
    /// reseller with the built-in rules).
    #[arg(long, value_name = "MOTION")]
    pub target: Option<String>,
}

/// The thresholds a run holds each profile to; each also comes from partner-fit.toml.
/// `assess` fails (exit 1) on them; `diff` says when a profile starts or stops failing one.
#[derive(Debug, Args, Clone, Default)]
pub struct ThresholdArgs {
    /// Fail a profile whose score (0-100) is below N (`assess` exits 1); a bar above 100
    /// never holds. Applies to the recommended motion, or to the motion named by `--motion`. Overrides
    /// the `min_score` of partner-fit.toml.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = score_bar)]
    pub min_score: Option<u16>,

    /// The motion `--min-score` applies to, instead of the recommended one: one of the
    /// motions the rules score (referral, co-sell, reseller with the built-in rules).
    /// Needs a minimum score, from `--min-score` or partner-fit.toml.
    #[arg(long, value_name = "MOTION")]
    pub motion: Option<String>,

    /// Fail a profile unless the co-selling readiness gate is green (`assess` exits 1).
    /// Also on when partner-fit.toml sets `require_green_gate = true`.
    #[arg(long)]
    pub require_green_gate: bool,

    /// Fail a profile whose recommendation rests on insufficient evidence, when a missing
    /// answer could change it (`assess` exits 1). The failure names the answers to give.
    /// Also on when partner-fit.toml sets `require_evidence = true`.
    #[arg(long)]
    pub require_evidence: bool,
}

/// Where the rules come from, and whether the project configuration applies.
#[derive(Debug, Args, Clone, Default)]
pub struct RulesArg {
    /// Use the rules in DIR instead of the built-in ones. Without it, the rules named by
    /// PARTNER_FIT_RULES, else by the `rules` key of a partner-fit.toml in this folder or
    /// the nearest one above, else the built-in rules.
    #[arg(long = "rules", value_name = "DIR", env = "PARTNER_FIT_RULES")]
    pub dir: Option<PathBuf>,

    /// Ignore any partner-fit.toml (its rules folder and default thresholds).
    #[arg(long)]
    pub no_config: bool,
}

/// How a report is printed.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,

    /// When to use colour. `auto` means only on a terminal and never with NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables for a terminal.
    Table,
    /// The machine contract: one object (format 2) whatever the number of profiles.
    Json,
    /// A report to paste into a document.
    Markdown,
    /// A self-contained page per profile (inline CSS and SVG charts), ready to print.
    Html,
    /// GitHub Actions annotations: each threshold failure and profile error as an
    /// `::error` workflow command at the profile's line, and no report.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Reads `--min-score`: scores are whole numbers from 0 to 100. A negative number is read
/// as a value, so that it gets this message rather than clap's "unexpected argument".
fn score_bar(text: &str) -> Result<u16, String> {
    text.parse::<u16>()
        .map_err(|_| "a score is a whole number from 0 to 100".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
