//! `assess --format html` parsed as a browser would: one page per profile, each chart's
//! elements and texts, nothing fetched, every text escaped.

use scraper::{Html, Selector};
use serde_json::Value;

use super::assess::partner_fit;

fn run(args: &[&str]) -> String {
    let out = partner_fit().arg("assess").args(args).output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{out:?}"
    );
    String::from_utf8(out.stdout).unwrap()
}

fn html(args: &[&str]) -> Html {
    let mut all = vec!["--format", "html"];
    all.extend(args);
    let doc = Html::parse_document(&run(&all));
    assert!(
        doc.errors.is_empty(),
        "the HTML parses cleanly: {:?}",
        doc.errors
    );
    doc
}

fn json(profile: &str) -> Value {
    let report: Value = serde_json::from_str(&run(&["--format", "json", profile])).expect("JSON");
    report["profiles"][0].clone()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| e.text().collect::<String>())
        .collect()
}

fn attrs(doc: &Html, css: &str, name: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

const READY: &str = "examples/ready-to-co-sell.toml";
const WAIT: &str = "examples/comp-conflict-wait.toml";

#[test]
fn the_page_is_self_contained() {
    let text = run(&["--format", "html", READY]);
    let doc = html(&[READY]);
    assert!(doc
        .select(&sel("script, link, img, iframe, object"))
        .next()
        .is_none());
    // Links to the sources are followed only when clicked; nothing is loaded.
    assert!(
        !text.contains("src=") && !text.contains("http:"),
        "nothing to fetch"
    );
    for href in attrs(&doc, "[href]", "href") {
        assert!(href.starts_with("https://"), "{href}");
        assert!(doc
            .select(&sel(&format!("a[href=\"{href}\"]")))
            .next()
            .is_some());
    }
    let csp = attrs(&doc, "meta[http-equiv=Content-Security-Policy]", "content");
    assert_eq!(csp, ["default-src 'none'; style-src 'unsafe-inline'"]);
    let style = texts(&doc, "head style").join("");
    assert!(
        style.contains("@media print") && style.contains("@page"),
        "print CSS"
    );
    assert!(
        !style.contains("url("),
        "no font or image fetched by the CSS"
    );
}

#[test]
fn the_verdict_and_the_score_bars_follow_the_assessment() {
    let doc = html(&[READY]);
    let a = json(READY);
    let summary = a["recommendation"]["summary"].as_str().unwrap();
    assert_eq!(texts(&doc, ".verdict .headline"), [summary]);
    let motions = a["motions"].as_array().unwrap();
    let bars = texts(&doc, "svg.scores .motion .label");
    let names: Vec<&str> = motions
        .iter()
        .map(|m| m["motion"].as_str().unwrap())
        .collect();
    assert_eq!(bars, names);
    let values = texts(&doc, "svg.scores .motion .value");
    for (m, value) in motions.iter().zip(&values) {
        assert_eq!(
            *value,
            format!("{} {}", m["score"], m["verdict"].as_str().unwrap())
        );
    }
    let widths = attrs(&doc, "svg.scores rect.bar", "width");
    let expected: Vec<String> = motions
        .iter()
        .map(|m| (m["score"].as_u64().unwrap() * 150 / 100).to_string())
        .collect();
    assert_eq!(widths, expected);
    assert_eq!(
        doc.select(&sel("svg.scores rect.bar.recommended")).count(),
        1
    );
}

/// `text` without the glossary's explanations of its terms.
fn unexplained(text: &str) -> String {
    super::words::glossary()
        .into_iter()
        .fold(text.to_string(), |text, (_, means)| {
            text.replace(&format!(" ({means})"), "")
        })
}

#[test]
fn the_gate_is_a_line_per_condition_in_its_colour() {
    let doc = html(&[WAIT]);
    let a = json(WAIT);
    let conditions = a["gate"]["conditions"].as_array().unwrap();
    let lines: Vec<_> = doc.select(&sel(".gate-lines li")).collect();
    assert_eq!(lines.len(), conditions.len());
    for (li, c) in lines.iter().zip(conditions) {
        let class = match c["state"].as_str().unwrap() {
            "met" => "green",
            "unknown" => "amber",
            _ => "red",
        };
        assert!(li
            .value()
            .has_class(class, scraper::CaseSensitivity::CaseSensitive));
        let text: String = li.text().collect();
        let shown = if c["state"] == "met" {
            "title"
        } else {
            "message"
        };
        // Each format explains a term of art where it first shows it, so the page and
        // the JSON may explain it in different lines: compare the words without them.
        assert!(
            unexplained(&text).contains(&unexplained(c[shown].as_str().unwrap())),
            "{text}"
        );
        assert!(
            text.contains(c["state"].as_str().unwrap()),
            "a word, not only colour"
        );
    }
    assert!(texts(&doc, ".gate h2")[0].ends_with(": wait"));
}

#[test]
fn the_quadrant_places_every_motion_and_marks_the_recommended_one() {
    let doc = html(&[WAIT]);
    let a = json(WAIT);
    let q = &a["quadrant"];
    assert_eq!(
        texts(&doc, "svg.quadrant .x-axis"),
        [q["x_axis"].as_str().unwrap()]
    );
    assert_eq!(
        texts(&doc, "svg.quadrant .y-axis"),
        [q["y_axis"].as_str().unwrap()]
    );
    let placed = attrs(&doc, "svg.quadrant g.place", "data-motion");
    assert_eq!(placed, ["referral", "co-sell", "reseller"]);
    let recommended = a["recommendation"]["motion"].as_str().unwrap();
    assert_eq!(
        attrs(&doc, "svg.quadrant g.place.recommended", "data-motion"),
        [recommended]
    );
    // Each label carries the margin the motion keeps, when the profile says it.
    let kept = q["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["motion"] == recommended)
        .unwrap()["kept"]
        .as_u64()
        .map(|k| format!(" {k}%"))
        .unwrap_or_default();
    assert_eq!(
        texts(&doc, "svg.quadrant g.place.recommended text"),
        [format!("{recommended}{kept} (recommended)")]
    );
    // Referral sits high and right, reseller low and left, as the policy places them.
    let cx = |m: &str| -> (u32, u32) {
        let c = doc
            .select(&sel(&format!("svg.quadrant g[data-motion=\"{m}\"] circle")))
            .next()
            .unwrap();
        let v = |n| c.value().attr(n).unwrap().parse().unwrap();
        (v("cx"), v("cy"))
    };
    assert!(cx("referral").0 > cx("reseller").0 && cx("referral").1 < cx("reseller").1);
    let alt = attrs(&doc, "svg.quadrant", "aria-label");
    assert!(alt[0].contains(q["title"].as_str().unwrap()), "{alt:?}");
    assert_eq!(
        texts(&doc, "figure.quadrant figcaption"),
        [q["caption"].as_str().unwrap()]
    );
}

#[test]
fn the_ladder_shows_each_rung_and_where_the_partnership_is() {
    let doc = html(&[WAIT]);
    let a = json(WAIT);
    let l = &a["ladder"];
    let rungs = attrs(&doc, "svg.ladder g.rung", "data-motion");
    assert_eq!(rungs, ["referral", "co-sell", "reseller"]);
    let current = l["current"].as_str().unwrap();
    assert_eq!(
        attrs(&doc, "svg.ladder g.rung.current", "data-motion"),
        [current]
    );
    let name = texts(&doc, "svg.ladder g.rung.current .name");
    assert!(
        name[0].contains(l["current_label"].as_str().unwrap()),
        "{name:?}"
    );
    let proves = texts(&doc, "svg.ladder .proves");
    for (p, r) in proves.iter().zip(l["rungs"].as_array().unwrap()) {
        assert!(p.ends_with(r["proves"].as_str().unwrap()), "{p}");
    }
}

#[test]
fn the_decision_path_fixes_next_steps_and_sources_are_listed() {
    let doc = html(&[WAIT]);
    let a = json(WAIT);
    let path = a["decision_path"].as_array().unwrap();
    let answers = texts(&doc, ".decision-path .answer");
    let expected: Vec<&str> = path.iter().map(|p| p["answer"].as_str().unwrap()).collect();
    assert_eq!(answers, expected);
    assert_eq!(doc.select(&sel(".fix-first li")).count(), 3);
    let steps = a["next_steps"].as_array().unwrap().len();
    let shown = doc.select(&sel(".next-steps li")).count();
    assert_eq!(shown, steps.min(3), "as many as one sheet holds");
    assert_eq!(
        doc.select(&sel(".sources li")).count(),
        a["sources"].as_array().unwrap().len()
    );
}

/// The page a client keeps says when it was made and by whom, not which file it came
/// from.
#[test]
fn the_page_says_the_partnership_the_date_and_who_prepared_it() {
    let out = partner_fit()
        .args([
            "assess",
            "--format",
            "html",
            "--prepared-by",
            "Dana Whitfield",
            READY,
        ])
        .env("SOURCE_DATE_EPOCH", "1796601600")
        .output()
        .unwrap();
    let doc = Html::parse_document(&String::from_utf8(out.stdout).unwrap());
    let header = texts(&doc, "section.profile header").join("");
    assert!(header.contains("Ledgerly × Tallyhub CRM"), "{header}");
    assert!(!header.contains(READY), "no file path: {header}");
    assert_eq!(attrs(&doc, "header time", "datetime"), ["2026-12-07"]);
    assert_eq!(
        texts(&doc, "header .byline"),
        ["2026-12-07, prepared by Dana Whitfield"]
    );
    let without = html(&[READY]);
    let byline = texts(&without, "header .byline");
    assert!(!byline[0].contains("prepared by"), "{byline:?}");
    // Today, when SOURCE_DATE_EPOCH does not fix the day.
    assert_eq!(byline[0].len(), "2026-12-07".len(), "{byline:?}");
}

#[test]
fn the_page_has_a_main_landmark_and_a_description() {
    let doc = html(&[READY]);
    let a = json(READY);
    assert_eq!(doc.select(&sel("body > main")).count(), 1);
    assert_eq!(doc.select(&sel("main section.page")).count(), 1);
    let description = attrs(&doc, "meta[name=description]", "content");
    let summary = a["recommendation"]["summary"].as_str().unwrap();
    assert_eq!(description, [format!("Ledgerly × Tallyhub CRM: {summary}")]);
}

/// The warnings that apply, those weighing on the recommended motion first; the rest are
/// counted.
#[test]
fn the_warnings_that_apply_are_listed() {
    let profile = "examples/pre-pmf.toml";
    let doc = html(&[profile]);
    let a = json(profile);
    let warnings = a["warnings"].as_array().unwrap();
    assert!(warnings.len() > 3, "the example has more than a page holds");
    let shown: Vec<_> = doc.select(&sel(".warnings li")).collect();
    assert_eq!(shown.len(), 3);
    let motion = a["recommendation"]["motion"].as_str().unwrap();
    for li in shown {
        let rule = li.value().attr("data-rule").unwrap();
        let w = warnings.iter().find(|w| w["rule"] == rule).unwrap();
        let text: String = li.text().collect();
        assert!(text.starts_with(w["title"].as_str().unwrap()), "{text}");
        assert!(text.contains(w["message"].as_str().unwrap()), "{text}");
        let motions = w["motions"].as_array().unwrap();
        assert!(
            motions.is_empty() || motions.iter().any(|m| m == motion),
            "weighs on {motion} first: {text}"
        );
    }
    assert_eq!(
        texts(&doc, ".warnings .more"),
        [format!(
            "+ {} more: --format markdown or json",
            warnings.len() - 3
        )]
    );
    // The example without warnings has no section.
    let doc = html(&[READY]);
    assert!(doc.select(&sel(".warnings li")).count() <= 3);
}

/// The homework: each missing answer that could change the result, asked as the
/// interview asks it (rules/interview.toml), the ones that could change the
/// recommendation first and marked.
#[test]
fn the_homework_asks_the_missing_answers_as_the_interview_does() {
    let interview: toml::Table =
        toml::from_str(&std::fs::read_to_string("rules/interview.toml").unwrap()).unwrap();
    let prompt = |field: &str| -> String {
        interview["question"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["field"].as_str() == Some(field))
            .map(|q| q["prompt"].as_str().unwrap().to_string())
            .unwrap()
    };
    let profile = "examples/sparse-unknowns.toml";
    let doc = html(&[profile]);
    let a = json(profile);
    let unknowns: Vec<_> = a["unknowns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            u["changes_recommendation"] == true || !u["could_change"].as_array().unwrap().is_empty()
        })
        .collect();
    let items: Vec<_> = doc.select(&sel(".homework li")).collect();
    assert_eq!(items.len(), unknowns.len().min(5));
    for (li, u) in items.iter().zip(&unknowns) {
        let field = u["field"].as_str().unwrap();
        assert_eq!(li.value().attr("data-field"), Some(field));
        let text: String = li.text().collect();
        assert!(text.starts_with(&prompt(field)), "{text}");
        assert_eq!(
            text.contains("(could change the recommendation)"),
            u["changes_recommendation"] == true,
            "{text}"
        );
    }
    assert!(texts(&doc, ".homework li")[0].contains("(could change the recommendation)"));
    // Nothing missing that matters: no homework.
    let doc = html(&[READY]);
    let a = json(READY);
    let open = a["unknowns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| !u["could_change"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(doc.select(&sel(".homework li")).count(), open.min(5));
}

/// The decision path in words: no rule id, and the step that ends the flow names the
/// motion it reaches.
#[test]
fn the_decision_path_shows_words_not_rule_ids() {
    let profile = "examples/premature-reseller.toml";
    let doc = html(&[profile]);
    let a = json(profile);
    let steps = texts(&doc, ".decision-path li");
    let path = a["decision_path"].as_array().unwrap();
    assert_eq!(steps.len(), path.len());
    for (shown, step) in steps.iter().zip(path) {
        assert!(
            shown.starts_with(step["question"].as_str().unwrap()),
            "{shown}"
        );
        assert!(!shown.contains("flow."), "{shown}");
    }
    let last = path.last().unwrap()["leads_to"].as_str().unwrap();
    assert_eq!(texts(&doc, ".decision-path .leads"), [last]);
}

/// The margin chart is this profile's: a motion sits at the margin it keeps after the
/// partner's share, co-sell keeps the whole deal (as the trade-offs say), and the caption
/// says what is drawn.
#[test]
fn the_margin_chart_is_drawn_from_the_profiles_own_numbers() {
    let with_fee = |fee: u8, discount: Option<u8>| -> (Html, Value) {
        let mut text = std::fs::read_to_string(READY).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert!(table["economics"].get("referral_fee_pct").is_some());
        text = text
            .lines()
            .filter(|l| {
                !l.starts_with("referral_fee_pct") && !l.starts_with("reseller_discount_pct")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut extra = format!("referral_fee_pct = {fee}\n");
        if let Some(d) = discount {
            extra.push_str(&format!("reseller_discount_pct = {d}\n"));
        }
        let text = text.replacen("[economics]\n", &format!("[economics]\n{extra}"), 1);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fee.toml");
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        (html(&[path]), json(path))
    };
    let x = |doc: &Html, m: &str| -> u32 {
        doc.select(&sel(&format!("svg.quadrant g[data-motion=\"{m}\"] circle")))
            .next()
            .unwrap()
            .value()
            .attr("cx")
            .unwrap()
            .parse()
            .unwrap()
    };
    let (low, a) = with_fee(10, Some(30));
    let (high, _) = with_fee(30, None);
    assert!(
        x(&low, "referral") > x(&high, "referral"),
        "a bigger fee keeps less"
    );
    assert!(
        x(&low, "co-sell") > x(&low, "referral"),
        "co-sell gives no share of the deal"
    );
    let places = a["quadrant"]["places"].as_array().unwrap();
    let kept: Vec<_> = places.iter().map(|p| p["kept"].clone()).collect();
    assert_eq!(kept, [Value::from(90), Value::from(100), Value::from(70)]);
    let labels = texts(&low, "svg.quadrant g.place text");
    assert!(
        labels.iter().any(|l| l.starts_with("referral 90%")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.starts_with("reseller 70%")),
        "{labels:?}"
    );
    let caption = texts(&low, "figure.quadrant figcaption").join("");
    assert!(
        caption.contains("referral: you keep 90% of each deal; the partner takes 10%."),
        "{caption}"
    );
    assert!(
        caption.contains("reseller: you keep 70% of each deal; the partner takes 30%."),
        "{caption}"
    );
    assert!(
        caption.contains("co-sell: you keep the whole deal"),
        "{caption}"
    );
    // An unanswered discount: the motion stays where it usually sits, and the caption
    // says so rather than quoting a number.
    let caption = texts(&high, "figure.quadrant figcaption").join("");
    assert!(
        caption.contains("reseller: drawn where it usually sits"),
        "{caption}"
    );
    assert!(caption.contains("referral: you keep 70%"), "{caption}");
}

/// Each seed article is listed with its address, as the policy records it.
#[test]
fn the_sources_are_listed_with_their_addresses() {
    let doc = html(&[WAIT]);
    let a = json(WAIT);
    for s in a["sources"].as_array().unwrap() {
        let key = s["key"].as_str().unwrap();
        let li = doc
            .select(&sel(".sources li"))
            .find(|li| {
                li.text()
                    .collect::<String>()
                    .starts_with(&format!("[{key}]"))
            })
            .unwrap_or_else(|| panic!("{key} listed"));
        match s["url"].as_str() {
            Some(url) => {
                assert!(url.starts_with("https://"), "{url}");
                let hrefs: Vec<_> = li
                    .select(&sel("a"))
                    .filter_map(|a| a.value().attr("href"))
                    .collect();
                assert_eq!(hrefs, [url]);
            }
            None => assert!(li.select(&sel("a")).next().is_none()),
        }
    }
    let keyed: Vec<_> = a["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["key"].as_str().unwrap().starts_with('0'))
        .collect();
    assert!(!keyed.is_empty());
    assert!(
        keyed.iter().all(|s| s["url"].is_string()),
        "every seed has its address"
    );
}

#[test]
fn every_chart_has_alt_text() {
    let doc = html(&[READY]);
    let charts: Vec<_> = doc.select(&sel("svg")).collect();
    assert_eq!(charts.len(), 3, "scores, quadrant, ladder");
    for svg in charts {
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(!svg.value().attr("aria-label").unwrap_or("").is_empty());
        assert!(svg.select(&sel("title")).next().is_some());
    }
}

#[test]
fn several_profiles_get_a_ranking_page_first_then_a_page_each() {
    let doc = html(&[READY, WAIT, "examples/pre-pmf.toml"]);
    let pages: Vec<_> = doc.select(&sel("section.page")).collect();
    assert_eq!(pages.len(), 4);
    assert!(pages[0]
        .value()
        .has_class("ranking", scraper::CaseSensitivity::CaseSensitive));
    assert_eq!(doc.select(&sel("table.ranking tbody tr")).count(), 3);
    let focus = texts(&doc, ".portfolio ul.focus li");
    assert_eq!(focus.len(), 3, "{focus:?}");
    assert!(focus[0].starts_with("Tallyhub CRM"), "{focus:?}");
    assert_eq!(doc.select(&sel(".tradeoffs")).count(), 1, "once per run");
    assert_eq!(doc.select(&sel("section.ranking .tradeoffs")).count(), 1);
}

#[test]
fn profile_text_cannot_add_markup() {
    let text = std::fs::read_to_string(READY).unwrap().replace(
        "name = \"Tallyhub CRM\"",
        "name = \"<script>alert(1)</script> & \\\"Co\\\"\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, text).unwrap();
    let doc = html(&[path.to_str().unwrap()]);
    assert!(doc.select(&sel("script")).next().is_none());
    assert!(texts(&doc, "h1")[0].contains("<script>alert(1)</script> & \"Co\""));
}

/// A page lists the steps to do first and counts the rest, so it prints on one sheet;
/// every step is still in the JSON.
#[test]
fn a_long_plan_lists_the_steps_to_do_first_and_counts_the_rest() {
    // The example with the longest plan.
    let examples = super::toml_files("examples");
    let (profile, steps) = examples
        .iter()
        .map(|p| (p, json(p)["next_steps"].as_array().unwrap().clone()))
        .max_by_key(|(_, steps)| steps.len())
        .unwrap();
    let doc = html(&[profile]);
    let shown = texts(&doc, ".next-steps li");
    assert!(shown.len() < steps.len(), "{shown:?}");
    let to_do = steps.iter().filter(|s| s["status"] == "to-do").count();
    let listed_to_do = doc.select(&sel(".next-steps li.to-do")).count();
    assert_eq!(
        listed_to_do,
        to_do.min(shown.len()),
        "to-do steps come first"
    );
    let more = texts(&doc, ".steps .more");
    assert_eq!(
        more,
        [format!(
            "+ {} more: --format markdown or json",
            steps.len() - shown.len()
        )]
    );
}

#[test]
fn a_hyperscaler_gets_the_program_decision_on_a_page_of_its_own() {
    let profile = "examples/aws-not-yet-isv-accelerate.toml";
    let doc = html(&[profile]);
    let a = json(profile);
    let p = &a["program"];
    // A page of its own after the profile's, so each prints on one sheet.
    let pages = attrs(&doc, "section.page", "class");
    assert_eq!(pages, ["page profile", "page program"]);
    assert_eq!(
        texts(&doc, "section.program h1"),
        ["Hyperscaler program: aws"]
    );
    let headline = texts(&doc, "section.program .verdict .headline");
    assert_eq!(
        headline,
        ["Worth it for you: pursue ([001]'s view applies)"]
    );
    // Both views stated, the one that applies named, in words not colour.
    let views = texts(&doc, "section.program .views li");
    assert_eq!(views.len(), 2, "{views:?}");
    assert!(views.iter().any(|v| v.contains("(applies)")), "{views:?}");
    assert!(
        views.iter().any(|v| v.contains("(does not apply)")),
        "{views:?}"
    );
    // One block per tier of the JSON, in order, with its state as a word and its page.
    let ids: Vec<String> = p["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(attrs(&doc, "section.tier", "data-rule"), ids);
    let isv = texts(
        &doc,
        "section.tier[data-rule=\"program.aws-isv-accelerate\"]",
    );
    let isv = &isv[0];
    assert!(
        isv.contains("AWS ISV Accelerate (the program's co-sell): unmet"),
        "{isv}"
    );
    // What failed is said in numbers, with its fix; what holds is named.
    assert!(isv.contains("10 more qualified opportunities"), "{isv}");
    assert!(isv.contains("2 more launched opportunities"), "{isv}");
    assert!(isv.contains("Fix: Share every deal"), "{isv}");
    assert!(
        isv.contains("met: A generally available listing in AWS Marketplace"),
        "{isv}"
    );
    assert!(isv.contains("Published at https://aws.amazon.com/partners/programs/isv-accelerate/ (checked 2026-12-02)"), "{isv}");
    // Every line carries a sign and a state word, for black-and-white print.
    for li in doc.select(&sel("section.tier li")) {
        let text: String = li.text().collect();
        assert!(
            ["✓ met", "✗ unmet", "? unknown"]
                .iter()
                .any(|s| text.starts_with(s)),
            "{text}"
        );
    }
    // A peer partner gets no program page.
    let doc = html(&["examples/ready-to-co-sell.toml"]);
    assert_eq!(attrs(&doc, "section.page", "class"), ["page profile"]);
}

#[test]
fn the_verdict_lists_inferred_answers_with_where_they_came_from_in_words() {
    let doc = html(&["tests/fixtures/profiles/listed-in-cloud.toml"]);
    let terms = texts(&doc, ".verdict dt");
    let at = terms
        .iter()
        .position(|t| t == "Inferred answers")
        .unwrap_or_else(|| panic!("{terms:?}"));
    let shown = &texts(&doc, ".verdict dd")[at];
    assert!(
        shown.contains("listed on the partner's marketplace: yes"),
        "{shown}"
    );
    assert!(
        shown.contains("from your listing on its cloud's marketplace"),
        "{shown}"
    );
    assert!(texts(&doc, ".verdict dd code").is_empty());
}

#[test]
fn fix_first_is_the_plan_with_the_verdict_after_each_step() {
    let doc = html(&[WAIT]);
    let a = json(WAIT);
    let steps = a["plan"]["steps"].as_array().unwrap();
    let items = texts(&doc, ".fixes .fix-first li");
    assert!(!items.is_empty());
    for (item, step) in items.iter().zip(steps) {
        assert!(item.starts_with(step["fix"].as_str().unwrap()), "{item}");
        let then = format!(
            "{} {}/100",
            a["plan"]["motion"].as_str().unwrap(),
            step["then"]["score"]
        );
        assert!(item.contains(&then), "{item} lacks {then}");
    }
    // No target named: no second plan.
    assert_eq!(doc.select(&sel(".target-plan")).count(), 0);
}

#[test]
fn a_named_target_gets_its_own_plan_on_the_page() {
    let doc = html(&["--target", "co-sell", READY]);
    let headings = texts(&doc, ".target-plan h2");
    assert_eq!(headings, ["Plan for co-sell"]);
    // A target out of reach says why in one sentence, and lists no steps.
    let doc = html(&["--target", "reseller", WAIT]);
    let notes = texts(&doc, ".target-plan .plan-note");
    assert!(
        notes.iter().any(|n| n.starts_with("Out of reach: ")),
        "{notes:?}"
    );
    assert_eq!(doc.select(&sel(".target-plan .fix-first")).count(), 0);
}
