//! Answers -> profile text (format 1): every section with its description, every answered
//! field with its description above it, and every unanswered field as a comment saying what
//! it accepts, so the file reads as a filled-in form. Fields are written in the order given
//! (the interview's), so the file reads in the order the questions were asked.

use crate::condition::{Fact, Facts};
use crate::digits::group_digits;
use crate::profile::catalog::{Field, FieldKind};

/// The profile text for `answers`, after the `header` comment lines, with `fields` in order
/// (each section's fields together).
pub fn render<'f>(
    answers: &Facts,
    fields: impl IntoIterator<Item = &'f Field>,
    header: &[String],
) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
    }
    out.push_str("format = 1\n");
    let mut section = "";
    for field in fields {
        if field.section() != section {
            section = field.section();
            out.push_str(&format!("\n# {}\n[{section}]\n", field.section_description));
        }
        match answers.get(&field.path) {
            Some(fact) => {
                out.push_str(&format!("# {}\n", field.description));
                out.push_str(&format!("{} = {}\n", field.key(), value(field, fact)));
            }
            None => out.push_str(&format!(
                "# {} = ?   not known yet; {}\n",
                field.key(),
                field.allowed()
            )),
        }
    }
    out
}

/// `original` (a profile's text) with the answers that differ between `before` and `after`
/// changed, added or removed, and everything else (comments, order, spacing, how numbers
/// were written) kept as it was. `None` when `original` is not TOML.
pub fn edit<'f>(
    original: &str,
    before: &Facts,
    after: &Facts,
    fields: impl IntoIterator<Item = &'f Field>,
) -> Option<String> {
    let mut doc: toml_edit::DocumentMut = original.parse().ok()?;
    for field in fields {
        let now = after.get(&field.path);
        if before.get(&field.path) == now {
            continue;
        }
        let (section, key) = (field.section(), field.key());
        // An answer written under an old name is rewritten under the field's name, so
        // the file never holds both.
        let old_keys = crate::profile::ALIASES
            .iter()
            .filter(|(_, new)| *new == field.path)
            .filter_map(|(old, _)| old.split_once('.').map(|(_, key)| key));
        if let Some(table) = doc.get_mut(section).and_then(|t| t.as_table_like_mut()) {
            for old in old_keys {
                table.remove(old);
            }
        }
        match now {
            Some(fact) => {
                let new: toml_edit::Value = value(field, fact).parse().ok()?;
                let table = doc
                    .entry(section)
                    .or_insert_with(toml_edit::table)
                    .as_table_like_mut()?;
                match table.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
                    // The comment after the old value stays with the new one.
                    Some(old) => {
                        let decor = old.decor().clone();
                        *old = new;
                        *old.decor_mut() = decor;
                    }
                    None => {
                        table.insert(key, toml_edit::value(new));
                    }
                }
            }
            None => {
                if let Some(table) = doc.get_mut(section).and_then(|t| t.as_table_like_mut()) {
                    table.remove(key);
                }
            }
        }
    }
    Some(doc.to_string())
}

/// A fact as a TOML value of the field's kind.
fn value(field: &Field, fact: &Fact) -> String {
    match fact {
        Fact::Bool(b) => b.to_string(),
        Fact::Number(n) => {
            let whole = matches!(field.kind, FieldKind::Number { whole: true, .. });
            if (whole || n.fract() == 0.0) && n.abs() < 9e15 {
                let i = *n as i64;
                let digits = if i.unsigned_abs() >= 10_000 {
                    group_digits(i.unsigned_abs(), '_')
                } else {
                    i.unsigned_abs().to_string()
                };
                if i < 0 {
                    format!("-{digits}")
                } else {
                    digits
                }
            } else {
                n.to_string()
            }
        }
        Fact::Text(t) => toml::Value::String(t.clone()).to_string(),
        Fact::List(items) => toml::Value::Array(
            items
                .iter()
                .map(|i| toml::Value::String(i.clone()))
                .collect(),
        )
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::catalog;
    use crate::profile::{facts::facts, parse};

    #[test]
    fn an_answer_under_an_old_name_is_rewritten_under_the_new_one() {
        let original = "[partnership]\nproposed_motion = \"co-sell\"\n[vendor]\nname = \"V\"\n[partner]\nname = \"P\"\n";
        let before = facts(&parse(Path::new("p.toml"), original).unwrap());
        let mut after = before.clone();
        after.insert("partnership.label".into(), Fact::Text("referral".into()));
        let edited = edit(original, &before, &after, catalog::fields()).unwrap();
        assert!(!edited.contains("proposed_motion"), "{edited}");
        assert!(edited.contains("label = \"referral\""), "{edited}");
        assert_eq!(facts(&parse(Path::new("e.toml"), &edited).unwrap()), after);
    }
    use std::path::Path;

    const FULL: &str = r#"
[partnership]
label = "co-sell"
invoiced_by = "vendor"
[vendor]
name = "Acme \"Analytics\""
past_product_market_fit = true
sales_cycle_days = 60
annual_revenue_usd = 4_000_000
[partner]
name = "Northwind"
type = "si"
[market]
icp_overlap_pct = 32.5
[value]
drivers = ["retention", "reach"]
primary_driver = "retention"
joint_workflow = "Pipeline data flows into the partner's dashboards"
[operations]
pipeline_review_every_days = 0
"#;

    #[test]
    fn rendered_profile_reads_back_to_the_same_answers() {
        let original = facts(&parse(Path::new("p.toml"), FULL).unwrap());
        let text = render(
            &original,
            catalog::fields(),
            &["A header".into(), String::new()],
        );
        let again = facts(&parse(Path::new("saved.toml"), &text).unwrap());
        assert_eq!(original, again);
        assert!(text.starts_with("# A header\n#\nformat = 1\n"), "{text}");
        assert!(text.contains("annual_revenue_usd = 4_000_000\n"), "{text}");
        assert!(
            text.contains(
                "# Share of target accounts both sides share, 0-100.\nicp_overlap_pct = 32.5\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("# lead = ?   not known yet; vendor | partner | shared\n"),
            "{text}"
        );
    }

    #[test]
    fn an_edit_keeps_comments_and_layout_of_what_did_not_change() {
        let original = "# Our notes on Northwind.\n\n[vendor]\nname = \"Acme\"   # the legal name\n# six figures, roughly\nannual_revenue_usd = 4_000_000\nsales_cycle_days = 60 # days\n\n[partner]\nname = \"Northwind\"\n";
        let before = facts(&parse(Path::new("p.toml"), original).unwrap());
        let mut after = before.clone();
        after.insert("vendor.sales_cycle_days".into(), Fact::Number(45.0));
        after.insert("partner.type".into(), Fact::Text("si".into()));
        after.remove("vendor.annual_revenue_usd");
        let edited = edit(original, &before, &after, catalog::fields()).unwrap();
        assert_eq!(
            edited,
            "# Our notes on Northwind.\n\n[vendor]\nname = \"Acme\"   # the legal name\nsales_cycle_days = 45 # days\n\n[partner]\nname = \"Northwind\"\ntype = \"si\"\n"
        );
        assert_eq!(facts(&parse(Path::new("e.toml"), &edited).unwrap()), after);
    }

    #[test]
    fn every_section_is_written_even_when_empty() {
        let text = render(&Facts::new(), catalog::fields(), &[]);
        for field in catalog::fields() {
            assert!(text.contains(&format!("[{}]\n", field.section())));
        }
        // Valid TOML, only the required names missing.
        assert!(toml::from_str::<crate::profile::Profile>(&text).is_ok());
    }
}
