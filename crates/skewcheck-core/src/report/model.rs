//! What a report holds: the numbers, the platform, the ticket and each service's verdict,
//! as a permalink carries them.

use crate::platform::Platform;
use crate::verdict::Verdict;
use serde::{Deserialize, Serialize};

/// The source sentence's cap in chars (per-field caps keep a report without verdicts
/// within the fragment limit even at four UTF-8 bytes a char).
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
    /// Where reference time came from, in words.
    #[serde(rename = "s")]
    pub source: String,
    /// The device, as [`user_agent_summary`](super::platform::user_agent_summary) puts it.
    #[serde(rename = "dv")]
    pub device: String,
    /// The device's platform, stored as its [`Platform::id`].
    #[serde(rename = "p")]
    pub platform: Platform,
    /// The support ticket reference from `?ref=`.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// One verdict per service, the primary service first.
    #[serde(rename = "vs")]
    pub verdicts: Vec<ServiceVerdict>,
}

/// What one service would make of this clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceVerdict {
    /// Display name, e.g. `Amazon S3`.
    #[serde(rename = "n")]
    pub service: String,
    /// Service id, e.g. `s3`: a [`Service::report_id`](super::verdict::Service::report_id),
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

/// Why a fragment is not a usable report.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The fragment holds no `report=`.
    #[error("this link does not contain a skewcheck result")]
    NotAReport,
    /// Longer than any genuine report.
    #[error("the result in this link is too long to be genuine")]
    TooLong,
    /// Not base64 or not JSON of the right shape: typically cut off while copying.
    #[error("the result in this link is damaged (it may have been cut off when copied): {0}")]
    Malformed(String),
    /// Well-formed, but with values no measurement produces.
    #[error("the result in this link is not valid: {0}")]
    Invalid(String),
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
