//! The permalink payload: encoding a [`Report`] into a fragment, and decoding and checking
//! one that arrives from anywhere.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::compact::encode_compact;
use super::compact::{COMPACT_PREFIX, decode_compact};
use super::{Report, ReportError, ReportedVerdict, ServiceVerdict};
use crate::plausible;
use crate::text::clean;

/// The fragment key: the permalink is `<page URL without query or fragment>#report=<payload>`.
pub const FRAGMENT_KEY: &str = "report";

/// The payload format version; others are rejected.
pub const VERSION: u64 = 1;

/// The longest fragment [`decode_fragment`] reads; [`encode_fragment`] always fits in it.
pub const MAX_FRAGMENT_CHARS: usize = 4_096;

/// The most services a report lists.
pub const MAX_VERDICTS: usize = 20;

// Per-field caps in chars. With them, a report without verdicts fits in
// MAX_FRAGMENT_CHARS even at four UTF-8 bytes a char.
pub(super) const MAX_SOURCE_CHARS: usize = 300;
const MAX_DEVICE_CHARS: usize = 200;
const MAX_REFERENCE_CHARS: usize = 100;
const MAX_SERVICE_CHARS: usize = 100;
const MAX_SERVICE_ID_CHARS: usize = 40;
const MAX_DETAIL_CHARS: usize = 200;
/// Ten years of 365.25 days.
pub(super) const TEN_YEARS_MS: u64 = 315_576_000_000;
/// The largest offset a report may carry: ten thousand years, far beyond any clock reset
/// (1970 is 56 years back) and still exact in an `f64`.
pub(super) const MAX_OFFSET_MS: u64 = 1_000 * TEN_YEARS_MS;
/// How far device − measurement time may differ from the offset through rounding alone:
/// each of the three is stored to the whole ms.
const STORED_ROUNDING_MS: f64 = 2.0;

/// The payload on the wire: the report with its format version.
#[derive(Serialize)]
struct Versioned<'a> {
    v: u64,
    #[serde(flatten)]
    report: &'a Report,
}

/// Serializes an epoch time as whole ms: sub-millisecond digits mean nothing here and make
/// links longer.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`as` saturates (NaN → 0); decoding refuses both"
)]
pub(super) fn whole_ms<S: serde::Serializer>(ms: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(ms.round() as i64)
}

/// Encodes `report` as `report=<base64url(json)>` (no leading `#`).
///
/// Strings are cleaned and cut to their caps, and verdicts beyond [`MAX_VERDICTS`] dropped,
/// so that whatever is encoded decodes again; should the result still exceed
/// [`MAX_FRAGMENT_CHARS`], trailing verdicts are dropped until it fits.
pub fn encode_fragment(report: &Report) -> String {
    let mut report = report.normalized();
    loop {
        let json = serde_json::to_vec(&Versioned {
            v: VERSION,
            report: &report,
        })
        .expect("a report always serializes");
        let fragment = format!("{FRAGMENT_KEY}={}", URL_SAFE_NO_PAD.encode(json));
        if fragment.len() <= MAX_FRAGMENT_CHARS || report.verdicts.pop().is_none() {
            return fragment;
        }
    }
}

/// Whether a page fragment (with or without its `#`) is meant as a permalink, in either
/// format: the page then shows that result, or why it cannot, and measures nothing.
pub fn is_report_fragment(fragment: &str) -> bool {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.starts_with(COMPACT_PREFIX) || fragment.contains(&format!("{FRAGMENT_KEY}="))
}

/// Decodes a fragment made by [`encode_compact`] or [`encode_fragment`], with or without
/// its leading `#`.
/// Hostile input yields an error, never a panic.
pub fn decode_fragment(fragment: &str) -> Result<Report, ReportError> {
    if fragment.len() > MAX_FRAGMENT_CHARS + 1 {
        return Err(ReportError::TooLong);
    }
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ReportError::TooLong);
    }
    if let Some(fields) = fragment.strip_prefix(COMPACT_PREFIX) {
        return decode_compact(fields);
    }
    let payload = fragment
        .split('&')
        .find_map(|pair| pair.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
        .ok_or(ReportError::NotAReport)?;
    // Tolerate `=` padding added by other base64 encoders or by hand.
    let lenient = GeneralPurpose::new(
        &alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let json = lenient
        .decode(payload)
        .map_err(|error| malformed(&format!("not base64 ({error})")))?;
    let value: serde_json::Value =
        serde_json::from_slice(&json).map_err(|error| malformed(&error.to_string()))?;
    match value.get("v").and_then(serde_json::Value::as_u64) {
        Some(VERSION) => {}
        Some(other) => {
            return Err(ReportError::Invalid(format!(
                "it was made by format version {other}, and this page reads version {VERSION}"
            )));
        }
        None => return Err(ReportError::Invalid("it has no format version".to_owned())),
    }
    let report = Report::deserialize(value).map_err(|error| malformed(&error.to_string()))?;
    report.validated()
}

/// A [`ReportError::Malformed`] whose message is safe to show: parser messages can quote input.
fn malformed(message: &str) -> ReportError {
    ReportError::Malformed(clean(message, 120))
}

impl Report {
    /// The same report without the per-service detail lines: what a permalink carries, so
    /// that it fits in a QR code. [`with_recomputed_details`](Self::with_recomputed_details)
    /// works them out again on the other side.
    pub fn without_details(&self) -> Report {
        let mut slim = self.clone();
        for verdict in &mut slim.verdicts {
            verdict.detail.clear();
        }
        slim
    }

    /// Checks every value against what a measurement can produce, then cleans the strings.
    pub(super) fn validated(self) -> Result<Report, ReportError> {
        let invalid = |what: &str| Err(ReportError::Invalid(what.to_owned()));
        if !plausible::is_plausible(self.measured_at_ms) {
            return invalid("the measurement time is not between 2000 and 2200");
        }
        // The device clock may show anything — a clock reset to 1970 is exactly what a
        // permalink must be able to report — as long as it is a number.
        if !self.device_time_ms.is_finite() {
            return invalid("the device time is not a number");
        }
        if self.offset_ms.unsigned_abs() > MAX_OFFSET_MS {
            return invalid("the offset is more than ten thousand years");
        }
        if self.uncertainty_ms > TEN_YEARS_MS {
            return invalid("the uncertainty is more than ten years");
        }
        if !self.times_agree() {
            return invalid(
                "its device time, measurement time and offset do not agree (the device time minus the measurement time must be the offset), so it was changed after it was made",
            );
        }
        if self.verdicts.len() > MAX_VERDICTS {
            return invalid("it lists too many services");
        }
        let too_long = |text: &str, cap: usize| text.chars().count() > cap;
        if too_long(&self.source, MAX_SOURCE_CHARS)
            || too_long(&self.device, MAX_DEVICE_CHARS)
            || self
                .reference
                .as_deref()
                .is_some_and(|r| too_long(r, MAX_REFERENCE_CHARS))
        {
            return invalid("a text field is too long");
        }
        for verdict in &self.verdicts {
            if too_long(&verdict.service, MAX_SERVICE_CHARS)
                || too_long(&verdict.detail, MAX_DETAIL_CHARS)
            {
                return invalid("a service's text is too long");
            }
            let id_ok = !verdict.service_id.is_empty()
                && verdict.service_id.len() <= MAX_SERVICE_ID_CHARS
                && verdict
                    .service_id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !id_ok {
                return invalid("a service id is not a plain identifier");
            }
            if verdict.verdict == ReportedVerdict::Other {
                return invalid("a verdict is not ok, warning, rejected or unknown");
            }
        }
        Ok(self.normalized())
    }

    /// Whether device time − measurement time is the offset, within the uncertainty and the
    /// rounding of the three stored numbers: a page writes them from one reading, so an
    /// edited offset (or time) shows.
    fn times_agree(&self) -> bool {
        let gap = (self.device_time_ms - self.measured_at_ms) - self.offset_ms as f64;
        gap.abs() <= self.uncertainty_ms as f64 + STORED_ROUNDING_MS
    }

    /// Strings cleaned and cut to their caps, verdicts capped.
    pub(super) fn normalized(&self) -> Report {
        Report {
            source: clean(&self.source, MAX_SOURCE_CHARS),
            device: clean(&self.device, MAX_DEVICE_CHARS),
            reference: self
                .reference
                .as_deref()
                .map(|r| clean(r, MAX_REFERENCE_CHARS)),
            verdicts: self
                .verdicts
                .iter()
                .take(MAX_VERDICTS)
                .map(|verdict| ServiceVerdict {
                    service: clean(&verdict.service, MAX_SERVICE_CHARS),
                    service_id: clean(&verdict.service_id, MAX_SERVICE_ID_CHARS),
                    verdict: verdict.verdict,
                    detail: clean(&verdict.detail, MAX_DETAIL_CHARS),
                })
                .collect(),
            ..self.clone()
        }
    }
}
