//! A report in words: the plain text a client copies, shares or mails to support, and where
//! its reference time came from.

use time::OffsetDateTime;

use crate::date_text::date_time_words;
use crate::pasted::Diagnosis;
use crate::platform::Platform;
use crate::report::model::{
    Finding, MAX_LABEL_CHARS, MAX_SOURCE_CHARS, Report, ReportSource, SourceKind,
};
use crate::text::clean;
use crate::verdict::Verdict;
use crate::words::measure::source_sentence;
use crate::words::numbers::offset_words_with_uncertainty;
use crate::words::pasted::pasted_report_lines;
use crate::words::quote::quoted;
use crate::words::source::reading_origin_words;

/// The source's words when nothing says how it gave its time.
const UNKNOWN_SOURCE: &str = "the time source";

/// The report as plain text, for copying, sharing or email.
pub fn report_text(report: &Report) -> String {
    let mut lines = vec![match &report.ticket {
        Some(reference) => format!("skewcheck result — ref {reference}"),
        None => "skewcheck result".to_owned(),
    }];
    lines.push(format!(
        "Measured: {} UTC (correct time)",
        utc_words(report.measured_at_ms)
    ));
    let (whose, which) = if report.platform == Platform::CommandLine {
        ("That machine's clock", "the machine")
    } else {
        ("This device's clock", "device")
    };
    lines.push(format!(
        "{whose}: {} — {which} showed {} UTC",
        offset_words_with_uncertainty(report.offset_ms as f64, report.uncertainty_ms as f64),
        utc_words(report.device_time_ms)
    ));
    for verdict in &report.verdicts {
        // The verdict follows from the numbers above; a service this page cannot
        // rebuild has only the sender's word for it.
        // The words are ASCII (`Verdict::as_str`): no Unicode case tables needed.
        let word = match report.finding(verdict) {
            Finding::Recomputed(verdict) => verdict.as_str().to_ascii_uppercase(),
            Finding::Claimed(claim) => format!(
                "NOT CHECKED (the link says {})",
                claim
                    .unwrap_or(Verdict::Unknown)
                    .as_str()
                    .to_ascii_uppercase()
            ),
        };
        lines.push(if verdict.detail.is_empty() {
            format!("{}: {word}", verdict.service)
        } else {
            format!("{}: {word} — {}", verdict.service, verdict.detail)
        });
    }
    lines.push(format!(
        "Time source: {}",
        time_source_words(&report.source)
    ));
    lines.push(format!("Device: {}", device_words(report)));
    lines.join("\n")
}

/// The device line of a report: the device, or that a command line measured, with the
/// sender's label quoted as their words: `measured from a command line (check.sh) on
/// “perth-sync-01” (the sender's label)`.
pub fn device_words(report: &Report) -> String {
    let device = if report.platform == Platform::CommandLine {
        "measured from a command line (check.sh)".to_owned()
    } else {
        report.device.clone()
    };
    match report.label.as_deref().filter(|label| !label.is_empty()) {
        Some(label) => format!(
            "{device} on {} (the sender's label)",
            quoted(&clean(label, MAX_LABEL_CHARS))
        ),
        None => device,
    }
}

/// [`report_text`], followed by a decoded pasted error when there is one.
pub fn report_text_with_paste(report: &Report, paste: Option<&Diagnosis>) -> String {
    let mut text = report_text(report);
    for line in paste.map(pasted_report_lines).unwrap_or_default() {
        text.push('\n');
        text.push_str(&line);
    }
    text
}

/// Where the reference time came from: `the HTTP Date header (1 s resolution) of
/// https://time.example/` for a measurement, the same of the host alone for a compact link,
/// and an old link's text quoted as the link's words.
pub fn time_source_words(source: &ReportSource) -> String {
    match source {
        ReportSource::Measured(facts) => source_sentence(facts),
        ReportSource::Linked { kind, host } => {
            let how = source_kind_words(*kind);
            if host.is_empty() {
                how
            } else {
                clean(&format!("{how} of {host}"), MAX_SOURCE_CHARS)
            }
        }
        ReportSource::Claimed(text) if text.is_empty() => UNKNOWN_SOURCE.to_owned(),
        ReportSource::Claimed(text) => format!("{} (in the link's words)", quoted(text)),
    }
}

/// How a source gave its time, as a compact link says it.
fn source_kind_words(kind: SourceKind) -> String {
    match kind {
        SourceKind::Read(origin) => reading_origin_words(&origin),
        SourceKind::JsonField => "a JSON field in the body".to_owned(),
        SourceKind::Unknown => UNKNOWN_SOURCE.to_owned(),
    }
}

/// `2026-11-26 14:03:27`, whole seconds, or `an unknown time` outside what `time` can show.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`seconds` is a whole number within ±1e15"
)]
fn utc_words(epoch_ms: f64) -> String {
    let seconds = (epoch_ms / 1000.0).floor();
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return "an unknown time".to_owned();
    }
    OffsetDateTime::from_unix_timestamp(seconds as i64)
        .map_or_else(|_| "an unknown time".to_owned(), date_time_words)
}
