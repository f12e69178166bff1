//! One measurement, from the link's parameters to a verdict: drives the engine's
//! [`Collector`] with real requests and reports each [`Phase`] to the page.
//!
//! A verdict is shown as soon as the evidence decides it (often after the very first
//! answer), then the number keeps refining until the collector stops; a second source, when
//! the link names one, is measured afterwards and compared.

use crate::browser::{BrowserClock, PageAddress, fresh_nonce, resolve_url};
use crate::engine::clock::DeviceClock;
use crate::engine::config::{Config, SourceChoice, parse_query};
use crate::engine::estimate::Estimate;
use crate::engine::humanize::{
    Explanation, ServiceResult, cross_check_sentence, duration_words, explain, service_results,
};
use crate::engine::plan::{CollectError, Collector, DEFAULT_PLAN, Progress, Recorded, Step};
use crate::engine::report::{Report, ServiceVerdict};
use crate::engine::sample::OffsetInterval;
use crate::engine::source::ReadingOrigin;
use crate::engine::timezone::{ZoneHint, zone_hint};
use crate::engine::verdict::{Assessment, Verdict, assess};
use crate::net::{Ask, FetchError, take_sample};
use gloo_timers::future::TimeoutFuture;

/// What to measure against, resolved from the page address.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    /// The link's configuration.
    pub config: Config,
    /// Absolute address of the time source.
    pub source_url: String,
    /// How to ask it.
    pub ask: Ask,
    /// Absolute address of a second source to cross-check against.
    pub cross_check_url: Option<String>,
}

/// Where a measurement stands; the page renders exactly this.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Requests under way, no verdict yet.
    Measuring {
        /// Requests so far.
        progress: Progress,
        /// Something the user should know while waiting (e.g. the clock just changed).
        notice: Option<String>,
    },
    /// A verdict (possibly still being refined).
    Done(Box<Measurement>),
    /// No result, and why.
    Failed(Failure),
}

/// A measurement with a verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The offset and its uncertainty (after any cross-check).
    pub estimate: Estimate,
    /// The verdict for the link's service.
    pub assessment: Assessment,
    /// The verdict in words.
    pub explanation: Explanation,
    /// Where the reference time came from, in words.
    pub source: String,
    /// Still taking samples: the verdict stands, the number may still tighten.
    pub refining: bool,
    /// Requests this measurement made so far.
    pub requests: usize,
    /// What a second witness said, if there was one.
    pub cross_check: Option<CrossCheck>,
    /// Something that happened during the measurement (e.g. the clock changed).
    pub notice: Option<String>,
    /// Every service's verdict, the link's service first.
    pub services: Vec<ServiceResult>,
    /// A likely time-zone mistake.
    pub zone_hint: Option<ZoneHint>,
    /// The device's wall clock when this result was concluded (ms since the epoch).
    pub device_time_ms: f64,
}

/// The result of comparing the measurement with a second witness.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossCheck {
    /// Who the witness was, in words.
    pub witness: String,
    /// Distance between the two intervals (zero when they agree); `None` when the witness
    /// could not be measured.
    pub gap_ms: Option<f64>,
    /// The sentence for the page.
    pub sentence: String,
}

impl CrossCheck {
    fn compared(witness: String, gap_ms: f64) -> Self {
        Self {
            sentence: cross_check_sentence(&witness, gap_ms),
            witness,
            gap_ms: Some(gap_ms),
        }
    }

    fn unavailable(witness: String, why: &str) -> Self {
        Self {
            sentence: format!("Cross-check with {witness} was not possible: {why}."),
            witness,
            gap_ms: None,
        }
    }

    /// `data-cross-check` of the DOM contract: `agree`, `disagree` or `unavailable`.
    pub fn outcome_name(&self) -> &'static str {
        match self.gap_ms {
            Some(gap) if gap > 0.0 => "disagree",
            Some(_) => "agree",
            None => "unavailable",
        }
    }
}

/// A measurement that could not produce a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong.
    pub message: String,
    /// What to try.
    pub advice: String,
}

impl Phase {
    /// The state before the first answer.
    pub fn starting() -> Self {
        Self::Measuring {
            progress: Self::starting_progress(),
            notice: None,
        }
    }

    /// Progress before the first answer.
    pub fn starting_progress() -> Progress {
        Progress {
            requests: 0,
            budget: DEFAULT_PLAN.max_requests,
        }
    }

    /// `data-state` of the DOM contract.
    pub fn state_name(&self) -> &'static str {
        match self {
            Self::Measuring { .. } => "measuring",
            Self::Done(_) => "done",
            Self::Failed(_) => "error",
        }
    }

    /// The verdict (unknown until done).
    pub fn verdict(&self) -> Verdict {
        self.measurement()
            .map_or(Verdict::Unknown, |m| m.assessment.verdict)
    }

    /// The measurement, once there is a verdict.
    pub fn measurement(&self) -> Option<&Measurement> {
        match self {
            Self::Done(measurement) => Some(measurement),
            _ => None,
        }
    }

    /// Whether more requests are still coming.
    pub fn is_busy(&self) -> bool {
        match self {
            Self::Measuring { .. } => true,
            Self::Done(measurement) => measurement.refining,
            Self::Failed(_) => false,
        }
    }
}

impl Measurement {
    /// The correct time when this result was concluded (ms since the epoch).
    pub fn reference_time_ms(&self) -> f64 {
        self.device_time_ms - self.estimate.offset_ms()
    }

    /// Offset rounded to whole milliseconds, for `data-offset-ms`.
    pub fn offset_ms_rounded(&self) -> i64 {
        self.estimate.offset_ms().round() as i64
    }

    /// Uncertainty for `data-uncertainty-ms`, rounded up and widened by the rounding of the
    /// offset, so the integer interval still contains the truth.
    pub fn uncertainty_ms_rounded(&self) -> u64 {
        (self.estimate.uncertainty_ms() + 0.5).ceil().max(0.0) as u64
    }
}

/// Reads the link's parameters and resolves the time sources.
pub fn setup_from(page: &PageAddress) -> Result<Setup, Failure> {
    let config = parse_query(&page.search, page.is_https).map_err(|error| Failure {
        message: capitalize(&error.to_string()),
        advice:
            "Ask whoever sent the link for a corrected one, or open the page without parameters."
                .to_owned(),
    })?;
    let (reference, ask) = match &config.source {
        SourceChoice::PageOrigin => (page.href.clone(), Ask::DateHeader),
        SourceChoice::Endpoint(endpoint) => (endpoint.clone(), Ask::Body),
    };
    let resolve = |reference: &str| {
        resolve_url(reference, &page.href)
            .ok_or_else(|| failure(&FetchError::InvalidUrl(reference.to_owned())))
    };
    Ok(Setup {
        source_url: resolve(&reference)?,
        cross_check_url: config.cross_check.as_deref().map(resolve).transpose()?,
        ask,
        config,
    })
}

fn failure(error: &FetchError) -> Failure {
    Failure {
        message: capitalize(&error.to_string()),
        advice: error.advice().to_owned(),
    }
}

/// How a measurement ended, for the live mode's bookkeeping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// The device clock changed during the measurement.
    pub clock_changed: bool,
}

/// Runs one measurement, reporting every change of phase through `report`. `notice` is
/// shown with it from the start (e.g. why it started).
pub async fn run(setup: &Setup, notice: Option<String>, report: impl Fn(Phase)) -> RunSummary {
    let mut summary = RunSummary::default();
    let mut collector = Collector::<FetchError>::new(DEFAULT_PLAN);
    let mut notice = notice;
    let report = |phase: Phase, notice: &Option<String>| {
        report(match phase {
            Phase::Done(mut measurement) => {
                measurement.notice = notice.clone();
                Phase::Done(measurement)
            }
            other => other,
        });
    };
    let mut origin = None;
    let mut verdict_shown = false;
    while let Step::Request { delay_ms } = collector.next_step(&BrowserClock) {
        if let Some((recorded, reading_origin)) =
            take_next(&mut collector, &setup.source_url, setup.ask, delay_ms).await
        {
            origin = Some(reading_origin);
            match recorded {
                Recorded::ClockChanged { jump_ms } => {
                    summary.clock_changed = true;
                    verdict_shown = false;
                    notice = Some(format!(
                        "Your clock just changed by {} — checking again.",
                        duration_words(jump_ms)
                    ));
                }
                Recorded::Cached(evidence) => {
                    notice = Some(format!(
                        "Ignored an answer that came from a cache ({evidence})."
                    ));
                }
                Recorded::Kept | Recorded::Dropped => {}
            }
        }
        // Show the verdict as soon as refining cannot change it, then keep it up to date —
        // unless a witness might still contradict it: a second endpoint not yet measured, or
        // the endpoint's own Date header already disagreeing.
        let witness_pending = setup.cross_check_url.is_some();
        let header_disagrees = || {
            let primary = collector.current_estimate().ok()?;
            let header = collector.date_header_estimate()?;
            Some(primary.interval.gap_to(&header.interval) > 0.0)
        };
        let early = collector
            .current_estimate()
            .ok()
            .filter(|_| !witness_pending && header_disagrees() != Some(true))
            .map(|estimate| {
                conclude(
                    setup,
                    estimate,
                    origin,
                    None,
                    collector.requests_total(),
                    true,
                )
            });
        match early {
            Some(measurement) if verdict_shown || is_settled(measurement.assessment.verdict) => {
                verdict_shown = true;
                report(Phase::Done(measurement), &notice);
            }
            _ => report(
                Phase::Measuring {
                    progress: collector.progress(),
                    notice: notice.clone(),
                },
                &notice,
            ),
        }
    }

    let requests = collector.requests_total();
    let header_estimate = collector.date_header_estimate();
    let estimate = match collector.finish() {
        Ok(estimate) => estimate,
        Err(error) => {
            report(Phase::Failed(match error {
                CollectError::Requests(error) => failure(&error),
                CollectError::ClockUnstable => Failure {
                    message: "This device's clock kept changing while skewcheck measured it.".to_owned(),
                    advice: "Leave the date and time settings alone for a moment, then press “Check again”.".to_owned(),
                },
                CollectError::OnlyCached(evidence) => Failure {
                    message: format!("Every answer from the time source came from a cache ({evidence}), so none shows the current time."),
                    advice: "Ask whoever sent the link to serve the time endpoint with “Cache-Control: no-store”.".to_owned(),
                },
            }), &notice);
            return summary;
        }
    };

    // Cross-checks: the endpoint's own Date header, then a second endpoint if the link has one.
    let mut cross_check = header_estimate
        .filter(|_| matches!(origin, Some(ReadingOrigin::Body(_))))
        .map(|header| (header, "the endpoint's own Date header".to_owned()));
    if let Some(url) = &setup.cross_check_url {
        match measure_quietly(url).await {
            Ok(other) => cross_check = Some((other, url.clone())),
            Err(why) => {
                let failed = CrossCheck::unavailable(url.clone(), &why);
                report(
                    Phase::Done(conclude(
                        setup,
                        estimate,
                        origin,
                        Some(failed),
                        requests,
                        false,
                    )),
                    &notice,
                );
                return summary;
            }
        }
    }
    let (estimate, cross_check) = match cross_check {
        Some((other, witness)) => {
            let gap_ms = estimate.interval.gap_to(&other.interval);
            // Two witnesses that disagree: report the range both allow instead of picking one.
            let combined = if gap_ms > 0.0 {
                Estimate {
                    interval: estimate.interval.hull(&other.interval),
                    consistent: false,
                    ..estimate
                }
            } else {
                estimate
            };
            (combined, Some(CrossCheck::compared(witness, gap_ms)))
        }
        None => (estimate, None),
    };
    report(
        Phase::Done(conclude(
            setup,
            estimate,
            origin,
            cross_check,
            requests,
            false,
        )),
        &notice,
    );
    summary
}

/// Waits as the collector asked, takes one sample and records it: what happened to the
/// answer and where its time came from, or `None` when the request failed (also recorded).
async fn take_next(
    collector: &mut Collector<FetchError>,
    url: &str,
    ask: Ask,
    delay_ms: u32,
) -> Option<(Recorded, ReadingOrigin)> {
    if delay_ms > 0 {
        TimeoutFuture::new(delay_ms).await;
    }
    match take_sample(url, ask, fresh_nonce(), &BrowserClock).await {
        Ok(observation) => {
            let origin = observation.sample.reference.origin;
            Some((collector.record(observation), origin))
        }
        Err(error) => {
            let permanent = error.is_permanent();
            collector.record_failure(error, permanent);
            None
        }
    }
}

/// Measures a second source without reporting progress (the first result is on screen).
async fn measure_quietly(url: &str) -> Result<Estimate, String> {
    let mut collector = Collector::<FetchError>::new(DEFAULT_PLAN);
    while let Step::Request { delay_ms } = collector.next_step(&BrowserClock) {
        take_next(&mut collector, url, Ask::Body, delay_ms).await;
    }
    collector.finish().map_err(|error| match error {
        CollectError::Requests(error) => error.to_string(),
        CollectError::ClockUnstable => "the device clock kept changing".to_owned(),
        CollectError::OnlyCached(evidence) => {
            format!("every answer came from a cache ({evidence})")
        }
    })
}

/// A verdict that more samples cannot change: they only narrow the interval, and a narrower
/// interval inside (or wholly beyond) the limits stays so. `Warning` may still resolve.
fn is_settled(verdict: Verdict) -> bool {
    matches!(verdict, Verdict::Ok | Verdict::Rejected)
}

fn conclude(
    setup: &Setup,
    estimate: Estimate,
    origin: Option<ReadingOrigin>,
    cross_check: Option<CrossCheck>,
    requests: usize,
    refining: bool,
) -> Box<Measurement> {
    let service = &setup.config.service;
    let interval: OffsetInterval = estimate.interval;
    let assessment = assess(service, Some(interval));
    let how = origin.map_or_else(|| "the time source".to_owned(), |origin| origin.describe());
    let mut explanation = explain(service, &estimate, &assessment);
    if let Some(check) = &cross_check {
        explanation.sentences.push(check.sentence.clone());
    }
    Box::new(Measurement {
        explanation,
        estimate,
        assessment,
        source: format!("{how} of {}", setup.source_url),
        refining,
        requests,
        cross_check,
        notice: None,
        services: service_results(service, interval),
        zone_hint: zone_hint(&interval),
        device_time_ms: BrowserClock.wall_ms(),
    })
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Measurement {
    /// The report a client sends back to support.
    pub fn to_report(&self, device: String, platform: &str, reference: Option<String>) -> Report {
        use crate::engine::platform::Platform;
        Report {
            measured_at_ms: self.reference_time_ms(),
            device_time_ms: self.device_time_ms,
            offset_ms: self.offset_ms_rounded(),
            uncertainty_ms: self.uncertainty_ms_rounded(),
            source: self.source.clone(),
            device,
            platform: Platform::from_id(platform).unwrap_or(Platform::Unknown),
            reference,
            verdicts: self
                .services
                .iter()
                .map(|result| ServiceVerdict {
                    service: result.name.clone(),
                    service_id: result.id.clone(),
                    verdict: result.verdict.into(),
                    detail: result.line.clone(),
                })
                .collect(),
        }
    }
}
