//! Catching a cache's frozen copy: a server's time advances with the device's monotonic
//! clock, so two readings that cannot both be true give a stale copy away.

use crate::sample::Sample;
use crate::source::{CacheEvidence, ReferenceReading, reads_too_early};

/// What the collector learnt about a cache between the page and its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheSeen {
    /// How the cache showed itself (e.g. the `Age: 30` it carried).
    pub evidence: CacheEvidence,
    /// Whether a frozen copy was caught (and its samples discarded).
    pub frozen: bool,
}

/// Slack for comparing two readings against the monotonic time between them: the
/// monotonic clock's resolution plus rounding.
const FREEZE_TOLERANCE_MS: f64 = 2.0;

/// The reading of a frozen copy, if `sample` repeats a kept reading that the monotonic
/// clock has since moved past by more than the reading's width.
pub(super) fn frozen_copy(samples: &[Sample], sample: &Sample) -> Option<ReferenceReading> {
    let sent = sample.timing.monotonic_sent_ms;
    // Only a repeated reading gives a copy away: a single reading from the future (a faulty
    // source) would otherwise make every true one after it look stale. Marzullo's vote
    // deals with that one instead.
    samples
        .iter()
        .filter(|kept| kept.reference == sample.reference)
        .find_map(|kept| {
            let received = kept.timing.monotonic_sent_ms + kept.timing.round_trip_ms;
            let (earlier, later) = if received <= sent {
                (kept, sample)
            } else if sample.timing.monotonic_sent_ms + sample.timing.round_trip_ms
                <= kept.timing.monotonic_sent_ms
            {
                (sample, kept)
            } else {
                return None;
            };
            let earlier_received = earlier.timing.monotonic_sent_ms + earlier.timing.round_trip_ms;
            reads_too_early(
                &earlier.reference,
                earlier_received,
                &later.reference,
                later.timing.monotonic_sent_ms,
                FREEZE_TOLERANCE_MS + earlier.timing.granularity_ms + later.timing.granularity_ms,
            )
            .then_some(later.reference)
        })
}
