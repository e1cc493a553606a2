//! The policy file on its own: motions, ranges, the profile fields the report echoes and
//! the trade-off dimensions. Where the decision flow starts is checked with the flow
//! ([`super::graph`]). The summary sentences' and portfolio reasons' placeholders are
//! checked as the policy is read: each sentence's type names the ones it may use
//! ([`super::super::template::Name`]).

use std::path::Path;

use super::super::model::{
    Dimension, LadderPolicy, Policy, PortfolioPolicy, ProvenancePolicy, QuadrantPolicy, ReasonName,
    Summary, SummaryName, SummaryTemplates,
};
use super::super::template::{Name, Template};
use super::{field_help, is_web_address, motion_help, Problems};
use crate::profile::catalog;

pub(super) fn check(policy: &Policy, problems: &mut Problems) {
    let path = policy.path.as_path();
    if policy.motions.is_empty() {
        problems.push(
            path,
            0..0,
            "`motions` is empty",
            "list the motions to score",
        );
    }
    let min = *policy.viable_min_score.get_ref();
    if !(0..=100).contains(&min) {
        problems.push(
            path,
            policy.viable_min_score.span(),
            format!("viable_min_score {min} is out of range"),
            "use 0 to 100",
        );
    }
    let r = &policy.report;
    for field in [
        &r.declared_motion,
        &r.drivers,
        &r.primary_driver,
        &r.vendor_name,
        &r.partner_name,
    ]
    .into_iter()
    .chain(&r.program_provider)
    .chain(
        policy
            .plan
            .iter()
            .flat_map(|p| &p.givens)
            .flat_map(|g| &g.fields),
    ) {
        if catalog::field(field.get_ref()).is_none() {
            problems.push(
                path,
                field.span(),
                format!("unknown profile field `{}`", field.get_ref()),
                field_help(field.get_ref()),
            );
        }
    }
    summary(path, &policy.summary, problems);
    let motions: Vec<&str> = policy.motions.iter().map(String::as_str).collect();
    for dimension in &policy.dimensions {
        self::dimension(path, dimension, &motions, problems);
    }
    if let Some(p) = &policy.portfolio {
        portfolio(path, p, &motions, problems);
    }
    if let Some(q) = &policy.quadrant {
        quadrant(path, q, &motions, problems);
        quadrant_fields(path, q, &motions, problems);
    }
    if let Some(l) = &policy.ladder {
        ladder(path, l, &motions, problems);
    }
    if let Some(p) = &policy.provenance {
        provenance(path, p, problems);
    }
    for host in &policy.publishers {
        let text = host.get_ref();
        if text.is_empty() || text.contains(['/', ':']) || text.contains(char::is_whitespace) {
            problems.push(
                path,
                host.span(),
                format!("`{text}` is not a host"),
                "write the site's host alone, such as `aws.amazon.com`",
            );
        }
    }
    sources(path, policy, problems);
}

/// A score or a count from `range`, or a problem naming `name`.
fn in_range(
    path: &Path,
    value: &toml::Spanned<i64>,
    name: &str,
    range: std::ops::RangeInclusive<i64>,
    problems: &mut Problems,
) {
    if !range.contains(value.get_ref()) {
        problems.push(
            path,
            value.span(),
            format!("{name} {} is out of range", value.get_ref()),
            format!("use {} to {}", range.start(), range.end()),
        );
    }
}

fn portfolio(path: &Path, p: &PortfolioPolicy, motions: &[&str], problems: &mut Problems) {
    use ReasonName::*;
    let r = &p.reason;
    let always = [Motion, Score, Min, Max];
    let with = |more: &[ReasonName]| always.iter().chain(more).copied().collect::<Vec<_>>();
    for (key, sentence, known) in [
        ("focus", Some(&r.focus), with(&[])),
        ("fill", Some(&r.fill), with(&[])),
        ("beyond_max", Some(&r.beyond_max), with(&[])),
        ("keep_warm", Some(&r.keep_warm), with(&[])),
        ("pause", Some(&r.pause), with(&[])),
        ("pause_low_score", r.pause_low_score.as_ref(), with(&[])),
        ("pause_unknown", r.pause_unknown.as_ref(), with(&[Fields])),
        ("program_pursue", r.program_pursue.as_ref(), with(&[Worth])),
        ("program_wait", r.program_wait.as_ref(), with(&[Worth])),
    ] {
        if let Some(sentence) = sentence {
            names_known_when_said(
                path,
                &format!("portfolio.reason.{key}"),
                sentence,
                &known,
                problems,
            );
        }
    }
    in_range(path, &p.focus_min, "portfolio.focus_min", 1..=100, problems);
    in_range(path, &p.focus_max, "portfolio.focus_max", 1..=100, problems);
    in_range(
        path,
        &p.focus_min_score,
        "portfolio.focus_min_score",
        0..=100,
        problems,
    );
    in_range(
        path,
        &p.pause_below_score,
        "portfolio.pause_below_score",
        0..=100,
        problems,
    );
    if p.focus_min.get_ref() > p.focus_max.get_ref() {
        problems.push(
            path,
            p.focus_min.span(),
            format!(
                "portfolio.focus_min {} is above focus_max {}",
                p.focus_min.get_ref(),
                p.focus_max.get_ref()
            ),
            "the working set runs from focus_min to focus_max partners",
        );
    }
    for motion in &p.focus_motions {
        let name = motion.get_ref().as_str();
        if !motions.contains(&name) {
            let message = format!("unknown motion `{name}` in portfolio.focus_motions");
            problems.push(path, motion.span(), message, motion_help(name, motions));
        }
    }
}

/// Every motion is placed once, inside the chart.
fn quadrant(path: &Path, q: &QuadrantPolicy, motions: &[&str], problems: &mut Problems) {
    for (motion, place) in &q.place {
        let name = motion.get_ref().as_str();
        if !motions.contains(&name) {
            let message = format!("unknown motion `{name}` in quadrant.place");
            problems.push(path, motion.span(), message, motion_help(name, motions));
        }
        if place.get_ref().iter().any(|v| !(0..=100).contains(v)) {
            problems.push(
                path,
                place.span(),
                format!("quadrant.place of `{name}` is outside the chart"),
                "give [x, y], each from 0 to 100",
            );
        }
    }
    for motion in motions {
        if !q.place.keys().any(|k| k.get_ref() == motion) {
            problems.push(
                path,
                0..0,
                format!("quadrant.place has no place for `{motion}`"),
                format!("add `{motion} = [x, y]`: every motion is drawn"),
            );
        }
    }
}

/// The rungs are the motions, in the policy's order (lightest first).
/// The quadrant's fields: each names a number of the profile, a percentage.
fn quadrant_fields(path: &Path, q: &QuadrantPolicy, motions: &[&str], problems: &mut Problems) {
    let fields = q.gives.values().chain(q.overlap_field.as_ref());
    for field in fields {
        let name = field.get_ref();
        match catalog::field(name) {
            None => problems.push(
                path,
                field.span(),
                format!("unknown profile field `{name}`"),
                field_help(name),
            ),
            Some(f) if !f.is_percent() => problems.push(
                path,
                field.span(),
                format!("`{name}` is not a percentage"),
                "name a field that holds a share of the deal or of the accounts, 0-100",
            ),
            Some(_) => {}
        }
    }
    for motion in q.gives.keys() {
        if !motions.contains(&motion.get_ref().as_str()) {
            problems.push(
                path,
                motion.span(),
                format!("unknown motion `{}` in quadrant.gives", motion.get_ref()),
                format!("the motions are {}", motions.join(", ")),
            );
        }
    }
}

fn ladder(path: &Path, l: &LadderPolicy, motions: &[&str], problems: &mut Problems) {
    let field = &l.current_field;
    if catalog::field(field.get_ref()).is_none() {
        problems.push(
            path,
            field.span(),
            format!("unknown profile field `{}`", field.get_ref()),
            field_help(field.get_ref()),
        );
    }
    let rungs: Vec<&str> = l.rungs.iter().map(|r| r.motion.as_str()).collect();
    if rungs != motions {
        problems.push(
            path,
            0..0,
            format!(
                "the ladder's rungs are {}, not the motions {}",
                rungs.join(", "),
                motions.join(", ")
            ),
            "give one `[[ladder.rung]]` per motion, in the order of `motions`",
        );
    }
}

/// `[provenance]`: `listed_in` a list of profile fields, `from` and `on` text fields.
fn provenance(path: &Path, p: &ProvenancePolicy, problems: &mut Problems) {
    use catalog::FieldKind;

    let listed = &p.listed_in;
    match catalog::kind(listed.get_ref()) {
        Some(FieldKind::List(words)) => {
            if let Some(word) = words.iter().find(|w| catalog::field(w).is_none()) {
                problems.push(
                    path,
                    listed.span(),
                    format!(
                        "`{}` lists `{word}`, which is not a profile field",
                        listed.get_ref()
                    ),
                    "name a list whose every word is a profile field a measurement writes",
                );
            }
        }
        Some(_) => problems.push(
            path,
            listed.span(),
            format!("`{}` is not a list of profile fields", listed.get_ref()),
            "name the list a measurement writes the answers it measured into",
        ),
        None => problems.push(
            path,
            listed.span(),
            format!("unknown profile field `{}`", listed.get_ref()),
            field_help(listed.get_ref()),
        ),
    }
    for field in [&p.from, &p.on] {
        if catalog::kind(field.get_ref()) != Some(FieldKind::Text) {
            problems.push(
                path,
                field.span(),
                format!("`{}` is not a text field of the profile", field.get_ref()),
                "name the text field that says where, or when, the answers were measured",
            );
        }
    }
}

/// `[[sources]]`: each with a key and a title, an `https://` address when given, no key
/// twice.
fn sources(path: &Path, policy: &Policy, problems: &mut Problems) {
    for (i, source) in policy.sources.iter().enumerate() {
        let key = source.key.get_ref();
        if key.trim().is_empty() || key.contains(char::is_whitespace) {
            problems.push(
                path,
                source.key.span(),
                format!("source key `{key}` is empty or has a space"),
                "a key is one word, as rules cite it: `000`, `knowledgelib`",
            );
        }
        if source.title.get_ref().trim().is_empty() {
            problems.push(
                path,
                source.title.span(),
                format!("source `{key}` has no title"),
                "write the article's title, as the report names it",
            );
        }
        if let Some(url) = &source.url {
            let url_text = url.get_ref();
            if !is_web_address(url_text) {
                problems.push(
                    path,
                    url.span(),
                    format!("source `{key}`: `{url_text}` is not a web address"),
                    "write the article's public address, starting with `https://`, or leave `url` out",
                );
            }
        }
        if policy.sources[..i].iter().any(|s| s.key.get_ref() == key) {
            problems.push(
                path,
                source.key.span(),
                format!("source `{key}` is listed twice"),
                "list each article once",
            );
        }
    }
}

/// When the policy lists its sources, a rule citing an article by number ("000") that
/// the list lacks is an error at the rule's id: the report could not name the article.
/// A source that starts with a listed key is named by the list too; one naming its
/// publisher in full ("AWS Partner Network, ...") stands on its own text.
pub fn cited(file: &super::super::model::RuleFile, policy: &Policy, problems: &mut Problems) {
    if policy.sources.is_empty() {
        return;
    }
    for key in super::super::model::cited_keys(&file.source) {
        let by_number = key.chars().all(|c| c.is_ascii_digit());
        if by_number && policy.source(key).is_none() {
            let listed: Vec<&str> = policy
                .sources
                .iter()
                .map(|s| s.key.get_ref().as_str())
                .collect();
            problems.push(
                &file.path,
                file.id.span(),
                format!("`source` cites `{key}`, which policy.toml does not list in [[sources]]"),
                format!(
                    "cite one of {}, or add `{key}` to [[sources]] with its title",
                    listed.join(", ")
                ),
            );
        }
    }
}

/// Each summary sentence, with the names that always have a value when it is said: the
/// assessment says `label_differs` only with a declared label, `flow_blocked` only with
/// blockers, and so on. A sentence naming another could print an empty value.
fn summary_sentences(
    s: &SummaryTemplates,
) -> Vec<(&'static str, Option<&Summary>, Vec<SummaryName>)> {
    use SummaryName::*;
    let always = [Motion, Score, Missing, Read];
    let with = |more: &[SummaryName]| always.iter().chain(more).copied().collect::<Vec<_>>();
    vec![
        ("follows_flow", Some(&s.follows_flow), with(&[Flow])),
        (
            "flow_blocked",
            Some(&s.flow_blocked),
            with(&[Flow, Blockers]),
        ),
        ("by_score", Some(&s.by_score), with(&[])),
        ("none_runnable", Some(&s.none_runnable), with(&[])),
        (
            "insufficient_evidence",
            Some(&s.insufficient_evidence),
            with(&[Fields]),
        ),
        ("mostly_missing", s.mostly_missing.as_ref(), with(&[])),
        ("program_track", s.program_track.as_ref(), with(&[Worth])),
        (
            "program_undecided",
            s.program_undecided.as_ref(),
            with(&[Deciding]),
        ),
        (
            "follows_flow_concerns",
            s.follows_flow_concerns.as_ref(),
            with(&[Flow, Concerns]),
        ),
        (
            "follows_flow_against",
            s.follows_flow_against.as_ref(),
            with(&[Flow, Against]),
        ),
        ("none_judged", s.none_judged.as_ref(), with(&[Waiting])),
        (
            "label_differs",
            s.label_differs.as_ref(),
            with(&[Declared, Observed]),
        ),
        ("not_a_motion", s.not_a_motion.as_ref(), with(&[Other])),
    ]
}

/// Refuses a sentence that names a value the assessment may not have when it says it.
fn names_known_when_said<N: Name + PartialEq>(
    path: &Path,
    key: &str,
    sentence: &Template<N>,
    known: &[N],
    problems: &mut Problems,
) {
    for name in sentence.placeholders().filter(|n| !known.contains(n)) {
        let written = format!("{{{}}}", name.as_str());
        let text = problems.text(path);
        let span = text
            .find(sentence.as_str())
            .and_then(|at| {
                sentence
                    .as_str()
                    .find(&written)
                    .map(|i| at + i..at + i + written.len())
            })
            .unwrap_or(0..0);
        let may: Vec<String> = known
            .iter()
            .map(|n| format!("`{{{}}}`", n.as_str()))
            .collect();
        problems.push(
            path,
            span,
            format!("`{key}` names `{written}`, which may have no value when `{key}` is said"),
            format!("`{key}` may name {}", may.join(", ")),
        );
    }
}

fn summary(path: &Path, s: &SummaryTemplates, problems: &mut Problems) {
    for (key, sentence, known) in summary_sentences(s) {
        if let Some(sentence) = sentence {
            names_known_when_said(path, key, sentence, &known, problems);
        }
    }
    match (&s.mostly_missing, &s.mostly_missing_pct) {
        (Some(_), Some(pct)) if !(0..=100).contains(pct.get_ref()) => problems.push(
            path,
            pct.span(),
            format!("mostly_missing_pct {} is out of range", pct.get_ref()),
            "use 0 to 100",
        ),
        (Some(_), None) | (None, Some(_)) => problems.push(
            path,
            0..0,
            "`mostly_missing` and `mostly_missing_pct` go together",
            "give both, or neither",
        ),
        _ => {}
    }
}

/// A trade-off row is read across every motion, so a missing cell would leave a hole in
/// the report's table: each motion needs a text, and only motions may have one.
fn dimension(path: &Path, dimension: &Dimension, motions: &[&str], problems: &mut Problems) {
    let label = &dimension.label;
    if label.get_ref().trim().is_empty() {
        problems.push(
            path,
            label.span(),
            "a dimension has an empty `label`",
            "name the trade-off, e.g. `Margin impact`",
        );
    }
    if dimension.source.trim().is_empty() {
        problems.push(
            path,
            label.span(),
            format!("dimension `{}` names no `source`", label.get_ref()),
            "add `source = \"<article> <title>, '<section>'\"`, as rules do",
        );
    }
    for motion in motions.iter().filter(|m| dimension.text_for(m).is_none()) {
        let message = format!("dimension `{}` has no text for `{motion}`", label.get_ref());
        let help = format!("add `{motion} = \"...\"` to its `by_motion`: every motion needs one");
        problems.push(path, label.span(), message, help);
    }
    let label = label.get_ref();
    for (motion, text) in &dimension.by_motion {
        let name = motion.get_ref().as_str();
        if !motions.contains(&name) {
            let message = format!("unknown motion `{name}` in dimension `{label}`");
            problems.push(path, motion.span(), message, motion_help(name, motions));
        } else if text.get_ref().trim().is_empty() {
            let message = format!("dimension `{label}` has an empty text for `{name}`");
            problems.push(
                path,
                text.span(),
                message,
                "write a few words for the table cell",
            );
        }
    }
}
