//! The hand-written date line against `time`'s own formatting.

use super::date_time_words;
use time::OffsetDateTime;
use time::macros::format_description;

/// What `time`'s own formatting writes, the reference for the hand-written line.
fn formatted_by_time(at: OffsetDateTime) -> String {
    at.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second]"
    ))
    .unwrap_or_default()
}

#[test]
fn date_and_time_are_written_as_time_writes_them() {
    let min = OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT).unix_timestamp();
    let max = OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT).unix_timestamp();
    // Every year's worth of seconds across the whole range, plus a prime stride so hours,
    // minutes and seconds vary too.
    let stride = 31_556_952 + 7_919;
    let mut seconds = min;
    while seconds <= max {
        let Ok(at) = OffsetDateTime::from_unix_timestamp(seconds) else {
            panic!("{seconds} is within time's range");
        };
        assert_eq!(date_time_words(at), formatted_by_time(at), "{seconds}");
        seconds += stride;
    }
    let Ok(at) = OffsetDateTime::from_unix_timestamp(1_795_701_807) else {
        panic!("a 2026 timestamp is within time's range");
    };
    assert_eq!(date_time_words(at), "2026-11-26 14:03:27");
}
