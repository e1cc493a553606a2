//! Messages that cannot print an unknown: for every text of every rule, a proof that each
//! answer it quotes is known in every state in which the text is shown.
//!
//! What a condition's state guarantees is worked out three-valued, from the condition
//! alone: a comparison that is met or unmet has read its field, one that is unknown has
//! not; a met `all` knows what each of its parts knows when met, an unmet one only what
//! every part knows when unmet (any of them may be the one that failed); a met `any`
//! knows only what every branch knows when met, an unmet one what each knows when unmet;
//! `not` swaps met and unmet; `rule = "id"` knows what that rule's condition knows in the
//! same state. A state the condition can never be in knows everything (nothing is shown
//! in it). Where the proof fails, the text is refused at its place in the file, with the
//! two ways out: quote the answer only where the condition has read it, or make the
//! condition read it.

use std::collections::BTreeSet;

use super::super::rule::Rule;
use super::super::template::Message;
use super::super::RuleSet;
use super::Problems;
use crate::condition::{Condition, Truth};
use crate::profile::catalog;

/// The fields known in a state: `None` when the state cannot occur (everything is known
/// there, vacuously), else the set of fields read with an answer.
type Known = Option<BTreeSet<String>>;

fn nothing() -> Known {
    Some(BTreeSet::new())
}

fn only(field: &str) -> Known {
    Some(BTreeSet::from([field.to_string()]))
}

/// Known in both (what every way of reaching a state guarantees).
fn meet(a: Known, b: Known) -> Known {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
    }
}

/// Known in either (what holds when both happen together).
fn join(a: Known, b: Known) -> Known {
    match (a, b) {
        (None, _) | (_, None) => None,
        (Some(mut a), Some(b)) => {
            a.extend(b);
            Some(a)
        }
    }
}

/// What the fields of `condition` are guaranteed to hold when it evaluates to `state`;
/// `rule` gives what a rule a reference names knows in a state (worked out before, so a
/// chain of references costs one step per link).
pub fn known(condition: &Condition, state: Truth, rule: &dyn Fn(&str, Truth) -> Known) -> Known {
    use Condition::*;
    let leaf = |field: &str| match state {
        Truth::Met | Truth::Unmet => only(field),
        Truth::Unknown => nothing(),
    };
    match condition {
        Eq(c) | Ne(c) | Gt(c) | Gte(c) | Lt(c) | Lte(c) | Contains(c) => leaf(c.field.get_ref()),
        In(a) => leaf(a.field.get_ref()),
        IsTrue(r) | IsFalse(r) | Nonempty(r) => leaf(r.field.get_ref()),
        // A missing answer makes `present` unmet, never unknown.
        Present(r) => match state {
            Truth::Met => only(r.field.get_ref()),
            Truth::Unmet => nothing(),
            Truth::Unknown => None,
        },
        RatioGte(r) => match state {
            Truth::Met | Truth::Unmet => join(only(r.field.get_ref()), only(r.over.get_ref())),
            Truth::Unknown => nothing(),
        },
        Not(inner) => known(
            inner,
            match state {
                Truth::Met => Truth::Unmet,
                Truth::Unmet => Truth::Met,
                Truth::Unknown => Truth::Unknown,
            },
            rule,
        ),
        Rule(id) => rule(id.get_ref(), state),
        All(items) => combine(items, state, Truth::Met, Truth::Unmet, rule),
        Any(items) => combine(items, state, Truth::Unmet, Truth::Met, rule),
    }
}

/// `all` (neutral `Met`, deciding `Unmet`) and `any` (neutral `Unmet`, deciding `Met`):
/// in the neutral state every part is neutral; in the deciding state at least one part
/// decides, whichever; unknown means no part decides and at least one is unknown, the
/// others neutral or unknown.
fn combine(
    items: &[Condition],
    state: Truth,
    neutral: Truth,
    deciding: Truth,
    rule: &dyn Fn(&str, Truth) -> Known,
) -> Known {
    let of = |c: &Condition, s: Truth| known(c, s, rule);
    if state == neutral {
        return items
            .iter()
            .fold(nothing(), |acc, c| join(acc, of(c, neutral)));
    }
    if state == deciding {
        // None of the parts: the state cannot occur.
        return items.iter().fold(None, |acc, c| meet(acc, of(c, deciding)));
    }
    // Unknown: part j is the (first) unknown one; the others are neutral or unknown.
    let unknown: Vec<Known> = items.iter().map(|c| of(c, Truth::Unknown)).collect();
    let settled: Vec<Known> = items
        .iter()
        .zip(&unknown)
        .map(|(c, u)| meet(of(c, neutral), u.clone()))
        .collect();
    unknown.iter().enumerate().fold(None, |acc, (j, u)| {
        let others = settled
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != j)
            .fold(nothing(), |k, (_, s)| join(k, s.clone()));
        meet(acc, join(u.clone(), others))
    })
}

const STATES: [Truth; 3] = [Truth::Met, Truth::Unmet, Truth::Unknown];

/// What each rule of the set knows in each state, rules worked out after those they
/// refer to. A reference that names no rule, or leads round a cycle (both reported by
/// the graph check), guarantees nothing.
fn every_rule(set: &RuleSet) -> Vec<[Known; 3]> {
    let mut out: Vec<Option<[Known; 3]>> = vec![None; set.rules.len()];
    for &i in set.evaluation_order() {
        let lookup = |id: &str, state: Truth| {
            set.index(id)
                .and_then(|j| out[j].as_ref())
                .map_or_else(nothing, |k| k[slot(state)].clone())
        };
        let rule = &set.rules[i];
        out[i] = Some(STATES.map(|s| known(&rule.when, s, &lookup)));
    }
    out.into_iter()
        .map(|k| k.unwrap_or_else(|| STATES.map(|_| nothing())))
        .collect()
}

fn slot(state: Truth) -> usize {
    match state {
        Truth::Met => 0,
        Truth::Unmet => 1,
        Truth::Unknown => 2,
    }
}

/// Refuses every text of every rule that could quote an answer not given in a state in
/// which it is shown.
pub(super) fn check(set: &RuleSet, problems: &mut Problems) {
    for (rule, [met, unmet, unknown]) in set.rules.iter().zip(every_rule(set)) {
        let m = &rule.message;
        // Where each text is shown: a state's message in that state; the fix and the
        // name of what is missing wherever the rule holds something back, unmet or
        // not known yet.
        let shown: [(&str, &Option<Message>, Known, &str); 5] = [
            ("met", &m.met, met, "met"),
            ("unmet", &m.unmet, unmet.clone(), "unmet"),
            ("unknown", &m.unknown, unknown.clone(), "unknown"),
            (
                "fix",
                &m.fix,
                meet(unmet.clone(), unknown.clone()),
                "unmet or unknown",
            ),
            (
                "blocked",
                &m.blocked,
                meet(unmet, unknown),
                "unmet or unknown",
            ),
        ];
        for (key, text, known, states) in shown {
            let (Some(text), Some(known)) = (text, known) else {
                continue;
            };
            // A quote inside a `[[ ]]` clause is shown only when answered.
            let bare = text
                .placeholders_in_place()
                .filter(|(q, in_clause)| !in_clause && !q.is_threshold());
            for (quote, _) in bare {
                if !known.contains(&quote.field) && !catalog::is_required(&quote.field) {
                    refuse(rule, key, text, &quote.field, states, problems);
                }
            }
        }
    }
}

fn refuse(
    rule: &Rule,
    key: &str,
    text: &Message,
    field: &str,
    states: &str,
    problems: &mut Problems,
) {
    let file = problems.text(&rule.path);
    let needle = format!("{{{field}");
    // Messages are plain strings without places of their own: the quote is pointed at
    // by its text, inside the message as written.
    let span = file
        .find(text.as_str())
        .and_then(|at| {
            text.as_str()
                .find(&needle)
                .map(|i| at + i..at + i + needle.len() + 1)
        })
        .or_else(|| file.find(&needle).map(|at| at..at + needle.len() + 1))
        .unwrap_or_else(|| rule.id.span());
    problems.push(
        &rule.path,
        span,
        format!(
            "`message.{key}` quotes `{field}`, which can be unanswered when the rule is {states}: it would print \"unknown\" as an answer"
        ),
        format!(
            "put the quote in a clause shown only when it is answered, `[[ ({field}: {{{field}}})]]`, or make `when` read `{field}` on every path to that state"
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(toml_text: &str) -> Condition {
        #[derive(serde::Deserialize)]
        struct W {
            when: Condition,
        }
        toml::from_str::<W>(toml_text).unwrap().when
    }

    fn k(c: &Condition, s: Truth) -> Option<Vec<String>> {
        known(c, s, &|_, _| nothing()).map(|k| k.into_iter().collect())
    }

    #[test]
    fn a_met_all_knows_every_part_an_unmet_one_only_what_all_share() {
        let c = cond(
            r#"when = { all = [ { gte = { field = "a.x", value = 1 } }, { is_true = { field = "a.y" } } ] }"#,
        );
        assert_eq!(k(&c, Truth::Met), Some(vec!["a.x".into(), "a.y".into()]));
        assert_eq!(k(&c, Truth::Unmet), Some(vec![]));
        assert_eq!(k(&c, Truth::Unknown), Some(vec![]));
    }

    #[test]
    fn a_met_any_knows_only_what_every_branch_knows() {
        let c = cond(
            r#"when = { any = [ { all = [ { gte = { field = "a.x", value = 1 } }, { is_true = { field = "a.y" } } ] }, { gte = { field = "a.x", value = 5 } } ] }"#,
        );
        assert_eq!(k(&c, Truth::Met), Some(vec!["a.x".into()]));
        assert_eq!(k(&c, Truth::Unmet), Some(vec!["a.x".into()]));
    }

    #[test]
    fn unknown_all_knows_a_part_that_can_only_be_met() {
        // `present` is never unknown: when the whole is unknown it is met, so read.
        let c = cond(
            r#"when = { all = [ { present = { field = "a.p" } }, { gte = { field = "a.x", value = 1 } } ] }"#,
        );
        assert_eq!(k(&c, Truth::Unknown), Some(vec!["a.p".into()]));
        let not = cond(r#"when = { not = { present = { field = "a.p" } } }"#);
        assert_eq!(k(&not, Truth::Met), Some(vec![]));
        assert_eq!(k(&not, Truth::Unmet), Some(vec!["a.p".into()]));
        assert_eq!(k(&not, Truth::Unknown), None);
    }
}
