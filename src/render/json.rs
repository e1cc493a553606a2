//! The JSON contract: one top-level object (format 2) for the whole run, whatever the
//! number of profiles.

use crate::assessment::Report;

// Serialising plain data structs cannot fail; an error would be a bug in the model.
const EXPECT: &str = "the assessment model serialises to JSON";

/// The report's one object, pretty-printed, with a final line break.
pub fn report(report: &Report) -> String {
    to_string(report)
}

/// A model's JSON, pretty-printed, with a final line break.
pub fn to_string(value: &impl serde::Serialize) -> String {
    // About the size of a report on one profile: the text is not copied as it grows.
    let mut out = Vec::with_capacity(32 * 1024);
    let mut writer = serde_json::Serializer::with_formatter(&mut out, Escaping::default());
    value.serialize(&mut writer).expect(EXPECT);
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's pretty printer, which also writes as `\uXXXX` the characters that
/// [`crate::shown::is_hidden`] keeps out of every output and serde_json passes as they
/// are (C1 controls, bidi controls, invisible characters), and the `#` that would make
/// `##[` a CI runner's command: the strings read back the same, and the report on a
/// terminal or in a log is inert.
#[derive(Default)]
struct Escaping(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut from = 0;
        for (at, c) in fragment.char_indices() {
            // The second `#` of `##[`, which a CI runner reads anywhere in a line as the
            // start of a command.
            let command = c == '#'
                && at > 0
                && fragment[at..].starts_with("#[")
                && fragment[..at].ends_with('#');
            if crate::shown::is_hidden(c) || command {
                writer.write_all(&fragment.as_bytes()[from..at])?;
                // Every character escaped is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                from = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use crate::assessment::{Entry, Failure, RulesUsed};
    use crate::diagnostic::Diagnostic;
    use crate::render::{Format, Style};

    fn failed(name: &str) -> Entry {
        let problem = Diagnostic::whole_file(std::path::Path::new(name), "cannot read the profile");
        Entry::Failed(Failure::new(name, &[problem]))
    }

    fn assessed(path: &str) -> Entry {
        let text = std::fs::read_to_string(path).unwrap();
        let profile = crate::profile::parse(std::path::Path::new(path), &text).unwrap();
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        let mut assessed = crate::assess(&profile, &set);
        assessed.profile = path.to_string();
        Entry::Assessed(Box::new(assessed))
    }

    #[test]
    fn one_profile_or_many_give_one_object_with_a_profiles_array() {
        let ready = "examples/ready-to-co-sell.toml";
        let rules = RulesUsed {
            source: "built-in".into(),
            digest: "sha256:00".into(),
            named_in: None,
        };
        for entries in [
            vec![assessed(ready)],
            vec![failed("a.toml")],
            vec![assessed(ready), failed("a.toml"), assessed(ready)],
        ] {
            let rendered = crate::render::render_entries(
                &entries,
                crate::render::Ending {
                    rules: Some(&rules),
                    config: None,
                    portfolio: None,
                },
                Format::Json,
                Style::PLAIN,
            );
            let top: serde_json::Value = serde_json::from_str(&rendered).unwrap();
            assert_eq!(top["format"], 2);
            assert_eq!(top["rules"]["source"], "built-in");
            let profiles = top["profiles"].as_array().unwrap();
            assert_eq!(profiles.len(), entries.len());
            let errors = entries
                .iter()
                .filter(|e| matches!(e, Entry::Failed(_)))
                .count();
            assert_eq!(top["summary"]["errors"], errors);
            assert_eq!(top["summary"]["assessed"], entries.len() - errors);
            assert_eq!(
                top["ranking"].as_array().unwrap().len(),
                entries.len() - errors
            );
        }
    }

    #[test]
    fn hidden_characters_are_written_as_escapes_and_read_back_whole() {
        let name = "a\u{202e}b\u{9b}c\u{200b}d\u{1b}é ##[error]x";
        let json = super::to_string(&serde_json::json!({ "name": name }));
        assert!(
            json.contains(r#""a\u202eb\u009bc\u200bd\u001bé #\u0023[error]x""#),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], name);
    }
}
