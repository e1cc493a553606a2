//! The hyperscaler program decision end to end: real example profiles in, the JSON
//! `program` section, the table's "Hyperscaler program" section and the summary out.

use serde_json::Value;

use super::assess::{motion, partner_fit};

/// The one profile's JSON entry for `assess --format json PATH`.
fn entry(path: &str) -> Value {
    let out = partner_fit()
        .args(["assess", "--format", "json", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["profiles"][0].clone()
}

fn tier<'a>(program: &'a Value, id: &str) -> &'a Value {
    program["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no tier {id} in {program}"))
}

fn missing(tier: &Value) -> Vec<String> {
    tier["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn aws_vendor_short_of_isv_accelerate_is_told_what_is_missing_in_numbers() {
    let a = entry("examples/aws-not-yet-isv-accelerate.toml");
    let p = &a["program"];
    assert_eq!(p["provider"], "aws");
    assert_eq!(p["worth_it"]["verdict"], "pursue");
    assert_eq!(p["worth_it"]["view"], "001");
    let tiers = p["tiers"].as_array().unwrap();
    let ids: Vec<&str> = tiers.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "program.aws-isv-accelerate",
            "program.aws-marketplace-referral",
            "program.aws-marketplace-sell-through"
        ],
        "only the provider's own tiers: {p}"
    );
    let isv = tier(p, "program.aws-isv-accelerate");
    assert_eq!(isv["status"], "unmet");
    let lines = missing(isv);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines
        .iter()
        .any(|l| l.contains("10 more qualified opportunities")));
    assert!(lines
        .iter()
        .any(|l| l.contains("2 more launched opportunities")));
    assert!(isv["source_url"].as_str().unwrap().starts_with("https://"));
    assert_eq!(isv["checked"].as_str().unwrap().len(), "YYYY-MM-DD".len());
}

#[test]
fn azure_vendor_co_sell_ready_is_short_of_ip_co_sell_by_an_amount() {
    let a = entry("examples/azure-co-sell-ready.toml");
    let p = &a["program"];
    assert_eq!(tier(p, "program.azure-co-sell-ready")["status"], "met");
    let ip = tier(p, "program.azure-ip-co-sell");
    assert_eq!(ip["status"], "unmet");
    let lines = missing(ip);
    assert!(
        lines.iter().any(|l| l.contains("USD 40,000 more")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("reference architecture")));
    // Direct billing without private offers: the cloud's sellers gain nothing yet.
    assert_eq!(p["worth_it"]["verdict"], "not-now");
    let billing = p["worth_it"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "program.marketplace-bills")
        .unwrap();
    assert_eq!(billing["state"], "unmet");
    assert!(billing["message"]
        .as_str()
        .unwrap()
        .contains("a direct-billed deal gives them nothing"));
}

#[test]
fn a_product_on_its_own_infrastructure_is_not_for_the_program_and_drawdown_is_unavailable() {
    let a = entry("examples/own-infrastructure-cloud.toml");
    let p = &a["program"];
    assert_eq!(p["worth_it"]["verdict"], "not-for-you");
    assert_eq!(p["worth_it"]["view"], "000");
    let views = p["worth_it"]["views"].as_array().unwrap();
    assert_eq!(views.len(), 2, "both views are stated");
    assert!(views
        .iter()
        .any(|v| v["view"] == "000" && v["applies"] == true));
    assert!(views
        .iter()
        .any(|v| v["view"] == "001" && v["applies"] == false));
    let hosting = p["worth_it"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "program.hosted-on-provider")
        .unwrap();
    assert!(hosting["message"]
        .as_str()
        .unwrap()
        .contains("committed-spend drawdown is unavailable"));
    let listing = tier(p, "program.gcp-marketplace-listing");
    assert_eq!(listing["status"], "unmet");
    assert!(listing["note"]
        .as_str()
        .unwrap()
        .contains("publishes no co-sell gate"));
}

#[test]
fn an_unanswered_gate_is_unknown_not_failed() {
    let a = entry("examples/hyperscaler-marketplace.toml");
    let isv = tier(&a["program"], "program.aws-isv-accelerate");
    assert_eq!(isv["status"], "unknown");
    let states: Vec<&str> = isv["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["state"].as_str().unwrap())
        .collect();
    assert!(!states.is_empty() && states.iter().all(|s| *s == "unknown"));
}

#[test]
fn without_a_provider_every_clouds_tiers_are_shown_side_by_side() {
    let a = entry("examples/hyperscaler-program.toml");
    let p = &a["program"];
    assert_eq!(p["provider"], Value::Null);
    let ids: Vec<&str> = p["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "program.aws-isv-accelerate",
            "program.aws-marketplace-referral",
            "program.aws-marketplace-sell-through",
            "program.azure-marketplace-referral",
            "program.azure-co-sell-ready",
            "program.azure-ip-co-sell",
            "program.azure-marketplace-sell-through",
            "program.gcp-marketplace-referral",
            "program.gcp-marketplace-listing",
            "program.gcp-marketplace-sell-through"
        ]
    );
}

#[test]
fn the_summary_names_the_program_track_and_never_says_fix_then_come_back() {
    let a = entry("examples/hyperscaler-program.toml");
    let summary = a["recommendation"]["summary"].as_str().unwrap();
    assert!(summary.contains("hyperscaler program"), "{summary}");
    assert!(
        summary.contains("worth it for you: not for you"),
        "{summary}"
    );
    assert!(!summary.contains("come back"), "{summary}");
    let line = a["gate"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "gate.hyperscaler-hub-and-spoke")
        .unwrap();
    assert_eq!(line["state"], "unmet");
    assert!(line["message"]
        .as_str()
        .unwrap()
        .contains("different decision"));
    // The cloud's answers are the program's to report, not the motions'.
    assert!(!a["unknowns"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["field"] == "cloud.provider"));
}

#[test]
fn a_peer_partner_gets_no_program_section() {
    let a = entry("examples/ready-to-co-sell.toml");
    // Every key is in every entry (the output spec): `null` where it does not apply.
    assert!(a["program"].is_null(), "{}", a["program"]);
    assert!(a["recommendation"]["program"].is_null());
    let table = partner_fit()
        .args(["assess", "examples/ready-to-co-sell.toml"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&table.stdout).contains("Hyperscaler program"));
}

#[test]
fn the_table_and_markdown_show_the_program_section() {
    for format in ["table", "markdown"] {
        let out = partner_fit()
            .args([
                "assess",
                "--format",
                format,
                "examples/azure-co-sell-ready.toml",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Hyperscaler program: azure"), "{format}");
        assert!(text.contains("Azure IP co-sell eligible"), "{format}");
        assert!(text.contains("USD 40,000 more"), "{format}");
    }
}

#[test]
fn the_interview_asks_the_cloud_questions_only_for_a_hyperscaler() {
    use partner_fit::condition::{Fact, Facts};
    use partner_fit::profile::catalog;
    use partner_fit::rules::questions;
    use partner_fit::rules::RuleSource;
    let list = questions::load(&RuleSource::Embedded).unwrap();
    let cloud: Vec<_> = list
        .list
        .iter()
        .filter(|q| q.field.section() == "cloud")
        .collect();
    let fields = catalog::fields()
        .iter()
        .filter(|f| f.section() == "cloud")
        .count();
    assert_eq!(cloud.len(), fields, "every [cloud] field has a question");
    let mut answers = Facts::new();
    answers.insert("partner.type".into(), Fact::Text("si".into()));
    assert!(cloud.iter().all(|q| !q.applies(&answers)));
    answers.insert("partner.type".into(), Fact::Text("hyperscaler".into()));
    assert!(cloud.iter().all(|q| q.applies(&answers)));
}

#[test]
fn init_writes_the_cloud_section_for_hyperscaler_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    partner_fit()
        .args(["init", path.to_str().unwrap()])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let cloud = text.split("[cloud]").nth(1).expect("a [cloud] section");
    for key in [
        "provider",
        "hosted_on",
        "listing",
        "private_offers",
        "committed_spend_accounts_pct",
        "technical_review_passed",
        "launched_opportunities_12m",
        "qualified_opportunities_12m",
        "cloud_revenue_12m_usd",
        "reference_architecture",
        "cosell_collateral",
        "sales_contact_per_geography",
    ] {
        assert!(
            cloud.contains(&format!("# {key} = ")),
            "init lacks cloud.{key}"
        );
    }
}

#[test]
fn explain_shows_where_a_program_gate_is_published_and_when_it_was_checked() {
    let out = partner_fit()
        .args(["rules", "explain", "program.azure-cloud-revenue"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "Page:     Published at https://learn.microsoft.com/en-us/partner-center/referrals/co-sell-requirements (checked 20"
        ),
        "{text}"
    );
}

/// The section wraps to any width from 40 columns without breaking a word: a line is
/// longer than the width only when it is one word too long to fit (a page address).
#[test]
fn the_program_section_wraps_without_breaking_words() {
    for width in ["40", "60", "100"] {
        let out = partner_fit()
            .env("COLUMNS", width)
            .args([
                "assess",
                "examples/aws-not-yet-isv-accelerate.toml",
                "examples/azure-co-sell-ready.toml",
                "examples/own-infrastructure-cloud.toml",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let max: usize = width.parse().unwrap();
        let section = text
            .split("Hyperscaler program: ")
            .skip(1)
            .map(|s| s.split("Co-selling readiness gate").next().unwrap());
        for part in section {
            for line in part.lines() {
                let one_word = !line.trim().contains(' ');
                assert!(
                    line.chars().count() <= max || one_word,
                    "width {width}: {line}"
                );
            }
            assert!(!part.contains("co-\n") && !part.contains("co-\u{20}\n"));
        }
    }
}

#[test]
fn the_co_sell_motion_is_judged_by_the_programs_own_co_sell_tiers() {
    let a = entry("examples/aws-not-yet-isv-accelerate.toml");
    let co_sell = a["motions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["motion"] == "co-sell")
        .unwrap();
    let first = &co_sell["reasons"][0];
    assert_eq!(first["rule"], "program.aws-isv-accelerate");
    assert_eq!(first["effect"], "against");
    assert!(first["message"]
        .as_str()
        .unwrap()
        .contains("10 more qualified opportunities"));
    assert_eq!(
        co_sell["fixes"][0]["rule"],
        "program.aws-launched-opportunities"
    );
    // The tiers cite the cloud's pages, not articles.
    let keys: Vec<&str> = a["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    // Every key is an article the policy lists, none a cloud's publisher.
    let policy: toml::Table =
        toml::from_str(&std::fs::read_to_string("rules/policy.toml").unwrap()).unwrap();
    let listed: Vec<&str> = policy["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.iter().all(|k| listed.contains(k)), "{keys:?}");
}

#[test]
fn the_reseller_motion_is_judged_as_marketplace_sell_through() {
    // Transactable listing, but billed by the vendor and no private offers.
    let a = entry("examples/azure-co-sell-ready.toml");
    let sell_through = tier(&a["program"], "program.azure-marketplace-sell-through");
    assert_eq!(sell_through["motion"], "reseller");
    assert_eq!(sell_through["status"], "unmet");
    assert!(sell_through["source_url"]
        .as_str()
        .unwrap()
        .contains("multiparty-private-offers"));
    assert!(sell_through["note"]
        .as_str()
        .unwrap()
        .contains("multiparty private offers"));
    let reseller = motion(&a, "reseller");
    let first = &reseller["reasons"][0];
    assert_eq!(first["rule"], "program.azure-marketplace-sell-through");
    assert_eq!(first["effect"], "against");
    let message = first["message"].as_str().unwrap();
    assert!(
        message.starts_with("Microsoft marketplace sell-through: unmet."),
        "{message}"
    );
    assert!(
        message.contains("Customers are invoiced by you, not the marketplace"),
        "{message}"
    );
    assert_eq!(
        reseller["fixes"][0]["rule"],
        "program.azure-marketplace-billed"
    );

    // The same vendor billed through the marketplace meets it.
    let text = std::fs::read_to_string("examples/azure-co-sell-ready.toml")
        .unwrap()
        .replace("private_offers = false", "private_offers = true");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, text).unwrap();
    let a = entry(path.to_str().unwrap());
    let first = &motion(&a, "reseller")["reasons"][0];
    assert_eq!(first["rule"], "program.azure-marketplace-sell-through");
    assert_eq!(first["effect"], "for");
}

#[test]
fn the_referral_motion_is_judged_as_a_listing_the_cloud_sends_buyers_to() {
    // No listing at all: nothing for buyers or the cloud's sellers to find.
    let a = entry("examples/own-infrastructure-cloud.toml");
    let referral = tier(&a["program"], "program.gcp-marketplace-referral");
    assert_eq!(referral["motion"], "referral");
    assert_eq!(referral["status"], "unmet");
    let first = &motion(&a, "referral")["reasons"][0];
    assert_eq!(first["rule"], "program.gcp-marketplace-referral");
    assert!(first["message"]
        .as_str()
        .unwrap()
        .contains("No Google Cloud Marketplace listing"));
    // The program is not for a vendor on its own infrastructure: it asks for no work.
    assert_eq!(a["program"]["worth_it"]["verdict"], "not-for-you");
    let fixes: Vec<&str> = a["motions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["fixes"].as_array().unwrap())
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        fixes.iter().all(|r| !r.starts_with("program.")),
        "{fixes:?}"
    );
    // A listed AWS vendor meets it; the reseller tier still needs a transactable listing.
    let a = entry("examples/aws-not-yet-isv-accelerate.toml");
    assert_eq!(
        tier(&a["program"], "program.aws-marketplace-referral")["status"],
        "met"
    );
}
