//! Reports speak in words: no example's table, markdown or HTML shows a field's name, a
//! rule's id or an enum's spelling in its prose. Those stay in `--format json` and
//! `rules explain`.

use std::sync::OnceLock;

use scraper::{Html, Selector};

use super::assess::partner_fit;

/// One profile's reports as a reader sees them: the table (wide enough that no text
/// wraps), markdown, and the page's text (not its style sheet or attributes).
struct Reports {
    profile: String,
    table: String,
    markdown: String,
    page: String,
}

/// The reports of the examples and of every test profile that assesses (a nearly empty
/// one whose every line waits on an answer, listings that open the program section,
/// ...), rendered once for every test of this file, two profiles at a time.
fn reports() -> &'static [Reports] {
    static REPORTS: OnceLock<Vec<Reports>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let mut profiles = super::toml_files("examples");
        profiles.extend(super::toml_files("tests/fixtures/profiles"));
        let halves = profiles.split_at(profiles.len() / 2);
        let (a, b) = std::thread::scope(|s| {
            let other = s.spawn(|| render_all(halves.1));
            (render_all(halves.0), other.join().unwrap())
        });
        a.into_iter().chain(b).collect()
    })
}

/// The reports of each profile `assess` reads (a fixture it refuses is left out).
fn render_all(profiles: &[String]) -> Vec<Reports> {
    profiles
        .iter()
        .filter_map(|profile| {
            let table = partner_fit()
                .args(["assess", profile])
                .env("COLUMNS", "1000")
                .output()
                .unwrap();
            if table.status.code() == Some(2) {
                return None;
            }
            let page = Html::parse_document(&report("html", profile));
            let body = Selector::parse("body").unwrap();
            let page = page
                .select(&body)
                .flat_map(|n| n.text().collect::<Vec<_>>())
                .collect::<Vec<_>>()
                .join(" ");
            Some(Reports {
                profile: profile.clone(),
                table: String::from_utf8(table.stdout).unwrap(),
                markdown: report("markdown", profile),
                page,
            })
        })
        .collect()
}

impl Reports {
    fn formats(&self) -> [(&'static str, &str); 3] {
        [
            ("table", &self.table),
            ("markdown", &self.markdown),
            ("html", &self.page),
        ]
    }
}

fn report(format: &str, profile: &str) -> String {
    let out = partner_fit()
        .args(["assess", "--format", format, profile])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The words of `text` that read as code: `snake_case`, or `section.field` and
/// `family.rule-id` (not a web address, a host or a file name).
fn code_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "()[]{}<>\"'`,;:!?*|".contains(c))
        .filter(|w| !w.contains('/') && !w.contains("sha256"))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| {
            let snake = w.contains('_')
                && w.split('_').all(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                });
            let dotted = w.split_once('.').is_some_and(|(head, tail)| {
                head.len() > 1
                    && tail.len() > 1
                    && head.chars().all(|c| c.is_ascii_lowercase())
                    && tail
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_' || c == '.')
                    && ![
                        "com", "org", "net", "io", "html", "toml", "csv", "md", "json",
                    ]
                    .iter()
                    .any(|e| tail == *e || tail.ends_with(&format!(".{e}")))
            });
            snake || dotted
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn no_report_names_a_field_a_rule_or_an_enum_spelling_in_its_prose() {
    // Every example assesses, so every example is read.
    let examples = reports()
        .iter()
        .filter(|r| r.profile.starts_with("examples/"))
        .count();
    assert_eq!(examples, super::toml_files("examples").len());
    let mut found = Vec::new();
    for reports in reports() {
        for (format, text) in reports.formats() {
            for word in code_words(text) {
                found.push(format!("{} ({format}): {word}", reports.profile));
            }
        }
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "{} code words in prose:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert_eq!(
        code_words(
            "Answer `economics.referral_fee_pct` (deal_velocity) -> flow.must-own-customer."
        ),
        [
            "economics.referral_fee_pct",
            "deal_velocity",
            "flow.must-own-customer"
        ]
    );
    assert!(code_words(
        "See https://aws.amazon.com/x and learn.microsoft.com, e.g. examples/a.toml."
    )
    .is_empty());
}

#[test]
fn a_choice_reads_as_the_interview_words_it() {
    // `operations.attribution = "sourced-only"`, labelled "Sourced deals only (deals the
    // partner brought)" in the interview: a message quotes it as "sourced deals only".
    let json = report("json", "examples/ready-to-co-sell.toml");
    assert!(json.contains("sourced deals only"), "{json}");
    assert!(
        !json.contains("(partner credit measured: sourced-only)"),
        "{json}"
    );
}

/// The glossary of the shipped rules: each term and what it means.
pub fn glossary() -> Vec<(String, String)> {
    let policy: toml::Table = std::fs::read_to_string("rules/policy.toml")
        .unwrap()
        .parse()
        .unwrap();
    policy["glossary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let text = |key: &str| t[key].as_str().unwrap().to_string();
            (text("term"), text("means"))
        })
        .collect()
}

/// Where `term` first stands as words of `text`, whatever its case.
fn first_use(text: &str, term: &str) -> Option<usize> {
    let (text, term) = (text.to_lowercase(), term.to_lowercase());
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    text.match_indices(&term).map(|(at, _)| at).find(|&at| {
        !is_word(text[..at].chars().next_back()) && !is_word(text[at + term.len()..].chars().next())
    })
}

/// A term of art is explained where a reader first meets it, in every format: the table
/// (which shows only some reasons per motion), markdown (all of them) and the page (none),
/// each in its own order.
#[test]
fn each_term_of_art_is_explained_where_a_format_first_uses_it() {
    let glossary = glossary();
    let mut found = Vec::new();
    let mut explained = 0;
    for reports in reports() {
        let profile = &reports.profile;
        for (format, text) in reports.formats() {
            for (term, means) in &glossary {
                let Some(at) = first_use(text, term) else {
                    continue;
                };
                let after = &text[at + term.len()..];
                if after.starts_with(&format!(" ({means})")) {
                    explained += 1;
                } else {
                    let line = text[at..].lines().next().unwrap_or_default();
                    found.push(format!("{profile} ({format}): {line}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "first used unexplained:\n{}",
        found.join("\n")
    );
    assert!(
        explained > 50,
        "only {explained} terms met: the scan read nothing"
    );
}
