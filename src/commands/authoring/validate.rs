//! `partner-fit rules validate [DIR]`: the same load-and-validate `assess` and
//! `cargo test` run, always with every rule's cases, and a summary when the folder is valid. Problems come back as
//! `Diagnostics`, which `main` prints, all of them, and exits 2 for.

use anyhow::Result;

use super::print;
use crate::cli::authoring::ValidateArgs;
use crate::exit::ExitStatus;
use crate::rules::load::load_checked;
use crate::rules::validate::Depth;
use crate::rules::RuleSource;

pub fn run(args: &ValidateArgs) -> Result<ExitStatus> {
    let source = RuleSource::from_option(args.dir.as_deref());
    // The built-in rules skip their cases when `assess` loads them; here they run.
    let set = load_checked(&source, Depth::WithCases)?;
    let cases: usize = set.rules.iter().map(|r| r.cases.len()).sum();
    let which = match &source {
        RuleSource::Embedded => "the built-in rules".to_string(),
        RuleSource::Dir(dir) => format!("`{}`", dir.display()),
    };
    print(&format!(
        "ok: {which}: {} rules and the policy are valid; {cases} example cases pass\n",
        set.rules.len()
    ))?;
    Ok(ExitStatus::Passed)
}
