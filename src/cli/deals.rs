//! Arguments of `partner-fit deals ...`: clap derive types only; doc comments are `--help`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::accounts::ReportFormat;
use super::RulesArg;

#[derive(Debug, Subcommand)]
pub enum DealsCommand {
    /// Compare each partner's deals with matched deals without a partner.
    ///
    /// Reads an opportunity export of your own CRM (Salesforce report or HubSpot deal
    /// export, CSV), finds its amount, stage (or won/closed), created and close date,
    /// partner (or partner sourced/influenced flags) and segment/industry/size columns by
    /// name, and says which it used. For each partner: deals sourced, influenced and open
    /// (worked together); win rate, median deal size and median cycle against closed deals
    /// without a partner in the same size band, segment and period, each with its 95 %
    /// interval and the number of deals behind it; and the win-rate uplift against the
    /// 1.5-2x co-selling usually shows. Below the minimum number of deals a figure reads
    /// "not enough deals yet". The thresholds and bands are in rules/deals.toml; how each
    /// number is computed is in docs/deals.md.
    ///
    /// Privacy: only the export you name is read, nothing is sent anywhere, and no account
    /// or deal name is read or printed unless you ask with --show-deals; partner names are.
    Compare(CompareArgs),
}

/// Arguments of `deals compare` (described on `DealsCommand::Compare`).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  partner-fit deals compare opportunities.csv
  partner-fit deals compare opportunities.csv --partner Northwind --format markdown
  partner-fit deals compare deals.csv --amount \"ARR\" --partner-column \"Referral Partner\" --format json
  partner-fit deals compare opportunities.csv --update northwind.toml

Exit codes:
  0  compared (and the profile updated, with --update)
  2  unusable export, unknown column or partner, invalid rules, a profile that cannot be
     updated")]
pub struct CompareArgs {
    /// Your opportunity export: a CSV with a header row and one deal per row.
    #[arg(value_name = "DEALS.csv")]
    pub deals: PathBuf,

    /// Compare only this partner (as written in the partner column; case is ignored).
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Header of the deal amount column.
    #[arg(long, value_name = "HEADER")]
    pub amount: Option<String>,

    /// Header of the stage (or won/lost) column.
    #[arg(long, value_name = "HEADER")]
    pub stage: Option<String>,

    /// Header of a yes/no column saying the deal was won.
    #[arg(long, value_name = "HEADER")]
    pub won: Option<String>,

    /// Header of a yes/no column saying the deal is closed.
    #[arg(long, value_name = "HEADER")]
    pub closed: Option<String>,

    /// Header of the created date column.
    #[arg(long, value_name = "HEADER")]
    pub created_date: Option<String>,

    /// Header of the close date column.
    #[arg(long, value_name = "HEADER")]
    pub close_date: Option<String>,

    /// Header of the column naming the partner on the deal.
    #[arg(long, value_name = "HEADER")]
    pub partner_column: Option<String>,

    /// Header of a yes/no column saying a partner sourced the deal.
    #[arg(long, value_name = "HEADER")]
    pub sourced: Option<String>,

    /// Header of a yes/no column saying a partner influenced the deal.
    #[arg(long, value_name = "HEADER")]
    pub influenced: Option<String>,

    /// Header of the segment, industry or size column deals are also matched on.
    #[arg(long, value_name = "HEADER")]
    pub segment: Option<String>,

    /// Also list each partner's deals: line, deal name (the `Opportunity Name` or `Deal Name`
    /// column), outcome, amount, close date and whether it was matched. Off by default: the
    /// report then holds no deal or account name and can be shared.
    #[arg(long)]
    pub show_deals: bool,

    /// Write what was measured into this partner profile, keeping its comments: the
    /// `[evidence]` deal figures of the profile's partner (or of --partner), your direct win
    /// rate, average deal and sales cycle, and the export's name, SHA-256 and today's date.
    /// A figure with too few deals is removed (unknown, not low). Nothing is written when
    /// the profile already holds it all, and a profile changed meanwhile is left alone.
    #[arg(long, value_name = "PROFILE")]
    pub update: Option<PathBuf>,

    #[command(flatten)]
    pub rules: RulesArg,
}
