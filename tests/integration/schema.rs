//! The JSON Schemas of the output (`schema report`, `schema diff`): well-formed, and
//! listing every key the JSON has, with every key they require present. The full
//! validation with a third-party validator (python-jsonschema) is `.ci/schema-check`,
//! over the same documents; this test needs nothing but the binary.

use serde_json::{Map, Value};

use super::process::{partner_fit, s};

/// The JSON a command prints, whatever its exit code.
fn json_of(args: &[&str]) -> Value {
    let out = partner_fit(args).output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("`partner-fit {}` printed no JSON: {e}", args.join(" ")))
}

fn examples() -> Vec<String> {
    super::toml_files("examples")
}

/// Follows `$ref`s to the schema they name; keys beside a `$ref` (a tagged variant's
/// `status`) add to it: their properties and required keys join the target's.
fn resolve(schema: &Value, root: &Value) -> Value {
    let Some(r) = schema["$ref"].as_str() else {
        return schema.clone();
    };
    let name = r
        .strip_prefix("#/$defs/")
        .unwrap_or_else(|| panic!("a $ref outside $defs: {r}"));
    let target = &root["$defs"][name];
    assert!(!target.is_null(), "$ref {r} names no definition");
    let mut merged = resolve(target, root);
    for (key, value) in schema.as_object().unwrap() {
        match (key.as_str(), &mut merged[key]) {
            ("$ref", _) => {}
            ("properties", Value::Object(props)) => {
                props.extend(value.as_object().unwrap().clone());
            }
            ("required", Value::Array(req)) => req.extend(value.as_array().unwrap().clone()),
            (_, slot) => *slot = value.clone(),
        }
    }
    merged
}

fn type_matches(schema: &Value, value: &Value) -> bool {
    let fits = |t: &str| match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        other => panic!("unknown type {other}"),
    };
    match &schema["type"] {
        Value::Null => true,
        Value::String(t) => fits(t),
        Value::Array(ts) => ts.iter().any(|t| fits(t.as_str().unwrap())),
        other => panic!("bad type {other}"),
    }
}

/// Every key of `value` is a property its schema lists, every required key is there,
/// and the types agree; problems are pushed to `errors` with their JSON path.
fn check(value: &Value, schema: &Value, root: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = &resolve(schema, root);
    if let Some(branches) = schema["anyOf"].as_array().or(schema["oneOf"].as_array()) {
        let fitting = branches.iter().find(|b| {
            let mut e = Vec::new();
            check(value, b, root, path, &mut e);
            e.is_empty()
        });
        if fitting.is_none() {
            let mut e = Vec::new();
            for b in branches {
                check(value, b, root, path, &mut e);
            }
            errors.push(format!("{path}: fits no branch ({})", e.join("; ")));
        }
        return;
    }
    if !type_matches(schema, value) {
        errors.push(format!("{path}: {value} is not of type {}", schema["type"]));
        return;
    }
    if schema.get("const").is_some_and(|c| c != value) {
        errors.push(format!("{path}: {value} is not {}", schema["const"]));
    }
    if let Some(words) = schema["enum"].as_array() {
        if !words.contains(value) {
            errors.push(format!("{path}: {value} is not one of {schema}"));
        }
    }
    if let Value::Object(object) = value {
        check_object(object, schema, root, path, errors);
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(item, item_schema, root, &format!("{path}[{i}]"), errors);
        }
    }
}

fn check_object(
    object: &Map<String, Value>,
    schema: &Value,
    root: &Value,
    path: &str,
    errors: &mut Vec<String>,
) {
    let properties = schema["properties"].as_object();
    let open = schema["additionalProperties"].is_object();
    for (key, value) in object {
        match properties.and_then(|p| p.get(key)) {
            Some(sub) => check(value, sub, root, &format!("{path}.{key}"), errors),
            None if open => check(
                value,
                &schema["additionalProperties"],
                root,
                &format!("{path}.{key}"),
                errors,
            ),
            None => errors.push(format!("{path}: key `{key}` is not in the schema")),
        }
    }
    for key in schema["required"].as_array().into_iter().flatten() {
        if !object.contains_key(key.as_str().unwrap()) {
            errors.push(format!("{path}: required key {key} is missing"));
        }
    }
}

fn assert_fits(document: &Value, schema: &Value, what: &str) {
    let mut errors = Vec::new();
    check(document, schema, schema, "$", &mut errors);
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// Every schema is a draft 2020-12 object schema whose `$ref`s all resolve, and every key
/// it names is required: the output never leaves a key out.
fn assert_well_formed(schema: &Value) {
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["type"], "object");
    fn walk(node: &Value, root: &Value) {
        match node {
            Value::Object(map) => {
                if map.contains_key("$ref") {
                    resolve(node, root);
                }
                if let (Some(props), Some(req)) = (
                    map.get("properties").and_then(Value::as_object),
                    map.get("required").and_then(Value::as_array),
                ) {
                    for key in props.keys() {
                        assert!(
                            req.iter().any(|r| r == key),
                            "`{key}` is optional in the schema: every key must be written"
                        );
                    }
                }
                map.values().for_each(|v| walk(v, root));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, root)),
            _ => {}
        }
    }
    walk(schema, schema);
}

#[test]
fn output_schemas_are_well_formed_and_require_every_key() {
    for which in ["report", "diff"] {
        let schema = json_of(&["schema", which]);
        assert_well_formed(&schema);
    }
    let diff = json_of(&["schema", "diff"]);
    assert_eq!(diff["properties"]["kind"]["$ref"], "#/$defs/ComparisonKind");
}

#[test]
fn every_example_report_has_only_the_keys_the_schema_lists() {
    let schema = json_of(&["schema", "report"]);
    for example in examples() {
        let report = json_of(&["assess", "--format", "json", &example]);
        assert_fits(&report, &schema, &example);
    }
}

#[test]
fn several_profile_and_error_reports_fit_the_schema() {
    let schema = json_of(&["schema", "report"]);
    let mut args = vec![
        "assess",
        "--format",
        "json",
        "--min-score",
        "60",
        "--require-green-gate",
        "--require-evidence",
        "--target",
        "reseller",
    ];
    let examples = examples();
    args.extend(examples.iter().map(String::as_str));
    args.push("tests/fixtures/profiles-invalid/four-mistakes.toml");
    let report = json_of(&args);
    assert_fits(
        &report,
        &schema,
        "every example, thresholds and a broken profile",
    );
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn a_diff_of_reports_fits_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let save = |name: &str, profiles: &[&str]| {
        let mut args = vec!["assess", "--format", "json"];
        args.extend(profiles);
        let out = partner_fit(&args).output().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, out.stdout).unwrap();
        path
    };
    let old = save(
        "old.json",
        &["examples/pre-pmf.toml", "examples/ready-to-co-sell.toml"],
    );
    let new = save(
        "new.json",
        &[
            "examples/ready-to-co-sell.toml",
            "examples/reseller-ready.toml",
            "tests/fixtures/profiles-invalid/four-mistakes.toml",
        ],
    );
    let schema = json_of(&["schema", "diff"]);
    let diff = json_of(&["diff", "--format", "json", s(&old), s(&new)]);
    assert_eq!(diff["kind"], "diff");
    assert_fits(&diff, &schema, "a diff of two reports");
    let one = json_of(&[
        "diff",
        "--format",
        "json",
        "examples/pre-pmf.toml",
        "examples/ready-to-co-sell.toml",
    ]);
    assert_fits(&one, &schema, "a diff of two profiles");
}

/// Every key either schema names, collected from every `properties`.
fn keys(node: &Value, out: &mut std::collections::BTreeSet<String>) {
    match node {
        Value::Object(map) => {
            if let Some(props) = map.get("properties").and_then(Value::as_object) {
                out.extend(props.keys().cloned());
            }
            map.values().for_each(|v| keys(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn docs_output_names_every_key_of_both_schemas() {
    let docs = std::fs::read_to_string("docs/output.md").unwrap();
    let mut all = std::collections::BTreeSet::new();
    for which in ["report", "diff"] {
        keys(&json_of(&["schema", which]), &mut all);
    }
    let undocumented: Vec<&String> = all
        .iter()
        .filter(|k| {
            ![format!("`{k}`"), format!("`{k}[]`"), format!("\"{k}\"")]
                .iter()
                .any(|form| docs.contains(form.as_str()))
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "docs/output.md does not name {undocumented:?}"
    );
}
