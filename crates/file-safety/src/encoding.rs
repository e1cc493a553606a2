//! Telling UTF-16 text from UTF-8 before it is read as UTF-8. With a byte-order mark that
//! is the mark; without one (some exports write none), UTF-16 text of mostly ASCII
//! characters has a NUL byte in every other place, which UTF-8 text never has: NUL is
//! valid UTF-8, so without this check such a file would be read as text with a NUL after
//! every letter, and give a wrong result rather than an error.

/// A UTF-16 encoding, named as `iconv -f` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    /// With a byte-order mark, which says the byte order.
    Marked,
    LittleEndian,
    BigEndian,
}

impl Utf16 {
    /// The name `iconv -f` takes for it.
    pub fn iconv_name(self) -> &'static str {
        match self {
            Utf16::Marked => "UTF-16",
            Utf16::LittleEndian => "UTF-16LE",
            Utf16::BigEndian => "UTF-16BE",
        }
    }

    /// How a message says it.
    pub fn describe(self) -> &'static str {
        match self {
            Utf16::Marked => "UTF-16",
            Utf16::LittleEndian => "UTF-16 (little-endian, without a byte-order mark)",
            Utf16::BigEndian => "UTF-16 (big-endian, without a byte-order mark)",
        }
    }
}

/// How many leading bytes [`utf16`] looks at: enough for a header line or a profile's
/// first lines, so the check costs the same for any size of file.
pub const SNIFF_BYTES: usize = 512;

/// Whether `start`, the first bytes of a file, is UTF-16 text. Without a mark, it is when
/// at least half of its byte pairs are an ASCII character beside a NUL, all on the same
/// side.
pub fn utf16(start: &[u8]) -> Option<Utf16> {
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return Some(Utf16::Marked);
    }
    let start = &start[..start.len().min(SNIFF_BYTES)];
    let pairs = start.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut little, mut big) = (0, 0);
    for pair in start.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, b) if b != 0 && b.is_ascii() => big += 1,
            (a, 0) if a != 0 && a.is_ascii() => little += 1,
            _ => {}
        }
    }
    if little * 2 >= pairs && big == 0 {
        Some(Utf16::LittleEndian)
    } else if big * 2 >= pairs && little == 0 {
        Some(Utf16::BigEndian)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, big: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn tells_utf16_with_or_without_a_mark_from_utf8() {
        let text = "Website,Company\nacme.com,Acme\n";
        assert_eq!(utf16(&encode(text, false)), Some(Utf16::LittleEndian));
        assert_eq!(utf16(&encode(text, true)), Some(Utf16::BigEndian));
        assert_eq!(
            utf16(&encode("[vendor]\nname = \"Ünïcödé\"\n", false)),
            Some(Utf16::LittleEndian)
        );
        assert_eq!(utf16(b"\xFF\xFEW\0"), Some(Utf16::Marked));
        for utf8 in [
            text,
            "",
            "a",
            "[vendor]\nname = \"Ünïcödé\"\n",
            "日本語のテキスト",
        ] {
            assert_eq!(utf16(utf8.as_bytes()), None, "{utf8}");
        }
        // A stray NUL in UTF-8 text is not UTF-16.
        assert_eq!(utf16(b"acme.com\0,Acme\n"), None);
    }
}
