//! The rules loader with one shipped rule file replaced by any text: a rule set or a list
//! of problems, never a panic.
#![no_main]

use std::borrow::Cow;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use partner_fit::rules::files::{read, RuleSource};
use partner_fit::rules::load::parse_and_validate;
use partner_fit::rules::validate::Depth;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut files = read(&RuleSource::Embedded).expect("the shipped rules are readable");
    let paths: Vec<_> = files.keys().cloned().collect();
    let path = paths[usize::from(which) % paths.len()].clone();
    files.insert(path, Cow::Owned(text.to_string()));
    if let Err(problems) = parse_and_validate(Path::new("rules"), &files, Depth::Structure) {
        assert!(!problems.is_empty());
        for problem in &problems {
            let _ = problem.to_string();
        }
    }
});
