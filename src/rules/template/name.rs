//! The placeholders of the policy's sentences: names of values the assessment works out
//! (`{motion}`, `{score}`, ...). Each kind of sentence declares the names it may use as
//! an enum ([`Name`]), so an unknown one is an error where the sentence is written, and
//! filling a sentence is a `match` that gives every name its value.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Deserializer};

use super::{Placeholder, Template, TemplateError};

/// The names a kind of policy sentence may use: one enum per kind, so filling a
/// sentence is a `match` that gives every name its value.
pub trait Name: Copy + fmt::Debug + 'static {
    /// Every name the sentence may use.
    const ALL: &'static [Self];
    /// What the sentences are called in a diagnostic ("a summary sentence").
    const SENTENCE: &'static str;
    /// The name as written between the braces.
    fn as_str(self) -> &'static str;
}

impl<N: Name> Placeholder for N {
    fn read(inner: &str, _: Range<usize>, _: &str) -> Result<(Self, usize), TemplateError> {
        N::ALL
            .iter()
            .find(|n| n.as_str() == inner)
            .map(|n| (*n, 0))
            .ok_or_else(|| TemplateError::Unknown(format!("{{{inner}}}")))
    }
}

impl<N: Name> Template<N> {
    /// The sentence with each name replaced by its value, written as it is.
    pub fn fill<S: AsRef<str>>(&self, mut value: impl FnMut(N) -> S) -> String {
        self.render(|name, out| {
            out.push_str(value(*name).as_ref());
            true
        })
    }

    /// What a parse error means in a sentence of this kind, with the names it may use.
    fn explain(error: &TemplateError) -> String {
        let names = N::ALL
            .iter()
            .map(|n| format!("`{{{}}}`", n.as_str()))
            .collect::<Vec<_>>();
        let may_use = if names.is_empty() {
            "it takes no placeholders".to_string()
        } else {
            format!("it may use {}", names.join(", "))
        };
        let near = match error {
            TemplateError::Unknown(written) => {
                let wrong = written.trim_start_matches('{').trim_end_matches('}');
                crate::suggest::nearest(wrong, N::ALL.iter().map(|n| n.as_str()))
            }
            TemplateError::Malformed(_) | TemplateError::Code(_) => None,
        };
        match near {
            Some(near) => format!(
                "{error} in {}; did you mean `{{{near}}}`? {may_use}",
                N::SENTENCE
            ),
            None => format!("{error} in {}; {may_use}", N::SENTENCE),
        }
    }
}

/// A policy sentence is parsed as it is read, so a placeholder written wrong or a name
/// it may not use is an error at the sentence's line and column.
impl<'de, N: Name> Deserialize<'de> for Template<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Template::parse(text).map_err(|e| serde::de::Error::custom(Self::explain(&e)))
    }
}

/// The names of a text that takes none: it is said as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoName {}

impl Name for NoName {
    const ALL: &'static [Self] = &[];
    const SENTENCE: &'static str = "a plain text";
    fn as_str(self) -> &'static str {
        match self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Word {
        Motion,
        Score,
    }

    impl Name for Word {
        const ALL: &'static [Self] = &[Word::Motion, Word::Score];
        const SENTENCE: &'static str = "a test sentence";
        fn as_str(self) -> &'static str {
            match self {
                Word::Motion => "motion",
                Word::Score => "score",
            }
        }
    }

    #[test]
    fn a_named_value_is_written_once_and_never_read_again() {
        let sentence = Template::<Word>::parse("Run {motion} ({score}/100).").unwrap();
        let filled = sentence.fill(|name| match name {
            Word::Motion => "{score}",
            Word::Score => "80",
        });
        assert_eq!(filled, "Run {score} (80/100).");
    }

    #[test]
    fn a_sentence_names_only_its_own_values() {
        assert_eq!(
            Template::<Word>::parse("Run {moton}."),
            Err(TemplateError::Unknown("{moton}".into()))
        );
        assert_eq!(
            Template::<Word>::parse("Run {motion*2}."),
            Err(TemplateError::Unknown("{motion*2}".into()))
        );
        assert_eq!(
            Template::<Word>::parse("Run {motion"),
            Err(TemplateError::Malformed("{motion".into()))
        );
        assert!(Template::<NoName>::parse("{motion}").is_err());
        assert_eq!(
            Template::<NoName>::parse("plain text")
                .unwrap()
                .fill(|n| -> &str { match n {} }),
            "plain text"
        );
        #[derive(Debug, serde::Deserialize)]
        struct Policy {
            #[allow(dead_code)]
            sentence: Template<Word>,
        }
        let err = toml::from_str::<Policy>("sentence = \"Run {moton}.\"").unwrap_err();
        assert!(
            err.message().starts_with(
                "unknown placeholder `{moton}` in a test sentence; did you mean `{motion}`? \
                 it may use `{motion}`, `{score}`"
            ),
            "{err}"
        );
        assert_eq!(err.span(), Some(11..25));
    }
}
