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
    serde_json::to_writer_pretty(&mut out, value).expect(EXPECT);
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
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
}
