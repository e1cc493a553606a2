//! `partner-fit deals compare --update`, end to end, on the exports in
//! `tests/fixtures/deals/`: what is written into a profile, what is kept, and when nothing
//! is written at all.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// A profile as a person writes it: comments above, beside and below the answers.
const COMMENTED: &str = "\
# Northwind, reviewed with the partner team
[vendor]
name = \"Acme\"          # us
sales_cycle_days = 30   # our guess

[partner]
name = \"northwind\"     # case differs from the export on purpose

[economics]
# stated in the board deck
win_rate_pct = 20
avg_deal_usd = 15000

[evidence]
shared_named_deals = 4  # counted by hand
";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/deals")
        .join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// `deals compare EXPORT --update PROFILE`, on a fixed day.
fn update(export: &Path, profile: &Path) -> Command {
    let mut cmd = super::process::asserted();
    cmd.args(["deals", "compare", path(export), "--update", path(profile)])
        .env("SOURCE_DATE_EPOCH", "1796601600"); // 2026-12-07
    cmd
}

fn commented_profile(dir: &Path) -> PathBuf {
    let profile = dir.join("northwind.toml");
    std::fs::write(&profile, COMMENTED).unwrap();
    profile
}

fn sha256(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn update_writes_the_measured_figures_and_keeps_every_comment() {
    let dir = tempfile::tempdir().unwrap();
    let profile = commented_profile(dir.path());
    let export = fixture("salesforce-opportunities.csv");
    update(&export, &profile)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "evidence.win_rate_with_partner_pct = 54.5 (was unset)",
        ))
        .stderr(predicate::str::contains("economics.win_rate_pct = "))
        .stderr(predicate::str::contains("(was 20)"));
    let text = std::fs::read_to_string(&profile).unwrap();
    for kept in [
        "# Northwind, reviewed with the partner team\n",
        "name = \"Acme\"          # us\n",
        "# our guess\n",
        "# case differs from the export on purpose\n",
        "# stated in the board deck\n",
        "shared_named_deals = 4  # counted by hand\n",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    for written in [
        "closed_deals_with_partner = 33\n",
        "open_deals_with_partner = 1\n",
        "win_rate_with_partner_pct = 54.5\n",
        "win_rate_matched_without_pct = 25.5\n",
        "cycle_days_with_partner = 48\n",
        "measured_on = \"2026-12-07\"\n",
        &format!("measured_sha256 = \"{}\"\n", sha256(&export)),
        &format!("measured_from = \"{}\"\n", path(&export)),
    ] {
        assert!(text.contains(written), "no {written:?}:\n{text}");
    }
    // No sourced/influenced flags in this export: those counts are not claimed.
    assert!(!text.contains("sourced_deals"), "{text}");
    // The result is still a valid profile.
    super::process::asserted()
        .args(["assess", path(&profile)])
        .assert()
        .code(predicate::in_iter([0, 1]));
}

#[test]
fn a_report_says_which_answers_were_measured_and_from_what() {
    let dir = tempfile::tempdir().unwrap();
    let profile = commented_profile(dir.path());
    let export = fixture("salesforce-opportunities.csv");
    update(&export, &profile).assert().success();
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(
        text.contains("\"evidence.win_rate_with_partner_pct\"")
            && text.contains("\"economics.win_rate_pct\"")
            && !text.contains("\"evidence.sourced_deals\""),
        "the measured list names what was written, and only that:\n{text}"
    );
    let report = super::process::asserted()
        .args(["assess", path(&profile), "--format", "markdown"])
        .output()
        .unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    let measured = format!(
        "Measured from {} on 2026-12-07: win rate with the partner, win rate of matched deals without a partner.",
        path(&export)
    );
    assert!(report.contains(&measured), "{report}");
}

#[test]
fn a_stated_answer_is_told_from_a_measured_one_only_once_something_was_measured() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let assess = |text: &str| {
        let profile = dir.path().join("p.toml");
        std::fs::write(&profile, text).unwrap();
        let out = super::process::asserted()
            .args(["assess", path(&profile), "--format", "markdown"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let measured = assess(&example);
    assert!(
        measured.contains("60 for the partner. Stated, not measured: your sales cycle."),
        "{measured}"
    );
    assert!(
        measured.contains("usually work. Measured from opportunities-2026-q3.csv on 2026-10-02: your average deal."),
        "{measured}"
    );
    // A line reading both kinds names each under its own sentence.
    assert!(
        measured.contains(
            "on 2026-10-02: your average deal, your win rate. Stated, not measured: your sales cycle."
        ),
        "{measured}"
    );
    // Nothing recorded as measured: no line says where its answers came from.
    let stated: String = example
        .lines()
        .filter(|line| !line.starts_with("measured_from"))
        .map(|line| format!("{line}\n"))
        .collect();
    let stated = assess(&stated);
    assert!(
        !stated.contains("Measured from") && !stated.contains("Stated, not measured"),
        "{stated}"
    );
}

#[cfg(unix)]
#[test]
fn a_second_update_with_nothing_new_writes_nothing() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let profile = commented_profile(dir.path());
    let export = fixture("salesforce-opportunities.csv");
    update(&export, &profile).assert().success();
    let written = std::fs::read_to_string(&profile).unwrap();
    let inode = std::fs::metadata(&profile).unwrap().ino();
    // Another day: the figures are the same, so not even the date changes.
    update(&export, &profile)
        .env("SOURCE_DATE_EPOCH", "1796688000")
        .assert()
        .success()
        .stderr(predicate::str::contains("already up to date ("))
        .stderr(predicate::str::contains("; not written"));
    assert_eq!(std::fs::metadata(&profile).unwrap().ino(), inode);
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), written);
}

#[test]
fn too_few_deals_remove_a_win_rate_rather_than_keep_an_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("contoso.toml");
    // A profile ready to co-sell, with Contoso (5 closed deals) as its partner and an old
    // win rate.
    let example = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let text = example
        .replace("name = \"Tallyhub CRM\"", "name = \"Contoso\"")
        .replace(
            "win_rate_with_partner_pct = 41.7",
            "win_rate_with_partner_pct = 80 # from last year's export",
        );
    assert_ne!(text, example);
    std::fs::write(&profile, text).unwrap();
    update(&fixture("salesforce-opportunities.csv"), &profile)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "evidence.win_rate_with_partner_pct = unset (was 80)",
        ));
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(text.contains("closed_deals_with_partner = 5\n"), "{text}");
    assert!(!text.contains("win_rate_with_partner_pct"), "{text}");
    // Deals were measured, too few: the uplift is unknown and asked for, never unmet.
    let out = super::process::asserted()
        .args(["assess", path(&profile), "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let states = states_of(&report, "fit.matched-deals-win-more");
    assert!(
        !states.is_empty() && states.iter().all(|s| s == "unknown"),
        "{states:?}"
    );
    let unknowns = report["profiles"][0]["unknowns"].as_array().unwrap();
    assert!(unknowns
        .iter()
        .any(|u| u["field"] == "evidence.win_rate_with_partner_pct"));
}

/// Every state the report gives rule `id`, wherever it lists it.
fn states_of(value: &serde_json::Value, id: &str) -> Vec<String> {
    let mut found = Vec::new();
    match value {
        serde_json::Value::Object(map) => {
            if map.get("rule").and_then(|r| r.as_str()) == Some(id) {
                if let Some(state) = map.get("state").and_then(|s| s.as_str()) {
                    found.push(state.to_string());
                }
            }
            for v in map.values() {
                found.extend(states_of(v, id));
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                found.extend(states_of(v, id));
            }
        }
        _ => {}
    }
    found
}

#[test]
fn flags_of_an_export_without_partner_names_give_sourced_and_influenced_counts() {
    let dir = tempfile::tempdir().unwrap();
    let profile = commented_profile(dir.path());
    update(&fixture("hubspot-deals.csv"), &profile)
        .args(["--partner", "partners (flagged, not named)"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(text.contains("sourced_deals = "), "{text}");
    assert!(text.contains("influenced_deals = "), "{text}");
}

#[test]
fn a_profile_partner_missing_from_the_export_is_refused_with_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.toml");
    let original = "[vendor]\nname = \"Acme\"\n[partner]\nname = \"Globex\"\n";
    std::fs::write(&profile, original).unwrap();
    update(&fixture("salesforce-opportunities.csv"), &profile)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not updated: the profile's partner `Globex` names no partner",
        ))
        .stderr(predicate::str::contains("help: pass --partner NAME"));
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), original);
}

/// Another writer changes the profile between the read and the write (it holds the lock
/// `.NAME.lock` that every partner-fit write takes, so the update waits for it): the
/// update is refused, exit 2, and the other writer's change is kept.
#[test]
fn a_profile_changed_while_it_was_updated_is_left_as_the_other_writer_made_it() {
    let dir = tempfile::tempdir().unwrap();
    let profile = commented_profile(dir.path());
    let lock = dir.path().join(".northwind.toml.lock");
    std::fs::write(&lock, "").unwrap();
    let mut cmd = super::process::isolated();
    cmd.args(["deals", "compare"])
        .arg(fixture("salesforce-opportunities.csv"))
        .arg("--update")
        .arg(&profile)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    // Long enough for the tiny export to be read and the update to wait on the lock, well
    // short of the 10 s after which a lock counts as stale.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let theirs = format!("{COMMENTED}# their edit\n");
    std::fs::write(&profile, &theirs).unwrap();
    std::fs::remove_file(&lock).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the file changed since it was read; run the command again"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), theirs);
}
