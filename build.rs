//! Validates the shipped rules when the binary is built, cases included, with the crate's
//! own loader: a rule file that does not parse or validate fails `cargo build` with its
//! file, line and column. The binary embeds `rules/` as written (`include_dir!`) and reads
//! it with the same code at start-up; nothing is generated here.

// As in `src/lib.rs`: a diagnostic carries the file text for its code frame.
#![allow(clippy::result_large_err)]

#[allow(dead_code, unused_imports)]
#[path = "src/condition.rs"]
mod condition;
#[allow(dead_code, unused_imports)]
#[path = "src/diagnostic.rs"]
mod diagnostic;
#[allow(dead_code, unused_imports)]
#[path = "src/profile/mod.rs"]
mod profile;
#[allow(dead_code, unused_imports)]
#[path = "crates/file-safety/src/read_file.rs"]
mod read_file;
#[allow(dead_code, unused_imports)]
#[path = "src/rules/mod.rs"]
mod rules;
#[allow(dead_code, unused_imports)]
#[path = "src/suggest.rs"]
mod suggest;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let source = rules::RuleSource::Dir("rules".into());
    if let Err(problems) = rules::load::load_checked(&source, rules::validate::Depth::WithCases) {
        for problem in &problems.0 {
            println!("cargo::error={}: {}", problem.location(), problem.message);
        }
        eprintln!("{problems}");
        std::process::exit(1);
    }
}
