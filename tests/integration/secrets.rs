//! `accounts keygen`, the guessability check on secrets and the warning on a readable secret file.

use std::os::unix::fs::PermissionsExt;

use super::process::{run, s, stderr};

const CSV: &str = "tests/fixtures/accounts/ours.csv";

#[test]
fn keygen_writes_a_private_random_secret_and_never_replaces_one_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    let got = run(&["accounts", "keygen", "--out", s(&path)]);
    assert!(got.status.success(), "{}", stderr(&got));
    let first = std::fs::read_to_string(&path).unwrap();
    assert_eq!(first.len(), 65, "{first:?}");
    assert!(first.trim_end().bytes().all(|b| b.is_ascii_hexdigit()));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");

    let again = run(&["accounts", "keygen", "--out", s(&path)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);

    let forced = run(&["accounts", "keygen", "--out", s(&path), "--force"]);
    assert!(forced.status.success());
    assert_ne!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "a new secret"
    );

    // The secret is accepted, without a warning: only its owner can read it.
    let hashed = run(&["accounts", "hash", CSV, "--secret-file", s(&path)]);
    assert!(hashed.status.success(), "{}", stderr(&hashed));
    assert!(!stderr(&hashed).contains("warning"), "{}", stderr(&hashed));
}

#[test]
fn a_guessable_secret_is_refused_with_keygen_as_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    // Each of these passed a 128-bit count of characters; the first was found in 15 guesses.
    let sha256_of_password = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
    for (weak, says) in [
        (
            "Password1!".repeat(5),
            "2^16 tries (zxcvbn's estimate: Repeats like",
        ),
        (
            sha256_of_password.to_string(),
            "the hex digest of `password`",
        ),
        (
            sha256_of_password.to_uppercase(),
            "the hex digest of `password`",
        ),
        ("0123456789abcdef".repeat(4), "could be guessed in about 2^"),
        (
            "qwertyuiopasdfghjklzxcvbnm".to_string(),
            "could be guessed in about 2^",
        ),
        (
            "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./".to_string(),
            "could be guessed in about 2^",
        ),
        (" ".repeat(16), "could be guessed in about 2^"),
        (
            "password12345678".to_string(),
            "could be guessed in about 2^",
        ),
        (
            "correct-horse-battery-staple".to_string(),
            "could be guessed in about 2^",
        ),
    ] {
        let path = dir.path().join("weak.txt");
        std::fs::write(&path, &weak).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let got = run(&["accounts", "hash", CSV, "--secret-file", s(&path)]);
        assert_eq!(got.status.code(), Some(2), "{weak:?}");
        let err = stderr(&got);
        assert!(err.contains(says), "{weak:?}: {err}");
        assert!(err.contains("at least 2^128"), "{err}");
        assert!(err.contains("partner-fit accounts keygen --out"), "{err}");
        assert_eq!(got.stdout, b"", "nothing hashed");
    }
}

#[test]
fn a_secret_file_others_can_read_draws_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    assert!(run(&["accounts", "keygen", "--out", s(&path)])
        .status
        .success());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let got = run(&["accounts", "hash", CSV, "--secret-file", s(&path)]);
    assert!(got.status.success());
    let err = stderr(&got);
    assert!(
        err.contains(&format!(
            "warning: the secret file {} can be read by anyone on this machine",
            s(&path)
        )),
        "{err}"
    );
    assert!(err.contains("chmod 600"), "{err}");
}
