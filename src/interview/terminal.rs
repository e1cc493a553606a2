//! The terminal [`Prompter`], built on inquire: yes/no and choice questions are Select
//! lists with a "Don't know" entry, lists are MultiSelect, numbers and text are typed
//! (`?` is "don't know"). The cursor starts on the current answer, so Enter keeps it.

use std::io::Write;

use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};

use super::answer::{self, DONT_KNOW};
use super::{Ask, Prompter, Stop};
use crate::condition::Fact;
use crate::profile::catalog::FieldKind;

/// What "don't know" is called in lists.
pub const DONT_KNOW_LABEL: &str = "Don't know";

/// Asks on the process's terminal.
pub struct Terminal;

impl Terminal {
    /// Sets up prompts for this terminal; without colour, prompts are drawn plain.
    pub fn new(color: bool) -> Self {
        if !color {
            inquire::set_global_render_config(RenderConfig::empty());
        }
        Terminal
    }
}

/// One entry of a Select list.
struct Choice {
    value: Option<String>,
    label: String,
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// Turns inquire's ways of stopping into ours.
pub fn stop(err: InquireError) -> Stop {
    match err {
        InquireError::OperationInterrupted => Stop::Interrupted,
        InquireError::OperationCanceled => Stop::Canceled,
        other => Stop::Terminal(other.to_string()),
    }
}

/// Prints a line, turning a vanished terminal into a [`Stop`] instead of a panic.
pub fn say(text: &str) -> Result<(), Stop> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|_| out.flush())
        .map_err(|e| Stop::Terminal(e.to_string()))
}

/// Help text broken between words to fit the terminal: a long line left to the terminal
/// would break in the middle of a word.
fn fit(help: &str) -> String {
    let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
    // Two columns for the brackets inquire puts around the help.
    textwrap::fill(help, width.saturating_sub(2).max(20))
}

/// The question's allowed answers, with their labels.
fn choices(ask: &Ask) -> Vec<Choice> {
    ask.choices
        .iter()
        .map(|v| Choice {
            value: Some(v.clone()),
            label: ask.question.label(v).to_string(),
        })
        .collect()
}

/// A Select over `choices` plus "Don't know", starting on `current`.
fn select(
    prompt: &str,
    help: &str,
    choices: Vec<Choice>,
    current: Option<&str>,
) -> Result<Option<String>, Stop> {
    let mut options = choices;
    options.push(Choice {
        value: None,
        label: DONT_KNOW_LABEL.into(),
    });
    let cursor = options
        .iter()
        .position(|c| c.value.as_deref() == current)
        .unwrap_or(options.len() - 1);
    let size = options.len().min(12);
    Select::new(prompt, options)
        .with_help_message(&fit(help))
        .with_starting_cursor(cursor)
        .with_page_size(size)
        .prompt()
        .map(|c| c.value)
        .map_err(stop)
}

impl Prompter for Terminal {
    fn ask(&mut self, ask: &Ask) -> Result<Option<Fact>, Stop> {
        let q = ask.question;
        let section = q.field.section();
        if ask.opens_section {
            let title = format!("{}{}", section[..1].to_uppercase(), &section[1..]);
            say(&format!(
                "\n── {title}: {} ──",
                q.field.section_description.trim_end_matches('.')
            ))?;
        }
        if let Some((n, total)) = ask.progress {
            let title = format!("{}{}", section[..1].to_uppercase(), &section[1..]);
            say(&format!("Question {n} of {total} · {title}"))?;
        }
        let prompt = q.prompt.as_str();
        match &q.field.kind {
            FieldKind::Bool => {
                let current = match ask.current {
                    Some(Fact::Bool(true)) => Some("yes"),
                    Some(Fact::Bool(false)) => Some("no"),
                    _ => None,
                };
                let choices = vec![
                    Choice {
                        value: Some("yes".into()),
                        label: "Yes".into(),
                    },
                    Choice {
                        value: Some("no".into()),
                        label: "No".into(),
                    },
                ];
                Ok(select(prompt, ask.help, choices, current)?.map(|v| Fact::Bool(v == "yes")))
            }
            FieldKind::Choice(_) => {
                let current = match ask.current {
                    Some(Fact::Text(t)) => Some(t.as_str()),
                    _ => None,
                };
                Ok(select(prompt, ask.help, choices(ask), current)?.map(Fact::Text))
            }
            FieldKind::List(_) => {
                let mut options = choices(ask);
                options.push(Choice {
                    value: None,
                    label: DONT_KNOW_LABEL.into(),
                });
                let defaults: Vec<usize> = match ask.current {
                    Some(Fact::List(items)) => options
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.value.as_ref().is_some_and(|v| items.contains(v)))
                        .map(|(i, _)| i)
                        .collect(),
                    _ => vec![options.len() - 1],
                };
                let help = format!(
                    "{} · space ticks, enter confirms, nothing ticked = none of these",
                    ask.help
                );
                let size = options.len().min(12);
                let picked = MultiSelect::new(prompt, options)
                    .with_help_message(&fit(&help))
                    .with_default(&defaults)
                    .with_page_size(size)
                    .with_validator(|picked: &[inquire::list_option::ListOption<&Choice>]| {
                        let unknown = picked.iter().any(|c| c.value.value.is_none());
                        Ok(if unknown && picked.len() > 1 {
                            Validation::Invalid(
                                format!("'{DONT_KNOW_LABEL}' cannot be ticked with other answers")
                                    .into(),
                            )
                        } else {
                            Validation::Valid
                        })
                    })
                    .prompt()
                    .map_err(stop)?;
                if picked.iter().any(|c| c.value.is_none()) {
                    return Ok(None);
                }
                Ok(Some(Fact::List(
                    picked.into_iter().filter_map(|c| c.value).collect(),
                )))
            }
            FieldKind::Number { .. } | FieldKind::Text => {
                let field = q.field;
                let required = q.required;
                let default = ask.current.map(|f| match f {
                    Fact::Number(n) => Fact::Number(*n).to_string(),
                    other => other.to_string(),
                });
                let mut help = ask.help.to_string();
                if let FieldKind::Number { .. } = field.kind {
                    help.push_str(&format!(" · {}", field.allowed()));
                }
                if !required {
                    help.push_str(&format!(" · {DONT_KNOW} = don't know"));
                }
                let validator = move |input: &str| {
                    Ok(match answer::parse_typed(field, required, input) {
                        Ok(_) => Validation::Valid,
                        Err(message) => Validation::Invalid(message.into()),
                    })
                };
                let help = fit(&help);
                let mut text = Text::new(prompt)
                    .with_help_message(&help)
                    .with_validator(validator);
                if let Some(default) = &default {
                    text = text.with_default(default);
                } else if !required {
                    text = text.with_placeholder("don't know");
                }
                let typed = text.prompt().map_err(stop)?;
                answer::parse_typed(field, required, &typed).map_err(Stop::Terminal)
            }
        }
    }
}

#[cfg(test)]
mod fit_tests {
    use super::fit;

    #[test]
    fn help_breaks_between_words_within_the_width() {
        let help = "Matters for: You already win deals with your own sales team, so you can hold up your end of a joint deal (gate.direct-sales-motion)";
        let fitted = fit(help);
        assert!(fitted.lines().count() > 1);
        // Without a terminal the width is 80; two columns go to inquire's brackets.
        assert!(fitted.lines().all(|l| l.chars().count() <= 78), "{fitted}");
        assert_eq!(
            fitted.split_whitespace().collect::<Vec<_>>(),
            help.split_whitespace().collect::<Vec<_>>()
        );
    }
}
