//! `partner-fit assess` end to end.
