//! Turns a [`Profile`] into the engine's [`Facts`]: one entry per answered field, keyed by
//! its dotted path. Unanswered fields are simply absent, which the engine reads as unknown.

use serde_json::Value as Json;

use super::Profile;
use crate::condition::{Fact, Facts};

/// The answers of a profile as facts. Empty text counts as unanswered.
pub fn facts(profile: &Profile) -> Facts {
    let mut facts = Facts::default();
    let Ok(Json::Object(sections)) = serde_json::to_value(profile) else {
        return facts;
    };
    for (section, body) in sections {
        let Json::Object(fields) = body else { continue };
        for (key, value) in fields {
            if let Some(fact) = to_fact(value) {
                facts.insert(format!("{section}.{key}"), fact);
            }
        }
    }
    facts
}

fn to_fact(value: Json) -> Option<Fact> {
    match value {
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
    }
}
