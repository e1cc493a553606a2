//! End-to-end tests through the real binary, linked as one test binary so the suite builds once.

mod accounts;
mod assess;
mod authoring;
mod ci;
mod cmd;
mod config;
mod diff;
mod docs;
mod interview;
mod invariants;
mod rules;
mod story;
