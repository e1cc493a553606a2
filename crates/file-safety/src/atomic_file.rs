//! Writes a file atomically: the bytes go to a temporary file in the same folder, which is
//! then renamed over the target, so a reader (or a crash) only ever sees the old file or the
//! complete new one. The file is synced before the rename and, on Unix, its folder after
//! it, so once a write returns, the new file survives a power cut. An existing file is
//! replaced only when the caller says so.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Writes `text` to `path`. Without `replace`, an existing file is left alone and the error
/// is `AlreadyExists`. A folder that is missing, not a folder, or not writable is said so in
/// the error, which keeps its kind. A symlink is written through to the file it names.
pub fn write(path: &Path, text: impl AsRef<[u8]>, replace: bool) -> io::Result<()> {
    write_with(path, text.as_ref(), replace, Mode::Document, None)
}

/// As [`write`], for a file only its owner may read (mode 0600), from the first byte: the
/// temporary file never holds raw accounts where others could read them.
pub fn write_private(path: &Path, text: impl AsRef<[u8]>, replace: bool) -> io::Result<()> {
    write_with(path, text.as_ref(), replace, Mode::Private, None)
}

/// Replaces the existing file at `path`, keeping its permissions (an edit, not a new file).
/// A symlink is written through to its target.
pub fn replace_keeping_permissions(path: &Path, text: impl AsRef<[u8]>) -> io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    write_with(path, text.as_ref(), true, Mode::Kept(permissions), None)
}

/// The content of a file as it was read, to tell later whether it is still the same file.
/// The whole content is kept (the files edited are short): a digest could collide, and a
/// modification time can stay the same over a change made in the same tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen(Vec<u8>);

impl Seen {
    /// The file as read: `bytes` are what the caller read from it.
    pub fn of(bytes: &[u8]) -> Self {
        Seen(bytes.to_vec())
    }
}

/// What [`replace_if_unchanged`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    /// The new text was written.
    Written,
    /// The new text is the text read: nothing was written.
    Unchanged,
}

/// The error of a write refused because the file is no longer the one read: another
/// process wrote it in between, and writing would lose that change.
#[derive(Debug)]
pub struct ChangedSinceRead;

impl std::fmt::Display for ChangedSinceRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the file changed since it was read, so it was not written (another command wrote it meanwhile); run the command again")
    }
}

impl std::error::Error for ChangedSinceRead {}

/// Whether `err` is a write refused by [`replace_if_unchanged`].
pub fn changed_since_read(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<ChangedSinceRead>())
}

/// Replaces the file at `path`, keeping its permissions, only if it still holds what was
/// `seen` when it was read: its content is compared again just before the rename, so a
/// change another process made in between is never overwritten (the error then answers
/// [`changed_since_read`]). A `text` equal to what was seen is not written at all.
pub fn replace_if_unchanged(
    path: &Path,
    text: impl AsRef<[u8]>,
    seen: &Seen,
) -> io::Result<Replaced> {
    let text = text.as_ref();
    if text == seen.0.as_slice() {
        return Ok(Replaced::Unchanged);
    }
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Err(io::Error::other(ChangedSinceRead))
        }
        Err(err) => return Err(err),
    };
    write_with(path, text, true, Mode::Kept(permissions), Some(seen))?;
    Ok(Replaced::Written)
}

/// Whether the file at `path` (already resolved) still holds what was `seen`.
fn still(path: &Path, seen: &Seen) -> io::Result<bool> {
    // One byte more than was seen tells a file that grew.
    let limit = seen.0.len() as u64 + 1;
    match crate::read_file::read(path, Some(limit)) {
        Ok(bytes) => Ok(bytes == seen.0),
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::FileTooLarge
            ) =>
        {
            Ok(false)
        }
        Err(err) => Err(err),
    }
}

/// The permissions of the file written.
enum Mode {
    /// An ordinary document, readable as any file the user creates (the umask applies).
    Document,
    /// Readable by its owner only.
    Private,
    /// Those of the file replaced.
    Kept(std::fs::Permissions),
}

/// Symlinks followed at most, as the kernel does, before a loop is assumed.
const MAX_LINKS: usize = 40;

/// The file a write to `path` must replace: `path` itself, or, when it is a symlink (a
/// chain of them), the file the last one names, even when that does not exist yet.
/// Renaming over the link itself would turn it into a regular file and leave the real
/// file unchanged.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(current),
            // Nothing there yet (or its folder is missing): the write says what is wrong.
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(current)
            }
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::other(format!(
        "{} is a loop of symlinks (more than {MAX_LINKS} links)",
        path.display()
    )))
}

fn write_with(
    path: &Path,
    text: &[u8],
    replace: bool,
    mode: Mode,
    seen: Option<&Seen>,
) -> io::Result<()> {
    let shown = path;
    let path = &resolve(path)?;
    #[cfg(unix)]
    if replace {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            // A rename gives the new text a new inode: the other names of a hard-linked
            // file would keep the old text.
            if meta.is_file() && meta.nlink() > 1 {
                return Err(io::Error::other(
                    format!(
                        "{} has {} hard links; replacing it would leave the other links with the old text, so it was not written (copy it to a file of its own, or write to another path)",
                        shown.display(),
                        meta.nlink()
                    ),
                ));
            }
        }
    }
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
    write_in(dir, path, text, (replace, seen), mode).map_err(|err| match err.kind() {
        _ if changed_since_read(&err) => err,
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => io::Error::new(
            err.kind(),
            format!(
                "cannot write {} in the folder {}: {}",
                shown.display(),
                dir.display(),
                bare(&err)
            ),
        ),
        // The temporary file's name is no use to the reader: the target is named by the
        // caller's message.
        kind => io::Error::new(kind, bare(&err)),
    })
}

fn write_in(
    dir: &Path,
    path: &Path,
    text: &[u8],
    (replace, seen): (bool, Option<&Seen>),
    mode: Mode,
) -> io::Result<()> {
    #[cfg(unix)]
    let bits = {
        use std::os::unix::fs::PermissionsExt;
        match &mode {
            Mode::Kept(kept) => kept.mode() & 0o7777,
            Mode::Document => 0o644,
            Mode::Private => 0o600,
        }
    };
    remove_on_signal();
    remove_leftovers(dir, path);
    let mut pending = None;
    // The name is recorded before the file exists, so a signal never finds a file it does
    // not know; the file is created with its final permissions (less the umask).
    let prefix = temporary_prefix(path);
    let file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .make_in(dir, |candidate| {
            let record = Pending::new(candidate);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(bits);
            }
            let file = options.open(candidate)?;
            pending = Some(record);
            Ok(file)
        })?;
    #[cfg(not(unix))]
    let _ = mode;
    // Through the `File`: `NamedTempFile`'s own writer adds the temporary file's path to
    // every error, and a full disk must be reported against the file the user named.
    file.as_file().write_all(text)?;
    file.as_file().sync_all()?;
    // Compared as late as can be, just before the rename, and under a lock every
    // `replace_if_unchanged` takes, so two of them never compare, then both rename.
    let _lock = match seen {
        Some(seen) => {
            let lock = WriteLock::take(path)?;
            if !still(path, seen)? {
                return Err(io::Error::other(ChangedSinceRead));
            }
            Some(lock)
        }
        None => None,
    };
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    drop(pending);
    persisted.map_err(|e| e.error)?;
    sync_folder(dir)
}

/// The lock held from the compare to the rename of a [`replace_if_unchanged`]: the hidden
/// file `.NAME.lock` beside the target, made with `create_new`, removed when dropped (and,
/// as a temporary file is, when a signal stops the process). It is held for microseconds,
/// so one older than [`STALE_LOCK`] was left by a process killed while holding it.
struct WriteLock {
    path: PathBuf,
    _pending: Pending,
}

/// The age after which a [`WriteLock`] is taken to be left behind.
const STALE_LOCK: std::time::Duration = std::time::Duration::from_secs(10);

impl WriteLock {
    fn take(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = target.with_file_name(format!(".{name}.lock"));
        let started = std::time::Instant::now();
        loop {
            let pending = Pending::new(&path);
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => {
                    return Ok(WriteLock {
                        path,
                        _pending: pending,
                    })
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                    drop(pending);
                    let age = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|m| m.elapsed().ok());
                    if age.is_some_and(|age| age > STALE_LOCK) {
                        let _ = std::fs::remove_file(&path);
                    } else if started.elapsed() > STALE_LOCK {
                        return Err(io::Error::other(format!(
                            "another write of this file has held {} for {} seconds; if none is running, remove it",
                            path.display(),
                            STALE_LOCK.as_secs()
                        )));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                Err(err) => return Err(err),
            }
        }
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Bytes of the target's name kept in its temporary file's name: enough to tell which
/// file a leftover was for, and short enough that the name stays within 255 bytes.
const NAME_KEPT: usize = 64;

/// `.NAME.PID.`, hidden, for the temporary file (or folder) of a write to `path` by this
/// process; tempfile adds random characters and `.tmp`. The process id tells a file
/// another write is still filling from one a killed process left (see
/// [`remove_leftovers`]).
pub(crate) fn temporary_prefix(path: &Path) -> String {
    format!(".{}{}.", name_kept(path), std::process::id())
}

/// `NAME.` of [`temporary_prefix`]: the target's name, cut to [`NAME_KEPT`] bytes.
fn name_kept(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let mut end = name.len().min(NAME_KEPT);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}.", &name[..end])
}

/// Removes from `dir` the temporary files and folders of writes to `target` whose process
/// is gone: a SIGKILL (or a power cut) leaves them behind, and one may hold a secret.
/// Those of a live process, this one's included, are another write in progress and are
/// left alone. Best effort: what cannot be removed stays for a later write.
pub(crate) fn remove_leftovers(dir: &Path, target: &Path) {
    let prefix = format!(".{}", name_kept(target));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        // PID, a dot, then the random characters tempfile added.
        let Some(pid) = rest
            .split_once('.')
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        let path = entry.path();
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let _ = std::fs::remove_dir_all(&path);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

/// Whether a process with this id runs (signal 0 checks without sending anything; EPERM
/// means it runs as another user).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only reports whether `pid` exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, every process is taken to be alive: nothing is removed.
#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// Makes the rename durable: a rename is a change to the folder, which the file's own sync
/// does not cover. A folder that cannot be opened for reading (mode `-wx`), and filesystems
/// that cannot sync a folder (`EINVAL`), leave it to the system: the rename has happened,
/// so neither is reported as a failed write. A sync that fails otherwise (an I/O error) is.
#[cfg(unix)]
pub(crate) fn sync_folder(dir: &Path) -> io::Result<()> {
    let Ok(folder) = std::fs::File::open(dir) else {
        return Ok(());
    };
    match folder.sync_all() {
        Err(err) if err.kind() == io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

/// Windows has no handle on a folder to sync; a rename there is made durable by the
/// filesystem's own journal.
#[cfg(not(unix))]
pub(crate) fn sync_folder(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Temporary files being written, removed if the process is stopped by a signal; dropping
/// the `NamedTempFile` removes them on every other way out (an error, a panic).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file's (or folder's) place in [`PENDING`], for as long as it may exist.
pub(crate) struct Pending(PathBuf);

impl Pending {
    pub(crate) fn new(path: &Path) -> Self {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        pending.push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        pending.retain(|p| p != &self.0);
    }
}

/// From the first write on, SIGINT, SIGTERM and SIGHUP remove the temporary files being
/// written and then end the process as the signal would have. (SIGKILL cannot be caught;
/// the file it leaves is a hidden `.NAME.PID.*.tmp` the next write there removes.)
pub(crate) fn remove_on_signal() {
    static INSTALLED: Once = Once::new();
    #[cfg(unix)]
    INSTALLED.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("remove-temporary-files".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
                    for path in pending.iter() {
                        if std::fs::remove_file(path).is_err() {
                            let _ = std::fs::remove_dir_all(path);
                        }
                    }
                    // Dies of the signal, with the lock held so no new file is recorded.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::abort();
                }
            });
    });
    #[cfg(not(unix))]
    INSTALLED.call_once(|| {});
}

/// The system's words for an error, without the temporary file's name tempfile adds (it
/// wraps the system's error in one of its own that carries the path).
pub(crate) fn bare(err: &io::Error) -> String {
    let mut current: &(dyn std::error::Error + 'static) = err;
    loop {
        if let Some(code) = current
            .downcast_ref::<io::Error>()
            .and_then(io::Error::raw_os_error)
        {
            return io::Error::from_raw_os_error(code).to_string();
        }
        match current.source() {
            Some(inner) => current = inner,
            None => return err.to_string(),
        }
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
    fn replaces_only_what_is_still_the_file_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "one").unwrap();
        let seen = Seen::of(b"one");
        // No change: nothing written.
        assert_eq!(
            replace_if_unchanged(&path, "one", &seen).unwrap(),
            Replaced::Unchanged
        );
        // Another writer in between: refused, and its text stays.
        std::fs::write(&path, "other").unwrap();
        let err = replace_if_unchanged(&path, "two", &seen).unwrap_err();
        assert!(changed_since_read(&err), "{err}");
        assert!(err.to_string().contains("run the command again"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "other");
        // Same length, other bytes; longer; removed: all refused.
        std::fs::write(&path, "owe").unwrap();
        assert!(changed_since_read(
            &replace_if_unchanged(&path, "two", &seen).unwrap_err()
        ));
        std::fs::write(&path, "one more").unwrap();
        assert!(changed_since_read(
            &replace_if_unchanged(&path, "two", &seen).unwrap_err()
        ));
        std::fs::remove_file(&path).unwrap();
        assert!(changed_since_read(
            &replace_if_unchanged(&path, "two", &seen).unwrap_err()
        ));
        // Still the file read: written, and no temporary file is left behind.
        std::fs::write(&path, "one").unwrap();
        assert_eq!(
            replace_if_unchanged(&path, "two", &seen).unwrap(),
            Replaced::Written
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_compare_waits_for_another_writers_lock_and_takes_a_stale_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        let lock = dir.path().join(".p.toml.lock");
        std::fs::write(&path, "one").unwrap();
        // Held by another writer, which edits the file and lets go: refused after the wait.
        std::fs::write(&lock, "").unwrap();
        let other = {
            let (path, lock) = (path.clone(), lock.clone());
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(50));
                std::fs::write(&path, "theirs").unwrap();
                std::fs::remove_file(&lock).unwrap();
            })
        };
        let err = replace_if_unchanged(&path, "two", &Seen::of(b"one")).unwrap_err();
        other.join().unwrap();
        assert!(changed_since_read(&err), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        // Left by a process killed while holding it: taken over.
        std::fs::write(&lock, "").unwrap();
        let old = std::time::SystemTime::now() - 2 * STALE_LOCK;
        std::fs::File::options()
            .write(true)
            .open(&lock)
            .unwrap()
            .set_modified(old)
            .unwrap();
        replace_if_unchanged(&path, "two", &Seen::of(b"theirs")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert!(!lock.exists());
    }

    #[test]
    fn temporary_files_are_hidden_and_named_for_their_target_and_process() {
        let pid = std::process::id();
        assert_eq!(
            temporary_prefix(Path::new("dir/p.toml")),
            format!(".p.toml.{pid}.")
        );
        let long = "é".repeat(100);
        let prefix = temporary_prefix(Path::new(&long));
        assert!(prefix.len() <= NAME_KEPT + 3 + 10, "{prefix}");
        assert!(
            prefix.starts_with(".é") && prefix.ends_with(&format!("é.{pid}.")),
            "{prefix}"
        );
    }

    #[test]
    fn a_write_removes_what_a_killed_write_left_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.txt");
        // No process has this id (above any pid_max); a live one's (ours) and other
        // names stay.
        let dead = dir.path().join(".secret.txt.2147483000.AbC123.tmp");
        let dead_folder = dir.path().join(".secret.txt.2147483001.XyZ789.tmp");
        let live = dir
            .path()
            .join(format!(".secret.txt.{}.Live01.tmp", std::process::id()));
        let others = [
            ".other.txt.2147483000.AbC123.tmp",
            ".secret.txt.AbC123.tmp",
            "secret.txt.2147483000.AbC123.tmp",
        ];
        std::fs::write(&dead, "a fresh secret").unwrap();
        std::fs::create_dir(&dead_folder).unwrap();
        std::fs::write(dead_folder.join("f"), "x").unwrap();
        std::fs::write(&live, "").unwrap();
        for other in others {
            std::fs::write(dir.path().join(other), "").unwrap();
        }
        write(&path, "new", false).unwrap();
        assert!(!dead.exists() && !dead_folder.exists());
        assert!(live.exists());
        for other in others {
            assert!(dir.path().join(other).exists(), "{other}");
        }
    }

    #[test]
    fn a_system_error_is_told_without_the_temporary_files_name() {
        /// An error as tempfile wraps it: the system's, with the temporary file's path.
        #[derive(Debug)]
        struct AtPath(io::Error);
        impl std::fmt::Display for AtPath {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{} at path \".p.toml.x.tmp\"", self.0)
            }
        }
        impl std::error::Error for AtPath {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let full = io::Error::from_raw_os_error(28);
        let wrapped = io::Error::new(full.kind(), AtPath(io::Error::from_raw_os_error(28)));
        assert!(wrapped.to_string().contains(".tmp"));
        assert_eq!(bare(&wrapped), full.to_string());
        assert_eq!(bare(&io::Error::other("plain words")), "plain words");
    }

    #[test]
    fn folders_sync_and_a_missing_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        sync_folder(dir.path()).unwrap();
        sync_folder(&dir.path().join("missing")).unwrap();
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
                    err.to_string().contains("cannot write")
                        && err.to_string().contains("p.toml in the folder"),
                    "{err}"
                );
                assert!(!err.to_string().contains(".p.toml."), "{err}");
            }
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}
