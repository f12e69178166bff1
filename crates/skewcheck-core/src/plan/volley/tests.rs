//! Volleys: where each probe is aimed, how the rounds are counted, and that concurrent
//! probes (answers arriving in any order) stay honest and settle in a few server ticks.

use super::super::*;
use super::next_volley_size;
use crate::clock::ManualClock;
use crate::sample::Timing;
use crate::simulation::START_MS;
use crate::source::{ReadingOrigin, ReferenceReading};

/// One probe of a volley, sent `delay_ms` after `start` (device wall and monotonic ms) to a
/// server `offset_ms` behind, its legs `outbound_ms` and `inbound_ms`.
fn probe_at(start: (f64, f64), delay_ms: u32, offset_ms: f64, legs: (f64, f64)) -> Sample {
    let (wall, monotonic) = (start.0 + f64::from(delay_ms), start.1 + f64::from(delay_ms));
    let truth = wall + legs.0 - offset_ms;
    let second = (truth / 1000.0).floor() * 1000.0;
    Sample {
        timing: Timing {
            wall_sent_ms: wall,
            wall_received_ms: wall + legs.0 + legs.1,
            monotonic_sent_ms: monotonic,
            round_trip_ms: legs.0 + legs.1,
            granularity_ms: 1.0,
        },
        reference: ReferenceReading {
            earliest_ms: second,
            latest_ms: second + 1000.0,
            origin: ReadingOrigin::DateHeader,
        },
    }
}

/// Drives a collector with every probe of a volley in flight together, answers recorded in
/// the order they arrive (`legs` picks each probe's legs); returns the requests made and,
/// after each step, the elapsed time and the uncertainty.
fn drive_concurrently(
    clock: &ManualClock,
    collector: &mut Collector<String>,
    offset_ms: f64,
    mut legs: impl FnMut(usize) -> (f64, f64),
) -> Vec<(f64, f64)> {
    let mut trace = Vec::new();
    let mut requests = 0;
    loop {
        let delays: Vec<u32> = match collector.next_step(clock) {
            Step::Finish => break,
            Step::Request { delay_ms } => vec![delay_ms],
            Step::Volley(volley) => volley.delays_ms().to_vec(),
        };
        let start = (clock.wall_ms(), clock.monotonic_ms());
        let mut answers: Vec<Sample> = delays
            .iter()
            .map(|&delay| {
                requests += 1;
                probe_at(start, delay, offset_ms, legs(requests))
            })
            .collect();
        answers.sort_by(|a, b| {
            a.timing
                .wall_received_ms
                .total_cmp(&b.timing.wall_received_ms)
        });
        let last = answers.last().map_or(0.0, |s| s.timing.wall_received_ms);
        for answer in answers {
            collector.record(answer.into());
        }
        clock.advance(last - clock.wall_ms());
        let estimate = collector.current_estimate().unwrap();
        assert!(
            estimate.interval.contains(offset_ms),
            "{offset_ms}: {estimate:?}"
        );
        trace.push((clock.monotonic_ms(), estimate.uncertainty_ms()));
        assert!(requests <= 40, "runaway collector");
    }
    trace
}

#[test]
fn rounds_are_counted_from_the_requests_made() {
    let rounds = [4, 3, 2, 2];
    assert_eq!(next_volley_size(&rounds, 1), Some(4));
    assert_eq!(next_volley_size(&rounds, 3), Some(2), "the rest of round 1");
    assert_eq!(next_volley_size(&rounds, 5), Some(3));
    assert_eq!(next_volley_size(&rounds, 10), Some(2));
    assert_eq!(next_volley_size(&rounds, 12), None);
    assert_eq!(next_volley_size(&[], 1), None);
}

#[test]
fn each_probe_is_aimed_at_its_own_phase_of_the_tick() {
    let clock = ManualClock::starting_at(START_MS + 400.0);
    let mut collector = Collector::<String>::new(PAGE_PLAN);
    collector.record(probe_at((clock.wall_ms(), 0.0), 0, 250.0, (10.0, 10.0)).into());
    clock.advance(20.0);
    let Step::Volley(volley) = collector.next_step(&clock) else {
        panic!("a Date header source is probed in volleys");
    };
    let estimate = collector.current_estimate().unwrap();
    let (lower, width) = (
        estimate.interval.lower_ms,
        estimate.interval.upper_ms - estimate.interval.lower_ms,
    );
    let gap = (width - 20.0) / 5.0;
    assert_eq!(volley.delays_ms().len(), 4);
    let mut aims: Vec<f64> = volley
        .delays_ms()
        .iter()
        .map(|&delay| {
            assert!(f64::from(delay) >= PAGE_PLAN.min_gap_ms - 1.0);
            // The offset for which this probe's stamp lands exactly on a tick, within the
            // second the interval spans.
            let send_at = clock.wall_ms() + f64::from(delay);
            let phase = (send_at + 10.0 - lower).rem_euclid(1000.0);
            lower + phase
        })
        .collect();
    aims.sort_by(f64::total_cmp);
    for (index, aim) in aims.iter().enumerate() {
        let expected = lower + 10.0 + (index as f64 + 1.0) * gap;
        assert!(
            (aim - expected).abs() <= 1.0,
            "aim {index}: {aim} vs {expected}"
        );
    }
}

#[test]
fn volleys_settle_in_a_few_ticks_within_the_budget() {
    for (offset, round_trip) in [(960_000.0, 1.0), (3_456.7, 20.0), (-960_123.0, 50.0)] {
        let clock = ManualClock::starting_at(START_MS + 123.0);
        let mut collector = Collector::<String>::new(PAGE_PLAN);
        let trace = drive_concurrently(&clock, &mut collector, offset, |_| {
            (round_trip / 2.0, round_trip / 2.0)
        });
        assert!(collector.requests_total() <= PAGE_PLAN.max_requests);
        let (settled_at, uncertainty) = *trace.last().unwrap();
        assert!(
            uncertainty <= round_trip / 2.0 + PAGE_PLAN.convergence_slack_ms,
            "{offset} at {round_trip} ms: ± {uncertainty} ({trace:?})"
        );
        // First answer, then at most four ticks (each at most a second and a round trip).
        assert!(
            settled_at <= 4.0 * (1_000.0 + round_trip) + 200.0,
            "{trace:?}"
        );
        // Within 60 ms after two volleys, at most about 2.2 s in.
        let within_60 = trace.iter().find(|(_, u)| *u <= 60.0).unwrap().0;
        assert!(
            within_60 <= 2.0 * (1_000.0 + round_trip) + 200.0,
            "{trace:?}"
        );
    }
}

#[test]
fn volleys_settle_sooner_than_the_sequential_bisection() {
    for (offset, round_trip) in [(3_456.7, 20.0), (-960_123.0, 50.0), (123.0, 50.0)] {
        let settle = |plan: Plan| {
            let clock = ManualClock::starting_at(START_MS + 123.0);
            let mut collector = Collector::<String>::new(plan);
            let trace = drive_concurrently(&clock, &mut collector, offset, |_| {
                (round_trip / 2.0, round_trip / 2.0)
            });
            *trace.last().unwrap()
        };
        let (volleys, sequential) = (settle(PAGE_PLAN), settle(DEFAULT_PLAN));
        assert!(volleys.0 < sequential.0, "{volleys:?} vs {sequential:?}");
        assert!(
            volleys.1 <= sequential.1 + 5.0,
            "{volleys:?} vs {sequential:?}"
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use crate::plan::tests::properties::{Network, any_network};
    use proptest::prelude::*;

    proptest! {
        /// With any offset, round trip, asymmetry and jitter, and answers arriving in any
        /// order, the volleys' interval contains the truth and stays within the budget.
        #[test]
        fn volleys_are_always_honest(network in any_network()) {
            let Network { offset, start, round_trip, outbound_share, jitter } = network;
            let clock = ManualClock::starting_at(start + offset);
            let mut collector = Collector::<String>::new(PAGE_PLAN);
            drive_concurrently(&clock, &mut collector, offset, |request| {
                let trip = round_trip * (1.0 + jitter[request % jitter.len()]);
                (trip * outbound_share, trip * (1.0 - outbound_share))
            });
            prop_assert!(collector.requests_total() <= PAGE_PLAN.max_requests);
            prop_assert!(collector.finish().unwrap().interval.contains(offset));
        }
    }
}
