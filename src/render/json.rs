//! The JSON contract: one object for one profile, an array for several.

use crate::assessment::Assessment;

pub fn render(assessments: &[Assessment]) -> String {
    // Serialising plain data structs cannot fail; an error here would be a bug in the model.
    let text = match assessments {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .expect("the assessment model serialises to JSON");
    text + "\n"
}
