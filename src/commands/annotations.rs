//! `assess --format github`: each profile error and each failed threshold as an
//! annotation, placed on the line of the profile it is about. A profile error has its
//! own line; a threshold is placed on the first line that answers a field it rests on
//! (the gate's unmet conditions), else on line 1: a score or a missing answer has no
//! line of its own.

use std::path::Path;

use crate::assessment::thresholds::{self, Check, ThresholdResult};
use crate::assessment::Assessment;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::github::{Annotation, Place};
use crate::rules::RuleSet;
use crate::shown;

/// The program's name in each annotation's title, as ruff puts `Ruff (F401)`.
const TITLE: &str = "partner-fit";

/// One annotation per problem that kept a profile from being assessed.
pub fn problems(problems: &Diagnostics) -> Vec<Annotation> {
    problems.0.iter().map(problem).collect()
}

fn problem(d: &Diagnostic) -> Annotation {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Annotation {
        place: place(&d.path, d.line, d.column),
        title: format!("{TITLE} (invalid profile)"),
        message,
    }
}

/// One annotation per failed threshold of an assessed profile read from `path`
/// (`None`: standard input), whose text is `text`.
pub fn thresholds(
    a: &Assessment,
    path: Option<&Path>,
    text: Option<&str>,
    set: &RuleSet,
) -> Vec<Annotation> {
    a.thresholds
        .iter()
        .filter_map(|result| {
            let line = thresholds::failure_line(result)?;
            let (at_line, column) = text
                .and_then(|text| written_at(result, text, set))
                .unwrap_or((1, 1));
            Some(Annotation {
                place: path.and_then(|p| place(p, at_line, column)),
                title: format!("{TITLE} ({})", result.check.as_str()),
                // The place names the file; standard input is named in the message.
                message: match path {
                    Some(_) => format!("threshold failed: {line}"),
                    None => format!("{}: threshold failed: {line}", shown::line(&a.profile)),
                },
            })
        })
        .collect()
}

/// The first line and column, in the file, of an answer a failed threshold rests on.
fn written_at(result: &ThresholdResult, text: &str, set: &RuleSet) -> Option<(usize, usize)> {
    if result.check != Check::GreenGate {
        return None;
    }
    result
        .unmet
        .iter()
        .filter_map(|id| set.get(id))
        .flat_map(|rule| rule.when.fields())
        .filter_map(|field| crate::profile::load::answer_span(text, field.get_ref()))
        .map(|span| span.start)
        .min()
        .map(|at| crate::diagnostic::line_column(text, at))
}

/// Where in a file: `None` for standard input, which the runner cannot show.
fn place(path: &Path, line: usize, column: usize) -> Option<Place> {
    if path.as_os_str() == super::inputs::STDIN {
        return None;
    }
    // Relative to the current folder, as the runner resolves a file from the checkout's
    // root and ruff writes it.
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    Some(Place {
        file: relative.display().to_string(),
        line: line.max(1),
        column: column.max(1),
    })
}
