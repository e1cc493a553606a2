//! A one-page HTML report per profile, self-contained: inline CSS and SVG, no script,
//! nothing fetched (a Content-Security-Policy says so to the browser), print CSS for A4
//! and Letter. With several profiles a ranking page with the portfolio focus comes
//! first.
//!
//! Every text comes from the [`Assessment`] (and so from the rules and the policy); the
//! charts draw only what it holds. Text is escaped where it is inserted ([`esc`]), so a
//! profile's answer can never add markup. Charts carry their own alt text, and colour is
//! never the only sign: every line also has a word and a shape, so the page reads the
//! same printed in black and white.

use super::headings::{DECISION_PATH, FIX_FIRST, NEXT_STEPS_FOR};
use std::fmt::Write;

use super::{failed, glance, heading, ranked, SCORE_LEGEND, TRADEOFFS_TITLE};
use crate::assessment::portfolio::Portfolio;
use crate::assessment::{
    Answer, Assessment, ConfigUsed, Entry, GateCondition, Ladder, Quadrant, RulesUsed, StepStatus,
    Truth, Verdict,
};
use crate::shown;

/// The page's style: screen and print, with no font or image to fetch.
const CSS: &str = include_str!("html.css");

/// Text for an element or an attribute: each line as [`shown::line`] shows input, with
/// `&`, `<`, `>` and both quotes escaped. Names and file names go through
/// [`shown::html`] instead, which also isolates right-to-left text.
pub fn esc(s: &str) -> String {
    shown::escape_html(&shown::block(s))
}

/// The document's head and, with several profiles, the ranking page.
pub(super) fn start(entries: &[Entry], ending: super::Ending) -> String {
    let mut out = String::new();
    let assessed: Vec<&Assessment> = super::assessed(entries).collect();
    let title = match assessed.as_slice() {
        [one] => format!("Partner fit: {}", heading(one)),
        _ => format!("Partner fit: {} partners", entries.len()),
    };
    // What a search result or a shared link shows: the verdict, in the summary's words.
    let description = match assessed.as_slice() {
        [one] => format!("{}: {}", heading(one), one.recommendation.summary),
        _ => format!(
            "{} partners ranked by the motion each can run now",
            entries.len()
        ),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"description\" content=\"{}\">\n\
<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&description),
        esc(&title)
    );
    if entries.len() > 1 {
        ranking_page(&mut out, entries, ending.portfolio);
    }
    out
}

/// The document's end: the rules used, then the closing tags.
pub(super) fn end(rules: Option<&RulesUsed>, config: Option<&ConfigUsed>) -> String {
    let mut out = String::from("</main>\n");
    if let Some(rules) = rules {
        let _ = writeln!(
            out,
            "<footer class=\"rules\">Rules: {}</footer>",
            esc(&rules.short())
        );
        if let Some(line) = config.and_then(ConfigUsed::line) {
            let _ = writeln!(
                out,
                "<footer class=\"config\">Configuration: {}</footer>",
                esc(&line)
            );
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn ranking_page(out: &mut String, entries: &[Entry], portfolio: Option<&Portfolio>) {
    out.push_str("<section class=\"page ranking\">\n<h1>Partners ranked</h1>\n");
    out.push_str("<p>The furthest motion each partner can run now, then its score for it.</p>\n");
    out.push_str("<table class=\"ranking\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Partner</th><th scope=\"col\">Recommended</th><th scope=\"col\">Score</th><th scope=\"col\">Gate</th></tr></thead>\n<tbody>\n");
    for (i, a) in ranked(entries).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}<br><small>{}</small></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            shown::html(&heading(a)),
            shown::html(&a.profile),
            esc(&a.recommendation.motion),
            a.recommendation.score,
            a.gate.status.as_str()
        );
    }
    for f in failed(entries) {
        let _ = writeln!(
            out,
            "<tr><td>-</td><td>{}</td><td colspan=\"3\">could not assess: {}</td></tr>",
            shown::html(&f.profile),
            esc(&f.error.message)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if let Some(p) = portfolio {
        let _ = writeln!(
            out,
            "<section class=\"portfolio\">\n<h2>{}</h2>",
            esc(&p.title)
        );
        for (group, class) in p.groups().iter().zip(["focus", "keep-warm", "pause"]) {
            if group.partners.is_empty() {
                continue;
            }
            let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"{class}\">", esc(group.label));
            for pick in group.partners {
                let name = pick.partner.as_deref().unwrap_or(&pick.profile);
                let _ = writeln!(
                    out,
                    "<li><strong>{}</strong> ({} {}/100): {}</li>",
                    shown::html(name),
                    esc(&pick.motion),
                    pick.score,
                    esc(&pick.reason)
                );
            }
            out.push_str("</ul>\n");
        }
        let _ = writeln!(
            out,
            "<p class=\"source\">Source: {}</p>\n</section>",
            esc(&p.source)
        );
    }
    if let Some(a) = super::assessed(entries).next() {
        tradeoffs(out, a);
    }
    out.push_str("</section>\n");
}

/// One profile's page. The trade-offs, which are the same for every profile, are on the
/// ranking page of several; the quadrant and the ladder draw them on each page.
pub fn part(a: &Assessment) -> String {
    let e = super::reading::explained(a, super::reading::Reading::Html);
    let a = &e.a;
    let mut out = String::new();
    let out = &mut out;
    let g = glance(a);
    let _ = writeln!(
        out,
        "<section class=\"page profile\">\n<header>\n<h1>Partner fit: {}</h1>\n{}</header>",
        shown::html(&heading(a)),
        byline(a)
    );
    let _ = writeln!(
        out,
        "<div class=\"verdict\">\n<p class=\"headline\">{}</p>\n<dl>\n<dt>Recommended</dt><dd><strong>{}</strong>, {}/100</dd>\n<dt>Gate</dt><dd class=\"gate-{}\">{}</dd>",
        esc(&a.recommendation.summary),
        esc(g.motion),
        g.score,
        g.gate.as_str(),
        esc(&g.gate_line())
    );
    if !a.inferred.is_empty() {
        // Prose: the loader refuses code in an inferred answer's words.
        let shown: Vec<String> = a.inferred.iter().map(|i| esc(&i.shown)).collect();
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            super::INFERRED_TITLE,
            shown.join("; ")
        );
    }
    out.push_str("</dl>\n</div>\n<div class=\"grid\">\n");
    for section in SECTIONS {
        section(out, a, &e.titles);
    }
    out.push_str("</div>\n");
    sources(out, a);
    out.push_str("</section>\n");
    // The program decision is a decision of its own: its own printed page, after the
    // profile's, so neither page runs over.
    if let Some(p) = &a.program {
        program(out, p, a);
    }
    out.to_string()
}

/// A section of a profile's page, one cell of its grid (`html.css` places the known
/// ones; others follow them).
type Section = fn(&mut String, &Assessment, &super::reading::Titles);

/// The sections of a profile's page, after its verdict. A new section is a function
/// and a line here.
const SECTIONS: &[Section] = &[
    |out, a, _| scores(out, a),
    |out, a, titles| {
        gate(
            out,
            &titles.gate,
            &a.gate.conditions,
            a.gate.status.as_str(),
        )
    },
    |out, a, _| {
        if let Some(q) = &a.quadrant {
            quadrant(out, q, a);
        }
    },
    |out, a, _| {
        if let Some(l) = &a.ladder {
            ladder(out, l, a);
        }
    },
    |out, a, _| path(out, a),
    |out, a, _| homework(out, a),
    |out, a, _| fixes(out, a, &glance(a).fixes),
    |out, a, _| warnings(out, a),
];

/// The figure around a chart: the SVG is an image with its alt text, the caption is
/// real text.
fn figure(out: &mut String, class: &str, title: &str, svg: &str, caption: &str) {
    let _ = writeln!(
        out,
        "<figure class=\"chart {class}\">\n<h2>{}</h2>\n{svg}\n<figcaption>{}</figcaption>\n</figure>",
        esc(title),
        esc(caption)
    );
}

/// An SVG with its alt text as `aria-label` and `<title>`.
fn svg_open(out: &mut String, class: &str, width: u32, height: u32, alt: &str) {
    let _ = write!(
        out,
        "<svg class=\"{class}\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\"><title>{}</title>",
        esc(alt),
        esc(alt)
    );
}

/// One bar per motion, its score written beside it; the recommended one is solid and
/// marked with its verdict.
fn scores(out: &mut String, a: &Assessment) {
    let row = 26;
    let height = row * a.motions.len() as u32 + 8;
    let alt: Vec<String> = a
        .motions
        .iter()
        .map(|m| format!("{} {} of 100, {}", m.motion, m.score, m.verdict.as_str()))
        .collect();
    let alt = alt.join("; ");
    let mut svg = String::new();
    svg_open(&mut svg, "scores", 320, height, &alt);
    for (i, m) in a.motions.iter().enumerate() {
        let y = 4 + row * i as u32;
        let width = u32::from(m.score.min(100)) * 150 / 100;
        let class = match m.verdict {
            Verdict::Recommended => "bar recommended",
            Verdict::Viable => "bar viable",
            Verdict::NotYet => "bar not-yet",
            Verdict::NotAFit => "bar not-a-fit",
        };
        let _ = write!(
            svg,
            "<g class=\"motion\" data-motion=\"{m}\"><text class=\"label\" x=\"0\" y=\"{ty}\">{m}</text>\
<rect class=\"track\" x=\"70\" y=\"{y}\" width=\"150\" height=\"16\"/>\
<rect class=\"{class}\" x=\"70\" y=\"{y}\" width=\"{width}\" height=\"16\"/>\
<text class=\"value\" x=\"226\" y=\"{ty}\">{score} {verdict}</text></g>",
            m = esc(&m.motion),
            ty = y + 12,
            score = m.score,
            verdict = esc(m.verdict.as_str()),
        );
    }
    svg.push_str("</svg>");
    figure(out, "scores", "Scores", &svg, SCORE_LEGEND);
}

/// The gate as a list, each line with a word and a sign besides its colour.
fn gate(out: &mut String, heading: &str, lines: &[GateCondition], status: &str) {
    let _ = writeln!(
        out,
        "<section class=\"gate\">\n<h2>{}: {}</h2>\n<ul class=\"gate-lines\">",
        esc(heading),
        esc(status)
    );
    for c in lines {
        let (class, sign) = match c.state {
            Truth::Met => ("green", "✓"),
            Truth::Unknown => ("amber", "?"),
            Truth::Unmet => ("red", "✗"),
        };
        // What holds needs only its title; what does not is explained.
        let text = if c.state == Truth::Met {
            &c.title
        } else {
            &c.message
        };
        let _ = writeln!(
            out,
            "<li class=\"line {class}\" data-rule=\"{}\"><span class=\"sign\" aria-hidden=\"true\">{sign}</span> <span class=\"state\">{}</span> {}</li>",
            esc(&c.rule),
            esc(c.state.as_str()),
            esc(text)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// The program decision (seed 000's "a different decision"), on a page of its own: the
/// verdict with the view that applies and both views stated, what it is weighed on,
/// then each tier with every gate in its state (a word and a sign besides the colour),
/// the fix of each gate not met, and the page the gates are published on.
fn program(out: &mut String, p: &crate::assessment::Program, a: &Assessment) {
    let provider = p
        .provider
        .as_deref()
        .unwrap_or("every cloud (provider not answered)");
    let sign = |state: Truth| match state {
        Truth::Met => ("green", "✓"),
        Truth::Unknown => ("amber", "?"),
        Truth::Unmet => ("red", "✗"),
    };
    let _ = writeln!(
        out,
        "<section class=\"page program\">\n<header>\n<h1>{}: {}</h1>\n<p class=\"file\">{} ({})</p>\n</header>\n<p>{}</p>",
        super::program::TITLE,
        esc(provider),
        shown::html(&heading(a)),
        shown::html(&a.profile),
        esc(&p.message)
    );
    let _ = writeln!(
        out,
        "<div class=\"verdict\">\n<p class=\"headline\">{}</p>",
        esc(&super::program::verdict_line(p))
    );
    if let Some(message) = &p.worth_it.message {
        let _ = writeln!(out, "<p>{}</p>", esc(message));
    }
    if let Some(line) = super::program::waiting_line(p) {
        let _ = writeln!(out, "<p>{}</p>", esc(&line));
    }
    out.push_str("<ul class=\"views\">\n");
    for v in &p.worth_it.views {
        let applies = match v.applies {
            Some(true) => "applies",
            Some(false) => "does not apply",
            None => "not known yet",
        };
        let _ = writeln!(
            out,
            "<li>{} <strong>({applies})</strong></li>",
            esc(&v.title)
        );
    }
    out.push_str("</ul>\n</div>\n<h2>Weighed on</h2>\n<ul class=\"gate-lines\">\n");
    for r in &p.worth_it.reasons {
        let (class, mark) = sign(r.state);
        let _ = writeln!(
            out,
            "<li class=\"line {class}\" data-rule=\"{}\"><span class=\"sign\" aria-hidden=\"true\">{mark}</span> <span class=\"state\">{}</span> {}</li>",
            esc(&r.rule),
            esc(r.state.as_str()),
            esc(&r.message)
        );
    }
    out.push_str("</ul>\n<div class=\"tiers\">\n");
    for tier in &p.tiers {
        let (class, mark) = sign(tier.status);
        let _ = writeln!(
            out,
            "<section class=\"tier {class}\" data-rule=\"{}\">\n<h2><span class=\"sign\" aria-hidden=\"true\">{mark}</span> {}{}: <span class=\"state\">{}</span></h2>",
            esc(&tier.id),
            esc(&tier.name),
            esc(&super::program::defines(tier)),
            esc(tier.status.as_str())
        );
        if let Some(note) = &tier.note {
            let _ = writeln!(out, "<p class=\"message\">{}</p>", esc(note));
        }
        // What failed is explained with its fix; what holds, or is not answered yet,
        // is named, in one line each, to keep the page to one sheet.
        out.push_str("<ul class=\"gate-lines\">\n");
        for g in tier.gates.iter().filter(|g| g.state == Truth::Unmet) {
            let (class, mark) = sign(g.state);
            let fix = g
                .fix
                .as_deref()
                .map(|fix| format!("<br><span class=\"message\">Fix: {}</span>", esc(fix)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li class=\"line {class}\" data-rule=\"{}\"><span class=\"sign\" aria-hidden=\"true\">{mark}</span> <span class=\"state\">{}</span> {}{fix}</li>",
                esc(&g.rule),
                esc(g.state.as_str()),
                esc(&g.message)
            );
        }
        for state in [Truth::Met, Truth::Unknown] {
            let titles: Vec<String> = tier
                .gates
                .iter()
                .filter(|g| g.state == state)
                .map(|g| esc(&g.title))
                .collect();
            if titles.is_empty() {
                continue;
            }
            let (class, mark) = sign(state);
            let what = match state {
                Truth::Unknown => " (not answered)",
                _ => "",
            };
            let _ = writeln!(
                out,
                "<li class=\"line {class}\"><span class=\"sign\" aria-hidden=\"true\">{mark}</span> <span class=\"state\">{}</span>{what}: {}</li>",
                state.as_str(),
                titles.join("; ")
            );
        }
        let _ = writeln!(out, "</ul>\n<p class=\"source\">{}</p>", esc(&tier.page));
        // A gate whose figure came from elsewhere says so whatever its state: a met gate
        // shows only its title above.
        for g in &tier.gates {
            if let Some(source) = &g.figure_source {
                let _ = writeln!(
                    out,
                    "<p class=\"source\">{}: {}</p>",
                    esc(&g.title),
                    esc(source)
                );
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n</section>\n");
}

/// Seed 004's two-by-two: the motions placed on the policy's axes, the recommended one
/// ringed and labelled with its verdict.
fn quadrant(out: &mut String, q: &Quadrant, a: &Assessment) {
    let (left, top, size) = (34u32, 8u32, 200u32);
    let recommended = &a.recommendation.motion;
    let alt = {
        let places: Vec<String> = q
            .places
            .iter()
            .map(|p| {
                let kept = p
                    .kept
                    .map(|k| format!(", keeping {k}% of each deal"))
                    .unwrap_or_default();
                format!(
                    "{} at {} of 100 across, {} of 100 up{kept}",
                    p.motion, p.x, p.y
                )
            })
            .collect();
        format!(
            "{}: {} across, {} up. {}. {}: {}.",
            q.title,
            q.x_axis,
            q.y_axis,
            places.join("; "),
            Verdict::Recommended.as_str(),
            recommended
        )
    };
    let mut svg = String::new();
    svg_open(
        &mut svg,
        "quadrant",
        left + size + 80,
        top + size + 40,
        &alt,
    );
    let half = size / 2;
    let _ = write!(
        svg,
        "<rect class=\"frame\" x=\"{left}\" y=\"{top}\" width=\"{size}\" height=\"{size}\"/>\
<line class=\"divider\" x1=\"{mx}\" y1=\"{top}\" x2=\"{mx}\" y2=\"{bottom}\"/>\
<line class=\"divider\" x1=\"{left}\" y1=\"{my}\" x2=\"{right}\" y2=\"{my}\"/>\
<text class=\"axis x-axis\" x=\"{mx}\" y=\"{ax}\" text-anchor=\"middle\">{x}</text>\
<text class=\"axis y-axis\" x=\"{ayx}\" y=\"{my}\" text-anchor=\"middle\" transform=\"rotate(-90 {ayx} {my})\">{y}</text>",
        mx = left + half,
        my = top + half,
        bottom = top + size,
        right = left + size,
        ax = top + size + 18,
        ayx = left - 12,
        x = esc(&q.x_axis),
        y = esc(&q.y_axis),
    );
    for p in &q.places {
        let cx = left + u32::from(p.x) * size / 100;
        let cy = top + size - u32::from(p.y) * size / 100;
        let is = p.motion == *recommended;
        // A label goes on the side with more room, so it stays inside the chart.
        let (dx, anchor) = if p.x > 50 {
            (-10i64, "end")
        } else {
            (10, "start")
        };
        let _ = write!(
            svg,
            "<g class=\"place{}\" data-motion=\"{m}\"><circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\"/>\
<text x=\"{tx}\" y=\"{ty}\" text-anchor=\"{anchor}\">{m}{kept}{mark}</text></g>",
            if is { " recommended" } else { "" },
            m = esc(&p.motion),
            r = if is { 8 } else { 5 },
            kept = p.kept.map(|k| format!(" {k}%")).unwrap_or_default(),
            tx = i64::from(cx) + dx,
            ty = cy + 4,
            mark = if is {
                format!(" ({})", Verdict::Recommended.as_str())
            } else {
                String::new()
            },
        );
    }
    svg.push_str("</svg>");
    figure(out, "quadrant", &q.title, &svg, &q.caption);
}

/// The maturity ladder, lightest rung at the bottom, the rung this partnership is on
/// marked with the policy's label and the recommended one with its verdict.
fn ladder(out: &mut String, l: &Ladder, a: &Assessment) {
    let rung_h = 46u32;
    let n = l.rungs.len() as u32;
    let width = 400u32;
    let current = l.current.as_deref();
    let recommended = a.recommendation.motion.as_str();
    let alt = {
        let rungs: Vec<&str> = l.rungs.iter().map(|r| r.motion.as_str()).collect();
        let mut alt = format!("{}, from the bottom: {}.", l.title, rungs.join(", "));
        if let Some(c) = current {
            let _ = write!(alt, " {}: {c}.", l.current_label);
        }
        let _ = write!(alt, " {}: {recommended}.", Verdict::Recommended.as_str());
        alt
    };
    let mut svg = String::new();
    svg_open(&mut svg, "ladder", width, rung_h * n + 4, &alt);
    for (i, r) in l.rungs.iter().enumerate() {
        // Rung 0 at the bottom, each one step to the right, like stairs.
        let y = 2 + rung_h * (n - 1 - i as u32);
        let x = 8 * i as u32;
        let mut marks = Vec::new();
        let mut class = String::from("rung");
        if current == Some(r.motion.as_str()) {
            marks.push(l.current_label.as_str());
            class.push_str(" current");
        }
        if r.motion == recommended {
            marks.push(Verdict::Recommended.as_str());
            class.push_str(" recommended");
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!(" ({})", marks.join(", "))
        };
        let _ = write!(
            svg,
            "<g class=\"{class}\" data-motion=\"{m}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"3\"/>\
<text class=\"name\" x=\"{tx}\" y=\"{t1}\">{m}{marks}</text>\
<text class=\"proves\" x=\"{tx}\" y=\"{t2}\">{pl}: {p}</text>\
<text class=\"earns\" x=\"{tx}\" y=\"{t3}\">{el}: {e}</text></g>",
            m = esc(&r.motion),
            marks = esc(&marks),
            w = width - 8 * (n - 1) - 2,
            h = rung_h - 4,
            tx = x + 6,
            t1 = y + 13,
            t2 = y + 26,
            t3 = y + 38,
            pl = esc(&l.proves_label),
            p = esc(&r.proves),
            el = esc(&l.earns_label),
            e = esc(&r.earns),
        );
    }
    svg.push_str("</svg>");
    figure(out, "ladder", &l.title, &svg, &l.caption);
}

/// The decision flow's questions as answered, as an ordered list of steps.
fn path(out: &mut String, a: &Assessment) {
    out.push_str(&format!(
        "<section class=\"path\">\n<h2>{DECISION_PATH}</h2>\n<ol class=\"decision-path\">\n"
    ));
    for step in &a.decision_path {
        let class = match step.answer {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
        };
        // Where the answer leads, in words: the motion the flow ends on. A question it
        // leads to is the next step of the list, in its own words, so it is not written
        // twice (the page must hold on one sheet); rule ids stay in the JSON.
        let leads = step
            .ends_on()
            .map(|l| format!(" → <span class=\"leads motion\">{}</span>", esc(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li class=\"step {class}\"><span class=\"question\">{}</span> <strong class=\"answer\">{}</strong>{leads}<br><span class=\"message\">{}</span></li>",
            esc(&step.question),
            esc(step.answer.as_str()),
            esc(&step.message)
        );
    }
    out.push_str("</ol>\n</section>\n");
}

/// "Fix first": the head of the plan, each step with its effort and the verdict after it;
/// what to answer first and why a motion is out of reach come before the steps.
fn fixes(out: &mut String, a: &Assessment, first: &[&str]) {
    out.push_str(&format!(
        "<section class=\"fixes\">\n<h2>{FIX_FIRST}</h2>\n"
    ));
    plan_steps(out, &a.plan, first.len());
    out.push_str("</section>\n");
    if let Some(target) = &a.target_plan {
        let t = super::plan_text(target);
        let _ = writeln!(
            out,
            "<section class=\"target-plan\">\n<h2>{}</h2>",
            esc(&t.heading)
        );
        plan_steps(out, target, STEPS_ON_PAGE);
        out.push_str("</section>\n");
    }
    let _ = writeln!(
        out,
        "<section class=\"steps\">\n<h2>{NEXT_STEPS_FOR} {}</h2>\n<ol class=\"next-steps\">",
        esc(&a.recommendation.motion)
    );
    // The page holds the steps to do first, as many as fit one sheet; the others are
    // counted, and the markdown and JSON reports list them all.
    let (to_do, done): (Vec<_>, Vec<_>) = a
        .next_steps
        .iter()
        .partition(|s| s.status == StepStatus::ToDo);
    let room = STEPS_ON_PAGE.saturating_sub(to_do.len().min(STEPS_ON_PAGE));
    let shown: Vec<_> = to_do
        .iter()
        .take(STEPS_ON_PAGE)
        .chain(done.iter().take(room))
        .collect();
    let hidden = a.next_steps.len() - shown.len();
    for s in shown {
        let class = match s.status {
            StepStatus::Done => "done",
            StepStatus::ToDo => "to-do",
        };
        // A step done is named; a step to do says what to do.
        let message = match s.status {
            StepStatus::Done => String::new(),
            StepStatus::ToDo => format!(" {}", esc(&s.message)),
        };
        let _ = writeln!(
            out,
            "<li class=\"{class}\"><strong>{}</strong> <span class=\"status\">({})</span>{message}</li>",
            esc(&s.title),
            esc(s.status.as_str()),
        );
    }
    out.push_str("</ol>\n");
    if hidden > 0 {
        let _ = writeln!(out, "<p class=\"more\">{}</p>", esc(&super::more(hidden)));
    }
    out.push_str("</section>\n");
}

/// A plan's first `shown` steps as a list, each with its effort and outcome, after what to
/// answer first and why the motion is out of reach; the rest are counted.
fn plan_steps(out: &mut String, plan: &crate::assessment::Plan, shown: usize) {
    let t = super::plan_text(plan);
    for line in [&t.answer_first, &t.out_of_reach].into_iter().flatten() {
        let _ = writeln!(out, "<p class=\"plan-note\">{}</p>", esc(line));
    }
    if t.steps.is_empty() {
        return;
    }
    out.push_str("<ol class=\"fix-first\">\n");
    for (fix, then) in t.steps.iter().take(shown) {
        let _ = writeln!(
            out,
            "<li>{} <span class=\"then\">{}</span></li>",
            esc(fix),
            esc(then)
        );
    }
    out.push_str("</ol>\n");
    let hidden = t.steps.len().saturating_sub(shown);
    if hidden > 0 {
        let _ = writeln!(out, "<p class=\"more\">{}</p>", esc(&super::more(hidden)));
    }
}

/// How many next steps a profile's page lists: enough for the next weeks of work, few
/// enough that the page prints on one sheet.
const STEPS_ON_PAGE: usize = 3;

fn tradeoffs(out: &mut String, a: &Assessment) {
    if a.tradeoffs.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"tradeoffs\">\n<h2>{}</h2>\n<table>\n<thead><tr><th scope=\"col\">Dimension</th>",
        esc(TRADEOFFS_TITLE)
    );
    for m in &a.motions {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(&m.motion));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for t in &a.tradeoffs {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(&t.dimension));
        for m in &a.motions {
            let _ = write!(out, "<td>{}</td>", esc(super::text_for(t, &m.motion)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn sources(out: &mut String, a: &Assessment) {
    if a.sources.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"sources\">\n<h2>{}</h2>\n<ul>",
        super::SOURCES_TITLE
    );
    for s in &a.sources {
        // The sections cited are in the JSON and markdown reports; the page names
        // the articles, to stay on one sheet.
        let address = s
            .url
            .as_deref()
            .map(|u| {
                // Printed, the address is read and typed: shown without its scheme.
                let typed = u.trim_start_matches("https://").trim_start_matches("www.");
                format!(" <a href=\"{}\">{}</a>", esc(u), esc(typed))
            })
            .unwrap_or_default();
        let _ = writeln!(out, "<li>[{}] {}{address}</li>", esc(&s.key), esc(&s.title));
    }
    out.push_str("</ul>\n</section>\n");
}

/// The line under a page's title: the day the page was prepared and, when given, by
/// whom.
fn byline(a: &Assessment) -> String {
    let Some(h) = &a.handover else {
        return String::new();
    };
    let by = h
        .prepared_by
        .as_deref()
        .map(|name| format!(", prepared by {}", shown::html(name)))
        .unwrap_or_default();
    format!(
        "<p class=\"byline\"><time datetime=\"{d}\">{d}</time>{by}</p>\n",
        d = esc(&h.date)
    )
}

/// How many warnings and questions a page lists: as many as one sheet holds beside the
/// rest; the others are counted, and the markdown and JSON reports list them all.
const WARNINGS_ON_PAGE: usize = 3;
const QUESTIONS_ON_PAGE: usize = 5;

/// The warnings that apply, those weighing on the recommended motion first, each by its
/// title and what the profile shows.
fn warnings(out: &mut String, a: &Assessment) {
    if a.warnings.is_empty() {
        return;
    }
    let motion = &a.recommendation.motion;
    let (first, rest): (Vec<_>, Vec<_>) = a
        .warnings
        .iter()
        .partition(|w| w.motions.is_empty() || w.motions.contains(motion));
    out.push_str("<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul class=\"warning-list\">\n");
    for w in first.iter().chain(&rest).take(WARNINGS_ON_PAGE) {
        let _ = writeln!(
            out,
            "<li class=\"warning {}\" data-rule=\"{}\"><strong>{}</strong> <span class=\"message\">{}</span></li>",
            w.kind.as_str(),
            esc(&w.rule),
            esc(&w.title),
            esc(&w.message)
        );
    }
    out.push_str("</ul>\n");
    let hidden = a.warnings.len().saturating_sub(WARNINGS_ON_PAGE);
    if hidden > 0 {
        let _ = writeln!(out, "<p class=\"more\">{}</p>", esc(&super::more(hidden)));
    }
    out.push_str("</section>\n");
}

/// The homework: each missing answer that could change the result, as the question to
/// ask; the ones that could change the recommendation come first and say so.
fn homework(out: &mut String, a: &Assessment) {
    let open: Vec<_> = a
        .unknowns
        .iter()
        .filter(|u| u.changes_recommendation || !u.could_change.is_empty())
        .collect();
    if open.is_empty() {
        return;
    }
    out.push_str("<section class=\"homework\">\n<h2>Homework: answers still missing</h2>\n<ol class=\"questions\">\n");
    for u in open.iter().take(QUESTIONS_ON_PAGE) {
        let question = &u.question;
        let (class, mark) = match u.changes_recommendation {
            true => (
                "decisive",
                " <strong class=\"mark\">(could change the recommendation)</strong>",
            ),
            false => ("open", ""),
        };
        let _ = writeln!(
            out,
            "<li class=\"{class}\" data-field=\"{}\">{}{mark}</li>",
            esc(&u.field),
            esc(question)
        );
    }
    out.push_str("</ol>\n");
    let hidden = open.len().saturating_sub(QUESTIONS_ON_PAGE);
    if hidden > 0 {
        let _ = writeln!(out, "<p class=\"more\">{}</p>", esc(&super::more(hidden)));
    }
    out.push_str("</section>\n");
}
