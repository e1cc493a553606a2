//! What a command runs with, from the command line, the environment and the project
//! configuration together. The rules come from `--rules DIR`, then `PARTNER_FIT_RULES`
//! (clap reads both into one argument), then the `rules` of a `partner-fit.toml` found
//! upward from the current folder, then the built-in rules.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::assessment::thresholds::Thresholds;
use crate::assessment::{ConfigUsed, RulesUsed};
use crate::config::{self, Config};
use crate::rules::files::SourceFiles;
use crate::rules::RuleSource;

/// The settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The project configuration in force; `None` when there is none or `--no-config`.
    pub config: Option<Config>,
    /// Where the rules come from.
    pub rules: RuleSource,
    /// The folder the rules come from, when not the built-in ones.
    folder: Option<PathBuf>,
}

impl Settings {
    /// The settings for a command given `dir` (`--rules` or `PARTNER_FIT_RULES`), reading
    /// `partner-fit.toml` unless `no_config`.
    pub fn resolve(dir: Option<&Path>, no_config: bool) -> Result<Settings> {
        let config = if no_config {
            None
        } else {
            config::discover(Path::new("."))?
        };
        let folder = dir
            .map(Path::to_path_buf)
            .or_else(|| config.as_ref().and_then(|c| c.rules.clone()));
        Ok(Settings {
            rules: RuleSource::from_option(folder.as_deref()),
            folder,
            config,
        })
    }

    /// The provenance a report states for rules read from `files`: the folder, and the
    /// configuration file when it is what named the folder.
    pub fn rules_used(&self, dir_given: bool, files: &SourceFiles) -> RulesUsed {
        let used = RulesUsed::new(self.folder.as_deref(), &self.rules.root(), files);
        match &self.config {
            Some(config) if !dir_given && config.rules.is_some() => {
                used.named_in(&config.path.display().to_string())
            }
            _ => used,
        }
    }

    /// What the configuration found changed in a run with `thresholds` (`dir_given`: the
    /// rules folder came from `--rules` or `PARTNER_FIT_RULES`, or no rules were read, so
    /// the file's `rules` changed nothing); `None` when none was found.
    pub fn config_used(&self, dir_given: bool, thresholds: &Thresholds) -> Option<ConfigUsed> {
        let config = self.config.as_ref()?;
        let set_in = &thresholds.set_in;
        Some(ConfigUsed {
            file: config.path.display().to_string(),
            rules: config
                .rules
                .as_ref()
                .filter(|_| !dir_given)
                .map(|dir| dir.display().to_string()),
            min_score: thresholds.min_score.filter(|_| set_in.min_score.is_some()),
            require_green_gate: set_in.green_gate.is_some(),
            require_evidence: set_in.evidence.is_some(),
        })
    }

    /// Says on stderr what the configuration found changed in a command whose output does
    /// not (`diff`, `rules list`, the interview, `assess --quiet`): "note: partner-fit.toml
    /// sets rules = acme-rules". Nothing when none was found or it changed nothing.
    pub fn note_config(&self, dir_given: bool, thresholds: &Thresholds) {
        if let Some(line) = self
            .config_used(dir_given, thresholds)
            .as_ref()
            .and_then(ConfigUsed::line)
        {
            crate::note!("note: {}", crate::shown::line(&line));
        }
    }
}
