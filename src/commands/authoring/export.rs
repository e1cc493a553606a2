//! `partner-fit rules export DIR`: writes the embedded rule files into DIR as they are
//! embedded, never over a file with other text unless `--force`. A new (or empty) DIR is
//! written all at once, through a temporary folder renamed into place; into a folder that
//! holds other files, each file is written atomically.

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
    // A file already there as it would be written is no conflict: that is what a run
    // stopped half-way leaves, and running the command again must finish the job.
    let to_write: Vec<&(PathBuf, &str)> = targets
        .iter()
        .filter(|(path, text)| {
            crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES))
                .map_or(true, |bytes| bytes != text.as_bytes())
        })
        .collect();
    // Every file is checked before any is written, so a refusal leaves DIR as it was.
    let existing: Vec<&PathBuf> = to_write
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
            "{}{more} already exist with other text; partner-fit rules export never overwrites a file\nhelp: pass --force to replace them, or export into an empty folder",
            shown.join(", ")
        );
    }
    let empty = std::fs::read_dir(&args.dir).map_or(true, |mut entries| entries.next().is_none());
    if empty {
        // A new folder appears whole or not at all.
        let inside: Vec<(&Path, &[u8])> = to_write
            .iter()
            .map(|(path, text)| {
                (
                    path.strip_prefix(&args.dir).unwrap_or(path),
                    text.as_bytes(),
                )
            })
            .collect();
        file_safety::atomic_dir::create(&args.dir, inside).map_err(|err| {
            if err.kind() == ErrorKind::AlreadyExists {
                anyhow::anyhow!(
                    "`{}` was filled by something else while exporting; nothing was written\nhelp: run the command again",
                    args.dir.display()
                )
            } else {
                anyhow::Error::new(err).context(format!("writing `{}`", args.dir.display()))
            }
        })?;
    } else {
        file_safety::atomic_dir::remove_left_behind(&args.dir);
        // Into a folder with other files: each file atomically. A run stopped half-way
        // leaves whole files only, which the next run recognises as its own.
        for (path, text) in &to_write {
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
    }
    let kept = targets.len() - to_write.len();
    let kept = if kept > 0 {
        format!(" ({kept} more were already there as exported)")
    } else {
        String::new()
    };
    crate::note!(
        "wrote {} files (the rules, the policy and the interview questions) into `{dir}`{kept}; check them with `partner-fit rules validate {dir}` and assess with `--rules {dir}`",
        to_write.len(),
        dir = crate::shown::path(&args.dir)
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
