//! A report in words: the plain text a client copies, shares or mails to support, and where
//! its reference time came from.

use time::OffsetDateTime;

use crate::address::{Origin, is_host_name};
use crate::date_text::date_time_words;
use crate::pasted::Diagnosis;
use crate::platform::Platform;
use crate::report::model::{
    Finding, MAX_LABEL_CHARS, MAX_SOURCE_CHARS, Report, ReportSource, SOURCE_KINDS, ServiceVerdict,
    SourceKind,
};
use crate::source::ReadingOrigin;
use crate::text::clean;
use crate::verdict::Verdict;
use crate::words::measure::source_sentence;
use crate::words::numbers::offset_words_with_uncertainty;
use crate::words::pasted::pasted_report_lines;
use crate::words::quote::{named_by_link, quoted};
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
        lines.push(service_report_line(verdict, &word, report.finding(verdict)));
    }
    lines.push(format!(
        "Time source: {}",
        time_source_words(&report.source)
    ));
    lines.push(format!("Device: {}", device_words(report)));
    lines.join("\n")
}

/// One service's line. A service this page cannot rebuild is the sender's: its name and
/// line are shown only as the link's words, quoted and short.
fn service_report_line(verdict: &ServiceVerdict, word: &str, finding: Finding) -> String {
    let (service, detail) = match finding {
        Finding::Recomputed(_) => (verdict.service.clone(), verdict.detail.clone()),
        Finding::Claimed(_) if verdict.detail.is_empty() => {
            (named_by_link(&verdict.service), String::new())
        }
        Finding::Claimed(_) => (named_by_link(&verdict.service), quoted(&verdict.detail)),
    };
    if detail.is_empty() {
        format!("{service}: {word}")
    } else {
        format!("{service}: {word} — {detail}")
    }
}

/// The device line of a report: this page's words for the device it measured; for a
/// permalink only its platform's name (an old `#report=` link's device text is its sender's
/// words), or that a command line measured; with the sender's label quoted as their words:
/// `measured from a command line (check.sh) on “perth-sync-01” (the sender's label)`.
pub fn device_words(report: &Report) -> String {
    let device = match (report.platform, &report.source) {
        (Platform::CommandLine, _) => "measured from a command line (check.sh)".to_owned(),
        (_, ReportSource::Measured(_)) => report.device.clone(),
        (platform, ReportSource::Linked { .. } | ReportSource::Claimed(_)) => {
            platform.name().to_owned()
        }
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
/// and for an old link's sentence only what this page can type out of it
/// ([`typed_claim`]): never the sender's own text.
pub fn time_source_words(source: &ReportSource) -> String {
    match source {
        ReportSource::Measured(facts) => source_sentence(facts),
        ReportSource::Linked { kind, host } => linked_source_words(*kind, host),
        ReportSource::Claimed(text) => {
            let (kind, host) = typed_claim(text);
            linked_source_words(kind, &host)
        }
    }
}

/// A source as a permalink names it: how it gave its time, of which host.
fn linked_source_words(kind: SourceKind, host: &str) -> String {
    let how = source_kind_words(kind);
    if host.is_empty() {
        how
    } else {
        clean(&format!("{how} of {host}"), MAX_SOURCE_CHARS)
    }
}

/// What an old `#report=` link's sentence for its time source can be taken as: how the
/// source gave its time when the sentence says it in this page's own words (as older pages
/// wrote it, `the HTTP Date header (1 s resolution) of https://time.example/now`), and the
/// host when what follows `of` is an address or a host name ([`is_host_name`]). Everything
/// else in the sender's text is dropped.
fn typed_claim(text: &str) -> (SourceKind, String) {
    let (how, place) = text.rsplit_once(" of ").unwrap_or((text, ""));
    let host = Origin::of(place)
        .map_or_else(|| place.to_ascii_lowercase(), |origin| origin.authority())
        .to_ascii_lowercase();
    let host = if is_host_name(&host) {
        host
    } else {
        String::new()
    };
    (claimed_kind(how), host)
}

/// The kind of reading an old link's words name, [`SourceKind::Unknown`] for words this
/// page never wrote.
fn claimed_kind(how: &str) -> SourceKind {
    if let Some((_, origin)) = SOURCE_KINDS
        .iter()
        .find(|(_, origin)| reading_origin_words(origin) == how)
    {
        return SourceKind::Read(*origin);
    }
    // The Date header beside a local time the body carried (its key is not kept).
    if how.starts_with("the HTTP Date header (") {
        return SourceKind::Read(ReadingOrigin::DateHeader);
    }
    let json_field = how.starts_with("the JSON field “") && how.ends_with('”');
    if json_field || how == source_kind_words(SourceKind::JsonField) {
        return SourceKind::JsonField;
    }
    SourceKind::Unknown
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
