//! `partner-fit rules list`: rule set -> rows -> table or JSON.

use anyhow::{bail, Result};

use super::print;
use crate::cli::authoring::{ListArgs, ListFormat};
use crate::commands::output;
use crate::commands::settings::Settings;
use crate::exit::ExitStatus;
use crate::render::rules::{self as view, Row};
use crate::rules;
use crate::rules::model::Kind;
use crate::suggest;

pub fn run(args: &ListArgs) -> Result<ExitStatus> {
    let settings = Settings::resolve(args.rules.dir.as_deref(), args.rules.no_config)?;
    let set = rules::load(&settings.rules)?;
    // The list itself never names its rules; a folder the configuration chose is said.
    settings.note_config(args.rules.dir.is_some(), &Default::default());
    if let Some(family) = &args.family {
        let known: Vec<&str> = Kind::families().iter().map(|(f, _)| *f).collect();
        if !known.contains(&family.as_str()) {
            match suggest::nearest(family, known.iter().copied()) {
                Some(near) => bail!("no rule family `{family}`; did you mean `{near}`?"),
                None => bail!("no rule family `{family}`; families: {}", known.join(", ")),
            }
        }
    }
    let rows: Vec<Row> = set
        .rules
        .iter()
        .filter(|r| args.family.as_deref().is_none_or(|f| r.family() == f))
        .map(|r| Row::from_rule(r, &set.policy.motions))
        .collect();
    let text = match args.format {
        ListFormat::Table => view::list_table(&rows, output::stdout_style(args.color)),
        ListFormat::Json => view::list_json(&rows),
    };
    print(&text)?;
    Ok(ExitStatus::Passed)
}
