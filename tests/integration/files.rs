//! How partner-fit treats the files it reads and writes: exports with nothing in them,
//! rule files that are not UTF-8, temporary files after a signal, private files for raw
//! accounts, and CSV headers that carry terminal escape bytes.

use std::process::{Command, Stdio};

use super::process::{partner_fit, run, s, stderr};

const SECRET: &str = "tests/fixtures/accounts/secret.txt";

#[test]
fn hash_refuses_to_write_an_export_with_no_account() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("blank.csv");
    std::fs::write(&csv, "Name,Website\nAcme,\nGlobex,N/A\n").unwrap();
    let out = dir.path().join("hashed.csv");
    let got = run(&[
        "accounts",
        "hash",
        s(&csv),
        "--secret-file",
        SECRET,
        "--out",
        s(&out),
    ]);
    assert_eq!(got.status.code(), Some(2), "{}", stderr(&got));
    let err = stderr(&got);
    assert!(
        err.contains("no row has a usable account key in `Website`; nothing was written"),
        "{err}"
    );
    assert!(err.contains("2 skipped"), "the summary says why: {err}");
    assert!(!out.exists(), "no header-only export is written");

    let got = run(&["accounts", "hash", s(&csv), "--secret-file", SECRET]);
    assert_eq!(got.status.code(), Some(2));
    assert!(got.stdout.is_empty(), "nothing on stdout either");
}

#[test]
fn a_rule_file_that_is_not_utf8_is_pointed_at_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    let exported = run(&["rules", "export", s(&rules)]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let file = rules.join("gate/icp-overlap.toml");
    let mut bytes = std::fs::read(&file).unwrap();
    let second_line = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(second_line..second_line, b"# caf\xE9\n".iter().copied());
    std::fs::write(&file, bytes).unwrap();

    let got = run(&["rules", "validate", s(&rules)]);
    assert_eq!(got.status.code(), Some(2));
    let err = stderr(&got);
    let at = format!(
        "{}:2:6: the rule file is not UTF-8 text (byte 0xE9)",
        s(&file)
    );
    assert!(err.contains(&at), "{err}");
}

#[test]
fn shared_accounts_are_written_for_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shared.csv");
    let got = run(&[
        "accounts",
        "overlap",
        "tests/fixtures/accounts/ours.csv",
        "tests/fixtures/accounts/theirs.csv",
        "--out",
        s(&out),
    ]);
    assert!(got.status.success(), "{}", stderr(&got));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[test]
fn a_signal_mid_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man");
    // Each run is stopped at a different moment; whichever it is, no temporary file stays.
    // A run the signal reached after it had started writing (the folder exists) and before
    // it finished (it did not exit 0) is a kill mid-write; some must be, or the test would
    // prove nothing.
    // The delays grow until a run finishes before the signal, so they span the whole
    // write whatever the machine's speed.
    let mut mid_write = 0;
    for step in 0..200i32 {
        // From 0.1 ms, 10 % longer each run.
        let delay = std::time::Duration::from_micros(100).mul_f64(1.1f64.powi(step));
        let delay_ms = delay.as_millis();
        let _ = std::fs::remove_dir_all(&pages);
        let mut child = partner_fit(&["man", "--out-dir", s(&pages), "--force"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if !status.success() && pages.exists() {
            mid_write += 1;
        }
        let finished = status.success();
        if let Ok(entries) = std::fs::read_dir(&pages) {
            let left: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".tmp"))
                .collect();
            assert!(left.is_empty(), "after {delay_ms} ms: {left:?}");
        }
        if finished {
            break;
        }
    }
    assert!(
        mid_write > 0,
        "no signal landed while the pages were being written"
    );
}

#[test]
fn csv_header_text_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("evil.csv");
    std::fs::write(&csv, "\x1b[2J\x1b]0;owned\x07Note,Other\nx,y\n").unwrap();
    let got = run(&["accounts", "hash", s(&csv), "--secret-file", SECRET]);
    assert_eq!(got.status.code(), Some(2));
    let err = stderr(&got);
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(err.contains("\\u{1b}[2J\\u{1b}]0;owned\\u{7}Note"), "{err}");
}
