//! Symlinks and hard links: a write goes through a symlink to its target and never splits
//! a hard link; a rules folder follows links that stay inside it and refuses the others.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;

use super::process::{run, s, stderr};

fn update(profile: &Path) -> Output {
    run(&[
        "accounts",
        "overlap",
        "tests/fixtures/accounts/ours.csv",
        "tests/fixtures/accounts/sites-only.csv",
        "--update",
        s(profile),
    ])
}

#[test]
fn update_writes_through_a_symlink_to_the_real_profile() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    std::fs::copy("tests/fixtures/accounts/profile.toml", &real).unwrap();
    let link = dir.path().join("link.toml");
    symlink("real.toml", &link).unwrap();
    let got = update(&link);
    assert!(got.status.success(), "{}", stderr(&got));
    assert!(stderr(&got).contains("market.icp_overlap_pct = 50 (was 32)"));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("icp_overlap_pct = 50"), "{text}");
}

#[test]
fn update_refuses_to_split_a_hard_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    std::fs::copy("tests/fixtures/accounts/profile.toml", &real).unwrap();
    let other = dir.path().join("other.toml");
    std::fs::hard_link(&real, &other).unwrap();
    let before = std::fs::read_to_string(&real).unwrap();
    let got = update(&other);
    assert_eq!(got.status.code(), Some(2));
    assert!(
        stderr(&got).contains("has 2 hard links"),
        "{}",
        stderr(&got)
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), before);
}

#[test]
fn init_force_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.toml");
    symlink(&real, &link).unwrap();
    let got = run(&["init", s(&link), "--force"]);
    assert!(got.status.success(), "{}", stderr(&got));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("[vendor]"));
}

fn exported(dir: &Path) -> std::path::PathBuf {
    let rules = dir.join("rules");
    let out = run(&["rules", "export", s(&rules)]);
    assert!(out.status.success(), "{}", stderr(&out));
    rules
}

#[test]
fn a_rules_folder_follows_links_inside_it_and_counts_what_it_read() {
    let dir = tempfile::tempdir().unwrap();
    let rules = exported(dir.path());
    let shipped = run(&["rules", "validate", s(&rules)]);
    let shipped = String::from_utf8_lossy(&shipped.stdout).into_owned();
    // A rule file linked to a file elsewhere inside the folder is read through the link.
    let kept = rules.join("kept");
    std::fs::create_dir(&kept).unwrap();
    std::fs::rename(
        rules.join("gate/icp-overlap.toml"),
        kept.join("icp-overlap.txt"),
    )
    .unwrap();
    symlink(
        "../kept/icp-overlap.txt",
        rules.join("gate/icp-overlap.toml"),
    )
    .unwrap();
    let got = run(&["rules", "validate", s(&rules)]);
    assert!(got.status.success(), "{}", stderr(&got));
    assert_eq!(String::from_utf8_lossy(&got.stdout), shipped);
    // The folder named through a link is read whole.
    let alias = dir.path().join("alias");
    symlink(&rules, &alias).unwrap();
    let got = run(&["rules", "validate", s(&alias)]);
    assert!(got.status.success(), "{}", stderr(&got));
    // The same files are read as through the folder's own name: the counts agree.
    assert_eq!(
        String::from_utf8_lossy(&got.stdout),
        shipped.replace(s(&rules), s(&alias))
    );

    // A second name for a folder inside: the folder is linked from elsewhere.
    let outside = dir.path().join("families");
    std::fs::create_dir(&outside).unwrap();
    std::fs::rename(rules.join("gate"), outside.join("gate")).unwrap();
    let inside = rules.join("gate");
    symlink(outside.join("gate"), &inside).unwrap();
    let got = run(&["rules", "validate", s(&rules)]);
    assert_eq!(got.status.code(), Some(2));
    let err = stderr(&got);
    assert!(
        err.contains(&format!(
            "{}: the link points outside the rules folder",
            s(&inside)
        )),
        "{err}"
    );
    // `rules validate` counts every file the export wrote.
    assert!(
        shipped.contains(&format!(
            "{} files read;",
            files_in(&exported_again(dir.path()))
        )),
        "{shipped}"
    );
}

/// A fresh export beside the other (the first one was changed by the test).
fn exported_again(dir: &Path) -> std::path::PathBuf {
    let again = dir.join("again");
    std::fs::create_dir(&again).unwrap();
    exported(&again)
}

/// How many files are in `dir` and the folders below it.
fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_in(&p) } else { 1 })
        .sum()
}

#[test]
fn a_rules_folder_refuses_links_outside_it_and_loops() {
    let dir = tempfile::tempdir().unwrap();
    let rules = exported(dir.path());
    let passwd = rules.join("gate/passwd.toml");
    symlink("/etc/passwd", &passwd).unwrap();
    let looped = rules.join("gate/up");
    symlink("..", &looped).unwrap();
    let dangling = rules.join("gate/gone.toml");
    symlink("nowhere.toml", &dangling).unwrap();
    let got = run(&["rules", "validate", s(&rules)]);
    assert_eq!(got.status.code(), Some(2));
    let err = stderr(&got);
    assert!(
        err.contains(&format!("{}: the link points outside", s(&passwd))),
        "{err}"
    );
    assert!(
        !err.contains("root:"),
        "the linked file is not shown: {err}"
    );
    assert!(
        err.contains(&format!("{}: the link leads to", s(&looped))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: the link cannot be followed", s(&dangling))),
        "{err}"
    );
}
