use super::*;
use crate::clock::ManualClock;
use crate::sample::Observation;
use crate::sample::Stopwatch;
use crate::simulation::{Fault, START_MS, TimeServer as Server};
use crate::source::{CacheEvidence, ReadingOrigin, ReferenceReading};
use crate::words::cache_evidence_words;

/// Drives a collector the way the browser shell does; returns the outcomes.
fn drive(clock: &ManualClock, collector: &mut Collector<String>, server: &Server) -> Vec<Recorded> {
    let mut outcomes = Vec::new();
    while let Step::Request { delay_ms } = collector.next_step(clock) {
        clock.advance(f64::from(delay_ms));
        outcomes.push(collector.record(server.answer(clock)));
        assert!(outcomes.len() <= 40, "runaway collector");
    }
    outcomes
}

#[test]
fn first_request_goes_at_once() {
    let clock = ManualClock::starting_at(START_MS);
    assert_eq!(
        Collector::<String>::new(DEFAULT_PLAN).next_step(&clock),
        Step::Request { delay_ms: 0 }
    );
}

#[test]
fn a_millisecond_source_takes_its_samples_then_finishes() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    let outcomes = drive(&clock, &mut collector, &Server::millisecond(3_000.0, 20.0));
    assert_eq!(outcomes.len(), DEFAULT_PLAN.fine_samples);
    let estimate = collector.finish().unwrap();
    assert!(estimate.interval.contains(3_000.0));
    assert!(estimate.uncertainty_ms() <= 10.0 + 2.0 + 1.0);
}

#[test]
fn date_header_bisection_reaches_the_round_trip_limit() {
    for (offset, round_trip) in [
        (960_000.0, 1.0),
        (3_456.7, 10.0),
        (-960_123.0, 50.0),
        (0.0, 300.0),
    ] {
        let clock = ManualClock::starting_at(START_MS + 123.0);
        let mut collector = Collector::<String>::new(DEFAULT_PLAN);
        let outcomes = drive(
            &clock,
            &mut collector,
            &Server::date_header(offset, round_trip),
        );
        assert!(outcomes.len() <= DEFAULT_PLAN.max_requests);
        let estimate = collector.finish().unwrap();
        assert!(estimate.interval.contains(offset), "{offset}: {estimate:?}");
        assert!(
            estimate.uncertainty_ms() <= round_trip / 2.0 + DEFAULT_PLAN.convergence_slack_ms,
            "{offset} ms at {round_trip} ms round trip: ± {} after {} requests",
            estimate.uncertainty_ms(),
            outcomes.len()
        );
    }
}

#[test]
fn bisection_schedules_the_stamp_on_a_tick() {
    let clock = ManualClock::starting_at(START_MS + 400.0);
    let server = Server::date_header(250.0, 20.0);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    collector.record(server.answer(&clock));
    let Step::Request { delay_ms } = collector.next_step(&clock) else {
        panic!("should keep measuring");
    };
    let estimate = collector.current_estimate().unwrap();
    let send_at = clock.wall_ms() + f64::from(delay_ms);
    let stamp_server_time = send_at + 10.0 - estimate.offset_ms();
    let phase = stamp_server_time.rem_euclid(1000.0);
    assert!(
        !(1.0..=999.0).contains(&phase),
        "stamp lands {phase} ms past a tick"
    );
    assert!(f64::from(delay_ms) >= DEFAULT_PLAN.min_gap_ms - 1.0);
}

#[test]
fn a_clock_change_during_a_request_starts_over() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    let server = Server::millisecond(1_000.0, 20.0);
    collector.record(server.answer(&clock));
    collector.record(server.answer(&clock));
    // The user corrects the clock while the third request is in flight.
    let watch = Stopwatch::start(&clock);
    clock.advance(10.0);
    clock.step_wall(-1_000.0);
    clock.advance(10.0);
    let reading = ReferenceReading {
        earliest_ms: clock.wall_ms() - 10.0,
        latest_ms: clock.wall_ms() - 10.0,
        origin: ReadingOrigin::DateHeader,
    };
    let outcome = collector.record(
        Sample {
            timing: watch.stop(&clock),
            reference: reading,
        }
        .into(),
    );
    assert_eq!(outcome, Recorded::ClockChanged { jump_ms: -1_000.0 });
    let fixed = Server::millisecond(0.0, 20.0);
    let rest = drive(&clock, &mut collector, &fixed);
    assert_eq!(rest.len(), DEFAULT_PLAN.fine_samples);
    let estimate = collector.finish().unwrap();
    assert!(estimate.interval.contains(0.0) && !estimate.interval.contains(1_000.0));
}

#[test]
fn a_clock_change_between_requests_starts_over_keeping_the_new_sample() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    collector.record(Server::millisecond(960_000.0, 20.0).answer(&clock));
    collector.record(Server::millisecond(960_000.0, 20.0).answer(&clock));
    clock.advance(50.0);
    clock.step_wall(-960_000.0);
    let fixed = Server::millisecond(0.0, 20.0);
    assert_eq!(
        collector.record(fixed.answer(&clock)),
        Recorded::ClockChanged {
            jump_ms: -960_000.0
        }
    );
    assert_eq!(collector.current_estimate().unwrap().samples_usable, 1);
    drive(&clock, &mut collector, &fixed);
    let estimate = collector.finish().unwrap();
    assert!(estimate.interval.contains(0.0), "{estimate:?}");
}

#[test]
fn a_device_that_slept_between_requests_starts_over() {
    // On iOS the monotonic clock stops during sleep while the wall clock runs on.
    let clock = ManualClock::starting_at(START_MS);
    let server = Server::millisecond(5_000.0, 20.0);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    collector.record(server.answer(&clock));
    clock.step_wall(30_000.0); // 30 s of sleep: wall moves, monotonic does not
    let outcome = collector.record(server.answer(&clock));
    assert_eq!(outcome, Recorded::ClockChanged { jump_ms: 30_000.0 });
}

#[test]
fn a_clock_that_keeps_changing_gives_up() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    let mut requests = 0;
    while let Step::Request { .. } = collector.next_step(&clock) {
        let watch = Stopwatch::start(&clock);
        clock.step_wall(5_000.0);
        clock.advance(20.0);
        let reading = ReferenceReading {
            earliest_ms: clock.wall_ms(),
            latest_ms: clock.wall_ms(),
            origin: ReadingOrigin::DateHeader,
        };
        collector.record(
            Sample {
                timing: watch.stop(&clock),
                reference: reading,
            }
            .into(),
        );
        requests += 1;
    }
    assert_eq!(requests, DEFAULT_PLAN.max_restarts + 1);
    assert_eq!(collector.finish(), Err(CollectError::ClockUnstable));
}

#[test]
fn cached_answers_are_never_used() {
    let clock = ManualClock::starting_at(START_MS);
    let stale = Server::millisecond(300_000.0, 5.0); // a 5-minute-old answer
    let fresh = Server::millisecond(2_000.0, 5.0);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    let mut cached = stale.answer(&clock);
    cached.cache_evidence = Some(CacheEvidence::Age("300".to_owned()));
    assert!(matches!(collector.record(cached), Recorded::Cached(_)));
    drive(&clock, &mut collector, &fresh);
    let estimate = collector.finish().unwrap();
    assert!(estimate.interval.contains(2_000.0));
    assert!(!estimate.interval.contains(300_000.0));
}

#[test]
fn cached_answers_are_evidence() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    while let Step::Request { .. } = collector.next_step(&clock) {
        let mut observation = Server::millisecond(0.0, 5.0).answer(&clock);
        observation.cache_evidence = Some(CacheEvidence::Age("0".to_owned()));
        assert_eq!(
            collector.record(observation),
            Recorded::Cached(CacheEvidence::Age("0".to_owned()))
        );
    }
    let seen = collector
        .cache_seen()
        .expect("the cache is remembered")
        .clone();
    assert!(!seen.frozen);
    assert!(collector.finish().unwrap().interval.contains(0.0));
}

#[test]
fn only_frozen_copies_is_an_error_that_says_so() {
    let clock = ManualClock::starting_at(START_MS);
    let server = Server::date_header(0.0, 5.0).always_failing(Fault::Frozen);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    let mut outcomes = Vec::new();
    while let Step::Request { delay_ms } = collector.next_step(&clock) {
        clock.advance(f64::from(delay_ms));
        let observation = simulated_observation(&clock, &server);
        outcomes.push(collector.record(observation));
        assert!(outcomes.len() <= 40, "runaway collector");
    }
    assert!(
        outcomes
            .iter()
            .any(|outcome| matches!(outcome, Recorded::Stale(_)))
    );
    assert!(matches!(
        collector.finish(),
        Err(CollectError::OnlyCached(evidence)) if cache_evidence_words(&evidence).contains("stood still")
    ));
}

#[test]
fn a_fresh_answer_then_frozen_copies_keeps_no_frozen_time() {
    // The first answer stored by a cache that then replays it: after a second the replay
    // shows a time already passed; every sample showing that time goes, fresh ones stay.
    let clock = ManualClock::starting_at(START_MS);
    let server = Server::date_header(4_000.0, 5.0).scripted([
        Some(Fault::Frozen),
        Some(Fault::Frozen),
        Some(Fault::Frozen),
    ]);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    for _ in 0..3 {
        collector.record(simulated_observation(&clock, &server));
        clock.advance(700.0);
    }
    assert!(collector.cache_seen().is_some_and(|seen| seen.frozen));
    assert!(
        collector.current_estimate().is_err(),
        "the frozen time is gone"
    );
    while let Step::Request { delay_ms } = collector.next_step(&clock) {
        clock.advance(f64::from(delay_ms));
        collector.record(simulated_observation(&clock, &server));
    }
    assert!(collector.finish().unwrap().interval.contains(4_000.0));
}

/// One answer over the simulated network, read as the browser reads it.
fn simulated_observation(clock: &ManualClock, server: &Server) -> Observation {
    use crate::fetch::Ask;
    use crate::measure::Transport;
    use crate::simulation::SimulatedNetwork;
    let network = SimulatedNetwork::new(clock, &[("https://t.example/", server)]);
    futures::executor::block_on(network.sample("https://t.example/", Ask::DateHeader, 1))
        .expect("an answer")
}

#[test]
fn transient_failures_are_retried_with_a_limit() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    for attempt in 0..DEFAULT_PLAN.max_failures {
        assert!(
            matches!(collector.next_step(&clock), Step::Request { .. }),
            "{attempt}"
        );
        collector.record_failure(format!("timeout {attempt}"), false);
    }
    assert_eq!(collector.next_step(&clock), Step::Finish);
    assert_eq!(collector.requests_total(), DEFAULT_PLAN.max_failures);
    assert_eq!(
        collector.finish(),
        Err(CollectError::Requests("timeout 2".to_owned()))
    );
}

#[test]
fn a_permanent_failure_stops_at_once() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    collector.record_failure("404".to_owned(), true);
    assert_eq!(collector.next_step(&clock), Step::Finish);
}

#[test]
fn the_date_header_beside_a_body_is_estimated_separately() {
    let clock = ManualClock::starting_at(START_MS);
    let mut collector = Collector::<String>::new(DEFAULT_PLAN);
    let body = Server::millisecond(0.0, 10.0);
    while let Step::Request { .. } = collector.next_step(&clock) {
        let mut observation = body.answer(&clock);
        // A server whose Date header runs an hour behind its body (a time-zone bug).
        let truth = clock.wall_ms() - 5.0 - 3_600_000.0;
        let second = (truth / 1000.0).floor() * 1000.0;
        observation.date_header = Some(ReferenceReading {
            earliest_ms: second,
            latest_ms: second + 1000.0,
            origin: ReadingOrigin::DateHeader,
        });
        collector.record(observation);
    }
    let header = collector.date_header_estimate().unwrap();
    assert!(header.interval.contains(3_600_000.0), "{header:?}");
    assert!(collector.finish().unwrap().interval.contains(0.0));
}

#[cfg(not(target_arch = "wasm32"))]
pub(in crate::plan) mod properties {
    use super::super::*;
    use crate::clock::ManualClock;
    use crate::sample::Stopwatch;
    use crate::source::{ReadingOrigin, ReferenceReading};
    use proptest::prelude::*;

    /// A network to probe, as the honesty properties of every schedule draw it.
    #[derive(Debug, Clone)]
    pub(in crate::plan) struct Network {
        /// The device clock's true offset, ms.
        pub offset: f64,
        /// The true time at the start, ms since the epoch.
        pub start: f64,
        /// The base round trip, ms.
        pub round_trip: f64,
        /// The outbound leg's share of each round trip.
        pub outbound_share: f64,
        /// Per-request jitter, each a fraction of the round trip.
        pub jitter: Vec<f64>,
    }

    prop_compose! {
        /// Any offset, start, round trip, asymmetry and jitter.
        pub(in crate::plan) fn any_network()(
            offset in -2_000_000.0..2_000_000.0f64,
            start in 1_600_000_000_000.0..1_900_000_000_000.0f64,
            round_trip in 0.5..400.0f64,
            outbound_share in 0.0..1.0f64,
            jitter in prop::collection::vec(0.0..1.0f64, 16),
        ) -> Network {
            Network { offset, start, round_trip, outbound_share, jitter }
        }
    }

    proptest! {
        /// With any offset, round trip, asymmetry and jitter, the bisected interval contains
        /// the truth and the collector stays within its budget.
        #[test]
        fn bisection_is_always_honest(network in any_network()) {
            let Network { offset, start, round_trip, outbound_share, jitter } = network;
            let clock = ManualClock::starting_at(start + offset);
            let mut collector = Collector::<String>::new(DEFAULT_PLAN);
            let mut requests = 0;
            while let Step::Request { delay_ms } = collector.next_step(&clock) {
                clock.advance(f64::from(delay_ms) + jitter[requests % jitter.len()] * 7.0);
                let this_trip = round_trip * (1.0 + jitter[(requests + 3) % jitter.len()]);
                let watch = Stopwatch::start(&clock);
                clock.advance(this_trip * outbound_share);
                let truth = clock.wall_ms() - offset;
                let second = (truth / 1000.0).floor() * 1000.0;
                clock.advance(this_trip * (1.0 - outbound_share));
                let mut timing = watch.stop(&clock);
                timing.wall_sent_ms = timing.wall_sent_ms.floor();
                timing.wall_received_ms = timing.wall_received_ms.floor();
                collector.record(Sample {
                    timing,
                    reference: ReferenceReading { earliest_ms: second, latest_ms: second + 1000.0, origin: ReadingOrigin::DateHeader },
                }.into());
                requests += 1;
            }
            prop_assert!(requests <= DEFAULT_PLAN.max_requests);
            let estimate = collector.finish().unwrap();
            prop_assert!(estimate.interval.contains(offset), "{:?} misses {}", estimate.interval, offset);
        }
    }
}
