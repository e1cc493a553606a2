//! `OverlapReport` -> text, one function per format, and the `--out` CSV. Returns strings;
//! only `commands::accounts` writes them.

use std::fmt::Write as _;

use crate::render::grid::{Cell, Grid};
use crate::render::Style;

use crm_export::printable;

use super::compare::SharedAccount;
use super::report::{OverlapReport, SideReport};

/// Lines listed per skip reason in a table: enough to open the file and see the pattern.
const LINES_SHOWN: usize = 5;

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

pub fn render(report: &OverlapReport, format: Format, style: Style) -> String {
    match format {
        Format::Table => text(report, false, style),
        Format::Markdown => text(report, true, style),
        Format::Json => json(report),
    }
}

/// Written by the report's one JSON writer, which also keeps hidden characters of an
/// account name or a file name out of the output.
fn json(report: &OverlapReport) -> String {
    crate::render::json::to_string(report)
}

fn text(report: &OverlapReport, markdown: bool, style: Style) -> String {
    let mut out = String::new();
    let heading = format!(
        "{}, matched on {}{}",
        counted(report.overlap, "shared account", "shared accounts"),
        report.key_kind.as_str(),
        if report.matched_on == "plain" {
            ""
        } else {
            " (keyed hashes)"
        }
    );
    if markdown {
        let _ = writeln!(out, "## Account overlap\n\n{heading}\n");
    } else {
        let _ = writeln!(out, "{heading}\n");
    }

    let mut table = Grid::new(&["", "ours", "theirs"]).right(&[1, 2]);
    let (a, b) = (&report.ours, &report.theirs);
    let rows: [(&str, String, String); 7] = [
        ("file", a.file.clone(), b.file.clone()),
        ("key", key(a), key(b)),
        ("rows", group(a.rows), group(b.rows)),
        ("skipped rows", group(a.skipped), group(b.skipped)),
        (
            "duplicate rows",
            group(a.duplicate_rows),
            group(b.duplicate_rows),
        ),
        ("accounts", group(a.accounts), group(b.accounts)),
        (
            "shared",
            shared(report.overlap, report.overlap_pct_of_ours),
            shared(report.overlap, report.overlap_pct_of_theirs),
        ),
    ];
    for (label, ours, theirs) in rows {
        table.row(vec![Cell::new(label), Cell::new(ours), Cell::new(theirs)]);
    }
    out.push_str(&table.laid_out(markdown, style));

    let skipped: Vec<String> = [a, b].into_iter().flat_map(skip_lines).collect();
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nSkipped rows (no usable key):");
        for line in skipped {
            let _ = writeln!(out, "{} {line}", if markdown { "-" } else { " " });
        }
    }
    for (side, flag) in [(a, "--key"), (b, "--their-key")] {
        // Most rows unusable usually means the wrong column, not a bad export.
        if side.key_column.is_some() && side.skipped * 2 > side.rows {
            let _ = writeln!(
                out,
                "\nMost rows of {} have no usable key in `{}`; if another column holds the \
                 accounts, choose it with {flag}.",
                side.file,
                printable(side.key_column.as_deref().unwrap_or_default())
            );
        }
    }
    let _ = writeln!(out);
    match report.icp_overlap_pct {
        Some(pct) => {
            let _ = writeln!(
                out,
                "ICP overlap: {pct}% (the smaller share, so it holds for both sides)."
            );
        }
        None => {
            let _ = writeln!(
                out,
                "ICP overlap: unknown, one side has no usable accounts."
            );
        }
    }
    out
}

fn key(side: &SideReport) -> String {
    match &side.key_column {
        Some(column) => format!("{} ({})", printable(column), side.key_source),
        None => "hashed".to_string(),
    }
}

fn shared(overlap: u64, pct: Option<f64>) -> String {
    match pct {
        Some(pct) => format!("{} = {pct}%", group(overlap)),
        None => group(overlap),
    }
}

fn skip_lines(side: &SideReport) -> Vec<String> {
    side.skipped_by_reason
        .iter()
        .map(|skip| {
            let shown: Vec<String> = skip
                .lines
                .iter()
                .take(LINES_SHOWN)
                .map(|l| l.to_string())
                .collect();
            let more = skip.count - shown.len() as u64;
            let more = if more > 0 {
                format!(" and {} more", group(more))
            } else {
                String::new()
            };
            if skip.count == 1 {
                format!("{}:{}: {}", side.file, shown.join(""), skip.description)
            } else {
                format!(
                    "{}: {} rows: {} (lines {}{more})",
                    side.file,
                    group(skip.count),
                    skip.description,
                    shown.join(", ")
                )
            }
        })
        .collect()
}

/// What `accounts hash` says about its input on stderr.
pub fn hash_summary(side: &SideReport, kind: &str) -> String {
    let mut out = format!(
        "hashed {} from {} (column `{}`): {}, {} skipped, {}\n",
        counted(
            side.accounts,
            &format!("{kind} account"),
            &format!("{kind} accounts")
        ),
        side.file,
        printable(side.key_column.as_deref().unwrap_or("")),
        counted(side.rows, "row", "rows"),
        group(side.skipped),
        counted(side.duplicate_rows, "duplicate", "duplicates"),
    );
    for line in skip_lines(side) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// `n` grouped, then `one` or `many` as `n` calls for: "1 shared account", "0 rows".
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// 1234567 -> "1,234,567".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The `--out` file: one shared account per row, as a CSV a spreadsheet opens.
pub fn shared_csv(accounts: &[SharedAccount]) -> String {
    let mut out = String::from("account,ours,theirs,our_line,their_line\n");
    for a in accounts {
        let _ = writeln!(
            out,
            "{},{},{},{},{}",
            csv_field(&a.account),
            csv_field(&a.ours),
            csv_field(&a.theirs),
            a.our_line,
            a.their_line
        );
    }
    out
}

fn csv_field(value: &str) -> String {
    // A value from a partner's file that starts like a formula would run as one when the
    // file is opened in a spreadsheet; a leading apostrophe makes it text.
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn counts_are_singular_only_for_one() {
        let shared = |n| counted(n, "shared account", "shared accounts");
        assert_eq!(shared(0), "0 shared accounts");
        assert_eq!(shared(1), "1 shared account");
        assert_eq!(shared(2), "2 shared accounts");
        assert_eq!(shared(1001), "1,001 shared accounts");
    }

    #[test]
    fn quotes_csv_fields_only_when_needed() {
        assert_eq!(csv_field("acme.com"), "acme.com");
        assert_eq!(csv_field("Acme, \"Inc\""), "\"Acme, \"\"Inc\"\"\"");
    }

    #[test]
    fn defuses_values_a_spreadsheet_would_run_as_formulas() {
        assert_eq!(
            csv_field("=HYPERLINK(\"x\")@acme.com"),
            "\"'=HYPERLINK(\"\"x\"\")@acme.com\""
        );
        assert_eq!(csv_field("+1@acme.com"), "'+1@acme.com");
    }
}
