//! How the rules of a set hang together: ids given once, `rule = "..."` references that
//! name a rule and never lead back to where they started, and a decision flow that starts
//! on a question, leads only to questions or motions, never loops and reaches every
//! question. Each walk visits every rule and reference once.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use super::super::model::Next;
use super::super::rule::{Body, Rule};
use super::super::RuleSet;
use super::Problems;
use crate::suggest;

pub(super) fn check(set: &RuleSet, unparsed: &BTreeSet<String>, problems: &mut Problems) {
    unique_ids(set, problems);
    references(set, unparsed, problems);
    cycles(set, problems);
    plan_order(set, unparsed, problems);
    flow(set, unparsed, problems);
    kind_links(set, unparsed, problems);
}

/// Keys that name another rule of a given kind: a requirement's `tier`, a verdict's
/// `view`. And a tier with no requirement would have no status to show.
fn kind_links(set: &RuleSet, unparsed: &BTreeSet<String>, problems: &mut Problems) {
    use super::super::model::Kind;
    for rule in &set.rules {
        let (link, wanted) = match &rule.body {
            Body::Requirement { tier, .. } => (tier, Kind::Tier),
            Body::Worth { view, .. } => (view, Kind::View),
            _ => continue,
        };
        let id = link.get_ref();
        match set.get(id) {
            Some(other) if other.kind() == wanted => {}
            Some(other) => problems.push(
                &rule.path,
                link.span(),
                format!(
                    "`{id}` is a `{}` rule, not a `{}`",
                    other.kind().as_str(),
                    wanted.as_str()
                ),
                format!("name a `{}` rule", wanted.as_str()),
            ),
            None if unparsed.contains(id) => {}
            None => {
                let near = suggest::nearest(
                    id,
                    set.rules
                        .iter()
                        .filter(|r| r.kind() == wanted)
                        .map(Rule::id),
                );
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("name an existing `{}` rule", wanted.as_str()),
                };
                problems.push(
                    &rule.path,
                    link.span(),
                    format!("no rule has id `{id}`"),
                    help,
                );
            }
        }
    }
    for tier in set
        .rules
        .iter()
        .filter(|r| matches!(r.body, Body::Tier { .. }))
    {
        let has_gate = set.rules.iter().any(
            |r| matches!(&r.body, Body::Requirement { tier: t, .. } if t.get_ref() == tier.id()),
        );
        if !has_gate {
            problems.push(
                &tier.path,
                tier.id.span(),
                format!("tier `{}` has no requirement", tier.id()),
                "add a `requirement` rule with `tier = \"".to_string() + tier.id() + "\"`",
            );
        }
    }
}

/// A plan puts a fix after the fixes its `[plan] after` names: each must be a rule, and
/// following them must never lead back to where it started, or no order would do. A
/// cycle is reported once, at the `after` entry that closes it, found by a depth-first
/// walk that visits each rule and entry once. An effort's source needs an effort.
fn plan_order(set: &RuleSet, unparsed: &BTreeSet<String>, problems: &mut Problems) {
    for rule in &set.rules {
        for id in &rule.plan.after {
            if set.get(id.get_ref()).is_none() && !unparsed.contains(id.get_ref()) {
                let help = match suggest::nearest(id.get_ref(), set.rules.iter().map(Rule::id)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "name an existing rule id (`partner-fit rules list`)".to_string(),
                };
                problems.push(
                    &rule.path,
                    id.span(),
                    format!("no rule has id `{}`", id.get_ref()),
                    help,
                );
            }
        }
        if let (None, Some(source)) = (&rule.plan.effort, &rule.plan.effort_source) {
            problems.push(
                &rule.path,
                source.span(),
                "`effort_source` without an `effort`",
                "add `effort = \"days\"`, `\"weeks\"` or `\"quarter\"`, or remove the source",
            );
        }
    }
    // 0: not visited, 1: on the current path, 2: done.
    let mut mark = vec![0u8; set.rules.len()];
    for root in 0..set.rules.len() {
        if mark[root] != 0 {
            continue;
        }
        // (rule, next `after` entry to follow)
        let mut stack = vec![(root, 0usize)];
        mark[root] = 1;
        while let Some(&mut (i, ref mut next)) = stack.last_mut() {
            let after = &set.rules[i].plan.after;
            if *next == after.len() {
                mark[i] = 2;
                stack.pop();
                continue;
            }
            let entry = &after[*next];
            *next += 1;
            let Some(j) = set.index(entry.get_ref()) else {
                continue;
            };
            match mark[j] {
                0 => {
                    mark[j] = 1;
                    stack.push((j, 0));
                }
                1 => {
                    let rule = &set.rules[i];
                    problems.push(
                        &rule.path,
                        entry.span(),
                        format!(
                            "`after` makes a cycle: `{}` comes after `{}`, which itself comes after `{}` through its own `after` entries",
                            rule.id(),
                            entry.get_ref(),
                            rule.id()
                        ),
                        "remove one `after` entry of the cycle",
                    );
                }
                _ => {}
            }
        }
    }
}

fn unique_ids(set: &RuleSet, problems: &mut Problems) {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for rule in &set.rules {
        if let Some(first) = seen.insert(rule.id(), &rule.path) {
            let message = format!(
                "duplicate rule id `{}`, also in {}",
                rule.id(),
                first.display()
            );
            problems.push(
                &rule.path,
                rule.id.span(),
                message,
                "give each rule its own id; ids are never reused",
            );
        }
    }
}

fn references(set: &RuleSet, unparsed: &BTreeSet<String>, problems: &mut Problems) {
    for rule in &set.rules {
        for reference in rule.when.rule_refs() {
            let id = reference.get_ref();
            if set.get(id).is_none() && !unparsed.contains(id) {
                let help = match suggest::nearest(id, set.rules.iter().map(Rule::id)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "name an existing rule id (`partner-fit rules list`)".to_string(),
                };
                let message = format!("no rule has id `{id}`");
                problems.push(&rule.path, reference.span(), message, help);
            }
        }
    }
}

/// A rule that reaches itself through references could never be decided. The rules that
/// do are those of a strongly connected group of references (or one that names itself),
/// found in two passes (Kosaraju): the set's evaluation order is a depth-first finishing
/// order, and walking the references backwards from the last finished rule gathers one
/// group at a time.
fn cycles(set: &RuleSet, problems: &mut Problems) {
    let count = set.rules.len();
    let mut referred_by: Vec<Vec<usize>> = vec![Vec::new(); count];
    for i in 0..count {
        for &j in set.references(i) {
            referred_by[j].push(i);
        }
    }
    let mut group = vec![usize::MAX; count];
    for (g, &root) in set.evaluation_order().iter().rev().enumerate() {
        if group[root] != usize::MAX {
            continue;
        }
        group[root] = g;
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            for &j in &referred_by[i] {
                if group[j] == usize::MAX {
                    group[j] = g;
                    stack.push(j);
                }
            }
        }
    }
    for (i, rule) in set.rules.iter().enumerate() {
        // The first rule of its group (or the rule itself) that refers to it.
        let through = referred_by[i]
            .iter()
            .copied()
            .filter(|&j| group[j] == group[i])
            .min();
        if let Some(j) = through {
            let message = format!(
                "rule `{}` refers back to itself through `{}`",
                rule.id(),
                set.rules[j].id()
            );
            problems.push(
                &rule.path,
                rule.id.span(),
                message,
                "break the cycle: a rule cannot depend on its own outcome",
            );
        }
    }
}

fn flow(set: &RuleSet, unparsed: &BTreeSet<String>, problems: &mut Problems) {
    let policy = &set.policy;
    let start = policy.flow_start.get_ref();
    match set.get(start) {
        Some(rule) if matches!(rule.body, Body::Question { .. }) => {}
        None if unparsed.contains(start) => {}
        _ => problems.push(
            &policy.path,
            policy.flow_start.span(),
            format!("flow_start `{start}` is not a question rule"),
            "name a rule of kind `question` in `rules/flow/`",
        ),
    }
    let motions: Vec<&str> = policy.motions.iter().map(String::as_str).collect();
    for rule in &set.rules {
        let Body::Question { answer } = &rule.body else {
            continue;
        };
        for next in [&answer.yes, &answer.no] {
            match next.get_ref() {
                Next::Next(id) => match set.get(id) {
                    Some(target) if matches!(target.body, Body::Question { .. }) => {}
                    None if unparsed.contains(id) => {}
                    Some(_) => problems.push(
                        &rule.path,
                        next.span(),
                        format!("`{id}` is not a question"),
                        "`next` names a rule of kind `question`",
                    ),
                    None => problems.push(
                        &rule.path,
                        next.span(),
                        format!("the flow dead-ends: no question `{id}`"),
                        "name an existing question, or end with `{ motion = \"...\" }`",
                    ),
                },
                Next::Motion(m) if !motions.contains(&m.as_str()) => problems.push(
                    &rule.path,
                    next.span(),
                    format!("unknown motion `{m}`"),
                    format!("motions: {}", motions.join(", ")),
                ),
                Next::Motion(_) => {}
            }
        }
    }
    let Some(start) = set.index(start) else {
        return;
    };
    let (reached, loops) = walk(set, start);
    for (from, to, span) in loops {
        let (from, to) = (&set.rules[from], set.rules[to].id());
        let message = format!(
            "the flow loops: `{}` leads back to `{to}`, asked before it",
            from.id()
        );
        let help = "every path through the flow must end on a motion";
        problems.push(&from.path, span, message, help);
    }
    // A question may be reached through one that failed to parse.
    if unparsed.iter().any(|id| id.starts_with("flow.")) {
        return;
    }
    for (i, rule) in set.rules.iter().enumerate() {
        if matches!(rule.body, Body::Question { .. }) && !reached[i] {
            problems.push(
                &rule.path,
                rule.id.span(),
                format!(
                    "question `{}` cannot be reached from `{}`",
                    rule.id(),
                    set.policy.flow_start.get_ref()
                ),
                "point an `answer` at it, or remove it",
            );
        }
    }
}

/// An answer that leads back to a question asked before it: (from, to, where the answer
/// is written), by rule index.
type Loop = (usize, usize, Range<usize>);

/// The questions reached from `start`, and each answer that leads back to a question on
/// the way to it: a depth-first walk that visits every question once.
fn walk(set: &RuleSet, start: usize) -> (Vec<bool>, Vec<Loop>) {
    let next_questions = |i: usize| -> Vec<(usize, Range<usize>)> {
        let Body::Question { answer } = &set.rules[i].body else {
            return Vec::new();
        };
        [&answer.yes, &answer.no]
            .into_iter()
            .filter_map(|next| match next.get_ref() {
                Next::Next(id) => set
                    .index(id)
                    .filter(|&j| matches!(set.rules[j].body, Body::Question { .. }))
                    .map(|j| (j, next.span())),
                Next::Motion(_) => None,
            })
            .collect()
    };
    let mut reached = vec![false; set.rules.len()];
    let mut on_path = vec![false; set.rules.len()];
    let mut loops = Vec::new();
    reached[start] = true;
    on_path[start] = true;
    let mut stack = vec![(start, next_questions(start).into_iter())];
    while let Some((i, nexts)) = stack.last_mut() {
        let i = *i;
        match nexts.next() {
            Some((j, span)) if on_path[j] => loops.push((i, j, span)),
            Some((j, _)) if reached[j] => {}
            Some((j, _)) => {
                reached[j] = true;
                on_path[j] = true;
                stack.push((j, next_questions(j).into_iter()));
            }
            None => {
                on_path[i] = false;
                stack.pop();
            }
        }
    }
    (reached, loops)
}
