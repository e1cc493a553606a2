//! The pager, as git uses one: on a terminal a report taller than the screen goes
//! through `$PAGER`; `--no-pager`, a report that fits, or a pipe print it directly.

use std::time::Duration;

use expectrl::{Eof, Expect, Session};

const EXAMPLE: &str = "examples/ready-to-co-sell.toml";
/// A pager that marks every line it shows.
const MARKING_PAGER: &str = "sed 's/^/PAGED: /'";

/// The output of `assess ARGS` on a terminal of `rows` rows.
fn on_terminal(args: &[&str], rows: u16) -> String {
    let mut command = super::process::isolated();
    command
        .arg("assess")
        .args(args)
        .env("TERM", "xterm")
        .env("PAGER", MARKING_PAGER)
        .env_remove("COLUMNS");
    let mut pty = Session::spawn(command).expect("spawn in a pseudo-terminal");
    pty.get_process_mut().set_window_size(100, rows).unwrap();
    pty.set_expect_timeout(Some(Duration::from_secs(20)));
    let found = pty.expect(Eof).expect("the report ends");
    let all: Vec<u8> = found
        .before()
        .iter()
        .chain(found.get(0).unwrap_or(&[]))
        .copied()
        .collect();
    String::from_utf8_lossy(&all).replace('\r', "")
}

#[test]
fn a_tall_report_on_a_terminal_goes_through_the_pager() {
    let out = on_terminal(&[EXAMPLE], 24);
    assert!(out.contains("PAGED: At a glance: Ledgerly"), "{out}");
}

#[test]
fn no_pager_or_a_report_that_fits_is_printed_directly() {
    let out = on_terminal(&["--no-pager", EXAMPLE], 24);
    assert!(
        out.contains("At a glance: Ledgerly") && !out.contains("PAGED"),
        "{out}"
    );
    let brief = on_terminal(&["--brief", EXAMPLE], 40);
    assert!(
        brief.contains("At a glance: Ledgerly") && !brief.contains("PAGED"),
        "{brief}"
    );
}

#[test]
fn a_pipe_is_never_paged() {
    let out = super::process::isolated()
        .args(["assess", EXAMPLE])
        .env("PAGER", MARKING_PAGER)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("At a glance") && !text.contains("PAGED"),
        "{text}"
    );
}
