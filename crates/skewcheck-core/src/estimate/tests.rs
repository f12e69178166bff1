//! The estimator against simulated time servers, and its properties.

use super::*;
use crate::clock::{DeviceClock, ManualClock};
use crate::sample::{Stopwatch, Timing};
use crate::simulation::TimeServer as Server;
use crate::source::ReferenceReading;

/// A server whose clock is the truth, stamping `Date` headers.
fn date_header_reading(true_ms: f64) -> ReferenceReading {
    Server::date_header(0.0, 0.0).reading_at(true_ms)
}

/// Simulates one request: `outbound` ms to the server, `inbound` back.
fn simulate(clock: &ManualClock, offset_ms: f64, outbound: f64, inbound: f64) -> Sample {
    Server::date_header(offset_ms, 0.0)
        .with_legs(outbound, inbound)
        .sample(clock)
}

#[test]
fn no_samples_is_an_error() {
    assert_eq!(estimate(&[]), Err(EstimateError::NoUsableSamples));
}

#[test]
fn single_sample_gives_its_own_bounds() {
    let clock = ManualClock::starting_at(1_700_000_000_000.0 + 960_000.0);
    let sample = simulate(&clock, 960_000.0, 20.0, 20.0);
    let result = estimate(&[sample]).unwrap();
    assert_eq!(result.interval, sample.offset_bounds().unwrap());
    assert!(result.interval.contains(960_000.0));
    assert!(result.uncertainty_ms() <= 20.0 + 500.0 + 1.0 + 1e-9);
    assert_eq!(result.samples_usable, 1);
    assert!(result.consistent);
}

#[test]
fn straddling_a_second_narrows_date_header_samples() {
    // Samples 270 ms apart (250 ms pause + 20 ms round trip) land on six phases of the
    // server's second; the two nearest a tick bound the offset to their phase gap.
    let clock = ManualClock::starting_at(1_700_000_000_123.0);
    let offset = 3_456.0;
    let samples: Vec<Sample> = (0..6)
        .map(|_| {
            let sample = simulate(&clock, offset, 10.0, 10.0);
            clock.advance(250.0);
            sample
        })
        .collect();
    let result = estimate(&samples).unwrap();
    assert!(result.interval.contains(offset), "{result:?}");
    let single = samples[0].offset_bounds().unwrap().half_width_ms();
    assert!(single > 500.0);
    assert!(result.uncertainty_ms() <= 60.0, "{result:?}");
}

#[test]
fn huge_round_trip_gives_huge_but_honest_uncertainty() {
    let clock = ManualClock::starting_at(1_700_000_000_000.0);
    let slow = simulate(&clock, -5_000.0, 29_000.0, 1_000.0);
    let result = estimate(&[slow]).unwrap();
    assert!(result.interval.contains(-5_000.0));
    assert!(result.uncertainty_ms() >= 15_000.0);
    assert_eq!(result.best_round_trip_ms, 30_000.0);
}

#[test]
fn fast_samples_dominate_a_slow_one() {
    let clock = ManualClock::starting_at(1_700_000_000_000.0);
    let slow = simulate(&clock, 700.0, 9_000.0, 100.0);
    let fast = simulate(&clock, 700.0, 5.0, 5.0);
    let result = estimate(&[slow, fast]).unwrap();
    assert!(result.uncertainty_ms() <= fast.offset_bounds().unwrap().half_width_ms());
    assert_eq!(result.best_round_trip_ms, 10.0);
}

#[test]
fn a_clock_jump_voids_only_the_affected_sample() {
    let clock = ManualClock::starting_at(1_700_000_000_000.0);
    let before = simulate(&clock, 0.0, 10.0, 10.0);
    let watch = Stopwatch::start(&clock);
    clock.advance(10.0);
    let reference = date_header_reading(clock.wall_ms());
    clock.step_wall(-60_000.0);
    clock.advance(10.0);
    let jumped = Sample {
        timing: watch.stop(&clock),
        reference,
    };
    let result = estimate(&[before, jumped]).unwrap();
    assert_eq!(result.samples_usable, 1);
    assert!(result.interval.contains(0.0));
}

#[test]
fn an_outlier_is_outvoted() {
    let good = |wall: f64| Sample {
        timing: Timing {
            wall_sent_ms: wall,
            wall_received_ms: wall + 10.0,
            monotonic_sent_ms: wall,
            round_trip_ms: 10.0,
            granularity_ms: 1.0,
        },
        reference: ReferenceReading {
            earliest_ms: wall - 2_000.0,
            latest_ms: wall - 2_000.0,
            origin: crate::source::ReadingOrigin::DateHeader,
        },
    };
    let mut outlier = good(5_000.0);
    outlier.reference.earliest_ms += 60_000.0;
    outlier.reference.latest_ms += 60_000.0;
    let result = estimate(&[good(0.0), good(1_000.0), outlier]).unwrap();
    assert!(result.consistent);
    assert_eq!(result.samples_agreeing, 2);
    assert!(result.interval.contains(2_005.0));
    assert!(result.uncertainty_ms() < 10.0);
}

#[test]
fn disagreement_without_majority_reports_the_hull() {
    let a = OffsetInterval::around(0.0, 10.0);
    let b = OffsetInterval::around(100.0, 10.0);
    let (_, count) = marzullo(&[a, b]).unwrap();
    assert_eq!(count, 1);
    let sample = |interval: OffsetInterval| Sample {
        timing: Timing {
            wall_sent_ms: interval.lower_ms + 1_000.0,
            wall_received_ms: interval.upper_ms + 1_000.0 - 2.0,
            monotonic_sent_ms: 0.0,
            round_trip_ms: interval.upper_ms - interval.lower_ms - 2.0,
            granularity_ms: 1.0,
        },
        reference: ReferenceReading {
            earliest_ms: 1_000.0,
            latest_ms: 1_000.0,
            origin: crate::source::ReadingOrigin::DateHeader,
        },
    };
    let result = estimate(&[sample(a), sample(b)]).unwrap();
    assert!(!result.consistent);
    assert!(result.interval.contains(0.0) && result.interval.contains(100.0));
}

#[test]
fn marzullo_prefers_the_deepest_then_narrowest_region() {
    let intervals = [
        OffsetInterval {
            lower_ms: 0.0,
            upper_ms: 10.0,
        },
        OffsetInterval {
            lower_ms: 8.0,
            upper_ms: 12.0,
        },
        OffsetInterval {
            lower_ms: 9.0,
            upper_ms: 20.0,
        },
        OffsetInterval {
            lower_ms: 30.0,
            upper_ms: 40.0,
        },
    ];
    let (interval, count) = marzullo(&intervals).unwrap();
    assert_eq!(count, 3);
    assert_eq!(
        interval,
        OffsetInterval {
            lower_ms: 9.0,
            upper_ms: 10.0
        }
    );
}

// proptest runs natively only.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use crate::clock::{DeviceClock, ManualClock};
    use crate::sample::Stopwatch;
    use crate::source::{ReadingOrigin, ReferenceReading};
    use proptest::prelude::*;

    /// (outbound ms, inbound ms, pause before next ms)
    fn leg() -> impl Strategy<Value = (f64, f64, f64)> {
        (0.0..400.0f64, 0.0..400.0f64, 0.0..1_500.0f64)
    }

    proptest! {
        /// Whatever the offset, asymmetry and phase, with a correct server the reported
        /// interval always contains the true offset, for both Date-header and exact sources.
        #[test]
        fn reported_interval_always_contains_the_truth(
            offset in -3_600_000.0..3_600_000.0f64,
            start in 1_600_000_000_000.0..1_900_000_000_000.0f64,
            legs in prop::collection::vec(leg(), 1..8),
            date_header in any::<bool>(),
        ) {
            let clock = ManualClock::starting_at(start + offset);
            let samples: Vec<Sample> = legs.iter().map(|&(outbound, inbound, pause)| {
                let watch = Stopwatch::start(&clock);
                clock.advance(outbound);
                let truth = clock.wall_ms() - offset;
                let (earliest_ms, latest_ms) = if date_header {
                    let second = (truth / 1000.0).floor() * 1000.0;
                    (second, second + 1000.0)
                } else {
                    (truth.floor(), truth.floor() + 1.0)
                };
                // Date.now() is an integer: truncate the wall readings as the browser does.
                clock.advance(inbound);
                let mut timing = watch.stop(&clock);
                timing.wall_sent_ms = timing.wall_sent_ms.floor();
                timing.wall_received_ms = timing.wall_received_ms.floor();
                clock.advance(pause);
                Sample { timing, reference: ReferenceReading { earliest_ms, latest_ms, origin: ReadingOrigin::DateHeader } }
            }).collect();
            let result = estimate(&samples).unwrap();
            prop_assert!(result.consistent);
            prop_assert!(result.interval.contains(offset), "{:?} does not contain {}", result.interval, offset);
            // And it is never wider than the best single sample.
            let narrowest = samples.iter().map(|s| s.offset_bounds().unwrap().half_width_ms()).fold(f64::INFINITY, f64::min);
            prop_assert!(result.uncertainty_ms() <= narrowest + 1e-9);
        }
    }
}
