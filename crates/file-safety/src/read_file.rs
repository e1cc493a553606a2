//! Reading a file the user named. Anything but a regular file (a FIFO, a socket, a device
//! such as `/dev/zero`, a folder) is refused before it is opened, since reading one could
//! block for ever or never end; and a file meant to be short (a configuration file, a
//! secret) is refused at once when it is larger than its limit, such as [`MAX_TEXT_BYTES`],
//! so work and memory stay in proportion to what such a file can sensibly hold.

use std::io::{self, Read};
use std::path::Path;

/// The limit for a text file meant to be short, such as a configuration file or a secret:
/// 512 KiB. Hand-written configuration is a few KiB, so this is generous, and it bounds
/// the memory a parser takes over such a file (a TOML parser takes about 75 times the
/// file's size).
pub const MAX_TEXT_BYTES: u64 = 512 * 1024;

/// [`MAX_TEXT_BYTES`] as the documentation writes it.
pub fn max_text_size() -> String {
    format!("{} KiB", MAX_TEXT_BYTES / 1024)
}

/// Reads the whole file at `path`, refusing a file that is not regular and, with `limit`,
/// one larger than `limit` bytes. The error says which, in words a message can carry.
pub fn read(path: &Path, limit: Option<u64>) -> io::Result<Vec<u8>> {
    check_regular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    // Checked again on what was opened: the path may have changed in between.
    let meta = file.metadata()?;
    check_regular(&meta)?;
    let mut bytes = Vec::new();
    match limit {
        Some(limit) => {
            if meta.len() > limit {
                return Err(too_large(limit));
            }
            // Room for the whole file and the byte that would show it grew, so it is read
            // in one call rather than in small probing ones. A file that grows while it is
            // read is cut at the limit, and refused.
            bytes.reserve(meta.len() as usize + 1);
            file.take(limit + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > limit {
                return Err(too_large(limit));
            }
        }
        None => {
            let mut file = file;
            bytes.reserve(meta.len() as usize);
            file.read_to_end(&mut bytes)?;
        }
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "the file is larger than {} KiB, the limit for this kind of file",
            limit / 1024
        ),
    )
}

fn check_regular(meta: &std::fs::Metadata) -> io::Result<()> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special(&kind)
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file"),
    ))
}

#[cfg(unix)]
fn special(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_devices_folders_and_files_over_the_limit() {
        #[cfg(unix)]
        {
            let err = read(Path::new("/dev/zero"), None).unwrap_err();
            assert_eq!(err.to_string(), "it is a device, not a regular file");
        }
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), Some(10)).unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
        let path = dir.path().join("f");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read(&path, Some(10)).unwrap(), b"0123456789");
        let err = read(&path, Some(9)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
    }
}
