//! `partner-fit deals ...`: glue between the command line, `crm_export::deals` and
//! `crate::deals`. The report goes to stdout; any `Err` exits 2.

use std::path::Path;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crm_export::deals::{self as export, ColumnChoice, DealRole};
use crm_export::{printable, CsvFile};

use crate::accounts::input_error::{InputError, Problem};
use crate::accounts::update as profile_update;
use crate::cli::accounts::ReportFormat;
use crate::cli::deals::{CompareArgs, DealsCommand};
use crate::deals::render::{self, Format};
use crate::deals::report::DealsReport;
use crate::deals::{compare, rules, update};
use crate::exit::ExitStatus;

use super::settings::Settings;

pub fn run(command: DealsCommand) -> Result<ExitStatus> {
    match command {
        DealsCommand::Compare(args) => compare(&args),
    }
}

fn compare(args: &CompareArgs) -> Result<ExitStatus> {
    // Only a valid profile is edited, and it is checked before the export is read.
    let profile_partner = match &args.update {
        Some(profile) => {
            std::fs::metadata(profile)
                .map_err(|err| InputError::new(profile, None, Problem::Unreadable(err)))
                .context("--update edits an existing profile; create one first")?;
            crate::profile::load(profile)?.partner.name
        }
        None => None,
    };
    let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
    let rules = rules::load(&settings.rules)?;
    let file = CsvFile::load(&args.deals)?;
    let named = [
        (DealRole::Amount, &args.amount, "--amount"),
        (DealRole::Stage, &args.stage, "--stage"),
        (DealRole::Won, &args.won, "--won"),
        (DealRole::Closed, &args.closed, "--closed"),
        (DealRole::Created, &args.created_date, "--created-date"),
        (DealRole::Close, &args.close_date, "--close-date"),
        (DealRole::Partner, &args.partner_column, "--partner-column"),
        (DealRole::Sourced, &args.sourced, "--sourced"),
        (DealRole::Influenced, &args.influenced, "--influenced"),
        (DealRole::Segment, &args.segment, "--segment"),
    ];
    let choice = ColumnChoice {
        named: named
            .into_iter()
            .filter_map(|(role, header, flag)| Some((role, header.clone()?, flag)))
            .collect(),
        names: args.show_deals,
    };
    let deals = export::read(&file, &choice)?;
    let name = args.deals.display().to_string();
    let report = match compare::compare(
        &name,
        &deals,
        &rules,
        compare::Request {
            partner: args.partner.as_deref(),
            show_deals: args.show_deals,
        },
    ) {
        Ok(report) => report,
        Err(unknown) => {
            let known: Vec<String> = unknown
                .known
                .iter()
                .map(|k| format!("`{}`", printable(k)))
                .collect();
            bail!(
                "{}: no deal names the partner `{}`; the partners are {}\n  help: write the name as the partner column has it, or leave out --partner to compare them all",
                name,
                printable(&unknown.wanted),
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            );
        }
    };
    if let Some(profile) = &args.update {
        let wanted = args.partner.as_deref().or(profile_partner.as_deref());
        update_profile(profile, &file, &report, wanted)?;
    }
    let format = match args.format {
        ReportFormat::Table => Format::Table,
        ReportFormat::Json => Format::Json,
        ReportFormat::Markdown => Format::Markdown,
    };
    let style = super::output::stdout_style(crate::cli::ColorChoice::Auto);
    super::print(&render::render(&report, format, style))?;
    Ok(ExitStatus::Passed)
}

/// Writes the comparison of the profile's partner (`wanted`) into `profile`.
fn update_profile(
    profile: &Path,
    file: &CsvFile,
    report: &DealsReport,
    wanted: Option<&str>,
) -> Result<()> {
    let shown = crate::shown::path(profile);
    let found = wanted.and_then(|wanted| {
        report
            .partners
            .iter()
            .find(|p| p.partner.trim().eq_ignore_ascii_case(wanted.trim()))
    });
    let Some(partner) = found else {
        let known: Vec<String> = report
            .partners
            .iter()
            .map(|p| format!("`{}`", printable(&p.partner)))
            .collect();
        bail!(
            "{shown}: not updated: the profile's partner `{}` names no partner of {}; the partners are {}\n  help: pass --partner NAME as the export writes it",
            printable(wanted.unwrap_or_default()),
            report.file,
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        );
    };
    let mut hash = Sha256::new();
    file.for_each_chunk(|chunk| hash.update(chunk))?;
    let provenance = update::Provenance {
        file: report.file.clone(),
        sha256: hex::encode(hash.finalize()),
        date: crate::calendar::today(),
    };
    let edits = update::edits(report, partner, &provenance);
    let (changes, written) = profile_update::apply(profile, &edits)?;
    super::accounts::note_changes(profile, &changes, written);
    Ok(())
}
