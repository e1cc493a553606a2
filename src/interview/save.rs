//! Writes a file atomically: the text goes to a temporary file in the same folder, which is
//! then renamed over the target, so a reader (or a crash) only ever sees the old file or the
//! complete new one. An existing file is replaced only when the caller says so.

use std::io::{self, Write};
use std::path::Path;

/// Writes `text` to `path`. Without `replace`, an existing file is left alone and the error
/// is `AlreadyExists`.
pub fn write(path: &Path, text: &str, replace: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".partner-fit-").suffix(".tmp");
    // A temporary file is private by default; a profile is an ordinary document, readable
    // as any file the user creates (the umask still applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(|_| ()).map_err(|e| e.error)
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
}
