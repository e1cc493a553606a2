//! `partner-fit assess`: profile -> rules -> evaluate -> assessment -> render -> exit status.

use anyhow::{bail, Result};

use crate::cli::AssessArgs;
use crate::exit::ExitStatus;

pub fn run(_args: &AssessArgs) -> Result<ExitStatus> {
    bail!("`assess` is not available yet")
}
