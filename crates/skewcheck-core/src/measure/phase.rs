//! The facts a measurement reports: where it stands ([`Phase`]), its result
//! ([`Measurement`]), what a witness said ([`CrossCheck`]), what to tell the user on the way
//! ([`Notice`]) and why there is no result ([`Failure`]). No words: [`crate::words`] says
//! them.

use crate::config::ConfigError;
use crate::estimate::Estimate;
use crate::fetch::FetchError;
use crate::outcomes::ServiceResult;
use crate::plan::{CacheSeen, CollectError, PAGE_PLAN, Progress};
use crate::sample::OffsetInterval;
use crate::source::{CacheEvidence, ReadingOrigin};
use crate::timezone::ZoneHint;
use crate::verdict::{Assessment, Service, Verdict};

/// Where a measurement stands; the page renders exactly this.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Requests under way, no verdict yet.
    Measuring {
        /// Requests so far.
        progress: Progress,
        /// Something the user should know while waiting (e.g. the clock just changed).
        notice: Option<Notice>,
    },
    /// A verdict that more samples cannot change, while the number is still being refined.
    Provisional(Box<Measurement>),
    /// The final result of this measurement.
    Settled(Box<Measurement>),
    /// No result, and why.
    Failed(Failure),
}

/// Something the user should know while a measurement runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The device clock moved against the monotonic clock by `jump_ms`: measuring again.
    ClockChanged {
        /// How far it moved (ms).
        jump_ms: f64,
        /// When the change was noticed.
        seen: ChangeSeen,
    },
    /// Answers from a frozen cached copy were ignored; how that showed.
    StaleAnswersIgnored {
        /// The cache's evidence (e.g. the header it carried).
        evidence: CacheEvidence,
    },
    /// Request number `attempt` failed; another follows.
    AttemptFailed {
        /// Which request (1-based).
        attempt: usize,
        /// Why it failed.
        error: FetchError,
    },
}

/// When a clock change was noticed, which decides how it is explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeSeen {
    /// Between or during the requests of a measurement.
    DuringMeasurement,
    /// While the page sat idle (the device may also have slept).
    WhileIdle,
}

/// How a measurement ended, as far as live mode cares.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunOutcome {
    /// The measured interval, when the measurement produced one.
    pub interval: Option<OffsetInterval>,
    /// The device clock changed during the measurement (earlier results describe the old
    /// clock).
    pub clock_changed: bool,
}

/// Where the reference time came from.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFacts {
    /// How the last answer carried its time (`None` before any answer).
    pub origin: Option<ReadingOrigin>,
    /// The address asked.
    pub url: String,
}

/// A measurement with a verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The offset and its uncertainty (after any cross-check).
    pub estimate: Estimate,
    /// The verdict for the link's service (`Warning` when the time sources disagree).
    pub assessment: Assessment,
    /// The link's service, which the verdict is about.
    pub service: Service,
    /// Where the reference time came from.
    pub source: SourceFacts,
    /// The host the device clock was compared with (`time.example.com`), for the card.
    pub compared_with: String,
    /// Requests this measurement made so far.
    pub requests: usize,
    /// What the witnesses said, if there were any.
    pub cross_check: Option<CrossCheck>,
    /// Something that happened during the measurement (e.g. the clock changed).
    pub notice: Option<Notice>,
    /// Every service's verdict, the link's service first.
    pub services: Vec<ServiceResult>,
    /// A likely time-zone mistake.
    pub zone_hint: Option<ZoneHint>,
    /// A cache between the page and its source, when one answered.
    pub cache: Option<CacheSeen>,
    /// The device's wall clock when this result was concluded (ms since the epoch).
    pub device_time_ms: f64,
}

/// Who a witness was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Witness {
    /// The second endpoint the link names (`endpoint2`), at this address.
    SecondEndpoint(String),
    /// The time endpoint's own `Date` header, beside its body's time.
    EndpointDateHeader,
    /// The `Date` header of the page's own server, at this host.
    PageOrigin(String),
}

/// Why a witness could not be measured.
pub type WitnessFailure = CollectError<FetchError>;

/// One witness, compared with the measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct WitnessCheck {
    /// Who it was.
    pub who: Witness,
    /// Distance between its interval and the measurement's (zero when they agree), or why
    /// it could not be measured.
    pub gap_ms: Result<f64, WitnessFailure>,
    /// Whether it runs on the same site as the time source it checks, so its agreement
    /// confirms nothing.
    pub same_site: bool,
}

/// The result of comparing the measurement with its witnesses.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossCheck {
    /// Every witness, in the order heard.
    pub witnesses: Vec<WitnessCheck>,
    /// Which of them tells most: one that disagrees, else one that could not be measured,
    /// else one that agrees (an independent one first).
    pub telling: usize,
    /// The time source's host, which the witnesses were compared with.
    pub source_host: String,
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
    /// The most telling witness.
    pub fn telling(&self) -> &WitnessCheck {
        &self.witnesses[self.telling]
    }

    /// The most telling witness's distance to the measurement, `None` when it could not be
    /// measured.
    pub fn gap_ms(&self) -> Option<f64> {
        self.telling().gap_ms.as_ref().ok().copied()
    }

    /// What the cross-check found.
    pub fn outcome(&self) -> CrossCheckOutcome {
        match self.gap_ms() {
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

/// Why a measurement (or the page before one) has no result.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The time requests failed; the last error says why.
    Fetch(FetchError),
    /// The device clock kept changing while it was measured.
    ClockUnstable,
    /// Every answer came from a frozen cached copy; how that showed.
    OnlyCached {
        /// The cache's evidence.
        evidence: CacheEvidence,
    },
    /// A link parameter cannot be honoured.
    BadLink(ConfigError),
    /// The link names a time source that the deployment's `allowed_endpoints` does not list.
    EndpointNotAllowed {
        /// The link parameter (`endpoint` or `endpoint2`).
        parameter: &'static str,
        /// What the link gave (outside text: cleaned when shown).
        endpoint: String,
        /// The sources the file allows, resolved.
        allowed: Vec<String>,
    },
    /// The link names a time source, but the deployment's `skewcheck.json` could not be
    /// read, so whether its owner allows that source is unknown: refused.
    SettingsUnread {
        /// The link parameter (`endpoint` or `endpoint2`).
        parameter: &'static str,
    },
    /// The page cannot read its own address.
    NoPageAddress,
}

impl From<CollectError<FetchError>> for Failure {
    fn from(error: CollectError<FetchError>) -> Self {
        match error {
            CollectError::Requests(error) => Self::Fetch(error),
            CollectError::ClockUnstable => Self::ClockUnstable,
            CollectError::OnlyCached(evidence) => Self::OnlyCached { evidence },
        }
    }
}

impl Phase {
    /// The state before the first answer.
    pub fn starting() -> Self {
        Self::starting_with(None)
    }

    /// The state before the first answer, with a notice (e.g. why the measurement started).
    pub fn starting_with(notice: Option<Notice>) -> Self {
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
    /// Whether the time sources disagree, so that no verdict rests on either alone.
    pub fn sources_disagree(&self) -> bool {
        self.cross_check
            .as_ref()
            .is_some_and(|check| check.outcome() == CrossCheckOutcome::Disagree)
    }

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
