//! Turns a [`Profile`] into the engine's [`Facts`]: one entry per answered field, keyed by
//! its dotted path. Unanswered fields are simply absent, which the engine reads as unknown.
//!
//! The section declarations (the `section!` macro) list every field with its key, so the
//! facts are read field by field from them, each answer turned into a fact by its type.
//! This runs once per profile assessed.

use super::bounded::{Decimal, Whole};
use super::catalog::Words;
use super::Profile;
use crate::condition::{Fact, Facts};

/// The answers of a profile as facts. Empty text counts as unanswered.
pub fn facts(profile: &Profile) -> Facts {
    let mut facts = Facts::default();
    for section in Profile::SECTIONS {
        (section.facts)(profile, &mut facts);
    }
    facts
}

/// Files one section's answers under `section.key`.
pub(super) fn add(
    facts: &mut Facts,
    section: &str,
    answers: impl IntoIterator<Item = (&'static str, Option<Fact>)>,
) {
    for (key, fact) in answers {
        if let Some(fact) = fact {
            facts.insert([section, ".", key].concat(), fact);
        }
    }
}

/// A type a profile answer can have: the fact an answer of it is.
pub trait ToFact {
    /// The fact, or `None` when the answer says nothing (blank text).
    fn fact(&self) -> Option<Fact>;
}

impl ToFact for bool {
    fn fact(&self) -> Option<Fact> {
        Some(Fact::Bool(*self))
    }
}

impl ToFact for String {
    fn fact(&self) -> Option<Fact> {
        (!self.trim().is_empty()).then(|| Fact::Text(self.clone()))
    }
}

impl<const MIN: i64, const MAX: i64> ToFact for Whole<MIN, MAX> {
    fn fact(&self) -> Option<Fact> {
        Some(Fact::Number(self.0 as f64))
    }
}

impl<const MIN: i64, const MAX: i64> ToFact for Decimal<MIN, MAX> {
    fn fact(&self) -> Option<Fact> {
        Some(Fact::Number(self.0))
    }
}

impl<T: Words> ToFact for T {
    fn fact(&self) -> Option<Fact> {
        Some(Fact::Text(self.word().to_string()))
    }
}

impl<T: Words> ToFact for Vec<T> {
    fn fact(&self) -> Option<Fact> {
        Some(Fact::List(
            self.iter().map(|w| w.word().to_string()).collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    /// The facts as JSON has them: the profile as a JSON value, one fact per answered
    /// field. The declarations must agree with it.
    fn through_json(profile: &Profile) -> Facts {
        let mut facts = Facts::default();
        let Ok(Json::Object(sections)) = serde_json::to_value(profile) else {
            return facts;
        };
        for (section, body) in sections {
            let Json::Object(fields) = body else { continue };
            for (key, value) in fields {
                let fact = match value {
                    Json::Bool(b) => Some(Fact::Bool(b)),
                    Json::Number(n) => n.as_f64().map(Fact::Number),
                    Json::String(s) if s.trim().is_empty() => None,
                    Json::String(s) => Some(Fact::Text(s)),
                    Json::Array(items) => Some(Fact::List(
                        items
                            .into_iter()
                            .filter_map(|i| i.as_str().map(str::to_string))
                            .collect(),
                    )),
                    _ => None,
                };
                if let Some(fact) = fact {
                    facts.insert(format!("{section}.{key}"), fact);
                }
            }
        }
        facts
    }

    #[test]
    fn facts_are_what_the_profile_says_as_json() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let profile = crate::profile::load(&path).unwrap();
                assert_eq!(
                    facts(&profile),
                    through_json(&profile),
                    "{}",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen > 0);
        assert!(facts(&Profile::default()).is_empty());
    }

    #[test]
    fn blank_text_is_unanswered_and_lists_keep_their_words() {
        let profile: Profile = toml::from_str(
            "[vendor]\nname = \"  \"\n[partner]\nname = \"Acme\"\n[value]\ndrivers = [\"reach\", \"retention\"]\n",
        )
        .unwrap();
        let facts = facts(&profile);
        assert_eq!(facts, through_json(&profile));
        assert!(!facts.contains_key("vendor.name"));
        assert_eq!(facts["partner.name"], Fact::Text("Acme".into()));
        assert_eq!(
            facts["value.drivers"],
            Fact::List(vec!["reach".into(), "retention".into()])
        );
    }
}
