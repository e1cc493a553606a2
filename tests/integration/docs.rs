//! The documents a user reads first stay true to the code.

use partner_fit::profile::catalog;

#[test]
fn profile_reference_lists_every_field_under_its_section() {
    let doc = std::fs::read_to_string("docs/profile.md").unwrap();
    for field in catalog::fields() {
        let section = doc
            .split(&format!("### `[{}]`", field.section()))
            .nth(1)
            .unwrap_or_else(|| panic!("docs/profile.md has no section `[{}]`", field.section()));
        let section = section.split("### ").next().unwrap();
        assert!(
            section.contains(&format!("| `{}` |", field.key())),
            "docs/profile.md lacks `{}`",
            field.path
        );
    }
}

#[test]
fn readme_opens_with_the_two_set_up_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let first_block = readme
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let commands: Vec<&str> = first_block.lines().collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert!(commands[0].starts_with("cargo run -- assess examples/"));
    let example = commands[0].rsplit(' ').next().unwrap();
    assert!(
        std::path::Path::new(example).exists(),
        "the README's example {example} is missing"
    );
    assert_eq!(commands[1], "cargo test");
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test --locked"),
        ".ci/run runs the README's test command"
    );
}

#[test]
fn profile_reference_shows_the_errors_the_loader_prints() {
    let doc = std::fs::read_to_string("docs/profile.md").unwrap();
    let shown = doc
        .split("## Errors")
        .nth(1)
        .and_then(|s| s.split("```text\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("docs/profile.md shows an error report under `## Errors`");
    let printed = std::fs::read_to_string("tests/cmd/profile-four-mistakes.stderr").unwrap();
    let printed = printed.replace(
        "tests/fixtures/profiles-invalid/four-mistakes.toml",
        "partners/acme.toml",
    );
    // The golden case's report, with the file under a shorter name.
    assert_eq!(shown.trim_end(), printed.trim_end());
}

#[test]
fn deals_doc_shows_the_table_the_command_prints() {
    let doc = std::fs::read_to_string("docs/deals.md").unwrap();
    let shown = doc
        .split("```console\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .and_then(|s| s.split_once('\n'))
        .map(|(_, output)| output)
        .expect("docs/deals.md opens with a console example");
    let printed =
        std::fs::read_to_string("tests/cmd/deals-compare-salesforce-table.stdout").unwrap();
    assert_eq!(shown, printed, "docs/deals.md's example is out of date");
}

/// A binary built with `test = false` (Cargo.toml) is never compiled as a test: a test
/// written in its file would never run, so none may be.
#[test]
fn a_binary_cargo_does_not_test_holds_no_test() {
    let manifest: toml::Table = std::fs::read_to_string("Cargo.toml")
        .unwrap()
        .parse()
        .unwrap();
    let untested: Vec<&str> = manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|bin| bin.get("test").and_then(toml::Value::as_bool) == Some(false))
        .map(|bin| bin["path"].as_str().unwrap())
        .collect();
    assert_eq!(untested, ["src/main.rs"]);
    for path in untested {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            !text.contains("#[test]") && !text.contains("#[cfg(test)]"),
            "{path} is built with `test = false`: move its tests to the library or tests/"
        );
    }
}

/// The crates are built with `doctest = false`: a Rust example in a doc comment would
/// never run, so none may be written. A fenced block in a doc comment must say its
/// language (`text`, `toml`, `sh`...), and that language must not be Rust.
#[test]
fn no_doc_comment_holds_a_rust_example() {
    let mut found = Vec::new();
    let mut files = Vec::new();
    for dir in ["src", "crates/crm-export/src", "crates/file-safety/src"] {
        files.extend(super::rust_files(std::path::Path::new(dir)));
    }
    assert!(files.len() > 100, "only {} files read", files.len());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut open = false;
        for (n, line) in text.lines().enumerate() {
            let doc = line.trim_start();
            let Some(doc) = doc.strip_prefix("///").or_else(|| doc.strip_prefix("//!")) else {
                continue;
            };
            let Some(tag) = doc.trim().strip_prefix("```") else {
                continue;
            };
            if !open && (tag.is_empty() || tag.split(',').any(|t| t.trim() == "rust")) {
                found.push(format!("{}:{}", file.display(), n + 1));
            }
            open = !open;
        }
    }
    assert!(
        found.is_empty(),
        "doc examples that would not run (doctest = false): write them as tests, or tag the block `text`:\n{}",
        found.join("\n")
    );
}
