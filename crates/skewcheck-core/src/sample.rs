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

use crate::decimal::fixed_point;
use crate::source::{CacheEvidence, ReferenceReading};
use timing::WALL_CLOCK_RESOLUTION_MS;

mod early;
mod timing;
pub use early::{EARLY_MAX_AGE_MS, EARLY_MAX_HEADERS, EarlyReadings, EarlyRefusal};
pub use timing::{CLOCK_JUMP_THRESHOLD_MS, Stopwatch, Timing, clock_jump_threshold_ms};

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
    pub cache_evidence: Option<CacheEvidence>,
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
mod tests;
