//! From samples to one offset with an honest uncertainty.
//!
//! Each good sample bounds the offset to an interval ([`Sample::offset_bounds`]). If the
//! device clock does not drift appreciably during the few seconds of a measurement, every
//! correct interval contains the true offset, so the truth lies in their intersection.
//! Low-delay samples give narrow intervals and so dominate it: "prefer the lowest delay"
//! falls out of the math. Date-header samples whose round trips straddle a change of second
//! intersect to far less than a second.
//!
//! A faulty sample (a misbehaving proxy, a server step) can make the intersection empty. We
//! use Marzullo's algorithm, the ancestor of NTP's intersection algorithm (RFC 5905 §11.2.1):
//! find the smallest interval consistent with the largest number of samples. When that is a
//! strict majority the answer is trusted; otherwise we report the hull of all samples, which
//! is wide but still contains the truth if any one sample is correct.

use super::sample::{OffsetInterval, Sample, SampleFault};

/// The measured offset of the device clock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The interval the true offset (device − reference) lies in.
    pub interval: OffsetInterval,
    /// Samples whose intervals agree with the result.
    pub samples_agreeing: usize,
    /// Usable samples considered.
    pub samples_usable: usize,
    /// The shortest round trip among usable samples.
    pub best_round_trip_ms: f64,
    /// False when no majority of samples agreed and the hull was reported instead.
    pub consistent: bool,
}

impl Estimate {
    /// Best single value of the offset, device − reference, in ms (positive = fast).
    pub fn offset_ms(&self) -> f64 {
        self.interval.midpoint_ms()
    }

    /// Half-width of the interval: the truth is within this distance of [`offset_ms`](Self::offset_ms).
    pub fn uncertainty_ms(&self) -> f64 {
        self.interval.half_width_ms()
    }
}

/// Why no estimate could be made.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum EstimateError {
    /// Nothing to estimate from.
    #[error("no usable time samples")]
    NoUsableSamples,
}

/// Estimates the offset from every usable sample (faulty ones are skipped).
pub fn estimate(samples: &[Sample]) -> Result<Estimate, EstimateError> {
    let usable: Vec<(OffsetInterval, f64)> = samples
        .iter()
        .filter_map(|sample| {
            let bounds: Result<OffsetInterval, SampleFault> = sample.offset_bounds();
            bounds
                .ok()
                .map(|bounds| (bounds, sample.timing.round_trip_ms))
        })
        .collect();
    let best_round_trip_ms = usable
        .iter()
        .map(|(_, round_trip)| *round_trip)
        .fold(f64::INFINITY, f64::min);
    let intervals: Vec<OffsetInterval> = usable.into_iter().map(|(bounds, _)| bounds).collect();
    let (interval, samples_agreeing) =
        marzullo(&intervals).ok_or(EstimateError::NoUsableSamples)?;
    let consistent = samples_agreeing * 2 > intervals.len();
    let interval = if consistent {
        interval
    } else {
        intervals
            .iter()
            .fold(interval, |hull, next| hull.hull(next))
    };
    Ok(Estimate {
        interval,
        samples_agreeing,
        samples_usable: intervals.len(),
        best_round_trip_ms,
        consistent,
    })
}

/// Marzullo's algorithm: the smallest interval covered by the most input intervals, and how
/// many cover it. `None` for no input.
fn marzullo(intervals: &[OffsetInterval]) -> Option<(OffsetInterval, usize)> {
    // Each interval contributes an opening (+1) and a closing (−1) edge. At equal positions
    // openings sort first, so touching closed intervals count as overlapping.
    let mut edges: Vec<(f64, i32)> = intervals
        .iter()
        .flat_map(|interval| [(interval.lower_ms, 1), (interval.upper_ms, -1)])
        .collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));

    let mut best: Option<(OffsetInterval, usize)> = None;
    let mut depth = 0usize;
    for (index, &(position, step)) in edges.iter().enumerate() {
        if step > 0 {
            depth += 1;
            let end = edges[index + 1].0;
            let better = best.is_none_or(|(interval, count)| {
                depth > count
                    || (depth == count && end - position < interval.upper_ms - interval.lower_ms)
            });
            if better {
                let interval = OffsetInterval {
                    lower_ms: position,
                    upper_ms: end,
                };
                best = Some((interval, depth));
            }
        } else {
            depth -= 1;
        }
    }
    best
}

#[cfg(test)]
mod tests;
