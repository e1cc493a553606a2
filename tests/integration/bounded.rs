//! Hostile sizes and shapes cost in proportion to the input and are told clearly: a file
//! with thousands of problems shows the first of them and counts the rest, a rule file's
//! problems come in one run, a rules folder is recognised before it is walked and its walk
//! is bounded, and a key nested past what TOML can read is placed on its line. (How long
//! these take is measured in `benches/bounded.sh`, never here.)

use std::path::Path;

use super::process::{run, s, stderr};

const PROFILE_HEAD: &str =
    "format = 1\n[vendor]\nname = \"Ledgerly\"\n[partner]\nname = \"Tallyhub\"\n[market]\n";

/// A copy of the shipped rules to plant defects in.
fn rules_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    super::copy_dir(Path::new("rules"), dir.path());
    dir
}

#[test]
fn thousands_of_problems_show_the_first_fifty_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("keys.toml");
    let keys: String = (0..20_000).map(|i| format!("k{i} = 1\n")).collect();
    std::fs::write(&profile, format!("{PROFILE_HEAD}{keys}")).unwrap();
    let out = run(&["assess", s(&profile)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.matches("error: ").count(), 50, "{err}");
    assert!(err.contains("keys.toml:7:1: unknown field `k0`"), "{err}");
    assert!(
        err.contains("… and 19,950 more in ") && err.contains("only the first 50 problems"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("20,000 problems found"), "{err}");
}

#[test]
fn every_unknown_key_of_a_rule_file_is_reported_in_one_run() {
    let rules = rules_copy();
    let rule = rules.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    let planted = text
        .replacen("title ", "titel ", 1)
        .replacen("source ", "sorce ", 1)
        + "colour = 3\n";
    std::fs::write(&rule, planted).unwrap();
    let out = run(&["rules", "validate", s(rules.path())]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for (key, help) in [
        ("titel", "did you mean `title`?"),
        ("sorce", "did you mean `source`?"),
        ("colour", "allowed keys here"),
    ] {
        assert!(err.contains(&format!("unknown key `{key}`")), "{err}");
        assert!(err.contains(help), "{err}");
    }
    // The keys taken out to find the rest are not reported missing as well.
    assert!(!err.contains("missing field"), "{err}");
}

#[test]
fn a_rule_message_past_the_limit_is_refused_at_its_place() {
    let rules = rules_copy();
    let rule = rules.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    let (before, after) = text.split_once("unmet").unwrap();
    let (_, rest) = after.split_once('\n').unwrap();
    let long = "25 ".repeat(1_000);
    std::fs::write(&rule, format!("{before}unmet = \"{long}\"\n{rest}")).unwrap();
    let out = run(&["rules", "validate", s(rules.path())]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("the message is 3,000 characters long; a message may have up to 2,000"),
        "{err}"
    );
    assert!(err.contains("gate/icp-overlap.toml:"), "{err}");
    // One problem for the message, not one for each number in it.
    assert_eq!(err.matches("error: ").count(), 1, "{err}");
}

#[test]
fn a_folder_without_a_policy_is_refused_before_it_is_walked() {
    let out = run(&["assess", "--rules", "/", "examples/ready-to-co-sell.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("/policy.toml: the rules folder has no policy file"),
        "{err}"
    );
}

#[test]
fn folders_nested_past_the_depth_limit_are_refused_with_their_path() {
    let rules = rules_copy();
    let deep = (0..12).fold(rules.path().join("fit"), |p, _| p.join("n"));
    std::fs::create_dir_all(&deep).unwrap();
    let out = run(&["rules", "validate", s(rules.path())]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("fit/n/n/n/n/n/n/n/n: folders nest more than 8 deep"),
        "{err}"
    );
}

#[test]
fn a_key_nested_too_deeply_is_placed_on_its_line_in_every_file() {
    let dotted = vec!["a"; 85].join(".");
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("deep.toml");
    std::fs::write(&profile, format!("{PROFILE_HEAD}{dotted} = 1\n")).unwrap();
    let out = run(&["assess", s(&profile)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("deep.toml:7:1: keys or values nest too deeply here to be read"),
        "{err}"
    );
    assert!(!err.contains("recursion limit"), "{err}");

    let rules = rules_copy();
    let rule = rules.path().join("gate/icp-overlap.toml");
    std::fs::write(&rule, format!("id = \"gate.icp-overlap\"\n{dotted} = 1\n")).unwrap();
    let out = run(&["rules", "validate", s(rules.path())]);
    let err = stderr(&out);
    assert!(
        err.contains("gate/icp-overlap.toml:2:1: keys or values nest too deeply"),
        "{err}"
    );
}

/// The limits are written once, in the code; the docs that state them must agree.
#[test]
fn the_docs_state_the_limits_the_code_applies() {
    use partner_fit::diagnostic::SHOWN_PER_FILE;
    use partner_fit::rules::files::{MAX_DEPTH, MAX_ENTRIES};
    let profile = std::fs::read_to_string("docs/profile.md").unwrap();
    assert!(
        profile.contains(&format!("the first {SHOWN_PER_FILE} problems of a file")),
        "docs/profile.md"
    );
    let authoring = std::fs::read_to_string("docs/rules-authoring.md").unwrap();
    assert!(
        authoring.contains(&format!("the first {SHOWN_PER_FILE} problems of each file")),
        "docs/rules-authoring.md"
    );
    let rules = std::fs::read_to_string("rules/README.md")
        .unwrap()
        .replace('\n', " ");
    let chars = partner_fit::rules::validate::MAX_MESSAGE_CHARS;
    let grouped = format!("{},{:03}", chars / 1000, chars % 1000);
    assert!(
        rules.contains(&format!("longer than {grouped} characters")),
        "rules/README.md"
    );
    assert!(
        rules.contains(&format!("{MAX_DEPTH} folders deep"))
            && rules.contains(&format!("{} files and folders", group(MAX_ENTRIES))),
        "rules/README.md states the folder limits"
    );
}

fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
