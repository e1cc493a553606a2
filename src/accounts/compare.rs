//! Runs one comparison end to end: both files read and checked side by side, the keys
//! planned, both sides collected side by side (one thread each: the two exports are
//! independent and a laptop has at least two cores), and the shared accounts found.
//! Also reads back, for `--out`, the values behind the shared accounts.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::Path;
use std::thread;

use crm_export::{CsvFile, Normalizer};

use super::account_set::{self, AccountSet, Fingerprinter, Keys};
use super::hash::{self, Hasher, Secret};
use super::input_error::InputError;
use super::overlap::{self, Match};
use super::plan::{self, KeySource, Plan, PlanError};
use super::progress::Progress;

/// What to compare.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub ours: &'a Path,
    pub theirs: &'a Path,
    pub our_key: Option<&'a str>,
    pub their_key: Option<&'a str>,
    pub secret: Option<&'a Secret>,
}

/// One side, read and collected.
#[derive(Debug)]
pub struct Input {
    pub file: CsvFile,
    pub source: KeySource,
    pub set: AccountSet,
}

/// Everything the report, `--out` and `--update` need.
#[derive(Debug)]
pub struct Comparison {
    pub plan: Plan,
    pub ours: Input,
    pub theirs: Input,
    pub matches: Vec<Match>,
}

/// An overlapping account as `--out` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedAccount {
    /// The normalized key, or the hash when neither side is plain.
    pub account: String,
    /// The key as written in each file; empty for a hashed side.
    pub ours: String,
    pub theirs: String,
    pub our_line: u64,
    pub their_line: u64,
}

/// Runs `request`, with a progress bar on a terminal.
pub fn compare(request: Request<'_>) -> Result<Comparison, PlanError> {
    let (ours, theirs) = both(
        || CsvFile::load(request.ours),
        || CsvFile::load(request.theirs),
    );
    let (ours, theirs) = (ours?, theirs?);
    let plan = plan::plan(
        &ours,
        request.our_key,
        &theirs,
        request.their_key,
        request.secret,
    )?;
    let hasher = request.secret.filter(|_| plan.hashed()).map(Hasher::new);
    let fingerprinter = Fingerprinter::new();
    let progress = Progress::over_bytes(ours.len() + theirs.len(), "reading accounts");
    let side = |file: &CsvFile, source: &KeySource| -> Result<AccountSet, InputError> {
        account_set::collect(file, source, fingerprinter, hasher.as_ref(), &progress)
    };
    let (our_set, their_set) = both(|| side(&ours, &plan.ours), || side(&theirs, &plan.theirs));
    progress.finish();
    let (our_set, their_set) = (our_set?, their_set?);
    let matches = overlap::intersect(&our_set, &their_set).ok_or_else(|| {
        // `plan` already refused a hashed side without a secret; this is the same case.
        PlanError::SecretNeeded {
            hashed: request.theirs.into(),
            plain: request.ours.into(),
        }
    })?;
    Ok(Comparison {
        ours: Input {
            file: ours,
            source: plan.ours.clone(),
            set: our_set,
        },
        theirs: Input {
            file: theirs,
            source: plan.theirs.clone(),
            set: their_set,
        },
        plan,
        matches,
    })
}

/// The shared accounts with the values behind them, in our file's order.
pub fn shared_accounts(comparison: &Comparison) -> Result<Vec<SharedAccount>, InputError> {
    let (ours, theirs) = (&comparison.ours, &comparison.theirs);
    let our_values = values_at(ours, comparison.matches.iter().map(|m| m.our_line))?;
    let their_values = values_at(theirs, comparison.matches.iter().map(|m| m.their_line))?;
    let mut normalizer = Normalizer::default();
    let mut key = String::new();
    let mut normalized = |input: &Input, raw: &str| match &input.source {
        KeySource::Column(column) => normalizer
            .key(column.kind, raw, &mut key)
            .ok()
            .map(|()| key.clone()),
        KeySource::Hashed(_) => None,
    };
    let mut shared = Vec::with_capacity(comparison.matches.len());
    for m in &comparison.matches {
        let our_raw = our_values.get(&m.our_line).cloned().unwrap_or_default();
        let their_raw = their_values.get(&m.their_line).cloned().unwrap_or_default();
        let account = normalized(ours, &our_raw)
            .or_else(|| normalized(theirs, &their_raw))
            .or_else(|| m.digest.map(hex::encode))
            .unwrap_or_default();
        shared.push(SharedAccount {
            account,
            ours: our_raw,
            theirs: their_raw,
            our_line: m.our_line,
            their_line: m.their_line,
        });
    }
    Ok(shared)
}

/// The key column's raw value on each of `lines`; nothing for a hashed side.
fn values_at(
    input: &Input,
    lines: impl Iterator<Item = u64>,
) -> Result<HashMap<u64, String>, InputError> {
    let KeySource::Column(column) = &input.source else {
        return Ok(HashMap::new());
    };
    let wanted: HashSet<u64> = lines.collect();
    let mut values = HashMap::with_capacity(wanted.len());
    input
        .file
        .for_each_field(column.index, &|_| {}, |line, field| {
            if wanted.contains(&line) {
                values.insert(line, field.unwrap_or("").trim().to_string());
            }
            ControlFlow::Continue(())
        })?;
    Ok(values)
}

/// Hashes one export for `accounts hash`: the hashed file's text and what was read.
pub fn hash_file(
    path: &Path,
    key: Option<&str>,
    secret: &Secret,
) -> Result<(String, Input), PlanError> {
    let file = CsvFile::load(path)?;
    let column = plan::single(&file, key)?;
    let source = KeySource::Column(column);
    let progress = Progress::over_bytes(file.len(), "hashing accounts");
    let hasher = Hasher::new(secret);
    let set = account_set::collect(
        &file,
        &source,
        Fingerprinter::new(),
        Some(&hasher),
        &progress,
    )?;
    progress.finish();
    let digests = match &set.keys {
        Keys::Hashed(map) => map.keys().copied().collect(),
        // `collect` with a hasher returns hashed keys.
        Keys::Plain(_) => Vec::new(),
    };
    let text = hash::render_file(source.key_kind(), hasher.key_id(), digests);
    Ok((text, Input { file, source, set }))
}

/// Runs `a` and `b` on two threads and returns both results.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        let second = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, second)
    })
}
