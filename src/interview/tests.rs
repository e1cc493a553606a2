//! The question logic, driven by a script instead of a terminal.

use std::collections::VecDeque;
use std::path::Path;

use super::terminal::{List, Pick};
use super::*;
use crate::rules::RuleSource;

/// Answers from a script: `Keep` presses Enter, `Give` types an answer, `Back` goes back
/// one question, `Stop` is Ctrl-C.
enum Step {
    Keep,
    Give(Option<Fact>),
    Back,
    Stop,
    /// In a list: type these words, then Enter on the first entry they find.
    Find(&'static str),
    /// In a list: Enter on this entry.
    Pick(usize),
    /// To a yes/no question.
    Confirm(bool),
}

struct Script {
    steps: VecDeque<Step>,
    /// Every question put, with its progress.
    seen: Vec<(String, Option<(usize, usize)>)>,
}

impl Script {
    fn new(steps: impl IntoIterator<Item = Step>) -> Self {
        Script {
            steps: steps.into_iter().collect(),
            seen: Vec::new(),
        }
    }
}

impl Prompter for Script {
    fn ask(&mut self, ask: &Ask) -> Result<Reply, Stop> {
        self.seen
            .push((ask.question.path().to_string(), ask.progress));
        match self.steps.pop_front().unwrap_or(Step::Keep) {
            Step::Keep => Ok(Reply::Answer(ask.current.cloned())),
            Step::Give(answer) => Ok(Reply::Answer(answer)),
            Step::Back => Ok(Reply::Back),
            Step::Stop => Err(Stop::Interrupted),
            _ => panic!("a list or yes/no step where a question was asked"),
        }
    }

    fn choose(&mut self, list: List) -> Result<Pick<usize>, Stop> {
        match self.steps.pop_front() {
            Some(Step::Find(words)) => Ok(Pick::Done(
                list.entries
                    .iter()
                    .position(|e| terminal::matches(e, words))
                    .expect("the words find an entry"),
            )),
            Some(Step::Pick(i)) => Ok(Pick::Done(i)),
            Some(Step::Back) => Ok(Pick::Back),
            Some(Step::Stop) => Err(Stop::Interrupted),
            _ => Ok(Pick::Done(list.cursor)),
        }
    }

    fn confirm(&mut self, _: &str, _: &str, default: bool) -> Result<bool, Stop> {
        match self.steps.pop_front() {
            Some(Step::Confirm(yes)) => Ok(yes),
            Some(Step::Stop) => Err(Stop::Interrupted),
            _ => Ok(default),
        }
    }
}

fn fixtures() -> (Questions, RuleSet) {
    (
        questions::load(&RuleSource::Embedded).expect("shipped questions are valid"),
        crate::rules::load(&RuleSource::Embedded).expect("shipped rules are valid"),
    )
}

fn profile_facts(text: &str) -> Facts {
    crate::profile::facts::facts(&crate::profile::parse(Path::new("p.toml"), text).unwrap())
}

const PROFILE: &str = r#"
[vendor]
name = "Acme"
must_own_customer = true
[partner]
name = "Northwind"
sells_into_accounts = false
[market]
icp_overlap_pct = 32
[operations]
reseller_terms_ready = true
[value]
drivers = ["reach"]
primary_driver = "reach"
"#;

#[test]
fn enter_through_keeps_every_answer() {
    let (questions, set) = fixtures();
    let prefill = profile_facts(PROFILE);
    let mut session = Session::new(&questions, &set, prefill.clone());
    let mut script = Script::new([]);
    let mut saves = 0;
    session
        .run(&mut script, &mut |_| {
            saves += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(session.answers, prefill);
    assert_eq!(saves, script.seen.len(), "saved after every answer");
}

#[test]
fn a_question_that_cannot_matter_is_skipped_and_keeps_its_value() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, profile_facts(PROFILE));
    let mut script = Script::new([]);
    session.run(&mut script, &mut |_| Ok(())).unwrap();
    let asked: Vec<&str> = script.seen.iter().map(|(f, _)| f.as_str()).collect();
    assert!(!asked.contains(&"operations.reseller_terms_ready"));
    let q = questions.get("operations.reseller_terms_ready").unwrap();
    assert!(session.skipped(q));
    assert_eq!(
        session.answers.get("operations.reseller_terms_ready"),
        Some(&Fact::Bool(true))
    );
}

#[test]
fn progress_counts_the_questions_that_can_still_matter() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, Facts::new());
    let mut script = Script::new([]);
    session.run(&mut script, &mut |_| Ok(())).unwrap();
    // Questions that need an earlier answer to be present (where deal figures came from)
    // are not counted while nothing is known.
    let total = applicable(&questions);
    assert_eq!(script.seen[0].1, Some((1, total)));
    assert_eq!(
        script.seen.len(),
        total,
        "nothing known: every question asked"
    );
    assert_eq!(script.seen.last().unwrap().1, Some((total, total)));
}

#[test]
fn an_answer_can_remove_later_questions_from_the_count() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, Facts::new());
    let index = |f: &str| questions.list.iter().position(|q| q.path() == f).unwrap();
    // Answer "must own the customer" yes and "partner sells" no; the rest don't know.
    let mut steps: Vec<Step> = (0..questions.list.len()).map(|_| Step::Keep).collect();
    steps[index("vendor.name")] = Step::Give(Some(Fact::Text("V".into())));
    steps[index("vendor.must_own_customer")] = Step::Give(Some(Fact::Bool(true)));
    steps[index("partner.sells_into_accounts")] = Step::Give(Some(Fact::Bool(false)));
    let mut script = Script::new(steps);
    session.run(&mut script, &mut |_| Ok(())).unwrap();
    // Questions that need an earlier answer to be present (where deal figures came from)
    // are not counted while nothing is known.
    let total = applicable(&questions);
    let (_, last) = script.seen.last().unwrap();
    assert_eq!(*last, Some((total - 2, total - 2)));
}

#[test]
fn an_interrupt_keeps_the_answers_given_and_resumes_at_the_next_question() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, Facts::new());
    let mut script = Script::new([
        Step::Give(Some(Fact::Text("Acme".into()))),
        Step::Give(Some(Fact::Bool(true))),
        Step::Stop,
    ]);
    let mut last_saved = Facts::new();
    let stop = session.run(&mut script, &mut |s| {
        last_saved = s.answers.clone();
        Ok(())
    });
    assert!(matches!(stop, Err(Stop::Interrupted)));
    assert_eq!(last_saved.len(), 2);
    let next = session.next().unwrap().path();
    assert_eq!(next, questions.list[2].path());

    let mut resumed = Session::new(&questions, &set, last_saved);
    resumed.resume_at(next);
    let mut script = Script::new([]);
    resumed.run(&mut script, &mut |_| Ok(())).unwrap();
    assert_eq!(script.seen[0].0, next);
    assert_eq!(script.seen[0].1, Some((3, applicable(&questions))));
}

#[test]
fn changing_the_list_drops_a_choice_that_is_no_longer_in_it() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, profile_facts(PROFILE));
    session.resume_at("summary");
    let primary = questions.get("value.primary_driver").unwrap();
    assert_eq!(session.choices(primary), vec!["reach".to_string()]);
    let mut script = Script::new([Step::Give(Some(Fact::List(vec![
        "retention".into(),
        "deal_velocity".into(),
    ])))]);
    session
        .change("value.drivers", &mut script, &mut |_| Ok(()))
        .unwrap();
    // "reach" is gone, so the strongest reason is asked again, among the two left.
    assert_eq!(
        session.choices(primary),
        vec!["retention".to_string(), "deal_velocity".to_string()]
    );
    let asked: Vec<&str> = script.seen.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(asked, ["value.drivers", "value.primary_driver"]);
}

#[test]
fn the_strongest_reason_is_asked_only_when_there_are_two() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, profile_facts(PROFILE));
    session.resume_at("summary");
    let mut script = Script::new([Step::Give(Some(Fact::List(vec!["retention".into()])))]);
    session
        .change("value.drivers", &mut script, &mut |_| Ok(()))
        .unwrap();
    let asked: Vec<&str> = script.seen.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(asked, ["value.drivers"]);
    // The one reason is the strongest.
    assert_eq!(
        session.answers.get("value.primary_driver"),
        Some(&Fact::Text("retention".into()))
    );
}

#[test]
fn changing_an_answer_asks_the_questions_it_brings_into_play() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, profile_facts(PROFILE));
    let mut script = Script::new([]);
    session.run(&mut script, &mut |_| Ok(())).unwrap();
    let mut script = Script::new([Step::Give(Some(Fact::Bool(true)))]);
    session
        .change("partner.sells_into_accounts", &mut script, &mut |_| Ok(()))
        .unwrap();
    let asked: Vec<&str> = script.seen.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        asked,
        [
            "partner.sells_into_accounts",
            "operations.reseller_terms_ready",
            "economics.reseller_discount_pct"
        ]
    );
}

#[test]
fn back_asks_the_question_before_again_keeping_every_answer() {
    let (questions, set) = fixtures();
    let mut session = Session::new(&questions, &set, Facts::new());
    let mut script = Script::new([
        Step::Give(Some(Fact::Text("Acme".into()))),
        Step::Give(Some(Fact::Bool(true))),
        Step::Back,
        // Back at question 2: its answer is the one offered again.
        Step::Keep,
        Step::Back,
        Step::Back,
        Step::Back, // at the first question, back stays there
        Step::Keep,
        Step::Stop,
    ]);
    let _ = session.run(&mut script, &mut |_| Ok(()));
    let asked: Vec<(&str, usize)> = script
        .seen
        .iter()
        .map(|(f, p)| (f.as_str(), p.unwrap().0))
        .collect();
    let [first, second, third] = [0, 1, 2].map(|i| questions.list[i].path());
    assert_eq!(
        asked,
        [
            (first, 1),
            (second, 2),
            (third, 3),
            (second, 2),
            (third, 3),
            (second, 2),
            (first, 1),
            (first, 1),
            (second, 2),
        ]
    );
    assert_eq!(session.answers.get(first), Some(&Fact::Text("Acme".into())));
    assert_eq!(session.answers.get(second), Some(&Fact::Bool(true)));
}

#[test]
fn the_summary_lists_every_answer_by_section_and_marks_what_changed() {
    let (questions, set) = fixtures();
    let session = Session::new(&questions, &set, profile_facts(PROFILE));
    let changed = "partner.sells_into_accounts";
    let lines = review::summary(&session, &|q| {
        if q.path() == changed {
            " (was: yes)".to_string()
        } else {
            String::new()
        }
    });
    assert!(
        lines.iter().any(|l| l.starts_with("Partner: ")),
        "{lines:#?}"
    );
    let line = lines
        .iter()
        .find(|l| l.contains("live deals"))
        .expect("the question is listed");
    assert!(line.ends_with("→ no (was: yes)"), "{line}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("  ")).count(),
        questions.list.len()
    );
}

#[test]
fn typing_words_of_a_question_picks_it_to_change_and_the_first_entry_saves() {
    let (questions, set) = fixtures();
    let session = Session::new(&questions, &set, profile_facts(PROFILE));
    let none = |_: &questions::Question| String::new();
    let mut script = Script::new([Step::Find("live deals")]);
    let field = review::what_next(&mut script, &session, "Save".into(), &none).unwrap();
    assert_eq!(field.as_deref(), Some("partner.sells_into_accounts"));
    // A section's description finds its questions too.
    let mut script = Script::new([Step::Find("commission")]);
    let field = review::what_next(&mut script, &session, "Save".into(), &none).unwrap();
    assert!(field.is_some_and(|f| f.starts_with("value.")));
    let mut script = Script::new([Step::Pick(0)]);
    assert_eq!(
        review::what_next(&mut script, &session, "Save".into(), &none).unwrap(),
        None
    );
    let mut script = Script::new([Step::Stop]);
    assert!(review::what_next(&mut script, &session, "Save".into(), &none).is_err());
}

#[test]
fn an_existing_file_is_replaced_only_when_opened_forced_or_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.toml");
    let there = dir.path().join("there.toml");
    std::fs::write(&there, "").unwrap();
    let mut nothing_asked = Script::new([Step::Stop]);
    assert!(review::may_replace(&mut nothing_asked, &new, false, false).unwrap());
    assert!(review::may_replace(&mut nothing_asked, &there, true, false).unwrap());
    assert!(review::may_replace(&mut nothing_asked, &there, false, true).unwrap());
    assert_eq!(nothing_asked.steps.len(), 1, "nothing was asked");
    let mut no = Script::new([Step::Confirm(false)]);
    assert!(!review::may_replace(&mut no, &there, false, false).unwrap());
    let mut yes = Script::new([Step::Confirm(true)]);
    assert!(review::may_replace(&mut yes, &there, false, false).unwrap());
    // Enter keeps the default, which is not to replace.
    let mut enter = Script::new([]);
    assert!(!review::may_replace(&mut enter, &there, false, false).unwrap());
}

/// The questions that can matter before anything is known.
fn applicable(questions: &Questions) -> usize {
    let nothing = Facts::new();
    questions
        .list
        .iter()
        .filter(|q| q.applies(&nothing))
        .count()
}
