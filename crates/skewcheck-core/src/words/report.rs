//! A report in words: the plain text a client copies, shares or mails to support, and where
//! its reference time came from.

use std::rc::Rc;

use time::OffsetDateTime;

use crate::address::{Origin, is_host_name};
use crate::date_text::date_time_words;
use crate::lang::Lang;
use crate::pasted::Diagnosis;
use crate::platform::Platform;
use crate::report::model::{
    Finding, MAX_LABEL_CHARS, MAX_SOURCE_CHARS, Report, ReportSource, SOURCE_KINDS, ServiceVerdict,
    SourceKind,
};
use crate::source::ReadingOrigin;
use crate::text::clean;
use crate::verdict::Verdict;
use crate::words::catalogue::Words;
use crate::words::catalogue::{Catalogue, in_language, spoken, translated};
use crate::words::measure::source_sentence;
use crate::words::numbers::offset_words_with_uncertainty;
use crate::words::page::platform_name;
use crate::words::pasted::pasted_report_lines;
use crate::words::quote::{named_by_link, quoted};
use crate::words::sharing::RESULT_TITLE;
use crate::words::source::reading_origin_words;

/// The source's words when nothing says how it gave its time.
const UNKNOWN_SOURCE: Words = Words("the time source");

/// A time outside what a report can show.
const UNKNOWN_TIME: Words = Words("an unknown time");

/// The report as plain text, for copying, sharing or email, in the language spoken now (the
/// app says it in the deployment's `report_language` with
/// [`in_language`]); `page` is the language the client read the page in, named on a last
/// line ([`client_language_line`]) when it is not the report's.
pub fn report_text(report: &Report, page: Lang) -> String {
    let mut lines = vec![match &report.ticket {
        Some(reference) => say!("skewcheck result — ref {reference}", reference),
        None => RESULT_TITLE.text(),
    }];
    lines.push(say!(
        "Measured: {time} UTC (correct time)",
        time = utc_words(report.measured_at_ms)
    ));
    #[expect(clippy::cast_precision_loss, reason = "ms within ±10^15: exact in f64")]
    let offset =
        offset_words_with_uncertainty(report.offset_ms as f64, report.uncertainty_ms as f64);
    let time = utc_words(report.device_time_ms);
    lines.push(if report.platform == Platform::CommandLine {
        say!(
            "That machine's clock: {offset} — the machine showed {time} UTC",
            offset,
            time
        )
    } else {
        say!(
            "This device's clock: {offset} — device showed {time} UTC",
            offset,
            time
        )
    });
    for verdict in &report.verdicts {
        // The verdict follows from the numbers above; a service this page cannot
        // rebuild has only the sender's word for it.
        // The words are ASCII (`Verdict::as_str`): no Unicode case tables needed. They are
        // the report's machine words, the same in every language.
        let word = match report.finding(verdict) {
            Finding::Recomputed(verdict) => verdict.as_str().to_ascii_uppercase(),
            Finding::Claimed(claim) => say!(
                "NOT CHECKED (the link says {claim})",
                claim = claim
                    .unwrap_or(Verdict::Unknown)
                    .as_str()
                    .to_ascii_uppercase()
            ),
        };
        lines.push(service_report_line(verdict, &word, report.finding(verdict)));
    }
    lines.push(say!(
        "Time source: {source}",
        source = time_source_words(&report.source)
    ));
    lines.push(say!("Device: {device}", device = device_words(report)));
    if page != spoken() {
        lines.push(client_language_line(page));
    }
    lines.join("\n")
}

/// The report's line naming the language the client saw the page in, by its own name and
/// tag: `Page language: Deutsch (de)`.
pub fn client_language_line(lang: Lang) -> String {
    say!(
        "Page language: {language} ({tag})",
        language = lang.own_name(),
        tag = lang.tag()
    )
}

/// One service's line. A service this page cannot rebuild is the sender's: its name and
/// line are shown only as the link's words, quoted and short.
fn service_report_line(verdict: &ServiceVerdict, word: &str, finding: Finding) -> String {
    let (service, detail) = match finding {
        Finding::Recomputed(_) => (translated(&verdict.service), verdict.detail.clone()),
        Finding::Claimed(_) if verdict.detail.is_empty() => {
            (named_by_link(&verdict.service), String::new())
        }
        Finding::Claimed(_) => (named_by_link(&verdict.service), quoted(&verdict.detail)),
    };
    if detail.is_empty() {
        say!("{service}: {word}", service, word)
    } else {
        say!("{service}: {word} — {detail}", service, word, detail)
    }
}

/// The device line of a report: this page's words for the device it measured; for a
/// permalink only its platform's name (an old `#report=` link's device text is its sender's
/// words), or that a command line measured; with the sender's label quoted as their words:
/// `measured from a command line (check.sh) on “perth-sync-01” (the sender's label)`.
pub fn device_words(report: &Report) -> String {
    let device = match (report.platform, &report.source) {
        (Platform::CommandLine, _) => Words("measured from a command line (check.sh)").text(),
        (_, ReportSource::Measured(_)) => report.device.clone(),
        (platform, ReportSource::Linked { .. } | ReportSource::Claimed(_)) => {
            platform_name(platform)
        }
    };
    match report.label.as_deref().filter(|label| !label.is_empty()) {
        Some(label) => say!(
            "{device} on {label} (the sender's label)",
            device,
            label = quoted(&clean(label, MAX_LABEL_CHARS))
        ),
        None => device,
    }
}

/// [`report_text`], followed by a decoded pasted error when there is one.
pub fn report_text_with_paste(report: &Report, paste: Option<&Diagnosis>, page: Lang) -> String {
    let mut text = report_text(report, page);
    for line in paste.map(pasted_report_lines).unwrap_or_default() {
        text.push('\n');
        text.push_str(&line);
    }
    text
}

/// [`time_source_words`] in English whatever the page speaks: the sentence the `#report=`
/// format carries on the wire, as older pages wrote it (and as [`typed_claim`] reads it).
pub fn time_source_wire_words(source: &ReportSource) -> String {
    in_english(|| time_source_words(source))
}

/// `say` in English, then back to the page's language.
fn in_english<T>(say: impl FnOnce() -> T) -> T {
    in_language(&Rc::new(Catalogue::english()), say)
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
        clean(&say!("{how} of {host}", how, host), MAX_SOURCE_CHARS)
    }
}

/// What an old `#report=` link's sentence for its time source can be taken as: how the
/// source gave its time when the sentence says it in this page's own words (as older pages
/// wrote it, `the HTTP Date header (1 s resolution) of https://time.example/now`), and the
/// host when what follows `of` is an address or a host name ([`is_host_name`]). Everything
/// else in the sender's text is dropped. Old links were written in English, so they are read
/// in English whatever the page speaks.
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
    (in_english(|| claimed_kind(how)), host)
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
        SourceKind::JsonField => Words("a JSON field in the body").text(),
        SourceKind::Unknown => UNKNOWN_SOURCE.text(),
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
        return UNKNOWN_TIME.text();
    }
    OffsetDateTime::from_unix_timestamp(seconds as i64)
        .map_or_else(|_| UNKNOWN_TIME.text(), date_time_words)
}
