//! `partner-fit interview`: terminal check -> rules and questions -> a draft left for
//! `--out` offered for resuming -> `--from` answers -> questions (autosaved to a draft) ->
//! summary -> assessment (the `assess` renderer) -> atomic save. Glue only: questions,
//! answers and files are `crate::interview`'s.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use std::collections::BTreeSet;

use anyhow::{bail, Context, Result};

use super::output;
use super::settings::Settings;
use crate::assessment::thresholds::Thresholds;
use crate::assessment::{ConfigUsed, RulesUsed};
use crate::cli::interview::InterviewArgs;
use crate::condition::{Fact, Facts};
use crate::exit::ExitStatus;
use crate::interview::review;
use crate::interview::terminal::{say, show, Pick, Terminal};
use crate::interview::verdict::{self, Verdict};
use crate::interview::{answer, draft, profile_text, questions, Session, Stop};
use crate::profile;
use crate::render;
use crate::rules::{self, RuleSet};
use file_safety::atomic_file;

pub fn run(args: &InterviewArgs) -> Result<ExitStatus> {
    // A wrong name is said at once, before the terminal is needed, like any bad argument.
    if let Some(out) = &args.out {
        if let Err(why) = not_the_configuration(out) {
            bail!("cannot save the profile to {}: {why}", out.display());
        }
    }
    // Before anything else: without a terminal every prompt would fail, and a CI job
    // must never wait for an answer.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        bail!(
            "`partner-fit interview` needs a terminal (stdin and stdout must be a TTY)\n\
             help: in scripts and CI, write the profile with `partner-fit init` and check it with `partner-fit assess PROFILE`"
        );
    }
    let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
    let source = settings.rules.clone();
    let (set, files) = rules::load::load_with_files(&source)?;
    if let Some(motion) = &args.target {
        super::assess::check_motion("--target", motion, &set)?;
    }
    // The report at the end says which rules it used, as `assess` does.
    let used = settings.rules_used(args.rules.dir.is_some(), &files);
    let thresholds = super::assess::configured(settings.config.as_ref());
    let config = settings.config_used(args.rules.dir.is_some(), &thresholds);
    // Before the first question: a configuration found above may change the questions
    // (its rules) and the verdict (its thresholds).
    settings.note_config(args.rules.dir.is_some(), &thresholds);
    let mut questions = match &set.questions {
        Some(questions) => questions.clone(),
        None => questions::missing(&source.root())?,
    };
    if source != crate::rules::RuleSource::Embedded {
        questions::mark_not_built_in(&mut questions)?;
    }
    if let Some(report) = &args.report {
        check_report(report, args)?;
    }
    // Checked before the first question, so a save never fails after the last one.
    let created = match &args.out {
        Some(out) => prepare_out(out)?,
        None => None,
    };
    let style = output::stdout_style(args.color);
    let mut terminal = Terminal::new(style.color);
    // Running the same command again after a stop offers the draft it left, rather than
    // starting a second one beside it without a word.
    let resuming;
    let mut declined = None;
    let args = match (&args.from, &args.out) {
        (None, Some(out)) => match offer_draft(out, &questions, &set, &mut terminal) {
            Ok(Offer::Resume(draft)) => {
                resuming = InterviewArgs {
                    from: Some(draft),
                    ..args.clone()
                };
                &resuming
            }
            Ok(Offer::Declined(draft)) => {
                declined = Some(draft);
                args
            }
            Ok(Offer::None) => args,
            Err(why) => return Ok(left_at_offer(why, out)),
        },
        _ => args,
    };
    let (prefill, resume, original) = match &args.from {
        Some(path) => {
            let (profile, resume) = draft::load_from(path)?;
            let text = draft::read_text(path).unwrap_or_default();
            (profile::facts::facts(&profile), resume, text)
        }
        None => (Facts::new(), None, String::new()),
    };
    // Claimed for as long as this interview runs: a second interview of the same profile
    // writes a draft of its own, and one resuming this draft is refused.
    let (draft_path, claim) =
        draft::path_for(args.out.as_deref(), args.from.as_deref(), resume.is_some())?;
    let mut session = Session::new(&questions, &set, prefill.clone());
    // A profile opens at the summary of its answers; a draft where it stopped.
    let opens = match (&args.from, &resume) {
        (_, Some(next)) => Some(next.as_str()),
        (Some(_), None) => Some(SUMMARY),
        (None, None) => None,
    };
    if let Some(at) = opens {
        session.resume_at(at);
    }
    // The answers the `--from` file had settled: every field of a profile; of a draft,
    // only those before where it stopped (the rest were never asked, so giving them is
    // no change).
    let baseline = Baseline {
        answers: prefill,
        settled: match (&args.from, &resume) {
            (None, _) => BTreeSet::new(),
            (Some(_), Some(_)) => session.asked.clone(),
            (Some(_), None) => questions.list.iter().map(|q| q.path()).collect(),
        },
        text: (resume.is_none() && args.from.is_some()).then_some(original),
    };
    let mut drafts = Drafts {
        path: draft_path,
        written: resume.is_some(),
        failed: None,
        _claim: claim,
    };
    let target = save_target(args, resume.is_some());
    let shown = std::cell::RefCell::new(None::<Verdict>);

    let asked = (|| -> Result<(), Stop> {
        if let Some(folder) = &created {
            say(&format!(
                "Created the folder {} for {}.",
                folder.display(),
                args.out.as_deref().unwrap_or(folder).display()
            ))?;
        }
        intro(&session, args, &drafts.path)?;
        // After every answer: the draft; after every section: the verdict line.
        let mut after = |s: &Session| -> Result<(), Stop> {
            drafts.save(s)?;
            let section = |f: &str| s.questions.get(f).map(|q| q.field.section());
            let ended = match (s.next(), s.last) {
                (Some(next), Some(last)) => Some(next.field.section()) != section(last),
                _ => false,
            };
            if ended {
                show_verdict(s, &set, &mut shown.borrow_mut())?;
            }
            Ok(())
        };
        session.run(&mut terminal, &mut after)?;
        summary(&session, &baseline)?;
        show_verdict(&session, &set, &mut shown.borrow_mut())?;
        while let Some(field) = what_next(&session, &baseline, &mut terminal, &target)? {
            session.change(&field, &mut terminal, &mut after)?;
            show_verdict(&session, &set, &mut shown.borrow_mut())?;
        }
        Ok(())
    })();
    if let Err(why) = asked {
        return Ok(stopped(why, &session, &baseline, &mut drafts, args));
    }

    match finish(
        &session,
        &baseline,
        &mut drafts,
        (&set, &used, config.as_ref(), &thresholds),
        args,
        &target,
        &mut terminal,
    ) {
        Ok((saved, written)) => {
            if drafts.written && drafts.path != saved {
                // The draft's answers are all in the saved profile now.
                let _ = std::fs::remove_file(&drafts.path);
            }
            let shown = saved.display();
            let done = if written {
                format!("Saved {shown}.")
            } else {
                format!(
                    "No change: the answers are those {shown} held when it was read, so it was not written."
                )
            };
            let _ = say(&format!(
                "\n{done} Check it any time with: partner-fit assess {shown}\nEdit it with: partner-fit interview --from {shown}"
            ));
            if let Some(earlier) = declined.filter(|d| d.exists()) {
                let _ = say(&format!(
                    "The earlier draft {} is still there, as it was; remove it once it is no longer needed.",
                    earlier.display()
                ));
            }
            Ok(ExitStatus::Passed)
        }
        // Whatever fails after the questions ends like a stop: with the draft and how to resume.
        Err(why) => Ok(stopped(why, &session, &baseline, &mut drafts, args)),
    }
}

/// What became of a draft an earlier interview with the same `--out` left.
enum Offer {
    /// There was none.
    None,
    /// Resume it: the interview goes on as `--from DRAFT --out OUT`.
    Resume(PathBuf),
    /// Start afresh; the draft is kept as it is.
    Declined(PathBuf),
}

/// Offers to resume the newest draft left for `out`, before the first question. Declined,
/// the draft stays as it is and this interview saves to a draft of its own; that is said,
/// so no answer given before is lost or silently left behind.
fn offer_draft(
    out: &Path,
    questions: &questions::Questions,
    set: &RuleSet,
    terminal: &mut Terminal,
) -> Result<Offer, Stop> {
    // A draft another running interview is writing is its own, not one left to resume.
    let free = |d: &PathBuf| !draft::lock_path(d).exists() || draft::claim(d).is_ok();
    let Some(found) = draft::left_for(out).into_iter().find(free) else {
        return Ok(Offer::None);
    };
    let resume = format!(
        "partner-fit interview --from {} --out {}",
        found.display(),
        out.display()
    );
    let stopped = match draft::load_from(&found) {
        Ok((profile, next)) => {
            let mut session = Session::new(questions, set, profile::facts::facts(&profile));
            session.resume_at(next.as_deref().unwrap_or(SUMMARY));
            match session.next() {
                Some(_) => format!("stopped at question {}", session.progress().0),
                None => "stopped at the summary".to_string(),
            }
        }
        Err(problems) => {
            say(&format!(
                "The draft {} cannot be resumed:\n{problems}\nIt is left as it is; this interview starts afresh.",
                found.display()
            ))?;
            return Ok(Offer::Declined(found));
        }
    };
    let resumes = terminal.confirm(
        &format!("Resume the draft {} ({stopped})?", found.display()),
        "No starts afresh in a new draft; this one stays as it is",
        true,
    )?;
    if resumes {
        return Ok(Offer::Resume(found));
    }
    say(&format!(
        "Starting afresh. The draft {} stays as it is.\nResume it later with: {resume}",
        found.display()
    ))?;
    Ok(Offer::Declined(found))
}

/// Ends an interview stopped at the offer to resume a draft: nothing was asked, the draft
/// is untouched.
fn left_at_offer(why: Stop, out: &Path) -> ExitStatus {
    let mut message = format!("\n{}. No answer was given", told(why));
    match draft::left_for(out).first() {
        Some(found) => message.push_str(&format!(
            "; the draft {} is untouched.\nResume with: partner-fit interview --from {} --out {}",
            found.display(),
            found.display(),
            out.display()
        )),
        None => message.push('.'),
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
    ExitStatus::CouldNotAssess
}

/// How a stop is told, as the first words of the message that ends the interview.
fn told(why: Stop) -> String {
    match why {
        Stop::Interrupted => "Interrupted".to_string(),
        Stop::Canceled => "Stopped".to_string(),
        Stop::Terminal(e) => format!("The terminal went away ({e})"),
        Stop::Failed(e) => e,
    }
}

/// Refuses the configuration file's name for a profile: every command run in that folder
/// or below would read the profile as its configuration and stop at its first key.
fn not_the_configuration(path: &Path) -> Result<(), String> {
    if path.file_name().is_some_and(|n| n == crate::config::FILE) {
        return Err(format!(
            "{} is the name of partner-fit's configuration file, which every command run in \
             its folder or below reads, so a profile saved there would break them\nhelp: \
             choose another name, such as {}",
            crate::config::FILE,
            path.with_file_name("partner.toml").display()
        ));
    }
    Ok(())
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
    // A hidden temporary file, as an atomic save makes, removed at once.
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
/// profile; returns where it was saved, and whether it was written (the file opened, with
/// no change, is not).
fn finish(
    session: &Session,
    baseline: &Baseline,
    drafts: &mut Drafts,
    rules: (&RuleSet, &RulesUsed, Option<&ConfigUsed>, &Thresholds),
    args: &InterviewArgs,
    target: &Target,
    terminal: &mut Terminal,
) -> Result<(PathBuf, bool), Stop> {
    // The draft holds exactly these answers; checking its text under its own name makes
    // any problem point at a real file and line.
    drafts.save(session)?;
    let checked = drafts.text(session);
    let profile =
        profile::parse(&drafts.path, &checked).map_err(|d| Stop::Failed(d.to_string()))?;
    // An edited profile keeps its own comments and layout (unless the edit would not read
    // back to these answers: then it is written anew).
    // With no answer changed it stays exactly as read, so saving it back writes nothing.
    let kept = baseline.text.as_deref().and_then(|original| {
        if session.answers == baseline.answers {
            Some(original.to_string())
        } else {
            edited(original, baseline, session)
        }
    });
    let text = match kept {
        Some(text) => text,
        None => {
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
            profile_text::render(
                &session.answers,
                session.questions.fields_by_section(),
                &header,
            )
        }
    };
    // Checked above, so what is saved is a profile `assess` reads.
    drop(profile);
    let saved = choose_and_save(args, &text, drafts, (target, baseline), terminal)?;
    show_assessment(&saved.0, rules, args)?;
    if let Some(report) = &args.report {
        write_report(report, &saved.0, rules, args)?;
    }
    Ok(saved)
}

/// The question fields that are no question: where a draft stopped when every question
/// was answered.
const SUMMARY: &str = "summary";

/// What the `--from` file said, to tell real changes from answers given for the first time.
struct Baseline {
    answers: Facts,
    /// The fields the file had settled.
    settled: BTreeSet<&'static str>,
    /// The text of a `--from` profile (not a draft), edited in place when saved.
    text: Option<String>,
}

impl Baseline {
    /// `(was: 60)` for an answer that changed, `(skipped: ...)` for a skipped question.
    fn note(&self, session: &Session, q: &crate::interview::Question) -> String {
        let now = session.answers.get(q.path());
        if session.skipped(q) {
            return if now.is_some() {
                " (skipped: kept from --from)".into()
            } else {
                " (skipped: cannot matter)".into()
            };
        }
        let before = self.answers.get(q.path());
        if self.settled.contains(q.path()) && before != now {
            format!(" (was: {})", answer::describe(q, before))
        } else {
            String::new()
        }
    }
}

/// Where the profile is saved: known from the start, or asked at the end.
struct Target {
    path: Option<PathBuf>,
    /// The path offered when asking.
    suggestion: PathBuf,
    /// `path` is the `--from` profile itself: saving back to it is the expected case.
    opened: bool,
}

/// `--out`, else the `--from` profile itself (not a draft), else asked at the end.
fn save_target(args: &InterviewArgs, resuming: bool) -> Target {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let from_profile = args
        .from
        .as_deref()
        .filter(|from| !draft::read_text(from).is_some_and(|t| draft::is_draft(&t)) && !resuming);
    let path = args
        .out
        .clone()
        .or_else(|| from_profile.map(Path::to_path_buf));
    let opened = match (&path, from_profile) {
        (Some(p), Some(from)) => same(p, from),
        _ => false,
    };
    let suggestion = args
        .from
        .as_deref()
        .map(draft::profile_path_for)
        .unwrap_or_else(|| PathBuf::from("partner-profile.toml"));
    Target {
        path,
        suggestion,
        opened,
    }
}

/// Prints the verdict line for the answers so far, against the one shown before.
fn show_verdict(session: &Session, set: &RuleSet, shown: &mut Option<Verdict>) -> Result<(), Stop> {
    let Some(now) = verdict::of(&session.answers, session.questions.fields_by_section(), set)
    else {
        return Ok(());
    };
    // One line of the terminal, whatever its width (the wrapping takes one column).
    let width = crate::interview::terminal::width().saturating_sub(1);
    say(&format!("\n{}", verdict::line(shown.as_ref(), &now, width)))?;
    *shown = Some(now);
    Ok(())
}

/// The `--from` profile's text with the changed answers edited in, when it reads back to
/// exactly the answers given.
fn edited(original: &str, baseline: &Baseline, session: &Session) -> Option<String> {
    let text = profile_text::edit(
        original,
        &baseline.answers,
        &session.answers,
        session.questions.fields_by_section(),
    )?;
    let back = profile::parse(Path::new("edited.toml"), &text).ok()?;
    (profile::facts::facts(&back) == session.answers).then_some(text)
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
    /// The draft's lock, removed when the interview ends.
    _claim: draft::Claim,
}

impl Drafts {
    /// The draft's text for the answers so far.
    fn text(&self, session: &Session) -> String {
        let next = session.next().map_or("summary", |q| q.path());
        profile_text::render(
            &session.answers,
            session.questions.fields_by_section(),
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
        if let Ok(saved) = draft::save_in_temporary(&wanted, &self.text(session)) {
            self.path = saved;
            self.written = true;
            return say(&format!(
                "warning: cannot save the draft {}: {err}; it is saved as {} instead (readable by you only)",
                wanted.display(),
                self.path.display()
            ));
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
        None => format!(
            "\nOpening at the summary of {}: type words of a question to change its answer.",
            args.from.as_deref().unwrap_or(draft).display()
        ),
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
         \x20 y / n / ?     answers a yes/no question at once: yes, no, don't know\n\
         \x20 ← / Shift-Tab goes back one question; the answers given stay\n\
         \x20 Don't know    leaves an answer unknown (type {} in number and text answers)\n\
         \x20 Esc / Ctrl-C  stops; each answer is saved as it is given, in {}{resumed}{replaces}",
        answer::DONT_KNOW,
        draft.display()
    ))
}

/// `Vendor` for `vendor`.
/// Shows every question and its answer, section by section.
fn summary(session: &Session, baseline: &Baseline) -> Result<(), Stop> {
    say(&review::summary(session, &|q| baseline.note(session, q)).join("\n"))
}

/// Asks what next: save, or the answer to change; `None` to save.
fn what_next(
    session: &Session,
    baseline: &Baseline,
    terminal: &mut Terminal,
    target: &Target,
) -> Result<Option<String>, Stop> {
    let save = match (&target.path, target.opened) {
        (Some(p), true) => format!(
            "Save to {} (the file opened) and show the assessment",
            p.display()
        ),
        (Some(p), false) => format!("Save to {} and show the assessment", p.display()),
        (None, _) => "Show the assessment and save the profile".to_string(),
    };
    review::what_next(terminal, session, save, &|q| baseline.note(session, q))
}

/// Prints the assessment exactly as `assess` would, ending with the rules used.
fn show_assessment(
    saved: &Path,
    (set, used, config, thresholds): (&RuleSet, &RulesUsed, Option<&ConfigUsed>, &Thresholds),
    args: &InterviewArgs,
) -> Result<(), Stop> {
    let style = output::stdout_style(args.color);
    let target = args.target.as_deref();
    let text = super::assess::table_report(saved, set, used, config, thresholds, target, style)
        .map_err(|problems| Stop::Failed(problems.to_string()))?;
    show(&format!("\n{text}"))
}

/// Writes the page to hand over (`--report`) for the saved profile, as `assess --format
/// html` prints it, atomically, and says where.
fn write_report(
    report: &Path,
    saved: &Path,
    (set, used, config, thresholds): (&RuleSet, &RulesUsed, Option<&ConfigUsed>, &Thresholds),
    args: &InterviewArgs,
) -> Result<(), Stop> {
    let page = super::assess::html_report(
        saved,
        (set, used, thresholds, args.target.as_deref()),
        config,
        args.prepared_by.as_deref(),
    )
    .map_err(|problems| Stop::Failed(problems.to_string()))?;
    atomic_file::write(report, page, true).map_err(|err| {
        Stop::Failed(format!(
            "cannot write the report to {}: {err}\nhelp: the profile is saved at {}; write the page with `partner-fit assess {} --format html > FILE.html`",
            report.display(),
            saved.display(),
            saved.display()
        ))
    })?;
    say(&format!("Report written to {}", report.display()))
}

/// Refuses, before the first question, a `--report` that would replace the profile or a
/// draft, or that points into a folder that does not exist.
fn check_report(report: &Path, args: &InterviewArgs) -> Result<()> {
    let same = |other: &Option<PathBuf>| other.as_deref().is_some_and(|o| o == report);
    if same(&args.out) || same(&args.from) {
        bail!(
            "--report {} names the profile itself\nhelp: give the page a file of its own, e.g. `--report {}.html`",
            report.display(),
            report.with_extension("").display()
        );
    }
    if report.is_dir() {
        bail!(
            "--report {} is a folder\nhelp: name the page's file, e.g. `--report {}/brief.html`",
            report.display(),
            report.display()
        );
    }
    let dir = match report.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "--report {}: the folder {} does not exist\nhelp: create it first, or name a file in an existing folder",
            report.display(),
            dir.display()
        );
    }
    Ok(())
}

/// Saves the profile to its target or a path asked for; never replaces a file unasked,
/// except the `--from` profile saved back to itself, which the summary named. That one is
/// written only when the text changed, and only while it still holds the text read at the
/// start: another command's change made meanwhile is never reverted (the interview stops,
/// its answers kept in the draft). Returns the path and whether it was written.
fn choose_and_save(
    args: &InterviewArgs,
    text: &str,
    drafts: &Drafts,
    (target, baseline): (&Target, &Baseline),
    terminal: &mut Terminal,
) -> Result<(PathBuf, bool), Stop> {
    let mut suggestion = target.suggestion.clone();
    let mut path = target.path.clone();
    loop {
        let known = path.take();
        let opened = target.opened && known.is_some();
        let target = match known {
            Some(p) => p,
            None => {
                let check = |s: &str| {
                    if s.trim().is_empty() {
                        Err("a file name is needed".to_string())
                    } else {
                        not_the_configuration(Path::new(s.trim()))
                    }
                };
                let shown = suggestion.display().to_string();
                match terminal.type_in(
                    "Save the profile as:",
                    "",
                    Some(&shown),
                    "",
                    &check,
                    &|_| None,
                )? {
                    Pick::Done(typed) => PathBuf::from(typed.trim()),
                    Pick::Back => continue,
                }
            }
        };
        let forced = args.force && Some(&target) == args.out.as_ref();
        // Another existing file is read before "Replace it?", so what is replaced is the
        // file agreed to: a change made while the question waits is not lost either.
        let before = (!opened)
            .then(|| crate::read_file::read(&target, Some(crate::read_file::MAX_TEXT_BYTES)))
            .and_then(Result::ok)
            .map(|bytes| atomic_file::Seen::of(&bytes));
        if !review::may_replace(terminal, &target, opened, forced)? {
            suggestion = target;
            continue;
        }
        let replace = target.exists();
        let written = match (opened, baseline.text.as_deref()) {
            (true, Some(original)) => {
                let seen = atomic_file::Seen::of(original.as_bytes());
                match atomic_file::replace_if_unchanged(&target, text, &seen) {
                    Ok(replaced) => {
                        return Ok((target, replaced == atomic_file::Replaced::Written))
                    }
                    Err(err) if atomic_file::changed_since_read(&err) => {
                        return Err(Stop::Failed(changed_meanwhile(&target)))
                    }
                    Err(err) => Err(err),
                }
            }
            (true, None) => atomic_file::replace_keeping_permissions(&target, text).map(|()| true),
            (false, _) => match &before {
                Some(seen) => atomic_file::replace_if_unchanged(&target, text, seen)
                    .map(|replaced| replaced == atomic_file::Replaced::Written),
                None => atomic_file::write(&target, text, replace).map(|()| true),
            },
        };
        match written.with_context(|| format!("saving {}", target.display())) {
            Ok(written) => return Ok((target, written)),
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

/// Why the profile opened was not saved: another command wrote it during the interview.
/// Resuming the draft over it would put back that command's old values, so the fix is to
/// run the interview again on the file as it now is.
fn changed_meanwhile(target: &Path) -> String {
    let shown = target.display();
    format!(
        "error: {shown} changed since this interview read it (another command wrote it), so it was not saved: that change is kept\n\
         help: the file changed since it was read; run the command again: partner-fit interview --from {shown} \
         (the draft below keeps your answers for reference; saving it over {shown} would undo the other change)"
    )
}

/// Saves what was given and says how to resume. The interview did not finish, so
/// nothing was assessed: exit 2.
fn stopped(
    why: Stop,
    session: &Session,
    baseline: &Baseline,
    drafts: &mut Drafts,
    args: &InterviewArgs,
) -> ExitStatus {
    let how = match why {
        Stop::Failed(e) => format!("{e}\nThe profile was not saved"),
        other => told(other),
    };
    // A profile opened and left without a change needs no draft.
    let unchanged = baseline.text.is_some() && session.answers == baseline.answers;
    let anything = !unchanged && (!session.asked.is_empty() || !session.answers.is_empty());
    if anything {
        // Already saved after the last answer; saved again so the draft names the next question.
        let _ = drafts.save(session);
    } else if unchanged && drafts.written {
        // Changed and changed back: the draft holds nothing the profile does not.
        drafts.written = std::fs::remove_file(&drafts.path).is_err();
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
