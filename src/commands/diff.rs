//! `partner-fit diff OLD NEW`: each side (a profile assessed now, or a saved format-2
//! report) -> its assessments as the contract states them -> comparison -> render.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::output;
use super::settings::Settings;
use crate::assessment::report::FORMAT;
use crate::assessment::thresholds::Thresholds;
use crate::assessment::RulesUsed;
use crate::cli::diff::{DiffArgs, DiffFormat};
use crate::diff::{Comparison, Side, Snapshot};
use crate::exit::ExitStatus;
use crate::render;
use crate::rules::{self, RuleSet};

pub fn run(args: &DiffArgs) -> Result<ExitStatus> {
    // The rules are read only when a side is a profile to assess.
    let mut rules: Option<(RuleSet, RulesUsed, Thresholds)> = None;
    let mut side = |path: &Path| -> Result<(Vec<Side>, Option<String>)> {
        if is_report(path)? {
            return report(path);
        }
        if rules.is_none() {
            let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
            let (set, files) = rules::load::load_with_files(&settings.rules)?;
            let used = settings.rules_used(args.rules.dir.is_some(), &files);
            let thresholds = super::assess::configured(settings.config.as_ref());
            rules = Some((set, used, thresholds));
        }
        let (set, used, thresholds) = rules.as_ref().expect("the rules were just read");
        let text = crate::profile::load::read(path)?;
        let profile = super::inputs::checked(path, &text, set)?;
        let mut assessed = crate::assess(&profile, set);
        assessed.profile = path.display().to_string();
        // The thresholds partner-fit.toml sets, as `assess` applies them, so a change
        // that passes or fails one shows.
        assessed.thresholds = crate::assessment::thresholds::evaluate(&assessed, thresholds);
        let value = serde_json::to_value(&assessed).context("the assessment as JSON")?;
        let snapshot: Snapshot =
            serde_json::from_value(value).context("the assessment as the contract states it")?;
        Ok((
            vec![Side::Assessed(Box::new(snapshot))],
            Some(used.digest.clone()),
        ))
    };
    let old = side(&args.old)?;
    let new = side(&args.new)?;
    let comparison = Comparison::new((&old.0, old.1), (&new.0, new.1));
    let style = output::stdout_style(crate::cli::ColorChoice::Never);
    super::print(&render::diff::render(
        &comparison,
        match args.format {
            DiffFormat::Table => render::Format::Table,
            DiffFormat::Json => render::Format::Json,
            DiffFormat::Markdown => render::Format::Markdown,
        },
        style,
    ))?;
    Ok(if args.exit_code && comparison.any_change() {
        ExitStatus::ThresholdFailed
    } else {
        ExitStatus::Passed
    })
}

/// Whether `path` holds a saved JSON report rather than a profile: by its extension, or
/// by its first character, since a report saved by a pipeline may have any name.
fn is_report(path: &Path) -> Result<bool> {
    if path.extension().is_some_and(|e| e == "json") {
        return Ok(true);
    }
    if path.extension().is_some_and(|e| e == "toml") {
        return Ok(false);
    }
    let text = read(path)?;
    Ok(text.trim_start().starts_with('{'))
}

/// The profiles of a saved report, with the digest of its rules.
fn report(path: &Path) -> Result<(Vec<Side>, Option<String>)> {
    let shown = path.display();
    let text = read(path)?;
    let top: Value = serde_json::from_str(&text).with_context(|| {
        format!("`{shown}` is not JSON\nhelp: save a report with `partner-fit assess PROFILE --format json > {shown}`")
    })?;
    // A comparison has the report's `format` and a `profiles` array too; its `kind` tells it
    // apart before its entries are misread as assessments.
    if let Some(kind) = top.get("kind").and_then(Value::as_str) {
        bail!(
            "`{shown}` is the JSON of `partner-fit {kind}`, not a report\nhelp: compare two reports of `partner-fit assess --format json`"
        );
    }
    let format = top.get("format").and_then(Value::as_u64);
    if format != Some(u64::from(FORMAT)) {
        let found = format.map_or("no format".to_string(), |f| format!("format {f}"));
        bail!(
            "`{shown}` is not a partner-fit report in format {FORMAT} ({found})\nhelp: assess the profiles again with `partner-fit assess --format json` and save that"
        );
    }
    let Some(profiles) = top.get("profiles").and_then(Value::as_array) else {
        bail!("`{shown}` has no `profiles` array\nhelp: save the whole `partner-fit assess --format json` output");
    };
    let mut sides = Vec::with_capacity(profiles.len());
    for (i, entry) in profiles.iter().enumerate() {
        let name = entry
            .get("profile")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        if let Some(error) = entry.get("error") {
            let message = error.get("message").and_then(Value::as_str).unwrap_or("");
            sides.push(Side::Unreadable {
                profile: name,
                problem: message.to_string(),
            });
            continue;
        }
        let snapshot: Snapshot = serde_json::from_value(entry.clone()).with_context(|| {
            format!("`{shown}`: profiles[{i}] ({name}) is not an assessment in format {FORMAT}")
        })?;
        sides.push(Side::Assessed(Box::new(snapshot)));
    }
    let digest = top
        .pointer("/rules/digest")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((sides, digest))
}

/// A side's text. A report has no size limit (it grows with the profiles it holds), but
/// like every input it must be a regular file, so a FIFO or a device never blocks.
fn read(path: &Path) -> Result<String> {
    let bytes = crate::read_file::read(path, None)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    String::from_utf8(bytes).with_context(|| format!("`{}` is not UTF-8 text", path.display()))
}
