//! `assess` as a CI job runs it: profiles from stdin and folders, `--quiet`, the closing
//! line on stderr, and the exit codes that `--help` and the man page promise.

use assert_cmd::Command;

use super::assess::partner_fit;

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn help_and_man_page_list_every_exit_code() {
    let codes = [
        "Exit codes:",
        "  0  assessed, and every threshold given holds",
        "  1  assessed, and a threshold failed",
        "  2  could not assess: bad command line, unreadable or invalid profile, invalid rules",
    ];
    let help = stdout_of(partner_fit().args(["assess", "--help"]));
    let main_page = stdout_of(partner_fit().arg("man"));
    let dir = tempfile::tempdir().unwrap();
    partner_fit()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let assess_page = std::fs::read_to_string(dir.path().join("partner-fit-assess.1")).unwrap();
    for line in codes {
        assert!(help.contains(line), "assess --help lacks {line:?}:\n{help}");
        // roff escapes every `-`.
        let roff = line.replace('-', "\\-");
        for (name, page) in [
            ("partner-fit.1", &main_page),
            ("partner-fit-assess.1", &assess_page),
        ] {
            assert!(page.contains(&roff), "{name} lacks {line:?}:\n{page}");
        }
    }
}

const SAMPLE: &str = "tests/fixtures/profiles/spec-sample.toml";
const TYPO: &str = "tests/fixtures/profiles/typo.toml";
const REFERRAL: &str = "examples/introductions-only.toml";
const RESELLER: &str = "examples/reseller-ready.toml";

fn output(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn assess(args: &[&str]) -> (String, String, i32) {
    output(partner_fit().arg("assess").args(args))
}

/// A folder holding copies of `files`, each under the name given.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, from) in files {
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn a_profile_on_stdin_is_assessed_as_stdin() {
    let (file, _, file_code) = assess(&["--format", "json", SAMPLE]);
    let (piped, _, code) = output(
        partner_fit()
            .args(["assess", "--format", "json", "-"])
            .pipe_stdin(SAMPLE)
            .unwrap(),
    );
    assert_eq!((code, file_code), (0, 0));
    assert!(piped.contains("\"<stdin>\""), "{piped}");
    assert_eq!(piped.replace("<stdin>", SAMPLE), file);
}

#[test]
fn a_bad_profile_on_stdin_is_placed_at_stdin_line_and_column() {
    let (stdout, stderr, code) = output(
        partner_fit()
            .args(["assess", "-"])
            .pipe_stdin(TYPO)
            .unwrap(),
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("<stdin>:8:1: unknown field `icp_overlap_pc`"),
        "{stderr}"
    );
    assert!(stderr.contains("icp_overlap_pct"), "the fix: {stderr}");
}

#[test]
fn stdin_can_be_named_only_once() {
    let (_, stderr, code) = output(
        partner_fit()
            .args(["assess", "-", "-"])
            .pipe_stdin(SAMPLE)
            .unwrap(),
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("`-` is given twice"), "{stderr}");
}

#[test]
fn a_folder_is_every_toml_in_it_sorted_by_name_without_drafts_or_subfolders() {
    // Written in neither name order nor its reverse, whichever order the folder lists.
    let dir = folder(&[
        ("b.toml", RESELLER),
        ("a.toml", REFERRAL),
        ("c.toml", SAMPLE),
        ("d.toml.draft", SAMPLE),
    ]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy(SAMPLE, dir.path().join("sub/d.toml")).unwrap();
    let path = dir.path().to_str().unwrap();
    let (stdout, _, code) = assess(&["--format", "json", path]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let shown: Vec<String> = json
        .as_array()
        .or_else(|| json["profiles"].as_array())
        .expect("a list of profiles")
        .iter()
        .map(|p| p["profile"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = ["a.toml", "b.toml", "c.toml"]
        .iter()
        .map(|n| dir.path().join(n).display().to_string())
        .collect();
    assert_eq!(shown, expected);
}

#[test]
fn files_folders_and_stdin_mix_in_the_order_given() {
    let dir = folder(&[("b.toml", RESELLER), ("a.toml", REFERRAL)]);
    let path = dir.path().to_str().unwrap();
    let (_, stderr, code) = output(
        partner_fit()
            .args([
                "assess",
                "--format",
                "json",
                "--min-score",
                "101",
                SAMPLE,
                path,
                "-",
            ])
            .pipe_stdin(SAMPLE)
            .unwrap(),
    );
    assert_eq!(code, 1);
    let failed: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.split_once(": threshold failed").map(|(p, _)| p))
        .collect();
    let a = dir.path().join("a.toml").display().to_string();
    let b = dir.path().join("b.toml").display().to_string();
    assert_eq!(failed, [SAMPLE, &a, &b, "<stdin>"]);
}

#[test]
fn a_folder_without_profiles_exits_2_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let (stdout, stderr, code) = assess(&[path]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("holds no profile: no `*.toml` file directly in it"),
        "{stderr}"
    );
    assert!(stderr.contains("help: "), "{stderr}");

    // Drafts alone are not profiles either, and the help says what to do with them.
    std::fs::copy(SAMPLE, dir.path().join("acme.toml.draft")).unwrap();
    let (_, stderr, code) = assess(&[path]);
    assert_eq!(code, 2);
    assert!(stderr.contains("partner-fit interview --from"), "{stderr}");
}

#[test]
fn quiet_prints_only_failures_errors_and_the_ranking() {
    // One profile: no report at all, only the threshold failure.
    let (stdout, stderr, code) = assess(&["--quiet", "--min-score", "90", REFERRAL]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("threshold failed: referral (recommended) scores 68"),
        "{stderr}"
    );

    // Several: the ranking, and the errors; no per-profile report.
    let (full, _, _) = assess(&[REFERRAL, RESELLER, TYPO]);
    let (stdout, stderr, code) = assess(&["-q", REFERRAL, RESELLER, TYPO]);
    assert_eq!(code, 2);
    assert!(full.contains("Recommendation: reseller"), "{full}");
    assert!(!stdout.contains("Recommendation:"), "{stdout}");
    assert!(stdout.contains("Partners ranked"), "{stdout}");
    // The ranking is the report's own (which ends with the rules it used).
    assert!(full.contains(&stdout), "{stdout}");
    assert!(!stdout.contains("Rules:"), "{stdout}");
    assert!(
        stderr.contains("unknown field `icp_overlap_pc`"),
        "{stderr}"
    );

    // Markdown too.
    let (stdout, _, _) = assess(&["-q", "--format", "markdown", REFERRAL]);
    assert_eq!(stdout, "");
}

#[test]
fn the_closing_line_counts_failures_and_unreadable_profiles() {
    let last = |args: &[&str]| {
        let (_, stderr, code) = assess(args);
        (stderr.lines().last().unwrap_or_default().to_string(), code)
    };
    let all = [REFERRAL, RESELLER, SAMPLE];
    let with = |extra: &[&'static str]| [&all[..], extra].concat();
    assert_eq!(last(&all), ("all 3 profiles were assessed".into(), 0));
    assert_eq!(
        last(&with(&["--min-score", "0"])),
        ("all 3 profiles passed".into(), 0)
    );
    assert_eq!(
        last(&with(&["--min-score", "96"])),
        ("2 of 3 profiles failed a threshold".into(), 1)
    );
    assert_eq!(
        last(&[REFERRAL, TYPO]),
        ("1 of 2 profiles could not be read".into(), 2)
    );
    assert_eq!(
        last(&with(&[TYPO, "--min-score", "96"])),
        (
            "2 of 4 profiles failed a threshold, 1 could not be read".into(),
            2
        )
    );
    // One profile: a line only when a threshold is given, and worded for one.
    let (_, stderr, _) = assess(&[REFERRAL]);
    assert_eq!(stderr, "");
    assert_eq!(
        last(&[REFERRAL, "--min-score", "60"]),
        ("the profile passed".into(), 0)
    );
    assert_eq!(
        last(&[REFERRAL, "--require-green-gate"]),
        ("the profile failed a threshold".into(), 1)
    );
    assert_eq!(
        last(&[TYPO, "--min-score", "60"]),
        ("the profile could not be read".into(), 2)
    );
}
