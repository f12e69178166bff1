//! Permalink round trips, hostile fragments and the plain-text report.

use super::MAX_SOURCE_CHARS;
use super::*;
use crate::lang::Lang;
use crate::measure::SourceFacts;
use crate::platform::Platform;
use crate::source::ReadingOrigin;
use crate::verdict::Verdict;
use crate::words::catalogue::{Catalogue, key};
use crate::words::{
    client_language_line, damage_words, in_language, report_error_words, report_text,
    time_source_words,
};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

#[test]
fn details_are_dropped_for_the_link_and_recomputed_from_the_numbers() {
    let report = Report {
        measured_at_ms: 1_795_708_325_002.0,
        device_time_ms: 1_795_708_685_002.0,
        offset_ms: 360_000,
        uncertainty_ms: 6,
        source: ReportSource::Claimed("the HTTP Date header of https://example.com/".to_owned()),
        device: "iPad (iPadOS 17.4), Safari 17.4".to_owned(),
        platform: Platform::IPadOs,
        ticket: Some("T-1".to_owned()),
        label: None,
        verdicts: vec![
            ServiceVerdict {
                service: "Kerberos".to_owned(),
                service_id: "kerberos".to_owned(),
                verdict: ReportedVerdict::Rejected,
                detail: "1 min beyond the limit — KRB_AP_ERR_SKEW: “Clock skew too great”"
                    .to_owned(),
            },
            ServiceVerdict {
                service: "NAS".to_owned(),
                service_id: "custom".to_owned(),
                verdict: ReportedVerdict::Ok,
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

/// A report as a `#report=` link carries it: its time source is the link's text.
fn sample() -> Report {
    Report {
        measured_at_ms: 1_795_701_807_000.0,
        device_time_ms: 1_795_702_779_000.0,
        offset_ms: 972_000,
        uncertainty_ms: 400,
        source: ReportSource::Claimed(
            "the HTTP Date header (1 s resolution) of https://example.com/tools/clock/".to_owned(),
        ),
        device: "iPad (iPadOS 17.4), Safari 17.4".to_owned(),
        platform: Platform::IPadOs,
        ticket: Some("T-1234".to_owned()),
        label: None,
        verdicts: vec![
            ServiceVerdict {
                service: "Amazon S3".to_owned(),
                service_id: "s3".to_owned(),
                verdict: ReportedVerdict::Rejected,
                detail: "RequestTimeTooSkewed".to_owned(),
            },
            ServiceVerdict {
                service: "Kerberos".to_owned(),
                service_id: "kerberos".to_owned(),
                verdict: ReportedVerdict::Rejected,
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

/// [`sample`] as the measuring page made it: its time source is what the page measured.
fn measured_sample() -> Report {
    Report {
        source: ReportSource::Measured(SourceFacts {
            origin: Some(ReadingOrigin::DateHeader),
            url: "https://example.com/tools/clock/".to_owned(),
        }),
        ..sample()
    }
}

#[test]
fn text_contains_every_part() {
    let text = report_text(&measured_sample(), Lang::En);
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

/// A catalogue for `lang` translating `english` to `said`.
fn one_template(lang: Lang, english: &str, said: &str) -> std::rc::Rc<Catalogue> {
    let json = serde_json::json!({ format!("{:05x}", key(english)): said }).to_string();
    std::rc::Rc::new(Catalogue::parse(lang, &json).expect("a catalogue"))
}

#[test]
fn the_report_names_the_pages_language_when_it_is_not_the_reports() {
    let report = measured_sample();
    let english = report_text(&report, Lang::En);
    assert!(!english.contains("Page language"), "{english}");
    assert_eq!(
        report_text(&report, Lang::De),
        format!("{english}\nPage language: Deutsch (de)")
    );
    assert_eq!(client_language_line(Lang::Ja), "Page language: 日本語 (ja)");
    // Said in the report's language (German here): no line when the page spoke it too.
    let german = one_template(Lang::De, "Device: {device}", "Gerät: {device}");
    let same = in_language(&german, || report_text(&report, Lang::De));
    assert!(
        same.contains("\nGerät: iPad") && !same.contains("Page language"),
        "{same}"
    );
    let other = in_language(&german, || report_text(&report, Lang::En));
    assert!(other.ends_with("\nPage language: English (en)"), "{other}");
}

#[test]
fn a_links_time_source_is_written_in_english_whatever_the_page_speaks() {
    let report = Report {
        source: ReportSource::Linked {
            kind: SourceKind::Unknown,
            host: String::new(),
        },
        ..sample()
    };
    let german = one_template(Lang::De, "the time source", "die Zeitquelle");
    let fragment = in_language(&german, || encode_fragment(&report));
    let text = in_language(&german, || time_source_words(&report.source));
    assert_eq!(text, "die Zeitquelle");
    let restored = decode_fragment(&fragment).expect("readable");
    assert_eq!(
        restored.source,
        ReportSource::Claimed("the time source".to_owned())
    );
}

#[test]
fn an_old_links_english_sentence_is_read_whatever_the_page_speaks() {
    let german = one_template(Lang::De, "a JSON field in the body", "ein JSON-Feld");
    let claimed = ReportSource::Claimed("a JSON field in the body of time.example".to_owned());
    assert_eq!(
        in_language(&german, || time_source_words(&claimed)),
        "ein JSON-Feld of time.example"
    );
}

#[test]
fn text_handles_slow_within_and_no_reference() {
    let mut report = sample();
    report.offset_ms = -3_000;
    report.ticket = None;
    let text = report_text(&report, Lang::En);
    assert!(text.starts_with("skewcheck result\n"), "{text}");
    assert!(text.contains("3.0 s slow (± 400 ms)"), "{text}");
    report.offset_ms = 300;
    assert!(report_text(&report, Lang::En).contains("right to within 400 ms —"));
    report.measured_at_ms = f64::NAN;
    assert!(report_text(&report, Lang::En).contains("Measured: an unknown time"));
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
    let version = report_error_words(&tamper(&|v| v["v"] = json!(2)).unwrap_err());
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
    assert_eq!(report.ticket.as_deref(), Some("T-1"));
    assert_eq!(report.platform.id(), "unknown");
}

#[test]
fn malformed_messages_do_not_echo_control_characters() {
    let fragment = format!(
        "#report={}",
        URL_SAFE_NO_PAD.encode(format!(r#"{{"v":1,"t":"{}\u0007"}}"#, "y".repeat(500)))
    );
    let Err(ReportError::Malformed(damage)) = decode_fragment(&fragment) else {
        panic!("expected Malformed");
    };
    let message = damage_words(&damage);
    assert!(message.chars().count() <= 120 && !message.contains('\u{7}'));
}

#[test]
fn oversized_reports_are_cut_to_fit() {
    let mut report = sample();
    report.source = ReportSource::Claimed("ü".repeat(1_000));
    report.verdicts = vec![report.verdicts[0].clone(); 30];
    let decoded = decode_fragment(&encode_fragment(&report)).unwrap();
    let source = decoded.source.claim().unwrap_or_default();
    assert_eq!(source.chars().count(), MAX_SOURCE_CHARS);
    assert!(source.ends_with('…'));
    assert!(!decoded.verdicts.is_empty() && decoded.verdicts.len() <= MAX_VERDICTS);
}

/// A permalink made by the version that stored verdicts and platforms as checked strings
/// (before they became enums): every verdict word, and detail lines left out.
const PERMALINK_FROM_STRING_FIELDS: &str = concat!(
    "report=eyJ2IjoxLCJ0IjoxNzk1NzAxODA3MDAwLCJkIjoxNzk1NzAyNzc5MDAwLCJvIjo5NzIwMDAsI",
    "nUiOjQwMCwicyI6InRoZSBIVFRQIERhdGUgaGVhZGVyICgxIHMgcmVzb2x1dGlvbikgb2YgaHR0cHM6L",
    "y9leGFtcGxlLmNvbS90b29scy9jbG9jay8iLCJkdiI6ImlQYWQgKGlQYWRPUyAxNy40KSwgU2FmYXJpI",
    "DE3LjQiLCJwIjoiaXBhZG9zIiwiciI6IlQtMTIzNCIsInZzIjpbeyJuIjoiUzAiLCJpZCI6InMwIiwid",
    "iI6Im9rIiwieCI6IiJ9LHsibiI6IlMxIiwiaWQiOiJzMSIsInYiOiJ3YXJuaW5nIiwieCI6IiJ9LHsib",
    "iI6IlMyIiwiaWQiOiJzMiIsInYiOiJyZWplY3RlZCIsIngiOiIifSx7Im4iOiJTMyIsImlkIjoiczMiL",
    "CJ2IjoidW5rbm93biIsIngiOiIifSx7Im4iOiJLZXJiZXJvcyIsImlkIjoia2VyYmVyb3MiLCJ2Ijoic",
    "mVqZWN0ZWQiLCJ4IjoiIn1dfQ",
);

/// Links already sent keep opening, and the wire format is unchanged: the old fragment
/// decodes to the same values and encodes back to the very same text.
#[test]
fn permalinks_made_before_typed_fields_still_decode() {
    let report = decode_fragment(PERMALINK_FROM_STRING_FIELDS).unwrap();
    assert_eq!(report.platform, Platform::IPadOs);
    assert_eq!(report.offset_ms, 972_000);
    assert_eq!(report.uncertainty_ms, 400);
    assert_eq!(report.ticket.as_deref(), Some("T-1234"));
    let verdicts: Vec<(&str, ReportedVerdict)> = report
        .verdicts
        .iter()
        .map(|verdict| (verdict.service_id.as_str(), verdict.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("s0", ReportedVerdict::Ok),
            ("s1", ReportedVerdict::Warning),
            ("s2", ReportedVerdict::Rejected),
            ("s3", ReportedVerdict::Unknown),
            ("kerberos", ReportedVerdict::Rejected),
        ]
    );
    assert_eq!(encode_fragment(&report), PERMALINK_FROM_STRING_FIELDS);
    let restored = report.with_recomputed_details();
    assert!(
        restored.verdicts[4].detail.contains("KRB_AP_ERR_SKEW"),
        "{}",
        restored.verdicts[4].detail
    );
}

/// The words on the wire are the DOM contract's `data-verdict` words.
#[test]
fn reported_verdicts_use_the_verdict_words() {
    for verdict in [
        Verdict::Ok,
        Verdict::Warning,
        Verdict::Rejected,
        Verdict::Unknown,
    ] {
        let reported = ReportedVerdict::from(verdict);
        assert_eq!(
            serde_json::to_value(reported).unwrap(),
            json!(verdict.as_str())
        );
        assert_eq!(reported.verdict(), Some(verdict));
    }
    let other: ReportedVerdict = serde_json::from_value(json!("fine")).unwrap();
    assert_eq!(other, ReportedVerdict::Other);
    assert_eq!(other.verdict(), None);
}

mod claim;
pub(crate) mod compact;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
