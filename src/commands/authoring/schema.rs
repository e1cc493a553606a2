//! `partner-fit schema`: the profile's JSON Schema, generated from the profile types.

use anyhow::Result;

use super::print;
use crate::cli::authoring::SchemaArgs;
use crate::exit::ExitStatus;
use crate::profile::catalog;

pub fn schema(_args: &SchemaArgs) -> Result<ExitStatus> {
    let mut text = serde_json::to_string_pretty(&catalog::published_schema())
        .expect("a JSON value serialises");
    text.push('\n');
    print(&text)?;
    Ok(ExitStatus::Passed)
}
