//! Sample collection, kept apart from estimation (as chrony and ntpd-rs do).
//!
//! The [`Collector`] is sans-IO: the browser shell asks it for the next [`Step`], performs
//! the request, and reports the [`Observation`] or failure back. Every decision — when to
//! ask, when to stop, when to start over, which answers to distrust — lives here and runs
//! in native tests with a [`ManualClock`](super::clock::ManualClock).
//!
//! ## Sub-second from a one-second `Date` header
//!
//! A `Date` header only says the server's time was in `[D, D + 1 s)`, so one sample bounds
//! the offset to about a second. But a sample whose round trip straddles the server's change
//! of second cuts that interval in two: the header says on which side of the tick the server
//! answered. So after the first sample we *schedule* each request so that, if the current
//! midpoint estimate θ were right, the server would stamp it exactly on a tick:
//!
//! ```text
//! server time at the stamp ≈ t0 + rtt/2 − θ  ≡ 0 (mod 1000 ms)
//! ⇒ t0 = k·1000 + θ − rtt/2    for the first k that leaves a short pause
//! ```
//!
//! Whatever the answer, the intersection (see [`super::estimate`]) loses about half its
//! width: a bisection that converges to the physical limit of one round trip in
//! log₂(1000 ms / rtt) requests. The math never relies on the schedule being met — only the
//! real timestamps enter the estimate — so late timers cost speed, never correctness.

use super::clock::DeviceClock;
use super::estimate::{Estimate, EstimateError, estimate};
use super::sample::{CLOCK_JUMP_THRESHOLD_MS, Observation, Sample, SampleFault};
use super::source::ReadingOrigin;

/// How a measurement is paced and bounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// Requests allowed per measurement (counted again after a restart).
    pub max_requests: usize,
    /// Samples to take from a fine (sub-second) source, which needs no bisection.
    pub fine_samples: usize,
    /// Pause between samples from a fine source.
    pub fine_spacing_ms: u32,
    /// Shortest pause before a scheduled request.
    pub min_gap_ms: f64,
    /// Failed (or cached) answers tolerated before giving up.
    pub max_failures: usize,
    /// Times the measurement may start over after the device clock changed.
    pub max_restarts: usize,
    /// Bisection stops once the uncertainty is within this of half the best round trip.
    pub convergence_slack_ms: f64,
}

/// The page's plan. Budget: at most 12 requests per measurement (a `Date`-header source
/// typically needs 6–10, a millisecond source 10: more samples let the shortest legs bound the offset more tightly), at most 3 measurements if the clock keeps
/// changing.
pub const DEFAULT_PLAN: Plan = Plan {
    max_requests: 12,
    fine_samples: 10,
    fine_spacing_ms: 40,
    min_gap_ms: 40.0,
    max_failures: 3,
    max_restarts: 2,
    convergence_slack_ms: 5.0,
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

/// What happened to a recorded observation.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    /// Kept.
    Kept,
    /// The device clock changed during or since the last request: earlier samples were
    /// discarded and the measurement starts over.
    ClockChanged {
        /// How far the wall clock moved against the monotonic clock.
        jump_ms: f64,
    },
    /// A cache answered; the sample was ignored.
    Cached(String),
    /// The device reported nonsense timing; the sample was dropped.
    Dropped,
}

/// Why a measurement produced no estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum CollectError<E> {
    /// Requests failed; the last error says why.
    Requests(E),
    /// The device clock kept changing while we measured.
    ClockUnstable,
    /// Every answer came from a cache; the evidence of the last one.
    OnlyCached(String),
}

/// Progress for the page to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Requests answered (or failed) so far in this measurement.
    pub requests: usize,
    /// Requests the measurement may use at most.
    pub budget: usize,
}

/// Collects samples according to a [`Plan`]. `E` is the shell's request error type.
#[derive(Debug)]
pub struct Collector<E> {
    plan: Plan,
    samples: Vec<Sample>,
    header_samples: Vec<Sample>,
    /// Wall minus monotonic time when the first kept sample was sent: a clock change shows
    /// up as a change of this difference.
    baseline_ms: Option<f64>,
    requests: usize,
    requests_total: usize,
    failures: usize,
    restarts: usize,
    last_cache_evidence: Option<String>,
    last_error: Option<E>,
    gave_up: bool,
}

impl<E> Collector<E> {
    /// A collector following `plan`.
    pub fn new(plan: Plan) -> Self {
        Self {
            plan,
            samples: Vec::new(),
            header_samples: Vec::new(),
            baseline_ms: None,
            requests: 0,
            requests_total: 0,
            failures: 0,
            restarts: 0,
            last_cache_evidence: None,
            last_error: None,
            gave_up: false,
        }
    }

    /// The next thing to do, given the device clock now.
    pub fn next_step(&self, clock: &impl DeviceClock) -> Step {
        let exhausted =
            self.requests >= self.plan.max_requests || self.failures >= self.plan.max_failures;
        if self.gave_up || exhausted {
            return Step::Finish;
        }
        if self.requests == 0 {
            // The first request also warms the connection: its round trip pays for DNS,
            // TCP and TLS, which only widens its (still honest) interval.
            return Step::Request { delay_ms: 0 };
        }
        let Ok(estimate) = self.current_estimate() else {
            return Step::Request {
                delay_ms: self.plan.min_gap_ms as u32,
            };
        };
        if !self.bisectable() {
            return if self.samples.len() >= self.plan.fine_samples {
                Step::Finish
            } else {
                Step::Request {
                    delay_ms: self.plan.fine_spacing_ms,
                }
            };
        }
        if self.converged(&estimate) {
            return Step::Finish;
        }
        Step::Request {
            delay_ms: self.straddle_delay_ms(&estimate, clock.wall_ms()),
        }
    }

    /// Only `Date`-header readings have the whole-second ticks that bisection exploits.
    fn bisectable(&self) -> bool {
        self.samples
            .iter()
            .all(|sample| sample.reference.origin == ReadingOrigin::DateHeader)
    }

    fn best_round_trip_ms(&self) -> f64 {
        self.samples
            .iter()
            .map(|sample| sample.timing.round_trip_ms)
            .fold(f64::INFINITY, f64::min)
    }

    fn converged(&self, estimate: &Estimate) -> bool {
        estimate.uncertainty_ms()
            <= self.best_round_trip_ms() / 2.0 + self.plan.convergence_slack_ms
    }

    /// Delay until the send time that puts the server's stamp on a tick (module docs).
    fn straddle_delay_ms(&self, estimate: &Estimate, now_ms: f64) -> u32 {
        let half_trip = self.best_round_trip_ms() / 2.0;
        let offset = estimate.offset_ms();
        let earliest = now_ms + self.plan.min_gap_ms;
        let tick = ((earliest - offset + half_trip) / 1000.0).ceil();
        let send_at = tick * 1000.0 + offset - half_trip;
        (send_at - now_ms).clamp(0.0, 2_000.0) as u32
    }

    /// Records an answered request.
    pub fn record(&mut self, observation: Observation) -> Recorded {
        self.requests += 1;
        self.requests_total += 1;
        if let Some(evidence) = observation.cache_evidence {
            self.failures += 1;
            self.last_cache_evidence = Some(evidence.clone());
            return Recorded::Cached(evidence);
        }
        let sample = observation.sample;
        match sample.offset_bounds() {
            Err(SampleFault::ClockChanged { jump_ms }) => {
                self.restart(None);
                Recorded::ClockChanged { jump_ms }
            }
            Err(SampleFault::ImpossibleTiming) => {
                self.failures += 1;
                Recorded::Dropped
            }
            Ok(_) => {
                let skew = sample.timing.wall_sent_ms - sample.timing.monotonic_sent_ms;
                let jump_ms = self.baseline_ms.map_or(0.0, |baseline| skew - baseline);
                let changed = jump_ms.abs() > CLOCK_JUMP_THRESHOLD_MS;
                if changed {
                    // The clock was set (or the device slept) between requests: this sample
                    // describes the new clock, the earlier ones the old.
                    self.restart(Some(skew));
                } else if self.baseline_ms.is_none() {
                    self.baseline_ms = Some(skew);
                }
                self.samples.push(sample);
                if let Some(reading) = observation.date_header {
                    self.header_samples.push(Sample {
                        timing: sample.timing,
                        reference: reading,
                    });
                }
                if changed {
                    Recorded::ClockChanged { jump_ms }
                } else {
                    Recorded::Kept
                }
            }
        }
    }

    fn restart(&mut self, baseline_ms: Option<f64>) {
        self.samples.clear();
        self.header_samples.clear();
        self.baseline_ms = baseline_ms;
        self.requests = usize::from(baseline_ms.is_some());
        self.restarts += 1;
        self.gave_up |= self.restarts > self.plan.max_restarts;
    }

    /// Records a failed request. A `permanent` failure (a 404, a refused address) will not
    /// get better by retrying, so the measurement stops.
    pub fn record_failure(&mut self, error: E, permanent: bool) {
        self.requests += 1;
        self.requests_total += 1;
        self.failures += 1;
        self.gave_up |= permanent;
        self.last_error = Some(error);
    }

    /// How far along the measurement is.
    pub fn progress(&self) -> Progress {
        Progress {
            requests: self.requests,
            budget: self.plan.max_requests,
        }
    }

    /// Requests made in this measurement, restarts included.
    pub fn requests_total(&self) -> usize {
        self.requests_total
    }

    /// The best estimate from the samples so far.
    pub fn current_estimate(&self) -> Result<Estimate, EstimateError> {
        estimate(&self.samples)
    }

    /// The estimate from the `Date` headers of a body source's answers, for cross-checking
    /// the body; `None` when the source sent no readable `Date` header.
    pub fn date_header_estimate(&self) -> Option<Estimate> {
        estimate(&self.header_samples).ok()
    }

    /// Ends the measurement: an estimate from whatever samples were kept, or why not.
    pub fn finish(self) -> Result<Estimate, CollectError<E>> {
        estimate(&self.samples).map_err(|EstimateError::NoUsableSamples| {
            match (self.last_error, self.last_cache_evidence, self.gave_up) {
                (Some(error), _, _) => CollectError::Requests(error),
                (None, Some(evidence), _) => CollectError::OnlyCached(evidence),
                (None, None, _) => CollectError::ClockUnstable,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::clock::ManualClock;
    use crate::engine::sample::Stopwatch;
    use crate::engine::source::{BodyFormat, EpochUnit, ReferenceReading};

    const START_MS: f64 = 1_700_000_000_000.0;

    /// A simulated server: its clock is the truth; the device is `offset_ms` ahead.
    struct Server {
        offset_ms: f64,
        outbound_ms: f64,
        inbound_ms: f64,
        date_header: bool,
    }

    impl Server {
        fn date_header(offset_ms: f64, round_trip_ms: f64) -> Self {
            Self {
                offset_ms,
                outbound_ms: round_trip_ms / 2.0,
                inbound_ms: round_trip_ms / 2.0,
                date_header: true,
            }
        }

        fn millisecond(offset_ms: f64, round_trip_ms: f64) -> Self {
            Self {
                date_header: false,
                ..Self::date_header(offset_ms, round_trip_ms)
            }
        }

        fn answer(&self, clock: &ManualClock) -> Observation {
            let watch = Stopwatch::start(clock);
            clock.advance(self.outbound_ms);
            let truth = clock.wall_ms() - self.offset_ms;
            let reference = if self.date_header {
                let second = (truth / 1000.0).floor() * 1000.0;
                ReferenceReading {
                    earliest_ms: second,
                    latest_ms: second + 1000.0,
                    origin: ReadingOrigin::DateHeader,
                }
            } else {
                ReferenceReading {
                    earliest_ms: truth.floor() - 1.0,
                    latest_ms: truth.floor() + 1.0,
                    origin: ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Milliseconds)),
                }
            };
            clock.advance(self.inbound_ms);
            Sample {
                timing: watch.stop(clock),
                reference,
            }
            .into()
        }
    }

    /// Drives a collector the way the browser shell does; returns the outcomes.
    fn drive(
        clock: &ManualClock,
        collector: &mut Collector<String>,
        server: &Server,
    ) -> Vec<Recorded> {
        let mut outcomes = Vec::new();
        while let Step::Request { delay_ms } = collector.next_step(clock) {
            clock.advance(f64::from(delay_ms));
            outcomes.push(collector.record(server.answer(clock)));
            assert!(outcomes.len() <= 40, "runaway collector");
        }
        outcomes
    }

    #[test]
    fn first_request_goes_at_once() {
        let clock = ManualClock::starting_at(START_MS);
        assert_eq!(
            Collector::<String>::new(DEFAULT_PLAN).next_step(&clock),
            Step::Request { delay_ms: 0 }
        );
    }

    #[test]
    fn a_millisecond_source_takes_its_samples_then_finishes() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let outcomes = drive(&clock, &mut collector, &Server::millisecond(3_000.0, 20.0));
        assert_eq!(outcomes.len(), DEFAULT_PLAN.fine_samples);
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(3_000.0));
        assert!(estimate.uncertainty_ms() <= 10.0 + 2.0 + 1.0);
    }

    #[test]
    fn date_header_bisection_reaches_the_round_trip_limit() {
        for (offset, round_trip) in [
            (960_000.0, 1.0),
            (3_456.7, 10.0),
            (-960_123.0, 50.0),
            (0.0, 300.0),
        ] {
            let clock = ManualClock::starting_at(START_MS + 123.0);
            let mut collector = Collector::<String>::new(DEFAULT_PLAN);
            let outcomes = drive(
                &clock,
                &mut collector,
                &Server::date_header(offset, round_trip),
            );
            assert!(outcomes.len() <= DEFAULT_PLAN.max_requests);
            let estimate = collector.finish().unwrap();
            assert!(estimate.interval.contains(offset), "{offset}: {estimate:?}");
            assert!(
                estimate.uncertainty_ms() <= round_trip / 2.0 + DEFAULT_PLAN.convergence_slack_ms,
                "{offset} ms at {round_trip} ms round trip: ± {} after {} requests",
                estimate.uncertainty_ms(),
                outcomes.len()
            );
        }
    }

    #[test]
    fn bisection_schedules_the_stamp_on_a_tick() {
        let clock = ManualClock::starting_at(START_MS + 400.0);
        let server = Server::date_header(250.0, 20.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        collector.record(server.answer(&clock));
        let Step::Request { delay_ms } = collector.next_step(&clock) else {
            panic!("should keep measuring");
        };
        let estimate = collector.current_estimate().unwrap();
        let send_at = clock.wall_ms() + f64::from(delay_ms);
        let stamp_server_time = send_at + 10.0 - estimate.offset_ms();
        let phase = stamp_server_time.rem_euclid(1000.0);
        assert!(
            !(1.0..=999.0).contains(&phase),
            "stamp lands {phase} ms past a tick"
        );
        assert!(f64::from(delay_ms) >= DEFAULT_PLAN.min_gap_ms - 1.0);
    }

    #[test]
    fn a_clock_change_during_a_request_starts_over() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let server = Server::millisecond(1_000.0, 20.0);
        collector.record(server.answer(&clock));
        collector.record(server.answer(&clock));
        // The user corrects the clock while the third request is in flight.
        let watch = Stopwatch::start(&clock);
        clock.advance(10.0);
        clock.step_wall(-1_000.0);
        clock.advance(10.0);
        let reading = ReferenceReading {
            earliest_ms: clock.wall_ms() - 10.0,
            latest_ms: clock.wall_ms() - 10.0,
            origin: ReadingOrigin::DateHeader,
        };
        let outcome = collector.record(
            Sample {
                timing: watch.stop(&clock),
                reference: reading,
            }
            .into(),
        );
        assert_eq!(outcome, Recorded::ClockChanged { jump_ms: -1_000.0 });
        let fixed = Server::millisecond(0.0, 20.0);
        let rest = drive(&clock, &mut collector, &fixed);
        assert_eq!(rest.len(), DEFAULT_PLAN.fine_samples);
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(0.0) && !estimate.interval.contains(1_000.0));
    }

    #[test]
    fn a_clock_change_between_requests_starts_over_keeping_the_new_sample() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        collector.record(Server::millisecond(960_000.0, 20.0).answer(&clock));
        collector.record(Server::millisecond(960_000.0, 20.0).answer(&clock));
        clock.advance(50.0);
        clock.step_wall(-960_000.0);
        let fixed = Server::millisecond(0.0, 20.0);
        assert_eq!(
            collector.record(fixed.answer(&clock)),
            Recorded::ClockChanged {
                jump_ms: -960_000.0
            }
        );
        assert_eq!(collector.current_estimate().unwrap().samples_usable, 1);
        drive(&clock, &mut collector, &fixed);
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(0.0), "{estimate:?}");
    }

    #[test]
    fn a_device_that_slept_between_requests_starts_over() {
        // On iOS the monotonic clock stops during sleep while the wall clock runs on.
        let clock = ManualClock::starting_at(START_MS);
        let server = Server::millisecond(5_000.0, 20.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        collector.record(server.answer(&clock));
        clock.step_wall(30_000.0); // 30 s of sleep: wall moves, monotonic does not
        let outcome = collector.record(server.answer(&clock));
        assert_eq!(outcome, Recorded::ClockChanged { jump_ms: 30_000.0 });
    }

    #[test]
    fn a_clock_that_keeps_changing_gives_up() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let mut requests = 0;
        while let Step::Request { .. } = collector.next_step(&clock) {
            let watch = Stopwatch::start(&clock);
            clock.step_wall(5_000.0);
            clock.advance(20.0);
            let reading = ReferenceReading {
                earliest_ms: clock.wall_ms(),
                latest_ms: clock.wall_ms(),
                origin: ReadingOrigin::DateHeader,
            };
            collector.record(
                Sample {
                    timing: watch.stop(&clock),
                    reference: reading,
                }
                .into(),
            );
            requests += 1;
        }
        assert_eq!(requests, DEFAULT_PLAN.max_restarts + 1);
        assert_eq!(collector.finish(), Err(CollectError::ClockUnstable));
    }

    #[test]
    fn cached_answers_are_never_used() {
        let clock = ManualClock::starting_at(START_MS);
        let stale = Server::millisecond(300_000.0, 5.0); // a 5-minute-old answer
        let fresh = Server::millisecond(2_000.0, 5.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let mut cached = stale.answer(&clock);
        cached.cache_evidence = Some("it carried “Age: 300”".to_owned());
        assert!(matches!(collector.record(cached), Recorded::Cached(_)));
        drive(&clock, &mut collector, &fresh);
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(2_000.0));
        assert!(!estimate.interval.contains(300_000.0));
    }

    #[test]
    fn only_cached_answers_is_an_error_that_says_so() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        while let Step::Request { .. } = collector.next_step(&clock) {
            let mut observation = Server::millisecond(0.0, 5.0).answer(&clock);
            observation.cache_evidence = Some("it carried “Age: 60”".to_owned());
            collector.record(observation);
        }
        assert_eq!(
            collector.finish(),
            Err(CollectError::OnlyCached("it carried “Age: 60”".to_owned()))
        );
    }

    #[test]
    fn transient_failures_are_retried_with_a_limit() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        for attempt in 0..DEFAULT_PLAN.max_failures {
            assert!(
                matches!(collector.next_step(&clock), Step::Request { .. }),
                "{attempt}"
            );
            collector.record_failure(format!("timeout {attempt}"), false);
        }
        assert_eq!(collector.next_step(&clock), Step::Finish);
        assert_eq!(collector.requests_total(), DEFAULT_PLAN.max_failures);
        assert_eq!(
            collector.finish(),
            Err(CollectError::Requests("timeout 2".to_owned()))
        );
    }

    #[test]
    fn a_permanent_failure_stops_at_once() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        collector.record_failure("404".to_owned(), true);
        assert_eq!(collector.next_step(&clock), Step::Finish);
    }

    #[test]
    fn the_date_header_beside_a_body_is_estimated_separately() {
        let clock = ManualClock::starting_at(START_MS);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let body = Server::millisecond(0.0, 10.0);
        while let Step::Request { .. } = collector.next_step(&clock) {
            let mut observation = body.answer(&clock);
            // A server whose Date header runs an hour behind its body (a time-zone bug).
            let truth = clock.wall_ms() - 5.0 - 3_600_000.0;
            let second = (truth / 1000.0).floor() * 1000.0;
            observation.date_header = Some(ReferenceReading {
                earliest_ms: second,
                latest_ms: second + 1000.0,
                origin: ReadingOrigin::DateHeader,
            });
            collector.record(observation);
        }
        let header = collector.date_header_estimate().unwrap();
        assert!(header.interval.contains(3_600_000.0), "{header:?}");
        assert!(collector.finish().unwrap().interval.contains(0.0));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::engine::clock::ManualClock;
    use crate::engine::sample::Stopwatch;
    use crate::engine::source::ReferenceReading;
    use proptest::prelude::*;

    proptest! {
        /// With any offset, round trip, asymmetry and jitter, the bisected interval contains
        /// the truth and the collector stays within its budget.
        #[test]
        fn bisection_is_always_honest(
            offset in -2_000_000.0..2_000_000.0f64,
            start in 1_600_000_000_000.0..1_900_000_000_000.0f64,
            round_trip in 0.5..400.0f64,
            outbound_share in 0.0..1.0f64,
            jitter in prop::collection::vec(0.0..1.0f64, 16),
        ) {
            let clock = ManualClock::starting_at(start + offset);
            let mut collector = Collector::<String>::new(DEFAULT_PLAN);
            let mut requests = 0;
            while let Step::Request { delay_ms } = collector.next_step(&clock) {
                clock.advance(f64::from(delay_ms) + jitter[requests % jitter.len()] * 7.0);
                let this_trip = round_trip * (1.0 + jitter[(requests + 3) % jitter.len()]);
                let watch = Stopwatch::start(&clock);
                clock.advance(this_trip * outbound_share);
                let truth = clock.wall_ms() - offset;
                let second = (truth / 1000.0).floor() * 1000.0;
                clock.advance(this_trip * (1.0 - outbound_share));
                let mut timing = watch.stop(&clock);
                timing.wall_sent_ms = timing.wall_sent_ms.floor();
                timing.wall_received_ms = timing.wall_received_ms.floor();
                collector.record(Sample {
                    timing,
                    reference: ReferenceReading { earliest_ms: second, latest_ms: second + 1000.0, origin: ReadingOrigin::DateHeader },
                }.into());
                requests += 1;
            }
            prop_assert!(requests <= DEFAULT_PLAN.max_requests);
            let estimate = collector.finish().unwrap();
            prop_assert!(estimate.interval.contains(offset), "{:?} misses {}", estimate.interval, offset);
        }
    }
}
