//! An answer's `Age`, a frozen `Date` and the reading widened by its age.

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
