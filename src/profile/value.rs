//! What the reader and the checks of a profile both say of a written value: its type in
//! words, and the control character it must not hold. Kept apart so the two read it
//! from one place without reading each other.

use toml::de::DeValue;

/// The first control character other than a tab or a line break (`\n`, or `\r\n`).
pub(super) fn control_character(s: &str) -> Option<char> {
    // Control characters are below U+0020, U+007F, or U+0080-U+009F (UTF-8 lead byte
    // 0xC2): text without those bytes, nearly all of it, is passed in one scan.
    if !s.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return None;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if c.is_control() && c != '\t' && !line_break {
            return Some(c);
        }
    }
    None
}

/// A TOML value's type in words.
pub(super) fn a_type(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) | DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
