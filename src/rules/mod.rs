//! Rule definitions: the model of a rule file, loading (embedded or `--rules DIR`) and
//! validation. This is the only code that reads the `rules/` folder.

use std::collections::BTreeMap;

use crate::condition::{Facts, Truth};

pub mod load;
pub mod model;
pub mod template;
pub mod validate;

pub use load::{load, RuleSource};
pub use model::{Kind, Policy, Rule, Verdict};

/// A validated set of rules, sorted by id, with the policy that ties them together.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub policy: Policy,
}

/// The state of every rule, by id.
pub type States = BTreeMap<String, Truth>;

impl RuleSet {
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .binary_search_by(|r| r.id().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }

    /// Rules of one family, in id order.
    pub fn family<'a>(&'a self, family: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| r.family() == family)
    }

    /// Evaluates every rule on `facts`. `forced` pins some rules to a state, which rules
    /// that refer to them then see: this is how the engine asks "what if this unknown
    /// answer were given?".
    pub fn states(&self, facts: &Facts, forced: &States) -> States {
        let mut states = States::new();
        for rule in &self.rules {
            self.state_of(rule, facts, forced, &mut states, 0);
        }
        states
    }

    fn state_of(
        &self,
        rule: &Rule,
        facts: &Facts,
        forced: &States,
        done: &mut States,
        depth: usize,
    ) -> Truth {
        if let Some(state) = done.get(rule.id()) {
            return *state;
        }
        if let Some(state) = forced.get(rule.id()) {
            done.insert(rule.id().to_string(), *state);
            return *state;
        }
        // References are checked for cycles at load; the depth bound keeps a hand-built
        // set that skipped validation from recursing forever.
        let state = if depth > self.rules.len() {
            Truth::Unknown
        } else {
            let refer = |id: &str| match self.get(id) {
                Some(other) => {
                    let mut scratch = done.clone();
                    self.state_of(other, facts, forced, &mut scratch, depth + 1)
                }
                None => Truth::Unknown,
            };
            rule.when.eval(facts, &refer)
        };
        done.insert(rule.id().to_string(), state);
        state
    }
}
