//! The numbers behind the verdict in words: the measurement details for the support person,
//! and the gauge's picture described for screen readers.

use crate::decimal::signed_fixed_point;
use crate::drift::{Drift, MIN_SPAN_MS};
use crate::estimate::Estimate;
use crate::sample::OffsetInterval;
use crate::verdict::Service;
use crate::words::numbers::{duration_in_full, duration_words, tolerance_words};

/// The summary of the details that open on a tap.
pub const MEASUREMENT_DETAILS: &str = "Measurement details";

/// The label of the offset's row.
pub const DETAIL_OFFSET: &str = "Offset (device − reference)";

/// The label of the time source's row.
pub const DETAIL_SOURCE: &str = "Time source";

/// The label of the samples' row.
pub const DETAIL_SAMPLES: &str = "Samples";

/// The label of the requests' row.
pub const DETAIL_REQUESTS: &str = "Requests";

/// The label of the fastest round trip's row.
pub const DETAIL_ROUND_TRIP: &str = "Fastest round trip";

/// The label of the cache's row, when a cache answered.
pub const DETAIL_CACHE: &str = "Web host's cache";

/// The label of the drift's row.
pub const DETAIL_DRIFT: &str = "Drift";

/// The offset (device − reference) and its uncertainty in whole milliseconds:
/// `+970312 ms ± 412 ms`.
pub fn offset_detail(offset_ms: i64, uncertainty_ms: u64) -> String {
    format!("{offset_ms:+} ms ± {uncertainty_ms} ms")
}

/// How many samples agree: `5 of 6 agree`.
pub fn samples_detail(estimate: &Estimate) -> String {
    format!(
        "{} of {} agree",
        estimate.samples_agreeing, estimate.samples_usable
    )
}

/// The drift with its bounds, `+40.0 ppm (between +38.2 and +41.9, over 6 min)`, or, before
/// there is one, when it will be measured (after [`MIN_SPAN_MS`]).
pub fn drift_detail(drift: Option<Drift>) -> String {
    match drift {
        Some(drift) => format!(
            "{} ppm (between {} and {}, over {})",
            signed_fixed_point(drift.ppm(), 1),
            signed_fixed_point(drift.lower_ppm, 1),
            signed_fixed_point(drift.upper_ppm, 1),
            duration_words(drift.span_ms)
        ),
        None => format!(
            "measured after {} with this page open",
            duration_in_full(MIN_SPAN_MS)
        ),
    }
}

/// The gauge in a sentence, for its accessible name: `Offset: 16 min 12 s fast (± 400 ms).
/// Amazon S3 accepts 15 min either way. The clock is outside the accepted range.`
/// `inside` is whether the measured interval lies in the service's window.
pub fn gauge_description(interval: &OffsetInterval, service: &Service, inside: bool) -> String {
    let offset = interval.midpoint_ms();
    format!(
        "Offset: {} {} (± {}). {} accepts {}. The clock is {} the accepted range.",
        duration_words(offset),
        if offset >= 0.0 { "fast" } else { "slow" },
        duration_words(interval.half_width_ms()),
        service.name,
        tolerance_words(&service.tolerance),
        if inside { "inside" } else { "outside" }
    )
}

/// The gauge's label at its slow end.
pub const GAUGE_SLOW: &str = "slow";

/// The gauge's label at its fast end.
pub const GAUGE_FAST: &str = "fast";

/// One label for both edges of a symmetric window: `±15 min`.
pub fn gauge_both_limits(limit_ms: f64) -> String {
    format!("±{}", duration_words(limit_ms))
}

/// The label of the window's slow edge: `−15 min`.
pub fn gauge_slow_limit(limit_ms: f64) -> String {
    format!("−{}", duration_words(limit_ms))
}

/// The label of the window's fast edge: `+5 min`.
pub fn gauge_fast_limit(limit_ms: f64) -> String {
    format!("+{}", duration_words(limit_ms))
}
