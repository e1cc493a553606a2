//! `partner-fit assess` end to end: real profiles in, tables, JSON and exit codes out.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const SAMPLE: &str = "tests/fixtures/profiles/spec-sample.toml";
const NAMES_ONLY: &str = "tests/fixtures/profiles/names-only.toml";

/// The binary, in the tests' one environment.
pub(crate) fn partner_fit() -> Command {
    super::process::asserted()
}

/// The JSON report of `assess --format json ARGS`: its one top-level object.
fn json(args: &[&str]) -> (Value, i32) {
    let out = partner_fit()
        .args(["assess", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(report["format"], 2, "{report}");
    (report, code)
}

/// The entry of the one profile `ARGS` name, from the JSON report.
fn one(args: &[&str]) -> (Value, i32) {
    let (report, code) = json(args);
    let profiles = report["profiles"]
        .as_array()
        .expect("`profiles` is an array");
    assert_eq!(profiles.len(), 1, "{report}");
    (profiles[0].clone(), code)
}

/// The motion named `name` of an assessed profile's JSON entry.
pub(crate) fn motion<'a>(a: &'a Value, name: &str) -> &'a Value {
    a["motions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["motion"] == name)
        .unwrap()
}

#[test]
fn json_has_every_contract_field() {
    let (a, code) = one(&[SAMPLE]);
    assert_eq!(code, 0);
    for key in [
        "format",
        "profile",
        "recommendation",
        "motions",
        "gate",
        "commission_strip",
        "label_check",
        "warnings",
        "unknowns",
        "decision_path",
    ] {
        assert!(a.get(key).is_some(), "missing `{key}`");
    }
    assert_eq!(a["format"], 2);
    assert_eq!(a["profile"], SAMPLE);
    let motions: Vec<&str> = a["motions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["motion"].as_str().unwrap())
        .collect();
    assert_eq!(motions, ["referral", "co-sell", "reseller"]);
    let recommended: Vec<&Value> = a["motions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["verdict"] == "recommended")
        .collect();
    assert_eq!(recommended.len(), 1);
    assert_eq!(recommended[0]["motion"], a["recommendation"]["motion"]);
    assert_eq!(recommended[0]["score"], a["recommendation"]["score"]);
    for c in a["gate"]["conditions"].as_array().unwrap() {
        assert!(["green-light", "wait"].contains(&c["kind"].as_str().unwrap()));
        assert!(["met", "unmet", "unknown"].contains(&c["state"].as_str().unwrap()));
        assert!(c["rule"].as_str().unwrap().starts_with("gate."));
    }
}

#[test]
fn spec_sample_follows_the_flow_to_co_sell() {
    let (a, _) = one(&[SAMPLE]);
    let path: Vec<(&str, &str)> = a["decision_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["rule"].as_str().unwrap(), s["answer"].as_str().unwrap()))
        .collect();
    assert_eq!(path.first(), Some(&("flow.partner-sells", "yes")));
    assert_eq!(a["recommendation"]["flow_leads_to"], "co-sell");
    assert_eq!(a["commission_strip"]["primary_driver"], "retention");
    assert_eq!(
        a["commission_strip"]["drivers"],
        serde_json::json!(["retention", "reach"])
    );
    assert_eq!(a["label_check"]["declared"], "co-sell");
}

#[test]
fn unknown_is_not_low_a_blank_profile_asks_for_evidence() {
    let (a, code) = one(&[NAMES_ONLY]);
    assert_eq!(code, 0);
    assert_eq!(a["gate"]["status"], "wait");
    assert!(a["gate"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["state"] == "unknown"));
    assert_eq!(a["commission_strip"]["passed"], Value::Null);
    let unknowns = a["unknowns"].as_array().unwrap();
    assert!(unknowns
        .iter()
        .any(|u| u["field"] == "market.icp_overlap_pct"));
    assert!(unknowns.iter().any(
        |u| u["field"] == "partner.sells_into_accounts" && u["changes_recommendation"] == true
    ));
    // A missing answer reaches the rules that read it through a reference, too.
    let strip = unknowns
        .iter()
        .find(|u| u["field"] == "value.promotes_without_commission")
        .unwrap();
    assert!(
        strip["could_change"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "gate.commission-strip-passes"),
        "{strip}"
    );
    // Decisive unknowns come first.
    let flags: Vec<bool> = unknowns
        .iter()
        .map(|u| u["changes_recommendation"].as_bool().unwrap())
        .collect();
    assert!(flags.windows(2).all(|w| w[0] >= w[1]), "{flags:?}");
    let summary = a["recommendation"]["summary"].as_str().unwrap();
    assert!(summary.contains("Insufficient evidence"), "{summary}");
    // Every answer the rules read is missing, however many the rules read.
    let read = summary.split(' ').next().unwrap();
    assert!(
        summary.starts_with(&format!(
            "{read} of the {read} answers the rules read are missing"
        )),
        "{summary}"
    );
    // Named by its question, not by the field's name.
    assert!(
        summary.contains("Still to answer: Are the partner's sellers in live deals"),
        "{summary}"
    );
    assert!(
        !summary.contains("partner.sells_into_accounts"),
        "{summary}"
    );
}

#[test]
fn answers_that_change_the_recommendation_only_together_are_insufficient_evidence() {
    let (a, code) = one(&["tests/fixtures/profiles/two-gate-answers-missing.toml"]);
    assert_eq!(code, 0);
    assert_eq!(a["recommendation"]["motion"], "referral");
    let both = ["market.buyer_accepts_two_vendors", "market.icp_overlap_pct"];
    let mut evidence: Vec<&str> = a["recommendation"]["insufficient_evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    evidence.sort();
    assert_eq!(evidence, both);
    for field in both {
        let unknown = a["unknowns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["field"] == field)
            .unwrap();
        assert_eq!(unknown["changes_recommendation"], true, "{field}");
    }
}

#[test]
fn gate_waits_while_overlap_is_a_quarter_and_co_sell_gets_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("icp_overlap_pct = 32", "icp_overlap_pct = 25");
    let path = dir.path().join("low-overlap.toml");
    std::fs::write(&path, text).unwrap();
    let (a, code) = one(&[path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(a["gate"]["status"], "wait");
    let line = a["gate"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "gate.icp-overlap")
        .unwrap();
    assert_eq!(line["state"], "unmet");
    let co_sell = motion(&a, "co-sell");
    assert_eq!(co_sell["verdict"], "not-yet");
    assert!(co_sell["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "gate.icp-overlap"));
    assert_ne!(a["recommendation"]["motion"], "co-sell");
}

#[test]
fn table_shows_every_section() {
    partner_fit()
        .args(["assess", SAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains("Recommendation: "))
        .stdout(predicate::str::contains("Co-selling readiness gate"))
        .stdout(predicate::str::contains("Commission-strip test"))
        .stdout(predicate::str::contains("Decision path"))
        .stdout(predicate::str::contains("Label check: "))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn every_line_fits_the_width() {
    for width in ["60", "100", "160"] {
        let out = partner_fit()
            .env("COLUMNS", width)
            .args([
                "assess",
                SAMPLE,
                NAMES_ONLY,
                "examples/sparse-unknowns.toml",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let max: usize = width.parse().unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= max, "width {width}: {line}");
        }
    }
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let plain = partner_fit().args(["assess", SAMPLE]).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    let forced = partner_fit()
        .args(["assess", SAMPLE, "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\u{1b}["));
    let never = partner_fit()
        .env_remove("NO_COLOR")
        .args(["assess", SAMPLE, "--color", "never"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}

#[test]
fn markdown_is_a_pasteable_report() {
    partner_fit()
        .args(["assess", SAMPLE, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Partner fit: Acme Analytics × Northwind Systems",
        ))
        .stdout(predicate::str::contains("| Motion | Score | Verdict |"))
        .stdout(predicate::str::contains("## Co-selling readiness gate"))
        .stdout(predicate::str::contains("## Next steps for"));
}

#[test]
fn min_score_failure_exits_1_and_says_by_how_much() {
    let (a, _) = one(&[SAMPLE]);
    let score = a["recommendation"]["score"].as_u64().unwrap();
    let motion = a["recommendation"]["motion"].as_str().unwrap().to_string();
    let min = (score + 3).min(100);
    if min == score {
        return; // nothing above a perfect score to fail on
    }
    partner_fit()
        .args(["assess", SAMPLE, "--min-score", &min.to_string()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{SAMPLE}: threshold failed: {motion} (recommended) scores {score}, below --min-score {min} by {} point",
            min - score
        )));
    partner_fit()
        .args(["assess", SAMPLE, "--min-score", &score.to_string()])
        .assert()
        .code(0);
}

#[test]
fn min_score_must_be_a_whole_number_of_points() {
    for bad in ["-1", "7.5", "high"] {
        partner_fit()
            .args(["assess", SAMPLE, "--min-score", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "invalid value '{bad}' for '--min-score <N>': a score is a whole number from 0 to 100"
            )));
    }
}

#[test]
fn min_score_applies_to_the_named_motion() {
    let (a, _) = one(&[NAMES_ONLY]);
    let reseller = motion(&a, "reseller")["score"].as_u64().unwrap();
    partner_fit()
        .args([
            "assess",
            NAMES_ONLY,
            "--min-score",
            &(reseller + 1).to_string(),
            "--motion",
            "reseller",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "reseller scores {reseller}, below --min-score {} by 1 point\n",
            reseller + 1
        )));
}

#[test]
fn min_score_above_100_can_never_hold() {
    partner_fit()
        .args(["assess", SAMPLE, "--min-score", "101"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("below --min-score 101"));
    partner_fit()
        .args(["assess", SAMPLE, "--min-score", "-1"])
        .assert()
        .code(2);
}

#[test]
fn require_green_gate_lists_what_holds_it() {
    partner_fit()
        .args(["assess", NAMES_ONLY, "--require-green-gate"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the readiness gate is `wait`, not green",
        ))
        .stderr(predicate::str::is_match(r"\d+ unknown: [^)]*gate\.icp-overlap").unwrap());
}

#[test]
fn several_profiles_give_an_array_in_order_and_a_ranking() {
    let (a, code) = json(&[NAMES_ONLY, SAMPLE]);
    assert_eq!(code, 0);
    let items = a["profiles"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["profile"], NAMES_ONLY);
    assert_eq!(items[1]["profile"], SAMPLE);
    partner_fit()
        .args(["assess", NAMES_ONLY, SAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains("Partners ranked"));
}

/// Many profiles are assessed on every core; the report keeps the order given.
#[test]
fn many_profiles_come_back_in_the_order_given() {
    let examples = super::toml_files("examples");
    let given: Vec<String> = (0..5)
        .flat_map(|_| examples.iter().rev().cloned())
        .collect();
    let mut args = vec!["assess", "--format", "json"];
    args.extend(given.iter().map(String::as_str));
    let out = partner_fit().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let reports: Value = serde_json::from_slice(&out.stdout).unwrap();
    let order: Vec<&str> = reports["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["profile"].as_str().unwrap())
        .collect();
    assert_eq!(order, given);
}

#[test]
fn several_profiles_exit_with_the_worst_and_report_the_rest() {
    let typo = "tests/fixtures/profiles/typo.toml";
    let (a, code) = json(&[SAMPLE, typo, NAMES_ONLY]);
    assert_eq!(code, 2);
    let items = a["profiles"]
        .as_array()
        .expect("several profiles give an array, whatever failed");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["profile"], SAMPLE);
    assert!(items[0]["recommendation"].is_object());
    assert_eq!(items[1]["profile"], typo);
    assert_eq!(
        items[1]["error"]["message"],
        "unknown field `icp_overlap_pc`"
    );
    assert_eq!(
        (
            items[1]["error"]["line"].as_u64(),
            items[1]["error"]["column"].as_u64()
        ),
        (Some(8), Some(1))
    );
    assert_eq!(items[1]["error"]["help"], "did you mean `icp_overlap_pct`?");
    assert_eq!(items[2]["profile"], NAMES_ONLY);
    partner_fit()
        .args(["assess", SAMPLE, typo])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("could not assess"))
        .stderr(predicate::str::contains(
            "typo.toml:8:1: unknown field `icp_overlap_pc`",
        ));
}

#[test]
fn partners_rank_by_the_furthest_motion_they_can_run_then_score() {
    let (a, _) = json(&[
        "examples/introductions-only.toml",
        "examples/ready-to-co-sell.toml",
        "examples/reseller-ready.toml",
    ]);
    assert_eq!(a["profiles"].as_array().unwrap().len(), 3);
    let out = partner_fit()
        .args([
            "assess",
            "examples/introductions-only.toml",
            "examples/ready-to-co-sell.toml",
            "examples/reseller-ready.toml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let ranking = text.split("Partners ranked").nth(1).unwrap();
    let at = |name: &str| {
        ranking
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing from the ranking"))
    };
    assert!(at("reseller-ready.toml") < at("ready-to-co-sell.toml"));
    assert!(at("ready-to-co-sell.toml") < at("introductions-only.toml"));
}

fn bad(file: &str) -> assert_cmd::assert::Assert {
    partner_fit()
        .args(["assess", &format!("tests/fixtures/profiles/{file}")])
        .assert()
        .code(2)
        .stdout("")
}

#[test]
fn unknown_key_suggests_nearest_field() {
    bad("typo.toml")
        .stderr(predicate::str::contains(
            "error: tests/fixtures/profiles/typo.toml:8:1: unknown field `icp_overlap_pc`",
        ))
        .stderr(predicate::str::contains("8 | icp_overlap_pc = 30"))
        .stderr(predicate::str::contains(
            "help: did you mean `icp_overlap_pct`?",
        ));
}

#[test]
fn out_of_range_names_value_and_range() {
    bad("out-of-range.toml").stderr(predicate::str::contains(
        "out-of-range.toml:8:19: 140 is out of range: expected a number from 0 to 100",
    ));
}

#[test]
fn wrong_type_names_value_and_expected_type() {
    bad("wrong-type.toml")
        .stderr(predicate::str::contains("wrong-type.toml:3:20"))
        .stderr(predicate::str::contains("\"sixty\""))
        .stderr(predicate::str::contains("a whole number from 1 to 3,650"));
}

#[test]
fn misspelt_choice_suggests_the_value() {
    bad("bad-choice.toml")
        .stderr(predicate::str::contains(
            "bad-choice.toml:2:9: unknown value \"cosell\" for `partnership.label`",
        ))
        .stderr(predicate::str::contains("did you mean \"co-sell\"?"));
}

#[test]
fn empty_missing_and_non_utf8_files_are_explained() {
    bad("empty.toml").stderr(predicate::str::contains("empty.toml: the profile is empty"));
    bad("latin1.toml").stderr(predicate::str::contains(
        "not UTF-8 text (invalid byte at line 2, column 12)",
    ));
    bad("no-such-file.toml")
        .stderr(predicate::str::contains("cannot read the profile"))
        .stderr(predicate::str::contains("partner-fit init"));
}

#[test]
fn a_utf16_profile_without_a_byte_order_mark_is_refused_naming_its_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let file = dir.path().join("notepad.toml");
    std::fs::write(
        &file,
        text.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    partner_fit()
        .args(["assess", file.to_str().unwrap()])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "notepad.toml: the profile is UTF-16 (little-endian, without a byte-order mark) text; expected UTF-8",
        ))
        .stderr(predicate::str::contains("iconv -f UTF-16LE -t UTF-8"));
}

#[test]
fn rules_dir_replaces_the_shipped_rules() {
    let dir = tempfile::tempdir().unwrap();
    super::copy_dir(std::path::Path::new("rules"), dir.path());
    let rule = dir.path().join("gate/icp-overlap.toml");
    // A consultant's stricter bar: the threshold and the rule's own cases change together.
    let text = std::fs::read_to_string(&rule)
        .unwrap()
        .replace("value = 25 }", "value = 40 }")
        .replace("icp_overlap_pct = 32 } }", "icp_overlap_pct = 45 } }");
    std::fs::write(&rule, text).unwrap();
    let out = partner_fit()
        .args([
            "assess",
            SAMPLE,
            "--format",
            "json",
            "--rules",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = report["profiles"][0]["gate"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "gate.icp-overlap")
        .unwrap();
    assert_eq!(line["state"], "unmet", "a 40% bar fails a 32% overlap");
}

#[test]
fn invalid_rules_dir_exits_2_with_the_place() {
    let dir = tempfile::tempdir().unwrap();
    super::copy_dir(std::path::Path::new("rules"), dir.path());
    let rule = dir.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule)
        .unwrap()
        .replace("{ gt = {", "{ greater = {");
    std::fs::write(&rule, text).unwrap();
    partner_fit()
        .args(["assess", SAMPLE, "--rules", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("icp-overlap.toml:"))
        .stderr(predicate::str::contains(
            "unknown condition operator `greater`",
        ))
        .stderr(predicate::str::contains(
            "help: allowed values here: eq, ne, gt, gte",
        ));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let bin = env!("CARGO_BIN_EXE_partner-fit");
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{bin}' assess {SAMPLE} {SAMPLE} {SAMPLE} | head -c 10 >/dev/null"
        ))
        .status()
        .unwrap();
    assert!(status.success());
}

/// Runs partner-fit with its stdout closed before it writes, as `| head` does, and returns
/// its exit code and stderr.
fn with_stdout_closed(args: &[&str]) -> (Option<i32>, String) {
    let mut child = super::process::isolated()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closing the read end makes every write fail with a broken pipe; the report of
    // several profiles is larger than a pipe's buffer, so it cannot all slip through.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_still_checks_thresholds_and_keeps_the_worst_exit_code() {
    let (code, stderr) =
        with_stdout_closed(&["assess", SAMPLE, SAMPLE, SAMPLE, "--min-score", "101"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("threshold failed"), "{stderr}");
    let (code, stderr) = with_stdout_closed(&[
        "assess",
        SAMPLE,
        SAMPLE,
        "tests/fixtures/profiles/out-of-range.toml",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    let (code, _) = with_stdout_closed(&["assess", SAMPLE, SAMPLE, SAMPLE]);
    assert_eq!(code, Some(0));
}

#[test]
fn every_example_assesses_cleanly_and_says_what_it_shows() {
    let mut examples: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    examples.sort();
    assert!(
        examples.len() >= 6,
        "at least six examples, found {}",
        examples.len()
    );
    for path in examples {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with('#'),
            "{} opens with a comment saying what it shows",
            path.display()
        );
        let (a, code) = one(&[path.to_str().unwrap()]);
        assert_eq!(code, 0, "{}", path.display());
        assert_eq!(
            a["motions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m["verdict"] == "recommended")
                .count(),
            1
        );
    }
}

#[test]
fn warnings_for_the_recommended_motion_come_first_and_the_rest_say_whom_they_concern() {
    let (a, _) = one(&["examples/introductions-only.toml"]);
    let recommended = a["recommendation"]["motion"].as_str().unwrap().to_string();
    let concerns_it: Vec<bool> = a["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let motions = w["motions"].as_array().unwrap();
            motions.is_empty() || motions.iter().any(|m| m == recommended.as_str())
        })
        .collect();
    assert!(
        concerns_it.windows(2).all(|w| w[0] >= w[1]),
        "{concerns_it:?}"
    );
    assert!(
        concerns_it.contains(&false),
        "the example shows warnings for later"
    );
    partner_fit()
        .args(["assess", "examples/introductions-only.toml"])
        .assert()
        .stdout(predicate::str::contains("(matters for co-sell)"));
}

#[test]
fn motion_names_come_from_the_rules() {
    partner_fit()
        .args(["assess", SAMPLE, "--min-score", "10", "--motion", "cosell"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--motion `cosell` is not a motion these rules score",
        ))
        .stderr(predicate::str::contains("did you mean `co-sell`?"));
}

#[cfg(unix)]
#[test]
fn a_rules_folder_with_a_link_back_up_or_an_upper_case_extension_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    super::copy_dir(std::path::Path::new("rules"), dir.path());
    std::os::unix::fs::symlink("..", dir.path().join("gate/loop")).unwrap();
    // A loop is refused with its path, never walked round or skipped silently.
    partner_fit()
        .args(["assess", SAMPLE, "--rules", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gate/loop: the link leads to"));
    std::fs::remove_file(dir.path().join("gate/loop")).unwrap();
    std::fs::rename(
        dir.path().join("gate/icp-overlap.toml"),
        dir.path().join("gate/icp-overlap.TOML"),
    )
    .unwrap();
    partner_fit()
        .args(["assess", SAMPLE, "--rules", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "icp-overlap.TOML: rule files end in `.toml` (lower case)",
        ));
}

// Profile-loading diagnostics: the format version first, places from the parser's spans
// (quoted and dotted keys, inline tables), sections written as arrays, numbers beyond i64.

#[test]
fn a_later_format_is_named_before_the_keys_it_may_add() {
    bad("format-2.toml")
        .stderr(predicate::str::contains(
            "format-2.toml:1:10: unknown profile format 2",
        ))
        .stderr(predicate::str::contains(
            "help: this version of partner-fit reads `format = 1`",
        ))
        .stderr(predicate::str::contains("unknown field").not());
}

#[test]
fn a_format_written_as_text_is_not_described_as_a_rust_type() {
    bad("format-text.toml")
        .stderr(predicate::str::contains(
            "format-text.toml:1:10: unknown profile format \"1\"",
        ))
        .stderr(predicate::str::contains("u8").not());
}

#[test]
fn a_section_written_as_an_array_of_tables_says_how_to_write_it() {
    bad("market-array.toml").stderr(predicate::str::contains(
        "market-array.toml:7:1: `market` is a table; write `[market]`, not `[[market]]`",
    ));
}

#[test]
fn a_count_beyond_i64_keeps_every_digit() {
    bad("huge-count.toml").stderr(predicate::str::contains(
        "huge-count.toml:8:26: 18,446,744,073,709,551,615 is out of range: expected a whole number from 0 to 1,000,000",
    ));
}

#[test]
fn primary_driver_written_as_a_dotted_key_is_pointed_at() {
    bad("primary-driver-dotted.toml")
        .stderr(predicate::str::contains(
            "primary-driver-dotted.toml:2:24: `value.primary_driver` is `retention`, which is not one of `value.drivers`",
        ))
        .stderr(predicate::str::contains(
            "2 | value.primary_driver = \"retention\"",
        ));
}

#[test]
fn a_key_in_the_wrong_section_names_its_home() {
    bad("key-in-wrong-section.toml")
        .stderr(predicate::str::contains(
            "key-in-wrong-section.toml:6:1: unknown field `shape`",
        ))
        .stderr(predicate::str::contains(
            "help: `shape` belongs under `[partnership]`; valid keys here: name,",
        ))
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn a_misspelt_key_in_an_inline_table_suggests_from_its_section() {
    bad("inline-typo.toml")
        .stderr(predicate::str::contains(
            "inline-typo.toml:1:33: unknown field `sales_cycle`",
        ))
        .stderr(predicate::str::contains(
            "help: did you mean `sales_cycle_days`?",
        ));
}

#[test]
fn a_rule_that_holds_a_motion_down_counts_against_it_whatever_its_state() {
    let (a, _) = one(&["examples/comp-conflict-wait.toml"]);
    let reseller = motion(&a, "reseller");
    let blockers: Vec<&str> = reseller["blocked_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["rule"].as_str().unwrap())
        .collect();
    assert!(!blockers.is_empty());
    for reason in reseller["reasons"].as_array().unwrap() {
        if blockers.contains(&reason["rule"].as_str().unwrap()) {
            assert_eq!(reason["effect"], "against", "{reason}");
        }
    }
}

/// The keys of a JSON object, in order.
fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn one_profile_and_several_give_the_same_shape() {
    let (single, code) = json(&[SAMPLE]);
    assert_eq!(code, 0);
    let (many, code) = json(&[SAMPLE, NAMES_ONLY, "examples/pre-pmf.toml"]);
    assert_eq!(code, 0);
    assert_eq!(
        keys(&single),
        [
            "format",
            "rules",
            "config",
            "profiles",
            "ranking",
            "summary",
            "portfolio"
        ]
    );
    assert_eq!(keys(&single), keys(&many));
    assert_eq!(single["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(many["profiles"].as_array().unwrap().len(), 3);
    assert_eq!(
        keys(&single["profiles"][0]),
        keys(&many["profiles"][0]),
        "an entry reads the same alone or among others"
    );
    for key in ["sources", "thresholds"] {
        assert!(single["profiles"][0].get(key).is_some(), "missing `{key}`");
    }
    assert_eq!(single["profiles"][0]["thresholds"], serde_json::json!([]));
    assert_eq!(
        many["summary"],
        serde_json::json!({"profiles": 3, "assessed": 3, "failed_thresholds": 0, "errors": 0})
    );
    let ranks: Vec<u64> = many["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert_eq!(single["rules"]["source"], "built-in");
    assert!(single["rules"]["digest"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
}

#[test]
fn sources_name_the_articles_behind_the_lines() {
    let (a, _) = one(&[SAMPLE]);
    let sources = a["sources"].as_array().unwrap();
    let gate = sources
        .iter()
        .find(|s| s["key"] == "000")
        .expect("the gate's rules cite article 000");
    assert!(gate["title"].as_str().unwrap().starts_with("Co-Selling vs"));
    assert!(gate["sections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "Green-light conditions"));
}

#[test]
fn thresholds_are_in_the_json_passed_or_failed_with_the_amount_missed() {
    let (a, _) = one(&[SAMPLE]);
    let score = a["recommendation"]["score"].as_u64().unwrap();
    let motion = a["recommendation"]["motion"].clone();
    let (pass, code) = one(&[SAMPLE, "--min-score", &score.to_string()]);
    assert_eq!(code, 0);
    assert_eq!(
        pass["thresholds"],
        serde_json::json!([{"check": "min-score", "motion": motion, "required": score,
            "actual": score, "passed": true,
            "missed_by": 0, "recommended": true, "unmet": [], "unknown": [], "missing": [],
            "set_in": null}])
    );
    let (report, code) = json(&[
        SAMPLE,
        "--min-score",
        "100",
        "--motion",
        "reseller",
        "--require-green-gate",
    ]);
    assert_eq!(code, 1);
    let t = &report["profiles"][0]["thresholds"];
    let reseller = motion_score(&report["profiles"][0], "reseller");
    assert_eq!(t[0]["check"], "min-score");
    assert_eq!(t[0]["motion"], "reseller");
    assert_eq!(t[0]["passed"], false);
    assert_eq!(t[0]["missed_by"], 100 - reseller);
    assert_eq!(t[1]["check"], "green-gate");
    // The word checks keep format 2's one key for the bar and the finding.
    assert_eq!(t[1]["required"], "green");
    assert_eq!(t[1]["actual"], report["profiles"][0]["gate"]["status"]);
    assert_eq!(
        t[1]["passed"],
        report["profiles"][0]["gate"]["status"] == "green"
    );
    assert_eq!(report["summary"]["failed_thresholds"], 1);
}

fn motion_score(a: &Value, name: &str) -> u64 {
    motion(a, name)["score"].as_u64().unwrap()
}

#[test]
fn require_evidence_fails_a_recommendation_resting_on_missing_answers() {
    let sparse = "examples/sparse-unknowns.toml";
    let (a, code) = one(&[sparse, "--require-evidence"]);
    assert_eq!(code, 1);
    let missing = a["recommendation"]["insufficient_evidence"].clone();
    assert!(!missing.as_array().unwrap().is_empty());
    assert_eq!(a["thresholds"][0]["check"], "evidence");
    assert_eq!(a["thresholds"][0]["passed"], false);
    assert_eq!(a["thresholds"][0]["required"], "sufficient");
    assert_eq!(a["thresholds"][0]["actual"], "insufficient");
    assert_eq!(a["thresholds"][0]["missing"], missing);
    partner_fit()
        .args(["assess", sparse, "--require-evidence"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{sparse}: threshold failed: the recommendation rests on insufficient evidence \
             (--require-evidence); answer `{}`",
            missing[0].as_str().unwrap()
        )));
    let ready = "examples/ready-to-co-sell.toml";
    let (a, code) = one(&[ready, "--require-evidence"]);
    assert_eq!(code, 0);
    assert_eq!(a["thresholds"][0]["passed"], true);
    partner_fit()
        .args(["assess", ready, "--require-evidence"])
        .assert()
        .success()
        // No failure line, only the closing line a run with a threshold ends with.
        .stderr("the profile passed\n");
}

#[test]
fn an_unreadable_profile_among_good_ones_is_an_entry_with_its_errors() {
    let typo = "tests/fixtures/profiles/typo.toml";
    let (report, code) = json(&[SAMPLE, typo, NAMES_ONLY]);
    assert_eq!(code, 2);
    let bad = &report["profiles"][1];
    assert_eq!(keys(bad), ["format", "profile", "error", "errors"]);
    assert_eq!(bad["profile"], typo);
    let errors = bad["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    assert_eq!(errors[0], bad["error"]);
    assert_eq!(
        report["summary"],
        serde_json::json!({"profiles": 3, "assessed": 2, "failed_thresholds": 0, "errors": 1})
    );
    let ranked: Vec<&str> = report["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["profile"].as_str().unwrap())
        .collect();
    assert!(!ranked.contains(&typo), "{ranked:?}");
    assert_eq!(ranked.len(), 2);
    // With nothing assessed, the JSON is still the one object, with the error entry.
    let (alone, code) = json(&[typo]);
    assert_eq!(code, 2);
    assert_eq!(alone["profiles"][0]["profile"], typo);
    assert_eq!(alone["ranking"], serde_json::json!([]));
    assert_eq!(alone["summary"]["errors"], 1);
}

#[test]
fn the_digest_follows_the_rules_text() {
    let digest = |rules: Option<&std::path::Path>| {
        let mut cmd = partner_fit();
        cmd.args(["assess", SAMPLE, "--format", "json"]);
        if let Some(dir) = rules {
            cmd.arg("--rules").arg(dir);
        }
        let out = cmd.output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            report["rules"]["source"].as_str().unwrap().to_string(),
            report["rules"]["digest"].as_str().unwrap().to_string(),
        )
    };
    let (source, built_in) = digest(None);
    assert_eq!(source, "built-in");
    let dir = tempfile::tempdir().unwrap();
    super::copy_dir(std::path::Path::new("rules"), dir.path());
    let (source, copied) = digest(Some(dir.path()));
    assert_eq!(source, dir.path().display().to_string());
    assert_eq!(copied, built_in, "an identical copy has the same digest");
    let rule = dir.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule)
        .unwrap()
        .replace("value = 25 }", "value = 40 }")
        .replace("icp_overlap_pct = 32 } }", "icp_overlap_pct = 45 } }");
    std::fs::write(&rule, text).unwrap();
    let (_, changed) = digest(Some(dir.path()));
    assert_ne!(changed, built_in, "a changed threshold changes the digest");
    partner_fit()
        .args(["assess", SAMPLE, "--rules"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Rules: {} (sha256:{}…)",
            dir.path().display(),
            &changed["sha256:".len().."sha256:".len() + 12]
        )));
    partner_fit()
        .args(["assess", SAMPLE, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Rules: built-in (sha256:{}…)",
            &built_in["sha256:".len().."sha256:".len() + 12]
        )));
}

/// Every report names the sources it cites, last: key, title and sections, in each
/// format; the JSON carries them as `sources` with the titles of the policy's
/// [[sources]].
#[test]
fn every_format_ends_with_the_sources_it_cited() {
    let run = |format: &str| {
        let out = partner_fit()
            .args([
                "assess",
                "examples/introductions-only.toml",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let title = "Referral vs reseller vs co-sell: which partner GTM model fits";
    let table = run("table");
    let at = table.find("Sources\n").expect("table lists its sources");
    assert!(table[at..].contains(&format!("[004] {title}")), "{table}");
    assert!(
        !table[at..].contains("Next steps"),
        "sources come last:\n{table}"
    );
    let markdown = run("markdown");
    let at = markdown
        .find("## Sources")
        .expect("markdown lists its sources");
    assert!(
        markdown[at..].contains(&format!("- \\[004\\] {title}")),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let sources = json["profiles"][0]["sources"].as_array().unwrap();
    let cited = sources.iter().find(|s| s["key"] == "004").unwrap();
    assert_eq!(cited["title"], title);
    assert!(!cited["sections"].as_array().unwrap().is_empty());
}

/// Assesses `profile` (the text of a profile file) as JSON.
fn assess_json(profile: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, profile).unwrap();
    let out = partner_fit()
        .args(["assess", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["profiles"][0].clone()
}

fn verdict(a: &serde_json::Value, motion: &str) -> String {
    a["motions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["motion"] == motion)
        .map(|m| m["verdict"].as_str().unwrap().to_string())
        .unwrap()
}

/// Small deals against a partner whose sellers work large ones hold reseller and
/// co-sell back, and say why; deals large enough leave the reseller recommended.
#[test]
fn deal_size_against_the_partner_s_deals_holds_reseller_and_co_sell() {
    let ready = std::fs::read_to_string("examples/reseller-ready.toml").unwrap();
    let small = ready
        .replace("avg_deal_usd = 28_000", "avg_deal_usd = 3_000")
        .replace(
            "partner_typical_deal_usd = 90_000",
            "partner_typical_deal_usd = 150_000",
        );
    let a = assess_json(&small);
    assert_eq!(a["recommendation"]["motion"], "referral");
    assert_eq!(verdict(&a, "reseller"), "not-yet");
    assert_eq!(verdict(&a, "co-sell"), "not-yet");
    let summary = a["recommendation"]["summary"].as_str().unwrap();
    assert!(
        summary.contains("deals large enough for the partner's sellers to notice"),
        "{summary}"
    );
    assert!(ready.contains("partner_typical_deal_usd = 90_000"));
    assert_eq!(assess_json(&ready)["recommendation"]["motion"], "reseller");
}

/// A vendor selling both small self-serve and large strategic deals is told which to
/// refer and which to co-sell; one selling only one kind is not.
#[test]
fn both_deal_sizes_get_a_step_saying_which_to_refer_and_which_to_co_sell() {
    let ready = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let step = |a: &serde_json::Value| {
        a["next_steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["rule"] == "step.layer-by-deal-size")
            .cloned()
    };
    let both = ready.replace("[economics]", "[economics]\ndeal_mix = \"both\"");
    let a = assess_json(&both);
    assert_eq!(a["recommendation"]["motion"], "co-sell");
    assert!(step(&a).is_some(), "{:#?}", a["next_steps"]);
    let one = ready.replace("[economics]", "[economics]\ndeal_mix = \"large-strategic\"");
    assert!(step(&assess_json(&one)).is_none());
    let no_rules = both.replace(
        "credit_rules_written = true",
        "credit_rules_written = false",
    );
    let s = step(&assess_json(&no_rules)).unwrap();
    assert_eq!(s["status"], "to-do");
    assert!(s["message"]
        .as_str()
        .unwrap()
        .contains("refer the small, self-serve deals"));
}

/// When the recommendation is only what can run meanwhile, the first fixes are the plan
/// for the motion the flow leads to: the comp-conflict example starts with "fix
/// compensation first" (seed 000, 'Wait conditions').
#[test]
fn the_first_fixes_unblock_the_motion_the_flow_leads_to() {
    let out = partner_fit()
        .args(["assess", "examples/comp-conflict-wait.toml", "--brief"])
        .output()
        .unwrap();
    let brief = String::from_utf8(out.stdout).unwrap();
    let fixes = brief.split("Fix first:").nth(1).unwrap_or_default();
    let (report, _) = json(&["examples/comp-conflict-wait.toml"]);
    let plan = &report["profiles"][0]["plan"];
    assert_eq!(plan["motion"], "co-sell", "{plan}");
    let head = plan["steps"][0]["fix"].as_str().unwrap().to_string();
    // The first fix shown is the plan's head (wrapped, so compared word by word).
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = words(fixes.split("\n  2.").next().unwrap());
    assert!(first.contains(&words(&head)), "{brief}");
    assert!(first.contains("Fix compensation first"), "{brief}");
}

/// Each prerequisite seed 004 names for the partner-led motions holds reselling back when it
/// is answered no: the reseller-ready example, with one answer changed, no longer gets
/// reseller recommended, and the motion names the rule among its blockers.
#[test]
fn a_reseller_needs_its_own_direct_wins_and_partner_ready_docs() {
    let base = std::fs::read_to_string("examples/reseller-ready.toml").unwrap();
    let (a, _) = one(&["examples/reseller-ready.toml"]);
    assert_eq!(a["recommendation"]["motion"], "reseller", "{a}");
    for (from, to, rule) in [
        (
            "direct_sales_motion = true",
            "direct_sales_motion = false",
            "gate.direct-sales-motion",
        ),
        (
            "partner_ready_docs = true",
            "partner_ready_docs = false",
            "fit.partner-ready-docs",
        ),
    ] {
        assert!(base.contains(from), "{from}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("changed.toml");
        std::fs::write(&path, base.replace(from, to)).unwrap();
        let (a, _) = one(&[path.to_str().unwrap()]);
        let reseller = motion(&a, "reseller");
        assert_eq!(reseller["verdict"], "not-yet", "{to}: {reseller}");
        assert!(
            reseller["blocked_by"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["rule"] == rule),
            "{to}: {reseller}"
        );
        assert_ne!(a["recommendation"]["motion"], "reseller", "{to}");
        assert_eq!(motion(&a, "co-sell")["verdict"], "not-yet", "{to}: co-sell");
    }
}

/// A name is an answer, written as it is: a partner whose name reads like a placeholder
/// of the summary keeps it in the summary, where it names what blocks a motion.
#[test]
fn a_name_that_reads_like_a_placeholder_is_written_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/ready-to-co-sell.toml")
        .unwrap()
        .replace("name = \"Tallyhub CRM\"", "name = \"Tallyhub {read} CRM\"")
        .replace(
            "hub_and_spoke_program = false",
            "hub_and_spoke_program = true",
        );
    let path = dir.path().join("braces.toml");
    std::fs::write(&path, text).unwrap();
    let (a, code) = one(&[path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let blocker = "Tallyhub {read} CRM runs a hub-and-spoke program";
    let co_sell = motion(&a, "co-sell");
    assert!(
        co_sell["blocked_by"][0]["title"]
            .as_str()
            .unwrap()
            .starts_with(blocker),
        "{co_sell}"
    );
    let summary = a["recommendation"]["summary"].as_str().unwrap();
    assert!(
        summary.contains(&format!("cannot run until these hold: {blocker}")),
        "{summary}"
    );
}

#[test]
fn old_label_name_gives_the_same_assessment() {
    let old = "tests/fixtures/profiles/old-label-name.toml";
    let text = std::fs::read_to_string(old).unwrap();
    assert!(
        text.contains("proposed_motion = "),
        "the fixture uses the old name"
    );
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("old-label-name.toml");
    std::fs::write(&new, text.replace("proposed_motion = ", "label = ")).unwrap();
    let (mut by_old, code_old) = one(&[old]);
    let (mut by_new, code_new) = one(&[new.to_str().unwrap()]);
    assert_eq!((code_old, code_new), (0, 0));
    assert_eq!(by_old["label_check"]["declared"], "co-sell", "{by_old}");
    by_old["profile"] = Value::Null;
    by_new["profile"] = Value::Null;
    assert_eq!(by_old, by_new);
}

#[test]
fn a_listing_given_in_one_field_answers_the_other() {
    // Given as `integration.marketplace_listing`: the cloud's listing rules know it.
    let out = partner_fit()
        .args([
            "assess",
            "tests/fixtures/profiles/listed-in-integration.toml",
        ])
        .assert()
        .code(0);
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        !table.contains("Not known whether you are listed"),
        "{table}"
    );
    assert!(
        table.contains("You are listed in AWS Marketplace"),
        "{table}"
    );

    // Given as `cloud.listing`: the other field is inferred, said so, and not missing.
    let (a, code) = one(&["tests/fixtures/profiles/listed-in-cloud.toml"]);
    assert_eq!(code, 0);
    let inferred = a["inferred"].as_array().unwrap();
    let listed = inferred
        .iter()
        .find(|i| i["field"] == "integration.marketplace_listing")
        .unwrap_or_else(|| panic!("{inferred:?}"));
    assert_eq!(listed["value"], true);
    assert_eq!(listed["from"], "cloud.listing");
    assert!(listed["source"].as_str().is_some_and(|s| !s.is_empty()));
    let unknowns: Vec<&str> = a["unknowns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["field"].as_str().unwrap())
        .collect();
    assert!(!unknowns.contains(&"integration.marketplace_listing"));
}

#[test]
fn answers_that_contradict_each_other_are_refused_at_both_lines() {
    let (report, code) = json(&["tests/fixtures/profiles/contradicting-answers.toml"]);
    assert_eq!(code, 2);
    let places: Vec<(u64, String)> = report["profiles"][0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let message = e["message"].as_str().unwrap();
            let field = message.split('`').nth(1).unwrap().to_string();
            (e["line"].as_u64().unwrap(), field)
        })
        .collect();
    let expected = [
        (13, "integration.status"),
        (14, "integration.adopted"),
        (15, "integration.marketplace_listing"),
        (19, "cloud.listing"),
    ];
    let expected: Vec<(u64, String)> = expected.iter().map(|(l, f)| (*l, f.to_string())).collect();
    assert_eq!(places, expected);
}
