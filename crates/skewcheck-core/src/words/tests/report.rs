//! A report and a refused link in words: the time source as facts or as the link's words,
//! and the messages for links that cannot be used.

use crate::measure::SourceFacts;
use crate::report::{
    Damage, Flaw, NumberField, ReportError, ReportSource, SourceKind, decode_fragment,
};
use crate::source::{BodyFormat, EpochUnit, ReadingOrigin};
use crate::words::{report_error_words, time_source_words};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

#[test]
fn a_measured_source_is_the_measurements_sentence() {
    let measured = ReportSource::Measured(SourceFacts {
        origin: Some(ReadingOrigin::DateHeader),
        url: "https://time.example.com/now".to_owned(),
    });
    assert_eq!(
        time_source_words(&measured),
        "the HTTP Date header (1 s resolution) of https://time.example.com/now"
    );
    let unknown = ReportSource::Measured(SourceFacts {
        origin: None,
        url: "https://time.example.com/now".to_owned(),
    });
    assert_eq!(
        time_source_words(&unknown),
        "the time source of https://time.example.com/now"
    );
}

#[test]
fn a_compact_links_source_is_its_kind_and_host() {
    let linked = |kind, host: &str| ReportSource::Linked {
        kind,
        host: host.to_owned(),
    };
    let seconds = SourceKind::Read(ReadingOrigin::Body(BodyFormat::EpochNumber(
        EpochUnit::Seconds,
    )));
    assert_eq!(
        time_source_words(&linked(seconds, "time.example.com")),
        "epoch seconds in the body of time.example.com"
    );
    assert_eq!(
        time_source_words(&linked(SourceKind::JsonField, "")),
        "a JSON field in the body"
    );
    assert_eq!(
        time_source_words(&linked(SourceKind::Unknown, "x\u{202E}y")),
        "the time source of xy",
        "a link's host is cleaned like any link text"
    );
}

#[test]
fn an_old_links_source_is_only_what_it_names() {
    let claimed = ReportSource::Claimed("the “HTTP” Date header of https://x/".to_owned());
    assert_eq!(time_source_words(&claimed), "the time source of x");
    assert_eq!(
        time_source_words(&ReportSource::Claimed(String::new())),
        "the time source"
    );
}

fn refusal(json: &str) -> String {
    let fragment = format!("#report={}", URL_SAFE_NO_PAD.encode(json));
    report_error_words(&decode_fragment(&fragment).unwrap_err())
}

#[test]
fn refusals_read_as_they_always_did() {
    let damaged = "the result in this link is damaged (it may have been cut off when copied): ";
    let invalid = "the result in this link is not valid: ";
    let cases = [
        (
            ReportError::NotAReport,
            "this link does not contain a skewcheck result".to_owned(),
        ),
        (
            ReportError::TooLong,
            "the result in this link is too long to be genuine".to_owned(),
        ),
        (
            ReportError::Malformed(Damage::NotANumber(NumberField::DeviceTime)),
            format!("{damaged}its device time is not a number"),
        ),
        (
            ReportError::Malformed(Damage::BadEscape),
            format!("{damaged}a % is not followed by two hex digits"),
        ),
        (
            ReportError::Invalid(Flaw::ImplausibleMeasurementTime),
            format!("{invalid}the measurement time is not between 2000 and 2200"),
        ),
        (
            ReportError::Invalid(Flaw::UnknownVerdict),
            format!("{invalid}a verdict is not ok, warning, rejected or unknown"),
        ),
        (
            ReportError::Invalid(Flaw::OtherVersion { found: 2, read: 1 }),
            format!("{invalid}it was made by format version 2, and this page reads version 1"),
        ),
    ];
    for (error, expected) in cases {
        assert_eq!(report_error_words(&error), expected);
    }
    assert_eq!(
        report_error_words(&decode_fragment("#report=!!!").unwrap_err()),
        format!("{damaged}not base64 (Invalid symbol 33, offset 0.)")
    );
}

#[test]
fn the_limits_are_said_from_the_constants() {
    let numbers = r#""t":1795708325002,"d":1795708325002,"s":"","dv":"","p":"ios","vs":[]"#;
    assert_eq!(
        refusal(&format!(r#"{{"v":1,"o":{},"u":0,{numbers}}}"#, i64::MIN)),
        "the result in this link is not valid: the offset is more than ten thousand years"
    );
    assert_eq!(
        refusal(&format!(r#"{{"v":1,"o":0,"u":{},{numbers}}}"#, u64::MAX)),
        "the result in this link is not valid: the uncertainty is more than ten years"
    );
}
