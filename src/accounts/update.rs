//! `--update PROFILE`: writes the measured overlap into `[market]` of a partner profile,
//! keeping every comment, blank line and key order (format-preserving TOML), and saving
//! atomically. Only `market.icp_overlap_pct` and `market.named_overlap_accounts` change.

use std::path::Path;

use toml_edit::{DocumentMut, Item, Value};

use super::input_error::{InputError, Problem};
use super::save;

/// The values written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// 0-100, one decimal.
    pub icp_overlap_pct: f64,
    pub named_overlap_accounts: u64,
}

/// One field set: its old value as written (if any) and the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub before: Option<String>,
    pub after: String,
}

/// Edits the profile at `path` in place, unless another process wrote it since it was read
/// here (refused) or the values are already those measured (not written: `false`).
pub fn apply(path: &Path, measured: Measured) -> Result<(Vec<Change>, bool), InputError> {
    // `crate::profile::load` has read and checked it already; this reads the text to edit.
    let bytes = crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES))
        .map_err(|err| InputError::new(path, None, Problem::Unreadable(err)))?;
    let seen = file_safety::atomic_file::Seen::of(&bytes);
    let text = String::from_utf8(bytes).map_err(|err| {
        let invalid = std::io::Error::new(std::io::ErrorKind::InvalidData, err.utf8_error());
        InputError::new(path, None, Problem::Unreadable(invalid))
    })?;
    let (edited, changes) = edit(&text, measured)
        .map_err(|(line, message)| InputError::new(path, line, Problem::Profile { message }))?;
    let replaced = save::replace_if_unchanged(path, edited.as_bytes(), &seen)?;
    Ok((
        changes,
        replaced == file_safety::atomic_file::Replaced::Written,
    ))
}

/// The edited text, or the line and message of what keeps it from being edited.
pub fn edit(
    text: &str,
    measured: Measured,
) -> Result<(String, Vec<Change>), (Option<u64>, String)> {
    let mut doc: DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| {
        let line = err
            .span()
            .map(|span| 1 + text[..span.start].matches('\n').count() as u64);
        (line, format!("not valid TOML: {}", err.message()))
    })?;
    let market = doc
        .as_table_mut()
        .entry("market")
        .or_insert_with(|| Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or((None, "`market` is not a table".to_string()))?;
    let pct = measured.icp_overlap_pct;
    // A whole percentage reads better as `25` than as `25.0`.
    let pct = if pct.fract() == 0.0 {
        Value::from(pct as i64)
    } else {
        Value::from(pct)
    };
    let changes = vec![
        set(market, ("icp_overlap_pct", "market.icp_overlap_pct"), pct),
        set(
            market,
            ("named_overlap_accounts", "market.named_overlap_accounts"),
            Value::from(measured.named_overlap_accounts as i64),
        ),
    ];
    Ok((doc.to_string(), changes))
}

/// Sets `key` (called `field` in messages), keeping the comment and spacing around an
/// existing value.
fn set(
    table: &mut dyn toml_edit::TableLike,
    (key, field): (&'static str, &'static str),
    mut value: Value,
) -> Change {
    let after = value.to_string().trim().to_string();
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        let mut bare = old.clone();
        bare.decor_mut().clear();
        let before = bare.to_string();
        *value.decor_mut() = old.decor().clone();
        *old = value;
        return Change {
            field,
            before: Some(before),
            after,
        };
    }
    table.insert(key, Item::Value(value));
    Change {
        field,
        before: None,
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEASURED: Measured = Measured {
        icp_overlap_pct: 25.9,
        named_overlap_accounts: 14,
    };

    #[test]
    fn replaces_values_and_keeps_comments_and_layout() {
        let text = "# my partner\n[vendor]\nname = \"Acme\"   # us\n\n[market]\nicp_overlap_pct = 32                      # 0-100: share\nnamed_overlap_accounts = 12               # named logos\nsame_buying_conversation = true\n";
        let (edited, changes) = edit(text, MEASURED).unwrap();
        assert_eq!(
            edited,
            "# my partner\n[vendor]\nname = \"Acme\"   # us\n\n[market]\nicp_overlap_pct = 25.9                      # 0-100: share\nnamed_overlap_accounts = 14               # named logos\nsame_buying_conversation = true\n"
        );
        assert_eq!(changes[0].before.as_deref(), Some("32"));
        assert_eq!(changes[1].after, "14");
    }

    #[test]
    fn adds_market_table_or_missing_keys() {
        let (edited, changes) = edit("[vendor]\nname = \"Acme\"\n", MEASURED).unwrap();
        assert_eq!(
            edited,
            "[vendor]\nname = \"Acme\"\n\n[market]\nicp_overlap_pct = 25.9\nnamed_overlap_accounts = 14\n"
        );
        assert_eq!(changes[0].before, None);
        let (edited, _) = edit("[market]\nsame_buying_conversation = true\n", MEASURED).unwrap();
        assert!(edited
            .starts_with("[market]\nsame_buying_conversation = true\nicp_overlap_pct = 25.9\n"));
    }

    #[test]
    fn whole_percentages_are_written_as_integers() {
        let measured = Measured {
            icp_overlap_pct: 25.0,
            ..MEASURED
        };
        let (edited, _) = edit("[market]\nicp_overlap_pct = 1\n", measured).unwrap();
        assert!(edited.contains("icp_overlap_pct = 25\n"), "{edited}");
    }

    #[test]
    fn invalid_toml_names_the_line() {
        let err = edit("[market]\nicp_overlap_pct = = 3\n", MEASURED).unwrap_err();
        assert_eq!(err.0, Some(2));
        let err = edit("market = 3\n", MEASURED).unwrap_err();
        assert!(err.1.contains("not a table"));
    }
}
