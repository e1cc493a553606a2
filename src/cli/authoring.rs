//! Arguments of the rules-authoring commands: `rules`, `init`, `schema`, `completions`, `man`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{ColorChoice, RulesArg};

/// Inspect, check and export the rules: list, explain, validate, export.
///
/// Everything partner-fit knows about partnerships is kept as rule files: thresholds,
/// weights, messages, fixes and sources. These commands show the built-in rules or a
/// customised copy (`--rules DIR`, or PARTNER_FIT_RULES), explain one rule in full, and
/// check a folder after you change it. To customise, export the built-in rules
/// (`rules export DIR`), edit them, run `rules validate` on the folder, then assess with
/// `--rules`.
#[derive(Debug, Subcommand)]
#[command(
    after_help = "Examples:\n  partner-fit rules list\n  partner-fit rules explain gate.icp-overlap\n  partner-fit rules export my-rules/\n  partner-fit rules validate my-rules/\n  partner-fit assess profile.toml --rules my-rules/"
)]
pub enum RulesCommand {
    List(ListArgs),
    Explain(ExplainArgs),
    Validate(ValidateArgs),
    Export(ExportArgs),
}

/// List every rule: id, kind, the motions it scores or caps, title and source.
///
/// Rules are listed in id order, which groups them by family: the part of the id before
/// the dot, and the folder the rule file is in (`--family` lists one). Use `--rules DIR`
/// to list a customised rules folder instead of the built-in rules, and `--format json`
/// to feed the list to another tool.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit rules list\n  partner-fit rules list --family gate\n  partner-fit rules list --rules my-rules/ --format json"
)]
pub struct ListArgs {
    #[command(flatten)]
    pub rules: RulesArg,

    /// Only the rules of one family (the part of the id before the dot, e.g. `gate`).
    #[arg(long, value_name = "FAMILY")]
    pub family: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// When to use colour. `auto` means only on a terminal and never with NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Explain one rule: what it checks and why, and what it does to an assessment.
///
/// Shows the title, why the rule exists, its condition in words, the profile fields it
/// reads, the points it adds to each motion, the caps it puts on verdicts, its messages
/// and fix, its source (article and section) and its example cases. A misspelt id is
/// answered with the nearest ids.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit rules explain gate.icp-overlap\n  partner-fit rules explain flow.partner-sells --format json\n  partner-fit rules explain gate.icp-overlap --rules my-rules/"
)]
pub struct ExplainArgs {
    /// The rule id, `<family>.<name>` (see `partner-fit rules list`).
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub rules: RulesArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

/// Check a rules folder and run every rule's example cases.
///
/// Reads every file of the folder and reports all problems at once, each at its file,
/// line and column with what to do: TOML syntax, unknown keys, operators and kinds,
/// unknown profile fields, values a field cannot take, duplicate ids, an id that does
/// not match its file, a decision flow that loops or dead-ends, weights outside 0-100,
/// and a rule without cases that flip it. Then every `[[case]]` is run. Exits 0 when the
/// folder is valid, 2 when there is any problem. Without DIR, the rules named by
/// PARTNER_FIT_RULES, else by the `rules` key of a partner-fit.toml in this folder or the
/// nearest one above, else the built-in rules, are checked.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit rules validate my-rules/\n  partner-fit rules validate            # the built-in rules"
)]
pub struct ValidateArgs {
    /// The rules folder to check, laid out like the shipped `rules/`.
    #[arg(value_name = "DIR", env = "PARTNER_FIT_RULES")]
    pub dir: Option<PathBuf>,

    /// Ignore any partner-fit.toml: without DIR, check the built-in rules.
    #[arg(long)]
    pub no_config: bool,
}

/// Write the built-in rules as files, to adapt them.
///
/// Writes every rule file, the policy and the interview's questions into DIR, laid out
/// as `--rules DIR` reads them (`DIR/policy.toml`, `DIR/gate/icp-overlap.toml`, ...).
/// The copy validates and assesses exactly like the built-in rules, with the same rules
/// digest, until you change it. A file with other text is never overwritten unless
/// `--force` is given. A new folder is written all at once (a stopped run leaves none);
/// files already there as exported are kept, so running the export again finishes one
/// that was stopped.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit rules export my-rules/\n  partner-fit rules validate my-rules/\n  partner-fit assess profile.toml --rules my-rules/"
)]
pub struct ExportArgs {
    /// The folder to write the rules into; created when missing.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Replace files that already exist in DIR.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for a terminal.
    Table,
    /// An array of objects: id, kind, family, motions, title, source, path.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Headed sections for a terminal.
    Text,
    /// One object with the same fields.
    Json,
}

/// Write an annotated profile template to fill in.
///
/// The template has every profile field, grouped by section, each with a one-line
/// comment that says what it means and which values it takes. Only the two names are
/// set; every other answer is commented out, so a fresh template already assesses (with
/// every answer unknown) and each answer you uncomment and fill in sharpens the result.
/// An existing file is never overwritten unless `--force` is given. PATH `-` prints the
/// template instead.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit init\n  partner-fit init partners/northwind.toml --vendor Acme --partner Northwind\n  partner-fit init - > profile.toml"
)]
pub struct InitArgs {
    /// Where to write the template (`-` for standard output).
    #[arg(value_name = "PATH", default_value = "partner.toml")]
    pub path: PathBuf,

    /// Your company's name, written into `[vendor] name`.
    #[arg(long, value_name = "NAME")]
    pub vendor: Option<String>,

    /// The partner's name, written into `[partner] name`.
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,

    /// Replace PATH if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// Print the JSON Schema of a profile, for editors, or of the JSON output.
///
/// The schema is generated from the same Rust types that read profiles (or write the
/// report), so it always matches this version of partner-fit. `schema report` and
/// `schema diff` describe `assess --format json` and `diff --format json`; see
/// docs/output.md. Save it next to your profiles and point your
/// editor at it (taplo, or Even Better TOML in VS Code) to get completion, the
/// description of every field and checks of values while you type. See
/// `docs/rules-authoring.md` for the editor set-up.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit schema > partner-fit.schema.json\n  # then, first line of a profile:  #:schema ./partner-fit.schema.json\n  partner-fit schema report > report.schema.json"
)]
pub struct SchemaArgs {
    /// Which document the schema describes.
    #[arg(value_enum, value_name = "DOCUMENT", default_value_t = SchemaOf::Profile)]
    pub of: SchemaOf,
}

/// The documents `partner-fit schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    /// A profile (TOML), for editors.
    Profile,
    /// The report of `assess --format json` (format 2).
    Report,
    /// The comparison of `diff --format json`.
    Diff,
}

/// Print a shell completion script.
///
/// Generated from the command-line definition, so it always matches this version. Load
/// it from your shell's start-up file, or save it where your shell looks for
/// completions.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit completions bash > ~/.local/share/bash-completion/completions/partner-fit\n  partner-fit completions zsh > ~/.zfunc/_partner-fit\n  partner-fit completions fish > ~/.config/fish/completions/partner-fit.fish\n  partner-fit completions powershell >> $PROFILE"
)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Print the man page, or write one page per command.
///
/// The pages (roff) are generated from the command-line definition, so they always
/// match this version. Without `--out-dir`, prints the page of `partner-fit` itself. With it, writes one page
/// per command into DIR, git-style: `partner-fit.1`, `partner-fit-assess.1`,
/// `partner-fit-rules-explain.1` and so on, ready for a `man1` folder on your MANPATH.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  partner-fit man | man -l -\n  partner-fit man --out-dir /usr/local/share/man/man1"
)]
pub struct ManArgs {
    /// Write one page per command into DIR instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Replace pages that already exist in DIR.
    #[arg(long, requires = "out_dir")]
    pub force: bool,
}
