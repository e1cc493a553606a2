//! What a page handed to a client adds to an assessment: the day it was prepared and who
//! prepared it. Set by the command that knows them (`assess`, the interview); never part
//! of the JSON contract, which stays the same whatever the day.

/// The day and author of a hand-over page.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    /// `--prepared-by`, when given.
    pub prepared_by: Option<String>,
}
