//! Tests of `drift`.

use super::*;
use crate::clock::{DeviceClock, ManualClock};
use crate::verdict::AMAZON_S3;

/// Measurements every `every_ms` of a clock gaining `ppm`, each with ± `uncertainty_ms`.
fn measurements(
    start_offset: f64,
    ppm: f64,
    every_ms: f64,
    count: usize,
    uncertainty_ms: f64,
) -> Vec<DriftPoint> {
    // The injected clock plays the device: real time passes on its monotonic clock, and
    // its wall clock gains ppm on top.
    let clock = ManualClock::starting_at(1_700_000_000_000.0 + start_offset);
    (0..count)
        .map(|index| {
            if index > 0 {
                clock.advance(every_ms);
                clock.step_wall(every_ms * ppm / 1e6);
            }
            let true_offset = clock.wall_ms() - (1_700_000_000_000.0 + clock.monotonic_ms());
            DriftPoint {
                at_ms: clock.monotonic_ms(),
                interval: OffsetInterval::around(true_offset, uncertainty_ms),
            }
        })
        .collect()
}

#[test]
fn no_drift_claimed_before_enough_span() {
    assert_eq!(estimate_drift(&[]), None);
    assert_eq!(
        estimate_drift(&measurements(0.0, 50.0, 60_000.0, 4, 5.0)),
        None
    );
}

#[test]
fn a_gaining_clock_is_measured_and_its_limit_predicted() {
    let points = measurements(600_000.0, 40.0, 120_000.0, 11, 5.0); // 20 minutes
    let drift = estimate_drift(&points).unwrap();
    assert!(
        drift.lower_ppm <= 40.0 && 40.0 <= drift.upper_ppm,
        "{drift:?}"
    );
    assert!(drift.upper_ppm - drift.lower_ppm < 20.0, "{drift:?}");
    assert!(drift.is_meaningful());
    assert!(
        (drift.ms_per_day() - 3_456.0).abs() < 900.0,
        "{}",
        drift.ms_per_day()
    );
    let now = points.last().unwrap().interval;
    let days = drift.time_to_limit_ms(&now, &AMAZON_S3.tolerance).unwrap() / 86_400_000.0;
    // 300 s of room at 40 ppm (3.456 s a day) is about 87 days.
    assert!((60.0..120.0).contains(&days), "{days}");
}

#[test]
fn a_losing_clock_heads_for_the_slow_limit() {
    let points = measurements(-600_000.0, -40.0, 120_000.0, 11, 5.0);
    let drift = estimate_drift(&points).unwrap();
    assert!(drift.upper_ppm < 0.0);
    let now = points.last().unwrap().interval;
    assert!(drift.time_to_limit_ms(&now, &AMAZON_S3.tolerance).is_some());
}

#[test]
fn a_steady_clock_has_no_meaningful_drift() {
    let drift = estimate_drift(&measurements(2_000.0, 0.0, 120_000.0, 6, 5.0)).unwrap();
    assert!(drift.lower_ppm <= 0.0 && 0.0 <= drift.upper_ppm);
    assert!(!drift.is_meaningful());
    assert_eq!(
        drift.time_to_limit_ms(&OffsetInterval::around(2_000.0, 5.0), &AMAZON_S3.tolerance),
        None
    );
}

#[test]
fn a_corrected_clock_is_not_mistaken_for_drift() {
    let mut points = measurements(5_000.0, 0.0, 120_000.0, 6, 5.0);
    for point in &mut points[3..] {
        point.interval = OffsetInterval::around(0.0, 5.0); // NTP stepped it back to zero
    }
    assert_eq!(estimate_drift(&points), None);
}

#[test]
fn beyond_the_limit_there_is_nothing_to_predict() {
    let points = measurements(960_000.0, 40.0, 120_000.0, 11, 5.0);
    let drift = estimate_drift(&points).unwrap();
    assert_eq!(
        drift.time_to_limit_ms(&points[10].interval, &AMAZON_S3.tolerance),
        None
    );
}
