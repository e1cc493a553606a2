//! End-to-end tests through the real binary, linked as one test binary so the suite builds once.

mod accounts;
mod assess;
mod authoring;
mod ci;
mod cmd;
mod config;
mod diff;
mod docs;
mod files;
mod fuzz;
mod hostile;
mod html;
mod interview;
mod invariants;
mod limits;
mod links;
mod pager;
mod plan;
mod process;
mod program;
mod rules;
mod secrets;
mod story;
mod widths;
mod writes;
