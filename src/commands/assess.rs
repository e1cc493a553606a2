//! `partner-fit assess`: profile -> rules -> evaluate -> assessment -> render -> exit status.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::annotations;
use super::inputs::{self, Input};
use super::output;
use super::settings::Settings;
use crate::assessment::handover::Handover;
use crate::assessment::portfolio::Portfolio;
use crate::assessment::thresholds::{self, SetIn, Thresholds};
use crate::assessment::{Entry, Failure};
use crate::cli::{AssessArgs, OutputFormat, ThresholdArgs};
use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::exit::ExitStatus;
use crate::rules::{self, RuleSet};
use crate::{profile, render, suggest};

pub fn run(args: &AssessArgs) -> Result<ExitStatus> {
    let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
    let (set, files) = rules::load::load_with_files(&settings.rules)?;
    let used = settings.rules_used(args.rules.dir.is_some(), &files);
    let thresholds = thresholds_of(&args.thresholds, settings.config.as_ref())?;
    let config = settings.config_used(args.rules.dir.is_some(), &thresholds);
    for (flag, motion) in [
        ("--motion", &args.thresholds.motion),
        ("--target", &args.target),
    ] {
        if let Some(motion) = motion {
            check_motion(flag, motion, &set)?;
        }
    }
    // `--format github` writes annotations in place of a report: `None` here.
    let asked = output::format(args.output.format);
    let format = asked.unwrap_or(render::Format::Table);
    let style = output::stdout_style(args.output.color);
    let inputs = inputs::gather(&args.profiles)?;
    let handover = Handover {
        date: crate::calendar::today(),
        prepared_by: args.prepared_by.clone(),
    };
    let many = inputs.len() > 1;
    // `--quiet` drops the per-profile report; the JSON report is one document, kept whole.
    let report = asked.is_some() && (!args.quiet || args.output.format == OutputFormat::Json);
    let layout = render::Layout {
        many,
        brief: args.brief,
    };
    let assess = |input: &Input| {
        let (entry, problem) =
            assess_one(input, &set, &thresholds, args.target.as_deref(), &handover);
        let part = if report {
            render::part(&entry, format, style, layout)
        } else {
            String::new()
        };
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
        inputs.par_iter().map(assess).collect()
    } else {
        inputs.iter().map(assess).collect()
    };
    let mut status = ExitStatus::Passed;
    for problem in results.iter().filter_map(|r| r.problem.as_ref()) {
        // Every profile is still reported; the run exits with the worst status.
        crate::note!("{problem}\n");
        status = status.max(ExitStatus::CouldNotAssess);
    }
    if asked.is_none() {
        write_annotations(&inputs, &results, &set)?;
    }
    let (entries, parts): (Vec<Entry>, Vec<String>) =
        results.into_iter().map(|r| (r.entry, r.part)).unzip();
    // The focus is for a run on several partners; JSON always has it, so its shape does
    // not depend on the number of profiles.
    let portfolio = set
        .policy
        .portfolio
        .as_ref()
        .filter(|_| many || format == render::Format::Json)
        .map(|p| Portfolio::new(&entries, p));
    // Which rules were used belongs to the report, which `--quiet` leaves out.
    let ending = render::Ending {
        rules: report.then_some(&used),
        config: config.as_ref(),
        portfolio: portfolio.as_ref(),
    };
    if !report {
        // `--quiet` (or `--format github`) leaves out the report that would have said so.
        settings.note_config(args.rules.dir.is_some(), &thresholds);
    }
    if asked.is_some() {
        let pager = output::pager(args.no_pager);
        write_report(&entries, ending, parts, format, style, layout, pager)?;
    }
    let mut failed = 0;
    for a in render::assessed(&entries) {
        let failures: Vec<String> = a
            .thresholds
            .iter()
            .filter_map(thresholds::failure_line)
            .collect();
        for failure in &failures {
            crate::note!(
                "{}: threshold failed: {failure}",
                crate::shown::line(&a.profile)
            );
            status = status.max(ExitStatus::ThresholdFailed);
        }
        failed += usize::from(!failures.is_empty());
    }
    if many || thresholds_given(&thresholds) {
        let unreadable = render::failed(&entries).count();
        crate::note!(
            "{}",
            closing_line(
                entries.len(),
                failed,
                unreadable,
                thresholds_given(&thresholds)
            )
        );
    }
    Ok(status)
}

/// The thresholds of the run: the command line's, over the configuration's defaults.
pub fn thresholds_of(args: &ThresholdArgs, config: Option<&Config>) -> Result<Thresholds> {
    let defaults = configured(config);
    // A threshold the command line gives is the command line's, even where the file
    // sets it too.
    let set_in = SetIn {
        min_score: defaults
            .set_in
            .min_score
            .filter(|_| args.min_score.is_none()),
        green_gate: defaults
            .set_in
            .green_gate
            .filter(|_| !args.require_green_gate),
        evidence: defaults.set_in.evidence.filter(|_| !args.require_evidence),
    };
    let thresholds = Thresholds {
        min_score: args.min_score.or(defaults.min_score),
        motion: args.motion.clone(),
        require_green_gate: args.require_green_gate || defaults.require_green_gate,
        require_evidence: args.require_evidence || defaults.require_evidence,
        set_in,
    };
    if thresholds.motion.is_some() && thresholds.min_score.is_none() {
        anyhow::bail!(
            "--motion names the motion a minimum score applies to, and no minimum score is set\n\
             help: add `--min-score N`, or `min_score = N` in {}",
            crate::config::FILE
        );
    }
    Ok(thresholds)
}

/// The thresholds a `partner-fit.toml` sets, with no flag given.
pub fn configured(config: Option<&Config>) -> Thresholds {
    let config = config.cloned().unwrap_or_default();
    let file = config.path.display().to_string();
    let set = |on: bool| on.then(|| file.clone());
    Thresholds {
        min_score: config.min_score,
        motion: None,
        require_green_gate: config.require_green_gate,
        require_evidence: config.require_evidence,
        set_in: SetIn {
            min_score: set(config.min_score.is_some()),
            green_gate: set(config.require_green_gate),
            evidence: set(config.require_evidence),
        },
    }
}

/// Refuses a motion named on the command line (`flag`) that the rules in use do not
/// score, suggesting the nearest one.
pub fn check_motion(flag: &str, motion: &str, set: &RuleSet) -> Result<()> {
    // Motions are data: the rules in use say which exist.
    let motions = &set.policy.motions;
    if !motions.iter().any(|m| m == motion) {
        let near = suggest::nearest(motion, motions.iter().map(String::as_str));
        let hint = near
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        anyhow::bail!(
            "{flag} `{motion}` is not a motion these rules score\nhelp: {hint}the motions are {}",
            motions.join(", ")
        );
    }
    Ok(())
}

/// What `partner-fit assess PATH [--target MOTION]` prints on stdout in a table for one profile file: the
/// interview shows exactly this for the profile it saved. `Err` holds why the file could
/// not be assessed, as `assess` would report it.
pub fn table_report(
    path: &Path,
    set: &RuleSet,
    used: &crate::assessment::RulesUsed,
    config: Option<&crate::assessment::ConfigUsed>,
    thresholds: &Thresholds,
    target: Option<&str>,
    style: render::Style,
) -> Result<String, Diagnostics> {
    let handover = Handover {
        date: crate::calendar::today(),
        prepared_by: None,
    };
    report_of(
        path,
        (set, used, thresholds, target),
        config,
        (render::Format::Table, style),
        &handover,
    )
}

/// What `partner-fit assess PATH --format html [--prepared-by NAME]` prints for one
/// profile file: the page the interview writes with `--report`.
pub fn html_report(
    path: &Path,
    (set, used, thresholds, target): (
        &RuleSet,
        &crate::assessment::RulesUsed,
        &Thresholds,
        Option<&str>,
    ),
    config: Option<&crate::assessment::ConfigUsed>,
    prepared_by: Option<&str>,
) -> Result<String, Diagnostics> {
    let handover = Handover {
        date: crate::calendar::today(),
        prepared_by: prepared_by.map(str::to_string),
    };
    report_of(
        path,
        (set, used, thresholds, target),
        config,
        (render::Format::Html, render::Style::PLAIN),
        &handover,
    )
}

/// One profile file's report in `format`, ending with the rules used and what the
/// configuration changed.
fn report_of(
    path: &Path,
    (set, used, thresholds, target): (
        &RuleSet,
        &crate::assessment::RulesUsed,
        &Thresholds,
        Option<&str>,
    ),
    config: Option<&crate::assessment::ConfigUsed>,
    (format, style): (render::Format, render::Style),
    handover: &Handover,
) -> Result<String, Diagnostics> {
    let (entry, problem) = assess_one(
        &Input::File(path.to_path_buf()),
        set,
        thresholds,
        target,
        handover,
    );
    if let Some(problem) = problem {
        return Err(problem);
    }
    let ending = render::Ending {
        rules: Some(used),
        config,
        portfolio: None,
    };
    Ok(render::render_entries(&[entry], ending, format, style))
}

/// Whether the run sets any threshold a profile can fail.
pub fn thresholds_given(thresholds: &Thresholds) -> bool {
    thresholds.min_score.is_some() || thresholds.require_green_gate || thresholds.require_evidence
}

/// The run in one line, for the end of a CI log: of `total` profiles, how many `failed` a
/// threshold and how many could not be read.
fn closing_line(total: usize, failed: usize, unreadable: usize, thresholds: bool) -> String {
    let profiles = |n: usize| format!("{n} profile{}", if n == 1 { "" } else { "s" });
    match (failed, unreadable) {
        (0, 0) if total == 1 => "the profile passed".to_string(),
        (0, 0) if thresholds => format!("all {} passed", profiles(total)),
        (0, 0) => format!("all {} were assessed", profiles(total)),
        _ if total == 1 && failed == 1 => "the profile failed a threshold".to_string(),
        _ if total == 1 => "the profile could not be read".to_string(),
        (0, _) => format!("{unreadable} of {} could not be read", profiles(total)),
        (_, 0) => format!("{failed} of {} failed a threshold", profiles(total)),
        _ => format!(
            "{failed} of {} failed a threshold, {unreadable} could not be read",
            profiles(total)
        ),
    }
}

/// Writes `--format github`'s annotations on stdout: each profile's errors, or its
/// failed thresholds, in the order the profiles were given.
fn write_annotations(inputs: &[Input], results: &[Assessed], set: &RuleSet) -> Result<()> {
    let mut found = Vec::new();
    for (input, result) in inputs.iter().zip(results) {
        if let Some(problems) = &result.problem {
            found.extend(annotations::problems(problems));
        }
        let Entry::Assessed(a) = &result.entry else {
            continue;
        };
        // The text is read again only to place a failure on the line it rests on.
        let (path, text) = match input {
            Input::File(path) if a.thresholds.iter().any(|t| !t.passed) => {
                (Some(path.as_path()), profile::load::read(path).ok())
            }
            Input::File(path) => (Some(path.as_path()), None),
            // Standard input has no file to mark.
            Input::Stdin(_) => (None, None),
        };
        found.extend(annotations::thresholds(a, path, text.as_deref(), set));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(render::github::render(&found).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("writing the annotations"),
    }
}

/// One profile's entry in the report, the reason it could not be assessed, and its part
/// of the report.
struct Assessed {
    entry: Entry,
    problem: Option<Diagnostics>,
    part: String,
}

/// Writes the report on stdout: the parts in order, then how the report ends. When no
/// profile could be assessed, the errors on stderr are the whole answer of the text
/// reports and their stdout stays empty; JSON still gives its object, with every error.
///
/// With a pager (stdout is a terminal), the report is first written to memory: only a
/// report taller than the screen goes through the pager.
fn write_report(
    entries: &[Entry],
    ending: render::Ending,
    parts: Vec<String>,
    format: render::Format,
    style: render::Style,
    layout: render::Layout,
    pager: Option<output::Pager>,
) -> Result<()> {
    if format != render::Format::Json && render::assessed(entries).next().is_none() {
        return Ok(());
    }
    let write = |out: &mut dyn Write| {
        let mut out = out;
        render::write_start(&mut out, entries, ending, format, style)
            .and_then(|()| render::write_parts(&mut out, parts, format))
            .and_then(|()| render::write_end(&mut out, entries, ending, format, style, layout))
    };
    let written = match pager {
        Some(pager) => {
            let mut text = Vec::new();
            write(&mut text).and_then(|()| pager.show(&text))
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut stdout).and_then(|()| stdout.flush())
        }
    };
    match written {
        // A reader that stops early (`| head`) wants no more of the report; every profile
        // was assessed, so the thresholds and the exit status still hold.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("writing the report"),
    }
}

/// One profile through the pipeline: its assessment with the thresholds evaluated, or
/// the reason it has none.
fn assess_one(
    input: &Input,
    set: &RuleSet,
    given: &Thresholds,
    target: Option<&str>,
    handover: &Handover,
) -> (Entry, Option<Diagnostics>) {
    let (shown, loaded) = match input {
        Input::File(path) => (
            path.display().to_string(),
            profile::load::read(path).and_then(|text| inputs::checked(path, &text, set)),
        ),
        Input::Stdin(text) => (
            inputs::STDIN.to_string(),
            match text {
                Ok(text) => inputs::checked(Path::new(inputs::STDIN), text, set),
                Err(diagnostic) => Err(Diagnostics::from(diagnostic.clone())),
            },
        ),
    };
    match loaded {
        Ok(profile) => {
            let mut assessed = crate::assessment::assess_for(&profile, set, target);
            assessed.profile = shown;
            assessed.thresholds = thresholds::evaluate(&assessed, given);
            assessed.handover = Some(handover.clone());
            (Entry::Assessed(Box::new(assessed)), None)
        }
        Err(problems) => {
            // The entry holds every problem the loader found.
            let failure = Entry::Failed(Failure::new(&shown, &problems.0));
            (failure, Some(problems))
        }
    }
}
