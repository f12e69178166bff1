//! The numbers behind the verdict in words: the measurement details for the support person,
//! and the gauge's picture described for screen readers.

use crate::decimal::signed_fixed_point;
use crate::drift::{Drift, MIN_SPAN_MS};
use crate::estimate::Estimate;
use crate::sample::OffsetInterval;
use crate::verdict::Service;
use crate::words::catalogue::Words;
use crate::words::catalogue::spoken;
use crate::words::numbers::{duration_in_full, duration_words, tolerance_words};
use crate::words::verdict::service_name;

/// The summary of the details that open on a tap.
pub const MEASUREMENT_DETAILS: Words = Words("Measurement details");

/// The label of the offset's row.
pub const DETAIL_OFFSET: Words = Words("Offset (device − reference)");

/// The label of the time source's row.
pub const DETAIL_SOURCE: Words = Words("Time source");

/// The label of the samples' row.
pub const DETAIL_SAMPLES: Words = Words("Samples");

/// The label of the requests' row.
pub const DETAIL_REQUESTS: Words = Words("Requests");

/// The label of the fastest round trip's row.
pub const DETAIL_ROUND_TRIP: Words = Words("Fastest round trip");

/// The label of the cache's row, when a cache answered.
pub const DETAIL_CACHE: Words = Words("Web host's cache");

/// The label of the drift's row.
pub const DETAIL_DRIFT: Words = Words("Drift");

/// The offset (device − reference) and its uncertainty in whole milliseconds:
/// `+970312 ms ± 412 ms`.
pub fn offset_detail(offset_ms: i64, uncertainty_ms: u64) -> String {
    say!(
        "{offset} ms ± {uncertainty} ms",
        offset = format_args!("{:+}", offset_ms),
        uncertainty = uncertainty_ms
    )
}

/// How many samples agree: `5 of 6 agree`.
pub fn samples_detail(estimate: &Estimate) -> String {
    say!(
        "{agreeing} of {usable} agree",
        agreeing = estimate.samples_agreeing,
        usable = estimate.samples_usable
    )
}

/// The drift with its bounds, `+40.0 ppm (between +38.2 and +41.9, over 6 min)`, or, before
/// there is one, when it will be measured (after [`MIN_SPAN_MS`]).
pub fn drift_detail(drift: Option<Drift>) -> String {
    match drift {
        Some(drift) => say!(
            "{ppm} ppm (between {lower} and {upper}, over {span})",
            ppm = signed_local_decimal(drift.ppm(), 1),
            lower = signed_local_decimal(drift.lower_ppm, 1),
            upper = signed_local_decimal(drift.upper_ppm, 1),
            span = duration_words(drift.span_ms)
        ),
        None => say!(
            "measured after {span} with this page open",
            span = duration_in_full(MIN_SPAN_MS)
        ),
    }
}

/// The gauge in a sentence, for its accessible name: `Offset: 16 min 12 s fast (± 400 ms).
/// Amazon S3 accepts 15 min either way. The clock is outside the accepted range.`
/// `inside` is whether the measured interval lies in the service's window.
pub fn gauge_description(interval: &OffsetInterval, service: &Service, inside: bool) -> String {
    let offset = interval.midpoint_ms();
    let (duration, uncertainty) = (
        duration_words(offset),
        duration_words(interval.half_width_ms()),
    );
    let measured = if offset >= 0.0 {
        say!(
            "Offset: {duration} fast (± {uncertainty}).",
            duration,
            uncertainty
        )
    } else {
        say!(
            "Offset: {duration} slow (± {uncertainty}).",
            duration,
            uncertainty
        )
    };
    let (service, limit) = (service_name(service), tolerance_words(&service.tolerance));
    if inside {
        say!(
            "{measured} {service} accepts {limit}. The clock is inside the accepted range.",
            measured,
            service,
            limit
        )
    } else {
        say!(
            "{measured} {service} accepts {limit}. The clock is outside the accepted range.",
            measured,
            service,
            limit
        )
    }
}

/// `value` with its sign and `places` decimals, the decimal mark the spoken language's.
fn signed_local_decimal(value: f64, places: u8) -> String {
    let text = signed_fixed_point(value, places);
    match spoken().decimal_mark() {
        '.' => text,
        mark => text.replace('.', &mark.to_string()),
    }
}

/// The gauge's label at its slow end.
pub const GAUGE_SLOW: Words = Words("slow");

/// The gauge's label at its fast end.
pub const GAUGE_FAST: Words = Words("fast");

/// One label for both edges of a symmetric window: `±15 min`.
pub fn gauge_both_limits(limit_ms: f64) -> String {
    say!("±{limit}", limit = duration_words(limit_ms))
}

/// The label of the window's slow edge: `−15 min`.
pub fn gauge_slow_limit(limit_ms: f64) -> String {
    say!("−{limit}", limit = duration_words(limit_ms))
}

/// The label of the window's fast edge: `+5 min`.
pub fn gauge_fast_limit(limit_ms: f64) -> String {
    say!("+{limit}", limit = duration_words(limit_ms))
}
