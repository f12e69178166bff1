//! Durations, offsets and tolerances in compact words.

use crate::decimal::fixed_point;
use crate::estimate::Estimate;
use crate::verdict::{Limit, Tolerance};

/// A duration in compact words: `450 ms`, `3.2 s`, `42 s`, `16 min 12 s`, `2 h 5 min`.
/// The sign is ignored.
pub fn duration_words(ms: f64) -> String {
    let ms = ms.abs();
    if !ms.is_finite() {
        return "an unknown time".to_owned();
    }
    if ms < 999.5 {
        return format!("{} ms", fixed_point(ms, 0));
    }
    if ms < 9_950.0 {
        return format!("{} s", fixed_point(ms / 1000.0, 1));
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "finite, ≥ 0; `as` saturates"
    )]
    let seconds = (ms / 1000.0).round() as u64;
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3_600 => with_remainder(seconds / 60, "min", seconds % 60, "s"),
        3_600..86_400 => with_remainder(seconds / 3_600, "h", seconds % 3_600 / 60, "min"),
        _ => with_remainder(seconds / 86_400, "d", seconds % 86_400 / 3_600, "h"),
    }
}

/// A whole number of hours, minutes or seconds spelled out, for running text: `2 minutes`,
/// `1 hour`, `30 seconds`; any other duration as [`duration_words`]. The sign is ignored.
pub fn duration_in_full(ms: f64) -> String {
    let ms = ms.abs();
    let units = [
        (3_600_000.0, "hour", "hours"),
        (60_000.0, "minute", "minutes"),
        (1_000.0, "second", "seconds"),
    ];
    for (unit_ms, one, many) in units {
        if ms >= unit_ms && ms % unit_ms == 0.0 {
            let count = ms / unit_ms;
            return if count == 1.0 {
                format!("1 {one}")
            } else {
                format!("{} {many}", fixed_point(count, 0))
            };
        }
    }
    duration_words(ms)
}

fn with_remainder(major: u64, major_unit: &str, minor: u64, minor_unit: &str) -> String {
    if minor == 0 {
        format!("{major} {major_unit}")
    } else {
        format!("{major} {major_unit} {minor} {minor_unit}")
    }
}

/// How far off the clock is, in words: [`offset_words`] for an estimate.
pub fn offset_phrase(estimate: &Estimate) -> String {
    offset_words(estimate.offset_ms(), estimate.uncertainty_ms())
}

/// How far off the clock is, in words: `16 min 12 s fast`, `3.0 s slow`, or
/// `right to within 400 ms` when the uncertainty covers zero, so the measurement cannot
/// tell fast from slow. `offset_ms` is device − reference.
pub fn offset_words(offset_ms: f64, uncertainty_ms: f64) -> String {
    if offset_ms.abs() <= uncertainty_ms {
        return format!("right to within {}", duration_words(uncertainty_ms));
    }
    let direction = if offset_ms > 0.0 { "fast" } else { "slow" };
    format!("{} {direction}", duration_words(offset_ms))
}

/// [`offset_words`] followed by the uncertainty when the direction is known:
/// `16 min 12 s fast (± 400 ms)`, but `right to within 400 ms`.
pub fn offset_words_with_uncertainty(offset_ms: f64, uncertainty_ms: f64) -> String {
    let words = offset_words(offset_ms, uncertainty_ms);
    if offset_ms.abs() <= uncertainty_ms {
        words
    } else {
        format!("{words} (± {})", duration_words(uncertainty_ms))
    }
}

/// The tolerance in words: `15 min either way`, `5 min fast or 15 min slow`,
/// `typically 1 h slow (being fast does not matter)`. Undocumented limits say "typically".
pub fn tolerance_words(tolerance: &Tolerance) -> String {
    let limits = [tolerance.ahead, tolerance.behind];
    let typical = limits.iter().flatten().any(|limit| !limit.documented);
    let words = |limit: Limit| duration_words(limit.ms as f64);
    let range = match (tolerance.ahead, tolerance.behind) {
        (Some(ahead), Some(behind)) if ahead.ms == behind.ms => {
            format!("{} either way", words(ahead))
        }
        (Some(ahead), Some(behind)) => format!("{} fast or {} slow", words(ahead), words(behind)),
        (Some(ahead), None) => format!("{} fast (being slow does not matter)", words(ahead)),
        (None, Some(behind)) => format!("{} slow (being fast does not matter)", words(behind)),
        (None, None) => "any amount".to_owned(),
    };
    if typical {
        format!("typically {range}")
    } else {
        range
    }
}
