//! A moment as the report writes it, by hand (a leaf: the report and the paste decoder
//! both use it).

use time::OffsetDateTime;

/// `[year]-[month]-[day] [hour]:[minute]:[second]` as `time`'s format description writes it
/// (a four-digit year, signed when negative), by hand: `time`'s formatting machinery costs
/// the page about 4 KiB for this one line.
pub fn date_time_words(at: OffsetDateTime) -> String {
    let year = at.year();
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        year.unsigned_abs(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// `epoch_ms` in ISO 8601 UTC to the millisecond, `2026-12-01T19:30:07.123Z`, by hand as
/// [`date_time_words`] is; `None` outside the years 0 to 9999 (ISO 8601's four digits).
#[expect(
    clippy::cast_possible_truncation,
    reason = "a whole number of ms, checked within ±1e15 first"
)]
pub fn iso_8601_utc(epoch_ms: f64) -> Option<String> {
    let whole_ms = epoch_ms.round();
    if !whole_ms.is_finite() || whole_ms.abs() > 1e15 {
        return None;
    }
    let whole_ms = whole_ms as i64;
    let at = OffsetDateTime::from_unix_timestamp(whole_ms.div_euclid(1000)).ok()?;
    if !(0..=9999).contains(&at.year()) {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        whole_ms.rem_euclid(1000)
    ))
}

#[cfg(test)]
mod tests;
