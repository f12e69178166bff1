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
    /// The step both clocks are rounded to: 1 ms normally, 100 ms under Tor Browser's or
    /// Firefox's resistFingerprinting.
    fn timer_granularity_ms(&self) -> f64 {
        1.0
    }
}

/// Coarse timer steps a browser may round its clocks to, coarsest first; each divides the
/// ones before it.
pub const COARSE_TIMER_STEPS_MS: [f64; 5] = [100.0, 50.0, 20.0, 10.0, 5.0];

/// Tells a timer's step from its readings: the coarsest of [`COARSE_TIMER_STEPS_MS`] that
/// every reading is a multiple of, once there are enough readings to be sure (the odds
/// that eight readings of a fine timer all fall on 5 ms steps are 1 in 400 000); else 1 ms.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TimerStep {
    /// Index of the coarsest step all readings so far fit.
    candidate: usize,
    readings: u32,
}

impl TimerStep {
    /// Readings needed before a coarse step is believed.
    const ENOUGH: u32 = 8;

    /// Takes one more reading into account.
    #[must_use]
    pub fn with(mut self, reading_ms: f64) -> Self {
        let fits = |step: f64| (reading_ms / step - (reading_ms / step).round()).abs() < 1e-6;
        while self.candidate < COARSE_TIMER_STEPS_MS.len()
            && !fits(COARSE_TIMER_STEPS_MS[self.candidate])
        {
            self.candidate += 1;
        }
        self.readings = self.readings.saturating_add(1);
        self
    }

    /// The step the readings so far show.
    pub fn granularity_ms(&self) -> f64 {
        match COARSE_TIMER_STEPS_MS.get(self.candidate) {
            Some(step) if self.readings >= Self::ENOUGH => *step,
            _ => 1.0,
        }
    }
}

/// A hand-driven clock for tests and simulations.
///
/// `advance` moves both clocks together, as real time passing does; `step_wall` changes
/// only the wall clock, as a user or NTP step does.
#[derive(Clone, Debug, Default)]
pub struct ManualClock {
    wall_ms: Cell<f64>,
    monotonic_ms: Cell<f64>,
    /// The step readings are rounded down to (none when zero).
    granularity_ms: Cell<f64>,
}

impl ManualClock {
    /// A clock whose wall time starts at `wall_ms` and monotonic time at zero.
    pub fn starting_at(wall_ms: f64) -> Self {
        Self {
            wall_ms: Cell::new(wall_ms),
            monotonic_ms: Cell::new(0.0),
            granularity_ms: Cell::new(0.0),
        }
    }

    /// Rounds every reading down to `ms`, as Tor Browser does with 100 ms.
    pub fn coarsen(&self, ms: f64) {
        self.granularity_ms.set(ms);
    }

    fn read(&self, ms: f64) -> f64 {
        let step = self.granularity_ms.get();
        if step > 0.0 {
            (ms / step).floor() * step
        } else {
            ms
        }
    }

    /// The monotonic clock, unrounded: what a simulation schedules its events on.
    pub fn exact_monotonic_ms(&self) -> f64 {
        self.monotonic_ms.get()
    }

    /// The wall clock minus the monotonic clock, unrounded: it changes only when the wall
    /// clock is stepped.
    pub fn exact_skew_ms(&self) -> f64 {
        self.wall_ms.get() - self.monotonic_ms.get()
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
        self.read(self.wall_ms.get())
    }

    fn monotonic_ms(&self) -> f64 {
        self.read(self.monotonic_ms.get())
    }

    fn timer_granularity_ms(&self) -> f64 {
        self.granularity_ms.get().max(1.0)
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
mod tests;
