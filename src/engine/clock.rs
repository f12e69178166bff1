//! The device's two clocks, behind a trait so measurement code can run with a fake one.

use std::cell::Cell;

/// The clocks of the device being checked.
///
/// The wall clock is the one under test (it is what signs requests); the monotonic clock
/// only measures intervals. In the browser they are `Date.now()` and `performance.now()`:
/// the monotonic clock stops while iOS/macOS sleeps, so it must never stand in for the
/// wall clock.
pub trait DeviceClock {
    /// Wall-clock time in milliseconds since the Unix epoch, as the device believes it.
    fn wall_ms(&self) -> f64;
    /// Milliseconds since an arbitrary origin, never stepped or slewed by the user.
    fn monotonic_ms(&self) -> f64;
}

/// A hand-driven clock for tests and simulations.
///
/// `advance` moves both clocks together, as real time passing does; `step_wall` changes
/// only the wall clock, as a user or NTP step does.
#[derive(Debug, Default)]
pub struct ManualClock {
    wall_ms: Cell<f64>,
    monotonic_ms: Cell<f64>,
}

impl ManualClock {
    /// A clock whose wall time starts at `wall_ms` and monotonic time at zero.
    pub fn starting_at(wall_ms: f64) -> Self {
        Self {
            wall_ms: Cell::new(wall_ms),
            monotonic_ms: Cell::new(0.0),
        }
    }

    /// Lets `ms` of real time pass.
    pub fn advance(&self, ms: f64) {
        self.wall_ms.set(self.wall_ms.get() + ms);
        self.monotonic_ms.set(self.monotonic_ms.get() + ms);
    }

    /// Steps the wall clock by `ms` (negative = backwards) without time passing.
    pub fn step_wall(&self, ms: f64) {
        self.wall_ms.set(self.wall_ms.get() + ms);
    }
}

impl DeviceClock for ManualClock {
    fn wall_ms(&self) -> f64 {
        self.wall_ms.get()
    }

    fn monotonic_ms(&self) -> f64 {
        self.monotonic_ms.get()
    }
}
