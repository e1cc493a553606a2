//! Templates: the one way a text of the rules gets its values. A template is parsed once,
//! when the rules and the policy load, into literal text and placeholders; filling walks
//! those segments and writes each value as it is, so a value that happens to contain
//! braces (a partner called `Tallyhub {read} CRM`) is never read as a template again.
//!
//! Two vocabularies of placeholders share the type, each in its module: a rule's
//! messages quote answers and the rule's thresholds (`quote`), and the policy's
//! sentences name values the assessment works out, each kind of sentence the names its
//! type declares (`name`). Which quoted fields exist, and which thresholds a rule has,
//! is checked by validation (`super::validate`); a template only knows how it is written.

mod name;
mod quote;

pub use name::{Name, NoName};
pub use quote::{bound, thresholds, ChoiceWords, Message, Quote, THRESHOLD};

use std::fmt;
use std::ops::Range;

/// A text with placeholders, parsed once into segments.
#[derive(Debug, Clone, PartialEq)]
pub struct Template<P> {
    /// As written: what `rules explain` shows, and what the literal segments point into.
    text: String,
    segments: Vec<Segment<P>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment<P> {
    /// Text written as it is, by its byte range in the template.
    Literal(Range<usize>),
    Placeholder(P),
    /// `[[ ... ]]`: text shown only when every placeholder inside it has a value (a
    /// clause that quotes an answer only once it is given).
    Clause(Vec<Segment<P>>),
}

/// Where a clause shown only when its values are known opens and closes.
const CLAUSE_OPEN: &str = "[[";
const CLAUSE_CLOSE: &str = "]]";

/// What a placeholder of one vocabulary is made of.
pub trait Placeholder: Sized {
    /// The placeholder written as `{inner}`, at `written` in the template, with `rest`
    /// the text after it: the placeholder, and how many bytes of `rest` it also stands
    /// for (a unit or a noun that goes with its value).
    fn read(inner: &str, written: Range<usize>, rest: &str)
        -> Result<(Self, usize), TemplateError>;
}

/// Why a text is not a template of its vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateError {
    /// The text of a placeholder written wrong: what is inside its braces, or all from
    /// a `{` without its `}`.
    Malformed(String),
    /// A placeholder naming what its vocabulary does not have, as written (`{moton}`).
    Unknown(String),
    /// Text shown to readers that names something as code: a field's path, a rule's id,
    /// a `snake_case` spelling or a code span, as written. Reports speak in words; the
    /// names stay in JSON and `rules explain`.
    Code(String),
}

/// The first word of `text` that reads as code rather than prose: a code span, a
/// `snake_case` word, or a dotted name (`section.field`, `family.rule-id`) that is not
/// part of a web address or a file name. Every text shown to readers is checked with it
/// when the rules are loaded, so no report can print one.
pub fn code_word(text: &str) -> Option<&str> {
    if let Some(open) = text.find('`') {
        let close = text[open + 1..]
            .find('`')
            .map_or(text.len(), |c| open + c + 2);
        return Some(&text[open..close]);
    }
    // Only a word with an underscore or an inner dot can read as code. Every text of the
    // rules is checked at each start, so the words around those two characters are the
    // only ones looked at: most texts have a dot or two and no underscore.
    let mut marks: Vec<usize> = text
        .match_indices('_')
        .chain(text.match_indices('.'))
        .map(|(at, _)| at)
        .collect();
    marks.sort_unstable();
    let mut last_word_end = 0;
    for at in marks {
        if at < last_word_end {
            continue;
        }
        let (start, end) = word_around(text, at);
        last_word_end = end;
        let word = text[start..end].trim_end_matches('.');
        if !word.contains(['_', '.'])
            || word.contains("://")
            || word.contains('/')
            || word.contains('@')
        {
            continue;
        }
        if reads_as_code(word) {
            return Some(word);
        }
    }
    None
}

/// Where the word holding byte `at` of `text` starts and ends: words are separated by
/// whitespace and the punctuation prose puts around them.
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let separates = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | ')' | '[' | ']' | '"' | '\'' | ',' | ';' | ':' | '!' | '?'
            )
    };
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| separates(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| separates(c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// A `snake_case` word, or a dotted name that is not an abbreviation ("e.g."), a host
/// or a file name.
fn reads_as_code(word: &str) -> bool {
    let snake = word.contains('_')
        && word.split('_').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    let dotted = word.split_once('.').is_some_and(|(head, tail)| {
        // Two letters at least on each side: "e.g." and "i.e." are prose.
        head.len() > 1
            && tail.len() > 1
            && head.chars().all(|c| c.is_ascii_lowercase())
            && tail.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && tail
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !WEB_ENDINGS
                .iter()
                .any(|e| tail == *e || tail.ends_with(&format!(".{e}")))
    });
    snake || dotted
}

/// Where `word` is written in `text` outside any `{placeholder}`: where a
/// [`TemplateError::Code`] points.
pub fn written_outside_placeholders(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .find(|&at| text[..at].matches('{').count() == text[..at].matches('}').count())
}

/// What to do about a text that names something as code.
pub const CODE_HELP: &str = "say it in words (a field by what it asks, a rule by its title); quote an answer with `{section.field}`, which shows its value";

/// How the last part of a host or file name ends, where a dotted word is an address or
/// a file rather than a name in code.
const WEB_ENDINGS: &[&str] = &[
    "com", "org", "net", "io", "html", "toml", "csv", "md", "json",
];

impl<P: Placeholder> Template<P> {
    /// Parses `text`; the first placeholder written wrong is the error.
    pub fn parse(text: impl Into<String>) -> Result<Self, TemplateError> {
        let text = text.into();
        let mut segments = Vec::new();
        let mut at = 0;
        while let Some(found) = text[at..].find(CLAUSE_OPEN) {
            let open = at + found;
            let inner = open + CLAUSE_OPEN.len();
            let Some(len) = text[inner..].find(CLAUSE_CLOSE) else {
                return Err(TemplateError::Malformed(text[open..].to_string()));
            };
            let close = inner + len;
            if text[inner..close].contains(CLAUSE_OPEN) {
                return Err(TemplateError::Malformed(text[open..close + 2].to_string()));
            }
            segments.extend(Self::run(&text, at..open)?);
            segments.push(Segment::Clause(Self::run(&text, inner..close)?));
            at = close + CLAUSE_CLOSE.len();
        }
        segments.extend(Self::run(&text, at..text.len())?);
        let template = Template { text, segments };
        if let Some(word) = template.literals().find_map(code_word) {
            return Err(TemplateError::Code(word.to_string()));
        }
        Ok(template)
    }

    /// The segments of `text[range]`: literal text and placeholders.
    fn run(text: &str, range: Range<usize>) -> Result<Vec<Segment<P>>, TemplateError> {
        let mut segments = Vec::new();
        let mut at = range.start;
        let end_of_run = range.end;
        while let Some(found) = text[at..end_of_run].find('{') {
            let start = at + found;
            let Some(len) = text[start..end_of_run].find('}') else {
                return Err(TemplateError::Malformed(
                    text[start..end_of_run].to_string(),
                ));
            };
            let end = start + len + 1;
            let (placeholder, more) = P::read(
                &text[start + 1..end - 1],
                start..end,
                &text[end..end_of_run],
            )?;
            if start > at {
                segments.push(Segment::Literal(at..start));
            }
            segments.push(Segment::Placeholder(placeholder));
            at = end + more;
        }
        if at < end_of_run {
            segments.push(Segment::Literal(at..end_of_run));
        }
        Ok(segments)
    }
}

impl<P> Template<P> {
    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Every placeholder, in the order written, with whether it sits in a clause shown
    /// only when its values are known.
    pub fn placeholders_in_place(&self) -> impl Iterator<Item = (&P, bool)> {
        self.segments.iter().flat_map(|s| match s {
            Segment::Placeholder(p) => vec![(p, false)],
            Segment::Clause(inner) => inner
                .iter()
                .filter_map(|s| match s {
                    Segment::Placeholder(p) => Some((p, true)),
                    _ => None,
                })
                .collect(),
            Segment::Literal(_) => Vec::new(),
        })
    }

    /// The text written as it is, outside the placeholders, clause by clause.
    fn literals(&self) -> impl Iterator<Item = &str> {
        fn walk<'a, P>(segments: &'a [Segment<P>], text: &'a str, out: &mut Vec<&'a str>) {
            for s in segments {
                match s {
                    Segment::Literal(range) => out.push(&text[range.clone()]),
                    Segment::Clause(inner) => walk(inner, text, out),
                    Segment::Placeholder(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.segments, &self.text, &mut out);
        out.into_iter()
    }

    /// Every placeholder, in the order written.
    pub fn placeholders(&self) -> impl Iterator<Item = &P> {
        self.placeholders_in_place().map(|(p, _)| p)
    }

    /// Writes the literal text as it is and each placeholder with `put`, in one pass:
    /// what `put` writes is output, never read again. `put` says whether it had a value
    /// to write; a clause with a placeholder that had none is left out whole.
    fn render(&self, mut put: impl FnMut(&P, &mut String) -> bool) -> String {
        let mut out = String::with_capacity(self.text.len());
        for segment in &self.segments {
            match segment {
                Segment::Clause(inner) => {
                    let mut clause = String::new();
                    if self.render_run(inner, &mut clause, &mut put) {
                        out.push_str(&clause);
                    }
                }
                _ => {
                    self.render_run(std::slice::from_ref(segment), &mut out, &mut put);
                }
            }
        }
        out
    }

    /// Writes a run of literal text and placeholders; whether every placeholder had a
    /// value.
    fn render_run(
        &self,
        run: &[Segment<P>],
        out: &mut String,
        put: &mut impl FnMut(&P, &mut String) -> bool,
    ) -> bool {
        let mut all = true;
        for segment in run {
            match segment {
                Segment::Literal(range) => out.push_str(&self.text[range.clone()]),
                Segment::Placeholder(p) => all &= put(p, out),
                // Clauses do not nest: parsing refuses one inside another.
                Segment::Clause(_) => {}
            }
        }
        all
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A `{` left open is shown as written, not closed for it.
            TemplateError::Malformed(open) if open.starts_with('{') => {
                write!(f, "malformed placeholder `{open}`")
            }
            TemplateError::Malformed(bad) => write!(f, "malformed placeholder `{{{bad}}}`"),
            TemplateError::Unknown(written) => write!(f, "unknown placeholder `{written}`"),
            TemplateError::Code(word) => write!(
                f,
                "`{}` reads as code in a text shown to readers",
                word.trim_matches('`')
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{code_word, written_outside_placeholders};

    #[test]
    fn field_names_rule_ids_and_code_spans_read_as_code() {
        for (text, word) in [
            (
                "Answer market.icp_overlap_pct first.",
                "market.icp_overlap_pct",
            ),
            ("See gate.icp-overlap.", "gate.icp-overlap"),
            ("The driver is deal_velocity.", "deal_velocity"),
            ("Set `cloud.listing` to none", "`cloud.listing`"),
            ("(hosted_on: own)", "hosted_on"),
        ] {
            assert_eq!(code_word(text), Some(word), "{text}");
        }
    }

    #[test]
    fn prose_addresses_and_file_names_do_not() {
        for text in [
            "Overlap is 40%, above the 25% co-selling needs.",
            "Published at https://aws.amazon.com/partners/programs/isv-accelerate/ today.",
            "See learn.microsoft.com for the offer types.",
            "Write it to partners.toml, then e.g. run it again. U.S. buyers, i.e. most.",
            "Co-sell, not a sell-through motion.",
        ] {
            assert_eq!(code_word(text), None, "{text}");
        }
    }

    #[test]
    fn a_code_word_is_pointed_at_outside_the_placeholders() {
        let text = "Overlap is {market.icp_overlap_pct}%: raise icp_overlap_pct.";
        assert_eq!(
            written_outside_placeholders(text, "icp_overlap_pct"),
            Some(44)
        );
    }
}
