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

use super::{ReferenceReading, SourceError};

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
                .map_err(|_| SourceError::UnreadableAge(super::shorten(value))),
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

/// What the page's owner should change when a cache answered, for the details.
pub fn cache_sentence(evidence: &str, frozen: bool) -> String {
    let what = if frozen {
        "The web host's cache kept answering with the same stored time"
    } else {
        "The web host's cache answered instead of the server, so its time is only known within its age"
    };
    format!(
        "{what} ({evidence}). Whoever runs this page can make the check exact: exclude this page (or the time endpoint) from caching, or include the query string in the cache key."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::ReadingOrigin;

    fn date(earliest_ms: f64) -> ReferenceReading {
        ReferenceReading {
            earliest_ms,
            latest_ms: earliest_ms + 1000.0,
            origin: ReadingOrigin::DateHeader,
        }
    }

    #[test]
    fn an_age_widens_the_reading_by_the_age_plus_its_truncation() {
        let reading = date(10_000.0).served_after(CacheAge::Seconds(30));
        assert_eq!(reading.earliest_ms, 10_000.0);
        assert_eq!(reading.latest_ms, 10_000.0 + 1000.0 + 31_000.0);
        assert_eq!(
            date(10_000.0).served_after(CacheAge::Seconds(0)),
            date(10_000.0)
        );
        assert_eq!(
            date(10_000.0).served_after(CacheAge::Absent),
            date(10_000.0)
        );
    }

    #[test]
    fn age_headers_are_read_or_refused() {
        assert_eq!(CacheAge::from_header(None), Ok(CacheAge::Absent));
        assert_eq!(
            CacheAge::from_header(Some(" 7200 ")),
            Ok(CacheAge::Seconds(7200))
        );
        assert!(matches!(
            CacheAge::from_header(Some("soon")),
            Err(SourceError::UnreadableAge(_))
        ));
        let huge = date(0.0).served_after(CacheAge::Seconds(u64::MAX));
        assert!(huge.latest_ms.is_finite());
    }

    #[test]
    fn a_frozen_date_is_caught_once_the_monotonic_clock_has_moved_on() {
        let first = date(10_000.0);
        // The same Date 500 ms later is fine (same second), 1.5 s later it cannot be.
        assert!(!reads_too_early(&first, 0.0, &first, 500.0, 1.0));
        assert!(reads_too_early(&first, 0.0, &first, 1_500.0, 1.0));
        // A reading that advanced with time is never flagged.
        assert!(!reads_too_early(&first, 0.0, &date(11_000.0), 1_500.0, 1.0));
    }
}
