//! `partner-fit accounts ...`: glue between the command line and `crate::accounts`.
//! Reports go to stdout, notes about written files to stderr; any `Err` exits 2.

use std::io::IsTerminal;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::accounts::compare::{self, Request};
use crate::accounts::hash::Secret;
use crate::accounts::input_error::{InputError, Problem};
use crate::accounts::render::{self, Format};
use crate::accounts::{report, save, update};
use crate::cli::accounts::{AccountsCommand, HashArgs, KeygenArgs, OverlapArgs, ReportFormat};
use crate::exit::ExitStatus;

pub fn run(command: AccountsCommand) -> Result<ExitStatus> {
    match command {
        AccountsCommand::Overlap(args) => overlap(&args),
        AccountsCommand::Hash(args) => hash(&args),
        AccountsCommand::Keygen(args) => keygen(&args),
    }
}

fn keygen(args: &KeygenArgs) -> Result<ExitStatus> {
    save::check_new(&args.out, args.force)?;
    let secret = Secret::generate().context("drawing random bytes from the operating system")?;
    // What keygen writes must pass the check every other command makes of it.
    let key_id = Secret::from_bytes(&args.out, secret.clone().into_bytes())?.key_id();
    save::write_private(&args.out, secret.as_bytes(), args.force)?;
    crate::note!(
        "wrote a random 256-bit secret to {} (readable by you only; key fingerprint {key_id}, \
         which the first line of every file hashed with it ends with); send it to your partner \
         over another channel than the hashed files",
        crate::shown::path(&args.out)
    );
    Ok(ExitStatus::Passed)
}

/// Loads the secret at `path`, warning when others can read it.
fn load_secret(path: &Path) -> Result<Secret> {
    let secret = Secret::load(path)?;
    if let Some(warning) = crate::accounts::hash::permission_warning(path) {
        crate::note!("{}", crate::shown::line(&warning));
    }
    Ok(secret)
}

fn overlap(args: &OverlapArgs) -> Result<ExitStatus> {
    // Refuse what would fail at the end before reading a million rows.
    if let Some(out) = &args.out {
        save::check_new(out, args.force)?;
    }
    if let Some(profile) = &args.update {
        std::fs::metadata(profile)
            .map_err(|err| InputError::new(profile, None, Problem::Unreadable(err)))
            .context("--update edits an existing profile; create one first")?;
        // Only a valid profile is edited: a mistyped path to another TOML file, or a
        // profile with an error, is reported before anything is read or written.
        crate::profile::load(profile)?;
    }
    let secret = args.secret_file.as_deref().map(load_secret).transpose()?;
    let comparison = compare::compare(Request {
        ours: &args.ours,
        theirs: &args.theirs,
        our_key: args.key.as_deref(),
        their_key: args.their_key.as_deref(),
        secret: secret.as_ref(),
    })?;
    let report = report::build(&comparison);

    if let Some(out) = &args.out {
        let shared = compare::shared_accounts(&comparison)?;
        // Raw accounts from both CRMs: for the owner's eyes only.
        save::write_private(out, render::shared_csv(&shared).as_bytes(), args.force)?;
        crate::note!(
            "wrote {} to {}",
            render::counted(shared.len() as u64, "shared account", "shared accounts"),
            crate::shown::path(out)
        );
    }
    if let Some(profile) = &args.update {
        update_profile(profile, &report)?;
    } else if report.icp_overlap_pct.is_some() && std::io::stderr().is_terminal() {
        // A hint for a person at a terminal; scripts see only the report.
        crate::note!("hint: write the overlap into a profile with --update PROFILE");
    }
    let style = super::output::stdout_style(crate::cli::ColorChoice::Auto);
    print(&render::render(&report, format(args.format), style))?;
    Ok(ExitStatus::Passed)
}

fn update_profile(profile: &Path, report: &report::OverlapReport) -> Result<()> {
    let Some(icp_overlap_pct) = report.icp_overlap_pct else {
        bail!(
            "{}: not updated: one side has no usable accounts, so there is no overlap share\n  \
             help: check the skipped rows below and the key columns (--key, --their-key)",
            crate::shown::path(profile)
        );
    };
    let measured = update::Measured {
        icp_overlap_pct,
        named_overlap_accounts: report.overlap,
    };
    let (changes, written) = update::apply(profile, &measured.edits())?;
    note_changes(profile, &changes, written);
    Ok(())
}

/// Says on stderr what an update changed, or that the profile already held it.
pub(super) fn note_changes(profile: &Path, changes: &[update::Change], written: bool) {
    let shown = crate::shown::path(profile);
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "unset".to_string());
    if !written {
        crate::note!(
            "{shown}: already up to date ({}); not written",
            changes
                .iter()
                .filter(|c| c.after.is_some())
                .map(|change| format!("{} = {}", change.field, value(&change.after)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return;
    }
    // A field neither there before nor after (a figure not measured) is not worth a line.
    for change in changes
        .iter()
        .filter(|c| c.before.is_some() || c.after.is_some())
    {
        crate::note!(
            "{shown}: {} = {} (was {})",
            change.field,
            value(&change.after),
            value(&change.before)
        );
    }
}

fn hash(args: &HashArgs) -> Result<ExitStatus> {
    if let Some(out) = &args.out {
        save::check_new(out, args.force)?;
    }
    let secret = load_secret(&args.secret_file)?;
    let (text, input) = compare::hash_file(&args.accounts, args.key.as_deref(), &secret)?;
    let side = report::side(&input);
    let summary = render::hash_summary(&side, input.source.key_kind().as_str());
    if input.set.keys.is_empty() {
        // A header-only export would only be refused by `overlap` on the partner's side;
        // the skipped rows in the summary say why there is nothing to hash.
        crate::note_part!("{summary}");
        let column = side.key_column.clone().unwrap_or_default();
        return Err(InputError::new(&args.accounts, None, Problem::NoAccounts { column }).into());
    }
    match &args.out {
        Some(out) => save::write_new(out, text.as_bytes(), args.force)?,
        None => print(&text)?,
    }
    crate::note_part!("{summary}");
    Ok(ExitStatus::Passed)
}

fn format(format: ReportFormat) -> Format {
    match format {
        ReportFormat::Table => Format::Table,
        ReportFormat::Json => Format::Json,
        ReportFormat::Markdown => Format::Markdown,
    }
}

fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
