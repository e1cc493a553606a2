//! `partner-fit deals ...`: glue between the command line, `crm_export::deals` and
//! `crate::deals`. The report goes to stdout; any `Err` exits 2.

use anyhow::{bail, Result};

use crm_export::deals::{self as export, ColumnChoice, DealRole};
use crm_export::{printable, CsvFile};

use crate::cli::accounts::ReportFormat;
use crate::cli::deals::{CompareArgs, DealsCommand};
use crate::deals::render::{self, Format};
use crate::deals::{compare, rules};
use crate::exit::ExitStatus;

use super::settings::Settings;

pub fn run(command: DealsCommand) -> Result<ExitStatus> {
    match command {
        DealsCommand::Compare(args) => compare(&args),
    }
}

fn compare(args: &CompareArgs) -> Result<ExitStatus> {
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
    let format = match args.format {
        ReportFormat::Table => Format::Table,
        ReportFormat::Json => Format::Json,
        ReportFormat::Markdown => Format::Markdown,
    };
    let style = super::output::stdout_style(crate::cli::ColorChoice::Auto);
    super::print(&render::render(&report, format, style))?;
    Ok(ExitStatus::Passed)
}
