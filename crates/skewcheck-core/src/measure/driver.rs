//! Drives the engine's [`Collector`] with requests: waits as it asks, samples through a
//! [`Transport`], and turns its state into [`Phase`]s — the early verdict, the refinement,
//! the cross-check with a second witness, and failures.

use crate::address::{Origin, host_words};
use crate::clock::DeviceClock;
use crate::estimate::Estimate;
use crate::fetch::{Ask, FetchError};
use crate::measure::early::early_observation;
use crate::measure::phase::{
    ChangeSeen, CrossCheck, CrossCheckOutcome, Failure, Measurement, Notice, Phase, RunOutcome,
    SourceFacts, Witness, WitnessFailure,
};
use crate::measure::probes::{WITNESS_PLAN, measure_quietly, record, take_next, take_volley};
use crate::measure::setup::Setup;
use crate::measure::transport::Transport;
use crate::measure::witness::{Heard, compare_with_witnesses};
use crate::outcomes::service_results;
use crate::plan::{CacheSeen, Collector, DEFAULT_PLAN, PAGE_PLAN, Recorded, Step};
use crate::source::ReadingOrigin;
use crate::timezone::zone_hint;
use crate::verdict::{Verdict, assess};
use futures_util::future::{Either, join, select};
use std::pin::pin;

/// Runs one measurement on `clock` and `transport`, reporting every change of phase
/// through `report`. `notice` is shown with it from the start (e.g. why it started).
pub async fn run(
    setup: &Setup,
    notice: Option<Notice>,
    clock: &impl DeviceClock,
    transport: &impl Transport,
    report: impl Fn(Phase),
) -> RunOutcome {
    let mut driver = Driver {
        setup,
        clock,
        transport,
        notice,
        origin: None,
        verdict_shown: false,
        clock_changed: false,
        cache: None,
        failure_shown: false,
    };
    // The page's own origin is heard while the time source is measured, not after it: the
    // verdict waits for it, and it has no reason to wait for the source.
    let mut page_witness = pin!(hear_page_origin(setup, clock, transport));
    let (collector, page_heard) = {
        let mut sampling = pin!(sample_source(&mut driver, &report));
        match select(sampling.as_mut(), page_witness.as_mut()).await {
            Either::Left((collector, _)) => (collector, None),
            Either::Right((heard, _)) => (sampling.await, Some(heard)),
        }
    };
    // Once the source has failed, the witness is not waited for.
    let page_witness = async move {
        match page_heard {
            Some(heard) => heard,
            None => page_witness.await,
        }
    };
    let last = driver.finish(collector, page_witness).await;
    let outcome = RunOutcome {
        interval: last.measurement().map(|m| m.estimate.interval),
        clock_changed: driver.clock_changed,
    };
    report(last);
    outcome
}

/// Samples the time source until the plan is done: the early answer first, then requests,
/// each outcome reported as the phase it leads to.
async fn sample_source<C: DeviceClock, T: Transport>(
    driver: &mut Driver<'_, C, T>,
    report: &impl Fn(Phase),
) -> Collector<FetchError> {
    let (setup, clock, transport) = (driver.setup, driver.clock, driver.transport);
    let mut collector = Collector::<FetchError>::new(PAGE_PLAN);
    let started_ms = clock.monotonic_ms();
    if let Some(observation) = early_observation(setup, clock, transport).await {
        let taken = record(&mut collector, Ok(observation));
        driver.after(taken, &collector, report);
    }
    loop {
        let (url, ask) = (setup.source_url.as_str(), setup.ask);
        match collector.next_step(clock) {
            Step::Finish => break,
            Step::Request { delay_ms } => {
                if out_of_time(clock, started_ms, delay_ms) && collector.current_estimate().is_err()
                {
                    break;
                }
                let taken = take_next(transport, &mut collector, url, ask, delay_ms).await;
                driver.after(taken, &collector, report);
            }
            Step::Volley(volley) => {
                take_volley(
                    clock,
                    transport,
                    &mut collector,
                    url,
                    ask,
                    volley,
                    |taken, collector| {
                        driver.after(taken, collector, report);
                    },
                )
                .await;
            }
        }
    }
    collector
}

/// The page origin's `Date` header, heard as a witness when the setup asks for one.
async fn hear_page_origin(
    setup: &Setup,
    clock: &impl DeviceClock,
    transport: &impl Transport,
) -> Option<Result<Estimate, WitnessFailure>> {
    let page = setup.origin_witness_url.as_deref()?;
    Some(measure_quietly(clock, transport, page, Ask::DateHeader, WITNESS_PLAN).await)
}

/// One measurement's state beside its collector.
struct Driver<'a, C, T> {
    setup: &'a Setup,
    clock: &'a C,
    transport: &'a T,
    notice: Option<Notice>,
    /// Where the last answer's time came from.
    origin: Option<ReadingOrigin>,
    verdict_shown: bool,
    clock_changed: bool,
    /// A cache between the page and its source, once one answered.
    cache: Option<CacheSeen>,
    /// Whether the notice is about a failed attempt.
    failure_shown: bool,
}

impl<C: DeviceClock, T: Transport> Driver<'_, C, T> {
    /// Takes note of one request's outcome and reports the phase it leads to.
    fn after(
        &mut self,
        taken: Result<(Recorded, ReadingOrigin), FetchError>,
        collector: &Collector<FetchError>,
        report: &impl Fn(Phase),
    ) {
        match taken {
            Ok((recorded, origin)) => self.note(&recorded, origin),
            Err(error) => self.note_failure(collector.progress().requests, error),
        }
        self.cache = collector.cache_seen().cloned();
        report(self.progress(collector));
    }

    /// Takes note of what happened to an answer.
    fn note(&mut self, recorded: &Recorded, origin: ReadingOrigin) {
        self.origin = Some(origin);
        if std::mem::take(&mut self.failure_shown) {
            // An answer came after all: the failed attempt is history.
            self.notice = None;
        }
        match recorded {
            Recorded::ClockChanged { jump_ms } => {
                self.clock_changed = true;
                self.verdict_shown = false;
                self.notice = Some(Notice::ClockChanged {
                    jump_ms: *jump_ms,
                    seen: ChangeSeen::DuringMeasurement,
                });
            }
            Recorded::Stale(evidence) => {
                self.notice = Some(Notice::StaleAnswersIgnored {
                    evidence: evidence.clone(),
                });
            }
            Recorded::Kept | Recorded::Cached(_) | Recorded::Dropped => {}
        }
    }

    /// Shows which attempt failed and that another follows, while there is no verdict.
    fn note_failure(&mut self, attempt: usize, error: FetchError) {
        self.notice = Some(Notice::AttemptFailed { attempt, error });
        self.failure_shown = true;
    }

    /// The phase while requests are under way. The verdict shows as soon as refining cannot
    /// change it, then stays up to date — unless a witness might still contradict it: a
    /// second endpoint not yet measured, or the endpoint's own Date header already
    /// disagreeing.
    fn progress(&mut self, collector: &Collector<FetchError>) -> Phase {
        let witness_pending =
            self.setup.cross_check_url.is_some() || self.setup.origin_witness_url.is_some();
        let header_disagrees = || {
            let primary = collector.current_estimate().ok()?;
            let header = collector.date_header_estimate()?;
            Some(primary.interval.gap_to(&header.interval) > 0.0)
        };
        let early = collector
            .current_estimate()
            .ok()
            // A no-majority estimate is a hull that later samples may still widen: its
            // verdict could flip, so none is shown until a majority agrees again.
            .filter(|estimate| estimate.consistent)
            .filter(|_| !witness_pending && header_disagrees() != Some(true))
            .map(|estimate| self.conclude(estimate, None, collector.requests_total()));
        match early {
            Some(measurement)
                if self.verdict_shown || is_settled(measurement.assessment.verdict) =>
            {
                self.verdict_shown = true;
                Phase::Provisional(measurement)
            }
            _ => Phase::Measuring {
                progress: collector.progress(),
                notice: self.notice.clone(),
            },
        }
    }

    /// The final phase: the estimate, cross-checked with the endpoint's own Date header or
    /// the second endpoint the link names, and with the page's own origin when the time
    /// source is elsewhere; or why there is none.
    async fn finish(
        &self,
        collector: Collector<FetchError>,
        page_witness: impl Future<Output = Option<Result<Estimate, WitnessFailure>>>,
    ) -> Phase {
        let requests = collector.requests_total();
        let header_estimate = collector.date_header_estimate();
        let estimate = match collector.finish() {
            Ok(estimate) => estimate,
            Err(error) => return Phase::Failed(Failure::from(error)),
        };
        let source = Origin::of(&self.setup.source_url);
        let second = async {
            let url = self.setup.cross_check_url.as_deref()?;
            let heard =
                measure_quietly(self.clock, self.transport, url, Ask::Body, DEFAULT_PLAN).await;
            Some((url, heard))
        };
        // Both witnesses are polled together, so neither's round trips are timed late.
        let (second, page_heard) = join(second, page_witness).await;
        let mut heard = Vec::new();
        if let Some((url, estimate)) = second {
            let same_site =
                matches!((&source, Origin::of(url)), (Some(a), Some(b)) if a.same_site(&b));
            heard.push(Heard {
                who: Witness::SecondEndpoint(url.to_owned()),
                estimate,
                same_site,
            });
        }
        // The body's own `Date` header stays a witness beside a second endpoint: two bodies
        // a link chose must not decide alone.
        if let Some(header) =
            header_estimate.filter(|_| matches!(self.origin, Some(ReadingOrigin::Body(_))))
        {
            heard.push(Heard {
                who: Witness::EndpointDateHeader,
                estimate: Ok(header),
                same_site: false,
            });
        }
        if let (Some(page), Some(estimate)) = (&self.setup.origin_witness_url, page_heard) {
            heard.push(Heard {
                who: Witness::PageOrigin(host_words(page)),
                estimate,
                same_site: false,
            });
        }
        let (estimate, cross_check) =
            compare_with_witnesses(estimate, heard, &host_words(&self.setup.source_url));
        Phase::Settled(self.conclude(estimate, cross_check, requests))
    }

    fn conclude(
        &self,
        estimate: Estimate,
        cross_check: Option<CrossCheck>,
        requests: usize,
    ) -> Box<Measurement> {
        Conclusion {
            setup: self.setup,
            estimate,
            origin: self.origin,
            cross_check,
            requests,
            notice: self.notice.clone(),
            cache: self.cache.clone(),
            device_time_ms: self.clock.wall_ms(),
        }
        .into_measurement()
    }
}

/// Everything a [`Measurement`] is made from.
struct Conclusion<'a> {
    setup: &'a Setup,
    estimate: Estimate,
    origin: Option<ReadingOrigin>,
    cross_check: Option<CrossCheck>,
    requests: usize,
    notice: Option<Notice>,
    cache: Option<CacheSeen>,
    device_time_ms: f64,
}

/// A time-zone mistake is named only when the interval points at one quarter hour.
const ZONE_HINT_MAX_UNCERTAINTY_MS: f64 = 7.0 * 60_000.0;

impl Conclusion<'_> {
    fn into_measurement(self) -> Box<Measurement> {
        let service = &self.setup.config.service;
        let interval = self.estimate.interval;
        let mut assessment = assess(service, Some(interval));
        let disagree = self
            .cross_check
            .as_ref()
            .is_some_and(|check| check.outcome() == CrossCheckOutcome::Disagree);
        // Sources that cannot both be right decide nothing on either's strength alone.
        if disagree {
            assessment.verdict = Verdict::Warning;
        }
        Box::new(Measurement {
            estimate: self.estimate,
            assessment,
            service: service.clone(),
            source: SourceFacts {
                origin: self.origin,
                url: self.setup.source_url.clone(),
            },
            compared_with: host_words(&self.setup.source_url),
            requests: self.requests,
            cross_check: self.cross_check,
            notice: self.notice,
            services: service_results(service, interval)
                .into_iter()
                .map(|result| if disagree { result.undecided() } else { result })
                .collect(),
            zone_hint: zone_hint(&interval).filter(|_| {
                !disagree && self.estimate.uncertainty_ms() < ZONE_HINT_MAX_UNCERTAINTY_MS
            }),
            cache: self.cache,
            device_time_ms: self.device_time_ms,
        })
    }
}

/// A measurement that has no answer yet gives up rather than start a request that could
/// end after this long: the page says why within 15 s.
const NO_ANSWER_DEADLINE_MS: f64 = 14_000.0;

/// Whether a request started after `delay_ms` could end past [`NO_ANSWER_DEADLINE_MS`].
fn out_of_time(clock: &impl DeviceClock, started_ms: f64, delay_ms: u32) -> bool {
    let ends_by = clock.monotonic_ms() - started_ms
        + f64::from(delay_ms)
        + f64::from(crate::fetch::REQUEST_TIMEOUT_MS);
    ends_by > NO_ANSWER_DEADLINE_MS
}

/// A verdict that more samples cannot change: they only narrow the interval, and a narrower
/// interval inside (or wholly beyond) the limits stays so. `Warning` may still resolve.
fn is_settled(verdict: Verdict) -> bool {
    matches!(verdict, Verdict::Ok | Verdict::Rejected)
}
