//! A time source's facts in words: where in an answer the time was read, why an answer
//! held none, and how a cache gave itself away.

use crate::decimal::fixed_point;
use crate::source::{
    BodyFormat, CacheEvidence, DATE_HEADER_RESOLUTION_MS, EpochUnit, ReadingOrigin, SourceError,
};
use crate::words::quote::quoted;

/// Where a reading came from, for people: "the HTTP Date header (1 s resolution)", "the
/// JSON field “unixtime”".
pub fn reading_origin_words(origin: &ReadingOrigin) -> String {
    // Written by `fixed_point`, not `{}`: core's `f64` formatting would add ~4 KiB of wasm.
    let resolution_s = fixed_point(DATE_HEADER_RESOLUTION_MS / 1000.0, 0);
    match origin {
        ReadingOrigin::DateHeader => format!("the HTTP Date header ({resolution_s} s resolution)"),
        ReadingOrigin::Body(format) => body_format_words(*format),
        ReadingOrigin::DateHeaderNotLocalTime(key) => format!(
            "the HTTP Date header ({resolution_s} s resolution; the body’s “{key}” is a local time without a UTC offset, never read as UTC)"
        ),
    }
}

/// Where in a body a time was: "epoch milliseconds in the body", "the line “ts=” of the
/// body".
fn body_format_words(format: BodyFormat) -> String {
    match format {
        BodyFormat::EpochNumber(unit) => format!("epoch {} in the body", epoch_unit_words(unit)),
        BodyFormat::Rfc3339 => "an RFC 3339 timestamp in the body".to_owned(),
        BodyFormat::JsonField(key, _) => format!("the JSON field “{key}”"),
        BodyFormat::KeyValue(key, _) => format!("the line “{key}=” of the body"),
        BodyFormat::Markup(key, _) => format!("the markup “{key}” in the body"),
    }
}

/// The unit's name, plural.
fn epoch_unit_words(unit: EpochUnit) -> &'static str {
    match unit {
        EpochUnit::Seconds => "seconds",
        EpochUnit::Milliseconds => "milliseconds",
        EpochUnit::Microseconds => "microseconds",
        EpochUnit::Nanoseconds => "nanoseconds",
    }
}

/// Why an answer could not serve as a time reference, as a sentence without its final
/// stop (lower-case start, to follow other words).
pub fn source_error_words(error: &SourceError) -> String {
    match error {
        SourceError::NoTime => "the response carried no time: its body is not a timestamp we understand and its Date header is missing or hidden (a cross-origin endpoint must send “Access-Control-Expose-Headers: Date”)".to_owned(),
        SourceError::BadDateHeader(value) => {
            format!("the Date header {} is not a valid HTTP date", quoted(value))
        }
        SourceError::Implausible(said) => format!(
            "the time source said {}, which is not a plausible current time",
            quoted(said)
        ),
        SourceError::LocalTimeOnly(key) => format!(
            "the time source's “{key}” is a local time without a UTC offset: reading it as UTC would be wrong by the time zone's offset, and the response carried no readable Date header to use instead"
        ),
        SourceError::BodyDisagrees {
            finer,
            coarser,
            difference_ms,
        } => format!(
            "the time source's body contradicts itself: {} and {} differ by {difference_ms} ms, more than their resolutions allow",
            body_format_words(*finer),
            body_format_words(*coarser)
        ),
        SourceError::UnreadableAge(age) => format!(
            "the answer came from a cache whose {} is not a number of seconds, so the time it shows cannot be placed",
            quoted(&format!("Age: {age}"))
        ),
    }
}

/// How a cache showed itself, in words that follow "a cache answered (…)": `it carried
/// “Age: 300”`.
pub fn cache_evidence_words(evidence: &CacheEvidence) -> String {
    match evidence {
        CacheEvidence::Age(age) => format!("it carried {}", quoted(&format!("Age: {age}"))),
        CacheEvidence::CacheStatus { name, value } => {
            format!("it carried {}", quoted(&format!("{name}: {value}")))
        }
        CacheEvidence::TimeStoodStill => {
            "its time stood still while this device's clock moved on".to_owned()
        }
    }
}
