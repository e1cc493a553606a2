//! The shipped rules: valid, and every rule flipped by its own cases. This runs the same
//! validation as `partner-fit rules validate`, so users and CI check rules the same way.

use partner_fit::condition::Truth;
use partner_fit::rules::load::load_checked;
use partner_fit::rules::validate::Depth;
use partner_fit::rules::RuleSource;

#[test]
fn shipped_rules_validate_and_hold_on_their_own_cases() {
    if let Err(problems) = load_checked(&RuleSource::Embedded, Depth::WithCases) {
        panic!("the shipped rules do not validate:\n{problems}");
    }
}

/// The check above is what keeps a broken rule from shipping (nothing validates the
/// rules at build time): planted in a copy of `rules/`, a case that no longer holds and a
/// file that does not parse are each refused, at their file.
#[test]
fn a_broken_rule_planted_in_the_shipped_folder_is_refused() {
    let copy = tempfile::tempdir().unwrap();
    super::copy_dir(std::path::Path::new("rules"), copy.path());
    let rule = copy.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    let planted = text.replacen("expect  = \"met\"", "expect  = \"unmet\"", 1);
    assert_ne!(planted, text, "the planted defect changes a case");
    std::fs::write(&rule, planted).unwrap();
    let source = RuleSource::Dir(copy.path().to_path_buf());
    let problems = load_checked(&source, Depth::WithCases)
        .unwrap_err()
        .to_string();
    assert!(problems.contains("gate/icp-overlap.toml:"), "{problems}");
    std::fs::write(&rule, "id = \"gate.icp-overlap\"\nkind = ").unwrap();
    let problems = load_checked(&source, Depth::WithCases)
        .unwrap_err()
        .to_string();
    assert!(problems.contains("gate/icp-overlap.toml:2:"), "{problems}");
}

#[test]
fn every_shipped_rule_has_cases_that_flip_it() {
    let set = load_checked(&RuleSource::Embedded, Depth::Structure).unwrap();
    assert!(!set.rules.is_empty());
    for rule in &set.rules {
        let expects: Vec<Truth> = rule.cases.iter().map(|c| *c.expect.get_ref()).collect();
        assert!(
            expects.contains(&Truth::Met) && expects.contains(&Truth::Unmet),
            "{} has no pair of cases that flips it",
            rule.id()
        );
        assert!(
            !rule.source.trim().is_empty(),
            "{} names no source",
            rule.id()
        );
    }
}

/// A rule that a profile without answers leaves unknown shows that state in a case too,
/// so that every state a shipped rule can be in is exercised.
#[test]
fn every_shipped_rule_that_can_be_unknown_has_an_unknown_case() {
    let set = load_checked(&RuleSource::Embedded, Depth::Structure).unwrap();
    let blank = set.states(&partner_fit::condition::Facts::new());
    for (i, rule) in set.rules.iter().enumerate() {
        if blank.at(i) == Truth::Unknown {
            assert!(
                rule.cases
                    .iter()
                    .any(|c| *c.expect.get_ref() == Truth::Unknown),
                "{} can be unknown but has no case that expects \"unknown\"",
                rule.id()
            );
        }
    }
}

/// A trade-off row that leaves a motion out would leave a hole in the report's table: the
/// policy is rejected, at the dimension's line, naming the motion.
#[test]
fn a_dimension_missing_a_motion_is_rejected_at_its_line() {
    let dir = "tests/fixtures/rules-invalid/dimension-missing-motion";
    let source = RuleSource::Dir(dir.into());
    let Err(problems) = load_checked(&source, Depth::Structure) else {
        panic!("a dimension without a reseller text was accepted");
    };
    let [problem] = problems.0.as_slice() else {
        panic!("want one problem, got:\n{problems}");
    };
    assert!(
        problem.path.ends_with("policy.toml"),
        "{}",
        problem.path.display()
    );
    assert_eq!((problem.line, problem.column), (23, 9));
    assert!(
        problem.message.contains("no text for `reseller`"),
        "{}",
        problem.message
    );
}

/// The charts' data is checked with the policy: every motion placed once inside the
/// quadrant, moved by percentage fields the profile has, its sentences naming only what
/// they may, the ladder's rungs the motions in order, a known profile field for the
/// rung the partnership is on, and a source's address a web address. Each defect is one
/// error naming it.
#[test]
fn quadrant_and_ladder_mistakes_are_rejected_with_the_policy() {
    let dir = exported_rules();
    let rules = dir.path().to_path_buf();
    let policy = std::fs::read_to_string(rules.join("policy.toml")).unwrap();
    let cases = [
        (
            "co-sell = [100, 82], ",
            "",
            "quadrant.place has no place for `co-sell`",
        ),
        (
            "reseller = [70, 18]",
            "reseller = [70, 180]",
            "quadrant.place of `reseller` is outside the chart",
        ),
        (
            "reseller = \"economics.reseller_discount_pct\"",
            "reseller = \"economics.avg_deal_usd\"",
            "`economics.avg_deal_usd` is not a percentage",
        ),
        (
            "overlap_field = \"market.icp_overlap_pct\"",
            "overlap_field = \"market.icp_overlap\"",
            "unknown profile field `market.icp_overlap`",
        ),
        (
            "given = \"{motion}: you keep {kept}%",
            "given = \"{motion}: you keep {kep}%",
            "unknown placeholder `{kep}` in a quadrant sentence",
        ),
        (
            "url = \"https://www.partnermatch.co/blog/referral-reseller-cosell/\"",
            "url = \"www.partnermatch.co/blog/referral-reseller-cosell/\"",
            "is not a web address",
        ),
        (
            "current_field = \"vendor.current_motion\"",
            "current_field = \"vendor.current_motions\"",
            "unknown profile field `vendor.current_motions`",
        ),
        (
            "motion = \"referral\"\nproves",
            "motion = \"reseller\"\nproves",
            "the ladder's rungs are reseller, co-sell, reseller, not the motions referral, co-sell, reseller",
        ),
        (
            "checked = \"Published at {url} (checked {day})\"",
            "checked = \"Published at {url} (checked {date})\"",
            "unknown placeholder `{date}` in a page sentence",
        ),
        (
            "\"aws.amazon.com\", \"docs",
            "\"https://aws.amazon.com/\", \"docs",
            "`https://aws.amazon.com/` is not a host",
        ),
        (
            "listed_in = \"evidence.measured\"",
            "listed_in = \"value.drivers\"",
            "`value.drivers` lists `retention`, which is not a profile field",
        ),
        (
            "listed_in = \"evidence.measured\"",
            "listed_in = \"evidence.measured_on\"",
            "`evidence.measured_on` is not a list of profile fields",
        ),
        (
            "on = \"evidence.measured_on\"",
            "on = \"evidence.win_rate_with_partner_pct\"",
            "`evidence.win_rate_with_partner_pct` is not a text field of the profile",
        ),
        (
            "stated = \"Stated, not measured: {answers}.\"",
            "stated = \"Stated, not measured: {answer}.\"",
            "unknown placeholder `{answer}` in a provenance sentence",
        ),
    ];
    for (from, to, message) in cases {
        assert!(policy.contains(from), "the built-in policy has `{from}`");
        std::fs::write(rules.join("policy.toml"), policy.replacen(from, to, 1)).unwrap();
        let out = super::assess::partner_fit()
            .args(["rules", "validate"])
            .arg(&rules)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(message), "want `{message}`:\n{stderr}");
        assert_eq!(stderr.matches("error: ").count(), 1, "{stderr}");
    }
}

/// The policy's [[sources]] name every article the rules cite: a rule citing a key the
/// list lacks, and a key listed twice, are errors at their lines, all reported at once.
#[test]
fn a_source_the_policy_does_not_list_is_rejected() {
    let dir = exported_rules();
    let rule = dir.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    std::fs::write(
        &rule,
        text.replacen("source = \"000 ", "source = \"999 ", 1),
    )
    .unwrap();
    let policy = dir.path().join("policy.toml");
    let mut text = std::fs::read_to_string(&policy).unwrap();
    text.push_str("\n[[sources]]\nkey = \"001\"\ntitle = \"Again\"\n");
    std::fs::write(&policy, text).unwrap();
    let out = super::assess::partner_fit()
        .args(["rules", "validate", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("gate/icp-overlap.toml:1:"), "{stderr}");
    assert!(
        stderr.contains("cites `999`, which policy.toml does not list"),
        "{stderr}"
    );
    assert!(stderr.contains("source `001` is listed twice"), "{stderr}");
}

/// Editing a threshold in a copy of the rules changes every message that states it:
/// the report on a profile below it quotes the new number, never the old one.
#[test]
fn an_edited_threshold_changes_every_message_that_states_it() {
    let dir = exported_rules();
    let folder = dir.path().to_str().unwrap();
    let rule = dir.path().join("gate/icp-overlap.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    assert!(text.contains("value = 25"), "{text}");
    std::fs::write(&rule, text.replace("value = 25", "value = 30")).unwrap();
    let validate = super::assess::partner_fit()
        .args(["rules", "validate", folder])
        .output()
        .unwrap();
    assert!(
        validate.status.success(),
        "{}",
        String::from_utf8_lossy(&validate.stderr)
    );
    let out = super::assess::partner_fit()
        .args([
            "assess",
            "examples/introductions-only.toml",
            "--rules",
            folder,
            // Every message whole, as markdown writes it: a table wraps them.
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("co-selling needs more than 30%"),
        "{report}"
    );
    // The old threshold is stated nowhere (the referral fee's own 25% cap is another
    // number).
    for old in ["more than 25%", "25% co-selling", "25% of target"] {
        assert!(!report.contains(old), "{old}: {report}");
    }
}

/// The portfolio's reasons read well for every count: with a working set of one partner,
/// the partner beyond it is told the set is full without "1 partners".
#[test]
fn portfolio_reasons_read_well_for_a_working_set_of_one() {
    let dir = exported_rules();
    let folder = dir.path().to_str().unwrap();
    let policy = dir.path().join("policy.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    assert!(text.contains("focus_min = 3") && text.contains("focus_max = 5"));
    std::fs::write(
        &policy,
        text.replace("focus_min = 3", "focus_min = 1")
            .replace("focus_max = 5", "focus_max = 1"),
    )
    .unwrap();
    let out = super::assess::partner_fit()
        .args([
            "assess",
            "examples/ready-to-co-sell.toml",
            "examples/reseller-ready.toml",
            "examples/azure-co-sell-ready.toml",
            "examples/pre-pmf.toml",
            "--format",
            "markdown",
            "--rules",
            folder,
        ])
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("the working set is full (its maximum size is 1)")
            || report.contains("the working set keeps its minimum size (1)"),
        "{report}"
    );
    for wrong in ["1 partners", "1 partner "] {
        assert!(!report.contains(wrong), "{wrong}: {report}");
    }
}

/// Each policy sentence names only the values it is given: a misspelt name, a name of
/// another kind of sentence, or a placeholder left open is an error at the sentence's
/// line and column, naming what it may use.
#[test]
fn a_policy_sentence_names_only_its_own_values() {
    let dir = exported_rules();
    let policy = dir.path().join("policy.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    let cases = [
        (
            "by_score = \"Run {motion}",
            "by_score = \"Run {moton}",
            "unknown placeholder `{moton}` in a summary sentence; did you mean `{motion}`? \
             it may use `{motion}`",
        ),
        (
            "unknown_blocker = \"{blocker}",
            "unknown_blocker = \"{motion}",
            "unknown placeholder `{motion}` in `unknown_blocker`; it may use `{blocker}`",
        ),
        (
            "(its maximum size is {max})",
            "(its maximum size is {max)",
            "malformed placeholder `{max): keep it warm",
        ),
    ];
    for (from, to, message) in cases {
        let line = text.lines().position(|l| l.contains(from)).unwrap() + 1;
        let column = text.lines().nth(line - 1).unwrap().find(" = \"").unwrap() + 4;
        std::fs::write(&policy, text.replacen(from, to, 1)).unwrap();
        let stderr = refused(dir.path());
        assert!(
            stderr.contains(&format!("policy.toml:{line}:{column}: {message}")),
            "want `{message}` at {line}:{column}:\n{stderr}"
        );
    }
}

/// A temporary folder holding the built-in rules as `rules export` writes them, to edit.
/// `rules validate` on `folder`, which must refuse it (exit 2): what it said.
fn refused(folder: &std::path::Path) -> String {
    let out = super::assess::partner_fit()
        .args(["rules", "validate"])
        .arg(folder)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    stderr
}

fn exported_rules() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    super::assess::partner_fit()
        .args(["rules", "export"])
        .arg(dir.path())
        .assert()
        .success();
    dir
}

/// A program gate whose figure was read on a secondary page says so, and names that page,
/// in every format and in `rules explain`, until it is compared with the cloud's own.
#[test]
fn a_gate_taken_from_a_secondary_page_says_so_until_compared() {
    let dir = exported_rules();
    let folder = dir.path().to_str().unwrap();
    let rule = dir.path().join("program/aws-qualified-opportunities.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    let secondary = "https://partner-blog.example/isv-accelerate-requirements";
    assert!(text.contains("checked = \"2026-12-02\""), "{text}");
    std::fs::write(
        &rule,
        text.replace(
            "checked = \"2026-12-02\"",
            &format!("taken_from = \"{secondary}\""),
        ),
    )
    .unwrap();
    // Markdown writes a web address as code, so that it is never a live link.
    let said = |format: &str| {
        let code = |url: &str| match format {
            "markdown" => format!("`{url}`"),
            _ => url.to_string(),
        };
        format!(
            "Figure taken from the secondary page {} and not yet compared with {}",
            code(secondary),
            code("https://aws.amazon.com/partners/programs/isv-accelerate/")
        )
    };
    let run = |args: &[&str]| {
        let out = super::assess::partner_fit()
            .args(args)
            .args(["--rules", folder])
            .env("COLUMNS", "1000")
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let profile = "examples/aws-not-yet-isv-accelerate.toml";
    for format in ["table", "markdown", "html"] {
        let report = run(&["assess", profile, "--format", format]);
        assert!(report.contains(&said(format)), "{format}: {report}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&run(&["assess", profile, "--format", "json"])).unwrap();
    let gate = json["profiles"][0]["program"]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["gates"].as_array().unwrap())
        .find(|g| g["rule"] == "program.aws-qualified-opportunities")
        .unwrap()
        .clone();
    assert_eq!(gate["taken_from"], secondary);
    assert_eq!(gate["checked"], serde_json::Value::Null);
    let explain = run(&["rules", "explain", "program.aws-qualified-opportunities"]);
    assert!(
        explain.contains(&format!("taken from the secondary page {secondary}")),
        "{explain}"
    );
}

/// `source_url` is the cloud's own page; `checked` (the day of a comparison with it) and
/// `taken_from` (the secondary page a figure was read on) are one or the other.
#[test]
fn a_program_gate_cites_the_cloud_and_either_a_comparison_or_the_page_read() {
    let dir = exported_rules();
    let rule = dir.path().join("program/aws-qualified-opportunities.toml");
    let text = std::fs::read_to_string(&rule).unwrap();
    let checked = "checked = \"2026-12-02\"";
    let own = "source_url = \"https://aws.amazon.com/partners/programs/isv-accelerate/\"";
    let cases = [
        (
            checked.to_string(),
            format!("{checked}\ntaken_from = \"https://blog.example/x\""),
            "`checked` and `taken_from` together",
        ),
        (checked.to_string(), String::new(), "needs `checked`"),
        (
            own.to_string(),
            "source_url = \"https://blog.example/isv-accelerate\"".to_string(),
            "`blog.example` is not a publisher's own site",
        ),
        (
            checked.to_string(),
            "taken_from = \"https://docs.aws.amazon.com/marketplace/\"".to_string(),
            "is a publisher's own page, not a secondary one",
        ),
    ];
    for (from, to, message) in cases {
        assert!(text.contains(&from), "{text}");
        std::fs::write(&rule, text.replacen(&from, &to, 1)).unwrap();
        let stderr = refused(dir.path());
        assert!(stderr.contains(message), "want `{message}`:\n{stderr}");
    }
}
