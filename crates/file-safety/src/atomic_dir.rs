//! Writes a new folder of files all at once: the files go into a hidden temporary folder
//! beside it, which is renamed into place when every file is written and synced. A kill, a
//! full disk or any other error leaves no folder (the temporary one is removed, or, after
//! a SIGKILL, by the next write there), so running the command again is never blocked by
//! half a folder.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::atomic_file::{
    bare, remove_leftovers, remove_on_signal, sync_folder, temporary_prefix, Pending,
};

/// Creates the folder `dir` holding `files` (paths relative to `dir`, folders made as
/// needed). `dir` must not exist, or be an empty folder, which is replaced; otherwise the
/// error is `AlreadyExists`. Folders above `dir` are created when missing.
pub fn create<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
) -> io::Result<()> {
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)?;
    remove_on_signal();
    remove_leftovers(parent, dir);
    let prefix = temporary_prefix(dir);
    let mut pending = None;
    let temporary = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .make_in(parent, |candidate| {
            // Recorded before it exists, so a signal never finds a folder it does not know.
            let record = Pending::new(candidate);
            std::fs::create_dir(candidate)?;
            pending = Some(record);
            Ok(candidate.to_path_buf())
        })
        .map_err(|err| io::Error::new(err.kind(), bare(&err)))?;
    let result = fill(temporary.path(), files).and_then(|()| place(temporary.path(), dir));
    match result {
        Ok(()) => {
            // Renamed: there is nothing left to remove.
            let _ = temporary.keep();
            drop(pending);
            sync_folder(parent)
        }
        Err(err) => {
            let _ = std::fs::remove_dir_all(temporary.path());
            drop(pending);
            Err(io::Error::new(err.kind(), bare(&err)))
        }
    }
}

/// Removes the temporary folders [`create`] calls for `dir` left by processes that are
/// gone, for a caller that writes into an existing `dir` instead.
pub fn remove_left_behind(dir: &Path) {
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    remove_leftovers(parent, dir);
}

/// Writes and syncs every file under `root`, then every folder, so the rename publishes
/// complete files only.
fn fill<'a>(root: &Path, files: impl IntoIterator<Item = (&'a Path, &'a [u8])>) -> io::Result<()> {
    let mut folders: Vec<PathBuf> = vec![root.to_path_buf()];
    for (relative, bytes) in files {
        let path = root.join(relative);
        if let Some(folder) = path.parent() {
            if !folders.iter().any(|f| f == folder) {
                std::fs::create_dir_all(folder)?;
                folders.push(folder.to_path_buf());
            }
        }
        let mut file = std::fs::File::create_new(&path)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    for folder in folders.iter().rev() {
        sync_folder(folder)?;
    }
    Ok(())
}

/// Renames the finished folder to `dir`; an empty folder at `dir` is replaced.
fn place(temporary: &Path, dir: &Path) -> io::Result<()> {
    let empty = std::fs::read_dir(dir).map(|mut entries| entries.next().is_none());
    match empty {
        Ok(true) => std::fs::remove_dir(dir)?,
        Ok(false) => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is not empty", dir.display()),
            ))
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(err),
    }
    std::fs::rename(temporary, dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_appears_whole_or_not_at_all() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out/rules");
        let files: Vec<(&Path, &[u8])> = vec![
            (Path::new("policy.toml"), b"p"),
            (Path::new("gate/a.toml"), b"a"),
        ];
        create(&dir, files.clone()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("gate/a.toml")).unwrap(),
            "a"
        );
        // Only the folder: no temporary one beside it.
        assert_eq!(
            std::fs::read_dir(root.path().join("out")).unwrap().count(),
            1
        );
        // Not over a folder with files in it.
        let err = create(&dir, files.clone()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        // A file that cannot be written (its name is taken by a folder): nothing is left.
        let other = root.path().join("other");
        let clash: Vec<(&Path, &[u8])> = vec![(Path::new("x"), b"1"), (Path::new("x/y"), b"2")];
        assert!(create(&other, clash).is_err());
        assert!(!other.exists());
        assert_eq!(
            std::fs::read_dir(root.path()).unwrap().count(),
            1,
            "only out/"
        );
        // An empty folder is replaced.
        std::fs::create_dir(&other).unwrap();
        create(&other, files).unwrap();
        assert!(other.join("policy.toml").exists());
    }
}
