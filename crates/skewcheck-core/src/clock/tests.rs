//! Tests of `clock`.

use super::*;

#[test]
fn time_passing_is_no_jump_but_a_step_or_a_sleep_is() {
    let clock = ManualClock::starting_at(1_700_000_000_000.0);
    let before = ClockSkew::read(&clock);
    clock.advance(60_000.0);
    assert_eq!(ClockSkew::read(&clock).jump_since(before, 50.0), None);
    clock.step_wall(-960_000.0);
    assert_eq!(
        ClockSkew::read(&clock).jump_since(before, 50.0),
        Some(-960_000.0)
    );
}

#[test]
fn a_coarse_timer_is_told_from_its_readings() {
    let tor = [
        0.0,
        100.0,
        1_700_000_003_100.0,
        400.0,
        1_700_000_003_500.0,
        700.0,
        900.0,
        1_000.0,
    ]
    .into_iter()
    .fold(TimerStep::default(), TimerStep::with);
    assert_eq!(tor.granularity_ms(), 100.0);
    let chrome = [0.0, 100.0, 212.3, 400.0, 500.0, 700.0, 900.0, 1_000.0]
        .into_iter()
        .fold(TimerStep::default(), TimerStep::with);
    assert_eq!(chrome.granularity_ms(), 1.0);
    let early = TimerStep::default().with(100.0).with(200.0);
    assert_eq!(early.granularity_ms(), 1.0, "two readings prove nothing");
}

#[test]
fn moves_within_the_threshold_are_ignored_either_way() {
    let before = ClockSkew::of(10_000.0, 0.0);
    assert_eq!(ClockSkew::of(10_050.0, 0.0).jump_since(before, 50.0), None);
    assert_eq!(ClockSkew::of(9_950.0, 0.0).jump_since(before, 50.0), None);
    assert_eq!(
        ClockSkew::of(10_051.0, 0.0).jump_since(before, 50.0),
        Some(51.0)
    );
}
