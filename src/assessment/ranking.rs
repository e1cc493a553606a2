//! The assessed profiles of a run, and their order: what the report's `ranking`, the
//! portfolio and every renderer's summary of several partners read.

use super::{Assessment, Entry};

/// The assessed entries, in order.
pub fn assessed(entries: &[Entry]) -> impl Iterator<Item = &Assessment> {
    entries.iter().filter_map(|e| match e {
        Entry::Assessed(a) => Some(a.as_ref()),
        Entry::Failed(_) => None,
    })
}

/// Partners ranked: the furthest rung of the ladder each can run now (its recommended
/// motion, motions being listed lightest first), then its score for it; ties by file
/// name. Scores of different motions measure different evidence, so they are only
/// compared within a rung.
pub fn ranked(entries: &[Entry]) -> Vec<&Assessment> {
    let rung = |a: &Assessment| {
        a.motions
            .iter()
            .position(|m| m.motion == a.recommendation.motion)
    };
    let mut out: Vec<&Assessment> = assessed(entries).collect();
    out.sort_by(|a, b| {
        rung(b)
            .cmp(&rung(a))
            .then(b.recommendation.score.cmp(&a.recommendation.score))
            .then(a.profile.cmp(&b.profile))
    });
    out
}
