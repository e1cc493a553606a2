//! The headings of a report's sections, written once for every format that shows them.

/// The block that opens (and, in the table, closes) a profile's report.
pub const AT_A_GLANCE: &str = "At a glance";
/// The plan's first steps, in the at-a-glance block and on the page.
pub const FIX_FIRST: &str = "Fix first";
pub const DECISION_PATH: &str = "Decision path";
pub const LABEL_CHECK: &str = "Label check";
pub const WARNINGS: &str = "Warnings and advice";
pub const MISSING: &str = "Missing answers";
/// Followed by the motion the steps are for.
pub const NEXT_STEPS_FOR: &str = "Next steps for";
/// The answers a report took from another field stating the same fact.
pub const INFERRED_TITLE: &str = "Inferred answers";
pub const TRADEOFFS_TITLE: &str = "Trade-offs by motion";
/// The list of sources that ends each report.
pub const SOURCES_TITLE: &str = "Sources";
/// The readiness gate's section; a term of art, explained where a format first shows it
/// (`super::reading`).
pub const GATE_TITLE: &str = "Co-selling readiness gate";
/// The commission-strip test's section; a term of art too.
pub const STRIP_TITLE: &str = "Commission-strip test";
