//! After the questions: the summary of every answer, and the choice of what next (save,
//! or an answer to change, found by typing words of its question or section). Built as
//! text and lists here and put through the [`Prompter`], so the flow is tested without a
//! terminal; the command only prints and saves.

use super::questions::Question;
use super::terminal::{Entry, List, Pick};
use super::{answer, Prompter, Session, Stop};

/// A section's name as a heading: `market` -> `Market`.
pub fn title(section: &str) -> String {
    let mut chars = section.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Every question and its answer, section by section; `note` marks an answer (`(was:
/// 60)` for one changed from the profile opened).
pub fn summary(session: &Session, note: &dyn Fn(&Question) -> String) -> Vec<String> {
    let mut lines = vec!["\n── Summary of the answers ──".to_string()];
    let mut section = "";
    for q in &session.questions.list {
        if q.field.section() != section {
            section = q.field.section();
            let heading = q
                .banner
                .as_deref()
                .unwrap_or(q.field.section_description.as_str());
            lines.push(format!(
                "{}: {}",
                title(section),
                heading.trim_end_matches('.')
            ));
        }
        lines.push(format!(
            "  {} → {}{}",
            q.prompt,
            answer::describe(q, session.answers.get(q.path())),
            note(q)
        ));
    }
    lines
}

/// Asks what next: `save` (the first entry, what saving does), or the answer to change;
/// returns the field to change, or `None` to save.
pub fn what_next(
    prompter: &mut dyn Prompter,
    session: &Session,
    save: String,
    note: &dyn Fn(&Question) -> String,
) -> Result<Option<String>, Stop> {
    let mut entries = vec![Entry::new(save)];
    for q in &session.questions.list {
        entries.push(Entry {
            label: format!(
                "{} · {} → {}{}",
                title(q.field.section()),
                q.prompt,
                answer::describe(q, session.answers.get(q.path())),
                note(q)
            ),
            search: q.field.section_description.clone(),
            key: None,
        });
    }
    let picked = prompter.choose(List {
        prompt: "Save, or pick an answer to change:",
        help: "",
        entries,
        cursor: 0,
        back: false,
        find: "type words of a question or section to find it",
        keys: "↑ ↓ move · Enter picks",
    })?;
    Ok(match picked {
        Pick::Done(0) | Pick::Back => None,
        Pick::Done(i) => Some(session.questions.list[i - 1].path().to_string()),
    })
}

/// Whether saving may write over `target`: a file that does not exist, or the profile
/// opened (the summary's first entry named it), or one `--force` names, without asking;
/// any other existing file only on a yes.
pub fn may_replace(
    prompter: &mut dyn Prompter,
    target: &std::path::Path,
    opened: bool,
    forced: bool,
) -> Result<bool, Stop> {
    if !target.exists() || opened || forced {
        return Ok(true);
    }
    prompter.confirm(
        &format!("{} exists. Replace it?", target.display()),
        "",
        false,
    )
}
