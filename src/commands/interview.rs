//! `partner-fit interview`.

use anyhow::{bail, Result};

use crate::cli::interview::InterviewArgs;
use crate::exit::ExitStatus;

pub fn run(_args: &InterviewArgs) -> Result<ExitStatus> {
    bail!("`interview` is not available yet")
}
