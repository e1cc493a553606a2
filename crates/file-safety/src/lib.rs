//! Reading and writing the files a user names, safely.
//!
//! - [`read_file`] reads a regular file only (never a FIFO, a device or a folder, which
//!   could block or never end), within a size limit when the file is meant to be short.
//! - [`atomic_file`] writes through a temporary file in the same folder, renamed over the
//!   target and synced, so a reader or a crash only ever sees the old file or the complete
//!   new one; an existing file is replaced only when the caller says so.
//! - [`atomic_dir`] writes a new folder of files through a temporary folder renamed into
//!   place, so it appears complete or not at all.
//! - [`encoding`] tells UTF-16 text, with or without a byte-order mark, from UTF-8.
//!
//! Errors are `std::io::Error`s whose messages say what is wrong in words a caller can put
//! after a file's name. Nothing here knows what the files hold.

pub mod atomic_dir;
pub mod atomic_file;
pub mod encoding;
pub mod read_file;
