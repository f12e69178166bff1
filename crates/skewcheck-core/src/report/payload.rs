//! The permalink payload: encoding a [`Report`] into a fragment, and decoding and checking
//! one that arrives from anywhere.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize, Serializer};

use crate::plausible;
#[cfg(doc)]
use crate::report::compact::encode_compact;
use crate::report::compact::{COMPACT_PREFIX, decode_compact};
use crate::report::error::{Damage, Flaw, MAX_PARSER_MESSAGE_CHARS, ReportError};
use crate::report::model::{
    MAX_LABEL_CHARS, MAX_SOURCE_CHARS, Report, ReportSource, ReportedVerdict, ServiceVerdict,
};
use crate::text::clean;
use crate::words::time_source_wire_words;

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
        .map_err(|error| ReportError::Malformed(Damage::NotBase64(parser_message(&error))))?;
    let value: serde_json::Value =
        serde_json::from_slice(&json).map_err(|error| not_a_report_json(&error))?;
    match value.get("v").and_then(serde_json::Value::as_u64) {
        Some(VERSION) => {}
        Some(other) => {
            return Err(ReportError::Invalid(Flaw::OtherVersion {
                found: other,
                read: VERSION,
            }));
        }
        None => return Err(ReportError::Invalid(Flaw::NoVersion)),
    }
    let report = Report::deserialize(value).map_err(|error| not_a_report_json(&error))?;
    report.validated()
}

/// A parser's message, safe to show: parser messages can quote input.
fn parser_message(error: &impl std::fmt::Display) -> String {
    clean(&error.to_string(), MAX_PARSER_MESSAGE_CHARS)
}

fn not_a_report_json(error: &serde_json::Error) -> ReportError {
    ReportError::Malformed(Damage::NotAReportJson(parser_message(error)))
}

/// On the wire a time source is a sentence, as older pages wrote it: the page's words for
/// what it knows, and an old link's own text as it came (the `#report=` format carries a
/// sentence here, not facts, so writing it takes the words layer; in English, whatever the
/// page speaks).
impl Serialize for ReportSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Claimed(text) => serializer.serialize_str(text),
            known => {
                let sentence = time_source_wire_words(known);
                serializer.serialize_str(&clean(&sentence, MAX_SOURCE_CHARS))
            }
        }
    }
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
        let invalid = |flaw: Flaw| Err(ReportError::Invalid(flaw));
        if !plausible::is_plausible(self.measured_at_ms) {
            return invalid(Flaw::ImplausibleMeasurementTime);
        }
        // The device clock may show anything — a clock reset to 1970 is exactly what a
        // permalink must be able to report — as long as it is a number.
        if !self.device_time_ms.is_finite() {
            return invalid(Flaw::DeviceTimeNotANumber);
        }
        if self.offset_ms.unsigned_abs() > MAX_OFFSET_MS {
            return invalid(Flaw::OffsetBeyond {
                max_ms: MAX_OFFSET_MS,
            });
        }
        if self.uncertainty_ms > TEN_YEARS_MS {
            return invalid(Flaw::UncertaintyBeyond {
                max_ms: TEN_YEARS_MS,
            });
        }
        if !self.times_agree() {
            return invalid(Flaw::TimesDisagree);
        }
        if self.verdicts.len() > MAX_VERDICTS {
            return invalid(Flaw::TooManyServices);
        }
        let too_long = |text: &str, cap: usize| text.chars().count() > cap;
        if self
            .source
            .claim()
            .is_some_and(|claim| too_long(claim, MAX_SOURCE_CHARS))
            || too_long(&self.device, MAX_DEVICE_CHARS)
            || self
                .ticket
                .as_deref()
                .is_some_and(|r| too_long(r, MAX_REFERENCE_CHARS))
            || self
                .label
                .as_deref()
                .is_some_and(|l| too_long(l, MAX_LABEL_CHARS))
        {
            return invalid(Flaw::TextTooLong);
        }
        for verdict in &self.verdicts {
            if too_long(&verdict.service, MAX_SERVICE_CHARS)
                || too_long(&verdict.detail, MAX_DETAIL_CHARS)
            {
                return invalid(Flaw::ServiceTextTooLong);
            }
            let id_ok = !verdict.service_id.is_empty()
                && verdict.service_id.len() <= MAX_SERVICE_ID_CHARS
                && verdict
                    .service_id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !id_ok {
                return invalid(Flaw::ServiceIdNotPlain);
            }
            if verdict.verdict == ReportedVerdict::Other {
                return invalid(Flaw::UnknownVerdict);
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
            source: match &self.source {
                ReportSource::Claimed(text) => ReportSource::Claimed(clean(text, MAX_SOURCE_CHARS)),
                known => known.clone(),
            },
            device: clean(&self.device, MAX_DEVICE_CHARS),
            ticket: self
                .ticket
                .as_deref()
                .map(|r| clean(r, MAX_REFERENCE_CHARS)),
            label: self
                .label
                .as_deref()
                .map(|l| clean(l, MAX_LABEL_CHARS))
                .filter(|l| !l.is_empty()),
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
