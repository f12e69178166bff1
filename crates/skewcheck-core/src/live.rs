//! The live page's decisions, apart from the browser: which measurement is current, when to
//! measure again, when the clock changed while the page sat idle, and the drift history.
//!
//! The page feeds a [`LiveMonitor`] its ticks, visibility changes and finished measurements,
//! and starts a measurement whenever the monitor gives a [`Reason`]; it renders and decides
//! nothing else. Every decision here runs in native tests with a
//! [`ManualClock`](super::clock::ManualClock).

use crate::clock::ClockSkew;
use crate::drift::{Drift, DriftPoint, estimate_drift};
use crate::measure::Notice;
pub use crate::measure::{ChangeSeen, RunOutcome};

/// While the page stays open and visible, measure again this often (live mode).
pub const LIVE_RECHECK_MS: f64 = 120_000.0;

/// A change of wall-minus-monotonic time beyond this while idle means the clock was set or
/// the device slept. Generous, so coarse timers (Firefox's fingerprinting protection rounds
/// to 100 ms) never trigger it.
pub const IDLE_JUMP_THRESHOLD_MS: f64 = 1_000.0;

/// Why a measurement starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// Page load, "Check again", or the page becoming visible: show progress.
    Fresh,
    /// The clock changed while the page was idle: show progress with a notice.
    ClockChanged {
        /// How far the wall clock moved against the monotonic clock (ms).
        jump_ms: f64,
    },
    /// Live mode: keep the last result on screen until the new one is in.
    Live,
}

impl Reason {
    /// What to tell the user while this measurement runs.
    pub fn notice(&self) -> Option<Notice> {
        match *self {
            Self::ClockChanged { jump_ms } => Some(Notice::ClockChanged {
                jump_ms,
                seen: ChangeSeen::WhileIdle,
            }),
            Self::Fresh | Self::Live => None,
        }
    }

    /// Whether the page shows progress from the start (it does not in live mode, where the
    /// last result stays until the new one replaces it).
    pub fn shows_progress(&self) -> bool {
        !matches!(self, Self::Live)
    }
}

/// Names one started measurement; a superseded one's reports are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunTicket {
    number: u64,
    shows_progress: bool,
}

/// The live page's state: the current measurement, the clock watch and the drift history.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveMonitor {
    opened_ms: f64,
    runs_started: u64,
    running: Option<RunTicket>,
    last_skew: ClockSkew,
    last_finished_ms: f64,
    first_verdict_ms: Option<f64>,
    history: Vec<DriftPoint>,
    drift: Option<Drift>,
}

impl LiveMonitor {
    /// A monitor for a page opened when the device clocks read `wall_ms` and `monotonic_ms`.
    pub fn new(wall_ms: f64, monotonic_ms: f64) -> Self {
        Self {
            opened_ms: monotonic_ms,
            runs_started: 0,
            running: None,
            last_skew: ClockSkew::of(wall_ms, monotonic_ms),
            last_finished_ms: monotonic_ms,
            first_verdict_ms: None,
            history: Vec::new(),
            drift: None,
        }
    }

    /// A tick of the page's timer: whether to measure now. A clock change is noticed even
    /// during a measurement (the new one supersedes it); live mode waits until nothing runs
    /// and the page is on screen.
    pub fn on_tick(&mut self, wall_ms: f64, monotonic_ms: f64, visible: bool) -> Option<Reason> {
        let skew = ClockSkew::of(wall_ms, monotonic_ms);
        let jump = skew.jump_since(self.last_skew, IDLE_JUMP_THRESHOLD_MS);
        self.last_skew = skew;
        if let Some(jump_ms) = jump {
            return Some(Reason::ClockChanged { jump_ms });
        }
        let due = monotonic_ms - self.last_finished_ms >= LIVE_RECHECK_MS;
        (due && visible && !self.is_running()).then_some(Reason::Live)
    }

    /// The page became visible again: the clock may have changed while nobody watched.
    pub fn on_visible(&self) -> Option<Reason> {
        (!self.is_running()).then_some(Reason::Fresh)
    }

    /// A measurement starts for `reason`; it supersedes any that is still running.
    pub fn start(&mut self, reason: Reason) -> RunTicket {
        self.runs_started += 1;
        let ticket = RunTicket {
            number: self.runs_started,
            shows_progress: reason.shows_progress(),
        };
        self.running = Some(ticket);
        if matches!(reason, Reason::ClockChanged { .. }) {
            // Results from before the change describe another clock.
            self.history.clear();
            self.drift = None;
        }
        ticket
    }

    /// Whether `ticket` is the measurement running now.
    pub fn is_current(&self, ticket: RunTicket) -> bool {
        self.running == Some(ticket)
    }

    /// Whether a report from `ticket` goes on screen: only the current measurement's, and in
    /// live mode not its plain progress (`is_plain_progress`: no verdict and no notice yet).
    pub fn shows(&self, ticket: RunTicket, is_plain_progress: bool) -> bool {
        self.is_current(ticket) && (ticket.shows_progress || !is_plain_progress)
    }

    /// A verdict is on screen at `monotonic_ms`: milliseconds since the page opened, the
    /// first time only.
    pub fn first_verdict(&mut self, monotonic_ms: f64) -> Option<f64> {
        if self.first_verdict_ms.is_some() {
            return None;
        }
        self.first_verdict_ms = Some(monotonic_ms - self.opened_ms);
        self.first_verdict_ms
    }

    /// The measurement `ticket` ended at `monotonic_ms`. Returns whether it was current
    /// (a superseded one changes nothing); a result joins the drift history.
    pub fn on_finished(
        &mut self,
        ticket: RunTicket,
        monotonic_ms: f64,
        outcome: RunOutcome,
    ) -> bool {
        if !self.is_current(ticket) {
            return false;
        }
        self.running = None;
        self.last_finished_ms = monotonic_ms;
        if outcome.clock_changed {
            self.history.clear();
        }
        if let Some(interval) = outcome.interval {
            self.history.push(DriftPoint {
                at_ms: monotonic_ms,
                interval,
            });
            self.drift = estimate_drift(&self.history);
        }
        true
    }

    /// Whether a measurement is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The clock's drift, once the history allows one.
    pub fn drift(&self) -> Option<Drift> {
        self.drift
    }
}

#[cfg(test)]
mod tests;
