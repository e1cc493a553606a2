//! Notes and errors for the person running partner-fit go to stderr through [`note!`] and
//! [`note_part!`]. A failed write to stderr (a full disk, a closed pipe, `2>/dev/full`) has
//! nowhere to be reported, so it is dropped and the command ends with the exit status it was
//! going to have; `eprintln!` would panic instead and exit 101. The crate denies
//! `clippy::print_stderr` and `clippy::print_stdout`, so every write goes through here or
//! through a `Write` whose error is returned.

use std::io::Write;

/// Writes `args` to stderr, ignoring a failure (see the module documentation).
pub fn write_stderr(args: std::fmt::Arguments<'_>) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_fmt(args).and_then(|()| stderr.flush());
}

/// `eprintln!` that never panics: a line on stderr, dropped if stderr cannot take it.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::console::write_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that never panics: text on stderr without a line end added.
#[macro_export]
macro_rules! note_part {
    ($($arg:tt)*) => {
        $crate::console::write_stderr(format_args!($($arg)*))
    };
}
