//! The bodies of public time services, byte for byte as each documents them (source named
//! beside each sample), the best-resolution choice among several times, and the `Date`
//! header of the same response narrowing a body's reading.

use super::*;
use crate::words::{reading_origin_words, source_error_words};

const NOV_14_2023_MS: f64 = 1_700_000_000_000.0;
const DATE_NOV_14_2023: &str = "Tue, 14 Nov 2023 22:13:20 GMT";

/// worldtimeapi.org `GET /api/timezone/Etc/UTC` (https://worldtimeapi.org/api and the
/// field list of https://worldtimeapi.org/pages/schema): `unixtime` in whole seconds beside
/// `utc_datetime` and `datetime` in microseconds with an offset.
const WORLDTIMEAPI_ETC_UTC: &str = r#"{"utc_offset":"+00:00","timezone":"Etc/UTC","day_of_week":2,"day_of_year":318,"datetime":"2023-11-14T22:13:20.123456+00:00","utc_datetime":"2023-11-14T22:13:20.123456+00:00","unixtime":1700000000,"raw_offset":0,"week_number":46,"dst":false,"abbreviation":"UTC","dst_offset":0,"dst_from":null,"dst_until":null,"client_ip":"203.0.113.7"}"#;

/// Cloudflare `GET /cdn-cgi/trace` on any proxied site (field list as Cloudflare's staff
/// describe it: https://community.cloudflare.com/t/what-does-the-fl-field-in-cdn-cgi-trace-represent/150595).
const CLOUDFLARE_TRACE: &str = "fl=202f30\nh=example.com\nip=203.0.113.7\nts=1700000000.123\nvisit_scheme=https\nuag=Mozilla/5.0 (X11; Linux x86_64)\ncolo=FRA\nsliver=none\nhttp=http/2\nloc=DE\ntls=TLSv1.3\nsni=plaintext\nwarp=off\ngateway=off\nrbi=off\nkex=X25519\n";

/// time.gov `GET /actualtime.cgi?lzbc=…` (https://time.gov/actualtime.cgi, read by
/// time.gov's own page script): microseconds since the epoch in the `time` attribute.
const TIME_GOV_ACTUALTIME: &str =
    r#"<timestamp time="1700000000123456" delay="1605266578238906"/>"#;

/// timeapi.io `GET /api/Time/current/zone?timeZone=Europe/Amsterdam`
/// (https://timeapi.io/swagger/index.html): `dateTime` is the zone's local time, without
/// an offset.
const TIMEAPI_IO_ZONE: &str = r#"{"year":2023,"month":11,"day":14,"hour":23,"minute":13,"seconds":20,"milliSeconds":123,"dateTime":"2023-11-14T23:13:20.1234567","date":"11/14/2023","time":"23:13","timeZone":"Europe/Amsterdam","dayOfWeek":"Tuesday","dstActive":false}"#;

/// The `timesync` npm package's server answer (node_modules/timesync/server/index.js,
/// `sendTimeStampResponse`: `{id, result: Date.now()}`).
const TIMESYNC_ANSWER: &str = r#"{"id":1,"result":1700000000123}"#;

fn body(text: &str) -> ReferenceReading {
    ReferenceReading::from_body(text)
        .expect("plausible")
        .expect("a time")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

#[test]
fn worldtimeapi_reads_the_microseconds_not_the_whole_seconds() {
    let reading = body(WORLDTIMEAPI_ETC_UTC);
    assert!(close(reading.midpoint_ms(), NOV_14_2023_MS + 123.456));
    assert!(reading.latest_ms - reading.earliest_ms < 0.01);
    // `datetime` is as fine; `utc_datetime` comes first in the documented key order.
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::JsonField(
            "utc_datetime",
            JsonValueKind::Rfc3339
        ))
    );
}

#[test]
fn the_finest_time_wins_whatever_the_key_order() {
    let reading = body(r#"{"unixtime": 1700000000, "epoch_ms": 1700000000123}"#);
    assert!(close(reading.midpoint_ms(), NOV_14_2023_MS + 123.0));
    let reading = body(r#"{"epoch_ms": 1700000000123, "now": 1700000000.1234}"#);
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::JsonField(
            "now",
            JsonValueKind::Epoch(EpochUnit::Seconds)
        ))
    );
}

#[test]
fn coarser_times_that_contradict_the_finest_refuse_the_body() {
    let text = r#"{"unixtime": 1700000005, "utc_datetime": "2023-11-14T22:13:20.123Z"}"#;
    let error = ReferenceReading::from_body(text).unwrap_err();
    assert!(
        matches!(&error, SourceError::BodyDisagrees { difference_ms, .. } if *difference_ms == 4877),
        "{error:?}"
    );
    let message = source_error_words(&error);
    assert!(
        message.contains("“utc_datetime”") && message.contains("“unixtime”"),
        "{message}"
    );
    // Within their resolutions they agree: a truncated second holds the finer time.
    assert!(body(r#"{"unixtime": 1700000000, "epoch_ms": 1700000000999}"#).latest_ms > 0.0);
}

#[test]
fn cloudflare_trace_reads_ts_to_the_millisecond() {
    let reading = body(CLOUDFLARE_TRACE);
    assert!(close(reading.midpoint_ms(), NOV_14_2023_MS + 123.0));
    assert!(close(reading.latest_ms - reading.earliest_ms, 2.0));
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::KeyValue(
            "ts",
            JsonValueKind::Epoch(EpochUnit::Seconds)
        ))
    );
    assert!(reading_origin_words(&reading.origin).contains("“ts=”"));
}

#[test]
fn time_gov_reads_the_microsecond_attribute() {
    let reading = body(TIME_GOV_ACTUALTIME);
    assert!(close(reading.midpoint_ms(), NOV_14_2023_MS + 123.456));
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::Markup(
            "time",
            JsonValueKind::Epoch(EpochUnit::Microseconds)
        ))
    );
}

#[test]
fn markup_elements_and_quotes() {
    for text in [
        "<time>1700000000123</time>",
        "<response><timestamp>1700000000123</timestamp></response>",
        "<now epoch='1700000000123'/>",
    ] {
        assert!(
            close(body(text).midpoint_ms(), NOV_14_2023_MS + 123.0),
            "{text}"
        );
    }
    // An attribute name inside another name, or a value that is not a number, is no time.
    for text in [
        "<x datetime=\"soon\"/>",
        "<x runtime=\"1700000000\"/>",
        "<time>soon</time>",
    ] {
        assert_eq!(ReferenceReading::from_body(text), Ok(None), "{text}");
    }
}

#[test]
fn nested_json_one_or_two_levels_deep() {
    for text in [
        r#"{"status": "ok", "data": {"time": 1700000000123}}"#,
        r#"{"data": {"attributes": {"epoch_ms": 1700000000123}}}"#,
    ] {
        assert!(
            close(body(text).midpoint_ms(), NOV_14_2023_MS + 123.0),
            "{text}"
        );
    }
    let three_deep = r#"{"a": {"b": {"c": {"time": 1700000000123}}}}"#;
    assert_eq!(ReferenceReading::from_body(three_deep), Ok(None));
}

#[test]
fn timeapi_io_local_time_is_never_read_as_utc() {
    assert_eq!(ReferenceReading::from_body(TIMEAPI_IO_ZONE), Ok(None));
    let reading =
        ReferenceReading::from_response(Some(TIMEAPI_IO_ZONE), Some(DATE_NOV_14_2023)).unwrap();
    assert_eq!(reading.earliest_ms, NOV_14_2023_MS);
    assert_eq!(
        reading.origin,
        ReadingOrigin::DateHeaderNotLocalTime("dateTime")
    );
    assert!(reading_origin_words(&reading.origin).contains("without a UTC offset"));
    let error = ReferenceReading::from_response(Some(TIMEAPI_IO_ZONE), None).unwrap_err();
    assert_eq!(error, SourceError::LocalTimeOnly("dateTime"));
    assert!(source_error_words(&error).contains("local time"));
}

#[test]
fn timesync_result_beside_an_id() {
    let reading = body(TIMESYNC_ANSWER);
    assert!(close(reading.midpoint_ms(), NOV_14_2023_MS + 123.0));
    assert_eq!(
        reading.origin,
        ReadingOrigin::Body(BodyFormat::JsonField(
            TIMESYNC_RESULT_KEY,
            JsonValueKind::Epoch(EpochUnit::Milliseconds)
        ))
    );
    // Without the id, `result` is anybody's word for anything.
    assert_eq!(
        ReferenceReading::from_body(r#"{"result": 1700000000123}"#),
        Ok(None)
    );
}

#[test]
fn the_date_header_narrows_a_whole_second_body() {
    let reading =
        ReferenceReading::from_response(Some(r#"{"unixtime":1700000000}"#), Some(DATE_NOV_14_2023))
            .unwrap();
    assert_eq!(reading.earliest_ms, NOV_14_2023_MS);
    assert_eq!(reading.latest_ms, NOV_14_2023_MS + 1000.0);
    assert!(reading.is_whole_second());
    assert!(matches!(reading.origin, ReadingOrigin::Body(_)));
    // A fine body is already inside its second.
    let fine = ReferenceReading::from_response(Some(WORLDTIMEAPI_ETC_UTC), Some(DATE_NOV_14_2023))
        .unwrap();
    assert_eq!(fine, body(WORLDTIMEAPI_ETC_UTC));
    assert!(!fine.is_whole_second());
    // Readings that do not overlap stay apart, for the cross-check to name.
    let apart =
        ReferenceReading::from_response(Some("1700000005123"), Some(DATE_NOV_14_2023)).unwrap();
    assert!(close(apart.midpoint_ms(), NOV_14_2023_MS + 5123.0));
}
