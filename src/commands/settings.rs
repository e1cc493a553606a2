//! What a command runs with, from the command line, the environment and the project
//! configuration together. The rules come from `--rules DIR`, then `PARTNER_FIT_RULES`
//! (clap reads both into one argument), then the `rules` of a `partner-fit.toml` found
//! upward from the current folder, then the built-in rules.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::assessment::RulesUsed;
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
}
