//! Profile fields that state one fact (`[[relation]]` in the policy), applied to a
//! profile's facts before any rule reads them: an answer not given is taken from the
//! answer that states the same fact and remembered as inferred, and two given answers
//! that disagree are a contradiction, which the reader of the profile reports as an error
//! at both. Nothing here knows what the fields mean; the relations are rule data.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::model::Relation;
use crate::condition::{Among, Condition, Fact, Facts, Literal, Truth};
use crate::diagnostic::Diagnostic;

/// An answer taken from another that states the same fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    pub field: String,
    pub value: Fact,
    /// The field it was taken from (given, or itself inferred).
    pub from: String,
    /// What the report says of it, from the relation.
    pub shown: String,
    /// Where the two fields are said to state one fact.
    pub source: String,
}

/// Two given answers that state one fact and disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Contradiction {
    /// The two given fields.
    pub fields: [String; 2],
    /// The fact both state, in the relation's words.
    pub fact: String,
    pub source: String,
}

/// What the relations made of a profile's facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// In the order they were taken.
    pub inferred: Vec<Inferred>,
    pub contradictions: Vec<Contradiction>,
}

/// Fills every answer the relations infer into `facts`, until no relation adds one (an
/// inferred answer can let another relation hold), and finds the given answers that
/// contradict each other. A given answer is never replaced.
pub fn apply(relations: &[Relation], facts: &mut Facts) -> Applied {
    let mut applied = Applied::default();
    // The given field each inferred answer rests on, so a contradiction names given ones.
    let mut rests_on: BTreeMap<String, String> = BTreeMap::new();
    let root = |rests_on: &BTreeMap<String, String>, field: &str| {
        rests_on
            .get(field)
            .cloned()
            .unwrap_or_else(|| field.to_string())
    };
    loop {
        let mut added = false;
        for relation in relations {
            if relation
                .when
                .as_ref()
                .is_some_and(|when| holds(when, facts) != Truth::Met)
            {
                continue;
            }
            for inference in &relation.inferences {
                if holds(&inference.given, facts) != Truth::Met {
                    continue;
                }
                let from = inference.given.field.get_ref();
                let to = inference.then.field.get_ref();
                let value = fact_of(inference.then.value.get_ref());
                match facts.get(to) {
                    None => {
                        facts.insert(to.clone(), value.clone());
                        let given = root(&rests_on, from);
                        rests_on.insert(to.clone(), given);
                        applied.inferred.push(Inferred {
                            field: to.clone(),
                            value,
                            from: from.clone(),
                            shown: inference.shown.get_ref().clone(),
                            source: relation.source.get_ref().clone(),
                        });
                        added = true;
                    }
                    Some(known) if *known == value => {}
                    Some(_) => {
                        let fields = [root(&rests_on, from), root(&rests_on, to)];
                        let seen = applied.contradictions.iter().any(|c| {
                            c.fields == fields || c.fields == [fields[1].clone(), fields[0].clone()]
                        });
                        if fields[0] != fields[1] && !seen {
                            applied.contradictions.push(Contradiction {
                                fields,
                                fact: relation.fact.get_ref().clone(),
                                source: relation.source.get_ref().clone(),
                            });
                        }
                    }
                }
            }
        }
        // Each round that adds an answer fills a field that was empty, so this ends.
        if !added {
            return applied;
        }
    }
}

/// The contradictions among a profile's answers as errors, two per contradiction: one at
/// each answer, each naming the other's line. `text` is the profile as written, for the
/// places; `facts` are its answers.
pub fn contradictions(
    relations: &[Relation],
    path: &Path,
    text: &str,
    mut facts: Facts,
) -> Vec<Diagnostic> {
    let applied = apply(relations, &mut facts);
    let mut found = Vec::new();
    let source = crate::diagnostic::Source::new(text);
    for c in &applied.contradictions {
        let places: Vec<Range<usize>> = c
            .fields
            .iter()
            .map(|f| crate::profile::load::answer_span(text, f).unwrap_or(0..0))
            .collect();
        for (i, place) in places.iter().enumerate() {
            let (this, other) = (&c.fields[i], &c.fields[1 - i]);
            let (line, _) = source.line_column(places[1 - i].start);
            found.push(
                Diagnostic::at(
                    path,
                    &source,
                    place.clone(),
                    format!(
                        "`{this}` contradicts `{other}` (line {line}): both state {}",
                        c.fact
                    ),
                )
                .with_help(format!(
                    "correct the answer that is wrong, or delete it and let the other state the fact ({})",
                    c.source
                )),
            );
        }
    }
    found
}

/// Makes a set of answer changes agree with the answers kept, through the relations: a
/// change that another answer, as it stands, states otherwise (setting a listing while
/// the cloud listing says none) also changes that answer, to a value the relation infers
/// the change from. A change no value of the other answer can agree with is left as it
/// is. `facts` are the answers before the changes; nothing here knows what fields mean.
pub fn reconcile(relations: &[Relation], facts: &Facts, changes: &mut Vec<(String, Fact)>) {
    let mut after = facts.clone();
    for (field, value) in changes.iter() {
        after.insert(field.clone(), value.clone());
    }
    let mut added = Vec::new();
    for (field, value) in changes.iter() {
        for relation in relations {
            if relation
                .when
                .as_ref()
                .is_some_and(|when| holds(when, &after) != Truth::Met)
            {
                continue;
            }
            for inference in &relation.inferences {
                let then = inference.then.field.get_ref();
                let source = inference.given.field.get_ref();
                let disagrees = then == field
                    && fact_of(inference.then.value.get_ref()) != *value
                    && holds(&inference.given, &after) == Truth::Met
                    && !changes.iter().any(|(f, _)| f == source);
                if !disagrees {
                    continue;
                }
                // Another inference of the relation gives this change from the source.
                let agreeing = relation.inferences.iter().find(|other| {
                    other.then.field.get_ref() == field
                        && fact_of(other.then.value.get_ref()) == *value
                        && other.given.field.get_ref() == source
                });
                if let Some(first) = agreeing.and_then(|o| o.given.values.first()) {
                    let change = (source.clone(), fact_of(first.get_ref()));
                    if !added.contains(&change) {
                        added.push(change);
                    }
                }
            }
        }
    }
    changes.extend(added);
}

/// Whether the field has one of the values.
fn holds(among: &Among, facts: &Facts) -> Truth {
    Condition::In(among.clone()).eval(facts, &|_| Truth::Unknown)
}

fn fact_of(literal: &Literal) -> Fact {
    match literal {
        Literal::Bool(b) => Fact::Bool(*b),
        Literal::Number(n) => Fact::Number(*n),
        Literal::Text(t) => Fact::Text(t.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relations(text: &str) -> Vec<Relation> {
        #[derive(serde::Deserialize)]
        struct File {
            relation: Vec<Relation>,
        }
        toml::from_str::<File>(text).unwrap().relation
    }

    const LISTED: &str = r#"
[[relation]]
fact = "a listing"
when = { field = "partner.type", values = ["hyperscaler"] }
source = "000"
[[relation.infer]]
if = { field = "cloud.listing", values = ["listed", "transactable"] }
then = { field = "integration.marketplace_listing", value = true }
shown = "listed: yes, from `cloud.listing`"
[[relation.infer]]
if = { field = "integration.marketplace_listing", values = [false] }
then = { field = "cloud.listing", value = "none" }
shown = "listing: none, from `integration.marketplace_listing`"

[[relation]]
fact = "the cloud"
source = "000"
[[relation.infer]]
if = { field = "cloud.provider", values = ["aws", "azure", "gcp"] }
then = { field = "partner.type", value = "hyperscaler" }
shown = "a hyperscaler, from `cloud.provider`"
"#;

    fn text(t: &str) -> Fact {
        Fact::Text(t.into())
    }

    #[test]
    fn an_unanswered_field_takes_the_answer_that_states_it_even_through_another_relation() {
        let mut facts = Facts::from([
            ("cloud.provider".into(), text("aws")),
            ("cloud.listing".into(), text("transactable")),
        ]);
        let applied = apply(&relations(LISTED), &mut facts);
        assert_eq!(facts["partner.type"], text("hyperscaler"));
        assert_eq!(facts["integration.marketplace_listing"], Fact::Bool(true));
        let taken: Vec<(&str, &str)> = applied
            .inferred
            .iter()
            .map(|i| (i.field.as_str(), i.from.as_str()))
            .collect();
        assert_eq!(
            taken,
            [
                ("partner.type", "cloud.provider"),
                ("integration.marketplace_listing", "cloud.listing")
            ]
        );
        assert!(applied.contradictions.is_empty());
    }

    #[test]
    fn a_relation_whose_condition_is_not_met_infers_nothing() {
        for kind in [None, Some("si")] {
            let mut facts = Facts::from([("cloud.listing".into(), text("listed"))]);
            if let Some(kind) = kind {
                facts.insert("partner.type".into(), text(kind));
            }
            let before = facts.clone();
            assert_eq!(apply(&relations(LISTED), &mut facts), Applied::default());
            assert_eq!(facts, before);
        }
    }

    #[test]
    fn two_given_answers_that_disagree_are_one_contradiction_between_given_fields() {
        let mut facts = Facts::from([
            ("cloud.provider".into(), text("aws")),
            ("cloud.listing".into(), text("transactable")),
            ("integration.marketplace_listing".into(), Fact::Bool(false)),
        ]);
        let applied = apply(&relations(LISTED), &mut facts);
        let pairs: Vec<&[String; 2]> = applied.contradictions.iter().map(|c| &c.fields).collect();
        assert_eq!(
            pairs,
            [&[
                "cloud.listing".to_string(),
                "integration.marketplace_listing".to_string()
            ]]
        );
        assert_eq!(
            facts["integration.marketplace_listing"],
            Fact::Bool(false),
            "a given answer is never replaced"
        );
    }
}
