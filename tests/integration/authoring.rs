//! The rules-authoring commands end to end: `init`, `schema`, `completions`, `man`, and
//! the checks behind `rules validate` that golden files cannot express. Exact output is
//! in the `tests/cmd/rules-*` and `tests/cmd/help-*` cases.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value as Json;

use partner_fit::profile::catalog;
use partner_fit::rules::{self, RuleSource};

fn partner_fit() -> Command {
    super::process::asserted()
}

#[test]
fn init_writes_a_template_that_assess_reads() {
    let dir = tempfile::tempdir().unwrap();
    partner_fit()
        .current_dir(dir.path())
        .args(["init", "--vendor", "Acme", "--partner", "Northwind"])
        .assert()
        .success()
        .stderr(predicate::str::contains("partner-fit assess partner.toml"));
    let text = std::fs::read_to_string(dir.path().join("partner.toml")).unwrap();
    assert!(text.contains("name = \"Acme\""), "{text}");
    partner_fit()
        .current_dir(dir.path())
        .args(["assess", "partner.toml", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Northwind"));
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "# my answers\n").unwrap();
    partner_fit()
        .arg("init")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my answers\n");

    partner_fit()
        .arg("init")
        .arg(&path)
        .arg("--force")
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("[vendor]"), "{text}");
    // The temporary file was renamed into place, not left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn init_dash_prints_the_template() {
    let out = partner_fit().args(["init", "-"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for field in catalog::fields() {
        assert!(
            text.contains(&format!("{} = ", field.key())),
            "`{}` missing from the template",
            field.path
        );
    }
}

#[test]
fn init_into_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    partner_fit()
        .arg("init")
        .arg(dir.path().join("nope/profile.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

fn schema() -> Json {
    let out = partner_fit().arg("schema").assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("the schema is JSON")
}

#[test]
fn schema_lists_every_profile_field_and_rejects_unknown_keys() {
    let schema = schema();
    assert!(schema["$schema"].is_string(), "names its draft");
    for field in catalog::fields() {
        let section = &schema["properties"][field.section()];
        let props = section["properties"]
            .as_object()
            .or_else(|| {
                section["anyOf"]
                    .as_array()
                    .and_then(|b| b.iter().find_map(|b| b["properties"].as_object()))
            })
            .unwrap_or_else(|| panic!("section `{}` has no properties", field.section()));
        let entry = props
            .get(field.key())
            .unwrap_or_else(|| panic!("`{}` missing from the schema", field.path));
        assert!(
            entry["description"].is_string(),
            "`{}` has no description",
            field.path
        );
    }
    assert_eq!(schema["additionalProperties"], Json::Bool(false));
}

/// Every key of a filled-in profile is one the schema knows, so an editor completes and
/// accepts it.
#[test]
fn schema_knows_every_key_of_a_filled_profile() {
    let schema = schema();
    let text = partner_fit_template_uncommented();
    let profile: toml::Table = toml::from_str(&text).unwrap();
    for (section, body) in &profile {
        let section_schema = &schema["properties"][section];
        assert!(!section_schema.is_null(), "schema lacks `{section}`");
        let Some(fields) = body.as_table() else {
            continue;
        };
        let known = serde_json::to_string(section_schema).unwrap();
        for key in fields.keys() {
            assert!(
                known.contains(&format!("\"{key}\":")),
                "schema lacks `{section}.{key}`"
            );
        }
    }
}

fn partner_fit_template_uncommented() -> String {
    let out = partner_fit().args(["init", "-"]).assert().success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest
                    .split_once(" = ")
                    .is_some_and(|(k, _)| !k.contains(' ')) =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn completions_are_generated_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _partner__fit"),
        ("zsh", "#compdef partner-fit"),
        ("fish", "complete -c partner-fit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        partner_fit()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker).and(predicate::str::contains("validate")));
    }
}

#[test]
fn man_page_renders_with_every_command() {
    partner_fit().arg("man").assert().success().stdout(
        predicate::str::starts_with(".ie")
            .or(predicate::str::starts_with(".TH"))
            .and(predicate::str::contains("partner-fit"))
            .and(predicate::str::contains("assess"))
            .and(predicate::str::contains("completions")),
    );
    let dir = tempfile::tempdir().unwrap();
    partner_fit()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    for page in [
        "partner-fit.1",
        "partner-fit-assess.1",
        "partner-fit-rules-explain.1",
        "partner-fit-init.1",
    ] {
        assert!(dir.path().join(page).is_file(), "{page} not written");
    }
}

/// Every defect fixture fails validation and has a golden case with its expected message.
#[test]
fn every_invalid_fixture_fails_and_has_a_golden_case() {
    let root = Path::new("tests/fixtures/rules-invalid");
    let mut seen = 0;
    for entry in std::fs::read_dir(root).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            rules::load(&RuleSource::Dir(dir.clone())).is_err(),
            "fixture `{name}` validates, but should show one defect"
        );
        let case = format!("tests/cmd/rules-validate-{name}.stderr");
        let expected = std::fs::read_to_string(&case)
            .unwrap_or_else(|_| panic!("no golden case `{case}` for fixture `{name}`"));
        assert!(expected.contains("error: "), "{case} shows no error");
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} defect fixtures");
    assert!(rules::load(&RuleSource::Dir("tests/fixtures/rules-valid".into())).is_ok());
}

/// The validation table in `docs/rules-authoring.md` names every defect fixture.
#[test]
fn authoring_guide_lists_every_defect_fixture() {
    let doc = std::fs::read_to_string("docs/rules-authoring.md").unwrap();
    for entry in std::fs::read_dir("tests/fixtures/rules-invalid").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            doc.contains(&format!("| `{name}` |")),
            "docs/rules-authoring.md does not list the fixture `{name}`"
        );
    }
}

#[test]
fn validate_checks_the_interview_questions_beside_the_rules() {
    partner_fit()
        .args([
            "rules",
            "validate",
            "tests/fixtures/interview-invalid/misspelt-field",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("interview.toml:"))
        .stderr(predicate::str::contains(
            "unknown profile field `vendor.nme`",
        ))
        .stderr(predicate::str::contains("did you mean `vendor.name`?"));
    partner_fit()
        .args(["rules", "validate", "tests/fixtures/rules-valid"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no interview questions"));
}

#[test]
fn man_pages_are_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    partner_fit()
        .args(["man", "--out-dir", out])
        .assert()
        .success();
    assert!(dir.path().join("partner-fit-assess.1").exists());
    std::fs::write(dir.path().join("partner-fit.1"), "mine").unwrap();
    partner_fit()
        .args(["man", "--out-dir", out])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --force to replace them"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("partner-fit.1")).unwrap(),
        "mine"
    );
    partner_fit()
        .args(["man", "--out-dir", out, "--force"])
        .assert()
        .success();
    assert_ne!(
        std::fs::read_to_string(dir.path().join("partner-fit.1")).unwrap(),
        "mine"
    );
}

/// A rule message has no place of its own in the parsed rule; a problem in one is still
/// pointed at where it is written.
#[test]
fn a_bad_placeholder_is_pointed_at_in_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new("tests/fixtures/rules-valid");
    for file in ["policy.toml", "flow/sells.toml", "gate/overlap.toml"] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let text = std::fs::read_to_string(fixture.join(file)).unwrap();
        let text = text.replace(
            "met   = \"Overlap is {market.icp_overlap_pct}%.\"",
            "met   = \"Overlap is {market.icp_overlap}%.\"",
        );
        std::fs::write(to, text).unwrap();
    }
    partner_fit()
        .args(["rules", "validate"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "overlap.toml:10:21: message names unknown profile field `market.icp_overlap`",
        ))
        .stderr(predicate::str::contains(
            "help: did you mean `market.icp_overlap_pct`?",
        ));
}

/// `rules export` writes the built-in rules as a folder that validates and assesses
/// exactly as they do, and never overwrites a file without `--force`.
#[test]
fn exported_rules_validate_and_assess_like_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my-rules");
    partner_fit()
        .args(["rules", "export"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote "));
    partner_fit()
        .args(["rules", "validate"])
        .arg(&out)
        .assert()
        .success();
    let report = |rules: Option<&std::path::Path>| {
        let mut cmd = partner_fit();
        cmd.args([
            "assess",
            "examples/sparse-unknowns.toml",
            "--format",
            "json",
        ]);
        if let Some(rules) = rules {
            cmd.arg("--rules").arg(rules);
        }
        let output = cmd.output().unwrap();
        serde_json::from_slice::<Json>(&output.stdout).unwrap()
    };
    let (built_in, exported) = (report(None), report(Some(&out)));
    assert_eq!(built_in["profiles"], exported["profiles"]);
    assert_eq!(built_in["rules"]["digest"], exported["rules"]["digest"]);
    assert_eq!(built_in["rules"]["source"], "built-in");

    // A second export is refused and leaves the (edited) copy alone.
    let policy = out.join("policy.toml");
    std::fs::write(&policy, "# edited\n").unwrap();
    partner_fit()
        .args(["rules", "export"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("never overwrites").and(predicate::str::contains("--force")),
        );
    assert_eq!(std::fs::read_to_string(&policy).unwrap(), "# edited\n");
    partner_fit()
        .args(["rules", "export", "--force"])
        .arg(&out)
        .assert()
        .success();
    assert_ne!(std::fs::read_to_string(&policy).unwrap(), "# edited\n");
}

/// `rules export` is all or nothing: a run killed at any moment leaves no folder, or whole
/// files the next run recognises, and the next run finishes the export without --force;
/// the temporary folder a SIGKILL left is removed by it.
#[test]
fn a_killed_export_never_blocks_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my-rules");
    let binary = assert_cmd::cargo::cargo_bin("partner-fit");
    for delay_ms in [0u64, 1, 2, 4, 8, 16] {
        let _ = std::fs::remove_dir_all(&out);
        let mut child = std::process::Command::new(&binary)
            .args(["rules", "export"])
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        partner_fit()
            .args(["rules", "export"])
            .arg(&out)
            .assert()
            .success();
        partner_fit()
            .args(["rules", "validate"])
            .arg(&out)
            .assert()
            .success();
        // Only the folder: no temporary folder or file beside it.
        let beside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, ["my-rules"], "after a kill at {delay_ms} ms");
    }

    // What a SIGKILL between the writes leaves: the temporary folder of a process that is
    // gone (no process has this id), and a folder holding some files as exported.
    std::fs::remove_dir_all(&out).unwrap();
    let left = dir.path().join(".my-rules.2147483000.AbC123.tmp");
    std::fs::create_dir_all(left.join("gate")).unwrap();
    std::fs::write(left.join("policy.toml"), "half").unwrap();
    std::fs::create_dir_all(out.join("gate")).unwrap();
    std::fs::copy(
        "rules/gate/icp-overlap.toml",
        out.join("gate/icp-overlap.toml"),
    )
    .unwrap();
    partner_fit()
        .args(["rules", "export"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 more were already there as exported",
        ));
    assert!(
        !left.exists(),
        "the killed run's temporary folder is removed"
    );
    partner_fit()
        .args(["rules", "validate"])
        .arg(&out)
        .assert()
        .success();
}

/// A profile may still use an old name, so an editor with the schema accepts it, marks it
/// deprecated, and refuses it beside the field's own name.
#[test]
fn schema_accepts_the_old_label_name_as_deprecated_but_not_beside_label() {
    let schema = schema();
    let partnership = &schema["properties"]["partnership"];
    let old = &partnership["properties"]["proposed_motion"];
    assert_eq!(old["deprecated"], Json::Bool(true));
    assert_eq!(old["enum"], partnership["properties"]["label"]["enum"]);
    assert_eq!(
        partnership["not"]["required"],
        serde_json::json!(["label", "proposed_motion"])
    );
}

/// Every page carries a date where `.TH` expects one (not the version), lists only pages
/// that are written, and passes `mandoc -T lint` at warning level where mandoc is
/// installed (required with PARTNER_FIT_REQUIRE_TOOLS, as .ci/shells-check sets).
#[test]
fn man_pages_are_dated_link_only_written_pages_and_pass_mandoc() {
    let dir = tempfile::tempdir().unwrap();
    partner_fit()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let printed = partner_fit().arg("man").output().unwrap();
    std::fs::write(dir.path().join("printed.1"), &printed.stdout).unwrap();
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    for name in &written {
        let page = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let th = page.lines().find(|l| l.starts_with(".TH ")).unwrap();
        // .TH title section date source
        let date = th.split_whitespace().nth(3).unwrap_or("");
        assert!(
            date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
            "{name}: `{th}` has no YYYY-MM-DD date"
        );
        for line in page.lines().filter(|l| l.ends_with("(1)")) {
            for reference in line.split(", ") {
                let page_name = format!(
                    "{}.1",
                    reference.trim_end_matches("(1)").replace("\\-", "-")
                );
                assert!(
                    written.contains(&page_name),
                    "{name} lists {reference}, which is not written"
                );
            }
        }
        if name == "partner-fit-diff.1" {
            assert!(!page.contains("html"), "diff's page offers html");
        }
    }
    match std::process::Command::new("mandoc")
        .args(["-T", "lint", "-W", "warning"])
        .args(written.iter().map(|n| dir.path().join(n)))
        .output()
    {
        Ok(lint) => assert!(
            lint.status.success() && lint.stdout.is_empty() && lint.stderr.is_empty(),
            "mandoc -T lint:\n{}{}",
            String::from_utf8_lossy(&lint.stdout),
            String::from_utf8_lossy(&lint.stderr)
        ),
        Err(_) => {
            assert!(
                std::env::var_os("PARTNER_FIT_REQUIRE_TOOLS").is_none(),
                "mandoc is not installed, and PARTNER_FIT_REQUIRE_TOOLS is set"
            );
            eprintln!("mandoc is not installed: the pages are not linted here");
        }
    }
}
