//! Every input is refused at once when it cannot be read in time and memory in proportion
//! to its size: files that are not regular (FIFOs, devices), profiles and rule files over
//! the documented limit; and the table report stays linear on any text.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use super::process::{partner_fit, s, stderr};

/// partner-fit with its output captured, for a child whose output is read at its end.
fn piped(args: &[&str]) -> Command {
    let mut cmd = partner_fit(args);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Runs `args`, failing if it has not ended within a minute (a read that blocks).
fn run(args: &[&str]) -> Output {
    let child = piped(args).spawn().unwrap();
    let pid = child.id();
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    match result.recv_timeout(Duration::from_secs(60)) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("{args:?} blocked");
        }
    }
}

fn fifo(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    path
}

const SECRET: &str = "tests/fixtures/accounts/secret.txt";
const CSV: &str = "tests/fixtures/accounts/ours.csv";

#[test]
fn fifos_and_devices_are_refused_at_once_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(dir.path(), "pipe.toml");
    let pipe = s(&pipe);
    let report = fifo(dir.path(), "report.json");
    let report = s(&report);
    let cases: Vec<Vec<&str>> = vec![
        vec!["assess", pipe],
        vec!["diff", report, "examples/ready-to-co-sell.toml"],
        vec!["diff", "examples/ready-to-co-sell.toml", pipe],
        vec!["assess", "/dev/zero"],
        vec!["accounts", "hash", pipe, "--secret-file", SECRET],
        vec!["accounts", "hash", "/dev/zero", "--secret-file", SECRET],
        vec!["accounts", "hash", CSV, "--secret-file", pipe],
        vec!["accounts", "overlap", CSV, pipe],
        vec!["accounts", "overlap", CSV, CSV, "--update", pipe],
    ];
    for args in cases {
        let got = run(&args);
        assert_eq!(got.status.code(), Some(2), "{args:?}: {}", stderr(&got));
        let err = stderr(&got);
        assert!(
            err.contains("not a regular file") || err.contains("not a profile"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_fifo_in_a_rules_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    assert!(run(&["rules", "export", s(&rules)]).status.success());
    let pipe = fifo(&rules.join("gate"), "pipe.toml");
    let got = run(&["rules", "validate", s(&rules)]);
    assert_eq!(got.status.code(), Some(2));
    let err = stderr(&got);
    assert!(
        err.contains(&format!("{}: not a regular file", s(&pipe))),
        "{err}"
    );
}

fn big_profile(extra: usize) -> String {
    let limit = file_safety::read_file::MAX_TEXT_BYTES as usize;
    let mut text = String::from("[vendor]\nname = \"V\"\n\n[partner]\nname = \"P\"\n");
    text.push_str("unknown = [");
    while text.len() < limit + extra {
        text.push_str("1, ");
    }
    text.push_str("1]\n");
    text
}

#[test]
fn a_profile_over_the_limit_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, big_profile(1)).unwrap();
    let limit = file_safety::read_file::max_text_size();
    let got = run(&["assess", s(&path)]);
    assert_eq!(got.status.code(), Some(2));
    assert!(
        stderr(&got).contains(&format!("larger than {limit}")),
        "{}",
        stderr(&got)
    );

    // The same through standard input.
    let mut child = piped(&["assess", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let text = big_profile(1);
    let mut stdin = child.stdin.take().unwrap();
    // The run may stop reading at the limit; the rest of the write then fails.
    let _ = stdin.write_all(text.as_bytes());
    drop(stdin);
    let got = child.wait_with_output().unwrap();
    assert_eq!(got.status.code(), Some(2));
    assert!(
        stderr(&got).contains(&format!("larger than {limit}")),
        "{}",
        stderr(&got)
    );
}

#[test]
fn a_rule_file_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    assert!(run(&["rules", "export", s(&rules)]).status.success());
    let file = rules.join("gate/icp-overlap.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(&"#".repeat(file_safety::read_file::MAX_TEXT_BYTES as usize));
    std::fs::write(&file, text).unwrap();
    let got = run(&["rules", "validate", s(&rules)]);
    assert_eq!(got.status.code(), Some(2));
    assert!(
        stderr(&got).contains("larger than 512 KiB"),
        "{}",
        stderr(&got)
    );
}

#[test]
fn a_value_longer_than_a_screen_is_cut_in_the_table_and_whole_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let name = "x".repeat(160_000);
    std::fs::write(
        &path,
        format!("[vendor]\nname = \"V\"\n\n[partner]\nname = \"{name}\"\n"),
    )
    .unwrap();
    let table = run(&["assess", s(&path)]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = String::from_utf8_lossy(&table.stdout);
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("more characters not shown; `--format json` has the whole text"),
        "{}",
        &text[..2000.min(text.len())]
    );
    assert!(text.len() < 100_000, "{} bytes", text.len());
    let json = run(&["assess", s(&path), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(report.to_string().contains(&name));
}

#[test]
fn the_documented_limit_is_the_one_applied() {
    let limit = file_safety::read_file::max_text_size();
    for doc in ["docs/profile.md", "docs/rules-authoring.md"] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
        assert!(
            text.contains(&limit),
            "{doc} does not state the {limit} limit"
        );
    }
}
