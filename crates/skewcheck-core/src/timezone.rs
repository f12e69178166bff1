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
mod tests;
