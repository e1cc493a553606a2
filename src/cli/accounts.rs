//! Arguments of `partner-fit accounts ...`: clap derive types only; doc comments are `--help`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Count the accounts two CRM exports share.
    ///
    /// Reads two CSV exports (yours and your partner's; either may be a hashed file from
    /// `accounts hash`), finds the key column of each (website, domain, email or company name),
    /// normalizes the keys (case, scheme, `www.`, paths, email -> domain; punctuation and legal
    /// suffixes of company names) and reports rows read, rows skipped with their reasons and
    /// lines, distinct accounts per side, the shared accounts, and the share of each side.
    Overlap(OverlapArgs),
    /// Turn a CRM export into keyed hashes you can send to a partner.
    ///
    /// Writes a one-column CSV of HMAC-SHA256 hashes of the normalized account keys, under a
    /// secret both partners agree on: no name, domain or other column leaves your machine, and
    /// rows are deduplicated and sorted. Your partner runs `accounts overlap` on the two hashed
    /// files (or on their plain export and your hashed file, with the same secret). A summary
    /// goes to stderr.
    Hash(HashArgs),
    /// Write a new random secret for `accounts hash` and `accounts overlap`.
    ///
    /// 256 random bits from the operating system, as 64 hex digits, in a file only you can
    /// read (mode 0600). Send it to your partner over another channel than the hashed files.
    Keygen(KeygenArgs),
}

/// Arguments of `accounts keygen`.
#[derive(Debug, Args)]
#[command(after_help = "Example:
  partner-fit accounts keygen --out secret.txt")]
pub struct KeygenArgs {
    /// The file to write the secret to.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,

    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `accounts overlap` (described on `AccountsCommand::Overlap`).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  partner-fit accounts overlap our-crm.csv partner.csv
  partner-fit accounts overlap our-crm.csv partner.csv --key \"Company Website\" --their-key Domain
  partner-fit accounts overlap our-crm.csv partner.csv --out shared.csv --update northwind.toml
  partner-fit accounts overlap our-crm.csv partner-hashed.csv --secret-file secret.txt --format json")]
pub struct OverlapArgs {
    /// Your accounts: a CSV export with a header row, or a hashed file.
    #[arg(value_name = "OURS.csv")]
    pub ours: PathBuf,

    /// Your partner's accounts: a CSV export with a header row, or a hashed file.
    #[arg(value_name = "THEIRS.csv")]
    pub theirs: PathBuf,

    /// Header of the key column in OURS.csv, when the one found is not the one you want;
    /// `HEADER#2` is the second of several columns with that header.
    #[arg(long, value_name = "HEADER")]
    pub key: Option<String>,

    /// Header of the key column in THEIRS.csv (`HEADER#2` as for --key).
    #[arg(long, value_name = "HEADER")]
    pub their_key: Option<String>,

    /// The secret agreed with your partner; needed when exactly one side is hashed, to hash
    /// the other side the same way.
    #[arg(long, value_name = "FILE", env = "PARTNER_FIT_SECRET_FILE")]
    pub secret_file: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Also write the shared accounts to FILE (CSV: account, each side's value and line).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Let --out replace an existing file.
    #[arg(long, requires = "out")]
    pub force: bool,

    /// Write market.icp_overlap_pct (the smaller share) and market.named_overlap_accounts
    /// into PROFILE, keeping its comments and layout.
    #[arg(long, value_name = "PROFILE")]
    pub update: Option<PathBuf>,
}

/// Arguments of `accounts hash` (described on `AccountsCommand::Hash`).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  partner-fit accounts keygen --out secret.txt   # once; share it with your partner out of band
  partner-fit accounts hash our-crm.csv --secret-file secret.txt > ours-hashed.csv
  partner-fit accounts overlap ours-hashed.csv theirs-hashed.csv")]
pub struct HashArgs {
    /// The CSV export to hash.
    #[arg(value_name = "ACCOUNTS.csv")]
    pub accounts: PathBuf,

    /// The secret agreed with your partner, from `accounts keygen` (at least 2^128 guesses
    /// as the zxcvbn estimator counts them; one trailing line break is ignored).
    #[arg(long, value_name = "FILE", env = "PARTNER_FIT_SECRET_FILE")]
    pub secret_file: PathBuf,

    /// Header of the key column, when the one found is not the one you want; `HEADER#2`
    /// is the second of several columns with that header.
    #[arg(long, value_name = "HEADER")]
    pub key: Option<String>,

    /// Write the hashes to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Let --out replace an existing file.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// How the overlap report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A table for a terminal.
    Table,
    /// The machine contract, for scripts and CI.
    Json,
    /// A report to paste into a document or a shared page.
    Markdown,
}
