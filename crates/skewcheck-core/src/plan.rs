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
//!
//! One request per tick costs a second per halving; the page's plan ([`PAGE_PLAN`]) sends
//! [`Volley`]s of concurrent probes aimed at several phases of the same tick instead (see
//! [`volley`]): the same honesty, a few ticks in all.

use super::clock::{ClockSkew, DeviceClock};
use super::estimate::{Estimate, EstimateError, estimate};
use super::sample::{Observation, Sample, SampleFault, clock_jump_threshold_ms};
use super::source::{CacheEvidence, ReferenceReading};

mod freshness;
pub mod volley;

use volley::timer_ms;
pub use volley::{Schedule, Volley};

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
    /// How a `Date`-header source is probed after its first answer.
    pub schedule: Schedule,
}

/// The sequential plan: one request at a time. Budget: at most 12 requests per measurement
/// (a `Date`-header source typically needs 6–10 — one server tick, about a second, each —
/// a millisecond source 10: more samples let the shortest legs bound the offset more
/// tightly), at most 3 measurements if the clock keeps changing.
pub const DEFAULT_PLAN: Plan = Plan {
    max_requests: 12,
    fine_samples: 10,
    fine_spacing_ms: 40,
    min_gap_ms: 40.0,
    max_failures: 3,
    max_restarts: 2,
    convergence_slack_ms: 5.0,
    schedule: Schedule::Bisection,
};

/// The page's plan: [`DEFAULT_PLAN`]'s, but a `Date`-header source is probed in volleys of
/// 4, 3, 2 and 2 concurrent probes after its first answer (12 requests, about four ticks).
pub const PAGE_PLAN: Plan = Plan {
    schedule: Schedule::Volleys(&[4, 3, 2, 2]),
    ..DEFAULT_PLAN
};

/// What the shell should do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Wait `delay_ms`, then take a sample.
    Request {
        /// Milliseconds to wait first.
        delay_ms: u32,
    },
    /// Take one sample after each of these delays, concurrently (each timed on its own),
    /// and record every answer before asking again.
    Volley(Volley),
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
    /// A cache answered; the sample was kept as the wider interval its `Age` allows.
    Cached(CacheEvidence),
    /// A cache answered with a frozen copy (its time stood still while the device's
    /// monotonic clock moved on): every sample carrying that copy's time was discarded.
    Stale(CacheEvidence),
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
    /// Every answer came from a frozen cached copy; how that showed.
    OnlyCached(CacheEvidence),
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
    /// The clock's skew when the first kept sample was sent: a clock change shows up as a
    /// change of it.
    baseline: Option<ClockSkew>,
    requests: usize,
    requests_total: usize,
    failures: usize,
    restarts: usize,
    /// How a cache showed itself, and whether its copy was frozen.
    cache: Option<CacheSeen>,
    /// Readings of frozen copies: a sample carrying one is never used.
    frozen: Vec<ReferenceReading>,
    last_error: Option<E>,
    gave_up: bool,
}

pub use freshness::CacheSeen;

impl<E> Collector<E> {
    /// A collector following `plan`.
    pub fn new(plan: Plan) -> Self {
        Self {
            plan,
            samples: Vec::new(),
            header_samples: Vec::new(),
            baseline: None,
            requests: 0,
            requests_total: 0,
            failures: 0,
            restarts: 0,
            cache: None,
            frozen: Vec::new(),
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
                delay_ms: timer_ms(self.plan.min_gap_ms),
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
        let half_trip = self.best_round_trip_ms() / 2.0;
        match self.plan.schedule {
            Schedule::Bisection => Step::Request {
                delay_ms: volley::delay_to_tick(
                    estimate.offset_ms(),
                    half_trip,
                    clock.wall_ms(),
                    self.plan.min_gap_ms,
                ),
            },
            Schedule::Volleys(rounds) => {
                volley::next_volley_size(rounds, self.requests).map_or(Step::Finish, |probes| {
                    Step::Volley(Volley::aimed(
                        &estimate,
                        probes,
                        half_trip,
                        clock.wall_ms(),
                        self.plan.min_gap_ms,
                    ))
                })
            }
        }
    }

    /// Only whole-second readings (a `Date` header, a body in whole seconds, wherever it
    /// came from) have the ticks that bisection exploits, and only fresh ones: a cached
    /// copy's time does not tick with the server's.
    fn bisectable(&self) -> bool {
        self.cache.is_none()
            && self
                .samples
                .iter()
                .all(|sample| sample.reference.is_whole_second())
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

    /// Records an answered request.
    pub fn record(&mut self, observation: Observation) -> Recorded {
        self.requests += 1;
        self.requests_total += 1;
        let sample = observation.sample;
        if self.frozen.contains(&sample.reference) {
            self.failures += 1;
            return Recorded::Stale(self.cache_evidence());
        }
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
                let skew =
                    ClockSkew::of(sample.timing.wall_sent_ms, sample.timing.monotonic_sent_ms);
                let jump = self.baseline.and_then(|baseline| {
                    skew.jump_since(
                        baseline,
                        clock_jump_threshold_ms(sample.timing.granularity_ms),
                    )
                });
                if jump.is_some() {
                    // The clock was set (or the device slept) between requests: this sample
                    // describes the new clock, the earlier ones the old.
                    self.restart(Some(skew));
                } else if self.baseline.is_none() {
                    self.baseline = Some(skew);
                }
                if let Some(stale) = freshness::frozen_copy(&self.samples, &sample) {
                    return self.discard_frozen(stale);
                }
                self.samples.push(sample);
                if let Some(reading) = observation.date_header {
                    self.header_samples.push(Sample {
                        timing: sample.timing,
                        reference: reading,
                    });
                }
                match (jump, observation.cache_evidence) {
                    (Some(jump_ms), _) => Recorded::ClockChanged { jump_ms },
                    (None, Some(evidence)) => {
                        self.cache.get_or_insert(CacheSeen {
                            evidence: evidence.clone(),
                            frozen: false,
                        });
                        Recorded::Cached(evidence)
                    }
                    (None, None) => Recorded::Kept,
                }
            }
        }
    }

    /// Forgets every sample carrying the frozen copy's time (the first of them may have
    /// been fresh, but nothing tells which).
    fn discard_frozen(&mut self, stale: ReferenceReading) -> Recorded {
        self.failures += 1;
        self.frozen.push(stale);
        self.samples.retain(|kept| kept.reference != stale);
        let evidence = self.cache.take().map(|seen| seen.evidence);
        let evidence = evidence.unwrap_or(CacheEvidence::TimeStoodStill);
        self.cache = Some(CacheSeen {
            evidence,
            frozen: true,
        });
        Recorded::Stale(self.cache_evidence())
    }

    /// How the cache showed itself (asked once a frozen copy was caught: its time stood still).
    fn cache_evidence(&self) -> CacheEvidence {
        self.cache
            .as_ref()
            .map_or(CacheEvidence::TimeStoodStill, |seen| seen.evidence.clone())
    }

    /// What the collector learnt about a cache, if one answered.
    pub fn cache_seen(&self) -> Option<&CacheSeen> {
        self.cache.as_ref()
    }

    fn restart(&mut self, baseline: Option<ClockSkew>) {
        self.samples.clear();
        self.header_samples.clear();
        self.baseline = baseline;
        self.requests = usize::from(baseline.is_some());
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
            match (self.cache, self.last_error) {
                (Some(seen), _) if seen.frozen => CollectError::OnlyCached(seen.evidence),
                (_, Some(error)) => CollectError::Requests(error),
                (_, None) => CollectError::ClockUnstable,
            }
        })
    }
}

#[cfg(test)]
mod tests;
