//! How fast the device clock drifts, from measurements spread over time.
//!
//! If the clock runs at a constant rate error `r`, its offset is `θ(t) = θ₀ + r·t`. Two
//! measurements `[lo_i, hi_i]` at `t_i` and `[lo_j, hi_j]` at `t_j > t_i` then bound the rate
//! to `[(lo_j − hi_i)/Δt, (hi_j − lo_i)/Δt]`; every pair far enough apart must agree, so we
//! intersect their bounds. An empty intersection means the rate was not constant (the clock
//! was corrected, or NTP slewed it) and no drift is claimed.

use super::sample::OffsetInterval;
use super::verdict::Tolerance;

/// Measurements must span at least this long before a drift is estimated.
pub const MIN_SPAN_MS: f64 = 300_000.0;

/// A drift this small (±1 ppm, under 0.1 s a day) is not worth mentioning.
const MEANINGFUL_PPM: f64 = 1.0;

/// One finished measurement for the drift estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DriftPoint {
    /// When it was taken, on the monotonic clock (ms).
    pub at_ms: f64,
    /// The measured offset interval.
    pub interval: OffsetInterval,
}

/// The device clock's rate error, in parts per million (positive = gaining time).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drift {
    /// Smallest rate consistent with the measurements.
    pub lower_ppm: f64,
    /// Largest rate consistent with the measurements.
    pub upper_ppm: f64,
    /// Time between the first and the last measurement.
    pub span_ms: f64,
}

impl Drift {
    /// Best single value.
    pub fn ppm(&self) -> f64 {
        (self.lower_ppm + self.upper_ppm) / 2.0
    }

    /// Whether the drift is certainly at least 1 ppm in one direction.
    pub fn is_meaningful(&self) -> bool {
        self.lower_ppm >= MEANINGFUL_PPM || self.upper_ppm <= -MEANINGFUL_PPM
    }

    /// Milliseconds gained (or lost, negative) per day.
    pub fn ms_per_day(&self) -> f64 {
        self.ppm() * 86_400_000.0 / 1e6
    }

    /// When (ms from the offset `now`) the clock will reach the tolerance limit it drifts
    /// towards, at the best-estimate rate; `None` when the drift is not meaningful or the
    /// clock is already beyond.
    pub fn time_to_limit_ms(&self, now: &OffsetInterval, tolerance: &Tolerance) -> Option<f64> {
        if !self.is_meaningful() {
            return None;
        }
        let rate = self.ppm() / 1e6;
        let remaining = if rate > 0.0 {
            tolerance.ahead?.ms as f64 - now.midpoint_ms()
        } else {
            now.midpoint_ms() + tolerance.behind?.ms as f64
        };
        (remaining > 0.0).then(|| remaining / rate.abs())
    }
}

/// The drift the points allow, or `None` without enough span or when they disagree.
pub fn estimate_drift(points: &[DriftPoint]) -> Option<Drift> {
    let first = points.first()?;
    let last = points.last()?;
    let span_ms = last.at_ms - first.at_ms;
    if span_ms < MIN_SPAN_MS {
        return None;
    }
    let mut lower = f64::NEG_INFINITY;
    let mut upper = f64::INFINITY;
    for (index, earlier) in points.iter().enumerate() {
        for later in &points[index + 1..] {
            let elapsed = later.at_ms - earlier.at_ms;
            // Close pairs bound the rate only loosely; the span rule keeps the work small.
            if elapsed < MIN_SPAN_MS / 2.0 {
                continue;
            }
            lower = lower.max((later.interval.lower_ms - earlier.interval.upper_ms) / elapsed);
            upper = upper.min((later.interval.upper_ms - earlier.interval.lower_ms) / elapsed);
        }
    }
    (lower <= upper).then_some(Drift {
        lower_ppm: lower * 1e6,
        upper_ppm: upper * 1e6,
        span_ms,
    })
}

#[cfg(test)]
mod tests;
