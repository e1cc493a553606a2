//! Writing files the user named, through `file_safety::atomic_file`: a crash or a full disk never
//! leaves half a file, and a new file never replaces an existing one unless the user said
//! `--force`. This module adds the early check and the accounts' own error type.

use std::path::Path;

use super::input_error::{InputError, Problem};

/// Refuses an existing `path` unless `force`: called before the work, so nobody waits a
/// minute to be told the output is in the way.
pub fn check_new(path: &Path, force: bool) -> Result<(), InputError> {
    if !force && path.exists() {
        return Err(InputError::new(path, None, Problem::OutputExists));
    }
    if !folder_of(path).is_dir() {
        let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder");
        return Err(InputError::new(path, None, Problem::Unwritable(missing)));
    }
    Ok(())
}

/// The folder a file at `path` goes into.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes `contents` to a new file at `path` (or over it, with `force`).
pub fn write_new(path: &Path, contents: &[u8], force: bool) -> Result<(), InputError> {
    written(path, file_safety::atomic_file::write(path, contents, force))
}

/// As [`write_new`], for raw accounts: the file (and the temporary file before it) can be
/// read by its owner only.
pub fn write_private(path: &Path, contents: &[u8], force: bool) -> Result<(), InputError> {
    written(
        path,
        file_safety::atomic_file::write_private(path, contents, force),
    )
}

fn written(path: &Path, result: std::io::Result<()>) -> Result<(), InputError> {
    result.map_err(|err| {
        let problem = if err.kind() == std::io::ErrorKind::AlreadyExists {
            Problem::OutputExists
        } else {
            Problem::Unwritable(err)
        };
        InputError::new(path, None, problem)
    })
}

/// Replaces the file at `path` with `contents`, keeping its permissions, only while it still holds what was `seen`
/// when it was read; `contents` equal to that are not written.
pub fn replace_if_unchanged(
    path: &Path,
    contents: &[u8],
    seen: &file_safety::atomic_file::Seen,
) -> Result<file_safety::atomic_file::Replaced, InputError> {
    file_safety::atomic_file::replace_if_unchanged(path, contents, seen).map_err(|err| {
        let problem = if file_safety::atomic_file::changed_since_read(&err) {
            Problem::ChangedSinceRead
        } else {
            Problem::Unwritable(err)
        };
        InputError::new(path, None, problem)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_file_never_replaces_one_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_new(&path, b"one", false).unwrap();
        let err = write_new(&path, b"two", false).unwrap_err();
        assert!(matches!(err.problem, Problem::OutputExists));
        assert!(check_new(&path, false).is_err() && check_new(&path, true).is_ok());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_new(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_refused_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "theirs").unwrap();
        let seen = file_safety::atomic_file::Seen::of(b"ours");
        let err = replace_if_unchanged(&path, b"new", &seen).unwrap_err();
        assert!(matches!(err.problem, Problem::ChangedSinceRead));
        let shown = err.to_string();
        assert!(shown.starts_with(&path.display().to_string()), "{shown}");
        assert!(
            shown.contains("the file changed since it was read; run the command again"),
            "{shown}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "a").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let seen = file_safety::atomic_file::Seen::of(b"a");
        replace_if_unchanged(&path, b"b", &seen).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"b");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }
}
