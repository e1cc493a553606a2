//! Which column of a deal export holds what: found from the header row by the names in
//! `data/deal_headers.txt`, or named by the user (`--amount "ARR"`). The choice is kept
//! with the header as written, so a report can say which column it used for what.

use std::sync::LazyLock;

use serde::Serialize;

use crate::error::{Error, Problem};
use crate::CsvFile;

/// What a column of a deal export is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealRole {
    /// The deal's value, a currency cell.
    Amount,
    /// The pipeline stage, or a won/lost word.
    Stage,
    /// A yes/no column: the deal was won.
    Won,
    /// A yes/no column: the deal is closed (won or lost).
    Closed,
    /// When the deal was opened.
    Created,
    /// When the deal closed (or is expected to).
    Close,
    /// The partner on the deal, by name.
    Partner,
    /// A yes/no column: a partner sourced the deal.
    Sourced,
    /// A yes/no column: a partner influenced the deal.
    Influenced,
    /// The customer's segment, industry or size.
    Segment,
    /// The deal's name: read only when the caller asks for names.
    Name,
}

impl DealRole {
    pub const ALL: [DealRole; 11] = [
        DealRole::Amount,
        DealRole::Stage,
        DealRole::Won,
        DealRole::Closed,
        DealRole::Created,
        DealRole::Close,
        DealRole::Partner,
        DealRole::Sourced,
        DealRole::Influenced,
        DealRole::Segment,
        DealRole::Name,
    ];

    /// The role's name, as in `data/deal_headers.txt`, JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            DealRole::Amount => "amount",
            DealRole::Stage => "stage",
            DealRole::Won => "won",
            DealRole::Closed => "closed",
            DealRole::Created => "created",
            DealRole::Close => "close",
            DealRole::Partner => "partner",
            DealRole::Sourced => "sourced",
            DealRole::Influenced => "influenced",
            DealRole::Segment => "segment",
            DealRole::Name => "name",
        }
    }
}

/// One column chosen for a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedColumn {
    pub role: DealRole,
    /// The header as written.
    pub header: String,
    /// 0-based position in the row.
    #[serde(skip)]
    pub index: usize,
    /// Named on the command line rather than found by its header.
    pub named: bool,
}

/// Headers the user named for roles, with the option that names each (for messages).
#[derive(Debug, Clone, Default)]
pub struct ColumnChoice {
    pub named: Vec<(DealRole, String, &'static str)>,
    /// Find the deal name column too. Off by default, so that no deal name is read unless
    /// the user asks to see them.
    pub names: bool,
}

/// The known header names of each role, best first.
static KNOWN: LazyLock<Vec<(DealRole, Vec<&'static str>)>> = LazyLock::new(|| {
    super::sections(include_str!("../data/deal_headers.txt"))
        .into_iter()
        .filter_map(|(name, words)| {
            let role = DealRole::ALL.into_iter().find(|r| r.as_str() == name)?;
            Some((role, words))
        })
        .collect()
});

/// "Close Date" -> "closedate".
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The columns of `file` for each role: the named ones, then the best-ranked known header
/// of each role no column was named for. A header serves one role at most.
pub fn choose(file: &CsvFile, choice: &ColumnChoice) -> Result<Vec<UsedColumn>, Error> {
    let headers = file.headers();
    let mut used: Vec<UsedColumn> = Vec::new();
    for (role, wanted, flag) in &choice.named {
        let wanted_trimmed = wanted.trim();
        let index = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(wanted_trimmed))
            .or_else(|| headers.iter().position(|h| compact(h) == compact(wanted)))
            .ok_or_else(|| {
                Error::new(
                    file.path(),
                    Some(file.header_line()),
                    Problem::UnknownHeader {
                        wanted: wanted.clone(),
                        headers: headers.to_vec(),
                        flag,
                    },
                )
            })?;
        used.retain(|u| u.role != *role);
        used.push(UsedColumn {
            role: *role,
            header: headers[index].clone(),
            index,
            named: true,
        });
    }
    for (role, names) in KNOWN.iter() {
        if used.iter().any(|u| u.role == *role) || (*role == DealRole::Name && !choice.names) {
            continue;
        }
        let best = names.iter().find_map(|name| {
            headers
                .iter()
                .enumerate()
                .find(|(i, h)| compact(h) == *name && !used.iter().any(|u| u.index == *i))
        });
        if let Some((index, header)) = best {
            used.push(UsedColumn {
                role: *role,
                header: header.clone(),
                index,
                named: false,
            });
        }
    }
    used.sort_by_key(|u| u.role);
    Ok(used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(header: &str) -> CsvFile {
        CsvFile::from_bytes(Path::new("d.csv"), format!("{header}\nx\n").into_bytes()).unwrap()
    }

    fn roles(used: &[UsedColumn]) -> Vec<(&'static str, &str)> {
        used.iter()
            .map(|u| (u.role.as_str(), u.header.as_str()))
            .collect()
    }

    #[test]
    fn finds_salesforce_and_hubspot_headers() {
        let sf = file("Opportunity Name,Amount,Stage,Created Date,Close Date,Won,Closed,Partner Account,Industry");
        let used = choose(&sf, &ColumnChoice::default()).unwrap();
        assert_eq!(
            roles(&used),
            [
                ("amount", "Amount"),
                ("stage", "Stage"),
                ("won", "Won"),
                ("closed", "Closed"),
                ("created", "Created Date"),
                ("close", "Close Date"),
                ("partner", "Partner Account"),
                ("segment", "Industry")
            ]
        );
        let with_names = ColumnChoice {
            names: true,
            ..ColumnChoice::default()
        };
        let used = choose(&sf, &with_names).unwrap();
        assert_eq!(roles(&used).last(), Some(&("name", "Opportunity Name")));
        let hs = file(
            "Deal Name,Deal Stage,Amount,Create Date,Close Date,Partner Sourced,Partner Influenced",
        );
        let used = choose(&hs, &ColumnChoice::default()).unwrap();
        assert_eq!(
            roles(&used),
            [
                ("amount", "Amount"),
                ("stage", "Deal Stage"),
                ("created", "Create Date"),
                ("close", "Close Date"),
                ("sourced", "Partner Sourced"),
                ("influenced", "Partner Influenced")
            ]
        );
    }

    #[test]
    fn a_named_column_wins_and_an_unknown_one_is_located() {
        let f = file("ARR,Amount,Stage");
        let choice = ColumnChoice {
            named: vec![(DealRole::Amount, "arr".into(), "--amount")],
            names: false,
        };
        let used = choose(&f, &choice).unwrap();
        assert_eq!(roles(&used), [("amount", "ARR"), ("stage", "Stage")]);
        let choice = ColumnChoice {
            named: vec![(DealRole::Amount, "Value".into(), "--amount")],
            names: false,
        };
        let err = choose(&f, &choice).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.to_string().contains("--amount"), "{err}");
    }
}
