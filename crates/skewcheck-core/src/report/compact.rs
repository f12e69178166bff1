//! The compact permalink payload, `#R1/<fields>`: only what was measured and where, in
//! characters a QR code stores in its dense alphanumeric mode (`0-9 A-Z $%*+-./:`), so the
//! code stays small enough for a phone camera across a table.
//!
//! Fields, separated by `/`, trailing empty ones left out:
//! `t/d/o/u/platform/service/source kind/source host/ref/service name`:
//! measurement and device time (epoch ms), offset and uncertainty (ms) in upper-case base 36
//! (`-` before a negative number); the [`Platform::id`] and the primary service's
//! [`Service::report_id`](crate::verdict::Service::report_id) in upper case; a
//! one-letter code for how the time source gave its time; the source's host in upper case
//! (host names ignore case); the ticket reference and, for a link's own service, its name,
//! with every character outside `0-9 A-Z . -` written as `%XX` UTF-8 bytes.
//!
//! Everything else is rebuilt on the page that opens it: the services listed under the
//! primary one, their names, verdicts and lines (from the catalogue and the numbers), the
//! source sentence, and the device (its platform's name).

use crate::outcomes::{ServiceResult, service_results};
use crate::platform::Platform;
use crate::report::model::{MAX_SOURCE_CHARS, Report, ReportError, ServiceVerdict};
use crate::source::{BodyFormat, EpochUnit, ReadingOrigin};
use crate::text::clean;
use crate::verdict::{CUSTOM_ID, service_for_report_id};
use crate::words::service_result_line;
use crate::words::source::reading_origin_words;

/// What a compact fragment starts with (after `#`): the format's name and version.
pub const COMPACT_PREFIX: &str = "R1/";

/// Field positions after [`COMPACT_PREFIX`].
const FIELD_COUNT: usize = 10;

/// How the time source gave its time, by code. A JSON field's key is not kept.
const SOURCE_KINDS: [(&str, ReadingOrigin); 6] = [
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
/// The code of a JSON field, and what it reads as.
const JSON_KIND: (&str, &str) = ("J", "a JSON field in the body");
/// The source's words when the link gives no kind.
const UNKNOWN_KIND: &str = "the time source";

/// Encodes `report` as a compact fragment (no leading `#`). Strings are cleaned and cut to
/// their caps first, so that whatever is encoded decodes again.
pub fn encode_compact(report: &Report) -> String {
    let report = report.normalized();
    let primary = report.verdicts.first();
    let (kind, host) = source_parts(&report.source);
    let name = primary
        .filter(|line| line.checked_service().is_some_and(|s| s.id == CUSTOM_ID))
        .map(|line| line.service.as_str())
        .filter(|name| *name != "your service")
        .unwrap_or_default();
    let fields = [
        signed_base36(report.measured_at_ms.round()),
        signed_base36(report.device_time_ms.round()),
        signed_base36(report.offset_ms as f64),
        base36(report.uncertainty_ms),
        report.platform.id().to_ascii_uppercase(),
        primary.map_or_else(String::new, |line| line.service_id.to_ascii_uppercase()),
        kind.to_owned(),
        escaped(&host.to_ascii_uppercase(), ":"),
        report
            .reference
            .as_deref()
            .map_or_else(String::new, |r| escaped(r, "")),
        escaped(name, ""),
    ];
    let used = fields
        .iter()
        .rposition(|field| !field.is_empty())
        .map_or(0, |last| last + 1);
    format!("{COMPACT_PREFIX}{}", fields[..used].join("/"))
}

/// Decodes a compact fragment's fields (what follows [`COMPACT_PREFIX`]), treating them as
/// hostile: every number is checked, every text unescaped and checked, and the result goes
/// through the same checks as any permalink.
pub(super) fn decode_compact(fields: &str) -> Result<Report, ReportError> {
    let fields: Vec<&str> = fields.split('/').collect();
    if fields.len() > FIELD_COUNT {
        return Err(malformed("it has too many fields"));
    }
    let field = |index: usize| fields.get(index).copied().unwrap_or_default();
    let number = |index: usize, what: &str| {
        parse_signed_base36(field(index))
            .ok_or_else(|| malformed(&format!("its {what} is not a number")))
    };
    let measured_at = number(0, "measurement time")?;
    let device_time = number(1, "device time")?;
    let offset_ms = number(2, "offset")?;
    let uncertainty_ms = u64::try_from(number(3, "uncertainty")?)
        .map_err(|_| invalid("the uncertainty is negative"))?;
    let platform = Platform::from_id(&field(4).to_ascii_lowercase())
        .ok_or_else(|| invalid("it names no known platform"))?;
    let service_id = field(5).to_ascii_lowercase();
    let primary = service_for_report_id(&service_id)
        .ok_or_else(|| invalid("it names no service this page knows"))?;
    let how = source_words(field(6))
        .ok_or_else(|| invalid("its time source is not one this page knows"))?;
    let host = unescaped(field(7))?.to_ascii_lowercase();
    let reference = Some(unescaped(field(8))?).filter(|r| !r.is_empty());
    let name = unescaped(field(9))?;
    let report = Report {
        measured_at_ms: measured_at as f64,
        device_time_ms: device_time as f64,
        offset_ms,
        uncertainty_ms,
        source: if host.is_empty() {
            how
        } else {
            clean(&format!("{how} of {host}"), MAX_SOURCE_CHARS)
        },
        device: platform.name().to_owned(),
        platform,
        reference,
        verdicts: Vec::new(),
    }
    .validated()?;
    let mut verdicts: Vec<ServiceVerdict> = service_results(&primary, report.interval())
        .into_iter()
        .map(ServiceVerdict::from)
        .collect();
    if let Some(first) = verdicts.first_mut()
        && primary.id == CUSTOM_ID
        && !name.is_empty()
    {
        first.service = name;
    }
    Report { verdicts, ..report }.validated()
}

/// The source sentence's kind code and host: `the HTTP Date header (1 s resolution) of
/// https://time.example.com/now` → (`D`, `time.example.com`).
fn source_parts(source: &str) -> (&'static str, &str) {
    let (how, url) = source.rsplit_once(" of ").unwrap_or((source, ""));
    let kind = SOURCE_KINDS
        .iter()
        .find(|(_, origin)| reading_origin_words(origin) == how)
        .map(|(code, _)| *code)
        .or_else(|| how.starts_with("the JSON field").then_some(JSON_KIND.0))
        .unwrap_or_default();
    // A decoded compact link writes the host alone, without a scheme.
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    (kind, host)
}

/// The words for a kind code, `None` for a code no version writes.
fn source_words(code: &str) -> Option<String> {
    if code.is_empty() {
        return Some(UNKNOWN_KIND.to_owned());
    }
    if code == JSON_KIND.0 {
        return Some(JSON_KIND.1.to_owned());
    }
    SOURCE_KINDS
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, origin)| reading_origin_words(origin))
}

impl From<ServiceResult> for ServiceVerdict {
    /// The line a measuring page writes for `result`.
    fn from(result: ServiceResult) -> Self {
        ServiceVerdict {
            detail: service_result_line(&result),
            service: result.service.name.to_string(),
            service_id: result.id,
            verdict: result.verdict.into(),
        }
    }
}

/// Upper-case base 36 of a whole number, `-` first when negative.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "whole numbers within ±2^63"
)]
fn signed_base36(whole: f64) -> String {
    let magnitude = base36(whole.abs() as u64);
    if whole < 0.0 {
        format!("-{magnitude}")
    } else {
        magnitude
    }
}

/// Upper-case base 36 of `value`.
fn base36(mut value: u64) -> String {
    let mut digits = Vec::new();
    loop {
        let digit = u32::try_from(value % 36).unwrap_or_default();
        digits.push(char::from_digit(digit, 36).map_or('0', |d| d.to_ascii_uppercase()));
        value /= 36;
        if value == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// A base-36 number as [`signed_base36`] writes it (either case); `None` for anything else
/// or anything beyond `i64`.
fn parse_signed_base36(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 13 || !digits.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let magnitude = i64::try_from(u64::from_str_radix(digits, 36).ok()?).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// `text` with every character outside `0-9 A-Z . -` (and `also`) as `%XX` UTF-8 bytes.
fn escaped(text: &str, also: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        if character.is_ascii_digit()
            || character.is_ascii_uppercase()
            || matches!(character, '.' | '-')
            || also.contains(character)
        {
            out.push(character);
        } else {
            let mut bytes = [0; 4];
            for byte in character.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// The text [`escaped`] wrote; other characters are taken as they are.
fn unescaped(text: &str) -> Result<String, ReportError> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = tail
                .get(..2)
                .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| malformed("a % is not followed by two hex digits"))?;
            bytes.push(hex);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).map_err(|_| malformed("a text is not UTF-8"))
}

fn malformed(what: &str) -> ReportError {
    ReportError::Malformed(what.to_owned())
}

fn invalid(what: &str) -> ReportError {
    ReportError::Invalid(what.to_owned())
}
