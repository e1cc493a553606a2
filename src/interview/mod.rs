//! The interview: asks one question per profile field and turns the answers into a profile
//! that `assess` reads. It never loses an answer: every answer is saved to a draft at once,
//! and the final profile is written atomically.
//!
//! ```text
//! rules/interview.toml -> questions::load -> Questions
//! Session (answers as Facts) <-> Prompter (terminal::Terminal, or a script in tests)
//! answers -> profile_text::render -> profile::parse (checked) -> atomic_file::write (temp + rename)
//! ```
//!
//! The order of questions, their wording and when they are skipped are data; this module
//! knows only fields, their kinds and conditions. It does no printing of its own besides
//! what a [`Prompter`] does.

use std::collections::BTreeSet;

use crate::condition::{Fact, Facts};
use crate::profile::catalog::FieldKind;
use crate::rules::RuleSet;

pub(crate) mod answer;
pub(crate) mod draft;
pub(crate) mod profile_text;
pub(crate) use crate::rules::questions;
pub(crate) mod review;
pub(crate) mod terminal;
pub(crate) mod typed_layout;
pub(crate) mod verdict;

pub use questions::{Question, Questions};

/// Why the interview stopped before the end.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// Esc.
    Canceled,
    /// The terminal went away or failed.
    Terminal(String),
    /// A step after the questions failed (the answers did not make a valid profile); the
    /// message is shown as is.
    Failed(String),
}

/// One question as put to the person, with everything a prompter needs to show it.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    pub question: &'a Question,
    /// Why the answer matters, one line.
    pub help: &'a str,
    /// The answer so far (from `--from`, a draft, or earlier in this interview).
    pub current: Option<&'a Fact>,
    /// For choice and list fields, the values offered.
    pub choices: Vec<String>,
    /// 1-based position among the questions asked in this pass, and their expected total;
    /// `None` when an answer is being changed from the summary.
    pub progress: Option<(usize, usize)>,
    /// The first question of its section in this pass.
    pub opens_section: bool,
}

/// What a person does with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The new answer: `None` is "don't know".
    Answer(Option<Fact>),
    /// Go back one question; the answers given stay.
    Back,
}

/// Something that can put a question to a person: the terminal, or a script in tests.
/// The interview's questions, its summary's choices and its save all go through it, so
/// the whole flow runs without a terminal in tests.
pub trait Prompter {
    fn ask(&mut self, ask: &Ask) -> Result<Reply, Stop>;
    /// One entry of a list, found by moving or by typing words of it.
    fn choose(&mut self, list: terminal::List) -> Result<terminal::Pick<usize>, Stop>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, help: &str, default: bool) -> Result<bool, Stop>;
}

/// The answers of one interview, and which questions were asked.
#[derive(Debug, Clone)]
pub struct Session<'a> {
    pub questions: &'a Questions,
    /// Help line per question, in question order.
    helps: Vec<String>,
    /// The answers: pre-filled from `--from`, then as given.
    pub answers: Facts,
    /// The fields asked in this interview (or treated as asked when resuming a draft).
    pub asked: BTreeSet<&'static str>,
    /// The field answered last.
    pub last: Option<&'static str>,
}

impl<'a> Session<'a> {
    /// A session pre-filled with `answers`.
    pub fn new(questions: &'a Questions, set: &RuleSet, answers: Facts) -> Self {
        let helps = questions
            .list
            .iter()
            .map(|q| questions::help_for(q, set))
            .collect();
        Session {
            questions,
            helps,
            answers,
            asked: BTreeSet::new(),
            last: None,
        }
    }

    /// Treats every question before `field` that applies as asked, so the interview
    /// continues there. A field that is no question (`summary`) resumes at the summary.
    pub fn resume_at(&mut self, field: &str) {
        for q in &self.questions.list {
            if q.path() == field {
                break;
            }
            if q.applies(&self.answers) {
                self.asked.insert(q.path());
            }
        }
    }

    /// The next question to ask: the first one not asked that can still matter.
    pub fn next(&self) -> Option<&'a Question> {
        self.questions
            .list
            .iter()
            .find(|q| !self.asked.contains(q.path()) && q.applies(&self.answers))
    }

    /// Asks every question not asked yet that can still matter, in order. `saved` is
    /// called after every answer, with the session, so nothing given is ever lost.
    pub fn run(
        &mut self,
        prompter: &mut dyn Prompter,
        saved: &mut dyn FnMut(&Session) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        let mut last_section = None;
        while let Some(q) = self.next() {
            let opens_section = last_section != Some(q.field.section());
            last_section = Some(q.field.section());
            match prompter.ask(&self.ask(q, Some(self.progress()), opens_section))? {
                Reply::Answer(answer) => {
                    self.set(q, answer);
                    saved(self)?;
                }
                Reply::Back => {
                    self.back_from(q);
                }
            }
        }
        Ok(())
    }

    /// The next question's number and the expected total, as "Question 7 of 48" shows
    /// them: among the questions that can still matter and are not implied.
    pub fn progress(&self) -> (usize, usize) {
        let applicable = |x: &&Question| x.applies(&self.answers) && self.implied(x).is_none();
        let total = self.questions.list.iter().filter(applicable).count();
        let done = self
            .questions
            .list
            .iter()
            .filter(applicable)
            .filter(|x| self.asked.contains(x.path()))
            .count();
        (done + 1, total)
    }

    /// Makes the question asked before `q` the next one again, keeping its answer; false
    /// when `q` is the first.
    fn back_from(&mut self, q: &Question) -> bool {
        let index = self
            .questions
            .list
            .iter()
            .position(|x| x.path() == q.path())
            .unwrap_or_default();
        let before = self.questions.list[..index].iter().rev().find(|x| {
            self.asked.contains(x.path()) && x.applies(&self.answers) && self.implied(x).is_none()
        });
        match before {
            Some(x) => {
                self.asked.remove(x.path());
                true
            }
            None => false,
        }
    }

    /// Asks one question again (from the summary), then any question the new answer
    /// brings into play.
    pub fn change(
        &mut self,
        field: &str,
        prompter: &mut dyn Prompter,
        saved: &mut dyn FnMut(&Session) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        if let Some(q) = self.questions.get(field) {
            // Back from the question changed returns to the summary as it was.
            if let Reply::Answer(answer) = prompter.ask(&self.ask(q, None, true))? {
                self.set(q, answer);
                saved(self)?;
            }
        }
        self.run(prompter, saved)
    }

    fn ask<'s>(
        &'s self,
        q: &'s Question,
        progress: Option<(usize, usize)>,
        opens_section: bool,
    ) -> Ask<'s> {
        let index = self
            .questions
            .list
            .iter()
            .position(|x| std::ptr::eq(x, q))
            .unwrap_or_default();
        Ask {
            question: q,
            help: self
                .helps
                .get(index)
                .map(String::as_str)
                .unwrap_or_default(),
            current: self.answers.get(q.path()),
            choices: self.choices(q),
            progress,
            opens_section,
        }
    }

    /// The values offered for a choice or list question.
    pub fn choices(&self, q: &Question) -> Vec<String> {
        let all = match &q.field.kind {
            FieldKind::Choice(words) | FieldKind::List(words) => words.clone(),
            _ => return Vec::new(),
        };
        match q
            .choices_from
            .and_then(|from| self.answers.get(from.path.as_str()))
        {
            Some(Fact::List(chosen)) if !chosen.is_empty() => {
                all.into_iter().filter(|w| chosen.contains(w)).collect()
            }
            _ => all,
        }
    }

    /// The answer a question has without being asked: the one value its `choices_from`
    /// list leaves ("strongest" of a single reason).
    pub fn implied(&self, q: &Question) -> Option<String> {
        let from = q.choices_from?;
        match self.answers.get(from.path.as_str()) {
            Some(Fact::List(chosen)) if chosen.len() == 1 => {
                let left = self.choices(q);
                (left.len() == 1).then(|| left[0].clone())
            }
            _ => None,
        }
    }

    /// Records an answer, drops answers it makes impossible, and gives the answers it
    /// implies.
    pub fn set(&mut self, q: &Question, answer: Option<Fact>) {
        match answer {
            Some(fact) => self.answers.insert(q.path().to_string(), fact),
            None => self.answers.remove(q.path()),
        };
        self.asked.insert(q.path());
        self.last = Some(q.path());
        for other in &self.questions.list {
            let Some(from) = other.choices_from else {
                continue;
            };
            if let (Some(Fact::List(chosen)), Some(Fact::Text(value))) = (
                self.answers.get(from.path.as_str()),
                self.answers.get(other.path()),
            ) {
                if !chosen.contains(value) {
                    // Dropped, so asked again among the values left.
                    self.answers.remove(other.path());
                    self.asked.remove(other.path());
                }
            }
            if let Some(only) = self.implied(other) {
                self.answers
                    .insert(other.path().to_string(), Fact::Text(only));
                self.asked.insert(other.path());
            }
        }
    }

    /// Whether the question was skipped: not asked because it cannot matter.
    pub fn skipped(&self, q: &Question) -> bool {
        !self.asked.contains(q.path()) && !q.applies(&self.answers)
    }
}

#[cfg(test)]
mod tests;
