//! `partner-fit assess`: profile -> rules -> evaluate -> assessment -> render -> exit status.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::output;
use crate::assessment::{Assessment, Entry, Failure, GateStatus, Truth};
use crate::cli::AssessArgs;
use crate::diagnostic::Diagnostic;
use crate::exit::ExitStatus;
use crate::rules::{self, RuleSet, RuleSource};
use crate::{profile, render, suggest};

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
    let format = output::format(args.output.format);
    let style = output::stdout_style(args.output.color);
    let count = args.profiles.len();
    let mut status = ExitStatus::Passed;
    let mut entries: Vec<Entry> = Vec::with_capacity(count);
    let mut report = |results: &mut dyn Iterator<Item = Assessed>| {
        write_report(results, count, format, style, &mut entries, &mut status)
    };
    let assess = |path: &Path| -> Assessed {
        let (entry, problem) = assess_one(path, &set);
        let part = render::part(&entry, format, style, count > 1);
        (entry.standing(), problem, part)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if count == 1 || threads == 1 {
        report(&mut args.profiles.iter().map(|p| assess(p)))?;
    } else {
        in_parallel(&args.profiles, threads, &assess, report)?;
    }
    for a in render::assessed(&entries) {
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

/// Writes the report from the results, in the order given: prints each diagnostic on the
/// way, keeps each entry (as its standing) in `entries` and the worst status in `status`.
fn write_report(
    results: &mut dyn Iterator<Item = Assessed>,
    count: usize,
    format: render::Format,
    style: render::Style,
    entries: &mut Vec<Entry>,
    status: &mut ExitStatus,
) -> Result<()> {
    let any_assessed = std::cell::Cell::new(false);
    let mut parts = results.map(|(entry, problem, part)| {
        if let Some(diagnostic) = problem {
            // Every profile is still reported; the run exits with the worst status.
            eprintln!("{diagnostic}\n");
            *status = (*status).max(ExitStatus::CouldNotAssess);
        }
        any_assessed.set(any_assessed.get() || matches!(entry, Entry::Assessed(_)));
        entries.push(entry);
        part
    });
    // Parts wait until one profile is assessed: when none is, the errors are the whole
    // answer and stdout stays empty.
    let mut waiting = Vec::new();
    while !any_assessed.get() {
        match parts.next() {
            Some(part) => waiting.push(part),
            None => return Ok(()),
        }
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = render::write_parts(
        &mut stdout,
        count,
        waiting.into_iter().chain(parts.by_ref()),
        format,
    );
    // A reader that stops early (`| head`) wants no more of the report; the profiles left
    // are still assessed, for their errors, the thresholds and the exit status.
    let closed = |err: &std::io::Error| err.kind() == std::io::ErrorKind::BrokenPipe;
    if written.as_ref().is_err_and(closed) {
        parts.for_each(drop);
        return Ok(());
    }
    drop(parts);
    let written = written
        .and_then(|()| render::write_end(&mut stdout, entries, format, style))
        .and_then(|()| stdout.flush());
    match written {
        Err(err) if closed(&err) => Ok(()),
        written => written.context("writing the report"),
    }
}

/// Runs `assess` over the profiles on every core and hands the results to `report` in
/// the order given. Profiles are independent: each core takes the next batch as it comes
/// free, and renders its parts of the report too; parts are written as soon as they are
/// ready, so memory holds only those waiting for an earlier batch.
fn in_parallel(
    profiles: &[std::path::PathBuf],
    threads: usize,
    assess: &(dyn Fn(&Path) -> Assessed + Sync),
    report: impl FnOnce(&mut dyn Iterator<Item = Assessed>) -> Result<()>,
) -> Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, Vec<Assessed>)>(2 * threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || loop {
                let start = next.fetch_add(BATCH, std::sync::atomic::Ordering::Relaxed);
                let Some(paths) = profiles.get(start..).filter(|p| !p.is_empty()) else {
                    break;
                };
                let batch = paths.iter().take(BATCH).map(|p| assess(p)).collect();
                // The report has stopped (its reader went away): nothing is waiting.
                if sender.send((start, batch)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        report(&mut in_order(receiver))
    })
}

/// A profile's standing (or failure), the reason it could not be assessed, and its part
/// of the report.
type Assessed = (Entry, Option<Diagnostic>, String);

/// Profiles a worker takes at a time: one message per batch rather than per profile
/// keeps the writer from being woken a thousand times, and a batch's parts are few
/// enough to wait in memory.
const BATCH: usize = 16;

/// The results from the workers, in the order of the profiles: batches arrive by their
/// first index, in any order.
fn in_order(
    receiver: std::sync::mpsc::Receiver<(usize, Vec<Assessed>)>,
) -> impl Iterator<Item = Assessed> {
    let mut early = std::collections::BTreeMap::new();
    let mut next = 0;
    let mut current = Vec::new().into_iter();
    std::iter::from_fn(move || loop {
        if let Some(result) = current.next() {
            return Some(result);
        }
        if let Some(batch) = early.remove(&next) {
            let batch: Vec<Assessed> = batch;
            next += batch.len();
            current = batch.into_iter();
            continue;
        }
        let (start, batch) = receiver.recv().ok()?;
        early.insert(start, batch);
    })
}

/// One profile through the pipeline: its assessment, or the reason it has none.
fn assess_one(path: &Path, set: &RuleSet) -> (Entry, Option<Diagnostic>) {
    let shown = path.display().to_string();
    match profile::load(path) {
        Ok(profile) => {
            let mut assessed = crate::assess(&profile, set);
            assessed.profile = shown;
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
    if args.require_green_gate && a.gate.status != GateStatus::Green {
        let list = |state: Truth| {
            a.gate
                .conditions
                .iter()
                .filter(|c| c.state == state)
                .map(|c| c.rule.as_str())
                .collect::<Vec<_>>()
        };
        let (unmet, unknown) = (list(Truth::Unmet), list(Truth::Unknown));
        let mut detail = Vec::new();
        if !unmet.is_empty() {
            detail.push(format!("{} unmet: {}", unmet.len(), unmet.join(", ")));
        }
        if !unknown.is_empty() {
            detail.push(format!("{} unknown: {}", unknown.len(), unknown.join(", ")));
        }
        failures.push(format!(
            "the readiness gate is `{}`, not green ({})",
            a.gate.status.as_str(),
            detail.join("; ")
        ));
    }
    failures
}
