//! The compact permalink: round trips, the length budget, old links, hostile fields.

use super::super::*;
use crate::lang::Lang;
use crate::measure::SourceFacts;
use crate::outcomes::service_results;
use crate::platform::Platform;
use crate::sample::OffsetInterval;
use crate::source::{BodyFormat, EpochUnit, ReadingOrigin};
use crate::verdict::{Service, service_by_id};
use crate::words::{report_text, time_source_words};

/// The page a technician's client typically opens.
const TYPICAL_PAGE: &str = "https://support.example.com/clock/";

/// A report as the measuring page writes it: every service's verdict, name and line (the
/// field sheet's tests use it too).
pub(crate) fn measured(primary: &Service, offset_ms: i64, uncertainty_ms: u64) -> Report {
    let measured_at_ms = 1_795_701_807_123.0;
    let interval = OffsetInterval::around(offset_ms as f64, uncertainty_ms as f64);
    Report {
        measured_at_ms,
        device_time_ms: measured_at_ms + offset_ms as f64,
        offset_ms,
        uncertainty_ms,
        source: ReportSource::Measured(SourceFacts {
            origin: Some(ReadingOrigin::DateHeader),
            url: format!("{TYPICAL_PAGE}time"),
        }),
        device: "iPad (iPadOS 17.4), Safari 17.4".to_owned(),
        platform: Platform::IPadOs,
        ticket: Some("T-1234".to_owned()),
        label: None,
        verdicts: service_results(primary, interval)
            .into_iter()
            .map(ServiceVerdict::from)
            .collect(),
    }
}

fn s3() -> Service {
    service_by_id("s3")
        .cloned()
        .expect("S3 is in the catalogue")
}

#[test]
fn a_typical_permalink_fits_the_budget_and_is_mostly_qr_alphanumeric() {
    let report = measured(&s3(), 16 * 60_000 + 312, 420);
    let compact = format!("{TYPICAL_PAGE}#{}", encode_compact(&report));
    let old = format!(
        "{TYPICAL_PAGE}#{}",
        encode_fragment(&report.without_details())
    );
    assert!(
        compact.len() <= PERMALINK_BUDGET_CHARS,
        "{} chars: {compact}",
        compact.len()
    );
    assert!(compact.len() * 5 < old.len(), "{compact} vs {old}");
    let fragment = compact.split_once('#').map(|(_, f)| f).unwrap_or_default();
    assert!(
        fragment
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || "$%*+-./:".contains(c)),
        "{fragment}"
    );
}

#[test]
fn the_compact_payload_round_trips_what_was_measured() {
    let kerberos = service_by_id("kerberos")
        .cloned()
        .expect("in the catalogue");
    for (primary, offset, uncertainty) in [
        (s3(), 16 * 60_000 + 312, 420),
        (s3(), -1_795_708_325_002, 3),
        (kerberos.with_limit(600_000), -61_000, 0),
        (Service::custom(Some("Backup NAS/2 ü"), 90_000), 5, 1_000),
        (Service::custom(None, 90_000), 5, 1_000),
    ] {
        let report = measured(&primary, offset, uncertainty);
        let fragment = encode_compact(&report);
        let decoded = decode_fragment(&format!("#{fragment}")).unwrap();
        assert_eq!(decoded.measured_at_ms, report.measured_at_ms.round());
        assert_eq!(decoded.device_time_ms, report.device_time_ms.round());
        assert_eq!(decoded.offset_ms, report.offset_ms);
        assert_eq!(decoded.uncertainty_ms, report.uncertainty_ms);
        assert_eq!(decoded.platform, report.platform);
        assert_eq!(decoded.ticket, report.ticket);
        assert_eq!(decoded.device, "iPad");
        assert_eq!(
            time_source_words(&decoded.source),
            "the HTTP Date header (1 s resolution) of support.example.com"
        );
        // Every service, name, verdict and line is rebuilt exactly as the page wrote it.
        assert_eq!(decoded.verdicts, report.verdicts, "{fragment}");
        assert_eq!(
            decoded.clone().with_recomputed_details().verdicts,
            report.clone().with_recomputed_details().verdicts
        );
        assert_eq!(encode_compact(&decoded), fragment);
    }
}

#[test]
fn references_and_hosts_keep_their_characters() {
    let mut report = measured(&s3(), 1, 1);
    report.ticket = Some("case 5/a%b “x”".to_owned());
    report.source = ReportSource::Measured(SourceFacts {
        origin: Some(ReadingOrigin::Body(BodyFormat::EpochNumber(
            EpochUnit::Milliseconds,
        ))),
        url: "http://[::1]:8080/now".to_owned(),
    });
    assert_eq!(
        time_source_words(&report.source),
        "epoch milliseconds in the body of http://[::1]:8080/now"
    );
    let decoded = decode_fragment(&encode_compact(&report)).unwrap();
    assert_eq!(decoded.ticket, report.ticket);
    assert_eq!(
        time_source_words(&decoded.source),
        "epoch milliseconds in the body of [::1]:8080"
    );
    report.ticket = None;
    report.source = ReportSource::Claimed("something else".to_owned());
    let decoded = decode_fragment(&encode_compact(&report)).unwrap();
    assert_eq!(decoded.ticket, None);
    assert_eq!(time_source_words(&decoded.source), "the time source");
}

#[test]
fn old_permalinks_still_open() {
    let measured = measured(&s3(), 16 * 60_000, 420);
    // An older page wrote its time source as a sentence, which its link now carries as
    // the link's words; the wire format is the same either way.
    let report = Report {
        source: ReportSource::Claimed(time_source_words(&measured.source)),
        ..measured.clone()
    };
    let old = encode_fragment(&report.without_details());
    assert_eq!(old, encode_fragment(&measured.without_details()));
    assert!(old.starts_with("report="));
    assert!(is_report_fragment(&format!("#{old}")));
    assert!(is_report_fragment(&encode_compact(&report)));
    assert!(!is_report_fragment("#section-2"));
    let decoded = decode_fragment(&old).unwrap().with_recomputed_details();
    assert_eq!(decoded.offset_ms, report.offset_ms);
    assert_eq!(decoded.device, report.device);
    assert_eq!(decoded, report.with_recomputed_details());
}

/// The compact fragment `good` with field `index` (after the prefix) replaced by `value`.
fn with_field(good: &str, index: usize, value: &str) -> String {
    let mut fields: Vec<&str> = good
        .strip_prefix(COMPACT_PREFIX)
        .unwrap()
        .split('/')
        .collect();
    fields[index] = value;
    format!("{COMPACT_PREFIX}{}", fields.join("/"))
}

#[test]
fn edited_or_broken_compact_fields_are_refused() {
    let good = encode_compact(&measured(&s3(), 16 * 60_000, 420));
    let with = |index: usize, value: &str| with_field(&good, index, value);
    for (fragment, why) in [
        (with(2, "0"), "an edited offset"),
        (with(0, "ZZZZZZZZZZZZZZZZZ"), "a number beyond i64"),
        (with(0, "+1"), "a sign no version writes"),
        (with(3, "-1"), "a negative uncertainty"),
        (with(4, "PALMOS"), "an unknown platform"),
        (with(5, "FTP"), "an unknown service"),
        (with(6, "Q"), "an unknown source kind"),
        (with(8, "%E2%80"), "text that is not UTF-8"),
        (with(8, "%G1"), "a % without hex digits"),
        (format!("{good}/X/Y/Z"), "too many fields"),
        (COMPACT_PREFIX.to_owned(), "nothing at all"),
    ] {
        assert!(decode_fragment(&fragment).is_err(), "{why}: {fragment}");
    }
}

/// A compact link's host is a host name or nothing: words dressed as a host
/// (`evil.example/“Call us”`) make the link damaged, and real host names still open.
#[test]
fn a_compact_host_that_is_not_a_host_name_is_refused() {
    let good = encode_compact(&measured(&s3(), 16 * 60_000, 420));
    let with_host = |host: &str| with_field(&good, 7, host);
    for host in [
        // evil.example/“Call us”, escaped as a page would write it
        "EVIL.EXAMPLE%2F%E2%80%9CCALL%20US%E2%80%9D",
        "EVIL.EXAMPLE%20CALL%20US",
        "USER%40EVIL.EXAMPLE",
        "EVIL.EXAMPLE:",
        "EVIL.EXAMPLE:PORT",
        "EVIL..EXAMPLE",
        "%E2%80%AEELPMAXE.LIVE",
    ] {
        let error = decode_fragment(&with_host(host)).unwrap_err();
        assert_eq!(error, ReportError::Malformed(Damage::NotAHost), "{host}");
        let words = crate::words::report_error_words(&error);
        assert!(words.contains("damaged"), "{words}");
    }
    for (host, shown) in [
        ("TIME.EXAMPLE.COM:8443", "time.example.com:8443"),
        ("XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example"),
        ("%5B::1%5D:8080", "[::1]:8080"),
        ("", ""),
    ] {
        let decoded = decode_fragment(&with_host(host)).unwrap();
        assert!(
            time_source_words(&decoded.source).ends_with(shown),
            "{host}: {}",
            time_source_words(&decoded.source)
        );
    }
}

/// What `check.sh` measures on a server: a command line, its host name as the label.
fn from_a_command_line(label: &str, ticket: &str) -> Report {
    Report {
        platform: Platform::CommandLine,
        device: Platform::CommandLine.name().to_owned(),
        label: Some(label.to_owned()),
        ticket: Some(ticket.to_owned()),
        ..measured(&s3(), -990_012, 48)
    }
}

#[test]
fn a_command_line_result_round_trips_with_its_label() {
    let report = from_a_command_line("perth-sync-01", "T-1234");
    let fragment = encode_compact(&report);
    assert!(fragment.contains("/CLI/"), "{fragment}");
    let decoded = decode_fragment(&fragment).unwrap();
    assert_eq!(decoded.platform, Platform::CommandLine);
    assert_eq!(decoded.label.as_deref(), Some("perth-sync-01"));
    assert_eq!(decoded.ticket.as_deref(), Some("T-1234"));
    assert_eq!(decoded.offset_ms, -990_012);
    assert_eq!(encode_compact(&decoded), fragment);
    let text = report_text(&decoded.with_recomputed_details(), Lang::En);
    assert!(
        text.contains("Device: measured from a command line (check.sh) on “perth-sync-01” (the sender's label)"),
        "{text}"
    );
    assert!(
        text.contains("That machine's clock: 16 min 30 s slow"),
        "{text}"
    );
    assert!(text.contains("Amazon S3: REJECTED"), "{text}");
}

#[test]
fn a_command_line_result_with_the_longest_label_and_ticket_fits_the_budget() {
    // Lower case is escaped (3 chars a letter): the worst a cleaned label can cost, beside
    // a long ticket number (check.sh cuts the label, then the ticket, beyond 400 chars).
    let label = "a".repeat(MAX_LABEL_CHARS);
    let ticket = "INC-0001234567-A";
    let kerberos = service_by_id("kerberos")
        .cloned()
        .unwrap()
        .with_limit(600_000);
    let report = Report {
        verdicts: service_results(
            &kerberos,
            OffsetInterval::around(-1_795_708_325_002.0, 1_000.0),
        )
        .into_iter()
        .map(ServiceVerdict::from)
        .collect(),
        offset_ms: -1_795_708_325_002,
        uncertainty_ms: 1_000,
        ..from_a_command_line(&label, ticket)
    };
    let report = Report {
        device_time_ms: report.measured_at_ms - 1_795_708_325_002.0,
        ..report
    };
    let link = format!("{TYPICAL_PAGE}#{}", encode_compact(&report));
    assert!(
        link.len() <= PERMALINK_BUDGET_CHARS,
        "{} chars: {link}",
        link.len()
    );
    assert_eq!(
        decode_fragment(&link[TYPICAL_PAGE.len()..]).unwrap().label,
        Some(label)
    );
}

#[test]
fn a_link_from_before_labels_still_opens() {
    // Written by the encoder before the label field (10 fields at most).
    let old = "R1/MWXMHQ1F/MWXN2B0R/KKZC/BO/IPADOS/S3/D/SUPPORT.EXAMPLE.COM/T-1234";
    let decoded = decode_fragment(old).unwrap();
    assert_eq!(decoded.platform, Platform::IPadOs);
    assert_eq!(decoded.label, None);
    assert_eq!(decoded.ticket.as_deref(), Some("T-1234"));
    assert_eq!(encode_compact(&decoded), old);
    assert!(report_text(&decoded, Lang::En).contains("Device: iPad"));
}

#[test]
fn a_hostile_label_is_cleaned_or_refused() {
    let hostile = from_a_command_line("srv\u{202e}lmth.exe\u{7}\u{200b}", "T-1");
    let decoded = decode_fragment(&encode_compact(&hostile)).unwrap();
    let label = decoded.label.clone().unwrap();
    assert!(
        !label
            .chars()
            .any(|c| c.is_control() || ('\u{200b}'..='\u{206f}').contains(&c)),
        "{label:?}"
    );
    // A label longer than the cap is cut on encoding, refused when a link carries it.
    let long = from_a_command_line(&"x".repeat(200), "T-1");
    let decoded = decode_fragment(&encode_compact(&long)).unwrap();
    assert_eq!(decoded.label.unwrap().chars().count(), MAX_LABEL_CHARS);
    let fields = encode_compact(&from_a_command_line("x", "T-1"));
    let edited = format!("{}{}", fields.strip_suffix("%78").unwrap(), "X".repeat(41));
    assert_eq!(
        decode_fragment(&edited),
        Err(ReportError::Invalid(Flaw::TextTooLong))
    );
    // An empty label is no label.
    let empty = from_a_command_line("", "T-1");
    assert_eq!(
        decode_fragment(&encode_compact(&empty)).unwrap().label,
        None
    );
}

#[test]
fn a_typical_permalink_with_a_40_character_device_name_fits_the_budget() {
    let mut report = measured(&s3(), 16 * 60_000 + 312, 420);
    // Lower case and punctuation are escaped (three chars each): about the longest name.
    report.label = Some("Reception iPad, ground floor, desk 12 ab".to_owned());
    assert_eq!(
        report.label.as_deref().map(|l| l.chars().count()),
        Some(MAX_LABEL_CHARS)
    );
    let link = format!("{TYPICAL_PAGE}#{}", encode_compact(&report));
    assert!(
        link.len() <= PERMALINK_BUDGET_CHARS,
        "{} chars: {link}",
        link.len()
    );
    let fragment = link.split_once('#').map(|(_, f)| f).unwrap_or_default();
    assert_eq!(decode_fragment(fragment).map(|r| r.label), Ok(report.label));
}
