//! `--update PROFILE`: writes measured answers into a partner profile, keeping every
//! comment, blank line and key order (format-preserving TOML), and saving atomically, only
//! while the file still holds what was read. `accounts overlap --update` writes
//! `market.icp_overlap_pct` and `market.named_overlap_accounts` ([`Measured`]);
//! `deals compare --update` writes its own list of [`Edit`]s through the same [`apply`].

use std::path::Path;

use toml_edit::{DocumentMut, Item, Value};

use super::input_error::{InputError, Problem};
use super::save;

/// The overlap values written by `accounts overlap --update`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// 0-100, one decimal.
    pub icp_overlap_pct: f64,
    pub named_overlap_accounts: u64,
}

impl Measured {
    /// The edits that write these values.
    pub fn edits(self) -> Vec<Edit> {
        vec![
            Edit::set("market.icp_overlap_pct", number(self.icp_overlap_pct)),
            Edit::set(
                "market.named_overlap_accounts",
                Value::from(self.named_overlap_accounts as i64),
            ),
        ]
    }
}

/// A number as a profile value: a whole one reads better as `25` than as `25.0`.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// One field to set to a value, or to remove (`None`).
#[derive(Debug, Clone)]
pub struct Edit {
    /// `section.key`.
    pub field: &'static str,
    pub value: Option<Value>,
    /// Made only when another edit changes the file: the day of a measurement is news
    /// only when what was measured is.
    pub follows: bool,
}

impl Edit {
    pub fn set(field: &'static str, value: Value) -> Self {
        Edit {
            field,
            value: Some(value),
            follows: false,
        }
    }

    pub fn remove(field: &'static str) -> Self {
        Edit {
            field,
            value: None,
            follows: false,
        }
    }

    /// This edit, made only when another one changes something.
    pub fn following(self) -> Self {
        Edit {
            follows: true,
            ..self
        }
    }
}

/// One field changed: its old value as written (if any) and the new one (`None`: removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    /// Whether the edit left the field as it was.
    pub fn unchanged(&self) -> bool {
        self.before == self.after
    }
}

/// Edits the profile at `path` in place, unless another process wrote it since it was read
/// here (refused) or the values are already those measured (not written: `false`).
pub fn apply(path: &Path, edits: &[Edit]) -> Result<(Vec<Change>, bool), InputError> {
    // `crate::profile::load` has read and checked it already; this reads the text to edit.
    let bytes = crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES))
        .map_err(|err| InputError::new(path, None, Problem::Unreadable(err)))?;
    let seen = file_safety::atomic_file::Seen::of(&bytes);
    let text = String::from_utf8(bytes).map_err(|err| {
        let invalid = std::io::Error::new(std::io::ErrorKind::InvalidData, err.utf8_error());
        InputError::new(path, None, Problem::Unreadable(invalid))
    })?;
    let (edited, changes) = edit(&text, edits)
        .map_err(|(line, message)| InputError::new(path, line, Problem::Profile { message }))?;
    let replaced = save::replace_if_unchanged(path, edited.as_bytes(), &seen)?;
    Ok((
        changes,
        replaced == file_safety::atomic_file::Replaced::Written,
    ))
}

/// The edited text, or the line and message of what keeps it from being edited.
pub fn edit(text: &str, edits: &[Edit]) -> Result<(String, Vec<Change>), (Option<u64>, String)> {
    let mut doc: DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| {
        let line = err
            .span()
            .map(|span| 1 + text[..span.start].matches('\n').count() as u64);
        (line, format!("not valid TOML: {}", err.message()))
    })?;
    let mut changes = Vec::with_capacity(edits.len());
    let (leading, following): (Vec<&Edit>, Vec<&Edit>) = edits.iter().partition(|e| !e.follows);
    for edit in leading {
        changes.push(apply_one(&mut doc, edit)?);
    }
    let changed = changes.iter().any(|c| !c.unchanged());
    for edit in following {
        changes.push(if changed {
            apply_one(&mut doc, edit)?
        } else {
            let (section, key) = split(edit.field);
            let now = doc
                .get(section)
                .and_then(|t| t.get(key))
                .and_then(Item::as_value)
                .map(bare);
            Change {
                field: edit.field,
                before: now.clone(),
                after: now,
            }
        });
    }
    Ok((doc.to_string(), changes))
}

fn split(field: &str) -> (&str, &str) {
    field
        .split_once('.')
        .expect("an edited field is `section.key`")
}

/// Makes one edit on `doc`.
fn apply_one(doc: &mut DocumentMut, edit: &Edit) -> Result<Change, (Option<u64>, String)> {
    let (section, key) = split(edit.field);
    let exists = doc.as_table().contains_key(section);
    if edit.value.is_none() && !exists {
        return Ok(Change {
            field: edit.field,
            before: None,
            after: None,
        });
    }
    let table = doc
        .as_table_mut()
        .entry(section)
        .or_insert_with(|| Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or((None, format!("`{section}` is not a table")))?;
    Ok(match &edit.value {
        Some(value) => set(table, (key, edit.field), value.clone()),
        None => remove(table, (key, edit.field)),
    })
}

/// A value as written, without its comment and spacing.
fn bare(value: &Value) -> String {
    let mut bare = value.clone();
    bare.decor_mut().clear();
    bare.to_string()
}

/// Sets `key` (called `field` in messages), keeping the comment and spacing around an
/// existing value.
fn set(
    table: &mut dyn toml_edit::TableLike,
    (key, field): (&str, &'static str),
    mut value: Value,
) -> Change {
    let after = Some(value.to_string().trim().to_string());
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        let before = Some(bare(old));
        *value.decor_mut() = old.decor().clone();
        *old = value;
        return Change {
            field,
            before,
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

/// Removes `key`, with the comment written on its own line.
fn remove(table: &mut dyn toml_edit::TableLike, (key, field): (&str, &'static str)) -> Change {
    let before = table.remove(key).map(|item| {
        item.as_value()
            .map(bare)
            .unwrap_or_else(|| item.to_string())
    });
    Change {
        field,
        before,
        after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEASURED: Measured = Measured {
        icp_overlap_pct: 25.9,
        named_overlap_accounts: 14,
    };

    fn edit_measured(text: &str, measured: Measured) -> (String, Vec<Change>) {
        edit(text, &measured.edits()).unwrap()
    }

    #[test]
    fn replaces_values_and_keeps_comments_and_layout() {
        let text = "# my partner\n[vendor]\nname = \"Acme\"   # us\n\n[market]\nicp_overlap_pct = 32                      # 0-100: share\nnamed_overlap_accounts = 12               # named logos\nsame_buying_conversation = true\n";
        let (edited, changes) = edit_measured(text, MEASURED);
        assert_eq!(
            edited,
            "# my partner\n[vendor]\nname = \"Acme\"   # us\n\n[market]\nicp_overlap_pct = 25.9                      # 0-100: share\nnamed_overlap_accounts = 14               # named logos\nsame_buying_conversation = true\n"
        );
        assert_eq!(changes[0].before.as_deref(), Some("32"));
        assert_eq!(changes[1].after.as_deref(), Some("14"));
    }

    #[test]
    fn adds_market_table_or_missing_keys() {
        let (edited, changes) = edit_measured("[vendor]\nname = \"Acme\"\n", MEASURED);
        assert_eq!(
            edited,
            "[vendor]\nname = \"Acme\"\n\n[market]\nicp_overlap_pct = 25.9\nnamed_overlap_accounts = 14\n"
        );
        assert_eq!(changes[0].before, None);
        let (edited, _) = edit_measured("[market]\nsame_buying_conversation = true\n", MEASURED);
        assert!(edited
            .starts_with("[market]\nsame_buying_conversation = true\nicp_overlap_pct = 25.9\n"));
    }

    #[test]
    fn whole_percentages_are_written_as_integers() {
        let measured = Measured {
            icp_overlap_pct: 25.0,
            ..MEASURED
        };
        let (edited, _) = edit_measured("[market]\nicp_overlap_pct = 1\n", measured);
        assert!(edited.contains("icp_overlap_pct = 25\n"), "{edited}");
    }

    #[test]
    fn removes_a_field_and_leaves_a_missing_one_missing() {
        let text =
            "[evidence]\n# measured\nwin_rate_with_partner_pct = 40 # was\nsourced_deals = 3\n";
        let edits = [
            Edit::remove("evidence.win_rate_with_partner_pct"),
            Edit::remove("evidence.cycle_days_with_partner"),
            Edit::remove("economics.win_rate_pct"),
        ];
        let (edited, changes) = edit(text, &edits).unwrap();
        assert_eq!(edited, "[evidence]\nsourced_deals = 3\n");
        assert_eq!(changes[0].before.as_deref(), Some("40"));
        assert!(changes[1].unchanged() && changes[2].unchanged());
    }

    #[test]
    fn a_following_edit_is_made_only_with_another_change() {
        let text = "[evidence]\nsourced_deals = 3\nmeasured_on = \"2026-01-01\"\n";
        let edits = |n: i64| {
            [
                Edit::set("evidence.sourced_deals", Value::from(n)),
                Edit::set("evidence.measured_on", Value::from("2026-12-07")).following(),
            ]
        };
        let (same, changes) = edit(text, &edits(3)).unwrap();
        assert_eq!(same, text);
        assert!(changes.iter().all(Change::unchanged));
        let (edited, _) = edit(text, &edits(4)).unwrap();
        assert_eq!(
            edited,
            "[evidence]\nsourced_deals = 4\nmeasured_on = \"2026-12-07\"\n"
        );
    }

    #[test]
    fn invalid_toml_names_the_line() {
        let err = edit("[market]\nicp_overlap_pct = = 3\n", &MEASURED.edits()).unwrap_err();
        assert_eq!(err.0, Some(2));
        let err = edit("market = 3\n", &MEASURED.edits()).unwrap_err();
        assert!(err.1.contains("not a table"));
    }
}
