//! Answers served by a cache between the page and its time source.
//!
//! A shared cache (a CDN such as CloudFront, Varnish, a proxy) may answer a request with a
//! stored copy. Such an answer is still evidence: by RFC 9111 §5.1 its `Age` says how long
//! ago the origin produced it, so the time at which it was served lies in
//! `[Date, Date + Age + 1 s]` — whether the cache kept the origin's `Date` (the copy's
//! creation) or rewrote it (then it is later still, but never after "now"). The `+ 1 s`
//! covers `Age`'s truncation to whole seconds. A cache that sends no `Age` is caught by
//! [`reads_too_early`]: its frozen `Date` stops advancing while the device's monotonic
//! clock does.

use super::reading::{ReferenceReading, SourceError, shorten};

/// The `Age` header's name as messages show it, beside its value (`Age: 300`): a header
/// name, the same in every language.
pub const AGE_HEADER: &str = "Age";

/// What `Age` says about an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheAge {
    /// No `Age` header: fresh, or a cache that does not say (caught by [`reads_too_early`]).
    Absent,
    /// A copy this many whole seconds old (`Age: 0` is a cache that just fetched it).
    Seconds(u64),
}

impl CacheAge {
    /// Reads an `Age` header; one that is not a number of seconds leaves the answer's age
    /// unknown, and its time cannot be bounded.
    pub fn from_header(age: Option<&str>) -> Result<Self, SourceError> {
        match age.map(str::trim) {
            None => Ok(Self::Absent),
            Some(value) => value
                .parse::<u64>()
                .map(Self::Seconds)
                .map_err(|_| SourceError::UnreadableAge(shorten(value))),
        }
    }
}

impl ReferenceReading {
    /// The reading of an answer that may have been stored for `age`: the time it was served
    /// lies up to `Age + 1 s` after the time it shows (module docs).
    #[must_use]
    pub fn served_after(self, age: CacheAge) -> Self {
        match age {
            CacheAge::Absent | CacheAge::Seconds(0) => self,
            CacheAge::Seconds(seconds) => {
                // Beyond ~3·10^11 years an age means nothing; saturating keeps it finite.
                let stored_ms = f64::from(u32::try_from(seconds).unwrap_or(u32::MAX)) * 1000.0;
                Self {
                    latest_ms: self.latest_ms + stored_ms + 1000.0,
                    ..self
                }
            }
        }
    }
}

/// Whether a reading taken later (`later`, sent at monotonic `later_sent_ms`) shows an
/// earlier server time than an earlier reading (`earlier`, answered by monotonic
/// `earlier_received_ms`) allows: the server's time advances with the device's monotonic
/// clock, so `later.latest − earlier.earliest ≥ later_sent − earlier_received` for any two
/// true readings. When it fails, the later one is a stale copy: caches only ever show older
/// times. `tolerance_ms` covers the monotonic clock's granularity.
pub fn reads_too_early(
    earlier: &ReferenceReading,
    earlier_received_ms: f64,
    later: &ReferenceReading,
    later_sent_ms: f64,
    tolerance_ms: f64,
) -> bool {
    let elapsed_at_least = later_sent_ms - earlier_received_ms - tolerance_ms;
    later.latest_ms - earlier.earliest_ms < elapsed_at_least
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

/// How a cache showed itself: the header it carried (with its value, shortened to quote),
/// or a time that stood still. The words for it are
/// [`crate::words::cache_evidence_words`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheEvidence {
    /// An `Age` header other than `Age: 0`, with its value.
    Age(String),
    /// One of [`CACHE_STATUS_HEADERS`] (by its lower-case name) with a `hit` or `stale`
    /// token in its value.
    CacheStatus {
        /// The header's name, as looked up.
        name: String,
        /// Its value.
        value: String,
    },
    /// No header said so, but the answers' time stood still while the device's monotonic
    /// clock moved on ([`reads_too_early`]).
    TimeStoodStill,
}

/// Evidence that a response came from a cache rather than from the source just now (e.g.
/// it carried `Age: 300`); `None` when there is none.
///
/// `age` is the `Age` header; `cache_status` holds the values of [`CACHE_STATUS_HEADERS`]
/// that were present. A cached answer is still used, as the wider interval its `Age`
/// allows ([`CacheAge`]); the evidence names the cache on the page.
pub fn cache_evidence(
    age: Option<&str>,
    cache_status: &[(&str, impl AsRef<str>)],
) -> Option<CacheEvidence> {
    if let Some(age) = age.map(str::trim) {
        // Age: 0 is what a cache sends for a response it just fetched: not stale.
        if age.parse::<u64>().map_or(true, |seconds| seconds > 0) {
            return Some(CacheEvidence::Age(shorten(age)));
        }
    }
    cache_status.iter().find_map(|(name, value)| {
        let value = value.as_ref();
        let served_from_cache = value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|token| token.eq_ignore_ascii_case("hit") || token.eq_ignore_ascii_case("stale"));
        served_from_cache.then(|| CacheEvidence::CacheStatus {
            name: (*name).to_owned(),
            value: shorten(value),
        })
    })
}

#[cfg(test)]
mod tests;
