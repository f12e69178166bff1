//! Every endpoint format, rejected garbage and cache evidence.

use super::*;
use crate::words::{cache_evidence_words, source_error_words};

mod shapes;

const NOV_14_2023_MS: f64 = 1_700_000_000_000.0;

fn body(text: &str) -> ReferenceReading {
    ReferenceReading::from_body(text)
        .expect("plausible")
        .expect("a time")
}

fn assert_reading(reading: ReferenceReading, value_ms: f64, resolution_ms: f64) {
    assert!(
        (reading.midpoint_ms() - value_ms).abs() < 1e-3,
        "midpoint {} != {value_ms}",
        reading.midpoint_ms()
    );
    let half_width = (reading.latest_ms - reading.earliest_ms) / 2.0;
    assert!(
        (half_width - resolution_ms).abs() < 1e-4,
        "half width {half_width} != {resolution_ms}"
    );
}

#[test]
fn date_header_is_truncated_second() {
    let reading = ReferenceReading::from_date_header("Tue, 14 Nov 2023 22:13:20 GMT").unwrap();
    assert_eq!(reading.earliest_ms, NOV_14_2023_MS);
    assert_eq!(reading.latest_ms, NOV_14_2023_MS + 1000.0);
    assert_eq!(reading.origin, ReadingOrigin::DateHeader);
}

#[test]
fn obsolete_date_header_forms_are_accepted() {
    for value in [
        "Tuesday, 14-Nov-23 22:13:20 GMT",
        "Tue Nov 14 22:13:20 2023",
    ] {
        let reading = ReferenceReading::from_date_header(value).unwrap();
        assert_eq!(reading.earliest_ms, NOV_14_2023_MS, "{value}");
    }
}

#[test]
fn bad_date_headers_are_errors() {
    for value in [
        "",
        "yesterday",
        "Tue, 14 Nov 2023 25:13:20 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
    ] {
        assert!(
            ReferenceReading::from_date_header(value).is_err(),
            "{value:?}"
        );
    }
}

#[test]
fn epoch_seconds_integer() {
    let reading = body("1700000000");
    assert_reading(reading, NOV_14_2023_MS, 1000.0);
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Seconds))
    );
}

#[test]
fn epoch_seconds_with_fraction_like_nginx_msec() {
    assert_reading(body("1700000000.123\n"), NOV_14_2023_MS + 123.0, 1.0);
    assert_reading(body("1700000000.5"), NOV_14_2023_MS + 500.0, 100.0);
}

#[test]
fn epoch_milliseconds_micro_and_nano() {
    assert_reading(body("1700000000123"), NOV_14_2023_MS + 123.0, 1.0);
    assert_reading(body("1700000000123456"), NOV_14_2023_MS + 123.456, 1e-3);
    assert_reading(
        body("1700000000123456789"),
        NOV_14_2023_MS + 123.456789,
        1e-3,
    );
}

#[test]
fn rfc3339_in_any_offset() {
    assert_reading(
        body("2023-11-14T22:13:20.123Z"),
        NOV_14_2023_MS + 123.0,
        1.0,
    );
    assert_reading(body("2023-11-14T23:13:20+01:00"), NOV_14_2023_MS, 1000.0);
    assert_reading(
        body("2023-11-14T22:13:20.123456+00:00"),
        NOV_14_2023_MS + 123.456,
        1e-3,
    );
    assert_reading(body("\"2023-11-14T22:13:20Z\""), NOV_14_2023_MS, 1000.0);
}

#[test]
fn every_documented_json_key() {
    let cases = [
        (r#"{"epoch_ms": 1700000000123}"#, NOV_14_2023_MS + 123.0),
        (r#"{"unixtime": 1700000000}"#, NOV_14_2023_MS),
        (r#"{"timestamp": 1700000000123}"#, NOV_14_2023_MS + 123.0),
        (r#"{"now": 1700000000.25}"#, NOV_14_2023_MS + 250.0),
        (r#"{"time": "1700000000123"}"#, NOV_14_2023_MS + 123.0),
        (
            r#"{"utc_datetime": "2023-11-14T22:13:20.123456+00:00"}"#,
            NOV_14_2023_MS + 123.456,
        ),
        (
            r#"{"dateTime": "2023-11-14T22:13:20.5Z"}"#,
            NOV_14_2023_MS + 500.0,
        ),
        (
            r#"{"datetime": "2023-11-14T23:13:20.000+01:00"}"#,
            NOV_14_2023_MS,
        ),
        (r#"{"epoch": 1700000000}"#, NOV_14_2023_MS),
        (r#"{"serverTime": 1700000000123}"#, NOV_14_2023_MS + 123.0),
    ];
    for (text, expected) in cases {
        let reading = body(text);
        assert!((reading.midpoint_ms() - expected).abs() < 1e-3, "{text}");
        assert!(matches!(
            reading.origin,
            ReadingOrigin::Body(BodyFormat::JsonField(..))
        ));
    }
    assert_eq!(cases.len(), JSON_TIME_KEYS.len());
}

#[test]
fn json_key_order_prefers_the_most_precise_documented_key() {
    // worldtimeapi.org sends both; the first key in JSON_TIME_KEYS wins.
    let reading = body(r#"{"datetime": "2023-11-14T23:13:20+01:00", "unixtime": 1700000000}"#);
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::JsonField(
            "unixtime",
            JsonValueKind::Epoch(EpochUnit::Seconds)
        ))
    );
}

#[test]
fn garbage_bodies_carry_no_time() {
    for text in [
        "",
        "hello",
        "<html><body>It works!</body></html>",
        "{}",
        r#"{"unrelated": 1700000000}"#,
        r#"{"time": null}"#,
        r#"{"time": {"nested": 1}}"#,
        r#"{"time": "soon"}"#,
        "[1700000000]",
        "-1700000000",
        "1e12",
        "NaN",
        "inf",
        "17000000.00.1",
        "0x6553F100",
        "{not json",
        "99999999999999999999999999999",
    ] {
        assert_eq!(ReferenceReading::from_body(text), Ok(None), "{text:?}");
    }
}

#[test]
fn implausible_times_are_errors_not_readings() {
    for text in [
        "42",
        "0",
        "1700",
        r#"{"unixtime": 5}"#,
        "1970-01-01T00:00:00Z",
        "9999999999999",
    ] {
        assert!(
            matches!(
                ReferenceReading::from_body(text),
                Err(SourceError::Implausible(_))
            ),
            "{text:?}"
        );
    }
}

#[test]
fn implausible_message_is_short_even_for_huge_bodies() {
    let huge = format!("{{\"unixtime\": 5, \"pad\": \"{}\"}}", "x".repeat(10_000));
    let message = source_error_words(&ReferenceReading::from_body(&huge).unwrap_err());
    assert!(message.len() < 200, "{}", message.len());
}

#[test]
fn body_wins_over_date_header_and_header_is_the_fallback() {
    let header = Some("Tue, 14 Nov 2023 22:13:20 GMT");
    let from_body = ReferenceReading::from_response(Some("1700000005123"), header).unwrap();
    assert_eq!(from_body.midpoint_ms(), NOV_14_2023_MS + 5123.0);
    let fallback = ReferenceReading::from_response(Some("It works!"), header).unwrap();
    assert_eq!(fallback.origin, ReadingOrigin::DateHeader);
    let head_request = ReferenceReading::from_response(None, header).unwrap();
    assert_eq!(head_request.origin, ReadingOrigin::DateHeader);
}

#[test]
fn cache_evidence_from_age_and_cdn_headers() {
    assert_eq!(cache_evidence(None, &[] as &[(&str, &str)]), None);
    assert_eq!(cache_evidence(Some("0"), &[] as &[(&str, &str)]), None);
    assert!(
        cache_evidence_words(&cache_evidence(Some("300"), &[] as &[(&str, &str)]).unwrap())
            .contains("Age: 300")
    );
    assert!(
        cache_evidence(Some("garbage"), &[] as &[(&str, &str)]).is_some(),
        "an unreadable Age is still a cache"
    );
    for (name, value) in [
        ("x-cache", "Hit from cloudfront"),
        ("cf-cache-status", "HIT"),
        ("cf-cache-status", "STALE"),
        ("cache-status", "ExampleCache; hit"),
        ("x-cache-status", "HIT"),
    ] {
        assert!(
            cache_evidence(None, &[(name, value)]).is_some(),
            "{name}: {value}"
        );
    }
    for (name, value) in [
        ("x-cache", "Miss from cloudfront"),
        ("cf-cache-status", "DYNAMIC"),
        ("cf-cache-status", "BYPASS"),
        ("cache-status", "ExampleCache; fwd=uri-miss"),
        ("x-cache", "white"),
    ] {
        assert_eq!(
            cache_evidence(None, &[(name, value)]),
            None,
            "{name}: {value}"
        );
    }
}

#[test]
fn no_body_time_and_no_header_is_an_error() {
    assert_eq!(
        ReferenceReading::from_response(Some("hello"), None),
        Err(SourceError::NoTime)
    );
    assert_eq!(
        ReferenceReading::from_response(None, None),
        Err(SourceError::NoTime)
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// No input, however hostile, panics; anything accepted is a plausible time.
        #[test]
        fn arbitrary_bodies_never_panic(text in any::<String>()) {
            if let Ok(Some(reading)) = ReferenceReading::from_body(&text) {
                prop_assert!(reading.earliest_ms <= reading.latest_ms);
                prop_assert!(reading.midpoint_ms() >= crate::plausible::EARLIEST_MS);
            }
        }

        #[test]
        fn arbitrary_date_headers_never_panic(text in any::<String>()) {
            let _ = ReferenceReading::from_date_header(&text);
        }

        /// Epoch milliseconds in the plausible range always round-trip.
        #[test]
        fn epoch_milliseconds_round_trip(ms in 946_684_800_000u64..7_258_118_400_000u64) {
            let reading = ReferenceReading::from_body(&ms.to_string()).unwrap().unwrap();
            prop_assert!((reading.midpoint_ms() - ms as f64).abs() < 1e-3);
        }
    }
}
