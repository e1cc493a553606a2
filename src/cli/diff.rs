//! `partner-fit diff`'s arguments.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::RulesArg;

/// Show what changed in the assessment between two versions of a profile.
///
/// OLD and NEW are each a profile (TOML, assessed now with the rules in use) or a saved
/// `assess --format json` report (format 2). The diff tells what moved: the
/// recommendation, each motion's score and verdict, the gate and each line that flipped,
/// the label check, and the missing answers that could change the recommendation. Two
/// reports of several profiles are compared profile by profile, by name; new, removed
/// and unreadable profiles are listed. `--format markdown` is ready to post as a
/// pull-request comment.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  partner-fit diff old/northwind.toml partners/northwind.toml
  partner-fit diff base.json head.json --format markdown > comment.md

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
