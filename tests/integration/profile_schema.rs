//! The edge-case profiles of `tests/fixtures/profile-schema/`: the loader gives each the
//! verdict its name states (`ok-*` loads, `bad-*` exits 2). `.ci/schema-check` checks
//! the profile schema gives the same verdicts with python-jsonschema, but for the cases
//! the corpus README lists as inexpressible.

use super::process::{partner_fit, s};

const CORPUS: &str = "tests/fixtures/profile-schema";

#[test]
fn the_loader_gives_each_corpus_profile_the_verdict_its_name_states() {
    let mut checked = 0;
    for entry in std::fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let code = partner_fit(&["assess", s(&path)])
            .output()
            .unwrap()
            .status
            .code();
        match name.split('-').next() {
            Some("ok") => assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}"),
            Some("bad") => assert_eq!(code, Some(2), "{name}"),
            _ => panic!("{name}: a corpus name starts with ok- or bad-"),
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} corpus profiles");
}

#[test]
fn every_inexpressible_case_the_corpus_lists_is_a_file_and_in_the_docs() {
    let readme = std::fs::read_to_string(format!("{CORPUS}/README.md")).unwrap();
    let docs = std::fs::read_to_string("docs/profile.md").unwrap();
    let listed: Vec<&str> = readme
        .split("## Inexpressible")
        .nth(1)
        .expect("the corpus README has an Inexpressible section")
        .lines()
        .filter_map(|l| l.strip_prefix("- `")?.split('`').next())
        .collect();
    assert!(!listed.is_empty());
    for name in listed {
        assert!(
            std::path::Path::new(CORPUS).join(name).exists(),
            "{name} is listed but not in the corpus"
        );
        assert!(docs.contains(name), "docs/profile.md does not list {name}");
    }
}

#[test]
fn the_profile_schema_requires_the_names_the_loader_requires() {
    let out = partner_fit(&["schema"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["required"], serde_json::json!(["vendor", "partner"]));
    for section in ["vendor", "partner"] {
        assert_eq!(
            schema["properties"][section]["required"],
            serde_json::json!(["name"])
        );
        assert_eq!(
            schema["properties"][section]["properties"]["name"]["type"],
            "string"
        );
    }
    assert_eq!(
        schema["properties"]["value"]["allOf"]
            .as_array()
            .map(Vec::len),
        Some(3),
        "one primary-driver condition per driver"
    );
}
