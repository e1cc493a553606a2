//! The catalogue of profile fields: each answerable field's dotted path, what it accepts
//! and its description, read from the JSON Schema of [`Profile`], so that the Rust types
//! stay the one declaration of the format. Rules are validated against it, the interview
//! asks one question per entry, `init` writes one line per entry, the loader checks
//! section names and suggests keys with it, and an assessment tries the answers a missing
//! field could take. The schema is walked once per process, the first time any of this is
//! asked.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::Value as Json;

use super::Profile;

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

    /// Whether the field holds a percentage: `bounded::Percent`, the one kind of number
    /// with decimals from 0 to 100. There `0.55` is more likely a fraction than half a
    /// percent, so the interview asks before taking it.
    pub fn is_percent(&self) -> bool {
        matches!(self.kind, FieldKind::Number { min, max, whole: false } if min == 0.0 && max == 100.0)
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
/// The fields every profile must answer: the two sides' names. A profile without one
/// is refused at load, so every text may quote them.
pub const REQUIRED: &[&str] = &["vendor.name", "partner.name"];

/// The text fields that hold one line: a name is shown in headings, table cells and
/// log lines, where a line break would start a line of the profile's choosing. The
/// loader refuses a line break in them.
pub const SINGLE_LINE: &[&str] = &["vendor.name", "partner.name"];

/// Whether every loaded profile answers `path`.
pub fn is_required(path: &str) -> bool {
    REQUIRED.contains(&path)
}

pub fn fields() -> &'static [Field] {
    static FIELDS: OnceLock<Vec<Field>> = OnceLock::new();
    FIELDS.get_or_init(|| from_schema(&schema()))
}

/// What the field at a dotted path accepts.
pub fn kind(path: &str) -> Option<FieldKind> {
    field(path).map(|f| f.kind.clone())
}

/// A choice's value as prose: `deal_velocity` reads "deal velocity". Hyphenated values
/// (`co-sell`) keep their hyphen, being the words readers know them by.
pub fn value_words(value: &str) -> String {
    value.replace('_', " ")
}

/// The words a choice or list field takes; none for any other field.
pub fn choices(path: &str) -> &'static [String] {
    match field(path).map(|f| &f.kind) {
        Some(FieldKind::Choice(words) | FieldKind::List(words)) => words,
        _ => &[],
    }
}

/// Looks a field up by its dotted path.
pub fn field(path: &str) -> Option<&'static Field> {
    fields().iter().find(|f| f.path == path)
}

/// Whether `name` is a section of the profile, one that holds answers.
pub(crate) fn is_section(name: &str) -> bool {
    fields().iter().any(|f| f.section() == name)
}

/// The JSON Schema of a profile, with every sub-schema inlined.
pub fn schema() -> Json {
    let generator = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    generator.into_root_schema_for::<Profile>().to_value()
}

/// The JSON Schema `partner-fit schema` prints for editors: [`schema`], plus each old
/// name a profile may still use, marked deprecated, accepting what the field accepts, and
/// never beside the field's own name.
pub fn published_schema() -> Json {
    let mut schema = schema();
    for (old, new) in super::ALIASES {
        let (Some((section, old_key)), Some((_, new_key))) =
            (old.split_once('.'), new.split_once('.'))
        else {
            continue;
        };
        let section_schema = &mut schema["properties"][section];
        let mut field = section_schema["properties"][new_key].clone();
        field["description"] = Json::String(format!(
            "The old name of `{new_key}`, still read; give one of the two."
        ));
        field["deprecated"] = Json::Bool(true);
        section_schema["properties"][old_key] = field;
        section_schema["not"] = serde_json::json!({ "required": [new_key, old_key] });
    }
    refuse_what_the_loader_refuses(&mut schema);
    schema
}

/// Text the loader reads: no control character but a tab or a line break (`\n`, `\r\n`),
/// as `value::control_character` decides.
const PLAIN_TEXT: &str = r"^(?:[^\x00-\x08\x0B-\x1F\x7F-\x9F]|\r\n)*$";

/// Somewhere a character that is not white space: a required name is not blank. A
/// second pattern rather than a look-ahead in [`PLAIN_TEXT`], which not every editor's
/// regex engine has.
const NOT_BLANK: &str = r"\S";

/// Adds to the schema what the loader checks beyond each field's type and range, where
/// JSON Schema can say it, so an editor refuses what `assess` refuses: the required
/// names (and so an empty file), plain text, and a primary driver among the drivers.
/// What it cannot say is listed in docs/profile.md.
fn refuse_what_the_loader_refuses(schema: &mut Json) {
    let mut required_sections = Vec::new();
    for path in REQUIRED {
        let Some((section, key)) = path.split_once('.') else {
            continue;
        };
        required_sections.push(section);
        let section_schema = &mut schema["properties"][section];
        section_schema["required"] = serde_json::json!([key]);
        let field = &mut section_schema["properties"][key];
        field["type"] = Json::String("string".into());
        field["pattern"] = Json::String(PLAIN_TEXT.into());
        field["allOf"] = serde_json::json!([{ "pattern": NOT_BLANK }]);
    }
    schema["required"] = serde_json::json!(required_sections);
    for field in fields() {
        if field.kind == FieldKind::Text && !is_required(&field.path) {
            let (section, key) = field.path.split_once('.').expect("a field is section.key");
            schema["properties"][section]["properties"][key]["pattern"] =
                Json::String(PLAIN_TEXT.into());
        }
    }
    if let Some(FieldKind::List(drivers)) = kind("value.drivers") {
        let each: Vec<Json> = drivers
            .iter()
            .map(|word| {
                serde_json::json!({
                    "if": {
                        "required": ["primary_driver", "drivers"],
                        "properties": { "primary_driver": { "const": word } }
                    },
                    "then": { "properties": { "drivers": { "contains": { "const": word } } } }
                })
            })
            .collect();
        schema["properties"]["value"]["allOf"] = Json::Array(each);
    }
}

/// The fields the schema describes: each section's properties, in declaration order
/// (serde_json keeps it). A property without properties of its own, `format`, is a
/// version, not a section.
fn from_schema(schema: &Json) -> Vec<Field> {
    let mut out = Vec::new();
    let sections = schema["properties"].as_object().into_iter().flatten();
    for (section, section_schema) in sections {
        let Some(props) = section_schema["properties"].as_object() else {
            continue;
        };
        let section_description = first_line(&section_schema["description"]);
        for (key, field_schema) in props {
            let path = format!("{section}.{key}");
            out.push(Field {
                kind: kind_of(&path, field_schema),
                description: first_line(&field_schema["description"]),
                section_description: section_description.clone(),
                path,
            });
        }
    }
    out
}

/// What a field's schema accepts. Every answer is optional, so its schema also allows
/// `null`; that is not a value a field can be given and is left out.
///
/// A shape not handled here means the profile types gained a new kind of answer. The
/// panics say so, and fire in the unit tests, which build the catalogue, never for a user.
fn kind_of(path: &str, schema: &Json) -> FieldKind {
    if let Some(words) = words(schema) {
        return FieldKind::Choice(words);
    }
    let bound = |key: &str| {
        schema[key].as_f64().unwrap_or_else(|| {
            panic!("the profile types give `{path}` no {key}: every number has a range")
        })
    };
    match type_name(schema) {
        Some("boolean") => FieldKind::Bool,
        Some("string") => FieldKind::Text,
        Some(number @ ("integer" | "number")) => FieldKind::Number {
            min: bound("minimum"),
            max: bound("maximum"),
            whole: number == "integer",
        },
        Some("array") => FieldKind::List(words(&schema["items"]).unwrap_or_else(|| {
            panic!("the profile types give `{path}` a list of something other than words")
        })),
        other => {
            panic!("the profile types give `{path}` a type the catalogue does not know: {other:?}")
        }
    }
}

/// The schema's type, leaving out the `null` of an optional answer.
fn type_name(schema: &Json) -> Option<&str> {
    match &schema["type"] {
        Json::String(name) => Some(name),
        Json::Array(names) => names
            .iter()
            .filter_map(Json::as_str)
            .find(|name| *name != "null"),
        _ => None,
    }
}

/// The closed set of words an enum schema allows, in declaration order.
fn words(schema: &Json) -> Option<Vec<String>> {
    let values = schema["enum"].as_array()?;
    Some(
        values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    )
}

/// The first line of a schema description: the summary line of the doc comment.
fn first_line(description: &Json) -> String {
    let text = description.as_str().unwrap_or_default();
    text.lines().next().unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_kind_is_found_by_its_path_and_only_for_answers() {
        assert_eq!(
            kind("vendor.sales_cycle_days"),
            Some(FieldKind::Number {
                min: 1.0,
                max: 3650.0,
                whole: true
            })
        );
        assert_eq!(kind("market.nope"), None);
        assert_eq!(kind("format"), None);
        assert!(is_section("market") && is_section("partnership"));
        assert!(!is_section("format") && !is_section("markets"));
    }

    #[test]
    fn the_percent_fields_are_the_ones_named_pct() {
        for f in fields() {
            assert_eq!(f.is_percent(), f.key().ends_with("_pct"), "{}", f.path);
        }
        assert!(fields().iter().any(Field::is_percent));
    }

    #[test]
    fn fields_carry_their_own_and_their_section_doc_comment() {
        let name = field("vendor.name").unwrap();
        assert_eq!(name.description, "Your company's name (required).");
        assert_eq!(
            name.section_description,
            "Your company, whose product is being sold."
        );
        assert_eq!(
            field("partner.type").unwrap().description,
            "What kind of company the partner is."
        );
        for f in fields() {
            assert!(!f.description.is_empty(), "{}", f.path);
            assert!(!f.section_description.is_empty(), "{}", f.path);
        }
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
        assert_eq!(fields()[0].path, "partnership.label");
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
    fn every_measurable_answer_is_a_field_of_the_profile() {
        let measurable = choices("evidence.measured");
        assert_eq!(measurable.len(), 11);
        for word in measurable {
            assert!(field(word).is_some(), "{word} is not a profile field");
        }
    }

    #[test]
    fn catalogue_matches_the_spec_field_count() {
        // 4 + 8 + 7 + 4 + 4 + 4 + 3 + 11 + 1 + 4 + 12 fields in shared/spec/profile.md, the
        // three `cloud` fields the program gates also read, and the deal size the
        // partner's sellers work and the deal mix (economics), and the 12 deal-evidence
        // fields `deals compare --update` writes (evidence), documented in docs/profile.md
        assert_eq!(
            fields().len(),
            79,
            "{:#?}",
            fields().iter().map(|f| &f.path).collect::<Vec<_>>()
        );
    }
}
