//! `DealsReport` -> text, one function per format; its tables are [`Grid`]s, laid out
//! to the width like every other table. Returns strings; only
//! `commands::deals` writes them. No deal or account name is in the report to print.

use std::fmt::Write as _;

use crate::render::grid::{Cell, Grid};
use crate::render::Style;

use crm_export::printable;

use crm_export::deals::Outcome;

use super::report::{Comparison, DealsReport, Figure, ListedDeal, PartnerComparison, Uplift};

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

pub fn render(report: &DealsReport, format: Format, style: Style) -> String {
    match format {
        Format::Table => text(report, false, style),
        Format::Markdown => text(report, true, style),
        // The report's one JSON writer, which also keeps hidden characters of a partner's
        // name out of the output.
        Format::Json => crate::render::json::to_string(report),
    }
}

fn text(report: &DealsReport, markdown: bool, style: Style) -> String {
    let mut out = String::new();
    let heading = format!(
        "Deals with each partner against matched deals without one ({})",
        printable(&report.file)
    );
    if markdown {
        let _ = writeln!(out, "## {heading}\n");
    } else {
        let _ = writeln!(out, "{heading}\n");
    }
    let columns: Vec<String> = report
        .columns
        .iter()
        .map(|c| {
            format!(
                "{} = `{}`{}",
                c.role.as_str(),
                printable(&c.header),
                if c.named { " (named)" } else { "" }
            )
        })
        .collect();
    let skipped: u64 = report.skipped.iter().map(|s| s.count).sum();
    // In markdown, one list item per line, so the lines do not run into one paragraph.
    let item = if markdown { "- " } else { "" };
    let _ = writeln!(out, "{item}Columns: {}.", columns.join(", "));
    let _ = writeln!(
        out,
        "{item}Rows: {}, deals: {}, skipped: {skipped}; without a partner: {} ({} closed, {} open).",
        report.rows,
        report.deals,
        report.without_partner.total,
        report.without_partner.won + report.without_partner.lost,
        report.without_partner.open
    );
    for s in &report.skipped {
        let lines: Vec<String> = s.lines.iter().take(5).map(u64::to_string).collect();
        let more = if s.count as usize > lines.len() {
            ", ..."
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {}skipped {}: {} ({} {}{more})",
            item,
            s.count,
            s.description,
            if s.count == 1 { "line" } else { "lines" },
            lines.join(", ")
        );
    }
    let d = &report.direct;
    let _ = writeln!(
        out,
        "{item}Your direct baseline (all deals without a partner): win rate {}, average won deal {}, median cycle (days) {}.",
        figure(&d.win_rate, percent),
        figure(&d.average_deal, amount),
        figure(&d.cycle_days, days)
    );
    for p in &report.partners {
        partner(&mut out, p, markdown, style);
    }
    if report.partners.is_empty() {
        let _ = writeln!(out, "\nNo deal names or flags a partner.");
    }
    method(&mut out, report, markdown);
    out
}

fn partner(out: &mut String, p: &PartnerComparison, markdown: bool, style: Style) {
    let title = format!("{}. {}", p.rank, printable(&p.partner));
    if markdown {
        let _ = writeln!(out, "\n### {title}\n");
    } else {
        let _ = writeln!(out, "\n{title}");
    }
    let d = &p.deals;
    let item = if markdown { "- " } else { "" };
    let _ = writeln!(
        out,
        "{item}{}: {} won, {} lost, {} open (worked together); {} sourced, {} influenced, {} role not stated.",
        counted(d.total, "deal", "deals"),
        d.won, d.lost, d.open, d.sourced, d.influenced, d.role_not_stated
    );
    let m = &p.matching;
    let _ = writeln!(
        out,
        "{item}Matched: {} with the partner against {} without, in {}; {} with the partner had no match.{}",
        counted(m.with, "closed deal", "closed deals"),
        m.without,
        counted(m.cells, "band/segment/period cell", "band/segment/period cells"),
        m.unmatched,
        if markdown { "\n" } else { "" }
    );
    let mut table = Grid::new(&["", "with partner", "matched, without"]).right(&[1, 2]);
    let rows: [Row; 3] = [
        ("win rate", &p.win_rate, percent),
        ("median deal size", &p.deal_size, amount),
        ("median cycle (days)", &p.cycle_days, days),
    ];
    for (name, c, show) in rows {
        table.row(vec![
            Cell::new(name),
            Cell::new(figure(&c.with, show)),
            Cell::new(figure(&c.without, show)),
        ]);
    }
    out.push_str(&table.laid_out(markdown, style));
    let uplift = match &p.uplift {
        Uplift::Measured {
            ratio,
            low,
            high,
            says,
            ..
        } => format!("{ratio:.2}x (95 % interval {low:.2}-{high:.2}x), {says}"),
        Uplift::NotMeasured { says } => says.clone(),
    };
    let _ = writeln!(
        out,
        "{}Win-rate uplift: {uplift}.",
        if markdown { "\n" } else { "" }
    );
    if let Some(listed) = &p.listed {
        listed_deals(out, listed, markdown, style);
    }
}

/// The partner's deals, asked for with `--show-deals`.
fn listed_deals(out: &mut String, listed: &[ListedDeal], markdown: bool, style: Style) {
    let mut table =
        Grid::new(&["line", "deal", "outcome", "amount", "close", "matched"]).right(&[0, 3]);
    for d in listed {
        table.row(vec![
            Cell::new(d.line),
            Cell::new(d.name.as_deref().map(printable).unwrap_or_default()),
            Cell::new(match d.outcome {
                Outcome::Won => "won",
                Outcome::Lost => "lost",
                Outcome::Open => "open",
            }),
            Cell::new(d.amount.map(amount).unwrap_or_default()),
            Cell::new(d.close.as_deref().unwrap_or_default()),
            Cell::new(if d.matched { "yes" } else { "no" }),
        ]);
    }
    let _ = write!(
        out,
        "\nDeals with the partner:\n{}{}",
        if markdown { "\n" } else { "" },
        table.laid_out(markdown, style)
    );
}

/// A table row: its name, its two figures, and how a value is written.
type Row<'a> = (&'static str, &'a Comparison, fn(f64) -> String);

/// `value (low-high, n deals)`, or the words for too few deals.
fn figure(f: &Figure, show: fn(f64) -> String) -> String {
    match f {
        Figure::Measured {
            value,
            low: Some(low),
            high: Some(high),
            deals,
        } => format!(
            "{} ({}-{}, n={deals})",
            show(*value),
            show(*low),
            show(*high)
        ),
        Figure::Measured { value, deals, .. } => format!("{} (n={deals})", show(*value)),
        Figure::NotEnough { deals, says } => format!("{says} (n={deals})"),
    }
}

/// `1 deal`, `3 deals`.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn days(v: f64) -> String {
    format!("{v:.0}")
}

/// Whole currency units with thousands separators; the export's currency is not known.
fn amount(v: f64) -> String {
    let whole = format!("{:.0}", v.abs());
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if v < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn method(out: &mut String, report: &DealsReport, markdown: bool) {
    let m = &report.method;
    let bands: Vec<&str> = m.bands.iter().map(|b| b.name.as_str()).collect();
    let lines = [
        format!(
            "Matched on size band ({}), {}period of the close date ({} months). Bands: {}. Period: {}.",
            bands.join(", "),
            match &m.segment_column {
                Some(c) => format!("segment (`{}`), ", printable(c)),
                None => String::new(),
            },
            m.period_months,
            m.bands_source,
            m.period_source
        ),
        format!("Matching: {}.", m.matching_source),
        format!(
            "Intervals at {:.0} %: rates, {}; medians, {}; uplift, {}.",
            m.level * 100.0,
            m.rate_interval,
            m.median_interval,
            m.ratio_interval
        ),
        format!(
            "A figure needs {} deals behind it: {}.",
            m.min_deals, m.min_deals_source
        ),
        format!(
            "Expected uplift {}-{}x: {}.",
            m.uplift_range[0], m.uplift_range[1], m.uplift_source
        ),
    ];
    let _ = writeln!(
        out,
        "\n{}",
        if markdown {
            "### How this was computed\n"
        } else {
            "How this was computed:"
        }
    );
    for line in lines {
        let _ = writeln!(out, "{}{line}", if markdown { "- " } else { "  " });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_in_thousands() {
        assert_eq!(amount(6_500.0), "6,500");
        assert_eq!(amount(1_234_567.4), "1,234,567");
        assert_eq!(amount(999.0), "999");
    }
}
