//! One cell of a deal export -> a value: currency amounts, dates, yes/no flags and stages.
//! Each parser returns `None` for a cell it cannot read, so the caller can skip the row with
//! its line; an empty cell is `Ok(None)`-like and handled by the caller before parsing.

use std::sync::LazyLock;

use serde::Serialize;

/// A calendar date. Four bytes, since a deal holds two and an export a million deals;
/// [`Date::days`] gives the day number for differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date, when it is one (years from 0 to 9999, the four digits dates are read with).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(0..=9999).contains(&year) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then_some(Date {
            year: year as i16,
            month: month as u8,
            day: day as u8,
        })
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
    // Split as bytes: every mark looked for is ASCII, and a million cells are read.
    let cell = trim(cell).as_bytes();
    let date_part = cell.split(|b| matches!(b, b' ' | b'T')).next()?;
    // Three parts exactly, taken without collecting them.
    let mut parts = date_part.split(|b| matches!(b, b'-' | b'/' | b'.'));
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let num = |s: &[u8]| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.iter().all(u8::is_ascii_digit))
            .then(|| s.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
    };
    let (year_first, c_len) = (a.len() == 4, c.len());
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    if year_first {
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
    if order == DayOrder::DayFirst {
        return order;
    }
    let cell = trim(cell);
    let first_len = (cell.bytes())
        .position(|b| matches!(b, b'-' | b'/' | b'.'))
        .unwrap_or(cell.len());
    let first = &cell[..first_len];
    if first.len() == 4 {
        return order;
    }
    if cell.contains('.') || first.parse::<u32>().is_ok_and(|n| n > 12) {
        return DayOrder::DayFirst;
    }
    DayOrder::MonthFirst
}

/// `cell.trim()`, quicker for the usual cell that starts and ends with a character that
/// is no space: such a cell is returned as it is.
pub(crate) fn trim(cell: &str) -> &str {
    // The ASCII characters `char::is_whitespace` is true of; other spaces are not ASCII.
    let solid = |b: &u8| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r');
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if solid(first) && solid(last) => cell,
        _ => cell.trim(),
    }
}

/// Reads a currency cell: `12500`, `$12,500.00`, `12.500,00 €`, `EUR 12 500`, `1'250.50`,
/// `(1,000)` (negative). The currency itself is ignored: one export is one currency.
pub fn amount(cell: &str) -> Option<f64> {
    let cell = trim(cell);
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
    let negative = cell.starts_with('(') && cell.ends_with(')') || cell.contains('-');
    // The digits and separators, in order (all ASCII, so bytes are characters here).
    let kept = || {
        cell.bytes()
            .filter(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
    };
    // Of each separator: how often it occurs, and how many kept characters follow its
    // last occurrence (`None` when it does not occur).
    let (mut digits, mut dots, mut commas) = (0, 0, 0);
    let (mut after_dot, mut after_comma): (Option<usize>, Option<usize>) = (None, None);
    for b in kept() {
        after_dot = after_dot.map(|n| n + 1);
        after_comma = after_comma.map(|n| n + 1);
        match b {
            b'.' => (dots, after_dot) = (dots + 1, Some(0)),
            b',' => (commas, after_comma) = (commas + 1, Some(0)),
            _ => digits += 1,
        }
    }
    if digits == 0 {
        return None;
    }
    // Once, and not followed by exactly three digits: a decimal mark (`12,500` and `1.250`
    // are thousands, `12,5` and `1.25` decimals).
    let single = |count: usize, after: usize, sep: u8| (count == 1 && after != 3).then_some(sep);
    let decimal = match (after_dot, after_comma) {
        // The later of the two marks is the decimal one.
        (Some(d), Some(c)) => Some(if d < c { b'.' } else { b',' }),
        (Some(d), None) => single(dots, d, b'.'),
        (None, Some(c)) => single(commas, c, b','),
        (None, None) => None,
    };
    let normal = kept().filter_map(|b| match b {
        b'0'..=b'9' => Some(b),
        b if Some(b) == decimal => Some(b'.'),
        _ => None,
    });
    // On the stack: a heap string per cell was a good part of reading an export.
    let mut buf = [0u8; 64];
    let value: f64 = if digits + dots + commas <= buf.len() {
        let mut len = 0;
        for b in normal {
            buf[len] = b;
            len += 1;
        }
        std::str::from_utf8(&buf[..len]).ok()?.parse().ok()?
    } else {
        normal.map(char::from).collect::<String>().parse().ok()?
    };
    Some(if negative { -value } else { value })
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
    // `compact(cell).starts_with(word)`, compacting only as far as the word goes: no
    // string is built per cell.
    let starts_with = |word: &&str| {
        let mut compact = cell
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase);
        word.chars().all(|w| compact.next() == Some(w))
    };
    if STAGES.first.iter().any(starts_with) {
        Outcome::Won
    } else if STAGES.second.iter().any(starts_with) {
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
        // Longer than the digits kept on the stack: read all the same.
        assert_eq!(amount(&format!("1{}", "0".repeat(80))), Some(1e80));
        assert_eq!(amount("1,234.5.6"), None);
    }

    #[test]
    fn trims_as_str_trim_does() {
        for cell in [
            "",
            " ",
            "a",
            " a\t",
            "\u{a0}a\u{2003}",
            "a\u{b}",
            "\u{85}a",
            "\u{1c}a",
        ] {
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
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
