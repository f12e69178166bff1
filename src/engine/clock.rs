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

/// Where the wall clock stands against the monotonic clock: `wall − monotonic`.
///
/// Time passing moves both clocks together and leaves this unchanged; setting the clock
/// (by hand or an NTP step) or a sleep that stops the monotonic clock moves it. Comparing
/// two readings is how both a measurement and the idle page notice a clock change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClockSkew(f64);

impl ClockSkew {
    /// The skew of a wall and a monotonic reading taken together.
    pub fn of(wall_ms: f64, monotonic_ms: f64) -> Self {
        Self(wall_ms - monotonic_ms)
    }

    /// The skew of `clock` now.
    pub fn read(clock: &impl DeviceClock) -> Self {
        Self::of(clock.wall_ms(), clock.monotonic_ms())
    }

    /// How far the wall clock moved against the monotonic clock since `earlier`, when that
    /// is more than `threshold_ms` either way (smaller moves are timer noise or slewing).
    pub fn jump_since(self, earlier: Self, threshold_ms: f64) -> Option<f64> {
        let jump_ms = self.0 - earlier.0;
        (jump_ms.abs() > threshold_ms).then_some(jump_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_passing_is_no_jump_but_a_step_or_a_sleep_is() {
        let clock = ManualClock::starting_at(1_700_000_000_000.0);
        let before = ClockSkew::read(&clock);
        clock.advance(60_000.0);
        assert_eq!(ClockSkew::read(&clock).jump_since(before, 50.0), None);
        clock.step_wall(-960_000.0);
        assert_eq!(
            ClockSkew::read(&clock).jump_since(before, 50.0),
            Some(-960_000.0)
        );
    }

    #[test]
    fn moves_within_the_threshold_are_ignored_either_way() {
        let before = ClockSkew::of(10_000.0, 0.0);
        assert_eq!(ClockSkew::of(10_050.0, 0.0).jump_since(before, 50.0), None);
        assert_eq!(ClockSkew::of(9_950.0, 0.0).jump_since(before, 50.0), None);
        assert_eq!(
            ClockSkew::of(10_051.0, 0.0).jump_since(before, 50.0),
            Some(51.0)
        );
    }
}
