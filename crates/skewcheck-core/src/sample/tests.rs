//! Offsets from one request's timestamps, clock jumps and impossible timings.

use super::*;
use crate::clock::ManualClock;
use crate::source::{BodyFormat, EpochUnit, ReadingOrigin};

fn exact_reading(ms: f64) -> ReferenceReading {
    ReferenceReading {
        earliest_ms: ms,
        latest_ms: ms,
        origin: ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Milliseconds)),
    }
}

#[test]
fn stopwatch_measures_round_trip_on_the_monotonic_clock() {
    let clock = ManualClock::starting_at(1_000_000.0);
    let watch = Stopwatch::start(&clock);
    clock.advance(120.0);
    let timing = watch.stop(&clock);
    assert_eq!(timing.round_trip_ms, 120.0);
    assert_eq!(timing.wall_received_ms - timing.wall_sent_ms, 120.0);
}

#[test]
fn midpoint_is_the_rfc5905_estimate() {
    // t0 = 10 000, t3 = 10 100, server stamped 9 000 (exact): device is ~1 050 ms fast.
    let sample = Sample {
        timing: Timing {
            wall_sent_ms: 10_000.0,
            wall_received_ms: 10_100.0,
            monotonic_sent_ms: 0.0,
            round_trip_ms: 100.0,
            granularity_ms: 1.0,
        },
        reference: exact_reading(9_000.0),
    };
    let bounds = sample.offset_bounds().unwrap();
    let (t0, t1, t2, t3) = (10_000.0, 9_000.0, 9_000.0, 10_100.0);
    let ntp_theta = ((t1 - t0) + (t2 - t3)) / 2.0;
    let ntp_delay = (t3 - t0) - (t2 - t1);
    assert!((bounds.midpoint_ms() - -ntp_theta).abs() < 1e-9);
    assert!((bounds.half_width_ms() - (ntp_delay / 2.0 + WALL_CLOCK_RESOLUTION_MS)).abs() < 1e-9);
}

#[test]
fn clock_going_backwards_mid_sample_is_detected() {
    let clock = ManualClock::starting_at(5_000_000.0);
    let watch = Stopwatch::start(&clock);
    clock.advance(40.0);
    clock.step_wall(-960_000.0);
    clock.advance(40.0);
    let sample = Sample {
        timing: watch.stop(&clock),
        reference: exact_reading(5_000_000.0),
    };
    assert_eq!(
        sample.offset_bounds(),
        Err(SampleFault::ClockChanged {
            jump_ms: -960_000.0
        })
    );
}

#[test]
fn small_disagreement_widens_instead_of_voiding() {
    let steady = Sample {
        timing: Timing {
            wall_sent_ms: 0.0,
            wall_received_ms: 100.0,
            monotonic_sent_ms: 0.0,
            round_trip_ms: 100.0,
            granularity_ms: 1.0,
        },
        reference: exact_reading(0.0),
    };
    let mut coarse = steady;
    coarse.timing.wall_received_ms = 117.0;
    let steady_width = steady.offset_bounds().unwrap().half_width_ms();
    let coarse_width = coarse.offset_bounds().unwrap().half_width_ms();
    assert!((coarse_width - steady_width - 17.0).abs() < 1e-9);
}

#[test]
fn coarse_timers_widen_the_interval_and_the_jump_threshold() {
    // Tor Browser: both clocks rounded down to 100 ms. The device is 3 s fast, the
    // server answers 30 ms after the request left, 60 ms round trip.
    let true_sent = 1_700_000_003_099.0;
    let coarse = |ms: f64| (ms / 100.0).floor() * 100.0;
    let clock_true_monotonic_sent = 5_099.0;
    let timing = Timing {
        wall_sent_ms: coarse(true_sent),
        wall_received_ms: coarse(true_sent + 60.0),
        monotonic_sent_ms: coarse(clock_true_monotonic_sent),
        round_trip_ms: coarse(clock_true_monotonic_sent + 60.0) - coarse(clock_true_monotonic_sent),
        granularity_ms: 100.0,
    };
    let sample = Sample {
        timing,
        reference: exact_reading(true_sent - 3_000.0 + 30.0),
    };
    assert!(sample.offset_bounds().unwrap().contains(3_000.0));
    let fine = Sample {
        timing: Timing {
            granularity_ms: 1.0,
            ..timing
        },
        ..sample
    };
    assert!(
        !fine.offset_bounds().unwrap().contains(3_000.0),
        "the bug it fixes"
    );
    assert_eq!(clock_jump_threshold_ms(100.0), 250.0);
}

#[test]
fn gap_and_hull_of_intervals() {
    let a = OffsetInterval::around(0.0, 10.0);
    let b = OffsetInterval::around(100.0, 10.0);
    assert_eq!(a.gap_to(&b), 80.0);
    assert_eq!(b.gap_to(&a), 80.0);
    assert_eq!(a.gap_to(&OffsetInterval::around(15.0, 10.0)), 0.0);
    assert_eq!(
        a.hull(&b),
        OffsetInterval {
            lower_ms: -10.0,
            upper_ms: 110.0
        }
    );
}

#[test]
fn impossible_timings_are_faults() {
    let good = Sample {
        timing: Timing {
            wall_sent_ms: 0.0,
            wall_received_ms: 10.0,
            monotonic_sent_ms: 0.0,
            round_trip_ms: 10.0,
            granularity_ms: 1.0,
        },
        reference: exact_reading(0.0),
    };
    let mut negative = good;
    negative.timing.round_trip_ms = -5.0;
    negative.timing.wall_received_ms = -5.0;
    let mut not_finite = good;
    not_finite.timing.wall_sent_ms = f64::NAN;
    for sample in [negative, not_finite] {
        assert_eq!(sample.offset_bounds(), Err(SampleFault::ImpossibleTiming));
    }
}
