//! `partner-fit schema [profile|report|diff]`: the JSON Schema of a profile, of the
//! report or of a diff, each generated from the types that read or write it.

use anyhow::Result;

use super::print;
use crate::cli::authoring::{SchemaArgs, SchemaOf};
use crate::exit::ExitStatus;
use crate::profile::catalog;

pub fn schema(args: &SchemaArgs) -> Result<ExitStatus> {
    let schema = match args.of {
        SchemaOf::Profile => catalog::published_schema(),
        SchemaOf::Report => crate::assessment::report::schema(),
        SchemaOf::Diff => crate::diff::schema(),
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serialises");
    text.push('\n');
    print(&text)?;
    Ok(ExitStatus::Passed)
}
