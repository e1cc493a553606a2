//! `partner-fit init [PATH]`: writes the annotated profile template, atomically (a
//! temporary file in the same folder, then a rename), and never over an existing file
//! unless `--force`.

use std::io::ErrorKind;
use std::path::Path;

use anyhow::{bail, Result};

use super::print;
use crate::cli::authoring::InitArgs;
use crate::exit::ExitStatus;
use crate::render::profile_template;

pub fn run(args: &InitArgs) -> Result<ExitStatus> {
    let text = profile_template::render(args.vendor.as_deref(), args.partner.as_deref());
    if args.path == Path::new("-") {
        print(&text)?;
        return Ok(ExitStatus::Passed);
    }
    write(&args.path, &text, args.force)?;
    crate::note!(
        "wrote `{path}`: every profile field, commented out. Fill in what you know, then run\n  partner-fit assess {path}",
        path = crate::shown::path(&args.path)
    );
    Ok(ExitStatus::Passed)
}

fn write(path: &Path, text: &str, force: bool) -> Result<()> {
    let refuse = || {
        anyhow::anyhow!(
            "`{}` already exists; partner-fit init never overwrites a file. Pass --force to replace it, or name another PATH",
            path.display()
        )
    };
    if path.is_dir() {
        bail!(
            "`{}` is a folder; name the profile file to write, e.g. `{}`",
            path.display(),
            path.join("partner.toml").display()
        );
    }
    if path.file_name().is_some_and(|n| n == crate::config::FILE) {
        bail!(
            "`{}` is the name of the project configuration, which partner-fit reads in this folder and the folders below it\nhelp: name the profile after the partner, e.g. `{}`",
            path.display(),
            path.with_file_name("northwind.toml").display()
        );
    }
    if path.exists() && !force {
        return Err(refuse());
    }
    // Not a plain replace: a file created since the check above must not be replaced either.
    match file_safety::atomic_file::write(path, text.as_bytes(), force) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == ErrorKind::AlreadyExists => Err(refuse()),
        Err(err) => Err(anyhow::Error::new(err).context(format!("writing `{}`", path.display()))),
    }
}
