use super::*;

fn valid() -> EarlyReadings {
    EarlyReadings {
        monotonic_sent_ms: 120.0,
        monotonic_received_ms: 170.0,
        wall_sent_ms: 1_700_000_000_120.0,
        wall_received_ms: 1_700_000_000_170.0,
        status: 200.0,
        headers: vec![
            (
                "date".to_owned(),
                "Tue, 14 Nov 2023 22:13:20 GMT".to_owned(),
            ),
            ("age".to_owned(), "3".to_owned()),
        ],
    }
}

#[test]
fn consistent_readings_become_the_request_timing() {
    let timing = valid().timing(400.0, 1.0).expect("consistent");
    assert_eq!(timing.round_trip_ms, 50.0);
    assert_eq!(timing.wall_sent_ms, 1_700_000_000_120.0);
    assert_eq!(timing.monotonic_sent_ms, 120.0);
    assert_eq!(valid().status(), Ok(200));
    assert_eq!(
        valid().header("Date"),
        Some("Tue, 14 Nov 2023 22:13:20 GMT")
    );
    assert_eq!(
        valid().header("AGE"),
        Some("3"),
        "a cache's headers are kept"
    );
}

#[test]
fn garbage_and_inconsistent_readings_are_refused() {
    type Spoiler = fn(&mut EarlyReadings);
    let cases: [(Spoiler, EarlyRefusal); 8] = [
        (|r| r.monotonic_sent_ms = f64::NAN, EarlyRefusal::OutOfRange),
        (|r| r.wall_received_ms = -5.0, EarlyRefusal::OutOfRange),
        (|r| r.wall_sent_ms = 1e300, EarlyRefusal::OutOfRange),
        (
            |r| r.monotonic_received_ms = 100.0,
            EarlyRefusal::OffTimeline,
        ),
        // Received after "now": not this page's timeline (another time origin).
        (
            |r| r.monotonic_received_ms = 900.0,
            EarlyRefusal::OffTimeline,
        ),
        (
            |r| r.monotonic_received_ms = 60_000.0,
            EarlyRefusal::OffTimeline,
        ),
        (
            |r| r.wall_received_ms += 5_000.0,
            EarlyRefusal::ClockChanged,
        ),
        (
            |r| {
                r.monotonic_sent_ms = 0.0;
                r.monotonic_received_ms = 50.0;
            },
            EarlyRefusal::TooOld,
        ),
    ];
    for (index, (spoil, refusal)) in cases.into_iter().enumerate() {
        let mut readings = valid();
        spoil(&mut readings);
        let now = if refusal == EarlyRefusal::TooOld {
            40_000.0
        } else {
            400.0
        };
        assert_eq!(readings.timing(now, 1.0), Err(refusal), "case {index}");
    }
}

#[test]
fn a_failed_or_dateless_answer_is_no_answer() {
    for (status, date) in [
        (0.0, Some("Tue, 14 Nov 2023 22:13:20 GMT")),
        (200.5, Some("Tue, 14 Nov 2023 22:13:20 GMT")),
        (200.0, None),
        (200.0, Some("")),
    ] {
        let readings = EarlyReadings {
            status,
            headers: date
                .map(|date| ("date".to_owned(), date.to_owned()))
                .into_iter()
                .collect(),
            ..valid()
        };
        assert_eq!(
            readings.status(),
            Err(EarlyRefusal::NoAnswer),
            "{status} {date:?}"
        );
    }
}

#[test]
fn too_many_headers_are_no_answer() {
    let mut readings = valid();
    readings
        .headers
        .extend((0..EARLY_MAX_HEADERS).map(|n| (format!("x-{n}"), String::new())));
    assert_eq!(readings.status(), Err(EarlyRefusal::NoAnswer));
}
