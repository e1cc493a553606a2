//! `partner-fit assess`: profile -> rules -> evaluate -> assessment -> render -> exit status.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::output;
use crate::assessment::{self, Assessment, Entry, Failure};
use crate::cli::AssessArgs;
use crate::diagnostic::Diagnostic;
use crate::exit::ExitStatus;
use crate::rules::{self, RuleSet, RuleSource};
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
    // Profiles are independent: with many of them, every core takes a share, and renders
    // its profiles' parts of the report too. Chunks keep the order given.
    let format = output::format(args.output.format);
    let style = output::stdout_style(args.output.color);
    let among_many = args.profiles.len() > 1;
    let assess = |path: &Path| {
        let (entry, problem) = assess_one(path, &set);
        let part = render::part(&entry, format, style, among_many);
        (entry, problem, part)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = args.profiles.len().div_ceil(threads).max(1);
    let assessed: Vec<(Entry, Option<Diagnostic>, String)> = if chunk == args.profiles.len() {
        args.profiles.iter().map(|p| assess(p)).collect()
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = args
                .profiles
                .chunks(chunk)
                .map(|paths| scope.spawn(|| paths.iter().map(|p| assess(p)).collect::<Vec<_>>()))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("assessing a profile does not panic"))
                .collect()
        })
    };
    let mut status = ExitStatus::Passed;
    let mut entries = Vec::with_capacity(assessed.len());
    let mut parts = Vec::with_capacity(assessed.len());
    for (entry, problem, part) in assessed {
        if let Some(diagnostic) = problem {
            // Every profile is still reported; the run exits with the worst status.
            eprintln!("{diagnostic}\n");
            status = status.max(ExitStatus::CouldNotAssess);
        }
        entries.push(entry);
        parts.push(part);
    }
    // One bad profile alone prints nothing on stdout: its error is the whole answer.
    if render::assessed(&entries).next().is_some() {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let written = render::write_report(&mut stdout, &entries, parts, format, style)
            .and_then(|()| stdout.flush());
        match written {
            // A reader that stops early (`| head`) wants no more of the report; the
            // thresholds below and the exit status still stand.
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
            written => written.context("writing the report")?,
        }
    }
    let assessments: Vec<&Assessment> = render::assessed(&entries).collect();
    for a in assessments {
        for failure in threshold_failures(a, args) {
            eprintln!("{}: threshold failed: {failure}", a.profile);
            status = status.max(ExitStatus::ThresholdFailed);
        }
    }
    // The process ends here: freeing the rule set and the reports one by one would only
    // cost time.
    std::mem::forget(entries);
    std::mem::forget(set);
    Ok(status)
}

/// One profile through the pipeline: its assessment, or the reason it has none.
fn assess_one(path: &Path, set: &RuleSet) -> (Entry, Option<Diagnostic>) {
    let shown = path.display().to_string();
    match profile::load(path) {
        Ok(profile) => {
            let facts = profile::facts::facts(&profile);
            let evaluation = engine::evaluate(&facts, set);
            let assessed = assessment::build(&shown, &facts, set, &evaluation);
            (Entry::Assessed(Box::new(assessed)), None)
        }
        Err(diagnostic) => {
            let failure = Entry::Failed(Failure::new(&shown, &diagnostic));
            (failure, Some(diagnostic))
        }
    }
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
            "the readiness gate is `wait`, not green ({})",
            detail.join("; ")
        ));
    }
    failures
}
