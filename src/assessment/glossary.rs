//! Terms of art explained where a report first uses them: the policy's `[[glossary]]`.
//! Each format shows the texts of an assessment in its own order, and a table leaves some
//! out, so the explanation is placed by the renderer, in the order it shows its texts
//! (`render::reading`): an [`Explainer`] goes through them once and puts each term's
//! meaning after its first appearance.

use schemars::JsonSchema;
use serde::Serialize;

/// A term of art and what it means, in the words of the policy's glossary.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GlossaryTerm {
    pub term: String,
    pub means: String,
}

/// The glossary of a rule set, as a report shows it.
pub fn terms(glossary: &[crate::rules::model::Term]) -> Vec<GlossaryTerm> {
    glossary
        .iter()
        .map(|t| GlossaryTerm {
            term: t.term.clone(),
            means: t.means.fill(|_| ""),
        })
        .collect()
}

/// Goes through a report's texts in the order a reader meets them, explaining each term
/// at its first appearance and nowhere after.
pub struct Explainer<'g> {
    left: Vec<&'g GlossaryTerm>,
}

impl<'g> Explainer<'g> {
    pub fn new(glossary: &'g [GlossaryTerm]) -> Self {
        Explainer {
            left: glossary.iter().collect(),
        }
    }

    /// Explains in `text` the terms not met before it.
    pub fn explain(&mut self, text: &mut String) {
        self.left.retain(|term| !explain_in(text, term));
    }
}

/// Explains `term` at its first appearance in `text`; whether it appeared.
fn explain_in(text: &mut String, term: &GlossaryTerm) -> bool {
    let Some(at) = find_word(text, &term.term) else {
        return false;
    };
    let end = at + term.term.len();
    text.insert_str(end, &format!(" ({})", term.means));
    true
}

/// Where `term` first stands as words of `text`, whatever its case: not inside a longer
/// word.
fn find_word(text: &str, term: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets only for text whose case changes keep lengths;
    // where it does not, the term is looked for as written.
    let (haystack, needle) = if lower.len() == text.len() {
        (lower, term.to_lowercase())
    } else {
        (text.to_string(), term.to_string())
    };
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    haystack
        .match_indices(&needle)
        .map(|(at, _)| at)
        .find(|&at| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            !is_word(before) && !is_word(after)
        })
}

#[cfg(test)]
mod tests {
    use super::find_word;

    #[test]
    fn a_term_is_found_as_words_whatever_its_case() {
        assert_eq!(
            find_word("The Commission-strip test passes", "commission-strip test"),
            Some(4)
        );
        assert_eq!(find_word("a rung", "rung"), Some(2));
        assert_eq!(find_word("wrung out, rungs", "rung"), None);
    }
}
