//! `partner-fit assess`: profile -> rules -> evaluate -> assessment -> render -> exit status.

use std::io::Write;

use anyhow::{Context, Result};

use super::output;
use crate::assessment::{self, Assessment, Entry, Failure};
use crate::cli::AssessArgs;
use crate::exit::ExitStatus;
use crate::rules::{self, RuleSource};
use crate::{engine, profile, render, suggest};

pub fn run(args: &AssessArgs) -> Result<ExitStatus> {
    let set =
        rules::load::load_for_evaluation(&RuleSource::from_option(args.rules.dir.as_deref()))?;
    if let Some(motion) = &args.motion {
        // Motions are data: the rules in use say which exist.
        let motions = &set.policy.motions;
        if !motions.contains(motion) {
            let near = suggest::nearest(motion, motions.iter().map(String::as_str));
            let hint = near
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            anyhow::bail!("--motion `{motion}` is not a motion these rules score\nhelp: {hint}the motions are {}", motions.join(", "));
        }
    }
    let mut status = ExitStatus::Passed;
    let mut entries = Vec::new();
    for path in &args.profiles {
        let shown = path.display().to_string();
        match profile::load(path) {
            Ok(profile) => {
                let facts = profile::facts::facts(&profile);
                let evaluation = engine::evaluate(&facts, &set);
                let assessed = assessment::build(&shown, &facts, &set, &evaluation);
                entries.push(Entry::Assessed(Box::new(assessed)));
            }
            Err(diagnostic) => {
                // Every profile is still reported; the run exits with the worst status.
                eprintln!("{diagnostic}\n");
                entries.push(Entry::Failed(Failure::new(&shown, &diagnostic)));
                status = status.max(ExitStatus::CouldNotAssess);
            }
        }
    }
    // One bad profile alone prints nothing on stdout: its error is the whole answer.
    if render::assessed(&entries).next().is_some() {
        let text = render::render_entries(
            &entries,
            output::format(args.output.format),
            output::stdout_style(args.output.color),
        );
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .context("writing the report")?;
        stdout.flush().context("writing the report")?;
    }
    let assessments: Vec<&Assessment> = render::assessed(&entries).collect();
    for a in assessments {
        for failure in threshold_failures(a, args) {
            eprintln!("{}: threshold failed: {failure}", a.profile);
            status = status.max(ExitStatus::ThresholdFailed);
        }
    }
    Ok(status)
}

/// Every threshold from the command line that the assessment misses, with the amount.
pub fn threshold_failures(a: &Assessment, args: &AssessArgs) -> Vec<String> {
    let mut failures = Vec::new();
    if let Some(min) = args.min_score {
        let motion = args.motion.as_deref().unwrap_or(&a.recommendation.motion);
        let score = a
            .motions
            .iter()
            .find(|m| m.motion == motion)
            .map_or(0, |m| u16::from(m.score));
        if score < min {
            let which = if args.motion.is_some() {
                ""
            } else {
                " (recommended)"
            };
            failures.push(format!(
                "{motion}{which} scores {score}, below --min-score {min} by {} point{}",
                min - score,
                if min - score == 1 { "" } else { "s" }
            ));
        }
    }
    if args.require_green_gate && a.gate.status != "green" {
        let list = |state: &str| {
            a.gate
                .conditions
                .iter()
                .filter(|c| c.state == state)
                .map(|c| c.rule.as_str())
                .collect::<Vec<_>>()
        };
        let (unmet, unknown) = (list("unmet"), list("unknown"));
        let mut detail = Vec::new();
        if !unmet.is_empty() {
            detail.push(format!("{} unmet: {}", unmet.len(), unmet.join(", ")));
        }
        if !unknown.is_empty() {
            detail.push(format!("{} unknown: {}", unknown.len(), unknown.join(", ")));
        }
        failures.push(format!(
            "the co-selling gate is `wait`, not green ({})",
            detail.join("; ")
        ));
    }
    failures
}
