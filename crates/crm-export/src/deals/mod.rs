//! Reading an opportunity (deal) export: each row's amount, outcome, dates, partner and
//! segment, with the columns found by header name in the shapes Salesforce and HubSpot
//! export, or named by the caller.
//!
//! ```text
//! CsvFile ─ columns::choose(file, &ColumnChoice) -> [UsedColumn] (role, header)
//!         ─ read(file, &ColumnChoice)            -> DealExport { columns, deals, skipped }
//! ```
//!
//! A row whose cell cannot be read (an amount that is not a number, a date that is no
//! date) is skipped with its line and reason, never guessed at. Nothing here knows what the
//! deals are compared for, and no deal or account name is read unless the caller asks
//! for names ([`ColumnChoice::names`]).

mod columns;
mod values;

use std::borrow::Cow;
use std::ops::ControlFlow;

use serde::Serialize;

pub use columns::{compact, ColumnChoice, DealRole, UsedColumn};
pub use values::{amount, date, day_order, day_order_after, flag, stage, Date, DayOrder, Outcome};

use crate::error::{Error, Problem};
use crate::skip::{Tally, LINES_KEPT};
use crate::CsvFile;

/// One deal as the export states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// The line the row starts on.
    pub line: u64,
    pub amount: Option<f64>,
    pub outcome: Outcome,
    pub created: Option<Date>,
    pub close: Option<Date>,
    /// The partner named on the deal, trimmed; `None` when the cell is empty or the export
    /// has no partner column.
    pub partner: Option<String>,
    /// A partner sourced the deal (a sourced flag column says so).
    pub sourced: bool,
    /// A partner influenced the deal (an influenced flag column says so).
    pub influenced: bool,
    pub segment: Option<String>,
    /// The deal's name, when the caller asked for names and the export has them.
    pub name: Option<String>,
}

/// Why a row gave no deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealSkip {
    /// Neither the stage nor the won/closed flags say whether the deal is open, won or lost.
    NoOutcome,
    /// The amount cell is not a currency amount.
    BadAmount,
    /// A date cell is not a date.
    BadDate,
    /// A yes/no cell is neither.
    BadFlag,
}

impl DealSkip {
    /// The reason in words, for tables.
    pub fn describe(self) -> &'static str {
        match self {
            DealSkip::NoOutcome => "no stage or won/closed value",
            DealSkip::BadAmount => "amount is not a number",
            DealSkip::BadDate => "date is not a date",
            DealSkip::BadFlag => "yes/no cell is neither",
        }
    }
}

/// An export read: the columns used, the deals, and the rows skipped per reason.
#[derive(Debug, Clone)]
pub struct DealExport {
    pub columns: Vec<UsedColumn>,
    /// How the date columns write numeric dates.
    pub day_order: DayOrder,
    /// Rows below the header.
    pub rows: u64,
    pub deals: Vec<Deal>,
    pub skipped: Vec<(DealSkip, Tally)>,
}

impl DealExport {
    pub fn column(&self, role: DealRole) -> Option<&UsedColumn> {
        self.columns.iter().find(|c| c.role == role)
    }
}

/// Parses `[section]` headed word lists (the format of `data/*.txt`).
pub(crate) fn sections(text: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for entry in crate::word_list::entries(text) {
        if let Some(name) = entry.strip_prefix('[').and_then(|e| e.strip_suffix(']')) {
            out.push((name, Vec::new()));
        } else if let Some((_, words)) = out.last_mut() {
            words.push(entry);
        }
    }
    out
}

/// The flags that name a column of each kind the reader cannot do without.
const AMOUNT_FLAGS: &str = "--amount \"HEADER\"";
const OUTCOME_FLAGS: &str = "--stage \"HEADER\" (or --won and --closed)";
const CLOSE_FLAGS: &str = "--close-date \"HEADER\"";
const PARTNER_FLAGS: &str = "--partner-column, --sourced or --influenced \"HEADER\"";

/// Reads every deal of `file`. Fails, with the header line, when the export lacks an
/// amount, an outcome (stage, or won and closed flags), a close date, or any partner
/// column; rows with unreadable cells are skipped with their lines.
pub fn read(file: &CsvFile, choice: &ColumnChoice) -> Result<DealExport, Error> {
    let columns = columns::choose(file, choice)?;
    let find = |role| columns.iter().find(|c| c.role == role).map(|c| c.index);
    let missing = |what, flags| {
        Error::new(
            file.path(),
            Some(file.header_line()),
            Problem::NoDealColumn {
                what,
                headers: file.headers().to_vec(),
                flags,
            },
        )
    };
    let amount_at = find(DealRole::Amount).ok_or_else(|| missing("amount", AMOUNT_FLAGS))?;
    let stage_at = find(DealRole::Stage);
    let (won_at, closed_at) = (find(DealRole::Won), find(DealRole::Closed));
    if stage_at.is_none() && (won_at.is_none() || closed_at.is_none()) {
        return Err(missing("stage or won/lost", OUTCOME_FLAGS));
    }
    let close_at = find(DealRole::Close).ok_or_else(|| missing("close date", CLOSE_FLAGS))?;
    let created_at = find(DealRole::Created);
    let (partner_at, sourced_at, influenced_at) = (
        find(DealRole::Partner),
        find(DealRole::Sourced),
        find(DealRole::Influenced),
    );
    if partner_at.is_none() && sourced_at.is_none() && influenced_at.is_none() {
        return Err(missing("partner", PARTNER_FLAGS));
    }
    let segment_at = find(DealRole::Segment);
    let name_at = find(DealRole::Name);

    // One pass to see how the dates are written, since `3/4/2024` alone does not say.
    // Folded a cell at a time and stopped at the first day-first date: keeping every
    // date's text for a second look cost a million strings on a million rows.
    let mut order = DayOrder::YearFirst;
    file.for_each_row(|_, row| {
        for at in [Some(close_at), created_at].into_iter().flatten() {
            if let Some(cell) = row.get(at) {
                order = day_order_after(order, &cell);
            }
        }
        if order == DayOrder::DayFirst {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;

    let mut deals = Vec::new();
    let mut skipped: Vec<(DealSkip, Tally)> = Vec::new();
    let mut rows = 0;
    file.for_each_row(|line, row| {
        rows += 1;
        // Borrowed from the row where it can be: only the cells a deal keeps (partner,
        // segment, name) are copied, not every cell read.
        let text = |at: Option<usize>| {
            let cell = match row.get(at?)? {
                Cow::Borrowed(cell) => Cow::Borrowed(cell.trim()),
                Cow::Owned(cell) => Cow::Owned(cell.trim().to_string()),
            };
            (!cell.is_empty()).then_some(cell)
        };
        match deal(
            line,
            order,
            &text,
            [stage_at, won_at, closed_at],
            amount_at,
            [created_at, Some(close_at)],
            [partner_at, sourced_at, influenced_at, segment_at, name_at],
        ) {
            Ok(deal) => deals.push(deal),
            Err(reason) => {
                let tally = match skipped.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, tally)) => tally,
                    None => {
                        skipped.push((reason, Tally::default()));
                        &mut skipped.last_mut().expect("just pushed").1
                    }
                };
                tally.count += 1;
                if tally.lines.len() < LINES_KEPT {
                    tally.lines.push(line);
                }
            }
        }
        ControlFlow::Continue(())
    })?;
    skipped.sort_by_key(|(reason, _)| *reason);
    Ok(DealExport {
        columns,
        day_order: order,
        rows,
        deals,
        skipped,
    })
}

/// One row -> a deal, or why not.
fn deal<'r>(
    line: u64,
    order: DayOrder,
    text: &dyn Fn(Option<usize>) -> Option<Cow<'r, str>>,
    [stage_at, won_at, closed_at]: [Option<usize>; 3],
    amount_at: usize,
    [created_at, close_at]: [Option<usize>; 2],
    [partner_at, sourced_at, influenced_at, segment_at, name_at]: [Option<usize>; 5],
) -> Result<Deal, DealSkip> {
    let yes_no = |at: Option<usize>| -> Result<Option<bool>, DealSkip> {
        match at {
            None => Ok(None),
            Some(_) => flag(&text(at).unwrap_or_default())
                .map(Some)
                .ok_or(DealSkip::BadFlag),
        }
    };
    // The won/closed flags are the CRM's own booleans; a custom stage name may not be known.
    let outcome = match (yes_no(closed_at)?, yes_no(won_at)?) {
        (Some(true), Some(true)) => Outcome::Won,
        (Some(true), Some(false)) => Outcome::Lost,
        (Some(false), _) => Outcome::Open,
        _ => match text(stage_at) {
            Some(cell) => stage(&cell),
            None => return Err(DealSkip::NoOutcome),
        },
    };
    let amount = match text(Some(amount_at)) {
        Some(cell) => Some(amount(&cell).ok_or(DealSkip::BadAmount)?),
        None => None,
    };
    let when = |at| match text(at) {
        Some(cell) => date(&cell, order).map(Some).ok_or(DealSkip::BadDate),
        None => Ok(None),
    };
    Ok(Deal {
        line,
        amount,
        outcome,
        created: when(created_at)?,
        close: when(close_at)?,
        partner: text(partner_at).map(Cow::into_owned),
        sourced: yes_no(sourced_at)?.unwrap_or(false),
        influenced: yes_no(influenced_at)?.unwrap_or(false),
        segment: text(segment_at).map(Cow::into_owned),
        name: text(name_at).map(Cow::into_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn export(text: &str) -> Result<DealExport, Error> {
        let file = CsvFile::from_bytes(Path::new("deals.csv"), text.as_bytes().to_vec())?;
        read(&file, &ColumnChoice::default())
    }

    #[test]
    fn reads_a_salesforce_report_with_flags_and_us_dates() {
        let e = export(
            "\u{feff}Opportunity Name,Amount,Stage,Created Date,Close Date,Won,Closed,Partner Account\n\
             Acme renewal,\"$12,500.00\",Closed Won,1/15/2024,3/15/2024,TRUE,TRUE,Northwind\n\
             Beta,\"$8,000.00\",Signed,2/1/2024,2/20/2024,FALSE,TRUE,\n\
             Gamma,,Prospecting,2/1/2024,12/20/2024,FALSE,FALSE,Northwind\n",
        )
        .unwrap();
        assert_eq!(e.day_order, DayOrder::MonthFirst);
        let d = &e.deals;
        assert_eq!(d.len(), 3);
        assert_eq!(
            (d[0].outcome, d[0].amount, d[0].partner.as_deref()),
            (Outcome::Won, Some(12_500.0), Some("Northwind"))
        );
        assert_eq!(d[0].close, Date::new(2024, 3, 15));
        assert_eq!(
            (d[1].outcome, d[1].partner.as_deref()),
            (Outcome::Lost, None)
        );
        assert_eq!((d[2].outcome, d[2].amount), (Outcome::Open, None));
        // Names are not asked for, so none is read.
        assert!(d.iter().all(|d| d.name.is_none()));
    }

    #[test]
    fn reads_a_hubspot_export_with_euro_amounts_and_semicolons() {
        let e = export(
            "sep=;\nDeal Name;Deal Stage;Amount;Create Date;Close Date;Partner Sourced;Partner Influenced\n\
             A;closedwon;12.500,00 €;2024-01-15 10:23;2024-03-15 09:00;true;false\n\
             B;closedlost;900;2024-01-15;2024-02-01;;true\n",
        )
        .unwrap();
        assert_eq!(e.deals.len(), 2);
        assert_eq!(e.deals[0].amount, Some(12_500.0));
        assert!(e.deals[0].sourced && !e.deals[0].influenced);
        assert_eq!(e.deals[1].outcome, Outcome::Lost);
        assert!(e.deals[1].influenced);
        assert_eq!(e.deals[0].line, 3);
    }

    #[test]
    fn skips_unreadable_rows_with_their_lines() {
        let e = export(
            "Amount,Stage,Close Date,Partner\n\
             lots,Closed Won,2024-01-01,P\n\
             100,Closed Won,someday,P\n\
             100,,2024-01-01,P\n\
             100,Closed Lost,2024-01-01,P\n",
        )
        .unwrap();
        assert_eq!(e.deals.len(), 1);
        let reasons: Vec<_> = e
            .skipped
            .iter()
            .map(|(r, t)| (*r, t.lines.clone()))
            .collect();
        assert_eq!(
            reasons,
            [
                (DealSkip::NoOutcome, vec![4]),
                (DealSkip::BadAmount, vec![2]),
                (DealSkip::BadDate, vec![3])
            ]
        );
    }

    #[test]
    fn a_missing_column_is_reported_at_the_header() {
        let err = export("\n\nName,Stage,Close Date,Partner\nx,won,2024-01-01,P\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        let msg = err.to_string();
        assert!(
            msg.contains("no amount column") && msg.contains("--amount"),
            "{msg}"
        );
        let err = export("Amount,Stage,Close Date\n1,won,2024-01-01\n").unwrap_err();
        assert!(err.to_string().contains("no partner column"), "{err}");
    }
}
