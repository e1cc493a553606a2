//! Which column of an export holds the account key: found from the header row by the names
//! in `data/key_headers.txt`, or named by the user (a `--key` option, say).
//!
//! A column named on the command line whose header is not a known name is classified by
//! its first values (mostly emails, mostly domains, or else company names), so
//! naming `Acct` works without also saying what it holds.

use std::ops::ControlFlow;
use std::sync::LazyLock;

use crate::csv_read::CsvFile;
use crate::error::{Error, Problem};
use crate::key_kind::{ColumnKind, KeyKind};
use crate::normalize::Normalizer;
use crate::word_list::{entries, KEY_HEADERS};

/// Values looked at to classify a column with an unknown header.
const SNIFF_VALUES: usize = 200;

/// The chosen key column of one export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyColumn {
    /// 0-based position in the row.
    pub index: usize,
    /// The header as written.
    pub header: String,
    pub kind: ColumnKind,
}

/// Known header names in preference order, compacted, with what they hold.
static KNOWN_HEADERS: LazyLock<Vec<(&'static str, ColumnKind)>> = LazyLock::new(|| {
    let mut kind = ColumnKind::Website;
    let mut known = Vec::new();
    for entry in entries(KEY_HEADERS) {
        match entry {
            "[website]" => kind = ColumnKind::Website,
            "[email]" => kind = ColumnKind::Email,
            "[company-name]" => kind = ColumnKind::CompanyName,
            name => known.push((name, kind)),
        }
    }
    known
});

/// "Company Website URL" -> "companywebsiteurl".
fn compact(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a header names, and its rank (lower is better).
fn classify(header: &str) -> Option<(ColumnKind, usize)> {
    let name = compact(header);
    if let Some(rank) = KNOWN_HEADERS.iter().position(|(known, _)| *known == name) {
        return Some((KNOWN_HEADERS[rank].1, rank));
    }
    // "Website (Company)", "Primary Domain Name": clearly a web address, if not a known name.
    (name.contains("website") || name.contains("domain"))
        .then_some((ColumnKind::Website, KNOWN_HEADERS.len()))
}

impl KeyColumn {
    /// The best-ranked recognised column of each key kind, domain first.
    pub fn detect(headers: &[String]) -> Vec<KeyColumn> {
        let mut found: Vec<(usize, KeyColumn)> = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            let Some((kind, rank)) = classify(header) else {
                continue;
            };
            let column = KeyColumn {
                index,
                header: header.clone(),
                kind,
            };
            match found
                .iter_mut()
                .find(|(_, c)| c.kind.key_kind() == kind.key_kind())
            {
                Some(best) if best.0 <= rank => {}
                Some(best) => *best = (rank, column),
                None => found.push((rank, column)),
            }
        }
        found.sort_by_key(|(_, c)| c.kind.key_kind() != KeyKind::Domain);
        found.into_iter().map(|(_, column)| column).collect()
    }

    /// The column headed `wanted` (case and surrounding spaces ignored, then spaces and
    /// punctuation). Where several columns have that header, `wanted` must say which:
    /// `Website#2` is the second column headed `Website`. `flag` is the option that named
    /// it, for the messages.
    pub fn named(file: &CsvFile, wanted: &str, flag: &'static str) -> Result<KeyColumn, Error> {
        let headers = file.headers();
        let fail = |problem| Error::new(file.path(), Some(file.header_line()), problem);
        // Every column whose header is `name`: exact matches if any, else loose ones.
        let columns = |name: &str| -> Vec<usize> {
            let name = name.trim();
            let exact: Vec<usize> = (0..headers.len())
                .filter(|&i| headers[i].trim().eq_ignore_ascii_case(name))
                .collect();
            if !exact.is_empty() {
                return exact;
            }
            (0..headers.len())
                .filter(|&i| compact(&headers[i]) == compact(name))
                .collect()
        };
        let found = columns(wanted);
        let index = match found.as_slice() {
            [index] => *index,
            [] => {
                // `NAME#N`: the N-th column headed NAME (a header that is itself
                // `NAME#N` was matched above).
                let numbered = wanted.trim().rsplit_once('#').and_then(|(name, n)| {
                    let n: usize = n.parse().ok().filter(|&n| n >= 1)?;
                    Some((name, n))
                });
                let Some((name, n)) = numbered else {
                    return Err(fail(Problem::UnknownKeyHeader {
                        wanted: wanted.to_string(),
                        headers: headers.to_vec(),
                        flag,
                    }));
                };
                let same = columns(name);
                match same.get(n - 1) {
                    Some(index) => *index,
                    None if same.is_empty() => {
                        return Err(fail(Problem::UnknownKeyHeader {
                            wanted: wanted.to_string(),
                            headers: headers.to_vec(),
                            flag,
                        }))
                    }
                    None => {
                        return Err(fail(Problem::NoSuchRepeat {
                            header: headers[same[0]].clone(),
                            wanted: n,
                            count: same.len(),
                            flag,
                        }))
                    }
                }
            }
            several => {
                return Err(fail(Problem::AmbiguousKeyHeader {
                    header: headers[several[0]].clone(),
                    columns: several.iter().map(|i| i + 1).collect(),
                    flag,
                }))
            }
        };
        let header = headers[index].clone();
        let kind = match classify(&header) {
            Some((kind, _)) => kind,
            None => sniff(file, index)?,
        };
        Ok(KeyColumn {
            index,
            header,
            kind,
        })
    }
}

/// Classifies a column by its first values: mostly emails, mostly domains, else names.
fn sniff(file: &CsvFile, index: usize) -> Result<ColumnKind, Error> {
    let (mut seen, mut emails, mut domains) = (0, 0, 0);
    let mut normalizer = Normalizer::default();
    let mut key = String::new();
    file.for_each_field(index, &|_| {}, |_, field| {
        let value = field.unwrap_or("").trim();
        if !value.is_empty() {
            seen += 1;
            if value.contains('@') {
                emails += 1;
            } else if normalizer.key(ColumnKind::Website, value, &mut key).is_ok() {
                domains += 1;
            }
        }
        if seen == SNIFF_VALUES {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(if emails * 2 > seen {
        ColumnKind::Email
    } else if domains * 2 > seen {
        ColumnKind::Website
    } else {
        ColumnKind::CompanyName
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn detected(names: &[&str]) -> Vec<(usize, ColumnKind)> {
        KeyColumn::detect(&headers(names))
            .into_iter()
            .map(|c| (c.index, c.kind))
            .collect()
    }

    #[test]
    fn finds_website_email_and_company_headers_in_any_spelling() {
        assert_eq!(detected(&["Id", "Website"]), [(1, ColumnKind::Website)]);
        assert_eq!(detected(&["E-Mail Address"]), [(0, ColumnKind::Email)]);
        assert_eq!(detected(&["Account Name"]), [(0, ColumnKind::CompanyName)]);
        assert_eq!(
            detected(&["Company Domain Name"]),
            [(0, ColumnKind::Website)]
        );
        assert_eq!(detected(&["Website (Company)"]), [(0, ColumnKind::Website)]);
        assert!(detected(&["Id", "Owner", "Email Opt Out"]).is_empty());
    }

    #[test]
    fn prefers_website_over_email_and_lists_domain_before_name() {
        assert_eq!(
            detected(&["Company", "Email", "Website"]),
            [(2, ColumnKind::Website), (0, ColumnKind::CompanyName)]
        );
    }

    #[test]
    fn named_column_is_matched_loosely_and_classified_by_its_values() {
        let file = CsvFile::from_bytes(
            Path::new("t.csv"),
            b"Acct,Contact,Label\nacme.com,a@acme.com,Acme\nglobex.com,b@globex.com,Globex\n"
                .to_vec(),
        )
        .unwrap();
        assert_eq!(
            KeyColumn::named(&file, "acct", "--key").unwrap().kind,
            ColumnKind::Website
        );
        assert_eq!(
            KeyColumn::named(&file, " CONTACT ", "--key").unwrap().kind,
            ColumnKind::Email
        );
        assert_eq!(
            KeyColumn::named(&file, "Label", "--key").unwrap().kind,
            ColumnKind::CompanyName
        );
        let err = KeyColumn::named(&file, "Domain", "--their-key").unwrap_err();
        assert!(matches!(
            err.problem,
            Problem::UnknownKeyHeader {
                flag: "--their-key",
                ..
            }
        ));
    }

    #[test]
    fn a_repeated_header_is_picked_by_its_number() {
        let file = CsvFile::from_bytes(
            Path::new("t.csv"),
            b"Website,Name,Website\nold.example,Acme,acme.com\n".to_vec(),
        )
        .unwrap();
        let pick = |wanted: &str| KeyColumn::named(&file, wanted, "--key");
        assert_eq!(pick("Website#1").unwrap().index, 0);
        assert_eq!(pick("website #2").unwrap().index, 2);
        let err = pick("Website").unwrap_err();
        assert!(matches!(err.problem, Problem::AmbiguousKeyHeader { .. }));
        assert_eq!(
            err.to_string(),
            "t.csv:1: 2 columns are headed `Website` (columns 1, 3)\n  help: say which with \
             --key: --key 'Website#1' or --key 'Website#2'"
        );
        let err = pick("Website#3").unwrap_err();
        assert!(
            err.to_string()
                .contains("no column #3 headed `Website`: only 2 columns"),
            "{err}"
        );
        assert!(matches!(
            pick("Name#2").unwrap_err().problem,
            Problem::NoSuchRepeat { count: 1, .. }
        ));
        assert!(matches!(
            pick("Owner#1").unwrap_err().problem,
            Problem::UnknownKeyHeader { .. }
        ));
        // A header that is itself written with a `#` is matched as written.
        let file = CsvFile::from_bytes(
            Path::new("t.csv"),
            b"Website#2,Website\na.com,b.com\n".to_vec(),
        )
        .unwrap();
        assert_eq!(
            KeyColumn::named(&file, "Website#2", "--key").unwrap().index,
            0
        );
    }
}
