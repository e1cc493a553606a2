//! `partner-fit diff OLD NEW`: each side (a profile assessed now, or a saved format-2
//! report) -> its assessments as the contract states them -> comparison -> render.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::output;
use super::settings::Settings;
use crate::assessment::report::FORMAT;
use crate::assessment::RulesUsed;
use crate::cli::diff::{DiffArgs, DiffFormat};
use crate::diff::{Comparison, Side, Snapshot};
use crate::exit::ExitStatus;
use crate::render;
use crate::rules::{self, RuleSet};

pub fn run(args: &DiffArgs) -> Result<ExitStatus> {
    let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
    // The thresholds `assess` would apply: the flags over partner-fit.toml's.
    let thresholds = super::assess::thresholds_of(&args.thresholds, settings.config.as_ref())?;
    let mut rules = Rules {
        settings: &settings,
        dir_given: args.rules.dir.is_some(),
        loaded: None,
    };
    if let Some(motion) = &thresholds.motion {
        super::assess::check_motion("--motion", motion, &rules.get()?.0)?;
    }
    let (old_kind, new_kind) = (Kind::of(&args.old)?, Kind::of(&args.new)?);
    if old_kind == Kind::Missing && new_kind == Kind::Missing {
        bail!(
            "neither `{}` nor `{}` exists\nhelp: name two profiles, two saved reports or two folders of profiles",
            args.old.display(),
            args.new.display()
        );
    }
    // Folders pair their profiles by file name; each side names them as the new folder
    // does (the old one is often a temporary checkout), or as the old one when the new
    // one is missing.
    let folders = [old_kind, new_kind]
        .iter()
        .any(|k| matches!(k, Kind::Folder | Kind::Missing));
    let shown_folder = if new_kind == Kind::Missing {
        &args.old
    } else {
        &args.new
    };
    let mut old = side(&args.old, old_kind, shown_folder, &mut rules)?;
    let mut new = side(&args.new, new_kind, shown_folder, &mut rules)?;
    // The comparison never names its rules or thresholds: what partner-fit.toml changed
    // is said here (its rules only when a side was assessed with them).
    let rules_unused = args.rules.dir.is_some() || rules.loaded.is_none();
    settings.note_config(rules_unused, &thresholds);
    for (kind, path, other) in [
        (old_kind, &args.old, &args.new),
        (new_kind, &args.new, &args.old),
    ] {
        if kind == Kind::Missing {
            crate::note!(
                "note: `{}` does not exist: every profile in `{}` is {}",
                crate::shown::path(path),
                crate::shown::path(other),
                if path == &args.old { "new" } else { "removed" }
            );
        }
    }
    if super::assess::thresholds_given(&thresholds) {
        for side in old.0.iter_mut().chain(new.0.iter_mut()) {
            if let Side::Assessed(snapshot) = side {
                snapshot.hold_to(&thresholds);
            }
        }
    }
    // A missing folder was assessed with no rules at all: it differs in none.
    if old_kind == Kind::Missing {
        old.1.clone_from(&new.1);
    }
    if new_kind == Kind::Missing {
        new.1.clone_from(&old.1);
    }
    let comparison = Comparison::new((&old.0, old.1), (&new.0, new.1), folders);
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

/// What a side names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A saved `assess --format json` report.
    Report,
    /// A profile, assessed now.
    Profile,
    /// A folder of profiles, each assessed now.
    Folder,
    /// A folder that does not exist (a pull request's base before the folder was
    /// added): a side with no profile.
    Missing,
}

impl Kind {
    fn of(path: &Path) -> Result<Kind> {
        if path.is_dir() {
            return Ok(Kind::Folder);
        }
        // A name with a file's extension that does not exist is a mistake to report,
        // not an empty side.
        let file_like = path.extension().is_some_and(|e| e == "toml" || e == "json");
        if !path.exists() && !file_like {
            return Ok(Kind::Missing);
        }
        Ok(if is_report(path)? {
            Kind::Report
        } else {
            Kind::Profile
        })
    }
}

/// The rules, read the first time a profile is to be assessed.
struct Rules<'a> {
    settings: &'a Settings,
    dir_given: bool,
    loaded: Option<(RuleSet, RulesUsed)>,
}

impl Rules<'_> {
    fn get(&mut self) -> Result<&(RuleSet, RulesUsed)> {
        if self.loaded.is_none() {
            let (set, files) = rules::load::load_with_files(&self.settings.rules)?;
            let used = self.settings.rules_used(self.dir_given, &files);
            self.loaded = Some((set, used));
        }
        Ok(self.loaded.as_ref().expect("the rules were just read"))
    }
}

/// A side's profiles, with the digest of the rules they were assessed with.
fn side(
    path: &Path,
    kind: Kind,
    shown_folder: &Path,
    rules: &mut Rules,
) -> Result<(Vec<Side>, Option<String>)> {
    match kind {
        Kind::Report => report(path),
        Kind::Missing => Ok((Vec::new(), None)),
        Kind::Profile => {
            let (set, used) = rules.get()?;
            let snapshot = assessed(path, &path.display().to_string(), set)?;
            Ok((
                vec![Side::Assessed(Box::new(snapshot))],
                Some(used.digest.clone()),
            ))
        }
        Kind::Folder => {
            let (files, _) = super::inputs::toml_files(path)?;
            let (set, used) = rules.get()?;
            let sides = files
                .iter()
                .map(|file| {
                    let name = shown_folder
                        .join(file.file_name().unwrap_or_default())
                        .display()
                        .to_string();
                    match assessed(file, &name, set) {
                        Ok(snapshot) => Side::Assessed(Box::new(snapshot)),
                        // A profile that cannot be read is reported, as a report lists it.
                        Err(err) => Side::Unreadable {
                            profile: name,
                            problem: problem_of(&err),
                        },
                    }
                })
                .collect();
            Ok((sides, Some(used.digest.clone())))
        }
    }
}

/// The first problem of an error, as a report's `error.message` states it.
fn problem_of(err: &anyhow::Error) -> String {
    match err.downcast_ref::<crate::diagnostic::Diagnostics>() {
        Some(d) => {
            d.0.first()
                .map_or_else(|| err.to_string(), |d| d.message.clone())
        }
        None => err.to_string(),
    }
}

/// A profile assessed now, named `name`, as the contract states it.
fn assessed(path: &Path, name: &str, set: &RuleSet) -> Result<Snapshot> {
    let text = crate::profile::load::read(path)?;
    let profile = super::inputs::checked(path, &text, set)?;
    let mut assessed = crate::assess(&profile, set);
    assessed.profile = name.to_string();
    let value = serde_json::to_value(&assessed).context("the assessment as JSON")?;
    serde_json::from_value(value).context("the assessment as the contract states it")
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
    // Profiles are matched by name between the sides: a name listed twice would be
    // compared with both of the other side's and give lines that contradict each other.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, entry) in profiles.iter().enumerate() {
        let name = entry
            .get("profile")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        if let Some(first) = seen.insert(name.clone(), i) {
            bail!(
                "`{shown}` lists the profile `{}` twice (profiles[{first}] and profiles[{i}])\nhelp: a report holds each profile once; save it again with `partner-fit assess --format json`",
                crate::shown::line(&name)
            );
        }
        if let Some(error) = entry.get("error") {
            let message = error.get("message").and_then(Value::as_str).unwrap_or("");
            sides.push(Side::Unreadable {
                profile: name,
                problem: message.to_string(),
            });
            continue;
        }
        // The path of the key that is wrong, so the message names it (`profiles[2].motions`).
        let snapshot: Snapshot =
            serde_path_to_error::deserialize(entry.clone()).map_err(|err| {
                anyhow::anyhow!(
                    "`{shown}`: profiles[{i}].{}: {} ({} is not an assessment in format {FORMAT})",
                    err.path(),
                    err.inner(),
                    crate::shown::line(&name)
                )
            })?;
        sides.push(Side::Assessed(Box::new(snapshot)));
    }
    let digest = top
        .pointer("/rules/digest")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((sides, digest))
}

/// The largest report `diff` reads. A report grows with the profiles it holds (the
/// thirteen examples make 690 KiB), so the profile limit would refuse real ones; this is
/// that limit for each of 128 profiles, and keeps what a report read into memory costs
/// bounded like every other input.
pub const MAX_REPORT_BYTES: u64 = 128 * crate::read_file::MAX_TEXT_BYTES;

/// A side's text: a regular file (a FIFO or a device never blocks) of at most
/// [`MAX_REPORT_BYTES`], UTF-8 with or without a byte-order mark.
fn read(path: &Path) -> Result<String> {
    let shown = crate::shown::path(path);
    let bytes = crate::read_file::read(path, Some(MAX_REPORT_BYTES))
        .with_context(|| format!("cannot read `{shown}`"))?;
    let text = String::from_utf8(bytes).with_context(|| format!("`{shown}` is not UTF-8 text"))?;
    // Some editors and shells on Windows save UTF-8 with a byte-order mark; JSON readers
    // skip it, and so does this one.
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
