//! The CSV reader on any bytes: rows with their lines, or an error with its place; never a
//! panic, and never more rows than bytes.
#![no_main]

use std::ops::ControlFlow;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use crm_export::CsvFile;

fuzz_target!(|data: &[u8]| {
    let len = data.len();
    if let Ok(file) = CsvFile::from_bytes(Path::new("fuzz.csv"), data.to_vec()) {
        for column in 0..3 {
            let mut rows = 0usize;
            let _ = file.for_each_field(column, &|_| {}, |_, _| {
                rows += 1;
                ControlFlow::Continue(())
            });
            assert!(rows <= len);
        }
    }
});
