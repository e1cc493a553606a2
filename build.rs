//! Prepares the rules the binary embeds.
//!
//! `include_dir!` embeds `rules/` as written, for the commands that show or check rules.
//! An assessment needs less of each file: not the prose of `why` and `source`, nor the
//! example cases, which `cargo test` has already run. This script writes that lean copy
//! to `OUT_DIR`, because parsing the full files took more time than assessing a profile.
//! A test checks that both copies give the same assessments.

use std::path::Path;

/// Keys an assessment never reads.
const NOT_FOR_ASSESSMENT: &[&str] = &["why", "source", "case"];

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules-lean");
    let _ = std::fs::remove_dir_all(&out);
    copy_lean(Path::new("rules"), &out, true);
}

fn copy_lean(from: &Path, to: &Path, top: bool) {
    std::fs::create_dir_all(to).expect("OUT_DIR is writable");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("rules/ is readable")
        .map(|e| e.expect("rules/ is readable").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().expect("entries have names");
        if path.is_dir() {
            copy_lean(&path, &to.join(name), false);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).expect("rule files are UTF-8");
            let lean = if top {
                // The policy and other top-level files are small and read whole.
                text
            } else {
                match toml::from_str::<toml::Table>(&text) {
                    Ok(mut table) => {
                        for key in NOT_FOR_ASSESSMENT {
                            table.remove(*key);
                        }
                        toml::to_string(&table).expect("a parsed table serialises")
                    }
                    // A broken file is copied as it is: the tests report it with its place.
                    Err(_) => text,
                }
            };
            std::fs::write(to.join(name), lean).expect("OUT_DIR is writable");
        }
    }
}
