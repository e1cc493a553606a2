//! Writes a file atomically: the bytes go to a temporary file in the same folder, which is
//! then renamed over the target, so a reader (or a crash) only ever sees the old file or the
//! complete new one. An existing file is replaced only when the caller says so. Every file
//! partner-fit writes for a user (profiles, drafts, templates, account lists) goes through
//! here.

use std::io::{self, Write};
use std::path::Path;

/// Writes `text` to `path`. Without `replace`, an existing file is left alone and the error
/// is `AlreadyExists`. A folder that is missing, not a folder, or not writable is said so in
/// the error, which keeps its kind.
pub fn write(path: &Path, text: impl AsRef<[u8]>, replace: bool) -> io::Result<()> {
    write_with(path, text.as_ref(), replace, None)
}

/// Replaces the existing file at `path`, keeping its permissions (an edit, not a new file).
pub fn replace_keeping_permissions(path: &Path, text: impl AsRef<[u8]>) -> io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    write_with(path, text.as_ref(), true, Some(permissions))
}

fn write_with(
    path: &Path,
    text: &[u8],
    replace: bool,
    permissions: Option<std::fs::Permissions>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} is a file, not a folder", dir.display()),
            ))
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Err(io::Error::new(
                err.kind(),
                format!("the folder {} does not exist", dir.display()),
            ))
        }
        Err(err) => return Err(err),
    }
    write_in(dir, path, text, replace, permissions).map_err(|err| match err.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => io::Error::new(
            err.kind(),
            format!(
                "cannot write in the folder {}: {}",
                dir.display(),
                bare(&err)
            ),
        ),
        _ => err,
    })
}

fn write_in(
    dir: &Path,
    path: &Path,
    text: &[u8],
    replace: bool,
    permissions: Option<std::fs::Permissions>,
) -> io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".partner-fit-").suffix(".tmp");
    match permissions {
        Some(kept) => {
            builder.permissions(kept);
        }
        // A temporary file is private by default; what partner-fit writes is an ordinary
        // document, readable as any file the user creates (the umask still applies).
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        #[cfg(not(unix))]
        None => {}
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(text)?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(|_| ()).map_err(|e| e.error)
}

/// The system's words for an error, without the temporary file's name tempfile adds.
fn bare(err: &io::Error) -> String {
    match err.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_replaces_without_being_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        write(&path, "one", false).unwrap();
        let err = write(&path, "two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write(&path, "three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_or_unwritable_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing").join("p.toml");
        let err = write(&missing, "x", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(err.to_string().contains("missing"), "{err}");

        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        let err = write(&file.join("p.toml"), "x", false).unwrap_err();
        assert!(err.to_string().contains("is a file, not a folder"), "{err}");

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.path().join("locked");
            std::fs::create_dir(&locked).unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
            // Root writes anyway; the check only means something for other users.
            if std::fs::write(locked.join("probe"), "").is_err() {
                let err = write(&locked.join("p.toml"), "x", false).unwrap_err();
                assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
                assert!(
                    err.to_string().contains("cannot write in the folder"),
                    "{err}"
                );
                assert!(!err.to_string().contains(".partner-fit-"), "{err}");
            }
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}
