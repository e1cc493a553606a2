//! Drafts: the answers of an unfinished interview, saved after every answer so that
//! Ctrl-C, Esc, a closed terminal or a crash lose nothing. A draft is a profile with a
//! marker comment saying where the interview stopped; `--from DRAFT` resumes there.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::diagnostic::Diagnostics;
use crate::profile::{self, Profile};

/// The comment that marks a draft and names the next question.
const MARKER: &str = "# partner-fit interview draft; next question: ";

/// The header lines of a draft whose next question is `next` (if any).
pub fn header(path: &Path, next: Option<&str>) -> Vec<String> {
    let mut lines = vec![
        "Unfinished interview, saved after every answer.".to_string(),
        format!(
            "Resume with: partner-fit interview --from {}",
            path.display()
        ),
    ];
    if let Some(next) = next {
        // Written as a whole line so `resume_point` can find it; `# ` is added by the writer.
        lines.push(MARKER.trim_start_matches("# ").to_string() + next);
    }
    lines
}

/// Where a draft stopped, when `text` is a draft.
pub fn resume_point(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix(MARKER))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Whether `text` is a draft written by the interview.
pub fn is_draft(text: &str) -> bool {
    text.lines().any(|l| l.starts_with(MARKER))
}

/// What a draft's name ends with, after the profile's own name: `northwind.toml.draft`. A
/// draft never ends in `.toml`, so `assess partners/*.toml` never picks one up.
const SUFFIX: &str = ".toml.draft";

/// The name of a draft saved with no profile path to name it after.
const UNNAMED: &str = "partner-fit-draft-";

/// Picks the draft's path and claims it for this interview: next to `--out` (or the
/// `--from` profile), else a timestamped file in the current folder. An existing file is
/// never taken over, except the draft being resumed; nor is a draft another running
/// interview has claimed, so two interviews of one profile never write the same draft.
/// Resuming a draft another interview holds is refused with that interview's process id.
pub fn path_for(
    out: Option<&Path>,
    from: Option<&Path>,
    resuming: bool,
) -> Result<(PathBuf, Claim), Held> {
    if resuming {
        if let Some(from) = from {
            return Ok((from.to_path_buf(), claim(from)?));
        }
    }
    let (dir, name) = match out.or(from) {
        Some(p) => named_after(p),
        None => (PathBuf::new(), format!("{UNNAMED}{}{SUFFIX}", timestamp())),
    };
    let mut n = 1;
    loop {
        let candidate = match n {
            1 => dir.join(&name),
            n => dir.join(format!("{name}-{n}")),
        };
        n += 1;
        if candidate.exists() {
            continue;
        }
        if let Ok(claimed) = claim(&candidate) {
            return Ok((candidate, claimed));
        }
    }
}

/// A draft claimed by this interview: the lock file `DRAFT.lock` beside it, holding this
/// process's id, made with `create_new` (so of two interviews only one gets it) and removed
/// when the claim is dropped. A lock whose process is no longer running (killed, a crash)
/// is stale and taken over.
#[derive(Debug)]
pub struct Claim(Option<PathBuf>);

impl Drop for Claim {
    fn drop(&mut self) {
        if let Some(lock) = &self.0 {
            let _ = std::fs::remove_file(lock);
        }
    }
}

/// A draft another running interview has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub draft: PathBuf,
    pub lock: PathBuf,
    pub pid: u32,
}

impl std::fmt::Display for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the draft {} is in use by another interview (process {})\nhelp: go on in that interview, or stop it first; if it is no longer running, remove {}",
            self.draft.display(),
            self.pid,
            self.lock.display()
        )
    }
}

impl std::error::Error for Held {}

/// The lock file of `draft`.
pub fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Claims `draft` for this process. A folder where no lock can be made (missing,
/// read-only) gives a claim of nothing: the draft itself then falls back elsewhere.
pub fn claim(draft: &Path) -> Result<Claim, Held> {
    use std::io::Write;
    let lock = lock_path(draft);
    // Twice: a stale lock is removed once, then made anew.
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(mut file) => {
                let _ = write!(file, "{}", std::process::id());
                return Ok(Claim(Some(lock)));
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                let pid = std::fs::read_to_string(&lock)
                    .ok()
                    .and_then(|t| t.trim().parse::<u32>().ok());
                match pid {
                    Some(pid) if running(pid) => {
                        return Err(Held {
                            draft: draft.to_path_buf(),
                            lock,
                            pid,
                        })
                    }
                    // Stale, or not yet written by a process creating it this instant:
                    // the pid is written at once, so an empty lock is only ever stale.
                    _ => {
                        let _ = std::fs::remove_file(&lock);
                    }
                }
            }
            Err(_) => return Ok(Claim(None)),
        }
    }
    Ok(Claim(None))
}

/// Whether a process `pid` is running. Where that cannot be told (no `/proc`), it is
/// taken to be, so a lock is never taken from a live interview; the message says how to
/// remove it.
fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// The folder and name of the draft of the profile `p`: `northwind.toml.draft` beside it.
fn named_after(p: &Path) -> (PathBuf, String) {
    (
        p.parent().map(Path::to_path_buf).unwrap_or_default(),
        format!(
            "{}{SUFFIX}",
            p.file_stem().unwrap_or_default().to_string_lossy()
        ),
    )
}

/// The drafts earlier interviews saving to `out` left behind (`northwind.toml.draft`,
/// and the `-2`, `-3`... that interviews started afresh beside one), newest first, so
/// that running the same command again can offer to resume instead of starting a
/// second draft.
pub fn left_for(out: &Path) -> Vec<PathBuf> {
    let (dir, name) = named_after(out);
    let numbered = format!("{name}-");
    let is_ours = |file: &str| {
        file == name
            || file
                .strip_prefix(&numbered)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let folder = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir.as_path()
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| is_ours(&e.file_name().to_string_lossy()))
        .map(|e| dir.join(e.file_name()))
        .filter(|p| read_text(p).is_some_and(|t| is_draft(&t)))
        .map(|p| {
            let modified = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(UNIX_EPOCH);
            (modified, p)
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, p)| p).collect()
}

/// `<dir>/<name>`, or with a `-2`, `-3`... suffix when that file exists.
fn unique(dir: &Path, name: &str) -> PathBuf {
    let mut candidate = dir.join(name);
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{name}-{n}"));
        n += 1;
    }
    candidate
}

/// Where the draft `path` goes when its own folder cannot be written (a missing or
/// read-only folder): the current folder, under the same name; an existing file is never
/// taken over. After that comes [`save_in_temporary`].
pub fn fallbacks(path: &Path) -> Vec<PathBuf> {
    let own = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::new(),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    [PathBuf::new()]
        .into_iter()
        .filter(|dir| *dir != own)
        .map(|dir| unique(&dir, &name))
        .collect()
}

/// The last place for a draft: a new folder of the system's temporary folder that only
/// the user can enter (mode 0700), holding the draft only the user can read (0600). The
/// temporary folder is shared by every user of the machine, and a draft holds a
/// partnership's answers. Returns where the draft was written.
pub fn save_in_temporary(path: &Path, text: &str) -> std::io::Result<PathBuf> {
    let name = path.file_name().unwrap_or_default();
    let mut builder = tempfile::Builder::new();
    builder.prefix("partner-fit-draft-");
    // Created with its final mode, so it is never open to others, even for a moment.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    // Kept, since the draft must outlive the interview.
    let folder = builder.tempdir()?.keep();
    let draft = folder.join(name);
    file_safety::atomic_file::write_private(&draft, text, false)?;
    Ok(draft)
}

/// The profile a `--from` file is saved back to: the file itself, or for a draft named
/// `<name>.toml.draft` (or `<name>.toml.draft-2`), `<name>.toml`. Drafts saved by older
/// versions, `<name>.draft.toml` (or `<name>.draft-2.toml`), are saved to `<name>.toml` too.
pub fn profile_path_for(from: &Path) -> PathBuf {
    let is_draft = read_text(from).is_some_and(|t| is_draft(&t));
    if !is_draft {
        return from.to_path_buf();
    }
    let name = from.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.split_once(".draft").map_or(&*name, |(stem, _)| stem);
    let stem = stem.strip_suffix(".toml").unwrap_or(stem);
    if stem.is_empty() || stem.starts_with(UNNAMED) {
        from.with_file_name("partner-profile.toml")
    } else {
        from.with_file_name(format!("{stem}.toml"))
    }
}

/// Loads the `--from` profile through the profile loader, with the same diagnostics. A
/// draft may lack the names a finished profile requires (the interview was stopped before
/// they were given); it is accepted, since the interview asks for them.
pub fn load_from(path: &Path) -> Result<(Profile, Option<String>), Diagnostics> {
    match profile::load(path) {
        Ok(p) => {
            let text = read_text(path).unwrap_or_default();
            Ok((p, resume_point(&text).map(str::to_string)))
        }
        Err(diagnostic) => {
            let text = read_text(path).ok_or_else(|| diagnostic.clone())?;
            if !is_draft(&text) {
                return Err(diagnostic);
            }
            let lacks_names = |p: &Profile| {
                p.vendor.name.as_deref().is_none_or(|n| n.trim().is_empty())
                    || p.partner
                        .name
                        .as_deref()
                        .is_none_or(|n| n.trim().is_empty())
            };
            match toml::from_str::<Profile>(&text) {
                Ok(p) if lacks_names(&p) => Ok((p, resume_point(&text).map(str::to_string))),
                _ => Err(diagnostic),
            }
        }
    }
}

/// `20240131-142501` in UTC, for draft names that sort by time.
fn timestamp() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = crate::calendar::civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The text of a `--from` file, read as the profile loader reads files: never a FIFO or
/// device (which would block), never more than the profile size limit.
pub fn read_text(path: &Path) -> Option<String> {
    let bytes = crate::read_file::read(path, Some(crate::read_file::MAX_TEXT_BYTES)).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(crate::calendar::civil_from_days(0), (1970, 1, 1));
        assert_eq!(crate::calendar::civil_from_days(19_753), (2024, 1, 31));
        assert_eq!(crate::calendar::civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn the_marker_round_trips_through_the_profile_writer() {
        let header = header(Path::new("d.toml"), Some("market.icp_overlap_pct"));
        let text = crate::interview::profile_text::render(
            &Default::default(),
            crate::profile::catalog::fields(),
            &header,
        );
        assert!(is_draft(&text));
        assert_eq!(resume_point(&text), Some("market.icp_overlap_pct"));
    }

    #[test]
    fn a_draft_is_never_matched_by_a_toml_glob() {
        let out = Path::new("partners/northwind.toml");
        let draft = path_for(Some(out), None, false).unwrap().0;
        assert_eq!(draft, Path::new("partners/northwind.toml.draft"));
        let unnamed = path_for(None, None, false).unwrap().0;
        for d in [draft, unnamed] {
            assert_ne!(d.extension().unwrap(), "toml", "{}", d.display());
        }
    }

    #[test]
    fn a_draft_never_takes_over_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("acme.toml");
        let first = path_for(Some(&out), None, false).unwrap().0;
        assert_eq!(first, dir.path().join("acme.toml.draft"));
        std::fs::write(&first, "x").unwrap();
        assert_eq!(
            path_for(Some(&out), None, false).unwrap().0,
            dir.path().join("acme.toml.draft-2")
        );
        assert_eq!(path_for(None, Some(&first), true).unwrap().0, first);
    }

    #[test]
    fn a_draft_is_claimed_by_one_interview_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("acme.toml");
        let (first, claim) = path_for(Some(&out), None, false).unwrap();
        assert_eq!(first, dir.path().join("acme.toml.draft"));
        assert!(lock_path(&first).exists());
        // A second interview, before the first has written its draft, takes another name.
        let (second, _other) = path_for(Some(&out), None, false).unwrap();
        assert_eq!(second, dir.path().join("acme.toml.draft-2"));
        // Resuming a draft that is held is refused, naming the holder.
        std::fs::write(&first, "x").unwrap();
        let held = path_for(None, Some(&first), true).unwrap_err();
        assert_eq!(held.pid, std::process::id());
        assert!(held.to_string().contains("in use by another interview"));
        // Released when the claim ends.
        drop(claim);
        assert!(!lock_path(&first).exists());
        assert_eq!(path_for(None, Some(&first), true).unwrap().0, first);
        // A lock left by a process that is gone (or never written) is taken over.
        std::fs::write(lock_path(&first), "").unwrap();
        assert!(path_for(None, Some(&first), true).is_ok());
        if Path::new("/proc/self").exists() {
            std::fs::write(lock_path(&first), format!("{}", u32::MAX)).unwrap();
            assert!(path_for(None, Some(&first), true).is_ok());
        }
    }

    #[test]
    fn the_drafts_left_for_an_out_file_are_found_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("acme.toml");
        assert!(left_for(&out).is_empty());
        let draft = format!("{MARKER}vendor.partner\n");
        let first = dir.path().join("acme.toml.draft");
        std::fs::write(&first, &draft).unwrap();
        let second = dir.path().join("acme.toml.draft-2");
        std::fs::write(&second, &draft).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&first)
            .unwrap()
            .set_modified(old)
            .unwrap();
        // Not ours: another profile's draft, a file that is no draft, a stray suffix.
        std::fs::write(dir.path().join("beta.toml.draft"), &draft).unwrap();
        std::fs::write(dir.path().join("acme.toml.draft-3"), "[vendor]\n").unwrap();
        std::fs::write(dir.path().join("acme.toml.draft-x"), &draft).unwrap();
        assert_eq!(left_for(&out), vec![second, first]);
    }

    #[test]
    fn a_draft_falls_back_to_the_current_then_the_temporary_folder() {
        let elsewhere = fallbacks(Path::new("missing/acme.toml.draft"));
        assert_eq!(elsewhere, vec![PathBuf::from("acme.toml.draft")]);
        // A draft already in the current folder only has the temporary folder left.
        assert!(fallbacks(Path::new("acme.toml.draft")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_draft_in_the_temporary_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let saved = save_in_temporary(Path::new("missing/acme.toml.draft"), "[vendor]\n").unwrap();
        let folder = saved.parent().unwrap().to_path_buf();
        assert_eq!(folder.parent(), Some(&*std::env::temp_dir()));
        assert_eq!(saved.file_name().unwrap(), "acme.toml.draft");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&folder), mode(&saved)), (0o700, 0o600));
        assert_eq!(std::fs::read_to_string(&saved).unwrap(), "[vendor]\n");
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn a_resumed_draft_is_saved_under_its_profile_name() {
        let dir = tempfile::tempdir().unwrap();
        // Drafts as named now, and as older versions named them.
        for name in [
            "acme.toml.draft",
            "acme.toml.draft-2",
            "acme.draft.toml",
            "acme.draft-2.toml",
        ] {
            let draft = dir.path().join(name);
            std::fs::write(&draft, format!("{MARKER}vendor.name\n")).unwrap();
            assert_eq!(
                profile_path_for(&draft),
                dir.path().join("acme.toml"),
                "{name}"
            );
        }
        let unnamed = dir.path().join(format!("{UNNAMED}20240131-142501{SUFFIX}"));
        std::fs::write(&unnamed, format!("{MARKER}vendor.name\n")).unwrap();
        assert_eq!(
            profile_path_for(&unnamed),
            dir.path().join("partner-profile.toml")
        );
        let plain = dir.path().join("acme.toml");
        std::fs::write(&plain, "").unwrap();
        assert_eq!(profile_path_for(&plain), plain);
    }

    #[test]
    fn a_draft_without_names_can_be_resumed_but_a_profile_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("d.toml");
        let header = header(&draft, Some("vendor.name"));
        std::fs::write(
            &draft,
            crate::interview::profile_text::render(
                &Default::default(),
                crate::profile::catalog::fields(),
                &header,
            ),
        )
        .unwrap();
        let (_, next) = load_from(&draft).unwrap();
        assert_eq!(next.as_deref(), Some("vendor.name"));
        let plain = dir.path().join("p.toml");
        std::fs::write(&plain, "[vendor]\nname = \"V\"\n").unwrap();
        assert_eq!(
            load_from(&plain).unwrap_err().0[0].message,
            "missing `partner.name`"
        );
    }
}
