//! The whole report of one run (contract: the top-level object of `shared/spec/output.md`,
//! `format: 2`): which rules were used, every profile's entry in the order given, the
//! partners ranked, and a summary count. One shape whatever the number of profiles.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Assessment, Entry};
use crate::rules::files::{SourceFiles, POLICY_FILE};

/// The version of the JSON contract this model is.
pub const FORMAT: u8 = 2;

/// Which rules a report used (contract: `rules`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RulesUsed {
    /// Contract: `built-in`, or the folder the rules were read from.
    pub source: String,
    /// Contract: `sha256:<hex>` over every rule and policy file's path and text.
    pub digest: String,
    /// The `partner-fit.toml` that named the rules folder; `null` when the folder came
    /// from `--rules` or the rules are the built-in ones.
    pub named_in: Option<String>,
}

impl RulesUsed {
    /// The provenance of rules read from `files` under `root`; `folder` is `None` for the
    /// built-in rules.
    ///
    /// The digest covers each rule file (in a family folder) and the policy file, in path
    /// order, by its path relative to `root` with `/` separators: a copy of the rules in
    /// another folder, or on another system, has the same digest as long as no text
    /// differs. Each path and text is preceded by its length, so no two sets of files
    /// hash alike by moving text from one file to the next.
    pub fn new(folder: Option<&Path>, root: &Path, files: &SourceFiles) -> Self {
        let mut hash = Sha256::new();
        for (path, text) in files {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            let top_level = relative.parent().is_none_or(|p| p.as_os_str().is_empty());
            if top_level && relative.file_name().is_none_or(|n| n != POLICY_FILE) {
                continue;
            }
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            for part in [name.as_bytes(), text.as_bytes()] {
                hash.update((part.len() as u64).to_le_bytes());
                hash.update(part);
            }
        }
        RulesUsed {
            source: folder.map_or_else(|| "built-in".to_string(), |f| f.display().to_string()),
            digest: format!("sha256:{}", hex::encode(hash.finalize())),
            named_in: None,
        }
    }

    /// The same rules, named by the configuration file at `config`.
    pub fn named_in(self, config: &str) -> Self {
        RulesUsed {
            named_in: Some(config.to_string()),
            ..self
        }
    }

    /// "built-in (sha256:4f1c2a9b7e3d…)": the source and the start of the digest, for a
    /// line of a text report; "rules (sha256:…), named in partner-fit.toml" when the
    /// configuration chose them.
    pub fn short(&self) -> String {
        let hex = self.digest.trim_start_matches("sha256:");
        let start: String = hex.chars().take(12).collect();
        let named_in = self
            .named_in
            .as_ref()
            .map(|config| format!(", named in {config}"))
            .unwrap_or_default();
        format!("{} (sha256:{start}…){named_in}", self.source)
    }
}

/// What a `partner-fit.toml` found for the run changed (contract: `config`): the file, the
/// rules folder it named when the rules came from it, and the thresholds it set that the
/// command line did not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct ConfigUsed {
    /// The configuration file, as shown in messages.
    pub file: String,
    /// The rules folder it named; `null` when it names none, or `--rules` or
    /// `PARTNER_FIT_RULES` chose the rules.
    pub rules: Option<String>,
    /// The `min_score` it set; `null` when it sets none or `--min-score` was given.
    pub min_score: Option<u16>,
    /// Whether its `require_green_gate` turned the check on (the flag was not given).
    pub require_green_gate: bool,
    /// Whether its `require_evidence` turned the check on (the flag was not given).
    pub require_evidence: bool,
}

impl ConfigUsed {
    /// What the file set, in its own words ("rules = acme-rules, min_score = 70"); `None`
    /// when it changed nothing in this run.
    pub fn settings(&self) -> Option<String> {
        let mut set = Vec::new();
        if let Some(rules) = &self.rules {
            set.push(format!("rules = {rules}"));
        }
        if let Some(score) = self.min_score {
            set.push(format!("min_score = {score}"));
        }
        for (on, key) in [
            (self.require_green_gate, "require_green_gate"),
            (self.require_evidence, "require_evidence"),
        ] {
            if on {
                set.push(format!("{key} = true"));
            }
        }
        (!set.is_empty()).then(|| set.join(", "))
    }

    /// The line a text report or a command's note gives: "partner-fit.toml sets
    /// min_score = 70"; `None` when the file changed nothing.
    pub fn line(&self) -> Option<String> {
        self.settings()
            .map(|set| format!("{} sets {set}", self.file))
    }
}

/// The top-level object of the JSON report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report<'a> {
    /// Contract: 2.
    pub format: u8,
    /// Contract: which rules produced the report; `null` only when no rules could be
    /// loaded.
    pub rules: Option<&'a RulesUsed>,
    /// The `partner-fit.toml` found for the run and what it changed; `null` when none was
    /// found, or with `--no-config`.
    pub config: Option<&'a ConfigUsed>,
    /// Contract: one entry per profile, in the order given.
    pub profiles: &'a [Entry],
    /// Contract: the assessed partners ranked, as the text reports rank them.
    pub ranking: Vec<Rank>,
    /// Contract.
    pub summary: Summary,
    /// The partners to work now, keep warm and pause; `null` when the rules have no
    /// `[portfolio]`.
    pub portfolio: Option<&'a super::portfolio::Portfolio>,
}

/// One partner's place in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Rank {
    pub profile: String,
    pub partner: Option<String>,
    /// 1 for the first.
    pub rank: usize,
    pub motion: String,
    pub score: u8,
}

/// How many profiles were given, assessed, failed a threshold, could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Summary {
    pub profiles: usize,
    pub assessed: usize,
    pub failed_thresholds: usize,
    pub errors: usize,
}

impl<'a> Report<'a> {
    pub fn new(rules: Option<&'a RulesUsed>, profiles: &'a [Entry]) -> Self {
        let ranking = super::ranking::ranked(profiles)
            .into_iter()
            .enumerate()
            .map(|(i, a)| Rank {
                profile: a.profile.clone(),
                partner: a.partner.clone(),
                rank: i + 1,
                motion: a.recommendation.motion.clone(),
                score: a.recommendation.score,
            })
            .collect();
        let assessed: Vec<&Assessment> = super::ranking::assessed(profiles).collect();
        let summary = Summary {
            profiles: profiles.len(),
            assessed: assessed.len(),
            failed_thresholds: assessed
                .iter()
                .filter(|a| a.thresholds.iter().any(|t| !t.passed))
                .count(),
            errors: profiles.len() - assessed.len(),
        };
        Report {
            format: FORMAT,
            rules,
            config: None,
            profiles,
            ranking,
            summary,
            portfolio: None,
        }
    }

    /// The report with the configuration the run was made under.
    pub fn with_config(mut self, config: Option<&'a ConfigUsed>) -> Self {
        self.config = config;
        self
    }

    /// The report with the run's portfolio focus.
    pub fn with_portfolio(mut self, portfolio: Option<&'a super::portfolio::Portfolio>) -> Self {
        self.portfolio = portfolio;
        self
    }
}

/// The JSON Schema of the report (`partner-fit schema report`), generated from the types
/// that write it.
pub fn schema() -> serde_json::Value {
    output_schema::<Report<'static>>("partner-fit report (format 2)")
}

/// The JSON Schema of a type as it is written: every key the type serialises is
/// required (an `Option` is `null`, never left out), and sub-schemas are kept as `$defs`
/// so the schema reads like the documentation.
pub fn output_schema<T: schemars::JsonSchema>(title: &str) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    schema["title"] = serde_json::Value::String(title.to_string());
    schema
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::path::PathBuf;

    fn files(root: &str, policy: &str, rule: &str) -> SourceFiles {
        let mut files = SourceFiles::new();
        files.insert(
            PathBuf::from(root).join("policy.toml"),
            Cow::Owned(policy.into()),
        );
        files.insert(
            PathBuf::from(root).join("gate/a.toml"),
            Cow::Owned(rule.into()),
        );
        files.insert(
            PathBuf::from(root).join("questions.toml"),
            Cow::Owned("not a rule".into()),
        );
        files
    }

    #[test]
    fn digest_follows_the_text_not_the_folder() {
        let digest = |root: &str, policy: &str, rule: &str| {
            RulesUsed::new(None, Path::new(root), &files(root, policy, rule)).digest
        };
        assert!(digest("rules", "p", "r").starts_with("sha256:"));
        assert_eq!(digest("rules", "p", "r"), digest("elsewhere", "p", "r"));
        assert_ne!(digest("rules", "p", "r"), digest("rules", "p", "r2"));
        assert_ne!(digest("rules", "p", "r"), digest("rules", "p2", "r"));
        assert_ne!(digest("rules", "pr", ""), digest("rules", "p", "r"));
    }
}
