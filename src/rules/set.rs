//! A validated rule set, with what evaluating it needs worked out once: the order the
//! rules are evaluated in, and their points, ceilings and reach per motion.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::model::{PageName, Policy, ProvenanceName, Verdict};
use super::rule::{Compared, Reference, Rule};
use super::template::Template;
use crate::condition::{Fact, Facts, Truth};

/// A validated set of rules, sorted by id, with the policy that ties them together.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub policy: Policy,
    /// The interview's questions (`interview.toml`), when the folder has them: the
    /// words a report asks for a missing answer with. `None` for a rules folder without
    /// the file, whose reports fall back to the field's description.
    pub questions: Option<super::questions::Questions>,
    derived: Derived,
}

/// What evaluating a rule set needs that follows from its rules and policy alone.
#[derive(Debug, Clone, PartialEq)]
struct Derived {
    /// Indexes into `rules` such that a rule comes after every rule it refers to.
    order: Vec<usize>,
    /// Per rule, the points it adds to each motion of `policy.motions` when met.
    points: Vec<Vec<i64>>,
    /// Per rule and state (met, unmet, unknown), the ceilings it sets: (motion index, verdict).
    ceilings: Vec<[Vec<(usize, Verdict)>; 3]>,
    /// Per rule and motion: the rule weighs on, caps or applies to the motion.
    concerns: Vec<Vec<bool>>,
    /// Per fact name, the rules whose state can change with it, directly or through
    /// `rule = "..."` references, in evaluation order; rules of kinds that stand apart
    /// from the recommendation ([`super::Kind::stands_apart`]) are left out.
    affected: std::collections::BTreeMap<String, Vec<usize>>,
    /// Per rule, the indexes of the rules its condition refers to.
    references: Vec<Vec<usize>>,
}

/// The state of every rule, by its index in [`RuleSet::rules`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct States(Vec<Truth>);

impl States {
    /// The state of the rule at `index`.
    pub fn at(&self, index: usize) -> Truth {
        self.0.get(index).copied().unwrap_or(Truth::Unknown)
    }
}

fn state_slot(state: Truth) -> usize {
    match state {
        Truth::Met => 0,
        Truth::Unmet => 1,
        Truth::Unknown => 2,
    }
}

impl RuleSet {
    /// Sorts the rules by id and works out what evaluating them needs: their order, and
    /// their points and ceilings per motion.
    pub fn new(mut rules: Vec<Rule>, policy: Policy) -> Self {
        rules.sort_by(|a, b| a.id().cmp(b.id()));
        let derived = Derived::of(&rules, &policy);
        RuleSet {
            rules,
            policy,
            questions: None,
            derived,
        }
    }

    /// How a choice reads in a sentence: the interview's label for it, without what its
    /// brackets add and in lower case ("Sourced deals only (deals the partner brought)"
    /// reads "sourced deals only"), or the value as words where it has no label.
    pub fn choice_words(&self, field: &str, value: &str) -> String {
        let label = self
            .questions
            .as_ref()
            .and_then(|q| q.get(field))
            .and_then(|q| q.labels.get(value));
        match label {
            Some(label) => {
                let short = label.split(" (").next().unwrap_or(label).trim();
                let mut chars = short.chars();
                match chars.next() {
                    // An initialism (ISV, AWS) keeps its capitals.
                    Some(c) if !chars.clone().next().is_some_and(char::is_uppercase) => {
                        c.to_lowercase().chain(chars).collect()
                    }
                    _ => short.to_string(),
                }
            }
            None => crate::profile::catalog::value_words(value),
        }
    }

    /// A rule's text filled from the answers, choices in the words of
    /// [`Self::choice_words`].
    pub fn fill(
        &self,
        rule: &super::Rule,
        message: &super::template::Message,
        facts: &Facts,
    ) -> String {
        message.fill_with(facts, &rule.when, &|f, v| self.choice_words(f, v))
    }

    /// The questions for `fields`, one after another: how every sentence of a report
    /// names missing answers, so none shows a field's name.
    pub fn questions_for<'a>(&self, fields: impl Iterator<Item = &'a String>) -> String {
        fields
            .map(|f| self.asks_for(f))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// How a report asks for the answer to `field`: the interview's question, or,
    /// without one, the field's description; the path only for a field the profile
    /// catalogue does not know.
    pub fn asks_for<'a>(&'a self, field: &'a str) -> &'a str {
        if let Some(q) = self.questions.as_ref().and_then(|q| q.get(field)) {
            return &q.prompt;
        }
        match crate::profile::catalog::field(field) {
            Some(f) if !f.description.is_empty() => &f.description,
            _ => field,
        }
    }

    /// Rule indexes such that a rule comes after every rule it refers to.
    pub fn evaluation_order(&self) -> &[usize] {
        &self.derived.order
    }

    /// The indexes of the rules the condition of the rule at `index` refers to (a name
    /// that is no rule's id is left out).
    pub fn references(&self, index: usize) -> &[usize] {
        &self.derived.references[index]
    }

    /// The index of the rule named `id` among those the rule at `index` refers to: a
    /// condition names a handful, so this is quicker than looking the id up in the set.
    fn referenced(&self, index: usize, id: &str) -> Option<usize> {
        self.derived.references[index]
            .iter()
            .copied()
            .find(|&j| self.rules[j].id() == id)
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.index(id).map(|i| &self.rules[i])
    }

    /// The position of a rule in [`RuleSet::rules`].
    pub fn index(&self, id: &str) -> Option<usize> {
        self.rules.binary_search_by(|r| r.id().cmp(id)).ok()
    }

    /// Rules of one family, in id order, with their indexes (so their states are read by
    /// index rather than looked up by id).
    pub fn family<'a>(&'a self, family: &'a str) -> impl Iterator<Item = (usize, &'a Rule)> + 'a {
        self.rules
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.family() == family)
    }

    /// The state of a rule by id (unknown for an id not in the set).
    pub fn state(&self, states: &States, id: &str) -> Truth {
        self.index(id).map_or(Truth::Unknown, |i| states.at(i))
    }

    /// Points the rule at `index` adds to the motion at `motion` when met.
    pub fn points(&self, index: usize, motion: usize) -> i64 {
        self.derived.points[index][motion]
    }

    /// Whether the rule at `index` weighs on, caps or applies to the motion at `motion`.
    pub fn concerns(&self, index: usize, motion: usize) -> bool {
        self.derived.concerns[index]
            .get(motion)
            .copied()
            .unwrap_or(false)
    }

    /// Ceilings the rule at `index` sets in `state`.
    pub fn ceilings(&self, index: usize, state: Truth) -> &[(usize, Verdict)] {
        &self.derived.ceilings[index][state_slot(state)]
    }

    /// Every fact name some rule reads, directly or through references, with the rules
    /// whose state can change with it (indexes, in evaluation order).
    pub fn readers(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.derived
            .affected
            .iter()
            .map(|(field, rules)| (field.as_str(), rules.as_slice()))
    }

    /// What the rule at `index` says in `state`, filled from `facts`; a line not known yet
    /// is followed by the policy's `unknown_answers` sentence naming the missing answers
    /// that would settle it, and a known line by where the answers it reads came from
    /// (the policy's `[provenance]`), when the profile records a measurement.
    pub fn say(&self, index: usize, state: Truth, facts: &Facts) -> String {
        let said = self.rules[index].say_with(state, facts, &|f, v| self.choice_words(f, v));
        let then = match (state, &self.policy.summary.unknown_answers) {
            (Truth::Unknown, Some(sentence)) => {
                let missing = self.missing_answers(index, facts);
                if missing.is_empty() {
                    return said;
                }
                let fields = missing
                    .iter()
                    .map(|f| self.asks_for(f))
                    .collect::<Vec<_>>()
                    .join(" ");
                sentence.fill(|_| fields.as_str())
            }
            (Truth::Unknown, None) => return said,
            _ => match self.provenance(index, facts) {
                Some(provenance) => provenance,
                None => return said,
            },
        };
        format!("{said} {then}")
    }

    /// Where a program gate is published and whether its figure was compared with that
    /// page, in the words of the policy's `[pages]`; the address alone without them.
    pub fn page(&self, reference: &Reference) -> String {
        let Some(pages) = &self.policy.pages else {
            return reference.url.clone();
        };
        let sentence = match reference.compared {
            Compared::On(_) => &pages.checked,
            Compared::NotYet { .. } => &pages.taken_from,
        };
        self.fill_page(sentence, reference)
    }

    /// For a gate whose own figure was read on a secondary page, not yet compared: the
    /// policy's `[pages] gate_taken_from`, said after its line.
    pub fn figure_taken_from(&self, reference: &Reference) -> Option<String> {
        let pages = self.policy.pages.as_ref()?;
        reference.taken_from()?;
        Some(self.fill_page(&pages.gate_taken_from, reference))
    }

    fn fill_page(&self, sentence: &Template<PageName>, reference: &Reference) -> String {
        sentence.fill(|name| match name {
            PageName::Url => reference.url.as_str(),
            PageName::Day => reference.checked().unwrap_or_default(),
            PageName::Secondary => reference.taken_from().unwrap_or_default(),
        })
    }

    /// Where the answers the rule at `index` reads came from, by the policy's
    /// `[provenance]`: its `measured` sentence naming those measured, then its `stated`
    /// sentence naming those that could have been and were not; nothing when the profile
    /// records no measurement or the rule reads no answer one could write.
    fn provenance(&self, index: usize, facts: &Facts) -> Option<String> {
        let policy = self.policy.provenance.as_ref()?;
        let text = |field: &Spanned<String>| match facts.get(field.get_ref()) {
            Some(Fact::Text(text)) => Some(text.as_str()),
            _ => None,
        };
        let (from, on) = (text(&policy.from)?, text(&policy.on).unwrap_or_default());
        let listed_in = policy.listed_in.get_ref();
        let measured: &[String] = match facts.get(listed_in) {
            Some(Fact::List(words)) => words,
            _ => &[],
        };
        let measurable = crate::profile::catalog::choices(listed_in);
        // Only the answers the rule reads itself: a rule that rests on others says nothing
        // of theirs, whose own lines say where their answers came from.
        let mut read: Vec<&str> = Vec::new();
        for field in self.rules[index].when.fields() {
            let field = field.get_ref().as_str();
            if facts.contains_key(field)
                && measurable.iter().any(|m| m == field)
                && !read.contains(&field)
            {
                read.push(field);
            }
        }
        // The measured answers the line reads, then those it reads that were stated.
        let said: Vec<String> = [(true, &policy.measured), (false, &policy.stated)]
            .into_iter()
            .filter_map(|(was_measured, sentence)| {
                let answers: Vec<String> = read
                    .iter()
                    .filter(|f| measured.iter().any(|m| m == *f) == was_measured)
                    .map(|f| self.choice_words(listed_in, f))
                    .collect();
                (!answers.is_empty()).then(|| {
                    let answers = answers.join(", ");
                    sentence.fill(|name| match name {
                        ProvenanceName::Answers => answers.as_str(),
                        ProvenanceName::From => from,
                        ProvenanceName::On => on,
                    })
                })
            })
            .collect();
        (!said.is_empty()).then(|| said.join(" "))
    }

    /// The fields the rule at `index` reads, itself or through the rules it refers to,
    /// that `facts` does not answer, in the order first read.
    pub fn missing_answers(&self, index: usize, facts: &Facts) -> Vec<&str> {
        let mut seen = vec![false; self.rules.len()];
        let mut stack = vec![index];
        let mut out: Vec<&str> = Vec::new();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            for field in self.rules[i].when.fields() {
                let field = field.get_ref().as_str();
                if !facts.contains_key(field) && !out.contains(&field) {
                    out.push(field);
                }
            }
            stack.extend(self.derived.references[i].iter().rev());
        }
        out
    }

    /// The state of the rule at `index` on `facts`, evaluating only that rule and the rules
    /// it refers to, directly or not: what a rule's own case needs. `decided` holds the
    /// states already worked out on these same facts and gains the ones worked out here,
    /// so the cases of a chain of rules that share a profile cost one step per rule, not
    /// one walk down the chain per case.
    pub fn state_of(
        &self,
        index: usize,
        facts: &Facts,
        decided: &mut HashMap<usize, Truth>,
    ) -> Truth {
        if let Some(&state) = decided.get(&index) {
            return state;
        }
        let mut entered = HashSet::from([index]);
        // (rule, how many of its references have been entered)
        let mut stack = vec![(index, 0)];
        while let Some((i, next)) = stack.last_mut() {
            let i = *i;
            if let Some(&j) = self.derived.references[i].get(*next) {
                *next += 1;
                if !decided.contains_key(&j) && entered.insert(j) {
                    stack.push((j, 0));
                }
                continue;
            }
            // A reference entered but not yet decided is part of a cycle, which
            // validation reports; until then it reads as unknown.
            let state = self.rules[i].when.eval(facts, &|id| {
                self.referenced(i, id)
                    .and_then(|j| decided.get(&j).copied())
                    .unwrap_or(Truth::Unknown)
            });
            decided.insert(i, state);
            stack.pop();
        }
        decided.get(&index).copied().unwrap_or(Truth::Unknown)
    }

    /// Evaluates every rule on `facts`, each after the rules it refers to.
    pub fn states(&self, facts: &Facts) -> States {
        let mut states = vec![Truth::Unknown; self.rules.len()];
        for &i in &self.derived.order {
            // A reference not yet decided can only be part of a cycle, which validation
            // reports; until then it reads as unknown.
            let state = self.rules[i].when.eval(facts, &|id| {
                self.referenced(i, id).map_or(Truth::Unknown, |j| states[j])
            });
            states[i] = state;
        }
        States(states)
    }
}

impl Derived {
    /// Works out what evaluating `rules` (sorted by id) under `policy` needs.
    fn of(rules: &[Rule], policy: &Policy) -> Self {
        let references: Vec<Vec<usize>> = rules
            .iter()
            .map(|r| {
                r.when
                    .rule_refs()
                    .into_iter()
                    .filter_map(|id| rules.binary_search_by(|x| x.id().cmp(id.get_ref())).ok())
                    .collect()
            })
            .collect();
        let order = evaluation_order(&references);
        let points = rules
            .iter()
            .map(|r| policy.motions.iter().map(|m| r.weight_for(m)).collect())
            .collect();
        let motion_index = |m: &str| policy.motions.iter().position(|x| x == m);
        let ceilings = rules
            .iter()
            .map(|r| {
                [Truth::Met, Truth::Unmet, Truth::Unknown].map(|state| {
                    r.caps_in(state)
                        .filter_map(|(m, v)| motion_index(m).map(|i| (i, v)))
                        .collect()
                })
            })
            .collect();
        let affected = affected_by_field(rules, &references, &order);
        let concerns = rules
            .iter()
            .map(|r| {
                let mentioned = r.motions();
                policy
                    .motions
                    .iter()
                    .map(|m| mentioned.contains(&m.as_str()))
                    .collect()
            })
            .collect();
        Derived {
            order,
            points,
            ceilings,
            concerns,
            affected,
            references,
        }
    }
}

/// For each fact name, the rules that read it and every rule that refers to those, in
/// evaluation order.
fn affected_by_field(
    rules: &[Rule],
    references: &[Vec<usize>],
    order: &[usize],
) -> std::collections::BTreeMap<String, Vec<usize>> {
    let mut out: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    // The facts each rule sees. A rule that refers to another sees every fact that one
    // sees; in evaluation order, the one referred to has been seen to already.
    let mut sees: Vec<Vec<&str>> = vec![Vec::new(); rules.len()];
    for &i in order {
        let mut fields: Vec<&str> = rules[i]
            .when
            .fields()
            .into_iter()
            .map(|f| f.get_ref().as_str())
            .collect();
        for &j in &references[i] {
            fields.extend_from_slice(&sees[j]);
        }
        fields.sort_unstable();
        fields.dedup();
        // A rule that makes its own assessment is not waited on by the recommendation.
        let apart = rules[i].kind().stands_apart();
        for &field in fields.iter().filter(|_| !apart) {
            match out.get_mut(field) {
                Some(readers) => readers.push(i),
                None => {
                    out.insert(field.to_string(), vec![i]);
                }
            }
        }
        sees[i] = fields;
    }
    out
}

/// Depth-first post-order over `rule = "..."` references, so that a rule comes after the
/// rules it refers to. Iterative: a long chain of references must not exhaust the stack.
fn evaluation_order(references: &[Vec<usize>]) -> Vec<usize> {
    let mut seen = vec![false; references.len()];
    let mut order = Vec::with_capacity(references.len());
    for root in 0..references.len() {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        // (rule, how many of its references have been visited)
        let mut stack = vec![(root, 0)];
        while let Some((i, next)) = stack.last_mut() {
            match references[*i].get(*next) {
                Some(&j) => {
                    *next += 1;
                    if !seen[j] {
                        seen[j] = true;
                        stack.push((j, 0));
                    }
                }
                None => {
                    order.push(*i);
                    stack.pop();
                }
            }
        }
    }
    order
}
