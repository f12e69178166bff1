//! A permalink is a claim: edited numbers are refused, verdicts are recomputed, services
//! this page cannot rebuild are only the sender's word, and clocks reset to 1970 open.

use super::super::*;
use crate::lang::Lang;
use crate::platform::Platform;
use crate::verdict::Verdict;
use crate::words::{report_error_words, report_text};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

/// A genuine report's numbers, around a device `offset_ms` off, with a stored verdict word.
fn claiming(offset_ms: i64, id: &str, name: &str, stored: ReportedVerdict) -> Report {
    let measured_at_ms = 1_795_708_325_002.0;
    Report {
        measured_at_ms,
        device_time_ms: measured_at_ms + offset_ms as f64,
        offset_ms,
        uncertainty_ms: 300,
        source: ReportSource::Claimed("the HTTP Date header of https://example.com/".to_owned()),
        device: "iPad".to_owned(),
        platform: Platform::IPadOs,
        ticket: None,
        label: None,
        verdicts: vec![ServiceVerdict {
            service: name.to_owned(),
            service_id: id.to_owned(),
            verdict: stored,
            detail: String::new(),
        }],
    }
}

/// An offset edited after the page wrote it no longer matches the two times beside it.
#[test]
fn an_edited_offset_is_refused_with_a_clear_message() {
    let mut forged = claiming(3_000, "s3", "Amazon S3", ReportedVerdict::Ok);
    forged.offset_ms = 20 * 60_000;
    let error = decode_fragment(&encode_fragment(&forged)).unwrap_err();
    assert!(matches!(error, ReportError::Invalid(_)), "{error:?}");
    let message = report_error_words(&error);
    assert!(
        message.contains("device time, measurement time and offset do not agree"),
        "{message}"
    );
    // Within the uncertainty and the rounding, a genuine report still opens.
    let mut rounded = claiming(3_000, "s3", "Amazon S3", ReportedVerdict::Ok);
    rounded.device_time_ms += 302.0;
    assert!(decode_fragment(&encode_fragment(&rounded)).is_ok());
    rounded.device_time_ms += 2.0;
    assert!(decode_fragment(&encode_fragment(&rounded)).is_err());
}

/// Offset and device time edited together, the stored word still "ok": the verdict shown
/// is the one the numbers imply.
#[test]
fn stored_verdict_words_are_recomputed_from_the_numbers() {
    let forged = claiming(
        20 * 60_000,
        "s3",
        "Amazon S3 — all fine",
        ReportedVerdict::Ok,
    );
    let report = decode_fragment(&encode_fragment(&forged.without_details()))
        .unwrap()
        .with_recomputed_details();
    let line = &report.verdicts[0];
    assert_eq!(line.verdict, ReportedVerdict::Rejected);
    assert_eq!(
        line.service, "Amazon S3",
        "the catalogue's name, not the link's"
    );
    assert!(
        line.detail.contains("RequestTimeTooSkewed"),
        "{}",
        line.detail
    );
    assert_eq!(report.finding(line), Finding::Recomputed(Verdict::Rejected));
    let text = report_text(&report, Lang::En);
    assert!(text.contains("Amazon S3: REJECTED"), "{text}");
    assert!(!text.contains("OK"), "{text}");
    // Even unrecomputed, the text never repeats a catalogue verdict the numbers deny.
    assert!(report_text(&forged, Lang::En).contains("Amazon S3 — all fine: REJECTED"));
}

/// A link's limit travels in the id, so the verdict is rebuilt against the same limit and
/// named as the link's; a custom service's name stays the link's words.
#[test]
fn link_limits_and_custom_services_are_rebuilt() {
    let limited = claiming(
        12 * 60_000,
        "s3-limit-600000",
        "Backup NAS",
        ReportedVerdict::Ok,
    )
    .with_recomputed_details();
    assert_eq!(limited.verdicts[0].verdict, ReportedVerdict::Rejected);
    assert_eq!(
        limited.verdicts[0].service,
        "Amazon S3 (limit set by this link)"
    );
    let custom = claiming(
        12 * 60_000,
        "custom-limit-1000000",
        "Amazon S3. Call +1 555 0100",
        ReportedVerdict::Rejected,
    )
    .with_recomputed_details();
    assert_eq!(custom.verdicts[0].verdict, ReportedVerdict::Ok);
    assert_eq!(
        custom.verdicts[0].service,
        "“Amazon S3. Call +1 555 0100” (named by the link)"
    );
    assert_eq!(
        custom.clone().with_recomputed_details(),
        custom,
        "recomputing twice changes nothing"
    );
}

/// A service this page cannot rebuild keeps its stored word, shown only as a claim.
#[test]
fn unknown_services_are_only_the_senders_claim() {
    let report = claiming(20 * 60_000, "custom", "Backup NAS", ReportedVerdict::Ok)
        .with_recomputed_details();
    let line = &report.verdicts[0];
    assert_eq!(line.service, "“Backup NAS” (named by the link)");
    assert_eq!(report.finding(line), Finding::Claimed(Some(Verdict::Ok)));
    assert_eq!(report.finding(line).verdict(), Verdict::Unknown);
    let text = report_text(&report, Lang::En);
    assert!(
        text.contains("“Backup NAS” (named by the link): NOT CHECKED (the link says OK)"),
        "{text}"
    );
}

/// The worst clocks are the ones worth reporting: a device reset to 1970 or 2000.
#[test]
fn permalinks_from_clocks_reset_to_1970_or_2000_open() {
    for device_time_ms in [0.0, 946_684_800_000.0, -1_000.0] {
        let mut report = claiming(0, "s3", "Amazon S3", ReportedVerdict::Rejected);
        report.device_time_ms = device_time_ms;
        #[expect(clippy::cast_possible_truncation, reason = "whole ms well within i64")]
        let offset_ms = (device_time_ms - report.measured_at_ms) as i64;
        report.offset_ms = offset_ms;
        let decoded = decode_fragment(&encode_fragment(&report)).unwrap();
        assert_eq!(decoded.device_time_ms, device_time_ms);
        let restored = decoded.with_recomputed_details();
        assert_eq!(restored.verdicts[0].verdict, ReportedVerdict::Rejected);
        assert!(report_text(&restored, Lang::En).contains("slow"));
    }
    let mut implausible = claiming(0, "s3", "Amazon S3", ReportedVerdict::Ok);
    implausible.measured_at_ms = 0.0;
    implausible.device_time_ms = 0.0;
    let error = decode_fragment(&encode_fragment(&implausible)).unwrap_err();
    let message = report_error_words(&error);
    assert!(message.contains("measurement time"), "{message}");
}

/// Link words in a report lose invisible characters like any other text.
#[test]
fn decoding_strips_invisible_characters() {
    let mut value = serde_json::to_value(claiming(0, "s3", "x", ReportedVerdict::Ok)).unwrap();
    value["v"] = json!(1);
    value["r"] = json!("T-\u{200B}12\u{FEFF}34\u{00AD}");
    value["vs"][0]["n"] = json!("Amazon\u{2060} S3");
    let fragment = format!("#report={}", URL_SAFE_NO_PAD.encode(value.to_string()));
    let report = decode_fragment(&fragment).unwrap();
    assert_eq!(report.ticket.as_deref(), Some("T-1234"));
    assert_eq!(report.verdicts[0].service, "Amazon S3");
}

/// An old `#report=` link's free text (its source sentence, its device, an unknown
/// service's name and line) never reads as the page's own words: the device line is the
/// platform's name, the source only what can be typed out of the sentence, and the rest
/// is quoted, short, as the link's.
#[test]
fn an_old_links_free_text_is_not_shown_in_the_pages_voice() {
    const SENTENCE: &str = "Your clock is fine. Call +1 555 0100";
    let mut value = serde_json::to_value(claiming(
        20 * 60_000,
        "acme-backup",
        "Backup",
        ReportedVerdict::Ok,
    ))
    .unwrap();
    value["v"] = json!(1);
    value["s"] = json!(SENTENCE);
    value["dv"] = json!(format!("iPad. {SENTENCE}"));
    value["vs"][0]["n"] = json!(format!("Backup” {SENTENCE} “"));
    value["vs"][0]["x"] = json!(format!("{SENTENCE} {}", "and more ".repeat(15)));
    let fragment = format!("#report={}", URL_SAFE_NO_PAD.encode(value.to_string()));
    let report = decode_fragment(&fragment)
        .unwrap()
        .with_recomputed_details();
    let text = report_text(&report, Lang::En);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"Time source: the time source"), "{text}");
    assert!(lines.contains(&"Device: iPad"), "{text}");
    // What remains of the sender's words is inside one quotation each, and short.
    for line in lines.iter().filter(|line| line.contains("Call")) {
        let mut outside = String::new();
        let mut depth = 0;
        let mut quoted_chars = 0;
        for c in line.chars() {
            match c {
                '“' => depth += 1,
                '”' => depth -= 1,
                _ if depth > 0 => quoted_chars += 1,
                _ => outside.push(c),
            }
            assert!(depth <= 1, "{line}");
            assert!(quoted_chars <= 2 * crate::text::MAX_QUOTED_CHARS, "{line}");
        }
        assert!(!outside.contains("Call"), "{line}");
    }
}

/// A sentence an older page wrote for its time source is rebuilt from what it names.
#[test]
fn an_old_links_source_sentence_is_rebuilt_from_its_kind_and_host() {
    let source = |text: &str| {
        let mut value = serde_json::to_value(claiming(0, "s3", "x", ReportedVerdict::Ok)).unwrap();
        value["v"] = json!(1);
        value["s"] = json!(text);
        let fragment = format!("#report={}", URL_SAFE_NO_PAD.encode(value.to_string()));
        crate::words::time_source_words(&decode_fragment(&fragment).unwrap().source)
    };
    for (sentence, shown) in [
        (
            "the HTTP Date header (1 s resolution) of https://example.com/tools/clock/",
            "the HTTP Date header (1 s resolution) of example.com",
        ),
        (
            "epoch milliseconds in the body of https://user@time.example:8443/now?x=“Call”",
            "epoch milliseconds in the body of time.example:8443",
        ),
        (
            "the JSON field “unixtime” of https://worldtimeapi.org/api/ip",
            "a JSON field in the body of worldtimeapi.org",
        ),
        (
            "epoch seconds in the body of evil.example/“Call us”",
            "epoch seconds in the body",
        ),
        ("Your clock is fine. Call +1 555 0100", "the time source"),
        ("", "the time source"),
    ] {
        assert_eq!(source(sentence), shown, "{sentence}");
    }
}
