//! The device's side of one request: both clocks read around it, and how far they may
//! disagree before the wall clock counts as changed.

use crate::clock::DeviceClock;

/// Beyond this disagreement between wall-clock and monotonic elapsed time, the wall clock
/// was changed (or the device slept) during the request and the sample is void.
pub const CLOCK_JUMP_THRESHOLD_MS: f64 = 50.0;

/// The jump threshold on timers rounded to `granularity_ms`: each of the two readings
/// compared may be off by a step.
pub fn clock_jump_threshold_ms(granularity_ms: f64) -> f64 {
    CLOCK_JUMP_THRESHOLD_MS + 2.0 * granularity_ms.max(WALL_CLOCK_RESOLUTION_MS)
}

/// `Date.now()` is an integer: the device's true reading lies up to 1 ms above it.
pub(super) const WALL_CLOCK_RESOLUTION_MS: f64 = 1.0;

/// The device-side timestamps of one request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Wall clock just before the request was sent (`t0`).
    pub wall_sent_ms: f64,
    /// Wall clock just after the response headers arrived (`t3`).
    pub wall_received_ms: f64,
    /// Monotonic clock just before the request was sent.
    pub monotonic_sent_ms: f64,
    /// Round trip measured on the monotonic clock.
    pub round_trip_ms: f64,
    /// The step both clocks were rounded to (1 ms normally, 100 ms in Tor Browser).
    pub granularity_ms: f64,
}

/// Timestamps taken when a request starts; [`Stopwatch::stop`] completes them.
#[derive(Clone, Copy, Debug)]
pub struct Stopwatch {
    wall_sent_ms: f64,
    monotonic_sent_ms: f64,
}

impl Stopwatch {
    /// Reads both clocks; call immediately before sending.
    pub fn start(clock: &impl DeviceClock) -> Self {
        Self {
            wall_sent_ms: clock.wall_ms(),
            monotonic_sent_ms: clock.monotonic_ms(),
        }
    }

    /// Reads both clocks again; call as soon as the response headers are in.
    pub fn stop(self, clock: &impl DeviceClock) -> Timing {
        let monotonic_received_ms = clock.monotonic_ms();
        Timing {
            wall_sent_ms: self.wall_sent_ms,
            wall_received_ms: clock.wall_ms(),
            monotonic_sent_ms: self.monotonic_sent_ms,
            round_trip_ms: monotonic_received_ms - self.monotonic_sent_ms,
            granularity_ms: clock.timer_granularity_ms(),
        }
    }
}
