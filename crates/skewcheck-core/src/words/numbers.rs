//! Durations, offsets and tolerances in compact words.

use crate::estimate::Estimate;
use crate::verdict::{Limit, Tolerance};
use crate::words::catalogue::Words;
use crate::words::catalogue::local_decimal;

/// A duration in compact words: `450 ms`, `3.2 s`, `42 s`, `16 min 12 s`, `2 h 5 min`.
/// The sign is ignored.
pub fn duration_words(ms: f64) -> String {
    let ms = ms.abs();
    if !ms.is_finite() {
        return Words("an unknown time").text();
    }
    if ms < 999.5 {
        return say!("{ms} ms", ms = local_decimal(ms, 0));
    }
    if ms < 9_950.0 {
        return say!("{seconds} s", seconds = local_decimal(ms / 1000.0, 1));
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "finite, ≥ 0; `as` saturates"
    )]
    let seconds = (ms / 1000.0).round() as u64;
    match seconds {
        0..60 => say!("{seconds} s", seconds),
        60..3_600 => match (seconds / 60, seconds % 60) {
            (minutes, 0) => say!("{minutes} min", minutes),
            (minutes, seconds) => say!("{minutes} min {seconds} s", minutes, seconds),
        },
        3_600..86_400 => match (seconds / 3_600, seconds % 3_600 / 60) {
            (hours, 0) => say!("{hours} h", hours),
            (hours, minutes) => say!("{hours} h {minutes} min", hours, minutes),
        },
        _ => match (seconds / 86_400, seconds % 86_400 / 3_600) {
            (days, 0) => say!("{days} d", days),
            (days, hours) => say!("{days} d {hours} h", days, hours),
        },
    }
}

/// A whole number of hours, minutes or seconds spelled out, for running text: `2 minutes`,
/// `1 hour`, `30 seconds`; any other duration as [`duration_words`]. The sign is ignored.
pub fn duration_in_full(ms: f64) -> String {
    let ms = ms.abs();
    // English's singular and plural; a language with other plural rules says both forms.
    for (unit, unit_ms) in [(0, 3_600_000.0), (1, 60_000.0), (2, 1_000.0)] {
        if ms >= unit_ms && ms % unit_ms == 0.0 {
            let count = ms / unit_ms;
            let one = count == 1.0;
            let count = local_decimal(count, 0);
            return match (unit, one) {
                (0, true) => Words("1 hour").text(),
                (0, false) => say!("{count} hours", count),
                (1, true) => Words("1 minute").text(),
                (1, false) => say!("{count} minutes", count),
                (_, true) => Words("1 second").text(),
                (_, false) => say!("{count} seconds", count),
            };
        }
    }
    duration_words(ms)
}

/// How far off the clock is, in words: [`offset_words`] for an estimate.
pub fn offset_phrase(estimate: &Estimate) -> String {
    offset_words(estimate.offset_ms(), estimate.uncertainty_ms())
}

/// How far off the clock is, in words: `16 min 12 s fast`, `3.0 s slow`, or
/// `right to within 400 ms` when the uncertainty covers zero, so the measurement cannot
/// tell fast from slow. `offset_ms` is device − reference.
pub fn offset_words(offset_ms: f64, uncertainty_ms: f64) -> String {
    let duration = duration_words(offset_ms);
    match Reading::of(offset_ms, uncertainty_ms) {
        Reading::Within => say!(
            "right to within {uncertainty}",
            uncertainty = duration_words(uncertainty_ms)
        ),
        Reading::Fast => say!("{duration} fast", duration),
        Reading::Slow => say!("{duration} slow", duration),
    }
}

/// Which way a clock is off, as far as the measurement can tell (whole sentences that
/// differ by the way are said per way: languages do not insert a "fast" as English does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The uncertainty covers zero.
    Within,
    /// Ahead of the reference.
    Fast,
    /// Behind the reference.
    Slow,
}

impl Reading {
    /// The way `offset_ms` (device − reference) goes, given `uncertainty_ms`.
    pub(crate) fn of(offset_ms: f64, uncertainty_ms: f64) -> Self {
        if offset_ms.abs() <= uncertainty_ms {
            Self::Within
        } else if offset_ms > 0.0 {
            Self::Fast
        } else {
            Self::Slow
        }
    }
}

/// [`offset_words`] followed by the uncertainty when the direction is known:
/// `16 min 12 s fast (± 400 ms)`, but `right to within 400 ms`.
pub fn offset_words_with_uncertainty(offset_ms: f64, uncertainty_ms: f64) -> String {
    let words = offset_words(offset_ms, uncertainty_ms);
    if offset_ms.abs() <= uncertainty_ms {
        words
    } else {
        say!(
            "{offset} (± {uncertainty})",
            offset = words,
            uncertainty = duration_words(uncertainty_ms)
        )
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
            say!("{limit} either way", limit = words(ahead))
        }
        (Some(ahead), Some(behind)) => say!(
            "{fast} fast or {slow} slow",
            fast = words(ahead),
            slow = words(behind)
        ),
        (Some(ahead), None) => say!(
            "{fast} fast (being slow does not matter)",
            fast = words(ahead)
        ),
        (None, Some(behind)) => say!(
            "{slow} slow (being fast does not matter)",
            slow = words(behind)
        ),
        (None, None) => Words("any amount").text(),
    };
    if typical {
        say!("typically {range}", range)
    } else {
        range
    }
}
