//! `partner-fit accounts ...` end to end, on the small exports in `tests/fixtures/accounts/`.
//!
//! `ours.csv` (BOM, CRLF, quoted names, a blank website, `N/A`, a duplicate, a short row) and
//! `theirs.csv` (emails, a gmail address, a blank) share acme.com and globex.com by domain,
//! and Acme, Globex and Stark Industries by company name.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The two names every profile needs, for profiles `--update` edits.
const NAMES: &str = "\n[vendor]\nname = \"V\"\n\n[partner]\nname = \"P\"\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/accounts")
        .join(name)
}

fn accounts(args: &[&str]) -> Command {
    let mut cmd = super::process::asserted();
    cmd.arg("accounts").args(args);
    cmd
}

fn path(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

fn overlap_json(args: &[&str]) -> Value {
    let mut all = vec!["overlap"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = accounts(&all)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

fn hash_to(source: &Path, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    let secret = fixture("secret.txt");
    accounts(&[
        "hash",
        path(source),
        "--secret-file",
        path(&secret),
        "--out",
        path(&out),
    ])
    .assert()
    .success();
    out
}

#[test]
fn overlap_json_reports_counts_shares_and_skipped_lines() {
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    let report = overlap_json(&[path(&ours), path(&theirs)]);
    assert_eq!(report["key_kind"], "domain");
    assert_eq!(report["overlap"], 2);
    assert_eq!(report["ours"]["accounts"], 4);
    assert_eq!(report["theirs"]["accounts"], 4);
    assert_eq!(report["overlap_pct_of_ours"], 50.0);
    assert_eq!(report["overlap_pct_of_theirs"], 50.0);
    assert_eq!(report["icp_overlap_pct"], 50.0);
    let ours = &report["ours"];
    assert_eq!(
        (ours["rows"].as_u64(), ours["skipped"].as_u64()),
        (Some(8), Some(3))
    );
    assert_eq!(ours["duplicate_rows"], 1);
    assert_eq!(ours["key_column"], "Website");
    let reasons: Vec<(String, Value)> = ours["skipped_by_reason"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["reason"].as_str().unwrap().to_string(),
                r["lines"].clone(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("short-row".to_string(), serde_json::json!([9])),
            ("empty".to_string(), serde_json::json!([5])),
            ("placeholder".to_string(), serde_json::json!([6])),
        ]
    );
    let theirs = &report["theirs"];
    assert_eq!(theirs["key_source"], "email");
    assert_eq!(theirs["skipped_by_reason"][0]["reason"], "empty");
    assert_eq!(theirs["skipped_by_reason"][1]["reason"], "free-email");
    assert_eq!(
        theirs["skipped_by_reason"][1]["lines"],
        serde_json::json!([4])
    );
}

#[test]
fn overlap_table_shows_shares_and_skipped_rows() {
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    accounts(&["overlap", path(&ours), path(&theirs)])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 shared accounts, matched on domain",
        ))
        .stdout(predicate::str::contains("2 = 50%"))
        .stdout(predicate::str::contains(
            "ours.csv:5: no value in the key column",
        ))
        .stdout(predicate::str::contains("personal email"))
        .stdout(predicate::str::contains("ICP overlap: 50%"))
        .stderr("");
}

#[test]
fn mostly_unusable_key_column_suggests_choosing_another() {
    let dir = tempfile::tempdir().unwrap();
    let contacts = dir.path().join("contacts.csv");
    std::fs::write(
        &contacts,
        "Email,Company\na@gmail.com,Acme\nb@yahoo.com,Globex\nc@acme.com,Acme\n",
    )
    .unwrap();
    let ours = fixture("ours.csv");
    accounts(&["overlap", path(&ours), path(&contacts)])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "contacts.csv have no usable key in `Email`; if another column holds the accounts, \
             choose it with --their-key",
        ));
}

#[test]
fn overlap_markdown_is_a_table() {
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    accounts(&[
        "overlap",
        path(&ours),
        path(&theirs),
        "--format",
        "markdown",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("## Account overlap"))
    .stdout(predicate::str::contains("| accounts"));
}

#[test]
fn company_names_match_across_legal_suffixes_and_punctuation() {
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    let report = overlap_json(&[
        path(&ours),
        path(&theirs),
        "--key",
        "account name",
        "--their-key",
        "Company",
    ]);
    assert_eq!(report["key_kind"], "company-name");
    // Acme, Globex (Corporation), Stark Industries (, Inc.)
    assert_eq!(report["overlap"], 3);
}

#[test]
fn every_way_of_writing_a_website_or_email_meets_its_domain() {
    // One row per rule: case and spaces, scheme, www., path/query/fragment, port, trailing
    // dot, email, mailto:, `Name <email>`, several values in a cell, scheme-relative.
    let (messy, clean) = (fixture("messy-websites.csv"), fixture("clean-domains.csv"));
    let report = overlap_json(&[path(&messy), path(&clean)]);
    assert_eq!(report["ours"]["skipped"], 0);
    assert_eq!(report["ours"]["accounts"], 12);
    assert_eq!(report["overlap"], 12);
}

#[test]
fn every_way_of_writing_a_company_name_meets_its_plain_form() {
    // Punctuation, legal suffixes, a leading "The", `&`, accents, case, apostrophes.
    let (messy, clean) = (fixture("messy-names.csv"), fixture("clean-names.csv"));
    let report = overlap_json(&[path(&messy), path(&clean)]);
    assert_eq!(report["key_kind"], "company-name");
    assert_eq!(report["overlap"], 8);
    assert_eq!(report["overlap_pct_of_ours"], 100.0);
}

#[test]
fn company_names_are_used_when_one_side_has_no_domain() {
    let (ours, names) = (fixture("ours.csv"), fixture("names-only.csv"));
    let report = overlap_json(&[path(&ours), path(&names)]);
    assert_eq!(report["key_kind"], "company-name");
    assert_eq!(report["ours"]["key_column"], "Account Name");
    assert_eq!(report["overlap"], 2);
}

#[test]
fn out_writes_shared_accounts_and_never_replaces_a_file_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shared.csv");
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    let run = |extra: &[&str]| {
        let mut args = vec!["overlap", path(&ours), path(&theirs), "--out", path(&out)];
        args.extend_from_slice(extra);
        accounts(&args).assert()
    };
    run(&[])
        .success()
        .stderr(predicate::str::contains("wrote 2 shared accounts"));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "account,ours,theirs,our_line,their_line\n\
         acme.com,https://www.acme.com/about,jane@acme.com,2,2\n\
         globex.com,GLOBEX.COM,JOE@Globex.com,3,3\n"
    );
    std::fs::write(&out, "keep me").unwrap();
    run(&[])
        .code(2)
        .stderr(predicate::str::contains(
            "shared.csv: the file already exists",
        ))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    run(&["--force"]).success();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("account,"));
}

#[test]
fn update_writes_the_smaller_share_and_keeps_the_profile_layout() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("northwind.toml");
    std::fs::copy(fixture("profile.toml"), &profile).unwrap();
    // 2 of our 4 accounts, both of theirs: the smaller share is 50%.
    let (ours, theirs) = (fixture("ours.csv"), fixture("sites-only.csv"));
    accounts(&[
        "overlap",
        path(&ours),
        path(&theirs),
        "--update",
        path(&profile),
    ])
    .assert()
    .success()
    .stderr(predicate::str::contains(
        "market.icp_overlap_pct = 50 (was 32)",
    ))
    .stderr(predicate::str::contains(
        "market.named_overlap_accounts = 2 (was 12)",
    ));
    let original = std::fs::read_to_string(fixture("profile.toml")).unwrap();
    let expected = original
        .replace("icp_overlap_pct = 32 ", "icp_overlap_pct = 50 ")
        .replace(
            "named_overlap_accounts = 12 ",
            "named_overlap_accounts = 2 ",
        );
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), expected);
}

#[cfg(unix)]
#[test]
fn update_with_the_values_already_there_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("northwind.toml");
    std::fs::copy(fixture("profile.toml"), &profile).unwrap();
    let (ours, theirs) = (fixture("ours.csv"), fixture("sites-only.csv"));
    let update = || {
        accounts(&[
            "overlap",
            path(&ours),
            path(&theirs),
            "--update",
            path(&profile),
        ])
    };
    update().assert().success();
    let written = std::fs::read_to_string(&profile).unwrap();
    // A file put in its place keeps its inode only if nothing is written over it.
    let inode = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).unwrap().ino()
    };
    let before = inode(&profile);
    update().assert().success().stderr(predicate::str::contains(
        "already up to date (market.icp_overlap_pct = 50, market.named_overlap_accounts = 2); not written",
    ));
    assert_eq!(inode(&profile), before);
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), written);
}

#[test]
fn update_writes_one_decimal_shares() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.toml");
    std::fs::write(
        &profile,
        format!("[market]\nicp_overlap_pct = 1 # measured\n{NAMES}"),
    )
    .unwrap();
    // By company name: 3 shared of our 8 names (37.5%) and of their 4 (75%).
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    let by_name = ["--key", "Account Name", "--their-key", "Company"];
    accounts(&[
        "overlap",
        path(&ours),
        path(&theirs),
        "--update",
        path(&profile),
    ])
    .args(by_name)
    .assert()
    .success();
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(
        text.starts_with("[market]\nicp_overlap_pct = 37.5 # measured\n"),
        "{text}"
    );
    assert!(text.contains("named_overlap_accounts = 3\n"), "{text}");
}

#[test]
fn update_refuses_a_missing_profile_before_reading_the_exports() {
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    accounts(&[
        "overlap",
        path(&ours),
        path(&theirs),
        "--update",
        "no-such-profile.toml",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "no-such-profile.toml: cannot read the file",
    ));
}

#[test]
fn hashed_file_holds_only_hashes_of_the_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("ours.csv");
    let hashed = hash_to(&source, dir.path(), "ours-hashed.csv");
    let text = std::fs::read_to_string(&hashed).unwrap();
    let mut lines = text.lines();
    // The secret's fingerprint: `printf 'partner-fit key fingerprint' | openssl dgst
    // -sha256 -hmac "$(cat secret.txt)"`, first 16 digits.
    assert_eq!(
        lines.next(),
        Some("account_hmac_sha256:domain:v2:key=043a65ae42a1b7c5")
    );
    let hashes: Vec<&str> = lines.collect();
    assert_eq!(hashes.len(), 4, "one line per distinct account");
    assert!(hashes.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
    for hash in &hashes {
        assert!(
            hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{hash}"
        );
    }
    // No value of the export, raw or normalized, may appear in the hashed file.
    let raw = std::fs::read_to_string(&source).unwrap();
    let values = raw
        .split(['\r', '\n', ',', '"'])
        .map(str::trim)
        .filter(|v| v.len() >= 3)
        .chain([
            "acme.com",
            "globex.com",
            "initech.com",
            "starkindustries.com",
            "acme",
        ]);
    for value in values {
        assert!(
            !text.to_lowercase().contains(&value.to_lowercase()),
            "`{value}` leaked"
        );
    }
}

#[test]
fn hash_writes_to_stdout_and_summarises_on_stderr() {
    let (source, secret) = (fixture("theirs.csv"), fixture("secret.txt"));
    accounts(&["hash", path(&source), "--secret-file", path(&secret)])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "account_hmac_sha256:domain:v2:key=043a65ae42a1b7c5\n",
        ))
        .stderr(predicate::str::contains("hashed 4 domain accounts"))
        .stderr(predicate::str::contains("personal email"));
}

#[test]
fn hashed_files_give_the_same_overlap_as_plain_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    let ours_hashed = hash_to(&ours, dir.path(), "o.csv");
    let theirs_hashed = hash_to(&theirs, dir.path(), "t.csv");
    let plain = overlap_json(&[path(&ours), path(&theirs)]);
    let hashed = overlap_json(&[path(&ours_hashed), path(&theirs_hashed)]);
    assert_eq!(hashed["matched_on"], "hmac-sha256");
    assert_eq!(plain["matched_on"], "plain");
    for field in ["overlap", "overlap_pct_of_ours", "overlap_pct_of_theirs"] {
        assert_eq!(hashed[field], plain[field], "{field}");
    }
    assert_eq!(hashed["ours"]["accounts"], plain["ours"]["accounts"]);
    assert_eq!(hashed["theirs"]["accounts"], plain["theirs"]["accounts"]);
}

#[test]
fn one_account_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (fixture("idn-ours.csv"), fixture("idn-theirs.csv"));
    let out = dir.path().join("shared.csv");
    accounts(&["overlap", path(&ours), path(&theirs), "--out", path(&out)])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "1 shared account, matched on domain\n",
        ))
        .stderr(predicate::str::contains("wrote 1 shared account to"));
    let one = dir.path().join("one.csv");
    std::fs::write(&one, "Website\nacme.com\n").unwrap();
    let secret = fixture("secret.txt");
    accounts(&["hash", path(&one), "--secret-file", path(&secret)])
        .assert()
        .success()
        .stderr(predicate::str::contains("hashed 1 domain account from "))
        .stderr(predicate::str::contains(
            "(column `Website`): 1 row, 0 skipped, 0 duplicates",
        ));
}

#[test]
fn hashed_files_meet_across_unicode_spellings_and_idna() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        file
    };
    let ours = write(
        "o.csv",
        "Company,Website\nȘtefan Group,münchen.de\nGroßmann,acme.com\n",
    );
    let theirs = write(
        "t.csv",
        "Company,Website\nStefan Group SRL,xn--mnchen-3ya.de\nGROSSMANN AG,globex.com\n",
    );
    let ours_hashed = hash_to(&ours, dir.path(), "oh.csv");
    let theirs_hashed = hash_to(&theirs, dir.path(), "th.csv");
    let by_domain = overlap_json(&[path(&ours_hashed), path(&theirs_hashed)]);
    assert_eq!(by_domain["overlap"], 1);
    let names = |source: &Path, name: &str| {
        let out = dir.path().join(name);
        let secret = fixture("secret.txt");
        accounts(&[
            "hash",
            path(source),
            "--key",
            "Company",
            "--secret-file",
            path(&secret),
            "--out",
            path(&out),
        ])
        .assert()
        .success();
        out
    };
    let by_name = overlap_json(&[
        path(&names(&ours, "on.csv")),
        path(&names(&theirs, "tn.csv")),
    ]);
    assert_eq!(by_name["key_kind"], "company-name");
    assert_eq!(by_name["overlap"], 2);
}

#[test]
fn plain_side_meets_a_hashed_side_with_the_shared_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs, secret) = (
        fixture("ours.csv"),
        fixture("theirs.csv"),
        fixture("secret.txt"),
    );
    let theirs_hashed = hash_to(&theirs, dir.path(), "t.csv");
    accounts(&["overlap", path(&ours), path(&theirs_hashed)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds keyed hashes"))
        .stderr(predicate::str::contains("--secret-file"));
    let report = overlap_json(&[
        path(&theirs_hashed),
        path(&ours),
        "--secret-file",
        path(&secret),
    ]);
    assert_eq!(report["overlap"], 2);
    assert_eq!(report["ours"]["key_source"], "hashed");
    // --out shows our own values next to the partner's hashes.
    let out = dir.path().join("shared.csv");
    accounts(&[
        "overlap",
        path(&ours),
        path(&theirs_hashed),
        "--secret-file",
        path(&secret),
        "--out",
        path(&out),
    ])
    .assert()
    .success();
    let shared = std::fs::read_to_string(&out).unwrap();
    assert!(
        shared.contains("\nacme.com,https://www.acme.com/about,,2,"),
        "{shared}"
    );
}

/// The secret files two partners end up with when one copy went wrong: another key, a
/// trailing space, the same hex in upper case.
fn mistaken_secrets(dir: &Path) -> Vec<PathBuf> {
    let ours = std::fs::read_to_string(fixture("secret.txt")).unwrap();
    let ours = ours.trim_end();
    [
        "9f2c1e7d4b8a6035f1e2d3c4b5a69788e7d6c5b4a3928170f6e5d4c3b2a19080".to_string(),
        format!("{ours} "),
        ours.to_uppercase(),
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| {
        let file = dir.join(format!("other-secret-{i}.txt"));
        std::fs::write(&file, format!("{text}\n")).unwrap();
        file
    })
    .collect()
}

#[test]
fn a_different_secret_is_refused_never_counted_as_nothing_shared() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    let profile = dir.path().join("p.toml");
    std::fs::copy(fixture("profile.toml"), &profile).unwrap();
    let before = std::fs::read(&profile).unwrap();
    let theirs_hashed = hash_to(&theirs, dir.path(), "t.csv");
    for other in mistaken_secrets(dir.path()) {
        // Our plain export against their hashed file, with the wrong copy of the secret.
        accounts(&[
            "overlap",
            path(&ours),
            path(&theirs_hashed),
            "--secret-file",
            path(&other),
            "--update",
            path(&profile),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{} was hashed with another secret than {}",
            path(&theirs_hashed),
            path(&other)
        )))
        .stderr(predicate::str::contains("trailing space"))
        .stderr(predicate::str::contains("shared").not());

        // Both sides hashed, each with its own copy.
        let ours_hashed = dir.path().join("o.csv");
        let _ = std::fs::remove_file(&ours_hashed);
        accounts(&[
            "hash",
            path(&ours),
            "--secret-file",
            path(&other),
            "--out",
            path(&ours_hashed),
        ])
        .assert()
        .success();
        accounts(&[
            "overlap",
            path(&ours_hashed),
            path(&theirs_hashed),
            "--update",
            path(&profile),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "cannot compare: {} and {} were hashed with different secrets",
            path(&ours_hashed),
            path(&theirs_hashed)
        )))
        .stderr(predicate::str::contains("partner-fit accounts keygen"));
        assert_eq!(std::fs::read(&profile).unwrap(), before, "--update wrote");
    }
}

#[test]
fn a_hashed_file_without_the_secrets_fingerprint_must_be_hashed_again() {
    let dir = tempfile::tempdir().unwrap();
    let hashed = hash_to(&fixture("theirs.csv"), dir.path(), "t.csv");
    let text = std::fs::read_to_string(&hashed).unwrap();
    let (header, rows) = text.split_once('\n').unwrap();
    let (old_header, key) = header.rsplit_once(":key=").unwrap();
    assert_eq!(key.len(), 16, "{header}");
    let old = dir.path().join("old.csv");
    std::fs::write(&old, format!("{old_header}\n{rows}")).unwrap();
    accounts(&["overlap", path(&hashed), path(&old)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:1: this hashed file carries no fingerprint of the secret",
            path(&old)
        )))
        .stderr(predicate::str::contains("hash their exports again"));
}

#[test]
fn company_name_hashes_do_not_meet_domain_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let secret = fixture("secret.txt");
    let names = dir.path().join("names.csv");
    accounts(&[
        "hash",
        path(&fixture("names-only.csv")),
        "--secret-file",
        path(&secret),
        "--out",
        path(&names),
    ])
    .assert()
    .success();
    let sites = hash_to(&fixture("sites-only.csv"), dir.path(), "sites.csv");
    accounts(&["overlap", path(&names), path(&sites)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds hashed company-name keys"))
        .stderr(predicate::str::contains(
            "a domain never equals a company name",
        ));
}

// ---- bad input: exit 2, file and line, and what to do ----

fn fails(args: &[&str], expected: &[&str]) {
    let mut assert = accounts(args).assert().code(2).stdout("");
    for part in expected {
        assert = assert.stderr(predicate::str::contains(*part));
    }
}

#[test]
fn missing_key_column_names_file_line_and_flag() {
    let (ours, no_key) = (fixture("ours.csv"), fixture("no-key.csv"));
    fails(
        &["overlap", path(&ours), path(&no_key)],
        &[
            "no-key.csv:1: no key column",
            "`Id`, `Owner`, `Stage`",
            "--their-key",
        ],
    );
}

#[test]
fn unknown_key_header_lists_the_headers() {
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    fails(
        &["overlap", path(&ours), path(&theirs), "--key", "Domain"],
        &[
            "ours.csv:1: no column `Domain`",
            "`Account Name`, `Website`, `Owner`",
        ],
    );
}

#[test]
fn empty_file_is_refused() {
    let (empty, theirs) = (fixture("empty.csv"), fixture("theirs.csv"));
    fails(
        &["overlap", path(&empty), path(&theirs)],
        &["empty.csv: the file is empty", "header row"],
    );
}

#[test]
fn header_without_rows_is_refused() {
    let (header_only, theirs) = (fixture("header-only.csv"), fixture("theirs.csv"));
    fails(
        &["overlap", path(&theirs), path(&header_only)],
        &["header-only.csv:1: the file has a header row but no rows"],
    );
}

#[test]
fn unterminated_quote_names_the_line_it_opens_on() {
    let (ours, broken) = (fixture("ours.csv"), fixture("unterminated.csv"));
    fails(
        &["overlap", path(&ours), path(&broken)],
        &["unterminated.csv:3: a quoted field opens on this line and is never closed"],
    );
}

#[test]
fn non_utf8_bytes_are_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"Company\nAcme\nSoci\xe9t\xe9 G\xe9n\xe9rale\n").unwrap();
    let names = fixture("names-only.csv");
    fails(
        &["overlap", path(&names), path(&latin1)],
        &[
            "latin1.csv:3:5: byte 0xE9 is not UTF-8",
            "iconv -f WINDOWS-1252 -t UTF-8",
        ],
    );
}

#[test]
fn utf16_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = dir.path().join("excel-unicode.csv");
    std::fs::write(&utf16, b"\xff\xfeW\0e\0b\0\n\0").unwrap();
    let ours = fixture("ours.csv");
    fails(
        &["overlap", path(&ours), path(&utf16)],
        &["excel-unicode.csv:1: the file is UTF-16"],
    );
}

#[test]
fn a_repeated_key_header_is_chosen_by_its_number() {
    let dir = tempfile::tempdir().unwrap();
    // A CRM export with two `Website` columns: the old site first, the current one second.
    let ours = dir.path().join("dup.csv");
    std::fs::write(
        &ours,
        "Website,Company,Website\nold-acme.example,Acme,acme.com\nold-globex.example,Globex,globex.com\n",
    )
    .unwrap();
    let theirs = fixture("sites-only.csv");
    let report = overlap_json(&[path(&ours), path(&theirs), "--key", "Website#2"]);
    assert_eq!(report["overlap"], 2, "{report}");
    let first = overlap_json(&[path(&ours), path(&theirs), "--key", "Website#1"]);
    assert_eq!(first["overlap"], 0, "{first}");
    fails(
        &["overlap", path(&ours), path(&theirs), "--key", "Website"],
        &[
            "dup.csv:1: 2 columns are headed `Website` (columns 1, 3)",
            "--key 'Website#1' or --key 'Website#2'",
        ],
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_refused_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let ours = fixture("ours.csv");
    let text = std::fs::read_to_string(fixture("theirs.csv")).unwrap();
    for (name, bytes, says) in [
        (
            "le.csv",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            "le.csv:1: the file is UTF-16 (little-endian, without a byte-order mark) encoded",
        ),
        (
            "be.csv",
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            "be.csv:1: the file is UTF-16 (big-endian, without a byte-order mark) encoded",
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        fails(
            &["overlap", path(&ours), path(&file)],
            &[says, "iconv -f UTF-16"],
        );
    }
}

#[test]
fn missing_file_is_refused() {
    let ours = fixture("ours.csv");
    fails(
        &["overlap", path(&ours), "no-such-file.csv"],
        &["no-such-file.csv: cannot read the file"],
    );
}

#[test]
fn domain_against_company_name_says_why_it_cannot_match() {
    let (sites, names) = (fixture("sites-only.csv"), fixture("names-only.csv"));
    fails(
        &["overlap", path(&sites), path(&names)],
        &[
            "sites-only.csv has only a domain column (`Website`)",
            "names-only.csv has only a company-name column (`Company`)",
            "a domain never equals a company name",
            "--their-key",
        ],
    );
}

#[test]
fn short_secret_is_refused() {
    let (ours, secret) = (fixture("ours.csv"), fixture("short-secret.txt"));
    fails(
        &["hash", path(&ours), "--secret-file", path(&secret)],
        &[
            "short-secret.txt: the secret could be guessed in about 2^",
            "partner-fit accounts keygen --out secret.txt",
        ],
    );
}

#[test]
fn hashing_a_hashed_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let hashed = hash_to(&fixture("ours.csv"), dir.path(), "h.csv");
    let secret = fixture("secret.txt");
    fails(
        &["hash", path(&hashed), "--secret-file", path(&secret)],
        &["already a hashed file"],
    );
}

#[test]
fn update_refuses_when_a_side_has_no_usable_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let only_gmail = dir.path().join("gmail.csv");
    std::fs::write(&only_gmail, "Email\njane@gmail.com\n").unwrap();
    let profile = dir.path().join("p.toml");
    std::fs::write(&profile, format!("[market]\n{NAMES}")).unwrap();
    let ours = fixture("ours.csv");
    fails(
        &[
            "overlap",
            path(&ours),
            path(&only_gmail),
            "--update",
            path(&profile),
        ],
        &["not updated: one side has no usable accounts"],
    );
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        format!("[market]\n{NAMES}")
    );
}

#[test]
fn help_describes_each_subcommand_with_examples() {
    accounts(&["overlap", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("rows skipped with their reasons"))
        .stdout(predicate::str::contains("--their-key"));
    accounts(&["hash", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no name, domain or other column"))
        .stdout(predicate::str::contains(
            "partner-fit accounts keygen --out secret.txt",
        ));
}

#[test]
fn update_refuses_a_file_that_is_not_a_valid_profile() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_profile = dir.path().join("Cargo.toml");
    let text = "[package]\nname = \"x\"\n";
    std::fs::write(&not_a_profile, text).unwrap();
    let (ours, theirs) = (fixture("ours.csv"), fixture("theirs.csv"));
    accounts(&[
        "overlap",
        path(&ours),
        path(&theirs),
        "--update",
        path(&not_a_profile),
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "Cargo.toml:1:2: unknown field `package`",
    ));
    assert_eq!(
        std::fs::read_to_string(&not_a_profile).unwrap(),
        text,
        "left untouched"
    );
}

/// `--update` racing another process that edits the same profile, as another partner-fit
/// write does (under the lock `.NAME.lock` beside it, from compare to rename): whatever
/// the order, the other edit is never lost. Either the update read the file after the
/// edit (and keeps it), or before and wrote before it, or before and was refused (exit 2,
/// the fix named). Without the compare, every run lost an edit within a few rounds.
#[test]
fn update_racing_another_writer_never_loses_its_edit() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("northwind.toml");
    let (ours, theirs) = (fixture("ours.csv"), fixture("sites-only.csv"));
    for round in 0..20 {
        std::fs::copy(fixture("profile.toml"), &profile).unwrap();
        let mut update = super::process::isolated();
        update
            .args(["accounts", "overlap", path(&ours), path(&theirs)])
            .args(["--update", path(&profile)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        let child = update.spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_micros(500 * round));
        // The other writer: read, edit, replace atomically, under the lock.
        let lock = dir.path().join(".northwind.toml.lock");
        while std::fs::File::create_new(&lock).is_err() {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let marker = format!("# edited in round {round}\n");
        let text = std::fs::read_to_string(&profile).unwrap() + &marker;
        let temp = dir.path().join(".edit.tmp");
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, &profile).unwrap();
        std::fs::remove_file(&lock).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => {}
            Some(2) => assert!(
                stderr.contains("the file changed since it was read; run the command again"),
                "{stderr}"
            ),
            other => panic!("exit {other:?}: {stderr}"),
        }
        let now = std::fs::read_to_string(&profile).unwrap();
        assert!(
            now.contains(&marker),
            "round {round}: the edit was lost\n{now}"
        );
    }
}
