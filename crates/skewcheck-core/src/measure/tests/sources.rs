//! Time endpoints from the wild on the simulated network: a body in whole seconds is
//! bisected like a `Date` header, and a `timesync` server is asked with its own protocol.

use super::*;
use crate::simulation::Stamp;

/// Measures `server` to the end, asking with `ask`; the settled interval must hold `offset`.
fn settled_around(ask: Ask, server: &TimeServer, offset: f64) -> Run {
    let run = measure_one(ask, server);
    let estimate = &run.settled().estimate;
    assert!(estimate.interval.contains(offset), "{estimate:?}");
    run
}

#[test]
fn a_whole_second_body_beside_a_date_header_settles_like_the_header() {
    for offset in [3_000.0, -1_234.5, SIXTEEN_MIN_MS + 567.0] {
        let server = TimeServer::date_header(offset, 50.0).with_stamp(Stamp::WholeSeconds);
        let run = settled_around(Ask::Body, &server, offset);
        let result = run.settled();
        assert!(
            result.estimate.uncertainty_ms() <= 25.0 + PAGE_PLAN.convergence_slack_ms,
            "{offset}: ± {} ms",
            result.estimate.uncertainty_ms()
        );
        let source = source_sentence(&result.source);
        assert!(source.contains("“unixtime”"), "{source}");
        assert!(result.requests <= PAGE_PLAN.max_requests);
    }
}

#[test]
fn a_whole_second_body_without_a_date_header_stays_honest() {
    // Nothing tells whether the server truncated or rounded its seconds, so each reading
    // keeps a second on either side: the probes narrow it to about half a second, no
    // further, and never past the truth.
    let offset = 2_345.0;
    let server = TimeServer::date_header(offset, 50.0)
        .with_stamp(Stamp::WholeSeconds)
        .without_date_header();
    let run = settled_around(Ask::Body, &server, offset);
    let result = run.settled();
    assert!(
        result.estimate.uncertainty_ms() < 1_000.0,
        "± {} ms",
        result.estimate.uncertainty_ms()
    );
}

#[test]
fn a_timesync_server_is_read_through_its_protocol() {
    let offset = -61_000.0;
    let server = TimeServer::date_header(offset, 40.0).with_stamp(Stamp::Timesync);
    let run = settled_around(Ask::Timesync, &server, offset);
    let result = run.settled();
    assert!(
        result.estimate.uncertainty_ms() <= 25.0,
        "{:?}",
        result.estimate
    );
    let source = source_sentence(&result.source);
    assert!(source.contains("“result”"), "{source}");
}

#[test]
fn protocol_timesync_in_the_link_asks_with_a_post() {
    let config = parse_query(
        "?endpoint=https://time.example/timesync&protocol=timesync",
        true,
    )
    .expect("valid");
    assert!(config.timesync);
    assert!(
        !parse_query("?endpoint=https://time.example/now", true)
            .expect("valid")
            .timesync
    );
    assert!(!parse_query("?protocol=ntp", true).expect("valid").timesync);
}

#[test]
fn a_local_time_without_offset_falls_back_to_the_date_header() {
    // timeapi.io's shape: the body's local time would read as UTC 2 h off.
    let offset = 2_300.0;
    let server = TimeServer::date_header(offset, 30.0).scripted(
        std::iter::repeat_n(
            Some(Fault::Body(
                r#"{"year":2023,"month":11,"day":15,"hour":0,"minute":13,"seconds":20,"milliSeconds":0,"dateTime":"2023-11-15T00:13:20","date":"11/15/2023","time":"00:13","timeZone":"Europe/Berlin","dayOfWeek":"Wednesday","dstActive":false}"#,
            )),
            20,
        ),
    );
    let run = settled_around(Ask::Body, &server, offset);
    let result = run.settled();
    assert_eq!(
        server.requests(),
        result.requests,
        "every answer was used through its Date header"
    );
    let source = source_sentence(&result.source);
    assert!(source.contains("local time"), "{source}");
}
