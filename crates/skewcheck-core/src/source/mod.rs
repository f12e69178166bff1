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
//! - a JSON object carrying one of those under one of [`JSON_TIME_KEYS`], at its top level or
//!   in an object nested one or two levels deep, or a `timesync` server's `{"id", "result"}`;
//! - `key=value` lines (Cloudflare's `/cdn-cgi/trace`: `ts=1700000000.123`);
//! - XML or HTML with an epoch number in an attribute or element (time.gov's
//!   `<timestamp time="…"/>`).
//!
//! When a body carries several times (worldtimeapi.org: `unixtime` in whole seconds beside
//! `utc_datetime` in microseconds) the finest is read and the others cross-check it. A local
//! date and time without a UTC offset is never read as UTC. Beside a body's reading the same
//! response's `Date` header is a second reading of the same instant: the two are intersected.

mod body;
mod cache;
mod origin;
mod reading;

pub use body::{JSON_TIME_KEYS, KEY_VALUE_TIME_KEYS, MARKUP_TIME_KEYS, TIMESYNC_RESULT_KEY};
pub use cache::{
    AGE_HEADER, CACHE_STATUS_HEADERS, CacheAge, CacheEvidence, cache_evidence, reads_too_early,
};
pub use origin::{BodyFormat, EpochUnit, JsonValueKind, ReadingOrigin};
pub use reading::{DATE_HEADER_RESOLUTION_MS, ReferenceReading, SourceError};

#[cfg(test)]
mod tests;
