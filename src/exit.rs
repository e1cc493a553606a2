//! The process exit status, as promised in the JSON/exit-code contract (`shared/spec/output.md`).
//! Ordered so that several results fold into the worst one with `max`.

use std::process::ExitCode;

/// How a run ended. `Ord` follows severity, so several profiles exit with the worst status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Assessed, and every threshold given on the command line holds.
    Passed = 0,
    /// Assessed, and a threshold failed.
    ThresholdFailed = 1,
    /// Could not assess: bad command line, unreadable or invalid input, invalid rules.
    CouldNotAssess = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}
