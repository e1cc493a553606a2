//! `partner-fit diff` as a reviewer and a pull-request job use it: two versions of a
//! profile, saved reports of many profiles, each format, and the inputs it refuses.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use super::assess::partner_fit;

const READY: &str = "examples/ready-to-co-sell.toml";
const CONFLICT: &str = "examples/comp-conflict-wait.toml";

fn stdout(args: &[&str]) -> String {
    let out = partner_fit().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn two_versions_of_a_profile_show_what_moved() {
    let table = stdout(&["diff", READY, CONFLICT]);
    for line in [
        "Forma Data × Keystone Consulting (examples/ready-to-co-sell.toml → examples/comp-conflict-wait.toml)",
        "  Recommendation: co-sell 99 → referral 78",
        "    referral  100 viable → 78 recommended",
        "    co-sell   99 recommended → 78 not-yet",
        "  Gate: green → wait",
        "    gate.comp-channel-conflict: met → unmet. Your direct team loses out",
        "1 of 1 profile changed",
    ] {
        assert!(table.contains(line), "lacks {line:?}:\n{table}");
    }
    let json: Value =
        serde_json::from_str(&stdout(&["diff", READY, CONFLICT, "--format", "json"])).unwrap();
    assert_eq!(json["format"], 2);
    let profile = &json["profiles"][0];
    assert_eq!(profile["status"], "compared");
    assert_eq!(profile["changed"], true);
    assert_eq!(profile["recommendation"]["old"]["motion"], "co-sell");
    assert_eq!(profile["recommendation"]["new"]["motion"], "referral");
    assert_eq!(
        profile["gate"]["status"],
        serde_json::json!({"old": "green", "new": "wait"})
    );
    let flipped: Vec<&str> = profile["gate"]["flipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        flipped,
        ["gate.reps-paid-equally", "gate.comp-channel-conflict"]
    );
    assert_eq!(json["summary"]["changed"], 1);
    let markdown = stdout(&["diff", READY, CONFLICT, "--format", "markdown"]);
    assert!(markdown.starts_with("### partner-fit: what this change does to the assessment\n"));
    assert!(
        markdown.contains("| Recommendation | co-sell 99 | **referral 78** |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| Gate | green | **wait** |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- `gate.comp-channel-conflict`: met → unmet."),
        "{markdown}"
    );
}

#[test]
fn exit_code_tells_whether_anything_changed() {
    partner_fit()
        .args(["diff", READY, READY, "--exit-code"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "No change for 1 profile: Ledgerly × Tallyhub CRM (co-sell 99, gate green)",
        ));
    partner_fit()
        .args(["diff", READY, CONFLICT, "--exit-code"])
        .assert()
        .code(1);
    // Without --exit-code a change is not a failure.
    partner_fit()
        .args(["diff", READY, CONFLICT])
        .assert()
        .code(0);
}

/// Writes `assess DIR --format json` for the profiles `names` (examples, or `broken`
/// for a profile that does not parse) into `dir/report.json`.
fn report(dir: &Path, profiles: &[(&str, &str)]) -> std::path::PathBuf {
    let partners = dir.join("partners");
    std::fs::create_dir_all(&partners).unwrap();
    for (name, example) in profiles {
        let text = if *example == "broken" {
            "[vendor]\nname = 3\n".to_string()
        } else {
            std::fs::read_to_string(example).unwrap()
        };
        std::fs::write(partners.join(name), text).unwrap();
    }
    let out = partner_fit()
        .current_dir(dir)
        .args(["assess", "partners", "--format", "json"])
        .output()
        .unwrap();
    let path = dir.join("report.json");
    std::fs::write(&path, out.stdout).unwrap();
    path
}

#[test]
fn saved_reports_of_many_profiles_pair_by_name() {
    let base = tempfile::tempdir().unwrap();
    let head = tempfile::tempdir().unwrap();
    let cwd = std::env::current_dir().unwrap();
    let ex = |name: &str| cwd.join("examples").join(name).display().to_string();
    let (ready, conflict, reseller) = (
        ex("ready-to-co-sell.toml"),
        ex("comp-conflict-wait.toml"),
        ex("reseller-ready.toml"),
    );
    let old = report(
        base.path(),
        &[
            ("a.toml", &ready),
            ("b.toml", &ready),
            ("gone.toml", &reseller),
            ("c.toml", &ready),
        ],
    );
    let new = report(
        head.path(),
        &[
            ("a.toml", &ready),
            ("b.toml", &conflict),
            ("new.toml", &reseller),
            ("c.toml", "broken"),
        ],
    );
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let json: Value =
        serde_json::from_str(&stdout(&["diff", &old, &new, "--format", "json"])).unwrap();
    let shape: Vec<(String, String)> = json["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["profile"].as_str().unwrap().to_string(),
                p["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("partners/a.toml", "compared"),
        ("partners/b.toml", "compared"),
        ("partners/c.toml", "unreadable"),
        ("partners/new.toml", "added"),
        ("partners/gone.toml", "removed"),
    ];
    assert_eq!(shape, want.map(|(p, s)| (p.to_string(), s.to_string())));
    assert_eq!(
        json["summary"],
        serde_json::json!({
            "changed": 1, "unchanged": 1, "added": 1, "removed": 1, "unreadable": 1,
            "starts_failing": 0, "stops_failing": 0
        })
    );
    let table = stdout(&["diff", &old, &new]);
    for line in [
        "partners/c.toml: can no longer be read: ",
        "Shiftboard × Nordvik IT (partners/new.toml): new profile: reseller 98, recommended",
        "partners/gone.toml: removed",
        "1 of 5 profiles changed, 1 added, 1 removed, 1 unreadable",
    ] {
        assert!(table.contains(line), "lacks {line:?}:\n{table}");
    }
}

#[test]
fn a_saved_report_and_a_fresh_assessment_compare_alike() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved.json");
    let out = partner_fit()
        .args(["assess", READY, "--format", "json"])
        .output()
        .unwrap();
    std::fs::write(&saved, out.stdout).unwrap();
    let saved = saved.display().to_string();
    partner_fit()
        .args(["diff", &saved, READY, "--exit-code"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "No change for 1 profile: Ledgerly × Tallyhub CRM (co-sell 99, gate green)",
        ));
    partner_fit()
        .args(["diff", &saved, CONFLICT, "--exit-code"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Gate: green → wait"));
}

#[test]
fn inputs_it_cannot_compare_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let old_format = dir.path().join("v1.json");
    std::fs::write(&old_format, "{\"format\": 1, \"profile\": \"x.toml\"}").unwrap();
    partner_fit()
        .args(["diff"])
        .arg(&old_format)
        .arg(READY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is not a partner-fit report in format 2 (format 1)",
        ));
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[vendor]\nname = 3\n").unwrap();
    partner_fit()
        .args(["diff", READY])
        .arg(&broken)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("broken.toml:2:8"));
    partner_fit()
        .args(["diff", READY, "missing.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
    let comparison = dir.path().join("diff.json");
    std::fs::write(
        &comparison,
        stdout(&["diff", "--format", "json", READY, CONFLICT]),
    )
    .unwrap();
    partner_fit()
        .args(["diff"])
        .arg(&comparison)
        .arg(READY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is the JSON of `partner-fit diff`, not a report",
        ));
}

#[test]
fn the_table_fits_every_width_from_40_columns() {
    for width in [40, 60, 80, 160] {
        let out = partner_fit()
            .env("COLUMNS", width.to_string())
            .args(["diff", READY, CONFLICT])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= width,
                "{width} columns: {line:?} is {} wide",
                line.chars().count()
            );
        }
    }
}

#[test]
fn html_is_not_offered_as_a_diff_format() {
    partner_fit()
        .args(["diff", READY, CONFLICT, "--format", "html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "[possible values: table, json, markdown]",
        ));
}

/// A folder holding `profiles` (a name and an example to copy) under `dir/partners`.
fn folder(dir: &Path, profiles: &[(&str, &str)]) -> String {
    let partners = dir.join("partners");
    std::fs::create_dir_all(&partners).unwrap();
    for (name, example) in profiles {
        std::fs::copy(example, partners.join(name)).unwrap();
    }
    partners.display().to_string()
}

#[test]
fn a_missing_base_folder_makes_every_profile_new_with_its_verdict() {
    let head = tempfile::tempdir().unwrap();
    let new = folder(head.path(), &[("a.toml", READY), ("b.toml", CONFLICT)]);
    let missing = head.path().join("base/partners").display().to_string();
    let out = partner_fit()
        .args(["diff", &missing, &new, "--min-score", "80"])
        .env("COLUMNS", "300")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(!table.contains("removed"), "{table}");
    for line in [
        "a.toml): new profile: co-sell 99, recommended; gate green",
        "b.toml): new profile: referral 78, recommended; gate wait; fails min-score 80 (referral): scores 78",
        "0 of 2 profiles changed, 1 now failing a threshold, 2 added",
    ] {
        assert!(table.contains(line), "lacks {line:?}:\n{table}");
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("does not exist: every profile in"),
        "{stderr}"
    );
    // Two missing sides are a mistake, not an empty comparison.
    partner_fit()
        .args(["diff", &missing, &missing])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neither"));
}

#[test]
fn a_profile_that_starts_or_stops_failing_a_threshold_is_said_first() {
    let (base, head) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = folder(
        base.path(),
        &[("a.toml", READY), ("b.toml", CONFLICT), ("c.toml", READY)],
    );
    let new = folder(
        head.path(),
        &[("a.toml", CONFLICT), ("b.toml", READY), ("c.toml", READY)],
    );
    let md = stdout(&[
        "diff",
        &old,
        &new,
        "--min-score",
        "90",
        "--format",
        "markdown",
    ]);
    let thresholds = md.split("\n\n").nth(2).unwrap_or_default();
    assert!(md.contains("\nThresholds:\n"), "{md}");
    for line in [
        "- **Forma Data × Keystone Consulting**: Now fails min-score 90 (referral): scores 99 → 78",
        "- **Ledgerly × Tallyhub CRM**: No longer fails min-score 90 (co-sell): scores 78 → 99",
    ] {
        assert!(thresholds.contains(line), "lacks {line:?}:\n{md}");
    }
    // The unchanged partner is one line, after the changed ones.
    assert!(
        md.contains(
            "\nNo change for 1 profile: Ledgerly × Tallyhub CRM (co-sell 99, gate green)\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("2 of 3 profiles changed, 1 now failing a threshold, 1 no longer failing one"),
        "{md}"
    );
    // The same bar from partner-fit.toml, as `assess` reads it.
    let json = partner_fit()
        .current_dir(head.path())
        .args(["diff", &old, &new, "--format", "json"])
        .output()
        .unwrap();
    let plain: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(plain["summary"]["starts_failing"], 0);
    std::fs::write(head.path().join("partner-fit.toml"), "min_score = 90\n").unwrap();
    let json = partner_fit()
        .current_dir(head.path())
        .args(["diff", &old, &new, "--format", "json"])
        .output()
        .unwrap();
    let configured: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(configured["summary"]["starts_failing"], 1, "{configured}");
    assert_eq!(configured["summary"]["stops_failing"], 1, "{configured}");
    let change = &configured["profiles"][0]["thresholds"][0];
    assert_eq!(change["check"], "min-score");
    assert_eq!(change["old"], true);
    assert_eq!(change["new"], false);
    assert_eq!(change["actual"], serde_json::json!({"old": 99, "new": 78}));
}

/// `diff OLD NEW` on two files: exit code, stdout and stderr.
fn diff_files(old: &Path, new: &Path) -> (i32, String, String) {
    let out = partner_fit()
        .args(["diff", old.to_str().unwrap(), new.to_str().unwrap()])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_saved_report_is_read_with_a_bom_and_refused_when_it_cannot_be_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let saved = report(
        dir.path(),
        &[("ready.toml", READY), ("other.toml", CONFLICT)],
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    let mut top: Value = serde_json::from_str(&text).unwrap();

    // A byte-order mark, as some Windows tools save UTF-8, is read past.
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, format!("\u{FEFF}{text}")).unwrap();
    let (code, stdout, stderr) = diff_files(&saved, &bom);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("0 of 2 profiles changed"), "{stdout}");

    // A profile listed twice is refused, naming both places, not compared twice.
    let mut twice = top.clone();
    let first = twice["profiles"][0].clone();
    twice["profiles"].as_array_mut().unwrap().push(first);
    let twice_path = dir.path().join("twice.json");
    std::fs::write(&twice_path, twice.to_string()).unwrap();
    let (code, stdout, stderr) = diff_files(&saved, &twice_path);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("twice (profiles[0] and profiles[2])"),
        "{stderr}"
    );

    // A value of the wrong type is named by its path in the report.
    top["profiles"][1]["motions"][0]["score"] = Value::from("high");
    let typed = dir.path().join("typed.json");
    std::fs::write(&typed, top.to_string()).unwrap();
    let (code, _, stderr) = diff_files(&saved, &typed);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("profiles[1].motions[0].score: invalid type: string \"high\""),
        "{stderr}"
    );

    // A report past the size limit is refused before it is read.
    let huge = dir.path().join("huge.json");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let (code, _, stderr) = diff_files(&saved, &huge);
    assert_eq!(code, 2);
    assert!(stderr.contains("larger than"), "{stderr}");
}
