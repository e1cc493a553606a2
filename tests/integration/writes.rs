//! A stream that cannot be written (a full disk, a closed pipe) ends the run with the exit
//! status it was going to have, never with a panic (exit 101).

use std::fs::File;
use std::process::{Command, Stdio};

use super::process::partner_fit;

const PROFILE: &str = "examples/ready-to-co-sell.toml";

fn full() -> Stdio {
    Stdio::from(File::create("/dev/full").expect("/dev/full exists on this system"))
}

/// The write end of a pipe whose reader is gone: every write fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

/// Runs `cmd` and returns its exit code, failing on a panic or a signal.
fn code(mut cmd: Command) -> i32 {
    let out = cmd.output().unwrap();
    let code = out.status.code().expect("exited, not killed");
    assert_ne!(
        code,
        101,
        "panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    code
}

#[test]
fn an_error_on_a_full_or_closed_stderr_still_exits_2() {
    for stderr in [full(), closed_pipe()] {
        let mut cmd = partner_fit(&["assess", "missing.toml"]);
        cmd.stderr(stderr).stdout(Stdio::null());
        assert_eq!(code(cmd), 2);
    }
}

#[test]
fn a_failed_threshold_on_a_full_stderr_still_exits_1() {
    let mut cmd = partner_fit(&["assess", PROFILE, "--min-score", "100"]);
    cmd.stderr(full()).stdout(Stdio::null());
    assert_eq!(code(cmd), 1);
}

#[test]
fn a_report_on_a_full_stdout_exits_2_with_the_reason() {
    for args in [
        vec!["assess", PROFILE],
        vec!["assess", PROFILE, "--format", "json"],
        vec!["rules", "list"],
        vec!["schema"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["init", "-"],
    ] {
        let mut cmd = partner_fit(&args);
        cmd.stdout(full());
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_report_into_a_closed_pipe_is_not_an_error() {
    for args in [vec!["assess", PROFILE], vec!["rules", "list"]] {
        let mut cmd = partner_fit(&args);
        cmd.stdout(closed_pipe());
        assert_eq!(code(cmd), 0, "{args:?}");
    }
}

#[test]
fn notes_on_a_full_or_closed_stderr_do_not_stop_the_work() {
    let dir = tempfile::tempdir().unwrap();
    for (i, stderr) in [full(), closed_pipe()].into_iter().enumerate() {
        let out = dir.path().join(format!("hashed-{i}.csv"));
        let mut cmd = partner_fit(&[
            "accounts",
            "hash",
            "tests/fixtures/accounts/ours.csv",
            "--secret-file",
            "tests/fixtures/accounts/secret.txt",
            "--out",
            out.to_str().unwrap(),
        ]);
        cmd.stderr(stderr);
        assert_eq!(code(cmd), 0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.lines().count() > 1, "{text}");

        let profile = dir.path().join(format!("p-{i}.toml"));
        let mut cmd = partner_fit(&["init", profile.to_str().unwrap()]);
        cmd.stderr(if i == 0 { full() } else { closed_pipe() });
        assert_eq!(code(cmd), 0);
        assert!(profile.exists());
    }
}

/// A full disk: a small tmpfs, filled. Mounting needs root (as CI runs); elsewhere the
/// test says it did not run.
struct FullDisk(tempfile::TempDir);

impl FullDisk {
    fn mount() -> Option<Self> {
        // Not tempfile's default `.tmp` name, so a temporary file's name is told apart.
        let dir = tempfile::Builder::new().prefix("disk-").tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            return None;
        }
        let disk = FullDisk(dir);
        // Filled to the last byte: every later write fails with ENOSPC.
        let mut fill = File::create(disk.0.path().join("fill")).unwrap();
        let _ = std::io::Write::write_all(&mut fill, &[0u8; 64 * 1024]);
        Some(disk)
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_full_disk_names_the_file_asked_for_never_a_temporary_one() {
    let Some(disk) = FullDisk::mount() else {
        eprintln!("not run: mounting a small tmpfs needs root");
        return;
    };
    let at = |name: &str| disk.0.path().join(name).to_str().unwrap().to_string();
    let secret = "tests/fixtures/accounts/secret.txt";
    let csv = "tests/fixtures/accounts/ours.csv";
    for (args, target) in [
        (
            vec!["accounts", "keygen", "--out", &at("s.txt")],
            at("s.txt"),
        ),
        (
            vec![
                "accounts",
                "hash",
                csv,
                "--secret-file",
                secret,
                "--out",
                &at("h.csv"),
            ],
            at("h.csv"),
        ),
        (vec!["init", &at("p.toml")], at("p.toml")),
        (vec!["rules", "export", &at("rules")], at("rules")),
    ] {
        let out = super::process::run(&args);
        let err = super::process::stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
        assert!(err.contains(&target), "{args:?} names {target}: {err}");
        assert!(
            !err.contains(".tmp"),
            "{args:?} names a temporary file: {err}"
        );
        assert!(!err.contains("folder exists"), "{args:?}: {err}");
    }
    // Nothing half-written is left: only the filler.
    let left: Vec<_> = std::fs::read_dir(disk.0.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["fill"], "{left:?}");
}
