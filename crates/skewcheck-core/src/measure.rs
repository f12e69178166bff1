//! One measurement, from the link's parameters to a verdict: the [`Phase`]s the page
//! renders, and the driver ([`run`]) that walks the engine's [`Collector`] through them
//! with real (or, in tests, simulated) requests.
//!
//! A verdict is shown as soon as the evidence decides it (often after the very first
//! answer), then the number keeps refining until the collector stops; a second source, when
//! the link names one, is measured afterwards and compared.
//!
//! [`Collector`]: crate::plan::Collector

mod driver;
mod early;
mod probes;
#[cfg(test)]
mod tests;
mod witness;

pub use driver::{Transport, run};

use crate::address::{PageAddress, Resolve, same_origin};
use crate::config::{Config, SourceChoice, parse_query};
use crate::estimate::Estimate;
use crate::fetch::{Ask, FetchError};
use crate::words::{Explanation, ServiceResult};
use crate::plan::{PAGE_PLAN, Progress};
use crate::report::{Report, ServiceVerdict};
use crate::timezone::ZoneHint;
use crate::verdict::{Assessment, Verdict};

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
    /// The page's own address, whose `Date` header is a witness whenever the time source is
    /// on another origin: a link must not make a stranger's clock the only judge.
    pub origin_witness_url: Option<String>,
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
    /// A verdict that more samples cannot change, while the number is still being refined.
    Provisional(Box<Measurement>),
    /// The final result of this measurement.
    Settled(Box<Measurement>),
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
    /// The host the device clock was compared with (`time.example.com`), for the card.
    pub compared_with: String,
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
    /// What a cache between the page and its source did, and what its owner can change.
    pub cache: Option<String>,
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

/// One witness heard after the measurement, before it is compared.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Heard {
    /// Who the witness was, in words.
    pub(crate) who: String,
    /// Its estimate, or why there is none.
    pub(crate) estimate: Result<Estimate, String>,
    /// Whether it runs on the same host (or site) as the time source it checks, so its
    /// agreement confirms nothing.
    pub(crate) same_site: bool,
}

/// What a cross-check found, for `data-cross-check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrossCheckOutcome {
    /// Both witnesses allow a common offset.
    Agree,
    /// The witnesses cannot both be right.
    Disagree,
    /// The second witness could not be measured.
    Unavailable,
}

impl CrossCheckOutcome {
    /// `data-cross-check` of the DOM contract: `agree`, `disagree` or `unavailable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::Disagree => "disagree",
            Self::Unavailable => "unavailable",
        }
    }
}

impl CrossCheck {
    /// What the cross-check found.
    pub fn outcome(&self) -> CrossCheckOutcome {
        match self.gap_ms {
            Some(gap) if gap > 0.0 => CrossCheckOutcome::Disagree,
            Some(_) => CrossCheckOutcome::Agree,
            None => CrossCheckOutcome::Unavailable,
        }
    }

    /// `data-cross-check` of the DOM contract: `agree`, `disagree` or `unavailable`.
    pub fn outcome_name(&self) -> &'static str {
        self.outcome().as_str()
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

impl Failure {
    fn from_fetch(error: &FetchError) -> Self {
        Self {
            message: capitalize(&error.to_string()),
            advice: error.advice().to_owned(),
        }
    }
}

impl Phase {
    /// The state before the first answer.
    pub fn starting() -> Self {
        Self::starting_with(None)
    }

    /// The state before the first answer, with a notice (e.g. why the measurement started).
    pub fn starting_with(notice: Option<String>) -> Self {
        Self::Measuring {
            progress: Self::starting_progress(),
            notice,
        }
    }

    /// Progress before the first answer.
    pub fn starting_progress() -> Progress {
        Progress {
            requests: 0,
            budget: PAGE_PLAN.max_requests,
        }
    }

    /// `data-state` of the DOM contract.
    pub fn state_name(&self) -> &'static str {
        match self {
            Self::Measuring { .. } => "measuring",
            Self::Provisional(_) | Self::Settled(_) => "done",
            Self::Failed(_) => "error",
        }
    }

    /// The verdict (unknown until there is one).
    pub fn verdict(&self) -> Verdict {
        self.measurement()
            .map_or(Verdict::Unknown, |m| m.assessment.verdict)
    }

    /// The measurement, once there is a verdict (final or not).
    pub fn measurement(&self) -> Option<&Measurement> {
        match self {
            Self::Provisional(measurement) | Self::Settled(measurement) => Some(measurement),
            Self::Measuring { .. } | Self::Failed(_) => None,
        }
    }

    /// The final measurement, once refining has ended.
    pub fn settled(&self) -> Option<&Measurement> {
        match self {
            Self::Settled(measurement) => Some(measurement),
            _ => None,
        }
    }

    /// Whether no verdict is shown yet because requests are under way.
    pub fn is_measuring(&self) -> bool {
        matches!(self, Self::Measuring { .. })
    }

    /// Whether the verdict stands but its number is still being refined.
    pub fn is_refining(&self) -> bool {
        matches!(self, Self::Provisional(_))
    }

    /// Progress without anything to say: no verdict and no notice.
    pub fn is_plain_progress(&self) -> bool {
        matches!(self, Self::Measuring { notice: None, .. })
    }

    /// Whether more requests are still coming.
    pub fn is_busy(&self) -> bool {
        self.is_measuring() || self.is_refining()
    }
}

impl Measurement {
    /// The correct time when this result was concluded (ms since the epoch).
    pub fn reference_time_ms(&self) -> f64 {
        self.device_time_ms - self.estimate.offset_ms()
    }

    /// Offset rounded to whole milliseconds, for `data-offset-ms`.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "an offset in ms is far inside i64 (and `as` saturates)"
    )]
    pub fn offset_ms_rounded(&self) -> i64 {
        self.estimate.offset_ms().round() as i64
    }

    /// Uncertainty for `data-uncertainty-ms`, rounded up and widened by the rounding of the
    /// offset, so the integer interval still contains the truth.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "not negative after max(0), far inside u64 (and `as` saturates)"
    )]
    pub fn uncertainty_ms_rounded(&self) -> u64 {
        (self.estimate.uncertainty_ms() + 0.5).ceil().max(0.0) as u64
    }
}

/// Reads the link's parameters and resolves the time sources.
pub fn setup_from(page: &PageAddress, resolve_url: Resolve<'_>) -> Result<Setup, Failure> {
    let config = parse_query(&page.search, page.is_https).map_err(|error| Failure {
        message: capitalize(&error.to_string()),
        advice:
            "Ask whoever sent the link for a corrected one, or open the page without parameters."
                .to_owned(),
    })?;
    let (reference, ask) = match &config.source {
        SourceChoice::PageOrigin => (page.href.clone(), Ask::DateHeader),
        SourceChoice::Endpoint(endpoint) if config.timesync => (endpoint.clone(), Ask::Timesync),
        SourceChoice::Endpoint(endpoint) => (endpoint.clone(), Ask::Body),
    };
    let resolve = |reference: &str| {
        resolve_url(reference, &page.href)
            .ok_or_else(|| Failure::from_fetch(&FetchError::InvalidUrl(reference.to_owned())))
    };
    let source_url = resolve(&reference)?;
    Ok(Setup {
        origin_witness_url: (!same_origin(&source_url, &page.href)).then(|| page.href.clone()),
        source_url,
        cross_check_url: config.cross_check.as_deref().map(resolve).transpose()?,
        ask,
        config,
    })
}

/// The first letter in upper case — unless the text starts with an address, which must
/// stay exactly as written (“Http://…” is not an address).
fn capitalize(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    if first_word.contains("://") || first_word.starts_with("//") {
        return text.to_owned();
    }
    // ASCII only: every message starts with our own English words, and `char::to_uppercase`
    // would pull Unicode's case tables (16 KB) into the wasm.
    let mut capitalized = text.to_owned();
    if let Some(first) = capitalized.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    capitalized
}

impl Measurement {
    /// The report a client sends back to support.
    pub fn to_report(&self, device: String, platform: &str, reference: Option<String>) -> Report {
        use crate::platform::Platform;
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
