//! `partner-fit interview` end to end: the real binary in a real pseudo-terminal (expectrl),
//! plus the no-terminal refusal. Every wait has a timeout, and a session that fails is
//! killed when dropped, so a broken prompt fails the test instead of hanging CI.

use std::path::{Path, PathBuf};
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Expect, Regex, Session};

const FIXTURE: &str = "tests/fixtures/interview/northwind.toml";
const DOWN: &str = "\x1b[B";
const CTRL_C: &str = "\x03";
const LEFT: &str = "\x1b[D";
const SHIFT_TAB: &str = "\x1b[Z";

type Pty = expectrl::session::OsSession;

fn spawn(dir: &Path, args: &[&str]) -> Pty {
    spawn_sized(dir, args, 120, 50)
}

/// The interview in a pseudo-terminal of `columns` x `rows`; the width is the terminal's
/// own, as in a workshop, not `COLUMNS`.
fn spawn_sized(dir: &Path, args: &[&str], columns: u16, rows: u16) -> Pty {
    let mut command = super::process::isolated();
    command
        .arg("interview")
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm")
        .env_remove("COLUMNS");
    let mut pty = Session::spawn(command).expect("spawn the interview in a pseudo-terminal");
    pty.get_process_mut()
        .set_window_size(columns, rows)
        .expect("size the terminal");
    pty.set_expect_timeout(Some(PTY_WAIT));
    pty
}

/// How long a pseudo-terminal test waits for a screen before it fails: generous, as the
/// suite runs the interview beside other tests on a 2-core machine, and only a failing
/// test waits this long.
pub const PTY_WAIT: Duration = Duration::from_secs(30);

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

/// Waits for the next question; its number, or `None` at the summary.
fn next_question(pty: &mut Pty) -> Option<usize> {
    let found = pty
        .expect(Regex(
            r"Question (\d+) of \d+|Save, or pick an answer to change",
        ))
        .expect("a question or the summary");
    // The first screen found: the buffer may hold a later one too (a redraw when the
    // terminal is sized just after the start), and expectrl lists the groups of every
    // match in one list, so a group's index is not where it stands in the first match.
    let first = String::from_utf8_lossy(found.get(0).expect("a match")).into_owned();
    let number = first
        .strip_prefix("Question ")
        .map(|rest| rest.split(' ').next().unwrap().parse().unwrap());
    if number.is_some() {
        // The prompt is drawn once the terminal is in raw mode: only then is Enter a key.
        pty.expect("? ").expect("the prompt");
    }
    number
}

/// Waits for the process to end and returns its exit code.
fn exit_code(pty: &mut Pty) -> i32 {
    pty.expect(expectrl::Eof).ok();
    for _ in 0..100 {
        match pty.get_process().status() {
            Ok(WaitStatus::Exited(_, code)) => return code,
            Ok(WaitStatus::StillAlive) | Err(_) => std::thread::sleep(Duration::from_millis(50)),
            Ok(other) => panic!("the interview ended abnormally: {other:?}"),
        }
    }
    panic!("the interview did not exit");
}

/// `assess --format json`, without the file name, so two files can be compared.
fn assessment(path: &Path) -> serde_json::Value {
    let out = super::process::isolated()
        .args(["assess", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut json = report["profiles"][0].clone();
    json.as_object_mut().unwrap().remove("profile");
    json
}

/// Copies the fixture profile into `dir`, returning its path.
fn copy_fixture(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(fixture(), &path).unwrap();
    path
}

#[test]
fn from_opens_at_the_summary_and_saves_the_same_profile() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.toml");
    let mut pty = spawn(
        dir.path(),
        &["--from", fixture().to_str().unwrap(), "--out", "out.toml"],
    );
    // No question is asked: the summary shows the questions and their answers.
    pty.expect("Summary of the answers").unwrap();
    pty.expect("What is your company called? → Acme Analytics")
        .unwrap();
    assert_eq!(next_question(&mut pty), None);
    // A search that finds nothing says so, and is widened again.
    pty.send("zzz").unwrap();
    pty.expect("nothing matches").unwrap();
    pty.send("\x7f\x7f\x7f").unwrap();
    pty.expect("> Save to out.toml and show the assessment")
        .unwrap();
    pty.send("\r").unwrap();
    pty.expect("Recommendation: co-sell").unwrap();
    // The report ends, as `assess` does, with the rules it used.
    pty.expect("Rules: built-in (sha256:").unwrap();
    pty.expect("Saved out.toml").unwrap();
    assert_eq!(exit_code(&mut pty), 0);
    assert_eq!(assessment(&out), assessment(&fixture()));
    // The draft kept during the interview is gone once the profile is saved.
    assert!(!dir.path().join("out.toml.draft").exists());
    // Nothing changed, so the profile is saved as it was, comments and all.
    let saved = std::fs::read_to_string(&out).unwrap();
    assert_eq!(saved, std::fs::read_to_string(fixture()).unwrap());
}

/// The report the client watches at the end of a workshop is byte for byte what `assess`
/// prints for the saved profile at the same width: at 80 and at 100 columns.
#[test]
fn the_final_report_is_what_assess_prints_at_the_terminals_width() {
    // At 100 columns a target is named: the interview's report plans for it as `assess
    // --target` does.
    for (columns, target) in [(80u16, None), (100, Some("reseller"))] {
        let dir = tempfile::tempdir().unwrap();
        let fixture = fixture();
        let mut args = vec!["--from", fixture.to_str().unwrap(), "--out", "out.toml"];
        args.extend(target.iter().flat_map(|t| ["--target", *t]));
        let mut pty = spawn_sized(dir.path(), &args, columns, 30);
        assert_eq!(next_question(&mut pty), None);
        pty.send("\r").unwrap();
        let seen = pty.expect("Saved out.toml").unwrap();
        let seen = String::from_utf8_lossy(seen.before()).replace("\r\n", "\n");
        assert_eq!(exit_code(&mut pty), 0);
        let assess = super::process::isolated()
            .current_dir(dir.path())
            .args(["assess", "out.toml"])
            .args(target.iter().flat_map(|t| ["--target", *t]))
            .env("COLUMNS", columns.to_string())
            .output()
            .unwrap();
        assert!(assess.status.success(), "{assess:?}");
        let printed = String::from_utf8(assess.stdout).unwrap();
        assert!(printed.starts_with("At a glance"), "{printed}");
        if let Some(target) = target {
            assert!(printed.contains(&format!("Plan for {target}")), "{printed}");
        }
        assert!(
            seen.ends_with(&format!("\n{printed}\n")),
            "at {columns} columns the interview showed:\n{seen}\n\nassess printed:\n{printed}"
        );
    }
}

#[test]
fn one_answer_is_found_changed_and_saved_in_four_keypresses() {
    let dir = tempfile::tempdir().unwrap();
    let profile = copy_fixture(dir.path(), "northwind.toml");
    let original = std::fs::read_to_string(&profile).unwrap();
    let mut pty = spawn(dir.path(), &["--from", "northwind.toml"]);
    pty.expect("Verdict so far: co-sell").unwrap();
    assert_eq!(next_question(&mut pty), None);
    let mut keys = 0;
    let mut press = |pty: &mut Pty, key: &str| {
        keys += 1;
        pty.send(key).unwrap();
    };
    // Typing part of the question finds it (typing is not counted).
    pty.send("live deals").unwrap();
    pty.expect("find: live deals").unwrap();
    press(&mut pty, "\r");
    pty.expect("Are the partner's sellers in live deals")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    press(&mut pty, DOWN); // Yes -> No
    press(&mut pty, "\r");
    // The verdict moves at once, saying what changed.
    pty.expect(Regex(
        r"Verdict: referral \d+ \(was co-sell \d+\): no longer [^\n]+, gate green -> wait: ",
    ))
    .unwrap();
    pty.expect("Save to northwind.toml (the file opened)")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    press(&mut pty, "\r"); // saved back to the file opened: no "Replace it?"
    pty.expect("Recommendation: referral").unwrap();
    pty.expect("Saved northwind.toml").unwrap();
    assert_eq!(exit_code(&mut pty), 0);
    assert!(keys <= 6, "{keys} keypresses");
    assert_eq!(keys, 4);
    // Only the changed answer changed: every comment and line of the file is kept.
    let saved = std::fs::read_to_string(&profile).unwrap();
    assert_eq!(
        saved,
        original.replace("sells_into_accounts = true", "sells_into_accounts = false")
    );
    assert_eq!(assessment(&profile)["recommendation"]["motion"], "referral");
}

/// The most keys a whole interview of the shipped questions may take, besides the
/// characters of typed answers: a workshop should be driven, not fought.
const MOST_KEYS_FOR_A_WHOLE_INTERVIEW: usize = 60;

#[test]
fn a_whole_interview_from_nothing_to_a_saved_profile_takes_at_most_60_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    // Keys pressed, not counting the characters of typed answers (their Enter counts).
    let mut keys = 0;
    let mut questions = 0;
    let mut yes_no = ["y", "n", "?"].into_iter().cycle();
    while next_question(&mut pty).is_some() {
        questions += 1;
        let screen = pty.expect("Esc stops").unwrap();
        // As words: the help line may wrap anywhere.
        let screen = String::from_utf8_lossy(screen.before())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if screen.contains("y Yes · n No · ? Don't know") {
            // A yes/no question: one key answers it.
            pty.send(yes_no.next().unwrap()).unwrap();
        } else if screen.contains("› ") {
            let typed = if screen.contains("What is your company called?") {
                "Acme"
            } else if screen.contains("What is the partner called?") {
                "Northwind"
            } else if screen.contains("closed deals (won or lost) with the partner") {
                // Deal figures are measured (`deals compare --update`), not typed in a
                // workshop: left unknown (Enter), which skips the questions on them.
                ""
            } else if screen.contains("number from") {
                "30"
            } else {
                "Shared onboarding for their customers"
            };
            pty.send(typed).unwrap();
            pty.send("\r").unwrap();
        } else {
            // A choice (Enter takes the first) or a list to tick (Enter takes what is
            // ticked: "Don't know" when nothing was answered).
            pty.send("\r").unwrap();
        }
        keys += 1;
    }
    pty.expect("> Save to acme.toml and show the assessment")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("\r").unwrap();
    keys += 1;
    pty.expect("Recommendation:").unwrap();
    pty.expect("Saved acme.toml").unwrap();
    assert_eq!(exit_code(&mut pty), 0);
    eprintln!("a whole interview: {questions} questions, {keys} keys besides typed text");
    assert!(
        keys <= MOST_KEYS_FOR_A_WHOLE_INTERVIEW,
        "{keys} keys for {questions} questions"
    );
    let saved = dir.path().join("acme.toml");
    let profile: toml::Table = std::fs::read_to_string(&saved).unwrap().parse().unwrap();
    // The first choice was taken with Enter, and y, n and ? answered as they say.
    assert_eq!(profile["partner"]["type"].as_str(), Some("isv"));
    assert_eq!(
        profile["vendor"]["past_product_market_fit"].as_bool(),
        Some(true)
    );
    assert_eq!(
        profile["vendor"]["direct_sales_motion"].as_bool(),
        Some(false)
    );
    assert!(profile["vendor"].get("repeatable_playbook").is_none());
    assert!(!dir.path().join("acme.toml.draft").exists());
    assessment(&saved);
}

#[test]
fn interrupt_saves_a_draft_that_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Acme\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send("y").unwrap(); // Yes, at once
    assert_eq!(next_question(&mut pty), Some(3));
    pty.send(CTRL_C).unwrap();
    pty.expect("Resume with: partner-fit interview --from acme.toml.draft --out acme.toml")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let draft = dir.path().join("acme.toml.draft");
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("name = \"Acme\""), "{text}");
    assert!(text.contains("past_product_market_fit = true"), "{text}");
    assert!(!dir.path().join("acme.toml").exists());

    // Resuming starts at the question that was interrupted; Esc stops again, keeping all.
    let mut pty = spawn(
        dir.path(),
        &["--from", "acme.toml.draft", "--out", "acme.toml"],
    );
    assert_eq!(next_question(&mut pty), Some(3));
    pty.send("y").unwrap(); // direct sales motion: Yes
    assert_eq!(next_question(&mut pty), Some(4));
    pty.send("\x1b").unwrap();
    pty.expect("Resume with:").unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("name = \"Acme\""), "{text}");
    assert!(text.contains("direct_sales_motion = true"), "{text}");
}

#[test]
fn yes_no_questions_take_y_n_and_question_mark_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Acme\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    // Not answered yet: the highlight starts on the first choice, not on "Don't know",
    // and the footer names the keys.
    pty.expect("> Yes").unwrap();
    pty.expect("y Yes · n No · ? Don't know").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("y").unwrap();
    assert_eq!(next_question(&mut pty), Some(3));
    pty.expect("Esc stops").unwrap();
    pty.send("n").unwrap();
    assert_eq!(next_question(&mut pty), Some(4));
    pty.expect("Esc stops").unwrap();
    pty.send("?").unwrap();
    assert_eq!(next_question(&mut pty), Some(5));
    pty.expect("Esc stops").unwrap();
    pty.send("\r").unwrap(); // Enter takes the highlight: Yes
    assert_eq!(next_question(&mut pty), Some(6));
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(dir.path().join("acme.toml.draft")).unwrap();
    let answered = |line: &str| text.lines().any(|l| l == line);
    assert!(answered("past_product_market_fit = true"), "{text}");
    assert!(answered("direct_sales_motion = false"), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("repeatable_playbook =")),
        "{text}"
    );
    assert!(answered("must_own_customer = true"), "{text}");
}

#[test]
fn the_cursor_follows_a_cjk_name_by_display_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "kk.toml"]);
    assert_eq!(next_question(&mut pty), Some(1));
    pty.expect("Esc stops").unwrap();
    // Eleven characters, each two columns wide, after the four of the `  › ` margin: the
    // cursor is moved to column 27 (1-based), not 16 as counting characters would.
    let name = "株式会社ノースウィンド";
    pty.send(name).unwrap();
    pty.expect(format!("  › {name}")).unwrap();
    pty.expect("\x1b[27G").unwrap();
    pty.send("\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(dir.path().join("kk.toml.draft")).unwrap();
    assert!(text.contains(&format!("name = \"{name}\"")), "{text}");
}

#[test]
fn running_the_same_command_again_offers_the_draft_it_left() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("acme.toml.draft");
    let second = dir.path().join("acme.toml.draft-2");
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Acme\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send("y").unwrap();
    assert_eq!(next_question(&mut pty), Some(3));
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);

    // Yes resumes where it stopped, in the same draft.
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    let seen = pty
        .expect("Resume the draft acme.toml.draft (stopped at question 3)?")
        .unwrap();
    assert!(!String::from_utf8_lossy(seen.before()).contains("Question"));
    pty.expect("Esc stops").unwrap();
    pty.send("y").unwrap();
    assert_eq!(next_question(&mut pty), Some(3));
    pty.send("n").unwrap();
    assert_eq!(next_question(&mut pty), Some(4));
    pty.send(CTRL_C).unwrap();
    pty.expect("Resume with: partner-fit interview --from acme.toml.draft --out acme.toml")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert!(!second.exists(), "resuming starts no second draft");
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("direct_sales_motion = false"), "{text}");

    // No starts afresh in a draft of its own, and says the first one is kept.
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    pty.expect("Resume the draft acme.toml.draft (stopped at question 4)?")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("n").unwrap();
    pty.expect("Starting afresh. The draft acme.toml.draft stays as it is")
        .unwrap();
    pty.expect("acme.toml.draft-2").unwrap();
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Beta\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send(CTRL_C).unwrap();
    pty.expect("saved in the draft acme.toml.draft-2").unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), text);
    let fresh = std::fs::read_to_string(&second).unwrap();
    assert!(fresh.contains("name = \"Beta\""), "{fresh}");

    // The newest draft is the one offered; Esc at the offer leaves both untouched.
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    pty.expect("Resume the draft acme.toml.draft-2 (stopped at question 2)?")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("\x1b").unwrap();
    pty.expect("the draft acme.toml.draft-2 is untouched")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), text);
    assert_eq!(std::fs::read_to_string(&second).unwrap(), fresh);
}

#[test]
fn a_closed_terminal_loses_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Acme\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    // Hang up, as closing the terminal window does.
    pty.get_process_mut()
        .exit(true)
        .expect("the interview ends on hang-up");
    let text = std::fs::read_to_string(dir.path().join("acme.toml.draft")).unwrap();
    assert!(text.contains("name = \"Acme\""), "{text}");
}

#[test]
fn without_a_terminal_exits_2_pointing_to_assess_and_init() {
    let dir = tempfile::tempdir().unwrap();
    let out = super::process::asserted()
        .args(["interview", "--out", "x.toml"])
        .current_dir(dir.path())
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("partner-fit assess"), "{stderr}");
    assert!(stderr.contains("partner-fit init"), "{stderr}");
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn answers_that_make_no_profile_end_with_the_draft_and_how_to_resume() {
    // A draft edited by hand to lack the vendor's name, stopped at the summary: no
    // question is left to ask, and the answers do not make a profile.
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("acme.toml.draft");
    std::fs::write(
        &draft,
        "# partner-fit interview draft; next question: summary\n[vendor]\n\n[partner]\nname = \"Northwind\"\n",
    )
    .unwrap();
    let mut pty = spawn(dir.path(), &["--from", "acme.toml.draft"]);
    assert_eq!(next_question(&mut pty), None);
    pty.send("\r").unwrap(); // "Show the assessment and save the profile"
    pty.expect("missing `vendor.name`").unwrap();
    // The problem is placed in the draft on disk, not in a made-up file.
    pty.expect("acme.toml.draft:").unwrap();
    pty.expect("The profile was not saved. Your answers are saved in the draft acme.toml.draft")
        .unwrap();
    pty.expect("Resume with: partner-fit interview --from acme.toml.draft")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("name = \"Northwind\""), "{text}");
}

#[test]
fn a_missing_out_folder_is_created_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "partners/acme.toml"]);
    pty.expect("Created the folder partners").unwrap();
    // The banner names the draft where it really goes.
    pty.expect("partners/acme.toml.draft").unwrap();
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Acme\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send(CTRL_C).unwrap();
    pty.expect("saved in the draft partners/acme.toml.draft")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(dir.path().join("partners/acme.toml.draft")).unwrap();
    assert!(text.contains("name = \"Acme\""), "{text}");
}

#[test]
fn an_out_folder_that_cannot_be_made_stops_at_once_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notafolder"), "").unwrap();
    let mut pty = spawn(dir.path(), &["--out", "notafolder/acme.toml"]);
    let seen = pty.expect(expectrl::Eof).unwrap();
    let seen = String::from_utf8_lossy(seen.as_bytes());
    assert!(
        seen.contains(
            "cannot save the profile to notafolder/acme.toml: notafolder is a file, not a folder"
        ),
        "{seen}"
    );
    assert!(!seen.contains("Question 1"), "{seen}");
    assert_eq!(exit_code(&mut pty), 2);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_draft_named_by_an_older_version_resumes_and_saves_as_the_profile() {
    // Older versions saved drafts as `<name>.draft.toml`; they still resume, and the
    // profile is offered (and saved) under `<name>.toml`.
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("acme.draft.toml");
    let profile = std::fs::read_to_string(fixture()).unwrap();
    std::fs::write(
        &draft,
        format!("# partner-fit interview draft; next question: summary\n{profile}"),
    )
    .unwrap();
    let mut pty = spawn(dir.path(), &["--from", "acme.draft.toml"]);
    assert_eq!(next_question(&mut pty), None);
    pty.send("\r").unwrap(); // "Show the assessment and save the profile"
    pty.expect("Save the profile as:").unwrap();
    pty.expect("acme.toml").unwrap();
    pty.send("\r").unwrap(); // the name offered
    pty.expect("Saved acme.toml").unwrap();
    assert_eq!(exit_code(&mut pty), 0);
    let saved = dir.path().join("acme.toml");
    assert_eq!(assessment(&saved), assessment(&fixture()));
    assert!(!draft.exists(), "the draft's answers are all in acme.toml");
}

#[test]
fn back_returns_to_the_question_before_with_its_answer_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "acme.toml"]);
    assert_eq!(next_question(&mut pty), Some(1));
    pty.send("Acme\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send("y").unwrap(); // Yes, at once
    assert_eq!(next_question(&mut pty), Some(3));
    // The footer names the key.
    pty.expect("← / Shift-Tab back").unwrap();
    pty.send(LEFT).unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    // The cursor is on the answer given: Enter keeps it.
    pty.expect("> Yes").unwrap();
    pty.send(SHIFT_TAB).unwrap();
    assert_eq!(next_question(&mut pty), Some(1));
    pty.expect("Acme  (Enter keeps it").unwrap();
    pty.send("\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(2));
    pty.send("\r").unwrap();
    assert_eq!(next_question(&mut pty), Some(3));
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(dir.path().join("acme.toml.draft")).unwrap();
    assert!(text.contains("name = \"Acme\""), "{text}");
    assert!(text.contains("past_product_market_fit = true"), "{text}");
}

#[test]
fn ticking_one_driver_unticks_dont_know_and_skips_the_strongest() {
    // A draft stopped at the drivers question, which was never answered.
    let dir = tempfile::tempdir().unwrap();
    let profile: String = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("drivers") && !l.starts_with("primary_driver"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(
        dir.path().join("nw.toml.draft"),
        format!("# partner-fit interview draft; next question: value.drivers\n{profile}"),
    )
    .unwrap();
    let mut pty = spawn(dir.path(), &["--from", "nw.toml.draft"]);
    next_question(&mut pty).unwrap();
    pty.expect("why would the partner promote you?").unwrap();
    // Unanswered, so "Don't know" starts ticked.
    pty.expect("[x] Don't know").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send(" ").unwrap(); // tick the first reason, retention
    pty.expect("[x] It keeps their customers (retention)")
        .unwrap();
    pty.expect("[ ] Don't know").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("\r").unwrap();
    // One reason is the strongest by itself: the next question is the workflow.
    let seen = pty.expect("In one sentence").unwrap();
    assert!(
        !String::from_utf8_lossy(seen.before()).contains("strongest"),
        "{}",
        String::from_utf8_lossy(seen.before())
    );
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(dir.path().join("nw.toml.draft")).unwrap();
    assert!(text.contains("drivers = [\"retention\"]"), "{text}");
    assert!(text.contains("primary_driver = \"retention\""), "{text}");
}

/// A draft of the fixture profile without `drop`'s line, stopped at the question `next`.
fn draft_of_fixture(dir: &Path, drop: &str, next: &str) -> PathBuf {
    let profile: String = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with(drop))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.join("nw.toml.draft");
    std::fs::write(
        &path,
        format!("# partner-fit interview draft; next question: {next}\n{profile}"),
    )
    .unwrap();
    path
}

#[test]
fn a_percentage_typed_as_a_fraction_is_questioned_before_it_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    draft_of_fixture(dir.path(), "icp_overlap_pct", "market.icp_overlap_pct");
    let mut pty = spawn(dir.path(), &["--from", "nw.toml.draft"]);
    next_question(&mut pty).unwrap();
    pty.expect("What share of your target accounts").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("0.55\r").unwrap();
    let seen = pty.expect("did you mean 55?").unwrap();
    assert!(
        !String::from_utf8_lossy(seen.before()).contains("Question"),
        "the answer is not taken before the question"
    );
    pty.expect("press Enter again to keep 0.55").unwrap();
    pty.expect("Esc stops").unwrap();
    // Corrected: the fraction is replaced by the percentage.
    pty.send("\x15").unwrap(); // Ctrl-U clears the line
    pty.send("55\r").unwrap();
    next_question(&mut pty).unwrap();
    pty.send(LEFT).unwrap();
    next_question(&mut pty).unwrap();
    pty.expect("55  (Enter keeps it").unwrap();
    pty.expect("Esc stops").unwrap();
    // Typed again as a fraction and confirmed with a second Enter: taken as typed.
    pty.send("0.55\r").unwrap();
    pty.expect("did you mean 55?").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("\r").unwrap();
    next_question(&mut pty).unwrap();
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    let text = std::fs::read_to_string(dir.path().join("nw.toml.draft")).unwrap();
    assert!(text.contains("icp_overlap_pct = 0.55"), "{text}");
}

#[test]
fn the_verdict_line_appears_when_a_section_ends() {
    let dir = tempfile::tempdir().unwrap();
    draft_of_fixture(
        dir.path(),
        "hub_and_spoke_program",
        "partner.hub_and_spoke_program",
    );
    let mut pty = spawn(dir.path(), &["--from", "nw.toml.draft"]);
    next_question(&mut pty).unwrap();
    pty.expect("partner program whose rules you must comply with")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    // Yes, a hyperscaler-style program: the last partner question ends the section, so
    // the verdict follows before the next one.
    pty.send("y").unwrap();
    let seen = pty
        .expect(Regex(
            r"Verdict so far: [a-z-]+ \d+(, flow leads to [a-z-]+)?, gate (green|wait)",
        ))
        .unwrap();
    assert!(
        !String::from_utf8_lossy(seen.before()).contains("Question"),
        "the verdict comes right after the answer"
    );
    pty.expect("What runs with the partner today").unwrap();
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
}

#[test]
fn a_resumed_draft_marks_only_real_changes() {
    let dir = tempfile::tempdir().unwrap();
    draft_of_fixture(
        dir.path(),
        "reseller_discount_pct",
        "economics.reseller_discount_pct",
    );
    let mut pty = spawn(dir.path(), &["--from", "nw.toml.draft"]);
    next_question(&mut pty).unwrap();
    pty.expect("What discount would a reseller keep").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("25\r").unwrap();
    let seen = pty.expect("Save, or pick an answer to change").unwrap();
    let summary = String::from_utf8_lossy(seen.before()).to_string();
    assert!(
        summary.contains("What discount would a reseller keep (percent of list price)? → 25"),
        "{summary}"
    );
    // The answer given after resuming is no change: the draft had never settled it.
    assert!(!summary.contains("(was:"), "{summary}");
    pty.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut pty), 2);
}

#[test]
fn leaving_an_opened_profile_unchanged_leaves_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let profile = copy_fixture(dir.path(), "northwind.toml");
    let mut pty = spawn(dir.path(), &["--from", "northwind.toml"]);
    assert_eq!(next_question(&mut pty), None);
    pty.expect("Esc stops").unwrap();
    pty.send("\x1b").unwrap();
    pty.expect("No answer was changed; northwind.toml is untouched.")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert!(!dir.path().join("northwind.toml.draft").exists());
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        std::fs::read_to_string(fixture()).unwrap()
    );
}

#[test]
fn back_from_a_question_opened_at_the_summary_returns_to_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "northwind.toml");
    let mut pty = spawn(dir.path(), &["--from", "northwind.toml"]);
    assert_eq!(next_question(&mut pty), None);
    pty.send("annual revenue").unwrap();
    pty.expect("find: annual revenue").unwrap();
    pty.send("\r").unwrap();
    pty.expect("What is your annual revenue").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send(SHIFT_TAB).unwrap();
    pty.expect("Save, or pick an answer to change").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send("\x1b").unwrap();
    pty.expect("No answer was changed").unwrap();
    assert_eq!(exit_code(&mut pty), 2);
}

/// `accounts overlap --update` on `profile`, run as another process while an interview has
/// the same profile open: 50% and 2 accounts, where the fixture says 32 and 12.
fn update_overlap(dir: &Path, profile: &str) {
    let accounts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accounts");
    super::process::asserted()
        .current_dir(dir)
        .args(["accounts", "overlap"])
        .arg(accounts.join("ours.csv"))
        .arg(accounts.join("sites-only.csv"))
        .args(["--update", profile])
        .assert()
        .success();
}

/// A profile another command wrote while the interview had it open is not saved over: the
/// interview stops with the file named and the fix, the other change stays, and the answers
/// are kept in the draft.
#[test]
fn a_profile_changed_during_the_interview_is_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let profile = copy_fixture(dir.path(), "northwind.toml");
    let mut pty = spawn(dir.path(), &["--from", "northwind.toml"]);
    assert_eq!(next_question(&mut pty), None);
    pty.send("live deals").unwrap();
    pty.expect("find: live deals").unwrap();
    pty.send("\r").unwrap();
    pty.expect("Esc stops").unwrap();
    pty.send(DOWN).unwrap();
    pty.send("\r").unwrap();
    pty.expect("Save to northwind.toml (the file opened)")
        .unwrap();
    pty.expect("Esc stops").unwrap();
    // The interview read the profile at the start; another process writes it now.
    update_overlap(dir.path(), "northwind.toml");
    let updated = std::fs::read_to_string(&profile).unwrap();
    assert!(updated.contains("icp_overlap_pct = 50"), "{updated}");
    pty.send("\r").unwrap();
    pty.expect("northwind.toml changed since this interview read it")
        .unwrap();
    pty.expect("run the command again").unwrap();
    pty.expect("Your answers are saved in the draft").unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), updated);
    let draft = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("draft"))
        .expect("a draft");
    let draft = std::fs::read_to_string(draft).unwrap();
    assert!(draft.contains("sells_into_accounts = false"), "{draft}");
}

/// Saving an unchanged profile back writes nothing, so a change another command made
/// meanwhile is not reverted by the interview's stale copy.
#[test]
fn an_unchanged_profile_is_not_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let profile = copy_fixture(dir.path(), "northwind.toml");
    let mut pty = spawn(
        dir.path(),
        &["--from", "northwind.toml", "--out", "northwind.toml"],
    );
    assert_eq!(next_question(&mut pty), None);
    pty.expect("Esc stops").unwrap();
    update_overlap(dir.path(), "northwind.toml");
    let updated = std::fs::read_to_string(&profile).unwrap();
    pty.send("\r").unwrap();
    pty.expect("No change: the answers are those northwind.toml held when it was read, so it was not written")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 0);
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), updated);
}

/// Two interviews of one profile at once, as two processes: each writes a draft of its
/// own, so neither overwrites the other's answers; resuming a draft its interview is
/// still writing is refused.
#[test]
fn two_interviews_of_one_profile_keep_separate_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = spawn(dir.path(), &["--out", "acme.toml"]);
    let mut second = spawn(dir.path(), &["--out", "acme.toml"]);
    assert_eq!(next_question(&mut first), Some(1));
    assert_eq!(next_question(&mut second), Some(1));
    first.send("First\r").unwrap();
    assert_eq!(next_question(&mut first), Some(2));
    second.send("Second\r").unwrap();
    assert_eq!(next_question(&mut second), Some(2));
    // The first one's draft is claimed while it runs.
    let mut third = spawn(
        dir.path(),
        &["--from", "acme.toml.draft", "--out", "acme.toml"],
    );
    third.expect("is in use by another interview").unwrap();
    assert_eq!(exit_code(&mut third), 2);
    first.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut first), 2);
    second.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&mut second), 2);
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let (a, b) = (read("acme.toml.draft"), read("acme.toml.draft-2"));
    assert!(a.contains("name = \"First\"") != b.contains("name = \"First\""));
    assert!(a.contains("name = \"Second\"") != b.contains("name = \"Second\""));
    // Both ended: no lock is left.
    assert!(!dir.path().join("acme.toml.draft.lock").exists());
    assert!(!dir.path().join("acme.toml.draft-2.lock").exists());
}

/// Another existing file is replaced only as it was when "Replace it?" was asked: a change
/// another process makes while the question waits is kept, and the interview says why.
#[test]
fn a_file_changed_while_replace_it_is_asked_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let other = copy_fixture(dir.path(), "other.toml");
    // Another profile: saving the interview's answers over it is a change.
    let text = std::fs::read_to_string(&other).unwrap();
    let text = text.replace("sells_into_accounts = true", "sells_into_accounts = false");
    std::fs::write(&other, text).unwrap();
    let mut pty = spawn(
        dir.path(),
        &["--from", fixture().to_str().unwrap(), "--out", "other.toml"],
    );
    assert_eq!(next_question(&mut pty), None);
    pty.expect("Esc stops").unwrap();
    pty.send("\r").unwrap();
    pty.expect("other.toml exists. Replace it?").unwrap();
    update_overlap(dir.path(), "other.toml");
    let updated = std::fs::read_to_string(&other).unwrap();
    pty.send("y").unwrap();
    pty.expect("the file changed since it was read").unwrap();
    pty.expect("give another path, or press Esc to stop")
        .unwrap();
    pty.send("\x1b").unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), updated);
}

/// `--report` writes, at the end, the page `assess --format html` prints for the saved
/// profile, with `--prepared-by` as its author.
#[test]
fn report_writes_the_page_assess_prints_for_the_saved_profile() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = super::process::isolated();
    command
        .args(["interview", "--from"])
        .arg(fixture())
        .args(["--out", "out.toml", "--report", "brief.html"])
        .args(["--prepared-by", "Dana Whitfield"])
        .current_dir(dir.path())
        .env("TERM", "xterm")
        .env("SOURCE_DATE_EPOCH", "1796601600")
        .env_remove("COLUMNS");
    let mut pty = Session::spawn(command).expect("spawn the interview in a pseudo-terminal");
    pty.get_process_mut().set_window_size(120, 50).unwrap();
    pty.set_expect_timeout(Some(PTY_WAIT));
    assert_eq!(next_question(&mut pty), None);
    pty.expect("> Save to out.toml and show the assessment")
        .unwrap();
    pty.send("\r").unwrap();
    pty.expect("Report written to brief.html").unwrap();
    assert_eq!(exit_code(&mut pty), 0);
    let page = std::fs::read_to_string(dir.path().join("brief.html")).unwrap();
    let assess = super::process::isolated()
        .args(["assess", "out.toml", "--format", "html"])
        .args(["--prepared-by", "Dana Whitfield"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1796601600")
        .output()
        .unwrap();
    assert!(assess.status.success(), "{assess:?}");
    assert_eq!(page, String::from_utf8(assess.stdout).unwrap());
    assert!(page.contains(">2026-12-07</time>, prepared by Dana Whitfield"));
}

/// A `--report` that would replace the profile is refused before the first question.
#[test]
fn a_report_naming_the_profile_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(dir.path(), &["--out", "out.toml", "--report", "out.toml"]);
    pty.expect("--report out.toml names the profile itself")
        .unwrap();
    assert_eq!(exit_code(&mut pty), 2);
    assert!(!dir.path().join("out.toml").exists());
}
