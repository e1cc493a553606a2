//! The completion scripts as a user meets them: each shell, in a pseudo-terminal where the
//! shell reads keys, with the script `partner-fit completions SHELL` prints loaded and Tab
//! pressed after a subcommand. zsh and fish are tested where they are installed; on a
//! machine without them the test says so and passes, unless PARTNER_FIT_REQUIRE_TOOLS
//! is set (.ci/shells-check).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

type Pty = expectrl::session::OsSession;

/// What Tab must complete: the line typed, and what must then be shown.
const CASES: &[(&str, &[&str])] = &[
    ("partner-fit assess --for", &["--format"]),
    (
        "partner-fit assess --format ",
        &["table", "json", "markdown", "html"],
    ),
    ("partner-fit diff --format ", &["table", "json", "markdown"]),
    (
        "partner-fit completions ",
        &["bash", "zsh", "fish", "powershell"],
    ),
];

/// The folder of the binary under test, to put first on PATH.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_partner-fit"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn script(dir: &Path, shell: &str, name: &str) -> PathBuf {
    let out = super::process::isolated()
        .args(["completions", shell])
        .output()
        .unwrap();
    assert!(out.status.success(), "completions {shell}");
    let path = dir.join(name);
    std::fs::write(&path, out.stdout).unwrap();
    path
}

fn installed(shell: &str) -> bool {
    let found = Command::new(shell)
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("PARTNER_FIT_REQUIRE_TOOLS").is_none(),
            "{shell} is not installed, and PARTNER_FIT_REQUIRE_TOOLS is set"
        );
        eprintln!("{shell} is not installed: its completion script is not tested here");
    }
    found
}

fn spawn(command: Command) -> Pty {
    let mut pty = Session::spawn(command).expect("spawn a shell in a pseudo-terminal");
    pty.set_expect_timeout(Some(super::interview::PTY_WAIT));
    pty
}

fn path_env() -> String {
    format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Types each case's line, presses Tab (twice: a list is shown on the second), and reads
/// what the shell shows until every expected word is there or ten seconds have passed;
/// then kills the line (Ctrl-E, Ctrl-U) and waits for the shell to run an `echo`.
fn press_tab(pty: &mut Pty, prompt: &str, cases: &[(&str, &[&str])]) {
    for (line, expected) in cases {
        pty.send(line).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        pty.send("\t\t").unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match pty.try_read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => seen.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("reading the terminal: {e}"),
            }
            let text = String::from_utf8_lossy(&seen);
            if expected.iter().all(|w| text.contains(w)) || Instant::now() > deadline {
                break;
            }
        }
        let seen = String::from_utf8_lossy(&seen);
        for word in *expected {
            assert!(!line.contains(word), "{word:?} is typed in `{line}`");
            assert!(
                seen.contains(word),
                "Tab after `{line}` in {prompt} lacks {word:?}:\n{seen:?}"
            );
        }
        pty.send("\x05\x15").unwrap();
        pty.send_line("echo DONE-$((6*7))").unwrap();
        pty.expect("DONE-42")
            .unwrap_or_else(|e| panic!("{prompt}: after Tab on `{line}`: {e}"));
        pty.expect(prompt).unwrap();
    }
}

#[test]
fn bash_completes_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let script = script(dir.path(), "bash", "partner-fit.bash");
    let rc = dir.path().join("bashrc");
    std::fs::write(
        &rc,
        format!(
            "PS1='READY> '\nbind 'set show-all-if-ambiguous on'\nbind 'set bell-style none'\nsource '{}'\n",
            script.display()
        ),
    )
    .unwrap();
    // bash draws the prompt and the line being edited on stderr: into the terminal too.
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!(
            "exec bash --noprofile --rcfile '{}' -i 2>&1",
            rc.display()
        ))
        .current_dir(dir.path())
        .env("PATH", path_env())
        .env("TERM", "xterm")
        .env("INPUTRC", "/dev/null");
    let mut pty = spawn(command);
    pty.expect("READY> ").unwrap();
    // In this terminal bash shows the lists it prints but not the line it edits, so the
    // completion of `--for` is seen in the list of `--format`'s values the second Tab
    // prints: nothing is listed unless `--for` became `--format `.
    let mut cases = CASES.to_vec();
    cases[0].1 = &["table", "json", "markdown", "html"];
    press_tab(&mut pty, "READY> ", &cases);
}

#[test]
fn zsh_completes_after_the_subcommand() {
    if !installed("zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    script(dir.path(), "zsh", "_partner-fit");
    let rc = dir.path().join(".zshrc");
    std::fs::write(
        &rc,
        "PS1='READY> '\nfpath=(\"$ZDOTDIR\" $fpath)\nautoload -Uz compinit\ncompinit -u -D\nunsetopt beep\nsetopt auto_list no_list_ambiguous\n",
    )
    .unwrap();
    let mut command = Command::new("zsh");
    command
        .arg("-i")
        .current_dir(dir.path())
        .env("ZDOTDIR", dir.path())
        .env("PATH", path_env())
        .env("TERM", "xterm");
    let mut pty = spawn(command);
    pty.expect("READY> ").unwrap();
    press_tab(&mut pty, "READY> ", CASES);
}

/// fish answers `complete -C LINE` with what Tab would offer, one candidate a line.
#[test]
fn fish_completes_after_the_subcommand() {
    if !installed("fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = script(dir.path(), "fish", "partner-fit.fish");
    for (line, expected) in CASES {
        let out = Command::new("fish")
            .args(["--no-config", "-c"])
            .arg(format!(
                "source '{}'; complete -C '{line}'",
                script.display()
            ))
            .env("PATH", path_env())
            .current_dir(dir.path())
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        let words: Vec<&str> = shown
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        for word in *expected {
            assert!(
                words.contains(word),
                "fish: `complete -C '{line}'` lacks {word:?}:\n{shown}"
            );
        }
    }
}
