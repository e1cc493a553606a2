//! Property tests of the three loaders that read what users and partners write: the
//! profile loader, the rules loader and the CSV reader. Each gets arbitrary bytes and
//! structured mutations of real inputs (the examples, the shipped rules, the account
//! fixtures), and must return a value or an error with a place in the file: never panic,
//! never hang. Bounded to a few seconds; `fuzz/` runs the same loaders for as long as
//! you like (see `docs/fuzzing.md`).

use std::borrow::Cow;
use std::ops::ControlFlow;
use std::path::Path;

use crm_export::CsvFile;
use partner_fit::rules::files::{read, RuleSource};
use partner_fit::rules::load::parse_and_validate;
use partner_fit::rules::validate::Depth;
use proptest::prelude::*;

/// One change to a file's bytes, at a position taken modulo its length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Flip(usize, u8),
    Duplicate(usize, usize),
}

/// Fragments that make TOML and CSV interesting: delimiters, quotes, brackets, escapes,
/// huge numbers, bytes that are not UTF-8 and control characters.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "\"\"\"",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ";",
    "\t",
    "|",
    "\n",
    "\r\n",
    "\r",
    "#",
    ".",
    "\\",
    "\\u{0}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{feff}",
    "é",
    "💥",
    "1e999",
    "-0",
    "99999999999999999999999",
    "nan",
    "inf",
    "true",
    "1979-05-27T07:32:00Z",
    "format = 2",
    "[vendor]",
    "[partner]",
    "name = \"x\"",
    "when = { gt = {",
    "sep=;",
    "http://www.",
    "@gmail.com",
    "N/A",
    "\u{202e}",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), proptest::sample::select(PIECES)).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
        match *edit {
            Edit::Insert(i, s) => {
                let i = at(i);
                bytes.splice(i..i, s.bytes());
            }
            Edit::Delete(i, n) => {
                let i = at(i);
                bytes.drain(i..(i + n).min(len));
            }
            Edit::Flip(i, b) if len > 0 => bytes[i % len] = b,
            Edit::Flip(..) => {}
            Edit::Duplicate(i, n) => {
                let i = at(i);
                let copy: Vec<u8> = bytes[i..(i + n).min(len)].to_vec();
                bytes.splice(i..i, copy);
            }
        }
    }
    bytes
}

fn examples() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The profile loader on `bytes`, from a file, as `assess` reads it.
fn load_profile(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, bytes).unwrap();
    if let Err(problems) = partner_fit::profile::load(file.path()) {
        prop_assert!(!problems.0.is_empty());
        // Every problem renders, with its place.
        let _ = problems.to_string();
    }
    Ok(())
}

fn read_csv(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let len = bytes.len();
    if let Ok(file) = CsvFile::from_bytes(Path::new("fuzz.csv"), bytes) {
        for column in 0..3 {
            let mut rows = 0usize;
            let _ = file.for_each_field(column, &|_| {}, |_, _| {
                rows += 1;
                ControlFlow::Continue(())
            });
            prop_assert!(rows <= len, "more rows than bytes");
        }
    }
    Ok(())
}

fn fixtures() -> Vec<Vec<u8>> {
    [
        "ours.csv",
        "theirs.csv",
        "messy-names.csv",
        "messy-websites.csv",
    ]
    .iter()
    .map(|name| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/accounts")
                .join(name),
        )
        .unwrap()
    })
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_profile_loader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        load_profile(&bytes)?;
    }

    #[test]
    fn the_profile_loader_takes_mutated_examples(
        which in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let all = examples();
        let base = all[which.index(all.len())].clone();
        load_profile(&apply(base, &edits))?;
    }

    #[test]
    fn the_rules_loader_takes_mutated_rule_files(
        which in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        let mut files = read(&RuleSource::Embedded).unwrap();
        let paths: Vec<_> = files.keys().cloned().collect();
        let path = &paths[which.index(paths.len())];
        let mutated = apply(files[path].as_bytes().to_vec(), &edits);
        // Bytes that are not UTF-8 are refused by the file reader, with their place
        // (tests/integration/files.rs); the parser gets text.
        let text = String::from_utf8_lossy(&mutated).into_owned();
        files.insert(path.clone(), Cow::Owned(text));
        if let Err(problems) = parse_and_validate(Path::new("rules"), &files, Depth::Structure) {
            prop_assert!(!problems.is_empty());
            for problem in &problems {
                let _ = problem.to_string();
            }
        }
    }

    #[test]
    fn the_rules_loader_takes_any_text_as_a_rule_file(text in "\\PC{0,300}") {
        let mut files = read(&RuleSource::Embedded).unwrap();
        files.insert("rules/gate/fuzz.toml".into(), Cow::Owned(text));
        let _ = parse_and_validate(Path::new("rules"), &files, Depth::Structure);
    }

    #[test]
    fn the_csv_reader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        read_csv(bytes)?;
    }

    #[test]
    fn the_csv_reader_takes_mutated_exports(
        which in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..10),
    ) {
        let all = fixtures();
        let base = all[which.index(all.len())].clone();
        read_csv(apply(base, &edits))?;
    }
}
