//! The page's early time request as the first sample: used when consistent and for the
//! page's own origin, refused otherwise (the measurement then runs as usual).

use super::*;
use crate::sample::EarlyReadings;
use crate::simulation::Exchange;

/// What `early-probe.js` records of one `HEAD` to `server`, on `clock`.
fn early_probe(clock: &ManualClock, server: &TimeServer) -> EarlyReadings {
    let Exchange::Answered {
        timing,
        status,
        headers,
        ..
    } = server.exchange(clock, false)
    else {
        panic!("the server answers");
    };
    EarlyReadings {
        monotonic_sent_ms: timing.monotonic_sent_ms,
        monotonic_received_ms: timing.monotonic_sent_ms + timing.round_trip_ms,
        wall_sent_ms: timing.wall_sent_ms,
        wall_received_ms: timing.wall_received_ms,
        status: f64::from(status),
        headers: headers
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    }
}

/// A measurement of `server` (the page's origin) after the page's early request gave
/// `early`, 300 ms before (while the WebAssembly loaded).
fn measure_after_early(
    setup: &Setup,
    server: &TimeServer,
    early: impl FnOnce(&ManualClock) -> EarlyReadings,
) -> Run {
    let clock = ManualClock::starting_at(START_MS + 123.0);
    let readings = early(&clock);
    clock.advance(300.0); // the WebAssembly loads
    let network = SimulatedNetwork::new(&clock, &[(PRIMARY, server)]);
    network.set_early(readings);
    measure_over(&clock, setup, &network)
}

#[test]
fn a_consistent_early_answer_is_the_first_sample() {
    let server = TimeServer::date_header(SIXTEEN_MIN_MS, 50.0);
    let run = measure_after_early(&setup(Ask::DateHeader, None), &server, |clock| {
        early_probe(clock, &server)
    });
    // The verdict stands before the page sent a request of its own.
    let Phase::Provisional(first) = &run.phases[0] else {
        panic!("the early answer decides 16 min: {:?}", run.phases[0]);
    };
    assert_eq!(
        (first.assessment.verdict, first.requests),
        (Verdict::Rejected, 1)
    );
    let result = run.settled();
    assert!(result.estimate.interval.contains(SIXTEEN_MIN_MS));
    // The early request counts as one of the measurement's requests.
    assert_eq!(result.requests, run.nonces.len() + 1);
    assert_eq!(result.requests, server.requests());
    assert!(result.requests <= PAGE_PLAN.max_requests);
}

#[test]
fn garbage_or_inconsistent_early_readings_are_refused() {
    let spoilers: [fn(&mut EarlyReadings); 5] = [
        |readings| readings.monotonic_sent_ms = f64::NAN,
        |readings| readings.monotonic_received_ms = 1e9, // after "now": another timeline
        |readings| readings.wall_received_ms += 60_000.0, // the clock changed meanwhile
        |readings| readings.status = 0.0,
        |readings| readings.headers = vec![("date".to_owned(), "yesterday".to_owned())],
    ];
    for (index, spoil) in spoilers.into_iter().enumerate() {
        let server = TimeServer::date_header(3_000.0, 20.0);
        let run = measure_after_early(&setup(Ask::DateHeader, None), &server, |clock| {
            let mut readings = early_probe(clock, &server);
            spoil(&mut readings);
            readings
        });
        let result = run.settled();
        assert!(result.estimate.interval.contains(3_000.0), "{index}");
        assert_eq!(
            result.requests,
            run.nonces.len(),
            "{index}: measured as usual"
        );
        assert_eq!(result.assessment.verdict, Verdict::Ok);
    }
}

#[test]
fn a_link_to_another_source_ignores_the_early_answer() {
    // The early request asked the page's origin; the link names an endpoint elsewhere.
    let page = TimeServer::date_header(SIXTEEN_MIN_MS, 20.0);
    let endpoint = TimeServer::millisecond(3_000.0, 20.0);
    let mut linked = setup(Ask::Body, None);
    linked.config = parse_query("?endpoint=https://time.example/now", true).expect("a link");
    let run = measure_after_early(&linked, &endpoint, |clock| early_probe(clock, &page));
    let result = run.settled();
    assert_eq!(result.requests, run.nonces.len());
    assert!(result.estimate.interval.contains(3_000.0));
    assert!(!result.estimate.interval.contains(SIXTEEN_MIN_MS));
}

#[test]
fn an_early_answer_from_a_cache_is_weighed_as_one() {
    // A CDN answered the early request with a copy 2 h old: like any cached answer it is a
    // wide reading, and never decides `ok` or `rejected` alone.
    let server = TimeServer::date_header(3_000.0, 20.0).always_failing(Fault::Cached(7_200));
    let run = measure_after_early(&setup(Ask::DateHeader, None), &server, |clock| {
        early_probe(clock, &server)
    });
    let result = run.settled();
    assert!(result.cache.is_some(), "the cache is named");
    assert!(result.estimate.interval.contains(3_000.0));
    assert!(
        run.phases
            .iter()
            .filter_map(Phase::measurement)
            .all(|m| m.assessment.verdict == Verdict::Warning),
        "{:?}",
        run.phases.iter().map(Phase::verdict).collect::<Vec<_>>()
    );
}

/// The first module's verdict (`first_measurement`) is the app's first phase on the same
/// readings, number for number.
#[test]
fn the_first_measurement_is_the_apps_first_phase() {
    for skew_ms in [SIXTEEN_MIN_MS, 3_000.0, -20.0 * 60_000.0, 3_600_000.0] {
        let server = TimeServer::date_header(skew_ms, 50.0);
        let setup = setup(Ask::DateHeader, None);
        let clock = ManualClock::starting_at(START_MS + 123.0);
        let readings = early_probe(&clock, &server);
        clock.advance(300.0); // the first module loads
        let first = first_measurement(&setup, readings.clone(), &clock)
            .unwrap_or_else(|| panic!("a first verdict at {skew_ms} ms"));
        // The app, on the same clock and readings, with the network behind them.
        let network = SimulatedNetwork::new(&clock, &[(PRIMARY, &server)]);
        network.set_early(readings);
        let run = measure_over(&clock, &setup, &network);
        assert!(
            matches!(run.phases[0], Phase::Provisional(_)),
            "the app's first phase: {:?}",
            run.phases[0]
        );
        assert_eq!(first, run.phases[0], "at {skew_ms} ms");
        let measured = first.measurement().expect("a measurement");
        assert!(measured.estimate.interval.contains(skew_ms));
    }
}

#[test]
fn no_first_measurement_without_usable_early_readings() {
    let server = TimeServer::date_header(SIXTEEN_MIN_MS, 50.0);
    let clock = ManualClock::starting_at(START_MS + 123.0);
    let readings = early_probe(&clock, &server);
    clock.advance(300.0);
    // A link whose time source is elsewhere: the early request asked the page, not it.
    let mut elsewhere = setup(Ask::Body, None);
    elsewhere.config = parse_query("endpoint=https://time.example/now", true).expect("a link");
    assert_eq!(
        first_measurement(&elsewhere, readings.clone(), &clock),
        None
    );
    // Readings not on this page's timeline (received after now).
    let mut late = readings.clone();
    late.monotonic_received_ms = clock.monotonic_ms() + 1_000.0;
    assert_eq!(
        first_measurement(&setup(Ask::DateHeader, None), late, &clock),
        None
    );
    // No answer (a network error is status 0).
    let mut failed = readings;
    failed.status = 0.0;
    assert_eq!(
        first_measurement(&setup(Ask::DateHeader, None), failed, &clock),
        None
    );
}
