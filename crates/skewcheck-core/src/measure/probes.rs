//! Taking samples for a [`Collector`]: one request after a pause, or a volley of probes in
//! flight together, each answer recorded as it arrives.

use crate::clock::DeviceClock;
use crate::estimate::Estimate;
use crate::fetch::{Ask, FetchError, FetchErrorKind};
use crate::measure::phase::WitnessFailure;
use crate::measure::transport::Transport;
use crate::plan::volley::timer_ms;
use crate::plan::{Collector, DEFAULT_PLAN, Plan, Recorded, Step, Volley};
use crate::sample::Observation;
use crate::source::ReadingOrigin;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

/// Waits as the collector asked, takes one sample and records it: what happened to the
/// answer and where its time came from, or why the request failed (also recorded).
pub(super) async fn take_next(
    transport: &impl Transport,
    collector: &mut Collector<FetchError>,
    url: &str,
    ask: Ask,
    delay_ms: u32,
) -> Result<(Recorded, ReadingOrigin), FetchError> {
    let answer = probe(transport, url, ask, delay_ms, transport.nonce()).await;
    record(collector, answer)
}

/// Waits `delay_ms`, then asks `url` once.
async fn probe(
    transport: &impl Transport,
    url: &str,
    ask: Ask,
    delay_ms: u32,
    nonce: u64,
) -> Result<Observation, FetchError> {
    if delay_ms > 0 {
        transport.sleep(delay_ms).await;
    }
    transport.sample(url, ask, nonce).await
}

/// Records one answer (or failure): what happened to it and where its time came from, or
/// why the request failed.
pub(super) fn record(
    collector: &mut Collector<FetchError>,
    answer: Result<Observation, FetchError>,
) -> Result<(Recorded, ReadingOrigin), FetchError> {
    match answer {
        Ok(observation) => {
            let origin = observation.sample.reference.origin;
            Ok((collector.record(observation), origin))
        }
        Err(error) => {
            let permanent = is_permanent(&error.kind);
            collector.record_failure(error.clone(), permanent);
            Err(error)
        }
    }
}

/// Sends a volley's probes concurrently, each after its own delay and timed by its own
/// round trip, and records every answer as it arrives (`taken` hears of each). A probe whose
/// timer fired later than the volley allows waits for its phase in the next second. A change
/// of the device clock abandons the probes still out: they straddle the change, and the
/// collector starts over anyway.
pub(super) async fn take_volley(
    clock: &impl DeviceClock,
    transport: &impl Transport,
    collector: &mut Collector<FetchError>,
    url: &str,
    ask: Ask,
    volley: Volley,
    mut taken: impl FnMut(Result<(Recorded, ReadingOrigin), FetchError>, &Collector<FetchError>),
) {
    let planned_from = clock.monotonic_ms();
    let mut in_flight: FuturesUnordered<_> = volley
        .delays_ms()
        .iter()
        .map(|&delay_ms| async move {
            let mut planned_ms = planned_from + f64::from(delay_ms);
            if delay_ms > 0 {
                transport.sleep(delay_ms).await;
            }
            let late_ms = clock.monotonic_ms() - planned_ms;
            if late_ms > f64::from(volley.late_ms()) {
                // A busy page fired the timer too late for this probe's phase: the same phase
                // of the server's next second still is (once; then it goes as it is).
                planned_ms += (late_ms / 1000.0).ceil() * 1000.0;
                transport
                    .sleep(timer_ms(planned_ms - clock.monotonic_ms()))
                    .await;
            }
            transport.sample(url, ask, transport.nonce()).await
        })
        .collect();
    while let Some(answer) = in_flight.next().await {
        let outcome = record(collector, answer);
        let clock_changed = matches!(outcome, Ok((Recorded::ClockChanged { .. }, _)));
        taken(outcome, collector);
        if clock_changed {
            break;
        }
    }
}

/// The page's own origin as a witness: a few `Date` headers bound it to about a second,
/// plenty to catch a time source hours off, without a long bisection.
pub(super) const WITNESS_PLAN: Plan = Plan {
    max_requests: 4,
    ..DEFAULT_PLAN
};

/// Measures a second source without reporting progress (the first result is on screen).
pub(super) async fn measure_quietly(
    clock: &impl DeviceClock,
    transport: &impl Transport,
    url: &str,
    ask: Ask,
    plan: Plan,
) -> Result<Estimate, WitnessFailure> {
    let mut collector = Collector::<FetchError>::new(plan);
    while let Step::Request { delay_ms } = collector.next_step(clock) {
        let _ = take_next(transport, &mut collector, url, ask, delay_ms).await;
    }
    collector.finish()
}

/// The retry policy: whether asking again cannot help (a wrong address, a 404, a redirect,
/// a body without a time). A server error, a timeout or a broken connection may pass.
pub(crate) fn is_permanent(kind: &FetchErrorKind) -> bool {
    match kind {
        FetchErrorKind::InvalidUrl
        | FetchErrorKind::CannotAbort { .. }
        | FetchErrorKind::NoTime(_)
        | FetchErrorKind::CorsBlocked
        | FetchErrorKind::TooLarge
        | FetchErrorKind::Redirected
        | FetchErrorKind::Offline => true,
        FetchErrorKind::Status(status) => *status < 500 && *status != 408 && *status != 429,
        FetchErrorKind::Unreachable { .. }
        | FetchErrorKind::TimedOut
        | FetchErrorKind::UnreadableBody { .. } => false,
    }
}
