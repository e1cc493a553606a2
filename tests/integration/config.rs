//! The project configuration as a repository of profiles uses it: `partner-fit.toml`
//! found upward, its rules and thresholds, what the command line overrides, and its
//! mistakes.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use super::assess::partner_fit;

/// A project: `partner-fit.toml` with `config`, the built-in rules exported to
/// `acme-rules/`, and `partners/` holding the shipped ready-to-co-sell example
/// (which scores 99 for co-sell with a green gate).
fn project(config: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    partner_fit()
        .current_dir(root.path())
        .args(["rules", "export", "acme-rules"])
        .assert()
        .success();
    std::fs::create_dir(root.path().join("partners")).unwrap();
    std::fs::copy(
        example("ready-to-co-sell.toml"),
        root.path().join("partners/ready.toml"),
    )
    .unwrap();
    std::fs::write(root.path().join("partner-fit.toml"), config).unwrap();
    root
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn json_in(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = partner_fit()
        .current_dir(dir)
        .args(["assess", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|err| {
        panic!(
            "not JSON ({err}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out.status.code().unwrap())
}

#[test]
fn a_configuration_above_the_current_folder_names_the_rules_and_thresholds() {
    let root = project("rules = \"acme-rules\"\nmin_score = 100\nrequire_green_gate = true\n");
    let partners = root.path().join("partners");
    let (report, code) = json_in(&partners, &["ready.toml"]);
    assert_eq!(code, 1, "min_score = 100 fails a score of 99");
    assert_eq!(report["rules"]["source"], "../acme-rules");
    assert_eq!(report["rules"]["named_in"], "../partner-fit.toml");
    let checks: Vec<(&str, bool)> = report["profiles"][0]["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["check"].as_str().unwrap(), t["passed"].as_bool().unwrap()))
        .collect();
    assert_eq!(checks, [("min-score", false), ("green-gate", true)]);
    // The text report says the same on its last lines, and the failed threshold names
    // the file that set it, not a flag nobody typed.
    partner_fit()
        .current_dir(&partners)
        .arg("assess")
        .arg("ready.toml")
        .assert()
        .code(1)
        .stdout(predicate::str::is_match(
            r"\nRules: \.\./acme-rules \(sha256:[0-9a-f]{12}…\), named in \.\./partner-fit\.toml\nConfiguration: \.\./partner-fit\.toml sets rules = \.\./acme-rules, min_score = 100, require_green_gate = true\n$",
        ).unwrap())
        .stderr(predicate::str::contains(
            "scores 99, below 100 (min_score in ../partner-fit.toml) by 1 point",
        ));
}

#[test]
fn the_command_line_and_the_environment_win_over_the_file() {
    let root = project("rules = \"acme-rules\"\nmin_score = 100\n");
    let other = root.path().join("other-rules");
    partner_fit()
        .args(["rules", "export"])
        .arg(&other)
        .assert()
        .success();
    // --min-score over min_score.
    let (report, code) = json_in(root.path(), &["partners", "--min-score", "90"]);
    assert_eq!(code, 0);
    assert_eq!(report["profiles"][0]["thresholds"][0]["required"], 90);
    // PARTNER_FIT_RULES over `rules`, and --rules over both.
    let source = |args: &[&str], env: Option<&str>| {
        let mut cmd = partner_fit();
        cmd.current_dir(root.path())
            .args(["assess", "--format", "json", "partners"])
            .args(args);
        if let Some(dir) = env {
            cmd.env("PARTNER_FIT_RULES", dir);
        }
        let report: Value = serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap();
        (
            report["rules"]["source"].as_str().unwrap().to_string(),
            !report["rules"]["named_in"].is_null(),
        )
    };
    assert_eq!(source(&[], None), ("acme-rules".to_string(), true));
    assert_eq!(
        source(&[], Some("other-rules")),
        ("other-rules".to_string(), false)
    );
    assert_eq!(
        source(&["--rules", "acme-rules"], Some("other-rules")),
        ("acme-rules".to_string(), false)
    );
    // --no-config: built-in rules and no threshold.
    let (report, code) = json_in(root.path(), &["partners", "--no-config"]);
    assert_eq!(code, 0);
    assert_eq!(report["rules"]["source"], "built-in");
    assert_eq!(report["profiles"][0]["thresholds"], serde_json::json!([]));
}

#[test]
fn motion_takes_its_minimum_score_from_the_file() {
    let root = project("min_score = 95\n");
    let (report, code) = json_in(root.path(), &["partners", "--motion", "reseller"]);
    assert_eq!(code, 1, "reseller scores below 95");
    assert_eq!(report["profiles"][0]["thresholds"][0]["motion"], "reseller");
    partner_fit()
        .current_dir(root.path())
        .args(["assess", "partners", "--no-config", "--motion", "referral"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no minimum score is set"));
}

#[test]
fn every_mistake_in_the_file_is_reported_at_once_before_assessing() {
    let root = project("rules = 3\nmin_scor = 70\nrequire_evidence = \"yes\"\n");
    partner_fit()
        .current_dir(root.path().join("partners"))
        .args(["assess", "ready.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains(
                "../partner-fit.toml:1:9: `rules` is a folder name, in quotes",
            )
            .and(predicate::str::contains(
                "../partner-fit.toml:2:1: unknown key `min_scor` in partner-fit.toml",
            ))
            .and(predicate::str::contains("help: did you mean `min_score`?"))
            .and(predicate::str::contains(
                "../partner-fit.toml:3:20: `require_evidence` is true or false",
            ))
            .and(predicate::str::contains("3 problems found")),
        );
    // A rules folder that does not exist is named as the file wrote it.
    std::fs::write(
        root.path().join("partner-fit.toml"),
        "rules = \"missing\"\n",
    )
    .unwrap();
    partner_fit()
        .current_dir(root.path())
        .args(["assess", "partners"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing: not a rules folder"));
}

#[test]
fn rules_commands_use_the_configured_rules() {
    let root = project("rules = \"acme-rules\"\n");
    partner_fit()
        .current_dir(root.path())
        .args(["rules", "validate"])
        .assert()
        .success()
        .stdout(predicate::str::contains("acme-rules"));
    partner_fit()
        .current_dir(root.path())
        .args(["rules", "validate", "--no-config"])
        .assert()
        .success()
        .stdout(predicate::str::contains("the built-in rules"));
}

#[test]
fn the_configuration_is_never_taken_for_a_profile() {
    let root = project("min_score = 10\n");
    // A configuration kept among the profiles is skipped by `assess DIR`.
    std::fs::copy(
        root.path().join("partner-fit.toml"),
        root.path().join("partners/partner-fit.toml"),
    )
    .unwrap();
    let (report, code) = json_in(root.path(), &["partners"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["profiles"], 1);
    // `init` writes partner.toml by default and refuses the configuration's name.
    partner_fit()
        .current_dir(root.path())
        .args(["init", "partner-fit.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is the name of the project configuration",
        ));
    partner_fit()
        .current_dir(root.path())
        .arg("init")
        .assert()
        .success();
    assert!(root.path().join("partner.toml").is_file());
}

/// partner-fit run in `dir` with `args`: exit code, stdout and stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = partner_fit().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_threshold_the_file_set_is_never_reported_as_a_flag() {
    let root = project("min_score = 100\nrequire_evidence = true\n");
    let partners = root.path().join("partners");
    let (code, stdout, stderr) = run_in(&partners, &["assess", "ready.toml"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("below 100 (min_score in ../partner-fit.toml) by 1 point"),
        "{stderr}"
    );
    assert!(!stderr.contains("--min-score"), "{stderr}");
    assert!(
        stdout.contains(
            "Configuration: ../partner-fit.toml sets min_score = 100, require_evidence = true"
        ),
        "{stdout}"
    );

    let (report, _) = json_in(&partners, &["ready.toml"]);
    let config = &report["config"];
    assert_eq!(config["file"], "../partner-fit.toml");
    assert_eq!(config["min_score"], 100);
    assert_eq!(config["require_evidence"], true);
    assert_eq!(config["require_green_gate"], false);
    assert_eq!(config["rules"], Value::Null);
    for threshold in report["profiles"][0]["thresholds"].as_array().unwrap() {
        assert_eq!(threshold["set_in"], "../partner-fit.toml", "{threshold}");
    }

    // Given on the command line, the bar is the flag's, and the file set nothing.
    let (report, _) = json_in(&partners, &["ready.toml", "--min-score", "100"]);
    assert_eq!(report["config"]["min_score"], Value::Null);
    assert_eq!(
        report["profiles"][0]["thresholds"][0]["set_in"],
        Value::Null
    );
    let (_, _, stderr) = run_in(&partners, &["assess", "ready.toml", "--min-score", "100"]);
    assert!(
        stderr.contains("below --min-score 100 by 1 point"),
        "{stderr}"
    );

    // Without a configuration the report says so with `null`.
    let (report, _) = json_in(&partners, &["ready.toml", "--no-config"]);
    assert_eq!(report["config"], Value::Null);
}

#[test]
fn commands_whose_output_does_not_show_the_configuration_note_it() {
    let root = project("rules = \"acme-rules\"\nmin_score = 90\n");
    let partners = root.path().join("partners");
    let note = "note: ../partner-fit.toml sets rules = ../acme-rules, min_score = 90";
    let (_, stdout, stderr) = run_in(&partners, &["assess", "--quiet", "ready.toml"]);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains(note), "{stderr}");
    let (_, _, stderr) = run_in(&partners, &["diff", "ready.toml", "ready.toml"]);
    assert!(stderr.contains(note), "{stderr}");
    let (_, _, stderr) = run_in(&partners, &["rules", "list"]);
    assert!(
        stderr.contains("note: ../partner-fit.toml sets rules = ../acme-rules"),
        "{stderr}"
    );
    // With --no-config nothing is changed, and nothing is said.
    let (_, _, stderr) = run_in(&partners, &["rules", "list", "--no-config"]);
    assert!(!stderr.contains("note:"), "{stderr}");
}
