//! One request to a time source, and the offsets it allows.
//!
//! ## The math (RFC 5905 §8, adapted to HTTP)
//!
//! NTP names four timestamps: device send `t0`, server receive `t1`, server send `t2`,
//! device receive `t3`. Then
//!
//! ```text
//! θ = ((t1 − t0) + (t2 − t3)) / 2      offset (reference minus device)
//! δ = (t3 − t0) − (t2 − t1)            round-trip delay
//! ```
//!
//! and the true offset lies in `θ ± δ/2`. HTTP gives a single server reading `R`, taken at
//! some instant between `t0` and `t3`, so `t1 = t2 = R` and δ is the whole round trip.
//! skewcheck reports the opposite sign, **device minus reference** (positive = fast), and
//! works with intervals rather than points so that every source of doubt is carried:
//!
//! ```text
//! R ∈ [R_earliest, R_latest]            the source's resolution (Date header: [D, D + 1 s))
//! device time at that instant ∈ [t0, t0 + rtt]   rtt from the monotonic clock
//! offset ∈ [t0 − R_latest, t0 + rtt − R_earliest]
//! ```
//!
//! Its midpoint is the NTP estimate `(t0 + t3)/2 − R` and its half-width `rtt/2` plus half
//! the source's resolution.

use super::clock::DeviceClock;
use crate::decimal::fixed_point;
use super::source::ReferenceReading;

mod early;
pub use early::{EARLY_MAX_AGE_MS, EARLY_MAX_HEADERS, EarlyReadings, EarlyRefusal};

/// Beyond this disagreement between wall-clock and monotonic elapsed time, the wall clock
/// was changed (or the device slept) during the request and the sample is void.
pub const CLOCK_JUMP_THRESHOLD_MS: f64 = 50.0;

/// The jump threshold on timers rounded to `granularity_ms`: each of the two readings
/// compared may be off by a step.
pub fn clock_jump_threshold_ms(granularity_ms: f64) -> f64 {
    CLOCK_JUMP_THRESHOLD_MS + 2.0 * granularity_ms.max(WALL_CLOCK_RESOLUTION_MS)
}

/// `Date.now()` is an integer: the device's true reading lies up to 1 ms above it.
const WALL_CLOCK_RESOLUTION_MS: f64 = 1.0;

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

/// An interval of possible offsets (device − reference), in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OffsetInterval {
    /// Smallest offset consistent with the evidence.
    pub lower_ms: f64,
    /// Largest offset consistent with the evidence.
    pub upper_ms: f64,
}

impl OffsetInterval {
    /// The interval `offset ± uncertainty`.
    pub fn around(offset_ms: f64, uncertainty_ms: f64) -> Self {
        Self {
            lower_ms: offset_ms - uncertainty_ms,
            upper_ms: offset_ms + uncertainty_ms,
        }
    }

    /// Best single value: the middle.
    pub fn midpoint_ms(&self) -> f64 {
        (self.lower_ms + self.upper_ms) / 2.0
    }

    /// Half the width: how far the truth can be from the midpoint.
    pub fn half_width_ms(&self) -> f64 {
        (self.upper_ms - self.lower_ms) / 2.0
    }

    /// Whether `offset_ms` lies inside (bounds included).
    pub fn contains(&self, offset_ms: f64) -> bool {
        (self.lower_ms..=self.upper_ms).contains(&offset_ms)
    }

    /// The distance between two intervals; zero when they overlap. Two measurements of the
    /// same clock whose gap is positive cannot both be right.
    pub fn gap_to(&self, other: &Self) -> f64 {
        (self.lower_ms - other.upper_ms)
            .max(other.lower_ms - self.upper_ms)
            .max(0.0)
    }

    /// The smallest interval containing both: what is known when we cannot tell which of
    /// two disagreeing measurements to trust.
    pub fn hull(&self, other: &Self) -> Self {
        Self {
            lower_ms: self.lower_ms.min(other.lower_ms),
            upper_ms: self.upper_ms.max(other.upper_ms),
        }
    }
}

/// One completed request: device timing plus what the server said.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Device-side timestamps.
    pub timing: Timing,
    /// The server's reading.
    pub reference: ReferenceReading,
}

/// Everything one response told us: the sample, plus what else it carried.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// The timed reading used for the estimate.
    pub sample: Sample,
    /// The `Date` header's reading when the sample came from the body: a cross-check on
    /// the endpoint (a body time in the wrong time zone disagrees with it by hours).
    pub date_header: Option<ReferenceReading>,
    /// Why we believe a cache answered, if we do.
    pub cache_evidence: Option<String>,
}

impl From<Sample> for Observation {
    fn from(sample: Sample) -> Self {
        Self {
            sample,
            date_header: None,
            cache_evidence: None,
        }
    }
}

/// Why a sample cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum SampleFault {
    /// The wall clock moved differently from the monotonic clock during the request: it was
    /// set by hand or by NTP, or the device slept.
    #[error("the device clock changed by {} ms during the measurement", fixed_point(*.jump_ms, 0))]
    ClockChanged {
        /// Wall-clock elapsed minus monotonic elapsed.
        jump_ms: f64,
    },
    /// A negative or non-finite timestamp or round trip: the clocks cannot be trusted.
    #[error("the device reported an impossible timing")]
    ImpossibleTiming,
}

impl Sample {
    /// Wall-clock elapsed minus monotonic elapsed during the request: zero on a steady clock.
    pub fn clock_jump_ms(&self) -> f64 {
        (self.timing.wall_received_ms - self.timing.wall_sent_ms) - self.timing.round_trip_ms
    }

    /// The offsets (device − reference) this sample allows; see the module docs for the math.
    pub fn offset_bounds(&self) -> Result<OffsetInterval, SampleFault> {
        let timing = &self.timing;
        let finite = [
            timing.wall_sent_ms,
            timing.wall_received_ms,
            timing.round_trip_ms,
            self.reference.earliest_ms,
            self.reference.latest_ms,
        ]
        .iter()
        .all(|value| value.is_finite());
        if !finite || timing.round_trip_ms < 0.0 {
            return Err(SampleFault::ImpossibleTiming);
        }
        let granularity_ms = timing.granularity_ms.max(WALL_CLOCK_RESOLUTION_MS);
        let jump_ms = self.clock_jump_ms();
        if jump_ms.abs() > clock_jump_threshold_ms(granularity_ms) {
            return Err(SampleFault::ClockChanged { jump_ms });
        }
        // A sub-threshold disagreement (timer coarsening, a slew) widens the interval instead.
        let slack = jump_ms.abs() + granularity_ms;
        // Coarse timers also hide up to one step of the round trip.
        let round_trip_slack = if granularity_ms > WALL_CLOCK_RESOLUTION_MS {
            granularity_ms
        } else {
            0.0
        };
        Ok(OffsetInterval {
            lower_ms: timing.wall_sent_ms - self.reference.latest_ms - slack,
            upper_ms: timing.wall_sent_ms + timing.round_trip_ms - self.reference.earliest_ms
                + slack
                + round_trip_slack,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::source::{BodyFormat, EpochUnit, ReadingOrigin};

    fn exact_reading(ms: f64) -> ReferenceReading {
        ReferenceReading {
            earliest_ms: ms,
            latest_ms: ms,
            origin: ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Milliseconds)),
        }
    }

    #[test]
    fn stopwatch_measures_round_trip_on_the_monotonic_clock() {
        let clock = ManualClock::starting_at(1_000_000.0);
        let watch = Stopwatch::start(&clock);
        clock.advance(120.0);
        let timing = watch.stop(&clock);
        assert_eq!(timing.round_trip_ms, 120.0);
        assert_eq!(timing.wall_received_ms - timing.wall_sent_ms, 120.0);
    }

    #[test]
    fn midpoint_is_the_rfc5905_estimate() {
        // t0 = 10 000, t3 = 10 100, server stamped 9 000 (exact): device is ~1 050 ms fast.
        let sample = Sample {
            timing: Timing {
                wall_sent_ms: 10_000.0,
                wall_received_ms: 10_100.0,
                monotonic_sent_ms: 0.0,
                round_trip_ms: 100.0,
                granularity_ms: 1.0,
            },
            reference: exact_reading(9_000.0),
        };
        let bounds = sample.offset_bounds().unwrap();
        let (t0, t1, t2, t3) = (10_000.0, 9_000.0, 9_000.0, 10_100.0);
        let ntp_theta = ((t1 - t0) + (t2 - t3)) / 2.0;
        let ntp_delay = (t3 - t0) - (t2 - t1);
        assert!((bounds.midpoint_ms() - -ntp_theta).abs() < 1e-9);
        assert!(
            (bounds.half_width_ms() - (ntp_delay / 2.0 + WALL_CLOCK_RESOLUTION_MS)).abs() < 1e-9
        );
    }

    #[test]
    fn clock_going_backwards_mid_sample_is_detected() {
        let clock = ManualClock::starting_at(5_000_000.0);
        let watch = Stopwatch::start(&clock);
        clock.advance(40.0);
        clock.step_wall(-960_000.0);
        clock.advance(40.0);
        let sample = Sample {
            timing: watch.stop(&clock),
            reference: exact_reading(5_000_000.0),
        };
        assert_eq!(
            sample.offset_bounds(),
            Err(SampleFault::ClockChanged {
                jump_ms: -960_000.0
            })
        );
    }

    #[test]
    fn small_disagreement_widens_instead_of_voiding() {
        let steady = Sample {
            timing: Timing {
                wall_sent_ms: 0.0,
                wall_received_ms: 100.0,
                monotonic_sent_ms: 0.0,
                round_trip_ms: 100.0,
                granularity_ms: 1.0,
            },
            reference: exact_reading(0.0),
        };
        let mut coarse = steady;
        coarse.timing.wall_received_ms = 117.0;
        let steady_width = steady.offset_bounds().unwrap().half_width_ms();
        let coarse_width = coarse.offset_bounds().unwrap().half_width_ms();
        assert!((coarse_width - steady_width - 17.0).abs() < 1e-9);
    }

    #[test]
    fn coarse_timers_widen_the_interval_and_the_jump_threshold() {
        // Tor Browser: both clocks rounded down to 100 ms. The device is 3 s fast, the
        // server answers 30 ms after the request left, 60 ms round trip.
        let true_sent = 1_700_000_003_099.0;
        let coarse = |ms: f64| (ms / 100.0).floor() * 100.0;
        let clock_true_monotonic_sent = 5_099.0;
        let timing = Timing {
            wall_sent_ms: coarse(true_sent),
            wall_received_ms: coarse(true_sent + 60.0),
            monotonic_sent_ms: coarse(clock_true_monotonic_sent),
            round_trip_ms: coarse(clock_true_monotonic_sent + 60.0)
                - coarse(clock_true_monotonic_sent),
            granularity_ms: 100.0,
        };
        let sample = Sample {
            timing,
            reference: exact_reading(true_sent - 3_000.0 + 30.0),
        };
        assert!(sample.offset_bounds().unwrap().contains(3_000.0));
        let fine = Sample {
            timing: Timing {
                granularity_ms: 1.0,
                ..timing
            },
            ..sample
        };
        assert!(
            !fine.offset_bounds().unwrap().contains(3_000.0),
            "the bug it fixes"
        );
        assert_eq!(clock_jump_threshold_ms(100.0), 250.0);
    }

    #[test]
    fn gap_and_hull_of_intervals() {
        let a = OffsetInterval::around(0.0, 10.0);
        let b = OffsetInterval::around(100.0, 10.0);
        assert_eq!(a.gap_to(&b), 80.0);
        assert_eq!(b.gap_to(&a), 80.0);
        assert_eq!(a.gap_to(&OffsetInterval::around(15.0, 10.0)), 0.0);
        assert_eq!(
            a.hull(&b),
            OffsetInterval {
                lower_ms: -10.0,
                upper_ms: 110.0
            }
        );
    }

    #[test]
    fn impossible_timings_are_faults() {
        let good = Sample {
            timing: Timing {
                wall_sent_ms: 0.0,
                wall_received_ms: 10.0,
                monotonic_sent_ms: 0.0,
                round_trip_ms: 10.0,
                granularity_ms: 1.0,
            },
            reference: exact_reading(0.0),
        };
        let mut negative = good;
        negative.timing.round_trip_ms = -5.0;
        negative.timing.wall_received_ms = -5.0;
        let mut not_finite = good;
        not_finite.timing.wall_sent_ms = f64::NAN;
        for sample in [negative, not_finite] {
            assert_eq!(sample.offset_bounds(), Err(SampleFault::ImpossibleTiming));
        }
    }
}
