//! The JSON contract: one object for one profile, an array for several.

use crate::assessment::Entry;

// Serialising plain data structs cannot fail; an error would be a bug in the model.
const EXPECT: &str = "the assessment model serialises to JSON";

/// One profile's object, pretty-printed. Among several it is printed as a one-element
/// array, because serde_json indents an array's elements; [`element`] takes it out.
pub fn part(entry: &Entry, among_many: bool) -> String {
    // About the size of a report: the text is not copied as it grows.
    let mut out = Vec::with_capacity(32 * 1024);
    let written = if among_many {
        serde_json::to_writer_pretty(&mut out, &[entry])
    } else {
        serde_json::to_writer_pretty(&mut out, entry)
    };
    written.expect(EXPECT);
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The element of a one-element array from [`part`]: what is between `[\n` and `\n]`.
pub fn element(part: &str) -> &str {
    &part["[\n".len()..part.len() - "\n]".len()]
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
        let set = crate::rules::load(&crate::rules::RuleSource::Embedded).unwrap();
        let mut assessed = crate::assess(&profile, &set);
        assessed.profile = path.to_string();
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
