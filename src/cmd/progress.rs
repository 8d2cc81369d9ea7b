//! The library's progress and notices on stderr ([`recoupe::progress`]):
//! a bar for a step that has run more than a second, on a terminal only;
//! nothing on a pipe or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use recoupe::progress::{Reporter, Sink};
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a step runs before its bar is shown: a quick step shows none.
const SHOWN_AFTER: Duration = Duration::from_secs(1);

/// What stderr shows.
pub struct Stderr {
    /// Bars are drawn (stderr is a terminal and `--quiet` was not given).
    bars: bool,
    /// Notices are written (no `--quiet`).
    notices: bool,
}

impl Stderr {
    /// What stderr shows, given `--quiet`.
    pub fn new(quiet: bool) -> Stderr {
        Stderr {
            bars: !quiet && std::io::stderr().is_terminal(),
            notices: !quiet,
        }
    }
}

impl Reporter for Stderr {
    fn start(&self, label: &str, total: Option<u64>) -> Box<dyn Sink> {
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden()),
            None => ProgressBar::hidden(),
        };
        let style = match total {
            Some(_) => ProgressStyle::with_template(
                "{msg} [{bar:30}] {human_pos}/{human_len} ({elapsed}, {eta} left)",
            ),
            None => ProgressStyle::with_template("{spinner} {msg} ({elapsed})"),
        };
        if let Ok(style) = style {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_string());
        let finished = Arc::new(Mutex::new(false));
        if self.bars {
            // Shown only if the step is still running after a second.
            let (bar, finished) = (bar.clone(), Arc::clone(&finished));
            std::thread::spawn(move || {
                std::thread::sleep(SHOWN_AFTER);
                let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
                if !*finished {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Box::new(Bar { bar, finished })
    }

    fn notice(&self, text: &str) {
        if self.notices {
            let _ = writeln!(std::io::stderr().lock(), "recoupe: {text}");
        }
    }
}

/// One step's bar, hidden until the step has run [`SHOWN_AFTER`].
struct Bar {
    bar: ProgressBar,
    /// Set when the step ends, so that a bar is never shown after it.
    finished: Arc<Mutex<bool>>,
}

impl Sink for Bar {
    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn finish(&self) {
        let mut finished = self.finished.lock().unwrap_or_else(|e| e.into_inner());
        *finished = true;
        self.bar.finish_and_clear();
    }
}
