//! End-to-end tests through the real binary, linked as one test binary so the suite builds once.

mod accounts;
mod assess;
mod authoring;
mod bounded;
mod ci;
mod cmd;
mod completions;
mod config;
mod deals;
mod diff;
mod docs;
mod files;
mod fuzz;
mod hostile;
mod html;
mod interview;
mod invariants;
mod layers;
mod limits;
mod links;
mod pager;
mod plan;
mod process;
mod profile_schema;
mod program;
mod rules;
mod schema;
mod secrets;
mod story;
mod widths;
mod words;
mod writes;

/// Copies the folder `from` into `to`, sub-folders and all (a rules folder to edit).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The `.rs` files under `dir`, sub-folders included, in path order.
pub fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The `.toml` files of `folder` (the examples, test profiles), in name order.
pub fn toml_files(folder: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    out.sort();
    out
}
