//! Numbers as prose and TOML show them: digits grouped by three. It sits below every
//! module that writes a count into a message (diagnostics, rules, the profile's ranges,
//! the interview), so none of them reaches up into another for it.

/// `4000000` -> `4_000_000` (TOML) or `4,000,000` (prose).
pub fn group_digits(n: u64, separator: char) -> String {
    group_decimal(&n.to_string(), separator)
}

/// Groups a run of decimal digits by three, from the right.
pub fn group_decimal(digits: &str, separator: char) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}
