//! A `Date`-header source probed in volleys: probes in flight together on the simulated
//! network, the estimate narrowing within a few server ticks.

use super::*;
use crate::sample::Observation;

/// How long after the start (device ms) a measurement concluded.
fn elapsed(measurement: &Measurement) -> f64 {
    measurement.device_time_ms - (START_MS + 123.0)
}

#[test]
fn a_date_header_source_at_50_ms_settles_within_a_few_ticks() {
    for offset in [3_000.0, -1_234.5, SIXTEEN_MIN_MS + 567.0] {
        let server = TimeServer::date_header(offset, 50.0);
        let run = measure_one(Ask::DateHeader, &server);
        let within_60 = run
            .phases
            .iter()
            .filter_map(Phase::measurement)
            .find(|m| m.estimate.uncertainty_ms() <= 60.0)
            .expect("within 60 ms at last");
        assert!(elapsed(within_60) <= 2_300.0, "{}", elapsed(within_60));
        let result = run.settled();
        assert!(
            result.estimate.interval.contains(offset),
            "{:?}",
            result.estimate
        );
        assert!(result.estimate.uncertainty_ms() <= 25.0 + PAGE_PLAN.convergence_slack_ms);
        assert!(
            elapsed(result) <= 4_500.0,
            "settled after {} ms",
            elapsed(result)
        );
        assert_eq!(server.requests(), result.requests);
        assert!(result.requests <= PAGE_PLAN.max_requests);
    }
}

#[test]
fn probes_in_flight_together_overlap_on_the_simulated_clock() {
    let clock = ManualClock::starting_at(START_MS);
    let server = TimeServer::date_header(0.0, 300.0);
    let network = SimulatedNetwork::new(&clock, &[(PRIMARY, &server)]);
    let late = async {
        network.sleep(100).await;
        network.sample(PRIMARY, Ask::DateHeader, 2).await
    };
    let (first, second) = block_on(futures::future::join(
        network.sample(PRIMARY, Ask::DateHeader, 1),
        late,
    ));
    let (first, second) = (first.expect("an answer"), second.expect("an answer"));
    // Each is timed by its own round trip, and the second left 100 ms after the first.
    assert_eq!(first.sample.timing.round_trip_ms, 300.0);
    assert_eq!(second.sample.timing.round_trip_ms, 300.0);
    assert_eq!(
        second.sample.timing.monotonic_sent_ms - first.sample.timing.monotonic_sent_ms,
        100.0
    );
    assert_eq!(
        clock.monotonic_ms(),
        400.0,
        "together, not one after the other"
    );
}

#[test]
fn a_volley_abandons_its_probes_when_the_clock_changes() {
    // The second request (the volley's first probe) straddles a change of the device clock.
    let server = TimeServer::date_header(SIXTEEN_MIN_MS, 50.0)
        .scripted([None, Some(Fault::StepClock(-SIXTEEN_MIN_MS))]);
    let run = measure_one(Ask::DateHeader, &server);
    let result = run.settled();
    assert!(
        result.estimate.interval.contains(0.0),
        "{:?}",
        result.estimate
    );
    assert_eq!(result.assessment.verdict, Verdict::Ok);
    assert!(run.outcome.clock_changed);
}

/// The simulated network, with every timer firing `late_ms` late (a busy page).
struct Busy<'a> {
    network: SimulatedNetwork<'a>,
    late_ms: u32,
}

impl Transport for Busy<'_> {
    async fn sample(&self, url: &str, ask: Ask, nonce: u64) -> Result<Observation, FetchError> {
        self.network.sample(url, ask, nonce).await
    }

    async fn sleep(&self, ms: u32) {
        self.network.sleep(ms + self.late_ms).await;
    }

    fn nonce(&self) -> u64 {
        self.network.nonce()
    }
}

#[test]
fn late_timers_cost_time_never_honesty() {
    for late_ms in [5, 150, 1_300] {
        let clock = ManualClock::starting_at(START_MS + 123.0);
        let server = TimeServer::date_header(3_210.0, 50.0);
        let busy = Busy {
            network: SimulatedNetwork::new(&clock, &[(PRIMARY, &server)]),
            late_ms,
        };
        let last = RefCell::new(None);
        block_on(run(
            &setup(Ask::DateHeader, None),
            None,
            &clock,
            &busy,
            |phase| {
                *last.borrow_mut() = Some(phase);
            },
        ));
        let last = last.into_inner().expect("a phase");
        let result = last.settled().expect("a result");
        assert!(
            result.estimate.interval.contains(3_210.0),
            "{late_ms}: {:?}",
            result.estimate
        );
        assert!(result.requests <= PAGE_PLAN.max_requests);
        // A probe a little late still goes at once and keeps its phase well enough.
        if late_ms == 5 {
            assert!(
                result.estimate.uncertainty_ms() <= 60.0,
                "{:?}",
                result.estimate
            );
        }
    }
}
