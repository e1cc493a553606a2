//! Raw key value -> normalized account key, or the reason there is none.
//!
//! Pure and allocation-free per row for ASCII keys (the caller's buffer is reused): this runs
//! once per row of million-row exports. Two runs that compare keys must apply the same
//! rules, so keys stored for later comparison (or hashes of them) change with any change
//! here: the rules are a format, and [`KEY_VERSION`] names the one written here.
//!
//! Domains (website and email columns): trimmed of spaces, quotes and brackets, lowercased,
//! the first of several values, `Name <a@b.com>` and `mailto:` unwrapped, scheme, user, port,
//! path, query and fragment dropped, an email reduced to its domain, a leading `www.` and a
//! trailing dot dropped. An internationalised domain is written as IDNA (UTS 46) writes it
//! for DNS, so `münchen.de` is `xn--mnchen-3ya.de`, as another CRM may store it.
//! Free mail domains in email addresses are people, not accounts.
//!
//! Company names: compatibility forms unfolded (NFKD: full-width `ＡＣＭＥ` is `ACME`, `ﬁ` is
//! `fi`), accents dropped (`é`, `Ș`, `ş` lose their marks), lowercased, the few letters that
//! lowercasing alone leaves apart folded (`ß` -> `ss`, `ς` -> `σ`, `ł` -> `l`, `ı` -> `i`, ...),
//! `&` read as `and`, dots and apostrophes dropped (`S.A.` -> `sa`), other punctuation splits
//! words; a leading `the` and trailing legal suffixes (`Inc`, `LLC`, `GmbH & Co. KG`, ...) are
//! dropped, and the words are joined without spaces, so `Hub Spot, Inc.` and `HubSpot` are
//! one account.

use std::ops::Range;

use memchr::memchr;
use unicode_normalization::char::decompose_compatible;

use crate::key_kind::ColumnKind;
use crate::skip::Skip;
use crate::word_list::{FREEMAIL, LEGAL_SUFFIXES, PLACEHOLDERS};

/// The version of the rules this module applies. Keys of different versions may differ for
/// the same account, so whatever stores keys (or hashes of them) for another run to compare
/// must store this with them, and refuse keys of another version.
///
/// 1: accents folded from a short list; international domains lowercased as written.
/// 2: Unicode folding (NFKD, diacritics dropped, lowercase and the letters it leaves apart);
///    international domains through IDNA.
pub const KEY_VERSION: u32 = 2;

/// Normalizes keys, reusing its scratch space across rows.
#[derive(Debug, Default)]
pub struct Normalizer {
    words: Vec<Range<usize>>,
    folded: String,
}

impl Normalizer {
    /// Writes the normalized key of `raw` into `out` (cleared first).
    pub fn key(&mut self, column: ColumnKind, raw: &str, out: &mut String) -> Result<(), Skip> {
        out.clear();
        match column {
            ColumnKind::Website | ColumnKind::Email => domain(raw, out),
            ColumnKind::CompanyName => self.company_name(raw, out),
        }
    }

    fn company_name(&mut self, raw: &str, out: &mut String) -> Result<(), Skip> {
        let (folded, words) = (&mut self.folded, &mut self.words);
        folded.clear();
        words.clear();
        let mut start = 0;
        let mut end_word = |folded: &mut String, start: &mut usize| {
            if folded.len() > *start {
                words.push(*start..folded.len());
            }
            *start = folded.len();
        };
        for c in raw.chars() {
            // A mark written apart from its letter (`S` + U+0326) is part of the word.
            if c.is_alphanumeric() || is_diacritic(c) {
                push_folded(c, folded);
            } else if matches!(c, '.' | '\'' | '’' | '`' | '´') {
                // Part of the word: "S.A." is "sa", "O'Neil" is "oneil".
            } else if c == '&' {
                end_word(folded, &mut start);
                folded.push_str("and");
                end_word(folded, &mut start);
            } else {
                end_word(folded, &mut start);
            }
        }
        end_word(folded, &mut start);
        let words = &mut self.words;
        if words.is_empty() {
            return Err(Skip::Empty);
        }
        // `folded` is every word joined, so "N/A" is checked as "na".
        if PLACEHOLDERS.contains(folded.as_str()) {
            return Err(Skip::Placeholder);
        }
        let word = |range: &Range<usize>| &folded[range.clone()];
        if words.len() > 1 && word(&words[0]) == "the" {
            words.remove(0);
        }
        while words.len() > 1 && LEGAL_SUFFIXES.contains(word(&words[words.len() - 1])) {
            words.pop();
            // "GmbH & Co. KG": the "and" only joined two suffixes.
            if words.len() > 1 && word(&words[words.len() - 1]) == "and" {
                words.pop();
            }
        }
        for range in words.iter() {
            out.push_str(&folded[range.clone()]);
        }
        Ok(())
    }
}

/// Appends `c` folded: its compatibility decomposition (NFKD), without diacritics, each
/// part lowercased and then folded where lowercasing leaves two spellings apart.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |part| {
        if is_diacritic(part) {
            return;
        }
        for lower in part.to_lowercase() {
            match fold_letter(lower) {
                Some(folded) => out.push_str(folded),
                None => out.push(lower),
            }
        }
    });
}

/// The combining diacritical marks NFKD splits off Latin, Greek and Cyrillic letters
/// (acute, cedilla, comma below, ...). Marks of other scripts stay: an Indic vowel sign or
/// the kana voicing mark is part of the letter, and dropping it would merge different names.
fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Lowercase letters NFKD leaves whole, folded as case folding (`ß`, `ς`) or the usual
/// transliteration does, so that both spellings of a name in exports meet. `ı` (Turkish
/// dotless i) folds to `i` by the simple rule, like `İ`, whose dot NFKD splits off.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ς' => "σ",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// What separates several values written into one cell.
const VALUE_SEPARATORS: [char; 7] = [',', ';', ' ', '\t', '|', '\n', '\r'];

/// Written byte by byte: this runs once per row of million-row exports, and a general
/// `str` pattern per step cost twice as much.
fn domain(raw: &str, out: &mut String) -> Result<(), Skip> {
    // Spreadsheets leave quotes and brackets around pasted values: 'acme.com', [acme.com].
    let mut value = raw
        .trim()
        .trim_matches(|c| matches!(c, '\'' | '"' | '(' | ')' | '[' | ']'));
    // "Jane Doe <jane@acme.com>"
    if memchr(b'<', value.as_bytes()).is_some() {
        if let (Some(open), Some(close)) = (value.rfind('<'), value.rfind('>')) {
            if open < close {
                value = &value[open + 1..close];
            }
        }
    }
    // Several values in one cell ("acme.com; acme.io"): the first counts, or the first email.
    if value
        .bytes()
        .any(|b| VALUE_SEPARATORS.contains(&(b as char)))
    {
        let mut parts = value.split(VALUE_SEPARATORS);
        let first = if value.contains('@') {
            parts.find(|p| p.contains('@'))
        } else {
            parts.find(|p| !p.is_empty())
        };
        value = first.unwrap_or("");
    }
    if value.is_empty() {
        return Err(Skip::Empty);
    }
    if value.len() >= 7 && value.as_bytes()[..7].eq_ignore_ascii_case(b"mailto:") {
        value = &value[7..];
    }
    if let Some(colon) = memchr(b':', value.as_bytes()) {
        if value[colon..].starts_with("://") {
            value = &value[colon + 3..];
        }
    } else if let Some(rest) = value.strip_prefix("//") {
        value = rest;
    }
    // The host ends at the path, query or fragment; a user or email name ends at the last `@`.
    let bytes = value.as_bytes();
    let (mut end, mut at) = (bytes.len(), None);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'/' | b'?' | b'#' | b'\\' => {
                end = i;
                break;
            }
            b'@' => at = Some(i),
            _ => {}
        }
    }
    let email = at.is_some();
    let mut host = &value[at.map_or(0, |i| i + 1)..end];
    if let Some(colon) = memchr(b':', host.as_bytes()) {
        host = &host[..colon];
    }
    host = host.trim_end_matches('.');
    if host.len() > 4
        && host.as_bytes()[..4].eq_ignore_ascii_case(b"www.")
        && host[4..].contains('.')
    {
        host = &host[4..];
    }

    if host.is_ascii() {
        out.push_str(host);
        out.make_ascii_lowercase();
    } else {
        // UTS 46 maps case, full-width forms and the ideographic full stop, and writes each
        // non-ASCII label as punycode; an ASCII `xn--` label is already in that form.
        match idna::domain_to_ascii(host) {
            Ok(ascii) => out.push_str(&ascii),
            Err(_) => return Err(no_domain_reason(raw)),
        }
    }
    if !is_domain(out) {
        return Err(no_domain_reason(raw));
    }
    if email && FREEMAIL.contains(out.as_str()) {
        return Err(Skip::FreeEmail);
    }
    Ok(())
}

/// Labels of letters, digits and hyphens, at least two, the last not all digits (an IP
/// address is not an account). `s` is ASCII by then: IDNA has written any other label.
fn is_domain(s: &str) -> bool {
    s.len() <= 253 && memchr(b'.', s.as_bytes()).is_some() && is_ascii_domain(s.as_bytes())
}

/// `is_domain` in one pass over the bytes.
fn is_ascii_domain(s: &[u8]) -> bool {
    let (mut label_len, mut label_digits) = (0usize, true);
    for &b in s {
        match b {
            b'.' => {
                if label_len == 0 {
                    return false;
                }
                (label_len, label_digits) = (0, true);
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' => {
                label_len += 1;
                label_digits = false;
            }
            b'0'..=b'9' => label_len += 1,
            _ => return false,
        }
        if label_len > 63 {
            return false;
        }
    }
    label_len > 0 && !label_digits
}

/// Why a value that is not a domain was given: nothing, a stand-in, or something else.
fn no_domain_reason(raw: &str) -> Skip {
    let compact: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if compact.is_empty() {
        Skip::Empty
    } else if PLACEHOLDERS.contains(compact.as_str()) {
        Skip::Placeholder
    } else {
        Skip::NotADomain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(column: ColumnKind, raw: &str) -> Result<String, Skip> {
        let mut out = String::new();
        Normalizer::default()
            .key(column, raw, &mut out)
            .map(|()| out)
    }

    fn site(raw: &str) -> Result<String, Skip> {
        norm(ColumnKind::Website, raw)
    }

    fn email(raw: &str) -> Result<String, Skip> {
        norm(ColumnKind::Email, raw)
    }

    fn company(raw: &str) -> Result<String, Skip> {
        norm(ColumnKind::CompanyName, raw)
    }

    fn ok(s: &str) -> Result<String, Skip> {
        Ok(s.to_string())
    }

    #[test]
    fn domain_ignores_case_and_whitespace() {
        assert_eq!(site("  ACME.Com \u{a0}"), ok("acme.com"));
    }

    #[test]
    fn domain_drops_scheme() {
        assert_eq!(site("https://acme.com"), ok("acme.com"));
        assert_eq!(site("HTTP://acme.com"), ok("acme.com"));
        assert_eq!(site("//acme.com"), ok("acme.com"));
    }

    #[test]
    fn domain_drops_www() {
        assert_eq!(site("www.acme.com"), ok("acme.com"));
        assert_eq!(site("https://WWW.acme.co.uk/"), ok("acme.co.uk"));
        assert_eq!(site("www.com"), ok("www.com"));
    }

    #[test]
    fn domain_drops_path_query_fragment_port_and_trailing_dot() {
        assert_eq!(site("acme.com/about-us?utm_source=x#team"), ok("acme.com"));
        assert_eq!(site("https://acme.com:8443/en"), ok("acme.com"));
        assert_eq!(site("acme.com."), ok("acme.com"));
        assert_eq!(site("acme.com?ref=1"), ok("acme.com"));
    }

    #[test]
    fn email_becomes_its_domain() {
        assert_eq!(email("Jane.Doe@Acme.com"), ok("acme.com"));
        assert_eq!(email("mailto:jane@www.acme.com"), ok("acme.com"));
        assert_eq!(email("Jane Doe <jane@acme.com>"), ok("acme.com"));
        assert_eq!(site("jane@acme.com"), ok("acme.com"));
    }

    #[test]
    fn domain_drops_surrounding_quotes_and_brackets() {
        assert_eq!(site("'acme.com'"), ok("acme.com"));
        assert_eq!(site("[https://acme.com]"), ok("acme.com"));
        assert_eq!(email("(jane@acme.com)"), ok("acme.com"));
    }

    #[test]
    fn keeps_subdomains_other_than_www() {
        assert_eq!(site("eu.acme.com"), ok("eu.acme.com"));
    }

    #[test]
    fn first_of_several_values_counts() {
        assert_eq!(site("acme.com; acme.io"), ok("acme.com"));
        assert_eq!(email("Jane, jane@acme.com"), ok("acme.com"));
    }

    #[test]
    fn free_mail_addresses_are_people_not_accounts() {
        assert_eq!(email("jane@gmail.com"), Err(Skip::FreeEmail));
        assert_eq!(email("JANE@GMAIL.COM"), Err(Skip::FreeEmail));
        // A website column names the company's own site, whatever its name.
        assert_eq!(site("yahoo.com"), ok("yahoo.com"));
    }

    #[test]
    fn empty_placeholder_and_junk_values_are_skipped() {
        assert_eq!(site(""), Err(Skip::Empty));
        assert_eq!(site("  - "), Err(Skip::Empty));
        assert_eq!(site("N/A"), Err(Skip::Placeholder));
        assert_eq!(site("unknown"), Err(Skip::Placeholder));
        assert_eq!(site("acme"), Err(Skip::NotADomain));
        assert_eq!(site("192.168.0.1"), Err(Skip::NotADomain));
        assert_eq!(site("acme..com"), Err(Skip::NotADomain));
        assert_eq!(email("jane@"), Err(Skip::NotADomain));
    }

    #[test]
    fn international_domains_meet_their_punycode() {
        assert_eq!(site("münchen.de"), ok("xn--mnchen-3ya.de"));
        assert_eq!(
            site("https://www.MÜNCHEN.de/stadt"),
            ok("xn--mnchen-3ya.de")
        );
        assert_eq!(site("XN--MNCHEN-3YA.DE"), ok("xn--mnchen-3ya.de"));
        assert_eq!(email("info@münchen.de"), ok("xn--mnchen-3ya.de"));
        // Full-width letters and the ideographic full stop, as a Japanese keyboard types them.
        assert_eq!(site("ａｃｍｅ。com"), ok("acme.com"));
        assert_eq!(site("bücher.例え"), ok("xn--bcher-kva.xn--r8jz45g"));
        assert_eq!(site("münchen"), Err(Skip::NotADomain));
    }

    #[test]
    fn company_names_fold_unicode() {
        // Romanian: comma below (the correct letter), cedilla (the old fonts' one), none.
        assert_eq!(company("Ștefan SRL"), ok("stefan"));
        assert_eq!(company("Ştefan"), ok("stefan"));
        assert_eq!(company("Stefan"), ok("stefan"));
        // The same letter written as a base and a separate mark.
        assert_eq!(company("S\u{326}tefan"), ok("stefan"));
        // German sharp s, small and capital, meets its "ss" spelling.
        assert_eq!(company("Großmann GmbH"), ok("grossmann"));
        assert_eq!(company("GROẞMANN"), ok("grossmann"));
        assert_eq!(company("Grossmann"), ok("grossmann"));
        // Turkish dotted capital and dotless small i, by the simple rule.
        assert_eq!(company("İstanbul Holding"), ok("istanbulholding"));
        assert_eq!(company("ıstanbul Holding"), ok("istanbulholding"));
        // Full-width letters, a ligature, Greek final sigma, letters NFKD keeps whole.
        assert_eq!(company("ＡＣＭＥ Ｉｎｃ"), ok("acme"));
        assert_eq!(company("Oﬁce Ltd"), ok("ofice"));
        assert_eq!(company("ΟΔΟΣ"), company("οδος"));
        assert_eq!(company("Łódź Ørsted Æble"), ok("lodzorstedaeble"));
        // Marks that are part of a letter in their script stay: が is not か.
        assert_ne!(company("がっこう"), company("かっこう"));
    }

    #[test]
    fn company_ignores_case_and_punctuation() {
        assert_eq!(company("ACME"), ok("acme"));
        assert_eq!(company("Hub-Spot!"), ok("hubspot"));
        assert_eq!(company("HubSpot"), ok("hubspot"));
        assert_eq!(company("  McDonald's "), ok("mcdonalds"));
    }

    #[test]
    fn company_drops_legal_suffixes() {
        for name in [
            "Acme Inc",
            "Acme, Inc.",
            "Acme LLC",
            "ACME Ltd",
            "Acme Ltd.",
            "Acme GmbH",
            "Acme S.A.",
            "Acme SA",
            "Acme Co., Ltd.",
            "Acme GmbH & Co. KG",
            "Acme Corporation",
            "The Acme Company",
            "Acme Pty Ltd",
        ] {
            assert_eq!(company(name), ok("acme"), "{name}");
        }
    }

    #[test]
    fn company_keeps_a_suffix_that_is_the_whole_name() {
        assert_eq!(company("Limited"), ok("limited"));
        assert_eq!(company("The"), ok("the"));
    }

    #[test]
    fn company_reads_ampersand_as_and_and_folds_accents() {
        assert_eq!(company("Johnson & Johnson"), company("Johnson and Johnson"));
        assert_eq!(company("Société Générale S.A."), ok("societegenerale"));
        assert_eq!(company("Müller GmbH"), ok("muller"));
    }

    #[test]
    fn company_placeholders_and_empties_are_skipped() {
        assert_eq!(company(""), Err(Skip::Empty));
        assert_eq!(company("---"), Err(Skip::Empty));
        assert_eq!(company("N/A"), Err(Skip::Placeholder));
        assert_eq!(company("none"), Err(Skip::Placeholder));
        assert_eq!(company("Test Inc"), ok("test"));
    }

    proptest::proptest! {
        /// Any text gives a key or a reason, and a key is never empty.
        #[test]
        fn never_panics_and_keys_are_never_empty(raw in "\\PC{0,40}") {
            for column in [ColumnKind::Website, ColumnKind::Email, ColumnKind::CompanyName] {
                if let Ok(key) = norm(column, &raw) {
                    proptest::prop_assert!(!key.is_empty());
                }
            }
        }

        /// Normalizing a key again gives the same key: two runs agree even if
        /// one of them was handed already-cleaned data.
        #[test]
        fn domain_keys_are_stable(host in "[a-z0-9-]{1,12}(\\.[a-z]{2,6}){1,2}", path in "(/[a-z]{0,5})?") {
            let once = site(&format!("HTTPS://www.{host}{path}"));
            proptest::prop_assert_eq!(once.clone().and_then(|k| site(&k)), once);
        }
    }
}
