//! Is the offset a time-zone mistake?
//!
//! A clock that is off by (almost exactly) a whole number of hours — or a half or quarter
//! hour, which some zones use (India +5:30, Nepal +5:45) — was usually not left to drift:
//! its time zone is set wrong and someone corrected the wall-clock time by hand. Turning on
//! automatic time alone then does not help; the time zone must be fixed.

use super::sample::OffsetInterval;

/// Zone offsets come in quarter hours.
const QUARTER_HOUR_MS: f64 = 900_000.0;
/// Hand-set clocks are set to the minute, by eye: allow that much on top of the uncertainty.
const HAND_SET_TOLERANCE_MS: f64 = 120_000.0;
/// Below half an hour a quarter-hour offset is as likely plain drift (the incident behind
/// skewcheck was 15.5 min) — no hint.
const SMALLEST_ZONE_ERROR_MS: f64 = 1_800_000.0;

/// A likely time-zone mistake; the page's words for it are
/// [`crate::words::zone_hint_sentence`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoneHint {
    /// The whole zone difference, in ms (a multiple of 15 min; positive = device fast).
    pub zone_offset_ms: f64,
}

/// The hint for a measured offset, if the offset looks like a zone mistake: within the
/// hand-set tolerance (plus the measurement's uncertainty) of a non-zero multiple of 15 min,
/// at least half an hour, and at most 26 hours (the widest gap between two zones).
pub fn zone_hint(interval: &OffsetInterval) -> Option<ZoneHint> {
    let offset = interval.midpoint_ms();
    let quarters = (offset / QUARTER_HOUR_MS).round();
    let zone_offset_ms = quarters * QUARTER_HOUR_MS;
    let close = (offset - zone_offset_ms).abs() <= HAND_SET_TOLERANCE_MS + interval.half_width_ms();
    let plausible = (SMALLEST_ZONE_ERROR_MS..=26.0 * 3_600_000.0).contains(&zone_offset_ms.abs());
    (close && plausible).then_some(ZoneHint { zone_offset_ms })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: f64 = 60_000.0;
    const HOUR: f64 = 3_600_000.0;

    fn hint(offset_ms: f64) -> Option<ZoneHint> {
        zone_hint(&OffsetInterval::around(offset_ms, 200.0))
    }

    #[test]
    fn whole_hours_either_way_are_zone_mistakes() {
        for hours in [1.0, 2.0, 9.0, -1.0, -5.0, 12.0, -12.0, 14.0] {
            assert_eq!(
                hint(hours * HOUR + 23_000.0).map(|h| h.zone_offset_ms),
                Some(hours * HOUR),
                "{hours}"
            );
        }
    }

    #[test]
    fn edges_of_the_hand_set_tolerance() {
        assert!(hint(HOUR + 2.0 * MIN - 1_000.0).is_some(), "1 h 1 min 59 s");
        assert!(hint(HOUR - 2.0 * MIN + 1_000.0).is_some(), "58 min 1 s");
        assert!(hint(HOUR + 2.0 * MIN + 1_000.0).is_none(), "1 h 2 min 1 s");
        assert!(hint(HOUR - 2.0 * MIN - 1_000.0).is_none(), "57 min 59 s");
        // A wide measurement stretches the tolerance by its uncertainty.
        assert!(zone_hint(&OffsetInterval::around(HOUR + 2.5 * MIN, 40_000.0)).is_some());
    }

    #[test]
    fn small_or_absurd_offsets_are_not_zone_mistakes() {
        for offset in [
            0.0,
            3_000.0,
            14.0 * MIN,
            15.0 * MIN,
            15.5 * MIN,
            16.0 * MIN,
            -15.0 * MIN,
            27.0 * HOUR,
            400.0 * HOUR,
        ] {
            assert!(hint(offset).is_none(), "{offset}");
        }
        assert!(hint(20.0 * MIN).is_none(), "20 min is between quarters");
    }
}
