//! Coarse timers (Tor Browser, Firefox resistFingerprinting: both clocks rounded to 100 ms).

use super::*;

fn measure_coarse(server: &TimeServer, ask: Ask, start_ms: f64) -> Run {
    let clock = ManualClock::starting_at(start_ms);
    clock.coarsen(100.0);
    measure_on(&clock, &setup(ask, None), &[(PRIMARY, server)])
}

#[test]
fn with_100_ms_timers_the_truth_stays_inside_every_interval() {
    for phase_ms in [0.0, 37.0, 99.0] {
        for (server, ask) in [
            (TimeServer::millisecond(3_000.0, 30.0), Ask::Body),
            (TimeServer::date_header(3_000.0, 30.0), Ask::DateHeader),
        ] {
            let run = measure_coarse(&server, ask, START_MS + phase_ms);
            for measurement in run.phases.iter().filter_map(Phase::measurement) {
                assert!(
                    measurement.estimate.interval.contains(3_000.0),
                    "{phase_ms} {ask:?}: {:?}",
                    measurement.estimate
                );
            }
            let result = run.settled();
            assert_eq!(result.assessment.verdict, Verdict::Ok);
            assert!(!run.outcome.clock_changed, "rounding is not a clock change");
        }
    }
}

#[test]
fn an_early_verdict_is_withdrawn_while_the_answers_disagree() {
    // The first answer is right (3 s fast: ok at once); the second claims the device is
    // 5 min fast. One against one is no majority: the hull may still widen, so no verdict is
    // shown as standing until later answers side with one of them.
    let server =
        TimeServer::millisecond(3_000.0, 20.0).scripted([None, Some(Fault::Body("1700000000000"))]);
    let run = measure_one(Ask::Body, &server);
    assert!(run.phases[0].is_refining(), "{:?}", run.phases[0]);
    assert!(
        run.phases[1].is_measuring(),
        "a split vote is not shown as a verdict: {:?}",
        run.phases[1]
    );
    assert!(
        run.phases[2..].iter().any(Phase::is_refining),
        "{:#?}",
        run.phases
            .iter()
            .map(|p| (
                p.state_name(),
                p.measurement().map(|m| (
                    m.estimate.consistent,
                    m.estimate.samples_agreeing,
                    m.estimate.samples_usable
                ))
            ))
            .collect::<Vec<_>>()
    );
    assert!(run.settled().estimate.interval.contains(3_000.0));
}
