//! Reading a reference time out of an HTTP response.
//!
//! A time source answers with a body, a `Date` header, or both. Every reading becomes an
//! interval of server times ([`ReferenceReading`]) because sources truncate or round: a
//! `Date` header stamped `…:25` was produced somewhere in `[…:25.000, …:26.000)`.
//!
//! Accepted bodies (surrounding white space ignored):
//! - a bare number: epoch seconds (`1700000000`, or nginx `$msec` `1700000000.123`), epoch
//!   milliseconds, microseconds or nanoseconds, told apart by magnitude;
//! - an RFC 3339 timestamp (`2023-11-14T22:13:20.123Z`, any offset);
//! - either of those as a JSON string;
//! - a JSON object carrying one of those under one of [`JSON_TIME_KEYS`].

mod cache;

pub use cache::{CacheAge, cache_sentence, reads_too_early};

use super::humanize::parse_decimal;
use super::{plausible, text};
use serde_json::Value;
use std::time::UNIX_EPOCH;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// JSON keys searched for a time, in this order. Numbers are classified by magnitude like a
/// bare number; strings may hold a number or an RFC 3339 timestamp.
pub const JSON_TIME_KEYS: [&str; 10] = [
    "epoch_ms",
    "unixtime",
    "timestamp",
    "now",
    "time",
    "utc_datetime",
    "dateTime",
    "datetime",
    "epoch",
    "serverTime",
];

/// The most chars of a server's text (a body, a header) quoted in a message: keeps hostile
/// bodies from flooding the page with text.
const MAX_QUOTED_CHARS: usize = 80;
/// Resolution of an HTTP `Date` header.
const DATE_HEADER_RESOLUTION_MS: f64 = 1000.0;

/// Where a reading came from, for explaining the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingOrigin {
    /// The HTTP `Date` response header (1 s resolution, truncated).
    DateHeader,
    /// The response body, in the given format.
    Body(BodyFormat),
}

/// The shape of a body that carried a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// A bare number of seconds, milliseconds, microseconds or nanoseconds since the epoch.
    EpochNumber(EpochUnit),
    /// An RFC 3339 timestamp.
    Rfc3339,
    /// A JSON object with the time under this key.
    JsonField(&'static str, JsonValueKind),
}

/// What a JSON time field held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonValueKind {
    /// A number (or numeric string) of this unit since the epoch.
    Epoch(EpochUnit),
    /// An RFC 3339 string.
    Rfc3339,
}

/// Unit of an epoch number, inferred from its magnitude.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpochUnit {
    /// Seconds since 1970 (below 10^11).
    Seconds,
    /// Milliseconds since 1970 (below 10^14).
    Milliseconds,
    /// Microseconds since 1970 (below 10^17).
    Microseconds,
    /// Nanoseconds since 1970.
    Nanoseconds,
}

impl EpochUnit {
    fn classify(value: f64) -> Self {
        let magnitude = value.abs();
        if magnitude < 1e11 {
            Self::Seconds
        } else if magnitude < 1e14 {
            Self::Milliseconds
        } else if magnitude < 1e17 {
            Self::Microseconds
        } else {
            Self::Nanoseconds
        }
    }

    fn milliseconds_per_unit(self) -> f64 {
        match self {
            Self::Seconds => 1000.0,
            Self::Milliseconds => 1.0,
            Self::Microseconds => 1e-3,
            Self::Nanoseconds => 1e-6,
        }
    }
}

impl ReadingOrigin {
    /// A short description for people, e.g. "the Date header" or "JSON field “unixtime”".
    pub fn describe(&self) -> String {
        match self {
            Self::DateHeader => "the HTTP Date header (1 s resolution)".to_owned(),
            Self::Body(BodyFormat::EpochNumber(unit)) => {
                format!("epoch {} in the body", unit_name(*unit))
            }
            Self::Body(BodyFormat::Rfc3339) => "an RFC 3339 timestamp in the body".to_owned(),
            Self::Body(BodyFormat::JsonField(key, _)) => format!("the JSON field “{key}”"),
        }
    }
}

fn unit_name(unit: EpochUnit) -> &'static str {
    match unit {
        EpochUnit::Seconds => "seconds",
        EpochUnit::Milliseconds => "milliseconds",
        EpochUnit::Microseconds => "microseconds",
        EpochUnit::Nanoseconds => "nanoseconds",
    }
}

/// The server time a response vouches for, as the interval it must lie in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReferenceReading {
    /// Earliest server time (ms since the Unix epoch) consistent with the response.
    pub earliest_ms: f64,
    /// Latest server time consistent with the response.
    pub latest_ms: f64,
    /// Which part of the response it came from.
    pub origin: ReadingOrigin,
}

impl ReferenceReading {
    /// The reading of a `Date` header: servers truncate to the second, so the true time
    /// lies in `[D, D + 1 s)`.
    pub fn from_date_header(value: &str) -> Result<Self, SourceError> {
        let stamp = httpdate::parse_http_date(value.trim())
            .map_err(|_| SourceError::BadDateHeader(value.to_owned()))?;
        let seconds = stamp
            .duration_since(UNIX_EPOCH)
            .map_err(|_| SourceError::BadDateHeader(value.to_owned()))?
            .as_secs_f64();
        let earliest_ms = seconds * 1000.0;
        check_plausible(earliest_ms, value)?;
        Ok(Self {
            earliest_ms,
            latest_ms: earliest_ms + DATE_HEADER_RESOLUTION_MS,
            origin: ReadingOrigin::DateHeader,
        })
    }

    /// The reading of a response body, if the body carries a time.
    ///
    /// We cannot know whether a body value was rounded or truncated, so the interval is one
    /// resolution step on either side of the value.
    pub fn from_body(body: &str) -> Result<Option<Self>, SourceError> {
        let Some(parsed) = parse_body(body.trim()) else {
            return Ok(None);
        };
        check_plausible(parsed.value_ms, body)?;
        Ok(Some(Self {
            earliest_ms: parsed.value_ms - parsed.resolution_ms,
            latest_ms: parsed.value_ms + parsed.resolution_ms,
            origin: ReadingOrigin::Body(parsed.format),
        }))
    }

    /// The best reading a response offers: its body when that carries a time, else its `Date`
    /// header.
    pub fn from_response(
        body: Option<&str>,
        date_header: Option<&str>,
    ) -> Result<Self, SourceError> {
        if let Some(reading) = body.map(Self::from_body).transpose()?.flatten() {
            return Ok(reading);
        }
        match date_header {
            Some(value) => Self::from_date_header(value),
            None => Err(SourceError::NoTime),
        }
    }

    /// Midpoint of the interval.
    pub fn midpoint_ms(&self) -> f64 {
        (self.earliest_ms + self.latest_ms) / 2.0
    }
}

/// Why a response could not serve as a time reference.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SourceError {
    /// Neither a usable body nor a readable `Date` header.
    #[error(
        "the response carried no time: its body is not a timestamp we understand and its Date header is missing or hidden (a cross-origin endpoint must send “Access-Control-Expose-Headers: Date”)"
    )]
    NoTime,
    /// A `Date` header that is not an HTTP date.
    #[error("the Date header “{0}” is not a valid HTTP date")]
    BadDateHeader(String),
    /// A time that cannot be the present (before 2000 or after 2200).
    #[error("the time source said “{0}”, which is not a plausible current time")]
    Implausible(String),
    /// A cache's `Age` header that is not a number of seconds: the answer's age is unknown.
    #[error(
        "the answer came from a cache whose “Age: {0}” is not a number of seconds, so the time it shows cannot be placed"
    )]
    UnreadableAge(String),
}

/// Response headers that reveal a cache answered (checked case-insensitively for a `hit`
/// or `stale` token): de-facto CDN headers and RFC 9211 `Cache-Status`.
pub const CACHE_STATUS_HEADERS: [&str; 5] = [
    "x-cache",
    "x-cache-status",
    "cf-cache-status",
    "cache-status",
    "x-proxy-cache",
];

/// Evidence that a response came from a cache rather than from the source just now, in
/// words for the page (e.g. `it carried “Age: 300”`); `None` when there is none.
///
/// `age` is the `Age` header; `cache_status` holds the values of [`CACHE_STATUS_HEADERS`]
/// that were present. A cached answer is still used, as the wider interval its `Age`
/// allows ([`CacheAge`]); these words name the cache on the page.
pub fn cache_evidence(
    age: Option<&str>,
    cache_status: &[(&str, impl AsRef<str>)],
) -> Option<String> {
    if let Some(age) = age.map(str::trim) {
        // Age: 0 is what a cache sends for a response it just fetched: not stale.
        if age.parse::<u64>().map_or(true, |seconds| seconds > 0) {
            return Some(format!("it carried “Age: {}”", shorten(age)));
        }
    }
    cache_status.iter().find_map(|(name, value)| {
        let value = value.as_ref();
        let served_from_cache = value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|token| token.eq_ignore_ascii_case("hit") || token.eq_ignore_ascii_case("stale"));
        served_from_cache.then(|| format!("it carried “{name}: {}”", shorten(value)))
    })
}

struct ParsedBody {
    value_ms: f64,
    resolution_ms: f64,
    format: BodyFormat,
}

fn check_plausible(value_ms: f64, raw: &str) -> Result<(), SourceError> {
    if plausible::is_plausible(value_ms) {
        Ok(())
    } else {
        Err(SourceError::Implausible(shorten(raw)))
    }
}

/// A server's text, cleaned and short enough to quote.
fn shorten(raw: &str) -> String {
    text::clean(raw, MAX_QUOTED_CHARS)
}

fn parse_body(body: &str) -> Option<ParsedBody> {
    if body.starts_with('{') || body.starts_with('"') {
        return parse_json(body);
    }
    parse_scalar(body).map(|(value_ms, resolution_ms, kind)| ParsedBody {
        value_ms,
        resolution_ms,
        format: match kind {
            JsonValueKind::Epoch(unit) => BodyFormat::EpochNumber(unit),
            JsonValueKind::Rfc3339 => BodyFormat::Rfc3339,
        },
    })
}

fn parse_json(body: &str) -> Option<ParsedBody> {
    let value: Value = serde_json::from_str(body).ok()?;
    if let Value::String(text) = &value {
        return parse_body(text.trim());
    }
    let object = value.as_object()?;
    JSON_TIME_KEYS.iter().find_map(|key| {
        let (value_ms, resolution_ms, kind) = match object.get(*key)? {
            Value::Number(number) => parse_epoch_number(&number.to_string())?,
            Value::String(text) => parse_scalar(text.trim())?,
            _ => return None,
        };
        Some(ParsedBody {
            value_ms,
            resolution_ms,
            format: BodyFormat::JsonField(key, kind),
        })
    })
}

/// A number or an RFC 3339 timestamp: `(value_ms, resolution_ms, kind)`.
fn parse_scalar(text: &str) -> Option<(f64, f64, JsonValueKind)> {
    parse_epoch_number(text).or_else(|| parse_rfc3339(text))
}

fn parse_epoch_number(text: &str) -> Option<(f64, f64, JsonValueKind)> {
    // Digits with at most one decimal point; no signs, exponents, or "NaN"/"inf" that f64
    // parsing would otherwise accept.
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || whole.len() > 20 {
        return None;
    }
    let value = parse_decimal(text)?;
    let unit = EpochUnit::classify(value);
    let per_unit = unit.milliseconds_per_unit();
    // One step of the last printed digit, but never finer than a microsecond.
    let digits = i32::try_from(fraction.len()).ok()?;
    let resolution_ms = (per_unit * 10f64.powi(-digits)).max(1e-3);
    Some((value * per_unit, resolution_ms, JsonValueKind::Epoch(unit)))
}

fn parse_rfc3339(text: &str) -> Option<(f64, f64, JsonValueKind)> {
    let stamp = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    let value_ms = stamp.unix_timestamp_nanos() as f64 / 1e6;
    let resolution_ms = match rfc3339_fraction_digits(text) {
        0 => 1000.0,
        digits => {
            let digits = i32::try_from(digits.min(9)).unwrap_or(9);
            (1000.0 * 10f64.powi(-digits)).max(1e-3)
        }
    };
    Some((value_ms, resolution_ms, JsonValueKind::Rfc3339))
}

fn rfc3339_fraction_digits(text: &str) -> usize {
    text.split_once('.')
        .map(|(_, rest)| rest.bytes().take_while(u8::is_ascii_digit).count())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
