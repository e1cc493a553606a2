//! The binary as a plain process, for the tests that need its streams or files as the
//! operating system gives them (a full disk, a FIFO, a link, a signal): the one command
//! builder and the small readers those tests share.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// partner-fit with `args`, run from the project root with no colour, 100 columns, no
/// rules or secret from the environment, and nothing on standard input.
pub fn partner_fit(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partner-fit"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("PARTNER_FIT_RULES")
        .env_remove("PARTNER_FIT_SECRET_FILE")
        .stdin(Stdio::null());
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
