//! Terms of art explained where a report first uses them: the policy's `[[glossary]]`,
//! applied to an assessment's texts so the table, markdown, HTML and JSON explain the
//! same occurrence. The texts every format shows whole come first, in report order (the
//! summary, then the gate, the commission-strip test, the decision path, the label
//! check, the warnings and the next steps); the ones a table may fold away ("+ 6 more")
//! only after them, so an explanation is never among the lines left out.

use super::Assessment;
use crate::rules::model::Term;

/// Puts each term's meaning in brackets after its first appearance in `a`'s texts.
pub fn explain(a: &mut Assessment, glossary: &[Term]) {
    let mut left: Vec<&Term> = glossary.iter().collect();
    for text in texts_in_report_order(a) {
        if left.is_empty() {
            return;
        }
        left.retain(|term| !explain_in(text, term));
    }
}

/// Explains `term` at its first appearance in `text`; whether it appeared.
fn explain_in(text: &mut String, term: &Term) -> bool {
    let Some(at) = find_word(text, &term.term) else {
        return false;
    };
    let end = at + term.term.len();
    let means = term.means.fill(|_| "");
    text.insert_str(end, &format!(" ({means})"));
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

/// The texts a reader meets: those every format shows whole first, in report order,
/// then those a table may fold away.
fn texts_in_report_order(a: &mut Assessment) -> Vec<&mut String> {
    let mut out: Vec<&mut String> = vec![&mut a.recommendation.summary];
    for c in a
        .gate
        .conditions
        .iter_mut()
        .chain(a.commission_strip.checks.iter_mut())
    {
        out.push(&mut c.message);
        out.extend(c.fix.as_mut());
    }
    for step in &mut a.decision_path {
        out.push(&mut step.message);
    }
    out.extend(a.label_check.message.as_mut());
    for w in &mut a.warnings {
        out.push(&mut w.message);
        out.extend(w.fix.as_mut());
    }
    for s in &mut a.next_steps {
        out.push(&mut s.message);
    }
    for plan in std::iter::once(&mut a.plan).chain(a.target_plan.as_mut()) {
        out.extend(plan.steps.iter_mut().map(|s| &mut s.fix));
    }
    for m in &mut a.motions {
        out.extend(m.reasons.iter_mut().map(|r| &mut r.message));
        out.extend(m.fixes.iter_mut().map(|f| &mut f.fix));
    }
    for t in &mut a.tradeoffs {
        out.extend(t.by_motion.iter_mut().map(|(_, text)| text));
    }
    out
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
