//! `partner-fit assess`: profile -> rules -> evaluate -> assessment -> render -> exit status.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::output;
use crate::assessment::thresholds::{self, Thresholds};
use crate::assessment::{Entry, Failure, RulesUsed};
use crate::cli::AssessArgs;
use crate::diagnostic::Diagnostic;
use crate::exit::ExitStatus;
use crate::rules::{self, RuleSet, RuleSource};
use crate::{profile, render, suggest};

pub fn run(args: &AssessArgs) -> Result<ExitStatus> {
    let source = RuleSource::from_option(args.rules.dir.as_deref());
    let (set, files) = rules::load::load_with_files(&source)?;
    let used = RulesUsed::new(args.rules.dir.as_deref(), &source.root(), &files);
    let thresholds = Thresholds {
        min_score: args.min_score,
        motion: args.motion.clone(),
        require_green_gate: args.require_green_gate,
        require_evidence: args.require_evidence,
    };
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
    let format = output::format(args.output.format);
    let style = output::stdout_style(args.output.color);
    let many = args.profiles.len() > 1;
    let assess = |path: &PathBuf| {
        let (entry, problem) = assess_one(path, &set, &thresholds);
        let part = render::part(&entry, format, style);
        Assessed {
            entry,
            problem,
            part,
        }
    };
    // Profiles are independent, so several are assessed and their parts of the report
    // rendered on every core; the results come back in the order given. One profile
    // runs on this thread: starting the threads would take longer than assessing it.
    let results: Vec<Assessed> = if many {
        args.profiles.par_iter().map(assess).collect()
    } else {
        args.profiles.iter().map(assess).collect()
    };
    let mut status = ExitStatus::Passed;
    for problem in results.iter().filter_map(|r| r.problem.as_ref()) {
        // Every profile is still reported; the run exits with the worst status.
        eprintln!("{problem}\n");
        status = status.max(ExitStatus::CouldNotAssess);
    }
    let (entries, parts): (Vec<Entry>, Vec<String>) =
        results.into_iter().map(|r| (r.entry, r.part)).unzip();
    write_report(&entries, &used, parts, format, style)?;
    for a in render::assessed(&entries) {
        for failure in a.thresholds.iter().filter_map(thresholds::failure_line) {
            eprintln!("{}: threshold failed: {failure}", a.profile);
            status = status.max(ExitStatus::ThresholdFailed);
        }
    }
    Ok(status)
}

/// One profile's entry in the report, the reason it could not be assessed, and its part
/// of the report.
struct Assessed {
    entry: Entry,
    problem: Option<Diagnostic>,
    part: String,
}

/// Writes the report on stdout: the parts in order, then how the report ends. When no
/// profile could be assessed, the errors on stderr are the whole answer of the text
/// reports and their stdout stays empty; JSON still gives its object, with every error.
fn write_report(
    entries: &[Entry],
    rules: &RulesUsed,
    parts: Vec<String>,
    format: render::Format,
    style: render::Style,
) -> Result<()> {
    if format != render::Format::Json && render::assessed(entries).next().is_none() {
        return Ok(());
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = render::write_parts(&mut stdout, parts, format)
        .and_then(|()| render::write_end(&mut stdout, entries, Some(rules), format, style))
        .and_then(|()| stdout.flush());
    match written {
        // A reader that stops early (`| head`) wants no more of the report; every profile
        // was assessed, so the thresholds and the exit status still hold.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("writing the report"),
    }
}

/// One profile through the pipeline: its assessment with the thresholds evaluated, or
/// the reason it has none.
fn assess_one(path: &Path, set: &RuleSet, given: &Thresholds) -> (Entry, Option<Diagnostic>) {
    let shown = path.display().to_string();
    match profile::load(path) {
        Ok(profile) => {
            let mut assessed = crate::assess(&profile, set);
            assessed.profile = shown;
            assessed.thresholds = thresholds::evaluate(&assessed, given);
            (Entry::Assessed(Box::new(assessed)), None)
        }
        Err(diagnostic) => {
            let failure = Entry::Failed(Failure::new(&shown, std::slice::from_ref(&diagnostic)));
            (failure, Some(diagnostic))
        }
    }
}
