//! The table report at the widths terminals have: no line wider than the terminal, no
//! word broken, and a `--brief` that fits a screen.

use std::collections::HashSet;

use rayon::prelude::*;

use super::assess::partner_fit;

const WIDTHS: [u16; 4] = [40, 60, 80, 160];

fn examples() -> Vec<String> {
    super::toml_files("examples")
}

fn table(args: &[&str], columns: u16) -> String {
    let out = partner_fit()
        .env("COLUMNS", columns.to_string())
        .arg("assess")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The words of a report: split at spaces and table borders, without the punctuation
/// around them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || "│┆─═┌┐└┘╞╡╪┬┴•".contains(c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

#[test]
fn no_line_is_wider_than_the_terminal_and_no_word_is_broken() {
    // The examples side by side: this is the suite's longest test, and it runs last.
    examples().par_iter().for_each(|example| {
        // Every word the report can hold, whole: the widest report, and the JSON's texts.
        let wide = table(&[example], 1000);
        let json = table(&["--format", "json", example], 100);
        let known: HashSet<&str> = words(&wide).chain(words(&json)).collect();
        for columns in WIDTHS {
            let report = table(&[example], columns);
            assert!(
                report.lines().count() > 20,
                "{example} at {columns}: {report}"
            );
            for line in report.lines() {
                let width = line.chars().count();
                assert!(
                    width <= usize::from(columns),
                    "{example} at {columns} columns, a line of {width}:\n{line}"
                );
            }
            // A word longer than the line (less its indent) is the only one split.
            let longer: Vec<&str> = known
                .iter()
                .copied()
                .filter(|k| k.chars().count() + 8 > usize::from(columns))
                .collect();
            for word in words(&report) {
                assert!(
                    known.contains(word) || longer.iter().any(|k| k.contains(word)),
                    "{example} at {columns} columns breaks a word: `{word}`\n{report}"
                );
            }
        }
    });
}

#[test]
fn below_80_columns_tables_are_stacked() {
    // At 80 columns the grid holds when every word fits its column: not for a profile
    // whose unknown lines name the missing answers (`economics.referral_fee_pct`), which
    // is stacked there too.
    assert!(table(&["examples/ready-to-co-sell.toml"], 80).contains("┆ Verdict"));
    let example = "examples/sparse-unknowns.toml";
    assert!(table(&[example], 100).contains("┆ Verdict"));
    for columns in [40, 60, 79] {
        let report = table(&[example], columns);
        assert!(!report.contains('┆'), "{columns}: {report}");
        assert!(report.contains("  Verdict: recommended"), "{report}");
    }
}

#[test]
fn a_cell_says_how_many_reasons_it_leaves_out() {
    let example = "examples/sparse-unknowns.toml";
    let report = table(&[example], 160);
    let json: serde_json::Value =
        serde_json::from_str(&table(&["--format", "json", example], 100)).unwrap();
    // A cell shows two reasons each way; the rest are counted, from the JSON's reasons.
    let mut counted = 0;
    for m in json["profiles"][0]["motions"].as_array().unwrap() {
        let reasons = m["reasons"].as_array().unwrap();
        let for_it = reasons.iter().filter(|r| r["effect"] == "for").count();
        let shown = for_it.min(2) + (reasons.len() - for_it).min(2);
        let hidden = reasons.len() - shown;
        if hidden > 0 {
            let line = format!("+ {hidden} more: --format markdown or json");
            assert!(report.contains(&line), "lacks {line:?}:\n{report}");
            counted += 1;
        }
    }
    assert!(counted > 0, "the example has a cell with reasons left out");
}

#[test]
fn brief_fits_a_screen_and_the_report_ends_on_the_verdict() {
    let mut caveats = 0;
    for example in examples() {
        let brief = table(&["--brief", &example], 80);
        let lines = brief.lines().count();
        assert!(lines <= 15, "{example}: {lines} lines\n{brief}");
        assert!(brief.starts_with("At a glance: "), "{brief}");
        let full = table(&[&example], 80);
        let mut block: Vec<&str> = brief.lines().filter(|l| !l.starts_with("Rules:")).collect();
        // The brief adds, under the recommendation, the caveat the full report's summary
        // opens with for a mostly unanswered profile: the same words, not a copy.
        let at = block
            .iter()
            .position(|l| l.starts_with("  Recommendation: "))
            .unwrap();
        let caveat: Vec<&str> = block.drain(at + 1..).collect();
        let (caveat, rest) = caveat.split_at(
            caveat
                .iter()
                .position(|l| !l.starts_with("    "))
                .unwrap_or(caveat.len()),
        );
        block.extend(rest);
        caveats += usize::from(!caveat.is_empty());
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words(&full).contains(&words(&caveat.join(" "))),
            "{example}: the brief's caveat is not the report's:\n{brief}"
        );
        let last: Vec<&str> = full.lines().collect();
        let tail = &last[last.len() - block.len() - 1..last.len() - 1];
        assert_eq!(tail, block.as_slice(), "{example} ends on its verdict");
        assert!(full.starts_with(&block.join("\n")), "{example} opens on it");
    }
    assert!(
        caveats > 0,
        "an example is mostly unanswered, so its brief has the caveat"
    );
}

#[test]
fn a_long_name_is_the_only_word_split() {
    let name = "N".repeat(2_000);
    let text = std::fs::read_to_string("examples/ready-to-co-sell.toml").unwrap();
    let text = text.replace("name = \"Tallyhub CRM\"", &format!("name = \"{name}\""));
    assert!(
        text.contains(&name),
        "the example names its partner Tallyhub CRM"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    std::fs::write(&path, text).unwrap();
    let report = table(&[path.to_str().unwrap()], 60);
    assert!(report.lines().all(|l| l.chars().count() <= 60));
    assert!(report.contains(&"N".repeat(50)), "the name is shown, split");
}

/// The tables of the other commands are laid out by the same grid as the report's: at
/// every width each table line fits, and below 80 columns the table is stacked. (Their
/// prose lines are not wrapped yet.)
#[test]
fn every_commands_tables_fit_the_terminal() {
    let commands: [&[&str]; 3] = [
        &["rules", "list"],
        &[
            "deals",
            "compare",
            "tests/fixtures/deals/salesforce-opportunities.csv",
            "--show-deals",
            "--partner",
            "Contoso",
        ],
        &[
            "accounts",
            "overlap",
            "tests/fixtures/accounts/idn-ours.csv",
            "tests/fixtures/accounts/idn-theirs.csv",
        ],
    ];
    for args in commands {
        for columns in WIDTHS {
            let out = partner_fit()
                .env("COLUMNS", columns.to_string())
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}: {out:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            let grid: Vec<&str> = text.lines().filter(|l| l.contains('│')).collect();
            // Boxed when the columns hold their longest words side by side, which
            // every one of these tables does at 160 columns.
            if columns < 80 {
                assert!(grid.is_empty(), "{args:?} at {columns}:\n{text}");
            } else if columns == 160 {
                assert!(!grid.is_empty(), "{args:?} at {columns}:\n{text}");
            }
            for line in grid {
                assert!(
                    line.chars().count() <= usize::from(columns),
                    "{args:?} at {columns} columns:\n{line}"
                );
            }
        }
    }
}
