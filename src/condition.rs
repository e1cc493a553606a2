//! The condition vocabulary of rule files, and its three-valued evaluation.
//!
//! A condition reads named facts and is `Met`, `Unmet` or `Unknown`; a missing fact makes
//! the comparison that reads it `Unknown`, and `Unknown` propagates through `all`, `any`
//! and `not` the way Kleene logic says. The vocabulary is closed: a rule file can only
//! combine these operators, and an unknown operator is a load error at its line and column.
//! Nothing here knows what the facts mean.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// One answered fact, as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Bool(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Fact::Number(n) => match whole(*n) {
                Some(i) => write!(f, "{i}"),
                None => write!(f, "{n}"),
            },
            Fact::Text(t) => write!(f, "{t}"),
            Fact::List(items) if items.is_empty() => write!(f, "none"),
            Fact::List(items) => write!(f, "{}", items.join(", ")),
        }
    }
}

/// An answer as a profile holds it: `true`, `36000`, `"isv"`, `["retention"]`.
impl Serialize for Fact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Fact::Bool(b) => s.serialize_bool(*b),
            Fact::Number(n) => match whole(*n) {
                Some(i) => s.serialize_i64(i),
                None => s.serialize_f64(*n),
            },
            Fact::Text(t) => s.serialize_str(t),
            Fact::List(items) => items.serialize(s),
        }
    }
}

/// An answer is written in its field's own type, so the schema admits each type a
/// profile field can have.
impl schemars::JsonSchema for Fact {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fact".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A profile answer, in the type of the field it is for: true/false, a number, a word, or a list of words.",
            "anyOf": [
                { "type": "boolean" },
                { "type": "number" },
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

/// The number as a whole number, when it is one (and small enough to be written as one).
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 1e15).then_some(n as i64)
}

/// Facts by dotted name; a name that is absent is unknown.
pub type Facts = BTreeMap<String, Fact>;

/// The three answers a condition can give.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    Met,
    Unmet,
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Self {
        if b {
            Truth::Met
        } else {
            Truth::Unmet
        }
    }

    fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Unmet, _) | (_, Truth::Unmet) => Truth::Unmet,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::Met,
        }
    }

    fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Met, _) | (_, Truth::Met) => Truth::Met,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::Unmet,
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::Met => Truth::Unmet,
            Truth::Unmet => Truth::Met,
            Truth::Unknown => Truth::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A literal a fact is compared with.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Literal {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl Literal {
    /// The number, when the literal is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Literal::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Number(n) => write!(f, "{}", Fact::Number(*n)),
            Literal::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

/// A number a condition compares a fact with ([`Condition::numbers`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberUse<'a> {
    pub field: &'a str,
    /// For a ratio, the field `field` is divided by.
    pub over: Option<&'a str>,
    pub op: NumberOp,
    pub value: f64,
}

/// How a number is compared: the operator it appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberOp {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    RatioGte,
}

/// `{ field = "...", value = ... }`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    pub field: Spanned<String>,
    pub value: Spanned<Literal>,
}

/// `{ field = "...", values = [...] }`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Among {
    pub field: Spanned<String>,
    pub values: Vec<Spanned<Literal>>,
}

/// `{ field = "..." }`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRef {
    pub field: Spanned<String>,
}

/// `{ field = "...", over = "...", value = 3 }`: `field / over >= value`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    pub field: Spanned<String>,
    pub over: Spanned<String>,
    pub value: Spanned<f64>,
}

/// A condition as written in a rule file (externally tagged: the operator is the key).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The fact equals the value.
    Eq(Compare),
    /// The fact is known and differs from the value.
    Ne(Compare),
    /// The number is greater than the value.
    Gt(Compare),
    /// The number is at least the value.
    Gte(Compare),
    /// The number is less than the value.
    Lt(Compare),
    /// The number is at most the value.
    Lte(Compare),
    /// The fact is one of the values.
    In(Among),
    /// The list holds the value.
    Contains(Compare),
    /// The yes/no fact is yes.
    IsTrue(FieldRef),
    /// The yes/no fact is no.
    IsFalse(FieldRef),
    /// The fact is given and not empty; a missing fact is `Unmet`, never `Unknown`.
    Present(FieldRef),
    /// The list or text is given and not empty; a missing fact is `Unknown`.
    Nonempty(FieldRef),
    /// One number divided by another is at least the value (both must be known).
    RatioGte(Ratio),
    /// Every condition is met.
    All(Vec<Condition>),
    /// At least one condition is met.
    Any(Vec<Condition>),
    /// The condition is not met.
    Not(Box<Condition>),
    /// Another rule, by id, is met.
    Rule(Spanned<String>),
}

impl Condition {
    /// Evaluates against `facts`; `rule_state` answers `rule = "id"` references.
    pub fn eval(&self, facts: &Facts, rule_state: &dyn Fn(&str) -> Truth) -> Truth {
        let fact = |name: &Spanned<String>| facts.get(name.get_ref().as_str());
        match self {
            Condition::Eq(c) => compare(fact(&c.field), c.value.get_ref(), |o| o.is_eq()),
            Condition::Ne(c) => compare(fact(&c.field), c.value.get_ref(), |o| o.is_ne()),
            Condition::Gt(c) => compare(fact(&c.field), c.value.get_ref(), |o| o.is_gt()),
            Condition::Gte(c) => compare(fact(&c.field), c.value.get_ref(), |o| o.is_ge()),
            Condition::Lt(c) => compare(fact(&c.field), c.value.get_ref(), |o| o.is_lt()),
            Condition::Lte(c) => compare(fact(&c.field), c.value.get_ref(), |o| o.is_le()),
            Condition::In(a) => match fact(&a.field) {
                None => Truth::Unknown,
                Some(f) => Truth::from_bool(
                    a.values
                        .iter()
                        .any(|v| compare(Some(f), v.get_ref(), |o| o.is_eq()) == Truth::Met),
                ),
            },
            Condition::Contains(c) => match (fact(&c.field), c.value.get_ref()) {
                (None, _) => Truth::Unknown,
                (Some(Fact::List(items)), Literal::Text(t)) => Truth::from_bool(items.contains(t)),
                _ => Truth::Unmet,
            },
            Condition::IsTrue(r) => match fact(&r.field) {
                None => Truth::Unknown,
                Some(f) => Truth::from_bool(*f == Fact::Bool(true)),
            },
            Condition::IsFalse(r) => match fact(&r.field) {
                None => Truth::Unknown,
                Some(f) => Truth::from_bool(*f == Fact::Bool(false)),
            },
            Condition::Present(r) => Truth::from_bool(fact(&r.field).is_some_and(not_empty)),
            Condition::Nonempty(r) => {
                fact(&r.field).map_or(Truth::Unknown, |f| Truth::from_bool(not_empty(f)))
            }
            Condition::RatioGte(r) => match (fact(&r.field), fact(&r.over)) {
                (Some(Fact::Number(a)), Some(Fact::Number(b))) => {
                    let bound = *r.value.get_ref();
                    // A zero divisor makes any positive numerator infinitely larger.
                    Truth::from_bool(if *b == 0.0 {
                        *a > 0.0 || bound <= 1.0
                    } else {
                        a / b >= bound
                    })
                }
                (Some(_), Some(_)) => Truth::Unmet,
                _ => Truth::Unknown,
            },
            Condition::All(items) => items
                .iter()
                .fold(Truth::Met, |acc, c| acc.and(c.eval(facts, rule_state))),
            Condition::Any(items) => items
                .iter()
                .fold(Truth::Unmet, |acc, c| acc.or(c.eval(facts, rule_state))),
            Condition::Not(inner) => inner.eval(facts, rule_state).not(),
            Condition::Rule(id) => rule_state(id.get_ref()),
        }
    }

    /// Every fact name the condition reads, with its place in the rule file.
    pub fn fields(&self) -> Vec<&Spanned<String>> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Eq(x)
            | Condition::Ne(x)
            | Condition::Gt(x)
            | Condition::Gte(x)
            | Condition::Lt(x)
            | Condition::Lte(x)
            | Condition::Contains(x) => out.push(&x.field),
            Condition::In(a) => out.push(&a.field),
            Condition::IsTrue(r)
            | Condition::IsFalse(r)
            | Condition::Present(r)
            | Condition::Nonempty(r) => out.push(&r.field),
            Condition::RatioGte(r) => {
                out.push(&r.field);
                out.push(&r.over);
            }
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) | Condition::Rule(_) => {}
        });
        out
    }

    /// Every literal the condition compares a fact with: (fact name, value, whether the
    /// value is one element of a list fact). Validation and the what-if answers read these.
    pub fn comparisons(&self) -> Vec<(&Spanned<String>, &Spanned<Literal>, bool)> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Eq(x)
            | Condition::Ne(x)
            | Condition::Gt(x)
            | Condition::Gte(x)
            | Condition::Lt(x)
            | Condition::Lte(x) => out.push((&x.field, &x.value, false)),
            Condition::Contains(x) => out.push((&x.field, &x.value, true)),
            Condition::In(a) => out.extend(a.values.iter().map(|v| (&a.field, v, false))),
            _ => {}
        });
        out
    }

    /// Every number the condition compares with, and how: the one walk of a condition's
    /// numbers, for the thresholds messages quote, the bound `:short` measures against
    /// and the values an unknown answer is tried at.
    pub fn numbers(&self) -> Vec<NumberUse<'_>> {
        fn push<'a>(
            out: &mut Vec<NumberUse<'a>>,
            field: &'a Spanned<String>,
            op: NumberOp,
            value: &Literal,
        ) {
            if let Some(value) = value.as_number() {
                out.push(NumberUse {
                    field: field.get_ref(),
                    over: None,
                    op,
                    value,
                });
            }
        }
        let mut out = Vec::new();
        self.walk(&mut |c| {
            let out = &mut out;
            match c {
                Condition::Eq(x) => push(out, &x.field, NumberOp::Eq, x.value.get_ref()),
                Condition::Ne(x) => push(out, &x.field, NumberOp::Ne, x.value.get_ref()),
                Condition::Gt(x) => push(out, &x.field, NumberOp::Gt, x.value.get_ref()),
                Condition::Gte(x) => push(out, &x.field, NumberOp::Gte, x.value.get_ref()),
                Condition::Lt(x) => push(out, &x.field, NumberOp::Lt, x.value.get_ref()),
                Condition::Lte(x) => push(out, &x.field, NumberOp::Lte, x.value.get_ref()),
                Condition::In(a) => a
                    .values
                    .iter()
                    .for_each(|v| push(out, &a.field, NumberOp::In, v.get_ref())),
                Condition::RatioGte(r) => out.push(NumberUse {
                    field: r.field.get_ref(),
                    over: Some(r.over.get_ref()),
                    op: NumberOp::RatioGte,
                    value: *r.value.get_ref(),
                }),
                _ => {}
            }
        });
        out
    }

    /// Every rule id the condition refers to.
    pub fn rule_refs(&self) -> Vec<&Spanned<String>> {
        let mut out = Vec::new();
        self.walk(&mut |c| {
            if let Condition::Rule(id) = c {
                out.push(id);
            }
        });
        out
    }

    /// Calls `f` on this condition and every condition inside it.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| c.walk(f)),
            Condition::Not(inner) => inner.walk(f),
            _ => {}
        }
    }

    /// The condition in words, for `rules explain` and reports.
    pub fn describe(&self) -> String {
        let name = |s: &Spanned<String>| format!("`{}`", s.get_ref());
        match self {
            Condition::Eq(c) => format!("{} is {}", name(&c.field), c.value.get_ref()),
            Condition::Ne(c) => format!("{} is not {}", name(&c.field), c.value.get_ref()),
            Condition::Gt(c) => format!("{} is above {}", name(&c.field), c.value.get_ref()),
            Condition::Gte(c) => format!("{} is at least {}", name(&c.field), c.value.get_ref()),
            Condition::Lt(c) => format!("{} is below {}", name(&c.field), c.value.get_ref()),
            Condition::Lte(c) => format!("{} is at most {}", name(&c.field), c.value.get_ref()),
            Condition::In(a) => format!(
                "{} is one of {}",
                name(&a.field),
                a.values
                    .iter()
                    .map(|v| v.get_ref().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Condition::Contains(c) => format!("{} includes {}", name(&c.field), c.value.get_ref()),
            Condition::IsTrue(r) => format!("{} is true", name(&r.field)),
            Condition::IsFalse(r) => format!("{} is false", name(&r.field)),
            Condition::Present(r) => format!("{} is given", name(&r.field)),
            Condition::Nonempty(r) => format!("{} is not empty", name(&r.field)),
            Condition::RatioGte(r) => format!(
                "{} is at least {} times {}",
                name(&r.field),
                Fact::Number(*r.value.get_ref()),
                name(&r.over)
            ),
            Condition::All(items) => join(items, "and"),
            Condition::Any(items) => join(items, "or"),
            Condition::Not(inner) => format!("not ({})", inner.describe()),
            Condition::Rule(id) => format!("rule `{}` is met", id.get_ref()),
        }
    }
}

fn join(items: &[Condition], word: &str) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|c| match c {
            Condition::All(_) | Condition::Any(_) => format!("({})", c.describe()),
            _ => c.describe(),
        })
        .collect();
    parts.join(&format!(" {word} "))
}

fn not_empty(fact: &Fact) -> bool {
    match fact {
        Fact::Text(t) => !t.trim().is_empty(),
        Fact::List(items) => !items.is_empty(),
        _ => true,
    }
}

fn compare(
    fact: Option<&Fact>,
    value: &Literal,
    accept: impl Fn(std::cmp::Ordering) -> bool,
) -> Truth {
    let Some(fact) = fact else {
        return Truth::Unknown;
    };
    let ordering = match (fact, value) {
        (Fact::Number(a), Literal::Number(b)) => a.partial_cmp(b),
        (Fact::Bool(a), Literal::Bool(b)) => Some(a.cmp(b)),
        (Fact::Text(a), Literal::Text(b)) => Some(a.cmp(b)),
        _ => None,
    };
    // Comparing unlike types is refused when rules load; here it can only mean "not equal".
    ordering.map_or(Truth::Unmet, |o| Truth::from_bool(accept(o)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(text: &str) -> Condition {
        #[derive(Deserialize)]
        struct W {
            when: Condition,
        }
        toml::from_str::<W>(&format!("when = {text}")).unwrap().when
    }

    fn facts(pairs: &[(&str, Fact)]) -> Facts {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn eval(c: &str, f: &Facts) -> Truth {
        cond(c).eval(f, &|_| Truth::Unknown)
    }

    #[test]
    fn comparison_is_unknown_when_the_fact_is_missing() {
        let none = Facts::new();
        assert_eq!(
            eval("{ gt = { field = \"a\", value = 25 } }", &none),
            Truth::Unknown
        );
        let f = facts(&[("a", Fact::Number(32.0))]);
        assert_eq!(
            eval("{ gt = { field = \"a\", value = 25 } }", &f),
            Truth::Met
        );
        assert_eq!(
            eval("{ lte = { field = \"a\", value = 25 } }", &f),
            Truth::Unmet
        );
    }

    #[test]
    fn unknown_propagates_through_all_any_not() {
        let f = facts(&[("yes", Fact::Bool(true)), ("no", Fact::Bool(false))]);
        let t = |c: &str| eval(c, &f);
        assert_eq!(t("{ all = [ { is_true = { field = \"yes\" } }, { is_true = { field = \"gone\" } } ] }"), Truth::Unknown);
        assert_eq!(t("{ all = [ { is_true = { field = \"no\" } }, { is_true = { field = \"gone\" } } ] }"), Truth::Unmet);
        assert_eq!(t("{ any = [ { is_true = { field = \"yes\" } }, { is_true = { field = \"gone\" } } ] }"), Truth::Met);
        assert_eq!(t("{ any = [ { is_true = { field = \"no\" } }, { is_true = { field = \"gone\" } } ] }"), Truth::Unknown);
        assert_eq!(
            t("{ not = { is_true = { field = \"gone\" } } }"),
            Truth::Unknown
        );
        assert_eq!(t("{ not = { is_true = { field = \"no\" } } }"), Truth::Met);
    }

    #[test]
    fn present_is_never_unknown_but_nonempty_is() {
        let f = facts(&[("list", Fact::List(vec![]))]);
        assert_eq!(eval("{ present = { field = \"gone\" } }", &f), Truth::Unmet);
        assert_eq!(
            eval("{ nonempty = { field = \"gone\" } }", &f),
            Truth::Unknown
        );
        assert_eq!(
            eval("{ nonempty = { field = \"list\" } }", &f),
            Truth::Unmet
        );
    }

    #[test]
    fn ratio_and_membership() {
        let f = facts(&[
            ("a", Fact::Number(270.0)),
            ("b", Fact::Number(60.0)),
            ("t", Fact::Text("si".into())),
            ("l", Fact::List(vec!["reach".into()])),
        ]);
        assert_eq!(
            eval(
                "{ ratio_gte = { field = \"a\", over = \"b\", value = 3 } }",
                &f
            ),
            Truth::Met
        );
        assert_eq!(
            eval(
                "{ ratio_gte = { field = \"b\", over = \"a\", value = 3 } }",
                &f
            ),
            Truth::Unmet
        );
        assert_eq!(
            eval("{ in = { field = \"t\", values = [\"si\", \"isv\"] } }", &f),
            Truth::Met
        );
        assert_eq!(
            eval("{ contains = { field = \"l\", value = \"reach\" } }", &f),
            Truth::Met
        );
        assert_eq!(
            eval(
                "{ contains = { field = \"l\", value = \"retention\" } }",
                &f
            ),
            Truth::Unmet
        );
    }

    #[test]
    fn rule_references_ask_the_caller() {
        let c = cond("{ rule = \"x.y\" }");
        assert_eq!(
            c.eval(&Facts::new(), &|id| if id == "x.y" {
                Truth::Met
            } else {
                Truth::Unmet
            }),
            Truth::Met
        );
        assert_eq!(c.rule_refs()[0].get_ref(), "x.y");
    }

    #[test]
    fn unknown_operator_is_an_error_with_a_place() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct W {
            when: Condition,
        }
        let err =
            toml::from_str::<W>("when = { greater = { field = \"a\", value = 1 } }").unwrap_err();
        assert!(err.message().contains("unknown variant `greater`"), "{err}");
        assert!(err.span().is_some());
    }

    #[test]
    fn describe_reads_as_words() {
        let c = cond("{ all = [ { gt = { field = \"a\", value = 25 } }, { is_false = { field = \"b\" } } ] }");
        assert_eq!(c.describe(), "`a` is above 25 and `b` is false");
    }
}
