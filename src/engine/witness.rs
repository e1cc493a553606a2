//! Witnesses: the answers that would make a condition come out a given way, derived from
//! the condition itself. A plan applies a rule's witness to the profile's answers and
//! evaluates again, so what it predicts is what a profile with those answers gets.
//!
//! The witness changes as few answers as it can: an `all` changes only the parts not
//! already as wanted, an `any` takes its cheapest branch, a `not` asks for the opposite.
//! An answer that is a given (the caller says which) is never changed, so a branch that
//! needs one is not taken; a condition no change can satisfy has no witness.

use crate::condition::{Condition, Fact, Facts, Literal, Truth};
use crate::profile::catalog::{self, FieldKind};

/// Changes to answers: (field, the answer it would take), in the order found.
pub type Changes = Vec<(String, Fact)>;

/// What a witness may look up: the condition behind a `rule = "..."` reference, and
/// whether a field is a given that no plan changes.
pub struct Lookup<'a> {
    pub rule: &'a dyn Fn(&str) -> Option<&'a Condition>,
    pub given: &'a dyn Fn(&str) -> bool,
}

/// The fewest changes to `facts` that make `condition` evaluate to `want` (`Met` or
/// `Unmet`); `None` when no change of answers that are not givens can. Already as
/// wanted: no change.
pub fn witness(
    condition: &Condition,
    want: Truth,
    facts: &Facts,
    lookup: &Lookup,
) -> Option<Changes> {
    let wanted = want == Truth::Met;
    find(condition, wanted, &mut facts.clone(), lookup, 0)
}

/// References nest no deeper than the rule set has rules; this bounds a set that was not
/// validated.
const MAX_DEPTH: usize = 64;

fn find(
    condition: &Condition,
    wanted: bool,
    facts: &mut Facts,
    lookup: &Lookup,
    depth: usize,
) -> Option<Changes> {
    if depth > MAX_DEPTH {
        return None;
    }
    if holds(condition, wanted, facts, lookup) {
        return Some(Vec::new());
    }
    match (condition, wanted) {
        (Condition::All(items), true) | (Condition::Any(items), false) => {
            // Every part must come out as wanted: each part's changes are applied before
            // the next is looked at, so two parts never ask for different answers.
            let mut all = Vec::new();
            for item in items {
                let changes = find(item, wanted, facts, lookup, depth + 1)?;
                apply(facts, &changes);
                all.extend(changes);
            }
            holds(condition, wanted, facts, lookup).then_some(all)
        }
        (Condition::Any(items), true) | (Condition::All(items), false) => {
            // One part is enough: the one needing the fewest changes (the first of equals).
            let mut best: Option<Changes> = None;
            for item in items {
                let mut trial = facts.clone();
                if let Some(changes) = find(item, wanted, &mut trial, lookup, depth + 1) {
                    if holds(condition, wanted, &trial, lookup)
                        && best.as_ref().is_none_or(|b| changes.len() < b.len())
                    {
                        best = Some(changes);
                    }
                }
            }
            let best = best?;
            apply(facts, &best);
            Some(best)
        }
        (Condition::Not(inner), _) => find(inner, !wanted, facts, lookup, depth + 1),
        (Condition::Rule(id), _) => {
            let inner = (lookup.rule)(id.get_ref())?;
            find(inner, wanted, facts, lookup, depth + 1)
        }
        (leaf, _) => {
            let (field, value) = leaf_answer(leaf, wanted, facts)?;
            if (lookup.given)(&field) {
                return None;
            }
            let changes = vec![(field, value)];
            apply(facts, &changes);
            holds(leaf, wanted, facts, lookup).then_some(changes)
        }
    }
}

/// Puts the changes into the answers.
pub fn apply(facts: &mut Facts, changes: &[(String, Fact)]) {
    for (field, value) in changes {
        facts.insert(field.clone(), value.clone());
    }
}

/// Whether the condition evaluates to the wanted side on these answers.
fn holds(condition: &Condition, wanted: bool, facts: &Facts, lookup: &Lookup) -> bool {
    let want = if wanted { Truth::Met } else { Truth::Unmet };
    eval(condition, facts, lookup, 0) == want
}

/// Evaluates with references resolved through the lookup, on these answers.
fn eval(condition: &Condition, facts: &Facts, lookup: &Lookup, depth: usize) -> Truth {
    condition.eval(facts, &|id| match (lookup.rule)(id) {
        Some(inner) if depth < MAX_DEPTH => eval(inner, facts, lookup, depth + 1),
        _ => Truth::Unknown,
    })
}

/// The one answer that makes a comparison come out as wanted, from the field's kind:
/// the threshold itself or the next value past it, a word of its choices, a list with
/// or without the word.
fn leaf_answer(leaf: &Condition, wanted: bool, facts: &Facts) -> Option<(String, Fact)> {
    let kind = |field: &str| catalog::kind(field);
    let number = |field: &str, n: f64, up: bool| -> Option<Fact> {
        let Some(FieldKind::Number { min, max, whole }) = kind(field) else {
            return Some(Fact::Number(n));
        };
        // The next value past the bound: a whole number for whole fields, a hundredth
        // otherwise.
        let next = match (up, whole) {
            (true, true) => n.floor() + 1.0,
            (false, true) => n.ceil() - 1.0,
            (true, false) => n + 0.01,
            (false, false) => n - 0.01,
        };
        (min..=max).contains(&next).then_some(Fact::Number(next))
    };
    let within = |field: &str, n: f64| match kind(field) {
        Some(FieldKind::Number { min, max, .. }) => (min..=max).contains(&n),
        _ => true,
    };
    let literal = |field: &str, value: &Literal| -> Option<Fact> {
        match value {
            Literal::Bool(b) => Some(Fact::Bool(*b)),
            Literal::Number(n) => within(field, *n).then_some(Fact::Number(*n)),
            Literal::Text(t) => Some(Fact::Text(t.clone())),
        }
    };
    // Another value than `value`: the other yes/no, another word, the next number.
    let other = |field: &str, value: &Literal| -> Option<Fact> {
        match (value, kind(field)) {
            (Literal::Bool(b), _) => Some(Fact::Bool(!b)),
            (Literal::Number(n), _) => number(field, *n, true).or_else(|| number(field, *n, false)),
            (Literal::Text(t), Some(FieldKind::Choice(words))) => {
                words.into_iter().find(|w| w != t).map(Fact::Text)
            }
            (Literal::Text(_), _) => None,
        }
    };
    let name = |s: &toml::Spanned<String>| s.get_ref().clone();
    let answer = match (leaf, wanted) {
        (Condition::Eq(c), true) | (Condition::Ne(c), false) => (
            name(&c.field),
            literal(c.field.get_ref(), c.value.get_ref())?,
        ),
        (Condition::Eq(c), false) | (Condition::Ne(c), true) => {
            (name(&c.field), other(c.field.get_ref(), c.value.get_ref())?)
        }
        (Condition::Gt(c), true) | (Condition::Lte(c), false) => {
            let n = c.value.get_ref().as_number()?;
            (name(&c.field), number(c.field.get_ref(), n, true)?)
        }
        (Condition::Gte(c), true) | (Condition::Lt(c), false) => {
            let n = c.value.get_ref().as_number()?;
            (
                name(&c.field),
                literal(c.field.get_ref(), &Literal::Number(n))?,
            )
        }
        (Condition::Lt(c), true) | (Condition::Gte(c), false) => {
            let n = c.value.get_ref().as_number()?;
            (name(&c.field), number(c.field.get_ref(), n, false)?)
        }
        (Condition::Lte(c), true) | (Condition::Gt(c), false) => {
            let n = c.value.get_ref().as_number()?;
            (
                name(&c.field),
                literal(c.field.get_ref(), &Literal::Number(n))?,
            )
        }
        (Condition::In(a), true) => {
            let first = a.values.first()?;
            (name(&a.field), literal(a.field.get_ref(), first.get_ref())?)
        }
        (Condition::In(a), false) => {
            let FieldKind::Choice(words) = kind(a.field.get_ref())? else {
                return None;
            };
            let taken: Vec<&Literal> = a.values.iter().map(|v| v.get_ref()).collect();
            let word = words
                .into_iter()
                .find(|w| !taken.contains(&&Literal::Text(w.clone())))?;
            (name(&a.field), Fact::Text(word))
        }
        (Condition::Contains(c), _) => {
            let Literal::Text(word) = c.value.get_ref() else {
                return None;
            };
            let mut list = match facts.get(c.field.get_ref().as_str()) {
                Some(Fact::List(items)) => items.clone(),
                _ => Vec::new(),
            };
            if wanted {
                list.push(word.clone());
            } else {
                list.retain(|w| w != word);
            }
            (name(&c.field), Fact::List(list))
        }
        (Condition::IsTrue(r), w) | (Condition::IsFalse(r), w)
            if matches!(kind(r.field.get_ref()), Some(FieldKind::Bool) | None) =>
        {
            let is_true = matches!(leaf, Condition::IsTrue(_));
            (name(&r.field), Fact::Bool(is_true == w))
        }
        (Condition::Present(r), true) | (Condition::Nonempty(r), true) => {
            // Only a list of words can be filled in without inventing text.
            let FieldKind::List(words) = kind(r.field.get_ref())? else {
                return None;
            };
            (name(&r.field), Fact::List(vec![words.first()?.clone()]))
        }
        (Condition::Nonempty(r), false) => match kind(r.field.get_ref())? {
            FieldKind::List(_) => (name(&r.field), Fact::List(Vec::new())),
            _ => return None,
        },
        (Condition::RatioGte(r), true) => {
            let Some(Fact::Number(over)) = facts.get(r.over.get_ref().as_str()) else {
                return None;
            };
            let needed = over * r.value.get_ref();
            let whole = matches!(
                kind(r.field.get_ref()),
                Some(FieldKind::Number { whole: true, .. })
            );
            let needed = if whole { needed.ceil() } else { needed };
            within(r.field.get_ref(), needed).then(|| (name(&r.field), Fact::Number(needed)))?
        }
        _ => return None,
    };
    Some(answer)
}
