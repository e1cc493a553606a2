//! Turns a [`Profile`] into the engine's [`Facts`]: one entry per answered field, keyed by
//! its dotted path. Unanswered fields are simply absent, which the engine reads as unknown.
//!
//! The profile's own `Serialize` walks every answered field under the name profiles spell
//! it with, so the facts are taken from that walk: a small serializer that writes the
//! answers straight into the map, rather than building a JSON value first. This runs once
//! per profile assessed, and the JSON detour cost more than the rest of the conversion.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeSeq, SerializeStruct, Serializer};

use super::Profile;
use crate::condition::{Fact, Facts};

/// The answers of a profile as facts. Empty text counts as unanswered.
pub fn facts(profile: &Profile) -> Facts {
    let mut facts = Facts::default();
    // Nothing in a profile is refused below; a value that were would only be left out.
    let _ = profile.serialize(Table {
        section: None,
        facts: &mut facts,
    });
    facts
}

/// Why a value is not a fact (a shape no answer has); the value is left out.
#[derive(Debug)]
struct NotAnAnswer;

impl fmt::Display for NotAnAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an answer")
    }
}

impl std::error::Error for NotAnAnswer {}

impl ser::Error for NotAnAnswer {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAnAnswer
    }
}

/// Serializer methods for shapes that are not answers: each refuses the value.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, NotAnAnswer> {
            Err(NotAnAnswer)
        })*
    };
}

/// The shapes no profile answer has, for every serializer below.
macro_rules! refuse_rest {
    () => {
        refuse! {
            serialize_bytes(&[u8]) -> Self::Ok;
            serialize_unit_struct(&'static str) -> Self::Ok;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<Self::Ok, NotAnAnswer> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, NotAnAnswer> {
            Err(NotAnAnswer)
        }
    };
}

/// A struct of the profile: the profile itself (a struct of sections), or one section
/// (a struct of answers, filed under `section.key`). Anything else is not an answer.
struct Table<'f> {
    /// The section being read; `None` at the top of the profile.
    section: Option<&'static str>,
    facts: &'f mut Facts,
}

impl Serializer for Table<'_> {
    type Ok = ();
    type Error = NotAnAnswer;
    type SerializeSeq = Impossible<(), NotAnAnswer>;
    type SerializeTuple = Impossible<(), NotAnAnswer>;
    type SerializeTupleStruct = Impossible<(), NotAnAnswer>;
    type SerializeTupleVariant = Impossible<(), NotAnAnswer>;
    type SerializeMap = Impossible<(), NotAnAnswer>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), NotAnAnswer>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotAnAnswer> {
        Ok(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NotAnAnswer> {
        value.serialize(self)
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
    }

    refuse_rest!();
}

impl SerializeStruct for Table<'_> {
    type Ok = ();
    type Error = NotAnAnswer;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAnAnswer> {
        let Some(section) = self.section else {
            // A top-level value that is not a section (the format version) is refused,
            // and so left out.
            let _ = value.serialize(Table {
                section: Some(key),
                facts: self.facts,
            });
            return Ok(());
        };
        let answer = value.serialize(Answer).ok().flatten();
        // Empty text counts as unanswered.
        let fact = answer.filter(|f| !matches!(f, Fact::Text(t) if t.trim().is_empty()));
        if let Some(fact) = fact {
            let mut name = String::with_capacity(section.len() + 1 + key.len());
            name.push_str(section);
            name.push('.');
            name.push_str(key);
            self.facts.insert(name, fact);
        }
        Ok(())
    }

    fn end(self) -> Result<(), NotAnAnswer> {
        Ok(())
    }
}

/// One answer: yes/no, a number, a word or text, or a list of words. `None` is a value
/// that carries no answer (a number that is not finite, as JSON has it).
struct Answer;

impl Serializer for Answer {
    type Ok = Option<Fact>;
    type Error = NotAnAnswer;
    type SerializeSeq = Words;
    type SerializeTuple = Impossible<Option<Fact>, NotAnAnswer>;
    type SerializeTupleStruct = Impossible<Option<Fact>, NotAnAnswer>;
    type SerializeTupleVariant = Impossible<Option<Fact>, NotAnAnswer>;
    type SerializeMap = Impossible<Option<Fact>, NotAnAnswer>;
    type SerializeStruct = Impossible<Option<Fact>, NotAnAnswer>;
    type SerializeStructVariant = Impossible<Option<Fact>, NotAnAnswer>;

    fn serialize_bool(self, b: bool) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(Some(Fact::Bool(b)))
    }

    fn serialize_i8(self, n: i8) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_i64(n.into())
    }

    fn serialize_i16(self, n: i16) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_i64(n.into())
    }

    fn serialize_i32(self, n: i32) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_i64(n.into())
    }

    fn serialize_i64(self, n: i64) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(Some(Fact::Number(n as f64)))
    }

    fn serialize_u8(self, n: u8) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_u64(n.into())
    }

    fn serialize_u16(self, n: u16) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_u64(n.into())
    }

    fn serialize_u32(self, n: u32) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_u64(n.into())
    }

    fn serialize_u64(self, n: u64) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(Some(Fact::Number(n as f64)))
    }

    fn serialize_f32(self, n: f32) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_f64(n.into())
    }

    fn serialize_f64(self, n: f64) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(n.is_finite().then_some(Fact::Number(n)))
    }

    fn serialize_char(self, c: char) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(Some(Fact::Text(c.to_string())))
    }

    fn serialize_str(self, text: &str) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(Some(Fact::Text(text.to_string())))
    }

    /// A word of a closed set.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        word: &'static str,
    ) -> Result<Option<Fact>, NotAnAnswer> {
        self.serialize_str(word)
    }

    fn serialize_none(self) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(None)
    }

    fn serialize_unit(self) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(None)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<Fact>, NotAnAnswer> {
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Words, NotAnAnswer> {
        Ok(Words(Vec::with_capacity(len.unwrap_or(0))))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAnAnswer> {
        Err(NotAnAnswer)
    }

    refuse_rest!();
}

/// A list answer: its words, in order. Items that are not words are left out.
struct Words(Vec<String>);

impl SerializeSeq for Words {
    type Ok = Option<Fact>;
    type Error = NotAnAnswer;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), NotAnAnswer> {
        if let Ok(Some(Fact::Text(word))) = item.serialize(Answer) {
            self.0.push(word);
        }
        Ok(())
    }

    fn end(self) -> Result<Option<Fact>, NotAnAnswer> {
        Ok(Some(Fact::List(self.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    /// The facts as JSON has them: the profile as a JSON value, one fact per answered
    /// field. The serializer above must agree with it.
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
