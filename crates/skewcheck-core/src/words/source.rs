//! A time source's facts in words: where in an answer the time was read, why an answer
//! held none, and how a cache gave itself away.

use crate::source::{
    AGE_HEADER, BodyFormat, CacheEvidence, DATE_HEADER_RESOLUTION_MS, EpochUnit, ReadingOrigin,
    SourceError,
};
use crate::words::catalogue::{Words, local_decimal};
use crate::words::quote::quoted;

/// Where a reading came from, for people: "the HTTP Date header (1 s resolution)", "the
/// JSON field “unixtime”".
pub fn reading_origin_words(origin: &ReadingOrigin) -> String {
    // Written by `local_decimal`, not `{}`: core's `f64` formatting would add ~4 KiB of wasm.
    let resolution = local_decimal(DATE_HEADER_RESOLUTION_MS / 1000.0, 0);
    match origin {
        ReadingOrigin::DateHeader => {
            say!(
                "the HTTP Date header ({resolution} s resolution)",
                resolution
            )
        }
        ReadingOrigin::Body(format) => body_format_words(*format),
        ReadingOrigin::DateHeaderNotLocalTime(key) => say!(
            "the HTTP Date header ({resolution} s resolution; the body’s “{key}” is a local time without a UTC offset, never read as UTC)",
            resolution,
            key
        ),
    }
}

/// Where in a body a time was: "epoch milliseconds in the body", "the line “ts=” of the
/// body".
fn body_format_words(format: BodyFormat) -> String {
    match format {
        BodyFormat::EpochNumber(unit) => epoch_words(unit).text(),
        BodyFormat::Rfc3339 => Words("an RFC 3339 timestamp in the body").text(),
        BodyFormat::JsonField(key, _) => say!("the JSON field “{key}”", key),
        BodyFormat::KeyValue(key, _) => say!("the line “{key}=” of the body", key),
        BodyFormat::Markup(key, _) => say!("the markup “{key}” in the body", key),
    }
}

/// An epoch number of `unit` in the body, in words.
fn epoch_words(unit: EpochUnit) -> Words {
    match unit {
        EpochUnit::Seconds => Words("epoch seconds in the body"),
        EpochUnit::Milliseconds => Words("epoch milliseconds in the body"),
        EpochUnit::Microseconds => Words("epoch microseconds in the body"),
        EpochUnit::Nanoseconds => Words("epoch nanoseconds in the body"),
    }
}

/// A header line as the server sent it, quoted as its words: `“Age: 300”`. The header's
/// name is a name, never translated.
fn quoted_header(name: &str, value: &str) -> String {
    quoted(&[name, ": ", value].concat())
}

/// Why an answer could not serve as a time reference, as a sentence without its final
/// stop (lower-case start, to follow other words).
pub fn source_error_words(error: &SourceError) -> String {
    match error {
        SourceError::NoTime => Words("the response carried no time: its body is not a timestamp we understand and its Date header is missing or hidden (a cross-origin endpoint must send “Access-Control-Expose-Headers: Date”)").text(),
        SourceError::BadDateHeader(value) => say!(
            "the Date header {value} is not a valid HTTP date",
            value = quoted(value)
        ),
        SourceError::Implausible(said) => say!(
            "the time source said {said}, which is not a plausible current time",
            said = quoted(said)
        ),
        SourceError::LocalTimeOnly(key) => say!(
            "the time source's “{key}” is a local time without a UTC offset: reading it as UTC would be wrong by the time zone's offset, and the response carried no readable Date header to use instead",
            key
        ),
        SourceError::BodyDisagrees {
            finer,
            coarser,
            difference_ms,
        } => say!(
            "the time source's body contradicts itself: {finer} and {coarser} differ by {difference} ms, more than their resolutions allow",
            finer = body_format_words(*finer),
            coarser = body_format_words(*coarser),
            difference = difference_ms
        ),
        SourceError::UnreadableAge(age) => say!(
            "the answer came from a cache whose {header} is not a number of seconds, so the time it shows cannot be placed",
            header = quoted_header(AGE_HEADER, age)
        ),
    }
}

/// How a cache showed itself, in words that follow "a cache answered (…)": `it carried
/// “Age: 300”`.
pub fn cache_evidence_words(evidence: &CacheEvidence) -> String {
    match evidence {
        CacheEvidence::Age(age) => say!(
            "it carried {header}",
            header = quoted_header(AGE_HEADER, age)
        ),
        CacheEvidence::CacheStatus { name, value } => {
            say!("it carried {header}", header = quoted_header(name, value))
        }
        CacheEvidence::TimeStoodStill => {
            Words("its time stood still while this device's clock moved on").text()
        }
    }
}
