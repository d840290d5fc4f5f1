//! Progress of a long step (indexing, fetching) on stderr: one line saying what is being
//! done and for how long, redrawn in place, cleared when the step ends.
//!
//! Only on a terminal: piped or redirected stderr, a log, `TERM=dumb` get nothing, and a
//! caller that prints JSON does not ask for it. A line and a clock need no progress-bar
//! library; the steps report no fraction done that a bar could show.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the line is redrawn, and how long a step runs before it is shown at all (a
/// quick step should not flash a line).
const TICK: Duration = Duration::from_millis(250);
const DELAY: Duration = Duration::from_millis(500);

/// A step being shown; dropping it clears the line.
pub struct Progress {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// True when progress may be drawn on stderr.
pub fn enabled() -> bool {
    std::io::stderr().is_terminal() && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

impl Progress {
    /// Starts showing `what` (when [`enabled`]); `None` shows nothing.
    pub fn start(what: impl Into<String>) -> Progress {
        if !enabled() {
            return Progress::none();
        }
        let what = crate::terminal::line(&what.into()).into_owned();
        let (tx, rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut shown = false;
            // Runs until the step ends (a message, or the sender dropped).
            while let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(TICK) {
                let elapsed = started.elapsed();
                if elapsed < DELAY {
                    continue;
                }
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2Kguidegraph: {what}… {}s", elapsed.as_secs());
                let _ = err.flush();
                shown = true;
            }
            if shown {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
            }
        });
        Progress {
            stop: Some(tx),
            thread: Some(thread),
        }
    }

    /// Shows nothing (for JSON output, or a caller that knows better).
    pub fn none() -> Progress {
        Progress {
            stop: None,
            thread: None,
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
