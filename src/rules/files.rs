//! The rule files of a source, read but not parsed: the copy embedded in the binary, or a
//! `--rules DIR` folder. Nothing here knows what a rule file holds.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The shipped rules, embedded so an installed binary works from any folder.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The name of the file that ties the families together.
pub const POLICY_FILE: &str = "policy.toml";

/// Where rules come from.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleSource {
    /// The rules built into the binary.
    Embedded,
    /// A folder laid out like `rules/`.
    Dir(PathBuf),
}

impl RuleSource {
    /// The folder the files' paths start with, as shown in messages.
    pub fn root(&self) -> PathBuf {
        match self {
            RuleSource::Embedded => PathBuf::from("rules"),
            RuleSource::Dir(dir) => dir.clone(),
        }
    }

    pub fn from_option(dir: Option<&Path>) -> Self {
        dir.map_or(RuleSource::Embedded, |d| RuleSource::Dir(d.to_path_buf()))
    }
}

/// The text of every rule file, by the path shown in messages. Embedded files are
/// borrowed from the binary, files from a folder are owned.
pub type SourceFiles = BTreeMap<PathBuf, Cow<'static, str>>;

/// Reads the files of a source without parsing them.
pub fn read(source: &RuleSource) -> Result<SourceFiles, Diagnostics> {
    let mut files = SourceFiles::new();
    match source {
        RuleSource::Embedded => collect_embedded(&EMBEDDED, &mut files),
        RuleSource::Dir(dir) => {
            if !dir.is_dir() {
                return Err(Diagnostics(vec![Diagnostic::whole_file(
                    dir,
                    "not a rules folder",
                )
                .with_help(
                    "pass a folder laid out like the shipped `rules/` (see `rules/README.md`)",
                )]));
            }
            let mut problems = Vec::new();
            collect_dir(dir, &mut files, &mut problems);
            if !problems.is_empty() {
                return Err(Diagnostics(problems));
            }
        }
    }
    Ok(files)
}

fn collect_embedded(dir: &'static Dir<'static>, files: &mut SourceFiles) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            // The shipped files are UTF-8; a test loads them, so this never fails in a release.
            let text = file.contents_utf8().expect("embedded rule files are UTF-8");
            files.insert(Path::new("rules").join(file.path()), Cow::Borrowed(text));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn collect_dir(dir: &Path, files: &mut SourceFiles, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Diagnostic::whole_file(
                dir,
                format!("cannot read the folder: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        // The entry's own type: a link to a folder is not followed, so a link back up
        // the tree cannot make the walk go round for ever.
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        let toml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if is_dir {
            collect_dir(&path, files, problems);
        } else if toml && path.extension().is_none_or(|e| e != "toml") {
            problems.push(
                Diagnostic::whole_file(&path, "rule files end in `.toml` (lower case)")
                    .with_help("rename the file, or it would be skipped"),
            );
        } else if toml {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        files.insert(path, Cow::Owned(text));
                    }
                    Err(err) => problems.push(
                        Diagnostic::not_utf8(&path, &err, "the rule file")
                            .with_help("save it as UTF-8"),
                    ),
                },
                Err(err) => {
                    problems.push(Diagnostic::whole_file(&path, format!("cannot read: {err}")))
                }
            }
        }
    }
}
