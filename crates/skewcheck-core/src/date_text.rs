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

#[cfg(test)]
mod tests;
