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

#[test]
fn iso_8601_is_written_as_time_writes_rfc3339_in_utc() {
    use super::iso_8601_utc;
    let reference = |ms: i64| {
        let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
            .expect("in range");
        at.format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        ))
        .unwrap_or_default()
    };
    let mut ms: i64 = -62_135_596_800_000; // 0001-01-01
    while ms < 253_402_300_799_000 {
        assert_eq!(
            iso_8601_utc(ms as f64).as_deref(),
            Some(reference(ms).as_str()),
            "{ms}"
        );
        ms += 31_556_952_007 + 7_919;
    }
    assert_eq!(
        iso_8601_utc(1_795_701_807_123.0).as_deref(),
        Some("2026-11-26T14:03:27.123Z")
    );
    assert_eq!(
        iso_8601_utc(-1.0).as_deref(),
        Some("1969-12-31T23:59:59.999Z")
    );
    assert_eq!(iso_8601_utc(f64::NAN), None);
    assert_eq!(iso_8601_utc(1e16), None);
    assert_eq!(iso_8601_utc(253_402_300_800_000.0), None); // year 10000
}
