//! `partner-fit authoring` end to end.
