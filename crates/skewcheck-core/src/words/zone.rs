//! A likely time-zone mistake in words: how far off, which way, and what to do instead.

use crate::timezone::ZoneHint;

/// The zone difference as people write zone offsets: `1 h`, `5 h 30 min`, `45 min`.
pub fn zone_offset_words(hint: &ZoneHint) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "abs() is ≥ 0, and `as` saturates"
    )]
    let minutes = (hint.zone_offset_ms.abs() / 60_000.0).round() as u64;
    match (minutes / 60, minutes % 60) {
        (0, minutes) => say!("{minutes} min", minutes),
        (hours, 0) => say!("{hours} h", hours),
        (hours, minutes) => say!("{hours} h {minutes} min", hours, minutes),
    }
}

/// The sentence for the page.
pub fn zone_hint_sentence(hint: &ZoneHint) -> String {
    let offset = zone_offset_words(hint);
    if hint.zone_offset_ms > 0.0 {
        say!(
            "The clock is almost exactly {offset} ahead: the time zone is probably wrong and the time was set by hand. Set the right time zone instead of changing the hour.",
            offset
        )
    } else {
        say!(
            "The clock is almost exactly {offset} behind: the time zone is probably wrong and the time was set by hand. Set the right time zone instead of changing the hour.",
            offset
        )
    }
}

#[cfg(test)]
mod tests;
