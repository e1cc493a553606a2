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
use std::sync::Arc;

use foldhash::{HashMap, HashSet};

use serde::Serialize;

pub use columns::{compact, ColumnChoice, DealRole, UsedColumn};
pub use values::{amount, date, day_order, day_order_after, flag, stage, Date, DayOrder, Outcome};

use crate::error::{Error, Problem};
use crate::skip::{Tally, LINES_KEPT};
use crate::{CsvFile, Row};

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
    /// has no partner column. Shared by every deal that names the same partner.
    pub partner: Option<Arc<str>>,
    /// A partner sourced the deal (a sourced flag column says so).
    pub sourced: bool,
    /// A partner influenced the deal (an influenced flag column says so).
    pub influenced: bool,
    /// Shared, like the partner, by every deal of the same segment.
    pub segment: Option<Arc<str>>,
    /// The deal's name, when the caller asked for names and the export has them.
    pub name: Option<Box<str>>,
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

    let at = Columns {
        outcome: [stage_at, won_at, closed_at],
        amount: amount_at,
        dates: [created_at, Some(close_at)],
        rest: [partner_at, sourced_at, influenced_at, segment_at, name_at],
    };
    // `3/4/2024` alone does not say how the dates are written, and one day-first cell
    // (`15/3/2024`, `15.03.2024`) decides it for the whole file. Month first and year
    // first read a date the same way, so the rows are read month first while the cells
    // seen so far allow it, and read again from the top only once a day-first cell shows
    // up: one pass for a month-first or year-first export (a pass to find the order
    // first read every row of those twice).
    match pass(file, &at, DayOrder::YearFirst)? {
        Pass::Read(read) => Ok(read.finish(columns)),
        Pass::DayFirst => match pass(file, &at, DayOrder::DayFirst)? {
            Pass::Read(read) => Ok(read.finish(columns)),
            Pass::DayFirst => unreachable!("a day-first pass never stops for the day order"),
        },
    }
}

/// Where each cell a deal is made of sits in the row.
struct Columns {
    /// Stage, won flag, closed flag.
    outcome: [Option<usize>; 3],
    amount: usize,
    /// Created, close.
    dates: [Option<usize>; 2],
    /// Partner, sourced flag, influenced flag, segment, name.
    rest: [Option<usize>; 5],
}

enum Pass {
    Read(Reading),
    /// A day-first date turned up in a pass that read dates month first.
    DayFirst,
}

/// The rows read so far.
struct Reading {
    order: DayOrder,
    rows: u64,
    deals: Vec<Deal>,
    skipped: Vec<(DealSkip, Tally)>,
    /// Each partner and segment as written, stored once: a million deals name a few
    /// dozen partners, and a copy of the name per deal was most of the memory read.
    texts: HashSet<Arc<str>>,
    /// Stages read so far and what they mean, up to [`STAGES_KEPT`].
    stages: HashMap<Box<str>, Outcome>,
}

/// Distinct stage values remembered: far more than a pipeline has stages, few enough
/// that a free-text column cannot fill memory.
const STAGES_KEPT: usize = 1024;

impl Reading {
    fn skip(&mut self, line: u64, reason: DealSkip) {
        let tally = match self.skipped.iter_mut().position(|(r, _)| *r == reason) {
            Some(i) => &mut self.skipped[i].1,
            None => {
                self.skipped.push((reason, Tally::default()));
                &mut self.skipped.last_mut().expect("just pushed").1
            }
        };
        tally.count += 1;
        if tally.lines.len() < LINES_KEPT {
            tally.lines.push(line);
        }
    }

    fn shared(&mut self, text: &str) -> Arc<str> {
        match self.texts.get(text) {
            Some(shared) => Arc::clone(shared),
            None => {
                let shared: Arc<str> = Arc::from(text);
                self.texts.insert(Arc::clone(&shared));
                shared
            }
        }
    }

    /// [`stage`] of a cell, looked up: a stage column holds a few values a million times.
    fn stage(&mut self, cell: &str) -> Outcome {
        if let Some(outcome) = self.stages.get(cell) {
            return *outcome;
        }
        let outcome = stage(cell);
        if self.stages.len() < STAGES_KEPT {
            self.stages.insert(cell.into(), outcome);
        }
        outcome
    }

    fn finish(mut self, columns: Vec<UsedColumn>) -> DealExport {
        self.skipped.sort_by_key(|(reason, _)| *reason);
        DealExport {
            columns,
            day_order: self.order,
            rows: self.rows,
            deals: self.deals,
            skipped: self.skipped,
        }
    }
}

/// Reads every row with dates in `order`, or, when `order` is not day first, until a
/// cell shows the dates are written day first.
fn pass(file: &CsvFile, at: &Columns, order: DayOrder) -> Result<Pass, Error> {
    let mut read = Reading {
        order,
        rows: 0,
        deals: Vec::with_capacity(usize::try_from(file.rows_estimate()).unwrap_or(0)),
        skipped: Vec::new(),
        texts: HashSet::default(),
        stages: HashMap::default(),
    };
    let mut day_first = false;
    file.for_each_row(|line, row| {
        let dates = at.dates.map(|i| row.get(i?));
        if read.order != DayOrder::DayFirst {
            // Every row's dates count, those of rows skipped for another cell too.
            for cell in dates.iter().rev().flatten() {
                read.order = day_order_after(read.order, cell);
            }
            if read.order == DayOrder::DayFirst {
                day_first = true;
                return ControlFlow::Break(());
            }
        }
        read.rows += 1;
        match deal(line, read.order, row, &dates, at, &mut read) {
            Ok(deal) => read.deals.push(deal),
            Err(reason) => read.skip(line, reason),
        }
        ControlFlow::Continue(())
    })?;
    Ok(if day_first {
        Pass::DayFirst
    } else {
        Pass::Read(read)
    })
}

/// Cell `at` of `row`, trimmed, or `None` when it is empty or the row has no such cell.
fn text<'r>(row: &'r Row<'_>, at: Option<usize>) -> Option<Cow<'r, str>> {
    trimmed(row.get(at?)?)
}

/// `cell` trimmed, or `None` when that leaves nothing. Borrowed from the row where it
/// can be: only the text a deal keeps is copied.
fn trimmed(cell: Cow<'_, str>) -> Option<Cow<'_, str>> {
    let cell = match cell {
        Cow::Borrowed(cell) => Cow::Borrowed(values::trim(cell)),
        Cow::Owned(cell) => Cow::Owned(values::trim(&cell).to_string()),
    };
    (!cell.is_empty()).then_some(cell)
}

/// One row -> a deal, or why not.
fn deal(
    line: u64,
    order: DayOrder,
    row: &Row<'_>,
    [created, close]: &[Option<Cow<'_, str>>; 2],
    at: &Columns,
    read: &mut Reading,
) -> Result<Deal, DealSkip> {
    let [stage_at, won_at, closed_at] = at.outcome;
    let [partner_at, sourced_at, influenced_at, segment_at, name_at] = at.rest;
    let yes_no = |at: Option<usize>| -> Result<Option<bool>, DealSkip> {
        match at {
            None => Ok(None),
            Some(_) => flag(&text(row, at).unwrap_or_default())
                .map(Some)
                .ok_or(DealSkip::BadFlag),
        }
    };
    // The won/closed flags are the CRM's own booleans; a custom stage name may not be known.
    let outcome = match (yes_no(closed_at)?, yes_no(won_at)?) {
        (Some(true), Some(true)) => Outcome::Won,
        (Some(true), Some(false)) => Outcome::Lost,
        (Some(false), _) => Outcome::Open,
        _ => match text(row, stage_at) {
            Some(cell) => read.stage(&cell),
            None => return Err(DealSkip::NoOutcome),
        },
    };
    let amount = match text(row, Some(at.amount)) {
        Some(cell) => Some(amount(&cell).ok_or(DealSkip::BadAmount)?),
        None => None,
    };
    let when = |cell: &Option<Cow<'_, str>>| match cell.as_deref().map(values::trim) {
        Some(cell) if !cell.is_empty() => date(cell, order).map(Some).ok_or(DealSkip::BadDate),
        _ => Ok(None),
    };
    let (created, close) = (when(created)?, when(close)?);
    let (sourced, influenced) = (yes_no(sourced_at)?, yes_no(influenced_at)?);
    Ok(Deal {
        line,
        amount,
        outcome,
        created,
        close,
        partner: text(row, partner_at).map(|p| read.shared(&p)),
        sourced: sourced.unwrap_or(false),
        influenced: influenced.unwrap_or(false),
        segment: text(row, segment_at).map(|s| read.shared(&s)),
        name: text(row, name_at).map(|n| n.into()),
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
    fn a_day_first_date_late_in_the_file_rereads_the_dates_before_it() {
        let e = export(
            "Amount,Stage,Close Date,Partner\n\
             100,Closed Won,3/4/2024,P\n\
             100,Closed Won,4/5/2024,P\n\
             100,Closed Lost,15/4/2024,P\n",
        )
        .unwrap();
        assert_eq!(e.day_order, DayOrder::DayFirst);
        assert_eq!((e.rows, e.deals.len()), (3, 3));
        let closes: Vec<_> = e.deals.iter().map(|d| d.close).collect();
        assert_eq!(
            closes,
            [
                Date::new(2024, 4, 3),
                Date::new(2024, 5, 4),
                Date::new(2024, 4, 15)
            ]
        );
    }

    #[test]
    fn partners_and_segments_are_stored_once() {
        let e = export("Amount,Stage,Close Date,Partner\n1,won,2024-01-01,P\n2,won,2024-01-02,P\n")
            .unwrap();
        let (a, b) = (&e.deals[0].partner, &e.deals[1].partner);
        assert!(Arc::ptr_eq(a.as_ref().unwrap(), b.as_ref().unwrap()));
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
