//! `partner-fit interview`: terminal check -> rules and questions -> `--from` answers ->
//! questions (autosaved to a draft) -> summary -> assessment (the `assess` renderer) ->
//! atomic save. Glue only: questions, answers and files are `crate::interview`'s.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use inquire::{Confirm, Select, Text};

use super::output;
use crate::cli::interview::InterviewArgs;
use crate::condition::{Fact, Facts};
use crate::exit::ExitStatus;
use crate::interview::terminal::{say, stop, Terminal};
use crate::interview::{answer, draft, profile_text, questions, Session, Stop};
use crate::render::{self, Format};
use crate::rules::{self, RuleSet, RuleSource};
use crate::{atomic_file, profile};

pub fn run(args: &InterviewArgs) -> Result<ExitStatus> {
    // Before anything else: without a terminal every prompt would fail, and a CI job
    // must never wait for an answer.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        bail!(
            "`partner-fit interview` needs a terminal (stdin and stdout must be a TTY)\n\
             help: in scripts and CI, write the profile with `partner-fit init` and check it with `partner-fit assess PROFILE`"
        );
    }
    let source = RuleSource::from_option(args.rules.dir.as_deref());
    let set = rules::load(&source)?;
    let questions = questions::load(&source)?;
    let (prefill, resume) = match &args.from {
        Some(path) => {
            let (profile, resume) = draft::load_from(path)?;
            (profile::facts::facts(&profile), resume)
        }
        None => (Facts::new(), None),
    };
    // Checked before the first question, so a save never fails after the last one.
    let created = match &args.out {
        Some(out) => prepare_out(out)?,
        None => None,
    };
    let draft_path = draft::path_for(args.out.as_deref(), args.from.as_deref(), resume.is_some());
    let style = output::stdout_style(args.color);
    let mut terminal = Terminal::new(style.color);
    let mut session = Session::new(&questions, &set, prefill.clone());
    if let Some(next) = &resume {
        session.resume_at(next);
    }
    let mut drafts = Drafts {
        path: draft_path,
        written: resume.is_some(),
        failed: None,
    };

    let asked = (|| -> Result<(), Stop> {
        if let Some(folder) = &created {
            say(&format!(
                "Created the folder {} for {}.",
                folder.display(),
                args.out.as_deref().unwrap_or(folder).display()
            ))?;
        }
        intro(&session, args, &drafts.path)?;
        session.run(&mut terminal, &mut |s| drafts.save(s))?;
        while let Some(field) = summary(&session, &prefill)? {
            session.change(&field, &mut terminal, &mut |s| drafts.save(s))?;
        }
        Ok(())
    })();
    if let Err(why) = asked {
        return Ok(stopped(why, &session, &mut drafts, args));
    }

    match finish(&session, &mut drafts, &set, args) {
        Ok(saved) => {
            if drafts.written && drafts.path != saved {
                // The draft's answers are all in the saved profile now.
                let _ = std::fs::remove_file(&drafts.path);
            }
            let shown = saved.display();
            let _ = say(&format!(
                "\nSaved {shown}. Check it any time with: partner-fit assess {shown}\nEdit it with: partner-fit interview --from {shown}"
            ));
            Ok(ExitStatus::Passed)
        }
        // Whatever fails after the questions ends like a stop: with the draft and how to resume.
        Err(why) => Ok(stopped(why, &session, &mut drafts, args)),
    }
}

/// Makes sure `--out` can be written before anything is asked: its folder is created when
/// missing (returned, to say so), and a folder that is a file or cannot be written stops
/// the command at once with the reason.
fn prepare_out(out: &Path) -> Result<Option<PathBuf>> {
    let cannot = |why: String| {
        anyhow::anyhow!(
            "cannot save the profile to {}: {why}\nhelp: give `--out` a path in a folder you can write",
            out.display()
        )
    };
    if out.is_dir() {
        return Err(cannot("it is a folder".into()));
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut created = None;
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(cannot(format!("{} is a file, not a folder", dir.display()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            // A file in the way higher up says so itself.
            std::fs::create_dir_all(dir).map_err(|e| {
                cannot(format!(
                    "the folder {} cannot be created ({e})",
                    dir.display()
                ))
            })?;
            created = Some(dir.to_path_buf());
        }
        Err(err) => return Err(cannot(format!("{}: {err}", dir.display()))),
    }
    // The same kind of temporary file an atomic save makes, removed at once.
    tempfile::Builder::new()
        .prefix(".partner-fit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            cannot(format!(
                "cannot write in the folder {} ({e})",
                dir.display()
            ))
        })?;
    Ok(created)
}

/// After the summary: checks the answers as a profile, shows the assessment and saves the
/// profile; returns where it was saved.
fn finish(
    session: &Session,
    drafts: &mut Drafts,
    set: &RuleSet,
    args: &InterviewArgs,
) -> Result<PathBuf, Stop> {
    // The draft holds exactly these answers; checking its text under its own name makes
    // any problem point at a real file and line.
    drafts.save(session)?;
    let checked = drafts.text(session);
    let profile =
        profile::parse(&drafts.path, &checked).map_err(|d| Stop::Failed(d.to_string()))?;
    let heading = render::names(
        text_answer(session, "vendor.name"),
        text_answer(session, "partner.name"),
    );
    let header = vec![
        format!(
            "Partner profile: {}",
            heading.as_deref().unwrap_or("(names not given yet)")
        ),
        "Written by `partner-fit interview`; edit it by hand or with `--from`.".to_string(),
    ];
    let text = profile_text::render(&session.answers, session.questions.fields(), &header);
    // Until it is saved, the profile is the draft; with `--out`, it is named by its target.
    let label = args.out.as_deref().unwrap_or(&drafts.path);
    show_assessment(&profile, label, set, args)?;
    choose_and_save(args, &text, drafts)
}

/// A text answer as given, e.g. a company name.
fn text_answer<'a>(session: &'a Session, field: &str) -> Option<&'a str> {
    match session.answers.get(field) {
        Some(Fact::Text(t)) => Some(t),
        _ => None,
    }
}

/// The draft file of this interview, rewritten after every answer.
struct Drafts {
    path: PathBuf,
    /// A draft of ours is on disk.
    written: bool,
    /// Why no draft could be written anywhere, once that was reported.
    failed: Option<String>,
}

impl Drafts {
    /// The draft's text for the answers so far.
    fn text(&self, session: &Session) -> String {
        let next = session.next().map_or("summary", |q| q.path());
        profile_text::render(
            &session.answers,
            session.questions.fields(),
            &draft::header(&self.path, Some(next)),
        )
    }

    /// Writes the draft. When its folder cannot be written (missing, read-only), the draft
    /// moves to the current folder, or else the temporary folder, and says so once.
    fn save(&mut self, session: &Session) -> Result<(), Stop> {
        if self.failed.is_some() {
            return Ok(());
        }
        // Our own draft is replaced; any other file at that path was avoided when it was named.
        let err = match atomic_file::write(&self.path, self.text(session), true) {
            Ok(()) => {
                self.written = true;
                return Ok(());
            }
            Err(err) => err,
        };
        let wanted = std::mem::take(&mut self.path);
        for elsewhere in draft::fallbacks(&wanted) {
            self.path = elsewhere;
            // A new file: anything that appeared there meanwhile is left alone.
            if atomic_file::write(&self.path, self.text(session), false).is_ok() {
                self.written = true;
                return say(&format!(
                    "warning: cannot save the draft {}: {err}; it is saved as {} instead",
                    wanted.display(),
                    self.path.display()
                ));
            }
        }
        self.path = wanted;
        self.written = false;
        let why = format!("cannot save the draft {}: {err}", self.path.display());
        say(&format!(
            "warning: {why}, nor in the current or the temporary folder; the answers are kept in memory only"
        ))?;
        self.failed = Some(why);
        Ok(())
    }
}

/// The first screen: how to answer, how to stop.
fn intro(session: &Session, args: &InterviewArgs, draft: &Path) -> Result<(), Stop> {
    let total = session
        .questions
        .list
        .iter()
        .filter(|q| q.applies(&session.answers))
        .count();
    let keeps = match &args.from {
        Some(from) => format!(
            "keeps the answer shown (pre-filled from {})",
            from.display()
        ),
        None => "keeps the answer shown".to_string(),
    };
    let resumed = match session.next() {
        Some(q) if !session.asked.is_empty() => {
            format!("\nResuming the draft at: {}", q.prompt)
        }
        _ => String::new(),
    };
    // Said now, not only at the end: the workshop should know before the first answer.
    let replaces = match &args.out {
        Some(out) if out.exists() && !args.force => format!(
            "\n{} already exists: you will be asked before it is replaced (--force skips the question)",
            out.display()
        ),
        _ => String::new(),
    };
    say(&format!(
        "partner-fit interview · up to {total} questions; those that cannot matter are skipped.\n\
         \x20 Enter         {keeps}\n\
         \x20 Don't know    leaves an answer unknown (type {} in number and text answers)\n\
         \x20 Ctrl-C / Esc  stops; each answer is saved as it is given, in {}{resumed}{replaces}",
        answer::DONT_KNOW,
        draft.display()
    ))
}

/// Shows every answer; returns the field to change, or `None` to go on.
fn summary(session: &Session, prefill: &Facts) -> Result<Option<String>, Stop> {
    let mut lines = vec!["\n── Summary of the answers ──".to_string()];
    let width = session
        .questions
        .list
        .iter()
        .map(|q| q.field.key().len())
        .max()
        .unwrap_or_default();
    let mut section = "";
    for q in &session.questions.list {
        if q.field.section() != section {
            section = q.field.section();
            lines.push(format!("[{section}]"));
        }
        let now = session.answers.get(q.path());
        let mut note = String::new();
        if session.skipped(q) {
            note = if now.is_some() {
                "  (skipped: kept from --from)".into()
            } else {
                "  (skipped: cannot matter)".into()
            };
        } else if !prefill.is_empty() && prefill.get(q.path()) != now {
            note = format!("  (was: {})", answer::describe(q, prefill.get(q.path())));
        }
        lines.push(format!(
            "  {:width$}  {}{note}",
            q.field.key(),
            answer::describe(q, now)
        ));
    }
    say(&lines.join("\n"))?;
    const GO_ON: &str = "Show the assessment and save the profile";
    const CHANGE: &str = "Change an answer";
    let next = Select::new("All answers given. What next?", vec![GO_ON, CHANGE])
        .with_help_message("Ctrl-C / Esc stops; the answers stay in the draft")
        .prompt()
        .map_err(stop)?;
    if next == GO_ON {
        return Ok(None);
    }
    let options: Vec<String> = session
        .questions
        .list
        .iter()
        .map(|q| {
            format!(
                "{} · {} · {}",
                q.field.section(),
                q.prompt,
                answer::describe(q, session.answers.get(q.path()))
            )
        })
        .collect();
    let picked = Select::new("Which answer?", options.clone())
        .with_help_message("type to filter, enter to pick")
        .with_page_size(15)
        .prompt()
        .map_err(stop)?;
    let index = options
        .iter()
        .position(|o| *o == picked)
        .unwrap_or_default();
    Ok(Some(session.questions.list[index].path().to_string()))
}

/// Prints the assessment exactly as `assess` would.
fn show_assessment(
    profile: &profile::Profile,
    label: &Path,
    set: &RuleSet,
    args: &InterviewArgs,
) -> Result<(), Stop> {
    let mut assessment = crate::assess(profile, set);
    assessment.profile = label.display().to_string();
    let text = render::render(
        &[assessment],
        Format::Table,
        output::stdout_style(args.color),
    );
    say(&format!("\n{text}"))
}

/// Saves the profile to `--out` or a path asked for; never replaces a file unasked.
fn choose_and_save(args: &InterviewArgs, text: &str, drafts: &Drafts) -> Result<PathBuf, Stop> {
    let mut suggestion = args
        .out
        .clone()
        .or_else(|| args.from.as_deref().map(draft::profile_path_for))
        .unwrap_or_else(|| PathBuf::from("partner-profile.toml"));
    let mut path = args.out.clone();
    loop {
        let target = match path.take() {
            Some(p) => p,
            None => PathBuf::from(
                Text::new("Save the profile as:")
                    .with_default(&suggestion.display().to_string())
                    .with_validator(|s: &str| {
                        Ok(if s.trim().is_empty() {
                            inquire::validator::Validation::Invalid("a file name is needed".into())
                        } else {
                            inquire::validator::Validation::Valid
                        })
                    })
                    .prompt()
                    .map_err(stop)?
                    .trim(),
            ),
        };
        let replace = target.exists()
            && (args.force && Some(&target) == args.out.as_ref()
                || Confirm::new(&format!("{} exists. Replace it?", target.display()))
                    .with_default(false)
                    .prompt()
                    .map_err(stop)?);
        if target.exists() && !replace {
            suggestion = target;
            continue;
        }
        match atomic_file::write(&target, text, replace)
            .with_context(|| format!("saving {}", target.display()))
        {
            Ok(()) => return Ok(target),
            Err(err) => {
                let kept = if drafts.written {
                    format!(
                        "the answers are kept in the draft {}",
                        drafts.path.display()
                    )
                } else {
                    "the answers are kept in memory only".to_string()
                };
                say(&format!(
                    "error: {err:#}\n{kept}; give another path, or press Esc to stop"
                ))?;
                suggestion = target;
            }
        }
    }
}

/// Saves what was given and says how to resume. The interview did not finish, so
/// nothing was assessed: exit 2.
fn stopped(why: Stop, session: &Session, drafts: &mut Drafts, args: &InterviewArgs) -> ExitStatus {
    let how = match why {
        Stop::Interrupted => "Interrupted".to_string(),
        Stop::Canceled => "Stopped".to_string(),
        Stop::Terminal(e) => format!("The terminal went away ({e})"),
        Stop::Failed(e) => format!("{e}\nThe profile was not saved"),
    };
    let anything = !session.asked.is_empty() || !session.answers.is_empty();
    if anything {
        // Already saved after the last answer; saved again so the draft names the next question.
        let _ = drafts.save(session);
    }
    let mut message = format!("\n{how}.");
    if drafts.written {
        let mut resume = format!("partner-fit interview --from {}", drafts.path.display());
        if let Some(out) = &args.out {
            resume.push_str(&format!(" --out {}", out.display()));
        }
        message.push_str(&format!(
            " Your answers are saved in the draft {}\nResume with: {resume}",
            drafts.path.display()
        ));
    } else if anything {
        let why = drafts
            .failed
            .as_deref()
            .unwrap_or("the draft could not be saved");
        message.push_str(&format!(" The answers are lost: {why}."));
    } else if let Some(from) = &args.from {
        message.push_str(&format!(
            " No answer was changed; {} is untouched.",
            from.display()
        ));
    } else {
        message.push_str(" No answer was given, so there is nothing to save.");
    }
    // The terminal may be gone; a message that cannot be shown is not an error.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
    ExitStatus::CouldNotAssess
}
