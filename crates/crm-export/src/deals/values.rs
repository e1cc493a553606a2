//! One cell of a deal export -> a value: currency amounts, dates, yes/no flags and stages.
//! Each parser returns `None` for a cell it cannot read, so the caller can skip the row with
//! its line; an empty cell is `Ok(None)`-like and handled by the caller before parsing.

use std::sync::LazyLock;

use serde::Serialize;

/// A calendar date, stored as days since 1970-01-01 for differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// How a column writes the day and month when both are numbers before the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayOrder {
    /// Every date starts with the year (`2024-01-15`), so no order had to be chosen.
    YearFirst,
    /// `1/15/2024` (Salesforce in the US locale).
    MonthFirst,
    /// `15/01/2024`, `15.01.2024` (most other locales).
    DayFirst,
}

/// Reads `2024-01-15`, `2024-01-15 10:23`, `2024-01-15T10:23:00Z`, `2024/01/15`, and day,
/// month and year in `order` separated by `/`, `.` or `-` (two-digit years are 20xx).
pub fn date(cell: &str, order: DayOrder) -> Option<Date> {
    let cell = cell.trim();
    let date_part = cell.split([' ', 'T']).next()?;
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (a, b, c, c_len) = (num(a)?, num(b)?, num(c)?, c.len());
    if parts[0].len() == 4 {
        return Date::new(a as i32, b, c);
    }
    let year = match c_len {
        4 => c as i32,
        2 => 2000 + c as i32,
        _ => return None,
    };
    match order {
        DayOrder::MonthFirst | DayOrder::YearFirst => Date::new(year, a, b),
        DayOrder::DayFirst => Date::new(year, b, a),
    }
}

/// The day order of a column from its cells: day first when any cell's first number is
/// above 12 (`15/01/2024`), or when the column uses dots (`15.01.2024`); month first
/// otherwise, as Salesforce writes dates in the US locale; year first when every date
/// starts with its year.
pub fn day_order<'a>(cells: impl Iterator<Item = &'a str>) -> DayOrder {
    let mut order = DayOrder::YearFirst;
    for cell in cells {
        order = day_order_after(order, cell);
        if order == DayOrder::DayFirst {
            break;
        }
    }
    order
}

/// [`day_order`] one cell at a time: the order after `cell`, given the order of the cells
/// before it. `DayFirst` is final.
pub fn day_order_after(order: DayOrder, cell: &str) -> DayOrder {
    let cell = cell.trim();
    let Some(first) = cell.split(['-', '/', '.']).next() else {
        return order;
    };
    if order == DayOrder::DayFirst || first.len() == 4 {
        return order;
    }
    if cell.contains('.') || first.parse::<u32>().is_ok_and(|n| n > 12) {
        return DayOrder::DayFirst;
    }
    DayOrder::MonthFirst
}

/// Reads a currency cell: `12500`, `$12,500.00`, `12.500,00 €`, `EUR 12 500`, `1'250.50`,
/// `(1,000)` (negative). The currency itself is ignored: one export is one currency.
pub fn amount(cell: &str) -> Option<f64> {
    let cell = cell.trim();
    let negative = cell.starts_with('(') && cell.ends_with(')') || cell.contains('-');
    let kept: String = cell
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    if kept.is_empty() || !kept.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // Anything but digits, separators, spaces, signs and currency marks is not an amount.
    let stray = cell.chars().any(|c| {
        !(c.is_ascii_digit()
            || matches!(c, '.' | ',' | '\'' | '-' | '+' | '(' | ')' | ' ')
            || c.is_whitespace()
            || c.is_alphabetic() && c.is_ascii_uppercase()
            || matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₺' | '₽'))
    });
    if stray {
        return None;
    }
    let last_dot = kept.rfind('.');
    let last_comma = kept.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(_), None) => single_separator(&kept, '.'),
        (None, Some(_)) => single_separator(&kept, ','),
        (None, None) => None,
    };
    let normal: String = kept
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            c if Some(c) == decimal => Some('.'),
            _ => None,
        })
        .collect();
    let value: f64 = normal.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// Whether the only kind of separator in `digits` is a decimal mark: once, and not followed
/// by exactly three digits (`12,500` and `1.250` are thousands, `12,5` and `1.25` decimals).
fn single_separator(digits: &str, sep: char) -> Option<char> {
    let count = digits.matches(sep).count();
    let after = digits.len() - digits.rfind(sep)? - 1;
    (count == 1 && after != 3).then_some(sep)
}

/// What a closed or open deal came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Won,
    Lost,
    Open,
}

/// The words of `[first]` and `[second]` in a two-section list.
struct Words {
    first: Vec<&'static str>,
    second: Vec<&'static str>,
}

fn two_sections(text: &'static str, first: &str, second: &str) -> Words {
    let sections = super::sections(text);
    let get = |name: &str| {
        sections
            .iter()
            .find(|(s, _)| *s == name)
            .map(|(_, words)| words.clone())
            .unwrap_or_default()
    };
    Words {
        first: get(first),
        second: get(second),
    }
}

static STAGES: LazyLock<Words> =
    LazyLock::new(|| two_sections(include_str!("../data/deal_stages.txt"), "won", "lost"));
static FLAGS: LazyLock<Words> =
    LazyLock::new(|| two_sections(include_str!("../data/flag_values.txt"), "yes", "no"));

/// "Closed Won", "closedwon", "Won" -> won; "Closed Lost", "closedlost" -> lost; any other
/// stage ("Negotiation/Review", "appointmentscheduled") -> open.
pub fn stage(cell: &str) -> Outcome {
    let compact = super::columns::compact(cell);
    if STAGES.first.iter().any(|w| compact.starts_with(w)) {
        Outcome::Won
    } else if STAGES.second.iter().any(|w| compact.starts_with(w)) {
        Outcome::Lost
    } else {
        Outcome::Open
    }
}

/// `TRUE`, `yes`, `1`, `x` -> true; `FALSE`, `no`, `0`, empty -> false; anything else `None`.
pub fn flag(cell: &str) -> Option<bool> {
    let word = cell.trim().to_lowercase();
    if word.is_empty() || FLAGS.second.contains(&word.as_str()) {
        Some(false)
    } else if FLAGS.first.contains(&word.as_str()) {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_currency_cells_of_both_conventions() {
        assert_eq!(amount("$12,500.00"), Some(12_500.0));
        assert_eq!(amount("12.500,00 €"), Some(12_500.0));
        assert_eq!(amount("EUR 12 500"), Some(12_500.0));
        assert_eq!(amount("1'250.50"), Some(1_250.5));
        assert_eq!(amount("12,5"), Some(12.5));
        assert_eq!(amount("1.250"), Some(1_250.0));
        assert_eq!(amount("1,234,567"), Some(1_234_567.0));
        assert_eq!(amount("48000"), Some(48_000.0));
        assert_eq!(amount("(1,000)"), Some(-1_000.0));
        assert_eq!(amount("about 5k"), None);
        assert_eq!(amount("n/a"), None);
        assert_eq!(amount("$"), None);
    }

    #[test]
    fn reads_dates_in_each_crm_format() {
        let d = Date::new(2024, 1, 15);
        assert_eq!(date("2024-01-15", DayOrder::MonthFirst), d);
        assert_eq!(date("2024-01-15 10:23", DayOrder::MonthFirst), d);
        assert_eq!(date("2024-01-15T10:23:00Z", DayOrder::DayFirst), d);
        assert_eq!(date("1/15/2024", DayOrder::MonthFirst), d);
        assert_eq!(date("15.01.2024", DayOrder::DayFirst), d);
        assert_eq!(date("15/01/24", DayOrder::DayFirst), d);
        assert_eq!(date("2024-02-30", DayOrder::MonthFirst), None);
        assert_eq!(date("next week", DayOrder::MonthFirst), None);
    }

    #[test]
    fn day_order_follows_the_column() {
        assert_eq!(
            day_order(["1/5/2024", "3/15/2024"].into_iter()),
            DayOrder::MonthFirst
        );
        assert_eq!(
            day_order(["1/5/2024", "15/3/2024"].into_iter()),
            DayOrder::DayFirst
        );
        assert_eq!(day_order(["01.05.2024"].into_iter()), DayOrder::DayFirst);
        assert_eq!(day_order(["2024-05-01"].into_iter()), DayOrder::YearFirst);
    }

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2024, 3, 1).unwrap().days(), 19_783);
        let (a, b) = (
            Date::new(2024, 1, 15).unwrap(),
            Date::new(2024, 3, 15).unwrap(),
        );
        assert_eq!(b.days() - a.days(), 60);
    }

    #[test]
    fn reads_stages_and_flags() {
        assert_eq!(stage("Closed Won"), Outcome::Won);
        assert_eq!(stage("closedwon"), Outcome::Won);
        assert_eq!(stage("Closed Lost - No Decision"), Outcome::Lost);
        assert_eq!(stage("Negotiation/Review"), Outcome::Open);
        assert_eq!(stage("appointmentscheduled"), Outcome::Open);
        assert_eq!(flag("TRUE"), Some(true));
        assert_eq!(flag(""), Some(false));
        assert_eq!(flag("maybe"), None);
    }

    proptest::proptest! {
        /// Cells come from users: every parser returns a value or `None`, never panics,
        /// and a parsed amount is a number.
        #[test]
        fn cell_parsers_never_panic(cell in "\\PC{0,24}") {
            if let Some(v) = amount(&cell) {
                proptest::prop_assert!(!v.is_nan());
            }
            let _ = date(&cell, DayOrder::DayFirst);
            let _ = date(&cell, DayOrder::MonthFirst);
            let _ = stage(&cell);
            let _ = flag(&cell);
        }

        /// Cells made of what amounts are written with reach the separator logic, not only
        /// the early refusals.
        #[test]
        fn amount_like_cells_never_panic(cell in "[-0-9.,'$€ ()EUR]{0,16}") {
            if let Some(v) = amount(&cell) {
                proptest::prop_assert!(!v.is_nan());
            }
        }
    }
}
