//! What a report holds: the numbers, the platform, the ticket, where the time came from
//! and each service's verdict, as a permalink carries them.

use crate::measure::SourceFacts;
use crate::platform::Platform;
use crate::source::{BodyFormat, EpochUnit, ReadingOrigin};
use crate::verdict::Verdict;
use serde::{Deserialize, Deserializer, Serialize};

/// A report label's cap in chars (`check.sh --label`; the page's own label later).
pub const MAX_LABEL_CHARS: usize = 40;

/// The time source's cap in chars, in words or as a link's text (per-field caps keep a
/// report without verdicts within the fragment limit even at four UTF-8 bytes a char).
pub const MAX_SOURCE_CHARS: usize = 300;

/// Serializes an epoch time as whole ms: sub-millisecond digits mean nothing here and make
/// links longer.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`as` saturates (NaN → 0); decoding refuses both"
)]
pub(crate) fn whole_ms<S: serde::Serializer>(ms: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(ms.round() as i64)
}

/// A finished measurement, as shared with support.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Reference (correct) time of the measurement, epoch ms. Stored to the whole ms.
    #[serde(rename = "t", serialize_with = "whole_ms")]
    pub measured_at_ms: f64,
    /// The device's clock at that moment, epoch ms. Stored to the whole ms.
    #[serde(rename = "d", serialize_with = "whole_ms")]
    pub device_time_ms: f64,
    /// Device − reference, ms; positive when the device is fast.
    #[serde(rename = "o")]
    pub offset_ms: i64,
    /// How far the true offset may be from `offset_ms`, ms.
    #[serde(rename = "u")]
    pub uncertainty_ms: u64,
    /// Where reference time came from. On the wire (`#report=`) it is a sentence, which a
    /// link brings back only as its own words ([`ReportSource::Claimed`]).
    #[serde(rename = "s")]
    pub source: ReportSource,
    /// The device, as [`user_agent_summary`](crate::platform::user_agent_summary) puts it.
    #[serde(rename = "dv")]
    pub device: String,
    /// The device's platform, stored as its [`Platform::id`].
    #[serde(rename = "p")]
    pub platform: Platform,
    /// The support ticket from `?ref=`.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// What the sender calls the machine that was measured (`check.sh --label`, by default
    /// its host name): the sender's words, cleaned and at most [`MAX_LABEL_CHARS`] chars.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// One verdict per service, the primary service first.
    #[serde(rename = "vs")]
    pub verdicts: Vec<ServiceVerdict>,
}

/// Where a report's reference time came from.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportSource {
    /// Measured by this page: how the answer carried its time, and the address asked.
    Measured(SourceFacts),
    /// Rebuilt from a compact link: how the source gave its time, and its host (empty when
    /// the link names none).
    Linked {
        /// How the source gave its time.
        kind: SourceKind,
        /// The source's host, e.g. `time.example.com` (the link's, not checked).
        host: String,
    },
    /// An old `#report=` link's text for it (cleaned): the sender's claim, shown only as
    /// the link's words.
    Claimed(String),
}

/// How the time source gave its time, by code. A JSON field's key is not kept.
pub(crate) const SOURCE_KINDS: [(&str, ReadingOrigin); 6] = [
    ("D", ReadingOrigin::DateHeader),
    (
        "S",
        ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Seconds)),
    ),
    (
        "M",
        ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Milliseconds)),
    ),
    (
        "U",
        ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Microseconds)),
    ),
    (
        "N",
        ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Nanoseconds)),
    ),
    ("R", ReadingOrigin::Body(BodyFormat::Rfc3339)),
];
/// How a source gave its time, as a compact link says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// In this form (one a compact link has a code for).
    Read(ReadingOrigin),
    /// A JSON field in the body, whose key the link does not keep.
    JsonField,
    /// The link does not say.
    Unknown,
}

impl ReportSource {
    /// The link's text, for a [`Claimed`](Self::Claimed) source.
    pub fn claim(&self) -> Option<&str> {
        match self {
            Self::Claimed(text) => Some(text),
            Self::Measured(_) | Self::Linked { .. } => None,
        }
    }
}

/// A permalink's `s` is the sender's text: it comes back as [`ReportSource::Claimed`].
impl<'de> Deserialize<'de> for ReportSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::Claimed)
    }
}

/// What one service would make of this clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceVerdict {
    /// Display name, e.g. `Amazon S3`.
    #[serde(rename = "n")]
    pub service: String,
    /// Service id, e.g. `s3`: a [`Service::report_id`](crate::verdict::Service::report_id),
    /// so `kerberos-limit-600000` when the link set the limit.
    #[serde(rename = "id")]
    pub service_id: String,
    /// The verdict, stored as its word (`ok`, `warning`, `rejected`, `unknown`).
    #[serde(rename = "v")]
    pub verdict: ReportedVerdict,
    /// One short line, e.g. `14 min 57 s to spare` or `RequestTimeTooSkewed`.
    #[serde(rename = "x")]
    pub detail: String,
}

/// A service's verdict as a report carries it: the words of [`Verdict::as_str`], and
/// [`Other`](Self::Other) for any word this version does not know, which decoding refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportedVerdict {
    /// [`Verdict::Ok`].
    Ok,
    /// [`Verdict::Warning`].
    Warning,
    /// [`Verdict::Rejected`].
    Rejected,
    /// [`Verdict::Unknown`].
    Unknown,
    /// A word no version of skewcheck writes.
    #[serde(other)]
    Other,
}

impl ReportedVerdict {
    /// The verdict, or `None` for [`Other`](Self::Other).
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Self::Ok => Some(Verdict::Ok),
            Self::Warning => Some(Verdict::Warning),
            Self::Rejected => Some(Verdict::Rejected),
            Self::Unknown => Some(Verdict::Unknown),
            Self::Other => None,
        }
    }
}

impl From<Verdict> for ReportedVerdict {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Ok => Self::Ok,
            Verdict::Warning => Self::Warning,
            Verdict::Rejected => Self::Rejected,
            Verdict::Unknown => Self::Unknown,
        }
    }
}

/// What one line of a past report can be taken as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Worked out on this page from the report's offset and uncertainty.
    Recomputed(Verdict),
    /// Only what the sender's page said (`None` for a word no version writes): the service
    /// is not one this page can rebuild, so its verdict cannot be checked.
    Claimed(Option<Verdict>),
}

impl Finding {
    /// The verdict this page stands behind: the recomputed one, else
    /// [`Verdict::Unknown`] — a claim is never shown as a verdict.
    pub fn verdict(self) -> Verdict {
        match self {
            Self::Recomputed(verdict) => verdict,
            Self::Claimed(_) => Verdict::Unknown,
        }
    }
}
