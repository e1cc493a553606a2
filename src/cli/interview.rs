//! Arguments of `partner-fit interview`.

use std::path::PathBuf;

use clap::Args;

/// Interview the user and build a profile.
#[derive(Debug, Args)]
pub struct InterviewArgs {
    /// Where to save the profile.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}
