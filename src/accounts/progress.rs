//! A progress bar over the bytes of the inputs, drawn on stderr only when stderr is a
//! terminal, so pipes, CI logs and tests never see it. Reading threads share one bar.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar, or nothing when nobody is watching.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// No bar: for tests and small work.
    pub fn hidden() -> Self {
        Progress { bar: None }
    }

    /// A bar over `total` bytes, if stderr is a terminal.
    pub fn over_bytes(total: u64, message: &'static str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        // The template is a literal checked by the test below, so this cannot fail at run time.
        let style = ProgressStyle::with_template(TEMPLATE).expect("progress template is valid");
        bar.set_style(style);
        bar.set_message(message);
        Progress { bar: Some(bar) }
    }

    pub fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    /// Removes the bar, so that the report starts on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// An error ends the work early: the bar must not stay on screen above the message.
impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

const TEMPLATE: &str = "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})";

#[cfg(test)]
mod tests {
    #[test]
    fn template_is_valid() {
        assert!(indicatif::ProgressStyle::with_template(super::TEMPLATE).is_ok());
    }
}
