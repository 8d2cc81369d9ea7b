//! What the library tells about its own work while it runs: how far a long
//! step has gone (building the index of a million claims takes a while)
//! and notices that are not errors (a cache that failed its checks and was
//! rebuilt from the YAML).
//!
//! The library never draws or prints: the binary installs one [`Reporter`]
//! at start (a progress bar on a terminal, nothing on a pipe or with
//! `--quiet`), and the library's steps report to it. A global rather than
//! a parameter, because the steps that take long (opening caches) sit
//! under calls that have nothing else to do with the terminal, as a
//! logger does. Without a reporter (a library user, a test) nothing is
//! told, and a step costs one look at an unset cell.

use std::sync::OnceLock;

/// Where the library's progress and notices go.
pub trait Reporter: Send + Sync {
    /// A long step begins: `label` says what it does, `total` how many
    /// units it will count (`None` when it cannot say).
    fn start(&self, label: &str, total: Option<u64>) -> Box<dyn Sink>;
    /// One line that is worth knowing but is not an error.
    fn notice(&self, text: &str);
}

/// One step's progress, as the reporter shows it.
pub trait Sink: Send + Sync {
    /// `n` more units are done.
    fn advance(&self, n: u64);
    /// The step is over (also when it failed).
    fn finish(&self);
}

static REPORTER: OnceLock<Box<dyn Reporter>> = OnceLock::new();

/// Installs the process's reporter; only the first call counts. Returns
/// whether this one did.
pub fn install(reporter: Box<dyn Reporter>) -> bool {
    REPORTER.set(reporter).is_ok()
}

/// A step in progress; finished when dropped.
pub struct Task(Option<Box<dyn Sink>>);

impl Task {
    /// A step that reports to no one (a part of a step that is counted
    /// elsewhere).
    pub fn none() -> Task {
        Task(None)
    }

    /// `n` more units are done.
    pub fn advance(&self, n: u64) {
        if let Some(sink) = &self.0 {
            sink.advance(n);
        }
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        if let Some(sink) = &self.0 {
            sink.finish();
        }
    }
}

/// Starts a step (see [`Reporter::start`]).
pub fn start(label: &str, total: Option<u64>) -> Task {
    Task(REPORTER.get().map(|r| r.start(label, total)))
}

/// Tells a notice (see [`Reporter::notice`]).
pub fn notice(text: &str) {
    if let Some(reporter) = REPORTER.get() {
        reporter.notice(text);
    }
}
