//! Turns a [`Profile`] into the engine's [`Facts`]: one entry per answered field, keyed by
//! its dotted path. Unanswered fields are simply absent, which the engine reads as unknown.
//!
//! The facts are the profile as serde writes it, section by section, so they follow the
//! same declaration as the schema and the catalogue: a field's key is its serde name, and
//! a choice is the word a profile spells it with. This runs once per profile assessed.

use serde_json::Value as Json;

use super::Profile;
use crate::condition::{Fact, Facts};

/// The answers of a profile as facts. Empty text counts as unanswered.
pub fn facts(profile: &Profile) -> Facts {
    let mut facts = Facts::default();
    let Ok(Json::Object(sections)) = serde_json::to_value(profile) else {
        unreachable!("a profile is plain data, so it serialises to a JSON object");
    };
    for (section, answers) in sections {
        // `format` is a version, not a section of answers.
        let Json::Object(answers) = answers else {
            continue;
        };
        for (key, answer) in answers {
            if let Some(fact) = fact(answer) {
                facts.insert(format!("{section}.{key}"), fact);
            }
        }
    }
    facts
}

/// The fact an answer is, or `None` when it says nothing (blank text, no answer).
fn fact(answer: Json) -> Option<Fact> {
    match answer {
        Json::Bool(b) => Some(Fact::Bool(b)),
        Json::Number(n) => n.as_f64().map(Fact::Number),
        Json::String(s) if s.trim().is_empty() => None,
        Json::String(s) => Some(Fact::Text(s)),
        Json::Array(items) => Some(Fact::List(
            items
                .into_iter()
                .filter_map(|item| match item {
                    Json::String(word) => Some(word),
                    _ => None,
                })
                .collect(),
        )),
        Json::Null | Json::Object(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::catalog::{self, FieldKind};

    fn facts_of(text: &str) -> Facts {
        facts(&toml::from_str(text).unwrap())
    }

    #[test]
    fn blank_text_is_unanswered_and_lists_keep_their_words() {
        let facts = facts_of(
            "[vendor]\nname = \"  \"\n[partner]\nname = \"Acme\"\n[value]\ndrivers = [\"reach\", \"retention\"]\n",
        );
        assert!(!facts.contains_key("vendor.name"));
        assert_eq!(facts["partner.name"], Fact::Text("Acme".into()));
        assert_eq!(
            facts["value.drivers"],
            Fact::List(vec!["reach".into(), "retention".into()])
        );
        assert!(super::facts(&Profile::default()).is_empty());
    }

    #[test]
    fn answers_are_filed_under_their_profile_names_as_written() {
        let facts = facts_of(
            "format = 1\n[partner]\ntype = \"si\"\nsells_into_accounts = false\n\
             [partnership]\nlabel = \"co-sell\"\n[market]\nicp_overlap_pct = 32.5\n\
             named_overlap_accounts = 12\n[value]\ndrivers = []\n",
        );
        let expected = Facts::from([
            ("market.icp_overlap_pct".into(), Fact::Number(32.5)),
            ("market.named_overlap_accounts".into(), Fact::Number(12.0)),
            ("partner.sells_into_accounts".into(), Fact::Bool(false)),
            ("partner.type".into(), Fact::Text("si".into())),
            ("partnership.label".into(), Fact::Text("co-sell".into())),
            ("value.drivers".into(), Fact::List(Vec::new())),
        ]);
        assert_eq!(facts, expected, "`format` is a version, not a fact");
    }

    /// Rules name facts by catalogue paths, so every fact of every example is a catalogue
    /// field, holding a value of that field's kind.
    #[test]
    fn every_fact_is_a_catalogue_field_of_its_kind() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let profile = crate::profile::load(&path).unwrap();
            for (name, fact) in facts(&profile) {
                let field = catalog::field(&name)
                    .unwrap_or_else(|| panic!("{}: `{name}` is no field", path.display()));
                let fits = match (&field.kind, &fact) {
                    (FieldKind::Bool, Fact::Bool(_)) | (FieldKind::Text, Fact::Text(_)) => true,
                    (FieldKind::Number { min, max, .. }, Fact::Number(n)) => n >= min && n <= max,
                    (FieldKind::Choice(words), Fact::Text(word)) => words.contains(word),
                    (FieldKind::List(words), Fact::List(items)) => {
                        items.iter().all(|item| words.contains(item))
                    }
                    _ => false,
                };
                assert!(fits, "{}: `{name}` = {fact:?}", path.display());
                seen += 1;
            }
        }
        assert!(seen > 0);
    }
}
