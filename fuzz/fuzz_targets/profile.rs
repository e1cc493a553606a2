//! The profile loader on any bytes: a profile or a list of problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // The loader's own size limit applies before parsing; the fuzzer's inputs are smaller.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(problems) = partner_fit::profile::parse(Path::new("fuzz.toml"), text) {
        assert!(!problems.0.is_empty());
        let _ = problems.to_string();
    }
});
