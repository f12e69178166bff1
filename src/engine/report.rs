//! The result a client sends back to support: plain text, and a permalink fragment
//! (`#report=<base64url(json)>`) that reopens it.
//!
//! A permalink arrives from anywhere, so [`decode_fragment`] treats it as hostile: bounded
//! length, checked numbers, bounded and cleaned strings, known verdict words only.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::macros::format_description;

use super::humanize::{duration_words, service_line};
use super::platform::Platform;
use super::sample::OffsetInterval;
use super::verdict::{assess, service_by_id};

/// The fragment key: the permalink is `<page URL without query or fragment>#report=<payload>`.
pub const FRAGMENT_KEY: &str = "report";

/// The payload format version; others are rejected.
pub const VERSION: u64 = 1;

/// The longest fragment [`decode_fragment`] reads; [`encode_fragment`] always fits in it.
pub const MAX_FRAGMENT_CHARS: usize = 4_096;

/// The most services a report lists.
pub const MAX_VERDICTS: usize = 20;

/// The verdict words a report may carry, as in `Verdict::as_str`.
pub const VERDICT_WORDS: [&str; 4] = ["ok", "warning", "rejected", "unknown"];

// Per-field caps in chars. With them, a report without verdicts fits in
// MAX_FRAGMENT_CHARS even at four UTF-8 bytes a char.
const MAX_SOURCE_CHARS: usize = 300;
const MAX_DEVICE_CHARS: usize = 200;
const MAX_REFERENCE_CHARS: usize = 100;
const MAX_SERVICE_CHARS: usize = 100;
const MAX_SERVICE_ID_CHARS: usize = 40;
const MAX_DETAIL_CHARS: usize = 200;

/// 2000-01-01T00:00:00Z and 2200-01-01T00:00:00Z: plausible measurement times.
const EARLIEST_MS: f64 = 946_684_800_000.0;
const LATEST_MS: f64 = 7_258_118_400_000.0;
/// Ten years of 365.25 days.
const TEN_YEARS_MS: u64 = 315_576_000_000;

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
    /// [`Platform::id`] of the device.
    #[serde(rename = "p")]
    pub platform: String,
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
    /// Service id, e.g. `s3`.
    #[serde(rename = "id")]
    pub service_id: String,
    /// One of [`VERDICT_WORDS`].
    #[serde(rename = "v")]
    pub verdict: String,
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

/// The payload on the wire: the report with its format version.
#[derive(Serialize)]
struct Versioned<'a> {
    v: u64,
    #[serde(flatten)]
    report: &'a Report,
}

fn whole_ms<S: serde::Serializer>(ms: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    // Sub-millisecond digits mean nothing here and make links longer.
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

/// Decodes a fragment made by [`encode_fragment`], with or without its leading `#`.
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
    /// restores them on the other side.
    pub fn without_details(&self) -> Report {
        let mut slim = self.clone();
        for verdict in &mut slim.verdicts {
            verdict.detail.clear();
        }
        slim
    }

    /// Fills empty detail lines of catalogue services from the offset and uncertainty, with
    /// the same words the measuring page used. Services not in the catalogue keep theirs.
    pub fn with_recomputed_details(mut self) -> Report {
        let interval = OffsetInterval::around(self.offset_ms as f64, self.uncertainty_ms as f64);
        for verdict in self
            .verdicts
            .iter_mut()
            .filter(|verdict| verdict.detail.is_empty())
        {
            if let Some(service) = service_by_id(&verdict.service_id) {
                verdict.detail = service_line(service, &assess(service, Some(interval)));
            }
        }
        self
    }

    /// Checks every value against what a measurement can produce, then cleans the strings.
    fn validated(self) -> Result<Report, ReportError> {
        let invalid = |what: &str| Err(ReportError::Invalid(what.to_owned()));
        let plausible = |ms: f64| ms.is_finite() && (EARLIEST_MS..LATEST_MS).contains(&ms);
        if !plausible(self.measured_at_ms) {
            return invalid("the measurement time is not between 2000 and 2200");
        }
        if !plausible(self.device_time_ms) {
            return invalid("the device time is not between 2000 and 2200");
        }
        if self.offset_ms.unsigned_abs() > TEN_YEARS_MS {
            return invalid("the offset is more than ten years");
        }
        if self.uncertainty_ms > TEN_YEARS_MS {
            return invalid("the uncertainty is more than ten years");
        }
        if self.verdicts.len() > MAX_VERDICTS {
            return invalid("it lists too many services");
        }
        let too_long = |text: &str, cap: usize| text.chars().count() > cap;
        if too_long(&self.source, MAX_SOURCE_CHARS)
            || too_long(&self.device, MAX_DEVICE_CHARS)
            || too_long(&self.platform, MAX_SERVICE_ID_CHARS)
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
            if !VERDICT_WORDS.contains(&verdict.verdict.as_str()) {
                return invalid("a verdict is not ok, warning, rejected or unknown");
            }
        }
        Ok(self.normalized())
    }

    /// Strings cleaned and cut to their caps, verdicts capped, platform a known id.
    fn normalized(&self) -> Report {
        let platform = Platform::from_id(&self.platform).unwrap_or(Platform::Unknown);
        Report {
            source: clean(&self.source, MAX_SOURCE_CHARS),
            device: clean(&self.device, MAX_DEVICE_CHARS),
            platform: platform.id().to_owned(),
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
                    verdict: verdict.verdict.clone(),
                    detail: clean(&verdict.detail, MAX_DETAIL_CHARS),
                })
                .collect(),
            ..self.clone()
        }
    }

    /// The report as plain text, for copying, sharing or email.
    pub fn to_text(&self) -> String {
        let mut lines = vec![match &self.reference {
            Some(reference) => format!("skewcheck result — ref {reference}"),
            None => "skewcheck result".to_owned(),
        }];
        lines.push(format!(
            "Measured: {} UTC (correct time)",
            utc_words(self.measured_at_ms)
        ));
        lines.push(format!(
            "This device's clock: {} — device showed {} UTC",
            offset_words(self.offset_ms, self.uncertainty_ms),
            utc_words(self.device_time_ms)
        ));
        for verdict in &self.verdicts {
            let word = verdict.verdict.to_uppercase();
            lines.push(if verdict.detail.is_empty() {
                format!("{}: {word}", verdict.service)
            } else {
                format!("{}: {word} — {}", verdict.service, verdict.detail)
            });
        }
        lines.push(format!("Time source: {}", self.source));
        lines.push(format!("Device: {}", self.device));
        lines.join("\n")
    }
}

/// `16 min 12 s fast (± 400 ms)`, or `right to within 400 ms` when the measurement cannot
/// tell fast from slow (as `humanize::offset_phrase`, without an `Estimate`).
fn offset_words(offset_ms: i64, uncertainty_ms: u64) -> String {
    let uncertainty = duration_words(uncertainty_ms as f64);
    if offset_ms.unsigned_abs() <= uncertainty_ms {
        return format!("right to within {uncertainty}");
    }
    let direction = if offset_ms > 0 { "fast" } else { "slow" };
    format!(
        "{} {direction} (± {uncertainty})",
        duration_words(offset_ms as f64)
    )
}

/// `2026-11-26 14:03:27`, whole seconds, or `an unknown time` outside what `time` can show.
fn utc_words(epoch_ms: f64) -> String {
    let seconds = (epoch_ms / 1000.0).floor();
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return "an unknown time".to_owned();
    }
    OffsetDateTime::from_unix_timestamp(seconds as i64)
        .ok()
        .and_then(|at| {
            at.format(format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]"
            ))
            .ok()
        })
        .unwrap_or_else(|| "an unknown time".to_owned())
}

/// `text` without control or bidi-override characters (which could disguise a verdict),
/// cut to `cap` chars with an ellipsis.
fn clean(text: &str, cap: usize) -> String {
    let kept: Vec<char> = text
        .chars()
        .filter(|&c| {
            !c.is_control() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    if kept.len() <= cap {
        return kept.into_iter().collect();
    }
    let mut cut: String = kept[..cap.saturating_sub(1)].iter().collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod slim_tests {
    use super::*;

    #[test]
    fn details_are_dropped_for_the_link_and_recomputed_from_the_numbers() {
        let report = Report {
            measured_at_ms: 1_795_708_325_002.0,
            device_time_ms: 1_795_708_685_002.0,
            offset_ms: 360_000,
            uncertainty_ms: 6,
            source: "the HTTP Date header of https://example.com/".to_owned(),
            device: "iPad (iPadOS 17.4), Safari 17.4".to_owned(),
            platform: "ipados".to_owned(),
            reference: Some("T-1".to_owned()),
            verdicts: vec![
                ServiceVerdict {
                    service: "Kerberos".to_owned(),
                    service_id: "kerberos".to_owned(),
                    verdict: "rejected".to_owned(),
                    detail: "1 min beyond the limit — KRB_AP_ERR_SKEW: “Clock skew too great”"
                        .to_owned(),
                },
                ServiceVerdict {
                    service: "NAS".to_owned(),
                    service_id: "custom".to_owned(),
                    verdict: "ok".to_owned(),
                    detail: "kept".to_owned(),
                },
            ],
        };
        let slim = report.without_details();
        assert!(encode_fragment(&slim).len() < encode_fragment(&report).len());
        let restored = decode_fragment(&encode_fragment(&slim))
            .unwrap()
            .with_recomputed_details();
        assert_eq!(restored.verdicts[0].detail, report.verdicts[0].detail);
        assert_eq!(
            restored.verdicts[1].detail, "",
            "unknown services cannot be recomputed"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Report {
        Report {
            measured_at_ms: 1_795_701_807_000.0,
            device_time_ms: 1_795_702_779_000.0,
            offset_ms: 972_000,
            uncertainty_ms: 400,
            source: "the HTTP Date header (1 s resolution) of https://example.com/tools/clock/"
                .to_owned(),
            device: "iPad (iPadOS 17.4), Safari 17.4".to_owned(),
            platform: "ipados".to_owned(),
            reference: Some("T-1234".to_owned()),
            verdicts: vec![
                ServiceVerdict {
                    service: "Amazon S3".to_owned(),
                    service_id: "s3".to_owned(),
                    verdict: "rejected".to_owned(),
                    detail: "RequestTimeTooSkewed".to_owned(),
                },
                ServiceVerdict {
                    service: "Kerberos".to_owned(),
                    service_id: "kerberos".to_owned(),
                    verdict: "rejected".to_owned(),
                    detail: "KRB_AP_ERR_SKEW \"Clock skew too great\"".to_owned(),
                },
            ],
        }
    }

    /// Encodes arbitrary JSON the way a tampered link would carry it.
    fn fragment_of(json: &serde_json::Value) -> String {
        format!("#report={}", URL_SAFE_NO_PAD.encode(json.to_string()))
    }

    fn sample_json() -> serde_json::Value {
        let mut value = serde_json::to_value(sample()).unwrap();
        value["v"] = json!(1);
        value
    }

    #[test]
    fn round_trips_with_and_without_hash() {
        let fragment = encode_fragment(&sample());
        assert!(fragment.starts_with("report="));
        assert_eq!(decode_fragment(&fragment), Ok(sample()));
        assert_eq!(decode_fragment(&format!("#{fragment}")), Ok(sample()));
        assert_eq!(decode_fragment(&format!("#{fragment}==\n")), Ok(sample()));
        assert!(fragment.len() < 700, "{} chars", fragment.len());
    }

    #[test]
    fn text_contains_every_part() {
        let text = sample().to_text();
        let expected = [
            "skewcheck result — ref T-1234",
            "Measured: 2026-11-26 14:03:27 UTC (correct time)",
            "This device's clock: 16 min 12 s fast (± 400 ms) — device showed 2026-11-26 14:19:39 UTC",
            "Amazon S3: REJECTED — RequestTimeTooSkewed",
            "Kerberos: REJECTED — KRB_AP_ERR_SKEW \"Clock skew too great\"",
            "Time source: the HTTP Date header (1 s resolution) of https://example.com/tools/clock/",
            "Device: iPad (iPadOS 17.4), Safari 17.4",
        ];
        assert_eq!(text, expected.join("\n"));
    }

    #[test]
    fn text_handles_slow_within_and_no_reference() {
        let mut report = sample();
        report.offset_ms = -3_000;
        report.reference = None;
        let text = report.to_text();
        assert!(text.starts_with("skewcheck result\n"), "{text}");
        assert!(text.contains("3.0 s slow (± 400 ms)"), "{text}");
        report.offset_ms = 300;
        assert!(report.to_text().contains("right to within 400 ms —"));
        report.measured_at_ms = f64::NAN;
        assert!(report.to_text().contains("Measured: an unknown time"));
    }

    #[test]
    fn every_prefix_decodes_or_errors() {
        let fragment = encode_fragment(&sample());
        for end in 0..fragment.len() {
            let _ = decode_fragment(&fragment[..end]);
        }
        assert!(matches!(
            decode_fragment(&fragment[..fragment.len() - 5]),
            Err(ReportError::Malformed(_))
        ));
    }

    #[test]
    fn not_a_report_and_too_long() {
        assert_eq!(decode_fragment(""), Err(ReportError::NotAReport));
        assert_eq!(decode_fragment("#top"), Err(ReportError::NotAReport));
        assert_eq!(
            decode_fragment("#reports=abc"),
            Err(ReportError::NotAReport)
        );
        let huge = format!("#report={}", "A".repeat(10_000));
        assert_eq!(decode_fragment(&huge), Err(ReportError::TooLong));
        assert!(matches!(
            decode_fragment("#report=!!!"),
            Err(ReportError::Malformed(_))
        ));
    }

    #[test]
    fn tampered_json_is_rejected() {
        let tamper = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut value = sample_json();
            edit(&mut value);
            decode_fragment(&fragment_of(&value))
        };
        let malformed = [
            tamper(&|v| v["t"] = json!("NaN")),
            tamper(&|v| v["o"] = json!("972000")),
            tamper(&|v| v["o"] = json!(1e30)),
            tamper(&|v| v["u"] = json!(-1)),
            tamper(&|v| v["vs"] = json!("rejected")),
            tamper(&|v| v["s"] = json!(null)),
        ];
        for result in malformed {
            assert!(
                matches!(result, Err(ReportError::Malformed(_))),
                "{result:?}"
            );
        }
        let invalid = [
            tamper(&|v| v["t"] = json!(0)),
            tamper(&|v| v["d"] = json!(1e300)),
            tamper(&|v| v["o"] = json!(i64::MIN)),
            tamper(&|v| v["u"] = json!(u64::MAX)),
            tamper(&|v| v["vs"][0]["v"] = json!("fine")),
            tamper(&|v| v["vs"][0]["id"] = json!("s3\"><script>")),
            tamper(&|v| v["dv"] = json!("x".repeat(1_000))),
            tamper(&|v| v["vs"] = json!(vec![sample_json()["vs"][0].clone(); 21])),
            tamper(&|v| v["v"] = json!(2)),
            tamper(&|v| v["v"] = json!("1")),
        ];
        for result in invalid {
            assert!(matches!(result, Err(ReportError::Invalid(_))), "{result:?}");
        }
        let version = tamper(&|v| v["v"] = json!(2)).unwrap_err().to_string();
        assert!(version.contains("version 2"), "{version}");
        let long = tamper(&|v| v["s"] = json!("x".repeat(10_000)));
        assert_eq!(long, Err(ReportError::TooLong));
        let huge_number = decode_fragment(&format!(
            "#report={}",
            URL_SAFE_NO_PAD.encode(r#"{"v":1,"t":1e999}"#)
        ));
        assert!(matches!(huge_number, Err(ReportError::Malformed(_))));
    }

    #[test]
    fn decoding_strips_control_and_bidi_characters() {
        let mut value = sample_json();
        value["dv"] = json!("iPad\u{202E}DETCEJER\u{0007}\n");
        value["r"] = json!("T-\u{0000}1");
        value["p"] = json!("amiga");
        let report = decode_fragment(&fragment_of(&value)).unwrap();
        assert_eq!(report.device, "iPadDETCEJER");
        assert_eq!(report.reference.as_deref(), Some("T-1"));
        assert_eq!(report.platform, "unknown");
    }

    #[test]
    fn malformed_messages_do_not_echo_control_characters() {
        let fragment = format!(
            "#report={}",
            URL_SAFE_NO_PAD.encode(format!(r#"{{"v":1,"t":"{}\u0007"}}"#, "y".repeat(500)))
        );
        let Err(ReportError::Malformed(message)) = decode_fragment(&fragment) else {
            panic!("expected Malformed");
        };
        assert!(message.chars().count() <= 120 && !message.contains('\u{7}'));
    }

    #[test]
    fn oversized_reports_are_cut_to_fit() {
        let mut report = sample();
        report.source = "ü".repeat(1_000);
        report.verdicts = vec![report.verdicts[0].clone(); 30];
        let decoded = decode_fragment(&encode_fragment(&report)).unwrap();
        assert_eq!(decoded.source.chars().count(), MAX_SOURCE_CHARS);
        assert!(decoded.source.ends_with('…'));
        assert!(!decoded.verdicts.is_empty() && decoded.verdicts.len() <= MAX_VERDICTS);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn verdict() -> impl Strategy<Value = ServiceVerdict> {
        (
            any::<String>(),
            "[a-z0-9_-]{1,40}",
            prop::sample::select(VERDICT_WORDS.to_vec()),
            any::<String>(),
        )
            .prop_map(|(service, service_id, verdict, detail)| ServiceVerdict {
                service,
                service_id,
                verdict: verdict.to_owned(),
                detail,
            })
    }

    fn report() -> impl Strategy<Value = Report> {
        let numbers = (
            946_684_800_000u64..7_258_118_400_000u64,
            -(TEN_YEARS_MS as i64)..=TEN_YEARS_MS as i64,
            0..=TEN_YEARS_MS,
        );
        let texts = (
            any::<String>(),
            any::<String>(),
            any::<String>(),
            prop::option::of(any::<String>()),
        );
        (numbers, texts, prop::collection::vec(verdict(), 0..25)).prop_map(
            |((measured, offset, uncertainty), (source, device, platform, reference), verdicts)| {
                let measured = measured as f64;
                Report {
                    measured_at_ms: measured,
                    // Kept plausible, as a real device time is.
                    device_time_ms: (measured + offset as f64).clamp(EARLIEST_MS, LATEST_MS - 1.0),
                    offset_ms: offset,
                    uncertainty_ms: uncertainty,
                    source,
                    device,
                    platform,
                    reference,
                    verdicts,
                }
            },
        )
    }

    proptest! {
        /// Every plausible report survives encoding, cleaned and capped but otherwise intact;
        /// only verdicts that would not fit are dropped, from the end.
        #[test]
        fn encoding_round_trips(report in report()) {
            let fragment = encode_fragment(&report);
            prop_assert!(fragment.len() <= MAX_FRAGMENT_CHARS);
            let decoded = decode_fragment(&fragment).unwrap();
            let mut expected = report.normalized();
            prop_assert!(decoded.verdicts.len() <= expected.verdicts.len());
            expected.verdicts.truncate(decoded.verdicts.len());
            prop_assert_eq!(&decoded, &expected);
            prop_assert_eq!(decode_fragment(&encode_fragment(&decoded)), Ok(decoded.clone()));
            let _ = decoded.to_text();
        }

        /// Cutting a fragment anywhere yields a report or an error, never a panic.
        #[test]
        fn truncated_fragments_never_panic(report in report(), cut in any::<prop::sample::Index>()) {
            let fragment = encode_fragment(&report);
            let _ = decode_fragment(&fragment[..cut.index(fragment.len() + 1)]);
        }

        /// Garbage, raw or dressed as a report, never panics.
        #[test]
        fn garbage_never_panics(text in any::<String>(), bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode_fragment(&text);
            let _ = decode_fragment(&format!("#report={text}"));
            let _ = decode_fragment(&format!("#report={}", URL_SAFE_NO_PAD.encode(&bytes)));
        }

        /// Arbitrary numbers in otherwise valid JSON are accepted only when plausible.
        #[test]
        fn arbitrary_numbers_are_checked(t in any::<f64>(), o in any::<i64>(), u in any::<u64>()) {
            let json = format!(r#"{{"v":1,"t":{t},"d":{t},"o":{o},"u":{u},"s":"","dv":"","p":"ios","vs":[]}}"#);
            let fragment = format!("report={}", URL_SAFE_NO_PAD.encode(json));
            if let Ok(report) = decode_fragment(&fragment) {
                prop_assert!((EARLIEST_MS..LATEST_MS).contains(&report.measured_at_ms));
                prop_assert!(report.offset_ms.unsigned_abs() <= TEN_YEARS_MS);
                prop_assert!(report.uncertainty_ms <= TEN_YEARS_MS);
            }
        }
    }
}
