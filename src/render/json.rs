//! The JSON contract: one object for one profile, an array for several.

use crate::assessment::Entry;

/// One object for one profile given; an array, in the order given, for several.
pub fn render(entries: &[Entry]) -> String {
    // Serialising plain data structs cannot fail; an error here would be a bug in the model.
    let text = match entries {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .expect("the assessment model serialises to JSON");
    text + "\n"
}
