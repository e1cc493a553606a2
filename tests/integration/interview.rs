//! `partner-fit interview` end to end.
