//! `partner-fit accounts ...` end to end.
