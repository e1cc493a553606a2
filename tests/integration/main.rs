//! End-to-end tests through the real binary, linked as one test binary so the suite builds once.

mod accounts;
mod assess;
mod authoring;
mod ci;
mod cmd;
mod docs;
mod html;
mod interview;
mod invariants;
mod pager;
mod rules;
mod widths;
