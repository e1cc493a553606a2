//! The JSON contract: one object for one profile, an array for several.

use crate::assessment::Entry;

// Serialising plain data structs cannot fail; an error would be a bug in the model.
const EXPECT: &str = "the assessment model serialises to JSON";

/// One profile's object, pretty-printed; indented one level when it will be an element of
/// the array of several.
pub fn part(entry: &Entry, among_many: bool) -> String {
    if among_many {
        // serde_json indents an array's elements: print a one-element array and keep what
        // is between `[\n` and `\n]`.
        let mut text = serde_json::to_string_pretty(&[entry]).expect(EXPECT);
        text.truncate(text.len() - "\n]".len());
        text.split_off("[\n".len())
    } else {
        serde_json::to_string_pretty(entry).expect(EXPECT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Failure;
    use crate::diagnostic::Diagnostic;
    use crate::render::{Format, Style};

    fn failed(name: &str) -> Entry {
        let problem = Diagnostic::whole_file(std::path::Path::new(name), "cannot read the profile");
        Entry::Failed(Failure::new(name, &problem))
    }

    fn assessed(path: &str) -> Entry {
        let text = std::fs::read_to_string(path).unwrap();
        let profile = crate::profile::parse(std::path::Path::new(path), &text).unwrap();
        let facts = crate::profile::facts::facts(&profile);
        let set =
            crate::rules::load::load_for_evaluation(&crate::rules::RuleSource::Embedded).unwrap();
        let evaluation = crate::engine::evaluate(&facts, &set);
        let assessed = crate::assessment::build(path, &facts, &set, &evaluation);
        Entry::Assessed(Box::new(assessed))
    }

    #[test]
    fn parts_join_into_what_serde_json_prints_for_the_whole() {
        let ready = "examples/ready-to-co-sell.toml";
        for entries in [
            vec![assessed(ready)],
            vec![failed("a.toml")],
            vec![assessed(ready), failed("a.toml"), assessed(ready)],
        ] {
            let whole = match entries.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                all => serde_json::to_string_pretty(all),
            };
            let rendered = super::super::render_entries(&entries, Format::Json, Style::PLAIN);
            assert_eq!(rendered, whole.unwrap() + "\n");
        }
    }
}
