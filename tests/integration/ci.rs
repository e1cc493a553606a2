//! `assess` as a CI job runs it: profiles from stdin and folders, `--quiet`, the closing
//! line on stderr, and the exit codes that `--help` and the man page promise.

use assert_cmd::Command;

fn partner_fit() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partner-fit"));
    cmd.env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("PARTNER_FIT_RULES");
    cmd
}

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
