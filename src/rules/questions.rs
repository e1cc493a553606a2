//! The interview's questions, read from `interview.toml` at the top of the rules folder.
//!
//! The file holds the wording, the order and the skip conditions (`ask_when`, in the rule
//! condition vocabulary); the profile catalogue holds what each field accepts; the rules
//! that read a field give its help line. Validation checks the file against the
//! catalogue: every field has exactly one question, no question names a field that does
//! not exist, and every condition reads real fields asked earlier.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::files::{read, SourceFiles};
use super::{RuleSet, RuleSource};
use crate::condition::{Condition, Facts, Truth};
use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::profile::catalog::{self, Field, FieldKind};
use crate::rules::template::{TemplateError, CODE_HELP};

/// The file's name, at the top of the rules folder.
pub const FILE: &str = "interview.toml";

/// `interview.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    #[serde(default, rename = "question")]
    questions: Vec<QuestionDef>,
}

/// One `[[question]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionDef {
    field: Spanned<String>,
    prompt: Spanned<String>,
    #[serde(default)]
    required: bool,
    ask_when: Option<Condition>,
    #[serde(default)]
    labels: BTreeMap<Spanned<String>, String>,
    choices_from: Option<Spanned<String>>,
    help: Option<Spanned<String>>,
    banner: Option<String>,
}

/// One question, checked against the profile catalogue.
#[derive(Debug, Clone)]
pub struct Question {
    pub field: &'static Field,
    /// The question as asked.
    pub prompt: String,
    /// No "don't know": the profile is not valid without an answer.
    pub required: bool,
    /// Asked unless this is unmet on the answers so far.
    pub ask_when: Option<Condition>,
    /// Words shown for choice values.
    pub labels: BTreeMap<String, String>,
    /// A list field asked earlier: once it is answered, only its values are offered, and an
    /// answer that is not among them is dropped. When only one value is left, it is the
    /// answer, and the question is not asked.
    pub choices_from: Option<&'static Field>,
    /// The help line, when the one derived from the rules does not fit the question.
    pub help: Option<String>,
    /// What the heading says when this question opens a block of its section, instead
    /// of the section's description.
    pub banner: Option<String>,
    /// The file of a question not asked in the built-in words (a rules folder's own or
    /// changed question), which the interview names beside it; `None` for a built-in one.
    pub not_built_in: Option<PathBuf>,
}

impl Question {
    /// The field's dotted path.
    pub fn path(&self) -> &'static str {
        &self.field.path
    }

    /// Whether the question can still matter given `answers`: only an unmet `ask_when`
    /// skips it; an unknown answer never does.
    pub fn applies(&self, answers: &Facts) -> bool {
        self.ask_when
            .as_ref()
            .is_none_or(|c| c.eval(answers, &|_| Truth::Unknown) != Truth::Unmet)
    }

    /// The words shown for a choice value.
    pub fn label<'a>(&'a self, value: &'a str) -> &'a str {
        self.labels.get(value).map_or(value, String::as_str)
    }
}

/// The validated question list, in the order asked.
#[derive(Debug, Clone)]
pub struct Questions {
    pub list: Vec<Question>,
    /// The file the questions came from, for messages.
    pub path: PathBuf,
}

impl Questions {
    /// The question for a field.
    pub fn get(&self, path: &str) -> Option<&Question> {
        self.list.iter().find(|q| q.path() == path)
    }

    /// The fields in the order they are asked.
    pub fn fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        self.list.iter().map(|q| q.field)
    }

    /// The sections in the order they are first asked.
    pub fn sections(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for q in &self.list {
            if !out.contains(&q.field.section()) {
                out.push(q.field.section());
            }
        }
        out
    }

    /// The fields section by section, in the order the sections are first asked: the
    /// order a profile file is written in.
    pub fn fields_by_section(&self) -> Vec<&'static Field> {
        self.sections()
            .into_iter()
            .flat_map(|s| self.fields().filter(move |f| f.section() == s))
            .collect()
    }
}

/// Reads and validates the questions of a rules source. The questions of a rules folder
/// that are not the built-in ones, word for word, are marked with their file: a question
/// planted in a folder a configuration names is never asked as if it were the shipped one.
pub fn load(source: &RuleSource) -> Result<Questions, Diagnostics> {
    let files = read(source)?;
    let mut questions = from_files(&source.root(), &files)?;
    if *source != RuleSource::Embedded {
        mark_not_built_in(&mut questions)?;
    }
    Ok(questions)
}

/// Marks each question of a rules folder that the built-in rules do not ask in the same
/// words with the folder's questions file.
pub fn mark_not_built_in(questions: &mut Questions) -> Result<(), Diagnostics> {
    let built_in = load(&RuleSource::Embedded)?;
    for q in &mut questions.list {
        if built_in.get(q.path()).is_none_or(|b| !same_words(b, q)) {
            q.not_built_in = Some(questions.path.clone());
        }
    }
    Ok(())
}

/// Whether two questions ask the same thing the same way.
fn same_words(a: &Question, b: &Question) -> bool {
    a.prompt == b.prompt
        && a.help == b.help
        && a.labels == b.labels
        && a.banner == b.banner
        && a.required == b.required
        && a.choices_from.map(|f| &f.path) == b.choices_from.map(|f| &f.path)
        && a.ask_when == b.ask_when
}

/// Picks `<root>/interview.toml` out of a rules folder's files and validates it.
pub fn from_files(root: &Path, files: &SourceFiles) -> Result<Questions, Diagnostics> {
    let path = root.join(FILE);
    match files.get(&path) {
        Some(text) => parse(&path, text).map_err(Diagnostics),
        None => missing(root),
    }
}

/// The error for a rules folder at `root` without questions, where they are needed.
pub fn missing<T>(root: &Path) -> Result<T, Diagnostics> {
    Err(Diagnostics(vec![Diagnostic::whole_file(
        &root.join(FILE),
        "the rules folder has no interview questions",
    )
    .with_help(format!(
        "copy `{FILE}` from the shipped `rules/` folder into the top of this one"
    ))]))
}

/// Every problem in an interview file; empty when it is valid. `rules validate` calls this.
pub fn validate(path: &Path, text: &str) -> Vec<Diagnostic> {
    parse(path, text).err().unwrap_or_default()
}

/// Parses and validates an interview file, reporting every problem at once.
pub fn parse(path: &Path, text: &str) -> Result<Questions, Vec<Diagnostic>> {
    let file: QuestionFile = toml::from_str(text)
        .map_err(|err| vec![crate::rules::parse_error::diagnostic(path, text, &err)])?;
    let mut problems = Vec::new();
    let source = Source::new(text);
    let mut push = |span: Range<usize>, message: String, help: String| {
        problems.push(Diagnostic::at(path, &source, span, message).with_help(help));
    };
    let mut list = Vec::new();
    let mut asked: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, def) in file.questions.iter().enumerate() {
        let name = def.field.get_ref();
        let Some(field) = catalog::field(name) else {
            push(
                def.field.span(),
                format!("unknown profile field `{name}`"),
                crate::rules::validate::field_help(name),
            );
            continue;
        };
        if asked.insert(&field.path, index).is_some() {
            push(
                def.field.span(),
                format!("`{name}` has more than one question"),
                "keep one question per field; remove or merge the other".into(),
            );
        }
        if def.prompt.get_ref().trim().is_empty() {
            push(
                def.prompt.span(),
                "the prompt is empty".into(),
                "write the question as it is asked".into(),
            );
        }
        if let Some(help) = &def.help {
            if help.get_ref().trim().is_empty() {
                push(
                    help.span(),
                    "the help line is empty".into(),
                    "say why the answer matters, or leave `help` out to use the rules' titles"
                        .into(),
                );
            }
        }
        // What the room reads is prose: no field names or rule ids in it.
        let prose = std::iter::once(&def.prompt).chain(&def.help);
        for text in prose {
            if let Some(word) = crate::rules::template::code_word(text.get_ref()) {
                let at = text.get_ref().find(word).unwrap_or(0);
                let start = text.span().start + 1 + at;
                push(
                    start..start + word.len(),
                    TemplateError::Code(word.to_string()).to_string(),
                    CODE_HELP.into(),
                );
            }
        }
        if let Some(condition) = &def.ask_when {
            check_condition(condition, name, &asked, &mut push);
        }
        for value in def.labels.keys() {
            let allowed = match &field.kind {
                FieldKind::Choice(words) | FieldKind::List(words) => words.as_slice(),
                _ => &[],
            };
            if !allowed.contains(value.get_ref()) {
                push(
                    value.span(),
                    format!("`{}` is not a value of `{name}`", value.get_ref()),
                    if allowed.is_empty() {
                        "labels are for choice and list fields only".into()
                    } else {
                        format!("allowed: {}", allowed.join(" | "))
                    },
                );
            }
        }
        let choices_from = def.choices_from.as_ref().and_then(|from| {
            let source = catalog::field(from.get_ref());
            let fits = match (source.map(|s| &s.kind), &field.kind) {
                (Some(FieldKind::List(a)), FieldKind::Choice(b)) => a == b,
                _ => false,
            };
            if source.is_none() {
                push(
                    from.span(),
                    format!("unknown profile field `{}`", from.get_ref()),
                    crate::rules::validate::field_help(from.get_ref()),
                );
            } else if !fits {
                push(
                    from.span(),
                    format!("`{}` is not a list of `{name}`'s values", from.get_ref()),
                    "`choices_from` names a list field whose values are this choice's values"
                        .into(),
                );
            } else if !asked.contains_key(from.get_ref().as_str()) || from.get_ref() == name {
                push(
                    from.span(),
                    format!("`{}` is not asked before `{name}`", from.get_ref()),
                    "move this question below the list it takes its choices from".into(),
                );
            }
            source.filter(|_| fits)
        });
        list.push(Question {
            field,
            prompt: def.prompt.get_ref().trim().to_string(),
            required: def.required,
            ask_when: def.ask_when.clone(),
            labels: def
                .labels
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), v.clone()))
                .collect(),
            choices_from,
            help: def.help.as_ref().map(|h| h.get_ref().trim().to_string()),
            banner: def.banner.as_ref().map(|b| b.trim().to_string()),
            not_built_in: None,
        });
    }
    let missing: Vec<&str> = catalog::fields()
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| !asked.contains_key(p))
        .collect();
    if !missing.is_empty() {
        let end = text.len();
        push(
            end..end,
            format!(
                "{} profile field{} {} no question: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                if missing.len() == 1 { "has" } else { "have" },
                missing.join(", ")
            ),
            "add a `[[question]]` for each; every field of the profile is asked".into(),
        );
    }
    if problems.is_empty() {
        Ok(Questions {
            list,
            path: path.to_path_buf(),
        })
    } else {
        Err(problems)
    }
}

/// Checks that a condition reads real fields asked before `asker`, and compares them with
/// values they can hold.
fn check_condition(
    condition: &Condition,
    asker: &str,
    asked: &BTreeMap<&str, usize>,
    push: &mut impl FnMut(Range<usize>, String, String),
) {
    for name in condition.fields() {
        let field = name.get_ref();
        if catalog::field(field).is_none() {
            push(
                name.span(),
                format!("unknown profile field `{field}`"),
                crate::rules::validate::field_help(field),
            );
        } else if !asked.contains_key(field.as_str()) || field == asker {
            push(
                name.span(),
                format!("`ask_when` reads `{field}`, which is not asked before `{asker}`"),
                "a question can only depend on answers given earlier; move it below that question"
                    .into(),
            );
        }
    }
    for id in condition.rule_refs() {
        push(
            id.span(),
            "`ask_when` cannot refer to a rule".into(),
            "write the condition over the profile fields it needs".into(),
        );
    }
    check_literals(condition, push);
}

fn check_literals(condition: &Condition, push: &mut impl FnMut(Range<usize>, String, String)) {
    for (field, value, element) in condition.comparisons() {
        let Some(f) = catalog::field(field.get_ref()) else {
            continue;
        };
        if !f.accepts(value.get_ref(), element) {
            push(
                value.span(),
                format!(
                    "{} is not a value `{}` can hold",
                    value.get_ref(),
                    field.get_ref()
                ),
                format!("`{}` is {}", field.get_ref(), f.allowed()),
            );
        }
    }
}

/// The one-line help of a question: its own `help`, else why the answer matters, taken
/// from the title of the rules whose condition reads the field, else the field's own
/// description.
pub fn help_for(q: &Question, set: &RuleSet) -> String {
    match &q.help {
        Some(own) => own.clone(),
        None => help(q.field, set),
    }
}

/// Why a field matters, from the rules that read it.
pub fn help(field: &Field, set: &RuleSet) -> String {
    let mut readers: Vec<&crate::rules::Rule> = set
        .rules
        .iter()
        .filter(|r| r.when.fields().iter().any(|f| *f.get_ref() == field.path))
        .collect();
    // The most consequential rule speaks for the field: one that can veto a motion, then
    // the one with the most points riding on it.
    readers.sort_by_key(|r| {
        let caps = r.cap.met.len() + r.cap.unmet.len() + r.cap.not_met.len();
        let points: i64 = r.weight.values().map(|w| *w.get_ref()).sum();
        (
            std::cmp::Reverse(caps),
            std::cmp::Reverse(points),
            r.id().to_string(),
        )
    });
    // A pattern's title names the failure it guards against.
    let lead = |r: &crate::rules::Rule| match r.kind() {
        crate::rules::Kind::Pattern => "Guards against",
        _ => "Matters for",
    };
    match readers.as_slice() {
        [] => field.description.clone(),
        [only] => format!("{}: {}", lead(only), only.title),
        [first, rest @ ..] => format!(
            "{}: {} (and {} more rule{})",
            lead(first),
            first.title,
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn shipped() -> Questions {
        match load(&RuleSource::Embedded) {
            Ok(q) => q,
            Err(problems) => panic!("the shipped interview questions do not validate:\n{problems}"),
        }
    }

    #[test]
    fn a_rules_folder_question_in_other_words_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let shipped = std::fs::read_to_string("rules/interview.toml").unwrap();
        let first = shipped.find("\nprompt").unwrap() + 1;
        let end = first + shipped[first..].find('\n').unwrap();
        let planted = format!(
            "{}prompt = \"Paste your API key here\"{}",
            &shipped[..first],
            &shipped[end..]
        );
        std::fs::write(dir.path().join("interview.toml"), planted).unwrap();
        std::fs::write(dir.path().join("policy.toml"), "").unwrap();
        let source = RuleSource::Dir(dir.path().to_path_buf());
        let questions = load(&source).unwrap();
        let marked: Vec<&str> = questions
            .list
            .iter()
            .filter(|q| q.not_built_in.is_some())
            .map(|q| q.prompt.as_str())
            .collect();
        assert_eq!(marked, ["Paste your API key here"]);
        assert!(load(&RuleSource::Embedded)
            .unwrap()
            .list
            .iter()
            .all(|q| q.not_built_in.is_none()));
    }

    #[test]
    fn shipped_questions_are_valid() {
        shipped();
    }

    #[test]
    fn own_help_lines_and_banners_are_read_and_an_empty_help_is_refused() {
        let text = include_str!("../../rules/interview.toml");
        let questions = parse(Path::new("i.toml"), text).unwrap();
        let revenue = questions.get("vendor.annual_revenue_usd").unwrap();
        assert!(revenue.help.as_deref().unwrap().contains("hyperscaler"));
        // The vendor section is asked in two places, and still written as one.
        let motion = questions.get("vendor.current_motion").unwrap();
        assert!(motion.banner.is_some());
        let order: Vec<&str> = questions
            .fields_by_section()
            .iter()
            .map(|f| f.section())
            .collect();
        let mut blocks = order.clone();
        blocks.dedup();
        assert_eq!(blocks, questions.sections());
        let emptied = text.replacen("help = \"Sizes you", "help = \"   \" # \"", 1);
        let problems = validate(Path::new("i.toml"), &emptied);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "the help line is empty");
    }

    #[test]
    fn every_field_has_exactly_one_question() {
        let questions = shipped();
        let asked: Vec<&str> = questions.list.iter().map(Question::path).collect();
        let unique: BTreeSet<&str> = asked.iter().copied().collect();
        assert_eq!(asked.len(), unique.len(), "a field is asked twice");
        let fields: BTreeSet<&str> = catalog::fields().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(unique, fields);
    }

    #[test]
    fn no_question_writes_a_field_that_does_not_exist() {
        for q in &shipped().list {
            assert!(catalog::field(q.path()).is_some(), "{}", q.path());
        }
        let problems = validate(
            Path::new("i.toml"),
            "[[question]]\nfield = \"market.icp_overlap\"\nprompt = \"?\"\n",
        );
        let first = &problems[0];
        assert_eq!(first.message, "unknown profile field `market.icp_overlap`");
        assert_eq!((first.line, first.column), (2, 9));
        assert_eq!(
            first.help.as_deref(),
            Some("did you mean `market.icp_overlap_pct`?")
        );
    }

    #[test]
    fn required_questions_are_the_fields_a_profile_cannot_lack() {
        // A profile with only the required answers loads; dropping any one of them fails.
        let questions = shipped();
        let required: Vec<&Question> = questions.list.iter().filter(|q| q.required).collect();
        let text = |skip: Option<&str>| {
            let mut t = String::new();
            for q in &required {
                if Some(q.path()) != skip {
                    t.push_str(&format!(
                        "[{}]\n{} = \"x\"\n",
                        q.field.section(),
                        q.field.key()
                    ));
                }
            }
            t
        };
        assert!(crate::profile::parse(Path::new("p.toml"), &text(None)).is_ok());
        for q in &required {
            assert!(
                crate::profile::parse(Path::new("p.toml"), &text(Some(q.path()))).is_err(),
                "{} is marked required but a profile loads without it",
                q.path()
            );
        }
    }

    #[test]
    fn sections_are_asked_as_blocks_starting_with_the_two_sides() {
        let sections = shipped().sections();
        assert_eq!(&sections[..2], &["vendor", "partner"]);
        let unique: BTreeSet<&str> = sections.iter().copied().collect();
        assert_eq!(unique.len(), sections.len());
    }

    #[test]
    fn a_missing_question_duplicate_or_later_field_is_reported_at_its_place() {
        let text = "\
[[question]]
field = \"vendor.name\"
prompt = \"Name?\"
ask_when = { is_true = { field = \"partner.sells_into_accounts\" } }
[[question]]
field = \"vendor.name\"
prompt = \"Again?\"
";
        let problems = validate(Path::new("i.toml"), text);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(
                &"`ask_when` reads `partner.sells_into_accounts`, which is not asked before `vendor.name`"
            ),
            "{messages:?}"
        );
        let dup = problems
            .iter()
            .find(|p| p.message == "`vendor.name` has more than one question")
            .expect("duplicate reported");
        assert_eq!(dup.line, 6);
        assert!(messages.iter().any(|m| m.contains("have no question")));
    }

    #[test]
    fn ask_when_values_must_fit_the_field() {
        let text = "\
[[question]]
field = \"integration.status\"
prompt = \"Status?\"
[[question]]
field = \"integration.adopted\"
prompt = \"Adopted?\"
ask_when = { eq = { field = \"integration.status\", value = \"shipped\" } }
";
        let problems = validate(Path::new("i.toml"), text);
        let bad = problems
            .iter()
            .find(|p| p.message.contains("\"shipped\""))
            .expect("bad value reported");
        assert_eq!(bad.line, 7);
        assert!(bad.help.as_deref().unwrap().contains("none | planned"));
    }

    #[test]
    fn reseller_terms_are_skipped_when_the_customer_is_owned_and_the_partner_only_introduces() {
        use crate::condition::Fact;
        let questions = shipped();
        let q = questions.get("operations.reseller_terms_ready").unwrap();
        let mut answers = Facts::new();
        assert!(q.applies(&answers), "unknown answers never skip");
        answers.insert("vendor.must_own_customer".into(), Fact::Bool(true));
        answers.insert("partner.sells_into_accounts".into(), Fact::Bool(false));
        assert!(!q.applies(&answers));
        answers.insert("partner.sells_into_accounts".into(), Fact::Bool(true));
        assert!(q.applies(&answers));
    }

    #[test]
    fn help_comes_from_the_rules_that_read_the_field() {
        let set = crate::rules::load(&RuleSource::Embedded).unwrap();
        let overlap = catalog::field("market.icp_overlap_pct").unwrap();
        let rule = set.get("gate.icp-overlap").unwrap();
        assert!(help(overlap, &set).contains(&rule.title));
        let readers = |path: &str| {
            set.rules
                .iter()
                .any(|r| r.when.fields().iter().any(|f| f.get_ref() == path))
        };
        let unread = catalog::fields()
            .iter()
            .find(|f| !readers(&f.path))
            .expect("some field no rule reads");
        assert_eq!(help(unread, &set), unread.description);
    }
}
