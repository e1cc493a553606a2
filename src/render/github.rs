//! Threshold failures and profile errors -> GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…,title=…::message`), which the runner turns into a mark
//! on the profile's line in the pull request. This is ruff's `--output-format github`
//! for a profile: one command per problem, the location repeated at the start of the
//! message so the log line reads on its own.
//!
//! Every value is escaped as the runner reads it back: `%`, CR and LF in the message,
//! and `:` and `,` as well in a property. Text from input is first shown as
//! [`crate::shown::line`] shows it, so a name cannot carry a line break, a control
//! character or a `::` that would read as another workflow command.

use std::fmt::Write;

use crate::shown;

/// Where an annotation points: a file the runner can find in the checkout, a 1-based
/// line and column. `None` for a profile read from standard input, which has no file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// One `::error` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub place: Option<Place>,
    /// What the mark is titled: partner-fit and the check (`min-score`) or the kind of
    /// problem.
    pub title: String,
    /// What is wrong and how to fix it; may hold line breaks, which the runner shows.
    pub message: String,
}

/// The workflow commands, one a line.
pub fn render(annotations: &[Annotation]) -> String {
    let mut out = String::new();
    for a in annotations {
        let mut properties = Vec::new();
        if let Some(p) = &a.place {
            properties.push(format!("file={}", property(&p.file)));
            properties.push(format!("line={}", p.line.max(1)));
            properties.push(format!("col={}", p.column.max(1)));
        }
        properties.push(format!("title={}", property(&a.title)));
        let located = match &a.place {
            Some(p) => format!(
                "{}:{}:{}: {}",
                p.file,
                p.line.max(1),
                p.column.max(1),
                a.message
            ),
            None => a.message.clone(),
        };
        let _ = writeln!(out, "::error {}::{}", properties.join(","), data(&located));
    }
    out
}

/// A message as the runner reads it: `%`, CR and LF escaped, each line of it shown as
/// input is ([`shown::block`]), so no line of it can start another command.
fn data(s: &str) -> String {
    escape(&shown::block(s), false)
}

/// A property value: as [`data`], and `:` and `,`, which end a property, escaped too.
fn property(s: &str) -> String {
    escape(&shown::line(s), true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, message: &str) -> String {
        render(&[Annotation {
            place: Some(Place {
                file: file.into(),
                line: 3,
                column: 1,
            }),
            title: "partner-fit (min-score)".into(),
            message: message.into(),
        }])
    }

    #[test]
    fn values_are_escaped_as_the_runner_reads_them() {
        assert_eq!(
            at("a,b:c%.toml", "100% sure\nhelp: fix it"),
            "::error file=a%2Cb%3Ac%25.toml,line=3,col=1,title=partner-fit (min-score)::\
             a,b:c%25.toml:3:1: 100%25 sure%0Ahelp: fix it\n"
        );
    }

    #[test]
    fn a_name_cannot_start_another_command() {
        let out = at("p.toml", "Northwind\r\n::warning::owned: ok");
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(!out.contains("\n::warning"), "{out}");
        // A file name with a line break stays in its property.
        let out = at("x\n::error::y.toml", "m");
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(
            out.starts_with("::error file=x\\n%3A%3Aerror%3A%3Ay.toml,"),
            "{out}"
        );
    }

    #[test]
    fn no_place_gives_no_file() {
        let out = render(&[Annotation {
            place: None,
            title: "t".into(),
            message: "m".into(),
        }]);
        assert_eq!(out, "::error title=t::m\n");
    }
}
