//! The binary as a plain process, for the tests that need its streams or files as the
//! operating system gives them (a full disk, a FIFO, a link, a signal): the one command
//! builder and the small readers those tests share.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The one environment every test runs partner-fit in: from the project root, with no
/// colour, 100 columns, and nothing from the caller's environment that changes what it
/// does (a rules folder, a secret file, a pager). A test that needs otherwise (a
/// terminal's own width, another folder) changes it on the command it gets.
pub fn isolated() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partner-fit"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("PARTNER_FIT_RULES")
        .env_remove("PARTNER_FIT_SECRET_FILE")
        .env_remove("PAGER");
    cmd
}

/// [`isolated`], for the assertions of `assert_cmd`.
pub fn asserted() -> assert_cmd::Command {
    assert_cmd::Command::from_std(isolated())
}

/// partner-fit with `args`, [`isolated`], with nothing on standard input.
pub fn partner_fit(args: &[&str]) -> Command {
    let mut cmd = isolated();
    cmd.args(args).stdin(Stdio::null());
    cmd
}

/// Runs partner-fit with `args` to the end.
pub fn run(args: &[&str]) -> Output {
    partner_fit(args).output().unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
