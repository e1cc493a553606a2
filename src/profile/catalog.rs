//! The catalogue of profile fields, listed by the declarations of the profile's types
//! (the `section!` and `choice!` macros) so that the Rust types stay the one description of
//! the format. Rules are validated against it, the interview asks one question per entry,
//! `init` writes one line per entry, and an assessment tries the answers a missing field
//! could take. The published JSON Schema comes from the same types; a test checks that the
//! two agree.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::Value as Json;

use super::bounded::{Decimal, Whole};
use super::Profile;

/// A profile section as its declaration lists it.
pub trait Section {
    /// The section's doc comment, line by line.
    const DOC: &'static [&'static str];
    /// The section's fields, in declaration order.
    const FIELDS: &'static [FieldEntry];
}

/// A section of the profile as `Profile` declares it.
pub struct SectionEntry {
    /// The section's name in profiles.
    pub key: &'static str,
    /// The section's doc comment, line by line.
    pub doc: &'static [&'static str],
    /// The section's fields, in declaration order.
    pub fields: &'static [FieldEntry],
    /// Files the section's answers in a profile as facts.
    pub facts: fn(&Profile, &mut crate::condition::Facts),
}

/// One field as its section's declaration lists it.
pub struct FieldEntry {
    /// The key in profiles.
    pub key: &'static str,
    /// What the field's type accepts.
    pub kind: fn() -> FieldKind,
    /// The field's doc comment, line by line.
    pub doc: &'static [&'static str],
}

/// A type a profile answer can have: what it accepts.
pub trait FieldType {
    fn kind() -> FieldKind;
}

/// A closed set of answers, spelled as in profiles.
pub trait Words {
    const WORDS: &'static [&'static str];
    /// This answer's word.
    fn word(&self) -> &'static str;
}

fn words_of<T: Words>() -> Vec<String> {
    T::WORDS.iter().map(|w| w.to_string()).collect()
}

impl FieldType for bool {
    fn kind() -> FieldKind {
        FieldKind::Bool
    }
}

impl FieldType for String {
    fn kind() -> FieldKind {
        FieldKind::Text
    }
}

impl<const MIN: i64, const MAX: i64> FieldType for Whole<MIN, MAX> {
    fn kind() -> FieldKind {
        FieldKind::Number {
            min: MIN as f64,
            max: MAX as f64,
            whole: true,
        }
    }
}

impl<const MIN: i64, const MAX: i64> FieldType for Decimal<MIN, MAX> {
    fn kind() -> FieldKind {
        FieldKind::Number {
            min: MIN as f64,
            max: MAX as f64,
            whole: false,
        }
    }
}

impl<T: Words> FieldType for T {
    fn kind() -> FieldKind {
        FieldKind::Choice(words_of::<T>())
    }
}

impl<T: Words> FieldType for Vec<T> {
    fn kind() -> FieldKind {
        FieldKind::List(words_of::<T>())
    }
}

/// What a field holds, with its allowed values.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Bool,
    /// A number in `min..=max`; `whole` when decimals are not allowed.
    Number {
        min: f64,
        max: f64,
        whole: bool,
    },
    /// One of a closed set of words.
    Choice(Vec<String>),
    /// Free text.
    Text,
    /// Any number of words from a closed set.
    List(Vec<String>),
}

/// One answerable field of the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Dotted path, e.g. `market.icp_overlap_pct`.
    pub path: String,
    pub kind: FieldKind,
    /// The doc comment of the field, one line.
    pub description: String,
    /// The section's doc comment.
    pub section_description: String,
}

impl Field {
    /// Whether a rule may compare this field with `value`: the right type, in range, one of
    /// the field's words. `element` says the value is one element of a list field.
    pub fn accepts(&self, value: &crate::condition::Literal, element: bool) -> bool {
        use crate::condition::Literal;
        match (&self.kind, value) {
            (FieldKind::Bool, Literal::Bool(_)) | (FieldKind::Text, Literal::Text(_)) => true,
            (FieldKind::Number { min, max, .. }, Literal::Number(n)) => n >= min && n <= max,
            (FieldKind::Choice(words), Literal::Text(t)) => !element && words.contains(t),
            (FieldKind::List(words), Literal::Text(t)) => element && words.contains(t),
            _ => false,
        }
    }

    /// The section part of the path, e.g. `market`.
    pub fn section(&self) -> &str {
        self.path.split('.').next().unwrap_or_default()
    }

    /// The key part of the path, e.g. `icp_overlap_pct`.
    pub fn key(&self) -> &str {
        self.path.rsplit('.').next().unwrap_or_default()
    }

    /// The allowed values in words, e.g. `yes | no | unsure` or `a number from 0 to 100`.
    pub fn allowed(&self) -> String {
        match &self.kind {
            FieldKind::Bool => "true | false".into(),
            FieldKind::Number { min, max, whole } => {
                super::bounded::describe_range(*min as i64, *max as i64, *whole)
            }
            FieldKind::Choice(values) => values.join(" | "),
            FieldKind::Text => "text".into(),
            FieldKind::List(values) => format!("a list of any of: {}", values.join(" | ")),
        }
    }
}

/// Every answerable field, in the order the format declares them. The `format` version is
/// not an answer and is left out.
pub fn fields() -> &'static [Field] {
    static FIELDS: OnceLock<Vec<Field>> = OnceLock::new();
    FIELDS.get_or_init(build)
}

/// What the field at a dotted path accepts, read from the declarations without building
/// the catalogue: an assessment asks this of each missing answer, and needs nothing else
/// of the catalogue.
pub fn kind(path: &str) -> Option<FieldKind> {
    let (section, key) = path.split_once('.')?;
    let section = Profile::SECTIONS.iter().find(|s| s.key == section)?;
    let field = section.fields.iter().find(|f| f.key == key)?;
    Some((field.kind)())
}

/// Looks a field up by its dotted path.
pub fn field(path: &str) -> Option<&'static Field> {
    fields().iter().find(|f| f.path == path)
}

/// The JSON Schema of a profile, with every sub-schema inlined.
pub fn schema() -> Json {
    let generator = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    generator.into_root_schema_for::<Profile>().to_value()
}

fn build() -> Vec<Field> {
    let mut out = Vec::new();
    for section in Profile::SECTIONS {
        let section_description = first_line(section.doc);
        for field in section.fields {
            out.push(Field {
                path: format!("{}.{}", section.key, field.key),
                kind: (field.kind)(),
                description: first_line(field.doc),
                section_description: section_description.clone(),
            });
        }
    }
    out
}

/// The first line of a doc comment.
fn first_line(doc: &[&str]) -> String {
    doc.first().map_or("", |line| line.trim()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue as the published JSON Schema describes it: what editors check
    /// profiles against.
    fn from_schema() -> Vec<Field> {
        let schema = schema();
        let mut out = Vec::new();
        for (section, section_schema) in schema["properties"].as_object().unwrap() {
            let section_schema = non_null(section_schema);
            let Some(props) = section_schema["properties"].as_object() else {
                continue; // `format`: a version, not an answer
            };
            for (key, field_schema) in props {
                out.push(Field {
                    path: format!("{section}.{key}"),
                    kind: kind_of(non_null(field_schema)),
                    description: schema_line(&field_schema["description"]),
                    section_description: schema_line(&section_schema["description"]),
                });
            }
        }
        out
    }

    /// `Option<T>` is `T or null` in the schema; the answer's own type is the other branch.
    fn non_null(schema: &Json) -> &Json {
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = schema[key].as_array() {
                if let Some(branch) = branches.iter().find(|b| b["type"] != "null") {
                    return branch;
                }
            }
        }
        schema
    }

    fn kind_of(schema: &Json) -> FieldKind {
        if let Some(values) = words(schema) {
            return FieldKind::Choice(values);
        }
        match type_name(schema).as_str() {
            "boolean" => FieldKind::Bool,
            "integer" | "number" => FieldKind::Number {
                min: schema["minimum"].as_f64().unwrap(),
                max: schema["maximum"].as_f64().unwrap(),
                whole: type_name(schema) == "integer",
            },
            "array" => FieldKind::List(words(non_null(&schema["items"])).unwrap()),
            _ => FieldKind::Text,
        }
    }

    /// The schema's type, ignoring a `null` alternative.
    fn type_name(schema: &Json) -> String {
        match &schema["type"] {
            Json::String(s) => s.clone(),
            Json::Array(types) => types
                .iter()
                .filter_map(Json::as_str)
                .find(|t| *t != "null")
                .unwrap_or_default()
                .to_string(),
            _ => String::new(),
        }
    }

    /// The closed set of words of an enum schema, in declaration order.
    fn words(schema: &Json) -> Option<Vec<String>> {
        if let Some(values) = schema["enum"].as_array() {
            return Some(
                values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            );
        }
        let branches = schema["oneOf"].as_array()?;
        branches
            .iter()
            .map(|b| b["const"].as_str().map(str::to_string))
            .collect()
    }

    fn schema_line(description: &Json) -> String {
        description
            .as_str()
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn every_field_kind_is_found_without_the_catalogue() {
        for field in fields() {
            assert_eq!(
                kind(&field.path).as_ref(),
                Some(&field.kind),
                "{}",
                field.path
            );
        }
        assert_eq!(kind("market.nope"), None);
        assert_eq!(kind("format"), None);
    }

    #[test]
    fn catalogue_is_what_the_published_json_schema_says() {
        assert_eq!(fields(), from_schema().as_slice());
    }

    #[test]
    fn catalogue_lists_every_section_field_with_its_kind() {
        let overlap = field("market.icp_overlap_pct").expect("listed");
        assert_eq!(
            overlap.kind,
            FieldKind::Number {
                min: 0.0,
                max: 100.0,
                whole: false
            }
        );
        assert_eq!(
            field("partner.type").unwrap().kind,
            FieldKind::Choice(
                [
                    "isv",
                    "si",
                    "var",
                    "msp",
                    "distributor",
                    "hyperscaler",
                    "agency"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        assert_eq!(
            field("value.drivers").unwrap().kind,
            FieldKind::List(
                ["retention", "reach", "deal_velocity"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(
            field("vendor.past_product_market_fit").unwrap().kind,
            FieldKind::Bool
        );
        assert_eq!(field("vendor.name").unwrap().kind, FieldKind::Text);
        assert!(field("format").is_none());
        for f in fields() {
            assert_eq!(field(&f.path), Some(f), "every field is found by its path");
        }
        // Declaration order, as the format lists them: a person's order, not the alphabet's.
        assert_eq!(fields()[0].path, "partnership.proposed_motion");
        assert_eq!(fields()[4].path, "vendor.name");
        assert!(!field("operations.attribution")
            .unwrap()
            .description
            .is_empty());
    }

    #[test]
    fn a_field_accepts_only_values_it_can_hold() {
        use crate::condition::Literal;
        let pct = field("market.icp_overlap_pct").unwrap();
        assert!(pct.accepts(&Literal::Number(25.0), false));
        assert!(!pct.accepts(&Literal::Number(140.0), false));
        assert!(!pct.accepts(&Literal::Text("25".into()), false));
        let kind = field("partner.type").unwrap();
        assert!(kind.accepts(&Literal::Text("si".into()), false));
        assert!(!kind.accepts(&Literal::Text("sii".into()), false));
        let drivers = field("value.drivers").unwrap();
        assert!(drivers.accepts(&Literal::Text("reach".into()), true));
        assert!(
            !drivers.accepts(&Literal::Text("reach".into()), false),
            "a list is not one word"
        );
    }

    #[test]
    fn catalogue_matches_the_spec_field_count() {
        // 4 + 8 + 7 + 4 + 4 + 4 + 3 + 11 + 1 + 4 fields in shared/spec/profile.md
        assert_eq!(
            fields().len(),
            50,
            "{:#?}",
            fields().iter().map(|f| &f.path).collect::<Vec<_>>()
        );
    }
}
