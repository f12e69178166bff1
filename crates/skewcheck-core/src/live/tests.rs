use super::*;
use crate::clock::{DeviceClock, ManualClock};
use crate::sample::OffsetInterval;
use crate::words::{clock_change_notice, notice_words};

const OPENED_MS: f64 = 1_700_000_000_000.0;
/// The page's timer period.
const TICK_MS: f64 = 200.0;

fn opened() -> (ManualClock, LiveMonitor) {
    let clock = ManualClock::starting_at(OPENED_MS);
    let monitor = LiveMonitor::new(clock.wall_ms(), clock.monotonic_ms());
    (clock, monitor)
}

/// Ticks every 200 ms for `ms`, returning the first reason to measure (time stops there).
fn tick_for(
    clock: &ManualClock,
    monitor: &mut LiveMonitor,
    ms: f64,
    visible: bool,
) -> Option<Reason> {
    let mut waited = 0.0;
    while waited < ms {
        clock.advance(TICK_MS);
        waited += TICK_MS;
        if let Some(reason) = monitor.on_tick(clock.wall_ms(), clock.monotonic_ms(), visible) {
            return Some(reason);
        }
    }
    None
}

fn result(offset_ms: f64) -> RunOutcome {
    RunOutcome {
        interval: Some(OffsetInterval::around(offset_ms, 5.0)),
        clock_changed: false,
    }
}

#[test]
fn nothing_happens_while_the_first_measurement_runs() {
    let (clock, mut monitor) = opened();
    monitor.start(Reason::Fresh);
    assert!(monitor.is_running());
    assert_eq!(
        tick_for(&clock, &mut monitor, 10.0 * LIVE_RECHECK_MS, true),
        None
    );
    assert_eq!(monitor.on_visible(), None);
}

#[test]
fn live_mode_measures_again_after_two_minutes_on_screen() {
    let (clock, mut monitor) = opened();
    let ticket = monitor.start(Reason::Fresh);
    clock.advance(3_000.0);
    assert!(monitor.on_finished(ticket, clock.monotonic_ms(), result(3_000.0)));
    assert_eq!(
        tick_for(&clock, &mut monitor, LIVE_RECHECK_MS - 2.0 * TICK_MS, true),
        None
    );
    assert_eq!(
        tick_for(&clock, &mut monitor, 2.0 * TICK_MS, true),
        Some(Reason::Live)
    );
}

#[test]
fn a_hidden_page_does_not_poll_but_measures_when_seen_again() {
    let (clock, mut monitor) = opened();
    let ticket = monitor.start(Reason::Fresh);
    monitor.on_finished(ticket, clock.monotonic_ms(), result(0.0));
    assert_eq!(
        tick_for(&clock, &mut monitor, 5.0 * LIVE_RECHECK_MS, false),
        None
    );
    assert_eq!(monitor.on_visible(), Some(Reason::Fresh));
}

#[test]
fn a_live_run_that_is_slower_than_a_tick_is_not_restarted() {
    // The last result stays on screen during a live run, so only the monitor knows one runs.
    let (clock, mut monitor) = opened();
    let first = monitor.start(Reason::Fresh);
    monitor.on_finished(first, clock.monotonic_ms(), result(0.0));
    assert_eq!(
        tick_for(&clock, &mut monitor, 2.0 * LIVE_RECHECK_MS, true),
        Some(Reason::Live)
    );
    let live = monitor.start(Reason::Live);
    assert_eq!(tick_for(&clock, &mut monitor, 5_000.0, true), None);
    assert!(monitor.is_current(live));
}

#[test]
fn a_clock_set_while_idle_is_noticed_with_its_size() {
    let (clock, mut monitor) = opened();
    let ticket = monitor.start(Reason::Fresh);
    monitor.on_finished(ticket, clock.monotonic_ms(), result(0.0));
    tick_for(&clock, &mut monitor, 10_000.0, true);
    clock.step_wall(960_000.0);
    assert_eq!(
        tick_for(&clock, &mut monitor, TICK_MS, true),
        Some(Reason::ClockChanged { jump_ms: 960_000.0 })
    );
    // Noticed once: the next tick compares with the new clock.
    assert_eq!(tick_for(&clock, &mut monitor, TICK_MS, true), None);
}

#[test]
fn a_device_that_slept_is_noticed_even_while_hidden_or_measuring() {
    let (clock, mut monitor) = opened();
    monitor.start(Reason::Fresh);
    // Asleep: the wall clock runs on, the monotonic clock (iOS, macOS) stops.
    clock.step_wall(30_000.0);
    assert_eq!(
        monitor.on_tick(clock.wall_ms(), clock.monotonic_ms(), false),
        Some(Reason::ClockChanged { jump_ms: 30_000.0 })
    );
}

#[test]
fn small_clock_moves_are_timer_noise() {
    let (clock, mut monitor) = opened();
    monitor.start(Reason::Fresh);
    for step in [900.0, -900.0, 999.0] {
        clock.step_wall(step);
        assert_eq!(
            tick_for(&clock, &mut monitor, TICK_MS, true),
            None,
            "{step}"
        );
    }
    clock.step_wall(-1_001.0);
    assert!(matches!(
        tick_for(&clock, &mut monitor, TICK_MS, true),
        Some(Reason::ClockChanged { jump_ms }) if (jump_ms + 1_001.0).abs() < 1e-6
    ));
}

#[test]
fn a_new_measurement_supersedes_the_running_one() {
    let (clock, mut monitor) = opened();
    let old = monitor.start(Reason::Fresh);
    let new = monitor.start(Reason::ClockChanged { jump_ms: 60_000.0 });
    assert!(!monitor.is_current(old) && monitor.is_current(new));
    assert!(!monitor.shows(old, false));
    clock.advance(1_000.0);
    // The superseded run's end changes nothing: the new one still runs.
    assert!(!monitor.on_finished(old, clock.monotonic_ms(), result(0.0)));
    assert!(monitor.is_running());
    assert!(monitor.on_finished(new, clock.monotonic_ms(), result(0.0)));
    assert!(!monitor.is_running());
    assert!(
        !monitor.shows(new, false),
        "a finished run reports nothing more"
    );
}

#[test]
fn live_runs_keep_the_last_result_until_there_is_news() {
    let (_, mut monitor) = opened();
    let live = monitor.start(Reason::Live);
    assert!(!monitor.shows(live, true), "plain progress stays hidden");
    assert!(monitor.shows(live, false), "a verdict or a notice is shown");
    let fresh = monitor.start(Reason::Fresh);
    assert!(monitor.shows(fresh, true));
}

#[test]
fn the_first_verdict_time_is_measured_from_page_open_once() {
    let (clock, mut monitor) = opened();
    clock.advance(85.0);
    assert_eq!(monitor.first_verdict(clock.monotonic_ms()), Some(85.0));
    clock.advance(500.0);
    assert_eq!(monitor.first_verdict(clock.monotonic_ms()), None);
}

/// Live mode on a clock gaining `ppm`, for `minutes`; returns the monitor.
fn live_for(clock: &ManualClock, monitor: &mut LiveMonitor, ppm: f64, minutes: u32) {
    let true_offset = |clock: &ManualClock| clock.wall_ms() - OPENED_MS - clock.monotonic_ms();
    let mut reason = Some(Reason::Fresh);
    let end = clock.monotonic_ms() + f64::from(minutes) * 60_000.0;
    while clock.monotonic_ms() < end {
        if let Some(why) = reason.take() {
            let ticket = monitor.start(why);
            clock.advance(2_000.0);
            let outcome = result(true_offset(clock));
            monitor.on_finished(ticket, clock.monotonic_ms(), outcome);
        }
        clock.advance(TICK_MS);
        clock.step_wall(TICK_MS * ppm / 1e6);
        reason = monitor.on_tick(clock.wall_ms(), clock.monotonic_ms(), true);
    }
}

#[test]
fn drift_is_measured_after_five_minutes_of_live_mode() {
    let clock = ManualClock::starting_at(OPENED_MS + 600_000.0);
    let mut monitor = LiveMonitor::new(clock.wall_ms(), clock.monotonic_ms());
    live_for(&clock, &mut monitor, 40.0, 4);
    assert_eq!(monitor.drift(), None, "not before five minutes");
    live_for(&clock, &mut monitor, 40.0, 20);
    let drift = monitor.drift().expect("a drift after 24 minutes");
    assert!(
        drift.lower_ppm <= 40.0 && 40.0 <= drift.upper_ppm,
        "{drift:?}"
    );
    assert!(drift.is_meaningful());
}

#[test]
fn a_clock_change_forgets_the_drift_history() {
    let (clock, mut monitor) = opened();
    live_for(&clock, &mut monitor, 40.0, 20);
    assert!(monitor.drift().is_some());
    monitor.start(Reason::ClockChanged {
        jump_ms: -960_000.0,
    });
    assert_eq!(monitor.drift(), None);
}

#[test]
fn a_clock_change_during_a_run_restarts_the_history_from_its_result() {
    let (clock, mut monitor) = opened();
    live_for(&clock, &mut monitor, 40.0, 20);
    let ticket = monitor.start(Reason::Live);
    clock.advance(LIVE_RECHECK_MS);
    let outcome = RunOutcome {
        clock_changed: true,
        ..result(0.0)
    };
    monitor.on_finished(ticket, clock.monotonic_ms(), outcome);
    assert_eq!(monitor.drift(), None, "one point is no drift");
}

#[test]
fn a_failed_run_leaves_the_drift_alone() {
    let (clock, mut monitor) = opened();
    live_for(&clock, &mut monitor, 40.0, 20);
    let drift = monitor.drift();
    let ticket = monitor.start(Reason::Live);
    monitor.on_finished(ticket, clock.monotonic_ms(), RunOutcome::default());
    assert_eq!(monitor.drift(), drift);
}

#[test]
fn clock_change_notices_say_how_far_and_when() {
    assert_eq!(
        clock_change_notice(957_000.0, ChangeSeen::DuringMeasurement),
        "Your clock just changed by 15 min 57 s — checking again."
    );
    assert_eq!(
        Reason::ClockChanged {
            jump_ms: -960_000.0
        }
        .notice()
        .as_ref()
        .map(notice_words)
        .as_deref(),
        Some(
            "Your clock just changed by 16 min (it was set, or the device slept) — checking again."
        )
    );
    assert_eq!(Reason::Fresh.notice(), None);
    assert_eq!(Reason::Live.notice(), None);
}

mod page;
