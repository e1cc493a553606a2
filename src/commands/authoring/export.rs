//! `partner-fit rules export DIR`: writes the embedded rule files into DIR as they are
//! embedded, each atomically, and never over an existing file unless `--force`.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::cli::authoring::ExportArgs;
use crate::exit::ExitStatus;
use crate::rules::files::{read, SourceFiles};
use crate::rules::RuleSource;

pub fn run(args: &ExportArgs) -> Result<ExitStatus> {
    let files = read(&RuleSource::Embedded)?;
    let targets = targets(&files, &args.dir);
    if args.dir.exists() && !args.dir.is_dir() {
        bail!(
            "`{}` is a file; name a folder to export the rules into",
            args.dir.display()
        );
    }
    // Every file is checked before any is written, so a refusal leaves DIR as it was.
    let existing: Vec<&PathBuf> = targets
        .iter()
        .map(|(path, _)| path)
        .filter(|path| path.exists())
        .collect();
    if !existing.is_empty() && !args.force {
        let shown: Vec<String> = existing
            .iter()
            .take(3)
            .map(|p| format!("`{}`", p.display()))
            .collect();
        let more = existing.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        bail!(
            "{}{more} already exist; partner-fit rules export never overwrites a file\nhelp: pass --force to replace them, or export into an empty folder",
            shown.join(", ")
        );
    }
    for (path, text) in &targets {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("creating the folder `{}`", folder.display()))?;
        }
        match file_safety::atomic_file::write(path, text.as_bytes(), args.force) {
            Ok(()) => {}
            Err(err) if err.kind() == ErrorKind::AlreadyExists => bail!(
                "`{}` appeared while exporting; nothing was overwritten\nhelp: pass --force to replace it",
                path.display()
            ),
            Err(err) => {
                return Err(
                    anyhow::Error::new(err).context(format!("writing `{}`", path.display()))
                )
            }
        }
    }
    crate::note!(
        "wrote {} files (the rules, the policy and the interview questions) into `{dir}`; check them with `partner-fit rules validate {dir}` and assess with `--rules {dir}`",
        targets.len(),
        dir = crate::render::shown::path(&args.dir)
    );
    Ok(ExitStatus::Passed)
}

/// Where each embedded file goes under `dir`: its path inside the embedded `rules/`.
fn targets<'a>(files: &'a SourceFiles, dir: &Path) -> Vec<(PathBuf, &'a str)> {
    let root = RuleSource::Embedded.root();
    files
        .iter()
        .map(|(path, text)| {
            let inside = path.strip_prefix(&root).unwrap_or(path);
            (dir.join(inside), text.as_ref())
        })
        .collect()
}
