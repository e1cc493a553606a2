//! Text from input is data in every output: hostile names and file names are fed through
//! every command and format that shows them, and no output may let them act. No line can
//! start a CI runner's workflow command, no control, bidi or invisible character reaches
//! any output (HTML isolates right-to-left names in `<bdi>`), and no mention or link is
//! live in Markdown. A new output or a new place that quotes a name is covered by
//! running here.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use partner_fit::shown::is_hidden;

use super::assess::partner_fit;

/// Names a profile may hold: each is loaded, and shown in every format.
const NAMES: &[&str] = &[
    "Ledgerly ::error file=README.md,line=1::pwned",
    "::warning title=x::starts the name",
    "Acme \u{202e}gnp.exe Corp",
    "\u{2066}Iso\u{2069} \u{2067}Rtl\u{2069} \u{2068}First\u{2069} \u{202a}\u{202b}\u{202c}\u{202d}",
    "Zero\u{200b}Width\u{200d}Joiner\u{feff}\u{2060}",
    "@team and @org/team",
    "https://evil.test/x www.evil.test mail@evil.test",
    "##[error]old style",
    "شركة (RTL) Ltd",
];

/// File names a profile may have: any byte but `/` and NUL.
const FILE_NAMES: &[&str] = &[
    "\u{1b}[31mred\u{1b}]0;title\u{7}.toml",
    "::error file=x::f.toml",
    "new\nline ::error::x.toml",
    "\u{202e}lmth.toml",
    "c1\u{9b}2J\u{85}.toml",
    "@team https:x.toml",
    "tab\there\r.toml",
    "zw\u{200b}\u{2066}.toml",
    "plain.toml",
];

/// A folder of profiles: every hostile name under a hostile file name.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let example = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let names: Vec<String> = NAMES.iter().map(|n| toml_string(n)).collect();
    FILE_NAMES
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let vendor = &names[i % names.len()];
            let partner = &names[(i + 1) % names.len()];
            let text = example
                .replace("name = \"Ledgerly\"", &format!("name = {vendor}"))
                .replace("name = \"Tallyhub CRM\"", &format!("name = {partner}"));
            let path = dir.join(file);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// `s` as a TOML basic string, its characters beyond ASCII written as escapes.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

struct Run {
    what: String,
    format: String,
    /// stdout, in the format asked for.
    report: String,
    /// stdout and stderr.
    out: String,
}

fn run(args: &[&std::ffi::OsStr], format: &str) -> Run {
    let out = partner_fit().args(args).output().unwrap();
    let what = format!("{args:?}");
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{what}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    let mut text = report.clone();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    Run {
        what,
        format: format.to_string(),
        report,
        out: text,
    }
}

/// Every command and format that shows names or file names, over the corpus.
fn runs(dir: &Path, files: &[PathBuf]) -> Vec<Run> {
    let os = |s: &str| std::ffi::OsString::from(s);
    let mut runs = Vec::new();
    // Profiles that cannot be read (hostile keys, a syntax error): their errors on
    // stderr quote the file, and their lines in the ranking of the folder name it.
    let unreadable = dir.join("bad \u{1b}[2J ::error::x \u{202e}.toml");
    std::fs::write(
        &unreadable,
        "[market]\n\"##[error]x\" = 1\n\"::error::y\" = 2\n\"\u{200b}\u{202e}\" = 3\n",
    )
    .unwrap();
    let broken = dir.join("broken ##[error]x.toml");
    std::fs::write(&broken, "[vendor\n##[error]y\n").unwrap();
    let missing = dir.join("missing \u{1b}[2J\n::error::x.toml");
    let template = dir.join("new ::error::x \u{9b}.toml");
    for args in [
        ["assess".as_ref(), missing.as_os_str()],
        ["init".as_ref(), template.as_os_str()],
        ["init".as_ref(), template.as_os_str()],
    ] {
        runs.push(run(&args, "table"));
    }
    std::fs::remove_file(&template).unwrap();
    // `accounts` names the files it writes and the profile it updates.
    let accounts = Path::new("tests/fixtures/accounts");
    let secret = dir.join("key \u{1b}[2J ::error::k");
    let updated = dir.join("update ::error::u \u{202e}.toml.out");
    std::fs::copy(accounts.join("profile.toml"), &updated).unwrap();
    let shared = dir.join("shared ##[error]s.csv");
    let (ours, theirs) = (accounts.join("ours.csv"), accounts.join("sites-only.csv"));
    for args in [
        vec![
            "accounts".as_ref(),
            "keygen".as_ref(),
            "--out".as_ref(),
            secret.as_os_str(),
        ],
        vec![
            "accounts".as_ref(),
            "overlap".as_ref(),
            ours.as_os_str(),
            theirs.as_os_str(),
            "--update".as_ref(),
            updated.as_os_str(),
            "--out".as_ref(),
            shared.as_os_str(),
        ],
    ] {
        runs.push(run(&args, "table"));
    }
    assert!(
        runs.last().unwrap().out.contains("(was 32)"),
        "{}",
        runs.last().unwrap().out
    );
    // Runs that read and write nothing the others use, run side by side at the end.
    let mut independent: Vec<(Vec<std::ffi::OsString>, &str)> = Vec::new();
    for format in ["table", "markdown", "html", "json", "github"] {
        let flags: Vec<Vec<&str>> = vec![
            vec![],
            vec!["--brief"],
            vec!["--quiet"],
            vec!["--min-score", "100", "--require-green-gate"],
            vec!["--target", "reseller", "--require-evidence"],
        ];
        for extra in flags {
            if extra == ["--brief"] && matches!(format, "html" | "json" | "github") {
                continue;
            }
            // Each profile on its own, and the folder of all of them; a flag only changes
            // what is said of each profile, so the folder carries every name through it.
            let each = files.iter().filter(|_| extra.is_empty());
            let inputs = each
                .map(|f| f.as_os_str().to_owned())
                .chain([dir.as_os_str().to_owned()]);
            for input in inputs {
                let mut args = vec![os("assess"), os("--format"), os(format)];
                args.extend(extra.iter().map(|s| os(s)));
                args.push(input);
                independent.push((args, format));
            }
        }
        // A rules folder is a file name too: the reports end by naming it.
        let rules = dir.join("rules \u{1b}[2J ::error::r \u{202e}");
        if !rules.exists() {
            let export = ["rules".as_ref(), "export".as_ref(), rules.as_os_str()];
            runs.push(run(&export, "table"));
        }
        for args in [
            vec!["rules".as_ref(), "validate".as_ref(), rules.as_os_str()],
            vec![
                "rules".as_ref(),
                "list".as_ref(),
                "--rules".as_ref(),
                rules.as_os_str(),
            ],
        ] {
            runs.push(run(&args, "table"));
        }
        let args = [
            "assess".as_ref(),
            "--rules".as_ref(),
            rules.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            files[0].as_os_str(),
        ];
        runs.push(run(&args, format));
        // `diff` writes neither a page nor annotations.
        if matches!(format, "html" | "github") {
            continue;
        }
        // Two different profiles, so that everything a diff shows has moved.
        for pair in files.windows(2) {
            let args = vec![
                os("diff"),
                pair[0].as_os_str().to_owned(),
                pair[1].as_os_str().to_owned(),
                os("--format"),
                os(format),
            ];
            independent.push((args, format));
        }
    }
    runs.extend(
        independent
            .par_iter()
            .map(|(args, format)| {
                let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
                run(&args, format)
            })
            .collect::<Vec<_>>(),
    );
    runs
}

#[test]
fn hostile_names_and_file_names_stay_data_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let files = corpus(dir.path());
    let runs = runs(dir.path(), &files);
    for r in &runs {
        // Annotations are the one output whose lines are workflow commands: each must be
        // one whole command, checked on its own; stderr is checked as every output is.
        let text = if r.format == "github" {
            github_commands_are_whole(r);
            &r.out[r.report.len()..]
        } else {
            &r.out
        };
        for line in text.lines() {
            let start = line.trim_start();
            assert!(
                !start.starts_with("::") && !line.contains("##["),
                "{}: a line can start a workflow command: {line:?}",
                r.what
            );
            if r.format != "json" {
                assert!(
                    !line.chars().any(is_hidden),
                    "{}: a hidden character is shown: {line:?}",
                    r.what
                );
            }
        }
        match r.format.as_str() {
            "markdown" => markdown_has_nothing_live(r),
            "html" => html_isolates_right_to_left(r),
            "json" => json_is_escaped(r),
            _ => {}
        }
    }
    // The corpus reached the outputs: the names are shown, escaped.
    let table = &runs
        .iter()
        .find(|r| r.what.contains("\"--format\", \"table\""))
        .unwrap()
        .out;
    assert!(table.contains("\\::error"), "{table}");
}

/// Each line of `--format github` is one `::error` command whose properties are
/// `file`, `line`, `col` and `title` with `:` and `,` escaped, and whose message holds no
/// hidden character and no `::` that starts a word: a name cannot end the command early
/// or start another.
fn github_commands_are_whole(r: &Run) {
    for line in r.report.lines() {
        let rest = line
            .strip_prefix("::error ")
            .unwrap_or_else(|| panic!("{}: not an annotation: {line:?}", r.what));
        let (properties, message) = rest
            .split_once("::")
            .unwrap_or_else(|| panic!("{}: no message: {line:?}", r.what));
        for property in properties.split(',') {
            let (key, value) = property.split_once('=').unwrap_or(("", ""));
            assert!(
                matches!(key, "file" | "line" | "col" | "title") && !value.contains(':'),
                "{}: a property is not whole: {property:?} in {line:?}",
                r.what
            );
        }
        assert!(
            !message.chars().any(is_hidden) && !message.contains("##["),
            "{}: a hidden character or `##[` in {line:?}",
            r.what
        );
        assert!(
            !message.starts_with("::") && !message.contains(" ::"),
            "{}: a `::` starts a word in {line:?}",
            r.what
        );
    }
}

/// Outside code spans, Markdown holds no `@` mention, no address and no bare link.
fn markdown_has_nothing_live(r: &Run) {
    let prose = without_code_spans(&r.report);
    for live in ["@team", "@org", "://", "www.", "mail@"] {
        if let Some(at) = prose.find(live) {
            let from = boundary(&prose, at.saturating_sub(100));
            panic!(
                "{}: {live:?} is live in: {}",
                r.what,
                &prose[from..at + live.len()]
            );
        }
    }
}

/// The text with its code spans left out (a run of backticks to the next run of the
/// same length).
fn without_code_spans(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('`') {
        out.push_str(&rest[..at]);
        let run = rest[at..].len() - rest[at..].trim_start_matches('`').len();
        let fence = &rest[at..at + run];
        let after = &rest[at + run..];
        let mut search = 0;
        let close = loop {
            match after[search..].find(fence) {
                None => break None,
                Some(i) => {
                    let i = search + i;
                    let more = after[i + run..].starts_with('`');
                    if !more && (i == 0 || !after[..i].ends_with('`')) {
                        break Some(i);
                    }
                    search = i + after[i..].len() - after[i..].trim_start_matches('`').len();
                }
            }
        };
        match close {
            Some(i) => rest = &after[i + run..],
            None => {
                out.push_str(fence);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn html_isolates_right_to_left(r: &Run) {
    let rtl = "شركة";
    let body = r.report.split("</title>").nth(1).unwrap_or(&r.report);
    for (at, _) in body.match_indices(rtl) {
        let open = body[..at].rfind("<bdi>");
        let close = body[..at].rfind("</bdi>");
        assert!(
            open.is_some() && open > close,
            "{}: right-to-left text outside <bdi>: {}",
            r.what,
            &body[boundary(body, at.saturating_sub(80))..at]
        );
    }
}

/// JSON keeps every name whole, with the characters that could act written as escapes.
fn json_is_escaped(r: &Run) {
    let json = &r.report;
    assert!(
        !json.chars().any(is_hidden_but_line_end),
        "{}: {json}",
        r.what
    );
}

fn is_hidden_but_line_end(c: char) -> bool {
    c != '\n' && is_hidden(c)
}

#[test]
fn a_line_break_in_a_name_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(
        &path,
        "[vendor]\nname = \"Ledgerly\\n::error file=README.md,line=1::x\"\n[partner]\nname = \"P\"\n",
    )
    .unwrap();
    let out = partner_fit().arg("assess").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("p.toml:2:17: `vendor.name` holds a line break"),
        "{stderr}"
    );
    assert!(
        stderr.lines().all(|l| !l.trim_start().starts_with("::")),
        "{stderr}"
    );
}

/// The nearest character boundary at or before `at`.
fn boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
