//! The rule files of a source, read but not parsed: the copy embedded in the binary, or a
//! `--rules DIR` folder. Nothing here knows what a rule file holds.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
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
            // A rules folder is known by its policy file: without one, nothing under it is
            // read (`--rules /` stops here, not after walking the disk).
            let policy = dir.join(POLICY_FILE);
            if !policy.is_file() {
                return Err(Diagnostics(vec![Diagnostic::whole_file(
                    &policy,
                    "the rules folder has no policy file",
                )
                .with_help(
                    "copy `policy.toml` from the shipped `rules/` folder into the top of this one",
                )]));
            }
            let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            let mut walk = Walk {
                root: &root,
                files: &mut files,
                problems: Vec::new(),
                visited: HashSet::from([root.clone()]),
                entries: 0,
                to_read: Vec::new(),
            };
            walk.dir(dir, &root, 0);
            walk.read_files();
            if !walk.problems.is_empty() {
                return Err(Diagnostics(walk.problems));
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

/// How deep folders may nest in a rules folder. The shipped layout is two levels
/// (`rules/<family>/<rule>.toml`); a few more leave room to group rules, and a bound keeps a
/// deep tree (or a path that is not a rules folder) from being walked without end.
pub const MAX_DEPTH: usize = 8;

/// How many files and folders a rules folder may hold. The shipped rules are about 150; a
/// hundred thousand leaves room for generated rule sets far past any written by hand, and
/// bounds the walk of a folder that is not a rules folder.
pub const MAX_ENTRIES: usize = 100_000;

/// A walk of a `--rules DIR` folder: the files read and the problems met so far.
struct Walk<'a> {
    /// The canonical rules folder: links may not lead out of it.
    root: &'a Path,
    files: &'a mut SourceFiles,
    problems: Vec<Diagnostic>,
    /// The canonical path of every folder read, so a link cannot lead into one twice. Only
    /// a link needs resolving to be checked against it: a plain folder's canonical path is
    /// its parent's and its own name.
    visited: HashSet<PathBuf>,
    /// Files and folders met so far, against [`MAX_ENTRIES`].
    entries: usize,
    /// The rule files found, in the order met, read once the walk is done.
    to_read: Vec<PathBuf>,
}

impl Walk<'_> {
    /// Reads the rule files the walk found, side by side (a folder of thousands of small
    /// files is bound by the system calls of each read, not by the disk), with any
    /// problems in the order the files were met.
    fn read_files(&mut self) {
        use rayon::prelude::*;

        let read: Vec<(PathBuf, Result<String, Diagnostic>)> = std::mem::take(&mut self.to_read)
            .into_par_iter()
            .with_min_len(64)
            .map(|path| {
                let text =
                    match crate::read_file::read(&path, Some(crate::read_file::MAX_TEXT_BYTES)) {
                        Ok(bytes) => String::from_utf8(bytes).map_err(|err| {
                            Diagnostic::not_utf8(&path, &err, "the rule file")
                                .with_help("save it as UTF-8")
                        }),
                        Err(err) => {
                            Err(Diagnostic::whole_file(&path, format!("cannot read: {err}")))
                        }
                    };
                (path, text)
            })
            .collect();
        for (path, text) in read {
            match text {
                Ok(text) => {
                    self.files.insert(path, Cow::Owned(text));
                }
                Err(problem) => self.problems.push(problem),
            }
        }
    }

    /// Reads the rule files under `dir` (whose canonical path is `canonical`), `depth` folders below the
    /// rules folder. A symlink is
    /// followed when it stays inside the rules folder; one that points outside it, cannot be
    /// followed (missing target, loop) or leads to a folder already read is refused with its
    /// path, as is a rule file that is not a regular file (a FIFO would block the read).
    fn dir(&mut self, dir: &Path, canonical: &Path, depth: usize) {
        let root = self.root;
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                self.problems.push(Diagnostic::whole_file(
                    dir,
                    format!("cannot read the folder: {err}"),
                ));
                return;
            }
        };
        let mut paths: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
            .filter_map(|e| e.ok())
            .map(|e| (e.path(), e.file_type().ok()))
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        self.entries += paths.len();
        if self.entries > MAX_ENTRIES {
            self.problems.push(
            Diagnostic::whole_file(
                root,
                format!(
                    "the rules folder holds more than {} files and folders; it was not read further",
                    crate::digits::group_digits(MAX_ENTRIES as u64, ',')
                ),
            )
            .with_help("pass the folder that holds `policy.toml` and the rule families"),
        );
            return;
        }
        for (path, file_type) in paths {
            let mut canonical_target = None;
            let toml = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            let Some(mut file_type) = file_type else {
                continue;
            };
            if file_type.is_symlink() {
                let target = std::fs::canonicalize(&path)
                    .and_then(|target| std::fs::metadata(&target).map(|meta| (target, meta)));
                match target {
                    Ok((target, meta)) if target.starts_with(root) => {
                        file_type = meta.file_type();
                        canonical_target = Some(target);
                    }
                    Ok((target, meta)) if meta.is_dir() || toml => {
                        self.problems.push(
                        Diagnostic::whole_file(
                            &path,
                            format!(
                                "the link points outside the rules folder, to {}; it was not read",
                                target.display()
                            ),
                        )
                        .with_help("copy the file or folder into the rules folder instead of linking to it"),
                    );
                        continue;
                    }
                    // A link to a file that is not a rule file is not read either way.
                    Ok(_) => continue,
                    Err(err) => {
                        self.problems.push(
                        Diagnostic::whole_file(
                            &path,
                            format!("the link cannot be followed: {err}; it was not read"),
                        )
                        .with_help("point the link at a file or folder inside the rules folder, or remove it"),
                    );
                        continue;
                    }
                }
            }
            if file_type.is_dir() {
                let canonical = canonical_target
                    .unwrap_or_else(|| canonical.join(path.file_name().unwrap_or_default()));
                if !self.visited.insert(canonical.clone()) {
                    self.problems.push(
                    Diagnostic::whole_file(
                        &path,
                        format!(
                            "the link leads to {}, which is already read (a loop or a second name); it was not read again",
                            crate::shown::path(&canonical)
                        ),
                    )
                    .with_help("remove the link: every folder is read once"),
                );
                    continue;
                }
                if depth + 1 > MAX_DEPTH {
                    self.problems.push(
                    Diagnostic::whole_file(
                        &path,
                        format!(
                            "folders nest more than {MAX_DEPTH} deep in the rules folder; this one was not read"
                        ),
                    )
                    .with_help("rules live in `<family>/<rule>.toml`; move them up"),
                );
                    continue;
                }
                self.dir(&path, &canonical, depth + 1);
            } else if toml && path.extension().is_none_or(|e| e != "toml") {
                self.problems.push(
                    Diagnostic::whole_file(&path, "rule files end in `.toml` (lower case)")
                        .with_help("rename the file, or it would be skipped"),
                );
            } else if toml && !file_type.is_file() {
                self.problems.push(
                    Diagnostic::whole_file(
                        &path,
                        "not a regular file (a FIFO, socket or device); it was not read",
                    )
                    .with_help("rule files are regular files; replace it with one"),
                );
            } else if toml {
                self.to_read.push(path);
            }
        }
    }
}
