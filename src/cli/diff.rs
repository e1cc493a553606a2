//! `partner-fit diff`'s arguments.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{RulesArg, ThresholdArgs};

/// Show what changed in the assessment between two versions of a profile.
///
/// OLD and NEW are each a profile (TOML, assessed now with the rules in use), a folder of
/// profiles (its `*.toml` files, as `assess` reads a folder) or a saved `assess --format
/// json` report (format 2). The diff tells what moved: the recommendation, each motion's
/// score and verdict, the gate and each line that flipped, the label check, the missing
/// answers that could change the recommendation, and each threshold a profile starts or
/// stops failing. Folders and reports of several profiles are compared profile by
/// profile, by name; a new profile is given with its verdict and score, removed and
/// unreadable profiles are listed, and unchanged ones share one line. A folder that does
/// not exist is a side with no profile: every profile on the other side is new (or
/// removed). `--format markdown` is ready to post as a pull-request comment.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  partner-fit diff old/northwind.toml partners/northwind.toml
  partner-fit diff base.json head.json --format markdown > comment.md
  partner-fit diff base/partners partners --min-score 70 --format markdown

Exit codes:
  0  compared (with --exit-code: and nothing changed)
  1  with --exit-code: something changed
  2  an input could not be read, or the rules are invalid")]
pub struct DiffArgs {
    /// The earlier version: a profile or a saved JSON report.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The later version: a profile or a saved JSON report.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,

    /// Exit 1 when anything changed, as `git diff --exit-code` does.
    #[arg(long)]
    pub exit_code: bool,

    /// The thresholds each profile of both sides is held to, saved reports included;
    /// without them and without partner-fit.toml's, a saved report's own.
    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub rules: RulesArg,
}

/// What `diff` can write: the report's formats but HTML, a page per profile that a
/// comparison has no use for. Its own enum so that `--help`, the man page and the
/// completion scripts offer only these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables for a terminal.
    Table,
    /// The comparison as one JSON object.
    Json,
    /// A comment to post on a pull request.
    Markdown,
}
