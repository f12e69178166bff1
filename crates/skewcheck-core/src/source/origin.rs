//! Where in a response a reading came from, and in which shape: the facts that explain a
//! result (the words for them are [`crate::words::reading_origin_words`]).

/// Where a reading came from, for explaining the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingOrigin {
    /// The HTTP `Date` response header (1 s resolution, truncated).
    DateHeader,
    /// The response body, in the given format.
    Body(BodyFormat),
    /// The `Date` header, because the body's only time (under this key) is a local date and
    /// time without a UTC offset, which is never read as UTC.
    DateHeaderNotLocalTime(&'static str),
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
    /// A `key=value` line with the time under this key (Cloudflare's trace `ts=`).
    KeyValue(&'static str, JsonValueKind),
    /// An XML or HTML attribute or element of this name holding an epoch number.
    Markup(&'static str, JsonValueKind),
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
    pub(super) fn classify(value: f64) -> Self {
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

    pub(super) fn milliseconds_per_unit(self) -> f64 {
        match self {
            Self::Seconds => 1000.0,
            Self::Milliseconds => 1.0,
            Self::Microseconds => 1e-3,
            Self::Nanoseconds => 1e-6,
        }
    }
}
