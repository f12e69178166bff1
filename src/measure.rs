//! One measurement, from the link's parameters to a verdict: drives the engine's
//! [`Collector`] with real requests and reports each [`Phase`] to the page.

use crate::browser::{BrowserClock, PageAddress, fresh_nonce, resolve_url};
use crate::engine::config::{Config, SourceChoice, parse_query};
use crate::engine::estimate::Estimate;
use crate::engine::humanize::{Explanation, duration_words, explain};
use crate::engine::plan::{CollectError, Collector, DEFAULT_PLAN, Progress, Recorded, Step};
use crate::engine::source::ReadingOrigin;
use crate::engine::verdict::{Assessment, Service, Verdict, assess};
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
}

/// Where a measurement stands; the page renders exactly this.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Requests under way.
    Measuring {
        /// Samples collected so far.
        progress: Progress,
        /// Something the user should know while waiting (e.g. the clock just changed).
        notice: Option<String>,
    },
    /// A result.
    Done(Measurement),
    /// No result, and why.
    Failed(Failure),
}

/// A finished measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The offset and its uncertainty.
    pub estimate: Estimate,
    /// The verdict for the link's service.
    pub assessment: Assessment,
    /// The verdict in words.
    pub explanation: Explanation,
    /// Where the reference time came from, in words.
    pub source: String,
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
            progress: Progress {
                collected: 0,
                wanted: DEFAULT_PLAN.samples_wanted,
            },
            notice: None,
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
        match self {
            Self::Done(measurement) => measurement.assessment.verdict,
            _ => Verdict::Unknown,
        }
    }

    /// The measurement, once done.
    pub fn measurement(&self) -> Option<&Measurement> {
        match self {
            Self::Done(measurement) => Some(measurement),
            _ => None,
        }
    }
}

impl Measurement {
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

/// Reads the link's parameters and resolves the time source.
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
    let source_url = resolve_url(&reference, &page.href).ok_or_else(|| {
        let error = FetchError::InvalidUrl(reference.clone());
        Failure {
            message: capitalize(&error.to_string()),
            advice: error.advice().to_owned(),
        }
    })?;
    Ok(Setup {
        config,
        source_url,
        ask,
    })
}

/// Runs one measurement, reporting every change of phase through `report`.
pub async fn run(setup: &Setup, report: impl Fn(Phase)) {
    let clock = BrowserClock;
    let mut collector = Collector::<FetchError>::new(DEFAULT_PLAN);
    let mut notice = None;
    let mut origin = None;
    while let Step::Request { delay_ms } = collector.next_step() {
        if delay_ms > 0 {
            TimeoutFuture::new(delay_ms).await;
        }
        match take_sample(&setup.source_url, setup.ask, fresh_nonce(), &clock).await {
            Ok(sample) => {
                origin = Some(sample.reference.origin);
                if let Recorded::ClockChanged { jump_ms } = collector.record(sample) {
                    notice = Some(format!(
                        "Your clock just changed by {} — checking again.",
                        duration_words(jump_ms)
                    ));
                }
            }
            Err(error) => {
                let permanent = error.is_permanent();
                collector.record_failure(error, permanent);
            }
        }
        report(Phase::Measuring {
            progress: collector.progress(),
            notice: notice.clone(),
        });
    }
    report(match collector.finish() {
        Ok(estimate) => Phase::Done(conclude(setup, estimate, origin)),
        Err(CollectError::Requests(error)) => Phase::Failed(Failure {
            message: capitalize(&error.to_string()),
            advice: error.advice().to_owned(),
        }),
        Err(CollectError::ClockUnstable) => Phase::Failed(Failure {
            message: "This device's clock kept changing while skewcheck measured it.".to_owned(),
            advice:
                "Leave the date and time settings alone for a moment, then press “Check again”."
                    .to_owned(),
        }),
    });
}

fn conclude(setup: &Setup, estimate: Estimate, origin: Option<ReadingOrigin>) -> Measurement {
    let service: &Service = setup.config.service;
    let assessment = assess(service, Some(estimate.interval));
    let how = origin.map_or_else(|| "the time source".to_owned(), |origin| origin.describe());
    Measurement {
        explanation: explain(service, &estimate, &assessment),
        estimate,
        assessment,
        source: format!("{how} of {}", setup.source_url),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
