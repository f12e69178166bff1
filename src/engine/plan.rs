//! Sample collection, kept apart from estimation (as chrony and ntpd-rs do).
//!
//! The [`Collector`] is sans-IO: the browser shell asks it for the next [`Step`], performs
//! the request, and reports the sample or failure back. All decisions — how many samples,
//! how far apart, when to give up, when to start over — live here and run in native tests.

use super::estimate::{Estimate, EstimateError, estimate};
use super::sample::{Sample, SampleFault};

/// How a measurement is paced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Good samples to collect before estimating.
    pub samples_wanted: usize,
    /// Pause between requests. About a fifth of a second spreads five `Date`-header
    /// samples over every phase of the server's second, so some straddle a tick.
    pub spacing_ms: u32,
    /// Failed requests tolerated before giving up.
    pub max_failures: usize,
    /// Times the measurement may start over after the device clock changed.
    pub max_restarts: usize,
}

/// The plan the page uses: 5 samples over about a second, so at most 5 + 3 requests
/// (plus 5 more per restart after a clock change).
pub const DEFAULT_PLAN: Plan = Plan {
    samples_wanted: 5,
    spacing_ms: 220,
    max_failures: 3,
    max_restarts: 2,
};

/// What the shell should do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Wait `delay_ms`, then take a sample.
    Request {
        /// Milliseconds to wait first.
        delay_ms: u32,
    },
    /// Stop and call [`Collector::finish`].
    Finish,
}

/// What happened to a recorded sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Recorded {
    /// Kept.
    Kept,
    /// The device clock changed during the request: every sample so far was discarded and
    /// the measurement starts over.
    ClockChanged {
        /// Wall-clock minus monotonic elapsed time during the request.
        jump_ms: f64,
    },
    /// The device reported nonsense timing; the sample was dropped.
    Dropped,
}

/// Collects samples according to a [`Plan`]. `E` is the shell's request error type.
#[derive(Debug)]
pub struct Collector<E> {
    plan: Plan,
    samples: Vec<Sample>,
    failures: usize,
    restarts: usize,
    last_error: Option<E>,
    gave_up: bool,
}

/// Why a measurement produced no estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum CollectError<E> {
    /// Requests failed; the last error says why.
    Requests(E),
    /// The device clock kept changing while we measured.
    ClockUnstable,
}

/// Progress for the page to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Good samples so far.
    pub collected: usize,
    /// Good samples wanted.
    pub wanted: usize,
}

impl<E> Collector<E> {
    /// A collector following `plan`.
    pub fn new(plan: Plan) -> Self {
        Self {
            plan,
            samples: Vec::new(),
            failures: 0,
            restarts: 0,
            last_error: None,
            gave_up: false,
        }
    }

    /// The next thing to do.
    pub fn next_step(&self) -> Step {
        let done = self.samples.len() >= self.plan.samples_wanted;
        if done || self.gave_up || self.failures >= self.plan.max_failures {
            return Step::Finish;
        }
        let first = self.samples.is_empty() && self.failures == 0;
        Step::Request {
            delay_ms: if first { 0 } else { self.plan.spacing_ms },
        }
    }

    /// Records a completed request.
    pub fn record(&mut self, sample: Sample) -> Recorded {
        match sample.offset_bounds() {
            Ok(_) => {
                self.samples.push(sample);
                Recorded::Kept
            }
            Err(SampleFault::ClockChanged { jump_ms }) => {
                // Earlier samples measured the clock as it was; they no longer describe it.
                self.samples.clear();
                self.restarts += 1;
                if self.restarts > self.plan.max_restarts {
                    self.gave_up = true;
                }
                Recorded::ClockChanged { jump_ms }
            }
            Err(SampleFault::ImpossibleTiming) => {
                self.failures += 1;
                Recorded::Dropped
            }
        }
    }

    /// Records a failed request. A `permanent` failure (a 404, a refused address) will not
    /// get better by retrying, so the measurement stops.
    pub fn record_failure(&mut self, error: E, permanent: bool) {
        self.failures += 1;
        self.gave_up |= permanent;
        self.last_error = Some(error);
    }

    /// How far along the measurement is.
    pub fn progress(&self) -> Progress {
        Progress {
            collected: self.samples.len(),
            wanted: self.plan.samples_wanted,
        }
    }

    /// The samples kept so far.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// The best estimate from the samples so far, if any.
    pub fn current_estimate(&self) -> Result<Estimate, EstimateError> {
        estimate(&self.samples)
    }

    /// Ends the measurement: an estimate from whatever samples were kept, or why not.
    pub fn finish(self) -> Result<Estimate, CollectError<E>> {
        match estimate(&self.samples) {
            Ok(estimate) => Ok(estimate),
            Err(EstimateError::NoUsableSamples) => Err(match self.last_error {
                Some(error) => CollectError::Requests(error),
                None => CollectError::ClockUnstable,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::clock::{DeviceClock, ManualClock};
    use crate::engine::sample::Stopwatch;
    use crate::engine::source::{ReadingOrigin, ReferenceReading};

    /// A simulated request with a 20 ms round trip against a correct server.
    fn sample(clock: &ManualClock, offset_ms: f64) -> Sample {
        let watch = Stopwatch::start(clock);
        clock.advance(10.0);
        let truth = clock.wall_ms() - offset_ms;
        clock.advance(10.0);
        Sample {
            timing: watch.stop(clock),
            reference: ReferenceReading {
                earliest_ms: truth,
                latest_ms: truth,
                origin: ReadingOrigin::DateHeader,
            },
        }
    }

    /// Drives a collector the way the browser shell does.
    fn drive(clock: &ManualClock, collector: &mut Collector<String>) {
        let mut requests = 0;
        while let Step::Request { delay_ms } = collector.next_step() {
            clock.advance(f64::from(delay_ms));
            requests += 1;
            collector.record(sample(clock, 1_000.0));
            assert!(requests < 100, "runaway collector");
        }
    }

    #[test]
    fn collects_the_planned_samples_then_finishes() {
        let clock = ManualClock::starting_at(1_700_000_000_000.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        assert_eq!(collector.next_step(), Step::Request { delay_ms: 0 });
        drive(&clock, &mut collector);
        assert_eq!(
            collector.progress(),
            Progress {
                collected: 5,
                wanted: 5
            }
        );
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(1_000.0));
    }

    /// A request during which the wall clock is stepped by `step_ms`.
    fn sample_with_step(clock: &ManualClock, step_ms: f64) -> Sample {
        let watch = Stopwatch::start(clock);
        clock.advance(10.0);
        clock.step_wall(step_ms);
        clock.advance(10.0);
        let reading = clock.wall_ms();
        Sample {
            timing: watch.stop(clock),
            reference: ReferenceReading {
                earliest_ms: reading,
                latest_ms: reading,
                origin: ReadingOrigin::DateHeader,
            },
        }
    }

    #[test]
    fn a_clock_change_starts_the_measurement_over() {
        // The clock starts 1 s fast; during the third request the user corrects it.
        let clock = ManualClock::starting_at(1_700_000_000_000.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let mut outcomes = Vec::new();
        while let Step::Request { delay_ms } = collector.next_step() {
            clock.advance(f64::from(delay_ms));
            let sample = match outcomes.len() {
                0 | 1 => sample(&clock, 1_000.0),
                2 => sample_with_step(&clock, -1_000.0),
                _ => sample(&clock, 0.0),
            };
            outcomes.push(collector.record(sample));
        }
        assert_eq!(outcomes[2], Recorded::ClockChanged { jump_ms: -1_000.0 });
        assert_eq!(outcomes.len(), 3 + DEFAULT_PLAN.samples_wanted);
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(0.0), "{estimate:?}");
        assert!(!estimate.interval.contains(1_000.0));
    }

    #[test]
    fn a_clock_that_keeps_changing_gives_up() {
        let clock = ManualClock::starting_at(1_700_000_000_000.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let mut requests = 0;
        while let Step::Request { .. } = collector.next_step() {
            collector.record(sample_with_step(&clock, 5_000.0));
            requests += 1;
        }
        assert_eq!(requests, DEFAULT_PLAN.max_restarts + 1);
        assert_eq!(collector.finish(), Err(CollectError::ClockUnstable));
    }

    #[test]
    fn transient_failures_are_retried_with_a_limit() {
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        for attempt in 0..DEFAULT_PLAN.max_failures {
            assert!(
                matches!(collector.next_step(), Step::Request { .. }),
                "{attempt}"
            );
            collector.record_failure(format!("timeout {attempt}"), false);
        }
        assert_eq!(collector.next_step(), Step::Finish);
        assert_eq!(
            collector.finish(),
            Err(CollectError::Requests("timeout 2".to_owned()))
        );
    }

    #[test]
    fn a_permanent_failure_stops_at_once() {
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        collector.record_failure("404".to_owned(), true);
        assert_eq!(collector.next_step(), Step::Finish);
    }

    #[test]
    fn some_failures_among_good_samples_still_give_an_estimate() {
        let clock = ManualClock::starting_at(1_700_000_000_000.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        collector.record_failure("blip".to_owned(), false);
        drive(&clock, &mut collector);
        assert!(collector.finish().is_ok());
    }
}
