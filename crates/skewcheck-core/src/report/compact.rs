//! The compact permalink payload, `#R1/<fields>`: only what was measured and where, in
//! characters a QR code stores in its dense alphanumeric mode (`0-9 A-Z $%*+-./:`), so the
//! code stays small enough for a phone camera across a table.
//!
//! Fields, separated by `/`, trailing empty ones left out:
//! `t/d/o/u/platform/service/source kind/source host/ref/service name/label`:
//! measurement and device time (epoch ms), offset and uncertainty (ms) in upper-case base 36
//! (`-` before a negative number); the [`Platform::id`] and the primary service's
//! [`Service::report_id`](crate::verdict::Service::report_id) in upper case; a
//! one-letter code for how the time source gave its time; the source's host in upper case
//! (host names ignore case); the ticket reference and, for a link's own service, its name,
//! with every character outside `0-9 A-Z . -` written as `%XX` UTF-8 bytes, and the label
//! (what the sender calls the machine, [`Report::label`]), escaped the same way. The label
//! came after the first links: a link without it is one of those and still decodes. A
//! command line that ran `check.sh` writes the platform `CLI` and its host name as the
//! label (the script writes these fields itself; `check_sh` tests hold it to this format).
//!
//! Everything else is rebuilt on the page that opens it: the services listed under the
//! primary one, their names, verdicts and lines (from the catalogue and the numbers), the
//! time source ([`ReportSource::Linked`]), and the device (its platform's name).

use crate::address::{Origin, is_host_name};
use crate::outcomes::{ServiceResult, service_results};
use crate::platform::Platform;
use crate::report::error::{Damage, Flaw, NumberField, ReportError};
use crate::report::model::{Report, ReportSource, SOURCE_KINDS, ServiceVerdict, SourceKind};
use crate::source::{BodyFormat, ReadingOrigin};
use crate::verdict::{CUSTOM_ID, service_for_report_id};
use crate::words::service_result_line;

/// What a compact fragment starts with (after `#`): the format's name and version.
pub const COMPACT_PREFIX: &str = "R1/";

/// The longest permalink a result should have, so that its QR code stays small (`check.sh`
/// shortens its label, then its ticket, to stay within it).
pub const PERMALINK_BUDGET_CHARS: usize = 400;

/// Field positions after [`COMPACT_PREFIX`].
const FIELD_COUNT: usize = 11;

/// The code of a JSON field (its key is not kept).
const JSON_KIND: &str = "J";

/// Encodes `report` as a compact fragment (no leading `#`). Strings are cleaned and cut to
/// their caps first, so that whatever is encoded decodes again.
pub fn encode_compact(report: &Report) -> String {
    let report = report.normalized();
    let primary = report.verdicts.first();
    let (kind, host) = source_parts(&report.source);
    // A link's own service is rebuilt unnamed: only a name other than that one is the link's.
    let name = primary
        .filter(|line| {
            line.checked_service()
                .is_some_and(|s| s.id == CUSTOM_ID && line.service != s.name)
        })
        .map(|line| line.service.as_str())
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
            .ticket
            .as_deref()
            .map_or_else(String::new, |r| escaped(r, "")),
        escaped(name, ""),
        report
            .label
            .as_deref()
            .map_or_else(String::new, |l| escaped(l, "")),
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
        return Err(ReportError::Malformed(Damage::TooManyFields));
    }
    let field = |index: usize| fields.get(index).copied().unwrap_or_default();
    let number = |index: usize, what: NumberField| {
        parse_signed_base36(field(index)).ok_or(ReportError::Malformed(Damage::NotANumber(what)))
    };
    let measured_at = number(0, NumberField::MeasurementTime)?;
    let device_time = number(1, NumberField::DeviceTime)?;
    let offset_ms = number(2, NumberField::Offset)?;
    let uncertainty_ms = u64::try_from(number(3, NumberField::Uncertainty)?)
        .map_err(|_| ReportError::Invalid(Flaw::NegativeUncertainty))?;
    let platform = Platform::from_id(&field(4).to_ascii_lowercase())
        .ok_or(ReportError::Invalid(Flaw::UnknownPlatform))?;
    let service_id = field(5).to_ascii_lowercase();
    let primary =
        service_for_report_id(&service_id).ok_or(ReportError::Invalid(Flaw::UnknownService))?;
    let kind = source_kind(field(6)).ok_or(ReportError::Invalid(Flaw::UnknownSourceKind))?;
    let host = unescaped(field(7))?.to_ascii_lowercase();
    if !host.is_empty() && !is_host_name(&host) {
        return Err(ReportError::Malformed(Damage::NotAHost));
    }
    let ticket = Some(unescaped(field(8))?).filter(|r| !r.is_empty());
    let name = unescaped(field(9))?;
    let label = Some(unescaped(field(10))?).filter(|l| !l.is_empty());
    let report = Report {
        measured_at_ms: measured_at as f64,
        device_time_ms: device_time as f64,
        offset_ms,
        uncertainty_ms,
        source: ReportSource::Linked { kind, host },
        device: platform.name().to_owned(),
        platform,
        ticket,
        label,
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

/// A report source's kind code and host: the HTTP Date header of
/// `https://time.example.com/now` → (`D`, `time.example.com`). An old link's text is only
/// its sender's words, so it gives neither; a host that is not a host name
/// ([`is_host_name`]) is left out, so that whatever is encoded decodes again.
fn source_parts(source: &ReportSource) -> (&'static str, String) {
    match source {
        ReportSource::Measured(facts) => {
            let kind = match facts.origin {
                Some(ReadingOrigin::Body(BodyFormat::JsonField(..))) => JSON_KIND,
                Some(origin) => origin_code(origin),
                None => "",
            };
            let host = Origin::of(&facts.url)
                .map(|origin| origin.authority())
                .filter(|host| is_host_name(host))
                .unwrap_or_default();
            (kind, host)
        }
        ReportSource::Linked { kind, host } => {
            let code = match kind {
                SourceKind::Read(origin) => origin_code(*origin),
                SourceKind::JsonField => JSON_KIND,
                SourceKind::Unknown => "",
            };
            let host = if is_host_name(host) {
                host.clone()
            } else {
                String::new()
            };
            (code, host)
        }
        ReportSource::Claimed(_) => ("", String::new()),
    }
}

/// The code of `origin`, or none when the format has no code for it.
fn origin_code(origin: ReadingOrigin) -> &'static str {
    SOURCE_KINDS
        .iter()
        .find(|(_, known)| *known == origin)
        .map(|(code, _)| *code)
        .unwrap_or_default()
}

/// The kind a code names, `None` for a code no version writes.
fn source_kind(code: &str) -> Option<SourceKind> {
    if code.is_empty() {
        return Some(SourceKind::Unknown);
    }
    if code == JSON_KIND {
        return Some(SourceKind::JsonField);
    }
    SOURCE_KINDS
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, origin)| SourceKind::Read(*origin))
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
                .ok_or(ReportError::Malformed(Damage::BadEscape))?;
            bytes.push(hex);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).map_err(|_| ReportError::Malformed(Damage::NotUtf8))
}
