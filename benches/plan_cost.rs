//! What the plan costs, measured in one run (`cargo run --release --example plan-cost`):
//! 1. one profile: the time of computing its plans (the one the report leads with) against
//!    the rest of assessing it, as a ratio (target: the plan adds under 20 %);
//! 2. 100 against 1,000 profiles, each assessed with its plan: the time per profile at
//!    both sizes, as a ratio (linear: about 1).
//!
//! The two sides are timed in turn, many rounds, and the medians compared, so drift in
//! the machine's speed weighs on both alike.

use std::time::Instant;

use partner_fit::condition::Fact;
use partner_fit::rules::{self, RuleSource};

fn main() {
    let set = rules::load(&RuleSource::Embedded).expect("the built-in rules load");
    let examples: Vec<_> = std::fs::read_dir("examples")
        .expect("run from the project's root")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| partner_fit::profile::load(&p).expect("an example loads"))
        .collect();
    let facts: Vec<_> = examples
        .iter()
        .map(partner_fit::profile::facts::facts)
        .collect();
    let motion_of = |f: &partner_fit::condition::Facts| {
        let evaluation = partner_fit::engine::evaluate(f, &set);
        let a = partner_fit::assessment::build("", f, &set, &evaluation);
        set.policy
            .motions
            .iter()
            .position(|m| *m == a.plan.motion)
            .unwrap_or(0)
    };
    let motions: Vec<usize> = facts.iter().map(motion_of).collect();
    let rounds = 30;
    let (mut whole, mut plan) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        for f in &facts {
            let evaluation = partner_fit::engine::evaluate(f, &set);
            std::hint::black_box(partner_fit::assessment::build("", f, &set, &evaluation));
        }
        whole.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for (f, &m) in facts.iter().zip(&motions) {
            std::hint::black_box(partner_fit::engine::plan::plan(&set, f, m));
        }
        plan.push(t.elapsed().as_secs_f64());
    }
    let (whole, plan) = (median(whole), median(plan));
    let rest = (whole - plan).max(f64::EPSILON);
    println!(
        "one profile (the {} examples, median of {rounds} rounds): assess {:.2} ms, of which the plan {:.2} ms: the plan adds {:.0} % to the rest",
        facts.len(),
        whole * 1e3 / facts.len() as f64,
        plan * 1e3 / facts.len() as f64,
        100.0 * plan / rest
    );

    // Profiles with varied answers, so no two are alike.
    let varied = |n: usize| -> Vec<partner_fit::condition::Facts> {
        (0..n)
            .map(|i| {
                let mut f = facts[i % facts.len()].clone();
                f.insert(
                    "market.icp_overlap_pct".into(),
                    Fact::Number((i % 100) as f64),
                );
                f.insert(
                    "evidence.shared_named_deals".into(),
                    Fact::Number((i % 7) as f64),
                );
                f
            })
            .collect()
    };
    let (small, large) = (varied(100), varied(1000));
    let time = |profiles: &[partner_fit::condition::Facts]| {
        let t = Instant::now();
        for f in profiles {
            let evaluation = partner_fit::engine::evaluate(f, &set);
            std::hint::black_box(partner_fit::assessment::build("", f, &set, &evaluation));
        }
        t.elapsed().as_secs_f64() / profiles.len() as f64
    };
    let (mut per_small, mut per_large) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        per_small.push(time(&small));
        per_large.push(time(&large));
    }
    let (per_small, per_large) = (median(per_small), median(per_large));
    println!(
        "100 against 1,000 profiles with plans: {:.2} ms against {:.2} ms a profile: {:.2}x (1.00 is linear)",
        per_small * 1e3,
        per_large * 1e3,
        per_large / per_small
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
